/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-auth.h: tokens, roles and the per-token rate limit */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SITREP_SERVER_ROLE_NONE,
  SITREP_SERVER_ROLE_VIEWER,
  SITREP_SERVER_ROLE_RESPONDER,
  SITREP_SERVER_ROLE_ADMIN,
} SitrepServerRole;

typedef struct _SitrepServerRateLimiter SitrepServerRateLimiter;

SitrepServerRole         sitrep_server_role_from_string    (const char *text);
gboolean                 sitrep_server_token_name_is_valid (const char *name);
char                    *sitrep_server_token_generate      (GError    **error);
char                    *sitrep_server_token_hash          (const char *token);
char                    *sitrep_server_bearer_token        (const char *authorization);

SitrepServerRateLimiter *sitrep_server_rate_limiter_new    (guint       per_second);
void                     sitrep_server_rate_limiter_free   (SitrepServerRateLimiter *self);
gboolean                 sitrep_server_rate_limiter_take   (SitrepServerRateLimiter *self,
                                                            const char              *key,
                                                            guint                   *retry_after);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepServerRateLimiter, sitrep_server_rate_limiter_free)

G_END_DECLS

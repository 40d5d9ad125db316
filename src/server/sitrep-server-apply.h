/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-apply.h: writing one change, as pushes and integrations do */

#pragma once

#include <json-glib/json-glib.h>

#include "sitrep-server-storage.h"

G_BEGIN_DECLS

typedef struct {
  const char *client_id;   /* NULL for changes the server makes itself */
  gint64      mid;
  const char *actor;
  const char *ts;
} SitrepServerAuthor;

gboolean sitrep_server_keep_ref     (SitrepServerStorage       *storage,
                                     const SitrepServerRecord  *current,
                                     JsonObject                *body,
                                     GError                   **error);
void     sitrep_server_keep_delivery (const SitrepServerRecord *current,
                                      const char               *coll,
                                      JsonObject               *body);
gboolean sitrep_server_body_fits    (JsonObject                *body,
                                     GError                   **error);
gboolean sitrep_server_write_change (SitrepServerStorage       *storage,
                                     const SitrepServerAuthor  *author,
                                     const char                *op,
                                     const char                *coll,
                                     const char                *id,
                                     JsonObject                *body,
                                     gint64                    *seq,
                                     GError                   **error);

G_END_DECLS

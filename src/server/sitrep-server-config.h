/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-config.h: `serve --config FILE`, the integrations' settings
 *
 * The file names the providers the server delivers pages and status page
 * updates to (PROTOCOL.md § Integrations). Secrets are read from the files
 * it names and kept only in memory: nothing here ever prints them.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SITREP_SERVER_CONFIG_ERROR (sitrep_server_config_error_quark ())

typedef enum {
  SITREP_SERVER_CONFIG_ERROR_INVALID,
} SitrepServerConfigError;

#define SITREP_SERVER_PAGERDUTY_EVENTS_URL "https://events.pagerduty.com/v2/enqueue"
#define SITREP_SERVER_STATUSPAGE_API_URL   "https://api.statuspage.io/v1"
#define SITREP_SERVER_RETRY_DELAY_MS       1000

/* One [team:NAME] group: exactly one of the two is set. */
typedef struct {
  char *name;
  char *routing_key;    /* PagerDuty Events v2 routing key, a secret */
  char *webhook_url;
} SitrepServerTeam;

typedef struct {
  char       *path;
  char       *events_url;          /* [pagerduty] events-url */
  GHashTable *teams;               /* name → SitrepServerTeam */
  gboolean    has_statuspage;
  char       *statuspage_api_url;  /* without a trailing slash */
  char       *statuspage_page_id;
  char       *statuspage_api_key;  /* a secret */
  guint       retry_delay_ms;      /* [delivery] retry-delay-ms: the first backoff */
} SitrepServerConfig;

GQuark              sitrep_server_config_error_quark (void);

SitrepServerConfig *sitrep_server_config_load        (const char          *path,
                                                      GError             **error);
void                sitrep_server_config_free        (SitrepServerConfig  *config);
const SitrepServerTeam *sitrep_server_config_get_team (const SitrepServerConfig *config,
                                                       const char               *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepServerConfig, sitrep_server_config_free)

G_END_DECLS

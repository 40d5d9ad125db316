/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sync-common.h: clients (a store in a temporary folder and its sync
 * engine) for the sync engine's tests, waiting on the main loop, and
 * digests to compare what stores and the server hold */

#pragma once

#include "server-fixture.h"
#include "sitrep-store-sync.h"
#include "sitrep-sync-engine.h"

G_BEGIN_DECLS

typedef struct
{
  char             *dir;
  char             *path;
  SitrepStore      *store;
  SitrepSyncEngine *engine;
  GPtrArray        *changed;   /* "coll/id" of every ::record-changed */
} SyncClient;

typedef gboolean (*SyncCondition) (gpointer data);

void        sync_test_init        (void);
SyncClient *sync_client_new       (const char       *actor);
void        sync_client_free      (SyncClient       *client);
void        sync_client_connect   (SyncClient       *client,
                                   const char       *base_url,
                                   const char       *token);
gboolean    sync_client_saw       (SyncClient       *client,
                                   const char       *coll,
                                   const char       *id);
void        sync_client_put       (SyncClient       *client,
                                   const char       *coll,
                                   const char       *id,
                                   JsonObject       *body);
char       *sync_client_text      (SyncClient       *client,
                                   const char       *coll,
                                   const char       *id);
gint64      sync_client_version   (SyncClient       *client,
                                   const char       *coll,
                                   const char       *id);
char       *sync_client_create_incident (SyncClient *client,
                                         const char *title);
char       *sync_client_add_entry (SyncClient       *client,
                                   const char       *incident_id,
                                   const char       *text);

gboolean    sync_wait             (SyncCondition     condition,
                                   gpointer          data,
                                   guint             timeout_ms);
void        sync_run_for          (guint             ms);
gboolean    sync_wait_settled     (SitrepTestServer *server,
                                   SyncClient      **clients,
                                   guint             n_clients,
                                   guint             timeout_ms);
void        sync_note_clients     (SyncClient      **clients,
                                   guint             n_clients);

JsonObject *sync_incident_body    (const char       *title);
JsonObject *sync_timeline_body    (const char       *incident_id,
                                   const char       *text);
char       *sync_canonical_json   (JsonNode         *node);
char       *sync_store_digest     (SitrepStore      *store,
                                   guint            *n_records);
char       *sync_snapshot_digest  (JsonObject       *snapshot,
                                   guint            *n_records);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncClient, sync_client_free)

G_END_DECLS

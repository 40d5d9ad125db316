/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-sync-engine.h: keeps a local store in step with a sitrep-server
 * (PROTOCOL.md, "Client duties") */

#pragma once

#include <gio/gio.h>

#include "sitrep-store.h"

G_BEGIN_DECLS

typedef enum
{
  SITREP_SYNC_OFFLINE,
  SITREP_SYNC_CONNECTING,
  SITREP_SYNC_ONLINE,
  SITREP_SYNC_UNAUTHORIZED,
} SitrepSyncState;

#define SITREP_TYPE_SYNC_STATE (sitrep_sync_state_get_type ())
GType sitrep_sync_state_get_type (void) G_GNUC_CONST;

#define SITREP_SYNC_ERROR (sitrep_sync_error_quark ())

typedef enum
{
  SITREP_SYNC_ERROR_INVALID_URL,
  SITREP_SYNC_ERROR_UNAUTHORIZED,   /* 401: unknown or revoked token */
  SITREP_SYNC_ERROR_FORBIDDEN,      /* 403: the token's role may not do this */
  SITREP_SYNC_ERROR_GONE,           /* 410: the feed was compacted past us */
  SITREP_SYNC_ERROR_SERVER,         /* any other answer than the one expected */
  SITREP_SYNC_ERROR_INVALID_ANSWER, /* an answer that is not what PROTOCOL.md says */
  SITREP_SYNC_ERROR_TOO_LARGE,      /* an answer larger than the engine reads */
} SitrepSyncError;

GQuark sitrep_sync_error_quark (void);

#define SITREP_TYPE_SYNC_ENGINE (sitrep_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (SitrepSyncEngine, sitrep_sync_engine, SITREP, SYNC_ENGINE, GObject)

SitrepSyncEngine *sitrep_sync_engine_new            (SitrepStore          *store);
void              sitrep_sync_engine_set_server     (SitrepSyncEngine     *self,
                                                     const char           *base_url,
                                                     const char           *token);
void              sitrep_sync_engine_start          (SitrepSyncEngine     *self);
void              sitrep_sync_engine_stop           (SitrepSyncEngine     *self);
SitrepSyncState   sitrep_sync_engine_get_state      (SitrepSyncEngine     *self);
const char       *sitrep_sync_engine_get_last_error (SitrepSyncEngine     *self);
gint64            sitrep_sync_engine_get_last_seq   (SitrepSyncEngine     *self);
guint             sitrep_sync_engine_get_skipped_records (SitrepSyncEngine *self);
gboolean          sitrep_sync_engine_get_read_only  (SitrepSyncEngine     *self);

void              sitrep_sync_engine_test_connection_async  (SitrepSyncEngine     *self,
                                                             const char           *base_url,
                                                             const char           *token,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean          sitrep_sync_engine_test_connection_finish (SitrepSyncEngine     *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

G_END_DECLS

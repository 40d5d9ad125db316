/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-storage.h: what the endpoints need from a database
 *
 * A backend is a struct whose first member is a SitrepServerStorage pointing
 * at its vtable. Threads: write operations (begin_write … commit/rollback and
 * everything between) run on one thread at a time, the writer; read
 * operations may run at the same time on one other thread, and each sees a
 * consistent snapshot. Admin operations are for the command line, with no
 * server running in the same process.
 */

#pragma once

#include <glib.h>

#include "sitrep-protocol-feed.h"

G_BEGIN_DECLS

#define SITREP_SERVER_STORAGE_ERROR (sitrep_server_storage_error_quark ())

typedef enum {
  SITREP_SERVER_STORAGE_ERROR_FAILED,
  SITREP_SERVER_STORAGE_ERROR_UNAVAILABLE,  /* busy, I/O error, disk full: retry later */
  SITREP_SERVER_STORAGE_ERROR_EXISTS,
  SITREP_SERVER_STORAGE_ERROR_NOT_FOUND,
} SitrepServerStorageError;

typedef struct _SitrepServerStorage SitrepServerStorage;

/* Records and changes are kept and sent as the protocol shapes them,
 * bodies as JSON text (sitrep-protocol-record.h, sitrep-protocol-feed.h). */
typedef SitrepProtocolRecord SitrepServerRecord;
typedef SitrepProtocolChange SitrepServerChange;

typedef struct {
  char *name;
  char *role;
  char *created_at;
  char *revoked_at;     /* NULL while valid */
} SitrepServerToken;

typedef void (*SitrepServerRecordFunc) (const SitrepServerRecord *record,
                                        gpointer                  user_data);

/* Called on the main context of whoever asked to watch, when another
 * process may have committed changes. */
typedef void (*SitrepServerStorageWatchFunc) (gpointer user_data);

typedef struct {
  void     (*free)            (SitrepServerStorage *self);

  /* read side */
  gboolean (*get_state)       (SitrepServerStorage *self, gint64 *last_seq, gint64 *floor,
                               GError **error);
  gboolean (*read_changes)    (SitrepServerStorage *self, gint64 since, guint limit,
                               GPtrArray **changes, gboolean *more, gint64 *floor,
                               GError **error);
  gboolean (*snapshot)        (SitrepServerStorage *self, gint64 *seq,
                               SitrepServerRecordFunc func, gpointer user_data,
                               GError **error);
  gboolean (*lookup_token)    (SitrepServerStorage *self, const char *hash,
                               SitrepServerToken **token, GError **error);

  /* write side */
  gboolean (*begin_write)     (SitrepServerStorage *self, GError **error);
  gboolean (*commit)          (SitrepServerStorage *self, GError **error);
  void     (*rollback)        (SitrepServerStorage *self);
  gboolean (*get_client)      (SitrepServerStorage *self, const char *client_id,
                               char **owner, gint64 *last_mid, GError **error);
  gboolean (*set_client)      (SitrepServerStorage *self, const char *client_id,
                               const char *owner, gint64 last_mid, GError **error);
  gboolean (*get_result)      (SitrepServerStorage *self, const char *client_id, gint64 mid,
                               char **result_json, GError **error);
  gboolean (*put_result)      (SitrepServerStorage *self, const char *client_id, gint64 mid,
                               const char *result_json, GError **error);
  gboolean (*get_record)      (SitrepServerStorage *self, const char *coll, const char *id,
                               SitrepServerRecord **record, GError **error);
  gboolean (*append_change)   (SitrepServerStorage *self, SitrepServerChange *change,
                               GError **error);
  gboolean (*next_ref_number) (SitrepServerStorage *self, int year, gint64 *number,
                               GError **error);
  gboolean (*get_alert_group) (SitrepServerStorage *self, const char *group_key,
                               char **incident_id, GError **error);
  gboolean (*set_alert_group) (SitrepServerStorage *self, const char *group_key,
                               const char *incident_id, GError **error);

  /* admin */
  gboolean (*token_create)    (SitrepServerStorage *self, const char *name, const char *role,
                               const char *hash, const char *created_at, GError **error);
  gboolean (*token_revoke)    (SitrepServerStorage *self, const char *name,
                               const char *revoked_at, GError **error);
  gboolean (*token_list)      (SitrepServerStorage *self, GPtrArray **tokens, GError **error);
  gboolean (*compact)         (SitrepServerStorage *self, gint64 keep, gint64 *floor,
                               GError **error);

  /* several processes on one database */
  void     (*watch)           (SitrepServerStorage *self, SitrepServerStorageWatchFunc func,
                               gpointer user_data);   /* func NULL: stop watching */
  gboolean (*schema_version)  (SitrepServerStorage *self, gint *version, GError **error);
} SitrepServerStorageVTable;

struct _SitrepServerStorage {
  const SitrepServerStorageVTable *vtable;
};

GQuark sitrep_server_storage_error_quark (void);

void   sitrep_server_storage_free        (SitrepServerStorage *self);
void   sitrep_server_record_free         (SitrepServerRecord  *record);
void   sitrep_server_change_free         (SitrepServerChange  *change);
void   sitrep_server_token_free          (SitrepServerToken   *token);

/* sitrep-server-storage-open.c: a path is SQLite; postgres://, postgresql://
 * or a libpq key=value string is PostgreSQL. */
SitrepServerStorage *sitrep_server_storage_open (const char  *db,
                                                 GError     **error);
char                *sitrep_server_storage_display_name (const char *db);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepServerStorage, sitrep_server_storage_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepServerRecord, sitrep_server_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepServerChange, sitrep_server_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepServerToken, sitrep_server_token_free)

G_END_DECLS

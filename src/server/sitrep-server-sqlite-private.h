/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-sqlite-private.h: shared by the SQLite backend's files */

#pragma once

#include <sqlite3.h>

#include "sitrep-server-sqlite.h"

G_BEGIN_DECLS

typedef struct {
  sqlite3    *db;
  GHashTable *stmts;  /* SQL text (static) → sqlite3_stmt */
} Conn;

typedef struct {
  SitrepServerStorage parent;
  Conn    writer;
  Conn    reader;
  gint64  last_seq;     /* of the open write transaction */
  gboolean seq_dirty;
} SqliteStorage;

gboolean       _sitrep_sqlite_fail        (Conn *conn, int rc, GError **error);
sqlite3_stmt  *_sitrep_sqlite_stmt        (Conn *conn, const char *sql, GError **error);
gboolean       _sitrep_sqlite_exec        (Conn *conn, const char *sql, GError **error);
int            _sitrep_sqlite_step        (Conn *conn, sqlite3_stmt *s, GError **error);
gboolean       _sitrep_sqlite_run_done    (Conn *conn, sqlite3_stmt *s, GError **error);
char          *_sitrep_sqlite_column_text (sqlite3_stmt *s, int col);
void           _sitrep_sqlite_bind_text   (sqlite3_stmt *s, int col, const char *text);
gboolean       _sitrep_sqlite_read_state  (Conn *conn, gint64 *last_seq, gint64 *floor,
                                           GError **error);
gboolean       _sitrep_sqlite_get_meta    (Conn *conn, const char *key, gint64 *value,
                                           GError **error);
gboolean       _sitrep_sqlite_set_meta    (Conn *conn, const char *key, gint64 value,
                                           GError **error);

gboolean _sitrep_sqlite_begin_write     (SitrepServerStorage *storage, GError **error);
gboolean _sitrep_sqlite_commit          (SitrepServerStorage *storage, GError **error);
void     _sitrep_sqlite_rollback        (SitrepServerStorage *storage);
gboolean _sitrep_sqlite_get_client      (SitrepServerStorage *storage, const char *client_id,
                                         char **owner, gint64 *last_mid, GError **error);
gboolean _sitrep_sqlite_set_client      (SitrepServerStorage *storage, const char *client_id,
                                         const char *owner, gint64 last_mid, GError **error);
gboolean _sitrep_sqlite_get_result      (SitrepServerStorage *storage, const char *client_id,
                                         gint64 mid, char **result_json, GError **error);
gboolean _sitrep_sqlite_put_result      (SitrepServerStorage *storage, const char *client_id,
                                         gint64 mid, const char *result_json, GError **error);
gboolean _sitrep_sqlite_get_record      (SitrepServerStorage *storage, const char *coll,
                                         const char *id, SitrepServerRecord **record,
                                         GError **error);
gboolean _sitrep_sqlite_append_change   (SitrepServerStorage *storage, SitrepServerChange *change,
                                         GError **error);
gboolean _sitrep_sqlite_next_ref_number (SitrepServerStorage *storage, int year, gint64 *number,
                                         GError **error);
gboolean _sitrep_sqlite_get_alert_group (SitrepServerStorage *storage, const char *group_key,
                                         char **incident_id, GError **error);
gboolean _sitrep_sqlite_set_alert_group (SitrepServerStorage *storage, const char *group_key,
                                         const char *incident_id, GError **error);
gboolean _sitrep_sqlite_token_create    (SitrepServerStorage *storage, const char *name,
                                         const char *role, const char *hash,
                                         const char *created_at, GError **error);
gboolean _sitrep_sqlite_token_revoke    (SitrepServerStorage *storage, const char *name,
                                         const char *revoked_at, GError **error);
gboolean _sitrep_sqlite_token_list      (SitrepServerStorage *storage, GPtrArray **tokens,
                                         GError **error);
gboolean _sitrep_sqlite_compact         (SitrepServerStorage *storage, gint64 keep,
                                         gint64 *floor, GError **error);

G_END_DECLS

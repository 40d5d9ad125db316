/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-postgres-private.h: shared by the PostgreSQL backend's files */

#pragma once

#include <libpq-fe.h>

#include "sitrep-server-postgres.h"

G_BEGIN_DECLS

/* The channel every commit that wrote changes notifies, with its last seq. */
#define SITREP_PG_CHANNEL "sitrep_changes"

typedef struct {
  const char *what;       /* "writer", "reader", "listener": for messages */
  PGconn     *pg;
  GHashTable *prepared;   /* SQL text (static) → statement name */
  char       *last_error; /* of the last failed connection attempt */
  gint64      retry_at;   /* monotonic µs: no new attempt before */
} PgConn;

typedef struct _PgListener PgListener;

typedef struct {
  SitrepServerStorage parent;
  char       *conninfo;
  PgConn      writer;
  PgConn      reader;
  gint64      last_seq;   /* of the open write transaction */
  gboolean    seq_dirty;
  gint        writer_pid; /* atomic: the writer's backend, whose notifications are ours */
  PgListener *listener;
} PgStorage;

PGconn   *_sitrep_pg_new_conn     (PgStorage   *self,
                                   PgConn      *conn,
                                   gboolean     start);
char     *_sitrep_pg_one_line     (const char  *message);
void      _sitrep_pg_ignore_notice (void       *arg,
                                    const char *message);
/* Parameters are text, or NULL for SQL NULL. */
gboolean  _sitrep_pg_connect      (PgStorage   *self,
                                   PgConn      *conn,
                                   GError     **error);
void      _sitrep_pg_disconnect   (PgConn      *conn);
PGresult *_sitrep_pg_query        (PgStorage          *self,
                                   PgConn             *conn,
                                   const char         *sql,
                                   int                 n_params,
                                   const char * const *params,
                                   GError            **error);
gboolean  _sitrep_pg_run          (PgStorage          *self,
                                   PgConn             *conn,
                                   const char         *sql,
                                   int                 n_params,
                                   const char * const *params,
                                   GError            **error);
gboolean  _sitrep_pg_fail         (PgConn      *conn,
                                   PGresult    *res,
                                   GError     **error);
char     *_sitrep_pg_text         (PGresult    *res,
                                   int          row,
                                   int          col);
gint64    _sitrep_pg_int64        (PGresult    *res,
                                   int          row,
                                   int          col);
gboolean  _sitrep_pg_bool         (PGresult    *res,
                                   int          row,
                                   int          col);

/* sitrep-server-postgres-schema.c */
gboolean _sitrep_pg_schema_version  (SitrepServerStorage *storage, gint *version,
                                     GError **error);
gboolean _sitrep_pg_migrate         (PgStorage *self, GError **error);

/* sitrep-server-postgres-write.c */
gboolean _sitrep_pg_begin_write     (SitrepServerStorage *storage, GError **error);
gboolean _sitrep_pg_commit          (SitrepServerStorage *storage, GError **error);
void     _sitrep_pg_rollback        (SitrepServerStorage *storage);
gboolean _sitrep_pg_get_client      (SitrepServerStorage *storage, const char *client_id,
                                     char **owner, gint64 *last_mid, GError **error);
gboolean _sitrep_pg_set_client      (SitrepServerStorage *storage, const char *client_id,
                                     const char *owner, gint64 last_mid, GError **error);
gboolean _sitrep_pg_get_result      (SitrepServerStorage *storage, const char *client_id,
                                     gint64 mid, char **result_json, GError **error);
gboolean _sitrep_pg_put_result      (SitrepServerStorage *storage, const char *client_id,
                                     gint64 mid, const char *result_json, GError **error);
gboolean _sitrep_pg_get_record      (SitrepServerStorage *storage, const char *coll,
                                     const char *id, SitrepServerRecord **record,
                                     GError **error);
gboolean _sitrep_pg_append_change   (SitrepServerStorage *storage, SitrepServerChange *change,
                                     GError **error);
gboolean _sitrep_pg_next_ref_number (SitrepServerStorage *storage, int year, gint64 *number,
                                     GError **error);
gboolean _sitrep_pg_get_alert_group (SitrepServerStorage *storage, const char *group_key,
                                     char **incident_id, GError **error);
gboolean _sitrep_pg_set_alert_group (SitrepServerStorage *storage, const char *group_key,
                                     const char *incident_id, GError **error);
gboolean _sitrep_pg_token_create    (SitrepServerStorage *storage, const char *name,
                                     const char *role, const char *hash,
                                     const char *created_at, GError **error);
gboolean _sitrep_pg_token_revoke    (SitrepServerStorage *storage, const char *name,
                                     const char *revoked_at, GError **error);
gboolean _sitrep_pg_token_list      (SitrepServerStorage *storage, GPtrArray **tokens,
                                     GError **error);
gboolean _sitrep_pg_compact         (SitrepServerStorage *storage, gint64 keep,
                                     gint64 *floor, GError **error);

/* sitrep-server-postgres-listen.c */
void     _sitrep_pg_watch           (SitrepServerStorage          *storage,
                                     SitrepServerStorageWatchFunc  func,
                                     gpointer                      user_data);
void     _sitrep_pg_listener_free   (PgListener *listener);

G_END_DECLS

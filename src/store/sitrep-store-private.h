/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "sitrep-store.h"
#include "sitrep-store-sync.h"

G_BEGIN_DECLS

/* The sidebar's order of incidents in SQL, the same expressions for the
 * index (migration 4) and the query that reads it. */
#define SITREP_STORE_INCIDENT_ORDER \
  "(json_extract(body, '$.status') IN ('investigating', 'identified', 'monitoring')) DESC," \
  " (CASE json_extract(body, '$.severity')" \
  "   WHEN 'P1' THEN 1 WHEN 'P2' THEN 2 WHEN 'P3' THEN 3 WHEN 'P4' THEN 4 ELSE 99 END)," \
  " (json_extract(body, '$.declared_at') IS NULL)," \
  " json_extract(body, '$.declared_at') DESC," \
  " id"

/* Shared by the store's files: sitrep-store.c (the object, SQL helpers),
 * -schema.c, -records.c, -search.c, -history.c, -outbox.c, -feed.c and
 * -conflicts.c. */
struct _SitrepStore
{
  GObject       parent_instance;

  char         *path;
  int           lock_fd;        /* holds the lock on PATH.lock; -1 when none */
  gboolean      reading;        /* opened only to read: no lock, no migration */
  gboolean      unchecked;      /* opened without quick_check: sitrep_store_check_async() */
  char        **damage;         /* an atomic rc box, shared with the check's thread: why the
                                 * file takes no more writes (set atomically once found
                                 * damaged), NULL while it is not known to be */
  gboolean      sealed;         /* the connection was told to write nothing more */
  sqlite3      *db;
  char         *client_id;
  char         *actor;
  gint64        next_mid;
  guint         pending;        /* rows in the outbox, as last announced */
  gint64        outbox_rows;    /* rows in the outbox, as last committed */
  gint64        outbox_delta;   /* rows the open transaction added (removed when < 0) */
  gint64        data_version;   /* PRAGMA data_version when pending was last counted */
  guint         outbox_scans;   /* how often the outbox was counted row by row */
  char         *refuse_edits;   /* why local edits are refused, NULL when they are not */

  sqlite3_stmt *get_stmt;
  sqlite3_stmt *upsert_stmt;
  sqlite3_stmt *outbox_stmt;
  sqlite3_stmt *fts_delete_stmt;
  sqlite3_stmt *fts_insert_stmt;
  sqlite3_stmt *fts_lookup_stmt;
  sqlite3_stmt *fts_map_stmt;
  sqlite3_stmt *fts_unmap_stmt;
  sqlite3_stmt *history_stmt;

  /* What the open transaction changed of the visible records, in the
   * order first written, announced by ::changed once it commits. */
  GPtrArray    *changes;
  GHashTable   *change_index;   /* "coll\x1fid" -> position in changes + 1 */
};

/* sitrep-store.c: SQL helpers, transactions and their announcements */
gboolean      _sitrep_store_exec_sql         (SitrepStore   *self,
                                              const char    *sql,
                                              GError       **error);
gboolean      _sitrep_store_set_sqlite_error (SitrepStore   *self,
                                              GError       **error,
                                              const char    *what);
gboolean      _sitrep_store_step_done        (SitrepStore   *self,
                                              sqlite3_stmt  *stmt,
                                              const char    *what,
                                              GError       **error);
gint64        _sitrep_store_query_int        (SitrepStore   *self,
                                              const char    *sql);
char         *_sitrep_store_get_meta         (SitrepStore   *self,
                                              const char    *key);
gboolean      _sitrep_store_set_meta         (SitrepStore   *self,
                                              const char    *key,
                                              const char    *value,
                                              GError       **error);
JsonObject   *_sitrep_store_parse_body       (const char    *text,
                                              gssize         length);
char         *_sitrep_store_serialise        (JsonObject    *object);
gboolean      _sitrep_store_begin            (SitrepStore   *self,
                                              GError       **error);
void          _sitrep_store_rollback         (SitrepStore   *self);
void          _sitrep_store_announce         (SitrepStore   *self);
void          _sitrep_store_note_change      (SitrepStore   *self,
                                              const char    *coll,
                                              const char    *id,
                                              const char    *incident_id,
                                              gint64         version,
                                              gboolean       deleted,
                                              JsonObject    *body);
void          _sitrep_store_emit_changed     (SitrepStore   *self,
                                              const char    *coll,
                                              const char    *id);
void          _sitrep_store_emit_conflicts_changed (SitrepStore *self);
void          _sitrep_store_recount_pending  (SitrepStore   *self);
gboolean      _sitrep_store_count_outbox     (SitrepStore   *self,
                                              GError       **error);

/* sitrep-store-records.c */
SitrepRecord *_sitrep_store_read_record      (SitrepStore   *self,
                                              const char    *coll,
                                              const char    *id);
gboolean      _sitrep_store_write_visible    (SitrepStore   *self,
                                              const char    *coll,
                                              const char    *id,
                                              SitrepRecord  *current,
                                              gint64         version,
                                              gboolean       deleted,
                                              JsonObject    *body,
                                              const char    *actor,
                                              const char    *now,
                                              gboolean      *written,
                                              GError       **error);

/* sitrep-store-schema.c */
gboolean      _sitrep_store_setup            (SitrepStore   *self,
                                              GError       **error);
SitrepStoreError _sitrep_store_error_code_of (sqlite3       *db);
void          _sitrep_store_set_user_error   (GError       **error,
                                              SitrepStoreError code,
                                              const char    *path,
                                              const char    *detail);
gboolean      _sitrep_store_check_pages      (sqlite3       *db,
                                              const char    *path,
                                              GError       **error);

/* sitrep-store-check.c */
gboolean      _sitrep_store_refuse_writes_if_damaged (SitrepStore *self,
                                              GError       **error);
void          _sitrep_store_damage_clear     (gpointer       damage);

/* sitrep-store-search.c */
gboolean      _sitrep_store_update_search    (SitrepStore   *self,
                                              const char    *coll,
                                              const char    *id,
                                              const char    *incident_id,
                                              gboolean       deleted,
                                              JsonObject    *body,
                                              GError       **error);

/* sitrep-store-history.c */
gboolean      _sitrep_store_record_restored  (SitrepStore   *self,
                                              const char    *coll,
                                              const char    *id,
                                              JsonObject    *after,
                                              const char    *actor,
                                              const char    *now,
                                              GError       **error);
gboolean      _sitrep_store_record_history   (SitrepStore   *self,
                                              const char    *coll,
                                              const char    *id,
                                              JsonObject    *before,
                                              JsonObject    *after,
                                              const char    *actor,
                                              const char    *now,
                                              GError       **error);

/* sitrep-store-feed.c: the (coll, id) of the records a transaction wrote,
 * for ::record-changed after the commit, in first-written order. */
typedef struct
{
  GPtrArray  *keys;
  GHashTable *seen;
} SitrepStoreTouched;

void          _sitrep_store_touched_init     (SitrepStoreTouched *touched);
void          _sitrep_store_touched_add      (SitrepStoreTouched *touched,
                                              const char    *coll,
                                              const char    *id);
void          _sitrep_store_touched_emit_and_clear (SitrepStoreTouched *touched,
                                              SitrepStore   *self,
                                              gboolean       emit);
SitrepRecord *_sitrep_store_read_server_record (SitrepStore *self,
                                              const char    *coll,
                                              const char    *id);
gboolean      _sitrep_store_write_server_record (SitrepStore *self,
                                              const char    *coll,
                                              const char    *id,
                                              gint64         version,
                                              gboolean       deleted,
                                              JsonObject    *body,
                                              GError       **error);
gboolean      _sitrep_store_recompute        (SitrepStore   *self,
                                              const char    *coll,
                                              const char    *id,
                                              const char    *actor,
                                              const char    *now,
                                              SitrepStoreTouched *touched,
                                              GError       **error);

/* sitrep-store-conflicts.c */
gboolean      _sitrep_store_record_conflict  (SitrepStore   *self,
                                              SitrepMutation *mutation,
                                              SitrepPushResult *result,
                                              const char    *now,
                                              GError       **error);
gboolean      _sitrep_store_note_author      (SitrepStore   *self,
                                              const char    *coll,
                                              const char    *id,
                                              gint64         version,
                                              const char    *actor,
                                              const char    *now,
                                              GError       **error);
gboolean      _sitrep_store_take_back_entries (SitrepStore  *self,
                                              SitrepMutation *mutation,
                                              const char    *now,
                                              SitrepStoreTouched *touched,
                                              GError       **error);
gboolean      _sitrep_store_conflict_is_moot (SitrepMutation *mutation,
                                              SitrepPushResult *result,
                                              guint          chained);

G_END_DECLS

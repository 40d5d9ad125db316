/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "sitrep-store.h"

G_BEGIN_DECLS

/* Shared by the store's files: sitrep-store.c (local edits) and
 * sitrep-store-sync.c (what the sync engine writes). */
struct _SitrepStore
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;
  char         *client_id;
  char         *actor;
  gint64        next_mid;
  guint         pending;

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
SitrepRecord *_sitrep_store_read_record      (SitrepStore   *self,
                                              const char    *coll,
                                              const char    *id);
JsonObject   *_sitrep_store_parse_body       (const char    *text,
                                              gssize         length);
char         *_sitrep_store_serialise        (JsonObject    *object);
gboolean      _sitrep_store_write_visible    (SitrepStore   *self,
                                              const char    *coll,
                                              const char    *id,
                                              SitrepRecord  *current,
                                              gint64         version,
                                              gboolean       deleted,
                                              JsonObject    *body,
                                              const char    *actor,
                                              const char    *now,
                                              GError       **error);
void          _sitrep_store_emit_changed     (SitrepStore   *self,
                                              const char    *coll,
                                              const char    *id);
gboolean      _sitrep_store_begin            (SitrepStore   *self,
                                              GError       **error);
void          _sitrep_store_rollback         (SitrepStore   *self);
void          _sitrep_store_announce         (SitrepStore   *self);
void          _sitrep_store_recount_pending  (SitrepStore   *self);
void          _sitrep_store_emit_conflicts_changed (SitrepStore *self);

G_END_DECLS

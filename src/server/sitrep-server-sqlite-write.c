/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-sqlite-write.c: the SQLite backend's writer and admin side
 *
 * Everything here runs on the writer connection, inside the transaction
 * opened by begin_write (admin operations open their own).
 */

#include "config.h"

#include <sqlite3.h>

#include <glib/gi18n.h>

#include "sitrep-server-sqlite-private.h"

gboolean
_sitrep_sqlite_begin_write (SitrepServerStorage  *storage,
                            GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;

  if (!_sitrep_sqlite_exec (&self->writer, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->seq_dirty = FALSE;
  if (!_sitrep_sqlite_read_state (&self->writer, &self->last_seq, NULL, error))
    {
      sqlite3_exec (self->writer.db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

void
_sitrep_sqlite_rollback (SitrepServerStorage *storage)
{
  SqliteStorage *self = (SqliteStorage *) storage;

  /* SQLite may have rolled back by itself after an I/O error. */
  if (!sqlite3_get_autocommit (self->writer.db))
    sqlite3_exec (self->writer.db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
_sitrep_sqlite_commit (SitrepServerStorage  *storage,
                       GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;

  if (self->seq_dirty)
    {
      sqlite3_stmt *s = _sitrep_sqlite_stmt (&self->writer,
                              "UPDATE meta SET value = ?1 WHERE key = 'last_seq'", error);

      if (s == NULL)
        goto fail;
      sqlite3_bind_int64 (s, 1, self->last_seq);
      if (_sitrep_sqlite_step (&self->writer, s, error) != SQLITE_DONE)
        goto fail;
      sqlite3_reset (s);
    }

  if (!_sitrep_sqlite_exec (&self->writer, "COMMIT", error))
    goto fail;

  return TRUE;

fail:
  _sitrep_sqlite_rollback (storage);
  return FALSE;
}

gboolean
_sitrep_sqlite_get_client (SitrepServerStorage  *storage,
                           const char           *client_id,
                           char                **owner,
                           gint64               *last_mid,
                           GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;
  sqlite3_stmt *s = _sitrep_sqlite_stmt (&self->writer,
                          "SELECT token_name, last_mid FROM clients WHERE client_id = ?1",
                          error);
  int rc;

  *owner = NULL;
  *last_mid = 0;
  if (s == NULL)
    return FALSE;

  _sitrep_sqlite_bind_text (s, 1, client_id);
  rc = _sitrep_sqlite_step (&self->writer, s, error);
  if (rc == SQLITE_ROW)
    {
      *owner = _sitrep_sqlite_column_text (s, 0);
      *last_mid = sqlite3_column_int64 (s, 1);
    }
  sqlite3_reset (s);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}


gboolean
_sitrep_sqlite_set_client (SitrepServerStorage  *storage,
                           const char           *client_id,
                           const char           *owner,
                           gint64                last_mid,
                           GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;
  sqlite3_stmt *s = _sitrep_sqlite_stmt (&self->writer,
                          "INSERT INTO clients (client_id, token_name, last_mid)"
                          " VALUES (?1, ?2, ?3) ON CONFLICT (client_id)"
                          " DO UPDATE SET last_mid = excluded.last_mid",
                          error);

  if (s == NULL)
    return FALSE;

  _sitrep_sqlite_bind_text (s, 1, client_id);
  _sitrep_sqlite_bind_text (s, 2, owner);
  sqlite3_bind_int64 (s, 3, last_mid);
  return _sitrep_sqlite_run_done (&self->writer, s, error);
}

gboolean
_sitrep_sqlite_get_result (SitrepServerStorage  *storage,
                           const char           *client_id,
                           gint64                mid,
                           char                **result_json,
                           GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;
  sqlite3_stmt *s = _sitrep_sqlite_stmt (&self->writer,
                          "SELECT result FROM results WHERE client_id = ?1 AND mid = ?2",
                          error);
  int rc;

  *result_json = NULL;
  if (s == NULL)
    return FALSE;

  _sitrep_sqlite_bind_text (s, 1, client_id);
  sqlite3_bind_int64 (s, 2, mid);
  rc = _sitrep_sqlite_step (&self->writer, s, error);
  if (rc == SQLITE_ROW)
    *result_json = _sitrep_sqlite_column_text (s, 0);
  sqlite3_reset (s);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

gboolean
_sitrep_sqlite_put_result (SitrepServerStorage  *storage,
                           const char           *client_id,
                           gint64                mid,
                           const char           *result_json,
                           GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;
  sqlite3_stmt *s = _sitrep_sqlite_stmt (&self->writer,
                          "INSERT OR REPLACE INTO results (client_id, mid, result)"
                          " VALUES (?1, ?2, ?3)",
                          error);

  if (s == NULL)
    return FALSE;

  _sitrep_sqlite_bind_text (s, 1, client_id);
  sqlite3_bind_int64 (s, 2, mid);
  _sitrep_sqlite_bind_text (s, 3, result_json);
  return _sitrep_sqlite_run_done (&self->writer, s, error);
}

gboolean
_sitrep_sqlite_get_record (SitrepServerStorage  *storage,
                           const char           *coll,
                           const char           *id,
                           SitrepServerRecord  **record,
                           GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;
  sqlite3_stmt *s = _sitrep_sqlite_stmt (&self->writer,
                          "SELECT version, deleted, body FROM records WHERE coll = ?1 AND id = ?2",
                          error);
  int rc;

  *record = NULL;
  if (s == NULL)
    return FALSE;

  _sitrep_sqlite_bind_text (s, 1, coll);
  _sitrep_sqlite_bind_text (s, 2, id);
  rc = _sitrep_sqlite_step (&self->writer, s, error);
  if (rc == SQLITE_ROW)
    {
      SitrepServerRecord *r = g_new0 (SitrepServerRecord, 1);

      r->coll = g_strdup (coll);
      r->id = g_strdup (id);
      r->version = sqlite3_column_int64 (s, 0);
      r->deleted = sqlite3_column_int (s, 1) != 0;
      r->body = _sitrep_sqlite_column_text (s, 2);
      *record = r;
    }
  sqlite3_reset (s);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

gboolean
_sitrep_sqlite_append_change (SitrepServerStorage  *storage,
                              SitrepServerChange   *change,
                              GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;
  gint64 seq = self->last_seq + 1;
  sqlite3_stmt *s;

  s = _sitrep_sqlite_stmt (&self->writer,
            "INSERT INTO changes (seq, coll, id, version, op, deleted, body, client_id, mid,"
            " actor, ts) VALUES (?1, ?2, ?3, ?1, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            error);
  if (s == NULL)
    return FALSE;

  sqlite3_bind_int64 (s, 1, seq);
  _sitrep_sqlite_bind_text (s, 2, change->coll);
  _sitrep_sqlite_bind_text (s, 3, change->id);
  _sitrep_sqlite_bind_text (s, 4, change->op);
  sqlite3_bind_int (s, 5, change->deleted);
  _sitrep_sqlite_bind_text (s, 6, change->body);
  _sitrep_sqlite_bind_text (s, 7, change->client_id);
  if (change->client_id != NULL)
    sqlite3_bind_int64 (s, 8, change->mid);
  _sitrep_sqlite_bind_text (s, 9, change->actor);
  _sitrep_sqlite_bind_text (s, 10, change->ts);
  if (!_sitrep_sqlite_run_done (&self->writer, s, error))
    return FALSE;

  s = _sitrep_sqlite_stmt (&self->writer,
            "INSERT INTO records (coll, id, version, deleted, body) VALUES (?1, ?2, ?3, ?4, ?5)"
            " ON CONFLICT (coll, id) DO UPDATE SET version = excluded.version,"
            " deleted = excluded.deleted, body = excluded.body",
            error);
  if (s == NULL)
    return FALSE;

  _sitrep_sqlite_bind_text (s, 1, change->coll);
  _sitrep_sqlite_bind_text (s, 2, change->id);
  sqlite3_bind_int64 (s, 3, seq);
  sqlite3_bind_int (s, 4, change->deleted);
  _sitrep_sqlite_bind_text (s, 5, change->body);
  if (!_sitrep_sqlite_run_done (&self->writer, s, error))
    return FALSE;

  self->last_seq = seq;
  self->seq_dirty = TRUE;
  change->seq = seq;
  change->version = seq;
  return TRUE;
}



gboolean
_sitrep_sqlite_next_ref_number (SitrepServerStorage  *storage,
                                int                   year,
                                gint64               *number,
                                GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;
  g_autofree char *key = g_strdup_printf ("ref:%04d", year);
  gint64 n;

  if (!_sitrep_sqlite_get_meta (&self->writer, key, &n, error)
      || !_sitrep_sqlite_set_meta (&self->writer, key, n + 1, error))
    return FALSE;

  *number = n + 1;
  return TRUE;
}

gboolean
_sitrep_sqlite_get_alert_group (SitrepServerStorage  *storage,
                                const char           *group_key,
                                char                **incident_id,
                                GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;
  sqlite3_stmt *s = _sitrep_sqlite_stmt (&self->writer,
                          "SELECT incident_id FROM alert_groups WHERE group_key = ?1", error);
  int rc;

  *incident_id = NULL;
  if (s == NULL)
    return FALSE;

  _sitrep_sqlite_bind_text (s, 1, group_key);
  rc = _sitrep_sqlite_step (&self->writer, s, error);
  if (rc == SQLITE_ROW)
    *incident_id = _sitrep_sqlite_column_text (s, 0);
  sqlite3_reset (s);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

gboolean
_sitrep_sqlite_set_alert_group (SitrepServerStorage  *storage,
                                const char           *group_key,
                                const char           *incident_id,
                                GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;
  sqlite3_stmt *s = _sitrep_sqlite_stmt (&self->writer,
                          "INSERT OR REPLACE INTO alert_groups (group_key, incident_id)"
                          " VALUES (?1, ?2)",
                          error);

  if (s == NULL)
    return FALSE;

  _sitrep_sqlite_bind_text (s, 1, group_key);
  _sitrep_sqlite_bind_text (s, 2, incident_id);
  return _sitrep_sqlite_run_done (&self->writer, s, error);
}

/* Admin */

gboolean
_sitrep_sqlite_token_create (SitrepServerStorage  *storage,
                             const char           *name,
                             const char           *role,
                             const char           *hash,
                             const char           *created_at,
                             GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;
  sqlite3_stmt *s = _sitrep_sqlite_stmt (&self->writer,
                          "INSERT INTO tokens (name, role, hash, created_at)"
                          " VALUES (?1, ?2, ?3, ?4)",
                          error);
  int rc;

  if (s == NULL)
    return FALSE;

  _sitrep_sqlite_bind_text (s, 1, name);
  _sitrep_sqlite_bind_text (s, 2, role);
  _sitrep_sqlite_bind_text (s, 3, hash);
  _sitrep_sqlite_bind_text (s, 4, created_at);
  rc = sqlite3_step (s);
  sqlite3_reset (s);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, SITREP_SERVER_STORAGE_ERROR, SITREP_SERVER_STORAGE_ERROR_EXISTS,
                   _("A token named “%s” exists already"), name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return _sitrep_sqlite_fail (&self->writer, rc, error);

  return TRUE;
}

gboolean
_sitrep_sqlite_token_revoke (SitrepServerStorage  *storage,
                             const char           *name,
                             const char           *revoked_at,
                             GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;
  sqlite3_stmt *s = _sitrep_sqlite_stmt (&self->writer,
                          "UPDATE tokens SET revoked_at = coalesce(revoked_at, ?2) WHERE name = ?1",
                          error);

  if (s == NULL)
    return FALSE;

  _sitrep_sqlite_bind_text (s, 1, name);
  _sitrep_sqlite_bind_text (s, 2, revoked_at);
  if (!_sitrep_sqlite_run_done (&self->writer, s, error))
    return FALSE;

  if (sqlite3_changes (self->writer.db) == 0)
    {
      g_set_error (error, SITREP_SERVER_STORAGE_ERROR, SITREP_SERVER_STORAGE_ERROR_NOT_FOUND,
                   _("No token named “%s”"), name);
      return FALSE;
    }

  return TRUE;
}

gboolean
_sitrep_sqlite_token_list (SitrepServerStorage  *storage,
                           GPtrArray           **tokens,
                           GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_server_token_free);
  sqlite3_stmt *s = _sitrep_sqlite_stmt (&self->writer,
                          "SELECT name, role, created_at, revoked_at FROM tokens"
                          " ORDER BY created_at, name",
                          error);
  int rc;

  if (s == NULL)
    return FALSE;

  while ((rc = _sitrep_sqlite_step (&self->writer, s, error)) == SQLITE_ROW)
    {
      SitrepServerToken *t = g_new0 (SitrepServerToken, 1);

      t->name = _sitrep_sqlite_column_text (s, 0);
      t->role = _sitrep_sqlite_column_text (s, 1);
      t->created_at = _sitrep_sqlite_column_text (s, 2);
      t->revoked_at = _sitrep_sqlite_column_text (s, 3);
      g_ptr_array_add (list, t);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return FALSE;

  *tokens = g_steal_pointer (&list);
  return TRUE;
}

gboolean
_sitrep_sqlite_compact (SitrepServerStorage  *storage,
                        gint64                keep,
                        gint64               *floor,
                        GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;
  gint64 last_seq, old_floor, new_floor;
  sqlite3_stmt *s;

  if (!_sitrep_sqlite_exec (&self->writer, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!_sitrep_sqlite_read_state (&self->writer, &last_seq, &old_floor, error))
    goto fail;

  new_floor = MAX (old_floor, last_seq - keep);
  if (new_floor > old_floor)
    {
      if (!_sitrep_sqlite_set_meta (&self->writer, "floor", new_floor, error))
        goto fail;

      /* A deleted record whose delete is compacted away is needed by no one:
       * whoever is behind the floor reloads the snapshot, which omits it. */
      s = _sitrep_sqlite_stmt (&self->writer, "DELETE FROM changes WHERE seq <= ?1", error);
      if (s == NULL)
        goto fail;
      sqlite3_bind_int64 (s, 1, new_floor);
      if (!_sitrep_sqlite_run_done (&self->writer, s, error))
        goto fail;

      s = _sitrep_sqlite_stmt (&self->writer,
                               "DELETE FROM records WHERE deleted = 1 AND version <= ?1", error);
      if (s == NULL)
        goto fail;
      sqlite3_bind_int64 (s, 1, new_floor);
      if (!_sitrep_sqlite_run_done (&self->writer, s, error))
        goto fail;
    }

  if (!_sitrep_sqlite_exec (&self->writer, "COMMIT", error))
    goto fail;

  *floor = new_floor;
  return TRUE;

fail:
  _sitrep_sqlite_rollback (storage);
  return FALSE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-store-feed.c: the server's records as last heard, from the
 * change feed and snapshots, and what the user sees recomputed from them */

#define G_LOG_DOMAIN "sitrep-store"

#include "config.h"

#include "sitrep-json.h"
#include "sitrep-protocol.h"
#include "sitrep-record.h"
#include "sitrep-store-private.h"
#include "sitrep-time.h"

/* The sync side of the store. The server's records are kept as last heard
 * (server_records); what the user sees (records) is always recomputed as
 * those with the outbox's pending edits applied on top, so an edit not yet
 * answered never disappears under a change from someone else, and an
 * answered one never flickers back while the feed catches up. */

void
_sitrep_store_touched_init (SitrepStoreTouched *touched)
{
  touched->keys = g_ptr_array_new_with_free_func (g_free);
  touched->seen = g_hash_table_new (g_str_hash, g_str_equal);
}

void
_sitrep_store_touched_add (SitrepStoreTouched *touched,
                           const char         *coll,
                           const char         *id)
{
  char *key = g_strconcat (coll, "\x1f", id, NULL);

  if (g_hash_table_contains (touched->seen, key))
    {
      g_free (key);
      return;
    }

  g_ptr_array_add (touched->keys, key);
  g_hash_table_add (touched->seen, key);
}

void
_sitrep_store_touched_emit_and_clear (SitrepStoreTouched *touched,
                                      SitrepStore        *self,
                                      gboolean            emit)
{
  for (guint i = 0; emit && i < touched->keys->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (touched->keys->pdata[i], "\x1f", 2);

      _sitrep_store_emit_changed (self, parts[0], parts[1]);
    }

  g_hash_table_unref (touched->seen);
  g_ptr_array_unref (touched->keys);
}

SitrepRecord *
_sitrep_store_read_server_record (SitrepStore *self,
                                  const char  *coll,
                                  const char  *id)
{
  sqlite3_stmt *stmt = NULL;
  SitrepRecord *record = NULL;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT version, deleted, body FROM server_records "
                          "WHERE coll = ? AND id = ?", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  sqlite3_bind_text (stmt, 1, coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) body = NULL;

      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        body = _sitrep_store_parse_body ((const char *) sqlite3_column_text (stmt, 2),
                                         sqlite3_column_bytes (stmt, 2));
      record = sitrep_record_new (coll, id, sqlite3_column_int64 (stmt, 0),
                                  sqlite3_column_int (stmt, 1) != 0, body);
    }
  sqlite3_finalize (stmt);

  return record;
}

gboolean
_sitrep_store_write_server_record (SitrepStore  *self,
                                   const char   *coll,
                                   const char   *id,
                                   gint64        version,
                                   gboolean      deleted,
                                   JsonObject   *body,
                                   GError      **error)
{
  g_autofree char *text = body && !deleted ? _sitrep_store_serialise (body) : NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  /* Never step back: a push's answer and the feed may bring the same
   * change in either order. */
  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO server_records (coll, id, version, deleted, body) "
                          "VALUES (?1, ?2, ?3, ?4, ?5) "
                          "ON CONFLICT (coll, id) DO UPDATE SET version = ?3, deleted = ?4, "
                          "body = ?5 WHERE excluded.version >= server_records.version",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _sitrep_store_set_sqlite_error (self, error, "server record");

  sqlite3_bind_text (stmt, 1, coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, version);
  sqlite3_bind_int (stmt, 4, deleted);
  sqlite3_bind_text (stmt, 5, text, -1, SQLITE_STATIC);
  ok = _sitrep_store_step_done (self, stmt, "server record", error);
  sqlite3_finalize (stmt);
  return ok;
}

/* What the user sees of one record: the server's, with every pending edit
 * of it applied in mid order. Writes it (and its history, as @actor's)
 * only when it changed. */
gboolean
_sitrep_store_recompute (SitrepStore         *self,
                         const char          *coll,
                         const char          *id,
                         const char          *actor,
                         const char          *now,
                         SitrepStoreTouched  *touched,
                         GError             **error)
{
  g_autoptr(SitrepRecord) server = _sitrep_store_read_server_record (self, coll, id);
  g_autoptr(SitrepRecord) current = _sitrep_store_read_record (self, coll, id);
  g_autoptr(JsonObject) body = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean deleted = TRUE;
  gboolean written;
  gint64 version = server ? server->version : 0;
  int rc;

  if (server != NULL && !server->deleted)
    {
      body = sitrep_json_copy (server->body);
      deleted = FALSE;
    }

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT op, data FROM outbox WHERE coll = ? AND id = ? ORDER BY mid",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _sitrep_store_set_sqlite_error (self, error, "recompute");
  sqlite3_bind_text (stmt, 1, coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *op = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(JsonObject) data = NULL;

      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        data = _sitrep_store_parse_body ((const char *) sqlite3_column_text (stmt, 1),
                                         sqlite3_column_bytes (stmt, 1));

      if (g_str_equal (op, "put") && data != NULL)
        {
          g_clear_pointer (&body, json_object_unref);
          body = g_steal_pointer (&data);
          deleted = FALSE;
        }
      else if (g_str_equal (op, "patch") && data != NULL && body != NULL && !deleted)
        sitrep_protocol_merge_patch (body, data);
      else if (g_str_equal (op, "delete"))
        deleted = TRUE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _sitrep_store_set_sqlite_error (self, error, "recompute");

  if (body == NULL)
    {
      /* Gone everywhere: keep the last body as the tombstone's. */
      if (current == NULL || current->deleted)
        return TRUE;
      body = json_object_ref (current->body);
      deleted = TRUE;
    }

  if (!_sitrep_store_write_visible (self, coll, id, current, version, deleted, body, actor, now,
                                    &written, error))
    return FALSE;
  if (!written)
    return TRUE;

  _sitrep_store_touched_add (touched, coll, id);
  return TRUE;
}

/**
 * sitrep_store_get_last_seq:
 *
 * Returns: the last change of the server's feed this store has applied
 */
gint64
sitrep_store_get_last_seq (SitrepStore *self)
{
  g_autofree char *value = _sitrep_store_get_meta (self, "last_seq");

  return value ? g_ascii_strtoll (value, NULL, 10) : 0;
}

static gboolean
set_last_seq (SitrepStore  *self,
              gint64        seq,
              GError      **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);

  return _sitrep_store_set_meta (self, "last_seq", text, error);
}

/**
 * sitrep_store_apply_changes:
 * @changes: (array length=n_changes): changes from the server's feed
 * @last_seq: the feed position they bring this store to
 *
 * Applies a page of the change feed in one transaction, keeping every
 * pending local edit on top.
 */
gboolean
sitrep_store_apply_changes (SitrepStore   *self,
                            SitrepChange **changes,
                            guint          n_changes,
                            gint64         last_seq,
                            GError       **error)
{
  g_autofree char *now = sitrep_time_now ();
  SitrepStoreTouched touched;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!_sitrep_store_begin (self, error))
    return FALSE;

  _sitrep_store_touched_init (&touched);
  for (guint i = 0; i < n_changes; i++)
    {
      SitrepRecord *record = changes[i]->record;

      if (!sitrep_collection_is_valid (record->coll))
        continue;   /* a newer server's collection: not ours to show */

      if (!_sitrep_store_write_server_record (self, record->coll, record->id, record->version,
                                              record->deleted, record->body, error) ||
          !_sitrep_store_recompute (self, record->coll, record->id, changes[i]->actor, now,
                                    &touched, error) ||
          !_sitrep_store_note_author (self, record->coll, record->id, record->version,
                                      changes[i]->actor, now, error))
        goto fail;
    }

  if (last_seq > sitrep_store_get_last_seq (self) && !set_last_seq (self, last_seq, error))
    goto fail;

  if (!_sitrep_store_exec_sql (self, "COMMIT", error))
    goto fail;

  _sitrep_store_announce (self);
  _sitrep_store_touched_emit_and_clear (&touched, self, TRUE);
  return TRUE;

fail:
  _sitrep_store_rollback (self);
  _sitrep_store_touched_emit_and_clear (&touched, self, FALSE);
  return FALSE;
}

/**
 * sitrep_store_load_snapshot:
 * @records: (array length=n_records): every live record of the server
 * @seq: the feed position of the snapshot
 *
 * Replaces the server state with a snapshot (first contact, or after the
 * feed was compacted past this store), in one transaction; pending local
 * edits stay on top, and records the server no longer has are deleted.
 */
gboolean
sitrep_store_load_snapshot (SitrepStore   *self,
                            SitrepRecord **records,
                            guint          n_records,
                            gint64         seq,
                            GError       **error)
{
  g_autofree char *now = sitrep_time_now ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  SitrepStoreTouched touched;
  int rc;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!_sitrep_store_begin (self, error))
    return FALSE;

  _sitrep_store_touched_init (&touched);
  if (!_sitrep_store_exec_sql (self, "DELETE FROM server_records", error))
    goto fail;

  for (guint i = 0; i < n_records; i++)
    if (sitrep_collection_is_valid (records[i]->coll) &&
        !_sitrep_store_write_server_record (self, records[i]->coll, records[i]->id,
                                            records[i]->version,
                                            records[i]->deleted, records[i]->body, error))
      goto fail;

  /* Every record either side knows of. */
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT coll, id FROM records UNION SELECT coll, id FROM server_records",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sitrep_store_set_sqlite_error (self, error, "snapshot");
      goto fail;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _sitrep_store_set_sqlite_error (self, error, "snapshot");
      goto fail;
    }

  for (guint i = 0; i + 1 < keys->len; i += 2)
    if (!_sitrep_store_recompute (self, keys->pdata[i], keys->pdata[i + 1], NULL, now, &touched,
                                  error))
      goto fail;

  if (!set_last_seq (self, seq, error) || !_sitrep_store_exec_sql (self, "COMMIT", error))
    goto fail;

  _sitrep_store_announce (self);
  _sitrep_store_touched_emit_and_clear (&touched, self, TRUE);
  return TRUE;

fail:
  _sitrep_store_rollback (self);
  _sitrep_store_touched_emit_and_clear (&touched, self, FALSE);
  return FALSE;
}

/**
 * sitrep_store_dup_sync_state:
 *
 * Returns: (transfer full) (nullable): a value the sync engine keeps
 */
char *
sitrep_store_dup_sync_state (SitrepStore *self,
                             const char  *key)
{
  g_autofree char *name = g_strconcat ("sync:", key, NULL);

  return _sitrep_store_get_meta (self, name);
}

gboolean
sitrep_store_set_sync_state (SitrepStore  *self,
                             const char   *key,
                             const char   *value,
                             GError      **error)
{
  g_autofree char *name = g_strconcat ("sync:", key, NULL);

  return _sitrep_store_set_meta (self, name, value, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-store-conflicts.c: the edits the server refused, kept until
 * someone decides */

#define G_LOG_DOMAIN "sitrep-store"

#include "config.h"

#include "sitrep-store-private.h"
#include "sitrep-time.h"

void
sitrep_conflict_free (SitrepConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->kind);
  g_free (conflict->coll);
  g_free (conflict->rec_id);
  g_free (conflict->op);
  g_clear_pointer (&conflict->mine, json_object_unref);
  g_clear_pointer (&conflict->theirs, json_object_unref);
  g_free (conflict->message);
  g_free (conflict);
}

gboolean
_sitrep_store_record_conflict (SitrepStore       *self,
                               SitrepMutation    *mutation,
                               SitrepPushResult  *result,
                               const char        *now,
                               GError           **error)
{
  g_autofree char *mine = mutation->data ? _sitrep_store_serialise (mutation->data) : NULL;
  g_autofree char *theirs = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (result->current != NULL && !result->current->deleted)
    theirs = _sitrep_store_serialise (result->current->body);

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO conflicts (kind, coll, rec_id, op, mine, theirs, "
                          "theirs_version, message, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _sitrep_store_set_sqlite_error (self, error, "conflict");

  sqlite3_bind_text (stmt, 1, result->status == SITREP_PUSH_CONFLICT ? "conflict" : "rejected",
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mutation->coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, mutation->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, sitrep_mutation_op_to_string (mutation->op), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, mine, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, theirs, -1, SQLITE_STATIC);
  if (result->current != NULL)
    sqlite3_bind_int64 (stmt, 7, result->current->version);
  sqlite3_bind_text (stmt, 8, result->message, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_STATIC);

  ok = _sitrep_store_step_done (self, stmt, "conflict", error);
  sqlite3_finalize (stmt);
  return ok;
}

/**
 * sitrep_store_list_conflicts:
 *
 * Returns: (transfer full) (element-type SitrepConflict): the refused
 *   edits nobody has decided on yet, oldest first
 */
GPtrArray *
sitrep_store_list_conflicts (SitrepStore  *self,
                             GError      **error)
{
  g_autoptr(GPtrArray) conflicts =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_conflict_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT id, kind, coll, rec_id, op, mine, theirs, theirs_version, message "
                          "FROM conflicts WHERE resolved_at IS NULL ORDER BY id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sitrep_store_set_sqlite_error (self, error, "conflicts");
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SitrepConflict *conflict = g_new0 (SitrepConflict, 1);

      conflict->id = sqlite3_column_int64 (stmt, 0);
      conflict->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      conflict->coll = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      conflict->rec_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      conflict->op = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        conflict->mine = _sitrep_store_parse_body ((const char *) sqlite3_column_text (stmt, 5), -1);
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        conflict->theirs = _sitrep_store_parse_body ((const char *) sqlite3_column_text (stmt, 6), -1);
      conflict->theirs_version = sqlite3_column_int64 (stmt, 7);
      conflict->message = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      g_ptr_array_add (conflicts, conflict);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _sitrep_store_set_sqlite_error (self, error, "conflicts");
      return NULL;
    }

  return g_steal_pointer (&conflicts);
}

/**
 * sitrep_store_resolve_conflict:
 *
 * Marks a conflict decided; whatever was chosen was written as an edit.
 */
gboolean
sitrep_store_resolve_conflict (SitrepStore  *self,
                               gint64        conflict_id,
                               GError      **error)
{
  g_autofree char *now = sitrep_time_now ();
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "UPDATE conflicts SET resolved_at = ? WHERE id = ?", -1,
                          &stmt, NULL) != SQLITE_OK)
    return _sitrep_store_set_sqlite_error (self, error, "conflicts");
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, conflict_id);
  if (!_sitrep_store_step_done (self, stmt, "conflicts", error))
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  _sitrep_store_emit_conflicts_changed (self);
  return TRUE;
}

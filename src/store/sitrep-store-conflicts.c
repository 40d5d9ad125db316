/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-store-conflicts.c: the edits the server refused, kept until
 * someone decides */

#define G_LOG_DOMAIN "sitrep-store"

#include "config.h"

#include "sitrep-json.h"
#include "sitrep-postmortem.h"
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
  g_free (conflict->changed_by);
  g_free (conflict->changed_at);
  g_free (conflict);
}

/**
 * sitrep_store_create_base_version:
 *
 * Like sitrep_store_base_version(), for an edit that may create the
 * record: when the server has never had it as far as this store knows and
 * nothing of it is pending, the edit is create-only (`base_version` 0), so
 * that two people creating it while apart end in a conflict, not in the
 * later one silently replacing the first.
 *
 * Returns: the version to check against, 0 for create-only, or -1 / a
 *   chained marker as sitrep_store_base_version() says
 */
gint64
sitrep_store_create_base_version (SitrepStore *self,
                                  const char  *coll,
                                  const char  *id)
{
  g_autoptr(SitrepRecord) server = NULL;
  gint64 base = sitrep_store_base_version (self, coll, id);
  sqlite3_stmt *stmt = NULL;
  gboolean pending = FALSE;

  if (base != -1)
    return base;

  server = _sitrep_store_read_server_record (self, coll, id);
  if (server != NULL)
    return -1;

  if (sqlite3_prepare_v2 (self->db, "SELECT 1 FROM outbox WHERE coll = ? AND id = ? LIMIT 1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, coll, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      pending = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);

  return pending ? -1 : 0;
}

/* A role's holder is a person's choice, not something every client makes
 * alike: a first assignment that lost to someone else's is asked about
 * unless both named the same person. */
static gboolean
same_choice (const char *coll,
             JsonObject *mine,
             JsonObject *theirs)
{
  /* A postmortem is people's writing too: one started by someone else
   * first is asked about unless it already says what mine says. */
  if (g_str_equal (coll, "postmortems"))
    return sitrep_postmortem_same_sections (mine, theirs);
  if (!g_str_equal (coll, "roles"))
    return TRUE;
  if (mine == NULL || theirs == NULL)
    return mine == theirs;
  return g_strcmp0 (sitrep_json_get_string (mine, "person"),
                    sitrep_json_get_string (theirs, "person")) == 0;
}

/**
 * _sitrep_store_conflict_is_moot:
 * @chained: how many later edits of the record were folded into it
 *
 * Whether a conflict needs nobody's decision: a create-only put that lost
 * to someone's earlier create of the same thing, with nothing built on it
 * (the checklist items every client makes for an incident). Theirs then
 * simply stands.
 */
gboolean
_sitrep_store_conflict_is_moot (SitrepMutation   *mutation,
                                SitrepPushResult *result,
                                guint             chained)
{
  JsonObject *theirs = NULL;

  if (mutation->op != SITREP_MUTATION_PUT || mutation->base_version != 0 || chained > 0)
    return FALSE;
  if (result->current != NULL && !result->current->deleted)
    theirs = result->current->body;

  return same_choice (mutation->coll, mutation->data, theirs);
}

/* Queues the delete of a timeline entry, inside the open transaction, as
 * sitrep_store_apply() would. */
static gboolean
queue_entry_delete (SitrepStore         *self,
                    const char          *entry_id,
                    const char          *now,
                    SitrepStoreTouched  *touched,
                    GError             **error)
{
  g_autofree char *committed = _sitrep_store_get_meta (self, "next_mid");
  g_autofree char *next = NULL;
  sqlite3_stmt *stmt = NULL;

  /* Another connection may have written since: number from what is
   * committed. */
  if (committed != NULL)
    self->next_mid = MAX (self->next_mid, g_ascii_strtoll (committed, NULL, 10));

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO outbox (mid, op, coll, id, base_version, data, created_at) "
                          "VALUES (?, 'delete', 'timeline', ?, NULL, NULL, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _sitrep_store_set_sqlite_error (self, error, "outbox");
  sqlite3_bind_int64 (stmt, 1, self->next_mid);
  sqlite3_bind_text (stmt, 2, entry_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  if (!_sitrep_store_step_done (self, stmt, "outbox", error))
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  self->next_mid++;
  next = g_strdup_printf ("%" G_GINT64_FORMAT, self->next_mid);
  return _sitrep_store_set_meta (self, "next_mid", next, error) &&
         _sitrep_store_recompute (self, "timeline", entry_id, self->actor, now, touched, error);
}

static void
add_entry_id (GPtrArray  *ids,
              JsonObject *data)
{
  const char *id = data ? sitrep_json_get_string (data, "entry_id") : NULL;

  if (id != NULL && !g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
    g_ptr_array_add (ids, g_strdup (id));
}

/**
 * _sitrep_store_take_back_entries:
 *
 * A put may name the timeline entry that announced it (`entry_id`: a
 * role's "Scribe: erin"), sent beside it. When the server refuses the put,
 * that entry says what is not so: it is taken back in the same
 * transaction, with those of the edits chained to the put. Call before
 * the chain is folded into @mutation.
 */
gboolean
_sitrep_store_take_back_entries (SitrepStore         *self,
                                 SitrepMutation      *mutation,
                                 const char          *now,
                                 SitrepStoreTouched  *touched,
                                 GError             **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (mutation->op == SITREP_MUTATION_DELETE || g_str_equal (mutation->coll, "timeline"))
    return TRUE;

  add_entry_id (ids, mutation->data);
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT data FROM outbox WHERE coll = ? AND id = ? AND base_version = ? "
                          "AND data IS NOT NULL ORDER BY mid", -1, &stmt, NULL) != SQLITE_OK)
    return _sitrep_store_set_sqlite_error (self, error, "outbox");
  sqlite3_bind_text (stmt, 1, mutation->coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mutation->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, SITREP_BASE_VERSION_CHAINED);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) data =
        _sitrep_store_parse_body ((const char *) sqlite3_column_text (stmt, 0),
                                  sqlite3_column_bytes (stmt, 0));

      add_entry_id (ids, data);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _sitrep_store_set_sqlite_error (self, error, "outbox");

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(SitrepRecord) entry = _sitrep_store_read_record (self, "timeline",
                                                                 ids->pdata[i]);

      if (entry == NULL || entry->deleted)
        continue;
      if (!queue_entry_delete (self, ids->pdata[i], now, touched, error))
        return FALSE;
    }

  return TRUE;
}

/* Who wrote the server's version of a record, for the person asked about
 * a conflict over it: a refused push says only what the record is now,
 * the feed says who made it so. Kept only for records an edit of which
 * may be refused or is waiting for a decision. */
static char *
author_key (const char *coll,
            const char *id)
{
  return g_strdup_printf ("changed-by:%s/%s", coll, id);
}

/**
 * _sitrep_store_note_author:
 * @actor: (nullable): who the feed says made the change
 *
 * Remembers who made a change that came through the feed, when a checked
 * edit of the record is pending or refused. Runs inside a transaction.
 */
gboolean
_sitrep_store_note_author (SitrepStore  *self,
                           const char   *coll,
                           const char   *id,
                           gint64        version,
                           const char   *actor,
                           const char   *now,
                           GError      **error)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean wanted = FALSE;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT EXISTS (SELECT 1 FROM outbox WHERE coll = ?1 AND id = ?2 "
                          "AND base_version IS NOT NULL) OR EXISTS (SELECT 1 FROM conflicts "
                          "WHERE coll = ?1 AND rec_id = ?2 AND resolved_at IS NULL)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _sitrep_store_set_sqlite_error (self, error, "conflicts");
  sqlite3_bind_text (stmt, 1, coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    wanted = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);

  key = author_key (coll, id);
  if (!wanted || actor == NULL || actor[0] == '\0')
    {
      /* Nothing waits on it any more: not kept. */
      if (sqlite3_prepare_v2 (self->db, "DELETE FROM meta WHERE key = ?", -1, &stmt,
                              NULL) != SQLITE_OK)
        return _sitrep_store_set_sqlite_error (self, error, "meta");
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      wanted = _sitrep_store_step_done (self, stmt, "meta", error);
      sqlite3_finalize (stmt);
      return wanted;
    }

  value = g_strdup_printf ("%" G_GINT64_FORMAT "\n%s\n%s", version, actor, now);
  return _sitrep_store_set_meta (self, key, value, error);
}

/* Fills in who made their version, when the feed said so. */
static void
read_author (SitrepStore    *self,
             SitrepConflict *conflict)
{
  g_autofree char *key = author_key (conflict->coll, conflict->rec_id);
  g_autofree char *value = _sitrep_store_get_meta (self, key);
  g_auto(GStrv) parts = value ? g_strsplit (value, "\n", 3) : NULL;

  if (parts == NULL || g_strv_length (parts) != 3 ||
      g_ascii_strtoll (parts[0], NULL, 10) != conflict->theirs_version)
    return;

  conflict->changed_by = g_strdup (parts[1]);
  conflict->changed_at = g_strdup (parts[2]);
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
      if (g_str_equal (conflict->kind, "conflict"))
        read_author (self, conflict);
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

  /* Who made their version is kept while a record's conflicts wait. */
  if (sqlite3_prepare_v2 (self->db,
                          "DELETE FROM meta WHERE key IN (SELECT 'changed-by:' || coll || '/' || "
                          "rec_id FROM conflicts c WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM "
                          "conflicts o WHERE o.coll = c.coll AND o.rec_id = c.rec_id AND "
                          "o.resolved_at IS NULL))", -1, &stmt, NULL) != SQLITE_OK)
    return _sitrep_store_set_sqlite_error (self, error, "conflicts");
  sqlite3_bind_int64 (stmt, 1, conflict_id);
  if (!_sitrep_store_step_done (self, stmt, "conflicts", error))
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  _sitrep_store_emit_conflicts_changed (self);
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-store"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-json.h"
#include "sitrep-record.h"
#include "sitrep-store-private.h"
#include "sitrep-store-sync.h"
#include "sitrep-time.h"

/* The sync side of the store. The server's records are kept as last heard
 * (server_records); what the user sees (records) is always recomputed as
 * those with the outbox's pending edits applied on top, so an edit not yet
 * answered never disappears under a change from someone else, and an
 * answered one never flickers back while the feed catches up. */

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

/* A set of (coll, id) to announce after the commit, in first-touched order. */
typedef struct
{
  GPtrArray  *keys;
  GHashTable *seen;
} Touched;

static void
touched_init (Touched *touched)
{
  touched->keys = g_ptr_array_new_with_free_func (g_free);
  touched->seen = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
touched_add (Touched    *touched,
             const char *coll,
             const char *id)
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

static void
touched_emit_and_clear (Touched     *touched,
                        SitrepStore *self,
                        gboolean     emit)
{
  for (guint i = 0; emit && i < touched->keys->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (touched->keys->pdata[i], "\x1f", 2);

      _sitrep_store_emit_changed (self, parts[0], parts[1]);
    }

  g_hash_table_unref (touched->seen);
  g_ptr_array_unref (touched->keys);
}

static SitrepRecord *
read_server_record (SitrepStore *self,
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

static gboolean
write_server_record (SitrepStore  *self,
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
static gboolean
recompute (SitrepStore  *self,
           const char   *coll,
           const char   *id,
           const char   *actor,
           const char   *now,
           Touched      *touched,
           GError      **error)
{
  g_autoptr(SitrepRecord) server = read_server_record (self, coll, id);
  g_autoptr(SitrepRecord) current = _sitrep_store_read_record (self, coll, id);
  g_autoptr(JsonObject) body = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean deleted = TRUE;
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

  if (current != NULL && current->deleted == deleted && current->version == version)
    {
      g_autofree char *before = _sitrep_store_serialise (current->body);
      g_autofree char *after = _sitrep_store_serialise (body);

      if (g_str_equal (before, after))
        return TRUE;
    }

  if (!_sitrep_store_write_visible (self, coll, id, current, version, deleted, body, actor, now,
                                    error))
    return FALSE;

  touched_add (touched, coll, id);
  return TRUE;
}

/**
 * sitrep_store_outbox_peek:
 * @limit: at most this many
 *
 * Returns: (transfer full) (element-type SitrepMutation): the oldest
 *   pending mutations, in mid order, each with its @mid
 */
GPtrArray *
sitrep_store_outbox_peek (SitrepStore  *self,
                          guint         limit,
                          GError      **error)
{
  g_autoptr(GPtrArray) mutations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT mid, op, coll, id, base_version, data FROM outbox "
                          "ORDER BY mid LIMIT ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      _sitrep_store_set_sqlite_error (self, error, "outbox");
      return NULL;
    }
  sqlite3_bind_int (stmt, 1, (int) MIN (limit, G_MAXINT));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SitrepMutation *mutation = g_new0 (SitrepMutation, 1);

      mutation->mid = sqlite3_column_int64 (stmt, 0);
      if (!sitrep_mutation_op_from_string ((const char *) sqlite3_column_text (stmt, 1),
                                           &mutation->op))
        mutation->op = SITREP_MUTATION_PUT;
      mutation->coll = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      mutation->id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      mutation->base_version = sqlite3_column_type (stmt, 4) == SQLITE_NULL
                               ? -1 : sqlite3_column_int64 (stmt, 4);
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        mutation->data = _sitrep_store_parse_body ((const char *) sqlite3_column_text (stmt, 5),
                                                   sqlite3_column_bytes (stmt, 5));
      g_ptr_array_add (mutations, mutation);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _sitrep_store_set_sqlite_error (self, error, "outbox");
      return NULL;
    }

  return g_steal_pointer (&mutations);
}

static gboolean
record_conflict (SitrepStore       *self,
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

/* What the server now holds after it applied @mutation, as far as this
 * client can tell; the feed brings the authoritative body later. */
static gboolean
assume_applied (SitrepStore     *self,
                SitrepMutation  *mutation,
                gint64           version,
                GError         **error)
{
  g_autoptr(SitrepRecord) server = read_server_record (self, mutation->coll, mutation->id);
  g_autoptr(JsonObject) body = NULL;

  if (server != NULL && server->version >= version)
    return TRUE;

  switch (mutation->op)
    {
    case SITREP_MUTATION_PUT:
      body = sitrep_json_copy (mutation->data);
      /* Server-owned fields survive a put, as the server keeps them. */
      if (server != NULL && !server->deleted && json_object_has_member (server->body, "ref"))
        json_object_set_member (body, "ref",
                                json_node_copy (json_object_get_member (server->body, "ref")));
      return write_server_record (self, mutation->coll, mutation->id, version, FALSE, body, error);

    case SITREP_MUTATION_PATCH:
      if (server == NULL || server->deleted)
        return TRUE;
      body = sitrep_json_copy (server->body);
      sitrep_protocol_merge_patch (body, mutation->data);
      return write_server_record (self, mutation->coll, mutation->id, version, FALSE, body, error);

    case SITREP_MUTATION_DELETE:
      return write_server_record (self, mutation->coll, mutation->id, version, TRUE, NULL, error);

    default:
      return TRUE;
    }
}

static SitrepMutation *
take_outbox_row (SitrepStore  *self,
                 gint64        mid,
                 GError      **error)
{
  SitrepMutation *mutation = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT mid, op, coll, id, base_version, data FROM outbox WHERE mid = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sitrep_store_set_sqlite_error (self, error, "outbox");
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, mid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      mutation = g_new0 (SitrepMutation, 1);
      mutation->mid = mid;
      if (!sitrep_mutation_op_from_string ((const char *) sqlite3_column_text (stmt, 1),
                                           &mutation->op))
        mutation->op = SITREP_MUTATION_PUT;
      mutation->coll = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      mutation->id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      mutation->base_version = sqlite3_column_type (stmt, 4) == SQLITE_NULL
                               ? -1 : sqlite3_column_int64 (stmt, 4);
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        mutation->data = _sitrep_store_parse_body ((const char *) sqlite3_column_text (stmt, 5),
                                                   sqlite3_column_bytes (stmt, 5));
    }
  sqlite3_finalize (stmt);

  if (mutation == NULL)
    return NULL;   /* answered before: a retry's duplicate answer */

  if (sqlite3_prepare_v2 (self->db, "DELETE FROM outbox WHERE mid = ?", -1, &stmt,
                          NULL) != SQLITE_OK)
    {
      sitrep_mutation_free (mutation);
      _sitrep_store_set_sqlite_error (self, error, "outbox");
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, mid);
  if (!_sitrep_store_step_done (self, stmt, "outbox", error))
    {
      sqlite3_finalize (stmt);
      sitrep_mutation_free (mutation);
      return NULL;
    }
  sqlite3_finalize (stmt);

  return mutation;
}

static void
fold_into (SitrepMutation *mine,
           const char     *op_text,
           JsonObject     *data)
{
  SitrepMutationOp op;

  if (!sitrep_mutation_op_from_string (op_text, &op))
    return;

  switch (op)
    {
    case SITREP_MUTATION_PUT:
      g_clear_pointer (&mine->data, json_object_unref);
      mine->data = data ? json_object_ref (data) : NULL;
      mine->op = SITREP_MUTATION_PUT;
      break;

    case SITREP_MUTATION_PATCH:
      if (mine->op == SITREP_MUTATION_DELETE || data == NULL)
        break;
      if (mine->data == NULL)
        mine->data = json_object_new ();
      sitrep_protocol_merge_patch (mine->data, data);
      break;

    case SITREP_MUTATION_DELETE:
      mine->op = SITREP_MUTATION_DELETE;
      g_clear_pointer (&mine->data, json_object_unref);
      break;

    default:
      break;
    }
}

/* Rows never sent were taken out of the outbox: number those after them
 * down, so the server sees no gap in this client's mids. Moving down in
 * mid order never meets a row not yet moved. */
static gboolean
close_gap (SitrepStore  *self,
           gint64        from_mid,
           GError      **error)
{
  g_autoptr(GArray) mids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *next = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 target = from_mid;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "SELECT mid FROM outbox WHERE mid >= ? ORDER BY mid", -1,
                          &stmt, NULL) != SQLITE_OK)
    return _sitrep_store_set_sqlite_error (self, error, "outbox");
  sqlite3_bind_int64 (stmt, 1, from_mid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 mid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (mids, mid);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _sitrep_store_set_sqlite_error (self, error, "outbox");

  for (guint i = 0; i < mids->len; i++, target++)
    {
      gint64 mid = g_array_index (mids, gint64, i);

      if (mid == target)
        continue;
      if (sqlite3_prepare_v2 (self->db, "UPDATE outbox SET mid = ? WHERE mid = ?", -1, &stmt,
                              NULL) != SQLITE_OK)
        return _sitrep_store_set_sqlite_error (self, error, "outbox");
      sqlite3_bind_int64 (stmt, 1, target);
      sqlite3_bind_int64 (stmt, 2, mid);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return _sitrep_store_set_sqlite_error (self, error, "outbox");
    }

  self->next_mid = target;
  next = g_strdup_printf ("%" G_GINT64_FORMAT, self->next_mid);
  return _sitrep_store_set_meta (self, "next_mid", next, error);
}

/* The edits chained to an answered one (made while it waited): on a
 * conflict or rejection they join it, so the user decides on what they
 * typed last; they are taken out of the outbox. */
static gboolean
take_chain (SitrepStore     *self,
            SitrepMutation  *mine,
            guint           *n_taken,
            GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 first_mid = 0;
  guint n = 0;
  int rc;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT op, data, mid FROM outbox WHERE coll = ? AND id = ? "
                          "AND base_version = ? ORDER BY mid", -1, &stmt, NULL) != SQLITE_OK)
    return _sitrep_store_set_sqlite_error (self, error, "outbox");
  sqlite3_bind_text (stmt, 1, mine->coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mine->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, SITREP_BASE_VERSION_CHAINED);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) data = NULL;

      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        data = _sitrep_store_parse_body ((const char *) sqlite3_column_text (stmt, 1),
                                         sqlite3_column_bytes (stmt, 1));
      fold_into (mine, (const char *) sqlite3_column_text (stmt, 0), data);
      if (n++ == 0)
        first_mid = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _sitrep_store_set_sqlite_error (self, error, "outbox");

  if (sqlite3_prepare_v2 (self->db,
                          "DELETE FROM outbox WHERE coll = ? AND id = ? AND base_version = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _sitrep_store_set_sqlite_error (self, error, "outbox");
  sqlite3_bind_text (stmt, 1, mine->coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mine->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, SITREP_BASE_VERSION_CHAINED);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _sitrep_store_set_sqlite_error (self, error, "outbox");

  /* Chained rows are never sent before their head is answered. */
  if (n > 0 && !close_gap (self, first_mid, error))
    return FALSE;

  if (n_taken != NULL)
    *n_taken = n;
  return TRUE;
}

/* Once an edit of a record is applied, the record's next pending edit,
 * if it is a chained one, is checked against the version just made —
 * whatever the applied edit was (a pin is unchecked, yet moves the version
 * on: a chained edit released earlier would conflict with it). */
static gboolean
release_chain (SitrepStore     *self,
               SitrepMutation  *applied,
               gint64           version,
               GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db,
                          "UPDATE outbox SET base_version = ?1 WHERE mid = "
                          "(SELECT min(mid) FROM outbox WHERE coll = ?2 AND id = ?3) "
                          "AND base_version = ?4", -1, &stmt, NULL) != SQLITE_OK)
    return _sitrep_store_set_sqlite_error (self, error, "outbox");
  sqlite3_bind_int64 (stmt, 1, version);
  sqlite3_bind_text (stmt, 2, applied->coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, applied->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, SITREP_BASE_VERSION_CHAINED);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _sitrep_store_set_sqlite_error (self, error, "outbox");

  return TRUE;
}

/**
 * sitrep_store_outbox_reject_unsent:
 * @mid: a pending mutation that will never be sent
 * @message: why, for the user
 *
 * Takes an edit out of the outbox before it was ever sent (one too large
 * for any push), keeping it as a rejected edit with its text, and numbers
 * the edits after it down so the server sees no gap.
 */
gboolean
sitrep_store_outbox_reject_unsent (SitrepStore  *self,
                                   gint64        mid,
                                   const char   *message,
                                   GError      **error)
{
  g_autofree char *now = sitrep_time_now ();
  g_autoptr(SitrepMutation) mutation = NULL;
  SitrepPushResult result = { 0 };
  Touched touched;
  gboolean ok;

  if (!_sitrep_store_begin (self, error))
    return FALSE;

  touched_init (&touched);
  mutation = take_outbox_row (self, mid, error);
  if (mutation == NULL)
    goto fail;

  result.mid = mid;
  result.status = SITREP_PUSH_REJECTED;
  result.message = (char *) message;
  ok = take_chain (self, mutation, NULL, error) &&
       record_conflict (self, mutation, &result, now, error) &&
       close_gap (self, mid, error) &&
       recompute (self, mutation->coll, mutation->id, NULL, now, &touched, error);
  if (!ok || !_sitrep_store_exec_sql (self, "COMMIT", error))
    goto fail;

  _sitrep_store_recount_pending (self);
  _sitrep_store_announce (self);
  touched_emit_and_clear (&touched, self, TRUE);
  _sitrep_store_emit_conflicts_changed (self);
  return TRUE;

fail:
  _sitrep_store_rollback (self);
  touched_emit_and_clear (&touched, self, FALSE);
  if (error != NULL && *error == NULL)
    g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                 "No pending mutation %" G_GINT64_FORMAT, mid);
  return FALSE;
}

/**
 * sitrep_store_reset_client:
 *
 * Starts this database over as a new client of the server: a new client
 * id, and the pending edits numbered from 1. For a server that has lost
 * this client (another server, one restored from a backup): reusing low
 * numbers under the old id would collide with answers it still keeps.
 */
gboolean
sitrep_store_reset_client (SitrepStore  *self,
                           GError      **error)
{
  g_autofree char *client_id = g_uuid_string_random ();

  if (!sitrep_store_outbox_renumber (self, 1, error))
    return FALSE;
  if (!_sitrep_store_set_meta (self, "client_id", client_id, error))
    return FALSE;

  g_free (self->client_id);
  self->client_id = g_steal_pointer (&client_id);
  return TRUE;
}

/**
 * sitrep_store_outbox_renumber:
 * @first_mid: the mid the server expects next
 *
 * Numbers the outbox from @first_mid, when the server says it has none of
 * its rows (another server, or one restored from a backup): they were
 * never applied there, so they are sent again under the numbers it expects.
 */
gboolean
sitrep_store_outbox_renumber (SitrepStore  *self,
                              gint64        first_mid,
                              GError      **error)
{
  g_autofree char *next = NULL;
  gint64 lowest;
  gint64 shift;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (first_mid >= 1, FALSE);

  if (!_sitrep_store_begin (self, error))
    return FALSE;

  lowest = _sitrep_store_query_int (self, "SELECT coalesce(min(mid), 0) FROM outbox");
  if (lowest == 0 || lowest == first_mid)
    return _sitrep_store_exec_sql (self, "COMMIT", error);

  /* Moving down in mid order never meets a row not yet moved; moving up
   * goes through negative numbers first. */
  shift = first_mid - lowest;
  sql = shift < 0
        ? g_strdup_printf ("UPDATE outbox SET mid = mid + (%" G_GINT64_FORMAT ")", shift)
        : g_strdup_printf ("UPDATE outbox SET mid = -mid; "
                           "UPDATE outbox SET mid = -mid + %" G_GINT64_FORMAT, shift);
  if (!_sitrep_store_exec_sql (self, sql, error))
    goto fail;

  self->next_mid = _sitrep_store_query_int (self, "SELECT coalesce(max(mid), 0) FROM outbox") + 1;
  next = g_strdup_printf ("%" G_GINT64_FORMAT, self->next_mid);
  if (!_sitrep_store_set_meta (self, "next_mid", next, error) ||
      !_sitrep_store_exec_sql (self, "COMMIT", error))
    goto fail;

  return TRUE;

fail:
  _sitrep_store_rollback (self);
  return FALSE;
}

/**
 * sitrep_store_outbox_ack:
 * @results: (array length=n_results): the server's answers
 *
 * Takes answered mutations out of the outbox, in one transaction. An
 * applied one becomes part of the server state; a conflict or rejection is
 * kept, with both texts, in the conflicts list, and the record shows the
 * server's version again. Emits ::record-changed for records that changed
 * and ::conflicts-changed when there are new conflicts.
 */
gboolean
sitrep_store_outbox_ack (SitrepStore       *self,
                         SitrepPushResult  *results,
                         guint              n_results,
                         GError           **error)
{
  g_autofree char *now = sitrep_time_now ();
  gboolean conflicts = FALSE;
  Touched touched;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (n_results == 0)
    return TRUE;

  if (!_sitrep_store_begin (self, error))
    return FALSE;

  touched_init (&touched);
  for (guint i = 0; i < n_results; i++)
    {
      SitrepPushResult *result = &results[i];
      g_autoptr(GError) local_error = NULL;
      g_autoptr(SitrepMutation) mutation = take_outbox_row (self, result->mid, &local_error);
      gboolean ok = TRUE;

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto fail;
        }
      if (mutation == NULL)
        continue;

      switch (result->status)
        {
        case SITREP_PUSH_APPLIED:
          ok = assume_applied (self, mutation, result->version, error) &&
               release_chain (self, mutation, result->version, error);
          break;

        case SITREP_PUSH_CONFLICT:
          {
            gboolean create_only = mutation->op == SITREP_MUTATION_PUT &&
                                   mutation->base_version == 0;
            guint chained = 0;

            if (result->current != NULL)
              ok = write_server_record (self, mutation->coll, mutation->id,
                                        result->current->version, result->current->deleted,
                                        result->current->body, error);
            ok = ok && take_chain (self, mutation, &chained, error);
            /* A create-only put that lost to someone's earlier create, with
             * nothing built on it: theirs simply stands. */
            if (ok && !(create_only && chained == 0))
              {
                ok = record_conflict (self, mutation, result, now, error);
                conflicts = TRUE;
              }
          }
          break;

        case SITREP_PUSH_REJECTED:
        default:
          ok = take_chain (self, mutation, NULL, error) &&
               record_conflict (self, mutation, result, now, error);
          conflicts = TRUE;
          break;
        }

      if (!ok || !recompute (self, mutation->coll, mutation->id, NULL, now, &touched, error))
        goto fail;
    }

  if (!_sitrep_store_exec_sql (self, "COMMIT", error))
    goto fail;

  _sitrep_store_recount_pending (self);
  _sitrep_store_announce (self);
  touched_emit_and_clear (&touched, self, TRUE);
  if (conflicts)
    _sitrep_store_emit_conflicts_changed (self);
  return TRUE;

fail:
  _sitrep_store_rollback (self);
  touched_emit_and_clear (&touched, self, FALSE);
  return FALSE;
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
  Touched touched;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!_sitrep_store_begin (self, error))
    return FALSE;

  touched_init (&touched);
  for (guint i = 0; i < n_changes; i++)
    {
      SitrepRecord *record = changes[i]->record;

      if (!sitrep_collection_is_valid (record->coll))
        continue;   /* a newer server's collection: not ours to show */

      if (!write_server_record (self, record->coll, record->id, record->version,
                                record->deleted, record->body, error) ||
          !recompute (self, record->coll, record->id, changes[i]->actor, now, &touched, error))
        goto fail;
    }

  if (last_seq > sitrep_store_get_last_seq (self) && !set_last_seq (self, last_seq, error))
    goto fail;

  if (!_sitrep_store_exec_sql (self, "COMMIT", error))
    goto fail;

  _sitrep_store_announce (self);
  touched_emit_and_clear (&touched, self, TRUE);
  return TRUE;

fail:
  _sitrep_store_rollback (self);
  touched_emit_and_clear (&touched, self, FALSE);
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
  Touched touched;
  int rc;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (!_sitrep_store_begin (self, error))
    return FALSE;

  touched_init (&touched);
  if (!_sitrep_store_exec_sql (self, "DELETE FROM server_records", error))
    goto fail;

  for (guint i = 0; i < n_records; i++)
    if (sitrep_collection_is_valid (records[i]->coll) &&
        !write_server_record (self, records[i]->coll, records[i]->id, records[i]->version,
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
    if (!recompute (self, keys->pdata[i], keys->pdata[i + 1], NULL, now, &touched, error))
      goto fail;

  if (!set_last_seq (self, seq, error) || !_sitrep_store_exec_sql (self, "COMMIT", error))
    goto fail;

  _sitrep_store_announce (self);
  touched_emit_and_clear (&touched, self, TRUE);
  return TRUE;

fail:
  _sitrep_store_rollback (self);
  touched_emit_and_clear (&touched, self, FALSE);
  return FALSE;
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-store-outbox.c: the local edits waiting for the server, and what
 * its answers do to them */

#define G_LOG_DOMAIN "sitrep-store"

#include "config.h"

#include "sitrep-json.h"
#include "sitrep-protocol.h"
#include "sitrep-store-private.h"
#include "sitrep-time.h"

/* An outbox row, read by "SELECT mid, op, coll, id, base_version, data". */
static SitrepMutation *
mutation_from_row (sqlite3_stmt *stmt)
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

  return mutation;
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
    g_ptr_array_add (mutations, mutation_from_row (stmt));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _sitrep_store_set_sqlite_error (self, error, "outbox");
      return NULL;
    }

  return g_steal_pointer (&mutations);
}

/* What the server now holds after it applied @mutation, as far as this
 * client can tell; the feed brings the authoritative body later. */
static gboolean
assume_applied (SitrepStore     *self,
                SitrepMutation  *mutation,
                gint64           version,
                GError         **error)
{
  g_autoptr(SitrepRecord) server = _sitrep_store_read_server_record (self, mutation->coll,
                                                                     mutation->id);
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
      return _sitrep_store_write_server_record (self, mutation->coll, mutation->id, version,
                                                FALSE, body, error);

    case SITREP_MUTATION_PATCH:
      if (server == NULL || server->deleted)
        return TRUE;
      body = sitrep_json_copy (server->body);
      sitrep_protocol_merge_patch (body, mutation->data);
      return _sitrep_store_write_server_record (self, mutation->coll, mutation->id, version,
                                                FALSE, body, error);

    case SITREP_MUTATION_DELETE:
      return _sitrep_store_write_server_record (self, mutation->coll, mutation->id, version, TRUE,
                                                NULL, error);

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
    mutation = mutation_from_row (stmt);
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
  SitrepStoreTouched touched;
  gboolean ok;

  if (!_sitrep_store_begin (self, error))
    return FALSE;

  _sitrep_store_touched_init (&touched);
  mutation = take_outbox_row (self, mid, error);
  if (mutation == NULL)
    goto fail;

  result.mid = mid;
  result.status = SITREP_PUSH_REJECTED;
  result.message = (char *) message;
  ok = take_chain (self, mutation, NULL, error) &&
       _sitrep_store_record_conflict (self, mutation, &result, now, error) &&
       close_gap (self, mid, error) &&
       _sitrep_store_recompute (self, mutation->coll, mutation->id, NULL, now, &touched, error);
  if (!ok || !_sitrep_store_exec_sql (self, "COMMIT", error))
    goto fail;

  _sitrep_store_recount_pending (self);
  _sitrep_store_announce (self);
  _sitrep_store_touched_emit_and_clear (&touched, self, TRUE);
  _sitrep_store_emit_conflicts_changed (self);
  return TRUE;

fail:
  _sitrep_store_rollback (self);
  _sitrep_store_touched_emit_and_clear (&touched, self, FALSE);
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
  SitrepStoreTouched touched;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);

  if (n_results == 0)
    return TRUE;

  if (!_sitrep_store_begin (self, error))
    return FALSE;

  _sitrep_store_touched_init (&touched);
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
            guint chained = 0;

            if (result->current != NULL)
              ok = _sitrep_store_write_server_record (self, mutation->coll, mutation->id,
                                                      result->current->version,
                                                      result->current->deleted,
                                                      result->current->body, error);
            ok = ok && _sitrep_store_take_back_entries (self, mutation, now, &touched, error) &&
                 take_chain (self, mutation, &chained, error);
            if (ok && !_sitrep_store_conflict_is_moot (mutation, result, chained))
              {
                ok = _sitrep_store_record_conflict (self, mutation, result, now, error);
                conflicts = TRUE;
              }
          }
          break;

        case SITREP_PUSH_REJECTED:
        default:
          ok = _sitrep_store_take_back_entries (self, mutation, now, &touched, error) &&
               take_chain (self, mutation, NULL, error) &&
               _sitrep_store_record_conflict (self, mutation, result, now, error);
          conflicts = TRUE;
          break;
        }

      if (!ok || !_sitrep_store_recompute (self, mutation->coll, mutation->id, NULL, now,
                                           &touched, error))
        goto fail;
    }

  if (!_sitrep_store_exec_sql (self, "COMMIT", error))
    goto fail;

  _sitrep_store_recount_pending (self);
  _sitrep_store_announce (self);
  _sitrep_store_touched_emit_and_clear (&touched, self, TRUE);
  if (conflicts)
    _sitrep_store_emit_conflicts_changed (self);
  return TRUE;

fail:
  _sitrep_store_rollback (self);
  _sitrep_store_touched_emit_and_clear (&touched, self, FALSE);
  return FALSE;
}

/**
 * sitrep_store_outbox_refuse_all:
 * @message: why the server will take none of them, for the user
 * @n_refused: (out) (optional): how many edits were refused
 *
 * Settles every pending edit as refused, for a server that will take no
 * edit of this token (a viewer's): each is kept, with its text, in the
 * conflicts list, and its record shows the server's version again. None
 * of them was applied, so their numbers are free for the next edits.
 */
gboolean
sitrep_store_outbox_refuse_all (SitrepStore  *self,
                                const char   *message,
                                guint        *n_refused,
                                GError      **error)
{
  g_autofree char *now = sitrep_time_now ();
  SitrepStoreTouched touched;
  gint64 first_mid;
  guint n = 0;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  if (n_refused != NULL)
    *n_refused = 0;

  if (!_sitrep_store_begin (self, error))
    return FALSE;

  _sitrep_store_touched_init (&touched);
  first_mid = _sitrep_store_query_int (self, "SELECT coalesce(min(mid), 0) FROM outbox");

  /* One row at a time: taking one takes the edits chained to it too, and
   * numbers the rest down. */
  while (TRUE)
    {
      g_autoptr(GPtrArray) head = NULL;
      g_autoptr(SitrepMutation) mutation = NULL;
      SitrepPushResult result = { 0 };
      guint chained = 0;

      head = sitrep_store_outbox_peek (self, 1, error);
      if (head == NULL)
        goto fail;
      if (head->len == 0)
        break;

      mutation = take_outbox_row (self, ((SitrepMutation *) head->pdata[0])->mid, error);
      if (mutation == NULL)
        goto fail;

      result.mid = mutation->mid;
      result.status = SITREP_PUSH_REJECTED;
      result.error = (char *) SITREP_PROTOCOL_FORBIDDEN;
      result.message = (char *) message;
      if (!take_chain (self, mutation, &chained, error) ||
          !_sitrep_store_record_conflict (self, mutation, &result, now, error) ||
          !_sitrep_store_recompute (self, mutation->coll, mutation->id, NULL, now, &touched,
                                    error))
        goto fail;
      n += 1 + chained;
    }

  if (first_mid > 0 && !close_gap (self, first_mid, error))
    goto fail;
  if (!_sitrep_store_exec_sql (self, "COMMIT", error))
    goto fail;

  _sitrep_store_recount_pending (self);
  _sitrep_store_announce (self);
  _sitrep_store_touched_emit_and_clear (&touched, self, TRUE);
  if (n > 0)
    _sitrep_store_emit_conflicts_changed (self);
  if (n_refused != NULL)
    *n_refused = n;
  return TRUE;

fail:
  _sitrep_store_rollback (self);
  _sitrep_store_touched_emit_and_clear (&touched, self, FALSE);
  return FALSE;
}

/**
 * sitrep_store_set_refuse_edits:
 * @reason: (nullable): why local edits are refused; %NULL to take them again
 *
 * While set, sitrep_store_apply() (and with it every local edit) fails
 * with %SITREP_STORE_ERROR_NOT_PERMITTED and @reason as its message: an
 * edit the server is known to refuse is not taken only to be undone.
 */
void
sitrep_store_set_refuse_edits (SitrepStore *self,
                               const char  *reason)
{
  g_return_if_fail (SITREP_IS_STORE (self));

  if (g_strcmp0 (self->refuse_edits, reason) == 0)
    return;

  g_free (self->refuse_edits);
  self->refuse_edits = g_strdup (reason);
}

/**
 * sitrep_store_get_refuse_edits:
 *
 * Returns: (nullable): why local edits are refused, %NULL when they are not
 */
const char *
sitrep_store_get_refuse_edits (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  return self->refuse_edits;
}

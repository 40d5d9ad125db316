/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-store-records.c: what the user sees of each record: local edits
 * written with their outbox rows, and reading */

#define G_LOG_DOMAIN "sitrep-store"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-json.h"
#include "sitrep-protocol.h"
#include "sitrep-record.h"
#include "sitrep-store-private.h"
#include "sitrep-time.h"

SitrepRecord *
_sitrep_store_read_record (SitrepStore *self,
                           const char  *coll,
                           const char  *id)
{
  SitrepRecord *record = NULL;

  sqlite3_reset (self->get_stmt);
  sqlite3_bind_text (self->get_stmt, 1, coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->get_stmt, 2, id, -1, SQLITE_STATIC);

  if (sqlite3_step (self->get_stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) body =
        _sitrep_store_parse_body ((const char *) sqlite3_column_text (self->get_stmt, 2),
                    sqlite3_column_bytes (self->get_stmt, 2));

      if (body != NULL)
        record = sitrep_record_new (coll, id,
                                    sqlite3_column_int64 (self->get_stmt, 0),
                                    sqlite3_column_int (self->get_stmt, 1) != 0,
                                    body);
      else
        g_warning ("Record %s/%s has an unreadable body", coll, id);
    }

  sqlite3_reset (self->get_stmt);
  sqlite3_clear_bindings (self->get_stmt);

  return record;
}

/**
 * sitrep_store_base_version:
 *
 * The version an edit of this record should be checked against on the
 * server, so that an edit made over someone else's change becomes a
 * conflict rather than a silent overwrite. A record never synced has
 * none. While an earlier checked edit of it is pending, a new one is
 * chained to it: it waits until that one is answered, then is checked
 * against the version it produced, or joins its conflict.
 *
 * Returns: the server version, %SITREP_BASE_VERSION_CHAINED, or -1 for
 *   no check
 */
gint64
sitrep_store_base_version (SitrepStore *self,
                           const char  *coll,
                           const char  *id)
{
  g_autoptr(SitrepRecord) record = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean pending = FALSE, pending_checked = FALSE;

  g_return_val_if_fail (SITREP_IS_STORE (self), -1);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT max(base_version IS NOT NULL) FROM outbox WHERE coll = ? AND id = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, coll, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          pending = TRUE;
          pending_checked = sqlite3_column_int (stmt, 0) != 0;
        }
    }
  sqlite3_finalize (stmt);

  if (pending_checked)
    return SITREP_BASE_VERSION_CHAINED;

  record = _sitrep_store_read_record (self, coll, id);
  if (pending || record == NULL || record->version <= 0)
    return -1;

  return record->version;
}

/**
 * sitrep_store_get:
 *
 * Returns: (transfer full) (nullable): the record, deleted or not, or %NULL
 */
SitrepRecord *
sitrep_store_get (SitrepStore *self,
                  const char  *coll,
                  const char  *id)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  return _sitrep_store_read_record (self, coll, id);
}

static const char *
incident_id_of (const char *coll,
                const char *id,
                JsonObject *body)
{
  if (g_str_equal (coll, "incidents") || g_str_equal (coll, "postmortems"))
    return id;
  if (json_object_has_member (body, "incident_id"))
    {
      JsonNode *node = json_object_get_member (body, "incident_id");

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        return json_node_get_string (node);
    }
  return NULL;
}

/**
 * _sitrep_store_write_visible:
 * @current: (nullable): the visible record before, for the edit history
 * @actor: who the history names
 * @written: (out) (optional): whether anything was written
 *
 * Writes what the user sees of one record, with its search row and, when
 * tracked fields changed, its history, and notes the change for
 * ::changed; a record left as it was is not written. Runs inside a
 * transaction.
 */
gboolean
_sitrep_store_write_visible (SitrepStore   *self,
                             const char    *coll,
                             const char    *id,
                             SitrepRecord  *current,
                             gint64         version,
                             gboolean       deleted,
                             JsonObject    *body,
                             const char    *actor,
                             const char    *now,
                             gboolean      *written,
                             GError       **error)
{
  g_autofree char *body_text = _sitrep_store_serialise (body);
  const char *incident_id;
  gboolean visible = TRUE;

  if (written != NULL)
    *written = FALSE;

  if (current != NULL && current->deleted == deleted && current->version == version)
    {
      g_autofree char *before = _sitrep_store_serialise (current->body);

      if (g_str_equal (before, body_text))
        return TRUE;
      /* A tombstone's body is kept, never shown. */
      visible = !deleted;
    }

  if (current == NULL || current->deleted)
    {
      if (!deleted && current == NULL &&
          !_sitrep_store_record_history (self, coll, id, NULL, body, actor, now, error))
        return FALSE;
      if (!deleted && current != NULL &&
          !_sitrep_store_record_restored (self, coll, id, body, actor, now, error))
        return FALSE;
    }
  else if (!_sitrep_store_record_history (self, coll, id, current->body, deleted ? NULL : body,
                                          actor, now, error))
    return FALSE;

  incident_id = incident_id_of (coll, id, body);

  sqlite3_bind_text (self->upsert_stmt, 1, coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->upsert_stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (self->upsert_stmt, 3, version);
  sqlite3_bind_int (self->upsert_stmt, 4, deleted);
  sqlite3_bind_text (self->upsert_stmt, 5, incident_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->upsert_stmt, 6, body_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->upsert_stmt, 7, now, -1, SQLITE_STATIC);
  if (!_sitrep_store_step_done (self, self->upsert_stmt, "write", error) ||
      !_sitrep_store_update_search (self, coll, id, incident_id, deleted, body, error))
    return FALSE;

  if (visible)
    _sitrep_store_note_change (self, coll, id, incident_id, version, deleted, body);
  if (written != NULL)
    *written = TRUE;
  return TRUE;
}

static gboolean
apply_one (SitrepStore     *self,
           SitrepMutation  *mutation,
           const char      *now,
           GError         **error)
{
  g_autoptr(SitrepRecord) current = _sitrep_store_read_record (self, mutation->coll, mutation->id);
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *data_text = NULL;
  gboolean deleted = FALSE;

  if (!sitrep_collection_is_valid (mutation->coll))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   _("Unknown collection “%s”"), mutation->coll);
      return FALSE;
    }

  switch (mutation->op)
    {
    case SITREP_MUTATION_PUT:
      body = json_object_ref (mutation->data);
      break;

    case SITREP_MUTATION_PATCH:
      if (!sitrep_record_validate_patch (mutation->coll, mutation->data, error))
        return FALSE;
      if (current == NULL || current->deleted)
        {
          g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                       _("No record %s/%s to change"), mutation->coll, mutation->id);
          return FALSE;
        }
      body = sitrep_json_copy (current->body);
      sitrep_protocol_merge_patch (body, mutation->data);
      break;

    case SITREP_MUTATION_DELETE:
      if (current == NULL)
        {
          g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                       _("No record %s/%s to delete"), mutation->coll, mutation->id);
          return FALSE;
        }
      body = json_object_ref (current->body);
      deleted = TRUE;
      break;

    default:
      g_return_val_if_reached (FALSE);
    }

  if (!deleted && !sitrep_record_validate (mutation->coll, mutation->id, body, error))
    return FALSE;

  if (!_sitrep_store_write_visible (self, mutation->coll, mutation->id, current,
                                    current ? current->version : 0, deleted, body,
                                    self->actor, now, NULL, error))
    return FALSE;

  if (mutation->data != NULL)
    data_text = _sitrep_store_serialise (mutation->data);

  sqlite3_bind_int64 (self->outbox_stmt, 1, self->next_mid);
  sqlite3_bind_text (self->outbox_stmt, 2, sitrep_mutation_op_to_string (mutation->op), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (self->outbox_stmt, 3, mutation->coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->outbox_stmt, 4, mutation->id, -1, SQLITE_STATIC);
  if (mutation->base_version >= 0 || mutation->base_version == SITREP_BASE_VERSION_CHAINED)
    sqlite3_bind_int64 (self->outbox_stmt, 5, mutation->base_version);
  sqlite3_bind_text (self->outbox_stmt, 6, data_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->outbox_stmt, 7, now, -1, SQLITE_STATIC);
  if (!_sitrep_store_step_done (self, self->outbox_stmt, "outbox", error))
    return FALSE;

  self->next_mid++;

  return TRUE;
}

/**
 * sitrep_store_apply:
 * @mutations: (array length=n_mutations): the edits
 *
 * Writes every mutation and its outbox row in one transaction: all of them
 * or none. After the commit, ::changed announces the records whose visible
 * state changed, and ::record-changed is emitted for each mutation.
 *
 * Returns: %TRUE once the transaction is durable
 */
gboolean
sitrep_store_apply (SitrepStore     *self,
                    SitrepMutation **mutations,
                    guint            n_mutations,
                    GError         **error)
{
  g_autofree char *now = NULL;
  g_autofree char *next_mid = NULL;
  gint64 first_mid;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (mutations != NULL || n_mutations == 0, FALSE);

  if (n_mutations == 0)
    return TRUE;

  /* A viewer's edits would only be refused by the server. */
  if (self->refuse_edits != NULL)
    {
      g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_PERMITTED,
                           self->refuse_edits);
      return FALSE;
    }

  now = sitrep_time_now ();

  if (!_sitrep_store_begin (self, error))
    return FALSE;

  /* Another connection (a second process on the same folder) may have
   * written since: the numbering continues from what is committed. */
  {
    g_autofree char *committed = _sitrep_store_get_meta (self, "next_mid");

    if (committed != NULL)
      self->next_mid = g_ascii_strtoll (committed, NULL, 10);
  }
  first_mid = self->next_mid;

  for (guint i = 0; i < n_mutations; i++)
    {
      if (!apply_one (self, mutations[i], now, error))
        goto fail;
    }

  next_mid = g_strdup_printf ("%" G_GINT64_FORMAT, self->next_mid);
  if (!_sitrep_store_set_meta (self, "next_mid", next_mid, error) ||
      !_sitrep_store_exec_sql (self, "COMMIT", error))
    goto fail;

  _sitrep_store_recount_pending (self);
  _sitrep_store_announce (self);

  for (guint i = 0; i < n_mutations; i++)
    _sitrep_store_emit_changed (self, mutations[i]->coll, mutations[i]->id);

  return TRUE;

fail:
  _sitrep_store_rollback (self);
  self->next_mid = first_mid;
  return FALSE;
}

/**
 * sitrep_store_put:
 *
 * Creates or replaces a record. See sitrep_store_apply().
 */
gboolean
sitrep_store_put (SitrepStore  *self,
                  const char   *coll,
                  const char   *id,
                  JsonObject   *body,
                  GError      **error)
{
  g_autoptr(SitrepMutation) mutation = sitrep_mutation_new_put (coll, id, body);

  return sitrep_store_apply (self, &mutation, 1, error);
}

/**
 * sitrep_store_patch:
 *
 * Sets the members of @fields on an existing record.
 */
gboolean
sitrep_store_patch (SitrepStore  *self,
                    const char   *coll,
                    const char   *id,
                    JsonObject   *fields,
                    GError      **error)
{
  g_autoptr(SitrepMutation) mutation = sitrep_mutation_new_patch (coll, id, fields);

  return sitrep_store_apply (self, &mutation, 1, error);
}

/**
 * sitrep_store_delete:
 *
 * Marks a record deleted; it stays as a tombstone.
 */
gboolean
sitrep_store_delete (SitrepStore  *self,
                     const char   *coll,
                     const char   *id,
                     GError      **error)
{
  g_autoptr(SitrepMutation) mutation = sitrep_mutation_new_delete (coll, id);

  return sitrep_store_apply (self, &mutation, 1, error);
}

/**
 * sitrep_store_list:
 * @incident_id: (nullable): only records of this incident
 *
 * Returns: (transfer full) (element-type SitrepRecord): the live records of @coll
 */
GPtrArray *
sitrep_store_list (SitrepStore  *self,
                   const char   *coll,
                   const char   *incident_id,
                   GError      **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_record_free);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  if (sqlite3_prepare_v2 (self->db,
                          incident_id
                          ? "SELECT id, version, body FROM records "
                            "WHERE coll = ? AND incident_id = ? AND deleted = 0"
                          : "SELECT id, version, body FROM records WHERE coll = ? AND deleted = 0",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sitrep_store_set_sqlite_error (self, error, "list");
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, coll, -1, SQLITE_STATIC);
  if (incident_id)
    sqlite3_bind_text (stmt, 2, incident_id, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonNode *root;

      if (!json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 2),
                                       sqlite3_column_bytes (stmt, 2), NULL) ||
          (root = json_parser_get_root (parser)) == NULL ||
          !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_warning ("Skipping unreadable record %s/%s", coll, sqlite3_column_text (stmt, 0));
          continue;
        }

      g_ptr_array_add (records,
                       sitrep_record_new (coll, (const char *) sqlite3_column_text (stmt, 0),
                                          sqlite3_column_int64 (stmt, 1), FALSE,
                                          json_node_get_object (root)));
    }

  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _sitrep_store_set_sqlite_error (self, error, "list");
      return NULL;
    }

  return g_steal_pointer (&records);
}

void
sitrep_raw_record_free (SitrepRawRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->id);
  g_free (record->body);
  for (guint i = 0; i < SITREP_RAW_RECORD_MAX_FIELDS; i++)
    g_free (record->fields[i]);
  g_free (record);
}

/* Reads the rows of a prepared `SELECT id, body, version, field…` and
 * finalizes it. */
static GPtrArray *
read_raw_records (SitrepStore   *self,
                  sqlite3_stmt  *stmt,
                  guint          n_fields,
                  GError       **error)
{
  g_autoptr(GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_raw_record_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SitrepRawRecord *record = g_new0 (SitrepRawRecord, 1);

      record->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      record->body = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      record->version = sqlite3_column_int64 (stmt, 2);
      for (guint i = 0; i < n_fields; i++)
        record->fields[i] = g_strdup ((const char *) sqlite3_column_text (stmt, i + 3));
      g_ptr_array_add (records, record);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _sitrep_store_set_sqlite_error (self, error, "list");
      return NULL;
    }

  return g_steal_pointer (&records);
}

/**
 * sitrep_store_list_raw:
 * @incident_id: (nullable): only records of this incident
 * @fields: (array zero-terminated=1): up to four top-level body fields to
 *   extract (SQLite reads them; json-glib never sees the body)
 *
 * Lists the live records of @coll with their bodies unparsed: a list of
 * 10,000 timeline entries parses only the rows on screen.
 *
 * Returns: (transfer full) (element-type SitrepRawRecord): the records
 */
GPtrArray *
sitrep_store_list_raw (SitrepStore         *self,
                       const char          *coll,
                       const char          *incident_id,
                       const char * const  *fields,
                       GError             **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id, body, version");
  sqlite3_stmt *stmt = NULL;
  guint n_fields = fields ? g_strv_length ((char **) fields) : 0;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);
  g_return_val_if_fail (n_fields <= SITREP_RAW_RECORD_MAX_FIELDS, NULL);

  /* Field names are bound as parameters, never spliced into the SQL. */
  for (guint i = 0; i < n_fields; i++)
    g_string_append_printf (sql, ", json_extract(body, '$.' || ?%u)", i + 3);
  g_string_append (sql, " FROM records WHERE coll = ?1 AND deleted = 0");
  if (incident_id != NULL)
    g_string_append (sql, " AND incident_id = ?2");

  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      _sitrep_store_set_sqlite_error (self, error, "list");
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, coll, -1, SQLITE_STATIC);
  if (incident_id != NULL)
    sqlite3_bind_text (stmt, 2, incident_id, -1, SQLITE_STATIC);
  for (guint i = 0; i < n_fields; i++)
    sqlite3_bind_text (stmt, i + 3, fields[i], -1, SQLITE_STATIC);

  return read_raw_records (self, stmt, n_fields, error);
}

typedef struct
{
  char  *path;
  char  *coll;
  char **fields;
} ListRawJob;

static void
list_raw_job_free (ListRawJob *job)
{
  g_free (job->path);
  g_free (job->coll);
  g_strfreev (job->fields);
  g_free (job);
}

/* In a worker thread, on a read-only connection of its own: SQLite in
 * WAL mode gives it a snapshot while the store's connection writes on. */
static void
list_raw_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ListRawJob *job = task_data;
  g_autoptr(GString) sql = g_string_new ("SELECT id, body, version");
  g_autoptr(GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_raw_record_free);
  guint n_fields = g_strv_length (job->fields);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_open_v2 (job->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 5000);
      for (guint i = 0; i < n_fields; i++)
        g_string_append_printf (sql, ", json_extract(body, '$.' || ?%u)", i + 2);
      g_string_append (sql, " FROM records WHERE coll = ?1 AND deleted = 0");
      rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
    }
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, job->coll, -1, SQLITE_STATIC);
      for (guint i = 0; i < n_fields; i++)
        sqlite3_bind_text (stmt, i + 2, job->fields[i], -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          SitrepRawRecord *record = g_new0 (SitrepRawRecord, 1);

          record->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          record->body = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          record->version = sqlite3_column_int64 (stmt, 2);
          for (guint i = 0; i < n_fields; i++)
            record->fields[i] = g_strdup ((const char *) sqlite3_column_text (stmt, i + 3));
          g_ptr_array_add (records, record);
        }
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }

  if (rc != SQLITE_OK)
    g_task_return_new_error (task, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                             "Could not list the records of %s: %s", job->path,
                             db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  else
    g_task_return_pointer (task, g_steal_pointer (&records), (GDestroyNotify) g_ptr_array_unref);

  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/**
 * sitrep_store_list_raw_async:
 * @fields: (array zero-terminated=1): up to four top-level body fields
 *
 * What sitrep_store_list_raw() lists for all of @coll, read in a worker
 * thread on a connection of its own, so the main loop goes on meanwhile.
 * It reads the database as committed when the thread starts: a caller
 * that follows ::changed knows better for a record changed since.
 */
void
sitrep_store_list_raw_async (SitrepStore         *self,
                             const char          *coll,
                             const char * const  *fields,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListRawJob *job;

  g_return_if_fail (SITREP_IS_STORE (self));
  g_return_if_fail (fields == NULL ||
                    g_strv_length ((char **) fields) <= SITREP_RAW_RECORD_MAX_FIELDS);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_store_list_raw_async);
  job = g_new0 (ListRawJob, 1);
  job->path = g_strdup (self->path);
  job->coll = g_strdup (coll);
  job->fields = g_strdupv ((char **) (fields != NULL ? fields : (const char * const []) { NULL }));
  g_task_set_task_data (task, job, (GDestroyNotify) list_raw_job_free);
  g_task_run_in_thread (task, list_raw_thread);
}

/**
 * sitrep_store_list_raw_finish:
 *
 * Returns: (transfer full) (element-type SitrepRawRecord): the records,
 *   or %NULL with @error set
 */
GPtrArray *
sitrep_store_list_raw_finish (SitrepStore   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sitrep_store_list_incidents_first:
 * @limit: how many, at most
 *
 * The first @limit live incidents in the sidebar's order (active first,
 * then by severity, the latest declared first), read through an index
 * without sorting the others. Each record's fields are its severity,
 * status and declared_at, as sitrep_store_list_raw() gives them. The
 * order is SQL's: times compare as text, so a caller that needs the exact
 * order sorts what it gets.
 *
 * Returns: (transfer full) (element-type SitrepRawRecord): the records
 */
GPtrArray *
sitrep_store_list_incidents_first (SitrepStore  *self,
                                   guint         limit,
                                   GError      **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT id, body, version,"
                          " json_extract(body, '$.severity'), json_extract(body, '$.status'),"
                          " json_extract(body, '$.declared_at')"
                          " FROM records INDEXED BY records_incident_order"
                          " WHERE coll = 'incidents' AND deleted = 0"
                          " ORDER BY " SITREP_STORE_INCIDENT_ORDER " LIMIT ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sitrep_store_set_sqlite_error (self, error, "list");
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, limit);

  return read_raw_records (self, stmt, 3, error);
}

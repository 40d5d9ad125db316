/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include "sitrep-context-private.h"
#include "sitrep-incident.h"
#include "sitrep-json.h"
#include "sitrep-store-change.h"
#include "sitrep-templates.h"
#include "sitrep-timeline-entry.h"
#include "sitrep-workspace-private.h"

/* The context's models: the incident list, the templates, and a workspace
 * per open incident, all following SitrepStore::changed. */

void
_sitrep_context_workspace_gone (gpointer  data,
                                GObject  *where_the_object_was)
{
  SitrepContext *self = data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->workspaces);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) where_the_object_was)
      g_hash_table_iter_remove (&iter);
}

static GPtrArray *
load_list (const char *coll,
           const char *incident_id,
           gpointer    data)
{
  static const char *const timeline_fields[] = { "occurred_at", "kind", "pinned", NULL };
  SitrepContext *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_str_equal (coll, "timeline"))
    {
      /* Bodies stay text until a row shows them. */
      records = sitrep_store_list_raw (self->store, coll, incident_id, timeline_fields, &error);
      for (guint i = 0; records != NULL && i < records->len; i++)
        {
          SitrepRawRecord *record = records->pdata[i];

          g_ptr_array_add (items,
                           sitrep_timeline_entry_new_unparsed (record->id,
                                                               incident_id,
                                                               g_steal_pointer (&record->body),
                                                               record->fields[0],
                                                               record->fields[1],
                                                               g_strcmp0 (record->fields[2], "1") == 0,
                                                               record->version));
        }
    }
  else
    {
      records = sitrep_store_list (self->store, coll, incident_id, &error);
      for (guint i = 0; records != NULL && i < records->len; i++)
        {
          SitrepRecord *record = records->pdata[i];

          g_ptr_array_add (items, sitrep_record_object_new (coll, record->id, record->body,
                                                            record->version));
        }
    }

  if (records == NULL)
    g_warning ("Could not read %s: %s", coll, error->message);

  return items;
}

/**
 * sitrep_context_open_workspace:
 *
 * Every view of one incident (its pages, a second window) shares one
 * workspace, its lists loaded once and kept up to date.
 *
 * Returns: (transfer full): the incident's workspace
 */
SitrepWorkspace *
sitrep_context_open_workspace (SitrepContext *self,
                               const char    *incident_id)
{
  SitrepWorkspace *workspace;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);

  workspace = g_hash_table_lookup (self->workspaces, incident_id);
  if (workspace != NULL)
    return g_object_ref (workspace);

  workspace = _sitrep_workspace_new (G_OBJECT (self), incident_id, load_list, self);
  _sitrep_workspace_set_incident (workspace, sitrep_context_lookup_incident (self, incident_id));
  _sitrep_workspace_set_overrides (workspace, self->cadence_s, self->respond_s);
  g_hash_table_insert (self->workspaces, g_strdup (incident_id), workspace);
  g_object_weak_ref (G_OBJECT (workspace), _sitrep_context_workspace_gone, self);

  return workspace;
}

/**
 * sitrep_context_get_clock:
 *
 * Returns: (transfer none): the minute clock every countdown reads
 */
SitrepClock *
sitrep_context_get_clock (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  return self->clock;
}

/* One committed change of one record, from wherever it came (this window,
 * another one, the sync engine): the incident list and every open
 * workspace follow it, then the workspaces it touched say so. */
static void
apply_change (SitrepContext *self,
              const char    *coll,
              const char    *id,
              JsonObject    *body,
              gint64         version)
{
  g_autoptr(GPtrArray) touched = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  if (g_str_equal (coll, "templates"))
    {
      if (self->templates != NULL)
        sitrep_record_list_apply (self->templates, id, body, version);
    }
  else if (g_str_equal (coll, "services"))
    _sitrep_context_apply_service (self, id, body, version);
  else if (g_str_equal (coll, "incidents"))
    {
      SitrepWorkspace *workspace = g_hash_table_lookup (self->workspaces, id);

      /* Newer than what the reading of the rest may bring. */
      if (self->incidents_changed_meanwhile != NULL)
        g_hash_table_add (self->incidents_changed_meanwhile, g_strdup (id));

      sitrep_record_list_apply (self->incidents, id, body, version);
      _sitrep_context_follow_obligations (self, id, body);
      if (workspace != NULL)
        {
          _sitrep_workspace_set_incident (workspace, sitrep_context_lookup_incident (self, id));
          g_ptr_array_add (touched, g_object_ref (workspace));
        }
    }
  else
    {
      g_hash_table_iter_init (&iter, self->workspaces);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (_sitrep_workspace_apply (value, coll, id, body, version))
          g_ptr_array_add (touched, g_object_ref (value));
    }

  _sitrep_context_apply_action_item (self, coll, id, body, version);

  for (guint i = 0; i < touched->len; i++)
    _sitrep_workspace_emit_changed (touched->pdata[i], coll);

  _sitrep_context_emit_record_changed (self, coll);
}

/* One emission per commit, with each record's visible body: nothing here
 * reads the store back. */
void
_sitrep_context_on_store_changed (SitrepContext *self,
                                  GPtrArray     *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      SitrepStoreChange *change = changes->pdata[i];

      apply_change (self, change->coll, change->id, change->deleted ? NULL : change->body,
                    change->version);
    }

  if (changes->len > 0)
    _sitrep_context_emit_changed (self, changes->len);
}

static int
builtin_rank (SitrepRecordObject *item)
{
  const char *key = sitrep_record_object_get_string (item, "builtin_key");
  const SitrepTemplateBuiltin *builtins;
  gsize n;

  builtins = sitrep_templates_builtins (&n);
  for (gsize i = 0; key != NULL && i < n; i++)
    if (g_str_equal (builtins[i].key, key))
      return (int) i;

  return (int) n;
}

/* The guide's built-ins first, in the guide's order, then by name. */
static int
compare_templates (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  SitrepRecordObject *ta = (SitrepRecordObject *) a;
  SitrepRecordObject *tb = (SitrepRecordObject *) b;
  int order;

  if (builtin_rank (ta) != builtin_rank (tb))
    return builtin_rank (ta) - builtin_rank (tb);

  order = g_utf8_collate (sitrep_record_object_get_string (ta, "name") ?: "",
                          sitrep_record_object_get_string (tb, "name") ?: "");
  if (order != 0)
    return order;

  return g_strcmp0 (sitrep_record_object_get_id (ta), sitrep_record_object_get_id (tb));
}

/**
 * sitrep_context_get_templates:
 *
 * The team's update templates, the guide's built-ins first (added to the
 * store the first time they are asked for).
 *
 * Returns: (transfer none): a #GListModel of #SitrepTemplate
 */
GListModel *
sitrep_context_get_templates (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  if (self->templates == NULL)
    {
      g_autoptr(GPtrArray) templates = sitrep_context_list_templates (self);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < templates->len; i++)
        {
          SitrepRecord *record = templates->pdata[i];

          g_ptr_array_add (items, sitrep_record_object_new ("templates", record->id,
                                                            record->body, record->version));
        }
      self->templates = sitrep_record_list_new ("templates", compare_templates, NULL, NULL);
      sitrep_record_list_reset (self->templates, items);
    }

  return G_LIST_MODEL (self->templates);
}

static int
compare_incidents (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  return sitrep_incident_compare ((SitrepIncident *) a, (SitrepIncident *) b);
}

static GPtrArray *
incidents_of (SitrepContext *self,
              GPtrArray     *records)
{
  GPtrArray *items = g_ptr_array_new_full (records->len, g_object_unref);

  for (guint i = 0; i < records->len; i++)
    {
      SitrepRawRecord *record = records->pdata[i];

      if (self->incidents != NULL && sitrep_record_list_lookup (self->incidents, record->id))
        continue;

      g_ptr_array_add (items, sitrep_incident_new_unparsed (record->id,
                                                            g_steal_pointer (&record->body),
                                                            record->fields[0],
                                                            record->fields[1],
                                                            record->fields[2],
                                                            record->version));
    }

  return items;
}

/* Bodies stay text until something reads them: SQLite reads the sort
 * keys, so 100,000 incidents are listed without parsing one body. With
 * @n_first, only the first screen is read (through the store's index of
 * the sidebar's order); see sitrep_context_load_all_incidents(). */
gboolean
_sitrep_context_load_incidents (SitrepContext  *self,
                                guint           n_first,
                                GError        **error)
{
  static const char *const incident_fields[] = { "severity", "status", "declared_at", NULL };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) items = NULL;

  if (n_first > 0)
    records = sitrep_store_list_incidents_first (self->store, n_first, error);
  else
    records = sitrep_store_list_raw (self->store, "incidents", NULL, incident_fields, error);
  if (records == NULL)
    return FALSE;

  self->incidents_partial = n_first > 0 && records->len == n_first;
  items = incidents_of (self, records);
  g_clear_pointer (&records, g_ptr_array_unref);

  self->incidents = sitrep_record_list_new ("incidents", compare_incidents, NULL, NULL);
  sitrep_record_list_reset (self->incidents, items);

  return TRUE;
}

static void
rest_of_incidents_read (GObject      *source,
                        GAsyncResult *result,
                        gpointer      data)
{
  SitrepContext *self = data;   /* valid unless the read was cancelled */
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) meanwhile = NULL;
  g_autoptr(GError) error = NULL;

  records = sitrep_store_list_raw_finish (SITREP_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the context is gone */

  meanwhile = g_steal_pointer (&self->incidents_changed_meanwhile);
  if (records == NULL)
    {
      g_warning ("Could not list the incidents in the background: %s", error->message);
      sitrep_context_load_all_incidents (self);
      return;
    }
  /* Listed meanwhile, by a lookup of one that was not. */
  if (!self->incidents_partial)
    return;

  /* A record changed since the thread's snapshot is listed as it is now
   * (or, deleted, not at all): the snapshot's copy is older. */
  for (guint i = records->len; i > 0; i--)
    {
      SitrepRawRecord *record = records->pdata[i - 1];

      if (g_hash_table_contains (meanwhile, record->id))
        g_ptr_array_remove_index_fast (records, i - 1);
    }
  self->incidents_partial = FALSE;
  items = incidents_of (self, records);
  g_clear_pointer (&records, g_ptr_array_unref);
  sitrep_record_list_merge (self->incidents, items);
  g_signal_emit_by_name (self, "incidents-loaded");
}

/**
 * sitrep_context_get_incidents_complete:
 *
 * Returns: whether every incident is listed (%FALSE while a context opened
 *   with sitrep_context_new_first() has not read the rest yet)
 */
gboolean
sitrep_context_get_incidents_complete (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  return !self->incidents_partial;
}

/**
 * sitrep_context_load_rest_of_incidents:
 *
 * Reads, in a worker thread, the incidents a context opened with
 * sitrep_context_new_first() left out, and lists them once read, as
 * sitrep_context_load_all_incidents() does, while the main loop goes on
 * drawing and answering. ::incidents-loaded says when they are listed.
 */
void
sitrep_context_load_rest_of_incidents (SitrepContext *self)
{
  static const char *const incident_fields[] = { "severity", "status", "declared_at", NULL };

  g_return_if_fail (SITREP_IS_CONTEXT (self));

  if (!self->incidents_partial || self->incidents_changed_meanwhile != NULL)
    return;

  self->incidents_changed_meanwhile = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                             g_free, NULL);
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  sitrep_store_list_raw_async (self->store, "incidents", incident_fields, self->cancellable,
                               rest_of_incidents_read, self);
}

/**
 * sitrep_context_load_all_incidents:
 *
 * Lists the incidents that a context opened with sitrep_context_new_first()
 * left out, each where it sorts; the ones listed stay where they are.
 * Nothing happens when all are listed. A store that cannot be read leaves
 * the first screen as it is, with a warning.
 */
void
sitrep_context_load_all_incidents (SitrepContext *self)
{
  static const char *const incident_fields[] = { "severity", "status", "declared_at", NULL };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SITREP_IS_CONTEXT (self));

  if (!self->incidents_partial)
    return;
  self->incidents_partial = FALSE;

  records = sitrep_store_list_raw (self->store, "incidents", NULL, incident_fields, &error);
  if (records == NULL)
    {
      g_warning ("Could not list the incidents: %s", error->message);
      return;
    }
  items = incidents_of (self, records);
  g_clear_pointer (&records, g_ptr_array_unref);
  sitrep_record_list_merge (self->incidents, items);
}

/**
 * _sitrep_context_records_of:
 * @list: a list of #SitrepRecordObject
 *
 * Returns: (transfer full) (element-type SitrepRecord): the records of
 *   @list in its order, as the store shapes them
 */
GPtrArray *
_sitrep_context_records_of (GListModel *list)
{
  guint n = g_list_model_get_n_items (list);
  GPtrArray *records = g_ptr_array_new_full (n, (GDestroyNotify) sitrep_record_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SitrepRecordObject) item = g_list_model_get_item (list, i);
      /* The caller's own copy, as the store would give it. */
      g_autoptr(JsonObject) body = sitrep_json_copy (sitrep_record_object_get_body (item));

      g_ptr_array_add (records, sitrep_record_new (sitrep_record_object_get_coll (item),
                                                   sitrep_record_object_get_id (item),
                                                   sitrep_record_object_get_version (item),
                                                   FALSE, body));
    }

  return records;
}

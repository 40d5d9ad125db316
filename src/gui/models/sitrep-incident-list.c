/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-incident-list"

#include "config.h"

#include "sitrep-incident-list.h"

/* The sidebar's model: every live incident of the store, kept in
 * sitrep_incident_compare() order and updated from ::record-changed, so a
 * change made anywhere moves the row without reloading the list. */
struct _SitrepIncidentList
{
  GObject      parent_instance;

  SitrepStore *store;
  GPtrArray   *items;
  GHashTable  *by_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_TYPE_WITH_CODE (SitrepIncidentList, sitrep_incident_list, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return SITREP_TYPE_INCIDENT;
}

static guint
get_n_items (GListModel *model)
{
  return SITREP_INCIDENT_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  SitrepIncidentList *self = SITREP_INCIDENT_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  return sitrep_incident_compare (*(SitrepIncident **) a, *(SitrepIncident **) b);
}

/* Where @incident belongs in the sorted array. */
static guint
insertion_point (SitrepIncidentList *self,
                 SitrepIncident     *incident)
{
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (sitrep_incident_compare (g_ptr_array_index (self->items, mid), incident) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/**
 * sitrep_incident_list_find:
 *
 * Returns: whether the incident is listed, and where
 */
gboolean
sitrep_incident_list_find (SitrepIncidentList *self,
                           const char         *id,
                           guint              *position)
{
  SitrepIncident *incident = g_hash_table_lookup (self->by_id, id);

  if (incident == NULL)
    return FALSE;

  return g_ptr_array_find (self->items, incident, position);
}

static void
on_record_changed (SitrepIncidentList *self,
                   const char         *coll,
                   const char         *id,
                   SitrepStore        *store)
{
  g_autoptr(SitrepRecord) record = NULL;
  SitrepIncident *incident;
  guint old_position, new_position;

  if (!g_str_equal (coll, "incidents"))
    return;

  record = sitrep_store_get (store, coll, id);
  incident = g_hash_table_lookup (self->by_id, id);

  if (incident != NULL)
    {
      if (!g_ptr_array_find (self->items, incident, &old_position))
        g_return_if_reached ();

      if (record == NULL || record->deleted)
        {
          g_ptr_array_remove_index (self->items, old_position);
          g_hash_table_remove (self->by_id, id);
          g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
          return;
        }

      /* Take it out, update it, put it back where it now sorts. */
      g_object_ref (incident);
      g_ptr_array_remove_index (self->items, old_position);
      sitrep_incident_set_body (incident, record->body);
      new_position = insertion_point (self, incident);
      g_ptr_array_insert (self->items, new_position, incident);

      if (new_position == old_position)
        return;

      g_list_model_items_changed (G_LIST_MODEL (self), MIN (old_position, new_position),
                                  ABS ((int) old_position - (int) new_position) + 1,
                                  ABS ((int) old_position - (int) new_position) + 1);
      return;
    }

  if (record == NULL || record->deleted)
    return;

  incident = sitrep_incident_new (id, record->body);
  new_position = insertion_point (self, incident);
  g_ptr_array_insert (self->items, new_position, incident);
  g_hash_table_insert (self->by_id, g_strdup (id), incident);
  g_list_model_items_changed (G_LIST_MODEL (self), new_position, 0, 1);
}

static void
sitrep_incident_list_dispose (GObject *object)
{
  SitrepIncidentList *self = SITREP_INCIDENT_LIST (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (sitrep_incident_list_parent_class)->dispose (object);
}

static void
sitrep_incident_list_finalize (GObject *object)
{
  SitrepIncidentList *self = SITREP_INCIDENT_LIST (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (sitrep_incident_list_parent_class)->finalize (object);
}

static void
sitrep_incident_list_class_init (SitrepIncidentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_incident_list_dispose;
  object_class->finalize = sitrep_incident_list_finalize;
}

static void
sitrep_incident_list_init (SitrepIncidentList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * sitrep_incident_list_new:
 *
 * Loads every live incident of @store and follows its changes.
 *
 * Returns: (transfer full): the list, or %NULL with @error set
 */
SitrepIncidentList *
sitrep_incident_list_new (SitrepStore  *store,
                          GError      **error)
{
  g_autoptr(SitrepIncidentList) self = g_object_new (SITREP_TYPE_INCIDENT_LIST, NULL);
  g_autoptr(GPtrArray) records = NULL;

  records = sitrep_store_list (store, "incidents", NULL, error);
  if (records == NULL)
    return NULL;

  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < records->len; i++)
    {
      SitrepRecord *record = g_ptr_array_index (records, i);
      SitrepIncident *incident = sitrep_incident_new (record->id, record->body);

      g_ptr_array_add (self->items, incident);
      g_hash_table_insert (self->by_id, g_strdup (record->id), incident);
    }
  g_ptr_array_sort (self->items, compare_items);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "record-changed", G_CALLBACK (on_record_changed), self,
                           G_CONNECT_SWAPPED);

  return g_steal_pointer (&self);
}

/**
 * sitrep_incident_list_lookup:
 *
 * Returns: (transfer none) (nullable): the listed incident with @id
 */
SitrepIncident *
sitrep_incident_list_lookup (SitrepIncidentList *self,
                             const char         *id)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_LIST (self), NULL);

  return g_hash_table_lookup (self->by_id, id);
}

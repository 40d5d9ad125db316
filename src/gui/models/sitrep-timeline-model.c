/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-timeline"

#include "config.h"

#include <string.h>

#include "sitrep-json.h"
#include "sitrep-timeline-model.h"

/* One incident's timeline in time order, kept up to date from the store's
 * ::record-changed: an entry added, edited or removed anywhere (this
 * window, another one, the sync engine) moves just its row. */
struct _SitrepTimelineModel
{
  GObject      parent_instance;

  SitrepStore *store;
  char        *incident_id;
  GPtrArray   *items;
  GHashTable  *by_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SitrepTimelineModel, sitrep_timeline_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return SITREP_TYPE_TIMELINE_ENTRY;
}

static guint
get_n_items (GListModel *model)
{
  return SITREP_TIMELINE_MODEL (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  SitrepTimelineModel *self = SITREP_TIMELINE_MODEL (model);

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
  return sitrep_timeline_entry_compare (*(SitrepTimelineEntry **) a,
                                        *(SitrepTimelineEntry **) b);
}

static guint
insertion_point (SitrepTimelineModel *self,
                 SitrepTimelineEntry *entry)
{
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (sitrep_timeline_entry_compare (g_ptr_array_index (self->items, mid), entry) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Binary search by the entry's own key: O(log n) for an entry in place. */
static gboolean
locate (SitrepTimelineModel *self,
        SitrepTimelineEntry *entry,
        guint               *position)
{
  guint at = insertion_point (self, entry);

  if (at < self->items->len && g_ptr_array_index (self->items, at) == entry)
    {
      *position = at;
      return TRUE;
    }

  return g_ptr_array_find (self->items, entry, position);
}

/**
 * sitrep_timeline_model_find:
 *
 * Returns: whether the entry is listed, and where
 */
gboolean
sitrep_timeline_model_find (SitrepTimelineModel *self,
                            const char          *entry_id,
                            guint               *position)
{
  SitrepTimelineEntry *entry = g_hash_table_lookup (self->by_id, entry_id);

  return entry != NULL && locate (self, entry, position);
}

static void
on_record_changed (SitrepTimelineModel *self,
                   const char          *coll,
                   const char          *id,
                   SitrepStore         *store)
{
  g_autoptr(SitrepRecord) record = NULL;
  SitrepTimelineEntry *entry;
  guint old_position, new_position;
  gboolean belongs;

  if (!g_str_equal (coll, "timeline"))
    return;

  record = sitrep_store_get (store, coll, id);
  entry = g_hash_table_lookup (self->by_id, id);
  belongs = record != NULL && !record->deleted &&
            g_strcmp0 (sitrep_json_get_string (record->body, "incident_id"),
                       self->incident_id) == 0;

  if (entry == NULL)
    {
      if (!belongs)
        return;

      entry = sitrep_timeline_entry_new (id, record->body);
      new_position = insertion_point (self, entry);
      g_ptr_array_insert (self->items, new_position, entry);
      g_hash_table_insert (self->by_id, g_strdup (id), entry);
      g_list_model_items_changed (G_LIST_MODEL (self), new_position, 0, 1);
      return;
    }

  if (!locate (self, entry, &old_position))
    g_return_if_reached ();

  if (!belongs)
    {
      g_hash_table_remove (self->by_id, id);
      g_ptr_array_remove_index (self->items, old_position);
      g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
      return;
    }

  g_object_ref (entry);
  g_ptr_array_remove_index (self->items, old_position);
  sitrep_timeline_entry_set_body (entry, record->body);
  new_position = insertion_point (self, entry);
  g_ptr_array_insert (self->items, new_position, entry);

  if (new_position != old_position)
    {
      /* A re-timed entry moves: a removal and an insertion, so the list
       * view keeps every other row (and the scribe's place) where it was. */
      g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), new_position, 0, 1);
    }
}

static void
sitrep_timeline_model_dispose (GObject *object)
{
  SitrepTimelineModel *self = SITREP_TIMELINE_MODEL (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (sitrep_timeline_model_parent_class)->dispose (object);
}

static void
sitrep_timeline_model_finalize (GObject *object)
{
  SitrepTimelineModel *self = SITREP_TIMELINE_MODEL (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self->incident_id);

  G_OBJECT_CLASS (sitrep_timeline_model_parent_class)->finalize (object);
}

static void
sitrep_timeline_model_class_init (SitrepTimelineModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_timeline_model_dispose;
  object_class->finalize = sitrep_timeline_model_finalize;
}

static void
sitrep_timeline_model_init (SitrepTimelineModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * sitrep_timeline_model_new:
 *
 * Loads the incident's timeline and follows the store's changes.
 *
 * Returns: (transfer full): the model
 */
SitrepTimelineModel *
sitrep_timeline_model_new (SitrepStore *store,
                           const char  *incident_id)
{
  static const char *const fields[] = { "occurred_at", "kind", "pinned", NULL };
  SitrepTimelineModel *self = g_object_new (SITREP_TYPE_TIMELINE_MODEL, NULL);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  self->store = g_object_ref (store);
  self->incident_id = g_strdup (incident_id);

  records = sitrep_store_list_raw (store, "timeline", incident_id, fields, &error);
  if (records == NULL)
    g_warning ("Could not read the timeline: %s", error->message);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      SitrepRawRecord *record = records->pdata[i];
      SitrepTimelineEntry *entry =
        sitrep_timeline_entry_new_unparsed (record->id, g_steal_pointer (&record->body),
                                            record->fields[0], record->fields[1],
                                            g_strcmp0 (record->fields[2], "1") == 0);

      g_ptr_array_add (self->items, entry);
      g_hash_table_insert (self->by_id, g_strdup (record->id), entry);
    }
  g_ptr_array_sort (self->items, compare_items);

  g_signal_connect_object (store, "record-changed", G_CALLBACK (on_record_changed), self,
                           G_CONNECT_SWAPPED);

  return self;
}

const char *
sitrep_timeline_model_get_incident_id (SitrepTimelineModel *self)
{
  g_return_val_if_fail (SITREP_IS_TIMELINE_MODEL (self), NULL);

  return self->incident_id;
}

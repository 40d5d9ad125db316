/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-record-list"

#include "config.h"

#include "sitrep-record-list.h"

/* Every list the views show (the sidebar's incidents, an incident's
 * timeline, roles, checklist and updates): records of one collection kept
 * in the order of a sort function, with a filter saying which records
 * belong. It is passive: whoever hears of a commit hands each changed
 * record to sitrep_record_list_apply(), and the list reports exactly what
 * moved with ::items-changed.
 *
 * The sort function must be a total order (ties broken by id), so an item
 * in place is found by binary search with its own key. */
struct _SitrepRecordList
{
  GObject                 parent_instance;

  char                   *coll;
  GType                   item_type;
  GPtrArray              *items;
  GHashTable             *by_id;      /* id → item, borrowed from items */

  GCompareDataFunc        sort_func;
  gpointer                sort_data;
  GDestroyNotify          sort_destroy;

  SitrepRecordFilterFunc  filter_func;
  gpointer                filter_data;
  GDestroyNotify          filter_destroy;
};

static void list_model_iface_init (GListModelInterface *iface);

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (SitrepRecordList, sitrep_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return SITREP_RECORD_LIST (model)->item_type;
}

static guint
get_n_items (GListModel *model)
{
  return SITREP_RECORD_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  SitrepRecordList *self = SITREP_RECORD_LIST (model);

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

static void
sitrep_record_list_finalize (GObject *object)
{
  SitrepRecordList *self = SITREP_RECORD_LIST (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  if (self->sort_destroy != NULL)
    self->sort_destroy (self->sort_data);
  if (self->filter_destroy != NULL)
    self->filter_destroy (self->filter_data);
  g_free (self->coll);

  G_OBJECT_CLASS (sitrep_record_list_parent_class)->finalize (object);
}

static void
sitrep_record_list_class_init (SitrepRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_record_list_finalize;

  /**
   * SitrepRecordList::changed:
   *
   * A record of the list was added, updated, moved or removed (after
   * ::items-changed, if any): for views that summarise the list rather
   * than show it row by row.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sitrep_record_list_init (SitrepRecordList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * sitrep_record_list_new:
 * @coll: the collection listed; its records are shown by the class
 *   sitrep_record_object_type_for_coll() gives
 * @sort_func: compares two items (#SitrepRecordObject pointers)
 *
 * Returns: (transfer full): an empty list
 */
SitrepRecordList *
sitrep_record_list_new (const char       *coll,
                        GCompareDataFunc  sort_func,
                        gpointer          user_data,
                        GDestroyNotify    destroy)
{
  SitrepRecordList *self;

  g_return_val_if_fail (coll != NULL, NULL);
  g_return_val_if_fail (sort_func != NULL, NULL);

  self = g_object_new (SITREP_TYPE_RECORD_LIST, NULL);
  self->coll = g_strdup (coll);
  self->item_type = sitrep_record_object_type_for_coll (coll);
  self->sort_func = sort_func;
  self->sort_data = user_data;
  self->sort_destroy = destroy;

  return self;
}

const char *
sitrep_record_list_get_coll (SitrepRecordList *self)
{
  g_return_val_if_fail (SITREP_IS_RECORD_LIST (self), NULL);

  return self->coll;
}

static gboolean
accepts (SitrepRecordList   *self,
         SitrepRecordObject *item)
{
  return self->filter_func == NULL || self->filter_func (item, self->filter_data);
}

/* Where @item belongs among the listed items. */
static guint
insertion_point (SitrepRecordList   *self,
                 SitrepRecordObject *item)
{
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->sort_func (g_ptr_array_index (self->items, mid), item, self->sort_data) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* O(log n): the item sorts where it is, as its key has not changed since
 * it was put there. */
static gboolean
locate (SitrepRecordList   *self,
        SitrepRecordObject *item,
        guint              *position)
{
  guint at = insertion_point (self, item);

  if (at < self->items->len && g_ptr_array_index (self->items, at) == item)
    {
      if (position != NULL)
        *position = at;
      return TRUE;
    }

  g_critical ("%s: %s is not where its sort key says", self->coll,
              sitrep_record_object_get_id (item));
  return g_ptr_array_find (self->items, item, position);
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  SitrepRecordList *self = data;

  return self->sort_func (*(gpointer *) a, *(gpointer *) b, self->sort_data);
}

/**
 * sitrep_record_list_set_filter:
 * @filter: (nullable): which records belong, %NULL for all of them
 *
 * Listed items the new filter refuses are removed; records it would take
 * that were refused before are not known to the list, so set the filter
 * before sitrep_record_list_reset().
 */
void
sitrep_record_list_set_filter (SitrepRecordList       *self,
                               SitrepRecordFilterFunc  filter,
                               gpointer                user_data,
                               GDestroyNotify          destroy)
{
  g_return_if_fail (SITREP_IS_RECORD_LIST (self));

  if (self->filter_destroy != NULL)
    self->filter_destroy (self->filter_data);
  self->filter_func = filter;
  self->filter_data = user_data;
  self->filter_destroy = destroy;

  for (guint i = self->items->len; i > 0; i--)
    {
      SitrepRecordObject *item = g_ptr_array_index (self->items, i - 1);

      if (accepts (self, item))
        continue;

      g_hash_table_remove (self->by_id, sitrep_record_object_get_id (item));
      g_ptr_array_remove_index (self->items, i - 1);
      g_list_model_items_changed (G_LIST_MODEL (self), i - 1, 1, 0);
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

/**
 * sitrep_record_list_reset:
 * @items: (element-type SitrepRecordObject): the records to list, in any
 *   order; the filter still applies
 *
 * Replaces the whole contents at once: one ::items-changed.
 */
void
sitrep_record_list_reset (SitrepRecordList *self,
                          GPtrArray        *items)
{
  guint removed;

  g_return_if_fail (SITREP_IS_RECORD_LIST (self));

  removed = self->items->len;
  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->items, 0);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      SitrepRecordObject *item = g_ptr_array_index (items, i);

      g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (item, self->item_type));
      if (!accepts (self, item) ||
          g_hash_table_contains (self->by_id, sitrep_record_object_get_id (item)))
        continue;

      g_ptr_array_add (self->items, g_object_ref (item));
      g_hash_table_insert (self->by_id, (gpointer) sitrep_record_object_get_id (item), item);
    }
  g_ptr_array_sort_with_data (self->items, compare_items, self);

  if (removed > 0 || self->items->len > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

/**
 * sitrep_record_list_merge:
 * @items: (element-type SitrepRecordObject): items to add
 *
 * Adds the items of @items that the list does not hold yet (by id), each
 * where it sorts; the listed items stay where they are relative to each
 * other. One ::items-changed per run of new neighbours: the first screen
 * of a list followed by the rest of it is one signal, after the last
 * listed item, so a view keeps its rows and its selection.
 */
void
sitrep_record_list_merge (SitrepRecordList *self,
                          GPtrArray        *items)
{
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GArray) runs = NULL;
  guint i = 0, j = 0;
  gboolean in_run = FALSE;

  g_return_if_fail (SITREP_IS_RECORD_LIST (self));
  g_return_if_fail (items != NULL);

  added = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint k = 0; k < items->len; k++)
    {
      SitrepRecordObject *item = g_ptr_array_index (items, k);

      g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (item, self->item_type));
      if (!accepts (self, item) ||
          g_hash_table_contains (self->by_id, sitrep_record_object_get_id (item)))
        continue;
      g_ptr_array_add (added, g_object_ref (item));
      g_hash_table_insert (self->by_id, (gpointer) sitrep_record_object_get_id (item), item);
    }
  if (added->len == 0)
    return;
  g_ptr_array_sort_with_data (added, compare_items, self);

  /* Where each run of new items starts in the merged list, how long it
   * is; then each run goes in and is announced, front to back, so every
   * emission finds the list as it says (earlier runs in, later ones not
   * yet): a list view walks as many rows as the list has when told. */
  runs = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  while (i < self->items->len || j < added->len)
    {
      gboolean take_new = i >= self->items->len ||
                          (j < added->len &&
                           compare_items (&added->pdata[j], &self->items->pdata[i], self) < 0);

      if (take_new)
        {
          if (!in_run)
            {
              guint run[2] = { i + j, 0 };
              g_array_append_vals (runs, run, 1);
            }
          g_array_index (runs, guint, runs->len * 2 - 1)++;
          j++;
        }
      else
        i++;
      in_run = take_new;
    }

  j = 0;
  for (guint k = 0; k < runs->len; k++)
    {
      guint start = g_array_index (runs, guint, k * 2);
      guint len = g_array_index (runs, guint, k * 2 + 1);

      for (guint n = 0; n < len; n++)
        g_ptr_array_insert (self->items, start + n, g_object_ref (added->pdata[j++]));
      g_list_model_items_changed (G_LIST_MODEL (self), start, 0, len);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * sitrep_record_list_apply:
 * @body: (nullable): the record's body after a commit, %NULL when it was
 *   deleted
 * @version: its version
 *
 * Follows one committed change: a new record the filter takes is inserted
 * where it sorts; a listed one is updated in place (its :body notified),
 * moved if its key changed (one removal, then one insertion, so a list view
 * keeps every other row where it was), or removed when it was deleted or
 * no longer passes the filter.
 *
 * Returns: whether the record is or was in the list
 */
gboolean
sitrep_record_list_apply (SitrepRecordList *self,
                          const char       *id,
                          JsonObject       *body,
                          gint64            version)
{
  SitrepRecordObject *item;
  guint old_position, new_position;

  g_return_val_if_fail (SITREP_IS_RECORD_LIST (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  item = g_hash_table_lookup (self->by_id, id);

  if (item == NULL)
    {
      g_autoptr(SitrepRecordObject) fresh = NULL;

      if (body == NULL)
        return FALSE;

      fresh = sitrep_record_object_new (self->coll, id, body, version);
      if (!accepts (self, fresh))
        return FALSE;

      new_position = insertion_point (self, fresh);
      g_ptr_array_insert (self->items, new_position, g_object_ref (fresh));
      g_hash_table_insert (self->by_id, (gpointer) sitrep_record_object_get_id (fresh), fresh);
      g_list_model_items_changed (G_LIST_MODEL (self), new_position, 0, 1);
      g_signal_emit (self, signals[CHANGED], 0);
      return TRUE;
    }

  locate (self, item, &old_position);

  /* Held while out of the array; its notifications wait until the list
   * is whole again. */
  g_object_ref (item);
  g_object_freeze_notify (G_OBJECT (item));
  g_ptr_array_remove_index (self->items, old_position);

  if (body != NULL)
    sitrep_record_object_update (item, body, version);

  if (body == NULL || !accepts (self, item))
    {
      g_hash_table_remove (self->by_id, id);
      g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
      g_object_thaw_notify (G_OBJECT (item));
      g_object_unref (item);
      g_signal_emit (self, signals[CHANGED], 0);
      return TRUE;
    }

  new_position = insertion_point (self, item);
  if (new_position != old_position)
    {
      /* Each emission finds the list as it says: without the item, then
       * with it where it sorts now (a list view walks as many rows as
       * the list has when it is told). */
      g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
      new_position = insertion_point (self, item);
      g_ptr_array_insert (self->items, new_position, item);
      g_list_model_items_changed (G_LIST_MODEL (self), new_position, 0, 1);
    }
  else
    g_ptr_array_insert (self->items, new_position, item);
  g_object_thaw_notify (G_OBJECT (item));
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

/**
 * sitrep_record_list_lookup:
 *
 * Returns: (transfer none) (nullable): the listed record with @id
 */
SitrepRecordObject *
sitrep_record_list_lookup (SitrepRecordList *self,
                           const char       *id)
{
  g_return_val_if_fail (SITREP_IS_RECORD_LIST (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

/**
 * sitrep_record_list_find:
 * @position: (out) (optional): where it is
 *
 * Returns: whether the record is listed; O(log n)
 */
gboolean
sitrep_record_list_find (SitrepRecordList *self,
                         const char       *id,
                         guint            *position)
{
  SitrepRecordObject *item;

  g_return_val_if_fail (SITREP_IS_RECORD_LIST (self), FALSE);

  item = sitrep_record_list_lookup (self, id);

  return item != NULL && locate (self, item, position);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-record-list.c: the GUI's one sorted list, fed changes by hand (no
 * store, no display): exact ::items-changed, order, filter and lookup */

#include "config.h"

#include "sitrep-incident.h"
#include "sitrep-record-list.h"
#include "sitrep-timeline-entry.h"

typedef struct
{
  SitrepRecordList *list;
  GPtrArray        *shadow;    /* the list as ::items-changed told it */
  GString          *log;       /* "pos-removed+added " per emission */
  guint             n_changed; /* ::changed */
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  g_assert_cmpuint (position + removed, <=, f->shadow->len);
  /* The list as a view reads it during the emission is the shadow after
   * it: no more, no fewer (a list view walks that many rows). */
  g_assert_cmpuint (f->shadow->len - removed + added, ==, g_list_model_get_n_items (model));
  g_ptr_array_remove_range (f->shadow, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (f->shadow, position + i, g_list_model_get_item (model, position + i));
  g_string_append_printf (f->log, "%u-%u+%u ", position, removed, added);
}

static void
on_changed (SitrepRecordList *list,
            Fixture          *f)
{
  f->n_changed++;
}

static void
count (guint *n)
{
  (*n)++;
}

/* A view told of a change finds the list whole: the item where it sorts. */
static void
check_in_place (SitrepRecordObject *item,
                GParamSpec         *pspec,
                SitrepRecordList   *list)
{
  g_autoptr(GObject) at = NULL;
  guint position = G_MAXUINT;

  g_assert_true (sitrep_record_list_find (list, sitrep_record_object_get_id (item), &position));
  at = g_list_model_get_item (G_LIST_MODEL (list), position);
  g_assert_true (at == G_OBJECT (item));
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  return sitrep_timeline_entry_compare ((SitrepTimelineEntry *) a, (SitrepTimelineEntry *) b);
}

static gboolean
of_incident_a (SitrepRecordObject *item,
               gpointer            data)
{
  return g_strcmp0 (sitrep_record_object_get_incident_id (item), "A") == 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->list = sitrep_record_list_new ("timeline", compare_entries, NULL, NULL);
  f->shadow = g_ptr_array_new_with_free_func (g_object_unref);
  f->log = g_string_new (NULL);
  g_signal_connect (f->list, "items-changed", G_CALLBACK (on_items_changed), f);
  g_signal_connect (f->list, "changed", G_CALLBACK (on_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_ptr_array_unref (f->shadow);
  g_string_free (f->log, TRUE);
  g_assert_finalize_object (f->list);
}

static JsonObject *
entry_body (const char *incident_id,
            const char *occurred_at,
            const char *text)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "incident_id", incident_id);
  json_object_set_string_member (body, "occurred_at", occurred_at);
  json_object_set_string_member (body, "kind", "note");
  json_object_set_string_member (body, "text", text);
  json_object_set_string_member (body, "author", "tester");
  json_object_set_boolean_member (body, "pinned", FALSE);

  return body;
}

static void
apply (Fixture    *f,
       const char *id,
       const char *incident_id,
       const char *minute,
       const char *text)
{
  g_autofree char *at = g_strdup_printf ("2026-05-01T10:%s:00Z", minute);
  g_autoptr(JsonObject) body = entry_body (incident_id, at, text);

  sitrep_record_list_apply (f->list, id, body, 1);
}

/* The list, its shadow and @expected (texts in order) agree, and every
 * item is found where it is. */
static void
assert_texts (Fixture            *f,
              const char * const *expected)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->list));

  g_assert_cmpuint (n, ==, g_strv_length ((char **) expected));
  g_assert_cmpuint (f->shadow->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SitrepTimelineEntry) entry = g_list_model_get_item (G_LIST_MODEL (f->list), i);
      guint position = G_MAXUINT;

      g_assert_true (entry == g_ptr_array_index (f->shadow, i));
      g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, expected[i]);
      g_assert_true (sitrep_record_list_find (f->list, sitrep_timeline_entry_get_id (entry),
                                              &position));
      g_assert_cmpuint (position, ==, i);
      g_assert_true (sitrep_record_list_lookup (f->list, sitrep_timeline_entry_get_id (entry)) ==
                     SITREP_RECORD_OBJECT (entry));
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->list), n));
}

static void
test_insert_update_move_remove (Fixture       *f,
                                gconstpointer  data)
{
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->list)) == SITREP_TYPE_TIMELINE_ENTRY);

  apply (f, "e2", "A", "20", "second");
  apply (f, "e1", "A", "10", "first");
  apply (f, "e3", "A", "30", "third");
  {
    const char *expected[] = { "first", "second", "third", NULL };
    assert_texts (f, expected);
  }
  g_assert_cmpstr (f->log->str, ==, "0-0+1 0-0+1 2-0+1 ");
  g_assert_cmpuint (f->n_changed, ==, 3);

  /* An edit that keeps the order: no ::items-changed, the item is told. */
  {
    SitrepRecordObject *item = sitrep_record_list_lookup (f->list, "e2");
    guint n_text = 0;
    gulong handler = g_signal_connect_swapped (item, "notify::text", G_CALLBACK (count),
                                               &n_text);
    g_string_truncate (f->log, 0);
    apply (f, "e2", "A", "20", "second, edited");
    g_assert_cmpstr (f->log->str, ==, "");
    g_assert_cmpuint (n_text, ==, 1);
    g_assert_cmpuint (f->n_changed, ==, 4);
    g_signal_handler_disconnect (item, handler);
  }

  /* Re-timed: one removal, then one insertion; the object is the same. */
  {
    SitrepRecordObject *item = sitrep_record_list_lookup (f->list, "e1");
    const char *expected[] = { "second, edited", "third", "first", NULL };
    gulong handler = g_signal_connect (item, "notify::occurred-at", G_CALLBACK (check_in_place),
                                       f->list);

    g_string_truncate (f->log, 0);
    apply (f, "e1", "A", "40", "first");
    g_signal_handler_disconnect (item, handler);
    g_assert_cmpstr (f->log->str, ==, "0-1+0 2-0+1 ");
    g_assert_true (sitrep_record_list_lookup (f->list, "e1") == item);
    assert_texts (f, expected);
  }

  /* Deleted: one removal; deleting again, or an unknown id, says nothing. */
  {
    const char *expected[] = { "second, edited", "first", NULL };

    g_string_truncate (f->log, 0);
    g_assert_true (sitrep_record_list_apply (f->list, "e3", NULL, 2));
    g_assert_false (sitrep_record_list_apply (f->list, "e3", NULL, 2));
    g_assert_false (sitrep_record_list_apply (f->list, "nope", NULL, 2));
    g_assert_cmpstr (f->log->str, ==, "1-1+0 ");
    assert_texts (f, expected);
    g_assert_null (sitrep_record_list_lookup (f->list, "e3"));
    g_assert_false (sitrep_record_list_find (f->list, "e3", NULL));
  }
}

static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  apply (f, "b1", "B", "05", "of B");
  apply (f, "a1", "A", "10", "of A");
  sitrep_record_list_set_filter (f->list, of_incident_a, NULL, NULL);
  {
    const char *expected[] = { "of A", NULL };
    assert_texts (f, expected);
  }

  /* Another incident's record is not taken ... */
  g_string_truncate (f->log, 0);
  {
    g_autoptr(JsonObject) body = entry_body ("B", "2026-05-01T10:00:00Z", "x");

    g_assert_false (sitrep_record_list_apply (f->list, "b2", body, 1));
  }
  g_assert_cmpstr (f->log->str, ==, "");

  /* ... and one moved to another incident leaves. */
  apply (f, "a1", "B", "10", "of A, moved");
  g_assert_cmpstr (f->log->str, ==, "0-1+0 ");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 0);
}

static void
test_reset (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const char *expected[] = { "00", "01", "02", "03", "04", "05", "06", "07", "08", "09", NULL };

  apply (f, "old", "A", "59", "old");

  /* Out of order, with a duplicate id: sorted, once each, in one emission. */
  for (int i = 9; i >= 0; i--)
    {
      g_autofree char *id = g_strdup_printf ("e%d", i);
      g_autofree char *at = g_strdup_printf ("2026-05-01T10:%02d:00Z", i);
      g_autofree char *text = g_strdup_printf ("%02d", i);
      g_autoptr(JsonObject) body = entry_body ("A", at, text);

      g_ptr_array_add (items, sitrep_record_object_new ("timeline", id, body, 1));
    }
  g_ptr_array_add (items, g_object_ref (items->pdata[0]));

  g_string_truncate (f->log, 0);
  sitrep_record_list_reset (f->list, items);
  g_assert_cmpstr (f->log->str, ==, "0-1+10 ");
  assert_texts (f, expected);
}

static SitrepRecordObject *
minute_entry (int minute)
{
  g_autofree char *id = g_strdup_printf ("e%02d", minute);
  g_autofree char *at = g_strdup_printf ("2026-05-01T10:%02d:00Z", minute);
  g_autofree char *text = g_strdup_printf ("%02d", minute);
  g_autoptr(JsonObject) body = entry_body ("A", at, text);

  return sitrep_record_object_new ("timeline", id, body, 1);
}

/* The rest of a list after its first screen: each new item where it
 * sorts, the listed ones kept, one emission per run of new neighbours
 * (one alone when all come after), duplicates ignored. */
static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rest = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) tail = g_ptr_array_new_with_free_func (g_object_unref);
  const char *middle[] = { "00", "01", "02", "03", "04", "05", "06", NULL };
  const char *all[] = { "00", "01", "02", "03", "04", "05", "06", "07", "08", "09", NULL };
  gpointer listed;

  g_ptr_array_add (first, minute_entry (1));
  g_ptr_array_add (first, minute_entry (3));
  g_ptr_array_add (first, minute_entry (5));
  sitrep_record_list_reset (f->list, first);
  listed = g_list_model_get_item (G_LIST_MODEL (f->list), 1);
  g_object_unref (listed);

  for (int m = 6; m >= 0; m -= 2)
    g_ptr_array_add (rest, minute_entry (m));
  g_ptr_array_add (rest, minute_entry (3));   /* listed already */
  g_string_truncate (f->log, 0);
  f->n_changed = 0;
  sitrep_record_list_merge (f->list, rest);
  g_assert_cmpstr (f->log->str, ==, "0-0+1 2-0+1 4-0+1 6-0+1 ");
  g_assert_cmpuint (f->n_changed, ==, 1);
  assert_texts (f, middle);
  /* The listed item is the same object, where it sorts. */
  g_assert_true (sitrep_record_list_lookup (f->list, "e03") == listed);

  for (int m = 9; m >= 7; m--)
    g_ptr_array_add (tail, minute_entry (m));
  g_string_truncate (f->log, 0);
  sitrep_record_list_merge (f->list, tail);
  g_assert_cmpstr (f->log->str, ==, "7-0+3 ");
  assert_texts (f, all);

  g_string_truncate (f->log, 0);
  sitrep_record_list_merge (f->list, tail);
  g_assert_cmpstr (f->log->str, ==, "");
}

/* Random edits: after each, the shadow built from ::items-changed equals
 * the list, and the list is sorted. */
static void
test_random (Fixture       *f,
             gconstpointer  data)
{
  GRand *rand = g_rand_new_with_seed (20261202);

  for (guint step = 0; step < 2000; step++)
    {
      g_autofree char *id = g_strdup_printf ("e%d", g_rand_int_range (rand, 0, 60));
      g_autofree char *minute = g_strdup_printf ("%02d", g_rand_int_range (rand, 0, 60));

      if (g_rand_int_range (rand, 0, 5) == 0)
        sitrep_record_list_apply (f->list, id, NULL, 1);
      else
        apply (f, id, "A", minute, id);

      g_assert_cmpuint (f->shadow->len, ==, g_list_model_get_n_items (G_LIST_MODEL (f->list)));
      for (guint i = 0; i < f->shadow->len; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (f->list), i);

          g_assert_true (item == f->shadow->pdata[i]);
          if (i > 0)
            g_assert_cmpint (sitrep_timeline_entry_compare (f->shadow->pdata[i - 1],
                                                            f->shadow->pdata[i]), <, 0);
        }
    }

  g_rand_free (rand);
}

/* The typed objects expose the fields as properties for templates. */
static void
test_properties (void)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(SitrepIncident) incident = NULL;
  g_autofree char *title = NULL;
  g_autofree char *services = NULL;
  JsonArray *array = json_array_new ();
  int severity = -1;
  gint64 version = 0;

  json_object_set_string_member (body, "title", "Checkout down");
  json_object_set_string_member (body, "severity", "P2");
  json_object_set_string_member (body, "status", "identified");
  json_array_add_string_element (array, "payments");
  json_array_add_string_element (array, "checkout");
  json_object_set_array_member (body, "services", array);
  incident = SITREP_INCIDENT (sitrep_record_object_new ("incidents", "i1", body, 7));

  g_object_get (incident, "title", &title, "severity", &severity, "services", &services,
                "version", &version, NULL);
  g_assert_cmpstr (title, ==, "Checkout down");
  g_assert_cmpint (severity, ==, SITREP_SEVERITY_P2);
  g_assert_cmpstr (services, ==, "payments, checkout");
  g_assert_cmpint (version, ==, 7);
  g_assert_cmpstr (sitrep_record_object_get_incident_id (SITREP_RECORD_OBJECT (incident)), ==, "i1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/record-list/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("insert-update-move-remove", test_insert_update_move_remove);
  ADD ("filter", test_filter);
  ADD ("reset", test_reset);
  ADD ("merge", test_merge);
  ADD ("random", test_random);
#undef ADD
  g_test_add_func ("/record-object/properties", test_properties);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-incident-model.c: the context's incident list loaded from a real
 * SQLite store (no display): bodies stay text until something reads them,
 * and the list sorts as if every body had been parsed */

#include "config.h"

#include "sitrep-context-store.h"
#include "store-test-util.h"

/* Record ids are UUIDs; the last digit tells them apart. */
#define ID(digit) "00000000-0000-4000-8000-00000000000" digit

typedef struct
{
  const char *id;
  const char *title;
  const char *severity;
  const char *status;
  const char *declared_at;
} Row;

/* Every status, ties on severity and time, a missing declaration. */
static const Row rows[] = {
  { ID ("1"), "Checkout down", "P1", "investigating", "2024-05-01T10:00:00Z" },
  { ID ("2"), "Search slow", "P3", "resolved", "2024-05-01T09:00:00Z" },
  { ID ("3"), "Login errors", "P1", "identified", "2024-05-01T10:30:00Z" },
  { ID ("4"), "Billing late", "P2", "monitoring", NULL },
  { ID ("5"), "CDN misses", "P2", "monitoring", "2024-04-30T23:59:59Z" },
  { ID ("6"), "Queue backlog", "P4", "closed", "2024-05-02T08:00:00Z" },
  { ID ("7"), "Cache cold", "P1", "investigating", "2024-05-01T10:00:00Z" },
  { ID ("8"), "Reports stale", "P2", "identified", "2024-05-01T08:00:00Z" },
  { ID ("9"), "API gateway", "P2", "monitoring", "2024-05-01T11:00:00Z" },
};

typedef struct
{
  char          *dir;
  SitrepContext *context;
  GListModel    *incidents;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = test_make_tmp_dir ();
  path = g_build_filename (f->dir, "sitrep.db", NULL);

  {
    g_autoptr(SitrepStore) store = sitrep_store_open (path, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        g_autoptr(JsonObject) body = test_incident_body (rows[i].title, rows[i].severity,
                                                         rows[i].status, rows[i].declared_at);

        sitrep_store_put (store, "incidents", rows[i].id, body, &error);
        g_assert_no_error (error);
      }
  }

  f->context = sitrep_context_new (f->dir, &error);
  g_assert_no_error (error);
  f->incidents = sitrep_context_get_incidents (f->context);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->context);
  test_rm_rf (f->dir);
  g_free (f->dir);
}

/* The list's item at @position, held by the list. */
static SitrepIncident *
nth (Fixture *f,
     guint    position)
{
  SitrepIncident *incident = g_list_model_get_item (f->incidents, position);

  g_object_unref (incident);
  return incident;
}

static int
compare_parsed (gconstpointer a,
                gconstpointer b)
{
  return sitrep_incident_compare (*(SitrepIncident **) a, *(SitrepIncident **) b);
}

/* The order the same incidents have when built from parsed bodies. */
static GPtrArray *
expected_order (void)
{
  GPtrArray *parsed = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(JsonObject) body = test_incident_body (rows[i].title, rows[i].severity,
                                                       rows[i].status, rows[i].declared_at);

      g_ptr_array_add (parsed, sitrep_incident_new (rows[i].id, body));
    }
  g_ptr_array_sort (parsed, compare_parsed);

  return parsed;
}

static void
assert_order (Fixture *f)
{
  g_autoptr(GPtrArray) parsed = expected_order ();

  g_assert_cmpuint (g_list_model_get_n_items (f->incidents), ==, parsed->len);
  for (guint i = 0; i < parsed->len; i++)
    {
      SitrepIncident *want = parsed->pdata[i];
      SitrepIncident *got = nth (f, i);

      g_assert_cmpstr (sitrep_incident_get_id (got), ==, sitrep_incident_get_id (want));
      g_assert_cmpint (sitrep_incident_get_severity (got), ==, sitrep_incident_get_severity (want));
      g_assert_cmpint (sitrep_incident_get_status (got), ==, sitrep_incident_get_status (want));
    }
}

static void
test_unparsed (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) parsed = expected_order ();
  guint n = g_list_model_get_n_items (f->incidents);
  SitrepIncident *first;

  /* Listed and sorted without parsing one body. */
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (rows));
  for (guint i = 0; i < n; i++)
    {
      SitrepIncident *got = nth (f, i);
      SitrepIncident *want = parsed->pdata[i];

      g_assert_cmpstr (sitrep_incident_get_id (got), ==, sitrep_incident_get_id (want));
      g_assert_cmpint (sitrep_incident_get_severity (got), ==, sitrep_incident_get_severity (want));
      g_assert_cmpint (sitrep_incident_get_status (got), ==, sitrep_incident_get_status (want));
      g_assert_cmpint (sitrep_incident_is_active (got), ==, sitrep_incident_is_active (want));
      g_assert_false (sitrep_incident_is_parsed (got));
    }

  /* A row reading its title parses that one body, and only that one. */
  first = nth (f, 0);
  g_assert_cmpstr (sitrep_incident_get_title (first), ==,
                   sitrep_incident_get_title (parsed->pdata[0]));
  g_assert_true (sitrep_incident_is_parsed (first));
  for (guint i = 1; i < n; i++)
    g_assert_false (sitrep_incident_is_parsed (nth (f, i)));

  /* Milestones, parsed when asked for, as a parsed incident has them. */
  for (guint i = 0; i < n; i++)
    {
      GDateTime *got = sitrep_incident_get_milestone (nth (f, i), SITREP_MILESTONE_DECLARED);
      GDateTime *want = sitrep_incident_get_milestone (parsed->pdata[i],
                                                       SITREP_MILESTONE_DECLARED);

      g_assert_true ((got == NULL) == (want == NULL));
      if (got != NULL)
        g_assert_true (g_date_time_equal (got, want));
    }
}

static void
test_live_updates (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  SitrepIncident *incident;
  guint position = G_MAXUINT;

  /* Search slow (resolved, P3) reopens as a P1 declared last: it goes first. */
  body = test_incident_body ("Search slow", "P1", "investigating", "2024-05-03T00:00:00Z");
  sitrep_store_put (sitrep_context_get_store (f->context), "incidents", ID ("2"), body, &error);
  g_assert_no_error (error);

  incident = sitrep_context_lookup_incident (f->context, ID ("2"));
  g_assert_nonnull (incident);
  g_assert_true (nth (f, 0) == incident);
  g_assert_cmpint (sitrep_incident_get_status (incident), ==, SITREP_STATUS_INVESTIGATING);
  g_assert_nonnull (sitrep_incident_get_milestone (incident, SITREP_MILESTONE_DECLARED));
  g_assert_cmpint (g_date_time_get_day_of_month (
                     sitrep_incident_get_milestone (incident, SITREP_MILESTONE_DECLARED)), ==, 3);

  /* An unparsed neighbour moves on its own key: Checkout down closes. */
  body = test_incident_body ("Checkout down", "P1", "closed", "2024-05-01T10:00:00Z");
  sitrep_store_put (sitrep_context_get_store (f->context), "incidents", ID ("1"), body, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_record_list_find (SITREP_RECORD_LIST (f->incidents), ID ("1"), &position));
  for (guint i = 0; i + 1 < g_list_model_get_n_items (f->incidents); i++)
    g_assert_cmpint (sitrep_incident_compare (nth (f, i), nth (f, i + 1)), <, 0);
  g_assert_false (sitrep_incident_is_active (nth (f, position)));

  /* A deletion leaves the rest in order. */
  sitrep_store_delete (sitrep_context_get_store (f->context), "incidents", ID ("3"), &error);
  g_assert_no_error (error);
  g_assert_null (sitrep_context_lookup_incident (f->context, ID ("3")));
  g_assert_cmpuint (g_list_model_get_n_items (f->incidents), ==, G_N_ELEMENTS (rows) - 1);
}

static void
test_sorted (Fixture       *f,
             gconstpointer  data)
{
  assert_order (f);
}

/* The store's open-time check reads every page through a mapping; once the
 * list is loaded the file is no longer mapped, so the memory the list
 * takes does not include the whole database. */
static void
test_file_not_mapped (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *maps = NULL;
  g_autofree char *path = g_build_filename (f->dir, "sitrep.db", NULL);
  g_autofree char *line_end = g_strconcat (" ", path, "\n", NULL);

  g_assert_cmpuint (g_list_model_get_n_items (f->incidents), ==, G_N_ELEMENTS (rows));
  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  g_assert_null (strstr (maps, line_end));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/incident-list/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("sorted", test_sorted);
  ADD ("unparsed", test_unparsed);
  ADD ("live-updates", test_live_updates);
  ADD ("file-not-mapped", test_file_not_mapped);
#undef ADD

  return g_test_run ();
}

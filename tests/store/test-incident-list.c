/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-incident-list.c: the sidebar's model and what the context writes when
 * the user declares an incident or changes its status (no widgets) */

#include "config.h"

#include "sitrep-checklist.h"
#include "sitrep-obligations.h"
#include "sitrep-context-store.h"

/* The incident's workspace, kept open for as long as the context. */
static SitrepWorkspace *
test_workspace (SitrepContext *context,
                const char    *incident_id)
{
  g_autofree char *key = g_strconcat ("test-workspace:", incident_id, NULL);
  SitrepWorkspace *workspace = g_object_get_data (G_OBJECT (context), key);

  if (workspace == NULL)
    {
      workspace = sitrep_context_open_workspace (context, incident_id);
      g_object_set_data_full (G_OBJECT (context), key, workspace, g_object_unref);
    }

  return workspace;
}
#include "sitrep-record-list.h"
#include "sitrep-time.h"
#include "store-test-util.h"

typedef struct
{
  char          *dir;
  char          *path;
  SitrepContext *context;
  SitrepStore   *store;       /* owned by context */
  GListModel    *model;       /* owned by context */
  GPtrArray     *shadow;      /* the model as items-changed told it */
  guint          n_changes;
  guint          n_notify;
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  g_assert_cmpuint (position + removed, <=, f->shadow->len);
  g_ptr_array_remove_range (f->shadow, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (f->shadow, position + i, g_list_model_get_item (model, position + i));
  f->n_changes++;
}

static void
on_notify_pending (SitrepStore *store,
                   GParamSpec  *pspec,
                   Fixture     *f)
{
  f->n_notify++;
}

static void
fixture_open (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->context = sitrep_context_new (f->dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->context);
  sitrep_context_set_user (f->context, "tester");
  f->store = sitrep_context_get_store (f->context);
  f->model = sitrep_context_get_incidents (f->context);
  g_assert_true (g_list_model_get_item_type (f->model) == SITREP_TYPE_INCIDENT);

  g_ptr_array_set_size (f->shadow, 0);
  for (guint i = 0; i < g_list_model_get_n_items (f->model); i++)
    g_ptr_array_add (f->shadow, g_list_model_get_item (f->model, i));
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed), f);
  g_signal_connect (f->store, "notify::pending", G_CALLBACK (on_notify_pending), f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "sitrep.db", NULL);
  f->shadow = g_ptr_array_new_with_free_func (g_object_unref);
  fixture_open (f);
}

static void
fixture_close (Fixture *f)
{
  g_signal_handlers_disconnect_by_data (f->model, f);
  g_signal_handlers_disconnect_by_data (f->store, f);
  g_ptr_array_set_size (f->shadow, 0);
  g_assert_finalize_object (f->context);
  f->context = NULL;
  f->store = NULL;
  f->model = NULL;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  fixture_close (f);
  g_ptr_array_unref (f->shadow);
  test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The model, its shadow and @expected (titles in order) all agree. */
static void
assert_order (Fixture            *f,
              const char * const *expected)
{
  guint n = g_list_model_get_n_items (f->model);

  g_assert_cmpuint (n, ==, g_strv_length ((char **) expected));
  g_assert_cmpuint (f->shadow->len, ==, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (f->model, i);
      guint position = G_MAXUINT;

      g_assert_true (incident == g_ptr_array_index (f->shadow, i));
      g_assert_cmpstr (sitrep_incident_get_title (incident), ==, expected[i]);
      g_assert_true (sitrep_context_lookup_incident (f->context,
                                                     sitrep_incident_get_id (incident))
                     == incident);
      g_assert_true (sitrep_record_list_find (SITREP_RECORD_LIST (f->model),
                                                sitrep_incident_get_id (incident),
                                                &position));
      g_assert_cmpuint (position, ==, i);
    }
  g_assert_null (g_list_model_get_item (f->model, n));
}

static char *
put_incident (Fixture    *f,
              const char *title,
              const char *severity,
              const char *status,
              const char *declared_at)
{
  g_autoptr(JsonObject) body = test_incident_body (title, severity, status, declared_at);
  g_autoptr(GError) error = NULL;
  char *id = g_uuid_string_random ();

  g_assert_true (sitrep_store_put (f->store, "incidents", id, body, &error));
  g_assert_no_error (error);

  return id;
}

static void
patch_incident (Fixture    *f,
                const char *id,
                const char *member,
                const char *value)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (fields, member, value);
  g_assert_true (sitrep_workspace_update_incident (test_workspace (f->context, id), fields, &error));
  g_assert_no_error (error);
}

static void
set_status (Fixture      *f,
            const char   *id,
            SitrepStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_workspace_set_status (test_workspace (f->context, id), status, &error));
  g_assert_no_error (error);
}

static void
count_notify (guint *n)
{
  (*n)++;
}

static void
test_list_order (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *a = put_incident (f, "A P2 active 10h", "P2", "investigating",
                                     "2024-05-01T10:00:00Z");
  g_autofree char *b = put_incident (f, "B P1 resolved 11h", "P1", "resolved",
                                     "2024-05-01T11:00:00Z");
  g_autofree char *c = put_incident (f, "C P1 active 09h", "P1", "investigating",
                                     "2024-05-01T09:00:00Z");
  g_autofree char *d = put_incident (f, "D P1 active 12h", "P1", "identified",
                                     "2024-05-01T12:00:00Z");
  g_autofree char *e = put_incident (f, "E P3 closed 13h", "P3", "closed",
                                     "2024-05-01T13:00:00Z");
  g_autofree char *g = put_incident (f, "F P2 active 14h", "P2", "monitoring",
                                     "2024-05-01T14:00:00Z");
  g_autofree char *h = put_incident (f, "G P4 active 15h", "P4", "investigating",
                                     "2024-05-01T15:00:00Z");
  g_autofree char *i = put_incident (f, "H P2 resolved 08h", "P2", "resolved",
                                     "2024-05-01T08:00:00Z");
  const char *initial[] = {
    "D P1 active 12h", "C P1 active 09h", "F P2 active 14h", "A P2 active 10h",
    "G P4 active 15h", "B P1 resolved 11h", "H P2 resolved 08h", "E P3 closed 13h", NULL
  };
  guint changes;

  /* Inserted one by one, live ... */
  assert_order (f, initial);
  g_assert_cmpuint (f->n_changes, ==, 8);

  /* ... and loaded all at once, the order is the same. */
  fixture_close (f);
  fixture_open (f);
  assert_order (f, initial);

  /* Resolving D moves it below every active incident, above older P1s. */
  set_status (f, d, SITREP_STATUS_RESOLVED);
  {
    const char *expected[] = {
      "C P1 active 09h", "F P2 active 14h", "A P2 active 10h", "G P4 active 15h",
      "D P1 active 12h", "B P1 resolved 11h", "H P2 resolved 08h", "E P3 closed 13h", NULL
    };
    assert_order (f, expected);
  }

  /* Reopening B brings it back to the top, above C (declared earlier). */
  set_status (f, b, SITREP_STATUS_INVESTIGATING);
  {
    const char *expected[] = {
      "B P1 resolved 11h", "C P1 active 09h", "F P2 active 14h", "A P2 active 10h",
      "G P4 active 15h", "D P1 active 12h", "H P2 resolved 08h", "E P3 closed 13h", NULL
    };
    assert_order (f, expected);
  }

  /* Raising G to P1 moves it past the P2s; it is the newest P1. */
  g_assert_true (sitrep_workspace_set_severity (test_workspace (f->context, h), SITREP_SEVERITY_P1, NULL));
  {
    const char *expected[] = {
      "G P4 active 15h", "B P1 resolved 11h", "C P1 active 09h", "F P2 active 14h",
      "A P2 active 10h", "D P1 active 12h", "H P2 resolved 08h", "E P3 closed 13h", NULL
    };
    assert_order (f, expected);
  }

  /* A later declaration makes A the newest P2. */
  patch_incident (f, a, "declared_at", "2024-05-01T16:00:00Z");
  {
    const char *expected[] = {
      "G P4 active 15h", "B P1 resolved 11h", "C P1 active 09h", "A P2 active 10h",
      "F P2 active 14h", "D P1 active 12h", "H P2 resolved 08h", "E P3 closed 13h", NULL
    };
    assert_order (f, expected);
  }

  /* A change that does not move the row keeps the order; the row learns of
   * the new title from the incident's notify::body. */
  {
    SitrepIncident *incident = sitrep_context_lookup_incident (f->context, c);
    guint n_body = 0;
    gulong handler = g_signal_connect_swapped (incident, "notify::body",
                                               G_CALLBACK (count_notify), &n_body);

    patch_incident (f, c, "title", "C renamed");
    g_assert_cmpuint (n_body, ==, 1);
    g_signal_handler_disconnect (incident, handler);
  }
  {
    const char *expected[] = {
      "G P4 active 15h", "B P1 resolved 11h", "C renamed", "A P2 active 10h",
      "F P2 active 14h", "D P1 active 12h", "H P2 resolved 08h", "E P3 closed 13h", NULL
    };
    assert_order (f, expected);
  }

  /* Deleting removes the row; timeline entries do not touch the list. */
  changes = f->n_changes;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) entry = test_timeline_body (c, "just a note");
    g_autofree char *entry_id = g_uuid_string_random ();

    g_assert_true (sitrep_store_put (f->store, "timeline", entry_id, entry, &error));
    g_assert_cmpuint (f->n_changes, ==, changes);
    g_assert_true (sitrep_store_delete (f->store, "incidents", i, &error));
    g_assert_true (sitrep_store_delete (f->store, "incidents", g, &error));
    g_assert_no_error (error);
  }
  {
    const char *expected[] = {
      "G P4 active 15h", "B P1 resolved 11h", "C renamed", "A P2 active 10h",
      "D P1 active 12h", "E P3 closed 13h", NULL
    };
    assert_order (f, expected);
  }
  g_assert_null (sitrep_context_lookup_incident (f->context, i));
  g_assert_false (sitrep_record_list_find (SITREP_RECORD_LIST (f->model), g, NULL));
  (void) e;
}

/* Random edits; after each one the shadow built from items-changed must
 * equal the model, and the model must be sorted. */
static void
test_list_random (Fixture       *f,
                  gconstpointer  data)
{
  static const char *severities[] = { "P1", "P2", "P3", "P4" };
  static const char *statuses[] = {
    "investigating", "identified", "monitoring", "resolved", "closed"
  };
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint round = 0; round < 300; round++)
    {
      int what = g_test_rand_int_range (0, 10);
      guint n;

      if (ids->len < 3 || what < 3)
        {
          g_autofree char *title = g_strdup_printf ("Incident %u", round);
          g_autofree char *declared = g_strdup_printf ("2024-05-%02dT%02d:00:00Z",
                                                       g_test_rand_int_range (1, 29),
                                                       g_test_rand_int_range (0, 24));

          g_ptr_array_add (ids, put_incident (f, title,
                                              severities[g_test_rand_int_range (0, 4)],
                                              statuses[g_test_rand_int_range (0, 5)],
                                              declared));
        }
      else
        {
          guint index = g_test_rand_int_range (0, ids->len);
          const char *id = g_ptr_array_index (ids, index);

          if (what < 6)
            patch_incident (f, id, "status", statuses[g_test_rand_int_range (0, 5)]);
          else if (what < 9)
            patch_incident (f, id, "severity", severities[g_test_rand_int_range (0, 4)]);
          else
            {
              g_assert_true (sitrep_store_delete (f->store, "incidents", id, NULL));
              g_ptr_array_remove_index (ids, index);
            }
        }

      n = g_list_model_get_n_items (f->model);
      g_assert_cmpuint (n, ==, ids->len);
      g_assert_cmpuint (f->shadow->len, ==, n);
      for (guint k = 0; k < n; k++)
        {
          g_autoptr(SitrepIncident) item = g_list_model_get_item (f->model, k);

          g_assert_true (item == g_ptr_array_index (f->shadow, k));
          if (k > 0)
            {
              SitrepIncident *prev = g_ptr_array_index (f->shadow, k - 1);
              gboolean prev_active = sitrep_incident_is_active (prev);
              gboolean active = sitrep_incident_is_active (item);

              /* active first, then by severity, independently of compare() */
              g_assert_true (prev_active || !active);
              if (prev_active == active)
                g_assert_cmpint (sitrep_incident_get_severity (prev), <=,
                                 sitrep_incident_get_severity (item));
              g_assert_cmpint (sitrep_incident_compare (prev, item), <, 0);
            }
        }
    }
}

/* Ids of @model in its order. */
static GPtrArray *
ids_of (GListModel *model)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (model, i);

      g_ptr_array_add (ids, g_strdup (sitrep_incident_get_id (incident)));
    }
  return ids;
}

/* A context opened for a window lists the first screen in the sidebar's
 * order, read through the store's index; the rest follow in one emission
 * after it, when asked or when something looks for an incident not
 * listed; one changed meanwhile is listed once. */
static void
test_first_screen (Fixture       *f,
                   gconstpointer  data)
{
  static const char *severities[] = { "P1", "P2", "P3", "P4" };
  static const char *statuses[] = {
    "investigating", "identified", "monitoring", "resolved", "closed"
  };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *late = NULL;
  SitrepContext *context;
  GListModel *model;
  guint n_changes = 0;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *title = g_strdup_printf ("Incident %u", i);
      g_autofree char *declared = g_strdup_printf ("2024-05-%02dT%02d:%02d:00Z",
                                                   g_test_rand_int_range (1, 29),
                                                   g_test_rand_int_range (0, 24),
                                                   g_test_rand_int_range (0, 60));
      g_autofree char *id = put_incident (f, title, severities[g_test_rand_int_range (0, 4)],
                                          statuses[g_test_rand_int_range (0, 5)],
                                          i % 9 == 0 ? NULL : declared);
    }
  all = ids_of (f->model);
  fixture_close (f);

  /* The first screen: the first ten of the whole list, in its order. */
  context = sitrep_context_new_first (f->dir, 10, &error);
  g_assert_no_error (error);
  model = sitrep_context_get_incidents (context);
  first = ids_of (model);
  g_assert_cmpuint (first->len, ==, 10);
  for (guint i = 0; i < first->len; i++)
    g_assert_cmpstr (first->pdata[i], ==, all->pdata[i]);

  /* Asked for, the rest come after it, in one emission. */
  g_signal_connect_swapped (model, "items-changed", G_CALLBACK (count_notify), &n_changes);
  sitrep_context_load_all_incidents (context);
  g_assert_cmpuint (n_changes, ==, 1);
  {
    g_autoptr(GPtrArray) now = ids_of (model);

    g_assert_cmpuint (now->len, ==, all->len);
    for (guint i = 0; i < now->len; i++)
      g_assert_cmpstr (now->pdata[i], ==, all->pdata[i]);
  }
  sitrep_context_load_all_incidents (context);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_finalize_object (context);

  /* Looked for, an incident not listed brings the rest; one written in
   * the meantime is listed once. */
  context = sitrep_context_new_first (f->dir, 5, &error);
  g_assert_no_error (error);
  model = sitrep_context_get_incidents (context);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  {
    g_autoptr(JsonObject) body = test_incident_body ("Late", "P4", "closed", NULL);

    late = g_uuid_string_random ();
    g_assert_true (sitrep_store_put (sitrep_context_get_store (context), "incidents", late, body,
                                     &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  g_assert_nonnull (sitrep_context_lookup_incident (context, all->pdata[all->len - 1]));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, all->len + 1);
  g_assert_nonnull (sitrep_context_lookup_incident (context, late));
  g_assert_finalize_object (context);

  /* Fewer incidents than a screen: all listed at once. */
  context = sitrep_context_new_first (f->dir, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_context_get_incidents (context)), ==,
                    all->len + 1);
  g_assert_finalize_object (context);

  fixture_open (f);
}

/* The rest read in a worker thread comes in one emission after the first
 * screen; what changed meanwhile is listed as it is now, once, and what
 * was deleted not at all. */
static void
test_rest_in_background (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *edited = NULL;
  const char *deleted;
  SitrepContext *context;
  GListModel *model;
  gboolean loaded = FALSE;
  guint n_changes = 0;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *title = g_strdup_printf ("Incident %02u", i);
      g_autofree char *declared = g_strdup_printf ("2024-05-01T10:%02u:00Z", i);
      g_autofree char *id = put_incident (f, title, "P3", "closed", declared);
    }
  all = ids_of (f->model);
  fixture_close (f);

  context = sitrep_context_new_first (f->dir, 10, &error);
  g_assert_no_error (error);
  model = sitrep_context_get_incidents (context);
  g_signal_connect_swapped (context, "incidents-loaded", G_CALLBACK (count_notify), &loaded);
  sitrep_context_load_rest_of_incidents (context);

  /* Written while the thread reads: one of the rest deleted, one edited. */
  deleted = all->pdata[20];
  edited = g_strdup (all->pdata[25]);
  g_assert_true (sitrep_store_delete (sitrep_context_get_store (context), "incidents", deleted,
                                      &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) body = test_incident_body ("Edited meanwhile", "P3", "closed",
                                                     "2024-05-01T10:25:00Z");

    g_assert_true (sitrep_store_put (sitrep_context_get_store (context), "incidents", edited,
                                     body, &error));
    g_assert_no_error (error);
  }
  g_signal_connect_swapped (model, "items-changed", G_CALLBACK (count_notify), &n_changes);

  while (!loaded)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, all->len - 1);
  g_assert_null (sitrep_record_list_lookup (SITREP_RECORD_LIST (model), deleted));
  g_assert_cmpstr (sitrep_incident_get_title (sitrep_context_lookup_incident (context, edited)),
                   ==, "Edited meanwhile");
  g_assert_cmpuint (n_changes, >=, 1);
  g_assert_finalize_object (context);

  /* A context that goes away before the thread is done is not touched. */
  context = sitrep_context_new_first (f->dir, 10, &error);
  g_assert_no_error (error);
  sitrep_context_load_rest_of_incidents (context);
  g_assert_finalize_object (context);
  for (guint i = 0; i < 100 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);

  fixture_open (f);
}

/* Obligations remind only for incidents resolved in the last
 * SITREP_OBLIGATIONS_REMIND_DAYS: a database of incidents closed long
 * before obligations were tracked raises nothing. */
static void
test_owes_recent (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) old_at = g_date_time_add_days (now, -(SITREP_OBLIGATIONS_REMIND_DAYS + 30));
  g_autoptr(GDateTime) recent_at = g_date_time_add_days (now, -2);
  g_autofree char *old_text = sitrep_time_format (old_at);
  g_autofree char *recent_text = sitrep_time_format (recent_at);
  g_autofree char *old = put_incident (f, "Old", "P3", "closed", old_text);
  g_autofree char *recent = put_incident (f, "Recent", "P3", "closed", recent_text);

  patch_incident (f, old, "resolved_at", old_text);
  patch_incident (f, recent, "resolved_at", recent_text);
  fixture_close (f);
  fixture_open (f);

  /* From the store's query at the first question… */
  g_assert_false (sitrep_context_incident_owes (f->context, sitrep_context_lookup_incident (f->context, old)));
  g_assert_true (sitrep_context_incident_owes (f->context, sitrep_context_lookup_incident (f->context, recent)));

  /* …and from each change after it. */
  patch_incident (f, old, "title", "Old, edited");
  patch_incident (f, recent, "title", "Recent, edited");
  g_assert_false (sitrep_context_incident_owes (f->context, sitrep_context_lookup_incident (f->context, old)));
  g_assert_true (sitrep_context_incident_owes (f->context, sitrep_context_lookup_incident (f->context, recent)));
}

static void
test_declare (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checklist = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(SitrepRecord) incident = NULL;
  g_autofree char *id = NULL;
  g_autofree char *mids = NULL;
  SitrepRecord *entry;
  gsize n_items;
  guint pending;

  sitrep_checklist_default_items (&n_items);
  g_assert_cmpuint (n_items, ==, 21);

  pending = sitrep_store_get_pending (f->store);
  id = sitrep_context_declare_incident (f->context, "  Checkout down  ", "payments, checkout",
                                        "No card payments", SITREP_SEVERITY_P1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_true (g_uuid_string_is_valid (id));

  /* One transaction: one commit, one pending notification, 23 mutations. */
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, pending + 23);
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM outbox"), ==, 23);
  g_assert_cmpuint (f->n_notify, ==, 1);
  mids = test_sql_text (f->path, "SELECT min(mid) || '-' || max(mid) FROM outbox");
  g_assert_cmpstr (mids, ==, "1-23");

  incident = sitrep_store_get (f->store, "incidents", id);
  g_assert_nonnull (incident);
  g_assert_cmpstr (test_body_string (incident->body, "title"), ==, "Checkout down");
  g_assert_cmpstr (test_body_string (incident->body, "severity"), ==, "P1");
  g_assert_cmpstr (test_body_string (incident->body, "status"), ==, "investigating");
  g_assert_true (sitrep_time_is_valid (test_body_string (incident->body, "declared_at")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (incident->body,
                                                                         "services")), ==, 2);

  checklist = sitrep_store_list (f->store, "checklist", id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (checklist->len, ==, 21);
  for (guint i = 0; i < checklist->len; i++)
    {
      SitrepRecord *item = checklist->pdata[i];

      g_assert_cmpstr (test_body_string (item->body, "incident_id"), ==, id);
      g_assert_true (g_str_has_prefix (item->id, id));
    }

  timeline = sitrep_store_list (f->store, "timeline", id, &error);
  g_assert_cmpuint (timeline->len, ==, 1);
  entry = timeline->pdata[0];
  g_assert_cmpstr (test_body_string (entry->body, "incident_id"), ==, id);
  g_assert_cmpstr (test_body_string (entry->body, "kind"), ==, "status");
  g_assert_cmpstr (test_body_string (entry->body, "author"), ==, "tester");

  /* and the sidebar shows it */
  g_assert_cmpuint (g_list_model_get_n_items (f->model), ==, 1);
  g_assert_nonnull (sitrep_context_lookup_incident (f->context, id));
  g_assert_cmpuint (f->shadow->len, ==, 1);
}

static void
test_declare_empty_title (Fixture       *f,
                          gconstpointer  data)
{
  const char *titles[] = { "", "   ", "\t\n ", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = sitrep_context_declare_incident (f->context, titles[i], "", "",
                                                             SITREP_SEVERITY_P2, &error);

      g_assert_null (id);
      g_assert_nonnull (error);
    }

  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 0);
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM records"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (f->model), ==, 0);
  g_assert_cmpuint (f->n_changes, ==, 0);
}

static guint
count_status_entries (Fixture    *f,
                      const char *id)
{
  g_autoptr(GPtrArray) timeline = sitrep_store_list (f->store, "timeline", id, NULL);
  guint n = 0;

  for (guint i = 0; i < timeline->len; i++)
    {
      SitrepRecord *entry = timeline->pdata[i];

      if (g_strcmp0 (test_body_string (entry->body, "kind"), "status") == 0)
        n++;
    }

  return n;
}

static void
test_set_status (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepRecord) record = NULL;
  g_autofree char *id = sitrep_context_declare_incident (f->context, "Status walk", "", "",
                                                         SITREP_SEVERITY_P2, &error);
  guint pending;

  g_assert_no_error (error);
  g_assert_cmpuint (count_status_entries (f, id), ==, 1);

  /* investigating → identified: status and a timeline entry, one commit */
  pending = sitrep_store_get_pending (f->store);
  set_status (f, id, SITREP_STATUS_IDENTIFIED);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, pending + 2);
  record = sitrep_store_get (f->store, "incidents", id);
  g_assert_cmpstr (test_body_string (record->body, "status"), ==, "identified");
  g_assert_true (json_object_get_null_member (record->body, "resolved_at"));
  g_assert_cmpuint (count_status_entries (f, id), ==, 2);
  g_clear_pointer (&record, sitrep_record_free);

  /* → resolved stamps resolved_at, and mitigated_at when none was set, each
   * with its entry */
  set_status (f, id, SITREP_STATUS_RESOLVED);
  record = sitrep_store_get (f->store, "incidents", id);
  g_assert_cmpstr (test_body_string (record->body, "status"), ==, "resolved");
  g_assert_true (sitrep_time_is_valid (test_body_string (record->body, "resolved_at")));
  g_assert_cmpstr (test_body_string (record->body, "mitigated_at"), ==,
                   test_body_string (record->body, "resolved_at"));
  g_assert_cmpuint (count_status_entries (f, id), ==, 4);
  g_assert_false (sitrep_incident_is_active (sitrep_context_lookup_incident (f->context, id)));
  g_clear_pointer (&record, sitrep_record_free);

  /* resolved → identified is not allowed (only back to investigating) */
  pending = sitrep_store_get_pending (f->store);
  g_assert_false (sitrep_workspace_set_status (test_workspace (f->context, id), SITREP_STATUS_IDENTIFIED, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, pending);

  set_status (f, id, SITREP_STATUS_CLOSED);
  record = sitrep_store_get (f->store, "incidents", id);
  g_assert_cmpstr (test_body_string (record->body, "status"), ==, "closed");
  g_assert_true (sitrep_time_is_valid (test_body_string (record->body, "closed_at")));
  g_assert_true (sitrep_time_is_valid (test_body_string (record->body, "resolved_at")));
  g_clear_pointer (&record, sitrep_record_free);

  /* closed is final */
  pending = sitrep_store_get_pending (f->store);
  g_assert_false (sitrep_workspace_set_status (test_workspace (f->context, id), SITREP_STATUS_INVESTIGATING,
                                             &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, pending);
  record = sitrep_store_get (f->store, "incidents", id);
  g_assert_cmpstr (test_body_string (record->body, "status"), ==, "closed");
  g_assert_cmpuint (count_status_entries (f, id), ==, 5);
  g_clear_pointer (&record, sitrep_record_free);

  /* Reopening a resolved incident clears resolved_at. */
  {
    g_autofree char *other = sitrep_context_declare_incident (f->context, "Relapse", "", "",
                                                              SITREP_SEVERITY_P3, &error);

    g_assert_no_error (error);
    set_status (f, other, SITREP_STATUS_RESOLVED);
    set_status (f, other, SITREP_STATUS_INVESTIGATING);
    record = sitrep_store_get (f->store, "incidents", other);
    g_assert_cmpstr (test_body_string (record->body, "status"), ==, "investigating");
    g_assert_true (json_object_get_null_member (record->body, "resolved_at"));
  }

  /* An unknown incident is refused. */
  {
    g_autofree char *missing = g_uuid_string_random ();

    g_assert_false (sitrep_workspace_set_status (test_workspace (f->context, missing), SITREP_STATUS_RESOLVED,
                                               &error));
    g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
  }
}

static const struct {
  const char *text;
  const char *kind;
  const char *author;
} demo_entries[] = {
  { "Incident declared: P1 (Critical)", "status", "alice" },
  { "Alert triggered: High error rate on payment service", "alert", "alertmanager" },
  { "On-call engineer acknowledged alert", "action", "alice" },
  { "Identified database connection pool exhaustion", "decision", "bob" },
  { "Paged the database team", "action", "alice" },
  { "Error rate steady at 27%; card payments failing at checkout", "note", "charlie" },
};

static void
test_add_demo (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(SitrepRecord) record = NULL;
  g_autofree char *id = sitrep_context_add_demo (f->context, &error);
  g_autofree char *again = NULL;
  guint pending;

  g_assert_no_error (error);
  g_assert_nonnull (id);

  incidents = sitrep_store_list (f->store, "incidents", NULL, &error);
  g_assert_cmpuint (incidents->len, ==, 1);
  record = sitrep_store_get (f->store, "incidents", id);
  g_assert_cmpstr (test_body_string (record->body, "title"), ==, "Payment service outage");
  g_assert_cmpstr (test_body_string (record->body, "severity"), ==, "P1");
  g_assert_cmpuint (g_list_model_get_n_items (f->model), ==, 1);

  /* The declaration and the guide's story so far, each entry once, all of
   * the demo incident. */
  timeline = sitrep_store_list (f->store, "timeline", id, &error);
  g_assert_cmpuint (timeline->len, ==, G_N_ELEMENTS (demo_entries));
  for (guint e = 0; e < G_N_ELEMENTS (demo_entries); e++)
    {
      guint found = 0;

      for (guint i = 0; i < timeline->len; i++)
        {
          JsonObject *body = ((SitrepRecord *) timeline->pdata[i])->body;

          if (g_strcmp0 (test_body_string (body, "text"), demo_entries[e].text) != 0)
            continue;
          g_assert_cmpstr (test_body_string (body, "kind"), ==, demo_entries[e].kind);
          g_assert_cmpstr (test_body_string (body, "author"), ==, demo_entries[e].author);
          found++;
        }
      g_test_message ("demo entry \"%s\"", demo_entries[e].text);
      g_assert_cmpuint (found, ==, 1);
    }
  for (guint i = 0; i < timeline->len; i++)
    g_assert_cmpstr (test_body_string (((SitrepRecord *) timeline->pdata[i])->body,
                                       "incident_id"), ==, id);

  /* Not a second time, and not on top of the user's own incidents. */
  pending = sitrep_store_get_pending (f->store);
  again = sitrep_context_add_demo (f->context, &error);
  g_assert_no_error (error);
  g_assert_null (again);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, pending);
  g_assert_cmpuint (g_list_model_get_n_items (f->model), ==, 1);
}

static void
test_add_demo_not_empty (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mine = sitrep_context_declare_incident (f->context, "Mine", "", "",
                                                           SITREP_SEVERITY_P4, &error);
  g_autofree char *demo = NULL;
  guint pending = sitrep_store_get_pending (f->store);

  g_assert_no_error (error);
  demo = sitrep_context_add_demo (f->context, &error);
  g_assert_no_error (error);
  g_assert_null (demo);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, pending);
  g_assert_cmpuint (g_list_model_get_n_items (f->model), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/incident-list/order", test_list_order);
  ADD ("/incident-list/random-edits", test_list_random);
  ADD ("/incident-list/first-screen", test_first_screen);
  ADD ("/incident-list/rest-in-background", test_rest_in_background);
  ADD ("/context/obligations/recent-only", test_owes_recent);
  ADD ("/context/declare", test_declare);
  ADD ("/context/declare/empty-title", test_declare_empty_title);
  ADD ("/context/set-status", test_set_status);
  ADD ("/context/add-demo", test_add_demo);
  ADD ("/context/add-demo/not-empty", test_add_demo_not_empty);

#undef ADD

  return g_test_run ();
}

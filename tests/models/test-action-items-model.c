/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-action-items-model.c: action items on a real SQLite store, as the
 * workspace of one incident and the context's list across incidents show
 * them (no display) */

#include "config.h"

#include "sitrep-action-item.h"
#include "sitrep-context-store.h"
#include "sitrep-json.h"
#include "store-test-util.h"

typedef struct
{
  char            *dir;
  SitrepContext   *context;
  char            *incident_id;
  char            *other_id;
  SitrepWorkspace *workspace;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmp_dir ();
  f->context = sitrep_context_new (f->dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "alice");
  f->incident_id = sitrep_context_declare_incident (f->context, "Payment service outage",
                                                    "payments", "Card payments fail",
                                                    SITREP_SEVERITY_P1, &error);
  g_assert_no_error (error);
  f->other_id = sitrep_context_declare_incident (f->context, "Search lags", "search",
                                                 "Results late", SITREP_SEVERITY_P3, &error);
  g_assert_no_error (error);
  f->workspace = sitrep_context_open_workspace (f->context, f->incident_id);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->workspace);
  g_clear_object (&f->context);
  test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->incident_id);
  g_free (f->other_id);
}

static SitrepActionItem *
item_at (GListModel *list,
         guint       position)
{
  g_autoptr(SitrepActionItem) item = g_list_model_get_item (list, position);

  g_assert_nonnull (item);
  return item;   /* the list keeps it */
}

static SitrepActionItem *
find (GListModel *list,
      const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      SitrepActionItem *item = item_at (list, i);

      if (g_str_equal (sitrep_action_item_get_id (item), id))
        return item;
    }
  return NULL;
}

/* Added through the workspace: in its list with real properties, soonest
 * due first, and not in another incident's. */
static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  GListModel *list = sitrep_workspace_get_action_items (f->workspace);
  g_autoptr(SitrepWorkspace) other = sitrep_context_open_workspace (f->context, f->other_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *late = NULL;
  g_autofree char *soon = NULL;
  g_autofree char *description = NULL, *owner = NULL, *due = NULL, *incident_id = NULL;
  SitrepActionType type;
  SitrepActionStatus status;
  gboolean overdue = TRUE;
  GDateTime *completed_at = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  late = sitrep_workspace_add_action_item (f->workspace, "Add circuit breaker to payment client",
                                           SITREP_ACTION_PREVENT, "@bob", "2999-02-01", &error);
  g_assert_no_error (error);
  soon = sitrep_workspace_add_action_item (f->workspace, "  Alert on pool saturation  ",
                                           SITREP_ACTION_DETECT, NULL, "2999-01-15", &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_assert_cmpstr (sitrep_action_item_get_id (item_at (list, 0)), ==, soon);
  g_assert_cmpstr (sitrep_action_item_get_id (item_at (list, 1)), ==, late);
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_workspace_get_action_items (other)), ==, 0);

  g_object_get (item_at (list, 1), "description", &description, "type", &type, "owner", &owner,
                "due-date", &due, "status", &status, "overdue", &overdue,
                "completed-at", &completed_at, "incident-id", &incident_id, NULL);
  g_assert_cmpstr (description, ==, "Add circuit breaker to payment client");
  g_assert_cmpint (type, ==, SITREP_ACTION_PREVENT);
  g_assert_cmpstr (owner, ==, "bob");
  g_assert_cmpstr (due, ==, "2999-02-01");
  g_assert_cmpint (status, ==, SITREP_ACTION_NOT_STARTED);
  g_assert_false (overdue);
  g_assert_null (completed_at);
  g_assert_cmpstr (incident_id, ==, f->incident_id);
  g_assert_cmpstr (sitrep_action_item_get_description (item_at (list, 0)), ==,
                   "Alert on pool saturation");
  g_assert_cmpstr (sitrep_action_item_get_owner (item_at (list, 0)), ==, "");
}

/* Bad input is refused with a clear error, and nothing is written. */
static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  GListModel *list = sitrep_workspace_get_action_items (f->workspace);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();

  g_assert_null (sitrep_workspace_add_action_item (f->workspace, "   ", SITREP_ACTION_PREVENT,
                                                   NULL, NULL, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sitrep_workspace_add_action_item (f->workspace, "Fix it", SITREP_ACTION_PREVENT,
                                                   NULL, "31/12/2024", &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "YYYY-MM-DD"));
  g_clear_error (&error);
  g_assert_null (sitrep_workspace_add_action_item (f->workspace, "Fix it", SITREP_ACTION_PREVENT,
                                                   "two words", NULL, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);

  id = sitrep_workspace_add_action_item (f->workspace, "Fix it", SITREP_ACTION_RESPOND, "carol",
                                         "2999-03-01", &error);
  g_assert_no_error (error);
  json_object_set_string_member (fields, "due_date", "2999-02-30");
  g_assert_false (sitrep_workspace_edit_action_item (f->workspace, id, fields, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (sitrep_action_item_get_due_date (item_at (list, 0)), ==, "2999-03-01");

  /* An item of another incident is not this workspace's to change. */
  {
    g_autoptr(SitrepWorkspace) other = sitrep_context_open_workspace (f->context, f->other_id);

    g_assert_false (sitrep_workspace_set_action_item_status (other, id, SITREP_ACTION_COMPLETED,
                                                             &error));
    g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
  }
}

/* Status changes: Completed stamps the completion time and ends overdue;
 * Deferred does not; reopening clears the stamp. */
static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  GListModel *list = sitrep_workspace_get_action_items (f->workspace);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  SitrepActionItem *item;

  id = sitrep_workspace_add_action_item (f->workspace, "Review timeout settings",
                                         SITREP_ACTION_PREVENT, "alice", "2020-01-31", &error);
  g_assert_no_error (error);
  item = item_at (list, 0);
  g_assert_true (sitrep_action_item_get_overdue (item));

  g_assert_true (sitrep_workspace_set_action_item_status (f->workspace, id,
                                                          SITREP_ACTION_COMPLETED, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_action_item_get_status (item), ==, SITREP_ACTION_COMPLETED);
  g_assert_nonnull (sitrep_action_item_get_completed_at (item));
  g_assert_false (sitrep_action_item_get_overdue (item));

  g_assert_true (sitrep_workspace_set_action_item_status (f->workspace, id,
                                                          SITREP_ACTION_DEFERRED, &error));
  g_assert_cmpint (sitrep_action_item_get_status (item), ==, SITREP_ACTION_DEFERRED);
  g_assert_null (sitrep_action_item_get_completed_at (item));
  g_assert_true (sitrep_action_item_get_overdue (item));
}

/* The context's list holds every incident's items with their reference,
 * follows edits and deletes, and counts my overdue ones. */
static void
test_across_incidents (Fixture       *f,
                       gconstpointer  data)
{
  GListModel *all = sitrep_context_get_action_items (f->context);
  g_autoptr(SitrepWorkspace) other = sitrep_context_open_workspace (f->context, f->other_id);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *mine = NULL, *theirs = NULL, *later = NULL;
  SitrepIncident *incident = sitrep_context_lookup_incident (f->context, f->other_id);
  g_autofree char *ref = sitrep_incident_dup_display_ref (incident);

  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 0);
  mine = sitrep_workspace_add_action_item (other, "Index the search shards", SITREP_ACTION_PREVENT,
                                           "alice", "2020-05-01", &error);
  g_assert_no_error (error);
  theirs = sitrep_workspace_add_action_item (f->workspace, "Runbook for pool exhaustion",
                                             SITREP_ACTION_RESPOND, "bob", "2020-04-01", &error);
  g_assert_no_error (error);
  later = sitrep_workspace_add_action_item (f->workspace, "Load test", SITREP_ACTION_DETECT,
                                            "@alice", "2999-04-01", &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 3);
  g_assert_cmpstr (sitrep_action_item_get_incident_ref (find (all, mine)), ==, ref);
  g_assert_nonnull (sitrep_action_item_get_incident_ref (find (all, theirs)));
  g_assert_cmpuint (sitrep_context_count_my_overdue (f->context, now), ==, 1);

  /* Handing it to me makes it mine. */
  json_object_set_string_member (fields, "owner", "alice");
  g_assert_true (sitrep_workspace_edit_action_item (f->workspace, theirs, fields, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_action_item_get_owner (find (all, theirs)), ==, "alice");
  g_assert_cmpuint (sitrep_context_count_my_overdue (f->context, now), ==, 2);

  /* Judged on a later day, the one due then is overdue too; told that
   * day, the item says so. */
  {
    g_autoptr(GDateTime) later_day = g_date_time_new_utc (3000, 1, 1, 12, 0, 0);

    g_assert_cmpuint (sitrep_context_count_my_overdue (f->context, later_day), ==, 3);
    g_assert_false (sitrep_action_item_get_overdue (find (all, later)));
    g_assert_true (sitrep_action_item_update_overdue (find (all, later), later_day));
    g_assert_true (sitrep_action_item_get_overdue (find (all, later)));
    g_assert_true (sitrep_action_item_update_overdue (find (all, later), now));
  }

  g_assert_true (sitrep_workspace_delete_action_item (f->workspace, theirs, &error));
  g_assert_no_error (error);
  g_assert_null (find (all, theirs));
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);
  g_assert_cmpuint (sitrep_context_count_my_overdue (f->context, now), ==, 1);
}

/* What was written is there for a new context on the same folder. */
static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = sitrep_workspace_add_action_item (f->workspace, "Increase pool size", SITREP_ACTION_PREVENT,
                                         "alice", "2024-01-22", &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_workspace_set_action_item_status (f->workspace, id,
                                                          SITREP_ACTION_IN_PROGRESS, &error));
  g_clear_object (&f->workspace);
  g_clear_object (&f->context);

  f->context = sitrep_context_new (f->dir, &error);
  g_assert_no_error (error);
  f->workspace = sitrep_context_open_workspace (f->context, f->incident_id);
  {
    GListModel *list = sitrep_workspace_get_action_items (f->workspace);
    SitrepActionItem *item;

    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
    item = item_at (list, 0);
    g_assert_cmpstr (sitrep_action_item_get_description (item), ==, "Increase pool size");
    g_assert_cmpint (sitrep_action_item_get_status (item), ==, SITREP_ACTION_IN_PROGRESS);
    g_assert_cmpstr (sitrep_action_item_get_due_date (item), ==, "2024-01-22");
    g_assert_cmpuint (g_list_model_get_n_items (sitrep_context_get_action_items (f->context)), ==, 1);
  }
}

/* A context opened with the first incidents only (as the app starts):
 * listing every action item does not read the other incidents; an item
 * of one not yet listed gets its reference once the rest are. */
static void
test_first_screen (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  SitrepWorkspace *other = sitrep_context_open_workspace (f->context, f->other_id);

  /* The P3 sorts after the P1: with one listed, it is not. */
  id = sitrep_workspace_add_action_item (other, "Index the shards", SITREP_ACTION_PREVENT, "alice",
                                         "2020-01-01", &error);
  g_assert_no_error (error);
  g_object_unref (other);
  g_clear_object (&f->workspace);
  g_clear_object (&f->context);

  f->context = sitrep_context_new_first (f->dir, 1, &error);
  g_assert_no_error (error);
  {
    GListModel *all = sitrep_context_get_action_items (f->context);
    SitrepIncident *incident = NULL;
    g_autofree char *ref = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (all), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (sitrep_context_get_incidents (f->context)), ==, 1);
    g_assert_null (sitrep_action_item_get_incident_ref (find (all, id)));

    sitrep_context_load_all_incidents (f->context);
    incident = sitrep_context_lookup_incident (f->context, f->other_id);
    ref = sitrep_incident_dup_display_ref (incident);
    g_assert_cmpstr (sitrep_action_item_get_incident_ref (find (all, id)), ==, ref);
  }
  f->workspace = sitrep_context_open_workspace (f->context, f->incident_id);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/action-items/model/add", test_add);
  ADD ("/action-items/model/bad-input", test_bad_input);
  ADD ("/action-items/model/status", test_status);
  ADD ("/action-items/model/across-incidents", test_across_incidents);
  ADD ("/action-items/model/reopen", test_reopen);
  ADD ("/action-items/model/first-screen", test_first_screen);
#undef ADD

  return g_test_run ();
}

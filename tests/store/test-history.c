/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Edit history (who changed a timeline entry's text, time or kind, or a
 * milestone, from what to what) and milestone ordering, on a real store. */
#include "config.h"

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
#include "sitrep-json.h"
#include "sitrep-milestones.h"
#include "sitrep-time.h"
#include "store-test-util.h"

typedef struct
{
  char          *dir;
  SitrepContext *context;
  char          *incident_id;
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
  f->incident_id = sitrep_context_declare_incident (f->context, "Search is slow", "search", "",
                                                    SITREP_SEVERITY_P3, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->context);
  test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->incident_id);
}

static char *
add_entry (Fixture    *f,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  char *id = sitrep_workspace_add_timeline_entry (test_workspace (f->context, f->incident_id), NULL,
                                                SITREP_KIND_NOTE, text, &error);

  g_assert_no_error (error);
  return id;
}

static void
edit (Fixture    *f,
      const char *id,
      const char *field,
      const char *value)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (fields, field, value);
  g_assert_true (sitrep_workspace_edit_timeline_entry (test_workspace (f->context, f->incident_id), id, fields, &error));
  g_assert_no_error (error);
}

static void
assert_change (GPtrArray  *history,
               guint       index,
               const char *field,
               const char *before,
               const char *after,
               const char *actor)
{
  SitrepHistoryEntry *change;

  g_assert_cmpuint (index, <, history->len);
  change = history->pdata[index];
  g_assert_cmpstr (change->field, ==, field);
  if (g_strcmp0 (before, "*") == 0)        /* any value, but one */
    g_assert_nonnull (change->before);
  else
    g_assert_cmpstr (change->before, ==, before);
  g_assert_cmpstr (change->after, ==, after);
  g_assert_cmpstr (change->actor, ==, actor);
  g_assert_true (sitrep_time_is_valid (change->ts));
}

static void
test_timeline_history (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = add_entry (f, "Latency up");
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(JsonObject) pin = json_object_new ();
  g_autoptr(GError) error = NULL;

  /* A new entry's history says who wrote it, and what. */
  history = sitrep_context_list_history (f->context, "timeline", id);
  g_assert_cmpuint (history->len, ==, 1);
  assert_change (history, 0, "created", NULL, "Latency up", "alice");
  g_clear_pointer (&history, g_ptr_array_unref);

  edit (f, id, "text", "Latency up on search");
  sitrep_context_set_user (f->context, "bob");
  edit (f, id, "occurred_at", "2026-11-27T14:32:00Z");
  edit (f, id, "kind", "detection");

  /* The same second written another way is no change of the time. */
  edit (f, id, "occurred_at", "2026-11-27T14:32:00.250Z");

  /* Pinning is kept too. */
  json_object_set_boolean_member (pin, "pinned", TRUE);
  g_assert_true (sitrep_workspace_edit_timeline_entry (test_workspace (f->context, f->incident_id), id, pin, &error));

  /* Setting a field to the value it has records nothing. */
  edit (f, id, "kind", "detection");

  history = sitrep_context_list_history (f->context, "timeline", id);
  g_assert_cmpuint (history->len, ==, 5);
  assert_change (history, 1, "text", "Latency up", "Latency up on search", "alice");
  assert_change (history, 2, "occurred_at", "*", "2026-11-27T14:32:00Z", "bob");
  assert_change (history, 3, "kind", "note", "detection", "bob");
  assert_change (history, 4, "pinned", "false", "true", "bob");
}

/* A deleted entry leaves a trace: who deleted it, and what it said. */
static void
test_delete_leaves_trace (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = add_entry (f, "Rolled back 4.2.1");
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  sitrep_context_set_user (f->context, "carol");
  g_assert_true (sitrep_context_delete_record (f->context, "timeline", id, &error));
  g_assert_no_error (error);

  history = sitrep_context_list_history (f->context, "timeline", id);
  g_assert_cmpuint (history->len, ==, 2);
  assert_change (history, 0, "created", NULL, "Rolled back 4.2.1", "alice");
  assert_change (history, 1, "deleted", "Rolled back 4.2.1", NULL, "carol");

  /* Undoing the delete is kept too. */
  {
    g_autoptr(SitrepRecord) record = sitrep_store_get (sitrep_context_get_store (f->context),
                                                       "timeline", id);
    g_autoptr(SitrepMutation) put = sitrep_mutation_new_put ("timeline", id, record->body);

    g_assert_true (sitrep_store_apply (sitrep_context_get_store (f->context), &put, 1, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&history, g_ptr_array_unref);
  history = sitrep_context_list_history (f->context, "timeline", id);
  g_assert_cmpuint (history->len, ==, 3);
  assert_change (history, 2, "restored", NULL, "Rolled back 4.2.1", "carol");
}

static void
test_history_survives_reopen (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *id = add_entry (f, "Cache cold");
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  edit (f, id, "text", "Cache cold after deploy");
  g_clear_object (&f->context);

  f->context = sitrep_context_new (f->dir, &error);
  g_assert_no_error (error);
  history = sitrep_context_list_history (f->context, "timeline", id);
  g_assert_cmpuint (history->len, ==, 2);
  assert_change (history, 1, "text", "Cache cold", "Cache cold after deploy", "alice");
}

static void
test_failed_edit_leaves_no_history (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *id = add_entry (f, "Disk full");
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  /* A valid text change and an invalid kind in one patch: refused whole. */
  json_object_set_string_member (fields, "text", "Disk full on db-2");
  json_object_set_string_member (fields, "kind", "gossip");
  g_assert_false (sitrep_workspace_edit_timeline_entry (test_workspace (f->context, f->incident_id), id, fields, &error));
  g_assert_nonnull (error);

  history = sitrep_context_list_history (f->context, "timeline", id);
  g_assert_cmpuint (history->len, ==, 1);
  assert_change (history, 0, "created", NULL, "Disk full", "alice");
}

static void
test_milestone_history (Fixture       *f,
                        gconstpointer  data)
{
  SitrepIncident *incident = sitrep_context_lookup_incident (f->context, f->incident_id);
  GDateTime *declared = sitrep_incident_get_milestone (incident, SITREP_MILESTONE_DECLARED);
  g_autoptr(GDateTime) first = g_date_time_add_minutes (declared, 10);
  g_autoptr(GDateTime) second = g_date_time_add_minutes (declared, 15);
  g_autofree char *first_text = sitrep_time_format (first);
  g_autofree char *second_text = sitrep_time_format (second);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_workspace_set_milestone (test_workspace (f->context, f->incident_id),
                                               SITREP_MILESTONE_MITIGATED, first, &error));
  sitrep_context_set_user (f->context, "carol");
  g_assert_true (sitrep_workspace_set_milestone (test_workspace (f->context, f->incident_id),
                                               SITREP_MILESTONE_MITIGATED, second, &error));
  g_assert_true (sitrep_workspace_set_milestone (test_workspace (f->context, f->incident_id),
                                               SITREP_MILESTONE_MITIGATED, NULL, &error));
  g_assert_no_error (error);

  history = sitrep_context_list_history (f->context, "incidents", f->incident_id);
  g_assert_cmpuint (history->len, ==, 3);
  assert_change (history, 0, "mitigated_at", NULL, first_text, "alice");
  assert_change (history, 1, "mitigated_at", first_text, second_text, "carol");
  assert_change (history, 2, "mitigated_at", second_text, NULL, "carol");
}

static GArray *
stored_order_problems (Fixture *f)
{
  SitrepIncident *incident = sitrep_context_lookup_incident (f->context, f->incident_id);
  GDateTime *times[SITREP_N_ORDERED_MILESTONES];

  for (guint i = 0; i < SITREP_N_ORDERED_MILESTONES; i++)
    times[i] = sitrep_incident_get_milestone (incident, i);

  return sitrep_milestones_check_order (times);
}

static void
test_milestone_order (Fixture       *f,
                      gconstpointer  data)
{
  SitrepIncident *incident = sitrep_context_lookup_incident (f->context, f->incident_id);
  GDateTime *declared = sitrep_incident_get_milestone (incident, SITREP_MILESTONE_DECLARED);
  g_autoptr(GDateTime) before = g_date_time_add_minutes (declared, -10);
  g_autoptr(GDateTime) after = g_date_time_add_minutes (declared, 10);
  g_autoptr(GArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  SitrepMilestoneProblem *problem;

  /* Declaring sets detected and declared, in order. */
  problems = stored_order_problems (f);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_array_unref);

  /* Acknowledged before declared is refused when asked for... */
  g_assert_false (sitrep_workspace_set_milestone (test_workspace (f->context, f->incident_id),
                                                SITREP_MILESTONE_ACKNOWLEDGED, before, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* ...but may arrive so from elsewhere (another client's record): flagged. */
  {
    g_autoptr(JsonObject) fields = json_object_new ();
    g_autofree char *text = sitrep_time_format (before);

    json_object_set_string_member (fields, "acknowledged_at", text);
    g_assert_true (sitrep_workspace_update_incident (test_workspace (f->context, f->incident_id),
                                                     fields, &error));
    g_assert_no_error (error);
  }
  problems = stored_order_problems (f);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = &g_array_index (problems, SitrepMilestoneProblem, 0);
  g_assert_cmpint (problem->milestone, ==, SITREP_MILESTONE_ACKNOWLEDGED);
  g_assert_cmpint (problem->must_follow, ==, SITREP_MILESTONE_DECLARED);
  g_clear_pointer (&problems, g_array_unref);

  /* Corrected: in order again. The store kept both values in the history. */
  g_assert_true (sitrep_workspace_set_milestone (test_workspace (f->context, f->incident_id),
                                               SITREP_MILESTONE_ACKNOWLEDGED, after, &error));
  problems = stored_order_problems (f);
  g_assert_cmpuint (problems->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/store/history/timeline", Fixture, NULL, fixture_set_up, test_timeline_history,
              fixture_tear_down);
  g_test_add ("/store/history/reopen", Fixture, NULL, fixture_set_up,
              test_history_survives_reopen, fixture_tear_down);
  g_test_add ("/store/history/failed-edit", Fixture, NULL, fixture_set_up,
              test_failed_edit_leaves_no_history, fixture_tear_down);
  g_test_add ("/store/history/deleted", Fixture, NULL, fixture_set_up,
              test_delete_leaves_trace, fixture_tear_down);
  g_test_add ("/store/history/milestones", Fixture, NULL, fixture_set_up,
              test_milestone_history, fixture_tear_down);
  g_test_add ("/store/milestones/order", Fixture, NULL, fixture_set_up, test_milestone_order,
              fixture_tear_down);

  return g_test_run ();
}

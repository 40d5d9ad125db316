/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-workspace.c: an incident's workspace on a real SQLite store, fed by
 * the store's commits (no display): which lists move, and how often */

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
#include "sitrep-deadlines.h"
#include "store-test-util.h"

typedef struct
{
  char            *dir;
  SitrepContext   *context;
  char            *incident_id;
  char            *other_id;
  SitrepWorkspace *workspace;
  GString         *log;          /* "timeline:0-0+1 " per ::items-changed */
  GString         *changed;      /* "timeline " per workspace ::changed */
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  g_string_append_printf (f->log, "%s:%u-%u+%u ",
                          sitrep_record_list_get_coll (SITREP_RECORD_LIST (model)),
                          position, removed, added);
}

static void
on_workspace_changed (SitrepWorkspace *workspace,
                      const char      *coll,
                      Fixture         *f)
{
  g_string_append_printf (f->changed, "%s ", coll);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *lists[4];

  f->dir = test_make_tmp_dir ();
  f->context = sitrep_context_new (f->dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "tester");
  f->incident_id = sitrep_context_declare_incident (f->context, "Checkout down", "checkout", "",
                                                    SITREP_SEVERITY_P1, &error);
  g_assert_no_error (error);
  f->other_id = sitrep_context_declare_incident (f->context, "Search slow", "search", "",
                                                 SITREP_SEVERITY_P3, &error);
  g_assert_no_error (error);

  f->workspace = sitrep_context_open_workspace (f->context, f->incident_id);
  f->log = g_string_new (NULL);
  f->changed = g_string_new (NULL);

  lists[0] = sitrep_workspace_get_timeline (f->workspace);
  lists[1] = sitrep_workspace_get_roles (f->workspace);
  lists[2] = sitrep_workspace_get_checklist (f->workspace);
  lists[3] = sitrep_workspace_get_communications (f->workspace);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    g_signal_connect (lists[i], "items-changed", G_CALLBACK (on_items_changed), f);
  g_signal_connect (f->workspace, "changed", G_CALLBACK (on_workspace_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->workspace, f);
  g_assert_finalize_object (f->workspace);
  g_assert_finalize_object (f->context);
  g_string_free (f->log, TRUE);
  g_string_free (f->changed, TRUE);
  test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->incident_id);
  g_free (f->other_id);
}

static void
reset_logs (Fixture *f)
{
  g_string_truncate (f->log, 0);
  g_string_truncate (f->changed, 0);
}

static void
test_loaded (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SitrepWorkspace) again = sitrep_context_open_workspace (f->context, f->incident_id);
  g_autoptr(SitrepTimelineEntry) first = NULL;
  GListModel *timeline = sitrep_workspace_get_timeline (f->workspace);

  /* Every view of the incident shares the workspace. */
  g_assert_true (again == f->workspace);
  g_assert_true (sitrep_workspace_get_incident (f->workspace) ==
                 sitrep_context_lookup_incident (f->context, f->incident_id));

  /* The declaration's entry, and the IC checklist; nothing of the other. */
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 1);
  first = g_list_model_get_item (timeline, 0);
  g_assert_cmpstr (sitrep_record_object_get_incident_id (SITREP_RECORD_OBJECT (first)), ==,
                   f->incident_id);
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_workspace_get_checklist (f->workspace)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_workspace_get_roles (f->workspace)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_workspace_get_communications (f->workspace)), ==, 0);
}

static void
test_commits (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) earlier = g_date_time_new_from_iso8601 ("2020-01-01T00:00:00Z", NULL);
  g_autofree char *entry_id = NULL;
  g_autofree char *elsewhere = NULL;
  GListModel *timeline = sitrep_workspace_get_timeline (f->workspace);

  /* One entry, one commit: one insertion at the end, one ::changed. */
  reset_logs (f);
  entry_id = sitrep_workspace_add_timeline_entry (f->workspace, NULL,
                                                SITREP_KIND_NOTE, "rolled back", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->log->str, ==, "timeline:1-0+1 ");
  g_assert_cmpstr (f->changed->str, ==, "timeline ");

  /* Another incident's entry touches nothing here. */
  reset_logs (f);
  elsewhere = sitrep_workspace_add_timeline_entry (test_workspace (f->context, f->other_id), NULL, SITREP_KIND_NOTE,
                                                 "not ours", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (f->log->str, ==, "");
  g_assert_cmpstr (f->changed->str, ==, "");

  /* Backdated: it moves to the top, as one removal and one insertion. */
  reset_logs (f);
  {
    g_autoptr(JsonObject) fields = json_object_new ();
    g_autoptr(SitrepTimelineEntry) top = NULL;
    g_autofree char *at = g_date_time_format_iso8601 (earlier);

    json_object_set_string_member (fields, "occurred_at", at);
    g_assert_true (sitrep_workspace_edit_timeline_entry (f->workspace, entry_id, fields, &error));
    g_assert_no_error (error);
    top = g_list_model_get_item (timeline, 0);
    g_assert_cmpstr (sitrep_timeline_entry_get_id (top), ==, entry_id);
  }
  g_assert_cmpstr (f->log->str, ==, "timeline:1-1+0 timeline:0-0+1 ");

  /* Deleted: one removal. */
  reset_logs (f);
  g_assert_true (sitrep_context_delete_record (f->context, "timeline", entry_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (f->log->str, ==, "timeline:0-1+0 ");
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 1);

  /* A change of the incident itself says so, and moves no list. */
  reset_logs (f);
  g_assert_true (sitrep_workspace_set_severity (f->workspace, SITREP_SEVERITY_P2,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_incident_get_severity (sitrep_workspace_get_incident (f->workspace)),
                   ==, SITREP_SEVERITY_P2);
  g_assert_nonnull (strstr (f->changed->str, "incidents "));
  g_assert_cmpstr (f->log->str, ==, "timeline:1-0+1 ");
}

/* Sending an update restarts its audience's clock, read from the
 * workspace's own list of what was sent. */
static void
test_deadlines (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = sitrep_workspace_dup_deadlines (f->workspace);
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *sent = NULL;
  GDateTime *due_before = NULL, *due_after = NULL;

  for (guint i = 0; i < before->len; i++)
    {
      SitrepDeadline *d = before->pdata[i];

      if (d->kind == SITREP_DEADLINE_UPDATE && d->audience == SITREP_AUDIENCE_EXECUTIVES)
        due_before = d->due;
    }
  g_assert_nonnull (due_before);

  reset_logs (f);
  sent = sitrep_workspace_send_communication (f->workspace,
                                            SITREP_AUDIENCE_EXECUTIVES, NULL,
                                            SITREP_STATUS_INVALID, "Update", "All fine soon.",
                                            &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (f->log->str, "communications:0-0+1 "));

  after = sitrep_workspace_dup_deadlines (f->workspace);
  for (guint i = 0; i < after->len; i++)
    {
      SitrepDeadline *d = after->pdata[i];

      if (d->kind == SITREP_DEADLINE_UPDATE && d->audience == SITREP_AUDIENCE_EXECUTIVES)
        due_after = d->due;
    }
  g_assert_nonnull (due_after);
  g_assert_cmpint (g_date_time_compare (due_after, due_before), >, 0);
}

static void
count_tick (guint *n)
{
  (*n)++;
}

/* The clock's ::minute-changed is what every countdown redraws on. */
static void
test_clock (void)
{
  g_autoptr(SitrepClock) clock = sitrep_clock_new ();
  g_autoptr(GDateTime) now = sitrep_clock_dup_now (clock);
  guint n = 0;

  g_assert_nonnull (now);
  g_signal_connect_swapped (clock, "minute-changed", G_CALLBACK (count_tick), &n);
  sitrep_clock_tick (clock);
  g_assert_cmpuint (n, ==, 1);
}

/* Entries of one time, in the order they were written: in the model, and
 * again when the store is read afresh. */
static void
test_same_time_order (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) at = g_date_time_new_utc (2026, 11, 27, 13, 50, 0);
  g_autoptr(GError) error = NULL;
  GListModel *timeline = sitrep_workspace_get_timeline (f->workspace);
  const guint n = 12;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("entry %u", i);
      g_autofree char *id = sitrep_workspace_add_timeline_entry (f->workspace, at,
                                                                 SITREP_KIND_NOTE, text, &error);

      g_assert_no_error (error);
      g_assert_nonnull (id);
    }

  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(SitrepContext) again = NULL;
      g_autoptr(SitrepWorkspace) workspace = NULL;
      GListModel *list = timeline;
      guint next = 0;

      if (pass == 1)
        {
          again = sitrep_context_new (f->dir, &error);
          g_assert_no_error (error);
          workspace = sitrep_context_open_workspace (again, f->incident_id);
          list = sitrep_workspace_get_timeline (workspace);
        }

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(SitrepTimelineEntry) entry = g_list_model_get_item (list, i);
          g_autofree char *expected = g_strdup_printf ("entry %u", next);

          if (!g_str_has_prefix (sitrep_timeline_entry_get_text (entry), "entry "))
            continue;
          g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, expected);
          next++;
        }
      g_assert_cmpuint (next, ==, n);
    }
}

static gboolean
checklist_done (Fixture    *f,
                const char *key)
{
  g_autofree char *id = g_strdup_printf ("%s:%s", f->incident_id, key);
  GListModel *checklist = sitrep_workspace_get_checklist (f->workspace);

  for (guint i = 0; i < g_list_model_get_n_items (checklist); i++)
    {
      g_autoptr(SitrepChecklistTask) task = g_list_model_get_item (checklist, i);

      if (g_str_equal (sitrep_record_object_get_id (SITREP_RECORD_OBJECT (task)), id))
        return sitrep_checklist_task_get_done (task);
    }
  g_assert_not_reached ();
}

/* The ticks a role assignment or an acknowledgement completes, from the
 * workspace's checklist and roles. */
static void
test_checklist_ticks (Fixture       *f,
                      gconstpointer  data)
{
  SitrepRuleEnv env = { NULL, "tester", NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) ticks = NULL;
  g_autoptr(GPtrArray) ack = NULL;

  g_assert_true (sitrep_workspace_assign_role (f->workspace, SITREP_ROLE_COMMUNICATIONS, "dana",
                                               &error));
  g_assert_no_error (error);
  /* Two of the three initial roles: nothing yet. */
  none = sitrep_workspace_checklist_ticks (f->workspace, &env, SITREP_ROLE_COMMUNICATIONS, NULL);
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_true (sitrep_workspace_assign_role (f->workspace, SITREP_ROLE_OPERATIONS, "omar",
                                               &error));
  g_assert_no_error (error);
  /* The scribe about to be assigned completes them. */
  ticks = sitrep_workspace_checklist_ticks (f->workspace, &env, SITREP_ROLE_SCRIBE, NULL);
  g_assert_cmpuint (ticks->len, ==, 1);
  g_assert_false (checklist_done (f, "assign-roles"));
  g_assert_true (sitrep_store_apply (sitrep_context_get_store (f->context),
                                     (SitrepMutation **) ticks->pdata, ticks->len, &error));
  g_assert_no_error (error);
  g_assert_true (checklist_done (f, "assign-roles"));

  /* Acknowledging ticks its item once; an item already ticked is left. */
  ack = sitrep_workspace_checklist_ticks (f->workspace, &env, -1, "2026-11-27T14:20:00Z");
  g_assert_cmpuint (ack->len, ==, 1);
  g_assert_true (sitrep_store_apply (sitrep_context_get_store (f->context),
                                     (SitrepMutation **) ack->pdata, ack->len, &error));
  g_assert_no_error (error);
  g_assert_true (checklist_done (f, "acknowledge"));
  g_clear_pointer (&ack, g_ptr_array_unref);
  ack = sitrep_workspace_checklist_ticks (f->workspace, &env, -1, "2026-11-27T14:20:00Z");
  g_assert_cmpuint (ack->len, ==, 0);
}

/* Assigning the last of the initial roles ticks its checklist item, in
 * the same write as the assignment. */
static void
test_assign_ticks (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_workspace_assign_role (f->workspace, SITREP_ROLE_COMMUNICATIONS, "dana",
                                               &error));
  g_assert_true (sitrep_workspace_assign_role (f->workspace, SITREP_ROLE_OPERATIONS, "omar",
                                               &error));
  g_assert_no_error (error);
  g_assert_false (checklist_done (f, "assign-roles"));
  g_assert_true (sitrep_workspace_assign_role (f->workspace, SITREP_ROLE_SCRIBE, "sam", &error));
  g_assert_no_error (error);
  g_assert_true (checklist_done (f, "assign-roles"));
}

/* Acknowledging ticks the checklist's item in the same write. */
static void
test_acknowledge_ticks (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_false (checklist_done (f, "acknowledge"));
  g_assert_true (sitrep_workspace_set_milestone (f->workspace, SITREP_MILESTONE_ACKNOWLEDGED, now,
                                                 &error));
  g_assert_no_error (error);
  g_assert_true (checklist_done (f, "acknowledge"));
}

/* Switching the major protocol on adds its items already ticked for the
 * roles someone already holds. */
static void
test_major_ticks_held (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_workspace_assign_role (f->workspace, SITREP_ROLE_DEPUTY_COMMANDER, "dora",
                                               &error));
  g_assert_true (sitrep_workspace_set_major (f->workspace, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (checklist_done (f, "major-deputy"));
  g_assert_false (checklist_done (f, "major-planning"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/workspace/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("loaded", test_loaded);
  ADD ("commits", test_commits);
  ADD ("deadlines", test_deadlines);
  ADD ("same-time-order", test_same_time_order);
  ADD ("checklist-ticks", test_checklist_ticks);
  ADD ("assign-ticks", test_assign_ticks);
  ADD ("acknowledge-ticks", test_acknowledge_ticks);
  ADD ("major-ticks-held", test_major_ticks_held);
#undef ADD
  g_test_add_func ("/clock/tick", test_clock);

  return g_test_run ();
}

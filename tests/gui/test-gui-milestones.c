/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gui-test-util.h"

#include "sitrep-context.h"
#include "sitrep-enum-strings.h"
#include "sitrep-milestones-group.h"

/* The Overview's milestones: a row per milestone showing the incident's
 * time, and the buttons that ask to change it. */

typedef struct
{
  char                  *data_dir;
  SitrepContext         *context;
  char                  *incident_id;
  SitrepMilestonesGroup *group;
  int                    asked;          /* the milestone last asked for, or -1 */
  GDateTime             *asked_when;
  guint                  n_asked;
} Fixture;

static void
on_set_milestone (SitrepMilestonesGroup *group,
                  int                    milestone,
                  GDateTime             *when,
                  Fixture               *f)
{
  f->asked = milestone;
  g_clear_pointer (&f->asked_when, g_date_time_unref);
  f->asked_when = when ? g_date_time_ref (when) : NULL;
  f->n_asked++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("sitrep-gui-milestones-XXXXXX", NULL);
  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "casey");
  f->incident_id = sitrep_context_declare_incident (f->context, "Payments failing", "payments",
                                                    "", SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);

  f->asked = -1;
  f->group = g_object_ref_sink (SITREP_MILESTONES_GROUP (sitrep_milestones_group_new ()));
  g_signal_connect (f->group, "set-milestone", G_CALLBACK (on_set_milestone), f);
  sitrep_milestones_group_set_incident (f->group,
                                        sitrep_context_lookup_incident (f->context,
                                                                        f->incident_id));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->group);
  g_clear_pointer (&f->asked_when, g_date_time_unref);
  g_clear_object (&f->context);
  g_free (f->incident_id);
  g_free (f->data_dir);
}

static const char *
subtitle (Fixture         *f,
          SitrepMilestone  milestone)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (_sitrep_milestones_group_get_row (f->group,
                                                                                       milestone)));
}

static void
test_shows_times (Fixture       *f,
                  gconstpointer  data)
{
  SitrepMilestoneRow *declared = _sitrep_milestones_group_get_row (f->group,
                                                                   SITREP_MILESTONE_DECLARED);
  SitrepMilestoneRow *resolved = _sitrep_milestones_group_get_row (f->group,
                                                                   SITREP_MILESTONE_RESOLVED);

  /* Declaring sets the first milestone and no other. */
  g_assert_nonnull (strstr (subtitle (f, SITREP_MILESTONE_DECLARED), " UTC"));
  g_assert_true (gtk_widget_get_sensitive (_sitrep_milestone_row_get_clear_button (declared)));
  g_assert_cmpstr (subtitle (f, SITREP_MILESTONE_RESOLVED), ==, "Not yet");
  g_assert_false (gtk_widget_get_sensitive (_sitrep_milestone_row_get_clear_button (resolved)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (resolved)), ==,
                   sitrep_milestone_get_label (SITREP_MILESTONE_RESOLVED));
}

static void
test_asks_for_changes (Fixture       *f,
                       gconstpointer  data)
{
  SitrepMilestoneRow *row = _sitrep_milestones_group_get_row (f->group,
                                                              SITREP_MILESTONE_ACKNOWLEDGED);
  GtkEntry *entry = _sitrep_milestone_row_get_entry (row);
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) after = NULL;

  g_signal_emit_by_name (_sitrep_milestone_row_get_now_button (row), "clicked");
  after = g_date_time_new_now_utc ();
  g_assert_cmpuint (f->n_asked, ==, 1);
  g_assert_cmpint (f->asked, ==, SITREP_MILESTONE_ACKNOWLEDGED);
  g_assert_nonnull (f->asked_when);
  g_assert_cmpint (g_date_time_compare (f->asked_when, before), >=, 0);
  g_assert_cmpint (g_date_time_compare (f->asked_when, after), <=, 0);

  /* A time that does not parse is marked and asks for nothing. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "not a time");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (f->n_asked, ==, 1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "-5m");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (f->n_asked, ==, 2);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_cmpint (g_date_time_difference (before, f->asked_when), >=,
                   5 * G_TIME_SPAN_MINUTE - G_TIME_SPAN_MINUTE);
  g_assert_cmpint (g_date_time_difference (before, f->asked_when), <=,
                   5 * G_TIME_SPAN_MINUTE + G_TIME_SPAN_MINUTE);

  row = _sitrep_milestones_group_get_row (f->group, SITREP_MILESTONE_DECLARED);
  g_signal_emit_by_name (_sitrep_milestone_row_get_clear_button (row), "clicked");
  g_assert_cmpuint (f->n_asked, ==, 3);
  g_assert_cmpint (f->asked, ==, SITREP_MILESTONE_DECLARED);
  g_assert_null (f->asked_when);
}

/* The newest entry of the incident's timeline whose text starts @prefix. */
static SitrepTimelineEntry *
find_entry (Fixture    *f,
            const char *prefix)
{
  GListModel *timeline = sitrep_workspace_get_timeline (test_workspace (f->context,
                                                                        f->incident_id));

  for (guint i = g_list_model_get_n_items (timeline); i > 0; i--)
    {
      g_autoptr(SitrepTimelineEntry) entry = g_list_model_get_item (timeline, i - 1);

      if (g_str_has_prefix (sitrep_timeline_entry_get_text (entry), prefix))
        return entry;
    }
  return NULL;
}

static SitrepIncident *
incident (Fixture *f)
{
  return sitrep_context_lookup_incident (f->context, f->incident_id);
}

/* "Now" on Detected after Declared is refused, naming Declared; nothing
 * changes. */
static void
test_refuses_crossing (Fixture       *f,
                       gconstpointer  data)
{
  SitrepWorkspace *workspace = test_workspace (f->context, f->incident_id);
  GDateTime *declared = sitrep_incident_get_milestone (incident (f), SITREP_MILESTONE_DECLARED);
  GDateTime *stored = sitrep_incident_get_milestone (incident (f), SITREP_MILESTONE_DETECTED);
  g_autoptr(GDateTime) detected = g_date_time_ref (stored);
  g_autoptr(GDateTime) later = g_date_time_add_minutes (declared, 5);
  g_autoptr(GDateTime) earlier = g_date_time_add_minutes (declared, -5);
  g_autoptr(GError) error = NULL;

  g_assert_false (sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_DETECTED, later,
                                                  &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Detected"));
  g_assert_nonnull (strstr (error->message, "after Declared"));
  g_clear_error (&error);
  g_assert_true (g_date_time_equal (sitrep_incident_get_milestone (incident (f),
                                                                   SITREP_MILESTONE_DETECTED),
                                    detected));

  /* Acknowledged before Declared (and Detected, at the same time): refused too. */
  g_assert_false (sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_ACKNOWLEDGED,
                                                  earlier, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Acknowledged can’t be before "));
  g_clear_error (&error);
  g_assert_null (sitrep_incident_get_milestone (incident (f), SITREP_MILESTONE_ACKNOWLEDGED));

  /* Within its neighbours it is taken. */
  g_assert_true (sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_DETECTED, earlier,
                                                 &error));
  g_assert_no_error (error);
}

/* Acknowledging is on the record, as status changes are. */
static void
test_acknowledge_entry (Fixture       *f,
                        gconstpointer  data)
{
  SitrepWorkspace *workspace = test_workspace (f->context, f->incident_id);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  SitrepTimelineEntry *entry;

  g_assert_null (find_entry (f, "Milestone: Acknowledged"));
  g_assert_true (sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_ACKNOWLEDGED, now,
                                                 &error));
  g_assert_no_error (error);
  entry = find_entry (f, "Milestone: Acknowledged");
  g_assert_nonnull (entry);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_KIND_STATUS);
  g_assert_cmpstr (sitrep_timeline_entry_get_author (entry), ==, "casey");
  g_assert_cmpint (g_date_time_difference (sitrep_timeline_entry_get_occurred_at (entry), now),
                   <, G_TIME_SPAN_SECOND);
  g_assert_cmpint (g_date_time_difference (now, sitrep_timeline_entry_get_occurred_at (entry)),
                   <, G_TIME_SPAN_SECOND);
}

/* Straight to Resolved, by the status or by the milestone: Mitigated takes
 * the resolution time, so time to mitigate can be measured. */
static void
test_resolve_fills_mitigated (Fixture       *f,
                              gconstpointer  data)
{
  SitrepWorkspace *workspace = test_workspace (f->context, f->incident_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) later = NULL;
  GDateTime *resolved, *mitigated;

  g_assert_null (sitrep_incident_get_milestone (incident (f), SITREP_MILESTONE_MITIGATED));
  g_assert_true (sitrep_workspace_set_status (workspace, SITREP_STATUS_RESOLVED, &error));
  g_assert_no_error (error);
  resolved = sitrep_incident_get_milestone (incident (f), SITREP_MILESTONE_RESOLVED);
  mitigated = sitrep_incident_get_milestone (incident (f), SITREP_MILESTONE_MITIGATED);
  g_assert_nonnull (resolved);
  g_assert_nonnull (mitigated);
  g_assert_true (g_date_time_equal (resolved, mitigated));
  g_assert_nonnull (find_entry (f, "Milestone: Mitigated"));

  /* Reopened, Mitigated cleared by hand, then the Resolved milestone set. */
  g_assert_true (sitrep_workspace_set_status (workspace, SITREP_STATUS_INVESTIGATING, &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_MITIGATED, NULL,
                                                 &error));
  g_assert_no_error (error);
  g_assert_null (sitrep_incident_get_milestone (incident (f), SITREP_MILESTONE_MITIGATED));
  later = g_date_time_add_minutes (sitrep_incident_get_milestone (incident (f),
                                                                  SITREP_MILESTONE_DECLARED), 30);
  g_assert_true (sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_RESOLVED, later,
                                                 &error));
  g_assert_no_error (error);
  mitigated = sitrep_incident_get_milestone (incident (f), SITREP_MILESTONE_MITIGATED);
  g_assert_nonnull (mitigated);
  g_assert_true (g_date_time_equal (mitigated, later));

  /* A mitigation already recorded is kept. */
  {
    g_autoptr(GDateTime) mitigated_at = g_date_time_add_minutes (later, -10);
    g_autoptr(GDateTime) resolved_at = g_date_time_add_minutes (later, 10);

    g_assert_true (sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_MITIGATED,
                                                   mitigated_at, &error));
    g_assert_true (sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_RESOLVED,
                                                   resolved_at, &error));
    g_assert_no_error (error);
    g_assert_true (g_date_time_equal (sitrep_incident_get_milestone (incident (f),
                                                                     SITREP_MILESTONE_MITIGATED),
                                      mitigated_at));
  }
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/milestones/shows-times", Fixture, NULL,
              fixture_set_up, test_shows_times, fixture_tear_down);
  g_test_add ("/gui/milestones/asks-for-changes", Fixture, NULL,
              fixture_set_up, test_asks_for_changes, fixture_tear_down);

  g_test_add ("/gui/milestones/refuses-crossing", Fixture, NULL,
              fixture_set_up, test_refuses_crossing, fixture_tear_down);
  g_test_add ("/gui/milestones/acknowledge-entry", Fixture, NULL,
              fixture_set_up, test_acknowledge_entry, fixture_tear_down);
  g_test_add ("/gui/milestones/resolve-fills-mitigated", Fixture, NULL,
              fixture_set_up, test_resolve_fills_mitigated, fixture_tear_down);

  return g_test_run ();
}

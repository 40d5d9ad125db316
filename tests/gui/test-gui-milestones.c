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

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/milestones/shows-times", Fixture, NULL,
              fixture_set_up, test_shows_times, fixture_tear_down);
  g_test_add ("/gui/milestones/asks-for-changes", Fixture, NULL,
              fixture_set_up, test_asks_for_changes, fixture_tear_down);

  return g_test_run ();
}

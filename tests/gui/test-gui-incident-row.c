/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include <string.h>

#include "gui-test-util.h"
#include "sitrep-gui-util.h"

#include "sitrep-deadlines.h"
#include "sitrep-incident-row.h"
#include "sitrep-enum-strings.h"

/* The sidebar's row for one incident: what it says comes from the incident
 * and follows its changes. */

typedef struct
{
  char              *data_dir;
  SitrepContext     *context;
  char              *incident_id;
  SitrepIncident    *incident;
  SitrepIncidentRow *row;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("sitrep-gui-incident-row-XXXXXX", NULL);
  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "casey");
  f->incident_id = sitrep_context_declare_incident (f->context, "Payments failing", "payments",
                                                    "", SITREP_SEVERITY_P1, &error);
  g_assert_no_error (error);
  f->incident = sitrep_context_lookup_incident (f->context, f->incident_id);
  g_assert_nonnull (f->incident);

  f->row = g_object_ref_sink (SITREP_INCIDENT_ROW (sitrep_incident_row_new (f->context)));
  sitrep_incident_row_set_incident (f->row, f->incident);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->row);
  g_clear_object (&f->context);
  g_free (f->incident_id);
  g_free (f->data_dir);
}

static void
test_shows_incident (Fixture       *f,
                     gconstpointer  data)
{
  const char *meta = gtk_label_get_label (_sitrep_incident_row_get_meta (f->row));
  GtkWidget *badge = GTK_WIDGET (_sitrep_incident_row_get_badge (f->row));
  g_autofree char *expected = NULL;

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, "P1");
  g_assert_true (gtk_widget_has_css_class (badge, "severity-p1"));
  g_assert_cmpstr (gtk_label_get_label (_sitrep_incident_row_get_title (f->row)), ==,
                   "Payments failing");
  /* Before the server gives a reference, the provisional one updates use
   * (never "Not yet synced", which a local-only app would say forever). */
  expected = g_strdup_printf ("INC-local-%s · ", f->incident_id + strlen (f->incident_id) - 8);
  g_assert_true (g_str_has_prefix (meta, expected));
  g_assert_nonnull (strstr (meta, sitrep_status_get_label (SITREP_STATUS_INVESTIGATING)));
  g_assert_true (sitrep_incident_row_get_incident (f->row) == f->incident);
}

static void
test_shows_ref (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;

  /* The server gives the reference; the row shows it in place of
   * of the provisional one. */
  json_object_set_string_member (fields, "ref", "INC-2026-042");
  g_assert_true (sitrep_store_patch (sitrep_context_get_store (f->context), "incidents",
                                     f->incident_id, fields, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_incident_get_ref (f->incident), ==, "INC-2026-042");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (_sitrep_incident_row_get_meta (f->row)),
                                   "INC-2026-042 · "));
}

static void
test_follows_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *badge = GTK_WIDGET (_sitrep_incident_row_get_badge (f->row));

  g_assert_true (sitrep_workspace_set_severity (test_workspace (f->context, f->incident_id), SITREP_SEVERITY_P3,
                                              &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_workspace_set_status (test_workspace (f->context, f->incident_id),
                                            SITREP_STATUS_IDENTIFIED, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, "P3");
  g_assert_true (gtk_widget_has_css_class (badge, "severity-p3"));
  g_assert_false (gtk_widget_has_css_class (badge, "severity-p1"));
  g_assert_nonnull (strstr (gtk_label_get_label (_sitrep_incident_row_get_meta (f->row)),
                            sitrep_status_get_label (SITREP_STATUS_IDENTIFIED)));

  /* A row no longer bound to the incident does not follow it. */
  sitrep_incident_row_set_incident (f->row, NULL);
  g_assert_true (sitrep_workspace_set_severity (test_workspace (f->context, f->incident_id), SITREP_SEVERITY_P2,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, "P3");
}

static void
test_next_due (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) earlier = g_date_time_add_minutes (now, -40);
  g_autoptr(GPtrArray) deadlines = NULL;
  GtkWidget *due = GTK_WIDGET (_sitrep_incident_row_get_due (f->row));
  SitrepDeadline *next;

  /* Declared 40 min ago and never updated: the first clock is late. */
  g_assert_true (sitrep_workspace_set_milestone (test_workspace (f->context, f->incident_id),
                                               SITREP_MILESTONE_DETECTED, earlier, &error));
  g_assert_true (sitrep_workspace_set_milestone (test_workspace (f->context, f->incident_id),
                                               SITREP_MILESTONE_DECLARED, earlier, &error));
  g_assert_no_error (error);
  sitrep_incident_row_update (f->row);

  deadlines = sitrep_workspace_dup_deadlines (test_workspace (f->context, f->incident_id));
  g_assert_cmpuint (deadlines->len, >, 0);
  next = deadlines->pdata[0];
  g_assert_true (g_date_time_compare (next->due, now) < 0);

  g_assert_true (gtk_widget_get_visible (due));
  /* The one countdown of every view (sitrep_countdown_format()). */
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (due)), "overdue by "));
  g_assert_true (gtk_widget_has_css_class (due, "error"));
  g_assert_true (g_str_has_prefix (sitrep_widget_get_tooltip (due), next->label));
  g_assert_nonnull (strstr (gtk_label_get_label (_sitrep_incident_row_get_meta (f->row)),
                            "40 min"));

  /* A closed incident is drawn faded; its clock is its next obligation,
   * the postmortem, until that is marked done. */
  g_assert_true (sitrep_workspace_set_status (test_workspace (f->context, f->incident_id), SITREP_STATUS_CLOSED,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (gtk_widget_get_opacity (GTK_WIDGET (f->row)), <, 1.0);
  g_assert_true (gtk_widget_get_visible (due));
  g_assert_true (g_str_has_prefix (sitrep_widget_get_tooltip (due), "Postmortem due: "));
  g_assert_true (sitrep_workspace_mark_obligation_done (test_workspace (f->context, f->incident_id),
                                                      SITREP_DEADLINE_POSTMORTEM, &error));
  g_assert_no_error (error);
  g_assert_false (gtk_widget_get_visible (due));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/incident-row/shows-incident", Fixture, NULL,
              fixture_set_up, test_shows_incident, fixture_tear_down);
  g_test_add ("/gui/incident-row/shows-ref", Fixture, NULL,
              fixture_set_up, test_shows_ref, fixture_tear_down);
  g_test_add ("/gui/incident-row/follows-changes", Fixture, NULL,
              fixture_set_up, test_follows_changes, fixture_tear_down);
  g_test_add ("/gui/incident-row/next-due", Fixture, NULL,
              fixture_set_up, test_next_due, fixture_tear_down);

  return g_test_run ();
}

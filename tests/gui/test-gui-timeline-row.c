/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One timeline row as the scribe reads it: columns that line up whatever
 * the kind or the date of the entry. */
#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"

#include "sitrep-enum-strings.h"
#include "sitrep-time.h"
#include "sitrep-timeline-row.h"
#include "sitrep-window-private.h"

static double
text_x (GtkWidget *row,
        GtkWidget *page)
{
  graphene_point_t in, out;

  _sitrep_timeline_row_get_text_origin (SITREP_TIMELINE_ROW (row), &in);
  g_assert_true (gtk_widget_compute_point (row, page, &in, &out));
  return out.x;
}

/* Every kind, today and on another day: the text column starts at the
 * same x on every row of the timeline. */
static void
test_columns_line_up (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitrep-timeline-row-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) earlier = g_date_time_add_days (now, -2);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *incident_id = NULL;
  SitrepWindow *window;
  SitrepTimelinePage *page;
  double first = -1;

  g_assert_no_error (error);
  sitrep_context_set_user (context, "carol");
  incident_id = sitrep_context_declare_incident (context, "Checkout errors", "checkout",
                                                 "Some payments fail", SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);
  for (SitrepTimelineKind k = SITREP_KIND_DETECTION; k <= SITREP_KIND_NOTE; k++)
    for (int dated = 0; dated < (k % 3 == 0 ? 2 : 1); dated++)
      {
        g_autoptr(GDateTime) at = g_date_time_add_minutes (dated ? earlier : now, -(int) k);

        g_ptr_array_add (ids, sitrep_workspace_add_timeline_entry (test_workspace (context, incident_id),
                                                                   at, k, "Failed over to the replica",
                                                                   &error));
        g_assert_no_error (error);
      }

  window = sitrep_window_new (NULL, context);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sitrep_window_select_incident (window, incident_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "timeline"));
  page = _sitrep_window_get_timeline (window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)));

  for (guint i = 0; i < ids->len; i++)
    {
      GtkWidget *row;
      double x;

      WAIT_UNTIL ((row = _sitrep_timeline_page_get_row (page, ids->pdata[i])) != NULL &&
                  gtk_widget_get_mapped (row) && gtk_widget_get_width (row) > 0);
      x = text_x (row, GTK_WIDGET (page));
      if (first < 0)
        first = x;
      g_assert_cmpfloat_with_epsilon (x, first, 0.5);
    }

  gui_test_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/timeline-row/columns-line-up", test_columns_line_up);

  return g_test_run ();
}

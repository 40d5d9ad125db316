/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-reports.c: the Reports window on a data folder the test writes
 *
 * The metrics fixture's incidents, action items and postmortems in a real
 * database; the window opened with Ctrl+R shows the review of October
 * 2026 as `sitrep report` prints it, switches to the quarter and back a
 * period, copies the Markdown to the clipboard and saves it and the CSV.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gui-test-util.h"
#include "report-fixture.h"

#include "sitrep-report-chart.h"
#include "sitrep-reports-window.h"
#include "sitrep-window-private.h"

typedef struct
{
  char                *data_dir;
  SitrepContext       *context;
  SitrepWindow        *window;
  SitrepReportsWindow *reports;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->data_dir = g_dir_make_tmp ("sitrep-reports-XXXXXX", NULL);
  db = g_build_filename (f->data_dir, "sitrep.db", NULL);
  store = sitrep_store_open (db, &error);
  g_assert_no_error (error);
  report_fixture_put_all (store);
  g_clear_object (&store);

  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  f->window = sitrep_window_new (NULL, f->context);
  gtk_window_present (GTK_WINDOW (f->window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->reports != NULL)
    gui_test_destroy (GTK_WINDOW (f->reports));
  gui_test_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->context);
  g_free (f->data_dir);
}

static char *
read_expected (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "gui", "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* Runs the window's own binding for @accel, as pressing it does. */
static void
press (GtkWidget  *widget,
       const char *accel)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accel);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }
  g_error ("%s is not bound", accel);
}

static SitrepReportsWindow *
find_reports (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SITREP_IS_REPORTS_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return SITREP_REPORTS_WINDOW (window);
    }
  return NULL;
}

/* Once the figures of @text (a month or a quarter) are on screen. */
static gboolean
shows (SitrepReportsWindow *reports,
       const char          *text)
{
  const SitrepMetrics *metrics = sitrep_reports_window_get_metrics (reports);
  SitrepPeriod period;

  if (!sitrep_period_parse_month (text, &period, NULL))
    g_assert_true (sitrep_period_parse_quarter (text, &period, NULL));
  return metrics != NULL && metrics->period.kind == period.kind
         && metrics->period.start == period.start && metrics->period.end == period.end;
}

static void
open_reports (Fixture *f)
{
  press (GTK_WIDGET (f->window), "<Control>r");
  WAIT_UNTIL ((f->reports = find_reports ()) != NULL);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->reports)));
}

static void
show_period (Fixture    *f,
             const char *text)
{
  SitrepPeriod period;

  if (!sitrep_period_parse_month (text, &period, NULL))
    g_assert_true (sitrep_period_parse_quarter (text, &period, NULL));
  sitrep_reports_window_set_period (f->reports, &period);
  WAIT_UNTIL (shows (f->reports, text));
}

/* The first widget of @type under @root. */
static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_POPOVER (child))
        continue;
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_widget (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* What the window shows: its text view's text. */

static char *
shown_text (SitrepReportsWindow *reports)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_widget (GTK_WIDGET (reports),
                                                                            GTK_TYPE_TEXT_VIEW)));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Ctrl+R opens the window on the last complete month. */
static void
test_ctrl_r (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) last = g_date_time_add_months (now, -1);
  g_autofree char *month = g_date_time_format (last, "%Y-%m");

  g_assert_null (find_reports ());
  open_reports (f);
  WAIT_UNTIL (shows (f->reports, month));
  /* Once per main window. */
  press (GTK_WIDGET (f->window), "<Control>r");
  g_assert_true (find_reports () == f->reports);
}

/* October 2026 as `sitrep report monthly 2026-10` prints it, on screen. */
static void
test_month (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *expected = read_expected ("report-2026-10.md");
  g_autofree char *text = NULL;

  open_reports (f);
  show_period (f, "2026-10");
  g_assert_cmpstr (sitrep_reports_window_get_markdown (f->reports), ==, expected);
  text = shown_text (f->reports);
  g_assert_true (g_str_has_prefix (text, "Monthly Incident Review: October 2026\n"));
  g_assert_nonnull (strstr (text, "\nIncident Summary\n"));
  g_assert_nonnull (strstr (text, "- Total incidents: 7 (1 P1, 2 P2, 3 P3, 1 P4)"));
  gui_test_save_screenshot (GTK_WIDGET (f->reports), "reports-month.png");
}

/* The quarter holding the month, then a period back. */
static void
test_switch (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *month = read_expected ("report-2026-10.md");
  g_autofree char *quarter = read_expected ("report-2026-Q4.md");
  g_autofree char *text = NULL;
  GtkDropDown *kind = NULL;

  open_reports (f);
  show_period (f, "2026-10");
  g_object_get (f->reports, "markdown", &text, NULL);
  g_assert_cmpstr (text, ==, month);
  g_clear_pointer (&text, g_free);

  /* The kind of period: the window's only drop-down. */
  kind = GTK_DROP_DOWN (find_widget (GTK_WIDGET (f->reports), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (kind);
  gtk_drop_down_set_selected (kind, 1);
  WAIT_UNTIL (shows (f->reports, "2026-Q4"));
  g_assert_cmpstr (sitrep_reports_window_get_markdown (f->reports), ==, quarter);

  press (GTK_WIDGET (f->reports), "<Alt>Left");
  WAIT_UNTIL (shows (f->reports, "2026-Q3"));
  g_assert_cmpstr (sitrep_reports_window_get_markdown (f->reports), !=, quarter);
  text = shown_text (f->reports);
  g_assert_true (g_str_has_prefix (text, "Quarterly Incident Review: Q3 2026\n"));
}

static void
clipboard_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

/* Copy gives the Markdown. */
static void
test_copy (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *expected = read_expected ("report-2026-10.md");
  g_autofree char *copied = NULL;
  GdkClipboard *clipboard;

  open_reports (f);
  show_period (f, "2026-10");
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->reports));
  gdk_clipboard_set_text (clipboard, "");
  press (GTK_WIDGET (f->reports), "<Control><Shift>c");
  gdk_clipboard_read_text_async (clipboard, NULL, clipboard_read, &copied);
  WAIT_UNTIL (copied != NULL);
  g_assert_cmpstr (copied, ==, expected);
}

static char *
file_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Save… writes the Markdown exactly as Copy gives it, and the CSV as
 * `sitrep report` prints it; a folder that does not exist is said in a
 * dialog naming the file, the report still there to save elsewhere. */
static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *expected_csv = read_expected ("report-2026-10.csv");
  g_autofree char *dir = g_dir_make_tmp ("sitrep-report-save-XXXXXX", NULL);
  g_autofree char *md_path = g_build_filename (dir, "October.md", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "October.csv", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "no such folder", "October.md", NULL);
  g_autoptr(GFile) md_file = g_file_new_for_path (md_path);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
  g_autofree char *copied = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_csv = NULL;
  g_autofree char *markdown = NULL;
  AdwMessageDialog *dialog;
  GdkClipboard *clipboard;

  open_reports (f);
  show_period (f, "2026-10");
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->reports));
  gdk_clipboard_set_text (clipboard, "");
  press (GTK_WIDGET (f->reports), "<Control><Shift>c");
  gdk_clipboard_read_text_async (clipboard, NULL, clipboard_read, &copied);
  WAIT_UNTIL (copied != NULL);

  g_assert_true (sitrep_reports_window_save_to (f->reports, md_file, FALSE));
  saved = file_text (md_path);
  g_assert_cmpstr (saved, ==, copied);
  g_assert_true (sitrep_reports_window_save_to (f->reports, csv_file, TRUE));
  saved_csv = file_text (csv_path);
  g_assert_cmpstr (saved_csv, ==, expected_csv);
  g_assert_null (find_message_dialog ());

  /* Nowhere to write: refused, said, nothing lost. */
  markdown = g_strdup (sitrep_reports_window_get_markdown (f->reports));
  g_assert_false (sitrep_reports_window_save_to (f->reports, bad_file, FALSE));
  WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Report Not Saved");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), bad_path));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "No such file or directory"));
  g_assert_true (adw_message_dialog_has_response (dialog, "again"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->reports));
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (sitrep_reports_window_get_markdown (f->reports), ==, markdown);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (f->reports)));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* What was saved before is as it was. */
  g_clear_pointer (&saved, g_free);
  saved = file_text (md_path);
  g_assert_cmpstr (saved, ==, copied);

  g_unlink (md_path);
  g_unlink (csv_path);
  g_rmdir (dir);
}

/* A click on a notable incident's reference opens it in the main window. */
static void
test_open_notable (Fixture       *f,
                   gconstpointer  data)
{
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter start, match_start, match_end;
  GdkRectangle location;
  GtkGesture *click = NULL;
  g_autoptr(GListModel) controllers = NULL;
  int x, y;

  open_reports (f);
  show_period (f, "2026-10");
  g_assert_true (f->window->incident == NULL
                 || g_strcmp0 (sitrep_incident_get_id (f->window->incident), ID_A) != 0);

  view = GTK_TEXT_VIEW (find_widget (GTK_WIDGET (f->reports), GTK_TYPE_TEXT_VIEW));
  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, "INC-2026-101", 0, &match_start,
                                               &match_end, NULL));
  /* Shown as a link, without the Markdown's asterisks. */
  gtk_text_iter_backward_char (&match_start);
  g_assert_cmpint (gtk_text_iter_get_char (&match_start), ==, ' ');
  gtk_text_iter_forward_chars (&match_start, 3);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (view)) && gtk_widget_get_height (GTK_WIDGET (view)) > 0);
  gtk_text_view_scroll_to_iter (view, &match_start, 0, FALSE, 0, 0);
  WAIT_IDLE ();
  gtk_text_view_get_iter_location (view, &match_start, &location);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET,
                                         location.x + 1, location.y + location.height / 2, &x, &y);

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && click == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller)
          && g_signal_has_handler_pending (controller, g_signal_lookup ("released",
                                                                        GTK_TYPE_GESTURE_CLICK),
                                           0, FALSE))
        click = GTK_GESTURE (controller);
    }
  g_assert_nonnull (click);
  g_signal_emit_by_name (click, "released", 1, (double) x, (double) y);
  WAIT_UNTIL (f->window->incident != NULL
              && g_strcmp0 (sitrep_incident_get_id (f->window->incident), ID_A) == 0);
}

/* The charts describe their figures week by week from the period's first
 * day, and say when there are none. */
static void
test_charts (Fixture       *f,
             gconstpointer  data)
{
  SitrepReportChart *incidents, *mttr;

  open_reports (f);
  show_period (f, "2026-10");
  incidents = SITREP_REPORT_CHART (find_widget (GTK_WIDGET (f->reports),
                                                SITREP_TYPE_REPORT_CHART));
  mttr = SITREP_REPORT_CHART (gtk_widget_get_next_sibling (GTK_WIDGET (incidents)));
  g_assert_cmpstr (sitrep_report_chart_get_description (incidents), ==,
                   "Week 1: 1 (P1 1, P2 0, P3 0, P4 0); "
                   "Week 2: 1 (P1 0, P2 0, P3 1, P4 0); "
                   "Week 3: 3 (P1 0, P2 1, P3 2, P4 0); "
                   "Week 4: 1 (P1 0, P2 1, P3 0, P4 0); "
                   "Week 5: 1 (P1 0, P2 0, P3 0, P4 1)");
  g_assert_cmpstr (sitrep_report_chart_get_description (mttr), ==,
                   "Week 1: 90 minutes; Week 2: no resolved incidents; Week 3: 82 minutes; "
                   "Week 4: 60 minutes; Week 5: 180 minutes");

  show_period (f, "2025-01");
  g_assert_cmpstr (sitrep_report_chart_get_description (incidents), ==,
                   "No incidents in this period");
  g_assert_cmpstr (sitrep_report_chart_get_description (mttr), ==,
                   "No resolved incidents in this period");
  gui_test_save_screenshot (GTK_WIDGET (f->reports), "reports-empty.png");
}

/* A custom range, its last day included; a day that is not one leaves
 * the period shown as it is. */
static void
test_custom_range (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 10, 1, 0, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_new_utc (2026, 11, 1, 0, 0, 0);
  GtkDropDown *kind;
  GtkWidget *from, *to;
  const SitrepMetrics *metrics;

  open_reports (f);
  show_period (f, "2026-09");
  kind = GTK_DROP_DOWN (find_widget (GTK_WIDGET (f->reports), GTK_TYPE_DROP_DOWN));
  gtk_drop_down_set_selected (kind, 2);
  from = find_widget (GTK_WIDGET (f->reports), GTK_TYPE_ENTRY);
  to = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (from));
  /* Filled in from the month shown. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (from)), ==, "2026-09-01");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (to)), ==, "2026-09-30");

  gtk_editable_set_text (GTK_EDITABLE (from), "2026-10-01");
  gtk_editable_set_text (GTK_EDITABLE (to), "2026-10-31");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->reports), "reports.show-range", NULL));
  WAIT_UNTIL ((metrics = sitrep_reports_window_get_metrics (f->reports)) != NULL
              && metrics->period.kind == SITREP_PERIOD_RANGE);
  g_assert_cmpint (metrics->period.start, ==, g_date_time_to_unix (start) * G_USEC_PER_SEC);
  g_assert_cmpint (metrics->period.end, ==, g_date_time_to_unix (end) * G_USEC_PER_SEC);
  g_assert_cmpuint (metrics->total, ==, 7);
  g_assert_nonnull (strstr (sitrep_reports_window_get_markdown (f->reports),
                            "- Total incidents: 7 (1 P1, 2 P2, 3 P3, 1 P4)\n"));

  gtk_editable_set_text (GTK_EDITABLE (to), "2026-13-01");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->reports), "reports.show-range", NULL));
  WAIT_IDLE ();
  g_assert_true (sitrep_reports_window_get_metrics (f->reports) == metrics);
  g_assert_cmpint (sitrep_reports_window_get_period (f->reports)->end, ==,
                   g_date_time_to_unix (end) * G_USEC_PER_SEC);
  WAIT_UNTIL (gtk_revealer_get_child_revealed (
    GTK_REVEALER (find_widget (GTK_WIDGET (f->reports), GTK_TYPE_REVEALER))));
  gui_test_save_screenshot (GTK_WIDGET (f->reports), "reports-custom-range.png");
}

int
main (int    argc,
      char **argv)
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/reports/ctrl-r", Fixture, NULL, fixture_set_up, test_ctrl_r,
              fixture_tear_down);
  g_test_add ("/gui/reports/month", Fixture, NULL, fixture_set_up, test_month,
              fixture_tear_down);
  g_test_add ("/gui/reports/switch", Fixture, NULL, fixture_set_up, test_switch,
              fixture_tear_down);
  g_test_add ("/gui/reports/save", Fixture, NULL, fixture_set_up, test_save,
              fixture_tear_down);
  g_test_add ("/gui/reports/copy", Fixture, NULL, fixture_set_up, test_copy,
              fixture_tear_down);
  g_test_add ("/gui/reports/open-notable", Fixture, NULL, fixture_set_up, test_open_notable,
              fixture_tear_down);
  g_test_add ("/gui/reports/charts", Fixture, NULL, fixture_set_up, test_charts,
              fixture_tear_down);
  g_test_add ("/gui/reports/custom-range", Fixture, NULL, fixture_set_up, test_custom_range,
              fixture_tear_down);

  return g_test_run ();
}

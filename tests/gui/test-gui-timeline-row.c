/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One timeline row as the scribe reads it: columns that line up whatever
 * the kind or the date of the entry. */
#include "config.h"

#include <string.h>

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

typedef struct
{
  char               *dir;
  SitrepContext      *context;
  char               *incident_id;
  SitrepWindow       *window;
  SitrepTimelinePage *page;
} Fixture;

static void
fixture_open (Fixture *f)
{

  f->window = sitrep_window_new (NULL, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (sitrep_window_select_incident (f->window, f->incident_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.page", "s", "timeline"));
  f->page = _sitrep_window_get_timeline (f->window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
}

static void
fixture_init (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sitrep-timeline-row-XXXXXX", NULL);
  f->context = sitrep_context_new (f->dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "carol");
  f->incident_id = sitrep_context_declare_incident (f->context, "Checkout errors", "checkout",
                                                    "Some payments fail", SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);
}

static void
fixture_clear (Fixture *f)
{
  gui_test_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->context);
  g_free (f->incident_id);
  g_free (f->dir);
}

static char *
add_entry (Fixture    *f,
           int         minutes_ago,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) at = g_date_time_add_minutes (now, -minutes_ago);
  char *id = sitrep_workspace_add_timeline_entry (test_workspace (f->context, f->incident_id),
                                                  at, SITREP_KIND_NOTE, text, &error);

  g_assert_no_error (error);
  return id;
}

static GtkWidget *
wait_row (Fixture    *f,
          const char *id)
{
  GtkWidget *row;

  WAIT_UNTIL ((row = _sitrep_timeline_page_get_row (f->page, id)) != NULL &&
              gtk_widget_get_mapped (row) && gtk_widget_get_width (row) > 0);
  return row;
}

/* The row draws its time and text (no label per column), and a text too
 * long for one line wraps: the row is as tall as its wrapped text, and
 * taller again when the window is narrower. */
static void
test_text_wraps (void)
{
  Fixture f = { 0 };
  g_autofree char *short_id = NULL;
  g_autofree char *long_id = NULL;
  GString *text = g_string_new (NULL);
  GtkWidget *short_row, *long_row;
  int short_height, long_height;

  fixture_init (&f);
  for (int i = 0; i < 40; i++)
    g_string_append (text, "Failed over to the replica and back. ");
  short_id = add_entry (&f, 2, "Failed over to the replica");
  long_id = add_entry (&f, 1, text->str);
  fixture_open (&f);

  short_row = wait_row (&f, short_id);
  long_row = wait_row (&f, long_id);
  g_assert_true (g_str_has_prefix (_sitrep_timeline_row_get_text (SITREP_TIMELINE_ROW (short_row)),
                                   "Failed over to the replica\ncarol"));
  g_assert_nonnull (strstr (_sitrep_timeline_row_get_time_text (SITREP_TIMELINE_ROW (short_row)), "UTC"));
  short_height = gtk_widget_get_height (short_row);
  long_height = gtk_widget_get_height (long_row);
  g_assert_cmpint (long_height, >, short_height + 20);

  gtk_window_set_default_size (GTK_WINDOW (f.window), 800, 900);
  WAIT_UNTIL (gtk_widget_get_height (long_row) > long_height);

  g_string_free (text, TRUE);
  fixture_clear (&f);
}

/* Pin and menu are drawn; a row gets real buttons only when it is
 * selected (or hovered or focused), and its pin button then pins. */
static void
test_buttons_on_demand (void)
{
  Fixture f = { 0 };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  SitrepTimelineEntry *entry;
  GtkWidget *row, *pin;

  fixture_init (&f);
  first = add_entry (&f, 2, "Failed over to the replica");
  second = add_entry (&f, 1, "Paged the database team");
  fixture_open (&f);

  _sitrep_timeline_page_select (f.page, first);
  row = wait_row (&f, second);
  g_assert_null (_sitrep_timeline_row_get_pin_button (SITREP_TIMELINE_ROW (row)));

  _sitrep_timeline_page_select (f.page, second);
  WAIT_UNTIL ((pin = _sitrep_timeline_row_get_pin_button (SITREP_TIMELINE_ROW (row))) != NULL);
  /* The tooltip is asked for when shown, not set at bind. */
  g_assert_null (gtk_widget_get_tooltip_text (pin));
  g_assert_true (gtk_widget_get_has_tooltip (pin));

  entry = sitrep_timeline_row_get_entry (SITREP_TIMELINE_ROW (row));
  g_assert_false (sitrep_timeline_entry_get_pinned (entry));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (pin), TRUE);
  WAIT_UNTIL ((entry = sitrep_timeline_row_get_entry (SITREP_TIMELINE_ROW (row))) != NULL &&
              sitrep_timeline_entry_get_pinned (entry));
  g_assert_true (gtk_widget_has_css_class (row, "pinned"));

  fixture_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/timeline-row/columns-line-up", test_columns_line_up);
  g_test_add_func ("/gui/timeline-row/text-wraps", test_text_wraps);
  g_test_add_func ("/gui/timeline-row/buttons-on-demand", test_buttons_on_demand);

  return g_test_run ();
}

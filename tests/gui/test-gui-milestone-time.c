/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A milestone's time editor reads a typed time the way the capture line
 * does: in the zone chosen in Preferences, today's date there, a time
 * still to come refused rather than moved to yesterday. Run in Berlin, in
 * a process of its own (GLib keeps the local zone it first reads). */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gui-test-util.h"
#include "sitrep-gui-util.h"
#include "gui-test-time.h"

#include "sitrep-context.h"
#include "sitrep-milestone-row.h"

typedef struct
{
  GtkWindow          *window;
  SitrepMilestoneRow *row;
  GDateTime          *asked;
  guint               n_asked;
} Fixture;

static void
on_set (SitrepMilestoneRow *row,
        GDateTime          *when,
        Fixture            *f)
{
  g_clear_pointer (&f->asked, g_date_time_unref);
  f->asked = when ? g_date_time_ref (when) : NULL;
  f->n_asked++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *list = gtk_list_box_new ();

  f->window = GTK_WINDOW (gtk_window_new ());
  f->row = SITREP_MILESTONE_ROW (sitrep_milestone_row_new (SITREP_MILESTONE_ACKNOWLEDGED));
  g_signal_connect (f->row, "set", G_CALLBACK (on_set), f);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (f->row));
  gtk_window_set_child (f->window, list);
  gtk_window_present (f->window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->row)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gui_test_destroy (f->window);
  g_clear_pointer (&f->asked, g_date_time_unref);
}

static void
type (Fixture    *f,
      const char *text)
{
  GtkEntry *entry = _sitrep_milestone_row_get_entry (f->row);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

static void
test_local (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GTimeZone) berlin = NULL;
  g_autoptr(GDateTime) expected = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *typed_later = NULL;
  g_autofree char *hint = NULL;
  g_autoptr(GDateTime) now = NULL;
  GtkEntry *entry;

  if (!in_berlin ())
    return;

  set_input_zone (SITREP_TIME_INPUT_LOCAL);
  berlin = g_time_zone_new_identifier ("Europe/Berlin");
  now = g_date_time_new_now (berlin);
  hint = g_date_time_format (now, "In %Z:");
  entry = _sitrep_milestone_row_get_entry (f->row);
  expected = clock_time (berlin, -15, &typed);
  later = clock_time (berlin, 20, &typed_later);
  if (expected == NULL || later == NULL)
    {
      g_test_skip ("too close to midnight in Berlin");
      return;
    }

  /* 13:50 typed in CET is 12:50 UTC, today. */
  type (f, typed);
  g_assert_cmpuint (f->n_asked, ==, 1);
  g_assert_cmpint (g_date_time_compare (f->asked, expected), ==, 0);
  g_assert_nonnull (strstr (gtk_entry_get_placeholder_text (entry), hint));

  /* Later than now: refused, nothing asked, not filed on the day before. */
  type (f, typed_later);
  g_assert_cmpuint (f->n_asked, ==, 1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_nonnull (strstr (sitrep_widget_get_tooltip (GTK_WIDGET (entry)), "later than now"));

  /* The editor shows the milestone's time in the zone it reads: typed back
   * unchanged, it is the same time. */
  sitrep_milestone_row_set_time (f->row, expected);
  gtk_menu_button_popup (GTK_MENU_BUTTON (_sitrep_milestone_row_get_edit_button (f->row)));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (entry)));
  {
    g_autoptr(GDateTime) there = g_date_time_to_timezone (expected, berlin);
    g_autofree char *shown = g_date_time_format (there, "%Y-%m-%d %H:%M:%S");

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, shown);
  }
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (f->n_asked, ==, 2);
  g_assert_cmpint (g_date_time_compare (f->asked, expected), ==, 0);
}

static void
test_utc (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) expected = NULL;
  g_autofree char *typed = NULL;

  if (!in_berlin ())
    return;

  set_input_zone (SITREP_TIME_INPUT_UTC);
  expected = clock_time (utc, -15, &typed);
  if (expected == NULL)
    {
      g_test_skip ("too close to midnight in UTC");
      return;
    }

  type (f, typed);
  g_assert_cmpuint (f->n_asked, ==, 1);
  g_assert_cmpint (g_date_time_compare (f->asked, expected), ==, 0);
  g_assert_nonnull (strstr (gtk_entry_get_placeholder_text (
                              _sitrep_milestone_row_get_entry (f->row)), "In UTC:"));
  set_input_zone (SITREP_TIME_INPUT_LOCAL);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/milestone-time/local", Fixture, NULL, fixture_set_up, test_local,
              fixture_tear_down);
  g_test_add ("/gui/milestone-time/utc", Fixture, NULL, fixture_set_up, test_utc,
              fixture_tear_down);

  return g_test_run ();
}

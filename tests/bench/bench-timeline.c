/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How fast the scribe's timeline opens with 10,000 entries, and how long
 * one capture takes to appear on screen in it. Runs a real window (under
 * Xvfb with `build-aux/dev bench`); prints `<figure> <value> <unit>`. */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "sitrep-context-store.h"
#include "sitrep-time.h"
#include "sitrep-window-private.h"

#define N_ENTRIES 10000
#define N_OPENS 5
#define N_APPENDS 25

static gboolean painted;

static void
on_after_paint (void)
{
  painted = TRUE;
}

static void
iterate_until_painted (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);

  painted = FALSE;
  gtk_widget_queue_draw (widget);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

static char *
populate (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
  g_autoptr(GPtrArray) mutations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);
  g_autoptr(GDateTime) start = g_date_time_new_now_utc ();
  static const char *kinds[] = { "alert", "action", "decision", "note", "mitigation", "status" };
  char *id;

  g_assert_no_error (error);
  id = sitrep_context_declare_incident (context, "Payment service outage", "payments",
                                        "Card payments fail", SITREP_SEVERITY_P1, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_ENTRIES; i++)
    {
      g_autoptr(JsonObject) body = json_object_new ();
      g_autoptr(GDateTime) at = g_date_time_add_seconds (start, -(double) (N_ENTRIES - i) * 7);
      g_autofree char *at_text = sitrep_time_format (at);
      g_autofree char *text = g_strdup_printf ("Entry %u: error rate at %u%% on checkout, "
                                               "restarted pod payments-%u", i, i % 40, i % 12);
      g_autofree char *entry_id = g_uuid_string_random ();

      json_object_set_string_member (body, "incident_id", id);
      json_object_set_string_member (body, "occurred_at", at_text);
      json_object_set_string_member (body, "kind", kinds[i % G_N_ELEMENTS (kinds)]);
      json_object_set_string_member (body, "text", text);
      json_object_set_string_member (body, "author", i % 2 ? "alice" : "bob");
      json_object_set_boolean_member (body, "pinned", i % 500 == 0);
      g_ptr_array_add (mutations, sitrep_mutation_new_put ("timeline", entry_id, body));
    }

  sitrep_store_apply (sitrep_context_get_store (context), (SitrepMutation **) mutations->pdata,
                      mutations->len, &error);
  g_assert_no_error (error);

  return id;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), (int (*) (const void *, const void *)) compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("sitrep-bench-XXXXXX", NULL);
  g_autofree char *incident_id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = NULL;
  SitrepWindow *window;
  SitrepTimelinePage *page;
  SitrepIncident *incident;
  double opens[N_OPENS], appends[N_APPENDS];

  gtk_init ();
  adw_init ();

  incident_id = populate (dir);
  context = sitrep_context_new (dir, &error);
  g_assert_no_error (error);
  incident = sitrep_context_lookup_incident (context, incident_id);

  window = sitrep_window_new (NULL, context);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  sitrep_window_select_incident (window, incident_id);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "timeline");
  page = _sitrep_window_get_timeline (window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (page)))
    g_main_context_iteration (NULL, TRUE);
  iterate_until_painted (GTK_WIDGET (window));

  /* Opening: load the 10,000 entries, sort them, lay out and paint. */
  for (guint i = 0; i < N_OPENS; i++)
    {
      gint64 t0;

      sitrep_incident_page_set_incident (SITREP_INCIDENT_PAGE (page), NULL);
      iterate_until_painted (GTK_WIDGET (window));

      t0 = g_get_monotonic_time ();
      sitrep_incident_page_set_incident (SITREP_INCIDENT_PAGE (page), incident);
      iterate_until_painted (GTK_WIDGET (window));
      opens[i] = (g_get_monotonic_time () - t0) / 1000.0;
      g_assert_cmpuint (g_list_model_get_n_items (_sitrep_timeline_page_get_shown (page)), ==,
                        N_ENTRIES + 1);
    }

  /* Appending: a capture written to the store, its row bound and painted. */
  for (guint i = 0; i < N_APPENDS; i++)
    {
      g_autofree char *text = g_strdup_printf ("Captured line %u", i);
      guint before = g_list_model_get_n_items (_sitrep_timeline_page_get_shown (page));
      gint64 t0;

      iterate_until_painted (GTK_WIDGET (window));
      gtk_editable_set_text (_sitrep_timeline_page_get_capture (page), text);

      t0 = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (page), "timeline.capture", NULL);
      while (g_list_model_get_n_items (_sitrep_timeline_page_get_shown (page)) == before)
        g_main_context_iteration (NULL, TRUE);
      iterate_until_painted (GTK_WIDGET (window));
      appends[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  {
    double frames[N_APPENDS];

    /* For scale: a repaint of the same window with nothing changed. */
    for (guint i = 0; i < N_APPENDS; i++)
      {
        gint64 t0 = g_get_monotonic_time ();

        iterate_until_painted (GTK_WIDGET (window));
        frames[i] = (g_get_monotonic_time () - t0) / 1000.0;
      }
    printf ("window_repaint %.1f ms\n", median (frames, N_APPENDS));
  }
  printf ("timeline_open_10k %.1f ms\n", median (opens, N_OPENS));
  printf ("timeline_append_10k %.1f ms\n", median (appends, N_APPENDS));
  fflush (stdout);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

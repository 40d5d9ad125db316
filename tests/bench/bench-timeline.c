/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How fast the scribe's timeline opens with 10,000 entries, and how long
 * one capture takes to appear on screen in it. Runs a real window (under
 * Xvfb with `build-aux/dev bench`); prints `<figure> <value> <unit>`.
 *
 * The entries read like a real incident's: sentences from a fixed-seed
 * generator, 80 to 200 characters, about one in seven on two lines, so
 * the text wraps in the rows as it does for real responders.
 *
 *   timeline_open_10k        wall time from setting the incident to the
 *                            first painted frame (median of 5)
 *   timeline_append_10k      wall time from the capture action to the
 *                            painted frame, frame-bound (median of 25)
 *   timeline_append_cpu_10k  CPU time of the process (all threads,
 *                            CLOCK_PROCESS_CPUTIME_ID) from the capture
 *                            action until the frame clock's after-paint of
 *                            the frame that shows the new entry: the entry
 *                            is in the list and the view has scrolled to
 *                            the end (median of 25); no redraw is forced
 *   window_repaint           a forced repaint with nothing changed
 *
 * The temporary database is removed at exit. */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <time.h>

#include <glib/gstdio.h>

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

/* Incident-like sentences: a fixed seed, so every run sees the same text. */
static const char *subjects[] = {
  "Error rate on checkout", "p99 latency for the payments API", "The card authorisation queue",
  "Replica lag on the primary database", "Pod payments-7 in eu-west-1", "The CDN edge in fra2",
  "Login success rate", "Connection pool on the gateway", "Memory on the cache cluster",
  "Traffic from the mobile app", "The retry storm from the billing workers",
};

static const char *predicates[] = {
  "is back above 4% after the second rollback",
  "climbed to 2.3 s and the on-call engineer paged the owning team",
  "has stopped draining since 14:02 and consumers report timeouts",
  "looks stable for ten minutes, keeping the mitigation in place",
  "dropped sharply right after the config change went out",
  "matches the deploy of build 4512, which we are rolling back now",
  "is saturated; we doubled the pool size as a stop-gap",
  "recovered partially, though enterprise customers still see 500 errors",
};

static const char *tails[] = {
  "Next update in 30 minutes.", "Customer support has the holding statement.",
  "Alice owns the follow-up.", "Bob is checking the dashboards for the other regions.",
  "Status page updated.", "No data loss seen so far.",
  "We will decide on failover at the top of the hour.", "Ticket OPS-2291 tracks the fix.",
};

static void
wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);

  painted = FALSE;
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static GtkListView *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    return GTK_LIST_VIEW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListView *found = find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
at_end (GtkAdjustment *adj)
{
  return adj == NULL || gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
         gtk_adjustment_get_upper (adj) - 1;
}

static void
remove_dir (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static char *
incident_text (GRand *rand)
{
  guint target = g_rand_int_range (rand, 80, 201);
  gboolean two_lines = g_rand_int_range (rand, 0, 7) == 0;
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s %s.",
                          subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))],
                          predicates[g_rand_int_range (rand, 0, G_N_ELEMENTS (predicates))]);
  while (text->len < target)
    {
      g_string_append_c (text, two_lines && !strchr (text->str, '\n') ? '\n' : ' ');
      if (g_rand_boolean (rand))
        g_string_append (text, tails[g_rand_int_range (rand, 0, G_N_ELEMENTS (tails))]);
      else
        g_string_append_printf (text, "%s %s.",
                                subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))],
                                predicates[g_rand_int_range (rand, 0,
                                                             G_N_ELEMENTS (predicates))]);
    }
  /* Cut back to the last word that fits in the target length (all ASCII),
   * never below 80 characters. */
  if (text->len > target)
    {
      char *space;

      g_string_truncate (text, target);
      space = strrchr (text->str, ' ');
      if (space != NULL && space - text->str >= 80)
        g_string_truncate (text, space - text->str);
    }
  return g_string_free (text, FALSE);
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
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  guint total_chars = 0, n_two_lines = 0;
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
      g_autofree char *text = incident_text (rand);
      g_autofree char *entry_id = g_uuid_string_random ();

      json_object_set_string_member (body, "incident_id", id);
      json_object_set_string_member (body, "occurred_at", at_text);
      json_object_set_string_member (body, "kind", kinds[i % G_N_ELEMENTS (kinds)]);
      json_object_set_string_member (body, "text", text);
      total_chars += strlen (text);
      n_two_lines += strchr (text, '\n') != NULL;
      json_object_set_string_member (body, "author", i % 2 ? "alice" : "bob");
      json_object_set_boolean_member (body, "pinned", i % 500 == 0);
      g_ptr_array_add (mutations, sitrep_mutation_new_put ("timeline", entry_id, body));
    }

  sitrep_store_apply (sitrep_context_get_store (context), (SitrepMutation **) mutations->pdata,
                      mutations->len, &error);
  g_assert_no_error (error);
  g_printerr ("# %u entries, %.0f characters on average, %u on two lines\n", N_ENTRIES,
              (double) total_chars / N_ENTRIES, n_two_lines);

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
  double opens[N_OPENS], appends[N_APPENDS], append_cpu[N_APPENDS];
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

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
      g_autofree char *text = incident_text (rand);
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

  /* The same, in CPU time, without forcing a redraw: from the action to
   * the after-paint of the first frame in which the entry is listed and
   * the view has followed it to the end (the scroll runs from an idle, so
   * this can be the second frame or a later one). */
  {
    GtkListView *list = find_list_view (GTK_WIDGET (page));
    GtkAdjustment *adj;
    guint max_frames = 0;

    /* Without a list view to follow, the first frame after it is listed. */
    adj = list != NULL ? gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list)) : NULL;
    if (adj == NULL)
      g_printerr ("# no list view found: the scroll to the end is not waited for\n");

    for (guint i = 0; i < N_APPENDS; i++)
      {
        g_autofree char *text = incident_text (rand);
        guint before = g_list_model_get_n_items (_sitrep_timeline_page_get_shown (page));
        guint frames = 0;
        double c0;

        iterate_until_painted (GTK_WIDGET (window));
        gtk_editable_set_text (_sitrep_timeline_page_get_capture (page), text);
        while (g_main_context_iteration (NULL, FALSE))
          ;
        wait_for_paint (GTK_WIDGET (window));

        c0 = cpu_ms ();
        gtk_widget_activate_action (GTK_WIDGET (page), "timeline.capture", NULL);
        while (g_list_model_get_n_items (_sitrep_timeline_page_get_shown (page)) == before)
          g_main_context_iteration (NULL, TRUE);
        do
          {
            wait_for_paint (GTK_WIDGET (window));
            frames++;
          }
        while (!at_end (adj) && frames < 10);
        append_cpu[i] = cpu_ms () - c0;
        max_frames = MAX (max_frames, frames);
        if (!at_end (adj))
          g_printerr ("# capture %u: the view did not reach the end in %u frames\n", i, frames);
      }
    g_printerr ("# a capture was shown after at most %u frames\n", max_frames);
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
  printf ("timeline_append_cpu_10k %.1f ms\n", median (append_cpu, N_APPENDS));
  fflush (stdout);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&context);
  remove_dir (dir);
  return 0;
}

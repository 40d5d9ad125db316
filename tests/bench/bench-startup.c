/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-startup.c: how long the real app takes to put its first painted
 * frame on screen, against the smallest libadwaita program
 *
 * Prints `<figure> <value> <unit>` lines on stdout:
 *
 *   startup_first_frame_bare        ms, bench-bare-window (an empty
 *                                   AdwApplicationWindow, same size)
 *   startup_first_frame_empty       ms, sitrep --data-dir on an empty
 *                                   database (a fresh directory each time)
 *   startup_first_frame_10k_active  ms, sitrep --data-dir on 10,000
 *                                   incidents, 30% of them active
 *   startup_first_frame_ratio_empty       empty / bare
 *   startup_first_frame_ratio_10k_active  10k_active / bare
 *   startup_responsive_{bare,empty,10k_active}   ms until the program
 *                                   answers: see "answering" below
 *   startup_responsive_ratio_{empty,10k_active}  the same against bare
 *
 * Absolute times depend on the machine and its load; the ratios compare
 * programs measured in the same run, interleaved (bare, empty, 10k in each
 * of N_ROUNDS rounds, after one untimed warm-up of each), as medians.
 *
 * How "first painted frame" is seen, black-box: the app has no bench hook.
 * This process is an X client of the same display (Xvfb under
 * `build-aux/dev bench`, no window manager, no compositor). Before each
 * start it grabs three full-width bands of the root window (XGetImage on
 * the root includes the mapped windows' pixels). It then spawns the
 * program and grabs the same bands every POLL_MS until at least half the
 * pixels of every band differ from the grab before the start: the window
 * is mapped and has been drawn, which with GTK is its first frame (a
 * mapped GTK 4 window that has not been drawn shows the background, which
 * is what the bench saw before the start; on Xvfb the bands go from the
 * root's black to the window's colours in one step, 1,200 of the 1,280
 * pixels of each row at once). The time is from just before
 * the spawn to the end of the grab that saw the pixels, so it includes
 * process start-up, the program's start, the first frame and at most one
 * POLL_MS of polling; both programs are measured in exactly the same way,
 * both windows 1,200 × 800 (sitrep's default size) on a 1,280 × 800
 * screen, so each covers more than half of every band.
 *
 * Answering: a first frame followed by a main loop that is busy for
 * seconds is not a start that is over. From the first frame on, the bench
 * probes the window the way a window manager would resize it: it makes the
 * top-level window (the new viewable child of the root) wider with
 * XResizeWindow, waits until the uncovered strip is painted in every band
 * (only the program can paint it, once its main loop handles the
 * ConfigureNotify), puts the width back, and again, until N_QUICK probes
 * in a row were each answered within QUICK_MS. The figure is the time from
 * the spawn to the first probe of that streak: from then on the program
 * answered at once. Whether a long job the app starts from an idle runs
 * before or after its first frame can depend on the environment: with
 * sitrep of December 2026 on 10,000 incidents, the first frame came at
 * ~0.45 s with glib-networking's default proxy resolver and at ~9 s with
 * GIO_USE_PROXY_RESOLVER=dummy (the test environment), the main loop
 * being busy until ~8 s in both; this figure sees the wait either way.
 *
 * Then the program gets SIGTERM, is reaped, and the bench waits for the
 * screen to be back to what it was before the next start.
 *
 * The 10,000-incident database is written once per run with the store
 * API into a template directory and copied into a fresh directory before
 * each start, so no start sees what a previous one left. All temporary
 * directories are removed at exit.
 *
 * SITREP_BIN and BENCH_BARE_BIN give the two programs (set by meson);
 * `bench-startup --populate DIR` writes the 10,000 incidents into DIR only.
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <glib/gprintf.h>
#include <glib/gstdio.h>

#include "sitrep-store.h"

#define N_INCIDENTS 10000
#define N_ROUNDS 15
#define N_BANDS 3
#define BAND_ROWS 2
#define POLL_MS 4
#define START_TIMEOUT_S 180
#define N_QUICK 10
#define QUICK_MS 100

typedef struct
{
  Display *display;
  Window root;
  int width;
  int height;
  guint32 *before;        /* N_BANDS * BAND_ROWS * width pixels */
  guint32 *now;
} Screen_;

static void remove_tree (const char *path);

/* Temporary directories still to remove, also when the bench fails. */
static GPtrArray *tmp_dirs;

static char *
make_tmp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sitrep-bench-XXXXXX", &error);

  g_assert_no_error (error);
  g_ptr_array_add (tmp_dirs, dir);
  return dir;
}

static void
forget_tmp (char *dir)
{
  remove_tree (dir);
  g_ptr_array_remove (tmp_dirs, dir);
}

static void G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN
die (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  g_vfprintf (stderr, format, args);
  va_end (args);
  g_printerr ("\n");
  while (tmp_dirs->len > 0)
    forget_tmp (tmp_dirs->pdata[0]);
  exit (1);
}

static void
grab (Screen_  *screen,
      guint32 *into)
{
  for (guint b = 0; b < N_BANDS; b++)
    {
      int y = screen->height * (b + 1) / (N_BANDS + 1);
      XImage *image = XGetImage (screen->display, screen->root, 0, y, screen->width, BAND_ROWS,
                                 AllPlanes, ZPixmap);

      g_assert_nonnull (image);
      for (int row = 0; row < BAND_ROWS; row++)
        for (int x = 0; x < screen->width; x++)
          into[(b * BAND_ROWS + row) * screen->width + x] = XGetPixel (image, x, row);
      XDestroyImage (image);
    }
}

/* Whether every band has at least half its pixels changed since `before`. */
static gboolean
painted (Screen_ *screen)
{
  guint band_pixels = BAND_ROWS * screen->width;

  for (guint b = 0; b < N_BANDS; b++)
    {
      guint changed = 0;

      for (guint i = b * band_pixels; i < (b + 1) * band_pixels; i++)
        changed += screen->now[i] != screen->before[i];
      if (changed < band_pixels / 2)
        return FALSE;
    }
  return TRUE;
}

static gboolean
restored (Screen_ *screen)
{
  return memcmp (screen->now, screen->before,
                 N_BANDS * BAND_ROWS * screen->width * sizeof (guint32)) == 0;
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
copy_dir (const char *from,
          const char *to)
{
  GDir *dir = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (source, G_FILE_TEST_IS_DIR))
        continue;
      if (!g_file_get_contents (source, &contents, &length, NULL) ||
          !g_file_set_contents (target, contents, length, NULL))
        die ("could not copy %s", source);
    }
  g_dir_close (dir);
}

static const char *services[] = {
  "payments", "checkout", "search", "auth", "login", "notifications", "billing",
  "inventory", "shipping", "api-gateway", "cdn", "database", "cache", "queue", "reporting",
};

static const char *symptoms[] = {
  "elevated error rate", "high latency", "outage", "degraded performance", "timeouts",
  "intermittent failures", "data delay", "partial outage", "500 errors", "memory leak",
};

static const char *severities[] = { "P1", "P2", "P2", "P3", "P3", "P3", "P4", "P4" };
static const char *active_statuses[] = { "investigating", "identified", "monitoring" };
static const char *closed_statuses[] = { "resolved", "closed", "closed" };

/* 10,000 incidents, every tenth to third of ten active (30%), declared in
 * the last three days; the others spread over two and a half years. */
static void
populate (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "sitrep.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = sitrep_store_open (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) batch =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);

  g_assert_no_error (error);
  for (guint i = 0; i < N_INCIDENTS; i++)
    {
      g_autoptr(JsonObject) body = json_object_new ();
      gboolean active = i % 10 < 3;
      double age = active ? g_rand_double_range (rand, 600, 3 * 86400)
                          : g_rand_double_range (rand, 3 * 86400, 2.5 * 365 * 86400);
      g_autoptr(GDateTime) declared = g_date_time_add_seconds (now, -age);
      g_autofree char *declared_text = g_date_time_format (declared, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *ref = g_strdup_printf ("INC-%u", i + 1);
      const char *service = services[g_rand_int_range (rand, 0, G_N_ELEMENTS (services))];
      g_autofree char *title =
        g_strdup_printf ("%s %s", service,
                         symptoms[g_rand_int_range (rand, 0, G_N_ELEMENTS (symptoms))]);
      JsonArray *names = json_array_new ();

      title[0] = g_ascii_toupper (title[0]);
      json_array_add_string_element (names, service);
      json_object_set_string_member (body, "ref", ref);
      json_object_set_string_member (body, "title", title);
      json_object_set_string_member (body, "summary",
                                     "Customers saw errors; the on-call engineer paged "
                                     "the owning team.");
      json_object_set_string_member (body, "severity",
                                     severities[g_rand_int_range (rand, 0,
                                                                  G_N_ELEMENTS (severities))]);
      json_object_set_string_member (body, "status",
                                     active ? active_statuses[i % 3] : closed_statuses[i % 3]);
      json_object_set_array_member (body, "services", names);
      json_object_set_string_member (body, "customer_impact",
                                     "Some requests failed for some customers.");
      json_object_set_boolean_member (body, "major", g_rand_int_range (rand, 0, 20) == 0);
      json_object_set_string_member (body, "detected_at", declared_text);
      json_object_set_string_member (body, "declared_at", declared_text);
      g_ptr_array_add (batch, sitrep_mutation_new_put ("incidents", id, body));

      if (batch->len == 1000 || i == N_INCIDENTS - 1)
        {
          if (!sitrep_store_apply (store, (SitrepMutation **) batch->pdata, batch->len, &error))
            die ("populating: %s", error->message);
          g_ptr_array_set_size (batch, 0);
        }
    }
}

typedef struct
{
  double first_frame;     /* ms from the spawn to the first painted frame */
  double responsive;      /* ms from the spawn to the first of N_QUICK resizes
                           * in a row each answered within QUICK_MS; -1 if
                           * the window was not found */
} Start;

static gboolean
in_windows (Window  *windows,
            guint    n,
            Window   w)
{
  for (guint i = 0; i < n; i++)
    if (windows[i] == w)
      return TRUE;
  return FALSE;
}

/* The largest viewable top-level window that is not in `old`. */
static Window
new_window (Screen_           *screen,
            Window            *old,
            guint              n_old,
            XWindowAttributes *attributes)
{
  Window root, parent, *children = NULL, found = None;
  unsigned int n = 0;
  long best = 0;

  XQueryTree (screen->display, screen->root, &root, &parent, &children, &n);
  for (guint i = 0; i < n; i++)
    {
      XWindowAttributes a;

      if (in_windows (old, n_old, children[i]) ||
          !XGetWindowAttributes (screen->display, children[i], &a) ||
          a.map_state != IsViewable || (long) a.width * a.height <= best)
        continue;
      best = (long) a.width * a.height;
      found = children[i];
      *attributes = a;
    }
  if (children != NULL)
    XFree (children);
  return found;
}

/* Whether every band has changed over at least half of [x0, width). */
static gboolean
strip_painted (Screen_ *screen,
               int      x0)
{
  for (guint r = 0; r < N_BANDS * BAND_ROWS; r += BAND_ROWS)
    {
      guint changed = 0, total = 0;

      for (guint row = r; row < r + BAND_ROWS; row++)
        for (int x = x0; x < screen->width; x++)
          {
            guint i = row * screen->width + x;

            changed += screen->now[i] != screen->before[i];
            total++;
          }
      if (changed < total / 2)
        return FALSE;
    }
  return TRUE;
}

/* Starts argv; measures its first painted frame, then probes whether its
 * main loop answers: makes its window wider (as a window manager would,
 * XResizeWindow) and waits for the new strip to be painted, which the
 * program can only do once it handles the ConfigureNotify. */
static Start
start_program (Screen_     *screen,
               const char **argv)
{
  g_autoptr(GError) error = NULL;
  Start result = { 0, -1 };
  Window root, parent, *old = NULL, window;
  XWindowAttributes attributes;
  unsigned int n_old = 0;
  gint64 start, deadline;
  GPid pid;
  int status;

  /* What the screen looks like with nothing of ours on it. */
  XSync (screen->display, False);
  grab (screen, screen->before);
  XQueryTree (screen->display, screen->root, &root, &parent, &old, &n_old);

  start = g_get_monotonic_time ();
  if (!g_spawn_async (NULL, (char **) argv, NULL,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    die ("starting %s: %s", argv[0], error->message);

  deadline = start + START_TIMEOUT_S * G_USEC_PER_SEC;
  for (;;)
    {
      grab (screen, screen->now);
      if (painted (screen))
        {
          result.first_frame = (g_get_monotonic_time () - start) / 1000.0;
          break;
        }
      if (waitpid (pid, &status, WNOHANG) == pid)
        die ("%s exited before its first frame", argv[0]);
      if (g_get_monotonic_time () > deadline)
        die ("%s showed no frame in %d s", argv[0], START_TIMEOUT_S);
      g_usleep (POLL_MS * 1000);
    }

  window = new_window (screen, old, n_old, &attributes);
  if (old != NULL)
    XFree (old);
  if (window != None && attributes.x + attributes.width < screen->width)
    {
      int x0 = attributes.x + attributes.width;
      guint streak = 0;
      gint64 streak_start = 0;

      /* Probes one after the other: wider, wait for the strip to be
       * painted, back to the old width (the server uncovers the strip at
       * once), until N_QUICK probes in a row were answered in QUICK_MS. */
      while (streak < N_QUICK)
        {
          gint64 asked = g_get_monotonic_time ();

          XResizeWindow (screen->display, window, screen->width - attributes.x,
                         attributes.height);
          XSync (screen->display, False);
          do
            {
              if (g_get_monotonic_time () > deadline)
                die ("%s did not answer a resize in %d s", argv[0], START_TIMEOUT_S);
              g_usleep (POLL_MS * 1000);
              grab (screen, screen->now);
            }
          while (!strip_painted (screen, x0));

          if (g_get_monotonic_time () - asked <= QUICK_MS * 1000)
            {
              if (streak++ == 0)
                streak_start = asked;
            }
          else
            streak = 0;

          XResizeWindow (screen->display, window, attributes.width, attributes.height);
          XSync (screen->display, False);
          do
            {
              g_usleep (POLL_MS * 1000);
              grab (screen, screen->now);
            }
          while (strip_painted (screen, x0) && g_get_monotonic_time () < deadline);
        }
      result.responsive = (streak_start - start) / 1000.0;
    }
  else
    g_printerr ("# %s: no window found that could be made wider\n", argv[0]);

  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);

  /* The window gone, before anything else starts. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      g_usleep (POLL_MS * 1000);
      grab (screen, screen->now);
    }
  while (!restored (screen) && g_get_monotonic_time () < deadline);
  if (!restored (screen))
    g_printerr ("# the screen did not go back to what it was after %s\n", argv[0]);

  return result;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        gsize   n)
{
  qsort (values, n, sizeof (double), (int (*) (const void *, const void *)) compare_doubles);

  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* sitrep on a copy of `template` (NULL: an empty directory). */
static Start
start_app (Screen_    *screen,
           const char *sitrep,
           const char *template)
{
  char *dir = make_tmp ();
  const char *argv[] = { sitrep, "--data-dir", dir, NULL };
  Start result;

  if (template != NULL)
    copy_dir (template, dir);
  result = start_program (screen, argv);
  forget_tmp (dir);
  return result;
}

int
main (int   argc,
      char *argv[])
{
  const char *sitrep = g_getenv ("SITREP_BIN");
  const char *bare = g_getenv ("BENCH_BARE_BIN");
  const char *bare_argv[] = { bare, NULL };
  char *template;
  Start bare_s[N_ROUNDS], empty_s[N_ROUNDS], active_s[N_ROUNDS];
  double frame[3][N_ROUNDS], answer[3][N_ROUNDS];
  double frame_m[3], answer_m[3];
  gboolean answered = TRUE;
  Screen_ screen = { 0 };
  gsize n_pixels;

  tmp_dirs = g_ptr_array_new_with_free_func (g_free);

  /* The database alone, to look at by hand. */
  if (argc == 3 && g_str_equal (argv[1], "--populate"))
    {
      populate (argv[2]);
      return 0;
    }

  if (sitrep == NULL || bare == NULL)
    {
      g_printerr ("SITREP_BIN and BENCH_BARE_BIN must name the programs\n");
      return 1;
    }

  screen.display = XOpenDisplay (NULL);
  if (screen.display == NULL)
    {
      g_printerr ("no X display\n");
      return 1;
    }
  screen.root = DefaultRootWindow (screen.display);
  screen.width = DisplayWidth (screen.display, DefaultScreen (screen.display));
  screen.height = DisplayHeight (screen.display, DefaultScreen (screen.display));
  n_pixels = N_BANDS * BAND_ROWS * screen.width;
  screen.before = g_new0 (guint32, n_pixels);
  screen.now = g_new0 (guint32, n_pixels);

  template = make_tmp ();
  {
    g_autoptr(GTimer) timer = g_timer_new ();

    populate (template);
    g_printerr ("# %d incidents (30%% active) written in %.1f s\n", N_INCIDENTS,
                g_timer_elapsed (timer, NULL));
  }

  /* Warm-up, not counted: the first start of anything reads its files
   * from disk. */
  start_program (&screen, bare_argv);
  start_app (&screen, sitrep, NULL);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      bare_s[round] = start_program (&screen, bare_argv);
      empty_s[round] = start_app (&screen, sitrep, NULL);
      active_s[round] = start_app (&screen, sitrep, template);
      g_printerr ("# round %u: first frame / resize answered: bare %.0f / %.0f ms, "
                  "empty %.0f / %.0f ms, 10k active %.0f / %.0f ms\n", round,
                  bare_s[round].first_frame, bare_s[round].responsive,
                  empty_s[round].first_frame, empty_s[round].responsive,
                  active_s[round].first_frame, active_s[round].responsive);
      for (guint k = 0; k < 3; k++)
        {
          Start *s = k == 0 ? &bare_s[round] : k == 1 ? &empty_s[round] : &active_s[round];

          frame[k][round] = s->first_frame;
          answer[k][round] = s->responsive;
          answered = answered && s->responsive >= 0;
        }
    }

  for (guint k = 0; k < 3; k++)
    {
      frame_m[k] = median (frame[k], N_ROUNDS);
      answer_m[k] = median (answer[k], N_ROUNDS);
    }
  printf ("startup_first_frame_bare %.1f ms\n", frame_m[0]);
  printf ("startup_first_frame_empty %.1f ms\n", frame_m[1]);
  printf ("startup_first_frame_10k_active %.1f ms\n", frame_m[2]);
  printf ("startup_first_frame_ratio_empty %.2f x\n", frame_m[1] / frame_m[0]);
  printf ("startup_first_frame_ratio_10k_active %.2f x\n", frame_m[2] / frame_m[0]);
  if (answered)
    {
      printf ("startup_responsive_bare %.1f ms\n", answer_m[0]);
      printf ("startup_responsive_empty %.1f ms\n", answer_m[1]);
      printf ("startup_responsive_10k_active %.1f ms\n", answer_m[2]);
      printf ("startup_responsive_ratio_empty %.2f x\n", answer_m[1] / answer_m[0]);
      printf ("startup_responsive_ratio_10k_active %.2f x\n", answer_m[2] / answer_m[0]);
    }
  fflush (stdout);

  forget_tmp (template);
  g_ptr_array_unref (tmp_dirs);
  g_free (screen.before);
  g_free (screen.now);
  XCloseDisplay (screen.display);

  return 0;
}

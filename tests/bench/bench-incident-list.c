/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-incident-list.c: how long the sidebar takes to load 10,000 and
 * 100,000 incidents, what that costs in memory, and how fast search answers
 * over 10,000
 *
 * Prints one `<figure> <value> <unit>` line per figure on stdout. The
 * databases are filled by a child process (`--populate DIR N`) so that the
 * memory figures count the load alone. The 100,000-incident load runs in a
 * fresh child process each time (`--load DIR N`), which prints its load
 * time and its resident memory after the load: incident_list_load_100k and
 * rss_100k are the medians of N_LOADS_100K such children. The temporary
 * databases are removed at exit.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "sitrep-context-store.h"
#include "sitrep-store.h"

#define N_INCIDENTS 10000
#define N_INCIDENTS_100K 100000
#define BATCH 1000
#define N_LOADS 5
#define N_LOADS_100K 3
#define N_SEARCHES 7

static const char *services[] = {
  "payments", "checkout", "search", "auth", "login", "notifications", "billing",
  "inventory", "shipping", "api-gateway", "cdn", "database", "cache", "queue", "reporting",
};

static const char *symptoms[] = {
  "elevated error rate", "high latency", "outage", "degraded performance", "timeouts",
  "intermittent failures", "data delay", "partial outage", "500 errors", "memory leak",
};

static const char *causes[] = {
  "after deploy", "in eu-west-1", "for mobile users", "during peak traffic",
  "after config change", "on the primary node", "for enterprise customers", "",
};

static const char *severities[] = { "P1", "P2", "P2", "P3", "P3", "P3", "P4", "P4" };
static const char *statuses[] = {
  "investigating", "identified", "monitoring", "resolved", "resolved", "closed", "closed",
  "closed", "closed", "closed",
};

static int
populate (const char *dir,
          guint       n_incidents)
{
  g_autofree char *path = g_build_filename (dir, "sitrep.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = sitrep_store_open (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240501);
  g_autoptr(GDateTime) start = g_date_time_new_utc (2022, 1, 1, 0, 0, 0);

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint done = 0; done < n_incidents; done += BATCH)
    {
      g_autoptr(GPtrArray) batch =
        g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);

      for (guint i = 0; i < BATCH; i++)
        {
          g_autoptr(JsonObject) body = json_object_new ();
          g_autoptr(GDateTime) declared =
            g_date_time_add_seconds (start, g_rand_double_range (rand, 0, 2.5 * 365 * 86400));
          g_autofree char *declared_text = g_date_time_format (declared, "%Y-%m-%dT%H:%M:%SZ");
          g_autofree char *id = g_uuid_string_random ();
          g_autofree char *title = NULL;
          g_autofree char *ref = g_strdup_printf ("INC-%u", done + i + 1);
          const char *service = services[g_rand_int_range (rand, 0, G_N_ELEMENTS (services))];
          const char *other = services[g_rand_int_range (rand, 0, G_N_ELEMENTS (services))];
          JsonArray *names = json_array_new ();

          title = g_strstrip (g_strdup_printf ("%s %s %s", service,
                                               symptoms[g_rand_int_range (rand, 0,
                                                                          G_N_ELEMENTS (symptoms))],
                                               causes[g_rand_int_range (rand, 0,
                                                                        G_N_ELEMENTS (causes))]));
          title[0] = g_ascii_toupper (title[0]);
          json_array_add_string_element (names, service);
          if (other != service)
            json_array_add_string_element (names, other);

          json_object_set_string_member (body, "ref", ref);
          json_object_set_string_member (body, "title", title);
          json_object_set_string_member (body, "summary",
                                         "Customers saw errors; the on-call engineer paged "
                                         "the owning team and rolled back.");
          json_object_set_string_member (body, "severity",
                                         severities[g_rand_int_range (rand, 0,
                                                                      G_N_ELEMENTS (severities))]);
          json_object_set_string_member (body, "status",
                                         statuses[g_rand_int_range (rand, 0,
                                                                    G_N_ELEMENTS (statuses))]);
          json_object_set_array_member (body, "services", names);
          json_object_set_string_member (body, "customer_impact",
                                         "Some requests failed for some customers.");
          json_object_set_boolean_member (body, "major", g_rand_int_range (rand, 0, 20) == 0);
          json_object_set_string_member (body, "detected_at", declared_text);
          json_object_set_string_member (body, "declared_at", declared_text);

          g_ptr_array_add (batch, sitrep_mutation_new_put ("incidents", id, body));
        }

      if (!sitrep_store_apply (store, (SitrepMutation **) batch->pdata, batch->len, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  return 0;
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

static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return 0;

  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
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

/* In a child of its own: load DIR, check it holds N incidents, print
 * `<milliseconds> <MB resident>`. */
static int
load_child (const char *dir,
            guint       n_incidents)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = NULL;
  gint64 begin = g_get_monotonic_time ();
  double ms;

  context = sitrep_context_new (dir, &error);
  ms = (g_get_monotonic_time () - begin) / 1000.0;
  if (context == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (g_list_model_get_n_items (sitrep_context_get_incidents (context)) != n_incidents)
    {
      g_printerr ("%u incidents listed, not %u\n",
                  g_list_model_get_n_items (sitrep_context_get_incidents (context)), n_incidents);
      return 1;
    }
  printf ("%.1f %.1f\n", ms, rss_mb ());
  return 0;
}

static void
populate_in_child (const char *exe,
                   const char *dir,
                   guint       n_incidents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *n = g_strdup_printf ("%u", n_incidents);
  const char *child_argv[] = { exe, "--populate", dir, n, NULL };
  g_autoptr(GTimer) timer = g_timer_new ();
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                     NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("populating the database: %s", error->message);
  g_printerr ("# %u incidents written in %.1f s\n", n_incidents, g_timer_elapsed (timer, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *exe = NULL;
  double loads[N_LOADS];
  double searches[N_SEARCHES * 3];
  double best = G_MAXDOUBLE;
  double rss = 0;
  gsize n_searches = 0;
  g_autofree char *dir_100k = NULL;
  double loads_100k[N_LOADS_100K], rss_100k[N_LOADS_100K];
  const char *queries[N_SEARCHES] = {
    "payments", "pay", "checkout timeouts", "deploy", "eu-west-1", "INC-4242", "zzzz",
  };

  if (argc == 4 && g_str_equal (argv[1], "--populate"))
    return populate (argv[2], atoi (argv[3]));
  if (argc == 4 && g_str_equal (argv[1], "--load"))
    return load_child (argv[2], atoi (argv[3]));

  dir = g_dir_make_tmp ("sitrep-bench-XXXXXX", &error);
  g_assert_no_error (error);
  exe = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);

  populate_in_child (exe, dir, N_INCIDENTS);

  for (guint i = 0; i < N_LOADS; i++)
    {
      g_autoptr(SitrepContext) context = NULL;
      gint64 begin = g_get_monotonic_time ();

      context = sitrep_context_new (dir, &error);
      loads[i] = (g_get_monotonic_time () - begin) / 1000.0;
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (sitrep_context_get_incidents (context)), ==,
                        N_INCIDENTS);
      best = MIN (best, loads[i]);

      if (i == 0)
        rss = rss_mb ();

      if (i == N_LOADS - 1)
        {
          SitrepStore *store = sitrep_context_get_store (context);

          for (guint round = 0; round < 3; round++)
            for (guint q = 0; q < N_SEARCHES; q++)
              {
                g_autoptr(GHashTable) hits = NULL;

                begin = g_get_monotonic_time ();
                hits = sitrep_store_search_incidents (store, queries[q], &error);
                searches[n_searches++] = (g_get_monotonic_time () - begin) / 1000.0;
                g_assert_no_error (error);
                if (round == 0)
                  g_printerr ("# search \"%s\": %u incidents\n", queries[q],
                              g_hash_table_size (hits));
              }
        }
    }

  dir_100k = g_dir_make_tmp ("sitrep-bench-XXXXXX", &error);
  g_assert_no_error (error);
  populate_in_child (exe, dir_100k, N_INCIDENTS_100K);
  for (guint i = 0; i < N_LOADS_100K; i++)
    {
      g_autofree char *n = g_strdup_printf ("%u", N_INCIDENTS_100K);
      const char *child_argv[] = { exe, "--load", dir_100k, n, NULL };
      g_autofree char *out = NULL;
      int status = 0;

      if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                         NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        g_error ("loading 100,000 incidents: %s", error->message);
      if (sscanf (out, "%lf %lf", &loads_100k[i], &rss_100k[i]) != 2)
        g_error ("unexpected output of the loading child: %s", out);
      g_printerr ("# 100k load %u: %.1f ms, %.1f MB\n", i, loads_100k[i], rss_100k[i]);
    }

  printf ("incident_list_load_10k %.1f ms\n", median (loads, N_LOADS));
  printf ("incident_list_load_10k_best %.1f ms\n", best);
  printf ("rss_10k %.1f MB\n", rss);
  printf ("search_10k %.2f ms\n", median (searches, n_searches));
  printf ("incident_list_load_100k %.1f ms\n", median (loads_100k, N_LOADS_100K));
  printf ("rss_100k %.1f MB\n", median (rss_100k, N_LOADS_100K));
  fflush (stdout);

  remove_dir (dir);
  remove_dir (dir_100k);

  return 0;
}

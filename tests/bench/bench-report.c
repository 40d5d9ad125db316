/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-report.c: the monthly and quarterly review of a busy team's year
 *
 * Prints `<figure> <value> <unit>` lines on stdout, each the median of
 * N_ROUNDS runs on the same database:
 *
 *   report_month_5k     ms, `sitrep report monthly` in process: open the
 *                       store, read incidents, action items and
 *                       postmortems, compute October and September, render
 *                       the Markdown
 *   report_quarter_5k   ms, the same for Q3 against Q2
 *   report_month_5k_csv ms, the CSV of October
 *   report_open_5k      ms, sitrep_store_open_for_reading() and close
 *                       alone, part of the above (its PRAGMA quick_check
 *                       reads every page of the file)
 *   report_month_5k_cli ms, the real `sitrep report monthly` process,
 *                       from spawn to exit (SITREP_BIN), when it is set
 *
 * The database: a year (December 2025 to November 2026) of 5,000
 * incidents over 12 services, 40 timeline entries each (200,000), two
 * action items each and a postmortem for each P1 and P2, loaded as a
 * server snapshot (nothing pending), in a temporary folder removed at
 * exit. The goal is under 300 ms.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "sitrep-metrics.h"
#include "sitrep-report-cli.h"
#include "sitrep-store.h"
#include "sitrep-store-sync.h"
#include "sitrep-time.h"

#include "../store/store-test-util.h"

#define N_INCIDENTS 5000
#define N_ENTRIES_EACH 40
#define N_ROUNDS 5

static const char *services[] = {
  "Payment Processing", "User Authentication", "Search Service", "API Gateway",
  "Notifications", "Checkout", "Inventory", "Billing", "Recommendations", "Media Upload",
  "Reporting", "Admin Console",
};

static void
add (GPtrArray  *records,
     const char *coll,
     const char *id,
     JsonObject *body)
{
  g_ptr_array_add (records, sitrep_record_new (coll, id, records->len + 1, FALSE, body));
}

static char *
time_text (GDateTime *start,
           double     seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_add_seconds (start, seconds);

  return sitrep_time_format (dt);
}

static void
populate (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = sitrep_store_open (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  g_autoptr(GDateTime) year = g_date_time_new_utc (2025, 12, 1, 0, 0, 0);
  g_autoptr(GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_record_free);
  static const char *severities[] = { "P1", "P2", "P2", "P3", "P3", "P3", "P4", "P4", "P4", "P4" };
  static const char *statuses[] = { "not_started", "in_progress", "completed", "completed",
                                    "deferred" };

  if (error != NULL)
    g_error ("populate: %s", error->message);

  for (guint i = 0; i < N_INCIDENTS; i++)
    {
      g_autoptr(JsonObject) body = json_object_new ();
      g_autoptr(JsonArray) names = json_array_new ();
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *ref = g_strdup_printf ("INC-2026-%04u", i + 1);
      double detected = g_rand_double_range (rand, 0, 365 * 86400.0);
      double ttd = g_rand_double_range (rand, 30, 900);
      double ttm = g_rand_double_range (rand, 300, 7200);
      double ttr = ttm + g_rand_double_range (rand, 0, 10800);
      const char *severity = severities[g_rand_int_range (rand, 0, G_N_ELEMENTS (severities))];
      g_autofree char *impact_text = time_text (year, detected - ttd);
      g_autofree char *detected_text = time_text (year, detected);
      g_autofree char *declared_text = time_text (year, detected + 120);
      g_autofree char *mitigated_text = time_text (year, detected + ttm);
      g_autofree char *resolved_text = time_text (year, detected + ttr);

      json_array_add_string_element (names, services[g_rand_int_range (rand, 0,
                                                                       G_N_ELEMENTS (services))]);
      if (i % 3 == 0)
        json_array_add_string_element (names, services[i % G_N_ELEMENTS (services)]);
      json_object_set_string_member (body, "ref", ref);
      json_object_set_string_member (body, "title", "Checkout errors after deploy");
      json_object_set_string_member (body, "summary", "Customers saw errors; rolled back.");
      json_object_set_string_member (body, "severity", severity);
      json_object_set_string_member (body, "status", "closed");
      json_object_set_boolean_member (body, "major", i % 25 == 0);
      json_object_set_array_member (body, "services", json_array_ref (names));
      json_object_set_string_member (body, "customer_impact", "Some customers could not pay.");
      if (i % 5 != 0)
        json_object_set_string_member (body, "impact_started_at", impact_text);
      json_object_set_string_member (body, "detected_at", detected_text);
      json_object_set_string_member (body, "declared_at", declared_text);
      json_object_set_string_member (body, "acknowledged_at", declared_text);
      json_object_set_string_member (body, "mitigated_at", mitigated_text);
      json_object_set_string_member (body, "resolved_at", resolved_text);
      json_object_set_string_member (body, "closed_at", resolved_text);
      add (records, "incidents", id, body);

      for (guint e = 0; e < N_ENTRIES_EACH; e++)
        {
          g_autoptr(JsonObject) entry = json_object_new ();
          g_autofree char *entry_id = g_uuid_string_random ();
          g_autofree char *at = time_text (year, detected + e * 60);

          json_object_set_string_member (entry, "incident_id", id);
          json_object_set_string_member (entry, "occurred_at", at);
          json_object_set_string_member (entry, "kind", e == 0 ? "detection" : "action");
          json_object_set_string_member (entry, "text",
                                         "Rolled back the deploy on half of the fleet; errors "
                                         "fell from 12% to 3%.");
          json_object_set_string_member (entry, "author", "[email protected]");
          json_object_set_boolean_member (entry, "pinned", e % 10 == 0);
          add (records, "timeline", entry_id, entry);
        }

      for (guint a = 0; a < 2; a++)
        {
          g_autoptr(JsonObject) item = json_object_new ();
          g_autofree char *item_id = g_uuid_string_random ();
          g_autoptr(GDateTime) due = g_date_time_add_seconds (year, detected + 14 * 86400.0);
          g_autofree char *due_text = g_date_time_format (due, "%Y-%m-%d");

          json_object_set_string_member (item, "incident_id", id);
          json_object_set_string_member (item, "description", "Add monitoring for the pool");
          json_object_set_string_member (item, "type", a == 0 ? "prevent" : "detect");
          json_object_set_string_member (item, "owner", "[email protected]");
          json_object_set_string_member (item, "due_date", due_text);
          json_object_set_string_member (item, "status",
                                         statuses[g_rand_int_range (rand, 0,
                                                                    G_N_ELEMENTS (statuses))]);
          add (records, "action_items", item_id, item);
        }

      if (severity[1] <= '2')
        {
          g_autoptr(JsonObject) postmortem = json_object_new ();

          json_object_set_string_member (postmortem, "summary", "Payments failed for an hour.");
          json_object_set_string_member (postmortem, "root_cause", "Connection pool exhaustion");
          json_object_set_string_member (postmortem, "lessons",
                                         "Need better monitoring of connection pools");
          add (records, "postmortems", id, postmortem);
        }
    }

  /* As the team's server sends it on first contact: nothing pending. */
  if (!sitrep_store_load_snapshot (store, (SitrepRecord **) records->pdata, records->len,
                                   records->len, &error))
    g_error ("populate: %s", error->message);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values)
{
  qsort (values, N_ROUNDS, sizeof (double), (int (*) (const void *, const void *)) compare_doubles);
  return values[N_ROUNDS / 2];
}

static double
time_report (const char         *path,
             const SitrepPeriod *period,
             gboolean            csv)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  double rounds[N_ROUNDS];

  for (guint r = 0; r < N_ROUNDS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      gint64 start = g_get_monotonic_time ();

      text = sitrep_report_cli_build (path, period, csv, now, &error);
      rounds[r] = (g_get_monotonic_time () - start) / 1000.0;
      if (text == NULL)
        g_error ("report: %s", error->message);
      g_assert_true (strlen (text) > 1000);
    }
  return median (rounds);
}

static double
time_open (const char *path)
{
  double rounds[N_ROUNDS];

  for (guint r = 0; r < N_ROUNDS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SitrepStore) store = NULL;
      gint64 start = g_get_monotonic_time ();

      store = sitrep_store_open_for_reading (path, &error);
      if (store == NULL)
        g_error ("open: %s", error->message);
      g_clear_object (&store);
      rounds[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  return median (rounds);
}

static double
time_cli (const char *sitrep_bin,
          const char *dir)
{
  const char *argv[] = { sitrep_bin, "report", "monthly", "2026-10", "--data-dir", dir, NULL };
  double rounds[N_ROUNDS];

  for (guint r = 0; r < N_ROUNDS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      gint64 start = g_get_monotonic_time ();
      int status;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                         NULL, &status, &error))
        g_error ("sitrep: %s", error->message);
      rounds[r] = (g_get_monotonic_time () - start) / 1000.0;
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        g_error ("sitrep report exited with %d", status);
    }
  return median (rounds);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "sitrep.db", NULL);
  const char *sitrep_bin = g_getenv ("SITREP_BIN");
  SitrepPeriod month, quarter;
  gint64 start;

  start = g_get_monotonic_time ();
  populate (path);
  g_printerr ("populated %u incidents and %u timeline entries in %.1f s\n", N_INCIDENTS,
              N_INCIDENTS * N_ENTRIES_EACH, (g_get_monotonic_time () - start) / 1e6);

  g_assert_true (sitrep_period_parse_month ("2026-10", &month, NULL));
  g_assert_true (sitrep_period_parse_quarter ("2026-Q3", &quarter, NULL));

  printf ("report_open_5k %.1f ms\n", time_open (path));
  printf ("report_month_5k %.1f ms\n", time_report (path, &month, FALSE));
  printf ("report_quarter_5k %.1f ms\n", time_report (path, &quarter, FALSE));
  printf ("report_month_5k_csv %.1f ms\n", time_report (path, &month, TRUE));
  if (sitrep_bin != NULL)
    printf ("report_month_5k_cli %.1f ms\n", time_cli (sitrep_bin, dir));
  fflush (stdout);

  test_rm_rf (dir);
  return 0;
}

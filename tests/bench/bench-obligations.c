/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-obligations.c: what the obligations after resolution cost with
 * 10,000 closed incidents
 *
 * Prints `<figure> <value> <unit>` lines on stdout, each the median of
 * N_ROUNDS fresh contexts on the same database:
 *
 *   obligations_load_10k_settled    ms, sitrep_context_new(): the incident
 *                                   list, no body parsed
 *   obligations_query_10k_settled   ms, the first sitrep_context_incident_owes():
 *                                   the store query finding the incidents
 *                                   that still owe something
 *   obligations_pass_10k_settled    ms, the notifier's first full pass
 *   obligations_parsed_10k_settled  bodies parsed by load, query and pass
 *
 * "settled": 10,000 closed incidents, resolved over two and a half years,
 * every obligation marked done except on the 20 most recent (2 of them
 * major); the state of a team that marks its postmortems done. Then the
 * same figures for "unmarked", 10,000 closed incidents none of which has
 * a mark (a database from before the obligations existed): every one of
 * them owes its postmortem, and the first pass opens them all.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "sitrep-context-store.h"
#include "sitrep-notifier-private.h"
#include "sitrep-obligations.h"
#include "sitrep-store.h"

#define N_INCIDENTS 10000
#define N_OWING 20
#define N_ROUNDS 5

static void
populate (const char *dir,
          gboolean    settled)
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
      gboolean owing = !settled || i < N_OWING;
      gboolean major = i % 10 == 0;
      double age = i < N_OWING ? g_rand_double_range (rand, 3600, 3 * 86400)
                               : g_rand_double_range (rand, 3 * 86400, 2.5 * 365 * 86400);
      g_autoptr(GDateTime) resolved = g_date_time_add_seconds (now, -age);
      g_autoptr(GDateTime) declared = g_date_time_add_hours (resolved, -3);
      g_autoptr(GDateTime) done = g_date_time_add_days (resolved, 2);
      g_autofree char *resolved_text = g_date_time_format (resolved, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *declared_text = g_date_time_format (declared, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *done_text = g_date_time_format (done, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *ref = g_strdup_printf ("INC-%u", i + 1);

      json_object_set_string_member (body, "ref", ref);
      json_object_set_string_member (body, "title", "Checkout errors after deploy");
      json_object_set_string_member (body, "summary", "Customers saw errors; rolled back.");
      json_object_set_string_member (body, "severity", major ? "P1" : "P3");
      json_object_set_string_member (body, "status", "closed");
      json_object_set_boolean_member (body, "major", major);
      json_object_set_string_member (body, "detected_at", declared_text);
      json_object_set_string_member (body, "declared_at", declared_text);
      json_object_set_string_member (body, "mitigated_at", resolved_text);
      json_object_set_string_member (body, "resolved_at", resolved_text);
      json_object_set_string_member (body, "closed_at", resolved_text);
      if (!owing)
        {
          const char * const *fields = sitrep_obligations_done_fields (major);

          for (guint f = 0; fields[f] != NULL; f++)
            json_object_set_string_member (body, fields[f], done_text);
        }
      g_ptr_array_add (batch, sitrep_mutation_new_put ("incidents", id, body));

      if (batch->len == 1000 || i == N_INCIDENTS - 1)
        {
          g_assert_true (sitrep_store_apply (store, (SitrepMutation **) batch->pdata, batch->len,
                                             &error));
          g_ptr_array_set_size (batch, 0);
        }
    }
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

static guint
count_parsed (SitrepContext *context)
{
  GListModel *incidents = sitrep_context_get_incidents (context);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (incidents); i++)
    {
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (incidents, i);

      n += sitrep_incident_is_parsed (incident);
    }
  return n;
}

static void
measure (const char *name,
         gboolean    settled)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sitrep-bench-XXXXXX", &error);
  g_autofree char *db = NULL;
  double load[N_ROUNDS], query[N_ROUNDS], pass[N_ROUNDS];
  guint parsed = 0;

  g_assert_no_error (error);
  populate (dir, settled);

  for (guint r = 0; r < N_ROUNDS; r++)
    {
      g_autoptr(SitrepContext) context = NULL;
      g_autoptr(SitrepNotifier) notifier = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(SitrepIncident) first = NULL;
      gint64 t0, t1, t2, t3;

      t0 = g_get_monotonic_time ();
      context = sitrep_context_new (dir, &error);
      g_assert_no_error (error);
      t1 = g_get_monotonic_time ();
      first = g_list_model_get_item (sitrep_context_get_incidents (context), 0);
      (void) sitrep_context_incident_owes (context, first);
      t2 = g_get_monotonic_time ();
      notifier = sitrep_notifier_new (NULL, context);
      _sitrep_notifier_check_at (notifier, now);
      t3 = g_get_monotonic_time ();

      load[r] = (t1 - t0) / 1000.0;
      query[r] = (t2 - t1) / 1000.0;
      pass[r] = (t3 - t2) / 1000.0;
      parsed = count_parsed (context);
    }

  printf ("obligations_load_10k_%s %.1f ms\n", name, median (load));
  printf ("obligations_query_10k_%s %.1f ms\n", name, median (query));
  printf ("obligations_pass_10k_%s %.1f ms\n", name, median (pass));
  printf ("obligations_parsed_10k_%s %u bodies\n", name, parsed);
  fflush (stdout);

  db = g_build_filename (dir, "sitrep.db", NULL);
  {
    GDir *d = g_dir_open (dir, 0, NULL);
    const char *entry;

    while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, entry, NULL);

        g_unlink (child);
      }
    if (d != NULL)
      g_dir_close (d);
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  measure ("settled", TRUE);
  measure ("unmarked", FALSE);
  return 0;
}

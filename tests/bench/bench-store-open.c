/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-store-open.c: how long opening the local database takes with the
 * page check (sitrep_store_open()) and without it
 * (sitrep_store_open_unchecked(), what the app does), and how long the
 * check then takes in its worker thread (sitrep_store_check_async()), on
 * the 10,000-incident database and on a few hundred MB of timeline entries
 * (a year of a busy team)
 *
 * Prints one `<figure> <value> <unit>` line per figure on stdout, each the
 * median of N_OPENS rounds; the file is in the page cache (it was just
 * written), so the figures are what the CPU costs, not the disk. The
 * temporary databases are removed at exit.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "../store/store-test-util.h"
#include "sitrep-store.h"
#include "sitrep-store-sync.h"
#include "sitrep-protocol-feed.h"

#define N_OPENS 5
#define BATCH 1000
#define BIG_MB 300
#define TEXT_WORDS 220

static const char *words[] = {
  "payments", "checkout", "search", "auth", "login", "notifications", "billing", "rollback",
  "deploy", "latency", "errors", "paged", "owner", "database", "replica", "failover", "cache",
  "queue", "backlog", "customers", "mitigated", "monitoring", "dashboard", "restart", "config",
  "region", "eu-west-1", "us-east-1", "timeout", "retry", "throttled", "upstream", "vendor",
};

static void
apply_or_die (SitrepStore *store,
              GPtrArray   *batch)
{
  g_autoptr(GError) error = NULL;

  if (!sitrep_store_apply (store, (SitrepMutation **) batch->pdata, batch->len, &error))
    g_error ("writing the database: %s", error->message);
  g_ptr_array_set_size (batch, 0);
}

/* 10,000 incidents, as in the start-up and incident list benchmarks. */
static void
populate_incidents (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = sitrep_store_open (path, &error);
  g_autoptr(GPtrArray) batch =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);

  g_assert_no_error (error);
  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr(JsonObject) body = json_object_new ();
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *ref = g_strdup_printf ("INC-%u", i + 1);

      json_object_set_string_member (body, "ref", ref);
      json_object_set_string_member (body, "title", "Checkout elevated error rate after deploy");
      json_object_set_string_member (body, "summary",
                                     "Customers saw errors; the on-call engineer paged the "
                                     "owning team and rolled back.");
      json_object_set_string_member (body, "severity", i % 3 ? "P3" : "P2");
      json_object_set_string_member (body, "status", i % 10 ? "closed" : "investigating");
      json_object_set_string_member (body, "declared_at", "2026-05-01T10:00:00Z");
      g_ptr_array_add (batch, sitrep_mutation_new_put ("incidents", id, body));
      if (batch->len == BATCH)
        apply_or_die (store, batch);
    }
  if (batch->len > 0)
    apply_or_die (store, batch);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

/* Timeline entries of a few hundred words each, under a few hundred
 * incidents, as the team server sends them (the outbox empty, as on a
 * client in step with its server), until the file holds @mb MB (the
 * -wal is checkpointed into it every few MB). */
static void
populate_timeline (const char *path,
                   guint       mb)
{
  g_autoptr(GError) error = NULL;
  SitrepStore *store = sitrep_store_open (path, &error);
  g_autoptr(GPtrArray) batch =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_change_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func (g_free);
  gint64 seq = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < 400; i++)
    g_ptr_array_add (incidents, g_uuid_string_random ());

  while (file_size (path) < (gint64) mb * 1024 * 1024)
    {
      for (guint i = 0; i < BATCH; i++)
        {
          g_autoptr(JsonObject) body = json_object_new ();
          g_autoptr(GString) text = g_string_new (NULL);
          g_autofree char *id = g_uuid_string_random ();
          SitrepChange *change = g_new0 (SitrepChange, 1);

          for (guint w = 0; w < TEXT_WORDS; w++)
            g_string_append_printf (text, "%s%s", w ? " " : "",
                                    words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
          json_object_set_string_member (body, "incident_id",
                                         incidents->pdata[g_rand_int_range (rand, 0,
                                                                            incidents->len)]);
          json_object_set_string_member (body, "kind", "note");
          json_object_set_string_member (body, "text", text->str);
          json_object_set_string_member (body, "occurred_at", "2026-05-01T10:00:00Z");
          change->seq = ++seq;
          change->record = sitrep_record_new ("timeline", id, 1, FALSE, body);
          change->actor = g_strdup ("alice");
          g_ptr_array_add (batch, change);
        }
      if (!sitrep_store_apply_changes (store, (SitrepChange **) batch->pdata, batch->len, seq,
                                       &error))
        g_error ("writing the database: %s", error->message);
      g_ptr_array_set_size (batch, 0);
    }
  /* Closing checkpoints the -wal into the file. */
  g_object_unref (store);
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
  qsort (values, N_OPENS, sizeof (double), compare_doubles);
  return values[N_OPENS / 2];
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sitrep_store_check_finish (SITREP_STORE (source), result, &error))
    g_error ("the check failed: %s", error->message);
  *(gboolean *) user_data = TRUE;
}

static void
measure (const char *path,
         const char *size)
{
  double checked[N_OPENS], unchecked[N_OPENS], check[N_OPENS];

  for (guint round = 0; round < N_OPENS; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GTimer) timer = g_timer_new ();
      SitrepStore *store;
      gboolean done = FALSE;

      store = sitrep_store_open (path, &error);
      checked[round] = g_timer_elapsed (timer, NULL) * 1000;
      g_assert_no_error (error);
      g_object_unref (store);

      g_timer_start (timer);
      store = sitrep_store_open_unchecked (path, &error);
      unchecked[round] = g_timer_elapsed (timer, NULL) * 1000;
      g_assert_no_error (error);

      g_timer_start (timer);
      sitrep_store_check_async (store, NULL, on_checked, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      check[round] = g_timer_elapsed (timer, NULL) * 1000;
      g_object_unref (store);
    }

  printf ("store_open_%s_checked %.1f ms\n", size, median (checked));
  printf ("store_open_%s %.1f ms\n", size, median (unchecked));
  printf ("store_check_%s %.1f ms\n", size, median (check));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sitrep-bench-open-XXXXXX", &error);
  g_autofree char *small = NULL;
  g_autofree char *big = NULL;
  g_autofree char *big_name = g_strdup_printf ("%umb", BIG_MB);
  g_autoptr(GTimer) timer = g_timer_new ();

  g_assert_no_error (error);
  small = g_build_filename (dir, "incidents", "sitrep.db", NULL);
  big = g_build_filename (dir, "timeline", "sitrep.db", NULL);

  populate_incidents (small);
  g_printerr ("# 10,000 incidents: %.1f MB, written in %.1f s\n",
              file_size (small) / 1048576.0, g_timer_elapsed (timer, NULL));
  measure (small, "10k");

  g_timer_start (timer);
  populate_timeline (big, BIG_MB);
  g_printerr ("# timeline entries: %.1f MB, written in %.1f s\n",
              file_size (big) / 1048576.0, g_timer_elapsed (timer, NULL));
  measure (big, big_name);

  test_rm_rf (dir);
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-crash.c: an edit the user saw as saved survives the app being killed
 *
 * The test binary runs itself as a child (`--child DIR SEED`) that writes timeline
 * entries for ever and reports each one on stdout once sitrep_store_apply()
 * has returned. The parent kills it with SIGKILL at a random moment, then
 * reopens the database: it must be sound, hold every reported edit with the
 * reported text, and its outbox must be numbered 1..N without a gap, with
 * nothing but the one batch in flight at the kill written unreported.
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sitrep-store.h"
#include "store-test-util.h"

#define N_ROUNDS 200
#define MAX_BATCH 3

static const char *incident_id = "00000000-0000-4000-8000-000000000001";

/* Child side */

static const char *
pick (GRand     *rand,
      GPtrArray *ids)
{
  return g_ptr_array_index (ids, g_rand_int_range (rand, 0, ids->len));
}

static int
run_child (const char *dir,
           const char *seed)
{
  g_autofree char *path = g_build_filename (dir, "sitrep.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (seed, NULL, 10));
  guint counter = 0;

  store = sitrep_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }

  existing = sitrep_store_list (store, "timeline", incident_id, &error);
  if (existing == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < existing->len; i++)
    g_ptr_array_add (ids, g_strdup (((SitrepRecord *) existing->pdata[i])->id));

  for (;;)
    {
      SitrepMutation *batch[MAX_BATCH] = { NULL, };
      char *report[MAX_BATCH] = { NULL, };
      guint n = 1;
      int what = g_rand_int_range (rand, 0, 3);
      guint pending;

      if (what == 2)
        n = MAX_BATCH;

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *text = g_strdup_printf ("t%d-%u", (int) getpid (), counter++);
          g_autoptr(JsonObject) body = NULL;
          gboolean patch = ids->len > 0 && (what == 1 || (what == 2 && i == 1));

          if (patch)
            {
              const char *id = pick (rand, ids);

              body = json_object_new ();
              json_object_set_string_member (body, "text", text);
              batch[i] = sitrep_mutation_new_patch ("timeline", id, body);
              report[i] = g_strdup_printf ("patch %s %s", id, text);
            }
          else
            {
              g_autofree char *id = g_uuid_string_random ();

              body = test_timeline_body (incident_id, text);
              batch[i] = sitrep_mutation_new_put ("timeline", id, body);
              report[i] = g_strdup_printf ("put %s %s", id, text);
              g_ptr_array_add (ids, g_steal_pointer (&id));
            }
        }

      if (!sitrep_store_apply (store, batch, n, &error))
        {
          g_printerr ("child: %s\n", error->message);
          return 1;
        }

      /* The mids follow from the outbox count, as nothing ever leaves it here. */
      pending = sitrep_store_get_pending (store);
      for (guint i = 0; i < n; i++)
        {
          printf ("%u %s\n", pending - n + i + 1, report[i]);
          g_free (report[i]);
          sitrep_mutation_free (batch[i]);
        }
      fflush (stdout);
    }

  return 0;
}

/* Parent side */

typedef struct
{
  gint64  mid;
  char   *op;
  char   *id;
  char   *text;
} Report;

static void
report_free (Report *report)
{
  g_free (report->op);
  g_free (report->id);
  g_free (report->text);
  g_free (report);
}

typedef struct
{
  char       *dir;
  char       *path;
  char       *exe;
  gint64      committed;      /* outbox rows after the last round */
  GHashTable *texts;          /* id → text, replayed from the verified outbox */
  GHashTable *reported;       /* id → last reported text */
  GHashTable *superseded;     /* ids whose last write was committed unreported */
  guint       n_reports;
  guint       n_unreported;
  guint       n_early_kills;
} CrashState;

static Report *
parse_report (const char *line)
{
  g_auto(GStrv) parts = g_strsplit (line, " ", 4);
  Report *report;

  g_assert_cmpuint (g_strv_length (parts), ==, 4);
  report = g_new0 (Report, 1);
  report->mid = g_ascii_strtoll (parts[0], NULL, 10);
  report->op = g_strdup (parts[1]);
  report->id = g_strdup (parts[2]);
  report->text = g_strdup (parts[3]);
  g_assert_cmpint (report->mid, >, 0);
  g_assert_true (g_str_equal (report->op, "put") || g_str_equal (report->op, "patch"));

  return report;
}

/* Splits complete lines off @buffer into @reports. */
static void
take_lines (GString   *buffer,
            GPtrArray *reports)
{
  char *newline;

  while ((newline = memchr (buffer->str, '\n', buffer->len)) != NULL)
    {
      gsize length = newline - buffer->str;
      g_autofree char *line = g_strndup (buffer->str, length);

      g_ptr_array_add (reports, parse_report (line));
      g_string_erase (buffer, 0, length + 1);
    }
}

/* Reads what is there; FALSE at end of file. */
static gboolean
read_some (int      fd,
           GString *buffer)
{
  char chunk[4096];
  gssize n;

  do
    n = read (fd, chunk, sizeof chunk);
  while (n < 0 && errno == EINTR);
  g_assert_cmpint (n, >=, 0);
  if (n == 0)
    return FALSE;
  g_string_append_len (buffer, chunk, n);

  return TRUE;
}

static void
run_round (CrashState *state,
           guint       round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) report_free);
  g_autoptr(GString) buffer = g_string_new (NULL);
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(SitrepStore) store = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *seed = g_strdup_printf ("%u", (guint) g_test_rand_int ());
  const char *argv[] = { state->exe, "--child", state->dir, seed, NULL };
  gboolean early = g_test_rand_int_range (0, 8) == 0;
  int out_fd = -1;
  int status = 0;
  GPid pid;
  gint64 n_rows, max_mid, min_mid;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                           G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                           NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);

  if (early)
    {
      /* Sometimes before the first report: during open, or migration. */
      g_usleep (g_test_rand_int_range (0, 5000));
      state->n_early_kills++;
    }
  else
    {
      struct pollfd pfd = { out_fd, POLLIN, 0 };

      /* Wait for the first report, then let it write a little longer. */
      while (reports->len == 0)
        {
          int rc = poll (&pfd, 1, 10000);

          g_assert_cmpint (rc, ==, 1);
          if (!read_some (out_fd, buffer))
            g_error ("the child exited before its first report");
          take_lines (buffer, reports);
        }
      g_usleep (g_test_rand_int_range (0, 15000));
    }

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  g_spawn_close_pid (pid);

  /* Whatever is in the pipe was reported before the kill. A line cut in half
   * cannot happen: each report is one write() shorter than PIPE_BUF. */
  while (read_some (out_fd, buffer))
    ;
  close (out_fd);
  take_lines (buffer, reports);
  g_assert_cmpuint (buffer->len, ==, 0);

  store = sitrep_store_open (state->path, &error);
  g_assert_no_error (error);
  integrity = sitrep_store_check_integrity (store);
  g_assert_cmpstr (integrity, ==, "ok");

  db = test_sql_open (state->path);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*), coalesce(min(mid), 1), "
                                       "coalesce(max(mid), 0) FROM outbox",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n_rows = sqlite3_column_int64 (stmt, 0);
  min_mid = sqlite3_column_int64 (stmt, 1);
  max_mid = sqlite3_column_int64 (stmt, 2);
  sqlite3_finalize (stmt);

  /* gap-free 1..N, one row per committed mutation */
  g_assert_cmpint (min_mid, ==, 1);
  g_assert_cmpint (max_mid, ==, n_rows);
  g_assert_cmpuint (sitrep_store_get_pending (store), ==, n_rows);
  g_assert_cmpint (n_rows, >=, state->committed);

  /* The reports of this round are exactly the next mids; at most the batch
   * in flight at the kill was committed without being reported. */
  for (guint i = 0; i < reports->len; i++)
    g_assert_cmpint (((Report *) reports->pdata[i])->mid, ==, state->committed + i + 1);
  g_assert_cmpint (n_rows - state->committed - reports->len, >=, 0);
  g_assert_cmpint (n_rows - state->committed - reports->len, <=, MAX_BATCH);
  state->n_unreported += n_rows - state->committed - reports->len;

  /* Each new outbox row is what the child reported (or, past the reports,
   * something it was about to report); replay them. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT mid, op, id, json_extract(data, '$.text') "
                                       "FROM outbox WHERE mid > ? ORDER BY mid",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, state->committed);
  for (guint i = 0; sqlite3_step (stmt) == SQLITE_ROW; i++)
    {
      const char *op = (const char *) sqlite3_column_text (stmt, 1);
      const char *id = (const char *) sqlite3_column_text (stmt, 2);
      const char *text = (const char *) sqlite3_column_text (stmt, 3);

      if (i < reports->len)
        {
          Report *report = reports->pdata[i];

          g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, report->mid);
          g_assert_cmpstr (op, ==, report->op);
          g_assert_cmpstr (id, ==, report->id);
          g_assert_cmpstr (text, ==, report->text);
          g_hash_table_insert (state->reported, g_strdup (id), g_strdup (text));
          g_hash_table_remove (state->superseded, id);
        }
      else
        g_hash_table_add (state->superseded, g_strdup (id));
      g_hash_table_insert (state->texts, g_strdup (id), g_strdup (text));
      g_hash_table_add (touched, g_strdup (id));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* The records agree with the outbox for every entry this round wrote (all
   * of them are checked at the end). */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, touched);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        g_autoptr(SitrepRecord) record = sitrep_store_get (store, "timeline", key);
        const char *value = g_hash_table_lookup (state->texts, key);

        g_assert_nonnull (record);
        g_assert_false (record->deleted);
        g_assert_cmpstr (test_body_string (record->body, "text"), ==, value);
        g_assert_cmpstr (test_body_string (record->body, "incident_id"), ==, incident_id);
      }
    g_assert_cmpint (test_sql_int (state->path, "SELECT count(*) FROM records"), ==,
                     g_hash_table_size (state->texts));
  }

  state->committed = n_rows;
  state->n_reports += reports->len;

  if (round % 50 == 49)
    g_test_message ("round %u: %" G_GINT64_FORMAT " mutations committed", round + 1, n_rows);
}

static void
test_crash_safe (void)
{
  CrashState state = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  guint n_rounds = g_test_slow () ? 4 * N_ROUNDS : N_ROUNDS;
  guint n_superseded = 0;

  state.dir = test_make_tmp_dir ();
  state.path = g_build_filename (state.dir, "sitrep.db", NULL);
  state.exe = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);
  state.texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state.reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state.superseded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint round = 0; round < n_rounds; round++)
    run_round (&state, round);

  /* Every reported edit, across all rounds, is there as last reported,
   * unless an edit committed at a kill but never reported came later. */
  {
    g_autoptr(SitrepStore) store = sitrep_store_open (state.path, &error);
    g_autofree char *integrity = NULL;
    GHashTableIter iter;
    gpointer key, value;

    g_assert_no_error (error);
    integrity = sitrep_store_check_integrity (store);
    g_assert_cmpstr (integrity, ==, "ok");

    g_hash_table_iter_init (&iter, state.reported);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        g_autoptr(SitrepRecord) record = sitrep_store_get (store, "timeline", key);

        g_assert_nonnull (record);
        g_assert_false (record->deleted);
        if (g_hash_table_contains (state.superseded, key))
          n_superseded++;
        else
          g_assert_cmpstr (test_body_string (record->body, "text"), ==, value);
      }

    g_hash_table_iter_init (&iter, state.texts);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        g_autoptr(SitrepRecord) record = sitrep_store_get (store, "timeline", key);

        g_assert_nonnull (record);
        g_assert_cmpstr (test_body_string (record->body, "text"), ==, value);
      }
  }

  g_test_message ("%u rounds (%u killed before any report) in %.1f s: %u reported edits "
                  "verified, %u committed but unreported, %" G_GINT64_FORMAT " outbox rows, "
                  "%u entries (%u last changed by an unreported edit)",
                  n_rounds, state.n_early_kills, g_timer_elapsed (timer, NULL),
                  state.n_reports, state.n_unreported, state.committed,
                  g_hash_table_size (state.texts), n_superseded);
  g_assert_cmpuint (state.n_reports, >, n_rounds);

  g_hash_table_unref (state.texts);
  g_hash_table_unref (state.reported);
  g_hash_table_unref (state.superseded);
  test_rm_rf (state.dir);
  g_free (state.exe);
  g_free (state.path);
  g_free (state.dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/outbox/crash-safe", test_crash_safe);

  return g_test_run ();
}

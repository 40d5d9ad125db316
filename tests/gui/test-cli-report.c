/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "sitrep-store.h"
#include "report-fixture.h"
#include "../store/store-test-util.h"

/* `sitrep report monthly|quarter` (DESIGN.md "Command line"): the
 * guide's review from a local database the test writes through the store,
 * with no display. */

static const char *sitrep_bin;

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = test_make_tmp_dir ();
  fixture->db = g_build_filename (fixture->dir, "sitrep.db", NULL);
  store = sitrep_store_open (fixture->db, &error);
  g_assert_no_error (error);
  report_fixture_put_all (store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

/* sitrep with @args, without a display; its exit status */
static int
run (const char * const  *args,
     char               **out,
     char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) sitrep_bin);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static char *
read_expected (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "gui", "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* The error alone on the first line of stderr, the usage after it */
static void
assert_usage_error (const char *err,
                    const char *what)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);

  g_assert_true (g_str_has_prefix (lines[0], "sitrep: "));
  g_assert_nonnull (strstr (lines[0], what));
  g_assert_nonnull (strstr (err, "monthly YYYY-MM | quarter YYYY-QN"));
  for (guint i = 1; lines[i] != NULL; i++)
    g_assert_false (g_str_has_prefix (lines[i], "sitrep: "));
}

static void
test_monthly_markdown (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *args[] = { "report", "monthly", "2026-10", "--data-dir", fixture->dir, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *expected = read_expected ("report-2026-10.md");

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, expected);
}

static void
test_quarter_markdown (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *args[] = { "report", "quarter", "2026-Q4", "--data-dir", fixture->dir,
                         "--format", "markdown", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *expected = read_expected ("report-2026-Q4.md");

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, expected);
}

static void
test_monthly_csv_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "october.csv", NULL);
  const char *args[] = { "report", "monthly", "2026-10", "--data-dir", fixture->dir,
                         "--format", "csv", "-o", path, NULL };
  g_autofree char *out = NULL, *err = NULL, *written = NULL;
  g_autofree char *expected = read_expected ("report-2026-10.csv");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");
  g_file_get_contents (path, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, expected);
}

/* The app keeps the database open (and locked) while it runs. */
static void
test_beside_the_app (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *args[] = { "report", "monthly", "2026-10", "--data-dir", fixture->dir, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *expected = read_expected ("report-2026-10.md");
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) app = sitrep_store_open (fixture->db, &error);

  g_assert_no_error (error);
  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, expected);
}

static void
test_bad_arguments (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct {
    const char *args[8];
    const char *what;
  } rows[] = {
    { { "report", "monthly", "2026-13", NULL }, "“2026-13” is not a month: write YYYY-MM" },
    { { "report", "monthly", "October", NULL }, "“October” is not a month" },
    { { "report", "quarter", "2026-Q5", NULL }, "“2026-Q5” is not a quarter" },
    { { "report", "quarter", "2026-10", NULL }, "“2026-10” is not a quarter" },
    { { "report", "monthly", NULL }, "monthly needs a month" },
    { { "report", NULL }, "say which report" },
    { { "report", "weekly", "2026-10", NULL }, "unknown report “weekly”" },
    { { "report", "monthly", "2026-10", "2026-11", NULL }, "unexpected argument “2026-11”" },
    { { "report", "monthly", "2026-10", "--format", "pdf", NULL }, "unknown format “pdf”" },
    { { "report", "monthly", "2026-10", "--frobnicate", NULL }, "--frobnicate" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autofree char *out = NULL, *err = NULL;

      for (guint a = 0; rows[i].args[a] != NULL; a++)
        g_ptr_array_add (args, (gpointer) rows[i].args[a]);
      g_ptr_array_add (args, (gpointer) "--data-dir");
      g_ptr_array_add (args, fixture->dir);
      g_ptr_array_add (args, NULL);

      g_assert_cmpint (run ((const char * const *) args->pdata, &out, &err), ==, 2);
      g_assert_cmpstr (out, ==, "");
      assert_usage_error (err, rows[i].what);
    }
}

static void
test_unwritable_output (Fixture       *fixture,
                        gconstpointer  data)
{
  /* A folder that is a file: not writable, whoever runs the test */
  g_autofree char *path = g_build_filename (fixture->db, "report.md", NULL);
  const char *args[] = { "report", "monthly", "2026-10", "--data-dir", fixture->dir,
                         "-o", path, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run (args, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "sitrep: cannot write "));
  g_assert_nonnull (strstr (err, path));
  lines = g_strsplit (err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[1], ==, "");
}

static void
test_unreadable_database (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *garbage = g_strnfill (8192, 'x');
  g_autofree char *after = NULL;
  g_autofree char *empty = test_make_tmp_dir ();
  g_autofree char *missing = g_build_filename (empty, "sitrep.db", NULL);
  const char *args[] = { "report", "monthly", "2026-10", "--data-dir", fixture->dir, NULL };
  const char *none[] = { "report", "quarter", "2026-Q4", "--data-dir", empty, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autoptr(GError) error = NULL;

  test_rm_rf (fixture->db);
  g_file_set_contents (fixture->db, garbage, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run (args, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "sitrep: cannot read "));
  g_assert_nonnull (strstr (err, fixture->db));
  g_assert_cmpstr (strchr (err, '\n'), ==, "\n");
  /* and the file is left as it was */
  g_file_get_contents (fixture->db, &after, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, garbage);

  /* No database: none is made */
  g_assert_cmpint (run (none, &out2, &err2), ==, 1);
  g_assert_true (g_str_has_prefix (err2, "sitrep: no local database at "));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  test_rm_rf (empty);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  sitrep_bin = g_getenv ("SITREP_BIN");
  g_assert_nonnull (sitrep_bin);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/report/monthly-markdown", test_monthly_markdown);
  ADD ("/cli/report/quarter-markdown", test_quarter_markdown);
  ADD ("/cli/report/monthly-csv-file", test_monthly_csv_file);
  ADD ("/cli/report/beside-the-app", test_beside_the_app);
  ADD ("/cli/report/bad-arguments", test_bad_arguments);
  ADD ("/cli/report/unwritable-output", test_unwritable_output);
  ADD ("/cli/report/unreadable-database", test_unreadable_database);
#undef ADD

  return g_test_run ();
}

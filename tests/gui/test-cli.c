/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>
#include <sys/wait.h>

/* The command line is a contract (DESIGN.md): operators and scripts rely
 * on its exit codes and messages. */

static const char *sitrep_bin;

static void
run (const char * const  *args,
     char               **out,
     char               **err,
     int                 *status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) sitrep_bin);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  *status = WEXITSTATUS (wait_status);
}

static void
test_version (void)
{
  const char *args[] = { "--version", NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status;

  run (args, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "sitrep " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  const char *args[] = { "--help", NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status;

  run (args, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "--data-dir=DIR"));
  g_assert_nonnull (strstr (out, "--demo"));
  g_assert_nonnull (strstr (out, "--version"));
}

static void
test_bad_option (void)
{
  const char *args[] = { "--frobnicate", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  run (args, &out, &err, &status);
  g_assert_cmpint (status, ==, 2);
  lines = g_strsplit (err, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "sitrep: "));
  g_assert_nonnull (strstr (lines[0], "--frobnicate"));
  /* and the usage follows */
  g_assert_nonnull (strstr (err, "--data-dir"));
  g_assert_cmpstr (out, ==, "");
}

static void
test_bad_argument (void)
{
  const char *args[] = { "incident.json", NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status;

  run (args, &out, &err, &status);
  g_assert_cmpint (status, ==, 2);
  g_assert_true (g_str_has_prefix (err, "sitrep: "));
  g_assert_nonnull (strstr (err, "incident.json"));
}

static void
test_missing_value (void)
{
  const char *args[] = { "--data-dir", NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status;

  run (args, &out, &err, &status);
  g_assert_cmpint (status, ==, 2);
  g_assert_true (g_str_has_prefix (err, "sitrep: "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  sitrep_bin = g_getenv ("SITREP_BIN");
  g_assert_nonnull (sitrep_bin);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/bad-option", test_bad_option);
  g_test_add_func ("/cli/bad-argument", test_bad_argument);
  g_test_add_func ("/cli/missing-value", test_missing_value);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
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

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **line = user_data;

  *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL,
                                                     NULL);
  if (*line == NULL)
    *line = g_strdup ("");
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

static gboolean
timed_out_cb (gpointer user_data)
{
  g_error ("Timed out waiting for sitrep");
  return G_SOURCE_REMOVE;
}

/* A damaged local database: one line on stderr that names the file, then
 * (on a display) the dialog; quitting from it ends the app with status 1,
 * not 0, so a script sees that it did not run. */
static void
test_damaged_database (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "sitrep", NULL);
  g_autofree char *path = g_build_filename (dir, "sitrep.db", NULL);
  g_autofree char *garbage = g_strnfill (8192, 'x');
  g_autofree char *line = NULL;
  g_autofree char *after = NULL;
  g_autofree char *object_path = NULL;
  g_autofree char *command = NULL;
  g_autofree char *reply = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  guint timeout;
  int status;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, garbage, -1, &error);
  g_assert_no_error (error);

  /* The default database, so the app is the one on the bus. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  app = g_subprocess_launcher_spawn (launcher, &error, sitrep_bin, NULL);
  g_assert_no_error (error);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (app));
  timeout = g_timeout_add_seconds (30, timed_out_cb, NULL);

  /* The first line of the app's own. */
  while (line == NULL || !g_str_has_prefix (line, "sitrep: "))
    {
      g_clear_pointer (&line, g_free);
      g_data_input_stream_read_line_async (err, G_PRIORITY_DEFAULT, NULL, read_line_cb, &line);
      while (line == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpstr (line, !=, "");
    }
  g_assert_nonnull (strstr (line, path));
  g_assert_nonnull (strstr (line, "damaged"));

  /* The dialog's Quit, as the desktop's "Quit" of the app asks for it. */
  object_path = g_strdelimit (g_strconcat ("/", APPLICATION_ID, NULL), ".", '/');
  command = g_strdup_printf ("gdbus call --session --dest %s --object-path %s "
                             "--method org.gtk.Actions.Activate quit [] {}",
                             APPLICATION_ID, object_path);
  g_spawn_command_line_sync (command, &reply, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_subprocess_wait_async (app, NULL, wait_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);

  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 1);

  /* The file is left as it was. */
  g_file_get_contents (path, &after, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, garbage);
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
  g_test_add_func ("/cli/damaged-database", test_damaged_database);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-desktop-actions.c: the desktop file's actions, `sitrep --wall`
 * and `sitrep --new-incident`, given while the app already runs: the
 * running instance opens the wall view or the declare dialog, and the
 * second process exits.
 *
 * The test process is the running instance (the primary, on a private
 * session bus); the second is the real $SITREP_BIN, started with the
 * test's environment. */

#include "config.h"

#include "gui-test-util.h"
#include "notify-fixture.h"
#include "sitrep-application.h"
#include "sitrep-declare-dialog.h"
#include "sitrep-wall-window.h"
#include "sitrep-window.h"

static NotifyFixture fixture;
static gboolean have_bus;
static char *no_bus_why;

typedef struct
{
  gboolean done;
  int      status;
} Exited;

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Exited *exited = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  exited->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  exited->done = TRUE;
}

/* Runs `sitrep OPTION` as the user would, and lets it run. */
static GSubprocess *
spawn_sitrep (const char *option,
              Exited     *exited)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  g_subprocess_launcher_unsetenv (launcher, "SITREP_SERVER");
  g_subprocess_launcher_unsetenv (launcher, "SITREP_TOKEN");
  proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("SITREP_BIN"), option, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (proc, NULL, on_exited, exited);
  return proc;
}

static GtkWindow *
find_window (GtkApplication *app,
             GType           type)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;
  return NULL;
}

/* A toplevel of @type (the declare dialog is transient for the window,
 * not one of the application's windows). */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* The running instance: the default data folder (under the test's own
 * XDG_DATA_HOME), unique on the bus, with its workspace window open. */
static SitrepApplication *
start_primary (void)
{
  SitrepApplication *app = sitrep_application_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (app)));
  g_application_activate (G_APPLICATION (app));
  WAIT_UNTIL (find_window (GTK_APPLICATION (app), SITREP_TYPE_WINDOW) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (find_window (GTK_APPLICATION (app),
                                                              SITREP_TYPE_WINDOW))));
  return app;
}

static void
stop_primary (SitrepApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gui_test_destroy (windows->data);
  g_object_unref (app);
}

static gboolean
skip_without_bus (void)
{
  if (!have_bus)
    g_test_skip (no_bus_why);
  return !have_bus;
}

static void
test_wall (void)
{
  SitrepApplication *app;
  g_autoptr(GSubprocess) second = NULL;
  Exited exited = { 0 };

  if (skip_without_bus ())
    return;
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  app = start_primary ();
  g_assert_null (find_window (GTK_APPLICATION (app), SITREP_TYPE_WALL_WINDOW));

  second = spawn_sitrep ("--wall", &exited);
  WAIT_UNTIL (find_window (GTK_APPLICATION (app), SITREP_TYPE_WALL_WINDOW) != NULL);
  WAIT_UNTIL (exited.done);
  g_assert_cmpint (exited.status, ==, 0);
  /* The workspace window stays as it was. */
  g_assert_nonnull (find_window (GTK_APPLICATION (app), SITREP_TYPE_WINDOW));

  stop_primary (app);
}

static void
test_new_incident (void)
{
  SitrepApplication *app;
  g_autoptr(GSubprocess) second = NULL;
  Exited exited = { 0 };
  GtkWindow *dialog;

  if (skip_without_bus ())
    return;
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  app = start_primary ();
  g_assert_null (find_toplevel (SITREP_TYPE_DECLARE_DIALOG));

  second = spawn_sitrep ("--new-incident", &exited);
  WAIT_UNTIL ((dialog = find_toplevel (SITREP_TYPE_DECLARE_DIALOG)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_true (gtk_window_get_transient_for (dialog) ==
                 find_window (GTK_APPLICATION (app), SITREP_TYPE_WINDOW));
  WAIT_UNTIL (exited.done);
  g_assert_cmpint (exited.status, ==, 0);

  gui_test_destroy (dialog);
  stop_primary (app);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before GTK first connects to the session bus. */
  have_bus = notify_fixture_available (&no_bus_why);
  /* A test's subprocess has the parent's bus, handed down. */
  if (have_bus && !g_strv_contains ((const char * const *) argv, "--GTestSubprocess"))
    {
      notify_fixture_setup (&fixture);
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", fixture.address, TRUE);
    }

  gui_test_init (&argc, &argv);

  g_test_add_func ("/desktop-actions/wall", test_wall);
  g_test_add_func ("/desktop-actions/new-incident", test_new_incident);

  status = g_test_run ();
  if (have_bus && fixture.address != NULL)
    notify_fixture_teardown (&fixture);
  g_free (no_bus_why);
  return status;
}

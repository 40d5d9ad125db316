/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-background.c: with an incident active, the app asks the
 * desktop's Background portal to keep running with no window, so that
 * reminders keep firing. Granted, it outlives its last window; refused,
 * the window says that reminders stop with it, and the app quits with it;
 * with no portal on the bus it runs on as it always has.
 *
 * The portal is a stand-in: a GDBus service of the test's own on a
 * private session bus, owning org.freedesktop.portal.Desktop and
 * answering RequestBackground as xdg-desktop-portal does (a request
 * object whose Response signal carries the answer). The bus starts no
 * service of the system's (libadwaita would start the real portal to
 * read the colour scheme): what owns the name is the stand-in, or
 * nothing. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "gui-test-util.h"
#include "sitrep-application-private.h"
#include "sitrep-window-private.h"

#define REASON "Reminders for stakeholder updates keep firing with the window closed"
#define DENIED_TEXT "Sitrep may not run in the background"

static GTestDBus *bus;

/* A session bus of the test's own, with no service to activate (the real
 * portal would take the name otherwise). GTestDBus stops its daemon when
 * this process ends, a failed run included, so that nothing is left
 * holding the output the test runner reads. */
static void
start_bus (void)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  /* It unsets DISPLAY, which the app's window needs. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
}

static void
stop_bus (void)
{
  /* Stopped, not torn down: g_test_dbus_down() (and so the object's
   * finalization) waits for the process's session bus connection to go,
   * and GTK holds it until the process ends. */
  g_test_dbus_stop (bus);
}

static const char portal_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Background'>"
  "    <method name='RequestBackground'>"
  "      <arg type='s' name='parent_window' direction='in'/>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='o' name='handle' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct
{
  GDBusConnection *connection;   /* the stand-in's own */
  guint            object_id;
  guint            name_id;
  gboolean         owned;
  gboolean         grant;
  guint            calls;
  char            *reason;
  gboolean         autostart;
  char            *sender;
  char            *handle;
} Portal;

static gboolean
send_response (gpointer user_data)
{
  Portal *portal = user_data;
  GVariantBuilder results;
  g_autoptr(GError) error = NULL;

  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&results, "{sv}", "background", g_variant_new_boolean (portal->grant));
  g_variant_builder_add (&results, "{sv}", "autostart", g_variant_new_boolean (FALSE));
  /* Refused as the GNOME portal refuses: the request answered, the
   * permission not given. */
  g_dbus_connection_emit_signal (portal->connection, portal->sender, portal->handle,
                                 "org.freedesktop.portal.Request", "Response",
                                 g_variant_new ("(ua{sv})", portal->grant ? 0 : 1, &results),
                                 &error);
  g_assert_no_error (error);
  return G_SOURCE_REMOVE;
}

static void
portal_method_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *path,
                    const char            *interface,
                    const char            *method,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  Portal *portal = user_data;
  g_autoptr(GVariant) options = NULL;
  g_autofree char *unique = g_strdup (sender + 1);
  const char *token = "t";

  g_variant_get (parameters, "(&s@a{sv})", NULL, &options);
  portal->calls++;
  g_clear_pointer (&portal->reason, g_free);
  g_variant_lookup (options, "reason", "s", &portal->reason);
  g_variant_lookup (options, "autostart", "b", &portal->autostart);
  g_variant_lookup (options, "handle_token", "&s", &token);

  g_strdelimit (unique, ".", '_');
  g_free (portal->sender);
  portal->sender = g_strdup (sender);
  g_free (portal->handle);
  portal->handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", unique, token);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", portal->handle));
  g_idle_add (send_response, portal);
}

static void
portal_name_acquired (GDBusConnection *connection,
                      const char      *name,
                      gpointer         user_data)
{
  ((Portal *) user_data)->owned = TRUE;
}

static void
portal_start (Portal  *portal,
              gboolean grant)
{
  static const GDBusInterfaceVTable vtable = { portal_method_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  g_autoptr(GError) error = NULL;

  portal->grant = grant;
  portal->connection =
    g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                            G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                            G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                            NULL, NULL, &error);
  g_assert_no_error (error);
  portal->object_id = g_dbus_connection_register_object (portal->connection,
                                                         "/org/freedesktop/portal/desktop",
                                                         info->interfaces[0], &vtable, portal,
                                                         NULL, &error);
  g_assert_no_error (error);
  portal->name_id = g_bus_own_name_on_connection (portal->connection,
                                                  "org.freedesktop.portal.Desktop",
                                                  G_BUS_NAME_OWNER_FLAGS_NONE,
                                                  portal_name_acquired, NULL, portal, NULL);
  WAIT_UNTIL (portal->owned);
}

/* A label showing @text in @widget's tree. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

typedef struct
{
  SitrepApplication *app;
  Portal            *portal;     /* NULL: no portal on the bus */
  gboolean           ran_after_close;
  gboolean           shut_down;
  guint              after_id;
} Run;

static gboolean
after_close (gpointer user_data)
{
  Run *run = user_data;

  run->after_id = 0;
  /* Shutting down may run the main loop once more: that is not running. */
  if (!run->shut_down)
    run->ran_after_close = TRUE;
  g_application_quit (G_APPLICATION (run->app));
  return G_SOURCE_REMOVE;
}

/* Inside g_application_run(): the window is up with the demo incident
 * (active), the app has its answer; then the window is closed. */
static gboolean
drive (gpointer user_data)
{
  Run *run = user_data;
  SitrepApplication *app = run->app;
  GtkWindow *window;

  WAIT_UNTIL (gtk_application_get_active_window (GTK_APPLICATION (app)) != NULL);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (SITREP_IS_WINDOW (window));

  if (run->portal == NULL)
    {
      WAIT_UNTIL (app->held);
      WAIT_IDLE ();
      g_assert_false (shows_text (GTK_WIDGET (window), DENIED_TEXT));
    }
  else if (run->portal->grant)
    {
      WAIT_UNTIL (app->background != NULL && sitrep_background_get_granted (app->background));
      g_assert_true (app->held);
      g_assert_false (shows_text (GTK_WIDGET (window), DENIED_TEXT));
    }
  else
    {
      WAIT_UNTIL (shows_text (GTK_WIDGET (window), DENIED_TEXT));
      g_assert_false (app->held);
      gui_test_save_screenshot (GTK_WIDGET (window), "background-denied.png");
    }

  gui_test_destroy (window);
  /* Runs only if the app is still running once the window has gone. */
  run->after_id = g_idle_add (after_close, run);
  return G_SOURCE_REMOVE;
}

static void
on_shutdown (Run *run)
{
  run->shut_down = TRUE;
}

static void
run_app (Run *run)
{
  g_autofree char *dir = g_dir_make_tmp ("sitrep-background-XXXXXX", NULL);

  /* A screenshot shows the toast in place, not sliding in. */
  if (g_getenv ("SITREP_TEST_SCREENSHOTS") != NULL)
    g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  run->app = sitrep_application_new (dir, TRUE);
  g_signal_connect_swapped (run->app, "shutdown", G_CALLBACK (on_shutdown), run);
  g_idle_add (drive, run);
  g_assert_cmpint (g_application_run (G_APPLICATION (run->app), 0, NULL), ==, 0);
  g_clear_handle_id (&run->after_id, g_source_remove);
  g_clear_object (&run->app);
}

static gboolean
in_subprocess (void)
{
  if (g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("no X server (run under xvfb-run)");
      return FALSE;
    }
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return FALSE;
    }
  return TRUE;
}

static void
test_granted (void)
{
  Portal portal = { 0 };
  Run run = { .portal = &portal };

  if (!in_subprocess ())
    return;
  portal_start (&portal, TRUE);
  run_app (&run);

  g_assert_cmpuint (portal.calls, ==, 1);
  g_assert_cmpstr (portal.reason, ==, REASON);
  g_assert_false (portal.autostart);
  g_assert_true (run.ran_after_close);
}

static void
test_denied (void)
{
  Portal portal = { 0 };
  Run run = { .portal = &portal };

  if (!in_subprocess ())
    return;
  portal_start (&portal, FALSE);
  run_app (&run);

  g_assert_cmpuint (portal.calls, ==, 1);
  /* The window closed, the app went with it. */
  g_assert_false (run.ran_after_close);
}

static void
test_no_portal (void)
{
  Run run = { .portal = NULL };

  if (!in_subprocess ())
    return;
  run_app (&run);
  g_assert_true (run.ran_after_close);
}

int
main (int   argc,
      char *argv[])
{
  gboolean child = g_strv_contains ((const char * const *) argv, "--GTestSubprocess");
  int status;

  /* Before GTK first connects to the session bus; a test's subprocess
   * has the parent's bus, handed down. */
  if (!child)
    start_bus ();

  gui_test_init (&argc, &argv);

  g_test_add_func ("/background/granted", test_granted);
  g_test_add_func ("/background/denied", test_denied);
  g_test_add_func ("/background/no-portal", test_no_portal);

  status = g_test_run ();
  if (!child)
    stop_bus ();
  return status;
}

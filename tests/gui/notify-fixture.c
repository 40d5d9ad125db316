/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "notify-fixture.h"

#define NOTIFICATION_DAEMON "/usr/lib/notification-daemon/notification-daemon"
#define START_TIMEOUT_MS 10000

static void stop (GSubprocess **proc);

static const char *
daemon_path (void)
{
  const char *path = g_getenv ("NOTIFICATION_DAEMON");

  return path != NULL ? path : NOTIFICATION_DAEMON;
}

/**
 * notify_fixture_available:
 * @why: (out) (transfer full): what is missing, for g_test_skip()
 *
 * Returns: whether there is an X server, the daemon and the app to run
 */
gboolean
notify_fixture_available (char **why)
{
  *why = NULL;
  if (g_getenv ("DISPLAY") == NULL)
    *why = g_strdup ("no X server: run under xvfb-run");
  else if (!g_file_test (daemon_path (), G_FILE_TEST_IS_EXECUTABLE))
    *why = g_strdup_printf ("no %s (Debian package notification-daemon)", daemon_path ());
  else if (g_getenv ("SITREP_BIN") == NULL)
    *why = g_strdup ("SITREP_BIN is not set");
  return *why == NULL;
}

void
notify_call_free (NotifyCall *call)
{
  if (call == NULL)
    return;
  g_free (call->sender);
  g_free (call->summary);
  g_free (call->body);
  g_strfreev (call->actions);
  g_free (call);
}

static NotifyCall *
notify_call_copy (const NotifyCall *call)
{
  NotifyCall *copy = g_new0 (NotifyCall, 1);

  copy->sender = g_strdup (call->sender);
  copy->summary = g_strdup (call->summary);
  copy->body = g_strdup (call->body);
  copy->actions = g_strdupv (call->actions);
  copy->urgency = call->urgency;
  copy->at_us = call->at_us;
  copy->serial = call->serial;
  copy->id = call->id;
  return copy;
}

/* On the monitor's worker thread: keeps the Notify calls, drops
 * everything, since a monitor must never answer. */
static GDBusMessage *
monitor_filter (GDBusConnection *connection,
                GDBusMessage    *message,
                gboolean         incoming,
                gpointer         user_data)
{
  NotifyFixture *fixture = user_data;
  GVariant *body = g_dbus_message_get_body (message);
  g_autoptr(GVariant) hints = NULL;
  NotifyCall *call;
  guchar urgency;

  if (!incoming)
    return message;

  /* The daemon's answer: the id of the notification, for its signals. */
  if (g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_RETURN &&
      body != NULL && g_variant_is_of_type (body, G_VARIANT_TYPE ("(u)")))
    {
      g_mutex_lock (&fixture->lock);
      for (guint i = 0; i < fixture->calls->len; i++)
        {
          NotifyCall *sent = fixture->calls->pdata[i];

          if (sent->id == 0 && sent->serial == g_dbus_message_get_reply_serial (message) &&
              g_strcmp0 (sent->sender, g_dbus_message_get_destination (message)) == 0)
            g_variant_get (body, "(u)", &sent->id);
        }
      g_mutex_unlock (&fixture->lock);
      g_main_context_wakeup (NULL);
      g_object_unref (message);
      return NULL;
    }

  if (g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL ||
      g_strcmp0 (g_dbus_message_get_interface (message), "org.freedesktop.Notifications") != 0 ||
      g_strcmp0 (g_dbus_message_get_member (message), "Notify") != 0 ||
      body == NULL || !g_variant_is_of_type (body, G_VARIANT_TYPE ("(susssasa{sv}i)")))
    {
      g_object_unref (message);
      return NULL;
    }

  call = g_new0 (NotifyCall, 1);
  call->sender = g_strdup (g_dbus_message_get_sender (message));
  call->serial = g_dbus_message_get_serial (message);
  g_variant_get (body, "(&su&sss^as@a{sv}i)", NULL, NULL, NULL, &call->summary, &call->body,
                 &call->actions, &hints, NULL);
  call->urgency = g_variant_lookup (hints, "urgency", "y", &urgency) ? urgency : -1;
  call->at_us = g_get_monotonic_time ();

  g_mutex_lock (&fixture->lock);
  g_ptr_array_add (fixture->calls, call);
  g_mutex_unlock (&fixture->lock);
  /* notify_fixture_wait() looks again. */
  g_main_context_wakeup (NULL);

  g_object_unref (message);
  return NULL;
}

/* A failed assertion aborts the test: its children must not outlive it
 * (meson would wait for them, holding the output pipes, until its
 * timeout). */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocessLauncher *
launcher_new (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return launcher;
}

static GSubprocessLauncher *
quiet_launcher (void)
{
  GSubprocessLauncher *launcher = launcher_new (G_SUBPROCESS_FLAGS_NONE);

  /* Their output goes with the test's diagnostics, not into the TAP. */
  g_subprocess_launcher_take_stdout_fd (launcher, dup (STDERR_FILENO));
  return launcher;
}

static void
name_appeared (GDBusConnection *connection,
               const char      *name,
               const char      *owner,
               gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
set_flag (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A dbus-daemon of the test's own, as dbus-run-session starts one: the
 * test process itself stays off it (GTestDBus would take over the
 * process's session bus, and GIO keeps that one for good). */
static char *
start_bus (GSubprocess **bus)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *address = NULL;

  *bus = g_subprocess_launcher_spawn (launcher, &error, "dbus-daemon", "--session", "--nofork",
                                      "--print-address", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (*bus));
  address = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);
  return g_steal_pointer (&address);
}

/**
 * notify_fixture_setup:
 *
 * A private session bus (the test's environment points at it from now
 * on), the monitor, and the notification daemon, up and owning its name.
 */
void
notify_fixture_setup (NotifyFixture *fixture)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *rules[] = {
    "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
    "type='method_return'",
    NULL
  };
  gboolean appeared = FALSE;
  gboolean timed_out = FALSE;
  guint watch;
  guint timeout;

  memset (fixture, 0, sizeof *fixture);
  g_mutex_init (&fixture->lock);
  fixture->calls = g_ptr_array_new_with_free_func ((GDestroyNotify) notify_call_free);

  fixture->address = start_bus (&fixture->bus);
  g_printerr ("# private session bus: %s\n", fixture->address);

  fixture->connection =
    g_dbus_connection_new_for_address_sync (fixture->address,
                                            G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                            G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                            NULL, NULL, &error);
  g_assert_no_error (error);

  /* As dbus-monitor does it: BecomeMonitor with a match rule. */
  fixture->monitor =
    g_dbus_connection_new_for_address_sync (fixture->address,
                                            G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                            G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                            NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (fixture->monitor, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus.Monitoring",
                                       "BecomeMonitor", g_variant_new ("(^asu)", rules, 0),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (fixture->monitor, monitor_filter, fixture, NULL);

  launcher = quiet_launcher ();
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", fixture->address, TRUE);
  fixture->daemon = g_subprocess_launcher_spawn (launcher, &error, daemon_path (), NULL);
  g_assert_no_error (error);

  watch = g_bus_watch_name_on_connection (fixture->connection, "org.freedesktop.Notifications",
                                          G_BUS_NAME_WATCHER_FLAGS_NONE, name_appeared, NULL,
                                          &appeared, NULL);
  timeout = g_timeout_add (START_TIMEOUT_MS, set_flag, &timed_out);
  while (!appeared && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!appeared)
    g_error ("%s did not take org.freedesktop.Notifications", daemon_path ());
  g_source_remove (timeout);
  g_bus_unwatch_name (watch);
}

static void
app_exited (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  NotifyFixture *fixture = user_data;

  if (g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL))
    fixture->app_exited = TRUE;
}

/**
 * notify_fixture_start_app:
 * @env: (nullable): extra NAME=VALUE pairs
 *
 * Starts `sitrep --data-dir @data_dir` on the private bus.
 */
void
notify_fixture_start_app (NotifyFixture      *fixture,
                          const char         *data_dir,
                          const char * const *env)
{
  g_autoptr(GSubprocessLauncher) launcher = quiet_launcher ();
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", fixture->address, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "SITREP_SERVER");
  g_subprocess_launcher_unsetenv (launcher, "SITREP_TOKEN");
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  fixture->app_started_us = g_get_monotonic_time ();
  fixture->app = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("SITREP_BIN"),
                                              "--data-dir", data_dir, NULL);
  g_assert_no_error (error);
  fixture->cancel = g_cancellable_new ();
  g_subprocess_wait_async (fixture->app, fixture->cancel, app_exited, fixture);
}

/**
 * notify_fixture_stop_app:
 *
 * Ends the app, and forgets what it notified.
 */
void
notify_fixture_stop_app (NotifyFixture *fixture)
{
  /* The wait must not report to a fixture that is gone. */
  g_cancellable_cancel (fixture->cancel);
  g_clear_object (&fixture->cancel);
  stop (&fixture->app);
  fixture->app_exited = FALSE;
  g_mutex_lock (&fixture->lock);
  g_ptr_array_set_size (fixture->calls, 0);
  g_mutex_unlock (&fixture->lock);
}

/**
 * notify_fixture_wait:
 *
 * Returns: (transfer full) (nullable): a copy of the first Notify call
 *   @match accepts, waiting up to @timeout_ms for it
 */
NotifyCall *
notify_fixture_wait (NotifyFixture   *fixture,
                     NotifyCallMatch  match,
                     gpointer         user_data,
                     guint            timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (timeout_ms, set_flag, &timed_out);
  NotifyCall *found = NULL;

  /* Each call the monitor records wakes the main context; so does the
   * app exiting, and the timeout. */
  for (;;)
    {
      g_mutex_lock (&fixture->lock);
      for (guint i = 0; i < fixture->calls->len && found == NULL; i++)
        if (match (fixture->calls->pdata[i], user_data))
          found = notify_call_copy (fixture->calls->pdata[i]);
      g_mutex_unlock (&fixture->lock);

      if (found != NULL || timed_out)
        break;
      if (fixture->app_exited)
        {
          g_printerr ("# the app exited\n");
          break;
        }
      g_main_context_iteration (NULL, TRUE);
    }

  if (!timed_out)
    g_source_remove (timeout);
  return found;
}

/* What the daemon was told, for a failure's diagnostics. */
void
notify_fixture_dump (NotifyFixture *fixture)
{
  g_mutex_lock (&fixture->lock);
  g_printerr ("# %u Notify calls:\n", fixture->calls->len);
  for (guint i = 0; i < fixture->calls->len; i++)
    {
      NotifyCall *call = fixture->calls->pdata[i];

      g_printerr ("#   [urgency %d, +%.1f s] %s | %s\n", call->urgency,
                  (call->at_us - fixture->app_started_us) / 1e6, call->summary, call->body);
    }
  g_mutex_unlock (&fixture->lock);
}

gboolean
notify_call_mentions (const NotifyCall *call,
                      const char       *text)
{
  return strstr (call->summary, text) != NULL || strstr (call->body, text) != NULL;
}

/**
 * notify_fixture_window_names:
 *
 * Returns: (transfer full): the names of the X server's windows, as
 *   `xwininfo -root -tree` prints them: what a user reads in title bars
 */
char *
notify_fixture_window_names (void)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "xwininfo", "-root", "-tree", NULL };
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    g_error ("xwininfo (Debian package x11-utils): %s", error->message);
  return g_steal_pointer (&out);
}

/**
 * notify_fixture_app_shows:
 * @title: a window title
 *
 * Whether the app the fixture started has a window titled @title: of the
 * X server's windows of that name, one whose _NET_WM_PID is the app's
 * (tests running beside this one show windows on the same server).
 */
gboolean
notify_fixture_app_shows (NotifyFixture *fixture,
                          const char    *title)
{
  g_autofree char *names = notify_fixture_window_names ();
  g_autofree char *quoted = g_strdup_printf (" \"%s\"", title);
  g_auto(GStrv) lines = g_strsplit (names, "\n", -1);
  const char *pid;

  if (fixture->app == NULL || (pid = g_subprocess_get_identifier (fixture->app)) == NULL)
    return FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *out = NULL;
      g_autofree char *expected = NULL;
      const char *at = strstr (lines[i], quoted);
      const char *argv[] = { "xprop", "-id", NULL, "_NET_WM_PID", NULL };

      if (at == NULL)
        continue;
      id = g_strstrip (g_strndup (lines[i], at - lines[i]));
      argv[2] = id;
      if (!g_spawn_sync (NULL, (char **) argv, NULL,
                         G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                         NULL, NULL, NULL))
        continue;
      expected = g_strdup_printf ("= %s\n", pid);
      if (out != NULL && g_str_has_suffix (out, expected))
        return TRUE;
    }
  return FALSE;
}

static void
stop (GSubprocess **proc)
{
  if (*proc == NULL)
    return;
  /* Nothing happens if it is gone already. */
  g_subprocess_send_signal (*proc, SIGTERM);
  g_subprocess_wait (*proc, NULL, NULL);
  g_clear_object (proc);
}

void
notify_fixture_teardown (NotifyFixture *fixture)
{
  notify_fixture_stop_app (fixture);
  stop (&fixture->daemon);
  if (g_strcmp0 (g_getenv ("DBUS_SESSION_BUS_ADDRESS"), fixture->address) == 0)
    {
      /* The process's own session bus is about to go: that is no reason
       * to die. */
      g_autoptr(GDBusConnection) session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

      if (session != NULL)
        g_dbus_connection_set_exit_on_close (session, FALSE);
    }
  if (fixture->monitor != NULL)
    g_dbus_connection_close_sync (fixture->monitor, NULL, NULL);
  g_clear_object (&fixture->monitor);
  if (fixture->connection != NULL)
    g_dbus_connection_close_sync (fixture->connection, NULL, NULL);
  g_clear_object (&fixture->connection);
  stop (&fixture->bus);
  g_clear_pointer (&fixture->address, g_free);
  g_clear_pointer (&fixture->calls, g_ptr_array_unref);
  g_mutex_clear (&fixture->lock);
}

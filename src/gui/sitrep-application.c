/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-application"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-application-private.h"
#include "sitrep-context-store.h"
#include "sitrep-database-dialog.h"
#include "sitrep-help.h"
#include "sitrep-notifier.h"
#include "sitrep-secret.h"
#include "sitrep-wall-window.h"
#include "sitrep-window-private.h"


G_DEFINE_FINAL_TYPE (SitrepApplication, sitrep_application, ADW_TYPE_APPLICATION)

/* A sidebar row is at least this high; the first screen of the sidebar
 * is the window's height of them, and two more. */
#define INCIDENT_ROW_MIN_HEIGHT 48
#define FIRST_SCREEN_INCIDENTS_DEFAULT 25

/* The sidebar starts with the first screen of incidents (see open_context());
 * the others are read, in a worker thread, once that first frame is on
 * screen. */
static gboolean
load_rest_of_incidents (gpointer data)
{
  SitrepApplication *self = data;

  self->load_all_id = 0;
  if (self->context != NULL)
    sitrep_context_load_rest_of_incidents (self->context);
  return G_SOURCE_REMOVE;
}

static void
on_first_frame (GdkFrameClock     *clock,
                SitrepApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame, self);
  if (self->load_all_id == 0)
    self->load_all_id = g_idle_add (load_rest_of_incidents, self);
}

SitrepWindow *
_sitrep_application_new_window (SitrepApplication *self)
{
  SitrepWindow *window = sitrep_window_new (ADW_APPLICATION (self), self->context);
  GdkFrameClock *clock;

  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  if (clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_frame), self, 0);
  else
    sitrep_context_load_all_incidents (self->context);
  return window;
}


static void
sitrep_application_activate (GApplication *application)
{
  SitrepApplication *self = SITREP_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->context == NULL)
    {
      _sitrep_application_show_database_dialog (self);
      return;
    }

  if (window == NULL && self->wall)
    {
      sitrep_context_load_all_incidents (self->context);
      window = sitrep_wall_window_open (ADW_APPLICATION (self), self->context, NULL);
    }
  else if (window == NULL)
    {
      window = GTK_WINDOW (_sitrep_application_new_window (self));
      if (self->demo_id != NULL)
        sitrep_window_select_incident (SITREP_WINDOW (window), self->demo_id);
    }

  gtk_window_present (window);

  /* sitrep --new-incident, starting: the declare dialog over the window. */
  if (self->new_incident && SITREP_IS_WINDOW (window))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.declare", NULL);
  self->new_incident = FALSE;
}

/* A second `sitrep --wall` or `sitrep --new-incident` hands its option to
 * the instance already running and exits; the first one goes on to
 * activate(). */
static int
sitrep_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  SitrepApplication *self = SITREP_APPLICATION (application);
  g_autoptr(GError) error = NULL;

  if (!self->wall && !self->new_incident)
    return -1;

  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("sitrep: %s\n", error->message);
      return 1;
    }
  if (!g_application_get_is_remote (application))
    return -1;

  if (self->wall)
    g_action_group_activate_action (G_ACTION_GROUP (application), "wall-view", NULL);
  if (self->new_incident)
    g_action_group_activate_action (G_ACTION_GROUP (application), "new-incident", NULL);
  return 0;
}


typedef struct
{
  SitrepApplication *app;
  char              *url;
} TokenLookup;

static void
token_found (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  TokenLookup *lookup = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = sitrep_secret_lookup_token_finish (result, &error);

  if (error != NULL)
    g_message ("No token from the keyring for %s: %s", lookup->url, error->message);

  if (lookup->app->context != NULL)
    sitrep_context_set_server (lookup->app->context, lookup->url, token);

  g_application_release (G_APPLICATION (lookup->app));
  g_object_unref (lookup->app);
  g_free (lookup->url);
  g_free (lookup);
}

/* SITREP_SERVER and SITREP_TOKEN win over the settings and the keyring,
 * for kiosks and scripts (DESIGN.md). */
static void
connect_to_server (SitrepApplication *self)
{
  const char *env_url = g_getenv ("SITREP_SERVER");
  g_autofree char *url = NULL;
  TokenLookup *lookup;

  if (env_url != NULL)
    {
      sitrep_context_set_server (self->context, env_url, g_getenv ("SITREP_TOKEN"));
      return;
    }

  if (self->settings == NULL)
    return;
  url = g_settings_get_string (self->settings, "server-url");
  if (url[0] == '\0')
    return;

  lookup = g_new0 (TokenLookup, 1);
  lookup->app = g_object_ref (self);
  lookup->url = g_steal_pointer (&url);
  g_application_hold (G_APPLICATION (self));
  sitrep_secret_lookup_token_async (lookup->url, NULL, token_found, lookup);
}

/* The cadences and response targets of the settings, for every clock. */
static void
apply_clock_settings (SitrepApplication *self)
{
  gint64 cadence_s[SITREP_SEVERITY_P4 + 1] = { 0 };
  gint64 respond_s[SITREP_SEVERITY_P4 + 1] = { 0 };

  for (SitrepSeverity s = SITREP_SEVERITY_P1; s <= SITREP_SEVERITY_P4; s++)
    {
      g_autofree char *cadence_key = g_strdup_printf ("cadence-p%d-minutes", s);
      g_autofree char *respond_key = g_strdup_printf ("respond-p%d-minutes", s);

      cadence_s[s] = (gint64) g_settings_get_uint (self->settings, cadence_key) * 60;
      respond_s[s] = (gint64) g_settings_get_uint (self->settings, respond_key) * 60;
    }

  sitrep_context_set_clock_overrides (self->context, cadence_s, respond_s);
  sitrep_context_set_postmortem_due (self->context,
                                     (gint64) g_settings_get_uint (self->settings,
                                                                   "postmortem-due-hours") * 3600);
  sitrep_notifier_check (self->notifier);
}

static void
on_settings_changed (SitrepApplication *self,
                     const char        *key)
{
  if (g_str_has_prefix (key, "cadence-") || g_str_has_prefix (key, "respond-") ||
      g_str_equal (key, "postmortem-due-hours"))
    apply_clock_settings (self);
}

static void update_hold (SitrepApplication *self);

/* The desktop will not have the app run with no window (the Background
 * portal said no): the user hears it once, in the window open, and the
 * app goes with its last window rather than linger unseen, to be stopped. */
static void
on_background_denied (SitrepApplication *self)
{
  const char *message = _("Sitrep may not run in the background: update reminders stop "
                          "when its last window is closed");
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (SITREP_IS_WINDOW (window))
    {
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (SITREP_WINDOW (window)->toast_overlay, toast);
    }
  else
    {
      g_autoptr(GNotification) notification = g_notification_new (_("Reminders Stop With the Window"));

      g_notification_set_body (notification, message);
      g_application_send_notification (G_APPLICATION (self), "background-denied", notification);
    }
  update_hold (self);
}

/* While an incident is active the clocks must keep running, so closing
 * the last window does not quit (unless the setting says otherwise, or
 * the desktop's Background portal). */
static void
update_hold (SitrepApplication *self)
{
  gboolean background = self->settings == NULL ||
                        g_settings_get_boolean (self->settings, "run-in-background");
  gboolean want = background && self->notifier != NULL &&
                  sitrep_notifier_get_has_active (self->notifier) &&
                  (self->background == NULL || !sitrep_background_get_denied (self->background));

  if (want && self->background == NULL)
    {
      self->background =
        sitrep_background_new (g_application_get_dbus_connection (G_APPLICATION (self)));
      g_signal_connect_object (self->background, "notify::denied",
                               G_CALLBACK (on_background_denied), self, G_CONNECT_SWAPPED);
      sitrep_background_request (self->background);
    }

  if (want == self->held)
    return;

  self->held = want;
  if (want)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

static void
start_notifier (SitrepApplication *self)
{
  self->notifier = sitrep_notifier_new (G_APPLICATION (self), self->context);
  g_signal_connect_object (self->notifier, "notify::has-active", G_CALLBACK (update_hold), self,
                           G_CONNECT_SWAPPED);

  if (self->settings == NULL)
    return;

  g_settings_bind (self->settings, "warn-before-minutes", self->notifier, "warn-before-minutes",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "overdue-repeat-minutes", self->notifier,
                   "overdue-repeat-minutes", G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (update_hold), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);
  apply_clock_settings (self);
}

/* Records of the server this client could not accept are left out of
 * the local database: the user hears of it once per count. */
static void
on_records_skipped (SitrepApplication *self)
{
  guint skipped = sitrep_sync_engine_get_skipped_records (
    sitrep_context_get_sync_engine (self->context));
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;

  body = g_strdup_printf (ngettext ("%u record from the team server could not be read and was "
                                    "left out; everything else is up to date.",
                                    "%u records from the team server could not be read and "
                                    "were left out; everything else is up to date.", skipped),
                          skipped);
  notification = g_notification_new (_("Some Server Records Were Left Out"));
  g_notification_set_body (notification, body);
  g_application_send_notification (G_APPLICATION (self), "skipped-records", notification);
}

/* Someone kept their role assignment over this user's (or over this user
 * holding the role): they hear of it, not only the timeline. */
static void
on_store_changed (SitrepApplication *self,
                  GPtrArray         *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      SitrepStoreChange *change = changes->pdata[i];
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;
      g_autofree char *id = NULL;

      if (!sitrep_context_dup_overruled_notice (self->context, change, &title, &body))
        continue;

      id = g_strdup_printf ("overruled-%s", change->id);
      notification = g_notification_new (title);
      g_notification_set_body (notification, body);
      if (change->incident_id != NULL)
        g_notification_set_default_action_and_target (notification, "app.show-incident", "s",
                                                      change->incident_id);
      g_application_send_notification (G_APPLICATION (self), id, notification);
    }
}

static void start_with_context (SitrepApplication *self);

/* Everything that hangs on the context goes with it, so that Move Aside
 * can start again on a fresh database: its windows are closed by then. */
void
_sitrep_application_stop_context (SitrepApplication *self)
{
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_signal_handler (&self->window_added_id, self);
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_handle_id (&self->conflicts_idle_id, g_source_remove);
  g_clear_handle_id (&self->load_all_id, g_source_remove);
  g_hash_table_remove_all (self->conflicts_put_off);
  g_clear_object (&self->notifier);
  if (self->held)
    {
      self->held = FALSE;
      g_application_release (G_APPLICATION (self));
    }
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->demo_id, g_free);
  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->context, self);
      g_signal_handlers_disconnect_by_data (sitrep_context_get_store (self->context), self);
      g_signal_handlers_disconnect_by_data (sitrep_context_get_sync_engine (self->context),
                                            self);
    }
  g_clear_object (&self->context);
}


/* The local database's file, as the context opens it. */
static char *
database_path (SitrepApplication *self)
{
  g_autofree char *dir = NULL;

  if (self->data_dir != NULL && self->data_dir[0] != '\0')
    dir = g_canonicalize_filename (self->data_dir, NULL);
  else
    dir = g_build_filename (g_get_user_data_dir (), "sitrep", NULL);
  return g_build_filename (dir, "sitrep.db", NULL);
}

/* How many incidents fill the sidebar of the window about to open: from
 * the height it is restored to, or the largest monitor's when maximized. */
static guint
first_screen_incidents (void)
{
  GSettingsSchema *schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                                             APPLICATION_ID, TRUE);
  g_autoptr(GSettings) settings = NULL;
  int height;

  if (schema == NULL)
    return FIRST_SCREEN_INCIDENTS_DEFAULT;
  g_settings_schema_unref (schema);

  settings = g_settings_new (APPLICATION_ID);
  height = g_settings_get_int (settings, "window-height");
  if (g_settings_get_boolean (settings, "window-maximized") && gdk_display_get_default () != NULL)
    {
      GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());

      for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
        {
          g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
          GdkRectangle geometry;

          gdk_monitor_get_geometry (monitor, &geometry);
          height = MAX (height, geometry.height);
        }
    }
  return (guint) CLAMP (height / INCIDENT_ROW_MIN_HEIGHT + 2, 8, 200);
}

/* Opens the local database; when it cannot be, says so on stderr (one
 * line) and keeps the reason for the dialog activation shows. */
static gboolean
open_context (SitrepApplication *self)
{
  g_clear_error (&self->open_error);
  /* The sidebar's first screen: the rest come after the first frame.
   * Without the page check, which grows with the file: it runs in a
   * worker thread once the window is up (_sitrep_application_on_window_added()). */
  self->context = sitrep_context_new_first_unchecked (self->data_dir, first_screen_incidents (),
                                                      &self->open_error);
  if (self->context == NULL)
    {
      g_printerr ("sitrep: %s\n", self->open_error->message);
      self->exit_status = 1;
      return FALSE;
    }

  self->exit_status = 0;
  start_with_context (self);
  return TRUE;
}

static void
on_database_response (SitrepApplication *self,
                      const char        *response,
                      GtkWidget         *dialog)
{
  g_autofree char *path =
    g_strdup (sitrep_database_dialog_get_path (SITREP_DATABASE_DIALOG (dialog)));
  g_autofree char *moved = NULL;
  g_autoptr(GError) error = NULL;

  self->database_dialog = NULL;
  g_signal_handlers_disconnect_by_data (dialog, self);
  gtk_window_destroy (GTK_WINDOW (dialog));

  if (!g_str_equal (response, "move-aside"))
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }

  moved = sitrep_store_move_aside (path, &error);
  if (moved == NULL)
    {
      g_printerr ("sitrep: %s\n", error->message);
      g_clear_error (&self->open_error);
      self->open_error = g_steal_pointer (&error);
    }
  else if (open_context (self))
    {
      SitrepWindow *window = _sitrep_application_new_window (self);

      if (self->demo_id != NULL)
        sitrep_window_select_incident (window, self->demo_id);
      return;
    }

  _sitrep_application_show_database_dialog (self);
}

/* What is wrong with the local database, as the dialog's heading says it. */
static const char *
database_heading (const GError *error)
{
  if (error != NULL && error->domain == SITREP_STORE_ERROR)
    switch (error->code)
      {
      case SITREP_STORE_ERROR_CORRUPT:
        return _("The Database Is Damaged");
      case SITREP_STORE_ERROR_UNREADABLE:
        return _("The Database Cannot Be Read");
      case SITREP_STORE_ERROR_READ_ONLY:
        return _("The Database Cannot Be Written");
      case SITREP_STORE_ERROR_FULL:
        return _("The Disk Is Full");
      case SITREP_STORE_ERROR_TOO_NEW:
        return _("The Database Is From a Newer Sitrep");
      case SITREP_STORE_ERROR_IN_USE:
        return _("The Database Is Already Open");
      default:
        break;
      }
  return _("The Database Cannot Be Opened");
}

/* Instead of the window: what is wrong with the database, and the ways on. */
void
_sitrep_application_show_database_dialog (SitrepApplication *self)
{
  g_autofree char *path = NULL;

  if (self->database_dialog == NULL)
    {
      path = database_path (self);
      self->database_dialog = sitrep_database_dialog_new (GTK_APPLICATION (self), path,
                                                          database_heading (self->open_error),
                                                          self->open_error,
                                                          g_error_matches (self->open_error,
                                                                           SITREP_STORE_ERROR,
                                                                           SITREP_STORE_ERROR_IN_USE));
      g_signal_connect_object (self->database_dialog, "response",
                               G_CALLBACK (on_database_response), self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self->database_dialog));
}

/* Reads the icon theme's index in a worker thread, so the first window's
 * icons find it read: GtkApplication's startup has just added the app's
 * resource icons, which makes GTK read the theme again, otherwise in the
 * main thread on the first icon the window shows. GtkIconTheme takes its
 * own lock for every lookup. */
static void
read_icon_theme (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  gtk_icon_theme_has_icon (task_data, "open-menu-symbolic");
  g_task_return_boolean (task, TRUE);
}

static void
read_icon_theme_soon (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GTask) task = NULL;

  if (display == NULL)
    return;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (gtk_icon_theme_get_for_display (display)),
                        g_object_unref);
  g_task_run_in_thread (task, read_icon_theme);
}

static void
sitrep_application_startup (GApplication *application)
{
  SitrepApplication *self = SITREP_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.new-window", { "<Control><Shift>n", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.settle-conflicts", { "<Control><Shift>e", NULL } },
    { "win.declare", { "<Control>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (sitrep_application_parent_class)->startup (application);
  read_icon_theme_soon ();
  /* F1, in every window and dialog, for the help of what it shows. */
  sitrep_help_watch_windows ();

  _sitrep_application_add_actions (self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  open_context (self);
}

/* The rest of the start-up, once the database is open. */
static void
start_with_context (SitrepApplication *self)
{
  g_autoptr(GError) error = NULL;

  {
    GSettingsSchema *schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                                               APPLICATION_ID, TRUE);

    if (schema != NULL)
      {
        g_autofree char *handle = NULL;

        self->settings = g_settings_new (APPLICATION_ID);
        handle = g_settings_get_string (self->settings, "user-handle");
        sitrep_context_set_user (self->context, handle);
        g_settings_schema_unref (schema);
      }
  }

  self->window_added_id = g_signal_connect (self, "window-added", G_CALLBACK (_sitrep_application_on_window_added),
                                            NULL);
  g_signal_connect_object (self->context, "conflicts-changed",
                           G_CALLBACK (_sitrep_application_on_conflicts_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sitrep_context_get_store (self->context), "changed",
                           G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sitrep_context_get_sync_engine (self->context),
                           "notify::skipped-records", G_CALLBACK (on_records_skipped), self,
                           G_CONNECT_SWAPPED);
  start_notifier (self);
  connect_to_server (self);
  _sitrep_application_on_conflicts_changed (self);

  if (self->demo)
    {
      self->demo_id = sitrep_context_add_demo (self->context, &error);
      if (error != NULL)
        g_printerr ("sitrep: could not add the demo incident: %s\n", error->message);
    }
}

static void
sitrep_application_shutdown (GApplication *application)
{
  SitrepApplication *self = SITREP_APPLICATION (application);

  /* Reminders whose buttons nobody would answer come off the screen. */
  g_clear_object (&self->notifier);

  G_APPLICATION_CLASS (sitrep_application_parent_class)->shutdown (application);
}

static void
sitrep_application_dispose (GObject *object)
{
  SitrepApplication *self = SITREP_APPLICATION (object);

  g_clear_handle_id (&self->conflicts_idle_id, g_source_remove);
  g_clear_handle_id (&self->load_all_id, g_source_remove);
  g_clear_handle_id (&self->check_id, g_source_remove);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_pointer (&self->conflicts_put_off, g_hash_table_unref);
  g_clear_object (&self->notifier);
  g_clear_object (&self->background);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sitrep_application_parent_class)->dispose (object);
}

static void
sitrep_application_finalize (GObject *object)
{
  SitrepApplication *self = SITREP_APPLICATION (object);

  g_free (self->data_dir);
  g_free (self->demo_id);
  g_clear_error (&self->open_error);

  G_OBJECT_CLASS (sitrep_application_parent_class)->finalize (object);
}

static void
sitrep_application_class_init (SitrepApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sitrep_application_dispose;
  object_class->finalize = sitrep_application_finalize;
  app_class->activate = sitrep_application_activate;
  app_class->startup = sitrep_application_startup;
  app_class->handle_local_options = sitrep_application_handle_local_options;
  app_class->shutdown = sitrep_application_shutdown;
}

static void
sitrep_application_init (SitrepApplication *self)
{
  self->conflicts_put_off = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * sitrep_application_new:
 * @data_dir: (nullable): the local database's folder, %NULL for the default
 * @demo: add the guide's example incident to an empty store
 *
 * A separate data folder is a separate workspace, so such an instance does
 * not hand itself over to one already running on the default folder.
 *
 * Returns: (transfer full): the application
 */
SitrepApplication *
sitrep_application_new (const char *data_dir,
                        gboolean    demo)
{
  SitrepApplication *self;

  self = g_object_new (SITREP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", data_dir ? G_APPLICATION_NON_UNIQUE : G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
  self->data_dir = g_strdup (data_dir);
  self->demo = demo;

  return self;
}

/**
 * sitrep_application_set_wall:
 * @wall: whether the first window is the wall view
 *
 * Before the application runs: it opens the wall view (sitrep --wall)
 * instead of the workspace window.
 */
void
sitrep_application_set_wall (SitrepApplication *self,
                             gboolean           wall)
{
  g_return_if_fail (SITREP_IS_APPLICATION (self));

  self->wall = wall;
}

/**
 * sitrep_application_set_new_incident:
 * @new_incident: whether to open the declare dialog
 *
 * Before the application runs: it opens the declare dialog over the
 * window (sitrep --new-incident), or has the running instance open it.
 */
void
sitrep_application_set_new_incident (SitrepApplication *self,
                                     gboolean           new_incident)
{
  g_return_if_fail (SITREP_IS_APPLICATION (self));

  self->new_incident = new_incident;
}

/**
 * sitrep_application_get_context:
 *
 * Returns: (transfer none) (nullable): the context, once started
 */
SitrepContext *
sitrep_application_get_context (SitrepApplication *self)
{
  g_return_val_if_fail (SITREP_IS_APPLICATION (self), NULL);

  return self->context;
}

/**
 * sitrep_application_get_exit_status:
 *
 * Returns: 1 when the application ends without the local database open
 *   (the user chose to quit rather than start fresh), else 0
 */
int
sitrep_application_get_exit_status (SitrepApplication *self)
{
  g_return_val_if_fail (SITREP_IS_APPLICATION (self), 1);

  return self->exit_status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-application"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-application.h"
#include "sitrep-window.h"

struct _SitrepApplication
{
  AdwApplication  parent_instance;

  char           *data_dir;
  gboolean        demo;
  char           *demo_id;
  SitrepContext  *context;
};

G_DEFINE_FINAL_TYPE (SitrepApplication, sitrep_application, ADW_TYPE_APPLICATION)

static SitrepWindow *
new_window (SitrepApplication *self)
{
  SitrepWindow *window = sitrep_window_new (ADW_APPLICATION (self), self->context);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
sitrep_application_activate (GApplication *application)
{
  SitrepApplication *self = SITREP_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (new_window (self));
      if (self->demo_id != NULL)
        sitrep_window_select_incident (SITREP_WINDOW (window), self->demo_id);
    }

  gtk_window_present (window);
}

static void
new_window_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  new_window (SITREP_APPLICATION (user_data));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing each window first lets it save its state. */
  for (GList *l = g_list_copy (windows), *iter = l; iter != NULL; iter = iter->next)
    {
      gtk_window_close (iter->data);
      if (iter->next == NULL)
        g_list_free (l);
    }

  g_application_quit (G_APPLICATION (user_data));
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_uri (window, "help:sitrep", GDK_CURRENT_TIME);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  static const char *developers[] = { "The Sitrep developers", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (window,
                         "application-name", _("Sitrep"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Sitrep developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Run incidents from your desktop: roles, the IC checklist, "
                                       "a live timeline and update reminders, online or not"),
                         "website", "https://github.com/sitrep/sitrep",
                         "issue-url", "https://github.com/sitrep/sitrep/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "copyright", "© 2026 The Sitrep developers",
                         NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "new-window", .activate = new_window_activated },
  { .name = "quit", .activate = quit_activated },
  { .name = "help", .activate = help_activated },
  { .name = "about", .activate = about_activated },
};

static void
sitrep_application_startup (GApplication *application)
{
  SitrepApplication *self = SITREP_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.new-window", { "<Control><Shift>n", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "app.help", { "F1", NULL } },
    { "win.declare", { "<Control>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (sitrep_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  self->context = sitrep_context_new (self->data_dir, &error);
  if (self->context == NULL)
    {
      g_printerr ("sitrep: %s\n", error->message);
      g_application_quit (application);
      return;
    }

  if (self->demo)
    {
      self->demo_id = sitrep_context_add_demo (self->context, &error);
      if (error != NULL)
        g_printerr ("sitrep: could not add the demo incident: %s\n", error->message);
    }
}

static void
sitrep_application_dispose (GObject *object)
{
  SitrepApplication *self = SITREP_APPLICATION (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (sitrep_application_parent_class)->dispose (object);
}

static void
sitrep_application_finalize (GObject *object)
{
  SitrepApplication *self = SITREP_APPLICATION (object);

  g_free (self->data_dir);
  g_free (self->demo_id);

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
}

static void
sitrep_application_init (SitrepApplication *self)
{
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

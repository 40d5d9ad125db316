/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-application-actions.c: the application's actions (app.*), those
 * of the main menu, of the notifications' buttons and of the desktop
 * file's actions */
#define G_LOG_DOMAIN "sitrep-application"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-application-private.h"
#include "sitrep-help.h"
#include "sitrep-preferences-window.h"
#include "sitrep-snooze-dialog.h"
#include "sitrep-wall-window.h"
#include "sitrep-window-private.h"

/* sitrep --wall and sitrep --new-incident, given while the app runs: the
 * starting instance has them activate these actions in the running one
 * (handle_local_options), from the desktop file's actions too. */
static void
wall_view_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  SitrepApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->context == NULL)
    return;
  /* The wall selects the window's incident, as the window's menu has it. */
  if (SITREP_IS_WINDOW (window))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.wall-view", NULL);
      return;
    }
  sitrep_context_load_all_incidents (self->context);
  sitrep_wall_window_open (ADW_APPLICATION (self), self->context, NULL);
}

static void
new_incident_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  SitrepApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->context == NULL)
    return;
  if (!SITREP_IS_WINDOW (window))
    window = GTK_WINDOW (_sitrep_application_new_window (self));
  gtk_window_present (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.declare", NULL);
}


static void
new_window_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  _sitrep_application_new_window (SITREP_APPLICATION (user_data));
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
  sitrep_help_show (gtk_application_get_active_window (GTK_APPLICATION (user_data)));
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

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  SitrepApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->context == NULL)
    return;
  gtk_window_present (GTK_WINDOW (sitrep_preferences_window_new (window, self->context)));
}

/* The window in use, or a new one: a notification's button may be pressed
 * after the last window was closed while the clocks kept running. */
static SitrepWindow *
raise_window (SitrepApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (_sitrep_application_new_window (self));
  gtk_window_present (window);
  return SITREP_WINDOW (window);
}

static void
show_incident_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  SitrepApplication *self = user_data;

  if (self->context == NULL)
    return;
  sitrep_window_select_incident (raise_window (self), g_variant_get_string (parameter, NULL));
}

static void
compose_update_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  SitrepApplication *self = user_data;
  g_autofree char *incident_id = NULL;
  SitrepAudience audience;

  if (self->context == NULL ||
      !sitrep_deadline_target_parse (g_variant_get_string (parameter, NULL), &incident_id,
                                     &audience))
    return;

  sitrep_window_compose (raise_window (self), incident_id, audience);
}

static void
snooze_update_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  SitrepApplication *self = user_data;
  g_autofree char *incident_id = NULL;
  SitrepAudience audience;
  SitrepWindow *window;

  if (self->context == NULL ||
      !sitrep_deadline_target_parse (g_variant_get_string (parameter, NULL), &incident_id,
                                     &audience) ||
      sitrep_context_lookup_incident (self->context, incident_id) == NULL)
    return;

  window = raise_window (self);
  sitrep_window_select_incident (window, incident_id);
  gtk_window_present (GTK_WINDOW (sitrep_snooze_dialog_new (GTK_WINDOW (window), self->context,
                                                            self->notifier, incident_id,
                                                            audience)));
}

static const GActionEntry app_actions[] = {
  { .name = "settle-conflicts", .activate = _sitrep_application_settle_conflicts },
  { .name = "show-incident", .activate = show_incident_activated, .parameter_type = "s" },
  { .name = "compose-update", .activate = compose_update_activated, .parameter_type = "s" },
  { .name = "snooze-update", .activate = snooze_update_activated, .parameter_type = "s" },
  { .name = "preferences", .activate = preferences_activated },
  { .name = "new-window", .activate = new_window_activated },
  { .name = "new-incident", .activate = new_incident_activated },
  { .name = "wall-view", .activate = wall_view_activated },
  { .name = "quit", .activate = quit_activated },
  { .name = "help", .activate = help_activated },
  { .name = "about", .activate = about_activated },
};

void
_sitrep_application_add_actions (SitrepApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
}

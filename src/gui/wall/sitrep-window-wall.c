/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-window"

#include "config.h"

#include "sitrep-wall-window.h"
#include "sitrep-window-private.h"

/* The window's way to the wall view: the main menu and Ctrl+Shift+W; the
 * wall selects the window's incident. */

static void
wall_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SitrepWindow *self = SITREP_WINDOW (widget);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (application != NULL)
    sitrep_wall_window_open (ADW_APPLICATION (application), self->context,
                             self->incident != NULL ? sitrep_incident_get_id (self->incident)
                                                    : NULL);
}

void
_sitrep_window_class_init_wall (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.wall-view", NULL, wall_view_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.wall-view", NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-window"

#include "config.h"

#include "sitrep-reports-window.h"
#include "sitrep-window-private.h"

/* The window's way to the Reports window: the main menu and Ctrl+R. */

#define REPORTS_KEY "sitrep-reports-window"

/* A notable incident clicked: shown here, in front. */
static void
on_open_incident (SitrepWindow *self,
                  const char   *incident_id)
{
  if (sitrep_window_select_incident (self, incident_id))
    gtk_window_present (GTK_WINDOW (self));
}

static void
on_reports_destroy (SitrepWindow *self)
{
  g_object_set_data (G_OBJECT (self), REPORTS_KEY, NULL);
}

/**
 * _sitrep_window_open_reports:
 *
 * Returns: (transfer none): the Reports window, shown; one per window,
 *   until it is closed
 */
GtkWindow *
_sitrep_window_open_reports (SitrepWindow *self)
{
  SitrepReportsWindow *reports = g_object_get_data (G_OBJECT (self), REPORTS_KEY);

  if (reports == NULL)
    {
      reports = sitrep_reports_window_new (GTK_WINDOW (self), self->context);
      g_object_set_data (G_OBJECT (self), REPORTS_KEY, reports);
      g_signal_connect_object (reports, "open-incident", G_CALLBACK (on_open_incident), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (reports, "destroy", G_CALLBACK (on_reports_destroy), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (reports));
  return GTK_WINDOW (reports);
}

static void
reports_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _sitrep_window_open_reports (SITREP_WINDOW (widget));
}

void
_sitrep_window_class_init_reports (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.reports", NULL, reports_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.reports", NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-window"

#include "config.h"

#include "sitrep-action-items-window.h"
#include "sitrep-incident-action-items-window.h"
#include "sitrep-window-private.h"

/* The window's ways to the action items: the Action Items view (the main
 * menu, Ctrl+Shift+A, the header's count of my overdue ones) and one
 * incident's items ("Make Action Item" in a timeline entry's menu). */

#define VIEW_KEY "sitrep-action-items-view"

static void
on_view_destroy (SitrepWindow *self)
{
  g_object_set_data (G_OBJECT (self), VIEW_KEY, NULL);
}

/* One view per window, until it is closed. */
static SitrepActionItemsWindow *
present_view (SitrepWindow *self)
{
  SitrepActionItemsWindow *view = g_object_get_data (G_OBJECT (self), VIEW_KEY);

  if (view == NULL)
    {
      view = sitrep_action_items_window_new (GTK_WINDOW (self), self->context);
      g_object_set_data (G_OBJECT (self), VIEW_KEY, view);
      g_signal_connect_object (view, "destroy", G_CALLBACK (on_view_destroy), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (view));
  return view;
}

static void
action_items_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  present_view (SITREP_WINDOW (widget));
}

/* From the header's count: my items that are not done. */
static void
my_overdue_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SitrepActionItemsWindow *view = present_view (SITREP_WINDOW (widget));

  sitrep_action_items_window_set_owner (view, SITREP_ACTION_ITEMS_MINE);
  sitrep_action_items_window_set_status (view, SITREP_ACTION_ITEMS_OPEN);
}

static void
make_action_item_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SitrepWindow *self = SITREP_WINDOW (widget);
  const char *incident_id, *text;

  g_variant_get (parameter, "(&s&s)", &incident_id, &text);
  sitrep_incident_action_items_window_present (GTK_WINDOW (self), self->context, incident_id, text);
}

/**
 * _sitrep_window_open_action_items:
 *
 * Returns: (transfer none): the Action Items view, shown
 */
GtkWindow *
_sitrep_window_open_action_items (SitrepWindow *self)
{
  return GTK_WINDOW (present_view (self));
}

/* Ctrl+Shift+A, caught before the focused widget sees it: a text field
 * (the timeline's capture line, where the scribe lives) would take it for
 * "select none" and the action items would not open. */
void
_sitrep_window_init_action_items (SitrepWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_a,
                                                                                  GDK_CONTROL_MASK |
                                                                                  GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.action-items")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
_sitrep_window_class_init_action_items (GtkWidgetClass *widget_class)
{
  g_type_ensure (SITREP_TYPE_OVERDUE_BADGE);

  gtk_widget_class_install_action (widget_class, "win.action-items", NULL, action_items_action);
  gtk_widget_class_install_action (widget_class, "win.my-overdue-action-items", NULL,
                                   my_overdue_action);
  gtk_widget_class_install_action (widget_class, "win.make-action-item", "(ss)",
                                   make_action_item_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.action-items", NULL);
}

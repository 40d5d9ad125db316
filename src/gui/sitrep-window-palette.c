/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-window"

#include "config.h"

#include "sitrep-command-palette.h"
#include "sitrep-help.h"
#include "sitrep-window-private.h"

/* The window's command palette: the header's button and Ctrl+K. It acts
 * on the incident the window shows. */

static GtkMenuButton *
palette_button (SitrepWindow *self)
{
  return GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self), SITREP_TYPE_WINDOW,
                                                         "palette_button"));
}

/**
 * _sitrep_window_get_palette:
 *
 * Returns: (transfer none): the window's command palette
 */
SitrepCommandPalette *
_sitrep_window_get_palette (SitrepWindow *self)
{
  return SITREP_COMMAND_PALETTE (gtk_menu_button_get_popover (palette_button (self)));
}

static void
command_palette_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SitrepWindow *self = SITREP_WINDOW (widget);

  /* The button is in the content's header: a folded window shows it first. */
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  gtk_menu_button_popup (palette_button (self));
}

/* A viewer's token runs no command: the button and Ctrl+K are off. */
static void
update_can_edit (SitrepWindow *self)
{
  gboolean can_edit = sitrep_context_get_can_edit (self->context);

  gtk_widget_set_sensitive (GTK_WIDGET (palette_button (self)), can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.command-palette", can_edit);
  if (!can_edit)
    gtk_popover_popdown (GTK_POPOVER (_sitrep_window_get_palette (self)));
}

void
_sitrep_window_init_palette (SitrepWindow *self)
{
  SitrepCommandPalette *palette = _sitrep_window_get_palette (self);

  sitrep_command_palette_set_context (palette, self->context);
  /* The palette holds the keys while it is open: F1 there is its own. */
  sitrep_help_add_shortcut (GTK_WIDGET (palette));
  g_object_bind_property (self, "incident", palette, "incident", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->context, "notify::can-edit", G_CALLBACK (update_can_edit), self,
                           G_CONNECT_SWAPPED);
  update_can_edit (self);
}

void
_sitrep_window_class_init_palette (GtkWidgetClass *widget_class)
{
  g_type_ensure (SITREP_TYPE_COMMAND_PALETTE);
  gtk_widget_class_bind_template_child_full (widget_class, "palette_button", FALSE, 0);
  gtk_widget_class_install_action (widget_class, "win.command-palette", NULL,
                                   command_palette_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK,
                                       "win.command-palette", NULL);
}

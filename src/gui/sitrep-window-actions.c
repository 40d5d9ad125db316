/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-window-private.h"

/* The window's actions: pages, declaring, searching, composing an update;
 * and their shortcuts. */

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepWindow *self = SITREP_WINDOW (widget);

  if (self->incident == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->pages, g_variant_get_string (parameter, NULL));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Alt+1…5: the pages in the stack's order. */
static void
page_nth_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SitrepWindow *self = SITREP_WINDOW (widget);
  g_autoptr(GtkSelectionModel) pages = NULL;
  g_autoptr(AdwViewStackPage) page = NULL;
  guint n = g_variant_get_uint32 (parameter);

  if (self->incident == NULL)
    return;

  pages = adw_view_stack_get_pages (self->pages);
  if (n == 0 || n > g_list_model_get_n_items (G_LIST_MODEL (pages)))
    return;

  page = g_list_model_get_item (G_LIST_MODEL (pages), n - 1);
  adw_view_stack_set_visible_child (self->pages, adw_view_stack_page_get_child (page));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_declared (SitrepWindow *self,
             const char   *id)
{
  SitrepIncident *incident;
  g_autofree char *message = NULL;

  sitrep_window_select_incident (self, id);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  incident = sitrep_context_lookup_incident (self->context, id);
  if (incident != NULL)
    {
      /* Translators: a toast, %s is the incident's title */
      message = g_strdup_printf (_("Declared “%s”"), sitrep_incident_get_title (incident));
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
}

static void
declare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SitrepWindow *self = SITREP_WINDOW (widget);

  if (self->declare_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->declare_dialog));
      return;
    }

  self->declare_dialog = sitrep_declare_dialog_new (GTK_WINDOW (self), self->context);
  g_object_add_weak_pointer (G_OBJECT (self->declare_dialog), (gpointer *) &self->declare_dialog);
  g_signal_connect_object (self->declare_dialog, "declared", G_CALLBACK (on_declared), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->declare_dialog));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SitrepWindow *self = SITREP_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_toggle_button_set_active (self->search_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  adw_leaflet_navigate (SITREP_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/**
 * sitrep_window_compose:
 *
 * Shows the composer for an update of @incident_id to @audience.
 *
 * Returns: whether the incident was found
 */
gboolean
sitrep_window_compose (SitrepWindow   *self,
                       const char     *incident_id,
                       SitrepAudience  audience)
{
  g_return_val_if_fail (SITREP_IS_WINDOW (self), FALSE);

  if (!sitrep_window_select_incident (self, incident_id))
    return FALSE;

  adw_view_stack_set_visible_child_name (self->pages, "comms");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  sitrep_comms_page_compose (_sitrep_window_get_comms (self), audience);
  return TRUE;
}

static void
compose_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  const char *incident_id, *audience_name;
  SitrepAudience audience;

  g_variant_get (parameter, "(&s&s)", &incident_id, &audience_name);
  if (!sitrep_audience_from_string (audience_name, &audience))
    audience = SITREP_AUDIENCE_STAKEHOLDERS;
  sitrep_window_compose (SITREP_WINDOW (widget), incident_id, audience);
}

/* Ctrl+?: the shortcuts window. GtkApplication would build it for every
 * new window from gtk/help-overlay.ui, which is a twentieth of a second of
 * the start; it is built the first time someone asks for it instead. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/sitrep/Sitrep/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

/* What the window offers follows what there is: no page to switch to
 * without an incident, no edit a viewer's token could keep. */
void
_sitrep_window_update_actions (SitrepWindow *self)
{
  gboolean can_edit = sitrep_context_get_can_edit (self->context);
  gboolean has_incident = self->incident != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.page", has_incident);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.page-nth", has_incident);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.declare", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compose", can_edit);
}

void
_sitrep_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.declare", NULL, declare_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.page", "s", page_action);
  gtk_widget_class_install_action (widget_class, "win.page-nth", "u", page_nth_action);
  gtk_widget_class_install_action (widget_class, "win.compose", "(ss)", compose_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
  _sitrep_window_class_init_action_items (widget_class);
  _sitrep_window_class_init_reports (widget_class);

  /* Alt+1…5: the first five pages, in the stack's order. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.page-nth", "u", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.page-nth", "u", 2);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.page-nth", "u", 3);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK,
                                       "win.page-nth", "u", 4);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK,
                                       "win.page-nth", "u", 5);
  /* The sixth page, the postmortem. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_6, GDK_ALT_MASK,
                                       "win.page-nth", "u", 6);
}

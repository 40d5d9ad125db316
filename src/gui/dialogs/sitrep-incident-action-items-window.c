/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-action-items"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-action-items-group.h"
#include "sitrep-incident-action-items-window.h"

/* One incident's action items in a window of their own: what "Make Action
 * Item" in the timeline and Ctrl+E in the Action Items view open. The
 * incident's title is in the header; the list and the form are the
 * postmortem's own group. */
struct _SitrepIncidentActionItemsWindow
{
  AdwWindow        parent_instance;

  SitrepContext   *context;
  char            *incident_id;
  SitrepWorkspace *workspace;
  GtkWidget       *group;

  AdwWindowTitle  *window_title;
  GtkBox          *slot;
};

G_DEFINE_FINAL_TYPE (SitrepIncidentActionItemsWindow, sitrep_incident_action_items_window, ADW_TYPE_WINDOW)

static void
update_title (SitrepIncidentActionItemsWindow *self)
{
  SitrepIncident *incident = sitrep_workspace_get_incident (self->workspace);
  g_autofree char *ref = incident ? sitrep_incident_dup_display_ref (incident) : NULL;
  g_autofree char *subtitle = NULL;

  if (incident == NULL)
    {
      adw_window_title_set_subtitle (self->window_title, _("The incident was deleted"));
      gtk_widget_set_sensitive (self->group, FALSE);
      return;
    }

  /* Translators: the incident's reference and title */
  subtitle = g_strdup_printf (_("%s · %s"), ref, sitrep_incident_get_title (incident));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), subtitle);
}

static void
sitrep_incident_action_items_window_dispose (GObject *object)
{
  SitrepIncidentActionItemsWindow *self = SITREP_INCIDENT_ACTION_ITEMS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_INCIDENT_ACTION_ITEMS_WINDOW);
  g_clear_object (&self->workspace);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sitrep_incident_action_items_window_parent_class)->dispose (object);
}

static void
sitrep_incident_action_items_window_finalize (GObject *object)
{
  g_free (SITREP_INCIDENT_ACTION_ITEMS_WINDOW (object)->incident_id);

  G_OBJECT_CLASS (sitrep_incident_action_items_window_parent_class)->finalize (object);
}

static void
sitrep_incident_action_items_window_class_init (SitrepIncidentActionItemsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_incident_action_items_window_dispose;
  object_class->finalize = sitrep_incident_action_items_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/sitrep-incident-action-items-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentActionItemsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentActionItemsWindow, slot);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sitrep_incident_action_items_window_init (SitrepIncidentActionItemsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/**
 * sitrep_incident_action_items_window_present:
 * @description: (nullable): a description to start a new item from, e.g.
 *   a timeline entry's text
 *
 * Shows the incident's action items, the form filled with @description
 * and focused when one is given. One window per incident and parent.
 *
 * Returns: (transfer none): the window
 */
SitrepIncidentActionItemsWindow *
sitrep_incident_action_items_window_present (GtkWindow     *parent,
                                             SitrepContext *context,
                                             const char    *incident_id,
                                             const char    *description)
{
  g_autofree char *key = g_strconcat ("sitrep-action-items:", incident_id, NULL);
  GWeakRef *open = parent ? g_object_get_data (G_OBJECT (parent), key) : NULL;
  g_autoptr(SitrepIncidentActionItemsWindow) shown = open ? g_weak_ref_get (open) : NULL;
  SitrepIncidentActionItemsWindow *self = shown;

  g_return_val_if_fail (SITREP_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);

  if (self == NULL)
    {
      self = g_object_new (SITREP_TYPE_INCIDENT_ACTION_ITEMS_WINDOW,
                           "transient-for", parent,
                           "application", parent ? gtk_window_get_application (parent) : NULL,
                           NULL);
      self->context = g_object_ref (context);
      self->incident_id = g_strdup (incident_id);
      self->workspace = sitrep_context_open_workspace (context, incident_id);
      self->group = sitrep_action_items_group_new (context);
      sitrep_action_items_group_set_workspace (SITREP_ACTION_ITEMS_GROUP (self->group),
                                               self->workspace);
      gtk_box_append (self->slot, self->group);
      g_object_bind_property (context, "can-edit", self->group, "sensitive", G_BINDING_SYNC_CREATE);
      g_signal_connect_object (self->workspace, "notify::incident", G_CALLBACK (update_title), self,
                               G_CONNECT_SWAPPED);
      update_title (self);
      if (parent != NULL)
        {
          /* The parent's window for the incident, until it is closed. */
          open = g_new0 (GWeakRef, 1);
          g_weak_ref_init (open, self);
          g_object_set_data_full (G_OBJECT (parent), key, open, free_weak_ref);
        }
    }

  if (description != NULL)
    sitrep_action_items_group_start_add (SITREP_ACTION_ITEMS_GROUP (self->group), description);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * sitrep_incident_action_items_window_get_group:
 *
 * Returns: (transfer none): the #SitrepActionItemsGroup it shows
 */
GtkWidget *
sitrep_incident_action_items_window_get_group (SitrepIncidentActionItemsWindow *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_ACTION_ITEMS_WINDOW (self), NULL);

  return self->group;
}

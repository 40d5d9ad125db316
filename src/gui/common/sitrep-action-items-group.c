/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-action-items"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-action-item-row.h"
#include "sitrep-action-items-group-private.h"
#include "sitrep-action-items.h"
#include "sitrep-combo-labels.h"
#include "sitrep-gui-util.h"

/* One incident's action items: the list, each row changed in place, and
 * the form that adds one (description, type, owner — me unless changed —
 * and due date). The postmortem page shows it; so does the incident's
 * Action Items window. What the workspace refuses is said under the form,
 * and what was typed stays. */
struct _SitrepActionItemsGroup
{
  GtkWidget        parent_instance;

  SitrepContext   *context;
  SitrepWorkspace *workspace;
  SitrepActionItem *deleted;     /* the last one deleted, for Ctrl+Z */

  GtkListBox      *list;
  AdwEntryRow     *description_row;
  AdwComboRow     *type_row;
  AdwEntryRow     *owner_row;
  AdwEntryRow     *due_row;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (SitrepActionItemsGroup, sitrep_action_items_group, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (SitrepActionItemsGroup *self,
            const char             *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_row_failed (SitrepActionItemsGroup *self,
               const char             *message)
{
  show_error (self, message);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepActionItemsGroup *self = SITREP_ACTION_ITEMS_GROUP (widget);
  g_autoptr(SitrepActionItem) item = g_steal_pointer (&self->deleted);
  g_autoptr(GError) error = NULL;

  gtk_widget_action_set_enabled (widget, "action-items.undo", FALSE);
  if (item != NULL && self->context != NULL &&
      !sitrep_context_restore (self->context, SITREP_RECORD_OBJECT (item), &error))
    show_error (self, error->message);
}

static void
on_undo_clicked (SitrepActionItemsGroup *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "action-items.undo", NULL);
}

/* Deleted from its row: kept for Ctrl+Z and the toast's Undo. */
static void
on_row_deleted (SitrepActionItemsGroup *self,
                SitrepActionItem       *item)
{
  AdwToast *toast;

  g_set_object (&self->deleted, item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "action-items.undo", TRUE);

  toast = adw_toast_new (_("Action item deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked), self,
                           G_CONNECT_SWAPPED);
  sitrep_widget_show_toast (GTK_WIDGET (self), toast);
}

static GtkWidget *
create_row (gpointer item,
            gpointer data)
{
  SitrepActionItemsGroup *self = data;
  GtkWidget *row = sitrep_action_item_row_new (self->workspace, item);

  g_signal_connect_object (row, "failed", G_CALLBACK (on_row_failed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "deleted", G_CALLBACK (on_row_deleted), self, G_CONNECT_SWAPPED);
  return row;
}

static void
reset_form (SitrepActionItemsGroup *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->due_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->owner_row),
                         self->context ? sitrep_context_get_user (self->context) : "");
  adw_combo_row_set_selected (self->type_row, SITREP_ACTION_PREVENT);
  show_error (self, NULL);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SitrepActionItemsGroup *self = SITREP_ACTION_ITEMS_GROUP (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint type = adw_combo_row_get_selected (self->type_row);

  if (self->workspace == NULL)
    return;

  id = sitrep_workspace_add_action_item (self->workspace,
                                         gtk_editable_get_text (GTK_EDITABLE (self->description_row)),
                                         type <= SITREP_ACTION_RESPOND ? (SitrepActionType) type
                                                                       : SITREP_ACTION_PREVENT,
                                         gtk_editable_get_text (GTK_EDITABLE (self->owner_row)),
                                         gtk_editable_get_text (GTK_EDITABLE (self->due_row)),
                                         &error);
  if (id == NULL)
    {
      show_error (self, error->message);
      return;
    }

  reset_form (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->description_row));
}

static void
on_entry_activated (SitrepActionItemsGroup *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "action-items.add", NULL);
}

static void
sitrep_action_items_group_dispose (GObject *object)
{
  SitrepActionItemsGroup *self = SITREP_ACTION_ITEMS_GROUP (object);
  GtkWidget *child;

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_ACTION_ITEMS_GROUP);
  /* The template's children that are not bound go too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->deleted);
  g_clear_object (&self->workspace);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sitrep_action_items_group_parent_class)->dispose (object);
}

static void
sitrep_action_items_group_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  SitrepActionItemsGroup *self = SITREP_ACTION_ITEMS_GROUP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_action_items_group_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  SitrepActionItemsGroup *self = SITREP_ACTION_ITEMS_GROUP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      if (self->context != NULL)
        reset_form (self);
      break;
    case PROP_WORKSPACE:
      sitrep_action_items_group_set_workspace (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_action_items_group_class_init (SitrepActionItemsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_action_items_group_dispose;
  object_class->get_property = sitrep_action_items_group_get_property;
  object_class->set_property = sitrep_action_items_group_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SitrepActionItemsGroup:workspace:
   *
   * The incident whose items are shown; %NULL shows none.
   */
  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, SITREP_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/sitrep-action-items-group.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemsGroup, list);
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemsGroup, description_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemsGroup, type_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemsGroup, owner_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemsGroup, due_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemsGroup, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);

  gtk_widget_class_install_action (widget_class, "action-items.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "action-items.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "action-items.add", NULL);
  gtk_widget_class_install_action (widget_class, "action-items.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "action-items.undo", NULL);
}

static void
sitrep_action_items_group_init (SitrepActionItemsGroup *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  for (SitrepActionType t = SITREP_ACTION_PREVENT; t <= SITREP_ACTION_RESPOND; t++)
    gtk_string_list_append (types, sitrep_action_type_get_label (t));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));
  sitrep_combo_row_show_whole_labels (self->type_row, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "action-items.add", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "action-items.undo", FALSE);
}

/**
 * sitrep_action_items_group_new:
 *
 * Returns: (transfer floating): a group showing no incident yet
 */
GtkWidget *
sitrep_action_items_group_new (SitrepContext *context)
{
  return g_object_new (SITREP_TYPE_ACTION_ITEMS_GROUP, "context", context, NULL);
}

/**
 * sitrep_action_items_group_get_workspace:
 *
 * Returns: (transfer none) (nullable): the incident shown
 */
SitrepWorkspace *
sitrep_action_items_group_get_workspace (SitrepActionItemsGroup *self)
{
  g_return_val_if_fail (SITREP_IS_ACTION_ITEMS_GROUP (self), NULL);

  return self->workspace;
}

/**
 * sitrep_action_items_group_set_workspace:
 * @workspace: (nullable): the incident to show
 */
void
sitrep_action_items_group_set_workspace (SitrepActionItemsGroup *self,
                                         SitrepWorkspace        *workspace)
{
  g_return_if_fail (SITREP_IS_ACTION_ITEMS_GROUP (self));

  if (!g_set_object (&self->workspace, workspace))
    return;

  g_clear_object (&self->deleted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "action-items.undo", FALSE);
  if (workspace != NULL)
    gtk_list_box_bind_model (self->list, sitrep_workspace_get_action_items (workspace), create_row,
                             self, NULL);
  else
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "action-items.add", workspace != NULL);
  reset_form (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

/**
 * sitrep_action_items_group_start_add:
 * @description: (nullable): the text to start from
 *
 * Fills the form's description and puts the focus there, so the item can
 * be edited before it is added.
 */
void
sitrep_action_items_group_start_add (SitrepActionItemsGroup *self,
                                     const char             *description)
{
  g_return_if_fail (SITREP_IS_ACTION_ITEMS_GROUP (self));

  reset_form (self);
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), description ? description : "");
  gtk_widget_grab_focus (GTK_WIDGET (self->description_row));
  /* To be reworded, not replaced by the first key. */
  gtk_editable_set_position (GTK_EDITABLE (self->description_row), -1);
}

GtkListBox *
_sitrep_action_items_group_get_list (SitrepActionItemsGroup *self)
{
  return self->list;
}

AdwEntryRow *
_sitrep_action_items_group_get_description (SitrepActionItemsGroup *self)
{
  return self->description_row;
}

AdwComboRow *
_sitrep_action_items_group_get_type_row (SitrepActionItemsGroup *self)
{
  return self->type_row;
}

AdwEntryRow *
_sitrep_action_items_group_get_owner (SitrepActionItemsGroup *self)
{
  return self->owner_row;
}

AdwEntryRow *
_sitrep_action_items_group_get_due (SitrepActionItemsGroup *self)
{
  return self->due_row;
}

GtkLabel *
_sitrep_action_items_group_get_error (SitrepActionItemsGroup *self)
{
  return self->error_label;
}

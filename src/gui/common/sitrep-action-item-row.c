/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-action-items"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-action-item-row.h"
#include "sitrep-action-items.h"

/* One action item of an incident: its description, type, owner and due
 * date, its status changed in place from the drop-down, and, expanded, its
 * owner and due date edited in place. Overdue items say so in red. What
 * the workspace refuses is told with ::failed and the field keeps what
 * was typed. */
struct _SitrepActionItemRow
{
  AdwExpanderRow    parent_instance;

  SitrepWorkspace  *workspace;
  SitrepActionItem *item;
  gboolean          updating;

  GtkLabel         *overdue_label;
  GtkDropDown      *status_dropdown;
  AdwEntryRow      *owner_row;
  AdwEntryRow      *due_row;
};

G_DEFINE_FINAL_TYPE (SitrepActionItemRow, sitrep_action_item_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FAILED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fail (SitrepActionItemRow *self,
      const GError        *error)
{
  g_signal_emit (self, signals[FAILED], 0, error->message);
}

/* "Prevent · alice · due 2024-01-22", or who completed it when. */
static char *
describe (SitrepActionItem *item)
{
  GString *text = g_string_new (sitrep_action_type_get_label (sitrep_action_item_get_item_type (item)));
  const char *owner = sitrep_action_item_get_owner (item);
  const char *due = sitrep_action_item_get_due_date (item);
  GDateTime *completed = sitrep_action_item_get_completed_at (item);

  g_string_append (text, " · ");
  g_string_append (text, owner[0] != '\0' ? owner : _("no owner"));
  if (completed != NULL)
    {
      /* Translators: a date, "2026-12-03" (g_date_time_format()
       * notation): put the parts in your language’s order */
      g_autofree char *day = g_date_time_format (completed, _("%Y-%m-%d"));

      g_string_append (text, " · ");
      /* Translators: %s is a date, 2024-01-22 */
      g_string_append_printf (text, _("completed %s"), day);
    }
  else if (due != NULL)
    {
      g_string_append (text, " · ");
      /* Translators: %s is a date, 2024-01-22 */
      g_string_append_printf (text, _("due %s"), due);
    }
  else
    {
      g_string_append (text, " · ");
      g_string_append (text, _("no due date"));
    }

  return g_string_free (text, FALSE);
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  /* Not while someone types in it. */
  if (gtk_widget_get_state_flags (GTK_WIDGET (row)) & GTK_STATE_FLAG_FOCUS_WITHIN)
    return;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
update (SitrepActionItemRow *self)
{
  g_autofree char *subtitle = describe (self->item);
  g_autofree char *status_label = NULL;
  gboolean overdue = sitrep_action_item_get_overdue (self->item);

  self->updating = TRUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 sitrep_action_item_get_description (self->item));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  gtk_drop_down_set_selected (self->status_dropdown, sitrep_action_item_get_status (self->item));
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_label), overdue);
  set_entry (self->owner_row, sitrep_action_item_get_owner (self->item));
  set_entry (self->due_row, sitrep_action_item_get_due_date (self->item));

  /* Translators: the accessible name of the status menu of an action item */
  status_label = g_strdup_printf (_("Status of “%s”"), sitrep_action_item_get_description (self->item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, status_label, -1);
  if (overdue)
    gtk_widget_add_css_class (GTK_WIDGET (self), "overdue");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "overdue");
  self->updating = FALSE;
}

static void
on_status_selected (SitrepActionItemRow *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  if (self->updating || self->item == NULL || selected == GTK_INVALID_LIST_POSITION ||
      selected == (guint) sitrep_action_item_get_status (self->item))
    return;

  if (!sitrep_workspace_set_action_item_status (self->workspace,
                                                sitrep_action_item_get_id (self->item),
                                                (SitrepActionStatus) selected, &error))
    {
      fail (self, error);
      update (self);
    }
}

static void
apply_field (SitrepActionItemRow *self,
             AdwEntryRow         *row,
             const char          *member)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (fields, member, gtk_editable_get_text (GTK_EDITABLE (row)));
  if (!sitrep_workspace_edit_action_item (self->workspace, sitrep_action_item_get_id (self->item),
                                          fields, &error))
    {
      /* What was typed stays, to be put right. */
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      fail (self, error);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
on_owner_apply (SitrepActionItemRow *self)
{
  apply_field (self, self->owner_row, "owner");
}

static void
on_due_apply (SitrepActionItemRow *self)
{
  apply_field (self, self->due_row, "due_date");
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SitrepActionItemRow *self = SITREP_ACTION_ITEM_ROW (widget);
  /* The row goes with the item: what it showed is kept for an undo. */
  g_autoptr(SitrepActionItem) item = g_object_ref (self->item);
  g_autoptr(GError) error = NULL;

  g_object_ref (self);
  if (!sitrep_workspace_delete_action_item (self->workspace, sitrep_action_item_get_id (item),
                                            &error))
    fail (self, error);
  else
    g_signal_emit (self, signals[DELETED], 0, item);
  g_object_unref (self);
}

static void
sitrep_action_item_row_constructed (GObject *object)
{
  SitrepActionItemRow *self = SITREP_ACTION_ITEM_ROW (object);

  G_OBJECT_CLASS (sitrep_action_item_row_parent_class)->constructed (object);

  g_signal_connect_object (self->item, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
sitrep_action_item_row_dispose (GObject *object)
{
  SitrepActionItemRow *self = SITREP_ACTION_ITEM_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_ACTION_ITEM_ROW);
  g_clear_object (&self->item);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (sitrep_action_item_row_parent_class)->dispose (object);
}

static void
sitrep_action_item_row_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SitrepActionItemRow *self = SITREP_ACTION_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_action_item_row_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SitrepActionItemRow *self = SITREP_ACTION_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      self->workspace = g_value_dup_object (value);
      break;
    case PROP_ITEM:
      self->item = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_action_item_row_class_init (SitrepActionItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sitrep_action_item_row_constructed;
  object_class->dispose = sitrep_action_item_row_dispose;
  object_class->get_property = sitrep_action_item_row_get_property;
  object_class->set_property = sitrep_action_item_row_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, SITREP_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, SITREP_TYPE_ACTION_ITEM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepActionItemRow::failed:
   * @message: what went wrong, for the user
   *
   * A change was refused; nothing was written.
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * SitrepActionItemRow::deleted:
   * @item: the item as the row showed it, to put back
   *
   * The item was deleted from the row.
   */
  signals[DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, SITREP_TYPE_ACTION_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/sitrep-action-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemRow, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemRow, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemRow, owner_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemRow, due_row);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_owner_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_due_apply);

  gtk_widget_class_install_action (widget_class, "action-item.delete", NULL, delete_action);
}

static void
sitrep_action_item_row_init (SitrepActionItemRow *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (SitrepActionStatus s = SITREP_ACTION_NOT_STARTED; s <= SITREP_ACTION_DEFERRED; s++)
    gtk_string_list_append (statuses, sitrep_action_status_get_label (s));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
}

/**
 * sitrep_action_item_row_new:
 *
 * Returns: (transfer floating): a row showing @item, changing it through
 *   @workspace
 */
GtkWidget *
sitrep_action_item_row_new (SitrepWorkspace  *workspace,
                            SitrepActionItem *item)
{
  return g_object_new (SITREP_TYPE_ACTION_ITEM_ROW, "workspace", workspace, "item", item, NULL);
}

SitrepActionItem *
sitrep_action_item_row_get_item (SitrepActionItemRow *self)
{
  g_return_val_if_fail (SITREP_IS_ACTION_ITEM_ROW (self), NULL);

  return self->item;
}

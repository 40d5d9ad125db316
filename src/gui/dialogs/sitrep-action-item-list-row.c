/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-action-items"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-action-item-list-row.h"
#include "sitrep-action-items.h"

/* One action item in the list across incidents: what to do, then the
 * incident's reference, type, owner and due date, its status, and a red
 * "Overdue" when it is. Recycled by the list view: :item changes. */
struct _SitrepActionItemListRow
{
  GtkWidget         parent_instance;

  SitrepActionItem *item;
  gulong            notify_id;
  char             *text;

  GtkLabel         *description_label;
  GtkLabel         *details_label;
  GtkLabel         *overdue_label;
  GtkLabel         *status_label;
};

G_DEFINE_FINAL_TYPE (SitrepActionItemListRow, sitrep_action_item_list_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (SitrepActionItemListRow *self)
{
  SitrepActionItem *item = self->item;
  g_autoptr(GString) details = NULL;
  const char *owner, *due, *ref;
  gboolean overdue;

  if (item == NULL)
    return;

  owner = sitrep_action_item_get_owner (item);
  due = sitrep_action_item_get_due_date (item);
  ref = sitrep_action_item_get_incident_ref (item);
  overdue = sitrep_action_item_get_overdue (item);

  details = g_string_new (ref ? ref : _("Unknown incident"));
  g_string_append (details, " · ");
  g_string_append (details, sitrep_action_type_get_label (sitrep_action_item_get_item_type (item)));
  g_string_append (details, " · ");
  g_string_append (details, owner[0] != '\0' ? owner : _("no owner"));
  g_string_append (details, " · ");
  if (due != NULL)
    /* Translators: %s is a date, 2024-01-22 */
    g_string_append_printf (details, _("due %s"), due);
  else
    g_string_append (details, _("no due date"));

  gtk_label_set_text (self->description_label, sitrep_action_item_get_description (item));
  gtk_label_set_text (self->details_label, details->str);
  gtk_label_set_text (self->status_label,
                      sitrep_action_status_get_label (sitrep_action_item_get_status (item)));
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_label), overdue);

  g_free (self->text);
  /* What a screen reader reads for the row, and what tests compare. */
  self->text = g_strdup_printf ("%s; %s; %s%s", sitrep_action_item_get_description (item),
                                details->str,
                                sitrep_action_status_get_label (sitrep_action_item_get_status (item)),
                                overdue ? _("; overdue") : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->text, -1);
}

static void
sitrep_action_item_list_row_dispose (GObject *object)
{
  SitrepActionItemListRow *self = SITREP_ACTION_ITEM_LIST_ROW (object);

  GtkWidget *child;

  sitrep_action_item_list_row_set_item (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_ACTION_ITEM_LIST_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sitrep_action_item_list_row_parent_class)->dispose (object);
}

static void
sitrep_action_item_list_row_finalize (GObject *object)
{
  g_free (SITREP_ACTION_ITEM_LIST_ROW (object)->text);

  G_OBJECT_CLASS (sitrep_action_item_list_row_parent_class)->finalize (object);
}

static void
sitrep_action_item_list_row_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, SITREP_ACTION_ITEM_LIST_ROW (object)->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_action_item_list_row_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ITEM:
      sitrep_action_item_list_row_set_item (SITREP_ACTION_ITEM_LIST_ROW (object),
                                            g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_action_item_list_row_class_init (SitrepActionItemListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_action_item_list_row_dispose;
  object_class->finalize = sitrep_action_item_list_row_finalize;
  object_class->get_property = sitrep_action_item_list_row_get_property;
  object_class->set_property = sitrep_action_item_list_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, SITREP_TYPE_ACTION_ITEM,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/sitrep-action-item-list-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemListRow, description_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemListRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemListRow, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemListRow, status_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sitrep_action_item_list_row_init (SitrepActionItemListRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 12);
}

GtkWidget *
sitrep_action_item_list_row_new (void)
{
  return g_object_new (SITREP_TYPE_ACTION_ITEM_LIST_ROW, NULL);
}

/**
 * sitrep_action_item_list_row_get_item:
 *
 * Returns: (transfer none) (nullable): the item shown
 */
SitrepActionItem *
sitrep_action_item_list_row_get_item (SitrepActionItemListRow *self)
{
  g_return_val_if_fail (SITREP_IS_ACTION_ITEM_LIST_ROW (self), NULL);

  return self->item;
}

void
sitrep_action_item_list_row_set_item (SitrepActionItemListRow *self,
                                      SitrepActionItem        *item)
{
  g_return_if_fail (SITREP_IS_ACTION_ITEM_LIST_ROW (self));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_id, self->item);
  g_set_object (&self->item, item);
  if (item != NULL)
    self->notify_id = g_signal_connect_swapped (item, "notify", G_CALLBACK (update), self);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/**
 * sitrep_action_item_list_row_get_text:
 *
 * Returns: (nullable): what the row says, as one line
 */
const char *
sitrep_action_item_list_row_get_text (SitrepActionItemListRow *self)
{
  g_return_val_if_fail (SITREP_IS_ACTION_ITEM_LIST_ROW (self), NULL);

  return self->text;
}

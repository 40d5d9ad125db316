/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-action-items"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-action-item-list-row.h"
#include "sitrep-action-items-window.h"
#include "sitrep-action-items.h"
#include "sitrep-incident-action-items-window.h"
#include "sitrep-overdue-badge.h"
#include "sitrep-window.h"

/* The Action Items view: every incident's items, mine or everyone's, of a
 * status or any, overdue first and then soonest due, each with its
 * incident's reference. Activating one opens its incident in the window
 * this one belongs to; Ctrl+E edits the selected item's incident's items.
 * The filter and the order follow every commit and the day. */
struct _SitrepActionItemsWindow
{
  AdwWindow           parent_instance;

  SitrepContext      *context;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;

  AdwWindowTitle     *window_title;
  GtkDropDown        *owner_dropdown;
  GtkDropDown        *status_dropdown;
  SitrepOverdueBadge *overdue_badge;
  GtkStack           *stack;
  GtkListView        *list_view;
};

G_DEFINE_FINAL_TYPE (SitrepActionItemsWindow, sitrep_action_items_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
filter_item (gpointer item,
             gpointer data)
{
  SitrepActionItemsWindow *self = data;
  SitrepActionItem *action_item = item;
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  SitrepActionStatus item_status = sitrep_action_item_get_status (action_item);

  if (gtk_drop_down_get_selected (self->owner_dropdown) == SITREP_ACTION_ITEMS_MINE &&
      !sitrep_action_item_is_owned_by (action_item, sitrep_context_get_user (self->context)))
    return FALSE;

  if (status == SITREP_ACTION_ITEMS_OPEN)
    return item_status != SITREP_ACTION_COMPLETED;
  if (status >= SITREP_ACTION_ITEMS_STATUS (SITREP_ACTION_NOT_STARTED) &&
      status <= SITREP_ACTION_ITEMS_STATUS (SITREP_ACTION_DEFERRED))
    return SITREP_ACTION_ITEMS_STATUS (item_status) == status;

  return TRUE;
}

/* Overdue first, then as the context lists them: soonest due first. */
static int
sort_items (gconstpointer a,
            gconstpointer b,
            gpointer      data)
{
  SitrepActionItem *x = (SitrepActionItem *) a;
  SitrepActionItem *y = (SitrepActionItem *) b;

  if (sitrep_action_item_get_overdue (x) != sitrep_action_item_get_overdue (y))
    return sitrep_action_item_get_overdue (x) ? -1 : 1;

  return sitrep_action_item_compare (x, y);
}

static void
update_stack (SitrepActionItemsWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  g_autofree char *subtitle = NULL;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  /* Translators: the Action Items view's subtitle */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n), n);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* A commit may change what passes and where it goes. */
static void
refilter (SitrepActionItemsWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  update_stack (self);
}

static void
on_filter_changed (SitrepActionItemsWindow *self)
{
  if (self->filter != NULL)
    refilter (self);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  gtk_list_item_set_child (item, sitrep_action_item_list_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  data)
{
  sitrep_action_item_list_row_set_item (SITREP_ACTION_ITEM_LIST_ROW (gtk_list_item_get_child (item)),
                                        gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  sitrep_action_item_list_row_set_item (SITREP_ACTION_ITEM_LIST_ROW (gtk_list_item_get_child (item)),
                                        NULL);
}

static void
on_activate (SitrepActionItemsWindow *self,
             guint                    position)
{
  g_autoptr(SitrepActionItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  const char *incident_id;

  if (item == NULL)
    return;

  incident_id = sitrep_record_object_get_incident_id (SITREP_RECORD_OBJECT (item));
  if (SITREP_IS_WINDOW (parent) && sitrep_window_select_incident (SITREP_WINDOW (parent), incident_id))
    gtk_window_present (parent);
}

static void
edit_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SitrepActionItemsWindow *self = SITREP_ACTION_ITEMS_WINDOW (widget);
  SitrepActionItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item == NULL)
    return;

  sitrep_incident_action_items_window_present (GTK_WINDOW (self), self->context,
                                               sitrep_record_object_get_incident_id (SITREP_RECORD_OBJECT (item)),
                                               NULL);
}

static void
mine_overdue_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SitrepActionItemsWindow *self = SITREP_ACTION_ITEMS_WINDOW (widget);

  sitrep_action_items_window_set_owner (self, SITREP_ACTION_ITEMS_MINE);
  sitrep_action_items_window_set_status (self, SITREP_ACTION_ITEMS_OPEN);
}

static void
update_edit (SitrepActionItemsWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.edit-selected",
                                 gtk_single_selection_get_selected_item (self->selection) != NULL);
}

static void
sitrep_action_items_window_constructed (GObject *object)
{
  SitrepActionItemsWindow *self = SITREP_ACTION_ITEMS_WINDOW (object);
  GListModel *items;
  GtkListItemFactory *factory;

  G_OBJECT_CLASS (sitrep_action_items_window_parent_class)->constructed (object);

  items = sitrep_context_get_action_items (self->context);
  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (items),
                                              GTK_FILTER (g_object_ref (self->filter)));
  self->sorter = gtk_custom_sorter_new (sort_items, NULL, NULL);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)),
                                          GTK_SORTER (g_object_ref (self->sorter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_autoselect (self->selection, FALSE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (items, "changed", G_CALLBACK (refilter), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sitrep_context_get_clock (self->context), "minute-changed",
                           G_CALLBACK (refilter), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::user", G_CALLBACK (refilter), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (update_edit), self,
                           G_CONNECT_SWAPPED);
  sitrep_overdue_badge_set_context (self->overdue_badge, self->context);
  update_stack (self);
  update_edit (self);
}

static void
sitrep_action_items_window_dispose (GObject *object)
{
  SitrepActionItemsWindow *self = SITREP_ACTION_ITEMS_WINDOW (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_ACTION_ITEMS_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filter);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sitrep_action_items_window_parent_class)->dispose (object);
}

static void
sitrep_action_items_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, SITREP_ACTION_ITEMS_WINDOW (object)->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_action_items_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTEXT:
      SITREP_ACTION_ITEMS_WINDOW (object)->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_action_items_window_class_init (SitrepActionItemsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sitrep_action_items_window_constructed;
  object_class->dispose = sitrep_action_items_window_dispose;
  object_class->get_property = sitrep_action_items_window_get_property;
  object_class->set_property = sitrep_action_items_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SITREP_TYPE_OVERDUE_BADGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/sitrep-action-items-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemsWindow, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemsWindow, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemsWindow, overdue_badge);
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SitrepActionItemsWindow, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);

  gtk_widget_class_install_action (widget_class, "window.edit-selected", NULL, edit_selected_action);
  gtk_widget_class_install_action (widget_class, "window.mine-overdue", NULL, mine_overdue_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "window.edit-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sitrep_action_items_window_init (SitrepActionItemsWindow *self)
{
  g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (owners, _("Mine"));
  gtk_string_list_append (owners, _("Everyone"));
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (owners));
  gtk_string_list_append (statuses, _("Any Status"));
  gtk_string_list_append (statuses, _("Not Completed"));
  for (SitrepActionStatus s = SITREP_ACTION_NOT_STARTED; s <= SITREP_ACTION_DEFERRED; s++)
    gtk_string_list_append (statuses, sitrep_action_status_get_label (s));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
}

/**
 * sitrep_action_items_window_new:
 * @parent: the workspace window whose incidents a row opens
 *
 * Returns: (transfer none): the Action Items view, transient for @parent
 */
SitrepActionItemsWindow *
sitrep_action_items_window_new (GtkWindow     *parent,
                                SitrepContext *context)
{
  return g_object_new (SITREP_TYPE_ACTION_ITEMS_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "context", context,
                       NULL);
}

void
sitrep_action_items_window_set_owner (SitrepActionItemsWindow *self,
                                      SitrepActionItemsOwner   owner)
{
  g_return_if_fail (SITREP_IS_ACTION_ITEMS_WINDOW (self));

  gtk_drop_down_set_selected (self->owner_dropdown, owner);
}

/**
 * sitrep_action_items_window_set_status:
 * @status: %SITREP_ACTION_ITEMS_ANY_STATUS, %SITREP_ACTION_ITEMS_OPEN or
 *   SITREP_ACTION_ITEMS_STATUS() of one
 */
void
sitrep_action_items_window_set_status (SitrepActionItemsWindow *self,
                                       guint                    status)
{
  g_return_if_fail (SITREP_IS_ACTION_ITEMS_WINDOW (self));

  gtk_drop_down_set_selected (self->status_dropdown, status);
}

/**
 * sitrep_action_items_window_get_shown:
 *
 * Returns: (transfer none): the items listed, in the list's order
 */
GListModel *
sitrep_action_items_window_get_shown (SitrepActionItemsWindow *self)
{
  g_return_val_if_fail (SITREP_IS_ACTION_ITEMS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

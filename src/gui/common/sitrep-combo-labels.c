/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sitrep-combo-labels.h"
#include "sitrep-gui-util.h"

/* AdwComboRow's own factory cuts every choice at 20 characters, in the row
 * and in its menu alike ("Status page: initial n…"). These factories show
 * a choice whole: wrapped in the menu, and in the row as far as the row's
 * width allows (or always whole, for short choices such as severities).
 * The items are GtkStringObjects. */

static const char *
item_text (GtkListItem *list_item)
{
  GObject *item = gtk_list_item_get_item (list_item);

  return GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : "";
}

static void
setup_row_item (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (GPOINTER_TO_INT (ellipsize))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_row_item (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *text = item_text (list_item);

  gtk_label_set_label (GTK_LABEL (label), text);
  /* Whatever the row has to cut stays readable on hover. */
  sitrep_widget_set_tooltip (label, text);
}

static void
update_check (GtkListItem *list_item,
              GParamSpec  *pspec,
              AdwComboRow *row)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *check = box ? gtk_widget_get_last_child (box) : NULL;
  gpointer item = gtk_list_item_get_item (list_item);

  if (check != NULL)
    gtk_widget_set_opacity (check, item != NULL && adw_combo_row_get_selected_item (row) == item
                                   ? 1.0 : 0.0);
}

static void
on_selected_item (AdwComboRow *row,
                  GParamSpec  *pspec,
                  GtkListItem *list_item)
{
  update_check (list_item, NULL, row);
}

static void
setup_menu_item (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 AdwComboRow              *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = g_object_new (GTK_TYPE_IMAGE,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   "icon-name", "object-select-symbolic",
                                   NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (list_item, box);

  g_signal_connect_object (row, "notify::selected-item", G_CALLBACK (on_selected_item),
                           list_item, 0);
}

static void
bind_menu_item (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                AdwComboRow              *row)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)), item_text (list_item));
  update_check (list_item, NULL, row);
}

/**
 * sitrep_combo_row_show_whole_labels:
 * @row: a combo row over a #GtkStringList
 * @ellipsize_in_row: whether the row may shorten the chosen text when it is
 *   narrow; %FALSE for short choices that must always read whole
 *
 * Shows the row's choices without AdwComboRow's 20-character cut.
 */
void
sitrep_combo_row_show_whole_labels (AdwComboRow *row,
                                    gboolean     ellipsize_in_row)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) menu = gtk_signal_list_item_factory_new ();

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_item),
                    GINT_TO_POINTER (ellipsize_in_row));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_item), NULL);
  /* The row owns the factories, so it outlives their handlers. */
  g_signal_connect (menu, "setup", G_CALLBACK (setup_menu_item), row);
  g_signal_connect (menu, "bind", G_CALLBACK (bind_menu_item), row);

  adw_combo_row_set_factory (row, factory);
  adw_combo_row_set_list_factory (row, menu);
}

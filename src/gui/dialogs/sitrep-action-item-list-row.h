/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sitrep-action-item.h"

G_BEGIN_DECLS

#define SITREP_TYPE_ACTION_ITEM_LIST_ROW (sitrep_action_item_list_row_get_type ())

G_DECLARE_FINAL_TYPE (SitrepActionItemListRow, sitrep_action_item_list_row, SITREP, ACTION_ITEM_LIST_ROW, GtkWidget)

GtkWidget        *sitrep_action_item_list_row_new      (void);
SitrepActionItem *sitrep_action_item_list_row_get_item (SitrepActionItemListRow *self);
void              sitrep_action_item_list_row_set_item (SitrepActionItemListRow *self,
                                                        SitrepActionItem        *item);
const char       *sitrep_action_item_list_row_get_text (SitrepActionItemListRow *self);

G_END_DECLS

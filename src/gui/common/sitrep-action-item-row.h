/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-action-item.h"
#include "sitrep-workspace.h"

G_BEGIN_DECLS

#define SITREP_TYPE_ACTION_ITEM_ROW (sitrep_action_item_row_get_type ())

G_DECLARE_FINAL_TYPE (SitrepActionItemRow, sitrep_action_item_row, SITREP, ACTION_ITEM_ROW, AdwExpanderRow)

GtkWidget        *sitrep_action_item_row_new      (SitrepWorkspace     *workspace,
                                                   SitrepActionItem    *item);
SitrepActionItem *sitrep_action_item_row_get_item (SitrepActionItemRow *self);

G_END_DECLS

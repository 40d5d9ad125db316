/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_ACTION_ITEMS_GROUP (sitrep_action_items_group_get_type ())

G_DECLARE_FINAL_TYPE (SitrepActionItemsGroup, sitrep_action_items_group, SITREP, ACTION_ITEMS_GROUP, GtkWidget)

GtkWidget       *sitrep_action_items_group_new           (SitrepContext          *context);
SitrepWorkspace *sitrep_action_items_group_get_workspace (SitrepActionItemsGroup *self);
void             sitrep_action_items_group_set_workspace (SitrepActionItemsGroup *self,
                                                          SitrepWorkspace        *workspace);
void             sitrep_action_items_group_start_add     (SitrepActionItemsGroup *self,
                                                          const char             *description);

G_END_DECLS

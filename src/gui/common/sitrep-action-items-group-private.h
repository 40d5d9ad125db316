/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-action-items-group.h"

G_BEGIN_DECLS

/* For tests, which drive the group's real widgets. */
GtkListBox  *_sitrep_action_items_group_get_list        (SitrepActionItemsGroup *self);
AdwEntryRow *_sitrep_action_items_group_get_description (SitrepActionItemsGroup *self);
AdwComboRow *_sitrep_action_items_group_get_type_row    (SitrepActionItemsGroup *self);
AdwEntryRow *_sitrep_action_items_group_get_owner       (SitrepActionItemsGroup *self);
AdwEntryRow *_sitrep_action_items_group_get_due         (SitrepActionItemsGroup *self);
GtkLabel    *_sitrep_action_items_group_get_error       (SitrepActionItemsGroup *self);

G_END_DECLS

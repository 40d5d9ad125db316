/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_ACTION_ITEMS_WINDOW (sitrep_action_items_window_get_type ())

G_DECLARE_FINAL_TYPE (SitrepActionItemsWindow, sitrep_action_items_window, SITREP, ACTION_ITEMS_WINDOW, AdwWindow)

/**
 * SitrepActionItemsOwner:
 * @SITREP_ACTION_ITEMS_MINE: the current user's items
 * @SITREP_ACTION_ITEMS_EVERYONE: everyone's
 *
 * Whose items the view lists.
 */
typedef enum
{
  SITREP_ACTION_ITEMS_MINE,
  SITREP_ACTION_ITEMS_EVERYONE,
} SitrepActionItemsOwner;

/* The status filter: any, open (not completed), then each SitrepActionStatus. */
#define SITREP_ACTION_ITEMS_ANY_STATUS  0
#define SITREP_ACTION_ITEMS_OPEN        1
#define SITREP_ACTION_ITEMS_STATUS(s)   ((guint) (s) + 2)

SitrepActionItemsWindow *sitrep_action_items_window_new        (GtkWindow               *parent,
                                                                SitrepContext           *context);
void                     sitrep_action_items_window_set_owner  (SitrepActionItemsWindow *self,
                                                                SitrepActionItemsOwner   owner);
void                     sitrep_action_items_window_set_status (SitrepActionItemsWindow *self,
                                                                guint                    status);
GListModel              *sitrep_action_items_window_get_shown  (SitrepActionItemsWindow *self);

G_END_DECLS

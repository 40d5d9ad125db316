/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_INCIDENT_ACTION_ITEMS_WINDOW (sitrep_incident_action_items_window_get_type ())

G_DECLARE_FINAL_TYPE (SitrepIncidentActionItemsWindow, sitrep_incident_action_items_window, SITREP, INCIDENT_ACTION_ITEMS_WINDOW, AdwWindow)

SitrepIncidentActionItemsWindow *sitrep_incident_action_items_window_present   (GtkWindow     *parent,
                                                                                SitrepContext *context,
                                                                                const char    *incident_id,
                                                                                const char    *description);
GtkWidget                       *sitrep_incident_action_items_window_get_group (SitrepIncidentActionItemsWindow *self);

G_END_DECLS

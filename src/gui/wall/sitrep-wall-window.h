/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_WALL_WINDOW (sitrep_wall_window_get_type ())

G_DECLARE_FINAL_TYPE (SitrepWallWindow, sitrep_wall_window, SITREP, WALL_WINDOW, AdwApplicationWindow)

GtkWidget  *sitrep_wall_window_new                   (AdwApplication   *application,
                                                      SitrepContext    *context);
GtkWindow  *sitrep_wall_window_open                  (AdwApplication   *application,
                                                      SitrepContext    *context,
                                                      const char       *incident_id);
gboolean    sitrep_wall_window_select_incident       (SitrepWallWindow *self,
                                                      const char       *id);
const char *sitrep_wall_window_get_selected_incident (SitrepWallWindow *self);

G_END_DECLS

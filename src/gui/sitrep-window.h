/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_WINDOW (sitrep_window_get_type ())

G_DECLARE_FINAL_TYPE (SitrepWindow, sitrep_window, SITREP, WINDOW, AdwApplicationWindow)

SitrepWindow  *sitrep_window_new             (AdwApplication *application,
                                              SitrepContext  *context);
SitrepContext *sitrep_window_get_context     (SitrepWindow   *self);
gboolean       sitrep_window_select_incident (SitrepWindow   *self,
                                              const char     *id);
gboolean       sitrep_window_compose         (SitrepWindow   *self,
                                              const char     *incident_id,
                                              SitrepAudience  audience);

G_END_DECLS

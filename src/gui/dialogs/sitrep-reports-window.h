/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_REPORTS_WINDOW (sitrep_reports_window_get_type ())

G_DECLARE_FINAL_TYPE (SitrepReportsWindow, sitrep_reports_window, SITREP, REPORTS_WINDOW, AdwWindow)

SitrepReportsWindow *sitrep_reports_window_new          (GtkWindow           *parent,
                                                         SitrepContext       *context);
void                 sitrep_reports_window_set_period   (SitrepReportsWindow *self,
                                                         const SitrepPeriod  *period);
const SitrepPeriod  *sitrep_reports_window_get_period   (SitrepReportsWindow *self);
const char          *sitrep_reports_window_get_markdown (SitrepReportsWindow *self);
const SitrepMetrics *sitrep_reports_window_get_metrics  (SitrepReportsWindow *self);
void                 sitrep_reports_window_open_incident (SitrepReportsWindow *self,
                                                          const char          *incident_id);
gboolean             sitrep_reports_window_save_to      (SitrepReportsWindow *self,
                                                         GFile               *file,
                                                         gboolean             csv);

G_END_DECLS

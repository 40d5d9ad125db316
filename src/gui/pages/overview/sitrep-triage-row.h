/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_TRIAGE_ROW (sitrep_triage_row_get_type ())

G_DECLARE_FINAL_TYPE (SitrepTriageRow, sitrep_triage_row, SITREP, TRIAGE_ROW, GtkWidget)

GtkWidget      *sitrep_triage_row_new          (void);
void            sitrep_triage_row_set_context  (SitrepTriageRow *self,
                                                SitrepContext   *context);
SitrepContext  *sitrep_triage_row_get_context  (SitrepTriageRow *self);
void            sitrep_triage_row_set_incident (SitrepTriageRow *self,
                                                SitrepIncident  *incident);
SitrepIncident *sitrep_triage_row_get_incident (SitrepTriageRow *self);

G_END_DECLS

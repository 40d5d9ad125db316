/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sitrep-context.h"
#include "sitrep-incident.h"

G_BEGIN_DECLS

#define SITREP_TYPE_INCIDENT_ROW (sitrep_incident_row_get_type ())

G_DECLARE_FINAL_TYPE (SitrepIncidentRow, sitrep_incident_row, SITREP, INCIDENT_ROW, GtkBox)

GtkWidget      *sitrep_incident_row_new          (SitrepContext     *context);
SitrepIncident *sitrep_incident_row_get_incident (SitrepIncidentRow *self);
void            sitrep_incident_row_set_incident (SitrepIncidentRow *self,
                                                  SitrepIncident    *incident);
void            sitrep_incident_row_update       (SitrepIncidentRow *self);

/* For tests, which read what the row shows. */
GtkLabel       *_sitrep_incident_row_get_badge   (SitrepIncidentRow *self);
GtkLabel       *_sitrep_incident_row_get_title   (SitrepIncidentRow *self);
GtkLabel       *_sitrep_incident_row_get_meta    (SitrepIncidentRow *self);
GtkLabel       *_sitrep_incident_row_get_due     (SitrepIncidentRow *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "sitrep-record-object.h"
#include "sitrep-types.h"

G_BEGIN_DECLS

#define SITREP_TYPE_INCIDENT (sitrep_incident_get_type ())

G_DECLARE_FINAL_TYPE (SitrepIncident, sitrep_incident, SITREP, INCIDENT, SitrepRecordObject)

SitrepIncident *sitrep_incident_new               (const char      *id,
                                                   JsonObject      *body);
SitrepIncident *sitrep_incident_new_unparsed      (const char      *id,
                                                   char            *body_text,
                                                   const char      *severity,
                                                   const char      *status,
                                                   const char      *declared_at,
                                                   gint64           version);
gboolean        sitrep_incident_is_parsed         (SitrepIncident  *self);
JsonObject     *sitrep_incident_get_body          (SitrepIncident  *self);
const char     *sitrep_incident_get_id            (SitrepIncident  *self);
const char     *sitrep_incident_get_ref           (SitrepIncident  *self);
char           *sitrep_incident_dup_display_ref   (SitrepIncident  *self);
const char     *sitrep_incident_get_title         (SitrepIncident  *self);
const char     *sitrep_incident_get_customer_impact (SitrepIncident *self);
SitrepSeverity  sitrep_incident_get_severity      (SitrepIncident  *self);
SitrepStatus    sitrep_incident_get_status        (SitrepIncident  *self);
gboolean        sitrep_incident_get_major         (SitrepIncident  *self);
gboolean        sitrep_incident_is_active         (SitrepIncident  *self);
char           *sitrep_incident_dup_services      (SitrepIncident  *self);
GDateTime      *sitrep_incident_get_milestone     (SitrepIncident  *self,
                                                   SitrepMilestone  milestone);
int             sitrep_incident_compare           (SitrepIncident  *a,
                                                   SitrepIncident  *b);

G_END_DECLS

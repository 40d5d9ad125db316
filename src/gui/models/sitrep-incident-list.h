/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sitrep-incident.h"
#include "sitrep-store.h"

G_BEGIN_DECLS

#define SITREP_TYPE_INCIDENT_LIST (sitrep_incident_list_get_type ())

G_DECLARE_FINAL_TYPE (SitrepIncidentList, sitrep_incident_list, SITREP, INCIDENT_LIST, GObject)

SitrepIncidentList *sitrep_incident_list_new    (SitrepStore         *store,
                                                 GError             **error);
SitrepIncident     *sitrep_incident_list_lookup (SitrepIncidentList  *self,
                                                 const char          *id);
gboolean            sitrep_incident_list_find   (SitrepIncidentList  *self,
                                                 const char          *id,
                                                 guint               *position);

G_END_DECLS

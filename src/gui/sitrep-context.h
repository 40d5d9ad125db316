/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sitrep-incident-list.h"
#include "sitrep-store.h"
#include "sitrep-types.h"

G_BEGIN_DECLS

#define SITREP_TYPE_CONTEXT (sitrep_context_get_type ())

G_DECLARE_FINAL_TYPE (SitrepContext, sitrep_context, SITREP, CONTEXT, GObject)

SitrepContext  *sitrep_context_new                (const char       *data_dir,
                                                   GError          **error);
SitrepStore    *sitrep_context_get_store          (SitrepContext    *self);
const char     *sitrep_context_get_data_dir       (SitrepContext    *self);
const char     *sitrep_context_get_user           (SitrepContext    *self);
void            sitrep_context_set_user           (SitrepContext    *self,
                                                   const char       *user);
GListModel     *sitrep_context_get_incidents      (SitrepContext    *self);
SitrepIncident *sitrep_context_lookup_incident    (SitrepContext    *self,
                                                   const char       *id);
GHashTable     *sitrep_context_search             (SitrepContext    *self,
                                                   const char       *query,
                                                   GError          **error);

char           *sitrep_context_declare_incident   (SitrepContext    *self,
                                                   const char       *title,
                                                   const char       *services,
                                                   const char       *customer_impact,
                                                   SitrepSeverity    severity,
                                                   GError          **error);
gboolean        sitrep_context_update_incident    (SitrepContext    *self,
                                                   const char       *id,
                                                   JsonObject       *fields,
                                                   GError          **error);
gboolean        sitrep_context_set_status         (SitrepContext    *self,
                                                   const char       *id,
                                                   SitrepStatus      status,
                                                   GError          **error);
gboolean        sitrep_context_set_severity       (SitrepContext    *self,
                                                   const char       *id,
                                                   SitrepSeverity    severity,
                                                   GError          **error);
gboolean        sitrep_context_set_milestone      (SitrepContext    *self,
                                                   const char       *id,
                                                   SitrepMilestone   milestone,
                                                   GDateTime        *when,
                                                   GError          **error);
GPtrArray      *sitrep_context_list_timeline      (SitrepContext    *self,
                                                   const char       *incident_id);
char           *sitrep_context_add_demo           (SitrepContext    *self,
                                                   GError          **error);

G_END_DECLS

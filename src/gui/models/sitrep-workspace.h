/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sitrep-checklist-task.h"
#include "sitrep-communication.h"
#include "sitrep-incident.h"
#include "sitrep-role-assignment.h"
#include "sitrep-timeline-entry.h"

G_BEGIN_DECLS

#define SITREP_TYPE_WORKSPACE (sitrep_workspace_get_type ())

G_DECLARE_FINAL_TYPE (SitrepWorkspace, sitrep_workspace, SITREP, WORKSPACE, GObject)

const char     *sitrep_workspace_get_incident_id     (SitrepWorkspace *self);
SitrepIncident *sitrep_workspace_get_incident        (SitrepWorkspace *self);
GListModel     *sitrep_workspace_get_timeline        (SitrepWorkspace *self);
GListModel     *sitrep_workspace_get_roles           (SitrepWorkspace *self);
GListModel     *sitrep_workspace_get_checklist       (SitrepWorkspace *self);
GListModel     *sitrep_workspace_get_communications  (SitrepWorkspace *self);
GPtrArray      *sitrep_workspace_dup_deadlines       (SitrepWorkspace *self);

G_END_DECLS

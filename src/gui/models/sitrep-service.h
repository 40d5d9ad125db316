/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-record-object.h"

G_BEGIN_DECLS

#define SITREP_TYPE_SERVICE (sitrep_service_get_type ())

G_DECLARE_FINAL_TYPE (SitrepService, sitrep_service, SITREP, SERVICE, SitrepRecordObject)

const char *sitrep_service_get_name          (SitrepService *self);
const char *sitrep_service_get_owner_team    (SitrepService *self);
gboolean    sitrep_service_get_critical      (SitrepService *self);
const char *sitrep_service_get_runbook_url   (SitrepService *self);
const char *sitrep_service_get_dashboard_url (SitrepService *self);
GStrv       sitrep_service_dup_escalation    (SitrepService *self);

G_END_DECLS

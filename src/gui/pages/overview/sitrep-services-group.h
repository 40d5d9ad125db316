/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_SERVICES_GROUP (sitrep_services_group_get_type ())

G_DECLARE_FINAL_TYPE (SitrepServicesGroup, sitrep_services_group, SITREP, SERVICES_GROUP,
                      AdwPreferencesGroup)

void sitrep_services_group_show (SitrepServicesGroup *self,
                                 SitrepContext       *context,
                                 SitrepIncident      *incident);

/* For tests, which read the rows the group shows. */
AdwActionRow *_sitrep_services_group_get_row     (SitrepServicesGroup *self,
                                                  const char          *service);
GtkWidget    *_sitrep_services_group_get_runbook (SitrepServicesGroup *self,
                                                  const char          *service);
GtkWidget    *_sitrep_services_group_get_dashboard (SitrepServicesGroup *self,
                                                    const char          *service);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_OVERVIEW_PAGE (sitrep_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (SitrepOverviewPage, sitrep_overview_page, SITREP, OVERVIEW_PAGE, GtkWidget)

void            sitrep_overview_page_set_context  (SitrepOverviewPage *self,
                                                   SitrepContext      *context);
void            sitrep_overview_page_set_incident (SitrepOverviewPage *self,
                                                   SitrepIncident     *incident);
SitrepIncident *sitrep_overview_page_get_incident (SitrepOverviewPage *self);

G_END_DECLS

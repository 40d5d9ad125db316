/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-incident-page.h"
#include "sitrep-major-banner.h"
#include "sitrep-milestones-group.h"
#include "sitrep-services-group.h"

G_BEGIN_DECLS

#define SITREP_TYPE_OVERVIEW_PAGE (sitrep_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (SitrepOverviewPage, sitrep_overview_page, SITREP, OVERVIEW_PAGE, SitrepIncidentPage)

/* For tests, which drive the page's real widgets. */
SitrepMajorBanner *_sitrep_overview_page_get_major_banner (SitrepOverviewPage *self);
SitrepServicesGroup *_sitrep_overview_page_get_services_group (SitrepOverviewPage *self);
AdwMessageDialog  *_sitrep_overview_page_get_dialog       (SitrepOverviewPage *self);
GtkLabel          *_sitrep_overview_page_get_impact_label (SitrepOverviewPage *self);
SitrepMilestonesGroup *_sitrep_overview_page_get_milestones_group (SitrepOverviewPage *self);
const char        *_sitrep_overview_page_get_latest_entry (SitrepOverviewPage *self);
AdwToast          *_sitrep_overview_page_get_mark_done_toast (SitrepOverviewPage *self);

G_END_DECLS

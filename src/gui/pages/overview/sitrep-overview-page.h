/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-incident-page.h"

G_BEGIN_DECLS

#define SITREP_TYPE_OVERVIEW_PAGE (sitrep_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (SitrepOverviewPage, sitrep_overview_page, SITREP, OVERVIEW_PAGE, SitrepIncidentPage)


G_END_DECLS

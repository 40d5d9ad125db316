/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-incident-page.h"

G_BEGIN_DECLS

#define SITREP_TYPE_CHECKLIST_PAGE (sitrep_checklist_page_get_type ())

G_DECLARE_FINAL_TYPE (SitrepChecklistPage, sitrep_checklist_page, SITREP, CHECKLIST_PAGE,
                      SitrepIncidentPage)

GtkWidget      *sitrep_checklist_page_new          (void);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_CHECKLIST_PAGE (sitrep_checklist_page_get_type ())

G_DECLARE_FINAL_TYPE (SitrepChecklistPage, sitrep_checklist_page, SITREP, CHECKLIST_PAGE,
                      GtkWidget)

GtkWidget      *sitrep_checklist_page_new          (void);
void            sitrep_checklist_page_set_context  (SitrepChecklistPage *self,
                                                    SitrepContext       *context);
void            sitrep_checklist_page_set_incident (SitrepChecklistPage *self,
                                                    SitrepIncident      *incident);
SitrepIncident *sitrep_checklist_page_get_incident (SitrepChecklistPage *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-incident-page.h"

G_BEGIN_DECLS

#define SITREP_TYPE_POSTMORTEM_PAGE (sitrep_postmortem_page_get_type ())

G_DECLARE_FINAL_TYPE (SitrepPostmortemPage, sitrep_postmortem_page, SITREP, POSTMORTEM_PAGE, SitrepIncidentPage)

GtkWidget  *sitrep_postmortem_page_new                  (void);
GtkWidget  *sitrep_postmortem_page_get_action_items_slot (SitrepPostmortemPage *self);

G_END_DECLS

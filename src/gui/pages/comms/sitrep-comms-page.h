/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-incident-page.h"

G_BEGIN_DECLS

#define SITREP_TYPE_COMMS_PAGE (sitrep_comms_page_get_type ())

G_DECLARE_FINAL_TYPE (SitrepCommsPage, sitrep_comms_page, SITREP, COMMS_PAGE, SitrepIncidentPage)

GtkWidget      *sitrep_comms_page_new          (void);
void            sitrep_comms_page_compose      (SitrepCommsPage *self,
                                                SitrepAudience   audience);

G_END_DECLS

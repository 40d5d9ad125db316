/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_COMMS_PAGE (sitrep_comms_page_get_type ())

G_DECLARE_FINAL_TYPE (SitrepCommsPage, sitrep_comms_page, SITREP, COMMS_PAGE, GtkWidget)

GtkWidget      *sitrep_comms_page_new          (void);
void            sitrep_comms_page_set_context  (SitrepCommsPage *self,
                                                SitrepContext   *context);
void            sitrep_comms_page_set_incident (SitrepCommsPage *self,
                                                SitrepIncident  *incident);
SitrepIncident *sitrep_comms_page_get_incident (SitrepCommsPage *self);
void            sitrep_comms_page_compose      (SitrepCommsPage *self,
                                                SitrepAudience   audience);

G_END_DECLS

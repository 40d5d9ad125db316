/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_ROLES_PAGE (sitrep_roles_page_get_type ())

G_DECLARE_FINAL_TYPE (SitrepRolesPage, sitrep_roles_page, SITREP, ROLES_PAGE, GtkWidget)

GtkWidget      *sitrep_roles_page_new          (void);
void            sitrep_roles_page_set_context  (SitrepRolesPage *self,
                                                SitrepContext   *context);
void            sitrep_roles_page_set_incident (SitrepRolesPage *self,
                                                SitrepIncident  *incident);
SitrepIncident *sitrep_roles_page_get_incident (SitrepRolesPage *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-incident-page.h"

G_BEGIN_DECLS

#define SITREP_TYPE_ROLES_PAGE (sitrep_roles_page_get_type ())

G_DECLARE_FINAL_TYPE (SitrepRolesPage, sitrep_roles_page, SITREP, ROLES_PAGE, SitrepIncidentPage)

GtkWidget      *sitrep_roles_page_new          (void);

G_END_DECLS

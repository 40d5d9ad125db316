/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-briefing-dialog.h"
#include "sitrep-page-dialog.h"
#include "sitrep-roles-page.h"

G_BEGIN_DECLS

/* For tests, which drive the page's real widgets. */
AdwEntryRow          *_sitrep_roles_page_get_row             (SitrepRolesPage *self,
                                                              SitrepRole       role);
GtkMenuButton        *_sitrep_roles_page_get_chooser         (SitrepRolesPage *self,
                                                              SitrepRole       role);
GtkButton            *_sitrep_roles_page_get_clear           (SitrepRolesPage *self,
                                                              SitrepRole       role);
GtkWidget            *_sitrep_roles_page_get_warning         (SitrepRolesPage *self,
                                                              SitrepRole       role);
GtkLabel             *_sitrep_roles_page_get_summary         (SitrepRolesPage *self);
SitrepBriefingDialog *_sitrep_roles_page_get_briefing_dialog (SitrepRolesPage *self);
SitrepPageDialog     *_sitrep_roles_page_get_page_dialog     (SitrepRolesPage *self);
GtkListBox           *_sitrep_roles_page_get_pages_list      (SitrepRolesPage *self);

G_END_DECLS

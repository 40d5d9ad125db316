/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"
#include "sitrep-role-assignment.h"

G_BEGIN_DECLS

#define SITREP_TYPE_ROLE_ROW (sitrep_role_row_get_type ())

G_DECLARE_FINAL_TYPE (SitrepRoleRow, sitrep_role_row, SITREP, ROLE_ROW, AdwEntryRow)

GtkWidget            *sitrep_role_row_new             (SitrepRole            role);
SitrepRole            sitrep_role_row_get_role        (SitrepRoleRow        *self);
const char           *sitrep_role_row_get_description (SitrepRoleRow        *self);
void                  sitrep_role_row_set_context     (SitrepRoleRow        *self,
                                                       SitrepContext        *context);
SitrepRoleAssignment *sitrep_role_row_get_assignment  (SitrepRoleRow        *self);
void                  sitrep_role_row_set_assignment  (SitrepRoleRow        *self,
                                                       SitrepRoleAssignment *assignment);
const char           *sitrep_role_row_get_shown       (SitrepRoleRow        *self);
void                  sitrep_role_row_show_holder     (SitrepRoleRow        *self,
                                                       gboolean              force);
void                  sitrep_role_row_set_missing     (SitrepRoleRow        *self,
                                                       const char           *hint);
GtkMenuButton        *sitrep_role_row_get_chooser     (SitrepRoleRow        *self);
GtkButton            *sitrep_role_row_get_clear       (SitrepRoleRow        *self);
GtkWidget            *sitrep_role_row_get_warning     (SitrepRoleRow        *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-record-object.h"

G_BEGIN_DECLS

#define SITREP_TYPE_ROLE_ASSIGNMENT (sitrep_role_assignment_get_type ())

G_DECLARE_FINAL_TYPE (SitrepRoleAssignment, sitrep_role_assignment, SITREP, ROLE_ASSIGNMENT, SitrepRecordObject)

const char *sitrep_role_assignment_get_role (SitrepRoleAssignment *self);
const char *sitrep_role_assignment_get_person (SitrepRoleAssignment *self);
const char *sitrep_role_assignment_get_assigned_at (SitrepRoleAssignment *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sitrep-json.h"
#include "sitrep-role-assignment.h"

/* One role of an incident and who holds it. A record of "roles"; its fields as properties. */
struct _SitrepRoleAssignment
{
  SitrepRecordObject parent_instance;
};

G_DEFINE_FINAL_TYPE (SitrepRoleAssignment, sitrep_role_assignment, SITREP_TYPE_RECORD_OBJECT)

enum {
  PROP_0,
  PROP_ROLE,
  PROP_PERSON,
  PROP_ASSIGNED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_role_assignment_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SitrepRoleAssignment *self = SITREP_ROLE_ASSIGNMENT (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      g_value_set_string (value, sitrep_role_assignment_get_role (self));
      break;

    case PROP_PERSON:
      g_value_set_string (value, sitrep_role_assignment_get_person (self));
      break;

    case PROP_ASSIGNED_AT:
      g_value_set_string (value, sitrep_role_assignment_get_assigned_at (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_role_assignment_body_changed (SitrepRecordObject *object,
                                     JsonObject         *body)
{
  g_object_freeze_notify (G_OBJECT (object));
  for (guint i = PROP_ROLE; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (object), properties[i]);
  SITREP_RECORD_OBJECT_CLASS (sitrep_role_assignment_parent_class)->body_changed (object, body);
  g_object_thaw_notify (G_OBJECT (object));
}

static void
sitrep_role_assignment_class_init (SitrepRoleAssignmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sitrep_role_assignment_get_property;
  SITREP_RECORD_OBJECT_CLASS (klass)->body_changed = sitrep_role_assignment_body_changed;

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, NULL, RO);
  properties[PROP_PERSON] = g_param_spec_string ("person", NULL, NULL, NULL, RO);
  properties[PROP_ASSIGNED_AT] = g_param_spec_string ("assigned-at", NULL, NULL, NULL, RO);
#undef RO

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_role_assignment_init (SitrepRoleAssignment *self)
{
}

const char *
sitrep_role_assignment_get_role (SitrepRoleAssignment *self)
{
  const char *value;

  g_return_val_if_fail (SITREP_IS_ROLE_ASSIGNMENT (self), NULL);

  value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "role");
  return value ? value : "";
}

const char *
sitrep_role_assignment_get_person (SitrepRoleAssignment *self)
{
  const char *value;

  g_return_val_if_fail (SITREP_IS_ROLE_ASSIGNMENT (self), NULL);

  value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "person");
  return value ? value : "";
}

const char *
sitrep_role_assignment_get_assigned_at (SitrepRoleAssignment *self)
{
  const char *value;

  g_return_val_if_fail (SITREP_IS_ROLE_ASSIGNMENT (self), NULL);

  value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "assigned_at");
  return value ? value : "";
}

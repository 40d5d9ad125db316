/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sitrep-json.h"
#include "sitrep-service.h"

/* One service of the team's catalogue. A record of "services", named by
 * its id; its fields as properties. */
struct _SitrepService
{
  SitrepRecordObject parent_instance;
};

G_DEFINE_FINAL_TYPE (SitrepService, sitrep_service, SITREP_TYPE_RECORD_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_OWNER_TEAM,
  PROP_CRITICAL,
  PROP_RUNBOOK_URL,
  PROP_DASHBOARD_URL,
  PROP_ESCALATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_service_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SitrepService *self = SITREP_SERVICE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, sitrep_service_get_name (self));
      break;

    case PROP_OWNER_TEAM:
      g_value_set_string (value, sitrep_service_get_owner_team (self));
      break;

    case PROP_CRITICAL:
      g_value_set_boolean (value, sitrep_service_get_critical (self));
      break;

    case PROP_RUNBOOK_URL:
      g_value_set_string (value, sitrep_service_get_runbook_url (self));
      break;

    case PROP_DASHBOARD_URL:
      g_value_set_string (value, sitrep_service_get_dashboard_url (self));
      break;

    case PROP_ESCALATION:
      g_value_take_boxed (value, sitrep_service_dup_escalation (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_service_body_changed (SitrepRecordObject *object,
                             JsonObject         *body)
{
  g_object_freeze_notify (G_OBJECT (object));
  for (guint i = PROP_OWNER_TEAM; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (object), properties[i]);
  SITREP_RECORD_OBJECT_CLASS (sitrep_service_parent_class)->body_changed (object, body);
  g_object_thaw_notify (G_OBJECT (object));
}

static void
sitrep_service_class_init (SitrepServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sitrep_service_get_property;
  SITREP_RECORD_OBJECT_CLASS (klass)->body_changed = sitrep_service_body_changed;

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, RO);
  properties[PROP_OWNER_TEAM] = g_param_spec_string ("owner-team", NULL, NULL, NULL, RO);
  properties[PROP_CRITICAL] = g_param_spec_boolean ("critical", NULL, NULL, FALSE, RO);
  properties[PROP_RUNBOOK_URL] = g_param_spec_string ("runbook-url", NULL, NULL, NULL, RO);
  properties[PROP_DASHBOARD_URL] = g_param_spec_string ("dashboard-url", NULL, NULL, NULL, RO);
  properties[PROP_ESCALATION] = g_param_spec_boxed ("escalation", NULL, NULL, G_TYPE_STRV, RO);
#undef RO

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_service_init (SitrepService *self)
{
}

static const char *
get_text (SitrepService *self,
          const char    *field)
{
  const char *value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), field);

  return value ? value : "";
}

/* The record's id: the catalogue names a service once. */
const char *
sitrep_service_get_name (SitrepService *self)
{
  g_return_val_if_fail (SITREP_IS_SERVICE (self), NULL);

  return sitrep_record_object_get_id (SITREP_RECORD_OBJECT (self));
}

const char *
sitrep_service_get_owner_team (SitrepService *self)
{
  g_return_val_if_fail (SITREP_IS_SERVICE (self), NULL);

  return get_text (self, "owner_team");
}

gboolean
sitrep_service_get_critical (SitrepService *self)
{
  JsonObject *body;

  g_return_val_if_fail (SITREP_IS_SERVICE (self), FALSE);

  body = sitrep_record_object_get_body (SITREP_RECORD_OBJECT (self));
  return body != NULL && sitrep_json_get_bool (body, "critical");
}

const char *
sitrep_service_get_runbook_url (SitrepService *self)
{
  g_return_val_if_fail (SITREP_IS_SERVICE (self), NULL);

  return get_text (self, "runbook_url");
}

const char *
sitrep_service_get_dashboard_url (SitrepService *self)
{
  g_return_val_if_fail (SITREP_IS_SERVICE (self), NULL);

  return get_text (self, "dashboard_url");
}

/**
 * sitrep_service_dup_escalation:
 *
 * Returns: (transfer full): the teams to escalate to, in order (empty for
 *   none); entries that are not text are skipped
 */
GStrv
sitrep_service_dup_escalation (SitrepService *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonObject *body;
  JsonNode *node;

  g_return_val_if_fail (SITREP_IS_SERVICE (self), NULL);

  body = sitrep_record_object_get_body (SITREP_RECORD_OBJECT (self));
  node = body ? json_object_get_member (body, "escalation") : NULL;
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }

  return g_strv_builder_end (builder);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-alertmanager-payload.c: the shape of a webhook payload
 *
 * Alertmanager's version 4 payload, checked before the intake reads it, so
 * a malformed one is refused whole with a message saying what is wrong.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-json.h"
#include "sitrep-server-alertmanager-payload.h"

static gboolean
is_string_or_absent (JsonObject *o,
                     const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  return node == NULL || JSON_NODE_HOLDS_NULL (node)
         || (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING);
}

/* Labels and annotations: an object of scalars (Alertmanager sends strings;
 * hand-written payloads carry numbers and booleans too). */
static gboolean
is_label_set_or_absent (JsonObject *o,
                        const char *member)
{
  JsonNode *node = json_object_get_member (o, member);
  g_autoptr(GList) names = NULL;
  JsonObject *set;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  set = json_node_get_object (node);
  names = json_object_get_members (set);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (set, l->data);

      if (!JSON_NODE_HOLDS_VALUE (value) && !JSON_NODE_HOLDS_NULL (value))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_status_or_absent (JsonObject *o)
{
  JsonNode *node = json_object_get_member (o, "status");
  const char *status;

  if (node == NULL)
    return TRUE;
  if (!is_string_or_absent (o, "status") || JSON_NODE_HOLDS_NULL (node))
    return FALSE;

  status = json_node_get_string (node);
  return g_str_equal (status, "firing") || g_str_equal (status, "resolved");
}

/**
 * _sitrep_server_alertmanager_check_payload:
 *
 * Checks the shape of a version 4 payload, as far as the intake reads it.
 *
 * Returns: (nullable): the problem, translated, or %NULL if there is none
 */
const char *
_sitrep_server_alertmanager_check_payload (JsonObject *payload)
{
  static const char * const label_sets[] = { "groupLabels", "commonLabels", "commonAnnotations" };
  static const char * const alert_strings[] = { "startsAt", "endsAt", "fingerprint",
                                                "generatorURL" };
  JsonNode *alerts = json_object_get_member (payload, "alerts");
  JsonArray *array;

  if (alerts == NULL || !JSON_NODE_HOLDS_ARRAY (alerts))
    return _("alerts: must be an array");
  if (sitrep_json_get_string (payload, "groupKey") == NULL)
    return _("groupKey: must be a string");
  if (!is_status_or_absent (payload))
    return _("status: must be firing or resolved");
  if (!is_string_or_absent (payload, "version") || !is_string_or_absent (payload, "externalURL"))
    return _("version and externalURL must be strings");
  for (gsize i = 0; i < G_N_ELEMENTS (label_sets); i++)
    {
      if (!is_label_set_or_absent (payload, label_sets[i]))
        return _("groupLabels, commonLabels and commonAnnotations must be objects of strings");
    }

  array = json_node_get_array (alerts);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *alert;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return _("alerts: each alert must be an object");
      alert = json_node_get_object (node);
      if (!is_status_or_absent (alert))
        return _("alerts: status must be firing or resolved");
      if (!is_label_set_or_absent (alert, "labels")
          || !is_label_set_or_absent (alert, "annotations"))
        return _("alerts: labels and annotations must be objects of strings");
      for (gsize j = 0; j < G_N_ELEMENTS (alert_strings); j++)
        {
          if (!is_string_or_absent (alert, alert_strings[j]))
            return _("alerts: startsAt, endsAt, fingerprint and generatorURL must be strings");
        }
    }

  return NULL;
}

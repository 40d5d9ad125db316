/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-alertmanager.c: the server's reading of an Alertmanager webhook
 *
 * The body goes through the scan and the payload check; a payload that
 * passes is triaged as the intake triages it, and the incident it would
 * open is built and checked against the protocol. */

#include "config.h"

#include <stdlib.h>

#include "sitrep-incident-rules.h"
#include "sitrep-json.h"
#include "sitrep-protocol-scan.h"
#include "sitrep-record.h"
#include "sitrep-status.h"
#include "sitrep-triage.h"
#include "sitrep-server-alertmanager-payload.h"
#include "fuzz-entry.h"

static gboolean
not_in_catalogue (const char *service,
                  gpointer    user_data)
{
  return FALSE;
}

static JsonObject *
get_object (JsonObject *o,
            const char *member)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) services = g_ptr_array_new ();
  SitrepTriageResult triage;
  JsonArray *alerts;

  payload = sitrep_protocol_parse_object_bounded ((const char *) data, size,
                                                  SITREP_PROTOCOL_MAX_TEXT,
                                                  SITREP_PROTOCOL_MAX_DEPTH, NULL);
  if (payload == NULL || _sitrep_server_alertmanager_check_payload (payload) != NULL)
    return 0;

  sitrep_triage_result_init (&triage);
  sitrep_triage_result_add (&triage, get_object (payload, "commonLabels"),
                            get_object (payload, "commonAnnotations"), not_in_catalogue, NULL);
  alerts = json_object_get_array_member (payload, "alerts");
  for (guint i = 0; i < json_array_get_length (alerts); i++)
    {
      JsonObject *alert = json_array_get_object_element (alerts, i);

      sitrep_triage_result_add (&triage, get_object (alert, "labels"),
                                get_object (alert, "annotations"), not_in_catalogue, NULL);
    }

  for (guint i = 0; i < triage.services->len; i++)
    g_ptr_array_add (services, g_ptr_array_index (triage.services, i));
  g_ptr_array_add (services, NULL);

  body = sitrep_incident_rules_new_body ("Alert from Alertmanager",
                                         (const char * const *) services->pdata, NULL,
                                         triage.severity, SITREP_STATUS_INVESTIGATING);
  sitrep_incident_rules_set_triage (body, triage.severity, triage.rule, triage.reason,
                                    triage.hint);
  json_object_set_string_member (body, "detected_at", "2026-11-27T14:32:00Z");
  json_object_set_string_member (body, "declared_at", "2026-11-27T14:32:00Z");
  if (!sitrep_record_validate ("incidents", "11111111-2222-4333-8444-555555555555", body, NULL))
    abort ();

  sitrep_triage_result_clear (&triage);
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-delivery-pagerduty.c: a page, as PagerDuty Events v2 or a
 * generic webhook takes it
 *
 * PagerDuty: `POST {events-url}` with the team's routing key, event_action
 * "trigger" and the page's id as dedup_key, so that a redelivery after a
 * crash adds to the alert it already raised instead of paging again.
 * A webhook gets the page record itself, shaped as PROTOCOL.md shapes
 * records.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-json.h"
#include "sitrep-server-delivery-private.h"

/* The incident's severity as PagerDuty names it: P1 critical, P2 error,
 * P3 warning, P4 info. An incident the server does not know (yet) pages as
 * an error. */
static const char *
pagerduty_severity (JsonObject *incident)
{
  const char *severity = incident != NULL ? sitrep_json_get_string (incident, "severity") : NULL;

  if (g_strcmp0 (severity, "P1") == 0)
    return "critical";
  if (g_strcmp0 (severity, "P3") == 0)
    return "warning";
  if (g_strcmp0 (severity, "P4") == 0)
    return "info";
  return "error";
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* "INC-2026-014 Checkout errors: the primary is down" */
static char *
page_summary (const SitrepDeliveryRequest *request)
{
  const char *ref = NULL, *title = NULL;
  const char *message = sitrep_json_get_string (request->body, "message");
  GString *summary = g_string_new (NULL);

  if (request->incident != NULL)
    {
      ref = sitrep_json_get_string (request->incident, "ref");
      title = sitrep_json_get_string (request->incident, "title");
    }

  if (ref != NULL && *ref != '\0')
    g_string_append (summary, ref);
  if (title != NULL && *title != '\0')
    g_string_append_printf (summary, "%s%s", summary->len > 0 ? " " : "", title);
  if (message != NULL && *message != '\0')
    g_string_append_printf (summary, "%s%s", summary->len > 0 ? ": " : "", message);
  if (summary->len == 0)
    g_string_append_printf (summary, _("Page for %s"),
                            sitrep_json_get_string (request->body, "team"));

  /* PagerDuty's limit for a summary */
  if (summary->len > 1024)
    g_string_truncate (summary,
                       g_utf8_find_prev_char (summary->str, summary->str + 1024) - summary->str);

  return g_string_free (summary, FALSE);
}

static SoupMessage *
pagerduty_message (const SitrepServerConfig    *config,
                   const SitrepServerTeam      *team,
                   const SitrepDeliveryRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *summary = page_summary (request);
  const char *ref = request->incident != NULL ? sitrep_json_get_string (request->incident, "ref")
                                              : NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "routing_key");
  json_builder_add_string_value (builder, team->routing_key);
  json_builder_set_member_name (builder, "event_action");
  json_builder_add_string_value (builder, "trigger");
  json_builder_set_member_name (builder, "dedup_key");
  json_builder_add_string_value (builder, request->id);
  json_builder_set_member_name (builder, "payload");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, summary);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, "sitrep");
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, pagerduty_severity (request->incident));
  json_builder_set_member_name (builder, "custom_details");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "incident_id",
                      sitrep_json_get_string (request->body, "incident_id"));
  add_string_or_null (builder, "ref", ref);
  add_string_or_null (builder, "requested_by",
                      sitrep_json_get_string (request->body, "requested_by"));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return _sitrep_delivery_json_message ("POST", config->events_url, root);
}

static SoupMessage *
webhook_message (const SitrepServerTeam      *team,
                 const SitrepDeliveryRequest *request)
{
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (record, "coll", request->coll);
  json_object_set_string_member (record, "id", request->id);
  json_object_set_int_member (record, "version", request->version);
  json_object_set_boolean_member (record, "deleted", FALSE);
  json_object_set_object_member (record, "body", sitrep_json_copy (request->body));
  json_node_set_object (root, record);

  return _sitrep_delivery_json_message ("POST", team->webhook_url, root);
}

/**
 * _sitrep_delivery_page_message:
 * @provider: (out): "pagerduty" or "webhook"
 * @problem: (out): why there is no request, when this returns %NULL
 *
 * Returns: (transfer full) (nullable): the request that delivers the page
 *   @request describes, as the configuration of its team says
 */
SoupMessage *
_sitrep_delivery_page_message (const SitrepServerConfig     *config,
                               const SitrepDeliveryRequest  *request,
                               const char                  **provider,
                               char                        **problem)
{
  const char *team_name = sitrep_json_get_string (request->body, "team");
  const SitrepServerTeam *team = sitrep_server_config_get_team (config, team_name);
  SoupMessage *msg;

  *provider = NULL;
  if (team == NULL)
    {
      *problem = g_strdup_printf (_("The server has no paging configured for the team “%s”"),
                                  team_name != NULL ? team_name : "");
      return NULL;
    }

  if (team->routing_key != NULL)
    {
      *provider = "pagerduty";
      msg = pagerduty_message (config, team, request);
    }
  else
    {
      *provider = "webhook";
      msg = webhook_message (team, request);
    }

  if (msg == NULL)
    *problem = g_strdup (_("The provider's URL in the server's configuration is not valid"));
  return msg;
}

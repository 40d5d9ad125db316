/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-delivery-statuspage.c: a communication, as the Atlassian
 * Statuspage REST API takes it
 *
 * The first published communication of an incident creates a Statuspage
 * incident (`POST {api-url}/pages/{page-id}/incidents`, answered 201 with
 * its `id`); the later ones update it (`PATCH …/incidents/{id}`). Both send
 * `{"incident": {"name", "status", "body", "impact_override"}}` with the
 * header `Authorization: OAuth <key>`.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-json.h"
#include "sitrep-server-delivery-private.h"

/* Statuspage's incident statuses are ours but for `closed`, which is
 * resolved to a reader of the status page. */
static const char *
statuspage_status (JsonObject *incident)
{
  const char *status = incident != NULL ? sitrep_json_get_string (incident, "status") : NULL;

  if (g_strcmp0 (status, "identified") == 0 || g_strcmp0 (status, "monitoring") == 0
      || g_strcmp0 (status, "resolved") == 0)
    return status;
  if (g_strcmp0 (status, "closed") == 0)
    return "resolved";
  return "investigating";
}

/* The impact customers see, from the incident's severity: P1 critical
 * (complete outage), P2 major (a major feature down), P3 minor (degraded),
 * P4 none (the guide's minimal impact is no customer impact to show). */
static const char *
statuspage_impact (JsonObject *incident)
{
  const char *severity = incident != NULL ? sitrep_json_get_string (incident, "severity") : NULL;

  if (g_strcmp0 (severity, "P1") == 0)
    return "critical";
  if (g_strcmp0 (severity, "P2") == 0)
    return "major";
  if (g_strcmp0 (severity, "P3") == 0)
    return "minor";
  return "none";
}

/* The communication's title, which its author wrote for the audience, or
 * else the incident's. */
static const char *
incident_name (const SitrepDeliveryRequest *request)
{
  const char *title = sitrep_json_get_string (request->body, "title");

  if ((title == NULL || *title == '\0') && request->incident != NULL)
    title = sitrep_json_get_string (request->incident, "title");
  if (title == NULL || *title == '\0')
    title = _("Service disruption");
  return title;
}

/**
 * _sitrep_delivery_statuspage_message:
 * @problem: (out): why there is no request, when this returns %NULL
 *
 * Returns: (transfer full) (nullable): the create or the update
 */
SoupMessage *
_sitrep_delivery_statuspage_message (const SitrepServerConfig     *config,
                                     const SitrepDeliveryRequest  *request,
                                     char                        **problem)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = NULL;
  g_autofree char *authorization = NULL;
  const char *body = sitrep_json_get_string (request->body, "body");
  SoupMessage *msg;

  if (!config->has_statuspage)
    {
      *problem = g_strdup (_("The server has no status page configured"));
      return NULL;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "incident");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, incident_name (request));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, statuspage_status (request->incident));
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body != NULL ? body : "");
  json_builder_set_member_name (builder, "impact_override");
  json_builder_add_string_value (builder, statuspage_impact (request->incident));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  if (request->external_id == NULL)
    url = g_strdup_printf ("%s/pages/%s/incidents", config->statuspage_api_url,
                           config->statuspage_page_id);
  else
    {
      g_autofree char *escaped = g_uri_escape_string (request->external_id, NULL, FALSE);

      url = g_strdup_printf ("%s/pages/%s/incidents/%s", config->statuspage_api_url,
                             config->statuspage_page_id, escaped);
    }

  msg = _sitrep_delivery_json_message (request->external_id == NULL ? "POST" : "PATCH", url,
                                       root);
  if (msg == NULL)
    {
      *problem = g_strdup (_("The status page's URL in the server's configuration is not "
                             "valid"));
      return NULL;
    }

  authorization = g_strdup_printf ("OAuth %s", config->statuspage_api_key);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  return msg;
}

/**
 * _sitrep_delivery_statuspage_id:
 *
 * Returns: (transfer full) (nullable): the `id` of the incident Statuspage
 *   answered with
 */
char *
_sitrep_delivery_statuspage_id (GBytes *answer)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = answer != NULL ? g_bytes_get_data (answer, &size) : NULL;
  JsonNode *root;
  const char *id;

  if (data == NULL || !json_parser_load_from_data (parser, data, (gssize) size, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  id = sitrep_json_get_string (json_node_get_object (root), "id");
  return id != NULL && *id != '\0' ? g_strdup (id) : NULL;
}

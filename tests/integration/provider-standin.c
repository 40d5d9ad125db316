/* SPDX-License-Identifier: GPL-3.0-or-later */
/* provider-standin.c: PagerDuty, Statuspage and a webhook receiver
 *
 * What is checked follows the providers' documentation: PagerDuty Events
 * API v2 ("Send an Alert Event": routing_key of 32 characters,
 * event_action, dedup_key of at most 255, payload.summary of at most 1024,
 * payload.source, payload.severity one of critical, error, warning, info;
 * 202 with status, message and dedup_key; 400 with status "invalid event",
 * message and errors) and the Statuspage REST API v1 ("Create an
 * incident", "Update an incident": `Authorization: OAuth KEY`, an
 * `incident` object with name, status, body, impact_override; 201 or 200
 * with the incident; 401 and 404 with an `error`).
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "provider-standin.h"

typedef struct {
  guint    status;
  char    *body;
  guint    retry_after;   /* seconds, 0 for no header */
  gboolean hold;
} Script;

struct _Standin {
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *soup;
  char         *url;

  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  GPtrArray    *requests;      /* of StandinRequest */
  GQueue        scripts[3];    /* per provider, of Script */
  GHashTable   *dedup_keys;    /* PagerDuty: the alerts raised */
  GHashTable   *incidents;     /* Statuspage: id → name */
};

static void
script_free (gpointer data)
{
  Script *script = data;

  g_free (script->body);
  g_free (script);
}

static void
request_free (gpointer data)
{
  StandinRequest *request = data;

  g_free (request->method);
  g_free (request->path);
  g_free (request->content_type);
  g_free (request->authorization);
  g_clear_pointer (&request->json, json_node_unref);
  g_free (request->problem);
  g_free (request);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static char *
check_pagerduty (StandinRequest *request)
{
  static const char * const severities[] = { "critical", "error", "warning", "info", NULL };
  static const char * const actions[] = { "trigger", "acknowledge", "resolve", NULL };
  JsonObject *event, *payload;
  const char *value;

  if (!g_str_equal (request->method, "POST") || !g_str_equal (request->path, "/v2/enqueue"))
    return g_strdup_printf ("%s %s is not the Events API v2", request->method, request->path);
  if (g_strcmp0 (request->content_type, "application/json") != 0)
    return g_strdup ("Content-Type must be application/json");
  if (request->json == NULL || !JSON_NODE_HOLDS_OBJECT (request->json))
    return g_strdup ("The body is not a JSON object");

  event = json_node_get_object (request->json);
  value = get_string (event, "routing_key");
  if (value == NULL || strlen (value) != 32)
    return g_strdup ("Length of 'routing_key' is incorrect (should be 32 characters)");
  value = get_string (event, "event_action");
  if (value == NULL || !g_strv_contains (actions, value))
    return g_strdup ("'event_action' is invalid (must be one of trigger, acknowledge, resolve)");
  value = get_string (event, "dedup_key");
  if (json_object_has_member (event, "dedup_key") && (value == NULL || strlen (value) > 255))
    return g_strdup ("'dedup_key' must be a string of at most 255 characters");

  payload = get_object (event, "payload");
  if (payload == NULL)
    return g_strdup ("'payload' is missing or not an object");
  value = get_string (payload, "summary");
  if (value == NULL || *value == '\0' || strlen (value) > 1024)
    return g_strdup ("'payload.summary' is missing or longer than 1024 characters");
  value = get_string (payload, "source");
  if (value == NULL || *value == '\0')
    return g_strdup ("'payload.source' is missing");
  value = get_string (payload, "severity");
  if (value == NULL || !g_strv_contains (severities, value))
    return g_strdup ("'payload.severity' is invalid (must be one of critical, error, "
                     "warning, info)");
  if (json_object_has_member (payload, "custom_details") && get_object (payload,
                                                                        "custom_details") == NULL)
    return g_strdup ("'payload.custom_details' must be an object");

  return NULL;
}

/* Returns the status to answer when the request is wrong, 0 when fine. */
static guint
check_statuspage (StandinRequest  *request,
                  char           **problem,
                  char           **incident_id)
{
  static const char * const statuses[] = {
    "investigating", "identified", "monitoring", "resolved", NULL
  };
  static const char * const impacts[] = { "none", "minor", "major", "critical", NULL };
  const char *prefix = "/v1/pages/" STANDIN_PAGE_ID "/incidents";
  g_autofree char *authorization = g_strdup ("OAuth " STANDIN_API_KEY);
  JsonObject *incident;
  const char *value;
  gboolean create;

  *incident_id = NULL;
  if (g_strcmp0 (request->authorization, authorization) != 0)
    {
      *problem = g_strdup ("Couldn't authenticate you");
      return 401;
    }

  create = g_str_equal (request->path, prefix);
  if (create && !g_str_equal (request->method, "POST"))
    {
      *problem = g_strdup ("Not found");
      return 404;
    }
  if (!create)
    {
      if (!g_str_has_prefix (request->path, prefix) || request->path[strlen (prefix)] != '/'
          || !g_str_equal (request->method, "PATCH"))
        {
          *problem = g_strdup ("Not found");
          return 404;
        }
      *incident_id = g_strdup (request->path + strlen (prefix) + 1);
    }

  if (g_strcmp0 (request->content_type, "application/json") != 0)
    {
      *problem = g_strdup ("Content-Type must be application/json");
      return 415;
    }

  incident = request->json != NULL && JSON_NODE_HOLDS_OBJECT (request->json)
             ? get_object (json_node_get_object (request->json), "incident") : NULL;
  if (incident == NULL)
    *problem = g_strdup ("incident is missing");
  else if (create && ((value = get_string (incident, "name")) == NULL || *value == '\0'))
    *problem = g_strdup ("name can't be blank");
  else if (json_object_has_member (incident, "status")
           && ((value = get_string (incident, "status")) == NULL
               || !g_strv_contains (statuses, value)))
    *problem = g_strdup ("status is not a realtime incident status");
  else if (json_object_has_member (incident, "impact_override")
           && ((value = get_string (incident, "impact_override")) == NULL
               || !g_strv_contains (impacts, value)))
    *problem = g_strdup ("impact_override is not one of none, minor, major, critical");
  else if (json_object_has_member (incident, "body") && get_string (incident, "body") == NULL)
    *problem = g_strdup ("body must be a string");

  return *problem != NULL ? 422 : 0;
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                      strlen (body));
}

static char *
error_json (const char *problem)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, problem);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static char *
pagerduty_answer (StandinRequest *request,
                  guint          *status)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (request->problem != NULL)
    {
      *status = 400;
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, "invalid event");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, "Event object is invalid");
      json_builder_set_member_name (builder, "errors");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, request->problem);
      json_builder_end_array (builder);
    }
  else
    {
      *status = 202;
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, "success");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, "Event processed");
      json_builder_set_member_name (builder, "dedup_key");
      json_builder_add_string_value (builder,
                                     get_string (json_node_get_object (request->json),
                                                 "dedup_key"));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static char *
statuspage_incident_json (const char *id,
                          JsonObject *incident)
{
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_set_string_member (answer, "id", id);
  json_object_set_string_member (answer, "page_id", STANDIN_PAGE_ID);
  json_object_iter_init (&iter, incident);
  while (json_object_iter_next (&iter, &member, &node))
    json_object_set_member (answer, member, json_node_copy (node));
  json_node_set_object (root, answer);
  return json_to_string (root, FALSE);
}

static void
handler (SoupServer        *soup,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Standin *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *answer = NULL;
  g_autofree char *incident_id = NULL;
  StandinRequest *request = g_new0 (StandinRequest, 1);
  Script *script;
  guint status = 200;

  request->arrived_us = g_get_monotonic_time ();
  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (path);
  request->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  request->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  if (body->length > 0 && json_parser_load_from_data (parser, body->data, body->length, NULL))
    request->json = json_node_copy (json_parser_get_root (parser));

  if (g_str_has_prefix (path, "/v2/"))
    request->provider = STANDIN_PAGERDUTY;
  else if (g_str_has_prefix (path, "/v1/"))
    request->provider = STANDIN_STATUSPAGE;
  else
    request->provider = STANDIN_WEBHOOK;

  g_mutex_lock (&self->lock);
  script = g_queue_pop_head (&self->scripts[request->provider]);

  switch (request->provider)
    {
    case STANDIN_PAGERDUTY:
      request->problem = check_pagerduty (request);
      answer = pagerduty_answer (request, &status);
      /* A held event reached PagerDuty; only its answer is lost. */
      if (request->problem == NULL
          && (script == NULL || script->hold || script->status / 100 == 2))
        g_hash_table_add (self->dedup_keys,
                          g_strdup (get_string (json_node_get_object (request->json),
                                                "dedup_key")));
      break;

    case STANDIN_STATUSPAGE:
      status = check_statuspage (request, &request->problem, &incident_id);
      if (status != 0)
        answer = error_json (request->problem);
      else if (incident_id != NULL && !g_hash_table_contains (self->incidents, incident_id))
        {
          status = 404;
          request->problem = g_strdup ("Not found");
          answer = error_json (request->problem);
        }
      else
        {
          JsonObject *incident = get_object (json_node_get_object (request->json), "incident");

          if (incident_id == NULL)
            {
              incident_id = g_strdup_printf ("sp%010u", g_hash_table_size (self->incidents) + 1);
              if (script == NULL || script->status / 100 == 2)
                g_hash_table_insert (self->incidents, g_strdup (incident_id),
                                     g_strdup (get_string (incident, "name")));
              status = 201;
            }
          else
            status = 200;
          answer = statuspage_incident_json (incident_id, incident);
        }
      break;

    case STANDIN_WEBHOOK:
    default:
      if (!g_str_equal (request->method, "POST") || !g_str_has_prefix (path, "/hooks/")
          || g_strcmp0 (request->content_type, "application/json") != 0
          || request->json == NULL || !JSON_NODE_HOLDS_OBJECT (request->json))
        {
          status = 400;
          request->problem = g_strdup ("A webhook takes a JSON object, POSTed to /hooks/NAME");
          answer = error_json (request->problem);
        }
      else
        answer = g_strdup ("{\"ok\": true}");
      break;
    }

  if (script != NULL && script->hold && request->problem == NULL)
    {
      /* Never answered: the server under test is killed meanwhile. */
      soup_server_message_pause (msg);
      status = 0;
    }
  else if (script != NULL && script->status != 0 && request->problem == NULL)
    {
      status = script->status;
      respond (msg, status, script->body);
      if (script->retry_after > 0)
        {
          g_autofree char *seconds = g_strdup_printf ("%u", script->retry_after);

          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Retry-After", seconds);
        }
    }
  else
    respond (msg, status, answer);

  request->status = status;
  g_ptr_array_add (self->requests, request);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  g_clear_pointer (&script, script_free);
}

static gpointer
standin_thread (gpointer data)
{
  Standin *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  self->soup = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->soup, NULL, handler, self, NULL);
  soup_server_listen_local (self->soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->soup);
  g_assert_nonnull (uris);
  g_mutex_lock (&self->lock);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  self->ready = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (self->loop);

  soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/**
 * standin_new:
 *
 * Starts the providers on 127.0.0.1; standin_url() is their base URL.
 */
Standin *
standin_new (void)
{
  Standin *self = g_new0 (Standin, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->requests = g_ptr_array_new_with_free_func (request_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->scripts); i++)
    g_queue_init (&self->scripts[i]);
  self->dedup_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->incidents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("provider-standin", standin_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
standin_free (Standin *self)
{
  if (self == NULL)
    return;

  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  for (guint i = 0; i < G_N_ELEMENTS (self->scripts); i++)
    g_queue_clear_full (&self->scripts[i], script_free);
  g_ptr_array_unref (self->requests);
  g_hash_table_unref (self->dedup_keys);
  g_hash_table_unref (self->incidents);
  g_free (self->url);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

const char *
standin_url (Standin *self)
{
  return self->url;
}

/**
 * standin_answer_next:
 * @body: (nullable): the answer's JSON body
 *
 * The next well-formed request to @provider gets @status and @body instead
 * of the provider's success.
 */
void
standin_answer_next (Standin         *self,
                     StandinProvider  provider,
                     guint            status,
                     const char      *body)
{
  Script *script = g_new0 (Script, 1);

  script->status = status;
  script->body = g_strdup (body);
  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->scripts[provider], script);
  g_mutex_unlock (&self->lock);
}

/**
 * standin_answer_next_retry_after:
 *
 * Like standin_answer_next(), with `Retry-After: SECONDS` and the
 * provider's own words for a throttled request.
 */
void
standin_answer_next_retry_after (Standin         *self,
                                 StandinProvider  provider,
                                 guint            status,
                                 guint            seconds)
{
  Script *script = g_new0 (Script, 1);

  script->status = status;
  script->body = g_strdup ("{\"status\": \"throttle event\", \"message\": \"Requests for "
                           "this service are arriving too quickly. Please retry later.\"}");
  script->retry_after = seconds;
  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->scripts[provider], script);
  g_mutex_unlock (&self->lock);
}

/**
 * standin_hold_next:
 *
 * The next well-formed request to @provider is taken and never answered.
 */
void
standin_hold_next (Standin         *self,
                   StandinProvider  provider)
{
  Script *script = g_new0 (Script, 1);

  script->hold = TRUE;
  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->scripts[provider], script);
  g_mutex_unlock (&self->lock);
}

/**
 * standin_wait_requests:
 *
 * Waits until @n requests in all have arrived, at most @timeout_ms.
 *
 * Returns: whether they did
 */
gboolean
standin_wait_requests (Standin *self,
                       guint    n,
                       guint    timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gboolean arrived;

  g_mutex_lock (&self->lock);
  while (self->requests->len < n)
    if (!g_cond_wait_until (&self->cond, &self->lock, deadline))
      break;
  arrived = self->requests->len >= n;
  g_mutex_unlock (&self->lock);
  return arrived;
}

guint
standin_count (Standin         *self,
               StandinProvider  provider)
{
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len; i++)
    if (((StandinRequest *) self->requests->pdata[i])->provider == provider)
      n++;
  g_mutex_unlock (&self->lock);
  return n;
}

/**
 * standin_request:
 *
 * Returns: (transfer none): the @index-th request that reached @provider;
 *   it stays valid until standin_free()
 */
StandinRequest *
standin_request (Standin         *self,
                 StandinProvider  provider,
                 guint            index)
{
  StandinRequest *found = NULL;
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len && found == NULL; i++)
    {
      StandinRequest *request = self->requests->pdata[i];

      if (request->provider == provider && n++ == index)
        found = request;
    }
  g_mutex_unlock (&self->lock);
  g_assert_nonnull (found);
  return found;
}

/* The distinct alerts PagerDuty raised: one per dedup_key accepted. */
guint
standin_pagerduty_alerts (Standin *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = g_hash_table_size (self->dedup_keys);
  g_mutex_unlock (&self->lock);
  return n;
}

guint
standin_statuspage_incidents (Standin *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = g_hash_table_size (self->incidents);
  g_mutex_unlock (&self->lock);
  return n;
}

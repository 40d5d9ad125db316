/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-routes.c: which endpoint a request is for, and the checks
 * that come before it
 *
 * What the headers alone decide (route, token, rate, role, size, media
 * type) is decided in the early handler, before the body is read, so that
 * a stranger cannot make the server read 256 KiB. The endpoints run from
 * the late handler, with the body in hand.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-json.h"
#include "sitrep-protocol.h"
#include "sitrep-protocol-scan.h"
#include "sitrep-server-private.h"

typedef enum {
  ROUTE_NONE,
  ROUTE_HEALTH,
  ROUTE_PUSH,
  ROUTE_CHANGES,
  ROUTE_SNAPSHOT,
  ROUTE_ALERTMANAGER,
} Route;

static const struct {
  Route             route;
  const char       *method;
  const char       *path;
  SitrepServerRole  role;    /* NONE: no token needed */
} routes[] = {
  { ROUTE_HEALTH, "GET", "/v1/health", SITREP_SERVER_ROLE_NONE },
  /* HEAD answers the headers GET would, without the body (libsoup drops it). */
  { ROUTE_HEALTH, "HEAD", "/v1/health", SITREP_SERVER_ROLE_NONE },
  { ROUTE_PUSH, "POST", "/v1/push", SITREP_SERVER_ROLE_RESPONDER },
  { ROUTE_CHANGES, "GET", "/v1/changes", SITREP_SERVER_ROLE_VIEWER },
  { ROUTE_SNAPSHOT, "GET", "/v1/snapshot", SITREP_SERVER_ROLE_VIEWER },
  { ROUTE_ALERTMANAGER, "POST", "/v1/integrations/alertmanager", SITREP_SERVER_ROLE_RESPONDER },
};

/* libsoup refuses some requests itself once their headers are read (a %00
 * or a malformed escape in the path, `OPTIONS *`), with an empty body; this
 * runs after its own handlers of the message and gives the refusal the
 * JSON body of PROTOCOL.md. (A request line it cannot parse at all, such
 * as a query with a malformed escape, is answered before any signal.) */
static void
refusal_in_json_cb (SoupServerMessage *msg,
                    gpointer           user_data)
{
  guint status = soup_server_message_get_status (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  const char *code;

  if (status < 400 || body->length > 0)
    return;

  switch (status)
    {
    case SOUP_STATUS_NOT_FOUND:
      code = SITREP_PROTOCOL_NOT_FOUND;
      break;
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      code = SITREP_PROTOCOL_TOO_LARGE;
      break;
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
      code = SITREP_PROTOCOL_UNAVAILABLE;
      break;
    default:
      code = SITREP_PROTOCOL_BAD_REQUEST;
      break;
    }

  _sitrep_server_respond_error (msg, status, code, soup_status_get_phrase (status));
}

/**
 * _sitrep_server_watch_refusals:
 *
 * Called as a request starts, after libsoup connected its own handlers.
 */
void
_sitrep_server_watch_refusals (SoupServerMessage *msg)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (refusal_in_json_cb), NULL);
  g_signal_connect (msg, "got-body", G_CALLBACK (refusal_in_json_cb), NULL);
}

/* The early handler: everything the headers decide */

static guint
find_route (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *path = uri != NULL ? g_uri_get_path (uri) : NULL;

  if (path == NULL || method == NULL)
    return G_N_ELEMENTS (routes);

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (g_str_equal (path, routes[i].path) && g_str_equal (method, routes[i].method))
        return i;
    }

  return G_N_ELEMENTS (routes);
}

static gboolean
authenticate (SitrepServer        *self,
              SoupServerMessage   *msg,
              SitrepServerRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(SitrepServerToken) found = NULL;
  g_autoptr(GError) error = NULL;
  SitrepServerStorage *storage = _sitrep_server_get_storage (self);

  token = sitrep_server_bearer_token (soup_message_headers_get_one (headers, "Authorization"));
  if (token == NULL)
    {
      _sitrep_server_respond_error (msg, SOUP_STATUS_UNAUTHORIZED,
                                    SITREP_PROTOCOL_UNAUTHORIZED,
                                    _("A bearer token is required"));
      return FALSE;
    }

  hash = sitrep_server_token_hash (token);
  if (!storage->vtable->lookup_token (storage, hash, &found, &error))
    {
      _sitrep_server_respond_storage_error (msg, error);
      return FALSE;
    }

  if (found == NULL || found->revoked_at != NULL)
    {
      _sitrep_server_respond_error (msg, SOUP_STATUS_UNAUTHORIZED,
                                    SITREP_PROTOCOL_UNAUTHORIZED,
                                    found == NULL ? _("Unknown token")
                                                  : _("This token was revoked"));
      return FALSE;
    }

  req->token = g_steal_pointer (&found);
  return TRUE;
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  SitrepServerRequest *req = _sitrep_server_request_get (msg);

  if (req == NULL || req->too_large)
    return;

  req->body_bytes += g_bytes_get_size (chunk);
  if (req->body_bytes > SITREP_PROTOCOL_MAX_BODY)
    {
      /* Keep reading, so the answer can be a 413, but keep nothing more. */
      req->too_large = TRUE;
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
    }
}

static gboolean
check_body_headers (SoupServerMessage   *msg,
                    SitrepServerRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) > SITREP_PROTOCOL_MAX_BODY)
    {
      _sitrep_server_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                    SITREP_PROTOCOL_TOO_LARGE,
                                    _("The body is larger than 256 KiB"));
      return FALSE;
    }

  if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0)
    {
      _sitrep_server_respond_error (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE,
                                    SITREP_PROTOCOL_UNSUPPORTED_MEDIA_TYPE,
                                    _("The body must be application/json"));
      return FALSE;
    }

  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), NULL);
  return TRUE;
}

/**
 * _sitrep_server_early_handler:
 *
 * Runs once the headers are read; answering here leaves the body unread.
 */
void
_sitrep_server_early_handler (SoupServer        *soup,
                              SoupServerMessage *msg,
                              const char        *path,
                              GHashTable        *query,
                              gpointer           user_data)
{
  SitrepServer *self = user_data;
  SitrepServerRequest *req = _sitrep_server_request_get (msg);
  SitrepServerRole role;
  guint retry_after;

  if (req == NULL)
    return;

  _sitrep_server_request_begin (self, req);
  req->route_index = find_route (msg);

  if (_sitrep_server_is_stopping (self))
    {
      _sitrep_server_respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE,
                                    SITREP_PROTOCOL_UNAVAILABLE, _("The server is stopping"));
      goto refused;
    }

  if (req->route_index == G_N_ELEMENTS (routes))
    {
      _sitrep_server_respond_error (msg, SOUP_STATUS_NOT_FOUND, SITREP_PROTOCOL_NOT_FOUND,
                                    _("No such endpoint"));
      goto refused;
    }

  if (routes[req->route_index].role == SITREP_SERVER_ROLE_NONE)
    return;

  if (!authenticate (self, msg, req))
    goto refused;

  if (!sitrep_server_rate_limiter_take (_sitrep_server_get_limiter (self), req->token->name,
                                        &retry_after))
    {
      g_autofree char *seconds = g_strdup_printf ("%u", retry_after);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", seconds);
      _sitrep_server_respond_error (msg, SITREP_STATUS_TOO_MANY_REQUESTS,
                                    SITREP_PROTOCOL_RATE_LIMITED, _("Too many requests"));
      goto refused;
    }

  role = sitrep_server_role_from_string (req->token->role);
  if (role < routes[req->route_index].role)
    {
      _sitrep_server_respond_error (msg, SOUP_STATUS_FORBIDDEN, SITREP_PROTOCOL_FORBIDDEN,
                                    _("This token’s role may not do this"));
      goto refused;
    }

  if (g_str_equal (routes[req->route_index].method, "POST") && !check_body_headers (msg, req))
    goto refused;

  return;

refused:
  /* The body, if any, stays unread: the connection cannot be reused. */
  if (soup_message_headers_get_encoding (soup_server_message_get_request_headers (msg))
      != SOUP_ENCODING_NONE)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Connection", "close");
}

/* The handler: everything that needs the body */

static void
handle_health (SitrepServer      *self,
               SoupServerMessage *msg)
{
  SitrepServerStorage *storage = _sitrep_server_get_storage (self);
  g_autoptr(GError) error = NULL;
  gint64 last_seq;
  GString *out;

  if (!storage->vtable->get_state (storage, &last_seq, NULL, &error))
    {
      _sitrep_server_respond_storage_error (msg, error);
      return;
    }

  out = g_string_new (NULL);
  g_string_append_printf (out, "{\"status\":\"ok\",\"seq\":%" G_GINT64_FORMAT ",\"version\":",
                          last_seq);
  sitrep_protocol_append_string (out, PACKAGE_VERSION);
  g_string_append_c (out, '}');
  _sitrep_server_respond_json (msg, SOUP_STATUS_OK, g_string_free (out, FALSE));
}

static JsonObject *
read_json_body (SoupServerMessage   *msg,
                SitrepServerRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  gsize len;

  if (req->too_large)
    {
      _sitrep_server_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                    SITREP_PROTOCOL_TOO_LARGE,
                                    _("The body is larger than 256 KiB"));
      return NULL;
    }

  bytes = soup_message_body_flatten (body);
  len = g_bytes_get_size (bytes);
  if (len > SITREP_PROTOCOL_MAX_BODY)
    {
      _sitrep_server_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                    SITREP_PROTOCOL_TOO_LARGE,
                                    _("The body is larger than 256 KiB"));
      return NULL;
    }

  /* The scan refuses NUL bytes, invalid UTF-8 and lone surrogates. */
  object = sitrep_protocol_parse_object_bounded (g_bytes_get_data (bytes, NULL), len,
                                                 SITREP_PROTOCOL_MAX_BODY,
                                                 SITREP_PROTOCOL_MAX_DEPTH, &error);
  if (object == NULL)
    {
      if (g_error_matches (error, SITREP_PROTOCOL_SCAN_ERROR,
                           SITREP_PROTOCOL_SCAN_ERROR_TOO_LARGE))
        _sitrep_server_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                      SITREP_PROTOCOL_TOO_LARGE, error->message);
      else
        _sitrep_server_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                                      SITREP_PROTOCOL_BAD_REQUEST, error->message);
      return NULL;
    }

  return object;
}

/**
 * _sitrep_server_handler:
 *
 * Runs once the whole body is read, for what the early handler let through.
 */
void
_sitrep_server_handler (SoupServer        *soup,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query,
                        gpointer           user_data)
{
  SitrepServer *self = user_data;
  SitrepServerRequest *req = _sitrep_server_request_get (msg);
  g_autoptr(JsonObject) body = NULL;
  Route route;

  /* Answered by the early handler already */
  if (req == NULL || req->route_index >= G_N_ELEMENTS (routes)
      || soup_server_message_get_status (msg) != 0)
    return;

  route = routes[req->route_index].route;
  if (g_str_equal (routes[req->route_index].method, "POST"))
    {
      body = read_json_body (msg, req);
      if (body == NULL)
        return;
    }

  switch (route)
    {
    case ROUTE_HEALTH:
      handle_health (self, msg);
      break;
    case ROUTE_PUSH:
      _sitrep_server_handle_push (self, msg, body);
      break;
    case ROUTE_CHANGES:
      _sitrep_server_handle_changes (self, msg, query);
      break;
    case ROUTE_SNAPSHOT:
      _sitrep_server_handle_snapshot (self, msg);
      break;
    case ROUTE_ALERTMANAGER:
      _sitrep_server_handle_alertmanager (self, msg, body);
      break;
    case ROUTE_NONE:
    default:
      g_assert_not_reached ();
    }
}

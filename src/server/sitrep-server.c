/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server.c: the HTTP side of sitrep-server
 *
 * One SoupServer on the main thread. What can be decided from the headers
 * alone (route, token, role, rate, size, media type) is decided in an early
 * handler, before the body is read, so that a stranger cannot make the
 * server read 256 KiB. Writes go to one writer thread, in arrival order;
 * the message is paused meanwhile and answered once the commit returned.
 * Reads run on the main thread on their own connection.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-json.h"
#include "sitrep-protocol.h"
#include "sitrep-server-private.h"

/* Seconds a shutdown waits for requests in progress before giving up. */
#define SHUTDOWN_GRACE_SECONDS 10

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
  { ROUTE_PUSH, "POST", "/v1/push", SITREP_SERVER_ROLE_RESPONDER },
  { ROUTE_CHANGES, "GET", "/v1/changes", SITREP_SERVER_ROLE_VIEWER },
  { ROUTE_SNAPSHOT, "GET", "/v1/snapshot", SITREP_SERVER_ROLE_VIEWER },
  { ROUTE_ALERTMANAGER, "POST", "/v1/integrations/alertmanager", SITREP_SERVER_ROLE_RESPONDER },
};

/* What the server knows of one request, attached to its message. */
typedef struct {
  SitrepServer      *server;
  SoupServerMessage *msg;         /* owns us */
  gint64             started;
  guint              timeout_id;
  guint              route_index;
  SitrepServerToken *token;
  gsize              body_bytes;
  gboolean           too_large;
  gboolean           counted;     /* reached the early handler */
  gboolean           done;        /* finished or aborted */
} Request;

typedef struct {
  SitrepServer          *server;
  SoupServerMessage     *msg;
  SitrepServerWriteFunc  func;
  gpointer               data;
  GDestroyNotify         destroy;
  guint                  status;
  char                  *response;
  gboolean               changed;
} WriteJob;

struct _SitrepServer {
  GObject                  parent_instance;

  SoupServer              *soup;
  SitrepServerStorage     *storage;   /* not owned */
  SitrepServerOptions      options;
  SitrepServerRateLimiter *limiter;
  GThreadPool             *writer;
  GMainContext            *context;
  GPtrArray               *waiters;   /* managed by sitrep-server-feed.c */

  guint                    active;    /* requests between early handler and finish */
  guint                    writes;    /* write jobs queued or running */
  gboolean                 stopping;
  GTask                   *shutdown_task;
  guint                    shutdown_timeout_id;
};

G_DEFINE_FINAL_TYPE (SitrepServer, sitrep_server, G_TYPE_OBJECT)

#define REQUEST_KEY "sitrep-request"

static Request *
get_request (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), REQUEST_KEY);
}

static void
request_free (gpointer data)
{
  Request *req = data;

  g_clear_handle_id (&req->timeout_id, g_source_remove);
  g_clear_pointer (&req->token, sitrep_server_token_free);
  g_free (req);
}

SitrepServerStorage *
_sitrep_server_get_storage (SitrepServer *self)
{
  return self->storage;
}

gboolean
_sitrep_server_is_stopping (SitrepServer *self)
{
  return self->stopping;
}

/* Declared here rather than in the private header: only feed.c needs it. */
GPtrArray *_sitrep_server_get_waiters (SitrepServer *self);

GPtrArray *
_sitrep_server_get_waiters (SitrepServer *self)
{
  return self->waiters;
}

/**
 * _sitrep_server_get_token:
 *
 * Returns: (transfer none) (nullable): the token that authenticated @msg
 */
const SitrepServerToken *
_sitrep_server_get_token (SoupServerMessage *msg)
{
  Request *req = get_request (msg);

  return req != NULL ? req->token : NULL;
}

void
_sitrep_server_respond_json (SoupServerMessage *msg,
                             guint              status,
                             char              *json)
{
  soup_server_message_set_status (msg, status,
                                  status == SITREP_STATUS_TOO_MANY_REQUESTS ? "Too Many Requests"
                                                                            : NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    json, strlen (json));
}

void
_sitrep_server_respond_error (SoupServerMessage *msg,
                              guint              status,
                              const char        *code,
                              const char        *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    soup_message_headers_replace (headers, "WWW-Authenticate", "Bearer");
  if (status == SOUP_STATUS_SERVICE_UNAVAILABLE
      && soup_message_headers_get_one (headers, "Retry-After") == NULL)
    soup_message_headers_replace (headers, "Retry-After", "1");

  _sitrep_server_respond_json (msg, status, sitrep_protocol_error_json (code, message));
}

/**
 * _sitrep_server_storage_error_json:
 * @status: (out): 503 when the database is unavailable for now, else 500
 *
 * Returns: (transfer full): the error body for a failed storage operation
 */
char *
_sitrep_server_storage_error_json (const GError *error,
                                   guint        *status)
{
  g_printerr ("sitrep-server: storage: %s\n", error->message);

  if (g_error_matches (error, SITREP_SERVER_STORAGE_ERROR,
                       SITREP_SERVER_STORAGE_ERROR_UNAVAILABLE))
    {
      *status = SOUP_STATUS_SERVICE_UNAVAILABLE;
      return sitrep_protocol_error_json (SITREP_PROTOCOL_UNAVAILABLE,
                                         _("The database is unavailable; retry later"));
    }

  *status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  return sitrep_protocol_error_json ("internal_error", _("The database failed"));
}

void
_sitrep_server_respond_storage_error (SoupServerMessage *msg,
                                      const GError      *error)
{
  guint status;
  char *json = _sitrep_server_storage_error_json (error, &status);

  if (status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Retry-After", "1");
  _sitrep_server_respond_json (msg, status, json);
}

/* Shutdown */

static void
finish_shutdown (SitrepServer *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->shutdown_task);

  g_clear_handle_id (&self->shutdown_timeout_id, g_source_remove);
  soup_server_disconnect (self->soup);
  g_task_return_boolean (task, TRUE);
}

static void
maybe_finish_shutdown (SitrepServer *self)
{
  if (self->shutdown_task != NULL && self->active == 0 && self->writes == 0)
    finish_shutdown (self);
}

static gboolean
shutdown_timeout_cb (gpointer user_data)
{
  SitrepServer *self = user_data;

  self->shutdown_timeout_id = 0;
  g_printerr ("sitrep-server: %u requests still running; stopping anyway\n", self->active);
  finish_shutdown (self);
  return G_SOURCE_REMOVE;
}

/**
 * sitrep_server_shutdown_async:
 *
 * Stops taking requests (new ones get 503), answers the waiting long-polls
 * with an empty list, lets the pushes in progress commit and be answered,
 * then closes every connection and completes.
 */
void
sitrep_server_shutdown_async (SitrepServer        *self,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SITREP_IS_SERVER (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, sitrep_server_shutdown_async);

  if (self->shutdown_task != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  self->stopping = TRUE;
  self->shutdown_task = g_steal_pointer (&task);
  self->shutdown_timeout_id = g_timeout_add_seconds (SHUTDOWN_GRACE_SECONDS,
                                                     shutdown_timeout_cb, self);
  _sitrep_server_wake_waiters (self, TRUE);
  maybe_finish_shutdown (self);
}

gboolean
sitrep_server_shutdown_finish (SitrepServer  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The writer thread */

static gboolean
write_job_done (gpointer data)
{
  WriteJob *job = data;
  SitrepServer *self = job->server;
  Request *req = get_request (job->msg);

  if (req != NULL && !req->done)
    {
      if (job->status == SOUP_STATUS_SERVICE_UNAVAILABLE)
        soup_message_headers_replace (soup_server_message_get_response_headers (job->msg),
                                      "Retry-After", "1");
      _sitrep_server_respond_json (job->msg, job->status, g_steal_pointer (&job->response));
      soup_server_message_unpause (job->msg);
    }

  if (job->changed)
    _sitrep_server_wake_waiters (self, FALSE);

  self->writes--;
  g_free (job->response);
  if (job->destroy != NULL)
    job->destroy (job->data);
  g_object_unref (job->msg);
  g_free (job);

  maybe_finish_shutdown (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
writer_thread (gpointer data,
               gpointer user_data)
{
  WriteJob *job = data;
  SitrepServer *self = user_data;

  job->status = job->func (self->storage, job->data, &job->response, &job->changed);
  if (job->response == NULL)
    job->response = g_strdup ("{}");

  g_main_context_invoke (self->context, write_job_done, job);
}

/**
 * _sitrep_server_run_write:
 * @data: (transfer full): for @func, freed with @destroy
 *
 * Pauses @msg, runs @func on the writer thread, then answers @msg with
 * what @func returned and wakes the long-polls if it committed changes.
 */
void
_sitrep_server_run_write (SitrepServer          *self,
                          SoupServerMessage     *msg,
                          SitrepServerWriteFunc  func,
                          gpointer               data,
                          GDestroyNotify         destroy)
{
  WriteJob *job = g_new0 (WriteJob, 1);

  job->server = g_object_ref (self);
  job->msg = g_object_ref (msg);
  job->func = func;
  job->data = data;
  job->destroy = destroy;

  self->writes++;
  soup_server_message_pause (msg);
  /* Cannot fail: the pool exists and is not exclusive-less. */
  g_thread_pool_push (self->writer, job, NULL);
}

/* Requests: lifetime, timeout, logging */

static gboolean
request_timeout_cb (gpointer user_data)
{
  Request *req = user_data;
  GSocket *socket = soup_server_message_get_socket (req->msg);

  req->timeout_id = 0;
  if (req->server->options.verbose)
    g_printerr ("sitrep-server: dropping a client that sent no whole request in %u s\n",
                req->server->options.request_timeout);

  /* The pending read then ends, and libsoup aborts the message. */
  if (socket != NULL)
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
  return G_SOURCE_REMOVE;
}

static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    SitrepServer      *self)
{
  Request *req = g_new0 (Request, 1);

  req->server = self;
  req->msg = msg;
  req->started = g_get_monotonic_time ();
  if (self->options.request_timeout > 0)
    req->timeout_id = g_timeout_add_seconds (self->options.request_timeout,
                                             request_timeout_cb, req);
  g_object_set_data_full (G_OBJECT (msg), REQUEST_KEY, req, request_free);
}

static void
request_read_cb (SoupServer        *soup,
                 SoupServerMessage *msg,
                 SitrepServer      *self)
{
  Request *req = get_request (msg);

  if (req != NULL)
    g_clear_handle_id (&req->timeout_id, g_source_remove);
}

static void
request_ended (SitrepServer      *self,
               SoupServerMessage *msg,
               gboolean           aborted)
{
  Request *req = get_request (msg);

  if (req == NULL || req->done)
    return;

  req->done = TRUE;
  g_clear_handle_id (&req->timeout_id, g_source_remove);
  if (aborted)
    _sitrep_server_forget_waiter (self, msg);

  if (self->options.verbose && req->counted)
    {
      GUri *uri = soup_server_message_get_uri (msg);

      g_printerr ("%s %s %u %.1f ms%s\n", soup_server_message_get_method (msg),
                  uri != NULL ? g_uri_get_path (uri) : "-",
                  soup_server_message_get_status (msg),
                  (g_get_monotonic_time () - req->started) / 1000.0,
                  aborted ? " (aborted)" : "");
    }

  if (req->counted)
    {
      req->counted = FALSE;
      self->active--;
      maybe_finish_shutdown (self);
    }
}

static void
request_finished_cb (SoupServer        *soup,
                     SoupServerMessage *msg,
                     SitrepServer      *self)
{
  request_ended (self, msg, FALSE);
}

static void
request_aborted_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    SitrepServer      *self)
{
  request_ended (self, msg, TRUE);
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
authenticate (SitrepServer      *self,
              SoupServerMessage *msg,
              Request           *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(SitrepServerToken) found = NULL;
  g_autoptr(GError) error = NULL;

  token = sitrep_server_bearer_token (soup_message_headers_get_one (headers, "Authorization"));
  if (token == NULL)
    {
      _sitrep_server_respond_error (msg, SOUP_STATUS_UNAUTHORIZED,
                                    SITREP_PROTOCOL_UNAUTHORIZED,
                                    _("A bearer token is required"));
      return FALSE;
    }

  hash = sitrep_server_token_hash (token);
  if (!self->storage->vtable->lookup_token (self->storage, hash, &found, &error))
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
  Request *req = get_request (msg);

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
check_body_headers (SoupServerMessage *msg,
                    Request           *req)
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

static void
early_handler (SoupServer        *soup,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  SitrepServer *self = user_data;
  Request *req = get_request (msg);
  SitrepServerRole role;
  guint retry_after;

  if (req == NULL)
    return;

  req->counted = TRUE;
  self->active++;
  req->route_index = find_route (msg);

  if (self->stopping)
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

  if (!sitrep_server_rate_limiter_take (self->limiter, req->token->name, &retry_after))
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
  g_autoptr(GError) error = NULL;
  gint64 last_seq;
  GString *out;

  if (!self->storage->vtable->get_state (self->storage, &last_seq, NULL, &error))
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
read_json_body (SoupServerMessage *msg,
                Request           *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
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

  text = g_strndup (g_bytes_get_data (bytes, NULL), len);
  if (strlen (text) != len)
    {
      _sitrep_server_respond_error (msg, SOUP_STATUS_BAD_REQUEST, SITREP_PROTOCOL_BAD_REQUEST,
                                    _("The body holds a NUL byte"));
      return NULL;
    }

  object = sitrep_json_from_string (text, &error);
  if (object == NULL)
    {
      if (g_error_matches (error, SITREP_JSON_ERROR, SITREP_JSON_ERROR_TOO_LARGE))
        _sitrep_server_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                      SITREP_PROTOCOL_TOO_LARGE, error->message);
      else
        _sitrep_server_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                                      SITREP_PROTOCOL_BAD_REQUEST, error->message);
      return NULL;
    }

  return object;
}

static void
handler (SoupServer        *soup,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  SitrepServer *self = user_data;
  Request *req = get_request (msg);
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

/* The object */

static void
sitrep_server_dispose (GObject *object)
{
  SitrepServer *self = (SitrepServer *) object;

  if (self->waiters != NULL)
    _sitrep_server_wake_waiters (self, TRUE);

  if (self->soup != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->soup, self);
      soup_server_disconnect (self->soup);
      g_clear_object (&self->soup);
    }

  G_OBJECT_CLASS (sitrep_server_parent_class)->dispose (object);
}

static void
sitrep_server_finalize (GObject *object)
{
  SitrepServer *self = (SitrepServer *) object;

  /* Jobs hold a reference to the server: none is left to wait for. */
  g_thread_pool_free (self->writer, FALSE, TRUE);
  g_clear_pointer (&self->limiter, sitrep_server_rate_limiter_free);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (sitrep_server_parent_class)->finalize (object);
}

static void
sitrep_server_class_init (SitrepServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_server_dispose;
  object_class->finalize = sitrep_server_finalize;
}

static void
sitrep_server_init (SitrepServer *self)
{
  self->waiters = g_ptr_array_new ();
  self->context = g_main_context_ref_thread_default ();
}

/**
 * sitrep_server_new:
 * @storage: the database; must outlive the server
 *
 * Returns: (transfer full): a server, not listening yet
 */
SitrepServer *
sitrep_server_new (SitrepServerStorage       *storage,
                   const SitrepServerOptions *options)
{
  g_autoptr(SitrepServer) self = NULL;
  g_autofree char *header = g_strdup_printf ("sitrep-server/%s", PACKAGE_VERSION);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (storage != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  self = g_object_new (SITREP_TYPE_SERVER, NULL);
  self->storage = storage;
  self->options = *options;
  self->limiter = sitrep_server_rate_limiter_new (options->rate_limit);

  /* One writer thread: seq is assigned by one writer at a time anyway. */
  self->writer = g_thread_pool_new (writer_thread, self, 1, TRUE, &error);
  if (self->writer == NULL)
    g_error ("Cannot start the writer thread: %s", error->message);

  self->soup = soup_server_new ("server-header", header, NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started_cb), self);
  g_signal_connect (self->soup, "request-read", G_CALLBACK (request_read_cb), self);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (request_finished_cb), self);
  g_signal_connect (self->soup, "request-aborted", G_CALLBACK (request_aborted_cb), self);
  soup_server_add_early_handler (self->soup, NULL, early_handler, self, NULL);
  soup_server_add_handler (self->soup, NULL, handler, self, NULL);

  return g_steal_pointer (&self);
}

/**
 * sitrep_server_listen:
 * @certificate: (nullable): serve HTTPS with this certificate
 * @port: (out): the port bound, useful when @address asked for port 0
 */
gboolean
sitrep_server_listen (SitrepServer     *self,
                      GSocketAddress   *address,
                      GTlsCertificate  *certificate,
                      guint            *port,
                      GError          **error)
{
  SoupServerListenOptions flags = 0;
  GSList *uris;

  g_return_val_if_fail (SITREP_IS_SERVER (self), FALSE);

  if (certificate != NULL)
    {
      soup_server_set_tls_certificate (self->soup, certificate);
      flags |= SOUP_SERVER_LISTEN_HTTPS;
    }

  if (!soup_server_listen (self->soup, address, flags, error))
    return FALSE;

  uris = soup_server_get_uris (self->soup);
  *port = uris != NULL ? (guint) g_uri_get_port (uris->data) : 0;
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server.c: the HTTP side of sitrep-server
 *
 * One SoupServer on the main thread. What can be decided from the headers
 * alone (route, token, role, rate, size, media type) is decided in an early
 * handler, before the body is read, so that a stranger cannot make the
 * server read 256 KiB. Writes go to one writer thread, in arrival order;
 * the message is paused meanwhile and answered once the commit returned.
 * Reads run on the main thread on their own connection.
 *
 * Connections are accepted, counted and kept alive by
 * sitrep-server-connections.c. Every request has a time to arrive in and
 * every answer a time to make progress in; a request refused from its
 * headers alone (a bad token, a body too large) is answered without
 * reading its body, and its connection closed.
 */

#include "config.h"


#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-protocol.h"
#include "sitrep-server-private.h"

/* Seconds a shutdown waits for requests in progress before giving up. */
#define SHUTDOWN_GRACE_SECONDS 10

typedef struct {
  SitrepServer          *server;
  SoupServerMessage     *msg;
  SitrepServerWriteFunc  func;
  gpointer               data;
  GDestroyNotify         destroy;
  guint                  status;
  char                  *response;
  gboolean               changed;
  SitrepServerWriteDone  done;       /* for writes of the server's own, without msg */
  gpointer               done_data;
} WriteJob;

struct _SitrepServer {
  GObject                  parent_instance;

  SoupServer              *soup;
  SitrepServerStorage     *storage;   /* not owned */
  SitrepServerOptions      options;
  SitrepServerRateLimiter *limiter;
  SitrepServerConnections *connections;
  GThreadPool             *writer;
  GMainContext            *context;
  GPtrArray               *waiters;   /* managed by sitrep-server-feed.c */

  guint                    active;    /* requests between early handler and finish */
  guint                    unread;    /* of those, the ones whose body is still coming */
  guint                    writes;    /* write jobs queued or running */
  gboolean                 stopping;
  GTask                   *shutdown_task;
  guint                    shutdown_timeout_id;
};

G_DEFINE_FINAL_TYPE (SitrepServer, sitrep_server, G_TYPE_OBJECT)

enum {
  SIGNAL_COMMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define REQUEST_KEY "sitrep-request"

/**
 * _sitrep_server_request_get:
 *
 * Returns: (transfer none) (nullable): what the server knows of @msg
 */
SitrepServerRequest *
_sitrep_server_request_get (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), REQUEST_KEY);
}

SitrepServerRateLimiter *
_sitrep_server_get_limiter (SitrepServer *self)
{
  return self->limiter;
}

/* Counts @req among the requests a shutdown waits for. */
void
_sitrep_server_request_begin (SitrepServer        *self,
                              SitrepServerRequest *req)
{
  req->counted = TRUE;
  self->active++;
  self->unread++;
}

static void
request_free (gpointer data)
{
  SitrepServerRequest *req = data;

  g_clear_handle_id (&req->timeout_id, g_source_remove);
  g_clear_handle_id (&req->write_timeout_id, g_source_remove);
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
  SitrepServerRequest *req = _sitrep_server_request_get (msg);

  return req != NULL ? req->token : NULL;
}

static gboolean
write_timeout_cb (gpointer user_data)
{
  SitrepServerRequest *req = user_data;

  if (req->written != req->written_seen)
    {
      req->written_seen = req->written;
      return G_SOURCE_CONTINUE;
    }

  req->write_timeout_id = 0;
  if (req->server->options.verbose)
    g_printerr ("sitrep-server: dropping a client that read nothing of its answer in %u s\n",
                req->server->options.write_timeout);

  /* A reset, not a close: what the kernel holds for the client goes too */
  _sitrep_server_connection_drop (_sitrep_server_connection_get (req->msg), TRUE);
  return G_SOURCE_REMOVE;
}

static void
wrote_body_data_cb (SoupServerMessage *msg,
                    guint              size,
                    gpointer           user_data)
{
  SitrepServerRequest *req = _sitrep_server_request_get (msg);

  if (req != NULL)
    req->written += size;
}

void
_sitrep_server_respond_json (SoupServerMessage *msg,
                             guint              status,
                             char              *json)
{
  SitrepServerRequest *req = _sitrep_server_request_get (msg);

  /* The answer is written from here on: it must make progress. */
  if (req != NULL && req->write_timeout_id == 0 && req->server->options.write_timeout > 0)
    req->write_timeout_id = g_timeout_add_seconds (req->server->options.write_timeout,
                                                   write_timeout_cb, req);

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
  _sitrep_server_connections_stop (self->connections);
  soup_server_disconnect (self->soup);
  g_task_return_boolean (task, TRUE);
}

static void
maybe_finish_shutdown (SitrepServer *self)
{
  /* A request whose body is still on its way has done nothing yet: it is
   * dropped with its connection rather than waited for, so a client that
   * stalls mid-body cannot hold a shutdown for the whole grace period. */
  if (self->shutdown_task != NULL && self->active == self->unread && self->writes == 0)
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
  SitrepServerRequest *req = job->msg != NULL ? _sitrep_server_request_get (job->msg) : NULL;

  if (req != NULL && !req->done)
    {
      if (job->status == SOUP_STATUS_SERVICE_UNAVAILABLE)
        soup_message_headers_replace (soup_server_message_get_response_headers (job->msg),
                                      "Retry-After", "1");
      _sitrep_server_respond_json (job->msg, job->status, g_steal_pointer (&job->response));
      soup_server_message_unpause (job->msg);
    }

  if (job->changed)
    {
      _sitrep_server_wake_waiters (self, FALSE);
      g_signal_emit (self, signals[SIGNAL_COMMITTED], 0);
    }

  if (job->done != NULL)
    job->done (job->status, job->done_data);

  self->writes--;
  g_free (job->response);
  if (job->destroy != NULL)
    job->destroy (job->data);
  g_clear_object (&job->msg);
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

/**
 * _sitrep_server_run_own_write:
 * @data: (transfer full): for @func, freed with @destroy
 * @done: (nullable): called on the main thread with @func's status once
 *   it returned, before @data is freed
 *
 * Runs @func on the writer thread, in turn with the requests' writes, for
 * changes the server makes of its own accord (deliveries' outcomes). A
 * shutdown waits for it as it waits for a push.
 */
void
_sitrep_server_run_own_write (SitrepServer          *self,
                              SitrepServerWriteFunc  func,
                              gpointer               data,
                              GDestroyNotify         destroy,
                              SitrepServerWriteDone  done,
                              gpointer               done_data)
{
  WriteJob *job = g_new0 (WriteJob, 1);

  job->server = g_object_ref (self);
  job->func = func;
  job->data = data;
  job->destroy = destroy;
  job->done = done;
  job->done_data = done_data;

  self->writes++;
  g_thread_pool_push (self->writer, job, NULL);
}

/* Requests: lifetime, timeout, logging */

static gboolean
request_timeout_cb (gpointer user_data)
{
  SitrepServerRequest *req = user_data;

  req->timeout_id = 0;
  if (req->server->options.verbose)
    g_printerr ("sitrep-server: dropping a client that sent no whole request in %u s\n",
                req->server->options.request_timeout);

  /* The pending read then ends, and libsoup aborts the message. */
  _sitrep_server_connection_drop (_sitrep_server_connection_get (req->msg), FALSE);
  return G_SOURCE_REMOVE;
}

static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    SitrepServer      *self)
{
  SitrepServerRequest *req = g_new0 (SitrepServerRequest, 1);

  req->server = self;
  req->msg = msg;
  req->started = g_get_monotonic_time ();
  if (self->options.request_timeout > 0)
    req->timeout_id = g_timeout_add (self->options.request_timeout * 1000,
                                     request_timeout_cb, req);
  g_object_set_data_full (G_OBJECT (msg), REQUEST_KEY, req, request_free);
  g_signal_connect (msg, "wrote-body-data", G_CALLBACK (wrote_body_data_cb), NULL);
  _sitrep_server_watch_refusals (msg);
  _sitrep_server_bound_body (self, msg);
}

static void
request_read_cb (SoupServer        *soup,
                 SoupServerMessage *msg,
                 SitrepServer      *self)
{
  SitrepServerRequest *req = _sitrep_server_request_get (msg);

  if (req == NULL)
    return;

  g_clear_handle_id (&req->timeout_id, g_source_remove);
  if (req->counted && !req->read)
    self->unread--;
  req->read = TRUE;
}

/**
 * _sitrep_server_request_end:
 *
 * Logs @msg and stops counting it; libsoup says so when it is finished or
 * aborted, the server itself when it took the connection from libsoup.
 */
void
_sitrep_server_request_end (SitrepServer      *self,
                            SoupServerMessage *msg,
                            gboolean           aborted)
{
  SitrepServerRequest *req = _sitrep_server_request_get (msg);

  if (req == NULL || req->done)
    return;

  req->done = TRUE;
  g_clear_handle_id (&req->timeout_id, g_source_remove);
  g_clear_handle_id (&req->write_timeout_id, g_source_remove);
  if (aborted)
    _sitrep_server_forget_waiter (self, msg);

  if (self->options.verbose && req->counted)
    {
      GUri *uri = soup_server_message_get_uri (msg);
      g_autofree char *status = NULL;

      status = aborted ? g_strdup ("aborted")
                       : g_strdup_printf ("%u", soup_server_message_get_status (msg));

      g_printerr ("%s %s %s %.1f ms\n", soup_server_message_get_method (msg),
                  uri != NULL ? g_uri_get_path (uri) : "-", status,
                  (g_get_monotonic_time () - req->started) / 1000.0);
    }

  if (req->counted)
    {
      if (!req->read)
        self->unread--;
      req->read = TRUE;
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
  _sitrep_server_request_end (self, msg, FALSE);
  _sitrep_server_connection_answered (msg);
}

static void
request_aborted_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    SitrepServer      *self)
{
  _sitrep_server_request_end (self, msg, TRUE);
}

/* The object */

/* Another process on the same database committed: its changes are news
 * here as our own are, to the long-polls and to deliveries. */
static void
storage_changed_cb (gpointer user_data)
{
  SitrepServer *self = user_data;

  if (self->stopping)
    return;
  _sitrep_server_wake_waiters (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_COMMITTED], 0);
}

static void
sitrep_server_dispose (GObject *object)
{
  SitrepServer *self = (SitrepServer *) object;

  if (self->storage != NULL)
    self->storage->vtable->watch (self->storage, NULL, NULL);
  if (self->waiters != NULL)
    _sitrep_server_wake_waiters (self, TRUE);

  if (self->soup != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->soup, self);
      soup_server_disconnect (self->soup);
      g_clear_object (&self->soup);
    }
  g_clear_pointer (&self->connections, _sitrep_server_connections_free);

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

  /**
   * SitrepServer::committed:
   *
   * Emitted on the main thread after a write committed new changes, once
   * the long-polls were woken; also when another process on the same
   * database did (PostgreSQL).
   */
  signals[SIGNAL_COMMITTED] =
    g_signal_new ("committed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
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
  soup_server_add_early_handler (self->soup, NULL, _sitrep_server_early_handler, self, NULL);
  soup_server_add_handler (self->soup, NULL, _sitrep_server_handler, self, NULL);
  self->connections = _sitrep_server_connections_new (self->soup, options);
  storage->vtable->watch (storage, storage_changed_cb, self);

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
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) local = NULL;

  g_return_val_if_fail (SITREP_IS_SERVER (self), FALSE);

  /* GLib's default listen queue holds 10 connections: 50 watchers
   * reconnecting at one commit would overflow it and wait a second for the
   * kernel's retry. */
  socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, 1024);
  if (!g_socket_bind (socket, address, TRUE, error) ||
      !g_socket_listen (socket, error) ||
      !_sitrep_server_connections_listen (self->connections, socket, certificate, error))
    return FALSE;

  local = g_socket_get_local_address (socket, error);
  if (local == NULL)
    return FALSE;
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-connections.c: accepting connections, and their limits
 *
 * The server accepts its connections itself and hands each to libsoup with
 * soup_server_accept_iostream(), rather than letting libsoup 3.2 listen:
 *
 * - libsoup's listener gives up for good on the first failed accept(), so
 *   one burst past the file-descriptor limit would leave a live process
 *   that never answers again. Here a failed accept pauses accepting for a
 *   moment and then resumes.
 * - Connections are counted, in total and per remote address; one past
 *   either limit is closed at once, so a flood of slow clients from one
 *   address cannot take every descriptor.
 * - libsoup 3.2 never notices that a client closed an idle keep-alive
 *   connection and keeps it forever. So once an answer is written, the
 *   connection is taken back from libsoup and handed to it again as if
 *   new: an idle connection is then a connection waiting for its first
 *   request, which libsoup does close, and which the request timeout
 *   bounds.
 *
 * libsoup keeps connections alive only while it has a listener, so it is
 * given one that can never accept anything: one end of a socket pair.
 */

#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sitrep-server-private.h"

/* How long accepting pauses after accept() failed, in milliseconds */
#define ACCEPT_PAUSE_MS     250
/* Accepts per wake-up, so that a flood cannot starve the other sources */
#define ACCEPT_BATCH        64
/* A log line about refused or failed accepts at most this often, in µs */
#define LOG_INTERVAL_US     (60 * G_USEC_PER_SEC)
/* A refusal sent without reading the body: how much of the body may still
 * be read and dropped, and for how long, before the connection closes */
#define DRAIN_MAX_BYTES     (1024 * 1024)
#define DRAIN_TIMEOUT_MS    2000

#define CONN_KEY "sitrep-connection"

struct _SitrepServerConnections {
  SoupServer          *soup;         /* not owned */
  SitrepServerOptions  options;
  GTlsCertificate     *certificate;
  GSocket             *listen_socket;
  GSource             *accept_source;
  guint                resume_id;
  GSocket             *dummy[2];     /* the listener libsoup is given */
  GHashTable          *per_address;  /* address string → count */
  GHashTable          *all;          /* SitrepServerConnection set */
  guint                total;
  gint64               last_failure_log;
  gint64               last_refusal_log;
};

struct _SitrepServerConnection {
  SitrepServerConnections *owner;
  GSocket                 *socket;
  GIOStream               *stream;    /* weak: what libsoup reads, plain or TLS */
  GSocketAddress          *local;
  GSocketAddress          *remote;
  char                    *address;
  guint                    reinject_id;
  SoupServerMessage       *finished;  /* the last answered message, until reinjected */
};

/* Connections */

static void
connection_free (SitrepServerConnection *conn)
{
  SitrepServerConnections *owner = conn->owner;
  guint count;

  g_clear_handle_id (&conn->reinject_id, g_source_remove);
  g_clear_object (&conn->finished);
  g_object_set_data (G_OBJECT (conn->remote), CONN_KEY, NULL);

  if (owner != NULL)
    {
      count = GPOINTER_TO_UINT (g_hash_table_lookup (owner->per_address, conn->address));
      if (count <= 1)
        g_hash_table_remove (owner->per_address, conn->address);
      else
        g_hash_table_insert (owner->per_address, g_strdup (conn->address),
                             GUINT_TO_POINTER (count - 1));
      owner->total--;
      g_hash_table_remove (owner->all, conn);
    }

  g_clear_object (&conn->socket);
  g_clear_object (&conn->local);
  g_clear_object (&conn->remote);
  g_free (conn->address);
  g_free (conn);
}

/* The stream is gone: libsoup (or a refusal) closed and dropped it. */
static void
stream_gone (gpointer  data,
             GObject  *where_the_object_was)
{
  SitrepServerConnection *conn = data;

  conn->stream = NULL;
  connection_free (conn);
}

static void
hand_to_soup (SitrepServerConnection *conn,
              GIOStream              *stream)
{
  g_autoptr(GError) error = NULL;

  if (!soup_server_accept_iostream (conn->owner->soup, stream, conn->local, conn->remote,
                                    &error))
    {
      g_printerr ("sitrep-server: cannot serve a connection: %s\n", error->message);
      g_io_stream_close (stream, NULL, NULL);
    }
}

/* Whether libsoup's wrapper @stolen holds bytes read from @socket that it
 * did not parse yet: it has something to read, and the socket nothing. */
static gboolean
holds_unread (GIOStream *stolen,
              GSocket   *socket)
{
  GInputStream *in = g_io_stream_get_input_stream (stolen);

  return G_IS_POLLABLE_INPUT_STREAM (in)
         && g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (in))
         && !g_socket_condition_check (socket, G_IO_IN);
}

static gboolean
reinject_cb (gpointer data)
{
  SitrepServerConnection *conn = data;
  g_autoptr(SoupServerMessage) msg = g_steal_pointer (&conn->finished);
  g_autoptr(GIOStream) stolen = NULL;
  GIOStream *stream = conn->stream;

  conn->reinject_id = 0;
  /* Closed after its answer (Connection: close, an error): nothing to do */
  if (stream == NULL || g_io_stream_is_closed (stream))
    return G_SOURCE_REMOVE;

  /* Keeps the stream alive between the two owners */
  g_object_ref (stream);
  stolen = soup_server_message_steal_connection (msg);
  if (stolen != NULL && holds_unread (stolen, conn->socket))
    {
      /* A request sent before its predecessor's answer (pipelining) is in
       * libsoup's buffer, and would be lost: closing makes the client
       * send it again. */
      g_io_stream_close (stream, NULL, NULL);
      g_clear_object (&stolen);
      g_object_unref (stream);
      return G_SOURCE_REMOVE;
    }
  /* libsoup's wrapper does not close what it wraps when dropped */
  g_clear_object (&stolen);
  hand_to_soup (conn, stream);
  g_object_unref (stream);
  return G_SOURCE_REMOVE;
}

/**
 * _sitrep_server_connection_answered:
 *
 * Takes the connection of @msg back from libsoup once libsoup is ready for
 * its next request, and hands it over again as a new connection.
 */
void
_sitrep_server_connection_answered (SoupServerMessage *msg)
{
  SitrepServerConnection *conn = _sitrep_server_connection_get (msg);

  if (conn == NULL || conn->reinject_id != 0)
    return;

  /* libsoup makes the connection ready for the next request right after
   * this signal; at a higher priority than its sources, this runs before
   * it can read from the connection again. */
  g_set_object (&conn->finished, msg);
  conn->reinject_id = g_idle_add_full (G_PRIORITY_HIGH, reinject_cb, conn, NULL);
}

/**
 * _sitrep_server_connection_get:
 *
 * Returns: (transfer none) (nullable): the connection @msg came on
 */
SitrepServerConnection *
_sitrep_server_connection_get (SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  return remote != NULL ? g_object_get_data (G_OBJECT (remote), CONN_KEY) : NULL;
}

/**
 * _sitrep_server_connection_drop:
 * @abortive: reset the connection, dropping what the kernel still holds
 *   for it, rather than closing it in order
 *
 * Shuts the connection down; libsoup's pending read or write then fails,
 * and it aborts the message and closes the connection.
 */
void
_sitrep_server_connection_drop (SitrepServerConnection *conn,
                                gboolean                abortive)
{
  if (conn == NULL || conn->socket == NULL || g_socket_is_closed (conn->socket))
    return;

  if (abortive)
    {
      struct linger linger = { 1, 0 };

      setsockopt (g_socket_get_fd (conn->socket), SOL_SOCKET, SO_LINGER, &linger,
                  sizeof linger);
    }
  g_socket_shutdown (conn->socket, TRUE, TRUE, NULL);
}

/**
 * _sitrep_server_connection_ack_now:
 *
 * Acknowledges at once what was read. A client that writes the headers and
 * the body of a request apart, with Nagle's algorithm on (libsoup does),
 * holds the body back until the headers are acknowledged; on a kept-alive
 * connection the kernel would wait 40 ms for an answer to carry that.
 */
void
_sitrep_server_connection_ack_now (SitrepServerConnection *conn)
{
  int on = 1;

  if (conn == NULL || conn->socket == NULL || g_socket_is_closed (conn->socket))
    return;
  setsockopt (g_socket_get_fd (conn->socket), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
}

/* Refusals answered without reading the body */

typedef struct {
  SitrepServerConnection *conn;    /* lives as long as @stream */
  GIOStream              *stream;
  GBytes                 *answer;
  GSource                *drain;
  guint                   timeout_id;
  gsize                   drained;
} Refusal;

static void
refusal_finish (Refusal *refusal)
{
  if (refusal->drain != NULL)
    {
      g_source_destroy (refusal->drain);
      g_clear_pointer (&refusal->drain, g_source_unref);
    }
  g_clear_handle_id (&refusal->timeout_id, g_source_remove);
  g_io_stream_close (refusal->stream, NULL, NULL);
  g_object_unref (refusal->stream);
  g_bytes_unref (refusal->answer);
  g_free (refusal);
}

static gboolean
refusal_timeout_cb (gpointer data)
{
  Refusal *refusal = data;

  refusal->timeout_id = 0;
  refusal_finish (refusal);
  return G_SOURCE_REMOVE;
}

/* Reads and drops what the client still sends, so that closing does not
 * reset the connection before the client read the answer. */
static gboolean
refusal_drain_cb (GSocket      *socket,
                  GIOCondition  condition,
                  gpointer      data)
{
  Refusal *refusal = data;
  char buf[16384];
  gssize n;

  g_autoptr(GError) error = NULL;

  n = g_socket_receive (socket, buf, sizeof buf, NULL, &error);
  if (n > 0)
    refusal->drained += (gsize) n;
  if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return G_SOURCE_CONTINUE;
  if (n <= 0 || refusal->drained > DRAIN_MAX_BYTES)
    {
      refusal_finish (refusal);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
refusal_written_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  Refusal *refusal = data;
  GSocket *socket;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    {
      refusal_finish (refusal);
      return;
    }

  socket = refusal->conn->socket;
  g_socket_shutdown (socket, FALSE, TRUE, NULL);
  refusal->drain = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (refusal->drain, G_SOURCE_FUNC (refusal_drain_cb), refusal, NULL);
  g_source_attach (refusal->drain, g_main_context_get_thread_default ());
}

/**
 * _sitrep_server_connection_refuse:
 * @stream: (transfer full): the connection, taken from libsoup
 * @answer: the whole HTTP answer
 *
 * Writes @answer, then closes the connection, having read at most a little
 * of what the client still sends.
 */
void
_sitrep_server_connection_refuse (SitrepServerConnection *conn,
                                  GIOStream              *stream,
                                  GBytes                 *answer)
{
  Refusal *refusal = g_new0 (Refusal, 1);
  gsize size;
  const char *data = g_bytes_get_data (answer, &size);

  refusal->conn = conn;
  refusal->stream = stream;
  refusal->answer = g_bytes_ref (answer);
  refusal->timeout_id = g_timeout_add (DRAIN_TIMEOUT_MS, refusal_timeout_cb, refusal);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream), data, size,
                                   G_PRIORITY_DEFAULT, NULL, refusal_written_cb, refusal);
}

/* Accepting */

static gboolean accept_cb (GSocket      *socket,
                           GIOCondition  condition,
                           gpointer      data);

static void
start_accepting (SitrepServerConnections *self)
{
  self->accept_source = g_socket_create_source (self->listen_socket, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, G_SOURCE_FUNC (accept_cb), self, NULL);
  g_source_attach (self->accept_source, g_main_context_get_thread_default ());
}

static gboolean
resume_cb (gpointer data)
{
  SitrepServerConnections *self = data;

  self->resume_id = 0;
  start_accepting (self);
  return G_SOURCE_REMOVE;
}

static gboolean
may_log (gint64 *last)
{
  gint64 now = g_get_monotonic_time ();

  if (*last != 0 && now - *last < LOG_INTERVAL_US)
    return FALSE;
  *last = now;
  return TRUE;
}

static gboolean
admit (SitrepServerConnections *self,
       const char              *address)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_address, address));
  const SitrepServerOptions *options = &self->options;

  if (options->max_connections > 0 && self->total >= options->max_connections)
    {
      if (options->verbose || may_log (&self->last_refusal_log))
        g_printerr ("sitrep-server: %u connections open, the most allowed; closing new ones\n",
                    self->total);
      return FALSE;
    }

  if (options->max_connections_per_address > 0
      && count >= options->max_connections_per_address)
    {
      if (options->verbose || may_log (&self->last_refusal_log))
        g_printerr ("sitrep-server: %u connections open from %s, the most allowed; "
                    "closing new ones\n", count, address);
      return FALSE;
    }

  return TRUE;
}

/* Returns FALSE when @socket is to be closed at once. */
static gboolean
serve_socket (SitrepServerConnections *self,
              GSocket                 *socket)
{
  g_autoptr(GSocketAddress) remote = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GIOStream) plain = NULL;
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  SitrepServerConnection *conn;
  guint count;

  remote = g_socket_get_remote_address (socket, NULL);
  local = g_socket_get_local_address (socket, NULL);
  if (remote == NULL || local == NULL)
    return FALSE;

  if (G_IS_INET_SOCKET_ADDRESS (remote))
    address = g_inet_address_to_string (
      g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  else
    address = g_strdup ("local");

  if (!admit (self, address))
    return FALSE;

  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  plain = G_IO_STREAM (g_socket_connection_factory_create_connection (socket));
  if (self->certificate != NULL)
    {
      stream = G_IO_STREAM (g_tls_server_connection_new (plain, self->certificate, &error));
      if (stream == NULL)
        {
          g_printerr ("sitrep-server: cannot start TLS: %s\n", error->message);
          return FALSE;
        }
      g_tls_connection_set_require_close_notify (G_TLS_CONNECTION (stream), FALSE);
    }
  else
    {
      stream = g_object_ref (plain);
    }

  conn = g_new0 (SitrepServerConnection, 1);
  conn->owner = self;
  conn->socket = g_object_ref (socket);
  conn->stream = stream;
  conn->local = g_object_ref (local);
  conn->remote = g_object_ref (remote);
  conn->address = g_steal_pointer (&address);
  g_object_weak_ref (G_OBJECT (stream), stream_gone, conn);
  g_object_set_data (G_OBJECT (conn->remote), CONN_KEY, conn);

  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_address, conn->address));
  g_hash_table_insert (self->per_address, g_strdup (conn->address),
                       GUINT_TO_POINTER (count + 1));
  g_hash_table_add (self->all, conn);
  self->total++;

  hand_to_soup (conn, stream);
  return TRUE;
}

static gboolean
accept_cb (GSocket      *listen_socket,
           GIOCondition  condition,
           gpointer      data)
{
  SitrepServerConnections *self = data;

  for (guint i = 0; i < ACCEPT_BATCH; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = g_socket_accept (listen_socket, NULL, &error);

      if (socket != NULL)
        {
          if (!serve_socket (self, socket))
            g_socket_close (socket, NULL);
          continue;
        }

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;

      /* Out of descriptors or memory: the client waits in the listen
       * queue meanwhile. Other errors belong to one connection. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_OPEN_FILES)
          || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE)
          || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED))
        {
          if (may_log (&self->last_failure_log))
            g_printerr ("sitrep-server: cannot accept connections (%s, %u open); "
                        "pausing for %u ms\n", error->message, self->total, ACCEPT_PAUSE_MS);
          g_clear_pointer (&self->accept_source, g_source_unref);
          self->resume_id = g_timeout_add (ACCEPT_PAUSE_MS, resume_cb, self);
          return G_SOURCE_REMOVE;
        }

      if (self->options.verbose)
        g_printerr ("sitrep-server: accept: %s\n", error->message);
    }

  return G_SOURCE_CONTINUE;
}

/* The object */

SitrepServerConnections *
_sitrep_server_connections_new (SoupServer                *soup,
                                const SitrepServerOptions *options)
{
  SitrepServerConnections *self = g_new0 (SitrepServerConnections, 1);

  self->soup = soup;
  self->options = *options;
  self->per_address = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->all = g_hash_table_new (NULL, NULL);
  return self;
}

/**
 * _sitrep_server_connections_listen:
 * @socket: bound and listening
 * @certificate: (nullable): serve TLS with it
 */
gboolean
_sitrep_server_connections_listen (SitrepServerConnections  *self,
                                   GSocket                  *socket,
                                   GTlsCertificate          *certificate,
                                   GError                  **error)
{
  int fds[2];

  g_return_val_if_fail (self->listen_socket == NULL, FALSE);

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "socketpair: %s",
                   g_strerror (saved));
      return FALSE;
    }
  self->dummy[0] = g_socket_new_from_fd (fds[0], error);
  if (self->dummy[0] == NULL)
    {
      close (fds[0]);
      close (fds[1]);
      return FALSE;
    }
  self->dummy[1] = g_socket_new_from_fd (fds[1], error);
  if (self->dummy[1] == NULL)
    {
      close (fds[1]);
      return FALSE;
    }
  if (!soup_server_listen_socket (self->soup, self->dummy[0], 0, error))
    return FALSE;

  g_set_object (&self->certificate, certificate);
  self->listen_socket = g_object_ref (socket);
  g_socket_set_blocking (socket, FALSE);
  start_accepting (self);
  return TRUE;
}

/* Stops accepting; connections in progress go on. */
void
_sitrep_server_connections_stop (SitrepServerConnections *self)
{
  g_clear_handle_id (&self->resume_id, g_source_remove);
  if (self->accept_source != NULL)
    {
      g_source_destroy (self->accept_source);
      g_clear_pointer (&self->accept_source, g_source_unref);
    }
  if (self->listen_socket != NULL)
    g_socket_close (self->listen_socket, NULL);
}

void
_sitrep_server_connections_free (SitrepServerConnections *self)
{
  GList *all;

  _sitrep_server_connections_stop (self);

  /* What libsoup still holds closes with it; the rest is forgotten here,
   * and each frees itself when its stream goes. */
  all = g_hash_table_get_keys (self->all);
  g_hash_table_remove_all (self->all);
  for (GList *l = all; l != NULL; l = l->next)
    {
      SitrepServerConnection *conn = l->data;

      conn->owner = NULL;
      g_clear_handle_id (&conn->reinject_id, g_source_remove);
      if (conn->socket != NULL)
        g_socket_close (conn->socket, NULL);
      /* May drop the last hold on its stream, and so free it: last */
      g_clear_object (&conn->finished);
    }
  g_list_free (all);

  g_clear_object (&self->listen_socket);
  g_clear_object (&self->dummy[0]);
  g_clear_object (&self->dummy[1]);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->per_address, g_hash_table_unref);
  g_clear_pointer (&self->all, g_hash_table_unref);
  g_free (self);
}

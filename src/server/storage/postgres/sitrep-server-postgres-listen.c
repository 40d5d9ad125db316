/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-postgres-listen.c: hearing other processes' commits
 *
 * One connection per process LISTENs on SITREP_PG_CHANNEL; its socket is
 * watched from the main loop, and each notification (the seq a commit
 * reached) wakes the long-polls unless it came from this process's own
 * writer, whose commits wake them already. If the connection drops, it is
 * made again; then `last_seq` is read once more and, if it is past the
 * last seq announced, the long-polls are woken, so no commit made while
 * the connection was down goes unheard.
 */

#include "config.h"

#include <glib-unix.h>

#include "sitrep-server-postgres-private.h"

#define RECONNECT_MS 250
#define CONNECT_TIMEOUT_S 10

struct _PgListener {
  PgStorage                    *storage;
  PgConn                        conn;
  GMainContext                 *context;
  GSource                      *fd_source;
  GSource                      *retry_source;
  GSource                      *connect_timeout;   /* not owned: attached while set */
  SitrepServerStorageWatchFunc  func;
  gpointer                      user_data;
  gint64                        announced;   /* the last seq heard or read */
  gboolean                      down;        /* says so once on stderr */
};

static void listener_connect (PgListener *self);

static void
announce (PgListener *self)
{
  self->func (self->user_data);
}

static void
drop_connection (PgListener *self)
{
  if (self->fd_source != NULL)
    {
      g_source_destroy (self->fd_source);
      g_clear_pointer (&self->fd_source, g_source_unref);
    }
  _sitrep_pg_disconnect (&self->conn);
}

static gboolean
retry_cb (gpointer user_data)
{
  PgListener *self = user_data;

  g_clear_pointer (&self->retry_source, g_source_unref);
  listener_connect (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (PgListener *self,
                const char *why)
{
  g_clear_pointer (&self->connect_timeout, g_source_destroy);
  drop_connection (self);
  if (!self->down)
    {
      g_printerr ("sitrep-server: storage: the notification connection is down (%s); "
                  "retrying\n", why);
      self->down = TRUE;
    }
  if (self->retry_source == NULL)
    {
      self->retry_source = g_timeout_source_new (RECONNECT_MS);
      g_source_set_callback (self->retry_source, retry_cb, self, NULL);
      g_source_attach (self->retry_source, self->context);
    }
}

static gboolean
readable_cb (gint         fd,
             GIOCondition condition,
             gpointer     user_data)
{
  PgListener *self = user_data;
  gint own_pid = g_atomic_int_get (&self->storage->writer_pid);
  gboolean heard = FALSE;
  PGnotify *n;

  if (!PQconsumeInput (self->conn.pg) || PQstatus (self->conn.pg) != CONNECTION_OK)
    {
      g_autofree char *why = _sitrep_pg_one_line (PQerrorMessage (self->conn.pg));

      /* The source goes with the connection. */
      schedule_retry (self, why);
      return G_SOURCE_REMOVE;
    }

  while ((n = PQnotifies (self->conn.pg)) != NULL)
    {
      gint64 seq = g_ascii_strtoll (n->extra, NULL, 10);

      if (seq > self->announced)
        {
          self->announced = seq;
          if (n->be_pid != own_pid)
            heard = TRUE;
        }
      PQfreemem (n);
    }

  if (heard)
    announce (self);
  return G_SOURCE_CONTINUE;
}

/* Runs a statement without parameters on the listening connection. */
static gboolean
run_simple (PgListener  *self,
            const char  *sql,
            gint64      *value,
            char       **why)
{
  PGresult *res = PQexec (self->conn.pg, sql);
  ExecStatusType status = res != NULL ? PQresultStatus (res) : PGRES_FATAL_ERROR;

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      *why = _sitrep_pg_one_line (PQerrorMessage (self->conn.pg));
      PQclear (res);
      return FALSE;
    }
  if (value != NULL)
    *value = PQntuples (res) > 0 ? _sitrep_pg_int64 (res, 0, 0) : 0;
  PQclear (res);
  return TRUE;
}

static void
connected (PgListener *self)
{
  g_autofree char *why = NULL;
  gint64 last_seq = 0;

  PQsetNoticeProcessor (self->conn.pg, _sitrep_pg_ignore_notice, NULL);

  /* Listening before reading: a commit after this read is heard. */
  if (!run_simple (self, "LISTEN " SITREP_PG_CHANNEL, NULL, &why)
      || !run_simple (self, "SELECT value FROM meta WHERE key = 'last_seq'", &last_seq, &why))
    {
      schedule_retry (self, why);
      return;
    }

  if (self->down)
    g_printerr ("sitrep-server: storage: the notification connection is back\n");
  self->down = FALSE;

  self->fd_source = g_unix_fd_source_new (PQsocket (self->conn.pg),
                                          G_IO_IN | G_IO_ERR | G_IO_HUP);
  g_source_set_callback (self->fd_source, (GSourceFunc) (void (*) (void)) readable_cb, self,
                         NULL);
  g_source_attach (self->fd_source, self->context);

  if (last_seq > self->announced)
    {
      self->announced = last_seq;
      announce (self);
    }
}

static gboolean connect_poll_cb (gint         fd,
                                 GIOCondition condition,
                                 gpointer     user_data);

/* One step of connecting without blocking the main loop. */
static void
connect_step (PgListener                *self,
              PostgresPollingStatusType  status)
{
  GIOCondition condition;

  if (self->fd_source != NULL)
    {
      g_source_destroy (self->fd_source);
      g_clear_pointer (&self->fd_source, g_source_unref);
    }

  switch (status)
    {
    case PGRES_POLLING_READING:
      condition = G_IO_IN;
      break;
    case PGRES_POLLING_WRITING:
      condition = G_IO_OUT;
      break;
    case PGRES_POLLING_OK:
      g_clear_pointer (&self->connect_timeout, g_source_destroy);
      connected (self);
      return;
    default:
      {
        g_autofree char *why = _sitrep_pg_one_line (PQerrorMessage (self->conn.pg));

        schedule_retry (self, why);
        return;
      }
    }

  /* The socket may change from one step to the next. */
  self->fd_source = g_unix_fd_source_new (PQsocket (self->conn.pg), condition | G_IO_ERR);
  g_source_set_callback (self->fd_source, (GSourceFunc) (void (*) (void)) connect_poll_cb,
                         self, NULL);
  g_source_attach (self->fd_source, self->context);
}

static gboolean
connect_poll_cb (gint         fd,
                 GIOCondition condition,
                 gpointer     user_data)
{
  PgListener *self = user_data;

  /* connect_step() replaces this source. */
  connect_step (self, PQconnectPoll (self->conn.pg));
  return G_SOURCE_REMOVE;
}

static gboolean
connect_timeout_cb (gpointer user_data)
{
  PgListener *self = user_data;

  self->connect_timeout = NULL;
  schedule_retry (self, "connecting took too long");
  return G_SOURCE_REMOVE;
}

static void
listener_connect (PgListener *self)
{
  drop_connection (self);
  self->conn.pg = _sitrep_pg_new_conn (self->storage, &self->conn, TRUE);
  if (self->conn.pg == NULL || PQstatus (self->conn.pg) == CONNECTION_BAD)
    {
      g_autofree char *why = _sitrep_pg_one_line (self->conn.pg != NULL
                                                  ? PQerrorMessage (self->conn.pg)
                                                  : "out of memory");

      schedule_retry (self, why);
      return;
    }

  self->connect_timeout = g_timeout_source_new_seconds (CONNECT_TIMEOUT_S);
  g_source_set_callback (self->connect_timeout, connect_timeout_cb, self, NULL);
  g_source_attach (self->connect_timeout, self->context);
  g_source_unref (self->connect_timeout);   /* the context holds it while it is attached */

  /* libpq: poll as if PQconnectPoll() had said WRITING. */
  connect_step (self, PGRES_POLLING_WRITING);
}

void
_sitrep_pg_listener_free (PgListener *self)
{
  g_clear_pointer (&self->connect_timeout, g_source_destroy);
  drop_connection (self);
  if (self->retry_source != NULL)
    {
      g_source_destroy (self->retry_source);
      g_source_unref (self->retry_source);
    }
  g_clear_pointer (&self->conn.prepared, g_hash_table_unref);
  g_main_context_unref (self->context);
  g_free (self);
}

/**
 * _sitrep_pg_watch:
 * @func: (nullable): called on the caller's thread-default main context
 *   when another process committed changes; %NULL to stop
 */
void
_sitrep_pg_watch (SitrepServerStorage          *storage,
                  SitrepServerStorageWatchFunc  func,
                  gpointer                      user_data)
{
  PgStorage *self = (PgStorage *) storage;
  PgListener *listener;

  g_clear_pointer (&self->listener, _sitrep_pg_listener_free);
  if (func == NULL)
    return;

  listener = g_new0 (PgListener, 1);
  listener->storage = self;
  listener->conn.what = "listener";
  listener->context = g_main_context_ref_thread_default ();
  listener->func = func;
  listener->user_data = user_data;
  listener->announced = -1;
  self->listener = listener;
  listener_connect (listener);
}

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

struct _PgListener {
  PgStorage                    *storage;
  PgConn                        conn;
  GMainContext                 *context;
  GSource                      *fd_source;
  GSource                      *retry_source;
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
      g_autofree char *why = g_strchomp (g_strdup (PQerrorMessage (self->conn.pg)));

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

static void
listener_connect (PgListener *self)
{
  g_autoptr(GError) error = NULL;
  PGresult *res;
  gint64 last_seq;

  if (!_sitrep_pg_run (self->storage, &self->conn, "LISTEN " SITREP_PG_CHANNEL, 0, NULL, &error))
    {
      schedule_retry (self, error->message);
      return;
    }

  /* Listening before reading: a commit after this read is heard. */
  res = _sitrep_pg_query (self->storage, &self->conn,
                          "SELECT value FROM meta WHERE key = 'last_seq'", 0, NULL, &error);
  if (res == NULL)
    {
      schedule_retry (self, error->message);
      return;
    }
  last_seq = _sitrep_pg_int64 (res, 0, 0);
  PQclear (res);

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

void
_sitrep_pg_listener_free (PgListener *self)
{
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-postgres.c: the PostgreSQL backend of the server's storage
 *
 * Several server processes may share one database. Three connections per
 * process: the writer's (the writer thread and the admin commands), the
 * readers' (the main thread), and one that LISTENs for other processes'
 * commits (sitrep-server-postgres-listen.c). Every write transaction starts
 * by locking the `last_seq` row of `meta`, which serialises writers across
 * processes as BEGIN IMMEDIATE does for SQLite: seq is assigned under that
 * lock and committed before the next writer can read it, so it is
 * gap-free and every reader sees it in order. Statements are prepared once
 * per connection with bound parameters; a connection that breaks is
 * dropped, the operation fails as unavailable (503 for a client) and the
 * next one connects again.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-server-postgres-private.h"

/* Seconds to wait for a connection (libpq's least); a dead host must not
 * hold the main thread long. */
#define CONNECT_TIMEOUT "2"
/* After a failed connection, how long the next attempts fail at once. */
#define RECONNECT_HOLDOFF_US (500 * G_TIME_SPAN_MILLISECOND)


/* Connection-level trouble and a server that is shutting down, starting or
 * out of resources: the operation may succeed later. */
static gboolean
is_unavailable (PgConn   *conn,
                PGresult *res)
{
  const char *state = res != NULL ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;

  if (conn->pg == NULL || PQstatus (conn->pg) != CONNECTION_OK || state == NULL)
    return TRUE;

  return g_str_has_prefix (state, "08")      /* connection exception */
         || g_str_has_prefix (state, "53")   /* insufficient resources */
         || g_str_has_prefix (state, "57P")  /* shutdown, cannot connect now */
         || g_str_has_prefix (state, "58")   /* system error (I/O) */
         || g_str_equal (state, "40001")     /* serialization failure */
         || g_str_equal (state, "40P01")     /* deadlock */
         || g_str_equal (state, "55P03")     /* lock not available */
         || g_str_equal (state, "25P03");    /* idle-in-transaction timeout */
}

/**
 * _sitrep_pg_one_line:
 *
 * libpq's message on one line: "…failed: …\n\tIs the server running…"
 * becomes "…failed: … Is the server running…".
 *
 * Returns: (transfer full): the message
 */
char *
_sitrep_pg_one_line (const char *message)
{
  g_autoptr(GRegex) breaks = g_regex_new ("\\s*\\n\\s*", 0, 0, NULL);
  g_autofree char *stripped = g_strstrip (g_strdup (message != NULL ? message : ""));

  return g_regex_replace_literal (breaks, stripped, -1, 0, " ", 0, NULL);
}

static char *
message_of (PgConn   *conn,
            PGresult *res)
{
  const char *msg = res != NULL ? PQresultErrorMessage (res) : "";

  if ((msg == NULL || *msg == '\0') && conn->pg != NULL)
    msg = PQerrorMessage (conn->pg);
  if (msg == NULL || *msg == '\0')
    msg = "connection lost";
  return _sitrep_pg_one_line (msg);
}

/**
 * _sitrep_pg_fail:
 *
 * Sets @error from @res (or the connection), drops a connection that broke
 * so the next operation connects again, and clears @res.
 *
 * Returns: %FALSE
 */
gboolean
_sitrep_pg_fail (PgConn    *conn,
                 PGresult  *res,
                 GError   **error)
{
  g_autofree char *msg = message_of (conn, res);
  gboolean unavailable = is_unavailable (conn, res);

  g_set_error (error, SITREP_SERVER_STORAGE_ERROR,
               unavailable ? SITREP_SERVER_STORAGE_ERROR_UNAVAILABLE
                           : SITREP_SERVER_STORAGE_ERROR_FAILED,
               "PostgreSQL (%s): %s", conn->what, msg);
  if (res != NULL)
    PQclear (res);
  if (conn->pg != NULL && PQstatus (conn->pg) != CONNECTION_OK)
    _sitrep_pg_disconnect (conn);
  return FALSE;
}

void
_sitrep_pg_disconnect (PgConn *conn)
{
  if (conn->pg != NULL)
    {
      PQfinish (conn->pg);
      conn->pg = NULL;
    }
  if (conn->prepared != NULL)
    g_hash_table_remove_all (conn->prepared);
}

/* libpq prints notices (a NOTICE from CREATE … IF NOT EXISTS) on stderr
 * unless told otherwise. */
void
_sitrep_pg_ignore_notice (void       *arg,
                          const char *message)
{
}

/**
 * _sitrep_pg_new_conn:
 * @start: begin connecting and return at once (PQconnectPoll() goes on)
 *
 * Returns: (transfer full): a libpq connection to the database, maybe bad
 */
PGconn *
_sitrep_pg_new_conn (PgStorage  *self,
                     PgConn     *conn,
                     gboolean    start)
{
  /* Ours first: what the operator wrote overrides them. */
  const char *const keywords[] = {
    "connect_timeout", "client_encoding", "fallback_application_name",
    "keepalives_idle", "keepalives_interval", "keepalives_count", "dbname", NULL,
  };
  g_autofree char *name = g_strdup_printf ("sitrep-server %s", conn->what);
  const char *const values[] = {
    CONNECT_TIMEOUT, "UTF8", name, "10", "5", "3", self->conninfo, NULL,
  };

  return start ? PQconnectStartParams (keywords, values, 1)
               : PQconnectdbParams (keywords, values, 1);
}

/**
 * _sitrep_pg_connect:
 *
 * Connects @conn if it is not connected. After a failed attempt, the next
 * RECONNECT_HOLDOFF_US fail at once with the same message: the main thread
 * must not wait on an unreachable host at every request.
 */
gboolean
_sitrep_pg_connect (PgStorage  *self,
                    PgConn     *conn,
                    GError    **error)
{
  gint64 now = g_get_monotonic_time ();

  if (conn->prepared == NULL)
    conn->prepared = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  if (conn->pg != NULL && PQstatus (conn->pg) == CONNECTION_OK)
    return TRUE;

  if (conn->last_error != NULL && now < conn->retry_at)
    {
      g_set_error (error, SITREP_SERVER_STORAGE_ERROR, SITREP_SERVER_STORAGE_ERROR_UNAVAILABLE,
                   "PostgreSQL (%s): %s", conn->what, conn->last_error);
      return FALSE;
    }

  _sitrep_pg_disconnect (conn);
  conn->pg = _sitrep_pg_new_conn (self, conn, FALSE);
  if (conn->pg == NULL || PQstatus (conn->pg) != CONNECTION_OK)
    {
      g_free (conn->last_error);
      conn->last_error = _sitrep_pg_one_line (conn->pg != NULL ? PQerrorMessage (conn->pg)
                                                               : "out of memory");
      conn->retry_at = g_get_monotonic_time () + RECONNECT_HOLDOFF_US;
      g_set_error (error, SITREP_SERVER_STORAGE_ERROR, SITREP_SERVER_STORAGE_ERROR_UNAVAILABLE,
                   "PostgreSQL (%s): %s", conn->what, conn->last_error);
      _sitrep_pg_disconnect (conn);
      return FALSE;
    }

  g_clear_pointer (&conn->last_error, g_free);
  PQsetNoticeProcessor (conn->pg, _sitrep_pg_ignore_notice, NULL);

  /* A process that stops answering (SIGSTOP, a hung disk) while it holds
   * the writers' lock must not stop the others for good: its transaction
   * ends after a while, and a writer waiting that long gets a 503. */
  if (conn == &self->writer)
    {
      PGresult *res = PQexec (conn->pg, "SET idle_in_transaction_session_timeout = '30s';"
                                        " SET lock_timeout = '10s'");

      if (res == NULL || PQresultStatus (res) != PGRES_COMMAND_OK)
        {
          _sitrep_pg_fail (conn, res, error);
          _sitrep_pg_disconnect (conn);
          return FALSE;
        }
      PQclear (res);
    }
  return TRUE;
}

/* Runs @sql once; a NULL result with @error set on failure. */
static PGresult *
query_once (PgStorage          *self,
            PgConn             *conn,
            const char         *sql,
            int                 n_params,
            const char * const *params,
            GError            **error)
{
  const char *name;
  PGresult *res;
  ExecStatusType status;

  if (!_sitrep_pg_connect (self, conn, error))
    return NULL;

  name = g_hash_table_lookup (conn->prepared, sql);
  if (name == NULL)
    {
      char *new_name = g_strdup_printf ("s%u", g_hash_table_size (conn->prepared) + 1);

      res = PQprepare (conn->pg, new_name, sql, n_params, NULL);
      if (res == NULL || PQresultStatus (res) != PGRES_COMMAND_OK)
        {
          g_free (new_name);
          _sitrep_pg_fail (conn, res, error);
          return NULL;
        }
      PQclear (res);
      g_hash_table_insert (conn->prepared, (gpointer) sql, new_name);
      name = new_name;
    }

  res = PQexecPrepared (conn->pg, name, n_params, params, NULL, NULL, 0);
  status = res != NULL ? PQresultStatus (res) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      _sitrep_pg_fail (conn, res, error);
      return NULL;
    }

  return res;
}

/**
 * _sitrep_pg_query:
 *
 * Runs the prepared statement @sql with @params. Outside a transaction, a
 * connection found broken (the database restarted since) is connected
 * again and the statement tried once more.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
PGresult *
_sitrep_pg_query (PgStorage          *self,
                  PgConn             *conn,
                  const char         *sql,
                  int                 n_params,
                  const char * const *params,
                  GError            **error)
{
  gboolean idle = conn->pg != NULL && PQtransactionStatus (conn->pg) == PQTRANS_IDLE;
  g_autoptr(GError) local_error = NULL;
  PGresult *res;

  res = query_once (self, conn, sql, n_params, params, &local_error);
  if (res == NULL && idle && conn->pg == NULL
      && g_error_matches (local_error, SITREP_SERVER_STORAGE_ERROR,
                          SITREP_SERVER_STORAGE_ERROR_UNAVAILABLE)
      && !g_str_has_prefix (sql, "COMMIT"))
    {
      g_clear_error (&local_error);
      res = query_once (self, conn, sql, n_params, params, &local_error);
    }

  if (res == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return res;
}

gboolean
_sitrep_pg_run (PgStorage          *self,
                PgConn             *conn,
                const char         *sql,
                int                 n_params,
                const char * const *params,
                GError            **error)
{
  PGresult *res = _sitrep_pg_query (self, conn, sql, n_params, params, error);

  if (res == NULL)
    return FALSE;
  PQclear (res);
  return TRUE;
}

char *
_sitrep_pg_text (PGresult *res,
                 int       row,
                 int       col)
{
  if (PQgetisnull (res, row, col))
    return NULL;
  return g_strdup (PQgetvalue (res, row, col));
}

gint64
_sitrep_pg_int64 (PGresult *res,
                  int       row,
                  int       col)
{
  if (PQgetisnull (res, row, col))
    return 0;
  return g_ascii_strtoll (PQgetvalue (res, row, col), NULL, 10);
}

gboolean
_sitrep_pg_bool (PGresult *res,
                 int       row,
                 int       col)
{
  return !PQgetisnull (res, row, col) && PQgetvalue (res, row, col)[0] == 't';
}

static void
pg_free (SitrepServerStorage *storage)
{
  PgStorage *self = (PgStorage *) storage;

  g_clear_pointer (&self->listener, _sitrep_pg_listener_free);
  _sitrep_pg_disconnect (&self->reader);
  _sitrep_pg_disconnect (&self->writer);
  g_clear_pointer (&self->reader.prepared, g_hash_table_unref);
  g_clear_pointer (&self->writer.prepared, g_hash_table_unref);
  g_free (self->reader.last_error);
  g_free (self->writer.last_error);
  g_free (self->conninfo);
  g_free (self);
}

/* Read side: each operation is one statement, or one read-only
 * transaction, so it sees one consistent snapshot. */

static gboolean
pg_get_state (SitrepServerStorage  *storage,
              gint64               *last_seq,
              gint64               *floor,
              GError              **error)
{
  PgStorage *self = (PgStorage *) storage;
  PGresult *res = _sitrep_pg_query (self, &self->reader,
                        "SELECT (SELECT value FROM meta WHERE key = 'last_seq'),"
                        " (SELECT value FROM meta WHERE key = 'floor')",
                        0, NULL, error);

  if (res == NULL)
    return FALSE;
  if (last_seq != NULL)
    *last_seq = _sitrep_pg_int64 (res, 0, 0);
  if (floor != NULL)
    *floor = _sitrep_pg_int64 (res, 0, 1);
  PQclear (res);
  return TRUE;
}

static gboolean
pg_read_changes (SitrepServerStorage  *storage,
                 gint64                since,
                 guint                 limit,
                 GPtrArray           **changes,
                 gboolean             *more,
                 gint64               *floor,
                 GError              **error)
{
  PgStorage *self = (PgStorage *) storage;
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_server_change_free);
  g_autofree char *since_text = g_strdup_printf ("%" G_GINT64_FORMAT, since);
  g_autofree char *limit_text = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) limit + 1);
  const char *params[] = { since_text, limit_text };
  PGresult *res;
  int rows;

  /* The floor and the page in one statement: one snapshot. */
  res = _sitrep_pg_query (self, &self->reader,
            "SELECT f.value, c.seq, c.coll, c.id, c.version, c.op, c.deleted, c.body,"
            " c.client_id, c.mid, c.actor, c.ts"
            " FROM (SELECT value FROM meta WHERE key = 'floor') f"
            " LEFT JOIN LATERAL (SELECT * FROM changes WHERE seq > $1::bigint"
            "   ORDER BY seq LIMIT $2::bigint) c ON true"
            " ORDER BY c.seq",
            2, params, error);
  if (res == NULL)
    return FALSE;

  *more = FALSE;
  *floor = 0;
  rows = PQntuples (res);
  for (int i = 0; i < rows; i++)
    {
      SitrepServerChange *c;

      *floor = _sitrep_pg_int64 (res, i, 0);
      if (PQgetisnull (res, i, 1))
        continue;
      if (list->len == limit)
        {
          *more = TRUE;
          break;
        }

      c = g_new0 (SitrepServerChange, 1);
      c->seq = _sitrep_pg_int64 (res, i, 1);
      c->coll = _sitrep_pg_text (res, i, 2);
      c->id = _sitrep_pg_text (res, i, 3);
      c->version = _sitrep_pg_int64 (res, i, 4);
      c->op = _sitrep_pg_text (res, i, 5);
      c->deleted = _sitrep_pg_bool (res, i, 6);
      c->body = _sitrep_pg_text (res, i, 7);
      c->client_id = _sitrep_pg_text (res, i, 8);
      c->mid = _sitrep_pg_int64 (res, i, 9);
      c->actor = _sitrep_pg_text (res, i, 10);
      c->ts = _sitrep_pg_text (res, i, 11);
      g_ptr_array_add (list, c);
    }
  PQclear (res);

  *changes = g_steal_pointer (&list);
  return TRUE;
}

static gboolean
pg_snapshot (SitrepServerStorage     *storage,
             gint64                  *seq,
             SitrepServerRecordFunc   func,
             gpointer                 user_data,
             GError                 **error)
{
  PgStorage *self = (PgStorage *) storage;
  PGresult *res;
  int rows;

  if (!_sitrep_pg_run (self, &self->reader, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                       0, NULL, error))
    return FALSE;

  res = _sitrep_pg_query (self, &self->reader,
                          "SELECT value FROM meta WHERE key = 'last_seq'", 0, NULL, error);
  if (res == NULL)
    goto fail;
  *seq = PQntuples (res) > 0 ? _sitrep_pg_int64 (res, 0, 0) : 0;
  PQclear (res);

  res = _sitrep_pg_query (self, &self->reader,
                          "SELECT coll, id, version, body FROM records WHERE NOT deleted"
                          " ORDER BY coll COLLATE \"C\", id COLLATE \"C\"",
                          0, NULL, error);
  if (res == NULL)
    goto fail;

  rows = PQntuples (res);
  for (int i = 0; i < rows; i++)
    {
      SitrepServerRecord r = {
        .coll = PQgetvalue (res, i, 0),
        .id = PQgetvalue (res, i, 1),
        .version = _sitrep_pg_int64 (res, i, 2),
        .deleted = FALSE,
        .body = PQgetisnull (res, i, 3) ? NULL : PQgetvalue (res, i, 3),
      };

      func (&r, user_data);
    }
  PQclear (res);

  return _sitrep_pg_run (self, &self->reader, "COMMIT", 0, NULL, error);

fail:
  if (self->reader.pg != NULL && PQtransactionStatus (self->reader.pg) != PQTRANS_IDLE)
    PQclear (PQexec (self->reader.pg, "ROLLBACK"));
  return FALSE;
}

static gboolean
pg_lookup_token (SitrepServerStorage  *storage,
                 const char           *hash,
                 SitrepServerToken   **token,
                 GError              **error)
{
  PgStorage *self = (PgStorage *) storage;
  const char *params[] = { hash };
  PGresult *res;

  *token = NULL;
  res = _sitrep_pg_query (self, &self->reader,
                          "SELECT name, role, created_at, revoked_at FROM tokens"
                          " WHERE hash = $1::text",
                          1, params, error);
  if (res == NULL)
    return FALSE;

  if (PQntuples (res) > 0)
    {
      SitrepServerToken *t = g_new0 (SitrepServerToken, 1);

      t->name = _sitrep_pg_text (res, 0, 0);
      t->role = _sitrep_pg_text (res, 0, 1);
      t->created_at = _sitrep_pg_text (res, 0, 2);
      t->revoked_at = _sitrep_pg_text (res, 0, 3);
      *token = t;
    }
  PQclear (res);
  return TRUE;
}


static const SitrepServerStorageVTable pg_vtable = {
  .free = pg_free,
  .get_state = pg_get_state,
  .read_changes = pg_read_changes,
  .snapshot = pg_snapshot,
  .lookup_token = pg_lookup_token,
  .begin_write = _sitrep_pg_begin_write,
  .commit = _sitrep_pg_commit,
  .rollback = _sitrep_pg_rollback,
  .get_client = _sitrep_pg_get_client,
  .set_client = _sitrep_pg_set_client,
  .get_result = _sitrep_pg_get_result,
  .put_result = _sitrep_pg_put_result,
  .get_record = _sitrep_pg_get_record,
  .append_change = _sitrep_pg_append_change,
  .next_ref_number = _sitrep_pg_next_ref_number,
  .get_alert_group = _sitrep_pg_get_alert_group,
  .set_alert_group = _sitrep_pg_set_alert_group,
  .token_create = _sitrep_pg_token_create,
  .token_revoke = _sitrep_pg_token_revoke,
  .token_list = _sitrep_pg_token_list,
  .compact = _sitrep_pg_compact,
  .watch = _sitrep_pg_watch,
  .schema_version = _sitrep_pg_schema_version,
};

/**
 * sitrep_server_postgres_open:
 * @conninfo: a `postgres://` URL or a libpq `key=value` string
 *
 * Connects, and creates or migrates the schema.
 *
 * Returns: (transfer full) (nullable): the storage, or %NULL with @error set
 */
SitrepServerStorage *
sitrep_server_postgres_open (const char  *conninfo,
                             GError     **error)
{
  g_autoptr(SitrepServerStorage) storage = NULL;
  PgStorage *self;
  char *parse_error = NULL;
  PQconninfoOption *options;

  g_return_val_if_fail (conninfo != NULL, NULL);

  /* A typo is a clear error at once, not a connection attempt. */
  options = PQconninfoParse (conninfo, &parse_error);
  if (options == NULL)
    {
      g_autofree char *shown = sitrep_server_storage_display_name (conninfo);
      g_autofree char *line = _sitrep_pg_one_line (parse_error != NULL ? parse_error
                                                                       : "out of memory");
      GString *msg = g_string_new (line);

      /* libpq quotes the whole string, password and all. */
      g_string_replace (msg, conninfo, shown, 0);
      PQfreemem (parse_error);
      g_set_error (error, SITREP_SERVER_STORAGE_ERROR, SITREP_SERVER_STORAGE_ERROR_FAILED,
                   _("not a PostgreSQL connection string: %s"), msg->str);
      g_string_free (msg, TRUE);
      return NULL;
    }
  PQconninfoFree (options);

  self = g_new0 (PgStorage, 1);
  self->parent.vtable = &pg_vtable;
  self->conninfo = g_strdup (conninfo);
  self->writer.what = "writer";
  self->reader.what = "reader";
  storage = (SitrepServerStorage *) self;

  if (!_sitrep_pg_connect (self, &self->writer, error)
      || !_sitrep_pg_migrate (self, error)
      || !_sitrep_pg_connect (self, &self->reader, error))
    return NULL;

  return g_steal_pointer (&storage);
}

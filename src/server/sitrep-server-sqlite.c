/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-sqlite.c: the SQLite backend of the server's storage
 *
 * One file in WAL mode with synchronous=FULL, so a COMMIT that returned is
 * on disk. Two connections: the writer's, and one for readers, which WAL
 * lets read a consistent snapshot while the writer writes. seq comes from a
 * counter in `meta` that only the writer advances inside its transaction,
 * so it is gap-free, never reused (not even after compaction deletes the
 * newest changes), and visible in order.
 */

#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <glib/gi18n.h>

#include "sitrep-server-sqlite-private.h"

#define BUSY_TIMEOUT_MS 5000


static const char schema[] =
  "CREATE TABLE IF NOT EXISTS records ("
  "  coll TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0, body TEXT,"
  "  PRIMARY KEY (coll, id)) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS changes ("
  "  seq INTEGER PRIMARY KEY, coll TEXT NOT NULL, id TEXT NOT NULL,"
  "  version INTEGER NOT NULL, op TEXT NOT NULL, deleted INTEGER NOT NULL,"
  "  body TEXT, client_id TEXT, mid INTEGER, actor TEXT NOT NULL, ts TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS clients ("
  "  client_id TEXT PRIMARY KEY, token_name TEXT NOT NULL, last_mid INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS results ("
  "  client_id TEXT NOT NULL, mid INTEGER NOT NULL, result TEXT NOT NULL,"
  "  PRIMARY KEY (client_id, mid)) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS tokens ("
  "  name TEXT PRIMARY KEY, role TEXT NOT NULL, hash TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL, revoked_at TEXT);"
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS alert_groups ("
  "  group_key TEXT PRIMARY KEY, incident_id TEXT NOT NULL);"
  "INSERT OR IGNORE INTO meta (key, value) VALUES ('last_seq', 0), ('floor', 0);"
  "PRAGMA user_version = 1;";

static gboolean
is_unavailable (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_NOMEM:
    case SQLITE_PROTOCOL:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
_sitrep_sqlite_fail (Conn    *conn,
                     int      rc,
                     GError **error)
{
  g_set_error (error, SITREP_SERVER_STORAGE_ERROR,
               is_unavailable (rc) ? SITREP_SERVER_STORAGE_ERROR_UNAVAILABLE
                                   : SITREP_SERVER_STORAGE_ERROR_FAILED,
               "SQLite: %s", conn->db != NULL ? sqlite3_errmsg (conn->db) : sqlite3_errstr (rc));
  return FALSE;
}

/* Statements are prepared once per connection and reset before each use. */
sqlite3_stmt *
_sitrep_sqlite_stmt (Conn        *conn,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *s = g_hash_table_lookup (conn->stmts, sql);
  int rc;

  if (s != NULL)
    {
      sqlite3_reset (s);
      sqlite3_clear_bindings (s);
      return s;
    }

  rc = sqlite3_prepare_v3 (conn->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
  if (rc != SQLITE_OK)
    {
      _sitrep_sqlite_fail (conn, rc, error);
      return NULL;
    }

  g_hash_table_insert (conn->stmts, (gpointer) sql, s);
  return s;
}

gboolean
_sitrep_sqlite_exec (Conn        *conn,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *s = _sitrep_sqlite_stmt (conn, sql, error);
  int rc;

  if (s == NULL)
    return FALSE;

  rc = sqlite3_step (s);
  sqlite3_reset (s);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _sitrep_sqlite_fail (conn, rc, error);

  return TRUE;
}

/* Steps a statement that was bound already; SQLITE_ROW or SQLITE_DONE. */
int
_sitrep_sqlite_step (Conn          *conn,
                     sqlite3_stmt  *s,
                     GError       **error)
{
  int rc = sqlite3_step (s);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _sitrep_sqlite_fail (conn, rc, error);
      sqlite3_reset (s);
    }

  return rc;
}

char *
_sitrep_sqlite_column_text (sqlite3_stmt *s,
                            int           col)
{
  const unsigned char *text = sqlite3_column_text (s, col);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

void
_sitrep_sqlite_bind_text (sqlite3_stmt *s,
                          int           col,
                          const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (s, col, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (s, col);
}

static void
stmt_finalize (gpointer data)
{
  sqlite3_finalize (data);
}

static gboolean
conn_open (Conn        *conn,
           const char  *path,
           GError     **error)
{
  int rc;

  conn->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, stmt_finalize);

  /* Tokens' hashes and every record: readable by the owner only, whatever
   * the umask. SQLite gives the -wal and -shm files the database's mode.
   * Only a file that does not exist yet: closing a descriptor of a file
   * drops every lock this process holds on it, SQLite's included. */
  if (path[0] != ':' && !g_str_has_prefix (path, "file:"))
    {
      int fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd >= 0)
        close (fd);
    }

  rc = sqlite3_open_v2 (path, &conn->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    return _sitrep_sqlite_fail (conn, rc, error);

  sqlite3_extended_result_codes (conn->db, 1);
  sqlite3_busy_timeout (conn->db, BUSY_TIMEOUT_MS);

  rc = sqlite3_exec (conn->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return _sitrep_sqlite_fail (conn, rc, error);

  return TRUE;
}

static void
conn_close (Conn *conn)
{
  g_clear_pointer (&conn->stmts, g_hash_table_unref);
  if (conn->db != NULL)
    {
      sqlite3_close (conn->db);
      conn->db = NULL;
    }
}

static void
sqlite_free (SitrepServerStorage *storage)
{
  SqliteStorage *self = (SqliteStorage *) storage;

  /* The reader first, so the writer's close checkpoints and removes the WAL. */
  conn_close (&self->reader);
  conn_close (&self->writer);
  g_free (self);
}

/* Read side */

static gboolean
read_begin (SqliteStorage *self,
            GError       **error)
{
  return _sitrep_sqlite_exec (&self->reader, "BEGIN", error);
}

static void
read_end (SqliteStorage *self)
{
  if (!sqlite3_get_autocommit (self->reader.db))
    sqlite3_exec (self->reader.db, "COMMIT", NULL, NULL, NULL);
}

gboolean
_sitrep_sqlite_read_state (Conn     *conn,
                           gint64   *last_seq,
                           gint64   *floor,
                           GError  **error)
{
  sqlite3_stmt *s = _sitrep_sqlite_stmt (conn,
                          "SELECT (SELECT value FROM meta WHERE key = 'last_seq'),"
                          " (SELECT value FROM meta WHERE key = 'floor')",
                          error);

  if (s == NULL || _sitrep_sqlite_step (conn, s, error) != SQLITE_ROW)
    return FALSE;

  if (last_seq != NULL)
    *last_seq = sqlite3_column_int64 (s, 0);
  if (floor != NULL)
    *floor = sqlite3_column_int64 (s, 1);
  sqlite3_reset (s);
  return TRUE;
}

static gboolean
sqlite_get_state (SitrepServerStorage  *storage,
                  gint64               *last_seq,
                  gint64               *floor,
                  GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;

  return _sitrep_sqlite_read_state (&self->reader, last_seq, floor, error);
}

static gboolean
sqlite_read_changes (SitrepServerStorage  *storage,
                     gint64                since,
                     guint                 limit,
                     GPtrArray           **changes,
                     gboolean             *more,
                     gint64               *floor,
                     GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_server_change_free);
  sqlite3_stmt *s;
  int rc;

  *more = FALSE;
  if (!read_begin (self, error))
    return FALSE;

  if (!_sitrep_sqlite_read_state (&self->reader, NULL, floor, error))
    goto out;

  s = _sitrep_sqlite_stmt (&self->reader,
            "SELECT seq, coll, id, version, op, deleted, body, client_id, mid, actor, ts"
            " FROM changes WHERE seq > ?1 ORDER BY seq LIMIT ?2",
            error);
  if (s == NULL)
    goto out;

  sqlite3_bind_int64 (s, 1, since);
  sqlite3_bind_int64 (s, 2, (gint64) limit + 1);
  while ((rc = _sitrep_sqlite_step (&self->reader, s, error)) == SQLITE_ROW)
    {
      SitrepServerChange *c;

      if (list->len == limit)
        {
          *more = TRUE;
          break;
        }

      c = g_new0 (SitrepServerChange, 1);
      c->seq = sqlite3_column_int64 (s, 0);
      c->coll = _sitrep_sqlite_column_text (s, 1);
      c->id = _sitrep_sqlite_column_text (s, 2);
      c->version = sqlite3_column_int64 (s, 3);
      c->op = _sitrep_sqlite_column_text (s, 4);
      c->deleted = sqlite3_column_int (s, 5) != 0;
      c->body = _sitrep_sqlite_column_text (s, 6);
      c->client_id = _sitrep_sqlite_column_text (s, 7);
      c->mid = sqlite3_column_int64 (s, 8);
      c->actor = _sitrep_sqlite_column_text (s, 9);
      c->ts = _sitrep_sqlite_column_text (s, 10);
      g_ptr_array_add (list, c);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    goto out;

  read_end (self);
  *changes = g_steal_pointer (&list);
  return TRUE;

out:
  read_end (self);
  return FALSE;
}

static gboolean
sqlite_snapshot (SitrepServerStorage     *storage,
                 gint64                  *seq,
                 SitrepServerRecordFunc   func,
                 gpointer                 user_data,
                 GError                 **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;
  sqlite3_stmt *s;
  int rc;

  if (!read_begin (self, error))
    return FALSE;

  if (!_sitrep_sqlite_read_state (&self->reader, seq, NULL, error))
    goto out;

  s = _sitrep_sqlite_stmt (&self->reader,
            "SELECT coll, id, version, body FROM records WHERE deleted = 0 ORDER BY coll, id",
            error);
  if (s == NULL)
    goto out;

  while ((rc = _sitrep_sqlite_step (&self->reader, s, error)) == SQLITE_ROW)
    {
      SitrepServerRecord r = {
        .coll = (char *) sqlite3_column_text (s, 0),
        .id = (char *) sqlite3_column_text (s, 1),
        .version = sqlite3_column_int64 (s, 2),
        .deleted = FALSE,
        .body = (char *) sqlite3_column_text (s, 3),
      };

      func (&r, user_data);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    goto out;

  read_end (self);
  return TRUE;

out:
  read_end (self);
  return FALSE;
}

static gboolean
sqlite_lookup_token (SitrepServerStorage  *storage,
                     const char           *hash,
                     SitrepServerToken   **token,
                     GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;
  sqlite3_stmt *s = _sitrep_sqlite_stmt (&self->reader,
                          "SELECT name, role, created_at, revoked_at FROM tokens WHERE hash = ?1",
                          error);
  int rc;

  *token = NULL;
  if (s == NULL)
    return FALSE;

  _sitrep_sqlite_bind_text (s, 1, hash);
  rc = _sitrep_sqlite_step (&self->reader, s, error);
  if (rc == SQLITE_ROW)
    {
      SitrepServerToken *t = g_new0 (SitrepServerToken, 1);

      t->name = _sitrep_sqlite_column_text (s, 0);
      t->role = _sitrep_sqlite_column_text (s, 1);
      t->created_at = _sitrep_sqlite_column_text (s, 2);
      t->revoked_at = _sitrep_sqlite_column_text (s, 3);
      *token = t;
    }
  sqlite3_reset (s);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

gboolean
_sitrep_sqlite_run_done (Conn          *conn,
                         sqlite3_stmt  *s,
                         GError       **error)
{
  gboolean ok = _sitrep_sqlite_step (conn, s, error) == SQLITE_DONE;

  sqlite3_reset (s);
  return ok;
}

gboolean
_sitrep_sqlite_get_meta (Conn        *conn,
                         const char  *key,
                         gint64      *value,
                         GError     **error)
{
  sqlite3_stmt *s = _sitrep_sqlite_stmt (conn, "SELECT value FROM meta WHERE key = ?1", error);
  int rc;

  *value = 0;
  if (s == NULL)
    return FALSE;

  _sitrep_sqlite_bind_text (s, 1, key);
  rc = _sitrep_sqlite_step (conn, s, error);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (s, 0);
  sqlite3_reset (s);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

gboolean
_sitrep_sqlite_set_meta (Conn        *conn,
                         const char  *key,
                         gint64       value,
                         GError     **error)
{
  sqlite3_stmt *s = _sitrep_sqlite_stmt (conn,
                                         "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                          error);

  if (s == NULL)
    return FALSE;

  _sitrep_sqlite_bind_text (s, 1, key);
  sqlite3_bind_int64 (s, 2, value);
  return _sitrep_sqlite_run_done (conn, s, error);
}

/* One process serves a SQLite file: its own commits wake its long-polls,
 * and there is no one else to hear. */
static void
sqlite_watch (SitrepServerStorage          *storage,
              SitrepServerStorageWatchFunc  func,
              gpointer                      user_data)
{
}

static gboolean
sqlite_schema_version (SitrepServerStorage  *storage,
                       gint                 *version,
                       GError              **error)
{
  SqliteStorage *self = (SqliteStorage *) storage;
  sqlite3_stmt *s = _sitrep_sqlite_stmt (&self->writer, "PRAGMA user_version", error);

  if (s == NULL || _sitrep_sqlite_step (&self->writer, s, error) != SQLITE_ROW)
    return FALSE;
  *version = sqlite3_column_int (s, 0);
  sqlite3_reset (s);
  return TRUE;
}

static const SitrepServerStorageVTable sqlite_vtable = {
  .free = sqlite_free,
  .get_state = sqlite_get_state,
  .read_changes = sqlite_read_changes,
  .snapshot = sqlite_snapshot,
  .lookup_token = sqlite_lookup_token,
  .begin_write = _sitrep_sqlite_begin_write,
  .commit = _sitrep_sqlite_commit,
  .rollback = _sitrep_sqlite_rollback,
  .get_client = _sitrep_sqlite_get_client,
  .set_client = _sitrep_sqlite_set_client,
  .get_result = _sitrep_sqlite_get_result,
  .put_result = _sitrep_sqlite_put_result,
  .get_record = _sitrep_sqlite_get_record,
  .append_change = _sitrep_sqlite_append_change,
  .next_ref_number = _sitrep_sqlite_next_ref_number,
  .get_alert_group = _sitrep_sqlite_get_alert_group,
  .set_alert_group = _sitrep_sqlite_set_alert_group,
  .token_create = _sitrep_sqlite_token_create,
  .token_revoke = _sitrep_sqlite_token_revoke,
  .token_list = _sitrep_sqlite_token_list,
  .compact = _sitrep_sqlite_compact,
  .watch = sqlite_watch,
  .schema_version = sqlite_schema_version,
};

/**
 * sitrep_server_sqlite_open:
 * @path: the database file, created if missing
 *
 * Returns: (transfer full) (nullable): the storage, or %NULL with @error set
 */
SitrepServerStorage *
sitrep_server_sqlite_open (const char  *path,
                           GError     **error)
{
  g_autoptr(SitrepServerStorage) storage = NULL;
  SqliteStorage *self;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (SqliteStorage, 1);
  self->parent.vtable = &sqlite_vtable;
  storage = (SitrepServerStorage *) self;

  if (!conn_open (&self->writer, path, error))
    return NULL;

  rc = sqlite3_exec (self->writer.db, schema, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _sitrep_sqlite_fail (&self->writer, rc, error);
      return NULL;
    }

  if (!conn_open (&self->reader, path, error))
    return NULL;

  return g_steal_pointer (&storage);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-store-schema.c: the local database's tables, their migrations,
 * and the statements prepared once */

#define G_LOG_DOMAIN "sitrep-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sitrep-store-private.h"

/* Bump with a new step in migrate(); never edit a released step. */
#define SCHEMA_VERSION 4

static gboolean
prepare (SitrepStore   *self,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL) != SQLITE_OK)
    return _sitrep_store_set_sqlite_error (self, error, "prepare");

  return TRUE;
}

static const char *migration_1 =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  /* What the user sees: the server's records with the local edits on top. */
  "CREATE TABLE records ("
  "  coll TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  version INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  incident_id TEXT,"
  "  body TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  PRIMARY KEY (coll, id)) WITHOUT ROWID;"
  "CREATE INDEX records_by_incident ON records (coll, incident_id);"
  /* Local edits the server has not answered yet, in mid order. */
  "CREATE TABLE outbox ("
  "  mid INTEGER PRIMARY KEY,"
  "  op TEXT NOT NULL,"
  "  coll TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  base_version INTEGER,"
  "  data TEXT,"
  "  created_at TEXT NOT NULL);"
  "CREATE VIRTUAL TABLE search USING fts5 ("
  "  text, coll UNINDEXED, id UNINDEXED, incident_id UNINDEXED,"
  "  tokenize = 'unicode61 remove_diacritics 2');";

/* Who changed a timeline entry's text, time or kind, or a milestone, and
 * from what to what: kept for every change, whoever made it. */
static const char *migration_2 =
  "CREATE TABLE history ("
  "  seq INTEGER PRIMARY KEY,"
  "  coll TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  field TEXT NOT NULL,"
  "  before TEXT,"
  "  after TEXT,"
  "  actor TEXT,"
  "  ts TEXT NOT NULL);"
  "CREATE INDEX history_by_record ON history (coll, id);"
  /* FTS5 can only find a row fast by rowid: remember each record's. */
  "CREATE TABLE search_rowid ("
  "  coll TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  fts_rowid INTEGER NOT NULL,"
  "  PRIMARY KEY (coll, id)) WITHOUT ROWID;"
  "INSERT INTO search_rowid (coll, id, fts_rowid) SELECT coll, id, rowid FROM search;";

/* Sync: the server's records as last heard (what the visible records are
 * recomputed from, with the outbox on top), and the edits the server
 * refused, kept with both texts until someone decides. */
static const char *migration_3 =
  "CREATE TABLE server_records ("
  "  coll TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  version INTEGER NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  body TEXT,"
  "  PRIMARY KEY (coll, id)) WITHOUT ROWID;"
  "CREATE TABLE conflicts ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  coll TEXT NOT NULL,"
  "  rec_id TEXT NOT NULL,"
  "  op TEXT NOT NULL,"
  "  mine TEXT,"
  "  theirs TEXT,"
  "  theirs_version INTEGER,"
  "  message TEXT,"
  "  created_at TEXT NOT NULL,"
  "  resolved_at TEXT);"
  "INSERT INTO meta (key, value) VALUES ('last_seq', '0');";

/* The sidebar's order (sitrep_incident_compare(): active first, then by
 * severity, the latest declared first), as an index, so the first screen
 * of incidents is read without sorting all of them:
 * sitrep_store_list_incidents_first(). */
static const char *migration_4 =
  "CREATE INDEX records_incident_order ON records (" SITREP_STORE_INCIDENT_ORDER ")"
  "  WHERE coll = 'incidents' AND deleted = 0;";

static gboolean
migrate (SitrepStore  *self,
         GError      **error)
{
  gint64 version = _sitrep_store_query_int (self, "PRAGMA user_version");

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_TOO_NEW,
                   _("The database %s was written by a newer version of Sitrep"),
                   self->path);
      return FALSE;
    }

  if (version == SCHEMA_VERSION)
    return TRUE;

  if (!_sitrep_store_exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (version < 1)
    {
      g_autofree char *client_id = g_uuid_string_random ();

      if (!_sitrep_store_exec_sql (self, migration_1, error) ||
          !_sitrep_store_set_meta (self, "client_id", client_id, error) ||
          !_sitrep_store_set_meta (self, "next_mid", "1", error))
        goto fail;
    }

  if (version < 2 && !_sitrep_store_exec_sql (self, migration_2, error))
    goto fail;

  if (version < 3 && !_sitrep_store_exec_sql (self, migration_3, error))
    goto fail;

  if (version < 4 && !_sitrep_store_exec_sql (self, migration_4, error))
    goto fail;

  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", SCHEMA_VERSION);

    if (!_sitrep_store_exec_sql (self, sql, error))
      goto fail;
  }

  return _sitrep_store_exec_sql (self, "COMMIT", error);

fail:
  _sitrep_store_exec_sql (self, "ROLLBACK", NULL);
  return FALSE;
}

/* What went wrong on @db, from SQLite's last result code; FAILED when it
 * is none of the kinds a user can act on. */
SitrepStoreError
_sitrep_store_error_code_of (sqlite3 *db)
{
  if (db == NULL)
    return SITREP_STORE_ERROR_FAILED;

  switch (sqlite3_extended_errcode (db) & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return SITREP_STORE_ERROR_CORRUPT;
    case SQLITE_READONLY:
      return SITREP_STORE_ERROR_READ_ONLY;
    case SQLITE_FULL:
      return SITREP_STORE_ERROR_FULL;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_IOERR:
    case SQLITE_AUTH:
      return SITREP_STORE_ERROR_UNREADABLE;
    default:
      return SITREP_STORE_ERROR_FAILED;
    }
}

/* What went wrong opening the database. */
static SitrepStoreError
open_error_of (SitrepStore *self)
{
  return _sitrep_store_error_code_of (self->db);
}

/* A failure of SQLite's that the user can act on, as its own
 * SitrepStoreError naming the file; @detail is SQLite's word for it. */
void
_sitrep_store_set_user_error (GError           **error,
                              SitrepStoreError   code,
                              const char        *path,
                              const char        *detail)
{
  switch (code)
    {
    case SITREP_STORE_ERROR_CORRUPT:
      g_set_error (error, SITREP_STORE_ERROR, code, _("The database %s is damaged: %s"),
                   path, detail);
      break;
    case SITREP_STORE_ERROR_READ_ONLY:
      g_set_error (error, SITREP_STORE_ERROR, code, _("The database %s cannot be written: %s"),
                   path, detail);
      break;
    case SITREP_STORE_ERROR_FULL:
      g_set_error (error, SITREP_STORE_ERROR, code,
                   _("The disk holding the database %s is full: %s"), path, detail);
      break;
    default:
      g_set_error (error, SITREP_STORE_ERROR, code, _("The database %s cannot be read: %s"),
                   path, detail);
      break;
    }
}

/* PRAGMA quick_check on @db: the pages and their links, without the
 * slower index cross-checks of integrity_check. A database with damaged
 * pages would fail one query or another later, and could lose edits. A
 * page SQLite cannot read at all fails the check itself: that comes back
 * as FAILED "quick_check: …", which the caller names by
 * _sitrep_store_error_code_of(). */
gboolean
_sitrep_store_check_pages (sqlite3     *db,
                           const char  *path,
                           GError     **error)
{
  g_autofree char *problem = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED, "quick_check: %s",
                   sqlite3_errmsg (db));
      return FALSE;
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    problem = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED, "quick_check: %s",
                   sqlite3_errmsg (db));
      return FALSE;
    }

  if (problem != NULL)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT,
                   _("The database %s is damaged: %s"), path, problem);
      return FALSE;
    }

  return TRUE;
}

static gboolean setup (SitrepStore  *self,
                       GError      **error);

/* Opens the database; a failure of SQLite's that the user can act on (a
 * damaged, unreadable or read-only file, a full disk) comes back as its
 * own SitrepStoreError, naming the file. */
gboolean
_sitrep_store_setup (SitrepStore  *self,
                     GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  SitrepStoreError code;

  if (setup (self, &local_error))
    return TRUE;

  /* Closing the refused file must not delete its -wal, which may hold the
   * newest edits of whoever recovers it. */
  if (self->db != NULL)
    {
      int persist = 1;

      sqlite3_file_control (self->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
    }

  code = open_error_of (self);
  if (local_error->domain != SITREP_STORE_ERROR || local_error->code != SITREP_STORE_ERROR_FAILED
      || code == SITREP_STORE_ERROR_FAILED)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  _sitrep_store_set_user_error (error, code, self->path, local_error->message);
  return FALSE;
}

/* One process at a time on a database: a second one would keep its own
 * outbox counter and sync cursor over the same rows. The lock is a POSIX
 * record lock on a file beside the database (never on the database, whose
 * locks are SQLite's); the kernel drops it when the process ends, however
 * it ends. A lock file that cannot be made (a read-only folder) is no
 * reason to refuse: the checks after it say what is wrong. */
static gboolean
take_lock (SitrepStore  *self,
           GError      **error)
{
  g_autofree char *lock_path = g_strconcat (self->path, ".lock", NULL);
  struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
  struct flock holder = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
  int fd;

  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return TRUE;

  if (fcntl (fd, F_SETLK, &lock) == 0)
    {
      self->lock_fd = fd;
      return TRUE;
    }
  if (errno != EACCES && errno != EAGAIN)
    {
      close (fd);
      return TRUE;
    }

  if (fcntl (fd, F_GETLK, &holder) == 0 && holder.l_type != F_UNLCK)
    g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_IN_USE,
                 _("The database %s is already open in another Sitrep (process %d)"),
                 self->path, (int) holder.l_pid);
  else
    g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_IN_USE,
                 _("The database %s is already open in another Sitrep"), self->path);
  close (fd);
  return FALSE;
}

static gboolean prepare_statements (SitrepStore *self, GError **error);

/* Opened to read what is there (an export while the app runs): no lock,
 * nothing created, migrated or written; a database of a newer Sitrep is
 * refused as it is for writing, a file that is no Sitrep database too. */
static gboolean
setup_reading (SitrepStore  *self,
               GError      **error)
{
  gint64 version;
  int rc;

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_UNREADABLE,
                   _("There is no database at %s"), self->path);
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SITREP_STORE_ERROR, open_error_of (self),
                   _("Could not open the database %s: %s"), self->path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);

  /* No quick_check: it reads every page (a third of a second for a year
   * of a busy team), to read a few; a damaged page read still fails, and
   * says so. */
  version = _sitrep_store_query_int (self, "PRAGMA user_version");
  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_TOO_NEW,
                   _("The database %s was written by a newer version of Sitrep"),
                   self->path);
      return FALSE;
    }
  if (version < 1)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT,
                   _("%s is not a Sitrep database"), self->path);
      return FALSE;
    }

  self->client_id = _sitrep_store_get_meta (self, "client_id");
  return _sitrep_store_count_outbox (self, error) && prepare_statements (self, error);
}

static gboolean
setup (SitrepStore  *self,
       GError      **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *next_mid = NULL;
  int rc;

  if (self->reading)
    return setup_reading (self, error);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (!take_lock (self, error))
    return FALSE;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SITREP_STORE_ERROR, open_error_of (self),
                   _("Could not open the database %s: %s"), self->path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }

  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);

  /* SQLite opens a file it may not write read-only, without a word. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_READ_ONLY,
                   _("The database %s cannot be written"), self->path);
      return FALSE;
    }
  /* Pages are read through a mapping rather than a read() each while the
   * check below touches every page... (A store opened unchecked is
   * checked later, on a connection of its own: sitrep_store_check_async().) */
  if (!self->unchecked)
    {
      if (!_sitrep_store_exec_sql (self, "PRAGMA mmap_size = 268435456", error))
        return FALSE;
      if (!_sitrep_store_check_pages (self->db, self->path, error))
        return FALSE;
      /* ...then let the mapping go: every page the check touched would
       * stay resident (as much memory as the file is large), while later
       * reads go through SQLite's bounded page cache at no measurable cost. */
      if (!_sitrep_store_exec_sql (self, "PRAGMA mmap_size = 0", error))
        return FALSE;
    }

  /* WAL with FULL sync: an edit the user saw as saved survives a crash of
   * the app and of the machine. */
  if (!_sitrep_store_exec_sql (self, "PRAGMA journal_mode = WAL", error) ||
      !_sitrep_store_exec_sql (self, "PRAGMA synchronous = FULL", error) ||
      !migrate (self, error))
    return FALSE;

  self->client_id = _sitrep_store_get_meta (self, "client_id");
  next_mid = _sitrep_store_get_meta (self, "next_mid");
  self->next_mid = next_mid ? g_ascii_strtoll (next_mid, NULL, 10) : 1;
  if (!_sitrep_store_count_outbox (self, error))
    return FALSE;

  return prepare_statements (self, error);
}

static gboolean
prepare_statements (SitrepStore  *self,
                    GError      **error)
{
  return prepare (self, "SELECT version, deleted, body FROM records WHERE coll = ? AND id = ?",
                  &self->get_stmt, error) &&
         prepare (self,
                  "INSERT INTO records (coll, id, version, deleted, incident_id, body, updated_at) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                  "ON CONFLICT (coll, id) DO UPDATE SET version = ?3, deleted = ?4, "
                  "incident_id = ?5, body = ?6, updated_at = ?7",
                  &self->upsert_stmt, error) &&
         prepare (self,
                  "INSERT INTO outbox (mid, op, coll, id, base_version, data, created_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)",
                  &self->outbox_stmt, error) &&
         prepare (self, "DELETE FROM search WHERE rowid = ?",
                  &self->fts_delete_stmt, error) &&
         prepare (self, "SELECT fts_rowid FROM search_rowid WHERE coll = ? AND id = ?",
                  &self->fts_lookup_stmt, error) &&
         prepare (self,
                  "INSERT INTO search_rowid (coll, id, fts_rowid) VALUES (?1, ?2, ?3) "
                  "ON CONFLICT (coll, id) DO UPDATE SET fts_rowid = ?3",
                  &self->fts_map_stmt, error) &&
         prepare (self, "DELETE FROM search_rowid WHERE coll = ? AND id = ?",
                  &self->fts_unmap_stmt, error) &&
         prepare (self, "INSERT INTO search (text, coll, id, incident_id) VALUES (?, ?, ?, ?)",
                  &self->fts_insert_stmt, error) &&
         prepare (self,
                  "INSERT INTO history (coll, id, field, before, after, actor, ts) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)",
                  &self->history_stmt, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sitrep-json.h"
#include "sitrep-protocol.h"
#include "sitrep-record.h"
#include "sitrep-time.h"
#include "sitrep-store-private.h"

/* Bump with a new step in migrate(); never edit a released step. */
#define SCHEMA_VERSION 3

G_DEFINE_TYPE (SitrepStore, sitrep_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PENDING,
  N_PROPS
};

enum {
  CHANGED,
  RECORD_CHANGED,
  CONFLICTS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_QUARK (sitrep-store-error-quark, sitrep_store_error)

gboolean
_sitrep_store_set_sqlite_error (SitrepStore  *self,
                  GError      **error,
                  const char   *what)
{
  g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
               "%s: %s", what, sqlite3_errmsg (self->db));
  return FALSE;
}

gboolean
_sitrep_store_exec_sql (SitrepStore  *self,
          const char   *sql,
          GError      **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                   "%s", message ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

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

gint64
_sitrep_store_query_int (SitrepStore *self,
           const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

char *
_sitrep_store_get_meta (SitrepStore *self,
          const char  *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key = ?", -1,
                          &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

gboolean
_sitrep_store_set_meta (SitrepStore  *self,
          const char   *key,
          const char   *value,
          GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO meta (key, value) VALUES (?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          -1, &stmt, NULL) != SQLITE_OK)
    return _sitrep_store_set_sqlite_error (self, error, "meta");
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _sitrep_store_set_sqlite_error (self, error, "meta");

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

static gboolean
store_setup (SitrepStore  *self,
             GError      **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *next_mid = NULL;
  int rc;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_FAILED,
                   _("Could not open the database %s: %s"), self->path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }

  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);

  /* WAL with FULL sync: an edit the user saw as saved survives a crash of
   * the app and of the machine. */
  if (!_sitrep_store_exec_sql (self, "PRAGMA journal_mode = WAL", error) ||
      !_sitrep_store_exec_sql (self, "PRAGMA synchronous = FULL", error) ||
      !migrate (self, error))
    return FALSE;

  self->client_id = _sitrep_store_get_meta (self, "client_id");
  next_mid = _sitrep_store_get_meta (self, "next_mid");
  self->next_mid = next_mid ? g_ascii_strtoll (next_mid, NULL, 10) : 1;
  self->pending = (guint) _sitrep_store_query_int (self, "SELECT count(*) FROM outbox");

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

/**
 * sitrep_store_open:
 * @path: the database file; its folder is created if needed
 *
 * Opens (creating and migrating as needed) the local database.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
SitrepStore *
sitrep_store_open (const char  *path,
                   GError     **error)
{
  g_autoptr(SitrepStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (SITREP_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!store_setup (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
sitrep_store_finalize (GObject *object)
{
  SitrepStore *self = SITREP_STORE (object);

  sqlite3_finalize (self->get_stmt);
  sqlite3_finalize (self->upsert_stmt);
  sqlite3_finalize (self->outbox_stmt);
  sqlite3_finalize (self->fts_delete_stmt);
  sqlite3_finalize (self->fts_insert_stmt);
  sqlite3_finalize (self->fts_lookup_stmt);
  sqlite3_finalize (self->fts_map_stmt);
  sqlite3_finalize (self->fts_unmap_stmt);
  sqlite3_finalize (self->history_stmt);
  if (self->db != NULL)
    sqlite3_close (self->db);

  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_pointer (&self->change_index, g_hash_table_unref);

  g_free (self->path);
  g_free (self->client_id);
  g_free (self->actor);

  G_OBJECT_CLASS (sitrep_store_parent_class)->finalize (object);
}

static void
sitrep_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SitrepStore *self = SITREP_STORE (object);

  switch (prop_id)
    {
    case PROP_PENDING:
      g_value_set_uint (value, self->pending);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_store_class_init (SitrepStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_store_finalize;
  object_class->get_property = sitrep_store_get_property;

  /**
   * SitrepStore:pending:
   *
   * How many local edits wait in the outbox for the server's answer.
   */
  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepStore::changed:
   * @changes: (element-type SitrepStoreChange): every record whose
   *   visible state the commit changed, in the order they were written;
   *   owned by the store, valid only during the emission
   *
   * Emitted once per committed transaction that changed what the user
   * sees — local edits, pulled server changes, a snapshot, the server's
   * answers to pushed edits — with each record's visible body after it,
   * so that listeners need not read the database again.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_PTR_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * SitrepStore::record-changed:
   * @coll: the collection
   * @id: the record id
   *
   * Emitted after a commit for every record it wrote, whoever wrote it,
   * so that every view can update live.
   */
  signals[RECORD_CHANGED] =
    g_signal_new ("record-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * SitrepStore::conflicts-changed:
   *
   * Emitted when the server refused an edit (a conflict or a rejection)
   * or a conflict was decided: sitrep_store_list_conflicts() has changed.
   */
  signals[CONFLICTS_CHANGED] =
    g_signal_new ("conflicts-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sitrep_store_init (SitrepStore *self)
{
  self->actor = g_strdup (g_get_user_name ());
  self->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_store_change_free);
  self->change_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
forget_changes (SitrepStore *self)
{
  g_ptr_array_set_size (self->changes, 0);
  g_hash_table_remove_all (self->change_index);
}

/* Starts a write transaction; what it changes is announced by
 * _sitrep_store_announce() after the commit. */
gboolean
_sitrep_store_begin (SitrepStore  *self,
                     GError      **error)
{
  forget_changes (self);
  return _sitrep_store_exec_sql (self, "BEGIN IMMEDIATE", error);
}

void
_sitrep_store_rollback (SitrepStore *self)
{
  _sitrep_store_exec_sql (self, "ROLLBACK", NULL);
  forget_changes (self);
}

/* Emits ::changed once for what the committed transaction changed, if
 * anything. A handler may write to the store again: the list it gets is
 * no longer the one the next transaction fills. */
void
_sitrep_store_announce (SitrepStore *self)
{
  g_autoptr(GPtrArray) changes = NULL;

  if (self->changes->len == 0)
    return;

  changes = g_steal_pointer (&self->changes);
  self->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_store_change_free);
  g_hash_table_remove_all (self->change_index);

  g_signal_emit (self, signals[CHANGED], 0, changes);
}

/* Adds one written record to the open transaction's changes, unless what
 * the user sees of it stays the same. A record written twice keeps its
 * first place with its last state. */
static void
note_change (SitrepStore  *self,
             const char   *coll,
             const char   *id,
             const char   *incident_id,
             SitrepRecord *current,
             gint64        version,
             gboolean      deleted,
             JsonObject   *body,
             const char   *body_text)
{
  g_autofree char *key = NULL;
  SitrepStoreChange *change;
  gpointer position;

  if (current != NULL && current->deleted == deleted && current->version == version)
    {
      g_autofree char *before = NULL;

      if (deleted)
        return;
      before = _sitrep_store_serialise (current->body);
      if (g_str_equal (before, body_text))
        return;
    }

  change = sitrep_store_change_new (coll, id, incident_id, body, deleted, version);
  key = g_strconcat (coll, "\x1f", id, NULL);
  position = g_hash_table_lookup (self->change_index, key);
  if (position != NULL)
    {
      guint i = GPOINTER_TO_UINT (position) - 1;

      sitrep_store_change_free (self->changes->pdata[i]);
      self->changes->pdata[i] = change;
      return;
    }

  g_ptr_array_add (self->changes, change);
  g_hash_table_insert (self->change_index, g_steal_pointer (&key),
                       GUINT_TO_POINTER (self->changes->len));
}

/**
 * sitrep_store_get_actor:
 *
 * Returns: who the edit history names for this store's own edits
 */
const char *
sitrep_store_get_actor (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  return self->actor;
}

void
sitrep_store_set_actor (SitrepStore *self,
                        const char  *actor)
{
  g_return_if_fail (SITREP_IS_STORE (self));
  g_return_if_fail (actor != NULL);

  g_free (self->actor);
  self->actor = g_strdup (actor);
}

void
sitrep_history_entry_free (SitrepHistoryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->field);
  g_free (entry->before);
  g_free (entry->after);
  g_free (entry->actor);
  g_free (entry->ts);
  g_free (entry);
}

const char *
sitrep_store_get_path (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  return self->path;
}

/**
 * sitrep_store_get_client_id:
 *
 * Returns: the UUID under which this database numbers its mutations
 */
const char *
sitrep_store_get_client_id (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  return self->client_id;
}

/**
 * sitrep_store_get_pending:
 *
 * Returns: the number of mutations in the outbox
 */
guint
sitrep_store_get_pending (SitrepStore *self)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), 0);

  return self->pending;
}

JsonObject *
_sitrep_store_parse_body (const char *text,
            gssize      length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, length, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_node_dup_object (root);
}

char *
_sitrep_store_serialise (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

SitrepRecord *
_sitrep_store_read_record (SitrepStore *self,
             const char  *coll,
             const char  *id)
{
  SitrepRecord *record = NULL;

  sqlite3_reset (self->get_stmt);
  sqlite3_bind_text (self->get_stmt, 1, coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->get_stmt, 2, id, -1, SQLITE_STATIC);

  if (sqlite3_step (self->get_stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) body =
        _sitrep_store_parse_body ((const char *) sqlite3_column_text (self->get_stmt, 2),
                    sqlite3_column_bytes (self->get_stmt, 2));

      if (body != NULL)
        record = sitrep_record_new (coll, id,
                                    sqlite3_column_int64 (self->get_stmt, 0),
                                    sqlite3_column_int (self->get_stmt, 1) != 0,
                                    body);
      else
        g_warning ("Record %s/%s has an unreadable body", coll, id);
    }

  sqlite3_reset (self->get_stmt);
  sqlite3_clear_bindings (self->get_stmt);

  return record;
}

/**
 * sitrep_store_base_version:
 *
 * The version an edit of this record should be checked against on the
 * server, so that an edit made over someone else's change becomes a
 * conflict rather than a silent overwrite. A record never synced has
 * none. While an earlier checked edit of it is pending, a new one is
 * chained to it: it waits until that one is answered, then is checked
 * against the version it produced, or joins its conflict.
 *
 * Returns: the server version, %SITREP_BASE_VERSION_CHAINED, or -1 for
 *   no check
 */
gint64
sitrep_store_base_version (SitrepStore *self,
                           const char  *coll,
                           const char  *id)
{
  g_autoptr(SitrepRecord) record = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean pending = FALSE, pending_checked = FALSE;

  g_return_val_if_fail (SITREP_IS_STORE (self), -1);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT max(base_version IS NOT NULL) FROM outbox WHERE coll = ? AND id = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, coll, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          pending = TRUE;
          pending_checked = sqlite3_column_int (stmt, 0) != 0;
        }
    }
  sqlite3_finalize (stmt);

  if (pending_checked)
    return SITREP_BASE_VERSION_CHAINED;

  record = _sitrep_store_read_record (self, coll, id);
  if (pending || record == NULL || record->version <= 0)
    return -1;

  return record->version;
}

/**
 * sitrep_store_get:
 *
 * Returns: (transfer full) (nullable): the record, deleted or not, or %NULL
 */
SitrepRecord *
sitrep_store_get (SitrepStore *self,
                  const char  *coll,
                  const char  *id)
{
  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  return _sitrep_store_read_record (self, coll, id);
}

static const char *
incident_id_of (const char *coll,
                const char *id,
                JsonObject *body)
{
  if (g_str_equal (coll, "incidents") || g_str_equal (coll, "postmortems"))
    return id;
  if (json_object_has_member (body, "incident_id"))
    {
      JsonNode *node = json_object_get_member (body, "incident_id");

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        return json_node_get_string (node);
    }
  return NULL;
}

static char *
search_text_of (const char *coll,
                JsonObject *body)
{
  static const char *incident_fields[] = { "title", "summary", "customer_impact", "ref" };
  GString *text = g_string_new (NULL);

  if (g_str_equal (coll, "incidents"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (incident_fields); i++)
        {
          const char *value = json_object_get_string_member_with_default (body,
                                                                          incident_fields[i],
                                                                          NULL);
          if (value != NULL)
            g_string_append_printf (text, "%s\n", value);
        }
      if (json_object_has_member (body, "services") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (body, "services")))
        {
          JsonArray *services = json_object_get_array_member (body, "services");

          for (guint i = 0; i < json_array_get_length (services); i++)
            {
              JsonNode *node = json_array_get_element (services, i);

              if (json_node_get_value_type (node) == G_TYPE_STRING)
                g_string_append_printf (text, "%s\n", json_node_get_string (node));
            }
        }
    }
  else if (g_str_equal (coll, "timeline"))
    {
      const char *value = json_object_get_string_member_with_default (body, "text", NULL);

      if (value != NULL)
        g_string_append (text, value);
    }

  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }

  return g_string_free (text, FALSE);
}

gboolean
_sitrep_store_step_done (SitrepStore   *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return _sitrep_store_set_sqlite_error (self, error, what);

  return TRUE;
}

static gboolean
update_search (SitrepStore  *self,
               const char   *coll,
               const char   *id,
               const char   *incident_id,
               gboolean      deleted,
               JsonObject   *body,
               GError      **error)
{
  g_autofree char *text = NULL;

  if (!g_str_equal (coll, "incidents") && !g_str_equal (coll, "timeline"))
    return TRUE;

  sqlite3_bind_text (self->fts_lookup_stmt, 1, coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->fts_lookup_stmt, 2, id, -1, SQLITE_STATIC);
  if (sqlite3_step (self->fts_lookup_stmt) == SQLITE_ROW)
    {
      sqlite3_bind_int64 (self->fts_delete_stmt, 1, sqlite3_column_int64 (self->fts_lookup_stmt, 0));
      if (!_sitrep_store_step_done (self, self->fts_delete_stmt, "search", error))
        {
          sqlite3_reset (self->fts_lookup_stmt);
          return FALSE;
        }
    }
  sqlite3_reset (self->fts_lookup_stmt);
  sqlite3_clear_bindings (self->fts_lookup_stmt);

  /* A mapping must not outlive its row: FTS5 may hand the rowid out again. */
  if (deleted || incident_id == NULL || (text = search_text_of (coll, body)) == NULL)
    {
      sqlite3_bind_text (self->fts_unmap_stmt, 1, coll, -1, SQLITE_STATIC);
      sqlite3_bind_text (self->fts_unmap_stmt, 2, id, -1, SQLITE_STATIC);
      return _sitrep_store_step_done (self, self->fts_unmap_stmt, "search", error);
    }

  sqlite3_bind_text (self->fts_insert_stmt, 1, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->fts_insert_stmt, 2, coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->fts_insert_stmt, 3, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->fts_insert_stmt, 4, incident_id, -1, SQLITE_STATIC);
  if (!_sitrep_store_step_done (self, self->fts_insert_stmt, "search", error))
    return FALSE;

  sqlite3_bind_text (self->fts_map_stmt, 1, coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->fts_map_stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (self->fts_map_stmt, 3, sqlite3_last_insert_rowid (self->db));
  return _sitrep_store_step_done (self, self->fts_map_stmt, "search", error);
}

static const char *const timeline_tracked[] = { "text", "occurred_at", "kind", NULL };
static const char *const incident_tracked[] = { "detected_at", "declared_at", "acknowledged_at",
                                                "mitigated_at", "resolved_at", "closed_at",
                                                NULL };

/* A field's value as the history shows it: strings as they are, null as
 * NULL, anything else as JSON. */
static char *
value_text (JsonObject *body,
            const char *field)
{
  JsonNode *node = json_object_get_member (body, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

static gboolean
record_history (SitrepStore   *self,
                const char    *coll,
                const char    *id,
                JsonObject    *before,
                JsonObject    *after,
                const char    *actor,
                const char    *now,
                GError       **error)
{
  const char *const *tracked;

  if (g_str_equal (coll, "timeline"))
    tracked = timeline_tracked;
  else if (g_str_equal (coll, "incidents"))
    tracked = incident_tracked;
  else
    return TRUE;

  for (guint i = 0; tracked[i] != NULL; i++)
    {
      g_autofree char *old_value = value_text (before, tracked[i]);
      g_autofree char *new_value = value_text (after, tracked[i]);

      if (g_strcmp0 (old_value, new_value) == 0)
        continue;

      sqlite3_bind_text (self->history_stmt, 1, coll, -1, SQLITE_STATIC);
      sqlite3_bind_text (self->history_stmt, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (self->history_stmt, 3, tracked[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (self->history_stmt, 4, old_value, -1, SQLITE_STATIC);
      sqlite3_bind_text (self->history_stmt, 5, new_value, -1, SQLITE_STATIC);
      sqlite3_bind_text (self->history_stmt, 6, actor, -1, SQLITE_STATIC);
      sqlite3_bind_text (self->history_stmt, 7, now, -1, SQLITE_STATIC);
      if (!_sitrep_store_step_done (self, self->history_stmt, "history", error))
        return FALSE;
    }

  return TRUE;
}

/**
 * _sitrep_store_write_visible:
 * @current: (nullable): the visible record before, for the edit history
 * @actor: who the history names
 *
 * Writes what the user sees of one record, with its search row and, when
 * tracked fields changed, its history. Runs inside a transaction.
 */
gboolean
_sitrep_store_write_visible (SitrepStore   *self,
                             const char    *coll,
                             const char    *id,
                             SitrepRecord  *current,
                             gint64         version,
                             gboolean       deleted,
                             JsonObject    *body,
                             const char    *actor,
                             const char    *now,
                             GError       **error)
{
  g_autofree char *body_text = NULL;
  const char *incident_id;

  if (!deleted && current != NULL && !current->deleted &&
      !record_history (self, coll, id, current->body, body, actor, now, error))
    return FALSE;

  incident_id = incident_id_of (coll, id, body);
  body_text = _sitrep_store_serialise (body);

  sqlite3_bind_text (self->upsert_stmt, 1, coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->upsert_stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (self->upsert_stmt, 3, version);
  sqlite3_bind_int (self->upsert_stmt, 4, deleted);
  sqlite3_bind_text (self->upsert_stmt, 5, incident_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->upsert_stmt, 6, body_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->upsert_stmt, 7, now, -1, SQLITE_STATIC);
  if (!_sitrep_store_step_done (self, self->upsert_stmt, "write", error) ||
      !update_search (self, coll, id, incident_id, deleted, body, error))
    return FALSE;

  note_change (self, coll, id, incident_id, current, version, deleted, body, body_text);
  return TRUE;
}

static gboolean
apply_one (SitrepStore     *self,
           SitrepMutation  *mutation,
           const char      *now,
           GError         **error)
{
  g_autoptr(SitrepRecord) current = _sitrep_store_read_record (self, mutation->coll, mutation->id);
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *data_text = NULL;
  gboolean deleted = FALSE;

  if (!sitrep_collection_is_valid (mutation->coll))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   _("Unknown collection “%s”"), mutation->coll);
      return FALSE;
    }

  switch (mutation->op)
    {
    case SITREP_MUTATION_PUT:
      body = json_object_ref (mutation->data);
      break;

    case SITREP_MUTATION_PATCH:
      if (!sitrep_record_validate_patch (mutation->coll, mutation->data, error))
        return FALSE;
      if (current == NULL || current->deleted)
        {
          g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                       _("No record %s/%s to change"), mutation->coll, mutation->id);
          return FALSE;
        }
      body = sitrep_json_copy (current->body);
      sitrep_protocol_merge_patch (body, mutation->data);
      break;

    case SITREP_MUTATION_DELETE:
      if (current == NULL)
        {
          g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                       _("No record %s/%s to delete"), mutation->coll, mutation->id);
          return FALSE;
        }
      body = json_object_ref (current->body);
      deleted = TRUE;
      break;

    default:
      g_return_val_if_reached (FALSE);
    }

  if (!deleted && !sitrep_record_validate (mutation->coll, mutation->id, body, error))
    return FALSE;

  if (!_sitrep_store_write_visible (self, mutation->coll, mutation->id, current,
                                    current ? current->version : 0, deleted, body,
                                    self->actor, now, error))
    return FALSE;

  if (mutation->data != NULL)
    data_text = _sitrep_store_serialise (mutation->data);

  sqlite3_bind_int64 (self->outbox_stmt, 1, self->next_mid);
  sqlite3_bind_text (self->outbox_stmt, 2, sitrep_mutation_op_to_string (mutation->op), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (self->outbox_stmt, 3, mutation->coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->outbox_stmt, 4, mutation->id, -1, SQLITE_STATIC);
  if (mutation->base_version >= 0 || mutation->base_version == SITREP_BASE_VERSION_CHAINED)
    sqlite3_bind_int64 (self->outbox_stmt, 5, mutation->base_version);
  sqlite3_bind_text (self->outbox_stmt, 6, data_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->outbox_stmt, 7, now, -1, SQLITE_STATIC);
  if (!_sitrep_store_step_done (self, self->outbox_stmt, "outbox", error))
    return FALSE;

  self->next_mid++;

  return TRUE;
}

/**
 * sitrep_store_apply:
 * @mutations: (array length=n_mutations): the edits
 *
 * Writes every mutation and its outbox row in one transaction: all of them
 * or none. After the commit, ::changed announces the records whose visible
 * state changed, and ::record-changed is emitted for each mutation.
 *
 * Returns: %TRUE once the transaction is durable
 */
gboolean
sitrep_store_apply (SitrepStore     *self,
                    SitrepMutation **mutations,
                    guint            n_mutations,
                    GError         **error)
{
  g_autofree char *now = NULL;
  g_autofree char *next_mid = NULL;
  gint64 first_mid;

  g_return_val_if_fail (SITREP_IS_STORE (self), FALSE);
  g_return_val_if_fail (mutations != NULL || n_mutations == 0, FALSE);

  if (n_mutations == 0)
    return TRUE;

  now = sitrep_time_now ();

  if (!_sitrep_store_begin (self, error))
    return FALSE;

  /* Another connection (a second process on the same folder) may have
   * written since: the numbering continues from what is committed. */
  {
    g_autofree char *committed = _sitrep_store_get_meta (self, "next_mid");

    if (committed != NULL)
      self->next_mid = g_ascii_strtoll (committed, NULL, 10);
  }
  first_mid = self->next_mid;

  for (guint i = 0; i < n_mutations; i++)
    {
      if (!apply_one (self, mutations[i], now, error))
        goto fail;
    }

  next_mid = g_strdup_printf ("%" G_GINT64_FORMAT, self->next_mid);
  if (!_sitrep_store_set_meta (self, "next_mid", next_mid, error) ||
      !_sitrep_store_exec_sql (self, "COMMIT", error))
    goto fail;

  _sitrep_store_recount_pending (self);
  _sitrep_store_announce (self);

  for (guint i = 0; i < n_mutations; i++)
    _sitrep_store_emit_changed (self, mutations[i]->coll, mutations[i]->id);

  return TRUE;

fail:
  _sitrep_store_rollback (self);
  self->next_mid = first_mid;
  return FALSE;
}

void
_sitrep_store_emit_changed (SitrepStore *self,
                            const char  *coll,
                            const char  *id)
{
  g_signal_emit (self, signals[RECORD_CHANGED], 0, coll, id);
}

void
_sitrep_store_emit_conflicts_changed (SitrepStore *self)
{
  g_signal_emit (self, signals[CONFLICTS_CHANGED], 0);
}

void
_sitrep_store_recount_pending (SitrepStore *self)
{
  guint pending = (guint) _sitrep_store_query_int (self, "SELECT count(*) FROM outbox");

  if (pending == self->pending)
    return;

  self->pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

/**
 * sitrep_store_put:
 *
 * Creates or replaces a record. See sitrep_store_apply().
 */
gboolean
sitrep_store_put (SitrepStore  *self,
                  const char   *coll,
                  const char   *id,
                  JsonObject   *body,
                  GError      **error)
{
  g_autoptr(SitrepMutation) mutation = sitrep_mutation_new_put (coll, id, body);

  return sitrep_store_apply (self, &mutation, 1, error);
}

/**
 * sitrep_store_patch:
 *
 * Sets the members of @fields on an existing record.
 */
gboolean
sitrep_store_patch (SitrepStore  *self,
                    const char   *coll,
                    const char   *id,
                    JsonObject   *fields,
                    GError      **error)
{
  g_autoptr(SitrepMutation) mutation = sitrep_mutation_new_patch (coll, id, fields);

  return sitrep_store_apply (self, &mutation, 1, error);
}

/**
 * sitrep_store_delete:
 *
 * Marks a record deleted; it stays as a tombstone.
 */
gboolean
sitrep_store_delete (SitrepStore  *self,
                     const char   *coll,
                     const char   *id,
                     GError      **error)
{
  g_autoptr(SitrepMutation) mutation = sitrep_mutation_new_delete (coll, id);

  return sitrep_store_apply (self, &mutation, 1, error);
}

/**
 * sitrep_store_list:
 * @incident_id: (nullable): only records of this incident
 *
 * Returns: (transfer full) (element-type SitrepRecord): the live records of @coll
 */
GPtrArray *
sitrep_store_list (SitrepStore  *self,
                   const char   *coll,
                   const char   *incident_id,
                   GError      **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_record_free);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  if (sqlite3_prepare_v2 (self->db,
                          incident_id
                          ? "SELECT id, version, body FROM records "
                            "WHERE coll = ? AND incident_id = ? AND deleted = 0"
                          : "SELECT id, version, body FROM records WHERE coll = ? AND deleted = 0",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sitrep_store_set_sqlite_error (self, error, "list");
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, coll, -1, SQLITE_STATIC);
  if (incident_id)
    sqlite3_bind_text (stmt, 2, incident_id, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonNode *root;

      if (!json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 2),
                                       sqlite3_column_bytes (stmt, 2), NULL) ||
          (root = json_parser_get_root (parser)) == NULL ||
          !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_warning ("Skipping unreadable record %s/%s", coll, sqlite3_column_text (stmt, 0));
          continue;
        }

      g_ptr_array_add (records,
                       sitrep_record_new (coll, (const char *) sqlite3_column_text (stmt, 0),
                                          sqlite3_column_int64 (stmt, 1), FALSE,
                                          json_node_get_object (root)));
    }

  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _sitrep_store_set_sqlite_error (self, error, "list");
      return NULL;
    }

  return g_steal_pointer (&records);
}

void
sitrep_raw_record_free (SitrepRawRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->id);
  g_free (record->body);
  for (guint i = 0; i < SITREP_RAW_RECORD_MAX_FIELDS; i++)
    g_free (record->fields[i]);
  g_free (record);
}

/**
 * sitrep_store_list_raw:
 * @incident_id: (nullable): only records of this incident
 * @fields: (array zero-terminated=1): up to four top-level body fields to
 *   extract (SQLite reads them; json-glib never sees the body)
 *
 * Lists the live records of @coll with their bodies unparsed: a list of
 * 10,000 timeline entries parses only the rows on screen.
 *
 * Returns: (transfer full) (element-type SitrepRawRecord): the records
 */
GPtrArray *
sitrep_store_list_raw (SitrepStore         *self,
                       const char          *coll,
                       const char          *incident_id,
                       const char * const  *fields,
                       GError             **error)
{
  g_autoptr(GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_raw_record_free);
  g_autoptr(GString) sql = g_string_new ("SELECT id, body");
  sqlite3_stmt *stmt = NULL;
  guint n_fields = fields ? g_strv_length ((char **) fields) : 0;
  int rc;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);
  g_return_val_if_fail (n_fields <= SITREP_RAW_RECORD_MAX_FIELDS, NULL);

  /* Field names are bound as parameters, never spliced into the SQL. */
  for (guint i = 0; i < n_fields; i++)
    g_string_append_printf (sql, ", json_extract(body, '$.' || ?%u)", i + 3);
  g_string_append (sql, " FROM records WHERE coll = ?1 AND deleted = 0");
  if (incident_id != NULL)
    g_string_append (sql, " AND incident_id = ?2");

  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      _sitrep_store_set_sqlite_error (self, error, "list");
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, coll, -1, SQLITE_STATIC);
  if (incident_id != NULL)
    sqlite3_bind_text (stmt, 2, incident_id, -1, SQLITE_STATIC);
  for (guint i = 0; i < n_fields; i++)
    sqlite3_bind_text (stmt, i + 3, fields[i], -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SitrepRawRecord *record = g_new0 (SitrepRawRecord, 1);

      record->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      record->body = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      for (guint i = 0; i < n_fields; i++)
        record->fields[i] = g_strdup ((const char *) sqlite3_column_text (stmt, i + 2));
      g_ptr_array_add (records, record);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _sitrep_store_set_sqlite_error (self, error, "list");
      return NULL;
    }

  return g_steal_pointer (&records);
}

/* Every word the user typed must match the start of a word, in any order;
 * quoting each one keeps FTS5's query syntax out of the user's way. */
static char *
build_match_query (const char *query)
{
  g_auto(GStrv) words = g_strsplit_set (query, " \t\n\"", -1);
  GString *match = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append_printf (match, "\"%s\"*", words[i]);
    }

  if (match->len == 0)
    {
      g_string_free (match, TRUE);
      return NULL;
    }

  return g_string_free (match, FALSE);
}

/**
 * sitrep_store_search_incidents:
 * @query: words as the user typed them
 *
 * Full-text search over incident titles, summaries, impact, services and
 * timeline text.
 *
 * Returns: (transfer full): a set of incident ids, or %NULL with @error set
 */
GHashTable *
sitrep_store_search_incidents (SitrepStore  *self,
                               const char   *query,
                               GError      **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  match = build_match_query (query ? query : "");
  if (match == NULL)
    return g_steal_pointer (&ids);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT DISTINCT incident_id FROM search WHERE search MATCH ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sitrep_store_set_sqlite_error (self, error, "search");
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _sitrep_store_set_sqlite_error (self, error, "search");
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * sitrep_store_list_history:
 *
 * Returns: (transfer full) (element-type SitrepHistoryEntry): every
 *   recorded change of the record's tracked fields, oldest first
 */
GPtrArray *
sitrep_store_list_history (SitrepStore  *self,
                           const char   *coll,
                           const char   *id,
                           GError      **error)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_history_entry_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT field, before, after, actor, ts FROM history "
                          "WHERE coll = ? AND id = ? ORDER BY seq",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sitrep_store_set_sqlite_error (self, error, "history");
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SitrepHistoryEntry *entry = g_new0 (SitrepHistoryEntry, 1);

      entry->field = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      entry->before = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->after = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->actor = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->ts = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (entries, entry);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _sitrep_store_set_sqlite_error (self, error, "history");
      return NULL;
    }

  return g_steal_pointer (&entries);
}

/**
 * sitrep_store_check_integrity:
 *
 * Returns: (transfer full): what `PRAGMA integrity_check` says ("ok" when sound)
 */
char *
sitrep_store_check_integrity (SitrepStore *self)
{
  sqlite3_stmt *stmt = NULL;
  GString *result = g_string_new (NULL);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_string_append (result, sqlite3_errmsg (self->db));
      return g_string_free (result, FALSE);
    }

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (result->len > 0)
        g_string_append_c (result, '\n');
      g_string_append (result, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);

  return g_string_free (result, FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-store.c: the store object: opening, signals, and the SQL helpers
 * its files share. Its parts: sitrep-store-schema.c (tables, migrations),
 * -check.c (the page check after an unchecked open),
 * -records.c (local edits, reading), -search.c, -history.c, -outbox.c,
 * -feed.c (what the server sends), -conflicts.c. */

#define G_LOG_DOMAIN "sitrep-store"

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sitrep-json.h"
#include "sitrep-store-private.h"

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

  if (!_sitrep_store_refuse_writes_if_damaged (self, error))
    return FALSE;
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
  /* json-glib writes 1e20 as "1e+20.0", which no parser reads back */
  return sitrep_json_to_string (object);
}

/**
 * sitrep_store_open:
 * @path: the database file; its folder is created if needed
 *
 * Opens (creating and migrating as needed) the local database.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
static SitrepStore *
open_store (const char  *path,
            gboolean     reading,
            gboolean     unchecked,
            GError     **error)
{
  g_autoptr(SitrepStore) self = NULL;

  self = g_object_new (SITREP_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->reading = reading;
  self->unchecked = unchecked;

  if (!_sitrep_store_setup (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * sitrep_store_open_for_reading:
 * @path: the database file
 *
 * Opens the database only to read it, beside a process that has it open
 * (the command line's exports while the app runs): no lock is taken and
 * nothing is created, migrated or written; a write fails.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
SitrepStore *
sitrep_store_open_for_reading (const char  *path,
                               GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return open_store (path, TRUE, FALSE, error);
}

SitrepStore *
sitrep_store_open (const char  *path,
                   GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return open_store (path, FALSE, FALSE, error);
}

/**
 * sitrep_store_open_unchecked:
 * @path: the database file; its folder is created if needed
 *
 * Opens the database as sitrep_store_open() does, with every check that
 * fails fast (the header, the schema and its migrations, a file that
 * cannot be written, another process holding it), but without reading
 * every page first: that check, which grows with the file (a third of a
 * second for a year of a busy team), is left to sitrep_store_check_async(),
 * for a caller that does not want to wait on it (the app's window comes
 * up first). Other callers keep sitrep_store_open(): they have nothing to
 * show meanwhile, and want damage said before anything is read.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
SitrepStore *
sitrep_store_open_unchecked (const char  *path,
                             GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return open_store (path, FALSE, TRUE, error);
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
  _sitrep_store_refuse_writes_if_damaged (self, NULL);
  if (self->db != NULL)
    sqlite3_close (self->db);
  if (self->lock_fd >= 0)
    close (self->lock_fd);

  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_pointer (&self->change_index, g_hash_table_unref);

  g_free (self->path);
  g_free (self->client_id);
  g_free (self->actor);
  g_free (self->refuse_edits);
  g_atomic_rc_box_release_full (self->damage, _sitrep_store_damage_clear);

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
  self->lock_fd = -1;
  self->damage = g_atomic_rc_box_new0 (char *);
  self->actor = g_strdup (g_get_user_name ());
  self->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_store_change_free);
  self->change_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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
  gint64 data_version;

  forget_changes (self);
  if (!_sitrep_store_refuse_writes_if_damaged (self, error))
    return FALSE;
  /* What a committed transaction did to the outbox without announcing it
   * (a rolled back one left nothing here). */
  self->outbox_rows = MAX (self->outbox_rows + self->outbox_delta, 0);
  self->outbox_delta = 0;
  if (!_sitrep_store_exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Another connection (a second process on the same folder) committed
   * since the count: its edits are in the outbox too. Counted again only
   * then; this connection's own writes are followed row by row. */
  data_version = _sitrep_store_query_int (self, "PRAGMA data_version");
  if (data_version != self->data_version)
    {
      self->outbox_rows = _sitrep_store_query_int (self, "SELECT count(*) FROM outbox");
      self->data_version = data_version;
      self->outbox_scans++;
    }

  return TRUE;
}

void
_sitrep_store_rollback (SitrepStore *self)
{
  _sitrep_store_exec_sql (self, "ROLLBACK", NULL);
  self->outbox_delta = 0;
  forget_changes (self);
}

/* Called by the outbox triggers for every row this connection adds to
 * the outbox (+1) or takes out of it (-1). */
static void
outbox_delta_func (sqlite3_context  *context,
                   int               argc G_GNUC_UNUSED,
                   sqlite3_value   **argv)
{
  SitrepStore *self = sqlite3_user_data (context);

  self->outbox_delta += sqlite3_value_int64 (argv[0]);
  sqlite3_result_null (context);
}

/* Counts the outbox once, at open, and from then on follows what this
 * connection writes to it: TEMP triggers (this connection's only, never
 * stored in the file) report every row added or taken, so no write counts
 * the whole outbox again. */
gboolean
_sitrep_store_count_outbox (SitrepStore  *self,
                            GError      **error)
{
  if (sqlite3_create_function (self->db, "sitrep_outbox_delta", 1, SQLITE_UTF8, self,
                               outbox_delta_func, NULL, NULL) != SQLITE_OK)
    return _sitrep_store_set_sqlite_error (self, error, "outbox");

  if (!_sitrep_store_exec_sql (self,
                               "CREATE TEMP TRIGGER IF NOT EXISTS outbox_added "
                               "AFTER INSERT ON main.outbox "
                               "BEGIN SELECT sitrep_outbox_delta (1); END; "
                               "CREATE TEMP TRIGGER IF NOT EXISTS outbox_taken "
                               "AFTER DELETE ON main.outbox "
                               "BEGIN SELECT sitrep_outbox_delta (-1); END;",
                               error))
    return FALSE;

  self->data_version = _sitrep_store_query_int (self, "PRAGMA data_version");
  self->outbox_rows = _sitrep_store_query_int (self, "SELECT count(*) FROM outbox");
  self->pending = (guint) CLAMP (self->outbox_rows, 0, G_MAXUINT);
  self->outbox_delta = 0;
  self->outbox_scans++;
  return TRUE;
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

/* Adds one written record to the open transaction's changes. A record
 * written twice keeps its first place with its last state. */
void
_sitrep_store_note_change (SitrepStore  *self,
                           const char   *coll,
                           const char   *id,
                           const char   *incident_id,
                           gint64        version,
                           gboolean      deleted,
                           JsonObject   *body)
{
  g_autofree char *key = g_strconcat (coll, "\x1f", id, NULL);
  SitrepStoreChange *change = sitrep_store_change_new (coll, id, incident_id, body, deleted,
                                                       version);
  gpointer position = g_hash_table_lookup (self->change_index, key);

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

/* After a commit: what the transaction added to the outbox or took out
 * of it, on top of the count at its start. */
void
_sitrep_store_recount_pending (SitrepStore *self)
{
  guint pending;

  self->outbox_rows = MAX (self->outbox_rows + self->outbox_delta, 0);
  self->outbox_delta = 0;
  pending = (guint) MIN (self->outbox_rows, G_MAXUINT);
  if (pending == self->pending)
    return;

  self->pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
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

/**
 * sitrep_store_move_aside:
 * @path: a database file
 *
 * Renames @path, and its -wal and -shm files where they exist, to
 * `PATH.broken-YYYYMMDDTHHMMSSZ` (with -wal and -shm after it, so SQLite
 * still opens the three together), leaving @path free for a new database.
 *
 * Returns: (transfer full): the new name of @path, or %NULL with @error set
 */
char *
sitrep_store_move_aside (const char  *path,
                            GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *target = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  target = g_strdup_printf ("%s.broken-%s", path, stamp);
  for (guint n = 2; g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.broken-%s-%u", path, stamp, n);
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (!g_file_test (from, G_FILE_TEST_EXISTS) && !g_file_test (from, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not move %s aside: %s"), from, g_strerror (saved_errno));
          return NULL;
        }
    }

  g_message ("Moved the database %s aside to %s", path, target);
  return g_steal_pointer (&target);
}

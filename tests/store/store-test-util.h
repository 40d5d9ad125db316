/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store-test-util.h: what the store tests share: temporary folders, record
 * bodies, and a second, raw SQLite connection to look at what was really
 * written to the file. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "sitrep-store.h"

G_BEGIN_DECLS

static inline char *
test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sitrep-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
test_rm_rf (const char *path)
{
  GDir *dir;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK) &&
      (dir = g_dir_open (path, 0, NULL)) != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          test_rm_rf (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static inline JsonObject *
test_incident_body (const char *title,
                    const char *severity,
                    const char *status,
                    const char *declared_at)
{
  JsonObject *body = json_object_new ();

  if (title != NULL)
    json_object_set_string_member (body, "title", title);
  json_object_set_string_member (body, "severity", severity);
  json_object_set_string_member (body, "status", status);
  if (declared_at != NULL)
    json_object_set_string_member (body, "declared_at", declared_at);
  else
    json_object_set_null_member (body, "declared_at");

  return body;
}

static inline JsonObject *
test_timeline_body (const char *incident_id,
                    const char *text)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "incident_id", incident_id);
  json_object_set_string_member (body, "kind", "note");
  json_object_set_string_member (body, "text", text);

  return body;
}

static inline sqlite3 *
test_sql_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);

  return db;
}

/* The first column of the first row of @sql, as text; %NULL for no row or NULL. */
static inline char *
test_sql_text (const char *path,
               const char *sql)
{
  sqlite3 *db = test_sql_open (path);
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  rc = sqlite3_step (stmt);
  g_assert_true (rc == SQLITE_ROW || rc == SQLITE_DONE);
  if (rc == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static inline gint64
test_sql_int (const char *path,
              const char *sql)
{
  g_autofree char *text = test_sql_text (path, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static inline void
test_sql_exec (const char *path,
               const char *sql)
{
  sqlite3 *db = test_sql_open (path);

  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static inline const char *
test_body_string (JsonObject *body,
                  const char *member)
{
  return json_object_get_string_member_with_default (body, member, NULL);
}

/* A store with a few hundred pages in its file, closed (so the WAL is
 * checkpointed into it). */
static inline char *
test_make_filled_store (const char *dir)
{
  char *path = g_build_filename (dir, "sitrep.db", NULL);
  g_autoptr(GError) error = NULL;
  SitrepStore *store;

  store = sitrep_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  test_sql_exec (path,
                 "CREATE TABLE filler (n INTEGER PRIMARY KEY, x BLOB);"
                 "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 2000) "
                 "INSERT INTO filler SELECT n, randomblob(500) FROM c;"
                 "PRAGMA wal_checkpoint(TRUNCATE);");
  return path;
}

/* Damages whole pages in the middle of the file (b-tree pages of the
 * filler table above), leaving its header and schema sound. */
static inline void
test_overwrite_middle (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 256 * 1024);
  memset (data + len / 2 - 32 * 1024, 0x5a, 64 * 1024);
  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
}

G_END_DECLS

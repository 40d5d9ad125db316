/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-open.c: opening a local database that is damaged, not a
 * database, not a file, or open in another process: each is its own
 * error, naming the file */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "sitrep-store.h"
#include "store-test-util.h"

/* A store with a few hundred pages in its file, closed (so the WAL is
 * checkpointed into it). */
static char *
make_filled_store (const char *dir)
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

static void
overwrite_middle (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 256 * 1024);
  /* Whole pages in the middle: b-tree pages of the filler table. */
  memset (data + len / 2 - 32 * 1024, 0x5a, 64 * 1024);
  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
}

static void
test_open_damaged_pages (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = make_filled_store (dir);
  g_autoptr(GError) error = NULL;
  SitrepStore *store;

  /* Sound, it opens. */
  store = sitrep_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  overwrite_middle (path);
  store = sitrep_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));

  test_rm_rf (dir);
}

static void
test_open_not_a_database (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "sitrep.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *garbage = g_strnfill (8192, 'x');
  SitrepStore *store;

  g_file_set_contents (path, garbage, -1, &error);
  g_assert_no_error (error);

  store = sitrep_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));

  /* Refusing it leaves it as it was. */
  {
    g_autofree char *after = NULL;

    g_file_get_contents (path, &after, NULL, NULL);
    g_assert_cmpstr (after, ==, garbage);
  }

  test_rm_rf (dir);
}

static void
test_open_unreadable (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "sitrep.db", NULL);
  g_autoptr(GError) error = NULL;
  SitrepStore *store;

  /* (A folder where the file should be: unreadable even for root.) */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);

  store = sitrep_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, path));

  test_rm_rf (dir);
}

/* Run as `test-store-open --open PATH`: opens PATH in a process of its
 * own and prints what came of it, as "ok" or "CODE MESSAGE". */
static int
open_in_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = sitrep_store_open (path, &error);

  if (store != NULL)
    g_print ("ok\n");
  else
    g_print ("%d %s\n", error->code, error->message);
  return 0;
}

static char *
open_elsewhere (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", &error);
  const char *argv[] = { exe, "--open", path, NULL };
  char *out = NULL;
  int status;

  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strchomp (out);
}

/* Two processes on one database would each keep their own outbox counter
 * and sync cursor over the same rows: the second is refused, told which
 * process has it, and gets it once that one has closed it. */
static void
test_open_in_use (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "sitrep.db", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(GError) error = NULL;
  SitrepStore *store;

  store = sitrep_store_open (path, &error);
  g_assert_no_error (error);

  answer = open_elsewhere (path);
  expected = g_strdup_printf ("%d ", SITREP_STORE_ERROR_IN_USE);
  g_assert_true (g_str_has_prefix (answer, expected));
  g_assert_nonnull (strstr (answer, path));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("(process %d)", (int) getpid ());
  g_assert_nonnull (strstr (answer, expected));

  g_assert_finalize_object (store);
  g_clear_pointer (&answer, g_free);
  answer = open_elsewhere (path);
  g_assert_cmpstr (answer, ==, "ok");

  test_rm_rf (dir);
}

/* Opened to read: beside a writer, nothing created, migrated or written. */
static void
test_open_for_reading (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "sitrep.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) writer = NULL;
  g_autoptr(SitrepStore) reader = NULL;
  g_autoptr(JsonObject) body = test_incident_body ("Read beside", "P2", "investigating", NULL);
  g_autoptr(SitrepRecord) record = NULL;

  /* No database: an error, and none made. */
  reader = sitrep_store_open_for_reading (path, &error);
  g_assert_null (reader);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_UNREADABLE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  writer = sitrep_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_store_put (writer, "incidents", "0190d5a0-0000-7000-8000-000000000001", body, &error));
  g_assert_no_error (error);

  reader = sitrep_store_open_for_reading (path, &error);
  g_assert_no_error (error);
  record = sitrep_store_get (reader, "incidents", "0190d5a0-0000-7000-8000-000000000001");
  g_assert_nonnull (record);
  g_assert_false (sitrep_store_put (reader, "incidents", "0190d5a0-0000-7000-8000-000000000002", body, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&reader);

  /* A newer Sitrep's database is refused, and left as it is. */
  g_clear_object (&writer);
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==,
                     SQLITE_OK);
    sqlite3_close (db);
  }
  reader = sitrep_store_open_for_reading (path, &error);
  g_assert_null (reader);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_TOO_NEW);

  test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--open"))
    return open_in_child (argv[2]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/open/damaged-pages", test_open_damaged_pages);
  g_test_add_func ("/store/open/not-a-database", test_open_not_a_database);
  g_test_add_func ("/store/open/unreadable", test_open_unreadable);
  g_test_add_func ("/store/open/in-use", test_open_in_use);
  g_test_add_func ("/store/open/for-reading", test_open_for_reading);

  return g_test_run ();
}

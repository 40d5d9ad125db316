/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-open.c: opening a local database that is damaged, not a
 * database, not a file, or open in another process: each is its own
 * error, naming the file */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "sitrep-store.h"
#include "sitrep-store-sync.h"
#include "store-test-util.h"

static void
test_open_damaged_pages (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = test_make_filled_store (dir);
  g_autoptr(GError) error = NULL;
  SitrepStore *store;

  /* Sound, it opens. */
  store = sitrep_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  test_overwrite_middle (path);
  store = sitrep_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));

  test_rm_rf (dir);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (sitrep_store_check_finish (SITREP_STORE (source), result, error));
  g_assert_nonnull (*error);
}

static void
on_checked_sound (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_store_check_finish (SITREP_STORE (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* Opened unchecked, a file whose middle pages are damaged (its header
 * and schema sound) opens; the check, in a worker thread, finds the
 * damage and names the file, as opening with the check does. From then
 * on nothing is written to the file: an edit made before stays in the
 * -wal, an edit after is refused, and closing the store leaves the file
 * and its -wal as they were. */
static void
test_open_unchecked_damaged_pages (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = test_make_filled_store (dir);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *damaged = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(JsonObject) body = test_incident_body ("Typed before", "P2", "investigating", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) checked = NULL;
  g_autoptr(SitrepStore) reader = NULL;
  g_autoptr(SitrepRecord) record = NULL;
  gboolean sound = FALSE;
  gsize damaged_len, after_len;
  SitrepStore *store;

  /* Sound, the check says so. */
  store = sitrep_store_open_unchecked (path, &error);
  g_assert_no_error (error);
  sitrep_store_check_async (store, NULL, on_checked_sound, &sound);
  while (!sound)
    g_main_context_iteration (NULL, TRUE);
  g_assert_finalize_object (store);

  test_overwrite_middle (path);
  g_assert_true (g_file_get_contents (path, &damaged, &damaged_len, NULL));

  store = sitrep_store_open_unchecked (path, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_store_put (store, "incidents", "0190d5a0-0000-7000-8000-000000000001",
                                   body, &error));
  g_assert_no_error (error);

  sitrep_store_check_async (store, NULL, on_checked, &checked);
  while (checked == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (checked, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  expected = g_strdup_printf ("The database %s is damaged: ", path);
  g_assert_true (g_str_has_prefix (checked->message, expected));

  /* The same words as the check at open. */
  {
    SitrepStore *checked_open = sitrep_store_open (path, &error);

    g_assert_null (checked_open);
    g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
    g_assert_cmpstr (error->message, ==, checked->message);
    g_clear_error (&error);
  }

  g_assert_false (sitrep_store_put (store, "incidents", "0190d5a0-0000-7000-8000-000000000002",
                                    body, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  g_assert_cmpstr (error->message, ==, checked->message);
  g_clear_error (&error);
  g_assert_false (sitrep_store_set_sync_state (store, "cursor", "1", &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_finalize_object (store);

  /* Nothing was checkpointed into the damaged file... */
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpuint (after_len, ==, damaged_len);
  g_assert_true (memcmp (after, damaged, damaged_len) == 0);
  /* ...and the edit made before is still in its -wal, the one after not. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_IS_REGULAR));
  reader = sitrep_store_open_for_reading (path, &error);
  g_assert_no_error (error);
  record = sitrep_store_get (reader, "incidents", "0190d5a0-0000-7000-8000-000000000001");
  g_assert_nonnull (record);
  g_clear_pointer (&record, sitrep_record_free);
  record = sitrep_store_get (reader, "incidents", "0190d5a0-0000-7000-8000-000000000002");
  g_assert_null (record);

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
  g_test_add_func ("/store/open/unchecked-damaged-pages", test_open_unchecked_damaged_pages);
  g_test_add_func ("/store/open/not-a-database", test_open_not_a_database);
  g_test_add_func ("/store/open/unreadable", test_open_unreadable);
  g_test_add_func ("/store/open/in-use", test_open_in_use);
  g_test_add_func ("/store/open/for-reading", test_open_for_reading);

  return g_test_run ();
}

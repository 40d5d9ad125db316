/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sync-damaged.c: an app whose database turns out damaged stops
 * syncing
 *
 * A context opened without the page check, on a file whose middle pages
 * are damaged, syncs with the real server on 127.0.0.1 until the check
 * (in its worker thread) finds the damage: from then on the sync engine
 * is stopped, and setting the server again (as the keyring's answer
 * would) does not start it; closing the context leaves the file as it
 * was.
 */

#include "config.h"

#include <string.h>

#include "../store/store-test-util.h"
#include "gui-test-util.h"
#include "sitrep-context-store.h"
#include "test-sync-common.h"

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (sitrep_context_check_database_finish (SITREP_CONTEXT (source), result,
                                                        error));
  g_assert_nonnull (*error);
}

static void
test_damaged_stops_sync (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) checked = NULL;
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = test_make_filled_store (dir);
  g_autofree char *damaged = NULL;
  g_autofree char *after = NULL;
  gsize damaged_len, after_len;
  SitrepContext *context;

  test_overwrite_middle (path);
  g_assert_true (g_file_get_contents (path, &damaged, &damaged_len, NULL));

  context = sitrep_context_new_first_unchecked (dir, 0, &error);
  g_assert_no_error (error);
  sitrep_context_set_server (context, server->base_url, server->responder);
  WAIT_UNTIL (sitrep_context_get_connection (context) == SITREP_CONNECTION_ONLINE);
  g_assert_false (sitrep_context_get_database_damaged (context));

  sitrep_context_check_database_async (context, NULL, on_checked, &checked);
  WAIT_UNTIL (checked != NULL);
  g_assert_error (checked, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (checked->message, path));
  g_assert_true (sitrep_context_get_database_damaged (context));
  g_assert_cmpint (sitrep_context_get_connection (context), ==, SITREP_CONNECTION_OFFLINE);

  /* A server set again (the keyring answering late) does not start it. */
  sitrep_context_set_server (context, server->base_url, server->responder);
  g_assert_cmpint (sitrep_context_get_connection (context), ==, SITREP_CONNECTION_OFFLINE);

  g_assert_finalize_object (context);
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpuint (after_len, ==, damaged_len);
  g_assert_true (memcmp (after, damaged, damaged_len) == 0);

  test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  sync_test_init ();

  sitrep_test_add ("/sync-damaged/stops-sync", test_damaged_stops_sync);

  return g_test_run ();
}

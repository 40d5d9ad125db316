/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sync-pages.c: pages of changes the client cannot take whole, with
 * the real server
 *
 * A backlog larger than the client reads in one answer still arrives, in
 * smaller pages; the server ends a page by size as well as by count; and
 * a record the client cannot accept, served between good ones from the
 * feed or a snapshot, is left out and counted while the rest is applied.
 */

#include "config.h"

#include <sqlite3.h>

#include "sitrep-sync-engine-private.h"
#include "test-sync-common.h"

#define WAIT_MS 30000

static gboolean
nothing_pending (gpointer data)
{
  SyncClient *client = data;

  return sitrep_store_get_pending (client->store) == 0;
}

typedef struct
{
  SyncClient *client;
  gint64      seq;
} AtSeq;

static gboolean
at_seq (gpointer data)
{
  AtSeq *at = data;

  return sitrep_store_get_last_seq (at->client->store) >= at->seq;
}

static void
push_all (SyncClient *client)
{
  if (!sync_wait (nothing_pending, client, WAIT_MS))
    sync_note_clients (&client, 1);
  g_assert_cmpuint (sitrep_store_get_pending (client->store), ==, 0);
}

/* @client loads the snapshot (of one change or more), then stops: it
 * will read what follows from the feed. */
static void
follow_then_stop (SitrepTestServer *server,
                  SyncClient       *client)
{
  AtSeq at = { client, sitrep_test_health_seq (server) };

  g_assert_cmpint (at.seq, >, 0);
  sync_client_connect (client, server->base_url, server->responder2);
  if (!sync_wait (at_seq, &at, WAIT_MS))
    sync_note_clients (&client, 1);
  g_assert_cmpint (sitrep_store_get_last_seq (client->store), ==, at.seq);
  sitrep_sync_engine_stop (client->engine);
}

/* Entries of @size bytes of text each. */
static GPtrArray *
add_entries (SyncClient *client,
             const char *incident,
             guint       n,
             gsize       size)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *fill = g_strnfill (size, 'a' + (char) (i % 26));

      g_ptr_array_add (ids, sync_client_add_entry (client, incident, fill));
    }
  return ids;
}

/* 60 entries of 20 KiB, read by a client that takes at most 256 KiB of
 * an answer: no page of the 500 changes it asks for at first fits. */
static void
test_large_backlog (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SyncClient) a = sync_client_new ("alice");
  g_autoptr(SyncClient) b = sync_client_new ("bob");
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *incident = NULL;
  AtSeq at = { b, 0 };

  sync_client_connect (a, server->base_url, server->responder);
  incident = sync_client_create_incident (a, "Checkout is down");
  push_all (a);

  /* Bob is on the feed, then closes the app. */
  _sitrep_sync_engine_set_max_changes_answer (b->engine, 256 * 1024);
  follow_then_stop (server, b);

  ids = add_entries (a, incident, 60, 20 * 1024);
  push_all (a);

  sitrep_sync_engine_start (b->engine);
  at.seq = sitrep_test_health_seq (server);
  if (!sync_wait (at_seq, &at, WAIT_MS))
    sync_note_clients (&b, 1);
  g_assert_cmpint (sitrep_store_get_last_seq (b->store), ==, at.seq);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *text = sync_client_text (b, "timeline", ids->pdata[i]);

      g_assert_nonnull (text);
      g_assert_cmpuint (strlen (text), ==, 20 * 1024);
    }
  g_assert_null (sitrep_sync_engine_get_last_error (b->engine));
  g_assert_cmpuint (sitrep_sync_engine_get_skipped_records (b->engine), ==, 0);
}

/* One change alone larger than the client reads, between small ones: it
 * is left out and counted, and the feed goes on past it. */
static void
test_oversized_change (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SyncClient) a = sync_client_new ("alice");
  g_autoptr(SyncClient) b = sync_client_new ("bob");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) big = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *incident = NULL;
  g_autofree char *big_text = NULL;
  AtSeq at = { b, 0 };

  sync_client_connect (a, server->base_url, server->responder);
  incident = sync_client_create_incident (a, "Checkout is down");
  push_all (a);
  _sitrep_sync_engine_set_max_changes_answer (b->engine, 16 * 1024);
  follow_then_stop (server, b);

  before = add_entries (a, incident, 3, 100);
  big = add_entries (a, incident, 1, 30 * 1024);
  after = add_entries (a, incident, 3, 100);
  push_all (a);

  sitrep_sync_engine_start (b->engine);
  at.seq = sitrep_test_health_seq (server);
  if (!sync_wait (at_seq, &at, WAIT_MS))
    sync_note_clients (&b, 1);
  g_assert_cmpint (sitrep_store_get_last_seq (b->store), ==, at.seq);
  g_assert_cmpuint (sitrep_sync_engine_get_skipped_records (b->engine), ==, 1);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *first = sync_client_text (b, "timeline", before->pdata[i]);
      g_autofree char *last = sync_client_text (b, "timeline", after->pdata[i]);

      g_assert_nonnull (first);
      g_assert_nonnull (last);
    }
  big_text = sync_client_text (b, "timeline", big->pdata[0]);
  g_assert_null (big_text);
}

/* 160 changes of 60 KiB (9.6 MB) asked for at once: the server ends the
 * page under 8 MiB and says more follow. */
static void
test_server_caps_page (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SyncClient) a = sync_client_new ("alice");
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *incident = NULL;
  gint64 since = 0;
  guint n_read = 0;
  guint n_pages = 0;

  sync_client_connect (a, server->base_url, server->responder);
  incident = sync_client_create_incident (a, "Checkout is down");
  ids = add_entries (a, incident, 160, 60 * 1024);
  push_all (a);

  while (since < sitrep_test_health_seq (server))
    {
      g_autofree char *path = g_strdup_printf ("/v1/changes?since=%" G_GINT64_FORMAT
                                               "&limit=1000", since);
      g_autoptr(SitrepReply) reply = sitrep_test_get (server, server->viewer, path);
      JsonObject *page;
      guint len;

      sitrep_assert_status (reply, 200);
      g_assert_cmpuint (g_bytes_get_size (reply->body), <=, 8 * 1024 * 1024);
      page = sitrep_reply_object (reply);
      len = json_array_get_length (json_object_get_array_member (page, "changes"));
      g_assert_cmpuint (len, >, 0);
      since = json_object_get_int_member (page, "last_seq");
      n_read += len;
      n_pages++;
      g_assert_true (json_object_get_boolean_member (page, "more")
                     == (since < sitrep_test_health_seq (server)));
    }
  g_assert_cmpuint (n_read, ==, 161);
  g_assert_cmpuint (n_pages, >=, 2);
}

static void
server_sql (SitrepTestServer *server,
            const char       *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (server->db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==,
                   SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
}

static gboolean
skipped_one (gpointer data)
{
  SyncClient *client = data;

  return sitrep_sync_engine_get_skipped_records (client->engine) >= 1;
}

static void
assert_good_ones (SyncClient *client,
                  GPtrArray  *ids,
                  gint64      seq)
{
  g_autofree char *first = sync_client_text (client, "timeline", ids->pdata[0]);
  g_autofree char *bad = sync_client_text (client, "timeline", ids->pdata[1]);
  g_autofree char *last = sync_client_text (client, "timeline", ids->pdata[2]);

  g_assert_cmpuint (sitrep_sync_engine_get_skipped_records (client->engine), ==, 1);
  g_assert_cmpint (sitrep_store_get_last_seq (client->store), ==, seq);
  g_assert_cmpstr (first, ==, "aaaa");
  g_assert_null (bad);
  g_assert_cmpstr (last, ==, "cccc");
}

/* The server holds one entry the client cannot take between two good
 * ones: in the feed its body is not an object, in the snapshot its kind
 * is not one the timeline knows. */
static void
test_skipped_record (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SyncClient) a = sync_client_new ("alice");
  g_autoptr(SyncClient) b = sync_client_new ("bob");
  g_autoptr(SyncClient) c = sync_client_new ("carol");
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *incident = NULL;
  g_autofree char *sql = NULL;
  AtSeq at = { b, 0 };

  sync_client_connect (a, server->base_url, server->responder);
  incident = sync_client_create_incident (a, "Checkout is down");
  push_all (a);
  follow_then_stop (server, b);

  ids = add_entries (a, incident, 3, 4);
  push_all (a);
  sitrep_sync_engine_stop (a->engine);

  sql = g_strdup_printf ("UPDATE changes SET body = '\"not an object\"' WHERE id = '%s'",
                         (char *) ids->pdata[1]);
  server_sql (server, sql);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE records SET body = json_set(body, '$.kind', 'gossip') "
                         "WHERE id = '%s'", (char *) ids->pdata[1]);
  server_sql (server, sql);

  /* Bob reads the feed. */
  sitrep_sync_engine_start (b->engine);
  at.seq = sitrep_test_health_seq (server);
  if (!sync_wait (at_seq, &at, WAIT_MS) || !sync_wait (skipped_one, b, WAIT_MS))
    sync_note_clients (&b, 1);
  assert_good_ones (b, ids, at.seq);

  /* Carol starts from a snapshot. */
  sync_client_connect (c, server->base_url, server->responder2);
  at.client = c;
  if (!sync_wait (at_seq, &at, WAIT_MS) || !sync_wait (skipped_one, c, WAIT_MS))
    sync_note_clients (&c, 1);
  assert_good_ones (c, ids, at.seq);
}

void add_pages_tests (void);

void
add_pages_tests (void)
{
  sitrep_test_add ("/sync/large-backlog", test_large_backlog);
  sitrep_test_add ("/sync/oversized-change", test_oversized_change);
  sitrep_test_add ("/sync/server-caps-page", test_server_caps_page);
  sitrep_test_add ("/sync/skipped-record", test_skipped_record);
}

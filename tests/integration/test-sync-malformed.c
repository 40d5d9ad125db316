/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sync-malformed.c: answers that are not what PROTOCOL.md says
 *
 * A fake server on the test's main loop answers the engine's snapshot,
 * changes and push requests with broken JSON, wrong types, half-valid
 * pages and impossible results. Each must be a failed request (the state
 * says offline, last-error says why), never a crash, and never a partial
 * write: the store stays exactly as it was. A good page with one record
 * the client cannot accept is applied without it, and the record counted.
 */

#include "config.h"

#include <string.h>

#include "test-sync-common.h"

#define WAIT_MS 10000

#define GOOD_ENTRY \
  "{\"coll\":\"timeline\",\"id\":\"7d4c8a52-3c1e-4b8e-9a4f-2f0c5a1b9e10\",\"version\":1," \
  "\"deleted\":false,\"body\":{\"incident_id\":\"1b6f3e2a-9c4d-4e8f-a1b2-c3d4e5f60718\"," \
  "\"kind\":\"note\",\"text\":\"good\"}}"
#define GOOD_CHANGE \
  "{\"seq\":2,\"coll\":\"timeline\",\"id\":\"0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b\"," \
  "\"version\":2,\"op\":\"put\",\"deleted\":false,\"body\":{\"incident_id\":" \
  "\"1b6f3e2a-9c4d-4e8f-a1b2-c3d4e5f60718\",\"kind\":\"note\",\"text\":\"new\"}," \
  "\"client_id\":null,\"mid\":null,\"actor\":\"x\",\"ts\":\"2026-11-27T14:32:00Z\"}"

typedef struct
{
  SoupServer *server;
  char       *url;
  const char *snapshot;   /* the next answers, NULL for a good one */
  const char *changes;
  const char *push;
  guint       served;
} Fake;

static void
answer (SoupServerMessage *msg,
        const char        *body)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  Fake *fake = user_data;
  const char *since = query != NULL ? g_hash_table_lookup (query, "since") : NULL;

  fake->served++;
  if (g_str_equal (path, "/v1/health"))
    answer (msg, "{\"status\":\"ok\",\"seq\":1,\"version\":\"fake\"}");
  else if (g_str_equal (path, "/v1/snapshot"))
    answer (msg, fake->snapshot ? fake->snapshot : "{\"seq\":1,\"records\":[" GOOD_ENTRY "]}");
  else if (g_str_equal (path, "/v1/changes") && fake->changes != NULL)
    answer (msg, fake->changes);
  else if (g_str_equal (path, "/v1/changes"))
    {
      g_autofree char *body = g_strdup_printf ("{\"changes\":[],\"last_seq\":%s,\"more\":false}",
                                               since ? since : "0");

      answer (msg, body);
    }
  else if (g_str_equal (path, "/v1/push") && fake->push != NULL)
    answer (msg, fake->push);
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "60");
    }
}

static void
fake_start (Fake *fake)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, "/v1", handle, fake, NULL);
  soup_server_listen_local (fake->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fake->server);
  g_assert_nonnull (uris);
  fake->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static gboolean
has_error (gpointer data)
{
  SyncClient *client = data;

  return sitrep_sync_engine_get_last_error (client->engine) != NULL;
}

/* Starts over with a fresh backoff, so each bad answer is asked for at
 * once, and waits for the engine to give up on it. */
static void
expect_failure (Fake       *fake,
                SyncClient *client,
                const char *what,
                gboolean    offline)
{
  guint served = fake->served;

  sitrep_sync_engine_set_server (client->engine, fake->url, "token");
  g_assert_null (sitrep_sync_engine_get_last_error (client->engine));
  if (!sync_wait (has_error, client, WAIT_MS))
    sitrep_test_note ("no failure for %s", what);
  g_assert_nonnull (sitrep_sync_engine_get_last_error (client->engine));
  g_assert_cmpuint (fake->served, >, served);
  /* (A push fails while the feed works: the state may say either.) */
  if (offline)
    g_assert_cmpint (sitrep_sync_engine_get_state (client->engine), ==, SITREP_SYNC_OFFLINE);
  g_test_message ("%s: %s", what, sitrep_sync_engine_get_last_error (client->engine));
}

static void
assert_store (SyncClient *client,
              gint64      last_seq,
              guint       n_records,
              guint       pending)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  records = sitrep_store_list (client->store, "timeline", NULL, &error);
  g_assert_no_error (error);
  conflicts = sitrep_store_list_conflicts (client->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_store_get_last_seq (client->store), ==, last_seq);
  g_assert_cmpuint (records->len, ==, n_records);
  g_assert_cmpuint (sitrep_store_get_pending (client->store), ==, pending);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

static gboolean
snapshot_loaded (gpointer data)
{
  SyncClient *client = data;

  return sitrep_store_get_last_seq (client->store) == 1;
}

static gboolean
skipped_and_at_3 (gpointer data)
{
  SyncClient *client = data;

  return sitrep_sync_engine_get_skipped_records (client->engine) == 1
         && sitrep_store_get_last_seq (client->store) == 3;
}

static void
test_malformed (void)
{
  static const char * const bad_snapshots[] = {
    "not json",
    "[]",
    "{\"seq\":1}",
    "{\"seq\":\"1\",\"records\":[]}",
    "{\"seq\":1,\"records\":{}}",
    "{\"seq\":1,\"records\":[\xff\xfe]}",
    "",
  };
  static const char * const bad_changes[] = {
    "{\"changes\":[],\"more\":false}",
    "{\"changes\":[" GOOD_CHANGE "],\"last_seq\":2}",
    "{\"changes\":[" GOOD_CHANGE "," GOOD_CHANGE "],\"last_seq\":2,\"more\":false}",
    "{\"changes\":[" GOOD_CHANGE "],\"last_seq\":1,\"more\":false}",
    "{\"changes\":[" GOOD_CHANGE "],\"last_seq\":2,\"more\":\"no\"}",
    "{\"changes\":[42],\"last_seq\":2,\"more\":false}",
  };
  static const char * const bad_pushes[] = {
    "{\"last_mid\":1}",
    "{\"results\":[{\"mid\":1,\"status\":\"applied\"}]}",
    "{\"results\":[{\"mid\":7,\"status\":\"applied\",\"version\":3}]}",
    "{\"results\":[{\"mid\":1,\"status\":\"maybe\"}]}",
    "{\"results\":[{\"mid\":\"1\",\"status\":\"applied\",\"version\":3}]}",
    "{\"results\":[{\"mid\":1,\"status\":\"conflict\",\"current\":{\"coll\":\"timeline\"}}]}",
    "{\"results\":[{\"mid\":1,\"status\":\"rejected\",\"message\":7}]}",
  };
  /* Good pages with one record this client cannot accept: it is left out
   * and counted, the rest applied. */
  static const char * const skipping_snapshots[] = {
    "{\"seq\":1,\"records\":[" GOOD_ENTRY ",{\"coll\":\"timeline\"}]}",
    "{\"seq\":1,\"records\":[" GOOD_ENTRY ",{\"coll\":\"timeline\",\"id\":\"x\",\"version\":1.5,"
      "\"deleted\":false,\"body\":{}}]}",
    "{\"seq\":1,\"records\":[" GOOD_ENTRY ",{\"coll\":\"timeline\",\"id\":\"x\",\"version\":1,"
      "\"deleted\":false,\"body\":\"text\"}]}",
    "{\"seq\":1,\"records\":[" GOOD_ENTRY ",42]}",
  };
  static const char skipping_changes[] =
    "{\"changes\":[" GOOD_CHANGE ",{\"seq\":3}],\"last_seq\":3,\"more\":false}";
  Fake fake = { 0 };
  g_autoptr(SyncClient) client = sync_client_new ("alice");
  g_autoptr(GString) deep = g_string_new ("{\"seq\":1,\"records\":");
  g_autofree char *incident = g_uuid_string_random ();
  g_autofree char *entry = NULL;

  fake_start (&fake);
  sitrep_sync_engine_start (client->engine);

  for (guint i = 0; i < G_N_ELEMENTS (bad_snapshots); i++)
    {
      fake.snapshot = bad_snapshots[i];
      expect_failure (&fake, client, bad_snapshots[i], TRUE);
      assert_store (client, 0, 0, 0);
    }
  for (guint i = 0; i < 200; i++)
    g_string_append_c (deep, '[');
  fake.snapshot = deep->str;
  expect_failure (&fake, client, "deep", TRUE);
  assert_store (client, 0, 0, 0);

  /* A good snapshot; then the feed. */
  fake.snapshot = NULL;
  sitrep_sync_engine_set_server (client->engine, fake.url, "token");
  g_assert_true (sync_wait (snapshot_loaded, client, WAIT_MS));
  assert_store (client, 1, 1, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad_changes); i++)
    {
      fake.changes = bad_changes[i];
      expect_failure (&fake, client, bad_changes[i], TRUE);
      assert_store (client, 1, 1, 0);
    }

  /* An edit, and answers to its push that make no sense. */
  fake.changes = NULL;
  entry = sync_client_add_entry (client, incident, "mine");
  for (guint i = 0; i < G_N_ELEMENTS (bad_pushes); i++)
    {
      fake.push = bad_pushes[i];
      expect_failure (&fake, client, bad_pushes[i], FALSE);
      assert_store (client, 1, 2, 1);
    }

  /* A change without a record between good ones: the page is applied. */
  fake.changes = skipping_changes;
  sitrep_sync_engine_set_server (client->engine, fake.url, "token");
  g_assert_true (sync_wait (skipped_and_at_3, client, WAIT_MS));
  assert_store (client, 3, 3, 1);
  g_assert_cmpuint (sitrep_sync_engine_get_skipped_records (client->engine), ==, 1);

  fake.changes = NULL;
  fake.push = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (skipping_snapshots); i++)
    {
      g_autoptr(SyncClient) fresh = sync_client_new ("bob");

      fake.snapshot = skipping_snapshots[i];
      sync_client_connect (fresh, fake.url, "token");
      g_assert_true (sync_wait (snapshot_loaded, fresh, WAIT_MS));
      assert_store (fresh, 1, 1, 0);
      g_assert_cmpuint (sitrep_sync_engine_get_skipped_records (fresh->engine), ==, 1);
    }

  sync_client_free (g_steal_pointer (&client));
  g_clear_object (&fake.server);
  g_free (fake.url);
}

void add_malformed_tests (void);

void
add_malformed_tests (void)
{
  sitrep_test_add ("/sync/malformed-answers", test_malformed);
}

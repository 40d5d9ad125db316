/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sync.c: the client sync engine against a real sitrep-server
 *
 * Each test runs stores in temporary folders, with an engine each, on the
 * test's main loop, and the server binary on 127.0.0.1; what is checked is
 * what a user would see: the other computer shows the edit, nothing is
 * sent twice or lost, a conflict keeps both texts, the status says why.
 */

#include "config.h"

#include <string.h>

#include "lossy-proxy.h"
#include "test-sync-common.h"

#define WAIT_MS 20000

/* Conditions to wait for */

typedef struct
{
  SyncClient *client;
  const char *coll;
  const char *id;
  const char *text;     /* NULL: deleted or absent */
} HasText;

static gboolean
has_text (gpointer data)
{
  HasText *h = data;
  g_autofree char *text = sync_client_text (h->client, h->coll, h->id);

  return g_strcmp0 (text, h->text) == 0;
}

static void
assert_eventually_text (SyncClient *client,
                        const char *coll,
                        const char *id,
                        const char *text)
{
  HasText h = { client, coll, id, text };

  if (!sync_wait (has_text, &h, WAIT_MS))
    {
      g_autofree char *seen = sync_client_text (client, coll, id);

      sitrep_test_note ("%s/%s: waited for text \"%s\", it is \"%s\"", coll, id,
                        text ? text : "(deleted)", seen ? seen : "(deleted)");
      sync_note_clients (&client, 1);
    }
  g_assert_true (has_text (&h));
}

typedef struct
{
  SyncClient      *client;
  SitrepSyncState  state;
} InState;

static gboolean
in_state (gpointer data)
{
  InState *s = data;

  return sitrep_sync_engine_get_state (s->client->engine) == s->state;
}

static void
assert_eventually_state (SyncClient      *client,
                         SitrepSyncState  state)
{
  InState s = { client, state };

  if (!sync_wait (in_state, &s, WAIT_MS))
    sync_note_clients (&client, 1);
  g_assert_cmpint (sitrep_sync_engine_get_state (client->engine), ==, state);
}

static gboolean
is_read_only (gpointer data)
{
  SyncClient *client = data;

  return sitrep_sync_engine_get_read_only (client->engine);
}

static void
assert_eventually_read_only (SyncClient *client)
{
  if (!sync_wait (is_read_only, client, WAIT_MS))
    sync_note_clients (&client, 1);
  g_assert_true (sitrep_sync_engine_get_read_only (client->engine));
}

static gboolean
nothing_pending (gpointer data)
{
  SyncClient *client = data;

  return sitrep_store_get_pending (client->store) == 0;
}

static void
assert_eventually_sent (SyncClient *client)
{
  if (!sync_wait (nothing_pending, client, WAIT_MS))
    sync_note_clients (&client, 1);
  g_assert_cmpuint (sitrep_store_get_pending (client->store), ==, 0);
}

static gboolean
has_ref (gpointer data)
{
  HasText *h = data;
  g_autoptr(SitrepRecord) record = sitrep_store_get (h->client->store, "incidents", h->id);

  return record != NULL && json_object_has_member (record->body, "ref");
}

static void
assert_ref (SyncClient *client,
            const char *incident_id)
{
  HasText h = { client, "incidents", incident_id, NULL };
  g_autoptr(SitrepRecord) record = NULL;
  const char *ref;

  if (!sync_wait (has_ref, &h, WAIT_MS))
    sync_note_clients (&client, 1);
  record = sitrep_store_get (client->store, "incidents", incident_id);
  g_assert_nonnull (record);
  ref = json_object_get_string_member_with_default (record->body, "ref", NULL);
  g_assert_nonnull (ref);
  g_assert_true (g_regex_match_simple ("^INC-[0-9]{4}-[0-9]{3}$", ref, 0, 0));
}

/* Tests */

static void
test_two_clients (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SyncClient) a = sync_client_new ("alice");
  g_autoptr(SyncClient) b = sync_client_new ("bob");
  g_autofree char *incident = NULL;
  g_autofree char *entry = NULL;

  sync_client_connect (a, server->base_url, server->responder);
  sync_client_connect (b, server->base_url, server->responder2);
  g_assert_cmpint (sitrep_sync_engine_get_state (a->engine), ==, SITREP_SYNC_CONNECTING);
  assert_eventually_state (a, SITREP_SYNC_ONLINE);
  assert_eventually_state (b, SITREP_SYNC_ONLINE);
  g_assert_null (sitrep_sync_engine_get_last_error (a->engine));

  incident = sync_client_create_incident (a, "Checkout is down");
  entry = sync_client_add_entry (a, incident, "Paged the payments team");
  g_assert_cmpuint (sitrep_store_get_pending (a->store), ==, 2);

  assert_eventually_text (b, "timeline", entry, "Paged the payments team");
  g_assert_true (sync_client_saw (b, "timeline", entry));
  assert_eventually_sent (a);

  /* The server numbers incidents; both computers learn the number. */
  assert_ref (a, incident);
  assert_ref (b, incident);

  g_assert_true (sync_wait_settled (server, (SyncClient *[]) { a, b }, 2, WAIT_MS));
  g_assert_cmpint (sitrep_sync_engine_get_last_seq (a->engine), ==,
                   sitrep_test_health_seq (server));
  g_assert_cmpint (sitrep_sync_engine_get_state (b->engine), ==, SITREP_SYNC_ONLINE);
  g_assert_null (sitrep_sync_engine_get_last_error (b->engine));
}

static void
test_offline (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SyncClient) a = sync_client_new ("alice");
  g_autoptr(SyncClient) b = sync_client_new ("bob");
  g_autoptr(JsonArray) changes = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *incident = NULL;
  const char *cid = sitrep_store_get_client_id (a->store);
  gint64 expected_mid = 1;

  sync_client_connect (a, server->base_url, server->responder);
  sync_client_connect (b, server->base_url, server->responder2);
  incident = sync_client_create_incident (a, "Search is slow");
  assert_eventually_sent (a);
  assert_eventually_state (b, SITREP_SYNC_ONLINE);

  sitrep_test_server_stop (server);
  assert_eventually_state (a, SITREP_SYNC_OFFLINE);

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("offline note %u", i);

      g_ptr_array_add (entries, sync_client_add_entry (a, incident, text));
    }

  /* The engine keeps trying (a few times in this while), and says why it
   * cannot. */
  sync_run_for (2000);
  g_assert_cmpuint (sitrep_store_get_pending (a->store), ==, 5);
  g_assert_cmpint (sitrep_sync_engine_get_state (a->engine), ==, SITREP_SYNC_OFFLINE);
  g_assert_nonnull (sitrep_sync_engine_get_last_error (a->engine));

  sitrep_test_server_start (server);
  sitrep_sync_engine_set_server (a->engine, server->base_url, server->responder);
  sitrep_sync_engine_set_server (b->engine, server->base_url, server->responder2);

  for (guint i = 0; i < entries->len; i++)
    {
      g_autofree char *text = g_strdup_printf ("offline note %u", i);

      assert_eventually_text (b, "timeline", entries->pdata[i], text);
    }
  g_assert_true (sync_wait_settled (server, (SyncClient *[]) { a, b }, 2, WAIT_MS));
  g_assert_cmpint (sitrep_sync_engine_get_state (a->engine), ==, SITREP_SYNC_ONLINE);
  g_assert_null (sitrep_sync_engine_get_last_error (a->engine));

  /* Each edit reached the server once, in the order it was made. */
  changes = sitrep_test_all_changes (server, 0);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (change, "client_id", NULL),
                     cid) != 0)
        continue;
      g_assert_cmpint (json_object_get_int_member (change, "mid"), ==, expected_mid);
      expected_mid++;
    }
  g_assert_cmpint (expected_mid - 1, ==, 6);
}

static void
put_with_base (SyncClient *client,
               const char *incident,
               const char *entry,
               gint64      base_version,
               const char *text)
{
  g_autoptr(JsonObject) body = sync_timeline_body (incident, text);
  g_autoptr(SitrepMutation) mutation = sitrep_mutation_new_put ("timeline", entry, body);
  g_autoptr(GError) error = NULL;

  mutation->base_version = base_version;
  sitrep_store_apply (client->store, &mutation, 1, &error);
  g_assert_no_error (error);
}

static const char *
conflict_text (JsonObject *body)
{
  return body != NULL ? json_object_get_string_member_with_default (body, "text", NULL) : NULL;
}

static void
patch_checked (SyncClient *client,
               const char *entry,
               const char *text)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(SitrepMutation) mutation = NULL;
  g_autoptr(GError) error = NULL;

  /* As the app edits an entry's text: checked against the version shown,
   * or chained to an earlier checked edit still waiting. */
  json_object_set_string_member (fields, "text", text);
  mutation = sitrep_mutation_new_patch ("timeline", entry, fields);
  mutation->base_version = sitrep_store_base_version (client->store, "timeline", entry);
  sitrep_store_apply (client->store, &mutation, 1, &error);
  g_assert_no_error (error);
}

/* Bob edits an entry twice while offline (a typo fix after the first
 * edit); Alice changed it meanwhile. Bob gets one conflict holding what he
 * typed last, and taking theirs leaves Alice's text on the server. */
static void
test_chained_conflict (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SyncClient) alice = sync_client_new ("alice");
  g_autoptr(SyncClient) bob = sync_client_new ("bob");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *incident = NULL;
  g_autofree char *entry = NULL;
  SitrepConflict *conflict;
  JsonObject *record;
  gint64 version;

  sync_client_connect (alice, server->base_url, server->responder);
  sync_client_connect (bob, server->base_url, server->responder2);
  incident = sync_client_create_incident (alice, "Logins fail");
  entry = sync_client_add_entry (alice, incident, "First words");
  assert_eventually_text (bob, "timeline", entry, "First words");
  g_assert_true (sync_wait_settled (server, (SyncClient *[]) { alice, bob }, 2, WAIT_MS));
  version = sync_client_version (bob, "timeline", entry);

  sitrep_sync_engine_stop (bob->engine);
  patch_checked (bob, entry, "bob 1");
  patch_checked (bob, entry, "bob 1, typo fixed");
  put_with_base (alice, incident, entry, version, "Alice's important text");
  g_assert_true (sync_wait_settled (server, (SyncClient *[]) { alice }, 1, WAIT_MS));

  sitrep_sync_engine_start (bob->engine);
  g_assert_true (sync_wait_settled (server, (SyncClient *[]) { alice, bob }, 2, WAIT_MS));

  conflicts = sitrep_store_list_conflicts (bob->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = conflicts->pdata[0];
  g_assert_cmpstr (conflict_text (conflict->mine), ==, "bob 1, typo fixed");
  g_assert_cmpstr (conflict_text (conflict->theirs), ==, "Alice's important text");
  g_assert_cmpuint (sitrep_store_get_pending (bob->store), ==, 0);

  /* Take theirs: nothing of Bob's reaches the server. */
  g_assert_true (sitrep_store_resolve_conflict (bob->store, conflict->id, &error));
  g_assert_no_error (error);
  g_assert_true (sync_wait_settled (server, (SyncClient *[]) { alice, bob }, 2, WAIT_MS));
  snapshot = sitrep_test_snapshot (server);
  record = sitrep_test_find_record (snapshot, "timeline", entry);
  g_assert_cmpstr (conflict_text (json_object_get_object_member (record, "body")), ==,
                   "Alice's important text");
  assert_eventually_text (bob, "timeline", entry, "Alice's important text");
}

/* Edits that together are larger than the server takes in one push are
 * sent in several; one edit too large for any push is kept as a rejected
 * edit instead of blocking the others. */
static void
test_large_edits (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SyncClient) a = sync_client_new ("alice");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *incident = NULL;
  g_autofree char *big = g_strnfill (50000, 'x');
  g_autofree char *huge = g_strnfill (60000, 'y');
  g_autofree char *after = NULL;

  sync_client_connect (a, server->base_url, server->responder);
  incident = sync_client_create_incident (a, "Big notes");
  assert_eventually_sent (a);

  sitrep_sync_engine_stop (a->engine);
  for (guint i = 0; i < 6; i++)
    g_free (sync_client_add_entry (a, incident, big));

  /* Five 60 KB fields: valid for the store, over any push the server takes. */
  {
    g_autoptr(JsonObject) body = sync_timeline_body (incident, huge);
    g_autofree char *id = g_uuid_string_random ();
    g_autoptr(SitrepMutation) mutation = NULL;

    for (guint i = 0; i < 4; i++)
      {
        g_autofree char *name = g_strdup_printf ("attachment_%u", i);

        json_object_set_string_member (body, name, huge);
      }
    mutation = sitrep_mutation_new_put ("timeline", id, body);
    sitrep_store_apply (a->store, &mutation, 1, &error);
    g_assert_no_error (error);
  }
  after = sync_client_add_entry (a, incident, "Small note after the big ones");

  sitrep_sync_engine_start (a->engine);
  assert_eventually_sent (a);

  /* Everything but the one that can never fit reached the server… */
  {
    g_autoptr(JsonObject) snapshot = sitrep_test_snapshot (server);

    g_assert_nonnull (sitrep_test_find_record (snapshot, "timeline", after));
  }
  /* …and that one waits, with its text, for the user. */
  conflicts = sitrep_store_list_conflicts (a->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((SitrepConflict *) conflicts->pdata[0])->kind, ==, "rejected");
}

/* Pointed at a server that has never seen this client (another server,
 * or one restored from a backup), the outbox is renumbered and delivered. */
static void
test_new_server (void)
{
  g_autoptr(SitrepTestServer) first = sitrep_test_server_new ();
  g_autoptr(SitrepTestServer) second = sitrep_test_server_new ();
  g_autoptr(SyncClient) a = sync_client_new ("alice");
  g_autofree char *incident = NULL;
  g_autofree char *entry = NULL;

  sync_client_connect (a, first->base_url, first->responder);
  incident = sync_client_create_incident (a, "Moved servers");
  g_free (sync_client_add_entry (a, incident, "On the first server"));
  assert_eventually_sent (a);

  sitrep_sync_engine_stop (a->engine);
  entry = sync_client_add_entry (a, incident, "Written for the second server");
  sync_client_connect (a, second->base_url, second->responder);
  assert_eventually_sent (a);

  {
    g_autoptr(JsonObject) snapshot = sitrep_test_snapshot (second);

    g_assert_nonnull (sitrep_test_find_record (snapshot, "timeline", entry));
  }
}

static void
test_conflict (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SyncClient) a = sync_client_new ("alice");
  g_autoptr(SyncClient) b = sync_client_new ("bob");
  g_autoptr(GPtrArray) conflicts_a = NULL;
  g_autoptr(GPtrArray) conflicts_b = NULL;
  g_autoptr(JsonObject) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *incident = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *winner = NULL;
  SyncClient *loser;
  SitrepConflict *conflict;
  JsonObject *record;
  gint64 version;

  sync_client_connect (a, server->base_url, server->responder);
  sync_client_connect (b, server->base_url, server->responder2);
  incident = sync_client_create_incident (a, "Logins fail");
  entry = sync_client_add_entry (a, incident, "First words");
  assert_eventually_text (b, "timeline", entry, "First words");
  g_assert_true (sync_wait_settled (server, (SyncClient *[]) { a, b }, 2, WAIT_MS));

  version = sync_client_version (a, "timeline", entry);
  g_assert_cmpint (version, >, 0);
  g_assert_cmpint (sync_client_version (b, "timeline", entry), ==, version);

  /* Both edit version V before either hears of the other. */
  put_with_base (a, incident, entry, version, "Alice's wording");
  put_with_base (b, incident, entry, version, "Bob's wording");
  g_assert_true (sync_wait_settled (server, (SyncClient *[]) { a, b }, 2, WAIT_MS));

  conflicts_a = sitrep_store_list_conflicts (a->store, &error);
  g_assert_no_error (error);
  conflicts_b = sitrep_store_list_conflicts (b->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts_a->len + conflicts_b->len, ==, 1);

  loser = conflicts_a->len == 1 ? a : b;
  conflict = (conflicts_a->len == 1 ? conflicts_a : conflicts_b)->pdata[0];
  winner = g_strdup (loser == a ? "Bob's wording" : "Alice's wording");

  g_assert_cmpstr (conflict->kind, ==, "conflict");
  g_assert_cmpstr (conflict->coll, ==, "timeline");
  g_assert_cmpstr (conflict->rec_id, ==, entry);
  g_assert_cmpstr (conflict_text (conflict->mine), ==,
                   loser == a ? "Alice's wording" : "Bob's wording");
  g_assert_cmpstr (conflict_text (conflict->theirs), ==, winner);
  g_assert_cmpint (conflict->theirs_version, >, version);

  /* Both show the server's text; the loser's text is in its conflicts. */
  assert_eventually_text (a, "timeline", entry, winner);
  assert_eventually_text (b, "timeline", entry, winner);
  snapshot = sitrep_test_snapshot (server);
  record = sitrep_test_find_record (snapshot, "timeline", entry);
  g_assert_nonnull (record);
  g_assert_cmpstr (conflict_text (json_object_get_object_member (record, "body")), ==, winner);
  g_assert_cmpint (sync_client_version (a, "timeline", entry), ==,
                   json_object_get_int_member (record, "version"));
  g_assert_cmpint (sync_client_version (b, "timeline", entry), ==,
                   json_object_get_int_member (record, "version"));
}

static gint64
compact (SitrepTestServer *server)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = sitrep_test_run_cli (&out, &err, "compact", "--db", server->db_path, "--keep", "1",
                                NULL);
  if (status != 0)
    sitrep_test_note ("compact: exit %d: %s", status, err);
  g_assert_cmpint (status, ==, 0);
  return g_ascii_strtoll (g_strstrip (out), NULL, 10);
}

static void
test_gone (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SitrepLossyProxy) proxy = sitrep_lossy_proxy_new (server->port, 1);
  g_autoptr(SyncClient) a = sync_client_new ("alice");
  g_autoptr(SyncClient) b = sync_client_new ("bob");
  g_autofree char *incident = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *added = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SitrepReply) reply = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  const char *url = sitrep_lossy_proxy_get_url (proxy);
  gint64 behind;
  gint64 floor;

  /* Through a relay, so the server keeps its address across the restart
   * and only the 410 can send B back to the snapshot. */
  sync_client_connect (a, url, server->responder);
  sync_client_connect (b, url, server->responder2);
  incident = sync_client_create_incident (a, "Disk full");
  kept = sync_client_add_entry (a, incident, "Kept");
  removed = sync_client_add_entry (a, incident, "Removed later");
  assert_eventually_text (b, "timeline", removed, "Removed later");
  g_assert_true (sync_wait_settled (server, (SyncClient *[]) { a, b }, 2, WAIT_MS));

  sitrep_sync_engine_stop (b->engine);
  g_assert_cmpint (sitrep_sync_engine_get_state (b->engine), ==, SITREP_SYNC_OFFLINE);
  behind = sitrep_store_get_last_seq (b->store);

  added = sync_client_add_entry (a, incident, "Added while B was away");
  json_object_set_string_member (fields, "text", "Kept, reworded");
  sitrep_store_patch (a->store, "timeline", kept, fields, &error);
  g_assert_no_error (error);
  sitrep_store_delete (a->store, "timeline", removed, &error);
  g_assert_no_error (error);
  assert_eventually_sent (a);

  sitrep_test_server_stop (server);
  floor = compact (server);
  sitrep_test_server_start (server);
  sitrep_lossy_proxy_set_upstream (proxy, server->port);
  g_assert_cmpint (floor, >, behind);

  path = g_strdup_printf ("/v1/changes?since=%" G_GINT64_FORMAT, behind);
  reply = sitrep_test_get (server, server->admin, path);
  sitrep_assert_error (reply, 410, "gone");

  sitrep_sync_engine_start (b->engine);
  assert_eventually_text (b, "timeline", added, "Added while B was away");
  assert_eventually_text (b, "timeline", kept, "Kept, reworded");
  assert_eventually_text (b, "timeline", removed, NULL);
  g_assert_true (sync_wait_settled (server, (SyncClient *[]) { a, b }, 2, WAIT_MS));
  g_assert_cmpint (sitrep_sync_engine_get_state (b->engine), ==, SITREP_SYNC_ONLINE);

  /* And B follows the feed again afterwards. */
  g_clear_pointer (&added, g_free);
  added = sync_client_add_entry (a, incident, "After the snapshot");
  assert_eventually_text (b, "timeline", added, "After the snapshot");
}

static void
test_viewer (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SyncClient) a = sync_client_new ("alice");
  g_autoptr(SyncClient) b = sync_client_new ("victor");
  g_autofree char *incident = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *theirs = NULL;
  const char *last_error;

  sync_client_connect (a, server->base_url, server->responder);
  sync_client_connect (b, server->base_url, server->viewer);
  incident = sync_client_create_incident (a, "Email delayed");
  assert_eventually_sent (a);
  assert_eventually_state (b, SITREP_SYNC_ONLINE);

  /* The engine asks at once whether the token may edit: a viewer's edit
   * is refused before it enters the outbox. */
  assert_eventually_read_only (b);
  g_assert_cmpint (sitrep_sync_engine_get_state (b->engine), ==, SITREP_SYNC_ONLINE);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) body = sync_timeline_body (incident, "Viewer's note");

    mine = sitrep_test_uuid ();
    g_assert_false (sitrep_store_put (b->store, "timeline", mine, body, &error));
    g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_PERMITTED);
    g_assert_nonnull (strstr (error->message, "view but not edit"));
  }
  g_assert_cmpuint (sitrep_store_get_pending (b->store), ==, 0);

  /* It still reads. */
  theirs = sync_client_add_entry (a, incident, "Responder's note");
  assert_eventually_text (b, "timeline", theirs, "Responder's note");
  g_assert_cmpint (sitrep_sync_engine_get_state (b->engine), ==, SITREP_SYNC_ONLINE);
  last_error = sitrep_sync_engine_get_last_error (b->engine);
  g_assert_null (last_error);

  /* A token that may write takes edits again. */
  sitrep_sync_engine_set_server (b->engine, server->base_url, server->responder2);
  g_assert_false (sitrep_sync_engine_get_read_only (b->engine));
  g_free (mine);
  mine = sync_client_add_entry (b, incident, "Viewer's note");
  assert_eventually_sent (b);
  assert_eventually_text (a, "timeline", mine, "Viewer's note");
  assert_eventually_state (b, SITREP_SYNC_ONLINE);
  g_assert_null (sitrep_sync_engine_get_last_error (b->engine));
  g_assert_false (sitrep_sync_engine_get_read_only (b->engine));
}

static void
test_revoked (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SitrepLossyProxy) proxy = sitrep_lossy_proxy_new (server->port, 1);
  g_autoptr(SyncClient) a = sync_client_new ("alice");
  g_autofree char *incident = NULL;
  const char *url = sitrep_lossy_proxy_get_url (proxy);
  guint requests_before;
  guint requests_after;

  incident = sync_client_create_incident (a, "Revoked");
  sync_client_connect (a, url, server->revoked);
  assert_eventually_state (a, SITREP_SYNC_UNAUTHORIZED);
  g_assert_nonnull (sitrep_sync_engine_get_last_error (a->engine));
  g_assert_cmpuint (sitrep_store_get_pending (a->store), ==, 1);
  g_assert_cmpint (sitrep_store_get_last_seq (a->store), ==, 0);

  /* It stops asking; a new token starts it again. */
  sync_run_for (300);
  sitrep_lossy_proxy_get_counts (proxy, &requests_before, NULL, NULL);
  sync_run_for (1500);
  sitrep_lossy_proxy_get_counts (proxy, &requests_after, NULL, NULL);
  g_assert_cmpuint (requests_after, ==, requests_before);
  g_assert_cmpint (sitrep_sync_engine_get_state (a->engine), ==, SITREP_SYNC_UNAUTHORIZED);

  sitrep_sync_engine_set_server (a->engine, url, server->responder);
  assert_eventually_sent (a);
  assert_ref (a, incident);
  assert_eventually_state (a, SITREP_SYNC_ONLINE);
}

static void
stop_engine (SitrepStore *store,
             const char  *coll,
             const char  *id,
             SyncClient  *client)
{
  if (g_str_equal (coll, "timeline"))
    sitrep_sync_engine_stop (client->engine);
}

/* The app may stop the engine from a handler of the store's signals,
 * which the engine's own store writes emit. */
static void
test_stop_from_handler (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SyncClient) a = sync_client_new ("alice");
  g_autoptr(SyncClient) b = sync_client_new ("bob");
  g_autofree char *incident = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *later = NULL;

  sync_client_connect (a, server->base_url, server->responder);
  sync_client_connect (b, server->base_url, server->responder2);
  incident = sync_client_create_incident (a, "Stop");
  assert_ref (b, incident);
  assert_eventually_state (b, SITREP_SYNC_ONLINE);

  g_signal_connect (b->store, "record-changed", G_CALLBACK (stop_engine), b);
  entry = sync_client_add_entry (a, incident, "Arrives, then B stops");
  assert_eventually_text (b, "timeline", entry, "Arrives, then B stops");
  g_signal_handlers_disconnect_by_func (b->store, stop_engine, b);

  later = sync_client_add_entry (a, incident, "Not heard while stopped");
  assert_eventually_sent (a);
  sync_run_for (1000);
  g_assert_cmpint (sitrep_sync_engine_get_state (b->engine), ==, SITREP_SYNC_OFFLINE);
  assert_eventually_text (b, "timeline", later, NULL);

  sitrep_sync_engine_start (b->engine);
  assert_eventually_text (b, "timeline", later, "Not heard while stopped");
  assert_eventually_state (b, SITREP_SYNC_ONLINE);
}

void add_malformed_tests (void);
void add_changes_tests (void);
void add_pages_tests (void);

static void
test_connection_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GError **error = user_data;

  if (!sitrep_sync_engine_test_connection_finish (SITREP_SYNC_ENGINE (source), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "ok");
}

static gboolean
answered (gpointer data)
{
  GError **error = data;

  return *error != NULL;
}

/* NULL when the connection works, else the error. */
static GError *
try_connection (SyncClient *client,
                const char *url,
                const char *token)
{
  GError *error = NULL;

  sitrep_sync_engine_test_connection_async (client->engine, url, token, NULL,
                                            test_connection_cb, &error);
  g_assert_true (sync_wait (answered, &error, WAIT_MS));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_clear_error (&error);
  return error;
}

static void
test_test_connection (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SyncClient) a = sync_client_new ("alice");
  g_autoptr(GError) error = NULL;
  g_autofree char *slash = g_strconcat (server->base_url, "/", NULL);
  g_autofree char *nowhere = NULL;

  g_assert_no_error (try_connection (a, server->base_url, server->responder));
  g_assert_no_error (try_connection (a, slash, server->viewer));

  error = try_connection (a, server->base_url, server->revoked);
  g_assert_error (error, SITREP_SYNC_ERROR, SITREP_SYNC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  error = try_connection (a, server->base_url, "not-a-token");
  g_assert_error (error, SITREP_SYNC_ERROR, SITREP_SYNC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  error = try_connection (a, "ftp://example.com/", server->responder);
  g_assert_error (error, SITREP_SYNC_ERROR, SITREP_SYNC_ERROR_INVALID_URL);
  g_clear_error (&error);

  /* Nothing listens there any more. */
  nowhere = g_strdup (server->base_url);
  sitrep_test_server_stop (server);
  error = try_connection (a, nowhere, server->responder);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* It was only a test: the store has not been touched. */
  g_assert_cmpint (sitrep_store_get_last_seq (a->store), ==, 0);
  g_assert_cmpint (sitrep_sync_engine_get_state (a->engine), ==, SITREP_SYNC_OFFLINE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  sync_test_init ();

  sitrep_test_add ("/sync/two-clients", test_two_clients);
  sitrep_test_add ("/sync/offline", test_offline);
  sitrep_test_add ("/sync/conflict", test_conflict);
  sitrep_test_add ("/sync/chained-conflict", test_chained_conflict);
  sitrep_test_add ("/sync/large-edits", test_large_edits);
  sitrep_test_add ("/sync/new-server", test_new_server);
  sitrep_test_add ("/sync/gone", test_gone);
  sitrep_test_add ("/sync/viewer", test_viewer);
  sitrep_test_add ("/sync/revoked", test_revoked);
  sitrep_test_add ("/sync/test-connection", test_test_connection);
  sitrep_test_add ("/sync/stop-from-handler", test_stop_from_handler);
  add_malformed_tests ();
  add_changes_tests ();
  add_pages_tests ();

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sync-convergence.c: five editors on a lossy network end up seeing
 * exactly what the server holds
 *
 * Five stores with an engine each edit one incident's timeline and
 * checklist at random (puts, patches, deletes, some compare-and-set), in
 * bursts while the main loop runs. Between each engine and the server sits
 * a relay that loses about one connection in ten, before the request
 * reaches the server or after the server answered. At the end the relays
 * stop losing, every outbox empties, every store reads the feed to the
 * end, and every store's live records must be the server's snapshot, body
 * for body.
 */

#include "config.h"

#include <string.h>

#include "lossy-proxy.h"
#include "test-sync-common.h"

#define N_CLIENTS      5
#define N_MUTATIONS    200
#define N_ENTRIES      30
#define N_ITEMS        8
#define DROP_RATE      0.10
#define SETTLE_MS      60000

typedef struct
{
  SitrepTestServer *server;
  SyncClient       *clients[N_CLIENTS];
  SitrepLossyProxy *proxies[N_CLIENTS];
  char             *incident;
  char             *entries[N_ENTRIES];
  char             *items[N_ITEMS];
  guint             made[N_CLIENTS];
  guint             n_cas;
} World;

static void
apply_one (SyncClient     *client,
           SitrepMutation *mutation)
{
  g_autoptr(GError) error = NULL;

  sitrep_store_apply (client->store, &mutation, 1, &error);
  g_assert_no_error (error);
}

/* Compare-and-set on what this client sees now, some of the time. */
static void
maybe_cas (World          *world,
           SyncClient     *client,
           SitrepMutation *mutation,
           double          share)
{
  g_autoptr(SitrepRecord) record = NULL;

  if (g_test_rand_double () >= share)
    return;
  record = sitrep_store_get (client->store, mutation->coll, mutation->id);
  if (record == NULL || record->version == 0)
    return;
  mutation->base_version = record->version;
  world->n_cas++;
}

static void
random_mutation (World *world,
                 guint  c)
{
  SyncClient *client = world->clients[c];
  const char *entry = world->entries[g_test_rand_int_range (0, N_ENTRIES)];
  const char *item = world->items[g_test_rand_int_range (0, N_ITEMS)];
  g_autoptr(SitrepRecord) current = sitrep_store_get (client->store, "timeline", entry);
  g_autoptr(SitrepRecord) ticked = sitrep_store_get (client->store, "checklist", item);
  g_autoptr(SitrepMutation) mutation = NULL;
  g_autoptr(JsonObject) data = NULL;
  g_autofree char *text = g_strdup_printf ("client %u, edit %u", c, world->made[c]);
  gboolean live = current != NULL && !current->deleted;
  double r = g_test_rand_double ();

  if (r < 0.25 || (!live && r < 0.65) || (ticked == NULL && r >= 0.65))
    {
      data = sync_timeline_body (world->incident, text);
      json_object_set_boolean_member (data, "pinned", g_test_rand_bit ());
      mutation = sitrep_mutation_new_put ("timeline", entry, data);
      maybe_cas (world, client, mutation, 0.3);
    }
  else if (r < 0.50)
    {
      data = json_object_new ();
      json_object_set_string_member (data, "text", text);
      mutation = sitrep_mutation_new_patch ("timeline", entry, data);
      maybe_cas (world, client, mutation, 0.25);
    }
  else if (r < 0.58)
    {
      data = json_object_new ();
      json_object_set_boolean_member (data, "pinned", g_test_rand_bit ());
      mutation = sitrep_mutation_new_patch ("timeline", entry, data);
    }
  else if (r < 0.65)
    {
      mutation = sitrep_mutation_new_delete ("timeline", entry);
      maybe_cas (world, client, mutation, 0.2);
    }
  else
    {
      /* A checklist tick: last writer wins, field by field. */
      gboolean done = g_test_rand_bit ();

      data = json_object_new ();
      json_object_set_boolean_member (data, "done", done);
      if (done)
        {
          g_autofree char *who = g_strdup_printf ("client-%u", c);

          json_object_set_string_member (data, "done_by", who);
          json_object_set_string_member (data, "done_at", "2026-11-27T15:00:00Z");
        }
      else
        {
          json_object_set_null_member (data, "done_by");
          json_object_set_null_member (data, "done_at");
        }
      mutation = sitrep_mutation_new_patch ("checklist", item, data);
    }

  apply_one (client, mutation);
  world->made[c]++;
}

static void
set_up (World *world)
{
  SyncClient *first;

  world->server = sitrep_test_server_new_with_args ("--rate-limit", "0", NULL);
  for (guint c = 0; c < N_CLIENTS; c++)
    {
      g_autofree char *actor = g_strdup_printf ("client-%u", c);

      world->clients[c] = sync_client_new (actor);
      world->proxies[c] = sitrep_lossy_proxy_new (world->server->port, g_test_rand_int ());
      sync_client_connect (world->clients[c], sitrep_lossy_proxy_get_url (world->proxies[c]),
                           c % 2 == 0 ? world->server->responder : world->server->responder2);
    }

  first = world->clients[0];
  world->incident = sync_client_create_incident (first, "Convergence");
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      g_autofree char *text = g_strdup_printf ("entry %u", i);

      world->entries[i] = sync_client_add_entry (first, world->incident, text);
    }
  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autoptr(JsonObject) body = json_object_new ();
      g_autofree char *key = g_strdup_printf ("step-%u", i);
      g_autofree char *text = g_strdup_printf ("Step %u", i);

      world->items[i] = g_strdup_printf ("%s:%s", world->incident, key);
      json_object_set_string_member (body, "incident_id", world->incident);
      json_object_set_string_member (body, "phase", "initial");
      json_object_set_string_member (body, "key", key);
      json_object_set_string_member (body, "text", text);
      json_object_set_int_member (body, "position", i);
      json_object_set_boolean_member (body, "done", FALSE);
      sync_client_put (first, "checklist", world->items[i], body);
    }

  g_assert_true (sync_wait_settled (world->server, world->clients, N_CLIENTS, SETTLE_MS));
}

static void
tear_down (World *world)
{
  for (guint c = 0; c < N_CLIENTS; c++)
    {
      sync_client_free (world->clients[c]);
      sitrep_lossy_proxy_free (world->proxies[c]);
    }
  for (guint i = 0; i < N_ENTRIES; i++)
    g_free (world->entries[i]);
  for (guint i = 0; i < N_ITEMS; i++)
    g_free (world->items[i]);
  g_free (world->incident);
  sitrep_test_server_free (world->server);
}

/* How many of @client's edits the feed holds; each mid at most once, in
 * increasing order. */
static guint
applied_once (JsonArray  *changes,
              SyncClient *client)
{
  const char *cid = sitrep_store_get_client_id (client->store);
  gint64 previous = 0;
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      gint64 mid;

      if (g_strcmp0 (json_object_get_string_member_with_default (change, "client_id", NULL),
                     cid) != 0)
        continue;
      mid = json_object_get_int_member (change, "mid");
      g_assert_cmpint (mid, >, previous);
      previous = mid;
      n++;
    }

  return n;
}

static void
test_lossy (void)
{
  World world = { 0 };
  g_autoptr(JsonObject) snapshot = NULL;
  g_autoptr(JsonArray) changes = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *summary = NULL;
  gint64 start = g_get_monotonic_time ();
  guint total = 0;
  guint drops = 0;
  guint connections = 0;
  guint conflicts = 0;
  guint rejected = 0;
  guint n_expected;

  set_up (&world);
  for (guint c = 0; c < N_CLIENTS; c++)
    sitrep_lossy_proxy_set_drop_rate (world.proxies[c], DROP_RATE);

  /* Bursts of edits from one client at a time, the main loop running in
   * between, so edits, pushes and pulls interleave. */
  while (total < N_CLIENTS * N_MUTATIONS)
    {
      guint c = (guint) g_test_rand_int_range (0, N_CLIENTS);
      guint burst = (guint) g_test_rand_int_range (1, 9);

      for (guint i = 0; i < burst && world.made[c] < N_MUTATIONS; i++, total++)
        random_mutation (&world, c);
      sync_run_for ((guint) g_test_rand_int_range (0, 30));
    }

  for (guint c = 0; c < N_CLIENTS; c++)
    sitrep_lossy_proxy_set_drop_rate (world.proxies[c], 0);
  g_assert_true (sync_wait_settled (world.server, world.clients, N_CLIENTS, SETTLE_MS));

  snapshot = sitrep_test_snapshot (world.server);
  changes = sitrep_test_all_changes (world.server, 0);
  expected = sync_snapshot_digest (snapshot, &n_expected);
  g_assert_cmpuint (n_expected, >, 1);
  for (guint c = 0; c < N_CLIENTS; c++)
    {
      g_autoptr(GPtrArray) refused = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *digest = NULL;
      guint requests, lost_requests, lost_answers;
      guint n_records;

      digest = sync_store_digest (world.clients[c]->store, &n_records);
      if (g_strcmp0 (digest, expected) != 0)
        sitrep_test_note ("client %u holds %u live records, the server %u; set SITREP_TEST_DUMP "
                          "to see them", c, n_records, n_expected);
      g_assert_cmpstr (digest, ==, expected);

      refused = sitrep_store_list_conflicts (world.clients[c]->store, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < refused->len; i++)
        {
          SitrepConflict *conflict = refused->pdata[i];

          if (g_str_equal (conflict->kind, "conflict"))
            conflicts++;
          else
            rejected++;
        }

      /* Nothing lost, nothing twice: every edit was applied once (it is
       * in the feed under its mid) or refused (it is in the conflicts). */
      g_assert_cmpuint (applied_once (changes, world.clients[c]) + refused->len, ==,
                        world.made[c] + (c == 0 ? 1 + N_ENTRIES + N_ITEMS : 0));

      sitrep_lossy_proxy_get_counts (world.proxies[c], &requests, &lost_requests, &lost_answers);
      connections += requests;
      drops += lost_requests + lost_answers;
    }

  summary = g_strdup_printf ("%u mutations (%u compare-and-set), %u requests, %u dropped, "
                             "%u conflicts, %u rejected, %u live records, server seq %"
                             G_GINT64_FORMAT ", %.1f s",
                             total, world.n_cas, connections, drops, conflicts, rejected,
                             n_expected, json_object_get_int_member (snapshot, "seq"),
                             (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  /* The test runs in a subprocess whose stdout is not shown: stderr too. */
  g_test_message ("%s", summary);
  sitrep_test_note ("%s", summary);
  /* The network really was lossy, and compare-and-set really collided. */
  g_assert_cmpuint (drops, >, 0);
  g_assert_cmpuint (conflicts, >, 0);

  tear_down (&world);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  sync_test_init ();

  sitrep_test_add ("/sync/convergence/lossy", test_lossy);

  return g_test_run ();
}

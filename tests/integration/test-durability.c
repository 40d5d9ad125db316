/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-durability.c: an acknowledged push survives kill -9 of the server
 *
 * Three clients, each on its own thread and session, push batches of 20
 * timeline entries as fast as the server answers and note every 200 they
 * get. The server is killed with SIGKILL at a random moment and restarted
 * on the same database. Then: every acknowledged mutation is there with the
 * seq it was given, the change feed is 1..N without a gap, retrying a
 * client's last acknowledged push returns the stored answer, and the push
 * that was in flight, retried, lands exactly once. Three rounds.
 */

#include "config.h"

#include <string.h>

#include "protocol-common.h"

#define N_CLIENTS 3
#define BATCH 20
#define N_ROUNDS 3

typedef struct
{
  SitrepTestServer *server;
  const char       *token;
  const char       *incident;
  char             *cid;
  gint64            next_mid;        /* first mid of the next batch */
  GPtrArray        *ids;             /* record id of mid i + 1 */
  GArray           *seqs;            /* acknowledged seq of mid i + 1, 0 if none */
  char             *last_acked;      /* the last push answered with 200 */
  JsonNode         *last_results;
  char             *unacked;         /* the push that got no answer */
  gint64            unacked_first;
  gint              n_acked;         /* pushes answered in this round */
  gint              stop;
  gint              done;            /* the thread has ended */
  const gint       *killed;
  char             *unexpected;      /* a wrong answer before the kill */
} Client;

static char *
make_batch (Client *client)
{
  g_autoptr(GPtrArray) m = g_ptr_array_new_with_free_func (g_free);

  for (gint64 mid = client->next_mid; mid < client->next_mid + BATCH; mid++)
    {
      g_autofree char *text = g_strdup_printf ("%s/%" G_GINT64_FORMAT, client->cid, mid);

      g_assert_cmpuint (client->ids->len, ==, mid - 1);
      g_ptr_array_add (client->ids, sitrep_test_uuid ());
      g_array_append_vals (client->seqs, &(gint64) { 0 }, 1);
      g_ptr_array_add (m, mut_put (mid, "timeline", g_ptr_array_index (client->ids, mid - 1),
                                   timeline_body (client->incident, text)));
    }
  return push_jsonv (client->cid, m);
}

/* Notes the answer to a push of mids @first..@first+BATCH-1; FALSE with
 * a reason in @why if it is not 20 applied results. */
static gboolean
record_results (Client      *client,
                gint64       first,
                SitrepReply *reply,
                char       **why)
{
  JsonObject *obj = reply->json != NULL && JSON_NODE_HOLDS_OBJECT (reply->json)
                    ? json_node_get_object (reply->json) : NULL;
  JsonArray *results = obj != NULL ? json_object_get_array_member (obj, "results") : NULL;

  if (results == NULL || json_array_get_length (results) != BATCH)
    {
      *why = g_strdup_printf ("%s: no 20 results", reply->what);
      return FALSE;
    }
  for (guint i = 0; i < BATCH; i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      gint64 seq = json_object_get_int_member_with_default (result, "seq", 0);

      if (g_strcmp0 (json_object_get_string_member_with_default (result, "status", NULL),
                     "applied") != 0 ||
          json_object_get_int_member_with_default (result, "mid", 0) != first + i ||
          json_object_get_int_member_with_default (result, "version", -1) != seq ||
          seq <= 0)
        {
          g_autofree char *text = sitrep_test_node_to_string (reply->json);

          *why = g_strdup_printf ("mid %" G_GINT64_FORMAT ": %s", first + i, text);
          return FALSE;
        }
      g_array_index (client->seqs, gint64, first + i - 1) = seq;
    }
  return TRUE;
}

static gpointer
client_thread (gpointer data)
{
  Client *client = data;
  g_autoptr(SoupSession) session = sitrep_test_session_new ();

  while (!g_atomic_int_get (&client->stop))
    {
      g_autofree char *json = make_batch (client);
      g_autoptr(SitrepReply) reply = sitrep_test_request (client->server, session, "POST",
                                                          "/v1/push", client->token,
                                                          "application/json", json, -1);
      char *why = NULL;

      if (reply->status != 200)
        {
          if (reply->status != 0 && !g_atomic_int_get (client->killed))
            client->unexpected = g_strdup_printf ("%s -> %u", reply->what, reply->status);
          client->unacked = g_steal_pointer (&json);
          client->unacked_first = client->next_mid;
          break;
        }
      if (!record_results (client, client->next_mid, reply, &why))
        {
          /* A 200 whose body was cut by the kill was never acknowledged. */
          if (g_atomic_int_get (client->killed))
            {
              g_free (why);
              client->unacked = g_steal_pointer (&json);
              client->unacked_first = client->next_mid;
              break;
            }
          client->unexpected = why;
          break;
        }
      g_free (client->last_acked);
      client->last_acked = g_steal_pointer (&json);
      g_clear_pointer (&client->last_results, json_node_unref);
      client->last_results = json_node_copy (json_object_get_member (
                                               json_node_get_object (reply->json), "results"));
      client->next_mid += BATCH;
      g_atomic_int_inc (&client->n_acked);
    }
  g_atomic_int_set (&client->done, 1);
  return NULL;
}

/* The invariants after a restart. */
static void
verify (SitrepTestServer *server,
        Client           *clients,
        gboolean          all_acked)
{
  g_autoptr(JsonArray) changes = sitrep_test_all_changes (server, 0);
  g_autoptr(JsonObject) snapshot = sitrep_test_snapshot (server);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) records = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *all = json_object_get_array_member (snapshot, "records");
  guint n = json_array_get_length (changes);
  guint expected_records = 0;

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *record = json_array_get_object_element (all, i);

      if (g_strcmp0 (json_object_get_string_member (record, "coll"), "timeline") == 0)
        g_hash_table_insert (records, (gpointer) json_object_get_string_member (record, "id"),
                             record);
    }

  /* Gap-free, in order, one change per (client_id, mid). */
  for (guint i = 0; i < n; i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      char *key = g_strdup_printf ("%s/%" G_GINT64_FORMAT,
                                   json_object_get_string_member (change, "client_id"),
                                   json_object_get_int_member (change, "mid"));

      if (json_object_get_int_member (change, "seq") != i + 1)
        sitrep_test_note ("change %u has seq %" G_GINT64_FORMAT, i,
                          json_object_get_int_member (change, "seq"));
      g_assert_cmpint (json_object_get_int_member (change, "seq"), ==, i + 1);
      if (g_hash_table_contains (seen, key))
        sitrep_test_note ("(client_id, mid) %s applied twice", key);
      g_assert_false (g_hash_table_contains (seen, key));
      g_hash_table_add (seen, key);
    }
  g_assert_cmpint (sitrep_test_health_seq (server), ==, n);
  g_assert_cmpint (json_object_get_int_member (snapshot, "seq"), ==, n);

  /* Every acknowledged mutation with its seq. */
  for (guint c = 0; c < N_CLIENTS; c++)
    {
      Client *client = &clients[c];

      for (guint i = 0; i < client->seqs->len; i++)
        {
          gint64 seq = g_array_index (client->seqs, gint64, i);
          const char *id = g_ptr_array_index (client->ids, i);
          JsonObject *change;
          JsonObject *record;

          if (seq == 0)
            {
              g_assert_false (all_acked);
              continue;
            }
          expected_records++;
          g_assert_cmpint (seq, <=, n);
          change = json_array_get_object_element (changes, seq - 1);
          g_assert_cmpstr (json_object_get_string_member (change, "id"), ==, id);
          g_assert_cmpstr (json_object_get_string_member (change, "client_id"), ==, client->cid);
          g_assert_cmpint (json_object_get_int_member (change, "mid"), ==, i + 1);
          record = g_hash_table_lookup (records, id);
          if (record == NULL)
            sitrep_test_note ("acknowledged mid %u of %s (seq %" G_GINT64_FORMAT ") is lost",
                              i + 1, client->cid, seq);
          g_assert_nonnull (record);
          g_assert_cmpint (json_object_get_int_member (record, "version"), ==, seq);
        }
    }
  if (all_acked)
    g_assert_cmpuint (count_records (snapshot, "timeline", NULL), ==, expected_records);
}

static void
retry_pushes (SitrepTestServer *server,
              Client           *clients)
{
  for (guint c = 0; c < N_CLIENTS; c++)
    {
      Client *client = &clients[c];

      /* The last acknowledged push: the stored answer, nothing new. */
      if (client->last_acked != NULL)
        {
          gint64 seq = sitrep_test_health_seq (server);
          g_autoptr(JsonArray) results = push_results (server, client->token,
                                                       client->last_acked, -1);
          g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), results);

          g_assert_true (json_equal_strings (client->last_results, node));
          g_assert_cmpint (sitrep_test_health_seq (server), ==, seq);
        }

      /* The push in flight at the kill: applied exactly once. */
      if (client->unacked != NULL)
        {
          g_autoptr(SitrepReply) reply = sitrep_test_push (server, client->token,
                                                           client->unacked);
          g_autoptr(JsonArray) again = NULL;
          g_autoptr(JsonNode) first = NULL;
          char *why = NULL;

          sitrep_assert_status (reply, 200);
          if (!record_results (client, client->unacked_first, reply, &why))
            sitrep_test_note ("%s", why);
          g_assert_null (why);
          again = push_results (server, client->token, client->unacked, -1);
          first = json_node_copy (json_object_get_member (sitrep_reply_object (reply), "results"));
          {
            g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), again);

            g_assert_true (json_equal_strings (first, node));
          }
          g_free (client->last_acked);
          client->last_acked = g_steal_pointer (&client->unacked);
          g_clear_pointer (&client->last_results, json_node_unref);
          client->last_results = g_steal_pointer (&first);
          client->next_mid = client->unacked_first + BATCH;
        }
    }
}

static void
test_kill_during_storm (void)
{
  /* Flat out: no rate limit in the way (the default is for people). */
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new_with_args ("--rate-limit",
                                                                         "1000000", NULL);
  g_autofree char *setup_cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *setup = push_json (setup_cid, mut_put (1, "incidents", inc,
                                                          incident_body ("Storm", "P1")), NULL);
  g_autoptr(JsonArray) created = push_results (server, server->admin, setup, 1);
  Client clients[N_CLIENTS] = { 0 };
  const char *tokens[N_CLIENTS] = { server->responder, server->responder2, server->admin };
  gint killed = 0;

  assert_applied (result_at (created, 0), 1);
  for (guint c = 0; c < N_CLIENTS; c++)
    {
      clients[c].server = server;
      clients[c].token = tokens[c];
      clients[c].incident = inc;
      clients[c].cid = sitrep_test_uuid ();
      clients[c].next_mid = 1;
      clients[c].ids = g_ptr_array_new_with_free_func (g_free);
      clients[c].seqs = g_array_new (FALSE, TRUE, sizeof (gint64));
      clients[c].killed = &killed;
    }

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      GThread *threads[N_CLIENTS];
      gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
      guint delay_ms = (guint) g_test_rand_int_range (0, 500);
      guint total = 0;

      g_atomic_int_set (&killed, 0);
      for (guint c = 0; c < N_CLIENTS; c++)
        {
          g_atomic_int_set (&clients[c].stop, 0);
          g_atomic_int_set (&clients[c].n_acked, 0);
          g_atomic_int_set (&clients[c].done, 0);
          threads[c] = g_thread_new ("client", client_thread, &clients[c]);
        }

      /* Every client is under way, then a random moment. */
      for (guint c = 0; c < N_CLIENTS; c++)
        while (g_atomic_int_get (&clients[c].n_acked) < 1 && !g_atomic_int_get (&clients[c].done))
          {
            g_assert_cmpint (g_get_monotonic_time (), <, deadline);
            g_usleep (2000);
          }
      g_usleep (delay_ms * 1000);
      g_atomic_int_set (&killed, 1);
      sitrep_test_server_kill (server);

      for (guint c = 0; c < N_CLIENTS; c++)
        {
          g_atomic_int_set (&clients[c].stop, 1);
          g_thread_join (threads[c]);
          if (clients[c].unexpected != NULL)
            sitrep_test_note ("client %u: %s", c, clients[c].unexpected);
          g_assert_null (clients[c].unexpected);
          total += (guint) g_atomic_int_get (&clients[c].n_acked);
        }
      sitrep_test_note ("round %u: killed %u ms after every client was under way, "
                        "%u pushes acknowledged",
                        round, delay_ms, total);

      sitrep_test_server_start (server);
      verify (server, clients, FALSE);
      retry_pushes (server, clients);
      verify (server, clients, TRUE);
    }

  for (guint c = 0; c < N_CLIENTS; c++)
    {
      g_free (clients[c].cid);
      g_ptr_array_unref (clients[c].ids);
      g_array_unref (clients[c].seqs);
      g_free (clients[c].last_acked);
      g_clear_pointer (&clients[c].last_results, json_node_unref);
      g_free (clients[c].unacked);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  sitrep_test_add ("/integration/durability/kill-during-storm", test_kill_during_storm);

  return g_test_run ();
}

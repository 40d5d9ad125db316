/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-postgres-processes.c: three sitrep-server processes on one PostgreSQL
 *
 * The servers share one database of a private PostgreSQL (pg-fixture.h).
 * Four clients, each on a thread and a session of its own, push batches
 * through different processes at once: a new incident (whose ref the
 * server numbers) and timeline entries each time. A client that gets no
 * answer, or a 503, sends the same push again, to another process if its
 * own is gone, as the app does. Then every process must serve the same
 * feed, 1..N without a gap, holding every acknowledged mutation exactly
 * once with the seq it was acknowledged with, and refs unique.
 *
 * Nothing here waits for a time: the main thread waits on what the
 * clients report (acknowledgements, 503s), on a long-poll's answer, or on
 * the servers' own lines.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "held-request.h"
#include "pg-fixture.h"
#include "protocol-common.h"

#define N_SERVERS 3
#define N_CLIENTS 4
#define BATCH 8
#define WAIT_US (60 * G_USEC_PER_SEC)

typedef struct _Storm Storm;

typedef struct
{
  Storm       *storm;
  guint        index;
  guint        server;        /* the process it pushes through */
  const char  *token;
  char        *cid;
  char        *incident;      /* of its timeline entries */
  gint64       next_mid;
  GPtrArray   *ids;           /* record id of mid i + 1 */
  GArray      *seqs;          /* acknowledged seq of mid i + 1 */
  guint        n_503;
  guint        n_503_without_retry_after;
  guint        n_transport_errors;
  char        *unexpected;
} Client;

struct _Storm
{
  SitrepTestServer *servers[N_SERVERS];
  gboolean          dead[N_SERVERS];
  Client            clients[N_CLIENTS];
  GThread          *threads[N_CLIENTS];
  GMutex            lock;
  GCond             cond;
  guint             acked;       /* pushes acknowledged, all clients */
  guint             unavailable; /* 503 answers, all clients */
  gboolean          stop;
  gboolean          expect_errors; /* a process or the database is going away */
};

static Storm *
storm_new (void)
{
  Storm *storm = g_new0 (Storm, 1);

  /* Flat out: no rate limit in the way (the default is for people). */
  storm->servers[0] = sitrep_test_server_new_with_args ("--rate-limit", "0", NULL);
  for (guint s = 1; s < N_SERVERS; s++)
    storm->servers[s] = sitrep_test_server_new_sharing (storm->servers[0]);
  g_mutex_init (&storm->lock);
  g_cond_init (&storm->cond);
  return storm;
}

static void
storm_free (Storm *storm)
{
  for (guint c = 0; c < N_CLIENTS; c++)
    {
      Client *client = &storm->clients[c];

      g_free (client->cid);
      g_free (client->incident);
      g_clear_pointer (&client->ids, g_ptr_array_unref);
      g_clear_pointer (&client->seqs, g_array_unref);
      g_free (client->unexpected);
    }
  /* The first holds the database: the others go before it. */
  for (guint s = N_SERVERS; s-- > 0;)
    sitrep_test_server_free (storm->servers[s]);
  g_mutex_clear (&storm->lock);
  g_cond_clear (&storm->cond);
  g_free (storm);
}

static char *
make_batch (Client *client)
{
  g_autoptr(GPtrArray) m = g_ptr_array_new_with_free_func (g_free);
  gint64 first = client->next_mid;

  for (gint64 mid = first; mid < first + BATCH; mid++)
    {
      g_autofree char *text = g_strdup_printf ("%s/%" G_GINT64_FORMAT, client->cid, mid);
      g_autofree char *body = NULL;
      char *id = sitrep_test_uuid ();

      g_assert_cmpuint (client->ids->len, ==, mid - 1);
      g_ptr_array_add (client->ids, id);
      g_array_append_vals (client->seqs, &(gint64) { 0 }, 1);

      if (mid == first)
        {
          body = incident_body (text, "P2");
          g_ptr_array_add (m, mut_put (mid, "incidents", id, body));
          if (client->incident == NULL)
            client->incident = g_strdup (id);
        }
      else
        {
          body = timeline_body (client->incident, text);
          g_ptr_array_add (m, mut_put (mid, "timeline", id, body));
        }
    }
  return push_jsonv (client->cid, m);
}

/* Notes the seqs of a 200; FALSE with @why if it is not BATCH applied. */
static gboolean
record_results (Client      *client,
                SitrepReply *reply,
                char       **why)
{
  JsonObject *obj = reply->json != NULL && JSON_NODE_HOLDS_OBJECT (reply->json)
                    ? json_node_get_object (reply->json) : NULL;
  JsonArray *results = obj != NULL ? json_object_get_array_member (obj, "results") : NULL;

  if (results == NULL || json_array_get_length (results) != BATCH)
    {
      *why = g_strdup_printf ("%s: not %d results", reply->what, BATCH);
      return FALSE;
    }
  for (guint i = 0; i < BATCH; i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      gint64 seq = json_object_get_int_member_with_default (result, "seq", 0);

      if (g_strcmp0 (json_object_get_string_member_with_default (result, "status", NULL),
                     "applied") != 0 || seq <= 0
          || json_object_get_int_member_with_default (result, "mid", 0) != client->next_mid + i)
        {
          g_autofree char *text = sitrep_test_node_to_string (reply->json);

          *why = g_strdup_printf ("mid %" G_GINT64_FORMAT ": %s", client->next_mid + i, text);
          return FALSE;
        }
      g_array_index (client->seqs, gint64, client->next_mid + i - 1) = seq;
    }
  return TRUE;
}

static guint
next_alive (Storm *storm,
            guint  from)
{
  for (guint k = 1; k <= N_SERVERS; k++)
    {
      guint s = (from + k) % N_SERVERS;

      if (!storm->dead[s])
        return s;
    }
  g_assert_not_reached ();
}

/* A client's backoff after a 503 or a dead process: a wait the stop of
 * the storm ends early, as the app's backoff would be. */
static void
backoff (Storm *storm)
{
  gint64 until = g_get_monotonic_time () + 20 * G_TIME_SPAN_MILLISECOND;

  g_mutex_lock (&storm->lock);
  while (!storm->stop && g_get_monotonic_time () < until)
    g_cond_wait_until (&storm->cond, &storm->lock, until);
  g_mutex_unlock (&storm->lock);
}

static gpointer
client_thread (gpointer data)
{
  Client *client = data;
  Storm *storm = client->storm;
  g_autoptr(SoupSession) session = sitrep_test_session_new ();
  g_autofree char *json = NULL;

  for (;;)
    {
      g_autoptr(SitrepReply) reply = NULL;
      gboolean stop;
      char *why = NULL;

      g_mutex_lock (&storm->lock);
      stop = storm->stop;
      g_mutex_unlock (&storm->lock);
      /* A push sent is pushed until acknowledged, so that at the end the
       * database holds exactly what was acknowledged. */
      if (json == NULL && stop)
        break;
      if (json == NULL)
        json = make_batch (client);

      g_mutex_lock (&storm->lock);
      if (storm->dead[client->server])
        client->server = next_alive (storm, client->server);
      g_mutex_unlock (&storm->lock);

      reply = sitrep_test_request (storm->servers[client->server], session, "POST", "/v1/push",
                                   client->token, "application/json", json, -1);
      if (reply->status == 200 && record_results (client, reply, &why))
        {
          client->next_mid += BATCH;
          g_clear_pointer (&json, g_free);
          g_mutex_lock (&storm->lock);
          storm->acked++;
          g_cond_broadcast (&storm->cond);
          g_mutex_unlock (&storm->lock);
          continue;
        }

      g_mutex_lock (&storm->lock);
      if (reply->status == 503)
        {
          client->n_503++;
          if (reply->headers == NULL
              || soup_message_headers_get_one (reply->headers, "Retry-After") == NULL)
            client->n_503_without_retry_after++;
          storm->unavailable++;
          g_cond_broadcast (&storm->cond);
        }
      else if (reply->status == 0 || why != NULL)
        {
          /* No answer, or a 200 cut short: only while a process dies. */
          client->n_transport_errors++;
          if (!storm->expect_errors && client->unexpected == NULL)
            client->unexpected = why != NULL ? g_strdup (why)
                                             : g_strdup_printf ("%s -> %s", reply->what,
                                                                reply->error->message);
        }
      else if (client->unexpected == NULL)
        client->unexpected = g_strdup_printf ("%s -> %u", reply->what, reply->status);
      g_mutex_unlock (&storm->lock);
      g_free (why);
      backoff (storm);
    }
  return NULL;
}

static void
storm_start (Storm *storm)
{
  const char *tokens[] = {
    storm->servers[0]->responder, storm->servers[0]->responder2,
    storm->servers[0]->admin, storm->servers[0]->responder,
  };

  for (guint c = 0; c < N_CLIENTS; c++)
    {
      Client *client = &storm->clients[c];

      client->storm = storm;
      client->index = c;
      client->server = c % N_SERVERS;
      client->token = tokens[c];
      client->cid = sitrep_test_uuid ();
      client->next_mid = 1;
      client->ids = g_ptr_array_new_with_free_func (g_free);
      client->seqs = g_array_new (FALSE, TRUE, sizeof (gint64));
      storm->threads[c] = g_thread_new ("client", client_thread, client);
    }
}

/* Waits until @field of the storm (acked, unavailable) reaches @n. */
static void
storm_wait (Storm       *storm,
            const guint *field,
            guint        n,
            const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;

  g_mutex_lock (&storm->lock);
  while (*field < n)
    if (!g_cond_wait_until (&storm->cond, &storm->lock, deadline))
      g_error ("the clients did not reach %u %s within a minute (%u)", n, what, *field);
  g_mutex_unlock (&storm->lock);
}

static void
storm_stop (Storm *storm)
{
  g_mutex_lock (&storm->lock);
  storm->stop = TRUE;
  g_cond_broadcast (&storm->cond);
  g_mutex_unlock (&storm->lock);

  for (guint c = 0; c < N_CLIENTS; c++)
    {
      Client *client = &storm->clients[c];

      g_thread_join (storm->threads[c]);
      if (client->unexpected != NULL)
        sitrep_test_note ("client %u: %s", c, client->unexpected);
      g_assert_null (client->unexpected);
    }
}

static GHashTable *
records_of (JsonObject *snapshot)
{
  GHashTable *records = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *all = json_object_get_array_member (snapshot, "records");

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *record = json_array_get_object_element (all, i);

      g_hash_table_insert (records, (gpointer) json_object_get_string_member (record, "id"),
                           record);
    }
  return records;
}

/* The same gap-free feed from every live process, exactly what was
 * acknowledged, and every ref once. */
static void
storm_verify (Storm *storm)
{
  g_autoptr(JsonArray) changes = NULL;
  g_autoptr(JsonObject) snapshot = NULL;
  g_autoptr(GHashTable) records = NULL;
  g_autoptr(GHashTable) refs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *feed = NULL;
  g_autoptr(JsonNode) feed_node = NULL;
  guint n, acked_mutations = 0, incidents = 0;
  guint first = next_alive (storm, N_SERVERS - 1);

  changes = sitrep_test_all_changes (storm->servers[first], 0);
  n = json_array_get_length (changes);
  feed_node = json_node_init_array (json_node_alloc (), changes);
  feed = json_to_string (feed_node, FALSE);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (json_object_get_int_member (change, "seq") != i + 1)
        sitrep_test_note ("change %u has seq %" G_GINT64_FORMAT, i,
                          json_object_get_int_member (change, "seq"));
      g_assert_cmpint (json_object_get_int_member (change, "seq"), ==, i + 1);
    }

  for (guint s = 0; s < N_SERVERS; s++)
    {
      g_autoptr(JsonArray) other = NULL;
      g_autoptr(JsonNode) other_node = NULL;
      g_autofree char *other_feed = NULL;

      if (storm->dead[s])
        continue;
      other = sitrep_test_all_changes (storm->servers[s], 0);
      other_node = json_node_init_array (json_node_alloc (), other);
      other_feed = json_to_string (other_node, FALSE);
      if (g_strcmp0 (feed, other_feed) != 0)
        sitrep_test_note ("process %u serves another feed (%u changes, not %u)", s,
                          json_array_get_length (other), n);
      g_assert_cmpstr (feed, ==, other_feed);
      g_assert_cmpint (sitrep_test_health_seq (storm->servers[s]), ==, n);
    }

  snapshot = sitrep_test_snapshot (storm->servers[first]);
  records = records_of (snapshot);
  g_assert_cmpint (json_object_get_int_member (snapshot, "seq"), ==, n);

  for (guint c = 0; c < N_CLIENTS; c++)
    {
      Client *client = &storm->clients[c];

      for (guint i = 0; i < client->seqs->len; i++)
        {
          gint64 seq = g_array_index (client->seqs, gint64, i);
          const char *id = g_ptr_array_index (client->ids, i);
          JsonObject *change, *record;

          /* Every push was retried until acknowledged. */
          g_assert_cmpint (seq, >, 0);
          g_assert_cmpint (seq, <=, n);
          acked_mutations++;
          change = json_array_get_object_element (changes, seq - 1);
          g_assert_cmpstr (json_object_get_string_member (change, "id"), ==, id);
          g_assert_cmpstr (json_object_get_string_member (change, "client_id"), ==, client->cid);
          g_assert_cmpint (json_object_get_int_member (change, "mid"), ==, i + 1);
          record = g_hash_table_lookup (records, id);
          if (record == NULL)
            sitrep_test_note ("acknowledged mid %u of client %u (seq %" G_GINT64_FORMAT
                              ") is missing", i + 1, c, seq);
          g_assert_nonnull (record);
          g_assert_cmpint (json_object_get_int_member (record, "version"), ==, seq);

          if (g_strcmp0 (json_object_get_string_member (record, "coll"), "incidents") == 0)
            {
              JsonObject *body = json_object_get_object_member (record, "body");
              const char *ref = json_object_get_string_member_with_default (body, "ref", NULL);

              g_assert_nonnull (ref);
              if (g_hash_table_contains (refs, ref))
                sitrep_test_note ("ref %s given twice", ref);
              g_assert_false (g_hash_table_contains (refs, ref));
              g_hash_table_add (refs, (gpointer) ref);
              incidents++;
            }
        }
    }

  /* Nothing else: no mutation applied twice by a retry to another process. */
  g_assert_cmpuint (n, ==, acked_mutations);
  /* Refs numbered from 001 without a hole: INC-2026-001 … */
  for (guint i = 1; i <= incidents; i++)
    {
      g_autofree char *ref = g_strdup_printf ("INC-2026-%03u", i);

      g_assert_true (g_hash_table_contains (refs, ref));
    }
  sitrep_test_note ("%u changes, %u incidents, identical from every live process", n, incidents);
}

static void
test_storm (void)
{
  Storm *storm = storm_new ();

  storm_start (storm);
  storm_wait (storm, &storm->acked, 60, "acknowledged pushes");
  storm_stop (storm);
  storm_verify (storm);
  storm_free (storm);
}

/* A watcher long-polling process B hears a push to process A within one
 * round trip, not when its wait runs out. */
static void
test_watcher_hears_other_process (void)
{
  g_autoptr(SitrepTestServer) a = sitrep_test_server_new ();
  g_autoptr(SitrepTestServer) b = sitrep_test_server_new_sharing (a);
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *push = push_json (cid, mut_put (1, "incidents", inc,
                                                   incident_body ("Heard", "P1")), NULL);
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(SitrepReply) reply = NULL;
  SitrepHeldRequest *held;
  JsonArray *changes;
  gint64 pushed_at, answered_at;

  held = sitrep_held_request_start (b, "/v1/changes?since=0&wait=30", b->viewer);
  g_assert_false (sitrep_held_request_answered (held));

  pushed_at = g_get_monotonic_time ();
  results = push_results (a, a->responder, push, 1);
  assert_applied (result_at (results, 0), 1);

  reply = sitrep_held_request_finish (held, &answered_at);
  sitrep_assert_status (reply, 200);
  changes = json_object_get_array_member (sitrep_reply_object (reply), "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 0),
                                                  "id"), ==, inc);
  sitrep_test_note ("heard on B %.1f ms after the push to A returned",
                    (answered_at - pushed_at) / 1000.0);
  /* Far from the 30 s wait: woken by the commit. */
  g_assert_cmpint (answered_at - pushed_at, <, 5 * G_USEC_PER_SEC);
}

/* A token revoked through the command line is refused by every process. */
static void
test_revoked_everywhere (void)
{
  g_autoptr(SitrepTestServer) a = sitrep_test_server_new ();
  g_autoptr(SitrepTestServer) b = sitrep_test_server_new_sharing (a);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  SitrepTestServer *servers[] = { a, b };

  for (guint s = 0; s < G_N_ELEMENTS (servers); s++)
    {
      g_autoptr(SitrepReply) reply = sitrep_test_get (servers[s], a->responder2,
                                                      "/v1/changes?since=0");

      sitrep_assert_status (reply, 200);
    }

  g_assert_cmpint (sitrep_test_run_cli (&out, &err, "token", "revoke", "--db", a->db_path,
                                        "--name", "responder2", NULL), ==, 0);

  for (guint s = 0; s < G_N_ELEMENTS (servers); s++)
    {
      g_autoptr(SitrepReply) reply = sitrep_test_get (servers[s], a->responder2,
                                                      "/v1/changes?since=0");

      sitrep_assert_error (reply, 401, "unauthorized");
    }
}

/* kill -9 of one process in the storm: the others go on serving, and
 * what it acknowledged is there. */
static void
test_kill_one_process (void)
{
  Storm *storm = storm_new ();

  storm_start (storm);
  storm_wait (storm, &storm->acked, 20, "acknowledged pushes");

  g_mutex_lock (&storm->lock);
  storm->expect_errors = TRUE;
  storm->dead[2] = TRUE;
  g_mutex_unlock (&storm->lock);
  sitrep_test_server_kill (storm->servers[2]);

  /* The clients of the dead one move over; all go on being answered. */
  {
    guint acked;

    g_mutex_lock (&storm->lock);
    acked = storm->acked;
    g_mutex_unlock (&storm->lock);
    storm_wait (storm, &storm->acked, acked + 40, "acknowledged pushes after the kill");
  }
  storm_stop (storm);
  storm_verify (storm);
  storm_free (storm);
}

/* PostgreSQL stopped under load: 503 with Retry-After meanwhile, never a
 * crash; started again, the same processes serve again by themselves. */
static void
test_database_restart (void)
{
  Storm *storm = storm_new ();
  SitrepTestPg *pg = sitrep_test_pg_shared ();
  guint acked, unavailable;

  storm_start (storm);
  storm_wait (storm, &storm->acked, 20, "acknowledged pushes");

  g_mutex_lock (&storm->lock);
  unavailable = storm->unavailable;
  g_mutex_unlock (&storm->lock);
  sitrep_test_pg_stop_server (pg);
  storm_wait (storm, &storm->unavailable, unavailable + 3 * N_CLIENTS, "503 answers");

  /* Reads too: the feed and the health of the database. */
  for (guint s = 0; s < N_SERVERS; s++)
    {
      g_autoptr(SitrepReply) reply = sitrep_test_get (storm->servers[s],
                                                      storm->servers[s]->viewer,
                                                      "/v1/changes?since=0");

      sitrep_assert_error (reply, 503, "unavailable");
      g_assert_nonnull (soup_message_headers_get_one (reply->headers, "Retry-After"));
    }

  sitrep_test_pg_start_server (pg);
  g_mutex_lock (&storm->lock);
  acked = storm->acked;
  g_mutex_unlock (&storm->lock);
  storm_wait (storm, &storm->acked, acked + 40, "acknowledged pushes after the restart");
  storm_stop (storm);

  for (guint c = 0; c < N_CLIENTS; c++)
    {
      Client *client = &storm->clients[c];

      sitrep_test_note ("client %u: %u answers 503, %u without an answer", c, client->n_503,
                        client->n_transport_errors);
      g_assert_cmpuint (client->n_503_without_retry_after, ==, 0);
      g_assert_cmpuint (client->n_transport_errors, ==, 0);
    }
  /* Still the processes started at the beginning. */
  for (guint s = 0; s < N_SERVERS; s++)
    g_assert_nonnull (g_subprocess_get_identifier (storm->servers[s]->proc));

  storm_verify (storm);
  storm_free (storm);
}

/* The notification connection is cut with the database; once it is back,
 * a watcher on B still hears a push to A. Pushes made while B's listener
 * may still be away are not lost either: B re-reads on reconnecting. */
static void
test_watcher_after_restart (void)
{
  g_autoptr(SitrepTestServer) a = sitrep_test_server_new ();
  g_autoptr(SitrepTestServer) b = sitrep_test_server_new_sharing (a);
  SitrepTestPg *pg = sitrep_test_pg_shared ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *push = push_json (cid, mut_put (1, "incidents", inc,
                                                   incident_body ("After", "P1")), NULL);
  g_autoptr(SitrepReply) reply = NULL;
  g_autoptr(SitrepReply) pushed = NULL;
  SitrepHeldRequest *held;
  JsonArray *changes;
  gint64 pushed_at, answered_at;

  sitrep_test_pg_stop_server (pg);
  sitrep_test_pg_start_server (pg);

  /* B is answering again once its reader has reconnected. */
  {
    g_autoptr(SitrepReply) first = sitrep_test_get (b, b->viewer, "/v1/changes?since=0");

    sitrep_assert_status (first, 200);
  }

  held = sitrep_held_request_start (b, "/v1/changes?since=0&wait=30", b->viewer);
  g_assert_false (sitrep_held_request_answered (held));

  /* A's writer connection was cut too: the first push reconnects it. */
  pushed_at = g_get_monotonic_time ();
  pushed = sitrep_test_push (a, a->responder, push);
  sitrep_assert_status (pushed, 200);
  assert_applied (result_at (json_object_get_array_member (sitrep_reply_object (pushed),
                                                           "results"), 0), 1);

  reply = sitrep_held_request_finish (held, &answered_at);
  sitrep_assert_status (reply, 200);
  changes = json_object_get_array_member (sitrep_reply_object (reply), "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 1);
  sitrep_test_note ("heard on B %.1f ms after the push to A returned",
                    (answered_at - pushed_at) / 1000.0);
  g_assert_cmpint (answered_at - pushed_at, <, 5 * G_USEC_PER_SEC);
}

/* A commit made while B's notification connection is down (B cannot
 * connect again yet) is not lost: B reads last_seq again on reconnecting
 * and wakes its watchers. */
static void
test_listener_rereads_on_reconnect (void)
{
  g_autoptr(SitrepTestServer) a = sitrep_test_server_new ();
  g_autoptr(SitrepTestServer) b = sitrep_test_server_new_sharing (a);
  SitrepTestPg *pg = sitrep_test_pg_shared ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *push = push_json (cid, mut_put (1, "incidents", inc,
                                                   incident_body ("Unheard", "P1")), NULL);
  g_autofree char *dbname = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(SitrepReply) reply = NULL;
  SitrepHeldRequest *held;
  JsonArray *changes;
  gint64 allowed_at, answered_at;
  int b_pid;

  dbname = sitrep_test_pg_psql (pg, a->db_path, "SELECT current_database()");
  g_strstrip (dbname);
  b_pid = atoi (g_subprocess_get_identifier (b->proc));

  held = sitrep_held_request_start (b, "/v1/changes?since=0&wait=30", b->viewer);
  g_assert_false (sitrep_held_request_answered (held));

  /* No new connection to the database; the listeners (A's and B's) cut,
   * and waited for until they are gone. Every other connection stays. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("ALTER DATABASE %s ALLOW_CONNECTIONS false", dbname);
  g_free (sitrep_test_pg_psql (pg, NULL, sql));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM (SELECT pid FROM pg_stat_activity"
                         "  WHERE datname = '%s' AND application_name = 'sitrep-server listener'"
                         "  OFFSET 0) l WHERE pg_terminate_backend(l.pid, 10000)", dbname);
  out = sitrep_test_pg_psql (pg, NULL, sql);
  sitrep_test_note ("listeners cut: %s (B is process %d)", g_strstrip (out), b_pid);
  g_assert_cmpstr (out, !=, "0");

  /* A's writer is still connected: the push commits, and nobody hears. */
  results = push_results (a, a->responder, push, 1);
  assert_applied (result_at (results, 0), 1);
  g_assert_false (sitrep_held_request_answered (held));

  allowed_at = g_get_monotonic_time ();
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("ALTER DATABASE %s ALLOW_CONNECTIONS true", dbname);
  g_free (sitrep_test_pg_psql (pg, NULL, sql));

  reply = sitrep_held_request_finish (held, &answered_at);
  sitrep_assert_status (reply, 200);
  changes = json_object_get_array_member (sitrep_reply_object (reply), "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 1);
  sitrep_test_note ("heard on B %.1f ms after connections were allowed again",
                    (answered_at - allowed_at) / 1000.0);
  g_assert_cmpint (answered_at - allowed_at, <, 5 * G_USEC_PER_SEC);
}

/* `migrate` on the database the servers use: nothing to do, version 1. */
static void
test_migrate (void)
{
  g_autoptr(SitrepTestServer) a = sitrep_test_server_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *versions = NULL;

  g_assert_cmpint (sitrep_test_run_cli (&out, &err, "migrate", "--db", a->db_path, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "schema version 1\n");
  versions = sitrep_test_pg_psql (sitrep_test_pg_shared (), a->db_path,
                                  "SELECT string_agg(version::text, ',') FROM sitrep_schema");
  g_assert_cmpstr (versions, ==, "1\n");
}

/* token create|list|revoke against the database; bad --db values are a
 * clear error on one line, which never shows a password. */
static void
test_cli (void)
{
  g_autoptr(SitrepTestServer) a = sitrep_test_server_new ();
  g_autofree char *dir = NULL;
  g_autofree char *unreachable = NULL;
  struct {
    const char *db;
    const char *says;
  } bad[] = {
    { "postgresql://bob:hunter2@[oops", "not a PostgreSQL connection string" },
    { NULL, "PostgreSQL (writer): connection to server on socket" },
    { "postgres://alice:hunter2@/x?host=/nonexistent", "alice:***@" },
    { "host=/nonexistent password=hunter2 dbname=x", "password=***" },
  };
  char *out = NULL;
  char *err = NULL;

  g_assert_cmpint (sitrep_test_run_cli (&out, &err, "token", "create", "--db", a->db_path,
                                        "--name", "carol", "--role", "viewer", NULL), ==, 0);
  g_assert_cmpuint (strlen (g_strstrip (out)), ==, 32);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sitrep_test_run_cli (&out, &err, "token", "create", "--db", a->db_path,
                                        "--name", "carol", "--role", "viewer", NULL), ==, 1);
  g_assert_true (strstr (err, "exists already") != NULL);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sitrep_test_run_cli (&out, &err, "token", "revoke", "--db", a->db_path,
                                        "--name", "carol", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sitrep_test_run_cli (&out, &err, "token", "list", "--db", a->db_path,
                                        NULL), ==, 0);
  g_assert_true (g_regex_match_simple ("^carol viewer \\S+ revoked$", out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^admin admin \\S+$", out, G_REGEX_MULTILINE, 0));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A folder with no PostgreSQL in it. */
  dir = g_dir_make_tmp ("sitrep-nopg-XXXXXX", NULL);
  g_assert_nonnull (dir);
  unreachable = g_strdup_printf ("host=%s dbname=x", dir);
  bad[1].db = unreachable;
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_cmpint (sitrep_test_run_cli (&out, &err, "migrate", "--db", bad[i].db, NULL), ==, 1);
      sitrep_test_note ("%s -> %s", bad[i].db, err);
      g_assert_true (g_str_has_prefix (err, "sitrep-server: cannot open "));
      g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
      g_assert_true (strstr (err, bad[i].says) != NULL);
      g_assert_null (strstr (err, "hunter2"));
      g_assert_cmpstr (out, ==, "");
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The fixture reads it: every server of this program is on PostgreSQL. */
  g_setenv ("SITREP_TEST_BACKEND", "postgres", TRUE);

  sitrep_test_add ("/postgres/processes/storm", test_storm);
  sitrep_test_add ("/postgres/processes/watcher-hears-other-process",
                   test_watcher_hears_other_process);
  sitrep_test_add ("/postgres/processes/revoked-everywhere", test_revoked_everywhere);
  sitrep_test_add ("/postgres/processes/kill-one", test_kill_one_process);
  sitrep_test_add ("/postgres/processes/database-restart", test_database_restart);
  sitrep_test_add ("/postgres/processes/watcher-after-restart", test_watcher_after_restart);
  sitrep_test_add ("/postgres/processes/listener-rereads-on-reconnect",
                   test_listener_rereads_on_reconnect);
  sitrep_test_add ("/postgres/migrate", test_migrate);
  sitrep_test_add ("/postgres/cli", test_cli);

  return g_test_run ();
}

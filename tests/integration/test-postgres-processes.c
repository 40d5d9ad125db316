/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-postgres-processes.c: three sitrep-server processes on one PostgreSQL
 *
 * The servers share one database of a private PostgreSQL (pg-fixture.h);
 * four clients push through different processes at once (pg-storm.h).
 * Then every process must serve the same feed, 1..N without a gap,
 * holding every acknowledged mutation exactly once with the seq it was
 * acknowledged with, and refs unique. Besides: a watcher on one process
 * hears a push to another, also across lost notification connections;
 * a token revoked once is refused everywhere; the command line.
 *
 * Nothing here waits for a time: the main thread waits on what the
 * clients report (acknowledgements, 503s), on a long-poll's answer, or on
 * the servers' own lines.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "delivery-common.h"
#include "held-request.h"
#include "pg-fixture.h"
#include "pg-storm.h"
#include "protocol-common.h"

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

/* A push retried through another process gets the stored answer and
 * changes nothing; compare-and-set holds across processes. */
static void
test_idempotent_across_processes (void)
{
  g_autoptr(SitrepTestServer) a = sitrep_test_server_new ();
  g_autoptr(SitrepTestServer) b = sitrep_test_server_new_sharing (a);
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *body = incident_body ("Twice", "P2");
  g_autofree char *push = push_json (cid, mut_put_base (1, "incidents", inc, 0, body), NULL);
  g_autofree char *other_cid = sitrep_test_uuid ();
  g_autofree char *again = NULL;
  g_autoptr(JsonArray) first = NULL;
  g_autoptr(JsonArray) retried = NULL;
  g_autoptr(JsonArray) conflicting = NULL;
  g_autoptr(JsonNode) first_node = NULL;
  g_autoptr(JsonNode) retried_node = NULL;
  gint64 seq;

  first = push_results (a, a->responder, push, 1);
  seq = assert_applied (result_at (first, 0), 1);
  g_assert_cmpint (sitrep_test_health_seq (b), ==, seq);

  retried = push_results (b, b->responder, push, 1);
  first_node = json_node_init_array (json_node_alloc (), first);
  retried_node = json_node_init_array (json_node_alloc (), retried);
  g_assert_true (json_equal_strings (first_node, retried_node));
  g_assert_cmpint (sitrep_test_health_seq (a), ==, seq);
  g_assert_cmpint (sitrep_test_health_seq (b), ==, seq);

  /* "Create only if absent" through B, after A created it: a conflict. */
  again = push_json (other_cid, mut_put_base (1, "incidents", inc, 0, body), NULL);
  conflicting = push_results (b, b->responder2, again, 1);
  assert_conflict (result_at (conflicting, 0), 1);
  g_assert_cmpint (sitrep_test_health_seq (a), ==, seq);
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

/* One process delivers (--config), another takes the page: the first
 * hears the commit and delivers it, with no restart. */
static void
test_delivery_through_another_process (void)
{
  g_autoptr(DeliveryFixture) f = delivery_fixture_new ();
  SitrepTestServer *delivering = f->server;
  g_autoptr(SitrepTestServer) other = sitrep_test_server_new_sharing_with_args (delivering,
                                                                                NULL);
  g_autofree char *incident = NULL;
  g_autofree char *page = NULL;
  g_autoptr(JsonObject) change = NULL;
  StandinRequest *request;

  f->server = other;
  incident = delivery_incident (f, "Queue backed up", "P2");
  page = delivery_page (f, incident, "platform-team", "Consumers stalled");
  f->server = delivering;

  change = delivery_wait (f, "pages", page, "delivered");
  g_assert_nonnull (change);
  g_assert_cmpuint (standin_count (f->standin, STANDIN_WEBHOOK), ==, 1);
  request = standin_request (f->standin, STANDIN_WEBHOOK, 0);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (request->json), "id"),
                   ==, page);
}

/* `migrate` on the database the servers use: nothing to do, version 1.
 * A role that may only read and write the tables (no CREATE) can run
 * everything once the schema is there; a schema newer than this build
 * is refused, saying so. */
static void
test_migrate (void)
{
  g_autoptr(SitrepTestServer) a = sitrep_test_server_new ();
  SitrepTestPg *pg = sitrep_test_pg_shared ();
  g_autofree char *role = g_strdup_printf ("app_%d", (int) getpid ());
  g_autofree char *sql = NULL;
  g_autofree char *as_role = NULL;
  g_autofree char *versions = NULL;
  char *out = NULL;
  char *err = NULL;

  g_assert_cmpint (sitrep_test_run_cli (&out, &err, "migrate", "--db", a->db_path, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "schema version 1\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  versions = sitrep_test_pg_psql (pg, a->db_path,
                                  "SELECT string_agg(version::text, ',') FROM sitrep_schema");
  g_assert_cmpstr (versions, ==, "1\n");

  sql = g_strdup_printf ("CREATE ROLE %s LOGIN;"
                         " GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public"
                         " TO %s", role, role);
  g_free (sitrep_test_pg_psql (pg, a->db_path, sql));
  as_role = g_strdup_printf ("%s user=%s", a->db_path, role);
  g_assert_cmpint (sitrep_test_run_cli (&out, &err, "token", "list", "--db", as_role, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "admin admin "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_free (sitrep_test_pg_psql (pg, a->db_path, "INSERT INTO sitrep_schema (version) VALUES (2)"));
  g_assert_cmpint (sitrep_test_run_cli (&out, &err, "migrate", "--db", a->db_path, NULL), ==, 1);
  sitrep_test_note ("%s", err);
  g_assert_true (strstr (err, "schema version 2") != NULL);
  g_assert_true (strstr (err, "upgrade sitrep-server") != NULL);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
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
  sitrep_test_add ("/postgres/processes/idempotent-across-processes",
                   test_idempotent_across_processes);
  sitrep_test_add ("/postgres/processes/revoked-everywhere", test_revoked_everywhere);
  sitrep_test_add ("/postgres/processes/kill-one", test_kill_one_process);
  sitrep_test_add ("/postgres/processes/database-restart", test_database_restart);
  sitrep_test_add ("/postgres/processes/watcher-after-restart", test_watcher_after_restart);
  sitrep_test_add ("/postgres/processes/listener-rereads-on-reconnect",
                   test_listener_rereads_on_reconnect);
  sitrep_test_add ("/postgres/migrate", test_migrate);
  sitrep_test_add ("/postgres/cli", test_cli);
  sitrep_test_add ("/postgres/processes/delivery-through-another-process",
                   test_delivery_through_another_process);

  return g_test_run ();
}

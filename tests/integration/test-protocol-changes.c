/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-protocol-changes.c: GET /v1/changes and GET /v1/snapshot
 *
 * Paging, order, query errors, the long-poll live channel, compaction
 * (410 gone) and the snapshot's view of live records.
 */

#include "config.h"

#include <string.h>

#include "held-request.h"
#include "protocol-common.h"

/* Pushes @n timeline entries of a new incident in pushes of at most 100;
 * returns the incident id. The changes are seq 1..n+1 on a fresh server. */
static char *
fill (SitrepTestServer *server,
      const char       *cid,
      guint             n)
{
  char *inc = sitrep_test_uuid ();
  gint64 mid = 1;
  guint done = 0;

  {
    g_autofree char *json = push_json (cid, mut_put (mid, "incidents", inc,
                                                     incident_body ("Fill", "P3")), NULL);
    g_autoptr(JsonArray) results = push_results (server, server->responder, json, mid);

    assert_applied (result_at (results, 0), mid);
    mid++;
  }
  while (done < n)
    {
      g_autoptr(GPtrArray) m = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *json = NULL;
      g_autoptr(JsonArray) results = NULL;
      gint64 first = mid;

      while (m->len < 100 && done < n)
        {
          g_autofree char *id = sitrep_test_uuid ();
          g_autofree char *text = g_strdup_printf ("entry %u", done);

          g_ptr_array_add (m, mut_put (mid++, "timeline", id, timeline_body (inc, text)));
          done++;
        }
      json = push_jsonv (cid, m);
      results = push_results (server, server->responder, json, mid - 1);
      for (guint i = 0; i < json_array_get_length (results); i++)
        assert_applied (result_at (results, i), first + i);
    }
  return inc;
}

static void
check_change (JsonObject *change,
              gint64      seq)
{
  const char *members[] = { "seq", "coll", "id", "version", "op", "deleted", "body",
                            "client_id", "mid", "actor", "ts" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      if (!json_object_has_member (change, members[i]))
        sitrep_test_note ("change %" G_GINT64_FORMAT " has no \"%s\"", seq, members[i]);
      g_assert_true (json_object_has_member (change, members[i]));
    }
  g_assert_cmpint (json_object_get_int_member (change, "seq"), ==, seq);
  g_assert_cmpint (json_object_get_int_member (change, "version"), ==, seq);
}

static JsonObject *
get_changes (SitrepTestServer *server,
             const char       *query,
             SitrepReply     **out)
{
  g_autofree char *path = g_strconcat ("/v1/changes?", query, NULL);
  SitrepReply *reply = sitrep_test_get (server, server->viewer, path);
  JsonObject *obj;

  sitrep_assert_status (reply, 200);
  obj = sitrep_reply_object (reply);
  g_assert_nonnull (json_object_get_array_member (obj, "changes"));
  g_assert_true (json_object_has_member (obj, "more"));
  g_assert_true (json_object_has_member (obj, "last_seq"));
  *out = reply;
  return obj;
}

static void
test_paging (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = fill (server, cid, 24);
  gint64 since = 0;
  gint64 expected = 1;
  guint pages = 0;

  /* 25 changes, 10 at a time: 10, 10, 5. */
  for (;;)
    {
      g_autofree char *query = g_strdup_printf ("since=%" G_GINT64_FORMAT "&limit=10", since);
      g_autoptr(SitrepReply) reply = NULL;
      JsonObject *obj = get_changes (server, query, &reply);
      JsonArray *changes = json_object_get_array_member (obj, "changes");
      guint n = json_array_get_length (changes);
      gboolean more = json_object_get_boolean_member (obj, "more");

      pages++;
      g_assert_cmpuint (n, ==, pages < 3 ? 10 : 5);
      g_assert_cmpint (more, ==, pages < 3);
      for (guint i = 0; i < n; i++)
        check_change (json_array_get_object_element (changes, i), expected++);
      g_assert_cmpint (json_object_get_int_member (obj, "last_seq"), ==, expected - 1);
      since = expected - 1;
      if (!more)
        break;
    }
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpint (since, ==, 25);

  /* Without limit (500 by default) all 25 come at once. */
  {
    g_autoptr(SitrepReply) reply = NULL;
    JsonObject *obj = get_changes (server, "since=0", &reply);
    JsonArray *changes = json_object_get_array_member (obj, "changes");

    g_assert_cmpuint (json_array_get_length (changes), ==, 25);
    g_assert_false (json_object_get_boolean_member (obj, "more"));
    g_assert_cmpint (json_object_get_int_member (obj, "last_seq"), ==, 25);
    for (guint i = 0; i < 25; i++)
      {
        JsonObject *change = json_array_get_object_element (changes, i);

        check_change (change, i + 1);
        g_assert_cmpstr (json_object_get_string_member (change, "op"), ==, "put");
        g_assert_cmpstr (json_object_get_string_member (change, "coll"), ==,
                         i == 0 ? "incidents" : "timeline");
        g_assert_cmpint (json_object_get_int_member (change, "mid"), ==, i + 1);
        g_assert_cmpstr (json_object_get_string_member (change, "client_id"), ==, cid);
        g_assert_cmpstr (json_object_get_string_member (change, "actor"), ==, "responder");
        if (i > 0)
          {
            g_autofree char *text = g_strdup_printf ("entry %u", i - 1);
            JsonObject *body = json_object_get_object_member (change, "body");

            g_assert_cmpstr (json_object_get_string_member (body, "text"), ==, text);
            g_assert_cmpstr (json_object_get_string_member (body, "incident_id"), ==, inc);
          }
      }
  }

  /* From the middle, and from the end. */
  {
    g_autoptr(SitrepReply) reply = NULL;
    JsonObject *obj = get_changes (server, "since=20&limit=1", &reply);
    JsonArray *changes = json_object_get_array_member (obj, "changes");

    g_assert_cmpuint (json_array_get_length (changes), ==, 1);
    check_change (json_array_get_object_element (changes, 0), 21);
    g_assert_true (json_object_get_boolean_member (obj, "more"));
  }
  {
    g_autoptr(SitrepReply) reply = NULL;
    JsonObject *obj = get_changes (server, "since=25", &reply);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "changes")),
                      ==, 0);
    g_assert_false (json_object_get_boolean_member (obj, "more"));
  }
}

static void
test_limit_max (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = fill (server, cid, 1004);
  g_autoptr(SitrepReply) def = NULL;
  g_autoptr(SitrepReply) max = NULL;
  g_autoptr(SitrepReply) over = NULL;
  JsonObject *obj;

  g_assert_cmpint (sitrep_test_health_seq (server), ==, 1005);

  obj = get_changes (server, "since=0", &def);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "changes")),
                    ==, 500);
  g_assert_true (json_object_get_boolean_member (obj, "more"));
  g_assert_cmpint (json_object_get_int_member (obj, "last_seq"), ==, 500);

  obj = get_changes (server, "since=0&limit=1000", &max);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "changes")),
                    ==, 1000);
  g_assert_true (json_object_get_boolean_member (obj, "more"));

  /* Over the maximum: refused, or held to the maximum, never more. */
  over = sitrep_test_get (server, server->viewer, "/v1/changes?since=0&limit=5000");
  if (over->status == 400)
    {
      sitrep_assert_error (over, 400, "bad_request");
    }
  else
    {
      sitrep_assert_status (over, 200);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                          sitrep_reply_object (over), "changes")), ==, 1000);
      g_assert_true (json_object_get_boolean_member (sitrep_reply_object (over), "more"));
    }
}

static void
test_bad_query (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = fill (server, cid, 2);
  const char *queries[] = {
    "since=abc",
    "since=",
    "since=1.5",
    "since=0&limit=0",
    "since=0&limit=abc",
    "since=0&limit=-1",
    "since=0&wait=61",
    "since=0&wait=-1",
    "since=0&wait=soon",
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *path = g_strconcat ("/v1/changes?", queries[i], NULL);
      g_autoptr(SitrepReply) reply = sitrep_test_get (server, server->viewer, path);

      sitrep_assert_error (reply, 400, "bad_request");
      /* An error, not a long-poll. */
      g_assert_cmpint (reply->elapsed_us, <, 2 * G_USEC_PER_SEC);
    }
  /* The bounds themselves are fine. */
  {
    g_autoptr(SitrepReply) reply = sitrep_test_get (server, server->viewer,
                                                    "/v1/changes?since=0&limit=1000&wait=60");

    sitrep_assert_status (reply, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        sitrep_reply_object (reply), "changes")), ==, 3);
  }
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 3);
}

static void
test_long_poll (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = fill (server, cid, 1);
  g_autofree char *t = sitrep_test_uuid ();
  g_autofree char *json = push_json (cid, mut_put (3, "timeline", t,
                                                   timeline_body (inc, "Live entry")), NULL);
  g_autoptr(SitrepReply) reply = NULL;
  g_autoptr(JsonArray) results = NULL;
  SitrepHeldRequest *held;
  gint64 pushed_at;
  gint64 committed_at;
  gint64 answered_at;
  JsonArray *changes;
  JsonObject *change;

  /* The server has the long poll and holds it: nothing new yet. */
  held = sitrep_held_request_start (server, "/v1/changes?since=2&wait=5", server->viewer);
  g_assert_false (sitrep_held_request_answered (held));

  pushed_at = g_get_monotonic_time ();
  results = push_results (server, server->responder, json, 3);
  committed_at = g_get_monotonic_time ();
  assert_applied (result_at (results, 0), 3);
  reply = sitrep_held_request_finish (held, &answered_at);

  sitrep_assert_status (reply, 200);
  sitrep_test_note ("long-poll answered %.3f s after the push was acknowledged",
                    (answered_at - committed_at) / (double) G_USEC_PER_SEC);
  g_assert_cmpint (answered_at - committed_at, <, G_USEC_PER_SEC);
  /* It was held until the push, not answered before it. */
  g_assert_cmpint (answered_at, >=, pushed_at);
  changes = json_object_get_array_member (sitrep_reply_object (reply), "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 1);
  change = json_array_get_object_element (changes, 0);
  check_change (change, 3);
  g_assert_cmpstr (json_object_get_string_member (change, "id"), ==, t);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (change, "body"),
                                                  "text"), ==, "Live entry");
  g_assert_cmpint (json_object_get_int_member (sitrep_reply_object (reply), "last_seq"), ==, 3);
}

static void
test_long_poll_timeout (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = fill (server, cid, 1);
  g_autoptr(SitrepReply) idle = sitrep_test_get (server, server->viewer,
                                                 "/v1/changes?since=2&wait=1");
  g_autoptr(SitrepReply) ready = NULL;
  JsonObject *obj;

  /* Nothing happens: an empty answer when the wait runs out. */
  sitrep_assert_status (idle, 200);
  obj = sitrep_reply_object (idle);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "changes")), ==, 0);
  g_assert_false (json_object_get_boolean_member (obj, "more"));
  sitrep_test_note ("wait=1 answered after %.3f s", idle->elapsed_us / (double) G_USEC_PER_SEC);
  g_assert_cmpint (idle->elapsed_us, >=, 900 * 1000);
  g_assert_cmpint (idle->elapsed_us, <, 3 * G_USEC_PER_SEC);

  /* Something newer already there: no waiting at all. */
  ready = sitrep_test_get (server, server->viewer, "/v1/changes?since=1&wait=30");
  sitrep_assert_status (ready, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      sitrep_reply_object (ready), "changes")), ==, 1);
  g_assert_cmpint (ready->elapsed_us, <, G_USEC_PER_SEC);
}

static void
test_gone (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = fill (server, cid, 9);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) snapshot = NULL;
  int status;
  const char *gone[] = { "since=0", "since=1", "since=6", "since=6&wait=5" };

  g_assert_cmpint (sitrep_test_health_seq (server), ==, 10);

  sitrep_test_server_stop (server);
  status = sitrep_test_run_cli (&out, &err, "compact", "--db", server->db_path,
                                "--keep", "3", NULL);
  if (status != 0)
    sitrep_test_note ("compact: exit %d: %s", status, err);
  g_assert_cmpint (status, ==, 0);
  sitrep_test_server_start (server);

  /* Only 8, 9 and 10 are readable: a since before 7 cannot be served. */
  for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
    {
      g_autofree char *path = g_strconcat ("/v1/changes?", gone[i], NULL);
      g_autoptr(SitrepReply) reply = sitrep_test_get (server, server->viewer, path);

      sitrep_assert_error (reply, 410, "gone");
      g_assert_cmpint (reply->elapsed_us, <, 2 * G_USEC_PER_SEC);
    }
  {
    g_autoptr(SitrepReply) reply = NULL;
    JsonObject *obj = get_changes (server, "since=7", &reply);
    JsonArray *changes = json_object_get_array_member (obj, "changes");

    g_assert_cmpuint (json_array_get_length (changes), ==, 3);
    for (guint i = 0; i < 3; i++)
      check_change (json_array_get_object_element (changes, i), 8 + i);
  }

  /* The records are all still there, and the sequence goes on. */
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 10);
  snapshot = sitrep_test_snapshot (server);
  g_assert_cmpint (json_object_get_int_member (snapshot, "seq"), ==, 10);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (snapshot, "records")),
                    ==, 10);
  {
    g_autofree char *t = sitrep_test_uuid ();
    g_autofree char *json = push_json (cid, mut_put (11, "timeline", t,
                                                     timeline_body (inc, "after compaction")),
                                       NULL);
    g_autoptr(JsonArray) results = push_results (server, server->responder, json, 11);

    g_assert_cmpint (assert_applied (result_at (results, 0), 11), ==, 11);
  }
}

static void
test_snapshot (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *admin_cid = sitrep_test_uuid ();
  g_autofree char *a = sitrep_test_uuid ();
  g_autofree char *b = sitrep_test_uuid ();
  g_autofree char *t1 = sitrep_test_uuid ();
  g_autofree char *t2 = sitrep_test_uuid ();
  g_autofree char *role = g_strconcat (a, ":commander", NULL);
  g_autofree char *item = g_strconcat (a, ":declare-incident", NULL);
  g_autofree char *role_body = g_strdup_printf ("{\"incident_id\": \"%s\", \"role\": \"commander\","
                                                " \"person\": \"alice\", \"assigned_at\": \""
                                                TEST_TIME "\"}", a);
  g_autofree char *item_body = g_strdup_printf ("{\"incident_id\": \"%s\", \"phase\": \"initial\","
                                                " \"key\": \"declare-incident\", \"text\":"
                                                " \"Declare the incident\", \"position\": 1,"
                                                " \"done\": true, \"done_by\": \"alice\","
                                                " \"done_at\": \"" TEST_TIME "\"}", a);
  g_autofree char *json = push_json (cid,
                                     mut_put (1, "incidents", a, incident_body ("Alive", "P1")),
                                     mut_put (2, "incidents", b, incident_body ("Gone", "P4")),
                                     mut_put (3, "timeline", t1, timeline_body (a, "kept")),
                                     mut_put (4, "timeline", t2, timeline_body (a, "deleted")),
                                     mut_put (5, "roles", role, g_strdup (role_body)),
                                     mut_put (6, "checklist", item, g_strdup (item_body)),
                                     mut_delete (7, "timeline", t2, 4),
                                     mut_delete (8, "incidents", b, -1),
                                     NULL);
  g_autofree char *service =
    push_json (admin_cid,
               mut_put (1, "services", "payments",
                        g_strdup ("{\"owner_team\": \"payments-team\", \"critical\": true,"
                                  " \"runbook_url\": \"https://runbooks/payments\","
                                  " \"dashboard_url\": \"https://grafana/payments\","
                                  " \"escalation\": [\"payments-team\", \"sre\"]}")),
               NULL);
  g_autoptr(JsonArray) results = push_results (server, server->responder, json, 8);
  g_autoptr(JsonArray) service_results = push_results (server, server->admin, service, 1);
  g_autoptr(JsonObject) snapshot = NULL;
  JsonArray *records;
  struct { const char *coll; const char *id; gint64 version; const char *body; } live[] = {
    { "incidents", a, 1, NULL },
    { "timeline", t1, 3, NULL },
    { "roles", role, 5, role_body },
    { "checklist", item, 6, item_body },
    { "services", "payments", 9, NULL },
  };

  for (guint i = 0; i < 8; i++)
    assert_applied (result_at (results, i), i + 1);
  g_assert_cmpint (assert_applied (result_at (service_results, 0), 1), ==, 9);

  snapshot = sitrep_test_snapshot (server);
  g_assert_cmpint (json_object_get_int_member (snapshot, "seq"), ==, 9);
  records = json_object_get_array_member (snapshot, "records");
  g_assert_cmpuint (json_array_get_length (records), ==, G_N_ELEMENTS (live));
  for (guint i = 0; i < G_N_ELEMENTS (live); i++)
    {
      JsonObject *record = sitrep_test_find_record (snapshot, live[i].coll, live[i].id);

      if (record == NULL)
        sitrep_test_note ("snapshot lacks %s/%s", live[i].coll, live[i].id);
      g_assert_nonnull (record);
      g_assert_cmpint (json_object_get_int_member (record, "version"), ==, live[i].version);
      g_assert_false (json_object_get_boolean_member (record, "deleted"));
      g_assert_nonnull (json_object_get_object_member (record, "body"));
      if (live[i].body != NULL)
        {
          g_autoptr(JsonNode) expected = json_from_string (live[i].body, NULL);

          g_assert_true (json_equal_strings (expected, json_object_get_member (record, "body")));
        }
    }
  g_assert_null (sitrep_test_find_record (snapshot, "timeline", t2));
  g_assert_null (sitrep_test_find_record (snapshot, "incidents", b));

  /* A viewer gets the same. */
  {
    g_autoptr(SitrepReply) reply = sitrep_test_get (server, server->viewer, "/v1/snapshot");
    g_autoptr(JsonNode) mine = json_node_init_object (json_node_alloc (), snapshot);

    sitrep_assert_status (reply, 200);
    g_assert_true (json_equal_strings (mine, reply->json));
  }
}

void
add_protocol_changes_tests (void)
{
  sitrep_test_add ("/integration/changes/paging", test_paging);
  sitrep_test_add ("/integration/changes/limit-max", test_limit_max);
  sitrep_test_add ("/integration/changes/bad-query", test_bad_query);
  sitrep_test_add ("/integration/changes/long-poll", test_long_poll);
  sitrep_test_add ("/integration/changes/long-poll-timeout", test_long_poll_timeout);
  sitrep_test_add ("/integration/changes/gone", test_gone);
  sitrep_test_add ("/integration/snapshot/live-records", test_snapshot);
}

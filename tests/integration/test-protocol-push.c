/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-protocol-push.c: POST /v1/push as PROTOCOL.md describes it
 *
 * Applying, retrying, mid gaps, base_version conflicts, per-mutation
 * rejections, whole-request 400s, and what the server adds to a record.
 */

#include "config.h"

#include <string.h>

#include "protocol-common.h"

static JsonObject *
find_change (JsonArray *changes,
             gint64     seq)
{
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (json_object_get_int_member (change, "seq") == seq)
        return change;
    }
  return NULL;
}

static void
test_apply (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *t1 = sitrep_test_uuid ();
  g_autofree char *t2 = sitrep_test_uuid ();
  g_autofree char *json = NULL;
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(JsonObject) snapshot = NULL;
  g_autoptr(JsonArray) changes = NULL;
  JsonObject *record;
  JsonObject *body;
  const char *ops[] = { "put", "patch", "put", "put", "delete" };
  const char *ids[] = { inc, inc, t1, t2, t1 };

  json = push_json (cid,
                    mut_put (1, "incidents", inc, incident_body ("Card payments failing", "P1")),
                    mut_patch (2, "incidents", inc, g_strdup ("{\"status\": \"identified\"}")),
                    mut_put (3, "timeline", t1, timeline_body (inc, "Paged payments on-call")),
                    mut_put (4, "timeline", t2, timeline_body (inc, "Rolled back 4.2.1")),
                    mut_delete (5, "timeline", t1, -1),
                    NULL);
  results = push_results (server, server->responder, json, 5);
  g_assert_cmpuint (json_array_get_length (results), ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (assert_applied (result_at (results, i), i + 1), ==, i + 1);
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 5);

  /* put created, patch changed one field and kept the rest, delete hid. */
  snapshot = sitrep_test_snapshot (server);
  g_assert_cmpint (json_object_get_int_member (snapshot, "seq"), ==, 5);
  record = sitrep_test_find_record (snapshot, "incidents", inc);
  g_assert_nonnull (record);
  g_assert_cmpint (json_object_get_int_member (record, "version"), ==, 2);
  g_assert_false (json_object_get_boolean_member (record, "deleted"));
  body = json_object_get_object_member (record, "body");
  g_assert_cmpstr (json_object_get_string_member (body, "status"), ==, "identified");
  g_assert_cmpstr (json_object_get_string_member (body, "title"), ==, "Card payments failing");
  g_assert_cmpstr (json_object_get_string_member (body, "severity"), ==, "P1");
  g_assert_cmpstr (json_object_get_string_member (body, "customer_impact"), ==,
                   "Card payments fail");
  g_assert_null (sitrep_test_find_record (snapshot, "timeline", t1));
  record = sitrep_test_find_record (snapshot, "timeline", t2);
  g_assert_nonnull (record);
  g_assert_cmpint (json_object_get_int_member (record, "version"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (record, "body"),
                                                  "text"), ==, "Rolled back 4.2.1");

  /* The change feed says the same, in order. */
  changes = sitrep_test_all_changes (server, 0);
  g_assert_cmpuint (json_array_get_length (changes), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      g_assert_cmpint (json_object_get_int_member (change, "seq"), ==, i + 1);
      g_assert_cmpint (json_object_get_int_member (change, "version"), ==, i + 1);
      g_assert_cmpint (json_object_get_int_member (change, "mid"), ==, i + 1);
      g_assert_cmpstr (json_object_get_string_member (change, "op"), ==, ops[i]);
      g_assert_cmpstr (json_object_get_string_member (change, "id"), ==, ids[i]);
      g_assert_cmpstr (json_object_get_string_member (change, "client_id"), ==, cid);
      g_assert_cmpint (json_object_get_boolean_member (change, "deleted"), ==, i == 4);
    }
}

static void
test_retry (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *t1 = sitrep_test_uuid ();
  g_autofree char *t4 = sitrep_test_uuid ();
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *overlap = NULL;
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(JsonArray) retried = NULL;
  g_autoptr(JsonArray) mixed = NULL;
  g_autoptr(JsonArray) single = NULL;
  g_autoptr(JsonArray) changes = NULL;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;

  first = push_json (cid,
                     mut_put (1, "incidents", inc, incident_body ("Retry", "P2")),
                     mut_put (2, "timeline", t1, timeline_body (inc, "first")),
                     mut_patch (3, "timeline", t1, g_strdup ("{\"pinned\": true}")),
                     NULL);
  results = push_results (server, server->responder, first, 3);
  for (guint i = 0; i < 3; i++)
    assert_applied (result_at (results, i), i + 1);
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 3);

  /* The very same request again: the same answer, nothing applied. */
  retried = push_results (server, server->responder, first, 3);
  a = json_node_init_array (json_node_alloc (), results);
  b = json_node_init_array (json_node_alloc (), retried);
  g_assert_true (json_equal_strings (a, b));
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 3);

  /* A retry may carry the bodies differently; the stored answer wins. */
  again = push_json (cid,
                     mut_put (1, "incidents", inc, incident_body ("Changed on retry", "P4")),
                     NULL);
  single = push_results (server, server->responder, again, -1);
  g_assert_cmpuint (json_array_get_length (single), ==, 1);
  {
    g_autoptr(JsonNode) x = json_node_init_object (json_node_alloc (), result_at (results, 0));
    g_autoptr(JsonNode) y = json_node_init_object (json_node_alloc (), result_at (single, 0));

    g_assert_true (json_equal_strings (x, y));
  }

  /* Old and new mids in one push: the old answered, the new applied. */
  overlap = push_json (cid,
                       mut_put (2, "timeline", t1, timeline_body (inc, "first")),
                       mut_patch (3, "timeline", t1, g_strdup ("{\"pinned\": true}")),
                       mut_put (4, "timeline", t4, timeline_body (inc, "fourth")),
                       NULL);
  mixed = push_results (server, server->responder, overlap, 4);
  g_assert_cmpuint (json_array_get_length (mixed), ==, 3);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonNode) x = json_node_init_object (json_node_alloc (),
                                                     result_at (results, i + 1));
      g_autoptr(JsonNode) y = json_node_init_object (json_node_alloc (), result_at (mixed, i));

      g_assert_true (json_equal_strings (x, y));
    }
  g_assert_cmpint (assert_applied (result_at (mixed, 2), 4), ==, 4);
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 4);

  /* Exactly one change per mid. */
  changes = sitrep_test_all_changes (server, 0);
  g_assert_cmpuint (json_array_get_length (changes), ==, 4);
  {
    g_autoptr(JsonObject) snapshot = sitrep_test_snapshot (server);
    JsonObject *record = sitrep_test_find_record (snapshot, "incidents", inc);

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (record, "body"),
                                                    "title"), ==, "Retry");
  }
}

static void
assert_mid_gap (SitrepReply *reply,
                gint64       expected)
{
  sitrep_assert_error (reply, 409, "mid_gap");
  g_assert_true (json_object_has_member (sitrep_reply_object (reply), "expected"));
  g_assert_cmpint (json_object_get_int_member (sitrep_reply_object (reply), "expected"), ==,
                   expected);
}

static void
test_mid_gap (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *t = sitrep_test_uuid ();
  g_autofree char *starts_at_2 = push_json (cid, mut_put (2, "incidents", inc,
                                                          incident_body ("Gap", "P3")), NULL);
  g_autofree char *starts_at_1 = push_json (cid, mut_put (1, "incidents", inc,
                                                          incident_body ("Gap", "P3")), NULL);
  g_autofree char *skips = push_json (cid,
                                      mut_put (3, "timeline", t, timeline_body (inc, "three")),
                                      mut_put (4, "timeline", t, timeline_body (inc, "four")),
                                      NULL);
  g_autofree char *mid_2 = push_json (cid, mut_put (2, "timeline", t, timeline_body (inc, "two")),
                                      NULL);
  g_autoptr(SitrepReply) r1 = sitrep_test_push (server, server->responder, starts_at_2);
  g_autoptr(SitrepReply) r2 = NULL;
  g_autoptr(JsonArray) ok = NULL;
  g_autoptr(JsonArray) ok2 = NULL;

  /* A new client starts at 1. */
  assert_mid_gap (r1, 1);
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 0);

  ok = push_results (server, server->responder, starts_at_1, 1);
  assert_applied (result_at (ok, 0), 1);

  r2 = sitrep_test_push (server, server->responder, skips);
  assert_mid_gap (r2, 2);
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 1);

  ok2 = push_results (server, server->responder, mid_2, 2);
  g_assert_cmpint (assert_applied (result_at (ok2, 0), 2), ==, 2);
}

static void
test_conflict (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *cid2 = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *t = sitrep_test_uuid ();
  g_autofree char *create = push_json (cid,
                                       mut_put (1, "incidents", inc, incident_body ("CAS", "P2")),
                                       mut_put (2, "timeline", t, timeline_body (inc, "v1 text")),
                                       NULL);
  g_autofree char *edit = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *good_delete = NULL;
  g_autofree char *retry_stale = NULL;
  g_autoptr(JsonArray) created = push_results (server, server->responder, create, 2);
  g_autoptr(JsonArray) edited = NULL;
  g_autoptr(JsonArray) conflicts = NULL;
  g_autoptr(JsonArray) deleted = NULL;
  g_autoptr(JsonArray) retried = NULL;
  g_autoptr(JsonObject) snapshot = NULL;
  JsonObject *current;
  gint64 v1, v2;

  v1 = assert_applied (result_at (created, 1), 2);

  /* Another client edits with the right base_version. */
  edit = push_json (cid2, mut_put_base (1, "timeline", t, v1,
                                        timeline_body (inc, "their text")), NULL);
  edited = push_results (server, server->responder2, edit, 1);
  v2 = assert_applied (result_at (edited, 0), 1);
  g_assert_cmpint (v2, ==, 3);

  /* Stale put, patch and delete: all conflicts with the current record. */
  stale = push_json (cid,
                     mut_put_base (3, "timeline", t, v1, timeline_body (inc, "my text")),
                     mut_patch_base (4, "timeline", t, v1, g_strdup ("{\"text\": \"my patch\"}")),
                     mut_delete (5, "timeline", t, v1),
                     NULL);
  conflicts = push_results (server, server->responder, stale, 5);
  for (guint i = 0; i < 3; i++)
    {
      current = assert_conflict (result_at (conflicts, i), i + 3);
      g_assert_cmpstr (json_object_get_string_member (current, "coll"), ==, "timeline");
      g_assert_cmpstr (json_object_get_string_member (current, "id"), ==, t);
      g_assert_cmpint (json_object_get_int_member (current, "version"), ==, v2);
      g_assert_false (json_object_get_boolean_member (current, "deleted"));
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (current,
                                                                                     "body"),
                                                      "text"), ==, "their text");
    }
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 3);

  /* The conflicts used up mids 3..5: 6 is next, and it deletes. */
  good_delete = push_json (cid, mut_delete (6, "timeline", t, v2), NULL);
  deleted = push_results (server, server->responder, good_delete, 6);
  g_assert_cmpint (assert_applied (result_at (deleted, 0), 6), ==, 4);

  /* A conflict is final: its retry returns the stored answer, as it was. */
  retry_stale = push_json (cid,
                           mut_put_base (3, "timeline", t, v1, timeline_body (inc, "my text")),
                           NULL);
  retried = push_results (server, server->responder, retry_stale, -1);
  {
    g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), result_at (conflicts, 0));
    g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), result_at (retried, 0));

    g_assert_true (json_equal_strings (a, b));
  }
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 4);
  snapshot = sitrep_test_snapshot (server);
  g_assert_null (sitrep_test_find_record (snapshot, "timeline", t));
}

static void
test_rejected (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *ok_tl = sitrep_test_uuid ();
  g_autofree char *role_id = g_strconcat (inc, ":commander", NULL);
  g_autofree char *check_id = g_strconcat (inc, ":declare", NULL);
  g_autoptr(GPtrArray) m = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *json = NULL;
  g_autofree char *next = NULL;
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(JsonArray) next_results = NULL;
  g_autoptr(JsonObject) snapshot = NULL;
  JsonObject *record;
  guint n;
  /* Each would be a fine record but for one field. */
  const char *bad[] = {
    "{\"title\": \"Bad severity\", \"severity\": \"P9\"}",
    "{\"title\": \"Lower-case severity\", \"severity\": \"p1\"}",
    "{\"severity\": \"P1\"}",
    "{\"title\": \"No severity\"}",
    "{\"title\": 42, \"severity\": \"P1\"}",
    "{\"title\": \"Major string\", \"severity\": \"P1\", \"major\": \"yes\"}",
    "{\"title\": \"Bad status\", \"severity\": \"P1\", \"status\": \"on-fire\"}",
    "{\"title\": \"Services string\", \"severity\": \"P1\", \"services\": \"payments\"}",
    "{\"title\": null, \"severity\": \"P1\"}",
  };
  gint64 mid = 1;

  g_ptr_array_add (m, mut_put (mid++, "incidents", inc, incident_body ("Valid", "P2")));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *id = sitrep_test_uuid ();

      g_ptr_array_add (m, mut_put (mid++, "incidents", id, g_strdup (bad[i])));
    }
  {
    g_autofree char *t1 = sitrep_test_uuid ();
    g_autofree char *t2 = sitrep_test_uuid ();
    g_autofree char *t3 = sitrep_test_uuid ();
    g_autofree char *t4 = sitrep_test_uuid ();
    g_autofree char *no_incident = g_strdup ("{\"occurred_at\": \"" TEST_TIME "\","
                                             " \"kind\": \"note\", \"text\": \"orphan\","
                                             " \"pinned\": false}");
    g_autofree char *no_text = g_strdup_printf ("{\"incident_id\": \"%s\", \"kind\": \"note\","
                                                " \"occurred_at\": \"" TEST_TIME "\"}", inc);
    g_autofree char *bad_kind = g_strdup_printf ("{\"incident_id\": \"%s\", \"kind\": \"gossip\","
                                                 " \"text\": \"x\"}", inc);
    g_autofree char *pinned = g_strdup_printf ("{\"incident_id\": \"%s\", \"text\": \"x\","
                                               " \"pinned\": \"no\"}", inc);

    g_ptr_array_add (m, mut_put (mid++, "timeline", t1, no_incident));
    g_ptr_array_add (m, mut_put (mid++, "timeline", t2, no_text));
    g_ptr_array_add (m, mut_put (mid++, "timeline", t3, bad_kind));
    g_ptr_array_add (m, mut_put (mid++, "timeline", t4, pinned));
  }
  g_ptr_array_add (m, mut_put (mid++, "roles", role_id,
                               g_strdup ("{\"role\": \"commander\", \"person\": \"alice\"}")));
  {
    g_autofree char *bad_role = g_strdup_printf ("{\"incident_id\": \"%s\", \"role\": \"king\","
                                                 " \"person\": \"alice\"}", inc);
    g_autofree char *bad_phase = g_strdup_printf ("{\"incident_id\": \"%s\", \"phase\": \"lunch\","
                                                  " \"key\": \"declare\", \"text\": \"Declare\","
                                                  " \"position\": 1, \"done\": false}", inc);

    g_ptr_array_add (m, mut_put (mid++, "roles", role_id, bad_role));
    g_ptr_array_add (m, mut_put (mid++, "checklist", check_id, bad_phase));
  }
  /* A patch is checked too. */
  g_ptr_array_add (m, mut_patch (mid++, "incidents", inc, g_strdup ("{\"severity\": \"P0\"}")));
  g_ptr_array_add (m, mut_patch (mid++, "incidents", inc, g_strdup ("{\"major\": 1}")));
  g_ptr_array_add (m, mut_put (mid++, "timeline", ok_tl, timeline_body (inc, "Still applied")));
  n = m->len;
  json = push_jsonv (cid, m);

  results = push_results (server, server->responder, json, n);
  g_assert_cmpuint (json_array_get_length (results), ==, n);
  g_assert_cmpint (assert_applied (result_at (results, 0), 1), ==, 1);
  for (guint i = 1; i < n - 1; i++)
    assert_rejected (result_at (results, i), i + 1);
  g_assert_cmpint (assert_applied (result_at (results, n - 1), n), ==, 2);
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 2);

  snapshot = sitrep_test_snapshot (server);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (snapshot, "records")),
                    ==, 2);
  record = sitrep_test_find_record (snapshot, "incidents", inc);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (record, "body"),
                                                  "severity"), ==, "P2");
  g_assert_nonnull (sitrep_test_find_record (snapshot, "timeline", ok_tl));

  /* Rejections used up their mids; a retry gets the same rejection. */
  {
    g_autofree char *t = sitrep_test_uuid ();

    next = push_json (cid, mut_put (n + 1, "timeline", t, timeline_body (inc, "after")), NULL);
  }
  next_results = push_results (server, server->responder, next, n + 1);
  g_assert_cmpint (assert_applied (result_at (next_results, 0), n + 1), ==, 3);
  {
    g_autoptr(JsonArray) again = push_results (server, server->responder, json, -1);
    g_autoptr(JsonNode) a = json_node_init_array (json_node_alloc (), results);
    g_autoptr(JsonNode) b = json_node_init_array (json_node_alloc (), again);

    g_assert_true (json_equal_strings (a, b));
  }
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 3);
}

/* {"client_id": …, "mutations": [{…, "body": {…, "x_deep": [[…]]}}]}: the
 * outer object, the array, the mutation and the body make 4 levels, the
 * arrays the rest. */
static char *
nested_push (const char *cid,
             const char *id,
             guint       depth)
{
  g_autofree char *open = g_strnfill (depth - 4, '[');
  g_autofree char *close = g_strnfill (depth - 4, ']');
  g_autofree char *body = g_strdup_printf ("{\"title\": \"Deep\", \"severity\": \"P4\","
                                           " \"x_deep\": %s%s}", open, close);

  return push_json (cid, mut_put (1, "incidents", id, body), NULL);
}

#define T_BODY "\"body\": {\"title\": \"t\", \"severity\": \"P1\"}"

static void
test_bad_request (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *seed_cid = sitrep_test_uuid ();
  g_autofree char *seed = push_json (seed_cid, mut_put (1, "incidents", inc,
                                                        incident_body ("Before", "P3")), NULL);
  g_autoptr(JsonArray) seeded = push_results (server, server->responder, seed, 1);
  g_autoptr(JsonObject) before = sitrep_test_snapshot (server);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *valid = mut_put (1, "timeline", "00000000-0000-4000-8000-00000000000a",
                                    timeline_body (inc, "would apply"));
  g_autofree char *good = push_json (cid, g_strdup (valid), NULL);
  g_autoptr(JsonArray) results = NULL;
  const char *mutations[] = {
    /* without mid, op, coll, id */
    "{\"op\": \"put\", \"coll\": \"incidents\", \"id\": \"%s\", "
    T_BODY "}",
    "{\"mid\": 1, \"coll\": \"incidents\", \"id\": \"%s\", "
    T_BODY "}",
    "{\"mid\": 1, \"op\": \"put\", \"id\": \"%s\", "
    T_BODY "}",
    "{\"mid\": 1, \"op\": \"put\", \"coll\": \"incidents\", "
    T_BODY "}",
    /* unknown op, unknown collection */
    "{\"mid\": 1, \"op\": \"upsert\", \"coll\": \"incidents\", \"id\": \"%s\", "
    T_BODY "}",
    "{\"mid\": 1, \"op\": \"put\", \"coll\": \"bananas\", \"id\": \"%s\", \"body\": {}}",
    /* mid of the wrong type */
    "{\"mid\": \"1\", \"op\": \"put\", \"coll\": \"incidents\", \"id\": \"%s\", "
    T_BODY "}",
  };

  assert_applied (result_at (seeded, 0), 1);

  g_ptr_array_add (bodies, g_strdup ("{not json"));
  g_ptr_array_add (bodies, g_strdup (""));
  g_ptr_array_add (bodies, g_strdup ("[]"));
  g_ptr_array_add (bodies, g_strconcat (good, " trailing", NULL));
  g_ptr_array_add (bodies, g_strdup_printf ("{\"mutations\": [%s]}", valid));
  g_ptr_array_add (bodies, g_strdup_printf ("{\"client_id\": 5, \"mutations\": [%s]}", valid));
  g_ptr_array_add (bodies, g_strdup_printf ("{\"client_id\": \"%s\"}", cid));
  g_ptr_array_add (bodies, g_strdup_printf ("{\"client_id\": \"%s\", \"mutations\": {}}", cid));
  g_ptr_array_add (bodies, g_strdup_printf ("{\"client_id\": \"%s\", \"mutations\": [%s]}",
                                            cid, "{\"mid\": 1, \"op\": \"put\", \"coll\": "
                                            "\"timeline\", \"id\": \"\xc3\x28\", \"body\": {}}"));
  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      g_autofree char *mutation = fill_id (mutations[i], inc);
      g_autofree char *second = NULL;

      /* Alone, and after a valid mutation that must not apply either. */
      g_ptr_array_add (bodies, g_strdup_printf ("{\"client_id\": \"%s\", \"mutations\": [%s]}",
                                                cid, mutation));
      second = g_strdup (mutation);
      if (strstr (second, "\"mid\": 1") != NULL)
        memcpy (strstr (second, "\"mid\": 1"), "\"mid\": 2", 8);
      g_ptr_array_add (bodies, g_strdup_printf ("{\"client_id\": \"%s\", \"mutations\": [%s, %s]}",
                                                cid, valid, second));
    }
  g_ptr_array_add (bodies, nested_push (cid, inc, 33));
  g_ptr_array_add (bodies, nested_push (cid, inc, 200));

  for (guint i = 0; i < bodies->len; i++)
    {
      g_autoptr(SitrepReply) reply = sitrep_test_push (server, server->responder,
                                                       g_ptr_array_index (bodies, i));

      sitrep_assert_error (reply, 400, "bad_request");
    }

  g_assert_cmpint (sitrep_test_health_seq (server), ==, 1);
  after = sitrep_test_snapshot (server);
  {
    g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), before);
    g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), after);

    g_assert_true (json_equal_strings (a, b));
  }

  /* Nothing of them was applied, not even the mid. */
  results = push_results (server, server->responder, good, 1);
  g_assert_cmpint (assert_applied (result_at (results, 0), 1), ==, 2);
}

static void
test_depth (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *id = sitrep_test_uuid ();
  g_autofree char *too_deep = nested_push (cid, id, 33);
  g_autofree char *deepest = nested_push (cid, id, 32);
  g_autoptr(SitrepReply) reply = sitrep_test_push (server, server->responder, too_deep);
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(JsonObject) snapshot = NULL;
  JsonNode *deep;
  guint levels = 0;

  sitrep_assert_error (reply, 400, "bad_request");
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 0);

  results = push_results (server, server->responder, deepest, 1);
  assert_applied (result_at (results, 0), 1);

  /* Kept as an unknown field, all 28 levels of it. */
  snapshot = sitrep_test_snapshot (server);
  deep = json_object_get_member (json_object_get_object_member (
                                   sitrep_test_find_record (snapshot, "incidents", id), "body"),
                                 "x_deep");
  while (deep != NULL && JSON_NODE_HOLDS_ARRAY (deep))
    {
      JsonArray *array = json_node_get_array (deep);

      levels++;
      deep = json_array_get_length (array) > 0 ? json_array_get_element (array, 0) : NULL;
    }
  g_assert_cmpuint (levels, ==, 28);
}

static void
test_unknown_fields (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *t = sitrep_test_uuid ();
  const char *extra = "{\"nested\": [1, \"two\", {\"three\": null, \"four\": [true, false]}],"
                      " \"flag\": true,"
                      " \"unicode\": \"h\xc3\xa9llo \xe2\x9c\x93 \\u00e9\\n\\\"q\\\"\"}";
  g_autofree char *tl_body = g_strdup_printf ("{\"incident_id\": \"%s\", \"text\": \"future\","
                                              " \"kind\": \"note\", \"x_future\": %s,"
                                              " \"x_number\": 1.5, \"x_null\": null}", inc, extra);
  g_autofree char *json = push_json (cid,
                                     mut_put (1, "incidents", inc, incident_body ("Fields", "P3")),
                                     mut_put (2, "timeline", t, g_strdup (tl_body)),
                                     mut_patch (3, "timeline", t,
                                                g_strdup ("{\"x_patched\": [1, 2],"
                                                          " \"pinned\": true}")),
                                     NULL);
  g_autoptr(JsonArray) results = push_results (server, server->responder, json, 3);
  g_autoptr(JsonObject) snapshot = NULL;
  g_autoptr(JsonArray) changes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *expected;
  JsonObject *body;
  JsonObject *put_change;

  for (guint i = 0; i < 3; i++)
    assert_applied (result_at (results, i), i + 1);

  g_assert_true (json_parser_load_from_data (parser, tl_body, -1, NULL));
  expected = json_node_get_object (json_parser_get_root (parser));

  /* In the change of the put, the body as sent. */
  changes = sitrep_test_all_changes (server, 0);
  put_change = find_change (changes, 2);
  g_assert_nonnull (put_change);
  g_assert_true (json_equal_strings (json_object_get_member (put_change, "body"),
                                     json_parser_get_root (parser)));

  /* In the snapshot, that plus the patch. */
  json_object_set_array_member (expected, "x_patched", json_array_new ());
  json_array_add_int_element (json_object_get_array_member (expected, "x_patched"), 1);
  json_array_add_int_element (json_object_get_array_member (expected, "x_patched"), 2);
  json_object_set_boolean_member (expected, "pinned", TRUE);
  snapshot = sitrep_test_snapshot (server);
  body = json_object_get_object_member (sitrep_test_find_record (snapshot, "timeline", t), "body");
  {
    g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), expected);
    g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), body);

    g_assert_true (json_equal_strings (a, b));
  }
}

static void
assert_ref (const char *ref)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *year = g_strdup_printf ("INC-%04d-", g_date_time_get_year (now));

  if (ref == NULL || !g_regex_match_simple ("^INC-[0-9]{4}-[0-9]{3}$", ref, 0, 0))
    sitrep_test_note ("ref is \"%s\", not INC-YYYY-NNN", ref);
  g_assert_nonnull (ref);
  g_assert_true (g_regex_match_simple ("^INC-[0-9]{4}-[0-9]{3}$", ref, 0, 0));
  g_assert_true (g_str_has_prefix (ref, year));
}

static void
test_ref (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *a = sitrep_test_uuid ();
  g_autofree char *b = sitrep_test_uuid ();
  g_autofree char *json = push_json (cid,
                                     mut_put (1, "incidents", a, incident_body ("First", "P1")),
                                     mut_put (2, "incidents", b, incident_body ("Second", "P3")),
                                     NULL);
  g_autoptr(JsonArray) results = push_results (server, server->responder, json, 2);
  g_autoptr(JsonObject) snapshot = sitrep_test_snapshot (server);
  g_autoptr(JsonArray) changes = sitrep_test_all_changes (server, 0);
  const char *ref_a;
  const char *ref_b;

  assert_applied (result_at (results, 1), 2);
  ref_a = json_object_get_string_member_with_default (
            json_object_get_object_member (sitrep_test_find_record (snapshot, "incidents", a),
                                           "body"), "ref", NULL);
  ref_b = json_object_get_string_member_with_default (
            json_object_get_object_member (sitrep_test_find_record (snapshot, "incidents", b),
                                           "body"), "ref", NULL);
  assert_ref (ref_a);
  assert_ref (ref_b);
  g_assert_cmpstr (ref_a, !=, ref_b);

  /* Followers of the change feed see it too. */
  g_assert_cmpstr (json_object_get_string_member_with_default (
                     json_object_get_object_member (find_change (changes, 1), "body"), "ref",
                     NULL), ==, ref_a);
  g_assert_cmpstr (json_object_get_string_member_with_default (
                     json_object_get_object_member (find_change (changes, 2), "body"), "ref",
                     NULL), ==, ref_b);
}

static void
test_actor (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *cid2 = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *t = sitrep_test_uuid ();
  g_autofree char *by_responder = push_json (cid, mut_put (1, "incidents", inc,
                                                           incident_body ("Actors", "P3")),
                                             NULL);
  g_autofree char *by_admin = push_json (cid2, mut_put (1, "timeline", t,
                                                        timeline_body (inc, "by admin")),
                                         NULL);
  g_autoptr(JsonArray) r1 = push_results (server, server->responder, by_responder, 1);
  g_autoptr(JsonArray) r2 = push_results (server, server->admin, by_admin, 1);
  g_autoptr(JsonArray) changes = sitrep_test_all_changes (server, 0);
  const char *names[] = { "responder", "admin" };
  const char *cids[] = { cid, cid2 };

  assert_applied (result_at (r1, 0), 1);
  assert_applied (result_at (r2, 0), 1);
  g_assert_cmpuint (json_array_get_length (changes), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      const char *ts = json_object_get_string_member_with_default (change, "ts", NULL);

      g_assert_cmpstr (json_object_get_string_member_with_default (change, "actor", NULL), ==,
                       names[i]);
      g_assert_cmpstr (json_object_get_string_member_with_default (change, "client_id", NULL),
                       ==, cids[i]);
      if (ts == NULL ||
          !g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
                                 "(\\.[0-9]{1,3})?Z$", ts, 0, 0))
        sitrep_test_note ("ts is \"%s\", not RFC 3339 UTC with Z", ts);
      g_assert_nonnull (ts);
      g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:"
                                           "[0-9]{2}(\\.[0-9]{1,3})?Z$", ts, 0, 0));
      /* And it is now, not some default. */
      {
        g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (ts, NULL);
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

        g_assert_nonnull (when);
        g_assert_cmpint (ABS (g_date_time_difference (now, when)), <, 120 * G_USEC_PER_SEC);
      }
    }
}

static void
test_text_limit (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *t1 = sitrep_test_uuid ();
  g_autofree char *t2 = sitrep_test_uuid ();
  g_autofree char *at_limit = g_strnfill (64 * 1024, 'a');
  g_autofree char *over = g_strnfill (64 * 1024 + 1, 'b');
  /* Two pushes: the four fields together would pass the 256 KiB limit. */
  g_autofree char *json = push_json (cid,
                                     mut_put (1, "incidents", inc, incident_body (at_limit, "P3")),
                                     mut_put (2, "timeline", t1, timeline_body (inc, over)),
                                     NULL);
  g_autofree char *json2 = push_json (cid,
                                      mut_patch (3, "incidents", inc,
                                                 g_strdup_printf ("{\"summary\": \"%s\"}", over)),
                                      mut_put (4, "timeline", t2, timeline_body (inc, at_limit)),
                                      NULL);
  g_autoptr(JsonArray) results = push_results (server, server->responder, json, 2);
  g_autoptr(JsonArray) results2 = push_results (server, server->responder, json2, 4);
  g_autoptr(JsonObject) snapshot = NULL;
  JsonObject *body;

  g_assert_cmpint (assert_applied (result_at (results, 0), 1), ==, 1);
  assert_rejected (result_at (results, 1), 2);
  assert_rejected (result_at (results2, 0), 3);
  g_assert_cmpint (assert_applied (result_at (results2, 1), 4), ==, 2);

  snapshot = sitrep_test_snapshot (server);
  g_assert_null (sitrep_test_find_record (snapshot, "timeline", t1));
  body = json_object_get_object_member (sitrep_test_find_record (snapshot, "incidents", inc),
                                        "body");
  g_assert_cmpuint (strlen (json_object_get_string_member (body, "title")), ==, 64 * 1024);
  g_assert_cmpstr (json_object_get_string_member (body, "summary"), ==, "");
}

void
add_protocol_push_tests (void)
{
  sitrep_test_add ("/integration/push/apply", test_apply);
  sitrep_test_add ("/integration/push/retry", test_retry);
  sitrep_test_add ("/integration/push/mid-gap", test_mid_gap);
  sitrep_test_add ("/integration/push/conflict", test_conflict);
  sitrep_test_add ("/integration/push/rejected", test_rejected);
  sitrep_test_add ("/integration/push/bad-request", test_bad_request);
  sitrep_test_add ("/integration/push/depth", test_depth);
  sitrep_test_add ("/integration/push/unknown-fields", test_unknown_fields);
  sitrep_test_add ("/integration/push/ref", test_ref);
  sitrep_test_add ("/integration/push/actor", test_actor);
  sitrep_test_add ("/integration/push/text-limit", test_text_limit);
}

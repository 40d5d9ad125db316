/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-protocol.c: sitrep-server against PROTOCOL.md, endpoint by endpoint
 *
 * This file: health, authentication and roles, unknown paths, media types,
 * size limits, rate limiting, and bad input that must never hurt the
 * server. Pushes, the change feed and the Alertmanager intake have their
 * own files. Every test starts its own server on a fresh database.
 */

#include "config.h"

#include <string.h>

#include "protocol-common.h"

static const char *valid_alert =
  "{\"receiver\": \"sitrep\", \"status\": \"firing\", \"alerts\": [{\"status\": \"firing\","
  " \"labels\": {\"alertname\": \"HighErrorRate\", \"service\": \"payments\","
  " \"severity\": \"critical\"}, \"annotations\": {\"error_rate\": \"0.25\"},"
  " \"startsAt\": \"2026-11-27T14:30:00Z\", \"endsAt\": \"0001-01-01T00:00:00Z\","
  " \"generatorURL\": \"http://prometheus:9090/graph\", \"fingerprint\": \"0123456789abcdef\"}],"
  " \"groupLabels\": {\"alertname\": \"HighErrorRate\"},"
  " \"commonLabels\": {\"alertname\": \"HighErrorRate\", \"service\": \"payments\"},"
  " \"commonAnnotations\": {\"error_rate\": \"0.25\"},"
  " \"externalURL\": \"http://alertmanager:9093\", \"version\": \"4\","
  " \"groupKey\": \"{}:{alertname=\\\"HighErrorRate\\\"}\", \"truncatedAlerts\": 0}";

static void
test_health (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SitrepReply) reply = sitrep_test_get (server, NULL, "/v1/health");
  g_autoptr(SitrepReply) after = NULL;
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *id = sitrep_test_uuid ();
  g_autofree char *json = NULL;
  g_autoptr(JsonArray) results = NULL;
  JsonObject *obj;

  sitrep_assert_status (reply, 200);
  obj = sitrep_reply_object (reply);
  g_assert_cmpstr (json_object_get_string_member_with_default (obj, "status", NULL), ==, "ok");
  g_assert_true (json_object_has_member (obj, "seq"));
  g_assert_cmpint (json_object_get_int_member (obj, "seq"), ==, 0);
  g_assert_nonnull (json_object_get_string_member_with_default (obj, "version", NULL));
  g_assert_cmpstr (json_object_get_string_member (obj, "version"), !=, "");

  /* The seq follows the change log. */
  json = push_json (cid, mut_put (1, "incidents", id, incident_body ("Health", "P3")), NULL);
  results = push_results (server, server->responder, json, 1);
  assert_applied (result_at (results, 0), 1);
  after = sitrep_test_get (server, NULL, "/v1/health");
  sitrep_assert_status (after, 200);
  g_assert_cmpint (json_object_get_int_member (sitrep_reply_object (after), "seq"), ==, 1);
}

static void
assert_unauthorized (SitrepReply *reply)
{
  const char *challenge;

  sitrep_assert_error (reply, 401, "unauthorized");
  challenge = soup_message_headers_get_one (reply->headers, "WWW-Authenticate");
  if (challenge == NULL || g_ascii_strncasecmp (challenge, "Bearer", 6) != 0)
    sitrep_test_note ("%s: WWW-Authenticate is %s", reply->what, challenge);
  g_assert_nonnull (challenge);
  g_assert_true (g_ascii_strncasecmp (challenge, "Bearer", 6) == 0);
}

static void
test_unauthorized (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *id = sitrep_test_uuid ();
  g_autofree char *push = push_json (cid, mut_put (1, "incidents", id,
                                                   incident_body ("Unauthorized", "P1")),
                                     NULL);
  g_autofree char *revoked = g_strconcat ("Bearer ", server->revoked, NULL);
  g_autofree char *lower = g_strconcat ("Bearer ", server->responder, "x", NULL);
  g_autofree char *basic = g_strconcat ("Basic ", server->responder, NULL);
  const char *auths[] = {
    NULL,
    "Bearer ",
    "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    revoked,
    lower,
    basic,
  };
  struct { const char *method; const char *path; const char *body; } endpoints[] = {
    { "GET", "/v1/changes?since=0", NULL },
    { "GET", "/v1/changes?since=0&wait=1", NULL },
    { "GET", "/v1/snapshot", NULL },
    { "POST", "/v1/push", push },
    { "POST", "/v1/integrations/alertmanager", valid_alert },
  };
  g_autoptr(JsonObject) snapshot = NULL;

  for (guint e = 0; e < G_N_ELEMENTS (endpoints); e++)
    for (guint a = 0; a < G_N_ELEMENTS (auths); a++)
      {
        g_autoptr(SitrepReply) reply =
          sitrep_test_request_auth (server, endpoints[e].method, endpoints[e].path, auths[a],
                                    endpoints[e].body != NULL ? "application/json" : NULL,
                                    endpoints[e].body);

        assert_unauthorized (reply);
      }

  /* Nothing got in, and the client_id is still free for a real token. */
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 0);
  snapshot = sitrep_test_snapshot (server);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (snapshot, "records")),
                    ==, 0);
  {
    g_autoptr(JsonArray) results = push_results (server, server->responder, push, 1);

    assert_applied (result_at (results, 0), 1);
  }
}

static void
test_viewer_forbidden (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *id = sitrep_test_uuid ();
  g_autofree char *push = push_json (cid, mut_put (1, "incidents", id,
                                                   incident_body ("Viewer", "P2")),
                                     NULL);
  g_autoptr(SitrepReply) reply = sitrep_test_push (server, server->viewer, push);
  g_autoptr(SitrepReply) snapshot = NULL;
  g_autoptr(SitrepReply) changes = NULL;

  sitrep_assert_error (reply, 403, "forbidden");
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 0);

  /* A viewer reads. */
  snapshot = sitrep_test_get (server, server->viewer, "/v1/snapshot");
  sitrep_assert_status (snapshot, 200);
  changes = sitrep_test_get (server, server->viewer, "/v1/changes?since=0");
  sitrep_assert_status (changes, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      sitrep_reply_object (changes), "changes")), ==, 0);

  /* The viewer did not take the client_id either. */
  {
    g_autoptr(JsonArray) results = push_results (server, server->responder, push, 1);

    assert_applied (result_at (results, 0), 1);
  }
}

static void
test_client_id_owner (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *a = sitrep_test_uuid ();
  g_autofree char *b = sitrep_test_uuid ();
  g_autofree char *first = push_json (cid, mut_put (1, "incidents", a,
                                                    incident_body ("Owner", "P2")), NULL);
  g_autofree char *second = push_json (cid, mut_put (2, "incidents", b,
                                                     incident_body ("Intruder", "P2")), NULL);
  g_autoptr(JsonArray) results = push_results (server, server->responder, first, 1);
  g_autoptr(JsonArray) own = NULL;
  const char *others[] = { server->responder2, server->admin };

  assert_applied (result_at (results, 0), 1);

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(SitrepReply) next = sitrep_test_push (server, others[i], second);
      g_autoptr(SitrepReply) retry = sitrep_test_push (server, others[i], first);

      /* Neither a new mid nor someone else's stored answer. */
      sitrep_assert_error (next, 403, "forbidden");
      sitrep_assert_error (retry, 403, "forbidden");
    }
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 1);

  own = push_results (server, server->responder, second, 2);
  g_assert_cmpint (assert_applied (result_at (own, 0), 2), ==, 2);
}

static void
test_not_found (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  struct { const char *method; const char *path; } paths[] = {
    { "GET", "/v1/nope" },
    { "GET", "/" },
    { "GET", "/v2/health" },
    { "GET", "/v1/snapshot/extra" },
    { "POST", "/v1/pushx" },
    { "GET", "/v1/integrations/pagerduty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(SitrepReply) reply = NULL;

      if (g_str_equal (paths[i].method, "POST"))
        reply = sitrep_test_request (server, NULL, "POST", paths[i].path, server->admin,
                                     "application/json", "{}", -1);
      else
        reply = sitrep_test_get (server, server->admin, paths[i].path);
      sitrep_assert_error (reply, 404, "not_found");
    }
}

static void
test_media_type (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *id = sitrep_test_uuid ();
  g_autofree char *push = push_json (cid, mut_put (1, "incidents", id,
                                                   incident_body ("Media", "P3")), NULL);
  const char *types[] = { "text/plain", "application/x-www-form-urlencoded",
                          "multipart/form-data; boundary=x", NULL };
  g_autoptr(SitrepReply) charset = NULL;
  g_autoptr(SitrepReply) alert = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(SitrepReply) reply = sitrep_test_request (server, NULL, "POST", "/v1/push",
                                                          server->responder, types[i],
                                                          push, -1);

      sitrep_assert_error (reply, 415, "unsupported_media_type");
    }
  alert = sitrep_test_request (server, NULL, "POST", "/v1/integrations/alertmanager",
                               server->responder, "text/plain", valid_alert, -1);
  sitrep_assert_error (alert, 415, "unsupported_media_type");
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 0);

  /* A charset parameter is still JSON. */
  charset = sitrep_test_request (server, NULL, "POST", "/v1/push", server->responder,
                                 "application/json; charset=utf-8", push, -1);
  sitrep_assert_status (charset, 200);
  assert_applied (result_at (json_object_get_array_member (sitrep_reply_object (charset),
                                                           "results"), 0), 1);
}

/* A push of @n_mutations incidents; @pad adds an unknown field that long. */
static char *
big_push (const char *cid,
          guint       n_mutations,
          gsize       pad)
{
  g_autoptr(GPtrArray) mutations = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *filler = NULL;

  filler = g_strnfill (pad, 'x');
  for (guint i = 0; i < n_mutations; i++)
    {
      g_autofree char *id = sitrep_test_uuid ();
      g_autofree char *body =
        g_strdup_printf ("{\"title\": \"Bulk %u\", \"severity\": \"P4\", \"x_pad\": \"%s\"}",
                         i, filler);

      g_ptr_array_add (mutations, mut_put (i + 1, "incidents", id, body));
    }
  return push_jsonv (cid, mutations);
}

static void
test_too_many_mutations (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *cid2 = sitrep_test_uuid ();
  g_autofree char *over = big_push (cid, 101, 0);
  g_autofree char *hundred = big_push (cid2, 100, 0);
  g_autoptr(SitrepReply) reply = sitrep_test_push (server, server->responder, over);
  g_autoptr(JsonArray) results = NULL;
  g_autofree char *first = NULL;

  sitrep_assert_error (reply, 413, "too_large");
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 0);

  results = push_results (server, server->responder, hundred, 100);
  g_assert_cmpuint (json_array_get_length (results), ==, 100);
  for (guint i = 0; i < 100; i++)
    g_assert_cmpint (assert_applied (result_at (results, i), i + 1), ==, i + 1);

  /* The refused push used up no mid. */
  first = big_push (cid, 1, 0);
  {
    g_autoptr(JsonArray) one = push_results (server, server->responder, first, 1);

    g_assert_cmpint (assert_applied (result_at (one, 0), 1), ==, 101);
  }
}

static void
test_too_large (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *huge = big_push (cid, 1, 300 * 1024);
  g_autofree char *fits = big_push (cid, 4, 60 * 1024);
  g_autoptr(SitrepReply) plain = NULL;
  g_autoptr(SitrepReply) chunked = NULL;
  g_autoptr(SitrepReply) chunked_small = NULL;
  g_autoptr(SitrepReply) ok = NULL;
  g_autoptr(GBytes) huge_bytes = g_bytes_new (huge, strlen (huge));
  g_autoptr(GInputStream) huge_stream = g_memory_input_stream_new_from_bytes (huge_bytes);

  g_assert_cmpuint (strlen (huge), >, 256 * 1024);
  g_assert_cmpuint (strlen (fits), <, 256 * 1024);

  /* With Content-Length. */
  plain = sitrep_test_push (server, server->responder, huge);
  sitrep_assert_error (plain, 413, "too_large");

  /* Chunked: the length is only known by reading. */
  chunked = sitrep_test_request_stream (server, NULL, "POST", "/v1/push", server->responder,
                                        "application/json", huge_stream);
  sitrep_assert_error (chunked, 413, "too_large");
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 0);

  /* Just under the limit, four 60 KiB fields: accepted. */
  ok = sitrep_test_push (server, server->responder, fits);
  sitrep_assert_status (ok, 200);
  for (guint i = 0; i < 4; i++)
    assert_applied (result_at (json_object_get_array_member (sitrep_reply_object (ok),
                                                             "results"), i), i + 1);

  /* And a small chunked body is a normal push. */
  {
    g_autofree char *cid2 = sitrep_test_uuid ();
    g_autofree char *small2 = big_push (cid2, 1, 10);
    g_autoptr(GBytes) bytes2 = g_bytes_new (small2, strlen (small2));
    g_autoptr(GInputStream) stream2 = g_memory_input_stream_new_from_bytes (bytes2);

    chunked_small = sitrep_test_request_stream (server, NULL, "POST", "/v1/push",
                                                server->responder, "application/json",
                                                stream2);
    sitrep_assert_status (chunked_small, 200);
    assert_applied (result_at (json_object_get_array_member (
                                 sitrep_reply_object (chunked_small), "results"), 0), 1);
  }
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 5);
}

static guint
retry_after_seconds (SitrepReply *reply)
{
  const char *value = soup_message_headers_get_one (reply->headers, "Retry-After");
  guint64 seconds = 0;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, 3600, &seconds, NULL))
    sitrep_test_note ("%s: Retry-After is \"%s\", not delay-seconds", reply->what, value);
  g_assert_nonnull (value);
  g_assert_true (g_ascii_string_to_unsigned (value, 10, 0, 3600, &seconds, NULL));
  g_assert_cmpuint (seconds, >=, 1);
  g_assert_cmpuint (seconds, <=, 60);
  return (guint) seconds;
}

/* GETs until one is refused, so the token's bucket holds less than one
 * request; returns that reply's Retry-After. */
static guint
drain (SitrepTestServer *server)
{
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(SitrepReply) reply = sitrep_test_get (server, server->responder,
                                                      "/v1/changes?since=0");

      if (reply->status == 429)
        return retry_after_seconds (reply);
      sitrep_assert_status (reply, 200);
    }
  g_assert_not_reached ();
  return 0;
}

static void
test_rate_limit (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new_with_args ("--rate-limit", "5", NULL);
  g_autofree char *cid = sitrep_test_uuid ();
  g_autoptr(SitrepReply) other = NULL;
  g_autoptr(SitrepReply) later = NULL;
  g_autofree char *push = NULL;
  guint n_limited = 0;
  guint n_applied = 0;
  guint wait_s = 0;
  guint mid = 0;
  gboolean push_limited = FALSE;
  gint64 start = g_get_monotonic_time ();
  double elapsed;

  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(SitrepReply) reply = sitrep_test_get (server, server->responder,
                                                      "/v1/changes?since=0");

      /* A burst of 2N is allowed. */
      if (i < 10)
        {
          sitrep_assert_status (reply, 200);
          continue;
        }
      if (reply->status == 429)
        {
          sitrep_assert_error (reply, 429, "rate_limited");
          wait_s = retry_after_seconds (reply);
          n_limited++;
        }
      else
        {
          sitrep_assert_status (reply, 200);
        }
    }
  elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  sitrep_test_note ("%u of 30 requests in %.2f s were rate limited", n_limited, elapsed);
  g_assert_cmpuint (n_limited, >=, 1);
  /* At most the burst plus what 5 per second refill in that time. */
  g_assert_cmpuint (30 - n_limited, <=, 10 + (guint) (5 * elapsed) + 1);

  /* Limits are per token. */
  other = sitrep_test_get (server, server->responder2, "/v1/snapshot");
  sitrep_assert_status (other, 200);

  /* A limited push applies nothing. Sent right after a refusal it is
   * refused too, unless the bucket refilled in between: then it applies,
   * and the next one is tried on a drained bucket again. */
  while (!push_limited && mid < 10)
    {
      g_autofree char *id = sitrep_test_uuid ();
      g_autoptr(SitrepReply) reply = NULL;

      g_free (push);
      push = push_json (cid, mut_put (++mid, "incidents", id, incident_body ("Limited", "P3")),
                        NULL);
      wait_s = drain (server);
      reply = sitrep_test_push (server, server->responder, push);
      if (reply->status == 429)
        {
          sitrep_assert_error (reply, 429, "rate_limited");
          wait_s = retry_after_seconds (reply);
          push_limited = TRUE;
        }
      else
        {
          sitrep_assert_status (reply, 200);
          n_applied++;
        }
      g_assert_cmpint (sitrep_test_health_seq (server), ==, n_applied);
    }
  g_assert_true (push_limited);

  /* Waiting as told is enough: the refused push then applies. */
  g_usleep ((gulong) MIN (wait_s, 5) * G_USEC_PER_SEC);
  later = sitrep_test_push (server, server->responder, push);
  sitrep_assert_status (later, 200);
  assert_applied (result_at (json_object_get_array_member (sitrep_reply_object (later),
                                                           "results"), 0), mid);
  g_assert_cmpint (sitrep_test_health_seq (server), ==, n_applied + 1);
}

/* Garbage of every kind: the answer is a 4xx with a JSON error body (or a
 * 200 with nothing applied), never a 5xx, a crash or a partial write. */
static void
test_bad_bodies (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *tl = sitrep_test_uuid ();
  g_autofree char *seed = push_json (cid,
                                     mut_put (1, "incidents", inc, incident_body ("Seed", "P2")),
                                     mut_put (2, "timeline", tl, timeline_body (inc, "seeded")),
                                     NULL);
  g_autoptr(JsonArray) seeded = push_results (server, server->responder, seed, 2);
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autofree char *fresh = sitrep_test_uuid ();
  char *binary;
  const char *paths[] = { "/v1/push", "/v1/integrations/alertmanager" };

  assert_applied (result_at (seeded, 1), 2);
  before = sitrep_test_snapshot (server);

  binary = g_malloc (1025);
  for (guint i = 0; i < 1024; i++)
    binary[i] = (char) g_rand_int_range (rand, 1, 256);
  binary[1024] = '\0';
  g_ptr_array_add (bodies, binary);
  g_ptr_array_add (bodies, g_strnfill (250000, '['));
  {
    GString *s = g_string_new (NULL);

    for (guint i = 0; i < 40000; i++)
      g_string_append (s, "{\"a\":");
    g_ptr_array_add (bodies, g_string_free (s, FALSE));
  }
  g_ptr_array_add (bodies, g_strdup ("null"));
  g_ptr_array_add (bodies, g_strdup ("\"just a string\""));
  g_ptr_array_add (bodies, g_strdup ("{\"client_id\": \"\xff\xfe\", \"mutations\": []}"));
  g_ptr_array_add (bodies,
                   g_strdup_printf ("{\"client_id\": \"%s\", \"mutations\": [{\"mid\": 1e400,"
                                    " \"op\": \"put\", \"coll\": \"incidents\", \"id\": \"%s\","
                                    " \"body\": {\"title\": \"x\", \"severity\": \"P1\"}}]}",
                                    fresh, inc));
  {
    const char *mids[] = { "-1", "0", "1.5", "9223372036854775807", "99999999999999999999",
                           "null", "true", "[1]" };

    for (guint i = 0; i < G_N_ELEMENTS (mids); i++)
      g_ptr_array_add (bodies,
                       g_strdup_printf ("{\"client_id\": \"%s\", \"mutations\": [{\"mid\": %s,"
                                        " \"op\": \"put\", \"coll\": \"incidents\", \"id\": \"%s\","
                                        " \"body\": {\"title\": \"Mid %s\","
                                        " \"severity\": \"P1\"}}]}",
                                        fresh, mids[i], inc, mids[i]));
  }
  {
    /* Each of these fails on the first mutation of a fresh client_id. */
    const char *mutations[] = {
      "{\"mid\": 1, \"op\": \"put\", \"coll\": \"incidents\", \"id\": 5, \"body\": {}}",
      "{\"mid\": 1, \"op\": \"put\", \"coll\": \"incidents\", \"id\": \"%s\", \"body\": \"str\"}",
      "{\"mid\": 1, \"op\": \"put\", \"coll\": \"incidents\", \"id\": \"%s\", \"body\": [1]}",
      "{\"mid\": 1, \"op\": \"put\", \"coll\": \"incidents\", \"id\": \"%s\"}",
      "{\"mid\": 1, \"op\": \"patch\", \"coll\": \"incidents\", \"id\": \"%s\"}",
      "{\"mid\": 1, \"op\": \"patch\", \"coll\": \"incidents\", \"id\": \"%s\","
      " \"fields\": [\"title\"]}",
      "{\"mid\": 1, \"op\": \"delete\", \"coll\": \"incidents\", \"id\": \"%s\","
      " \"base_version\": \"one\"}",
      "{\"mid\": 1, \"op\": \"put\", \"coll\": \"incidents\", \"id\": \"%s\", \"base_version\": -5,"
      " \"body\": {\"title\": \"neg\", \"severity\": \"P1\"}}",
      "{\"mid\": 1, \"op\": null, \"coll\": \"incidents\", \"id\": \"%s\"}",
      "{\"mid\": 1, \"op\": \"put\", \"coll\": [\"incidents\"], \"id\": \"%s\", \"body\": {}}",
      "[]",
      "7",
    };

    for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
      {
        g_autofree char *m = fill_id (mutations[i], inc);

        g_ptr_array_add (bodies, g_strdup_printf ("{\"client_id\": \"%s\", \"mutations\": [%s]}",
                                                  fresh, m));
      }
  }
  g_ptr_array_add (bodies, g_strdup ("{\"version\": \"4\", \"status\": \"firing\","
                                     " \"alerts\": \"x\"}"));
  g_ptr_array_add (bodies, g_strdup ("{\"version\": \"4\", \"status\": \"firing\","
                                     " \"groupKey\": \"k\", \"alerts\": [{\"labels\": 5}]}"));
  g_ptr_array_add (bodies, g_strdup ("{\"version\": \"4\", \"status\": 7, \"groupKey\": [],"
                                     " \"alerts\": [null]}"));

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    for (guint i = 0; i < bodies->len; i++)
      {
        const char *body = g_ptr_array_index (bodies, i);
        g_autoptr(SitrepReply) reply = sitrep_test_request (server, NULL, "POST", paths[p],
                                                            server->admin, "application/json",
                                                            body, -1);

        if (reply->status == 200 && g_str_equal (paths[p], "/v1/push"))
          {
            /* Only acceptable if nothing was applied. */
            JsonArray *results = json_object_get_array_member (sitrep_reply_object (reply),
                                                               "results");

            for (guint r = 0; results != NULL && r < json_array_get_length (results); r++)
              g_assert_cmpstr (json_object_get_string_member_with_default (
                                 result_at (results, r), "status", NULL), !=, "applied");
            continue;
          }
        if (reply->status < 400 || reply->status >= 500)
          sitrep_test_note ("bad body %u on %s: status %u (%s)", i, paths[p], reply->status,
                            reply->what);
        g_assert_no_error (reply->error);
        g_assert_cmpuint (reply->status, >=, 400);
        g_assert_cmpuint (reply->status, <, 500);
        g_assert_nonnull (reply->json);
        g_assert_nonnull (json_object_get_string_member_with_default (
                            sitrep_reply_object (reply), "error", NULL));
      }

  /* Odd query strings and headers. */
  {
    const char *queries[] = {
      "/v1/changes?since=99999999999999999999999",
      "/v1/changes?since=%00",
      "/v1/changes?since=-1",
      "/v1/changes?since=1&since=2",
      "/v1/changes?since=0&limit=-3",
      "/v1/changes?since=0&wait=1e9",
      "/v1/changes?since=0x10",
      "/v1/%2e%2e/%2e%2e/etc/passwd",
    };

    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        g_autoptr(SitrepReply) reply = sitrep_test_get (server, server->admin, queries[i]);

        if (reply->status >= 500 || reply->status == 0)
          sitrep_test_note ("%s -> %u", queries[i], reply->status);
        g_assert_no_error (reply->error);
        g_assert_cmpuint (reply->status, <, 500);
        g_assert_nonnull (reply->json);
      }
  }
  {
    g_autofree char *long_token = g_strnfill (16 * 1024, 'A');
    g_autoptr(SitrepReply) reply = sitrep_test_get (server, long_token, "/v1/snapshot");

    g_assert_no_error (reply->error);
    g_assert_cmpuint (reply->status, >=, 400);
    g_assert_cmpuint (reply->status, <, 500);
  }

  g_assert_cmpint (sitrep_test_health_seq (server), ==, 2);
  after = sitrep_test_snapshot (server);
  {
    g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), before);
    g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), after);

    g_assert_true (json_equal_strings (a, b));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  sitrep_test_add ("/integration/health", test_health);
  sitrep_test_add ("/integration/auth/unauthorized", test_unauthorized);
  sitrep_test_add ("/integration/auth/viewer-may-not-push", test_viewer_forbidden);
  sitrep_test_add ("/integration/auth/client-id-owner", test_client_id_owner);
  sitrep_test_add ("/integration/not-found", test_not_found);
  sitrep_test_add ("/integration/limits/media-type", test_media_type);
  sitrep_test_add ("/integration/limits/too-many-mutations", test_too_many_mutations);
  sitrep_test_add ("/integration/limits/too-large", test_too_large);
  sitrep_test_add ("/integration/limits/rate-limit", test_rate_limit);
  sitrep_test_add ("/integration/robustness/bad-bodies", test_bad_bodies);
  add_protocol_push_tests ();
  add_protocol_changes_tests ();
  add_protocol_alertmanager_tests ();
  add_protocol_input_tests ();
  add_protocol_roles_tests ();

  return g_test_run ();
}

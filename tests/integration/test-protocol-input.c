/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-protocol-input.c: text the server takes in is valid or refused
 *
 * Lone surrogates, NULs (raw or escaped), invalid query parameters and
 * records grown past the body limit: each is refused with a JSON error or
 * a rejected result, and nothing of it is stored.
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "pg-fixture.h"
#include "protocol-common.h"

static void
assert_unchanged (SitrepTestServer *server,
                  JsonObject       *before)
{
  g_autoptr(JsonObject) after = sitrep_test_snapshot (server);
  g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), before);
  g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), after);

  g_assert_true (json_equal_strings (a, b));
}

static char *
nested_arrays (guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* A lone surrogate once hid the nesting after it from the depth check:
 * json-glib took the two bytes after `\ud800` for its missing pair, so its
 * string ended a quote later than the check's, and what the check took for
 * a string json-glib parsed as 120000 nested arrays. */
static void
test_surrogate_hides_no_nesting (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *deep = nested_arrays (120000);
  g_autofree char *push = g_strdup_printf ("{\"client_id\": \"\\ud800\"x\", \"mutations\": %s}",
                                           deep);
  g_autofree char *alert = g_strdup_printf ("{\"groupKey\": \"\\ud800\"x\", \"alerts\": %s}",
                                            deep);
  g_autoptr(SitrepReply) pushed = NULL;
  g_autoptr(SitrepReply) alerted = NULL;

  pushed = sitrep_test_request (server, server->session, "POST", "/v1/push", server->responder,
                                "application/json", push, -1);
  sitrep_assert_error (pushed, 400, "bad_request");
  alerted = sitrep_test_request (server, server->session, "POST",
                                 "/v1/integrations/alertmanager", server->responder,
                                 "application/json", alert, -1);
  sitrep_assert_error (alerted, 400, "bad_request");

  /* still up, nothing written */
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 0);
}

/* Text no client could read back is refused, wherever it is. */
static void
test_invalid_text_refused (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *seed = push_json (cid,
                                     mut_put (1, "incidents", inc, incident_body ("Seed", "P2")),
                                     NULL);
  g_autoptr(JsonArray) seeded = push_results (server, server->responder, seed, 1);
  g_autoptr(JsonObject) before = sitrep_test_snapshot (server);
  g_autofree char *fresh = sitrep_test_uuid ();
  const char *titles[] = { "\\ud800", "\\udfff", "a\\ud800b", "\\ud800\\u0041", "x\\u0000y" };
  g_autoptr(GPtrArray) pushes = g_ptr_array_new_with_free_func (g_free);
  const char *alerts[] = {
    "{\"version\": \"4\", \"status\": \"firing\", \"groupKey\": \"g\\ud800\", \"alerts\": []}",
    "{\"version\": \"4\", \"status\": \"firing\", \"groupKey\": \"g\\u0000h\", \"alerts\": []}",
    "{\"version\": \"4\", \"status\": \"firing\", \"groupKey\": \"g\", \"alerts\": [{\"status\":"
    " \"firing\", \"labels\": {\"alertname\": \"\\udc00\"}}]}",
  };

  assert_applied (result_at (seeded, 0), 1);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"title\": \"%s\", \"severity\": \"P1\"}",
                                               titles[i]);

      g_ptr_array_add (pushes, push_json (fresh, mut_put (1, "incidents", inc, body), NULL));
      g_ptr_array_add (pushes, push_json (cid, mut_patch (2, "incidents", inc, body), NULL));
    }
  g_ptr_array_add (pushes, push_json ("c\\ud800", mut_put (1, "incidents", inc,
                                                           incident_body ("x", "P1")), NULL));
  g_ptr_array_add (pushes, push_json ("c\\u0000d", mut_put (1, "incidents", inc,
                                                            incident_body ("x", "P1")), NULL));
  g_ptr_array_add (pushes, push_json (fresh, mut_put (1, "incidents\\u0000zzz", inc,
                                                      incident_body ("x", "P1")), NULL));
  g_ptr_array_add (pushes, push_json (fresh, mut_put (1, "incidents", "\\ud800",
                                                      incident_body ("x", "P1")), NULL));

  for (guint i = 0; i < pushes->len; i++)
    {
      g_autoptr(SitrepReply) reply = sitrep_test_push (server, server->responder,
                                                       pushes->pdata[i]);

      sitrep_assert_error (reply, 400, "bad_request");
    }

  for (guint i = 0; i < G_N_ELEMENTS (alerts); i++)
    {
      g_autoptr(SitrepReply) reply =
        sitrep_test_request (server, server->session, "POST", "/v1/integrations/alertmanager",
                             server->responder, "application/json", alerts[i], -1);

      sitrep_assert_error (reply, 400, "bad_request");
    }

  {
    /* a raw NUL byte in the body */
    static const char raw[] = "{\"client_id\": \"a\0b\", \"mutations\": []}";
    g_autoptr(SitrepReply) reply = sitrep_test_request (server, server->session, "POST",
                                                        "/v1/push", server->responder,
                                                        "application/json", raw,
                                                        sizeof raw - 1);

    sitrep_assert_error (reply, 400, "bad_request");
  }

  g_assert_cmpint (sitrep_test_health_seq (server), ==, 1);
  assert_unchanged (server, before);
}

static void
test_query_parameters (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  const char *refused[] = {
    "/v1/changes?since=1%00", "/v1/changes?since=0&wait=0%00", "/v1/changes?since=%00",
    "/v1/changes?since=0&since=1", "/v1/changes?since=%ed%a0%80",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(SitrepReply) reply = sitrep_test_get (server, server->viewer, refused[i]);

      sitrep_assert_error (reply, 400, "bad_request");
    }

  {
    g_autoptr(SitrepReply) reply = sitrep_test_get (server, server->viewer,
                                                    "/v1/changes?since=0&limit=%35");

    sitrep_assert_status (reply, 200);
  }
}

/* A record may not grow past what one request may carry: the patch that
 * would make it larger is rejected, and the record keeps every field. */
static void
test_patch_past_the_limit (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *filler = g_strnfill (60 * 1024, 'x');
  g_autofree char *first = push_json (cid,
                                      mut_put (1, "incidents", inc, incident_body ("Big", "P2")),
                                      NULL);
  g_autoptr(JsonArray) results = push_results (server, server->responder, first, 1);
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  gint64 mid = 2;
  gboolean refused = FALSE;
  JsonObject *body;

  assert_applied (result_at (results, 0), 1);

  /* 60 KiB more each time: the fifth would pass 256 KiB. */
  for (guint i = 0; i < 6 && !refused; i++, mid++)
    {
      g_autofree char *fields = g_strdup_printf ("{\"notes_%u\": \"%s\"}", i, filler);
      g_autofree char *push = push_json (cid, mut_patch (mid, "incidents", inc, fields), NULL);
      g_autoptr(JsonArray) answer = push_results (server, server->responder, push, mid);
      JsonObject *result = result_at (answer, 0);

      if (g_strcmp0 (json_object_get_string_member (result, "status"), "rejected") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (result, "error"), ==, "too_large");
          g_assert_cmpuint (i, ==, 4);
          refused = TRUE;
          before = sitrep_test_snapshot (server);
        }
      else
        assert_applied (result, mid);
    }
  g_assert_true (refused);

  /* the record is whole, and still takes small patches */
  {
    g_autofree char *push = push_json (cid,
                                       mut_patch (mid, "incidents", inc,
                                                  "{\"status\": \"identified\"}"),
                                       NULL);
    g_autoptr(JsonArray) answer = push_results (server, server->responder, push, mid);

    assert_applied (result_at (answer, 0), mid);
  }
  after = sitrep_test_snapshot (server);
  body = json_object_get_object_member (sitrep_test_find_record (after, "incidents", inc),
                                        "body");
  g_assert_cmpstr (json_object_get_string_member (body, "title"), ==, "Big");
  g_assert_cmpstr (json_object_get_string_member (body, "status"), ==, "identified");
  g_assert_cmpstr (json_object_get_string_member (body, "ref"), ==,
                   json_object_get_string_member (
                     json_object_get_object_member (
                       sitrep_test_find_record (before, "incidents", inc), "body"), "ref"));
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("notes_%u", i);

      g_assert_cmpuint (strlen (json_object_get_string_member (body, name)), ==, 60 * 1024);
    }
  g_assert_false (json_object_has_member (body, "notes_4"));
}

/* Sends @request as it is on a connection of its own and returns all the
 * server answers before it closes the connection. */
static char *
raw_exchange (SitrepTestServer *server,
              const char       *request)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) answer = g_byte_array_new ();
  GInputStream *in;
  guint8 buf[4096];
  gssize n;

  g_socket_client_set_timeout (client, 10);
  g_socket_client_set_enable_proxy (client, FALSE);
  conn = g_socket_client_connect_to_host (client, "127.0.0.1", server->port, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), request,
                             strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);

  in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  while ((n = g_input_stream_read (in, buf, sizeof buf, NULL, &error)) > 0)
    g_byte_array_append (answer, buf, (guint) n);
  g_assert_no_error (error);
  g_byte_array_append (answer, (const guint8 *) "", 1);

  return (char *) g_byte_array_free (g_steal_pointer (&answer), FALSE);
}

/* What libsoup refuses before the server's handlers run still gets the
 * JSON error body of PROTOCOL.md. */
static void
test_library_refusals_in_json (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  static const struct {
    const char *request;
    const char *status_line;
    const char *code;
  } rows[] = {
    { "OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
      "HTTP/1.1 404", "not_found" },
    { "GET /v1/he%00alth HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
      "HTTP/1.1 400", "bad_request" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *answer = raw_exchange (server, rows[i].request);
      g_autofree char *code = g_strdup_printf ("{\"error\":\"%s\"", rows[i].code);
      const char *body = strstr (answer, "\r\n\r\n");

      sitrep_test_note ("%s -> %s", rows[i].request, answer);
      g_assert_true (g_str_has_prefix (answer, rows[i].status_line));
      g_assert_nonnull (body);
      g_assert_true (g_str_has_prefix (body + 4, code));
    }
}

static void
test_head_health (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SitrepReply) reply = sitrep_test_request (server, server->session, "HEAD",
                                                      "/v1/health", NULL, NULL, NULL, 0);

  /* the headers of GET, without a body */
  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==,
                   "application/json");
  g_assert_cmpuint (reply->body != NULL ? g_bytes_get_size (reply->body) : 0, ==, 0);
}

/* The database holds token hashes and every record: owner only, whatever
 * the umask, and its WAL too. */
static void
test_database_private (void)
{
  g_autoptr(SitrepTestServer) server = NULL;
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *push = NULL;
  g_autoptr(JsonArray) results = NULL;
  const char *suffixes[] = { "", "-wal", "-shm" };
  mode_t old_mask = umask (022);

  server = sitrep_test_server_new ();
  umask (old_mask);
  push = push_json (cid, mut_put (1, "incidents", inc, incident_body ("Private", "P3")), NULL);
  results = push_results (server, server->responder, push, 1);
  assert_applied (result_at (results, 0), 1);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (server->db_path, suffixes[i], NULL);
      GStatBuf st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      sitrep_test_note ("%s: %o", path, (unsigned) st.st_mode & 0777);
      g_assert_cmpuint (st.st_mode & 0077, ==, 0);
    }
}

/* Every string the server writes into a record from an alert obeys the
 * protocol's 64 KiB bound on text, unknown fields included. */
static void
assert_text_bounded (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          assert_text_bounded (member);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        assert_text_bounded (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_assert_cmpuint (strlen (json_node_get_string (node)), <=, 65536);
}

static void
test_alert_fields_bounded (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *long_key = g_strnfill (80 * 1024, 'k');
  g_autofree char *long_print = g_strnfill (80 * 1024, 'f');
  g_autofree char *payload =
    g_strdup_printf ("{\"version\": \"4\", \"status\": \"firing\", \"groupKey\": \"%s\","
                     " \"commonLabels\": {\"alertname\": \"Down\", \"severity\": \"critical\"},"
                     " \"alerts\": [{\"status\": \"firing\", \"fingerprint\": \"%s\","
                     " \"startsAt\": \"" TEST_TIME "\", \"labels\": {\"alertname\": \"Down\"}}]}",
                     long_key, long_print);
  g_autoptr(SitrepReply) reply = NULL;
  g_autoptr(JsonObject) snapshot = NULL;
  JsonArray *records;

  reply = sitrep_test_request (server, server->session, "POST", "/v1/integrations/alertmanager",
                               server->responder, "application/json", payload, -1);
  sitrep_assert_status (reply, 200);

  snapshot = sitrep_test_snapshot (server);
  records = json_object_get_array_member (snapshot, "records");
  g_assert_cmpuint (json_array_get_length (records), >, 1);
  for (guint i = 0; i < json_array_get_length (records); i++)
    assert_text_bounded (json_array_get_element (records, i));
}

/* Numbers are served as JSON: json-glib's own writer made 1e20 the
 * invalid "1e+20.0", and a number it cannot hold is refused, not turned
 * into another one. */
static void
test_numbers_served_as_json (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *body = g_strdup_printf ("{\"title\": \"Numbers\", \"severity\": \"P3\","
                                           " \"weight\": 1e20, \"tiny\": 1e-7}");
  g_autofree char *push = push_json (cid, mut_put (1, "incidents", inc, body),
                                     mut_patch (2, "incidents", inc, "{\"ratio\": 2.5e30}"),
                                     NULL);
  g_autoptr(JsonArray) results = push_results (server, server->responder, push, 2);
  g_autoptr(SitrepReply) snapshot = NULL;
  g_autoptr(SitrepReply) changes = NULL;
  JsonObject *record;
  const char *refused[] = { "1e999", "-1e400", "99999999999999999999" };

  assert_applied (result_at (results, 0), 1);
  assert_applied (result_at (results, 1), 2);

  snapshot = sitrep_test_get (server, server->viewer, "/v1/snapshot");
  sitrep_assert_status (snapshot, 200);
  record = sitrep_test_find_record (sitrep_reply_object (snapshot), "incidents", inc);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (record,
                                                                                   "body"),
                                                    "weight"), ==, 1e20);
  changes = sitrep_test_get (server, server->viewer, "/v1/changes?since=0");
  sitrep_assert_status (changes, 200);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *fields = g_strdup_printf ("{\"weight\": %s}", refused[i]);
      g_autofree char *bad = push_json (cid, mut_patch (3, "incidents", inc, fields), NULL);
      g_autoptr(SitrepReply) reply = sitrep_test_push (server, server->responder, bad);

      sitrep_assert_error (reply, 400, "bad_request");
    }
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 2);
}

void
add_protocol_input_tests (void)
{
  sitrep_test_add ("/integration/input/surrogate-hides-no-nesting",
                   test_surrogate_hides_no_nesting);
  sitrep_test_add ("/integration/input/invalid-text-refused", test_invalid_text_refused);
  sitrep_test_add ("/integration/input/query-parameters", test_query_parameters);
  sitrep_test_add ("/integration/input/patch-past-the-limit", test_patch_past_the_limit);
  sitrep_test_add ("/integration/input/head-health", test_head_health);
  sitrep_test_add ("/integration/input/library-refusals-in-json", test_library_refusals_in_json);
  /* The SQLite file's mode: PostgreSQL keeps its files in its own folder. */
  if (!sitrep_test_backend_is_postgres ())
    sitrep_test_add ("/integration/input/database-private", test_database_private);
  sitrep_test_add ("/integration/input/alert-fields-bounded", test_alert_fields_bounded);
  sitrep_test_add ("/integration/input/numbers-served-as-json", test_numbers_served_as_json);
}

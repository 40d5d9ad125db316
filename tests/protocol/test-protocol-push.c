/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-protocol-push.c: push requests and answers, built and read back,
 * and the patch merge */

#include "config.h"

#include "sitrep-json.h"
#include "sitrep-protocol-scan.h"
#include "sitrep-protocol-push.h"

#define INC "11111111-2222-4333-8444-555555555555"

static JsonObject *
parse_json (const char *text)
{
  JsonObject *object = sitrep_protocol_parse_object (text, NULL);

  g_assert_nonnull (object);
  return object;
}

static JsonObject *
entry_body (const char *text)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "incident_id", INC);
  json_object_set_string_member (body, "kind", "note");
  json_object_set_string_member (body, "text", text);
  return body;
}

static void
test_request_round_trip (void)
{
  g_autoptr(GPtrArray) mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);
  g_autoptr(JsonObject) body = entry_body ("Paged \"on-call\"\n\tvia pager");
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(SitrepProtocolPush) push = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *body_before = NULL;
  g_autofree char *body_after = NULL;
  SitrepMutation *m;

  json_object_set_boolean_member (fields, "pinned", TRUE);
  m = sitrep_mutation_new_put ("timeline", "e1", body);
  m->mid = 7;
  m->base_version = 0;                  /* create only */
  g_ptr_array_add (mutations, m);
  m = sitrep_mutation_new_patch ("timeline", "e1", fields);
  m->mid = 8;
  m->base_version = -2;                 /* chained: sent unchecked */
  g_ptr_array_add (mutations, m);
  m = sitrep_mutation_new_delete ("roles", "r1");
  m->mid = 9;
  m->base_version = 12;
  g_ptr_array_add (mutations, m);

  text = sitrep_protocol_push_build ("client-ü", mutations);
  request = parse_json (text);
  push = sitrep_protocol_push_parse (request, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (push->client_id, ==, "client-ü");
  g_assert_cmpuint (push->mutations->len, ==, 3);

  m = push->mutations->pdata[0];
  g_assert_cmpint (m->mid, ==, 7);
  g_assert_cmpint (m->op, ==, SITREP_MUTATION_PUT);
  g_assert_cmpstr (m->coll, ==, "timeline");
  g_assert_cmpstr (m->id, ==, "e1");
  g_assert_cmpint (m->base_version, ==, 0);
  g_assert_null (m->problem);
  body_before = sitrep_json_to_string (body);
  body_after = sitrep_json_to_string (m->data);
  g_assert_cmpstr (body_after, ==, body_before);

  m = push->mutations->pdata[1];
  g_assert_cmpint (m->mid, ==, 8);
  g_assert_cmpint (m->op, ==, SITREP_MUTATION_PATCH);
  g_assert_cmpint (m->base_version, ==, -1);
  g_assert_true (json_object_get_boolean_member (m->data, "pinned"));
  g_assert_cmpuint (json_object_get_size (m->data), ==, 1);

  m = push->mutations->pdata[2];
  g_assert_cmpint (m->op, ==, SITREP_MUTATION_DELETE);
  g_assert_cmpstr (m->coll, ==, "roles");
  g_assert_cmpint (m->base_version, ==, 12);
  g_assert_null (m->data);
  g_assert_null (m->problem);
}

static void
test_request_problems (void)
{
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(SitrepProtocolPush) push = NULL;
  g_autoptr(GError) error = NULL;
  SitrepMutation *m;

  /* One mutation's problem is its own: the push still parses. */
  request = parse_json ("{\"client_id\":\"c\",\"mutations\":["
                        "{\"mid\":1,\"op\":\"put\",\"coll\":\"timeline\",\"id\":\"a\",\"body\":[]},"
                        "{\"mid\":2,\"op\":\"patch\",\"coll\":\"timeline\",\"id\":\"a\","
                        "\"fields\":{},\"base_version\":-3},"
                        "{\"mid\":3,\"op\":\"delete\",\"coll\":\"timeline\",\"id\":\"a\","
                        "\"base_version\":null}]}");
  push = sitrep_protocol_push_parse (request, &error);
  g_assert_no_error (error);
  m = push->mutations->pdata[0];
  g_assert_nonnull (m->problem);
  m = push->mutations->pdata[1];
  g_assert_nonnull (m->problem);
  g_assert_cmpint (m->base_version, ==, -1);
  m = push->mutations->pdata[2];
  g_assert_null (m->problem);
  g_assert_cmpint (m->base_version, ==, -1);
  g_clear_pointer (&push, sitrep_protocol_push_free);
  g_clear_pointer (&request, json_object_unref);

  /* An unknown collection is the whole push's. */
  request = parse_json ("{\"client_id\":\"c\",\"mutations\":["
                        "{\"mid\":1,\"op\":\"delete\",\"coll\":\"nope\",\"id\":\"a\"}]}");
  push = sitrep_protocol_push_parse (request, &error);
  g_assert_error (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_BAD_REQUEST);
  g_assert_null (push);
}

static void
test_answer_round_trip (void)
{
  g_autoptr(GPtrArray) sent = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  SitrepProtocolRecord current = {
    .coll = (char *) "timeline", .id = (char *) "b", .version = 40, .deleted = FALSE,
    .body = (char *) "{\"incident_id\":\"" INC "\",\"kind\":\"note\",\"text\":\"Theirs\"}",
  };
  SitrepPushResult *r;

  for (gint64 mid = 3; mid <= 6; mid++)
    {
      SitrepMutation *m = sitrep_mutation_new_delete ("timeline", "x");

      m->mid = mid;
      g_ptr_array_add (sent, m);
    }

  g_ptr_array_add (results, sitrep_protocol_result_applied (3, 41));
  g_ptr_array_add (results, sitrep_protocol_result_conflict (4, &current));
  g_ptr_array_add (results, sitrep_protocol_result_conflict (5, NULL));
  g_ptr_array_add (results, sitrep_protocol_result_rejected (6, SITREP_PROTOCOL_BAD_REQUEST,
                                                             "text: \"too\" long"));
  text = sitrep_protocol_push_answer_build (6, (const char * const *) results->pdata,
                                            results->len);
  answer = parse_json (text);
  g_assert_cmpint (json_object_get_int_member (answer, "last_mid"), ==, 6);

  parsed = sitrep_protocol_push_answer_parse (answer, sent, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 4);

  r = &g_array_index (parsed, SitrepPushResult, 0);
  g_assert_cmpint (r->mid, ==, 3);
  g_assert_cmpint (r->status, ==, SITREP_PUSH_APPLIED);
  g_assert_cmpint (r->version, ==, 41);

  r = &g_array_index (parsed, SitrepPushResult, 1);
  g_assert_cmpint (r->status, ==, SITREP_PUSH_CONFLICT);
  g_assert_nonnull (r->current);
  g_assert_cmpstr (r->current->id, ==, "b");
  g_assert_cmpint (r->current->version, ==, 40);
  g_assert_cmpstr (json_object_get_string_member (r->current->body, "text"), ==, "Theirs");

  r = &g_array_index (parsed, SitrepPushResult, 2);
  g_assert_cmpint (r->status, ==, SITREP_PUSH_CONFLICT);
  g_assert_null (r->current);

  r = &g_array_index (parsed, SitrepPushResult, 3);
  g_assert_cmpint (r->status, ==, SITREP_PUSH_REJECTED);
  g_assert_cmpstr (r->error, ==, "bad_request");
  g_assert_cmpstr (r->message, ==, "text: \"too\" long");
}

static void
test_answer_invalid (void)
{
  static const char *answers[] = {
    "{\"last_mid\":1}",
    "{\"results\":[{\"mid\":99,\"status\":\"applied\",\"version\":2}]}",   /* not sent */
    "{\"results\":[{\"mid\":1,\"status\":\"applied\"}]}",
    "{\"results\":[{\"mid\":1,\"status\":\"maybe\"}]}",
    "{\"results\":[{\"mid\":1,\"status\":\"conflict\",\"current\":{\"coll\":\"timeline\"}}]}",
    "{\"results\":[{\"mid\":1,\"status\":\"rejected\",\"error\":4}]}",
    "{\"results\":[7]}",
  };
  g_autoptr(GPtrArray) sent = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);
  SitrepMutation *m = sitrep_mutation_new_delete ("timeline", "x");

  m->mid = 1;
  g_ptr_array_add (sent, m);

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(JsonObject) answer = parse_json (answers[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) parsed = sitrep_protocol_push_answer_parse (answer, sent, &error);

      g_test_message ("%s", answers[i]);
      g_assert_error (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_INVALID);
      g_assert_null (parsed);
    }
}

static void
test_mid_gap (void)
{
  g_autofree char *text = sitrep_protocol_mid_gap_json (12, "The next mid is \"12\"");
  g_autoptr(JsonObject) answer = parse_json (text);

  g_assert_cmpstr (json_object_get_string_member (answer, "error"), ==, "mid_gap");
  g_assert_cmpstr (json_object_get_string_member (answer, "message"), ==,
                   "The next mid is \"12\"");
  g_assert_cmpint (json_object_get_int_member (answer, "expected"), ==, 12);
}

static void
test_merge_patch (void)
{
  g_autoptr(JsonObject) body = parse_json ("{\"text\":\"old\",\"kind\":\"note\","
                                           "\"meta\":{\"a\":1,\"b\":2},\"pinned\":true}");
  g_autoptr(JsonObject) fields = parse_json ("{\"text\":\"new\",\"meta\":{\"c\":3},"
                                             "\"pinned\":null,\"added\":[1,2]}");
  sitrep_protocol_merge_patch (body, fields);

  /* Named members are replaced whole (an object is not merged into),
   * others are kept; null is a value like any other. */
  g_assert_cmpstr (json_object_get_string_member (body, "text"), ==, "new");
  g_assert_cmpstr (json_object_get_string_member (body, "kind"), ==, "note");
  g_assert_true (json_object_has_member (json_object_get_object_member (body, "meta"), "c"));
  g_assert_false (json_object_has_member (json_object_get_object_member (body, "meta"), "a"));
  g_assert_true (json_object_get_null_member (body, "pinned"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (body, "added")), ==, 2);
  g_assert_cmpuint (json_object_get_size (body), ==, 5);

  /* The fields are left as they were. */
  g_assert_cmpuint (json_object_get_size (fields), ==, 4);

  /* No fields: nothing changes. */
  sitrep_protocol_merge_patch (body, NULL);
  g_assert_cmpuint (json_object_get_size (body), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/protocol/push/request-round-trip", test_request_round_trip);
  g_test_add_func ("/protocol/push/request-problems", test_request_problems);
  g_test_add_func ("/protocol/push/answer-round-trip", test_answer_round_trip);
  g_test_add_func ("/protocol/push/answer-invalid", test_answer_invalid);
  g_test_add_func ("/protocol/push/mid-gap", test_mid_gap);
  g_test_add_func ("/protocol/merge-patch", test_merge_patch);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-protocol-feed.c: pages of the change feed and snapshots, built as
 * the server does and read back as a client does */

#include "config.h"

#include "sitrep-json.h"
#include "sitrep-protocol-scan.h"
#include "sitrep-protocol-feed.h"

#define INC "11111111-2222-4333-8444-555555555555"

static JsonObject *
parse_json (const char *text)
{
  JsonObject *object = sitrep_protocol_parse_object (text, NULL);

  g_assert_nonnull (object);
  return object;
}

static SitrepProtocolChange *
change_new (gint64      seq,
            const char *id,
            const char *op,
            const char *body,
            const char *client_id,
            gint64      mid)
{
  SitrepProtocolChange *c = g_new0 (SitrepProtocolChange, 1);

  c->seq = seq;
  c->coll = g_strdup ("timeline");
  c->id = g_strdup (id);
  c->version = seq;
  c->op = g_strdup (op);
  c->deleted = body == NULL;
  c->body = g_strdup (body);
  c->client_id = g_strdup (client_id);
  c->mid = mid;
  c->actor = g_strdup ("alice \"the\" responder");
  c->ts = g_strdup ("2026-03-01T10:00:00Z");
  return c;
}

static void
test_changes_round_trip (void)
{
  g_autoptr(GPtrArray) changes =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_protocol_change_free);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 last_seq = 0;
  gboolean more = FALSE;
  SitrepChange *c;

  g_ptr_array_add (changes, change_new (11, "a", "put",
                                        "{\"incident_id\":\"" INC "\",\"text\":\"One\"}",
                                        "client-1", 4));
  g_ptr_array_add (changes, change_new (12, "a", "delete", NULL, NULL, 0));
  text = sitrep_protocol_changes_build (changes, 10, TRUE);
  answer = parse_json (text);

  parsed = sitrep_protocol_changes_parse (answer, 10, &last_seq, &more, &error);
  g_assert_no_error (error);
  g_assert_cmpint (last_seq, ==, 12);
  g_assert_true (more);
  g_assert_cmpuint (parsed->len, ==, 2);

  c = parsed->pdata[0];
  g_assert_cmpint (c->seq, ==, 11);
  g_assert_cmpstr (c->record->coll, ==, "timeline");
  g_assert_cmpstr (c->record->id, ==, "a");
  g_assert_cmpint (c->record->version, ==, 11);
  g_assert_false (c->record->deleted);
  g_assert_cmpstr (json_object_get_string_member (c->record->body, "text"), ==, "One");
  g_assert_cmpstr (c->client_id, ==, "client-1");
  g_assert_cmpint (c->mid, ==, 4);
  g_assert_cmpstr (c->actor, ==, "alice \"the\" responder");

  c = parsed->pdata[1];
  g_assert_true (c->record->deleted);
  g_assert_null (c->client_id);
  g_assert_cmpint (c->mid, ==, 0);
}

static void
test_changes_empty (void)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *text = sitrep_protocol_changes_build (none, 42, FALSE);
  g_autoptr(JsonObject) answer = parse_json (text);
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 last_seq = 0;
  gboolean more = TRUE;

  /* An empty page stays where it was asked. */
  parsed = sitrep_protocol_changes_parse (answer, 42, &last_seq, &more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 0);
  g_assert_cmpint (last_seq, ==, 42);
  g_assert_false (more);
}

static void
test_changes_invalid (void)
{
  static const char *answers[] = {
    "{\"last_seq\":1,\"more\":false}",
    "{\"changes\":[],\"more\":false}",
    "{\"changes\":[],\"last_seq\":1}",
    /* out of order, and not after since (5) */
    "{\"changes\":[{\"seq\":5,\"coll\":\"timeline\",\"id\":\"a\",\"version\":5,"
    "\"deleted\":true,\"body\":null}],\"last_seq\":5,\"more\":false}",
    /* last_seq behind the changes */
    "{\"changes\":[{\"seq\":7,\"coll\":\"timeline\",\"id\":\"a\",\"version\":7,"
    "\"deleted\":true,\"body\":null}],\"last_seq\":6,\"more\":false}",
    /* a live record without a body */
    "{\"changes\":[{\"seq\":7,\"coll\":\"timeline\",\"id\":\"a\",\"version\":7,"
    "\"deleted\":false,\"body\":null}],\"last_seq\":7,\"more\":false}",
    /* a mid that is not a number */
    "{\"changes\":[{\"seq\":7,\"coll\":\"timeline\",\"id\":\"a\",\"version\":7,"
    "\"deleted\":true,\"body\":null,\"mid\":\"4\"}],\"last_seq\":7,\"more\":false}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(JsonObject) answer = parse_json (answers[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) parsed = NULL;
      gint64 last_seq;
      gboolean more;

      g_test_message ("%s", answers[i]);
      parsed = sitrep_protocol_changes_parse (answer, 5, &last_seq, &more, &error);
      g_assert_error (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_INVALID);
      g_assert_null (parsed);
    }
}

static void
test_snapshot_round_trip (void)
{
  SitrepProtocolRecord a = {
    .coll = (char *) "incidents", .id = (char *) INC, .version = 3,
    .body = (char *) "{\"title\":\"Checkout down\",\"severity\":\"P1\"}",
  };
  SitrepProtocolRecord b = {
    .coll = (char *) "timeline", .id = (char *) "e\"1", .version = 9,
    .body = (char *) "{\"text\":\"x\"}",
  };
  GString *records = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  SitrepRecord *r;
  gint64 seq = 0;

  sitrep_protocol_snapshot_add (records, &a);
  sitrep_protocol_snapshot_add (records, &b);
  text = sitrep_protocol_snapshot_build (77, records);
  answer = parse_json (text);

  parsed = sitrep_protocol_snapshot_parse (answer, &seq, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seq, ==, 77);
  g_assert_cmpuint (parsed->len, ==, 2);
  r = parsed->pdata[0];
  g_assert_cmpstr (r->coll, ==, "incidents");
  g_assert_cmpstr (r->id, ==, INC);
  g_assert_cmpint (r->version, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (r->body, "title"), ==, "Checkout down");
  r = parsed->pdata[1];
  g_assert_cmpstr (r->id, ==, "e\"1");

  /* An empty database. */
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&answer, json_object_unref);
  g_clear_pointer (&parsed, g_ptr_array_unref);
  text = sitrep_protocol_snapshot_build (0, g_string_new (NULL));
  answer = parse_json (text);
  parsed = sitrep_protocol_snapshot_parse (answer, &seq, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 0);
  g_assert_cmpint (seq, ==, 0);

  /* No seq. */
  g_clear_pointer (&answer, json_object_unref);
  g_clear_pointer (&parsed, g_ptr_array_unref);
  answer = parse_json ("{\"records\":[]}");
  parsed = sitrep_protocol_snapshot_parse (answer, &seq, &error);
  g_assert_error (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_INVALID);
  g_assert_null (parsed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/protocol/changes/round-trip", test_changes_round_trip);
  g_test_add_func ("/protocol/changes/empty", test_changes_empty);
  g_test_add_func ("/protocol/changes/invalid", test_changes_invalid);
  g_test_add_func ("/protocol/snapshot/round-trip", test_snapshot_round_trip);

  return g_test_run ();
}

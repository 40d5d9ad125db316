/* SPDX-License-Identifier: GPL-3.0-or-later */
/* protocol-common.c: building pushes and checking their results */

#include "config.h"

#include <string.h>

#include "protocol-common.h"

char *
mut_put (gint64      mid,
         const char *coll,
         const char *id,
         const char *body)
{
  return g_strdup_printf ("{\"mid\": %" G_GINT64_FORMAT ", \"op\": \"put\", \"coll\": \"%s\","
                          " \"id\": \"%s\", \"body\": %s}", mid, coll, id, body);
}

char *
mut_put_base (gint64      mid,
              const char *coll,
              const char *id,
              gint64      base_version,
              const char *body)
{
  return g_strdup_printf ("{\"mid\": %" G_GINT64_FORMAT ", \"op\": \"put\", \"coll\": \"%s\","
                          " \"id\": \"%s\", \"base_version\": %" G_GINT64_FORMAT
                          ", \"body\": %s}", mid, coll, id, base_version, body);
}

char *
mut_patch (gint64      mid,
           const char *coll,
           const char *id,
           const char *fields)
{
  return g_strdup_printf ("{\"mid\": %" G_GINT64_FORMAT ", \"op\": \"patch\", \"coll\": \"%s\","
                          " \"id\": \"%s\", \"fields\": %s}", mid, coll, id, fields);
}

char *
mut_patch_base (gint64      mid,
                const char *coll,
                const char *id,
                gint64      base_version,
                const char *fields)
{
  return g_strdup_printf ("{\"mid\": %" G_GINT64_FORMAT ", \"op\": \"patch\", \"coll\": \"%s\","
                          " \"id\": \"%s\", \"base_version\": %" G_GINT64_FORMAT
                          ", \"fields\": %s}", mid, coll, id, base_version, fields);
}

/* @base_version < 0: without one. */
char *
mut_delete (gint64      mid,
            const char *coll,
            const char *id,
            gint64      base_version)
{
  if (base_version < 0)
    return g_strdup_printf ("{\"mid\": %" G_GINT64_FORMAT ", \"op\": \"delete\","
                            " \"coll\": \"%s\", \"id\": \"%s\"}", mid, coll, id);
  return g_strdup_printf ("{\"mid\": %" G_GINT64_FORMAT ", \"op\": \"delete\", \"coll\": \"%s\","
                          " \"id\": \"%s\", \"base_version\": %" G_GINT64_FORMAT "}",
                          mid, coll, id, base_version);
}

char *
incident_body (const char *title,
               const char *severity)
{
  return g_strdup_printf ("{\"title\": \"%s\", \"summary\": \"\", \"severity\": \"%s\","
                          " \"status\": \"investigating\", \"services\": [\"payments\"],"
                          " \"customer_impact\": \"Card payments fail\", \"major\": false,"
                          " \"detected_at\": \"" TEST_TIME "\", \"declared_at\": \"" TEST_TIME "\","
                          " \"acknowledged_at\": null, \"mitigated_at\": null,"
                          " \"resolved_at\": null, \"closed_at\": null}",
                          title, severity);
}

char *
timeline_body (const char *incident_id,
               const char *text)
{
  return g_strdup_printf ("{\"incident_id\": \"%s\", \"occurred_at\": \"" TEST_TIME "\","
                          " \"kind\": \"note\", \"text\": \"%s\", \"author\": \"alice\","
                          " \"pinned\": false}", incident_id, text);
}

char *
push_jsonv (const char *client_id,
            GPtrArray  *mutations)
{
  g_autoptr(GString) json = g_string_new (NULL);

  g_string_append_printf (json, "{\"client_id\": \"%s\", \"mutations\": [", client_id);
  for (guint i = 0; i < mutations->len; i++)
    {
      if (i > 0)
        g_string_append (json, ", ");
      g_string_append (json, g_ptr_array_index (mutations, i));
    }
  g_string_append (json, "]}");
  return g_string_free (g_steal_pointer (&json), FALSE);
}

/* Takes the mutation strings given to it. */
char *
push_json (const char *client_id,
           const char *first_mutation,
           ...)
{
  g_autoptr(GPtrArray) mutations = g_ptr_array_new_with_free_func (g_free);
  const char *m;
  va_list ap;

  va_start (ap, first_mutation);
  for (m = first_mutation; m != NULL; m = va_arg (ap, const char *))
    g_ptr_array_add (mutations, (char *) m);
  va_end (ap);
  return push_jsonv (client_id, mutations);
}

/**
 * push_results:
 *
 * Pushes @json, asserts a 200 whose `last_mid` is @expected_last_mid (not
 * checked when -1), and returns its `results` (a new reference).
 */
JsonArray *
push_results (SitrepTestServer *server,
              const char       *token,
              const char       *json,
              gint64            expected_last_mid)
{
  g_autoptr(SitrepReply) reply = sitrep_test_push (server, token, json);
  JsonObject *obj;
  JsonArray *results;

  sitrep_assert_status (reply, 200);
  obj = sitrep_reply_object (reply);
  g_assert_true (json_object_has_member (obj, "last_mid"));
  if (expected_last_mid >= 0 &&
      json_object_get_int_member (obj, "last_mid") != expected_last_mid)
    sitrep_test_note ("%s: last_mid %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                      reply->what, json_object_get_int_member (obj, "last_mid"),
                      expected_last_mid);
  if (expected_last_mid >= 0)
    g_assert_cmpint (json_object_get_int_member (obj, "last_mid"), ==, expected_last_mid);
  results = json_object_get_array_member (obj, "results");
  g_assert_nonnull (results);
  return json_array_ref (results);
}

JsonObject *
result_at (JsonArray *results,
           guint      i)
{
  g_assert_cmpuint (i, <, json_array_get_length (results));
  return json_array_get_object_element (results, i);
}

static void
show (JsonObject *obj,
      const char *file,
      int         line)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), obj);
  g_autofree char *text = sitrep_test_node_to_string (node);

  sitrep_test_note ("%s:%d: result %s", file, line, text);
}

static void
check_result (JsonObject *result,
              gint64      mid,
              const char *status,
              const char *file,
              int         line)
{
  const char *got = json_object_get_string_member_with_default (result, "status", NULL);

  if (g_strcmp0 (got, status) != 0 ||
      !json_object_has_member (result, "mid") ||
      json_object_get_int_member (result, "mid") != mid)
    {
      show (result, file, line);
      sitrep_test_note ("expected mid %" G_GINT64_FORMAT " %s", mid, status);
    }
  g_assert_cmpstr (got, ==, status);
  g_assert_cmpint (json_object_get_int_member_with_default (result, "mid", -1), ==, mid);
}

gint64
_assert_applied (JsonObject *result,
                 gint64      mid,
                 const char *file,
                 int         line)
{
  gint64 seq;

  check_result (result, mid, "applied", file, line);
  seq = json_object_get_int_member_with_default (result, "seq", -1);
  if (seq <= 0 || json_object_get_int_member_with_default (result, "version", -2) != seq)
    show (result, file, line);
  g_assert_cmpint (seq, >, 0);
  g_assert_cmpint (json_object_get_int_member_with_default (result, "version", -2), ==, seq);
  return seq;
}

void
_assert_rejected (JsonObject *result,
                  gint64      mid,
                  const char *file,
                  int         line)
{
  check_result (result, mid, "rejected", file, line);
  if (g_strcmp0 (json_object_get_string_member_with_default (result, "error", NULL),
                 "bad_request") != 0)
    show (result, file, line);
  g_assert_cmpstr (json_object_get_string_member_with_default (result, "error", NULL),
                   ==, "bad_request");
  g_assert_nonnull (json_object_get_string_member_with_default (result, "message", NULL));
  g_assert_false (json_object_has_member (result, "seq"));
}

JsonObject *
_assert_conflict (JsonObject *result,
                  gint64      mid,
                  const char *file,
                  int         line)
{
  JsonObject *current;

  check_result (result, mid, "conflict", file, line);
  if (!json_object_has_member (result, "current"))
    show (result, file, line);
  g_assert_false (json_object_has_member (result, "seq"));
  current = json_object_get_object_member (result, "current");
  g_assert_nonnull (current);
  g_assert_true (json_object_has_member (current, "coll"));
  g_assert_true (json_object_has_member (current, "id"));
  g_assert_true (json_object_has_member (current, "version"));
  g_assert_true (json_object_has_member (current, "deleted"));
  g_assert_true (json_object_has_member (current, "body"));
  return current;
}

/* Live records of @coll in @snapshot, only those of @incident_id if given. */
guint
count_records (JsonObject *snapshot,
               const char *coll,
               const char *incident_id)
{
  JsonArray *records = json_object_get_array_member (snapshot, "records");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);
      JsonObject *body;

      if (g_strcmp0 (json_object_get_string_member_with_default (record, "coll", NULL),
                     coll) != 0)
        continue;
      body = json_object_get_object_member (record, "body");
      if (incident_id != NULL &&
          (body == NULL ||
           g_strcmp0 (json_object_get_string_member_with_default (body, "incident_id", NULL),
                      incident_id) != 0))
        continue;
      n++;
    }
  return n;
}

/* json_node_equal(), and on a difference both sides in the log. */
gboolean
json_equal_strings (JsonNode *a,
                    JsonNode *b)
{
  if (a != NULL && b != NULL && json_node_equal (a, b))
    return TRUE;
  {
    g_autofree char *sa = sitrep_test_node_to_string (a);
    g_autofree char *sb = sitrep_test_node_to_string (b);

    sitrep_test_note ("JSON differs:\n  %s\n  %s", sa, sb);
  }
  return FALSE;
}

/* @template_ with every "%s" replaced by @id. */
char *
fill_id (const char *template_,
         const char *id)
{
  g_auto(GStrv) parts = g_strsplit (template_, "%s", -1);

  return g_strjoinv (id, parts);
}

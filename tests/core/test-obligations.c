/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-obligations.c: what an incident's body says is done, marking an
 * obligation done, and whether anything is still owed */

#include "config.h"

#include "sitrep-json.h"
#include "sitrep-obligations.h"
#include "sitrep-time.h"

static JsonObject *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Which marks count: a time in the `_done_at` field, nothing else. */
static void
test_read_done (void)
{
  static const struct {
    const char *body;
    const char *expected;     /* the done kinds, by name */
  } rows[] = {
    { "{}", "" },
    { "{\"hot_wash_done_at\": \"2026-11-28T10:00:00Z\"}", "hot_wash" },
    { "{\"hot_wash_done_at\": null, \"hot_wash_done_by\": \"alice\"}", "" },
    { "{\"hot_wash_done_at\": \"soon\"}", "" },
    { "{\"hot_wash_done_at\": 12}", "" },
    { "{\"exec_summary_done_at\": \"2026-11-28T10:00:00Z\","
      " \"postmortem_done_at\": \"2026-11-29T10:00:00Z\","
      " \"action_followup_done_at\": \"2026-12-29T10:00:00Z\"}",
      "exec_summary postmortem action_followup" },
    { "{\"exec_review_done_at\": \"2026-12-01T10:00:00Z\", \"status\": \"closed\"}",
      "exec_review" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(JsonObject) body = parse (rows[i].body);
      gboolean done[SITREP_DEADLINE_ACTION_FOLLOWUP + 1] = { 0 };
      g_autoptr(GString) got = g_string_new (NULL);

      sitrep_obligations_read_done (body, done);
      for (guint k = 0; k < G_N_ELEMENTS (done); k++)
        if (done[k])
          g_string_append_printf (got, "%s%s", got->len ? " " : "",
                                  sitrep_obligation_to_string (k));
      g_test_message ("row %u: %s", i, got->str);
      g_assert_cmpstr (got->str, ==, rows[i].expected);
    }
}

static void
test_names (void)
{
  for (SitrepDeadlineKind k = SITREP_DEADLINE_RESPOND; k <= SITREP_DEADLINE_ACTION_FOLLOWUP; k++)
    {
      const char *name = sitrep_obligation_to_string (k);
      g_autofree char *done_at = sitrep_obligation_done_at_field (k);
      SitrepDeadlineKind back;

      g_assert_cmpint (name != NULL, ==, sitrep_deadline_is_obligation (k));
      g_assert_cmpint (sitrep_obligation_get_label (k) != NULL, ==, name != NULL);
      if (name == NULL)
        {
          g_assert_null (done_at);
          continue;
        }
      g_assert_true (sitrep_obligation_from_string (name, &back));
      g_assert_cmpint (back, ==, k);
      g_assert_true (g_str_has_prefix (done_at, name));
      g_assert_true (g_strv_contains (sitrep_obligations_done_fields (TRUE), done_at));
    }
  g_assert_false (sitrep_obligation_from_string ("update", &(SitrepDeadlineKind) { 0 }));
  g_assert_cmpstr (sitrep_obligations_done_fields (FALSE)[0], ==, "postmortem_done_at");
  g_assert_null (sitrep_obligations_done_fields (FALSE)[1]);
}

static void
test_any_open (void)
{
  static const struct {
    const char *body;
    gboolean    open;
  } rows[] = {
    { "{\"status\": \"investigating\"}", FALSE },
    { "{\"status\": \"resolved\"}", FALSE },
    { "{\"status\": \"resolved\", \"resolved_at\": \"2026-11-27T16:00:00Z\"}", TRUE },
    { "{\"status\": \"closed\", \"resolved_at\": \"2026-11-27T16:00:00Z\"}", TRUE },
    { "{\"status\": \"closed\", \"resolved_at\": \"2026-11-27T16:00:00Z\","
      " \"postmortem_done_at\": \"2026-11-28T16:00:00Z\"}", FALSE },
    { "{\"status\": \"closed\", \"major\": true, \"resolved_at\": \"2026-11-27T16:00:00Z\","
      " \"postmortem_done_at\": \"2026-11-28T16:00:00Z\"}", TRUE },
    { "{\"status\": \"closed\", \"major\": true, \"resolved_at\": \"2026-11-27T16:00:00Z\","
      " \"exec_summary_done_at\": \"2026-11-27T16:30:00Z\","
      " \"hot_wash_done_at\": \"2026-11-28T10:00:00Z\","
      " \"postmortem_done_at\": \"2026-11-28T16:00:00Z\","
      " \"exec_review_done_at\": \"2026-12-03T16:00:00Z\","
      " \"action_followup_done_at\": \"2026-12-27T16:00:00Z\"}", FALSE },
    /* reopened: resolved_at cleared */
    { "{\"status\": \"identified\", \"major\": true, \"resolved_at\": null}", FALSE },
    { "{\"status\": \"identified\", \"resolved_at\": \"2026-11-27T16:00:00Z\"}", FALSE },
    { "{\"status\": \"bogus\", \"resolved_at\": \"2026-11-27T16:00:00Z\"}", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(JsonObject) body = parse (rows[i].body);

      g_test_message ("row %u", i);
      g_assert_cmpint (sitrep_obligations_any_open (body, 0), ==, rows[i].open);
    }
}

static void
test_mark_done (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 28, 9, 30, 0);
  SitrepRuleEnv env = { now, "alice", NULL, NULL };
  g_autoptr(JsonObject) body =
    parse ("{\"status\": \"closed\", \"major\": true, \"title\": \"Payments down\","
           " \"resolved_at\": \"2026-11-27T16:00:00Z\","
           " \"exec_summary_done_at\": \"2026-11-27T16:30:00Z\", \"exec_summary_done_by\": \"bob\"}");
  g_autoptr(GPtrArray) mutations = NULL;
  g_autoptr(GError) error = NULL;
  SitrepMutation *patch, *entry;
  g_autofree char *fields = NULL;

  mutations = sitrep_obligations_mark_done (&env, "inc-1", body, SITREP_DEADLINE_HOT_WASH, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mutations->len, ==, 2);

  /* Only its own two fields: marking another one at once patches others. */
  patch = mutations->pdata[0];
  g_assert_cmpint (patch->op, ==, SITREP_MUTATION_PATCH);
  g_assert_cmpstr (patch->coll, ==, "incidents");
  g_assert_cmpstr (patch->id, ==, "inc-1");
  fields = sitrep_json_to_string (patch->data);
  g_assert_cmpstr (fields, ==,
                   "{\"hot_wash_done_at\":\"2026-11-28T09:30:00Z\",\"hot_wash_done_by\":\"alice\"}");

  entry = mutations->pdata[1];
  g_assert_cmpstr (entry->coll, ==, "timeline");
  g_assert_cmpstr (sitrep_json_get_string (entry->data, "incident_id"), ==, "inc-1");
  g_assert_cmpstr (sitrep_json_get_string (entry->data, "text"), ==, "Hot wash done");
  g_assert_cmpstr (sitrep_json_get_string (entry->data, "kind"), ==, "note");
  g_assert_cmpstr (sitrep_json_get_string (entry->data, "author"), ==, "alice");
  g_assert_cmpstr (sitrep_json_get_string (entry->data, "occurred_at"), ==,
                   "2026-11-28T09:30:00Z");
}

static void
test_mark_done_refused (void)
{
  static const struct {
    const char         *body;
    SitrepDeadlineKind  kind;
    const char         *message;
  } rows[] = {
    { "{\"status\": \"identified\", \"major\": true}", SITREP_DEADLINE_HOT_WASH,
      "The incident is not resolved" },
    { "{\"status\": \"resolved\"}", SITREP_DEADLINE_POSTMORTEM, "The incident is not resolved" },
    { "{\"status\": \"resolved\", \"resolved_at\": \"2026-11-27T16:00:00Z\"}",
      SITREP_DEADLINE_HOT_WASH, "This incident owes nothing of that kind" },
    { "{\"status\": \"resolved\", \"major\": true, \"resolved_at\": \"2026-11-27T16:00:00Z\"}",
      SITREP_DEADLINE_UPDATE, "This incident owes nothing of that kind" },
    { "{\"status\": \"closed\", \"major\": true, \"resolved_at\": \"2026-11-27T16:00:00Z\","
      " \"hot_wash_done_at\": \"2026-11-28T10:00:00Z\", \"hot_wash_done_by\": \"bob\"}",
      SITREP_DEADLINE_HOT_WASH, "Hot wash was already marked done by bob" },
    { "{\"status\": \"closed\", \"resolved_at\": \"2026-11-27T16:00:00Z\","
      " \"postmortem_done_at\": \"2026-11-28T10:00:00Z\"}",
      SITREP_DEADLINE_POSTMORTEM, "Postmortem was already marked done" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(JsonObject) body = parse (rows[i].body);
      SitrepRuleEnv env = { NULL, "alice", NULL, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) mutations = NULL;

      g_test_message ("row %u", i);
      mutations = sitrep_obligations_mark_done (&env, "inc-1", body, rows[i].kind, &error);
      g_assert_null (mutations);
      g_assert_error (error, SITREP_INCIDENT_RULES_ERROR, SITREP_INCIDENT_RULES_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, rows[i].message);
    }
}

static void
test_unmark_done (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 28, 9, 45, 0);
  SitrepRuleEnv env = { now, "alice", NULL, NULL };
  g_autoptr(JsonObject) body =
    parse ("{\"status\": \"closed\", \"major\": true, \"resolved_at\": \"2026-11-27T16:00:00Z\","
           " \"hot_wash_done_at\": \"2026-11-28T09:30:00Z\", \"hot_wash_done_by\": \"alice\"}");
  g_autoptr(GPtrArray) mutations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fields = NULL;
  SitrepMutation *entry;

  mutations = sitrep_obligations_unmark_done (&env, "inc-1", body, SITREP_DEADLINE_HOT_WASH,
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mutations->len, ==, 2);
  fields = sitrep_json_to_string (((SitrepMutation *) mutations->pdata[0])->data);
  g_assert_cmpstr (fields, ==, "{\"hot_wash_done_at\":null,\"hot_wash_done_by\":null}");
  entry = mutations->pdata[1];
  g_assert_cmpstr (sitrep_json_get_string (entry->data, "text"), ==, "Hot wash marked not done");
  g_clear_pointer (&mutations, g_ptr_array_unref);

  /* Not marked: refused. */
  mutations = sitrep_obligations_unmark_done (&env, "inc-1", body, SITREP_DEADLINE_POSTMORTEM,
                                              &error);
  g_assert_null (mutations);
  g_assert_error (error, SITREP_INCIDENT_RULES_ERROR, SITREP_INCIDENT_RULES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "That is not marked done");
}

/* Reminders stop SITREP_OBLIGATIONS_REMIND_DAYS after the resolution. */
static void
test_reminded (void)
{
  static const struct { const char *body; gboolean reminded; } rows[] = {
    { "{\"status\": \"closed\", \"resolved_at\": \"2026-12-01T10:00:00Z\"}", TRUE },
    { "{\"status\": \"closed\", \"resolved_at\": \"2026-10-03T10:00:01Z\"}", TRUE },
    { "{\"status\": \"closed\", \"resolved_at\": \"2026-10-03T09:59:59Z\"}", FALSE },
    { "{\"status\": \"closed\", \"resolved_at\": \"2024-01-01T00:00:00Z\"}", FALSE },
    { "{\"status\": \"closed\", \"resolved_at\": null}", FALSE },
    { "{\"status\": \"closed\"}", FALSE },
  };
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-12-02T10:00:00Z", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(JsonObject) body = parse (rows[i].body);

      g_assert_nonnull (body);
      g_assert_cmpint (sitrep_obligations_reminded (body, now), ==, rows[i].reminded);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/obligations/read-done", test_read_done);
  g_test_add_func ("/core/obligations/names", test_names);
  g_test_add_func ("/core/obligations/any-open", test_any_open);
  g_test_add_func ("/core/obligations/mark-done", test_mark_done);
  g_test_add_func ("/core/obligations/mark-done-refused", test_mark_done_refused);
  g_test_add_func ("/core/obligations/unmark-done", test_unmark_done);
  g_test_add_func ("/core/obligations/reminded", test_reminded);

  return g_test_run ();
}

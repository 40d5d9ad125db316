/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-postmortem.c: the Incident Summary figures and the Markdown export */

#include "config.h"

#include <string.h>

#include "sitrep-incident-rules.h"
#include "sitrep-json.h"
#include "sitrep-postmortem.h"
#include "sitrep-time.h"

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_duration (void)
{
  static const struct {
    const char *start, *end, *expected;
  } cases[] = {
    /* the guide's own line */
    { "2026-11-27T14:32:00Z", "2026-11-27T16:00:00Z", "14:32 to 16:00 (1 hours 28 minutes)" },
    /* read to the minute, as printed: 14:32:40 to 16:00:10 is still 1 h 28 */
    { "2026-11-27T14:32:40Z", "2026-11-27T16:00:10Z", "14:32 to 16:00 (1 hours 28 minutes)" },
    { "2026-11-27T14:32:00Z", "2026-11-27T14:32:59Z", "14:32 to 14:32 (0 hours 0 minutes)" },
    { "2026-11-27T14:00:00Z", "2026-11-27T15:00:00Z", "14:00 to 15:00 (1 hours 0 minutes)" },
    /* across midnight: the later clock reading says it is the next day */
    { "2026-11-27T23:10:00Z", "2026-11-28T01:25:00Z", "23:10 to 01:25 +1 day (2 hours 15 minutes)" },
    { "2026-11-27T23:50:00Z", "2026-11-28T00:10:00Z", "23:50 to 00:10 +1 day (0 hours 20 minutes)" },
    /* over days: hours counted in full */
    { "2026-11-27T09:00:00Z", "2026-11-29T11:30:00Z", "09:00 to 11:30 +2 days (50 hours 30 minutes)" },
    { "2026-12-31T22:00:00Z", "2027-01-01T02:00:00Z", "22:00 to 02:00 +1 day (4 hours 0 minutes)" },
    /* another offset is read in UTC */
    { "2026-11-27T15:32:00+01:00", "2026-11-27T16:00:00Z", "14:32 to 16:00 (1 hours 28 minutes)" },
    /* not resolved yet */
    { "2026-11-27T14:32:00Z", NULL, "14:32 to now (ongoing)" },
    /* bad data says so rather than a negative length */
    { "2026-11-27T16:00:00Z", "2026-11-27T14:32:00Z", "16:00 to 14:32 (ends before it starts)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) start = sitrep_time_parse (cases[i].start);
      g_autoptr(GDateTime) end = cases[i].end ? sitrep_time_parse (cases[i].end) : NULL;
      g_autofree char *text = sitrep_postmortem_format_duration (start, end);

      g_test_message ("%s → %s", cases[i].start, cases[i].end);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_summary (void)
{
  static const struct {
    const char *body;
    const char *date, *duration, *severity, *services, *impact;
  } cases[] = {
    /* detected to resolved; closing later is not the end of the impact */
    { "{\"severity\":\"P1\",\"services\":[\"payments\",\"checkout\"],"
      "\"customer_impact\":\"Card payments fail\","
      "\"detected_at\":\"2026-11-27T14:32:00Z\",\"declared_at\":\"2026-11-27T14:35:00Z\","
      "\"resolved_at\":\"2026-11-27T16:00:00Z\",\"closed_at\":\"2026-11-29T10:00:00Z\"}",
      "2026-11-27", "14:32 to 16:00 (1 hours 28 minutes)", "P1", "payments, checkout",
      "Card payments fail" },
    /* impact that began before the alert counts from then */
    { "{\"severity\":\"P2\",\"impact_started_at\":\"2026-11-27T23:40:00Z\","
      "\"detected_at\":\"2026-11-28T00:05:00Z\",\"resolved_at\":\"2026-11-28T01:00:00Z\"}",
      "2026-11-27", "23:40 to 01:00 +1 day (1 hours 20 minutes)", "P2", NULL, NULL },
    /* declared only; closed without a resolution recorded */
    { "{\"severity\":\"P3\",\"services\":[],\"declared_at\":\"2026-11-27T08:00:00Z\","
      "\"closed_at\":\"2026-11-27T09:15:00Z\"}",
      "2026-11-27", "08:00 to 09:15 (1 hours 15 minutes)", "P3", NULL, NULL },
    /* still going */
    { "{\"severity\":\"P1\",\"detected_at\":\"2026-11-27T14:32:00Z\",\"resolved_at\":null}",
      "2026-11-27", "14:32 to now (ongoing)", "P1", NULL, NULL },
    /* nothing known */
    { "{\"title\":\"x\"}", NULL, NULL, NULL, NULL, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) body = parse_object (cases[i].body);
      g_autoptr(SitrepPostmortemSummary) summary = sitrep_postmortem_summary_new (body);

      g_test_message ("%s", cases[i].body);
      g_assert_cmpstr (summary->date, ==, cases[i].date);
      g_assert_cmpstr (summary->duration, ==, cases[i].duration);
      g_assert_cmpstr (summary->severity, ==, cases[i].severity);
      g_assert_cmpstr (summary->services, ==, cases[i].services);
      g_assert_cmpstr (summary->customer_impact, ==, cases[i].impact);
    }
}

static void
test_escape_cell (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "Plain text", "Plain text" },
    { "a | b", "a \\| b" },
    { "||", "\\|\\|" },
    { "first line\nsecond line", "first line<br>second line" },
    { "windows\r\nline", "windows<br>line" },
    { "old mac\rline", "old mac<br>line" },
    { "  padded  \n", "padded" },
    { "", "" },
    { NULL, "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cell = sitrep_markdown_escape_cell (cases[i].in);

      g_assert_cmpstr (cell, ==, cases[i].out);
    }
}

static void
test_sections (void)
{
  static const struct { const char *field, *typed, *stored, *shown; } cases[] = {
    { "went_well", "Fast paging\n\n  Clear roles  \n", "[\"Fast paging\",\"Clear roles\"]",
      "Fast paging\nClear roles" },
    { "contributing_factors", "", "[]", "" },
    { "went_poorly", "\n \n", "[]", "" },
    { "root_cause", "Line one\n\nLine two\n", "\"Line one\\n\\nLine two\\n\"",
      "Line one\n\nLine two\n" },
    { "lessons", "", "\"\"", "" },
  };

  g_assert_true (sitrep_postmortem_field_is_list ("went_well"));
  g_assert_false (sitrep_postmortem_field_is_list ("root_cause"));
  g_assert_false (sitrep_postmortem_field_is_list (NULL));

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = sitrep_postmortem_section_from_text (cases[i].field,
                                                                      cases[i].typed);
      g_autofree char *stored = json_to_string (node, FALSE);
      g_autoptr(JsonObject) body = json_object_new ();
      g_autofree char *shown = NULL;

      g_assert_cmpstr (stored, ==, cases[i].stored);
      json_object_set_member (body, cases[i].field, json_node_copy (node));
      shown = sitrep_postmortem_dup_section_text (body, cases[i].field);
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

static const char incident_text[] =
  "{\"title\":\"Checkout errors\",\"severity\":\"P2\",\"services\":[\"checkout\"],"
  "\"customer_impact\":\"Some orders failed\","
  "\"detected_at\":\"2026-11-27T23:10:00Z\",\"resolved_at\":\"2026-11-28T01:25:00Z\"}";

static GPtrArray *
entries (void)
{
  GPtrArray *timeline = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  /* out of order, as a store may list them */
  g_ptr_array_add (timeline, parse_object ("{\"occurred_at\":\"2026-11-28T01:25:00Z\","
                                           "\"text\":\"Resolved\",\"pinned\":true}"));
  g_ptr_array_add (timeline, parse_object ("{\"occurred_at\":\"2026-11-27T23:10:00Z\","
                                           "\"text\":\"Alert | checkout 5xx\"}"));
  g_ptr_array_add (timeline, parse_object ("{\"occurred_at\":\"2026-11-27T23:30:00Z\","
                                           "\"text\":\"Rolled back\\nrelease 42\","
                                           "\"pinned\":true}"));
  return timeline;
}

/* A postmortem nobody has written yet: every heading of the guide, each
 * section saying it is still to be written, the tables empty. */
static void
test_empty (void)
{
  g_autoptr(JsonObject) incident = parse_object (incident_text);
  g_autofree char *md = sitrep_postmortem_to_markdown (incident, NULL, NULL, NULL);
  static const char expected[] =
    "# Incident Postmortem: Checkout errors\n"
    "\n"
    "## Incident Summary\n"
    "- **Date**: 2026-11-27\n"
    "- **Duration**: 23:10 to 01:25 +1 day (2 hours 15 minutes)\n"
    "- **Severity**: P2\n"
    "- **Service(s) Affected**: checkout\n"
    "- **Customer Impact**: Some orders failed\n"
    "\n"
    "## Timeline\n"
    "| Time (UTC) | Event |\n"
    "|------------|-------|\n"
    "\n"
    "## Root Cause Analysis\n"
    "_Not written yet._\n"
    "\n"
    "## Contributing Factors\n"
    "_Not written yet._\n"
    "\n"
    "## What Went Well\n"
    "_Not written yet._\n"
    "\n"
    "## What Went Poorly\n"
    "_Not written yet._\n"
    "\n"
    "## Action Items\n"
    "| Action | Type | Owner | Due Date | Status |\n"
    "|--------|------|-------|----------|--------|\n"
    "\n"
    "## Lessons Learned\n"
    "_Not written yet._\n";

  g_assert_cmpstr (md, ==, expected);
}

/* Empty sections of a postmortem being written, and what a table cell
 * must not break: a `|`, a new line. */
static void
test_cells_and_empty_sections (void)
{
  g_autoptr(JsonObject) incident = parse_object (incident_text);
  g_autoptr(GPtrArray) timeline = entries ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonObject) postmortem =
    parse_object ("{\"summary\":\"\",\"root_cause\":\"  \",\"went_well\":[\"\",\"Paging\"],"
                  "\"went_poorly\":[],\"five_whys\":[{\"question\":\"\",\"answer\":\"\"}],"
                  "\"lessons\":\"Small | steps\\nwork\"}");
  g_autofree char *md = NULL;

  g_ptr_array_add (items, parse_object ("{\"description\":\"Alert on a | b\\nand c\","
                                        "\"type\":\"detect\",\"owner\":\"bob\","
                                        "\"due_date\":\"2026-12-10\",\"status\":\"deferred\"}"));
  g_ptr_array_add (items, parse_object ("{\"description\":\"Fix it\",\"type\":\"prevent\","
                                        "\"owner\":\"carol\x40" "example.org\","
                                        "\"due_date\":\"2026-12-01\"}"));
  g_ptr_array_add (items, parse_object ("{\"description\":\"Someday\",\"type\":\"respond\"}"));

  md = sitrep_postmortem_to_markdown (incident, timeline, postmortem, items);
  g_test_message ("%s", md);

  /* the brief description falls back to the incident's title */
  g_assert_true (g_str_has_prefix (md, "# Incident Postmortem: Checkout errors\n"));
  /* in time order; the next day's entry says its date */
  g_assert_nonnull (strstr (md, "| 23:10 | Alert \\| checkout 5xx |\n"
                                "| 23:30 | Rolled back<br>release 42 |\n"
                                "| 2026-11-28 01:25 | Resolved |\n"));
  g_assert_nonnull (strstr (md, "## Root Cause Analysis\n_Not written yet._\n\n## Contributing"));
  /* five whys with nothing in them are left out */
  g_assert_null (strstr (md, "Five Whys"));
  g_assert_nonnull (strstr (md, "## What Went Well\n- Paging\n\n"));
  g_assert_nonnull (strstr (md, "## What Went Poorly\n_Not written yet._\n"));
  /* by due date, an item without one last; a handle gets its @ */
  g_assert_nonnull (strstr (md, "| Fix it | Prevent | carol\x40" "example.org | 2026-12-01 | Not Started |\n"
                                "| Alert on a \\| b<br>and c | Detect | @bob | 2026-12-10 | Deferred |\n"
                                "| Someday | Respond |  |  | Not Started |\n"));
  /* free text keeps its lines and its bars */
  g_assert_true (g_str_has_suffix (md, "## Lessons Learned\nSmall | steps\nwork\n"));
}

static void
test_pinned_only (void)
{
  g_autoptr(JsonObject) incident = parse_object (incident_text);
  g_autoptr(GPtrArray) timeline = entries ();
  g_autoptr(JsonObject) postmortem = parse_object ("{\"timeline_pinned_only\":true}");
  g_autofree char *md = sitrep_postmortem_to_markdown (incident, timeline, postmortem, NULL);

  g_assert_nonnull (strstr (md, "|------------|-------|\n"
                                "| 23:30 | Rolled back<br>release 42 |\n"
                                "| 2026-11-28 01:25 | Resolved |\n\n"));
  g_assert_null (strstr (md, "Alert"));
}

static char *
counted_id (gpointer data)
{
  guint *n = data;

  return g_strdup_printf ("00000000-0000-4000-8000-%012u", ++*n);
}

static char *
read_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* The guide's example incident, as `--demo` makes it, with the guide's own
 * postmortem and action items written into it: the export is the guide's
 * template filled in, byte for byte the expected file. */
static void
test_demo (void)
{
  g_autoptr(GDateTime) now = sitrep_time_parse ("2026-11-27T15:15:00Z");
  guint ids = 0;
  SitrepRuleEnv env = { now, "alice", counted_id, &ids };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mutations = sitrep_incident_rules_demo (&env, &error);
  g_autoptr(GPtrArray) timeline = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *fixture_text = read_data ("demo-postmortem.json");
  g_autofree char *expected = read_data ("demo-postmortem.md");
  g_autoptr(JsonObject) fixture = parse_object (fixture_text);
  g_autoptr(JsonObject) incident = NULL;
  JsonArray *fixture_items;
  g_autofree char *md = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < mutations->len; i++)
    {
      SitrepMutation *m = mutations->pdata[i];

      if (g_str_equal (m->coll, "incidents"))
        incident = sitrep_json_copy (m->data);
      else if (g_str_equal (m->coll, "timeline"))
        g_ptr_array_add (timeline, m->data);
    }
  g_assert_nonnull (incident);

  /* Resolved at the guide's 16:00. */
  json_object_set_string_member (incident, "resolved_at", "2026-11-27T16:00:00Z");
  fixture_items = json_object_get_array_member (fixture, "action_items");
  for (guint i = 0; i < json_array_get_length (fixture_items); i++)
    g_ptr_array_add (items, json_object_ref (json_array_get_object_element (fixture_items, i)));

  md = sitrep_postmortem_to_markdown (incident, timeline,
                                      json_object_get_object_member (fixture, "postmortem"),
                                      items);
  g_assert_cmpstr (md, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/postmortem/duration", test_duration);
  g_test_add_func ("/postmortem/summary", test_summary);
  g_test_add_func ("/postmortem/escape-cell", test_escape_cell);
  g_test_add_func ("/postmortem/sections", test_sections);
  g_test_add_func ("/postmortem/export/empty", test_empty);
  g_test_add_func ("/postmortem/export/cells-and-empty-sections", test_cells_and_empty_sections);
  g_test_add_func ("/postmortem/export/pinned-only", test_pinned_only);
  g_test_add_func ("/postmortem/export/demo", test_demo);

  return g_test_run ();
}

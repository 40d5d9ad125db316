/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-checklist.c: the guide's Incident Commander checklist */

#include "config.h"

#include <string.h>

#include "sitrep-checklist.h"
#include "sitrep-json.h"
#include "sitrep-record.h"

/* The guide's checklist, copied line by line from
 * reference/incident-management-guide.txt. */
static const char * const guide_lines[] = {
  "Acknowledge the alert/incident",
  "Determine if this is a real incident requiring response",
  "Declare the incident and its severity level",
  "Create incident channel (e.g., #incident-20250408-1)",
  "Page required responders",
  "Assign initial roles (Comms Lead, Ops Lead, Scribe)",
  "Establish what we know and don't know",
  "Identify affected systems and services",
  "Determine customer impact",
  "Set initial response priorities",
  "Decide if additional responders are needed",
  "Hold regular status updates (every 15-30 min)",
  "Track action items and owners",
  "Ensure communications are going out as needed",
  "Manage escalations to additional teams",
  "Consider if severity level needs adjustment",
  "Confirm that service has been restored",
  "Verify with monitoring and spot checks",
  "Communicate resolution to stakeholders",
  "Schedule postmortem",
  "Declare incident closed",
};

static void
test_default_items (void)
{
  static const struct {
    SitrepPhase phase;
    gsize count;
  } per_phase[] = {
    { SITREP_PHASE_INITIAL, 6 },
    { SITREP_PHASE_ASSESSMENT, 5 },
    { SITREP_PHASE_COORDINATION, 5 },
    { SITREP_PHASE_RESOLUTION, 5 },
    { SITREP_PHASE_MAJOR, 0 },
  };
  gsize n = 0;
  const SitrepChecklistItem *items = sitrep_checklist_default_items (&n);
  SitrepPhase previous = SITREP_PHASE_INITIAL;

  g_assert_cmpuint (n, ==, 21);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (guide_lines));

  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpstr (items[i].text, ==, guide_lines[i]);
      /* phases come in the guide's order */
      g_assert_cmpint (items[i].phase, >=, previous);
      previous = items[i].phase;
    }

  for (gsize p = 0; p < G_N_ELEMENTS (per_phase); p++)
    {
      gsize count = 0;

      for (gsize i = 0; i < n; i++)
        count += items[i].phase == per_phase[p].phase;
      g_assert_cmpuint (count, ==, per_phase[p].count);
    }

  g_assert_cmpstr (items[0].key, ==, "acknowledge");
  g_assert_cmpstr (items[1].key, ==, "real-incident");
  g_assert_cmpstr (items[2].key, ==, "declare");
  g_assert_cmpstr (items[3].key, ==, "channel");
  g_assert_cmpstr (items[4].key, ==, "page");
  g_assert_cmpstr (items[5].key, ==, "assign-roles");
  g_assert_cmpstr (items[6].key, ==, "known-unknown");

  /* NULL n_items is allowed */
  g_assert_true (sitrep_checklist_default_items (NULL) == items);
}

static void
test_major_items (void)
{
  static const char * const expected[] = {
    "Initial executive brief within 30 minutes of declaration",
    "Executive updates every hour",
    "Executive summary within 1 hour of resolution",
    "Initial public statement within 1 hour of confirmation",
    "External updates at least every 2 hours",
    "All external communications must be approved by Communications Lead and Legal",
    "Initial hot wash within 24 hours",
    "Formal postmortem within 72 hours",
    "Executive review within 1 week",
    "30-day follow-up on action items",
  };
  static const char * const mentions[] = {
    "Deputy Incident Commander", "Planning Lead", "Customer Liaison", "war room",
  };
  gsize n = 0;
  const SitrepChecklistItem *items = sitrep_checklist_major_items (&n);

  g_assert_cmpuint (n, ==, 14);

  for (gsize i = 0; i < n; i++)
    g_assert_cmpint (items[i].phase, ==, SITREP_PHASE_MAJOR);

  for (gsize e = 0; e < G_N_ELEMENTS (expected); e++)
    {
      gboolean found = FALSE;

      for (gsize i = 0; i < n && !found; i++)
        found = g_str_equal (items[i].text, expected[e]);
      if (!found)
        g_error ("major item “%s” missing", expected[e]);
    }

  for (gsize m = 0; m < G_N_ELEMENTS (mentions); m++)
    {
      gboolean found = FALSE;

      for (gsize i = 0; i < n && !found; i++)
        found = strstr (items[i].text, mentions[m]) != NULL;
      if (!found)
        g_error ("no major item mentions “%s”", mentions[m]);
    }
}

static void
test_unique_keys (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gsize n_default, n_major;
  const SitrepChecklistItem *lists[2];
  gsize counts[2];

  lists[0] = sitrep_checklist_default_items (&n_default);
  lists[1] = sitrep_checklist_major_items (&n_major);
  counts[0] = n_default;
  counts[1] = n_major;

  for (gsize l = 0; l < 2; l++)
    {
      for (gsize i = 0; i < counts[l]; i++)
        {
          const char *key = lists[l][i].key;

          g_assert_nonnull (key);
          g_assert_cmpstr (key, !=, "");
          /* keys end up in record ids "<uuid>:<key>": keep them plain slugs */
          for (const char *c = key; *c != '\0'; c++)
            g_assert_true (g_ascii_islower (*c) || g_ascii_isdigit (*c) || *c == '-');
          if (!g_hash_table_add (seen, (gpointer) key))
            g_error ("duplicate key %s", key);
        }
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, 35);
}

static void
test_to_body (void)
{
  static const char *incident = "0f8fad5b-d9cb-469f-a165-70867728950e";
  g_autoptr(GError) error = NULL;
  gsize n;
  const SitrepChecklistItem *items = sitrep_checklist_default_items (&n);
  g_autoptr(JsonObject) body = sitrep_checklist_item_to_body (&items[11], incident, 11);
  g_autofree char *text = sitrep_json_to_string (body);
  g_autofree char *id = g_strconcat (incident, ":", items[11].key, NULL);

  g_assert_cmpstr (text, ==,
                   "{\"incident_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\","
                   "\"phase\":\"coordination\",\"key\":\"status-updates\","
                   "\"text\":\"Hold regular status updates (every 15-30 min)\","
                   "\"position\":11,\"done\":false,\"done_by\":null,\"done_at\":null}");

  /* every item's body is a valid checklist record */
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) b = sitrep_checklist_item_to_body (&items[i], incident, i);
      g_autofree char *item_id = g_strconcat (incident, ":", items[i].key, NULL);

      sitrep_record_validate ("checklist", item_id, b, &error);
      g_assert_no_error (error);
    }

  sitrep_record_validate ("checklist", id, body, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/checklist/default-items", test_default_items);
  g_test_add_func ("/core/checklist/major-items", test_major_items);
  g_test_add_func ("/core/checklist/unique-keys", test_unique_keys);
  g_test_add_func ("/core/checklist/to-body", test_to_body);

  return g_test_run ();
}

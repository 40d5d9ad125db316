/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-action-items.c: the guide's improvement item rules */

#include "config.h"

#include "sitrep-action-items.h"
#include "sitrep-json.h"

static JsonObject *
item (const char *status,
      const char *due_date)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "incident_id", "0190d5a0-0000-7000-8000-000000000001");
  json_object_set_string_member (o, "description", "Increase default connection pool size");
  if (status != NULL)
    json_object_set_string_member (o, "status", status);
  if (due_date != NULL)
    json_object_set_string_member (o, "due_date", due_date);
  return o;
}

static void
test_strings (void)
{
  static const struct { SitrepActionType t; const char *wire, *label; } types[] = {
    { SITREP_ACTION_PREVENT, "prevent", "Prevent" },
    { SITREP_ACTION_DETECT, "detect", "Detect" },
    { SITREP_ACTION_RESPOND, "respond", "Respond" },
  };
  static const struct { SitrepActionStatus s; const char *wire, *label; } statuses[] = {
    { SITREP_ACTION_NOT_STARTED, "not_started", "Not Started" },
    { SITREP_ACTION_IN_PROGRESS, "in_progress", "In Progress" },
    { SITREP_ACTION_COMPLETED, "completed", "Completed" },
    { SITREP_ACTION_DEFERRED, "deferred", "Deferred" },
  };
  SitrepActionType t = SITREP_ACTION_DETECT;
  SitrepActionStatus s = SITREP_ACTION_DEFERRED;

  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    {
      SitrepActionType got;
      g_assert_cmpstr (sitrep_action_type_to_string (types[i].t), ==, types[i].wire);
      g_assert_cmpstr (sitrep_action_type_get_label (types[i].t), ==, types[i].label);
      g_assert_true (sitrep_action_type_from_string (types[i].wire, &got));
      g_assert_cmpint (got, ==, types[i].t);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      SitrepActionStatus got;
      g_assert_cmpstr (sitrep_action_status_to_string (statuses[i].s), ==, statuses[i].wire);
      g_assert_cmpstr (sitrep_action_status_get_label (statuses[i].s), ==, statuses[i].label);
      g_assert_true (sitrep_action_status_from_string (statuses[i].wire, &got));
      g_assert_cmpint (got, ==, statuses[i].s);
    }

  g_assert_false (sitrep_action_type_from_string ("Prevent", &t));
  g_assert_false (sitrep_action_type_from_string (NULL, &t));
  g_assert_cmpint (t, ==, SITREP_ACTION_DETECT);
  g_assert_false (sitrep_action_status_from_string ("in-progress", &s));
  g_assert_false (sitrep_action_status_from_string ("In Progress", &s));
  g_assert_cmpint (s, ==, SITREP_ACTION_DEFERRED);
  g_assert_null (sitrep_action_type_to_string ((SitrepActionType) 3));
  g_assert_null (sitrep_action_type_get_label ((SitrepActionType) -1));
  g_assert_null (sitrep_action_status_to_string ((SitrepActionStatus) 4));
  g_assert_null (sitrep_action_status_get_label ((SitrepActionStatus) 4));
}

/* The guide's is_overdue, with the due date read as the whole day in UTC. */
static void
test_overdue (void)
{
  static const struct {
    const char *status, *due, *now;
    gboolean overdue;
  } rows[] = {
    { "not_started", "2025-04-15", "2025-04-15T23:59:59Z", FALSE },  /* due today */
    { "not_started", "2025-04-15", "2025-04-16T00:00:00Z", TRUE },
    { "in_progress", "2025-04-15", "2025-05-01T09:00:00Z", TRUE },
    { "completed",   "2025-04-15", "2025-05-01T09:00:00Z", FALSE },  /* never */
    { "deferred",    "2025-04-15", "2025-05-01T09:00:00Z", TRUE },   /* still is */
    { "deferred",    "2025-04-15", "2025-04-10T09:00:00Z", FALSE },
    { NULL,          "2025-04-15", "2025-04-16T09:00:00Z", TRUE },   /* new item */
    { "not_started", NULL,         "2030-01-01T00:00:00Z", FALSE },  /* no date */
    { "not_started", "2025-02-30", "2030-01-01T00:00:00Z", FALSE },  /* no such day */
    { "not_started", "2025-4-15",  "2030-01-01T00:00:00Z", FALSE },
    { "not_started", "2025-04-15T18:00:00+02:00", "2025-04-16T00:00:01Z", TRUE },
    { "bogus",       "2025-04-15", "2030-01-01T00:00:00Z", FALSE },
    /* Local evening, already the next day in UTC. */
    { "not_started", "2025-04-15", "2025-04-15T21:00:00-05:00", TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(JsonObject) o = item (rows[i].status, rows[i].due);
      g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (rows[i].now, NULL);

      g_assert_nonnull (now);
      if (sitrep_action_item_is_overdue (o, now) != rows[i].overdue)
        g_error ("row %" G_GSIZE_FORMAT ": %s due %s at %s: expected %s", i,
                 rows[i].status, rows[i].due, rows[i].now,
                 rows[i].overdue ? "overdue" : "not overdue");
    }
}

static void
test_due_date (void)
{
  g_autoptr(JsonObject) o = item ("not_started", "2024-02-29");
  g_autoptr(GDate) due = sitrep_action_item_dup_due_date (o);

  g_assert_nonnull (due);
  g_assert_cmpint (g_date_get_year (due), ==, 2024);
  g_assert_cmpint (g_date_get_month (due), ==, 2);
  g_assert_cmpint (g_date_get_day (due), ==, 29);
}

/* Completing stamps the completion date; any other status clears it. */
static void
test_status_fields (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2025-04-12T10:20:30Z", NULL);
  g_autoptr(JsonObject) done = sitrep_action_item_status_fields (SITREP_ACTION_COMPLETED, now);
  g_autoptr(JsonObject) again = sitrep_action_item_status_fields (SITREP_ACTION_IN_PROGRESS, now);
  g_autoptr(GDateTime) stamped = NULL;

  g_assert_cmpstr (sitrep_json_get_string (done, "status"), ==, "completed");
  stamped = g_date_time_new_from_iso8601 (sitrep_json_get_string (done, "completed_at"), NULL);
  g_assert_nonnull (stamped);
  g_assert_true (g_date_time_equal (stamped, now));

  g_assert_cmpstr (sitrep_json_get_string (again, "status"), ==, "in_progress");
  g_assert_true (json_object_has_member (again, "completed_at"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (again, "completed_at")));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/action-items/strings", test_strings);
  g_test_add_func ("/core/action-items/overdue", test_overdue);
  g_test_add_func ("/core/action-items/due-date", test_due_date);
  g_test_add_func ("/core/action-items/status-fields", test_status_fields);

  return g_test_run ();
}

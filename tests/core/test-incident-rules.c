/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-incident-rules.c: what declaring and changing an incident writes */

#include "config.h"

#include <string.h>

#include "sitrep-checklist.h"
#include "sitrep-enum-strings.h"
#include "sitrep-incident-rules.h"
#include "sitrep-json.h"
#include "sitrep-protocol-scan.h"
#include "sitrep-record.h"
#include "sitrep-time.h"
#include "sitrep-triage.h"

#define NOW "2026-11-27T14:32:00Z"
#define NOW_DAY "20261127"

typedef struct {
  guint next;
} Ids;

static char *
counted_id (gpointer data)
{
  Ids *ids = data;

  return g_strdup_printf ("00000000-0000-4000-8000-%012u", ++ids->next);
}

typedef struct {
  GDateTime     *now;
  Ids            ids;
  SitrepRuleEnv  env;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->now = sitrep_time_parse (NOW);
  f->ids.next = 0;
  f->env.now = f->now;
  f->env.actor = "ic";
  f->env.new_id = counted_id;
  f->env.new_id_data = &f->ids;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_date_time_unref (f->now);
}

static SitrepMutation *
at (GPtrArray *mutations,
    guint      i)
{
  g_assert_cmpuint (i, <, mutations->len);
  return mutations->pdata[i];
}

/* Every mutation a rule returns is one the protocol accepts. */
static void
assert_valid (GPtrArray *mutations)
{
  for (guint i = 0; i < mutations->len; i++)
    {
      SitrepMutation *m = mutations->pdata[i];
      g_autoptr(GError) error = NULL;

      if (m->op == SITREP_MUTATION_PUT)
        sitrep_record_validate (m->coll, m->id, m->data, &error);
      else
        sitrep_record_validate_patch (m->coll, m->data, &error);
      g_assert_no_error (error);
    }
}

static guint
count_coll (GPtrArray  *mutations,
            const char *coll)
{
  guint n = 0;

  for (guint i = 0; i < mutations->len; i++)
    n += g_str_equal (((SitrepMutation *) mutations->pdata[i])->coll, coll);
  return n;
}

static JsonObject *
new_body (const char     *title,
          SitrepSeverity  severity)
{
  static const char * const services[] = { "payments", "checkout", NULL };

  return sitrep_incident_rules_new_body (title, services, "Card payments fail", severity,
                                         SITREP_STATUS_INVESTIGATING);
}

static void
test_split_services (void)
{
  g_auto(GStrv) none = sitrep_incident_rules_split_services (NULL);
  g_auto(GStrv) names = sitrep_incident_rules_split_services (" payments, ,checkout\nsearch ,");

  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (names), ==, 3);
  g_assert_cmpstr (names[0], ==, "payments");
  g_assert_cmpstr (names[1], ==, "checkout");
  g_assert_cmpstr (names[2], ==, "search");
}

/* An incident declared already acknowledged (an alert someone took) has
 * its Acknowledge item done at that time. */
static void
test_declare_acknowledged (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(JsonObject) body = new_body ("Checkout slow", SITREP_SEVERITY_P2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mutations = NULL;
  gboolean seen = FALSE;

  json_object_set_string_member (body, "acknowledged_at", "2026-11-27T14:30:00Z");
  mutations = sitrep_incident_rules_declare (&f->env, NULL, body, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < mutations->len; i++)
    {
      SitrepMutation *m = at (mutations, i);

      if (!g_str_equal (m->coll, "checklist") ||
          !g_str_equal (sitrep_json_get_string (m->data, "key"), "acknowledge"))
        continue;
      g_assert_true (sitrep_json_get_bool (m->data, "done"));
      g_assert_cmpstr (sitrep_json_get_string (m->data, "done_at"), ==, "2026-11-27T14:30:00Z");
      seen = TRUE;
    }
  g_assert_true (seen);
}

static void
test_declare (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonObject) body = new_body ("  Payments down  ", SITREP_SEVERITY_P1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mutations = sitrep_incident_rules_declare (&f->env, NULL, body, &error);
  gsize n_items;
  const SitrepChecklistItem *items = sitrep_checklist_default_items (&n_items);
  SitrepMutation *incident, *entry;
  const char *id;

  g_assert_no_error (error);
  g_assert_nonnull (mutations);
  g_assert_cmpuint (mutations->len, ==, 1 + n_items + 1);
  assert_valid (mutations);

  /* The incident first, with its milestones of the declaration. */
  incident = at (mutations, 0);
  id = incident->id;
  g_assert_cmpstr (id, ==, "00000000-0000-4000-8000-000000000001");
  g_assert_cmpint (incident->op, ==, SITREP_MUTATION_PUT);
  g_assert_cmpstr (incident->coll, ==, "incidents");
  g_assert_cmpstr (sitrep_json_get_string (incident->data, "title"), ==, "Payments down");
  g_assert_cmpstr (sitrep_json_get_string (incident->data, "severity"), ==, "P1");
  g_assert_cmpstr (sitrep_json_get_string (incident->data, "status"), ==, "investigating");
  g_assert_cmpstr (sitrep_json_get_string (incident->data, "declared_at"), ==, NOW);
  g_assert_cmpstr (sitrep_json_get_string (incident->data, "detected_at"), ==, NOW);
  g_assert_true (json_object_get_null_member (incident->data, "resolved_at"));
  g_assert_false (sitrep_json_get_bool (incident->data, "major"));

  /* The guide's IC checklist, in order; what declaring did is done, by
   * whoever declared, and the channel's example is the incident's day. */
  for (gsize i = 0; i < n_items; i++)
    {
      SitrepMutation *item = at (mutations, 1 + i);
      g_autofree char *item_id = g_strdup_printf ("%s:%s", id, items[i].key);
      const char *text = sitrep_json_get_string (item->data, "text");

      g_assert_cmpstr (item->coll, ==, "checklist");
      g_assert_cmpstr (item->id, ==, item_id);
      g_assert_cmpstr (sitrep_json_get_string (item->data, "incident_id"), ==, id);
      g_assert_cmpint (json_object_get_int_member (item->data, "position"), ==, i);
      if (g_str_equal (items[i].key, "declare"))
        {
          g_assert_true (sitrep_json_get_bool (item->data, "done"));
          g_assert_cmpstr (sitrep_json_get_string (item->data, "done_by"), ==, "ic");
          g_assert_cmpstr (sitrep_json_get_string (item->data, "done_at"), ==, NOW);
        }
      else
        g_assert_false (sitrep_json_get_bool (item->data, "done"));
      if (g_str_equal (items[i].key, "channel"))
        g_assert_cmpstr (text, ==, "Create incident channel (e.g., #incident-"
                                   NOW_DAY "-1)");
      else
        g_assert_cmpstr (text, ==, items[i].text);
    }

  /* And the first entry. */
  entry = at (mutations, mutations->len - 1);
  g_assert_cmpstr (entry->coll, ==, "timeline");
  g_assert_cmpstr (entry->id, ==, "00000000-0000-4000-8000-000000000002");
  g_assert_cmpstr (sitrep_json_get_string (entry->data, "incident_id"), ==, id);
  g_assert_cmpstr (sitrep_json_get_string (entry->data, "text"), ==,
                   "Incident declared: P1 (Critical)");
  g_assert_cmpstr (sitrep_json_get_string (entry->data, "kind"), ==, "status");
  g_assert_cmpstr (sitrep_json_get_string (entry->data, "author"), ==, "ic");
  g_assert_cmpstr (sitrep_json_get_string (entry->data, "occurred_at"), ==, NOW);

  /* All of it creates records: create-only. */
  for (guint i = 0; i < mutations->len; i++)
    g_assert_cmpint (at (mutations, i)->base_version, ==, 0);
}

static void
test_declare_given (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) body = new_body ("Checkout slow", SITREP_SEVERITY_P2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mutations = NULL;
  gsize n_items, n_major;

  sitrep_checklist_default_items (&n_items);
  sitrep_checklist_major_items (&n_major);

  /* A given id, an earlier detection and a major incident. */
  json_object_set_string_member (body, "detected_at", "2026-11-27T14:20:00Z");
  json_object_set_boolean_member (body, "major", TRUE);
  mutations = sitrep_incident_rules_declare (&f->env, "6c1f1e0a-55b8-4bde-9a55-1f0c2a0e9d11",
                                             body, &error);
  g_assert_no_error (error);
  assert_valid (mutations);
  g_assert_cmpstr (at (mutations, 0)->id, ==, "6c1f1e0a-55b8-4bde-9a55-1f0c2a0e9d11");
  g_assert_cmpstr (sitrep_json_get_string (at (mutations, 0)->data, "detected_at"), ==,
                   "2026-11-27T14:20:00Z");
  g_assert_cmpstr (sitrep_json_get_string (at (mutations, 0)->data, "declared_at"), ==, NOW);
  g_assert_cmpuint (count_coll (mutations, "checklist"), ==, n_items + n_major);
  g_assert_cmpint (json_object_get_int_member (at (mutations, n_items + n_major)->data,
                                               "position"), ==, n_items + n_major - 1);
  g_assert_cmpstr (sitrep_json_get_string (at (mutations, mutations->len - 1)->data, "text"), ==,
                   "Incident declared: P2 (High)");
}

static void
test_declare_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonObject) blank = new_body (" \t", SITREP_SEVERITY_P1);
  g_autoptr(JsonObject) unclassified = new_body ("Payments down", SITREP_SEVERITY_NONE);
  g_autoptr(GError) error = NULL;
  GPtrArray *mutations;

  mutations = sitrep_incident_rules_declare (&f->env, NULL, blank, &error);
  g_assert_null (mutations);
  g_assert_error (error, SITREP_INCIDENT_RULES_ERROR, SITREP_INCIDENT_RULES_ERROR_INVALID);
  g_clear_error (&error);

  mutations = sitrep_incident_rules_declare (&f->env, NULL, unclassified, &error);
  g_assert_null (mutations);
  g_assert_error (error, SITREP_INCIDENT_RULES_ERROR, SITREP_INCIDENT_RULES_ERROR_INVALID);
  g_assert_cmpuint (f->ids.next, ==, 0);
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  static const struct {
    SitrepStatus from;
    gboolean has_resolved_at;
    SitrepStatus to;
    const char *resolved_at;   /* NOW, "null", or NULL for untouched */
    const char *closed_at;
    const char *text;
  } rows[] = {
    { SITREP_STATUS_INVESTIGATING, FALSE, SITREP_STATUS_IDENTIFIED, NULL, NULL,
      "Status: Investigating → Identified" },
    { SITREP_STATUS_MONITORING, FALSE, SITREP_STATUS_RESOLVED, NOW, NULL,
      "Status: Monitoring → Resolved" },
    { SITREP_STATUS_MONITORING, TRUE, SITREP_STATUS_RESOLVED, NULL, NULL,
      "Status: Monitoring → Resolved" },
    { SITREP_STATUS_RESOLVED, TRUE, SITREP_STATUS_CLOSED, NULL, NOW,
      "Status: Resolved → Closed" },
    { SITREP_STATUS_MONITORING, FALSE, SITREP_STATUS_CLOSED, NOW, NOW,
      "Status: Monitoring → Closed" },
    { SITREP_STATUS_RESOLVED, TRUE, SITREP_STATUS_INVESTIGATING, "null", NULL,
      "Status: Resolved → Investigating" },
  };
  const char *id = "6c1f1e0a-55b8-4bde-9a55-1f0c2a0e9d11";

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) mutations = sitrep_incident_rules_set_status (&f->env, id,
                                                                         rows[i].from,
                                                                         rows[i].has_resolved_at,
                                                                         rows[i].to, &error);
      JsonObject *fields;
      JsonObject *entry;

      g_test_message ("row %u", i);
      g_assert_no_error (error);
      g_assert_cmpuint (mutations->len, ==, 2);
      assert_valid (mutations);

      g_assert_cmpint (at (mutations, 0)->op, ==, SITREP_MUTATION_PATCH);
      g_assert_cmpstr (at (mutations, 0)->id, ==, id);
      fields = at (mutations, 0)->data;
      g_assert_cmpint (sitrep_status_from_string (sitrep_json_get_string (fields, "status")), ==,
                       rows[i].to);
      if (rows[i].resolved_at == NULL)
        g_assert_false (json_object_has_member (fields, "resolved_at"));
      else if (g_str_equal (rows[i].resolved_at, "null"))
        g_assert_true (json_object_get_null_member (fields, "resolved_at"));
      else
        g_assert_cmpstr (sitrep_json_get_string (fields, "resolved_at"), ==, rows[i].resolved_at);
      if (rows[i].closed_at == NULL)
        g_assert_false (json_object_has_member (fields, "closed_at"));
      else
        g_assert_cmpstr (sitrep_json_get_string (fields, "closed_at"), ==, rows[i].closed_at);

      entry = at (mutations, 1)->data;
      g_assert_cmpstr (sitrep_json_get_string (entry, "text"), ==, rows[i].text);
      g_assert_cmpstr (sitrep_json_get_string (entry, "kind"), ==, "status");
      g_assert_cmpstr (sitrep_json_get_string (entry, "incident_id"), ==, id);
      g_assert_cmpstr (sitrep_json_get_string (entry, "author"), ==, "ic");
    }

  /* The lifecycle forbids some moves; closed is final. */
  {
    g_autoptr(GError) error = NULL;
    GPtrArray *mutations = sitrep_incident_rules_set_status (&f->env, id, SITREP_STATUS_CLOSED,
                                                             TRUE, SITREP_STATUS_INVESTIGATING,
                                                             &error);

    g_assert_null (mutations);
    g_assert_error (error, SITREP_INCIDENT_RULES_ERROR, SITREP_INCIDENT_RULES_ERROR_INVALID);
  }
}

static void
test_severity (Fixture       *f,
               gconstpointer  data)
{
  const char *id = "6c1f1e0a-55b8-4bde-9a55-1f0c2a0e9d11";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) same = sitrep_incident_rules_set_severity (&f->env, id, SITREP_SEVERITY_P2,
                                                                  SITREP_SEVERITY_P2, &error);
  g_autoptr(GPtrArray) up = NULL;
  g_autoptr(GPtrArray) first = NULL;
  GPtrArray *none;

  g_assert_no_error (error);
  g_assert_cmpuint (same->len, ==, 0);

  up = sitrep_incident_rules_set_severity (&f->env, id, SITREP_SEVERITY_P2, SITREP_SEVERITY_P1,
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (up->len, ==, 2);
  assert_valid (up);
  g_assert_cmpstr (sitrep_json_get_string (at (up, 0)->data, "severity"), ==, "P1");
  g_assert_cmpstr (sitrep_json_get_string (at (up, 1)->data, "text"), ==, "Severity: P2 → P1");

  first = sitrep_incident_rules_set_severity (&f->env, id, SITREP_SEVERITY_NONE,
                                              SITREP_SEVERITY_P3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_json_get_string (at (first, 1)->data, "text"), ==,
                   "Severity: — → P3");

  none = sitrep_incident_rules_set_severity (&f->env, id, SITREP_SEVERITY_P2,
                                             SITREP_SEVERITY_NONE, &error);
  g_assert_null (none);
  g_assert_error (error, SITREP_INCIDENT_RULES_ERROR, SITREP_INCIDENT_RULES_ERROR_INVALID);
}

static void
test_major (Fixture       *f,
            gconstpointer  data)
{
  const char *id = "6c1f1e0a-55b8-4bde-9a55-1f0c2a0e9d11";
  gsize n_major;
  const SitrepChecklistItem *major = sitrep_checklist_major_items (&n_major);
  g_autofree char *had = g_strdup_printf ("%s:%s", id, major[0].key);
  g_autofree char *own = g_strdup_printf ("%s:acknowledge", id);
  const char *existing[] = { own, had, NULL };
  g_autoptr(GPtrArray) unchanged = sitrep_incident_rules_set_major (&f->env, id, TRUE, TRUE,
                                                                    existing, 22, 0);
  g_autoptr(GPtrArray) on = sitrep_incident_rules_set_major (&f->env, id, FALSE, TRUE, existing,
                                                             22, 0);
  g_autoptr(GPtrArray) off = sitrep_incident_rules_set_major (&f->env, id, TRUE, FALSE, existing,
                                                              22, 0);

  g_assert_cmpuint (unchanged->len, ==, 0);

  /* On: the switch, the decision, and the items the incident lacks. */
  assert_valid (on);
  g_assert_cmpuint (on->len, ==, 2 + n_major - 1);
  g_assert_cmpint (at (on, 0)->op, ==, SITREP_MUTATION_PATCH);
  g_assert_true (sitrep_json_get_bool (at (on, 0)->data, "major"));
  g_assert_cmpstr (sitrep_json_get_string (at (on, 1)->data, "text"), ==,
                   "Major Incident Protocol activated");
  g_assert_cmpstr (sitrep_json_get_string (at (on, 1)->data, "kind"), ==, "decision");
  for (guint i = 2; i < on->len; i++)
    {
      SitrepMutation *item = at (on, i);
      g_autofree char *item_id = g_strdup_printf ("%s:%s", id, major[i - 1].key);

      g_assert_cmpstr (item->id, ==, item_id);
      g_assert_cmpint (item->base_version, ==, 0);
      g_assert_cmpint (json_object_get_int_member (item->data, "position"), ==, 22 + i - 2);
    }

  /* Off keeps the items. */
  assert_valid (off);
  g_assert_cmpuint (off->len, ==, 2);
  g_assert_false (sitrep_json_get_bool (at (off, 0)->data, "major"));
  g_assert_cmpstr (sitrep_json_get_string (at (off, 1)->data, "text"), ==,
                   "Major Incident Protocol stood down");
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mutations = sitrep_incident_rules_demo (&f->env, &error);
  gsize n_items;
  JsonObject *incident;
  const char *id;

  sitrep_checklist_default_items (&n_items);
  g_assert_no_error (error);
  assert_valid (mutations);
  g_assert_cmpuint (count_coll (mutations, "checklist"), ==, n_items);
  g_assert_cmpuint (count_coll (mutations, "timeline"), ==, 6);

  id = at (mutations, 0)->id;
  incident = at (mutations, 0)->data;
  g_assert_cmpstr (sitrep_json_get_string (incident, "severity"), ==, "P1");
  g_assert_cmpstr (sitrep_json_get_string (incident, "status"), ==, "identified");
  g_assert_cmpstr (sitrep_json_get_string (incident, "detected_at"), ==, "2026-11-27T13:49:00Z");
  g_assert_cmpstr (sitrep_json_get_string (incident, "declared_at"), ==, "2026-11-27T13:52:00Z");
  g_assert_cmpstr (sitrep_json_get_string (incident, "acknowledged_at"), ==,
                   "2026-11-27T13:53:00Z");

  for (guint i = 0; i < mutations->len; i++)
    {
      SitrepMutation *m = at (mutations, i);

      g_assert_cmpint (m->base_version, ==, 0);
      if (g_str_equal (m->coll, "timeline"))
        g_assert_cmpstr (sitrep_json_get_string (m->data, "incident_id"), ==, id);
    }

  /* Declared by alice; the alert came from Alertmanager. */
  g_assert_cmpstr (sitrep_json_get_string (at (mutations, 1 + n_items)->data, "author"), ==,
                   "alice");
  g_assert_cmpstr (sitrep_json_get_string (at (mutations, 2 + n_items)->data, "author"), ==,
                   "alertmanager");
  g_assert_cmpstr (sitrep_json_get_string (at (mutations, 2 + n_items)->data, "occurred_at"), ==,
                   "2026-11-27T13:49:00Z");
}

static void
test_explain (void)
{
  static const struct {
    const char *service;
    double error_rate;
    gint64 affected_users;
    gboolean revenue;
    SitrepTriageRule rule;
    const char *explanation;
  } rows[] = {
    { "payments", 0.25, 0, FALSE, SITREP_TRIAGE_RULE_CRITICAL_ERRORS,
      "critical service payments and error rate 25% > 20%" },
    { "payments", 0.2001, 0, TRUE, SITREP_TRIAGE_RULE_CRITICAL_ERRORS,
      "critical service payments and error rate 20.01% > 20%" },
    { "payments", 0.20, 0, TRUE, SITREP_TRIAGE_RULE_REVENUE,
      "revenue impacting (service payments)" },
    { NULL, 0.0, 0, TRUE, SITREP_TRIAGE_RULE_REVENUE, "revenue impacting" },
    { "search", 0.12, 5000, FALSE, SITREP_TRIAGE_RULE_ERRORS_10, "error rate 12% > 10%" },
    { "search", 0.01, 1500, FALSE, SITREP_TRIAGE_RULE_USERS_1000,
      "1500 users affected > 1000" },
    { "search", 0.075, 0, FALSE, SITREP_TRIAGE_RULE_ERRORS_5, "error rate 7.5% > 5%" },
    { "search", 0.0, 101, FALSE, SITREP_TRIAGE_RULE_USERS_100, "101 users affected > 100" },
    { "search", 0.01, 20, FALSE, SITREP_TRIAGE_RULE_NONE,
      "no rule matched (service search, error rate 1%, 20 users affected)" },
    { NULL, 0.0, 0, FALSE, SITREP_TRIAGE_RULE_NONE,
      "no rule matched: the alert gives no service, error rate or affected users" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      SitrepAlertFacts facts = {
        (char *) rows[i].service, rows[i].error_rate, rows[i].affected_users, rows[i].revenue,
        SITREP_SEVERITY_NONE, NULL,
      };
      SitrepTriageRule rule = sitrep_triage_match (&facts, NULL);
      g_autofree char *explanation = sitrep_triage_explain (&facts, rule);

      g_test_message ("row %u", i);
      g_assert_cmpint (rule, ==, rows[i].rule);
      g_assert_cmpint (sitrep_triage_classify (&facts, NULL), ==,
                       sitrep_triage_rule_get_severity (rule));
      g_assert_cmpstr (explanation, ==, rows[i].explanation);
    }

  g_assert_cmpstr (sitrep_triage_rule_to_string (SITREP_TRIAGE_RULE_CRITICAL_ERRORS), ==,
                   "critical_errors");
  g_assert_cmpstr (sitrep_triage_rule_to_string (SITREP_TRIAGE_RULE_NONE), ==, "none");
}

static void
test_explain_long_service (void)
{
  g_autofree char *service = g_strnfill (3 * SITREP_TEXT_MAX, 'x');
  SitrepAlertFacts facts = { service, 0.5, 0, FALSE, SITREP_SEVERITY_NONE, NULL };
  g_autofree char *explanation = sitrep_triage_explain (&facts, SITREP_TRIAGE_RULE_ERRORS_10);
  g_autofree char *critical = sitrep_triage_explain (&facts, SITREP_TRIAGE_RULE_CRITICAL_ERRORS);

  g_assert_cmpstr (explanation, ==, "error rate 50% > 10%");
  g_assert_cmpuint (strlen (critical), <, SITREP_NAME_MAX + 64);
}

static void
test_triage_record (Fixture       *f,
                    gconstpointer  data)
{
  const char *id = "6c1f1e0a-55b8-4bde-9a55-1f0c2a0e9d11";
  g_autoptr(JsonObject) body = new_body ("High HTTP error rate", SITREP_SEVERITY_P4);
  g_autoptr(GPtrArray) with_hint = NULL;
  g_autoptr(GPtrArray) agreeing = NULL;
  g_autoptr(GPtrArray) long_reason = NULL;
  g_autofree char *reason = g_strnfill (2 * SITREP_TEXT_MAX, 'r');
  g_autoptr(GError) error = NULL;
  JsonObject *triage;

  sitrep_incident_rules_set_triage (body, SITREP_SEVERITY_P4, SITREP_TRIAGE_RULE_NONE,
                                    "no rule matched", SITREP_SEVERITY_P1);
  triage = json_object_get_object_member (body, "triage");
  g_assert_nonnull (triage);
  g_assert_cmpstr (sitrep_json_get_string (triage, "severity"), ==, "P4");
  g_assert_cmpstr (sitrep_json_get_string (triage, "rule"), ==, "none");
  g_assert_cmpstr (sitrep_json_get_string (triage, "reason"), ==, "no rule matched");
  g_assert_cmpstr (sitrep_json_get_string (body, "severity_hint"), ==, "P1");
  g_assert_true (sitrep_record_validate ("incidents", id, body, &error));
  g_assert_no_error (error);

  /* A hint that differs gets an entry of its own. */
  with_hint = sitrep_incident_rules_triage_entries (&f->env, id, SITREP_SEVERITY_P4,
                                                    "no rule matched", SITREP_SEVERITY_P1,
                                                    "critical");
  assert_valid (with_hint);
  g_assert_cmpuint (with_hint->len, ==, 2);
  g_assert_cmpstr (sitrep_json_get_string (at (with_hint, 0)->data, "text"), ==,
                   "Triage: P4 — no rule matched");
  g_assert_cmpstr (sitrep_json_get_string (at (with_hint, 0)->data, "author"), ==, "ic");
  g_assert_cmpstr (sitrep_json_get_string (at (with_hint, 1)->data, "text"), ==,
                   "The alert’s severity label “critical” suggests P1; triage gave P4");
  g_assert_cmpint (at (with_hint, 1)->base_version, ==, 0);

  agreeing = sitrep_incident_rules_triage_entries (&f->env, id, SITREP_SEVERITY_P1,
                                                   "critical service payments and error rate "
                                                   "25% > 20%", SITREP_SEVERITY_P1, "critical");
  g_assert_cmpuint (agreeing->len, ==, 1);
  g_assert_cmpstr (sitrep_json_get_string (at (agreeing, 0)->data, "text"), ==,
                   "Triage: P1 — critical service payments and error rate 25% > 20%");

  /* Whatever the alert said, the records stay within the limits. */
  long_reason = sitrep_incident_rules_triage_entries (&f->env, id, SITREP_SEVERITY_P2, reason,
                                                      SITREP_SEVERITY_P1, reason);
  assert_valid (long_reason);
  g_assert_cmpuint (strlen (sitrep_json_get_string (at (long_reason, 0)->data, "text")), <=,
                    SITREP_TEXT_MAX);
  g_assert_cmpuint (strlen (sitrep_json_get_string (at (long_reason, 1)->data, "text")), <,
                    SITREP_NAME_MAX + 100);
  sitrep_incident_rules_set_triage (body, SITREP_SEVERITY_P2, SITREP_TRIAGE_RULE_ERRORS_10,
                                    reason, SITREP_SEVERITY_NONE);
  g_assert_cmpuint (strlen (sitrep_json_get_string (json_object_get_object_member (body, "triage"),
                                                    "reason")), <=, SITREP_TEXT_MAX);
}

static gboolean
ledger_is_critical (const char *service,
                    gpointer    data)
{
  return g_str_equal (service, "ledger");
}

static void
test_group_triage (void)
{
  g_autoptr(JsonObject) common = sitrep_protocol_parse_object ("{\"severity\": \"warning\"}", NULL);
  g_autoptr(JsonObject) search = sitrep_protocol_parse_object ("{\"service\": \"search\", "
                                                          "\"error_rate\": \"12%\"}", NULL);
  g_autoptr(JsonObject) ledger = sitrep_protocol_parse_object ("{\"service\": \"ledger\", "
                                                          "\"error_rate\": \"0.3\", "
                                                          "\"severity\": \"critical\"}", NULL);
  g_autoptr(JsonObject) search_again = sitrep_protocol_parse_object ("{\"service\": \"search\", "
                                                                "\"error_rate\": \"50%\"}",
                                                                NULL);
  SitrepTriageResult result;

  sitrep_triage_result_init (&result);
  sitrep_triage_result_add (&result, common, NULL, ledger_is_critical, NULL);
  g_assert_cmpint (result.severity, ==, SITREP_SEVERITY_P4);
  g_assert_cmpint (result.hint, ==, SITREP_SEVERITY_P3);
  g_assert_cmpstr (result.hint_label, ==, "warning");

  sitrep_triage_result_add (&result, search, NULL, ledger_is_critical, NULL);
  g_assert_cmpint (result.severity, ==, SITREP_SEVERITY_P2);
  g_assert_cmpstr (result.reason, ==, "error rate 12% > 10%");

  /* The catalogue makes ledger critical; the most severe explains. */
  sitrep_triage_result_add (&result, ledger, NULL, ledger_is_critical, NULL);
  g_assert_cmpint (result.severity, ==, SITREP_SEVERITY_P1);
  g_assert_cmpint (result.rule, ==, SITREP_TRIAGE_RULE_CRITICAL_ERRORS);
  g_assert_cmpstr (result.reason, ==, "critical service ledger and error rate 30% > 20%");
  g_assert_cmpint (result.hint, ==, SITREP_SEVERITY_P1);
  g_assert_cmpstr (result.hint_label, ==, "critical");

  /* A less severe one changes nothing; services are named once. */
  sitrep_triage_result_add (&result, search_again, NULL, NULL, NULL);
  g_assert_cmpstr (result.reason, ==, "critical service ledger and error rate 30% > 20%");
  g_assert_cmpuint (result.services->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (result.services, 0), ==, "search");
  g_assert_cmpstr (g_ptr_array_index (result.services, 1), ==, "ledger");

  sitrep_triage_result_clear (&result);
  g_assert_null (result.reason);
  g_assert_null (result.services);

  /* A service label too long for a name is cut to one. */
  {
    g_autofree char *name = g_strnfill (SITREP_TEXT_MAX + 10, 'n');
    g_autoptr(JsonObject) long_labels = json_object_new ();

    json_object_set_string_member (long_labels, "service", name);
    sitrep_triage_result_init (&result);
    sitrep_triage_result_add (&result, long_labels, NULL, NULL, NULL);
    g_assert_cmpuint (result.services->len, ==, 1);
    g_assert_cmpuint (strlen (g_ptr_array_index (result.services, 0)), ==, SITREP_NAME_MAX);
    sitrep_triage_result_clear (&result);
  }
}

static void
test_escalate (void)
{
  g_autoptr(JsonObject) body = new_body ("High HTTP error rate", SITREP_SEVERITY_P3);
  g_autoptr(JsonObject) labels = sitrep_protocol_parse_object ("{\"service\": \"payments\", "
                                                          "\"error_rate\": \"0.25\"}", NULL);
  g_autoptr(JsonObject) milder = sitrep_protocol_parse_object ("{\"service\": \"search\", "
                                                          "\"severity\": \"warning\"}", NULL);
  SitrepTriageResult worse, mild;
  gboolean raised = TRUE;
  JsonArray *services;

  sitrep_incident_rules_set_triage (body, SITREP_SEVERITY_P3, SITREP_TRIAGE_RULE_ERRORS_5,
                                    "error rate 7% > 5%", SITREP_SEVERITY_P2);

  /* Milder alerts lower nothing, but their services join. */
  sitrep_triage_result_init (&mild);
  sitrep_triage_result_add (&mild, milder, NULL, NULL, NULL);
  g_assert_true (sitrep_incident_rules_escalate (body, &mild, &raised));
  g_assert_false (raised);
  g_assert_cmpstr (sitrep_json_get_string (body, "severity"), ==, "P3");
  g_assert_cmpstr (sitrep_json_get_string (body, "severity_hint"), ==, "P2");
  services = json_object_get_array_member (body, "services");
  g_assert_cmpuint (json_array_get_length (services), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (services, 2), ==, "search");
  g_assert_false (sitrep_incident_rules_escalate (body, &mild, &raised));
  sitrep_triage_result_clear (&mild);

  /* Worse ones raise it, and say why. */
  sitrep_triage_result_init (&worse);
  sitrep_triage_result_add (&worse, labels, NULL, NULL, NULL);
  g_assert_true (sitrep_incident_rules_escalate (body, &worse, &raised));
  g_assert_true (raised);
  g_assert_cmpstr (sitrep_json_get_string (body, "severity"), ==, "P1");
  g_assert_cmpstr (sitrep_json_get_string (json_object_get_object_member (body, "triage"),
                                           "reason"), ==,
                   "critical service payments and error rate 25% > 20%");
  sitrep_triage_result_clear (&worse);
}

/* The guide's activation criteria of the Major Incident Protocol. */
static void
test_major_criteria (void)
{
  static const char * const critical[] = { "payments", "checkout", "auth", NULL };
  static const char * const two[] = { "Payments", "checkout", NULL };
  static const char * const one[] = { "payments", "search", NULL };
  static const struct {
    const char         *name;
    SitrepSeverity      severity;
    SitrepStatus        status;
    int                 declared_min_ago;   /* -1 for not declared */
    const char * const *services;
    guint               teams;
    SitrepMajorCriteria expected;
  } rows[] = {
    { "p1-59-min", SITREP_SEVERITY_P1, SITREP_STATUS_IDENTIFIED, 59, one, 1, 0 },
    { "p1-60-min", SITREP_SEVERITY_P1, SITREP_STATUS_IDENTIFIED, 60, one, 1, 0 },
    { "p1-61-min", SITREP_SEVERITY_P1, SITREP_STATUS_IDENTIFIED, 61, one, 1,
      SITREP_MAJOR_CRITERIA_P1_OVER_HOUR },
    { "p2-long", SITREP_SEVERITY_P2, SITREP_STATUS_INVESTIGATING, 300, one, 1, 0 },
    { "two-critical", SITREP_SEVERITY_P2, SITREP_STATUS_INVESTIGATING, 5, two, 1,
      SITREP_MAJOR_CRITERIA_CRITICAL_SERVICES },
    { "three-teams", SITREP_SEVERITY_P3, SITREP_STATUS_MONITORING, 5, NULL, 3, 0 },
    { "four-teams", SITREP_SEVERITY_P3, SITREP_STATUS_MONITORING, 5, NULL, 4,
      SITREP_MAJOR_CRITERIA_TEAMS },
    { "all", SITREP_SEVERITY_P1, SITREP_STATUS_INVESTIGATING, 90, two, 5,
      SITREP_MAJOR_CRITERIA_P1_OVER_HOUR | SITREP_MAJOR_CRITERIA_CRITICAL_SERVICES |
      SITREP_MAJOR_CRITERIA_TEAMS },
    { "resolved", SITREP_SEVERITY_P1, SITREP_STATUS_RESOLVED, 90, two, 5, 0 },
    { "undeclared", SITREP_SEVERITY_P1, SITREP_STATUS_INVESTIGATING, -1, NULL, 0, 0 },
  };
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 27, 16, 0, 0);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GDateTime) declared = rows[i].declared_min_ago >= 0
        ? g_date_time_add_minutes (now, -rows[i].declared_min_ago) : NULL;

      g_test_message ("row %s", rows[i].name);
      g_assert_cmpint (sitrep_incident_rules_major_criteria (rows[i].severity, rows[i].status,
                                                             declared, now, rows[i].services,
                                                             critical, rows[i].teams),
                       ==, rows[i].expected);
    }
}

#define INC "00000000-0000-4000-8000-00000000000a"
#define ROLE(r) (1u << SITREP_ROLE_##r)

/* The item ids the incident's checklist has: the default list, and the
 * major protocol's when @major. */
static GStrv
checklist_ids (gboolean major)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  const SitrepChecklistItem *items;
  gsize n;

  items = sitrep_checklist_default_items (&n);
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s:%s", INC, items[i].key);

      g_strv_builder_add (ids, id);
    }
  if (major)
    {
      items = sitrep_checklist_major_items (&n);
      for (gsize i = 0; i < n; i++)
        {
          g_autofree char *id = g_strdup_printf ("%s:%s", INC, items[i].key);

          g_strv_builder_add (ids, id);
        }
    }
  return g_strv_builder_end (ids);
}

/* The keys ticked, in order, "" for none; each tick by the actor. */
static char *
ticked (GPtrArray *mutations)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  assert_valid (mutations);
  for (guint i = 0; i < mutations->len; i++)
    {
      SitrepMutation *m = mutations->pdata[i];

      g_assert_cmpint (m->op, ==, SITREP_MUTATION_PATCH);
      g_assert_cmpstr (m->coll, ==, "checklist");
      g_assert_true (g_str_has_prefix (m->id, INC ":"));
      g_assert_true (sitrep_json_get_bool (m->data, "done"));
      g_assert_cmpstr (sitrep_json_get_string (m->data, "done_by"), ==, "ic");
      g_assert_nonnull (sitrep_json_get_string (m->data, "done_at"));
      g_string_append_printf (keys, "%s%s", keys->len ? " " : "", m->id + strlen (INC ":"));
    }
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

/* The checklist follows what the app knows: acknowledged, roles assigned. */
static void
test_checklist_ticks (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(GStrv) plain = checklist_ids (FALSE);
  g_auto(GStrv) major = checklist_ids (TRUE);
  const char *done_ack[] = { INC ":acknowledge", NULL };
  const char *done_roles[] = { INC ":assign-roles", NULL };
  static const struct {
    gboolean     major;
    int          assigned;
    guint        held;
    gboolean     acknowledged;
    gboolean     ack_done;
    gboolean     roles_done;
    const char  *ticks;
  } rows[] = {
    /* acknowledging ticks the item, at the acknowledgement time */
    { FALSE, -1, 0, TRUE, FALSE, FALSE, "acknowledge" },
    { FALSE, -1, 0, TRUE, TRUE, FALSE, "" },
    /* the initial roles: once the Comms Lead, Ops Lead and Scribe are in */
    { FALSE, SITREP_ROLE_SCRIBE, 0, FALSE, FALSE, FALSE, "" },
    { FALSE, SITREP_ROLE_SCRIBE, ROLE (COMMUNICATIONS), FALSE, FALSE, FALSE, "" },
    { FALSE, SITREP_ROLE_SCRIBE, ROLE (COMMUNICATIONS) | ROLE (OPERATIONS), FALSE, FALSE, FALSE,
      "assign-roles" },
    { FALSE, SITREP_ROLE_SCRIBE, ROLE (COMMUNICATIONS) | ROLE (OPERATIONS), FALSE, FALSE, TRUE,
      "" },
    /* a role the item does not name does not tick it, even with all in */
    { FALSE, SITREP_ROLE_COMMANDER,
      ROLE (COMMUNICATIONS) | ROLE (OPERATIONS) | ROLE (SCRIBE), FALSE, FALSE, FALSE, "" },
    /* the major protocol's own roles, only where the incident has those items */
    { FALSE, SITREP_ROLE_DEPUTY_COMMANDER, 0, FALSE, FALSE, FALSE, "" },
    { TRUE, SITREP_ROLE_DEPUTY_COMMANDER, 0, FALSE, FALSE, FALSE, "major-deputy" },
    { TRUE, SITREP_ROLE_PLANNING, 0, FALSE, FALSE, FALSE, "major-planning" },
    { TRUE, SITREP_ROLE_CUSTOMER_LIAISON, 0, FALSE, FALSE, FALSE, "major-liaison" },
    { TRUE, SITREP_ROLE_OPERATIONS, ROLE (COMMUNICATIONS) | ROLE (SCRIBE), TRUE, FALSE, FALSE,
      "acknowledge assign-roles" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GPtrArray) mutations = NULL;
      g_autofree char *keys = NULL;
      const char * const *done = rows[i].ack_done ? done_ack
                                 : rows[i].roles_done ? done_roles : NULL;

      mutations = sitrep_incident_rules_checklist_ticks (&f->env, INC,
                                                         (const char * const *) (rows[i].major ? major : plain),
                                                         done, rows[i].assigned, rows[i].held,
                                                         rows[i].acknowledged ? "2026-11-27T14:20:00Z"
                                                                              : NULL);
      keys = ticked (mutations);
      g_assert_cmpstr (keys, ==, rows[i].ticks);
      if (rows[i].acknowledged && mutations->len > 0)
        g_assert_cmpstr (sitrep_json_get_string (at (mutations, 0)->data, "done_at"), ==,
                         "2026-11-27T14:20:00Z");
    }
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/incident-rules/split-services", test_split_services);
  ADD ("/core/incident-rules/declare", test_declare);
  ADD ("/core/incident-rules/declare-acknowledged", test_declare_acknowledged);
  ADD ("/core/incident-rules/declare-given", test_declare_given);
  ADD ("/core/incident-rules/declare-refused", test_declare_refused);
  ADD ("/core/incident-rules/status", test_status);
  ADD ("/core/incident-rules/severity", test_severity);
  ADD ("/core/incident-rules/major", test_major);
  ADD ("/core/incident-rules/demo", test_demo);
  ADD ("/core/incident-rules/checklist-ticks", test_checklist_ticks);
  g_test_add_func ("/core/incident-rules/explain", test_explain);
  g_test_add_func ("/core/incident-rules/explain-long-service", test_explain_long_service);
  ADD ("/core/incident-rules/triage-record", test_triage_record);
  g_test_add_func ("/core/incident-rules/group-triage", test_group_triage);
  g_test_add_func ("/core/incident-rules/escalate", test_escalate);
  g_test_add_func ("/core/incident-rules/major-criteria", test_major_criteria);

  return g_test_run ();
}

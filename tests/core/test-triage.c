/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-triage.c: the guide's automated triage */

#include "config.h"

#include "sitrep-json.h"
#include "sitrep-protocol-scan.h"
#include "sitrep-triage.h"

typedef struct {
  const char *service;
  double error_rate;
  gint64 affected_users;
  gboolean revenue;
  SitrepSeverity expected;
} ClassifyRow;

static void
check_rows (const ClassifyRow  *rows,
            gsize               n_rows,
            const char * const *critical)
{
  for (gsize i = 0; i < n_rows; i++)
    {
      SitrepAlertFacts facts = {
        (char *) rows[i].service, rows[i].error_rate, rows[i].affected_users,
        rows[i].revenue, SITREP_SEVERITY_NONE,
      };

      g_test_message ("row %" G_GSIZE_FORMAT ": %s %g %" G_GINT64_FORMAT " %d",
                      i, rows[i].service, rows[i].error_rate, rows[i].affected_users,
                      rows[i].revenue);
      g_assert_cmpint (sitrep_triage_classify (&facts, critical), ==, rows[i].expected);
    }
}

static void
test_classify (void)
{
  static const ClassifyRow rows[] = {
    { "payments", 0.30, 0, FALSE, SITREP_SEVERITY_P1 },
    { "checkout", 0.25, 0, FALSE, SITREP_SEVERITY_P1 },
    { "authentication", 0.21, 0, FALSE, SITREP_SEVERITY_P1 },
    { "database", 1.0, 0, FALSE, SITREP_SEVERITY_P1 },
    { "Payments", 0.30, 0, FALSE, SITREP_SEVERITY_P1 },
    { "search", 0.30, 0, FALSE, SITREP_SEVERITY_P2 },
    { NULL, 0.30, 0, FALSE, SITREP_SEVERITY_P2 },
    { "payments-api", 0.30, 0, FALSE, SITREP_SEVERITY_P2 },
    { "search", 0.0, 0, TRUE, SITREP_SEVERITY_P2 },
    { "payments", 0.0, 0, TRUE, SITREP_SEVERITY_P2 },
    { "search", 0.07, 0, FALSE, SITREP_SEVERITY_P3 },
    { "search", 0.0, 500, FALSE, SITREP_SEVERITY_P3 },
    { "search", 0.0, 0, FALSE, SITREP_SEVERITY_P4 },
    { NULL, 0.0, 0, FALSE, SITREP_SEVERITY_P4 },
  };

  check_rows (rows, G_N_ELEMENTS (rows), NULL);
}

static void
test_boundaries (void)
{
  static const ClassifyRow rows[] = {
    { "payments", 0.20, 0, FALSE, SITREP_SEVERITY_P2 },
    { "payments", 0.2001, 0, FALSE, SITREP_SEVERITY_P1 },
    { "search", 0.10, 0, FALSE, SITREP_SEVERITY_P3 },
    { "search", 0.1001, 0, FALSE, SITREP_SEVERITY_P2 },
    { "search", 0.05, 0, FALSE, SITREP_SEVERITY_P4 },
    { "search", 0.0501, 0, FALSE, SITREP_SEVERITY_P3 },
    { "search", 0.0, 1000, FALSE, SITREP_SEVERITY_P3 },
    { "search", 0.0, 1001, FALSE, SITREP_SEVERITY_P2 },
    { "search", 0.0, 100, FALSE, SITREP_SEVERITY_P4 },
    { "search", 0.0, 101, FALSE, SITREP_SEVERITY_P3 },
  };

  check_rows (rows, G_N_ELEMENTS (rows), NULL);
}

static void
test_custom_critical (void)
{
  static const char * const critical[] = { "search", "Ledger", NULL };
  static const char * const none[] = { NULL };
  static const ClassifyRow rows[] = {
    { "search", 0.30, 0, FALSE, SITREP_SEVERITY_P1 },
    { "ledger", 0.30, 0, FALSE, SITREP_SEVERITY_P1 },
    { "payments", 0.30, 0, FALSE, SITREP_SEVERITY_P2 },
  };
  static const ClassifyRow none_rows[] = {
    { "payments", 0.99, 0, FALSE, SITREP_SEVERITY_P2 },
  };
  const char * const *defaults = sitrep_triage_default_critical_services ();

  check_rows (rows, G_N_ELEMENTS (rows), critical);
  check_rows (none_rows, G_N_ELEMENTS (none_rows), none);

  g_assert_cmpuint (g_strv_length ((char **) defaults), ==, 4);
  g_assert_cmpstr (defaults[0], ==, "payments");
  g_assert_cmpstr (defaults[1], ==, "checkout");
  g_assert_cmpstr (defaults[2], ==, "authentication");
  g_assert_cmpstr (defaults[3], ==, "database");
}

static JsonObject *
parse_or_null (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonObject *o;

  if (text == NULL)
    return NULL;

  o = sitrep_protocol_parse_object (text, &error);
  g_assert_no_error (error);
  return o;
}

typedef struct {
  const char *labels;
  const char *annotations;
  const char *service;
  double error_rate;
  gint64 affected_users;
  gboolean revenue;
  SitrepSeverity hint;
  SitrepSeverity expected;
} AlertRow;

static void
test_from_alert (void)
{
  static const AlertRow rows[] = {
    /* the guide's payment outage */
    { "{\"service\":\"payments\",\"severity\":\"critical\"}",
      "{\"error_rate\":\"0.25\",\"affected_users\":\"1500\"}",
      "payments", 0.25, 1500, FALSE, SITREP_SEVERITY_P1, SITREP_SEVERITY_P1 },
    /* percentages */
    { "{\"service\":\"checkout\",\"error_rate\":\"25%\"}", NULL,
      "checkout", 0.25, 0, FALSE, SITREP_SEVERITY_NONE, SITREP_SEVERITY_P1 },
    { "{\"service\":\"checkout\",\"error_rate\":\"20%\"}", NULL,
      "checkout", 0.20, 0, FALSE, SITREP_SEVERITY_NONE, SITREP_SEVERITY_P2 },
    { "{\"service\":\"search\",\"error_rate\":\" 7.5 % \"}", NULL,
      "search", 0.075, 0, FALSE, SITREP_SEVERITY_NONE, SITREP_SEVERITY_P3 },
    /* a non-critical service with 30% errors is P2, whatever the hint */
    { "{\"service\":\"search\",\"error_rate\":\"0.30\",\"severity\":\"P1\"}", NULL,
      "search", 0.30, 0, FALSE, SITREP_SEVERITY_P1, SITREP_SEVERITY_P2 },
    /* labels win over annotations */
    { "{\"service\":\"search\",\"error_rate\":\"0.01\"}",
      "{\"service\":\"payments\",\"error_rate\":\"0.5\"}",
      "search", 0.01, 0, FALSE, SITREP_SEVERITY_NONE, SITREP_SEVERITY_P4 },
    /* annotations fill what labels lack */
    { "{\"service\":\"payments\"}",
      "{\"error_rate\":\"0.5\",\"revenue_impacting\":\"yes\"}",
      "payments", 0.5, 0, TRUE, SITREP_SEVERITY_NONE, SITREP_SEVERITY_P1 },
    /* an unparseable label leaves room for the annotation */
    { "{\"affected_users\":\"lots\"}", "{\"affected_users\":\"101\"}",
      NULL, 0.0, 101, FALSE, SITREP_SEVERITY_NONE, SITREP_SEVERITY_P3 },
    /* unparseable values are absent */
    { "{\"error_rate\":\"high\",\"affected_users\":\"-5\",\"revenue_impacting\":\"maybe\","
      "\"severity\":\"sev0\"}", NULL,
      NULL, 0.0, 0, FALSE, SITREP_SEVERITY_NONE, SITREP_SEVERITY_P4 },
    { "{\"error_rate\":\"%\",\"affected_users\":\"12abc\"}", NULL,
      NULL, 0.0, 0, FALSE, SITREP_SEVERITY_NONE, SITREP_SEVERITY_P4 },
    { "{\"error_rate\":\"nan\"}", NULL,
      NULL, 0.0, 0, FALSE, SITREP_SEVERITY_NONE, SITREP_SEVERITY_P4 },
    /* revenue flags */
    { "{\"revenue_impacting\":\"true\"}", NULL,
      NULL, 0.0, 0, TRUE, SITREP_SEVERITY_NONE, SITREP_SEVERITY_P2 },
    { "{\"revenue_impacting\":\"1\"}", NULL,
      NULL, 0.0, 0, TRUE, SITREP_SEVERITY_NONE, SITREP_SEVERITY_P2 },
    { "{\"revenue_impacting\":\"false\"}", "{\"revenue_impacting\":\"true\"}",
      NULL, 0.0, 0, FALSE, SITREP_SEVERITY_NONE, SITREP_SEVERITY_P4 },
    /* affected users */
    { "{\"affected_users\":\"1001\"}", NULL,
      NULL, 0.0, 1001, FALSE, SITREP_SEVERITY_NONE, SITREP_SEVERITY_P2 },
    { "{\"affected_users\":\"1000\"}", NULL,
      NULL, 0.0, 1000, FALSE, SITREP_SEVERITY_NONE, SITREP_SEVERITY_P3 },
    /* severity hints */
    { "{\"severity\":\"warning\"}", NULL,
      NULL, 0.0, 0, FALSE, SITREP_SEVERITY_P3, SITREP_SEVERITY_P4 },
    { "{\"severity\":\"Error\"}", NULL,
      NULL, 0.0, 0, FALSE, SITREP_SEVERITY_P2, SITREP_SEVERITY_P4 },
    { "{\"severity\":\"high\"}", NULL,
      NULL, 0.0, 0, FALSE, SITREP_SEVERITY_P2, SITREP_SEVERITY_P4 },
    { "{\"severity\":\"medium\"}", NULL,
      NULL, 0.0, 0, FALSE, SITREP_SEVERITY_P3, SITREP_SEVERITY_P4 },
    { "{\"severity\":\"low\"}", NULL,
      NULL, 0.0, 0, FALSE, SITREP_SEVERITY_P4, SITREP_SEVERITY_P4 },
    { NULL, "{\"severity\":\"info\"}",
      NULL, 0.0, 0, FALSE, SITREP_SEVERITY_P4, SITREP_SEVERITY_P4 },
    { "{\"severity\":\"p2\"}", NULL,
      NULL, 0.0, 0, FALSE, SITREP_SEVERITY_P2, SITREP_SEVERITY_P4 },
    /* both missing */
    { NULL, NULL, NULL, 0.0, 0, FALSE, SITREP_SEVERITY_NONE, SITREP_SEVERITY_P4 },
    /* numbers instead of strings, from hand-written payloads */
    { "{\"service\":\"database\",\"error_rate\":0.9,\"affected_users\":5000}", NULL,
      "database", 0.9, 5000, FALSE, SITREP_SEVERITY_NONE, SITREP_SEVERITY_P1 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(JsonObject) labels = parse_or_null (rows[i].labels);
      g_autoptr(JsonObject) annotations = parse_or_null (rows[i].annotations);
      SitrepAlertFacts facts;

      g_test_message ("row %" G_GSIZE_FORMAT ": %s / %s", i,
                      rows[i].labels, rows[i].annotations);

      sitrep_alert_facts_from_alert (&facts, labels, annotations);
      g_assert_cmpstr (facts.service, ==, rows[i].service);
      g_assert_cmpfloat_with_epsilon (facts.error_rate, rows[i].error_rate, 1e-12);
      g_assert_cmpint (facts.affected_users, ==, rows[i].affected_users);
      g_assert_cmpint (facts.revenue_impacting, ==, rows[i].revenue);
      g_assert_cmpint (facts.severity_hint, ==, rows[i].hint);
      g_assert_cmpint (sitrep_triage_classify (&facts, NULL), ==, rows[i].expected);

      sitrep_alert_facts_clear (&facts);
      g_assert_null (facts.service);
      g_assert_cmpint (facts.affected_users, ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/triage/classify", test_classify);
  g_test_add_func ("/core/triage/boundaries", test_boundaries);
  g_test_add_func ("/core/triage/custom-critical", test_custom_critical);
  g_test_add_func ("/core/triage/from-alert", test_from_alert);

  return g_test_run ();
}

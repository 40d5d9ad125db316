/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-severity.c: the guide's severity table and decision tree */

#include "config.h"

#include "sitrep-enum-strings.h"
#include "sitrep-enums.h"
#include "sitrep-severity.h"

typedef struct {
  SitrepSeverity severity;
  const char *id;
  const char *name;
  const char *description;
  const char *examples;
  gint64 respond_within_s;
  const char *respond_label;
  gint64 update_cadence_s;
  const char *cadence_label;
  SitrepAudience cadence_audience;
} InfoRow;

static const InfoRow info_rows[] = {
  { SITREP_SEVERITY_P1, "P1", "Critical",
    "Complete service outage or severe business impact",
    "Payment system down, Data loss, Security breach",
    300, "Immediately", 1800, "Executive updates every 30 min", SITREP_AUDIENCE_EXECUTIVES },
  { SITREP_SEVERITY_P2, "P2", "High",
    "Partial service outage or significant degradation",
    "Checkout slow, Feature unavailable, Performance degradation",
    900, "Within 15 minutes", 3600, "Stakeholder updates hourly", SITREP_AUDIENCE_STAKEHOLDERS },
  { SITREP_SEVERITY_P3, "P3", "Medium",
    "Minor service degradation",
    "Non-critical feature issue, Isolated errors, Slow performance in one area",
    3600, "Within 1 hour", 86400, "Daily summary", SITREP_AUDIENCE_STAKEHOLDERS },
  { SITREP_SEVERITY_P4, "P4", "Low",
    "Minimal or no user impact",
    "Cosmetic issues, Internal tooling issues, Technical debt",
    86400, "Within 1 day", 604800, "Weekly report", SITREP_AUDIENCE_STAKEHOLDERS },
};

static void
test_info (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (info_rows); i++)
    {
      const InfoRow *row = &info_rows[i];
      const SitrepSeverityInfo *info = sitrep_severity_get_info (row->severity);

      g_assert_nonnull (info);
      g_assert_cmpint (info->severity, ==, row->severity);
      g_assert_cmpstr (info->id, ==, row->id);
      g_assert_cmpstr (info->name, ==, row->name);
      g_assert_cmpstr (info->description, ==, row->description);
      g_assert_cmpstr (info->examples, ==, row->examples);
      g_assert_cmpint (info->respond_within_s, ==, row->respond_within_s);
      g_assert_cmpstr (info->respond_label, ==, row->respond_label);
      g_assert_cmpint (info->update_cadence_s, ==, row->update_cadence_s);
      g_assert_cmpstr (info->cadence_label, ==, row->cadence_label);
      g_assert_cmpint (info->cadence_audience, ==, row->cadence_audience);
    }

  g_assert_null (sitrep_severity_get_info (SITREP_SEVERITY_NONE));
  g_assert_null (sitrep_severity_get_info ((SitrepSeverity) 5));
  g_assert_null (sitrep_severity_get_info ((SitrepSeverity) -1));
}

static void
test_decision_tree (void)
{
  static const struct {
    gboolean complete_loss, most_users, some_users;
    SitrepSeverity expected;
  } rows[] = {
    { FALSE, FALSE, FALSE, SITREP_SEVERITY_P4 },
    { FALSE, FALSE, TRUE, SITREP_SEVERITY_P3 },
    { FALSE, TRUE, FALSE, SITREP_SEVERITY_P2 },
    { FALSE, TRUE, TRUE, SITREP_SEVERITY_P2 },
    { TRUE, FALSE, FALSE, SITREP_SEVERITY_P1 },
    { TRUE, FALSE, TRUE, SITREP_SEVERITY_P1 },
    { TRUE, TRUE, FALSE, SITREP_SEVERITY_P1 },
    { TRUE, TRUE, TRUE, SITREP_SEVERITY_P1 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_test_message ("row %" G_GSIZE_FORMAT, i);
      g_assert_cmpint (sitrep_severity_classify (rows[i].complete_loss,
                                                 rows[i].most_users,
                                                 rows[i].some_users),
                       ==, rows[i].expected);
    }
}

static void
test_questions (void)
{
  g_assert_cmpstr (sitrep_severity_question (0), ==, "Is there complete loss of service?");
  g_assert_cmpstr (sitrep_severity_question (1), ==,
                   "Is there significant degradation affecting most users?");
  g_assert_cmpstr (sitrep_severity_question (2), ==,
                   "Is there partial degradation affecting some users?");
  g_assert_null (sitrep_severity_question (3));
  g_assert_null (sitrep_severity_question (G_MAXUINT));
}

static void
test_strings (void)
{
  static const struct {
    const char *text;
    SitrepSeverity expected;
  } parse_rows[] = {
    { "P1", SITREP_SEVERITY_P1 },
    { "P2", SITREP_SEVERITY_P2 },
    { "P3", SITREP_SEVERITY_P3 },
    { "P4", SITREP_SEVERITY_P4 },
    { "p1", SITREP_SEVERITY_P1 },
    { "P0", SITREP_SEVERITY_NONE },
    { "P5", SITREP_SEVERITY_NONE },
    { "P1 ", SITREP_SEVERITY_NONE },
    { "", SITREP_SEVERITY_NONE },
    { "critical", SITREP_SEVERITY_NONE },
    { NULL, SITREP_SEVERITY_NONE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (parse_rows); i++)
    g_assert_cmpint (sitrep_severity_from_string (parse_rows[i].text), ==,
                     parse_rows[i].expected);

  g_assert_cmpstr (sitrep_severity_to_string (SITREP_SEVERITY_P1), ==, "P1");
  g_assert_cmpstr (sitrep_severity_to_string (SITREP_SEVERITY_P4), ==, "P4");
  g_assert_null (sitrep_severity_to_string (SITREP_SEVERITY_NONE));
  g_assert_null (sitrep_severity_to_string ((SitrepSeverity) 9));
}

static void
test_gtype (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (SITREP_TYPE_SEVERITY);
  GEnumValue *value = g_enum_get_value (klass, SITREP_SEVERITY_P2);

  g_assert_nonnull (value);
  g_assert_cmpstr (value->value_name, ==, "SITREP_SEVERITY_P2");
  g_assert_cmpint (g_type_is_a (SITREP_TYPE_STATUS, G_TYPE_ENUM), ==, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/severity/info", test_info);
  g_test_add_func ("/core/severity/decision-tree", test_decision_tree);
  g_test_add_func ("/core/severity/questions", test_questions);
  g_test_add_func ("/core/severity/strings", test_strings);
  g_test_add_func ("/core/severity/gtype", test_gtype);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-enum-strings.c: protocol strings and labels of the enumerations */

#include "config.h"

#include "sitrep-enum-strings.h"
#include "sitrep-enums.h"

typedef struct {
  int value;
  const char *wire;
  const char *label;
} Row;

static void
test_roles (void)
{
  static const Row rows[] = {
    { SITREP_ROLE_COMMANDER, "commander", "Incident Commander" },
    { SITREP_ROLE_DEPUTY_COMMANDER, "deputy_commander", "Deputy Incident Commander" },
    { SITREP_ROLE_COMMUNICATIONS, "communications", "Communications Lead" },
    { SITREP_ROLE_OPERATIONS, "operations", "Operations Lead" },
    { SITREP_ROLE_PLANNING, "planning", "Planning Lead" },
    { SITREP_ROLE_SCRIBE, "scribe", "Scribe" },
    { SITREP_ROLE_CUSTOMER_LIAISON, "customer_liaison", "Customer Liaison" },
  };
  SitrepRole role;

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_assert_cmpstr (sitrep_role_to_string (rows[i].value), ==, rows[i].wire);
      g_assert_cmpstr (sitrep_role_get_label (rows[i].value), ==, rows[i].label);
      role = (SitrepRole) 99;
      g_assert_true (sitrep_role_from_string (rows[i].wire, &role));
      g_assert_cmpint (role, ==, rows[i].value);
    }

  role = SITREP_ROLE_SCRIBE;
  g_assert_false (sitrep_role_from_string ("deputy-commander", &role));
  g_assert_false (sitrep_role_from_string ("Commander", &role));
  g_assert_false (sitrep_role_from_string (NULL, &role));
  g_assert_cmpint (role, ==, SITREP_ROLE_SCRIBE);  /* untouched on failure */
  g_assert_true (sitrep_role_from_string ("scribe", NULL));
  g_assert_null (sitrep_role_to_string ((SitrepRole) 7));
  g_assert_null (sitrep_role_get_label ((SitrepRole) -1));
}

static void
test_phases (void)
{
  static const Row rows[] = {
    { SITREP_PHASE_INITIAL, "initial", "Initial Response (First 5 Minutes)" },
    { SITREP_PHASE_ASSESSMENT, "assessment", "Assessment Phase (5-15 Minutes)" },
    { SITREP_PHASE_COORDINATION, "coordination", "Coordination Phase (Ongoing)" },
    { SITREP_PHASE_RESOLUTION, "resolution", "Resolution Phase" },
    { SITREP_PHASE_MAJOR, "major", "Major Incident Protocol" },
  };
  SitrepPhase phase;

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_assert_cmpstr (sitrep_phase_to_string (rows[i].value), ==, rows[i].wire);
      g_assert_cmpstr (sitrep_phase_get_label (rows[i].value), ==, rows[i].label);
      g_assert_true (sitrep_phase_from_string (rows[i].wire, &phase));
      g_assert_cmpint (phase, ==, rows[i].value);
    }

  g_assert_false (sitrep_phase_from_string ("ongoing", &phase));
  g_assert_null (sitrep_phase_to_string ((SitrepPhase) 5));
}

static void
test_kinds (void)
{
  static const Row rows[] = {
    { SITREP_KIND_DETECTION, "detection", "Detection" },
    { SITREP_KIND_ALERT, "alert", "Alert" },
    { SITREP_KIND_ACTION, "action", "Action" },
    { SITREP_KIND_DECISION, "decision", "Decision" },
    { SITREP_KIND_MITIGATION, "mitigation", "Mitigation" },
    { SITREP_KIND_COMMUNICATION, "communication", "Communication" },
    { SITREP_KIND_STATUS, "status", "Status change" },
    { SITREP_KIND_ROLE, "role", "Role change" },
    { SITREP_KIND_NOTE, "note", "Note" },
  };
  SitrepTimelineKind kind;

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_assert_cmpstr (sitrep_timeline_kind_to_string (rows[i].value), ==, rows[i].wire);
      g_assert_cmpstr (sitrep_timeline_kind_get_label (rows[i].value), ==, rows[i].label);
      g_assert_true (sitrep_timeline_kind_from_string (rows[i].wire, &kind));
      g_assert_cmpint (kind, ==, rows[i].value);
    }

  g_assert_false (sitrep_timeline_kind_from_string ("comment", &kind));
  g_assert_null (sitrep_timeline_kind_to_string ((SitrepTimelineKind) 9));
}

static void
test_audiences (void)
{
  static const Row rows[] = {
    { SITREP_AUDIENCE_STATUS_PAGE, "status_page", "Status page" },
    { SITREP_AUDIENCE_STAKEHOLDERS, "stakeholders", "Stakeholders" },
    { SITREP_AUDIENCE_EXECUTIVES, "executives", "Executives" },
    { SITREP_AUDIENCE_CUSTOMERS, "customers", "Customers" },
    { SITREP_AUDIENCE_INTERNAL, "internal", "Internal" },
  };
  SitrepAudience audience;

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_assert_cmpstr (sitrep_audience_to_string (rows[i].value), ==, rows[i].wire);
      g_assert_cmpstr (sitrep_audience_get_label (rows[i].value), ==, rows[i].label);
      g_assert_true (sitrep_audience_from_string (rows[i].wire, &audience));
      g_assert_cmpint (audience, ==, rows[i].value);
    }

  g_assert_false (sitrep_audience_from_string ("status-page", &audience));
  g_assert_null (sitrep_audience_to_string ((SitrepAudience) 5));
}

static void
test_milestones (void)
{
  static const Row rows[] = {
    { SITREP_MILESTONE_IMPACT_STARTED, "impact_started_at", "Impact started" },
    { SITREP_MILESTONE_DETECTED, "detected_at", "Detected" },
    { SITREP_MILESTONE_DECLARED, "declared_at", "Declared" },
    { SITREP_MILESTONE_ACKNOWLEDGED, "acknowledged_at", "Acknowledged" },
    { SITREP_MILESTONE_MITIGATED, "mitigated_at", "Mitigated" },
    { SITREP_MILESTONE_RESOLVED, "resolved_at", "Resolved" },
    { SITREP_MILESTONE_CLOSED, "closed_at", "Closed" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_assert_cmpstr (sitrep_milestone_to_field (rows[i].value), ==, rows[i].wire);
      g_assert_cmpstr (sitrep_milestone_get_label (rows[i].value), ==, rows[i].label);
    }

  g_assert_null (sitrep_milestone_to_field ((SitrepMilestone) 7));
}

/* Every value's GType nick is its protocol string, so that code reading
 * the wire with g_enum_get_value_by_nick() agrees with these functions. */
static void
test_nicks (void)
{
  GEnumClass *klass;

  klass = g_type_class_ref (SITREP_TYPE_ROLE);
  for (guint i = 0; i < klass->n_values; i++)
    g_assert_cmpstr (sitrep_role_to_string (klass->values[i].value), ==,
                     klass->values[i].value_nick);
  g_type_class_unref (klass);

  klass = g_type_class_ref (SITREP_TYPE_AUDIENCE);
  for (guint i = 0; i < klass->n_values; i++)
    g_assert_cmpstr (sitrep_audience_to_string (klass->values[i].value), ==,
                     klass->values[i].value_nick);
  g_type_class_unref (klass);

  klass = g_type_class_ref (SITREP_TYPE_MILESTONE);
  for (guint i = 0; i < klass->n_values; i++)
    g_assert_cmpstr (sitrep_milestone_to_field (klass->values[i].value), ==,
                     klass->values[i].value_nick);
  g_type_class_unref (klass);

  klass = g_type_class_ref (SITREP_TYPE_SEVERITY);
  g_assert_cmpint (g_enum_get_value_by_nick (klass, "P2")->value, ==, SITREP_SEVERITY_P2);
  g_assert_cmpstr (sitrep_severity_to_string (SITREP_SEVERITY_P2), ==, "P2");
  g_assert_cmpint (sitrep_severity_from_string ("p3"), ==, SITREP_SEVERITY_P3);
  /* The sentinels have nicks but no protocol string. */
  g_assert_null (sitrep_severity_to_string (SITREP_SEVERITY_NONE));
  g_assert_cmpint (sitrep_severity_from_string ("none"), ==, SITREP_SEVERITY_NONE);
  g_type_class_unref (klass);

  g_assert_null (sitrep_status_to_string (SITREP_STATUS_INVALID));
  g_assert_null (sitrep_status_to_string ((SitrepStatus) 42));
  g_assert_cmpint (sitrep_status_from_string ("monitoring"), ==, SITREP_STATUS_MONITORING);
  g_assert_cmpstr (sitrep_timeline_kind_to_string (SITREP_KIND_STATUS), ==, "status");
  g_assert_cmpstr (sitrep_phase_to_string (SITREP_PHASE_MAJOR), ==, "major");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/enum-strings/roles", test_roles);
  g_test_add_func ("/core/enum-strings/phases", test_phases);
  g_test_add_func ("/core/enum-strings/timeline-kinds", test_kinds);
  g_test_add_func ("/core/enum-strings/audiences", test_audiences);
  g_test_add_func ("/core/enum-strings/milestones", test_milestones);
  g_test_add_func ("/core/enum-strings/nicks", test_nicks);

  return g_test_run ();
}

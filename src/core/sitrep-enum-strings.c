/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-enum-strings.c: protocol strings and human labels of the enums
 *
 * Protocol strings are what PROTOCOL.md puts on the wire and never change;
 * labels are what a person reads and go through gettext.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"

typedef struct {
  const char *wire;
  const char *label;
} EnumNames;

static const EnumNames severity_names[] = {
  { "P1", NULL },
  { "P2", NULL },
  { "P3", NULL },
  { "P4", NULL },
};

static const EnumNames status_names[] = {
  { "investigating", N_("Investigating") },
  { "identified", N_("Identified") },
  { "monitoring", N_("Monitoring") },
  { "resolved", N_("Resolved") },
  { "closed", N_("Closed") },
};

static const EnumNames role_names[] = {
  { "commander", N_("Incident Commander") },
  { "deputy_commander", N_("Deputy Incident Commander") },
  { "communications", N_("Communications Lead") },
  { "operations", N_("Operations Lead") },
  { "planning", N_("Planning Lead") },
  { "scribe", N_("Scribe") },
  { "customer_liaison", N_("Customer Liaison") },
};

/* Labels are the guide's checklist headings, so the page reads like it. */
static const EnumNames phase_names[] = {
  { "initial", N_("Initial Response (First 5 Minutes)") },
  { "assessment", N_("Assessment Phase (5-15 Minutes)") },
  { "coordination", N_("Coordination Phase (Ongoing)") },
  { "resolution", N_("Resolution Phase") },
  { "major", N_("Major Incident Protocol") },
};

static const EnumNames kind_names[] = {
  { "detection", N_("Detection") },
  { "alert", N_("Alert") },
  { "action", N_("Action") },
  { "decision", N_("Decision") },
  { "mitigation", N_("Mitigation") },
  { "communication", N_("Communication") },
  { "status", N_("Status change") },
  { "role", N_("Role change") },
  { "note", N_("Note") },
};

static const EnumNames audience_names[] = {
  { "status_page", N_("Status page") },
  { "stakeholders", N_("Stakeholders") },
  { "executives", N_("Executives") },
  { "customers", N_("Customers") },
  { "internal", N_("Internal") },
};

static const EnumNames milestone_names[] = {
  { "detected_at", N_("Detected") },
  { "declared_at", N_("Declared") },
  { "acknowledged_at", N_("Acknowledged") },
  { "mitigated_at", N_("Mitigated") },
  { "resolved_at", N_("Resolved") },
  { "closed_at", N_("Closed") },
};

static const EnumNames *
lookup (const EnumNames *names,
        gsize            n_names,
        int              value)
{
  /* Enum values arrive from untrusted casts too: range-check, never index blindly. */
  if (value < 0 || (gsize) value >= n_names)
    return NULL;
  return &names[value];
}

static const char *
wire_of (const EnumNames *names,
         gsize            n_names,
         int              value)
{
  const EnumNames *n = lookup (names, n_names, value);

  return n != NULL ? n->wire : NULL;
}

static const char *
label_of (const EnumNames *names,
          gsize            n_names,
          int              value)
{
  const EnumNames *n = lookup (names, n_names, value);

  return n != NULL && n->label != NULL ? _(n->label) : NULL;
}

static int
index_of (const EnumNames *names,
          gsize            n_names,
          const char      *wire)
{
  if (wire == NULL)
    return -1;

  for (gsize i = 0; i < n_names; i++)
    {
      if (g_str_equal (names[i].wire, wire))
        return (int) i;
    }

  return -1;
}

#define WIRE(table, v) wire_of (table, G_N_ELEMENTS (table), (int) (v))
#define LABEL(table, v) label_of (table, G_N_ELEMENTS (table), (int) (v))
#define INDEX(table, s) index_of (table, G_N_ELEMENTS (table), (s))

/**
 * sitrep_severity_to_string:
 *
 * Returns: "P1" … "P4", or %NULL for %SITREP_SEVERITY_NONE or junk.
 */
const char *
sitrep_severity_to_string (SitrepSeverity s)
{
  return WIRE (severity_names, (int) s - 1);
}

/**
 * sitrep_severity_from_string:
 *
 * Parses "P1" … "P4"; case does not matter, because people type "p1" in
 * quick commands. Anything else, or %NULL, is %SITREP_SEVERITY_NONE.
 */
SitrepSeverity
sitrep_severity_from_string (const char *s)
{
  if (s == NULL)
    return SITREP_SEVERITY_NONE;

  for (gsize i = 0; i < G_N_ELEMENTS (severity_names); i++)
    {
      if (g_ascii_strcasecmp (severity_names[i].wire, s) == 0)
        return (SitrepSeverity) (i + 1);
    }

  return SITREP_SEVERITY_NONE;
}

/**
 * sitrep_status_to_string:
 *
 * Returns: the protocol string ("investigating" …) or %NULL.
 */
const char *
sitrep_status_to_string (SitrepStatus s)
{
  return WIRE (status_names, s);
}

/**
 * sitrep_status_from_string:
 *
 * Returns: the status, or %SITREP_STATUS_INVALID for unknown strings and %NULL.
 */
SitrepStatus
sitrep_status_from_string (const char *s)
{
  int i = INDEX (status_names, s);

  return i < 0 ? SITREP_STATUS_INVALID : (SitrepStatus) i;
}

/**
 * sitrep_status_get_label:
 *
 * Returns: the translated label ("Investigating" …) or %NULL.
 */
const char *
sitrep_status_get_label (SitrepStatus s)
{
  return LABEL (status_names, s);
}

/**
 * sitrep_role_to_string:
 *
 * Returns: the protocol string ("deputy_commander" …) or %NULL.
 */
const char *
sitrep_role_to_string (SitrepRole r)
{
  return WIRE (role_names, r);
}

/**
 * sitrep_role_from_string:
 * @out: (out) (optional): where to store the role
 *
 * Returns: %TRUE if @s is a known role.
 */
gboolean
sitrep_role_from_string (const char *s,
                         SitrepRole *out)
{
  int i = INDEX (role_names, s);

  if (i < 0)
    return FALSE;
  if (out != NULL)
    *out = (SitrepRole) i;
  return TRUE;
}

/**
 * sitrep_role_get_label:
 *
 * Returns: the translated role name ("Incident Commander" …) or %NULL.
 */
const char *
sitrep_role_get_label (SitrepRole r)
{
  return LABEL (role_names, r);
}

/**
 * sitrep_phase_to_string:
 *
 * Returns: the protocol string ("initial" …) or %NULL.
 */
const char *
sitrep_phase_to_string (SitrepPhase p)
{
  return WIRE (phase_names, p);
}

/**
 * sitrep_phase_from_string:
 * @out: (out) (optional): where to store the phase
 *
 * Returns: %TRUE if @s is a known phase.
 */
gboolean
sitrep_phase_from_string (const char  *s,
                          SitrepPhase *out)
{
  int i = INDEX (phase_names, s);

  if (i < 0)
    return FALSE;
  if (out != NULL)
    *out = (SitrepPhase) i;
  return TRUE;
}

/**
 * sitrep_phase_get_label:
 *
 * Returns: the guide's translated heading of the phase, or %NULL.
 */
const char *
sitrep_phase_get_label (SitrepPhase p)
{
  return LABEL (phase_names, p);
}

/**
 * sitrep_timeline_kind_to_string:
 *
 * Returns: the protocol string ("detection" …) or %NULL.
 */
const char *
sitrep_timeline_kind_to_string (SitrepTimelineKind k)
{
  return WIRE (kind_names, k);
}

/**
 * sitrep_timeline_kind_from_string:
 * @out: (out) (optional): where to store the kind
 *
 * Returns: %TRUE if @s is a known timeline kind.
 */
gboolean
sitrep_timeline_kind_from_string (const char         *s,
                                  SitrepTimelineKind *out)
{
  int i = INDEX (kind_names, s);

  if (i < 0)
    return FALSE;
  if (out != NULL)
    *out = (SitrepTimelineKind) i;
  return TRUE;
}

/**
 * sitrep_timeline_kind_get_label:
 *
 * Returns: the translated label of the kind, or %NULL.
 */
const char *
sitrep_timeline_kind_get_label (SitrepTimelineKind k)
{
  return LABEL (kind_names, k);
}

/**
 * sitrep_audience_to_string:
 *
 * Returns: the protocol string ("status_page" …) or %NULL.
 */
const char *
sitrep_audience_to_string (SitrepAudience a)
{
  return WIRE (audience_names, a);
}

/**
 * sitrep_audience_from_string:
 * @out: (out) (optional): where to store the audience
 *
 * Returns: %TRUE if @s is a known audience.
 */
gboolean
sitrep_audience_from_string (const char     *s,
                             SitrepAudience *out)
{
  int i = INDEX (audience_names, s);

  if (i < 0)
    return FALSE;
  if (out != NULL)
    *out = (SitrepAudience) i;
  return TRUE;
}

/**
 * sitrep_audience_get_label:
 *
 * Returns: the translated label of the audience, or %NULL.
 */
const char *
sitrep_audience_get_label (SitrepAudience a)
{
  return LABEL (audience_names, a);
}

/**
 * sitrep_milestone_to_field:
 *
 * Returns: the incident body field holding the milestone ("detected_at" …),
 *   or %NULL.
 */
const char *
sitrep_milestone_to_field (SitrepMilestone m)
{
  return WIRE (milestone_names, m);
}

/**
 * sitrep_milestone_get_label:
 *
 * Returns: the translated label ("Detected" …) or %NULL.
 */
const char *
sitrep_milestone_get_label (SitrepMilestone m)
{
  return LABEL (milestone_names, m);
}

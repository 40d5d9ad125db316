/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-enum-strings.c: protocol strings and human labels of the enums
 *
 * Protocol strings are what PROTOCOL.md puts on the wire and never change;
 * they are the nicks of the enumerations' values (sitrep-types.h), so each
 * is spelled once. Labels are what a person reads and go through gettext.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-enums.h"

/* Labels, by value; the protocol strings are the values' nicks. */
static const char * const status_labels[] = {
  N_("Investigating"),
  N_("Identified"),
  N_("Monitoring"),
  N_("Resolved"),
  N_("Closed"),
};

static const char * const role_labels[] = {
  N_("Incident Commander"),
  N_("Deputy Incident Commander"),
  N_("Communications Lead"),
  N_("Operations Lead"),
  N_("Planning Lead"),
  N_("Scribe"),
  N_("Customer Liaison"),
};

/* Labels are the guide's checklist headings, so the page reads like it. */
static const char * const phase_labels[] = {
  N_("Initial Response (First 5 Minutes)"),
  N_("Assessment Phase (5-15 Minutes)"),
  N_("Coordination Phase (Ongoing)"),
  N_("Resolution Phase"),
  N_("Major Incident Protocol"),
};

static const char * const kind_labels[] = {
  N_("Detection"),
  N_("Alert"),
  N_("Action"),
  N_("Decision"),
  N_("Mitigation"),
  N_("Communication"),
  N_("Status change"),
  N_("Role change"),
  N_("Note"),
};

static const char * const audience_labels[] = {
  N_("Status page"),
  N_("Stakeholders"),
  N_("Executives"),
  N_("Customers"),
  N_("Internal"),
};

static const char * const milestone_labels[] = {
  N_("Impact started"),
  N_("Detected"),
  N_("Declared"),
  N_("Acknowledged"),
  N_("Mitigated"),
  N_("Resolved"),
  N_("Closed"),
};

/* The class stays referenced for the life of the process once looked up. */
static GEnumClass *
enum_class (GType type)
{
  gpointer klass = g_type_class_peek (type);

  if (klass == NULL)
    klass = g_type_class_ref (type);

  return klass;
}

/* Enum values arrive from untrusted casts too: g_enum_get_value() checks,
 * never an index into a table. */
static const char *
wire_of (GType type,
         int   value)
{
  GEnumValue *v = g_enum_get_value (enum_class (type), value);

  return v != NULL ? v->value_nick : NULL;
}

static gboolean
value_of (GType       type,
          const char *wire,
          int        *value)
{
  GEnumValue *v;

  if (wire == NULL)
    return FALSE;

  v = g_enum_get_value_by_nick (enum_class (type), wire);
  if (v == NULL)
    return FALSE;

  *value = v->value;
  return TRUE;
}

static const char *
label_of (const char * const *labels,
          gsize               n_labels,
          int                 value)
{
  if (value < 0 || (gsize) value >= n_labels)
    return NULL;
  return _(labels[value]);
}

#define WIRE(type, v) wire_of (type, (int) (v))
#define LABEL(table, v) label_of (table, G_N_ELEMENTS (table), (int) (v))

/**
 * sitrep_severity_to_string:
 *
 * Returns: "P1" … "P4", or %NULL for %SITREP_SEVERITY_NONE or junk.
 */
const char *
sitrep_severity_to_string (SitrepSeverity s)
{
  if (s == SITREP_SEVERITY_NONE)
    return NULL;
  return WIRE (SITREP_TYPE_SEVERITY, s);
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
  GEnumClass *klass = enum_class (SITREP_TYPE_SEVERITY);

  if (s == NULL)
    return SITREP_SEVERITY_NONE;

  for (guint i = 0; i < klass->n_values; i++)
    {
      const GEnumValue *v = &klass->values[i];

      if (v->value != SITREP_SEVERITY_NONE && g_ascii_strcasecmp (v->value_nick, s) == 0)
        return (SitrepSeverity) v->value;
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
  if (s == SITREP_STATUS_INVALID)
    return NULL;
  return WIRE (SITREP_TYPE_STATUS, s);
}

/**
 * sitrep_status_from_string:
 *
 * Returns: the status, or %SITREP_STATUS_INVALID for unknown strings and %NULL.
 */
SitrepStatus
sitrep_status_from_string (const char *s)
{
  int value;

  if (!value_of (SITREP_TYPE_STATUS, s, &value))
    return SITREP_STATUS_INVALID;
  return (SitrepStatus) value;
}

/**
 * sitrep_status_get_label:
 *
 * Returns: the translated label ("Investigating" …) or %NULL.
 */
const char *
sitrep_status_get_label (SitrepStatus s)
{
  return LABEL (status_labels, s);
}

/**
 * sitrep_status_get_template_label:
 *
 * The status as the templates say it: in the templates' language (the
 * guide's English), whatever the language of the interface, because the
 * text around it in an update is.
 *
 * Returns: the untranslated label ("Investigating" …) or %NULL.
 */
const char *
sitrep_status_get_template_label (SitrepStatus s)
{
  if ((int) s < 0 || (gsize) s >= G_N_ELEMENTS (status_labels))
    return NULL;
  return status_labels[s];
}

/**
 * sitrep_role_to_string:
 *
 * Returns: the protocol string ("deputy_commander" …) or %NULL.
 */
const char *
sitrep_role_to_string (SitrepRole r)
{
  return WIRE (SITREP_TYPE_ROLE, r);
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
  int value;

  if (!value_of (SITREP_TYPE_ROLE, s, &value))
    return FALSE;
  if (out != NULL)
    *out = (SitrepRole) value;
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
  return LABEL (role_labels, r);
}

/**
 * sitrep_phase_to_string:
 *
 * Returns: the protocol string ("initial" …) or %NULL.
 */
const char *
sitrep_phase_to_string (SitrepPhase p)
{
  return WIRE (SITREP_TYPE_PHASE, p);
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
  int value;

  if (!value_of (SITREP_TYPE_PHASE, s, &value))
    return FALSE;
  if (out != NULL)
    *out = (SitrepPhase) value;
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
  return LABEL (phase_labels, p);
}

/**
 * sitrep_timeline_kind_to_string:
 *
 * Returns: the protocol string ("detection" …) or %NULL.
 */
const char *
sitrep_timeline_kind_to_string (SitrepTimelineKind k)
{
  return WIRE (SITREP_TYPE_TIMELINE_KIND, k);
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
  int value;

  if (!value_of (SITREP_TYPE_TIMELINE_KIND, s, &value))
    return FALSE;
  if (out != NULL)
    *out = (SitrepTimelineKind) value;
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
  return LABEL (kind_labels, k);
}

/**
 * sitrep_audience_to_string:
 *
 * Returns: the protocol string ("status_page" …) or %NULL.
 */
const char *
sitrep_audience_to_string (SitrepAudience a)
{
  return WIRE (SITREP_TYPE_AUDIENCE, a);
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
  int value;

  if (!value_of (SITREP_TYPE_AUDIENCE, s, &value))
    return FALSE;
  if (out != NULL)
    *out = (SitrepAudience) value;
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
  return LABEL (audience_labels, a);
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
  return WIRE (SITREP_TYPE_MILESTONE, m);
}

/**
 * sitrep_milestone_get_label:
 *
 * Returns: the translated label ("Detected" …) or %NULL.
 */
const char *
sitrep_milestone_get_label (SitrepMilestone m)
{
  return LABEL (milestone_labels, m);
}

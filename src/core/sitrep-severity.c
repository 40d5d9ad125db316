/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-severity.c: the guide's severity levels and decision tree */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-severity.h"

/* The guide's "Example Severity Levels" table, with DESIGN.md's timings. */
static const SitrepSeverityInfo severity_table[] = {
  {
    SITREP_SEVERITY_P1, "P1",
    N_("Critical"),
    N_("Complete service outage or severe business impact"),
    N_("Payment system down, Data loss, Security breach"),
    5 * 60, N_("Immediately"),
    30 * 60, N_("Executive updates every 30 min"),
    SITREP_AUDIENCE_EXECUTIVES,
  },
  {
    SITREP_SEVERITY_P2, "P2",
    N_("High"),
    N_("Partial service outage or significant degradation"),
    N_("Checkout slow, Feature unavailable, Performance degradation"),
    15 * 60, N_("Within 15 minutes"),
    60 * 60, N_("Stakeholder updates hourly"),
    SITREP_AUDIENCE_STAKEHOLDERS,
  },
  {
    SITREP_SEVERITY_P3, "P3",
    N_("Medium"),
    N_("Minor service degradation"),
    N_("Non-critical feature issue, Isolated errors, Slow performance in one area"),
    60 * 60, N_("Within 1 hour"),
    24 * 60 * 60, N_("Daily summary"),
    SITREP_AUDIENCE_STAKEHOLDERS,
  },
  {
    SITREP_SEVERITY_P4, "P4",
    N_("Low"),
    N_("Minimal or no user impact"),
    N_("Cosmetic issues, Internal tooling issues, Technical debt"),
    24 * 60 * 60, N_("Within 1 day"),
    7 * 24 * 60 * 60, N_("Weekly report"),
    SITREP_AUDIENCE_STAKEHOLDERS,
  },
};

static const char * const questions[] = {
  N_("Is there complete loss of service?"),
  N_("Is there significant degradation affecting most users?"),
  N_("Is there partial degradation affecting some users?"),
};

/**
 * sitrep_severity_get_info:
 *
 * The texts are translated once, on first use, so call this after
 * setlocale() and bindtextdomain().
 *
 * Returns: (transfer none) (nullable): the level's description, or %NULL
 *   for %SITREP_SEVERITY_NONE and out-of-range values.
 */
const SitrepSeverityInfo *
sitrep_severity_get_info (SitrepSeverity s)
{
  static SitrepSeverityInfo translated[G_N_ELEMENTS (severity_table)];
  static gsize initialized = 0;

  if ((int) s < SITREP_SEVERITY_P1 || (int) s > SITREP_SEVERITY_P4)
    return NULL;

  if (g_once_init_enter (&initialized))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (severity_table); i++)
        {
          translated[i] = severity_table[i];
          translated[i].name = _(severity_table[i].name);
          translated[i].description = _(severity_table[i].description);
          translated[i].examples = _(severity_table[i].examples);
          translated[i].respond_label = _(severity_table[i].respond_label);
          translated[i].cadence_label = _(severity_table[i].cadence_label);
        }
      g_once_init_leave (&initialized, 1);
    }

  return &translated[s - SITREP_SEVERITY_P1];
}

/**
 * sitrep_severity_get_template_name:
 *
 * The level's name in the templates' language (the guide's English), for
 * the text of an update: "Critical" whatever the interface's language.
 *
 * Returns: (nullable): the untranslated name, or %NULL for
 *   %SITREP_SEVERITY_NONE and out-of-range values.
 */
const char *
sitrep_severity_get_template_name (SitrepSeverity s)
{
  if ((int) s < SITREP_SEVERITY_P1 || (int) s > SITREP_SEVERITY_P4)
    return NULL;
  return severity_table[s - SITREP_SEVERITY_P1].name;
}

/**
 * sitrep_severity_question:
 * @index: 0, 1 or 2
 *
 * Returns: the translated question of the classification decision tree at
 *   @index, or %NULL past the last one.
 */
const char *
sitrep_severity_question (guint index)
{
  if (index >= G_N_ELEMENTS (questions))
    return NULL;
  return _(questions[index]);
}

/**
 * sitrep_severity_classify:
 *
 * Walks the guide's decision tree: the first "yes" decides, so a later
 * answer never raises the severity of an earlier one.
 *
 * Returns: P1 … P4
 */
SitrepSeverity
sitrep_severity_classify (gboolean complete_loss,
                          gboolean most_users_degraded,
                          gboolean some_users_degraded)
{
  if (complete_loss)
    return SITREP_SEVERITY_P1;
  if (most_users_degraded)
    return SITREP_SEVERITY_P2;
  if (some_users_degraded)
    return SITREP_SEVERITY_P3;
  return SITREP_SEVERITY_P4;
}

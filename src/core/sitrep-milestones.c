/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-milestones.h"

/**
 * sitrep_milestones_check_order:
 * @times: detected, declared, acknowledged, mitigated, resolved; %NULL
 *   where not reached
 *
 * Milestones must come in order: detected ≤ declared ≤ acknowledged ≤
 * mitigated ≤ resolved. Each milestone set before one of the milestones
 * that must precede it is reported once, against the latest of those.
 *
 * Returns: (transfer full) (element-type SitrepMilestoneProblem): the
 *   problems, empty when the milestones are in order
 */
GArray *
sitrep_milestones_check_order (GDateTime *const times[SITREP_N_ORDERED_MILESTONES])
{
  GArray *problems = g_array_new (FALSE, FALSE, sizeof (SitrepMilestoneProblem));
  int latest = -1;    /* the set milestone with the latest time so far */

  for (int m = 0; m < SITREP_N_ORDERED_MILESTONES; m++)
    {
      if (times[m] == NULL)
        continue;

      if (latest >= 0 && g_date_time_compare (times[m], times[latest]) < 0)
        {
          SitrepMilestoneProblem problem = { m, latest };

          g_array_append_val (problems, problem);
          continue;
        }

      latest = m;
    }

  return problems;
}

/**
 * sitrep_milestone_problem_describe:
 *
 * Returns: (transfer full): e.g. "Acknowledged is before Declared"
 */
char *
sitrep_milestone_problem_describe (const SitrepMilestoneProblem *problem)
{
  /* Translators: two milestones, e.g. "Acknowledged is before Declared" */
  return g_strdup_printf (_("%s is before %s"), sitrep_milestone_get_label (problem->milestone),
                          sitrep_milestone_get_label (problem->must_follow));
}

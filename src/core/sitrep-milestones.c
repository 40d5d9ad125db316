/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-milestones.h"

/**
 * sitrep_milestones_check_order:
 * @times: impact started, detected, declared, acknowledged, mitigated,
 *   resolved; %NULL where not reached
 *
 * Milestones must come in order: impact started ≤ detected ≤ declared ≤
 * acknowledged ≤ mitigated ≤ resolved. Impact started is optional (when
 * customer impact began, which may only be known later); when it is set
 * it is not after detection, nor after any later milestone: impact that
 * begins after the incident was detected began when it was detected, as
 * far as time to detect is concerned. Each milestone set before one of
 * the milestones that must precede it is reported once, against the
 * latest of those.
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

/**
 * sitrep_milestones_check_set:
 * @times: the incident's milestones as they are, %NULL where not reached
 * @milestone: the milestone about to be set
 * @when: (nullable): its new time; %NULL clears it, which is always allowed
 * @problem: (out) (optional): the order it would break
 *
 * The order rule for a change: setting @milestone to @when must not put it
 * before a milestone that precedes it, nor after one that follows it.
 * Closed is not among the ordered milestones and is never refused here.
 * Problems between other milestones are not this change's to refuse.
 *
 * Returns: %TRUE when the change keeps @milestone in order
 */
gboolean
sitrep_milestones_check_set (GDateTime *const        times[SITREP_N_ORDERED_MILESTONES],
                             SitrepMilestone         milestone,
                             GDateTime              *when,
                             SitrepMilestoneProblem *problem)
{
  if (when == NULL || (int) milestone >= SITREP_N_ORDERED_MILESTONES)
    return TRUE;

  /* The latest earlier milestone must not be after it. */
  for (int e = 0, latest = -1; e < (int) milestone; e++)
    {
      if (times[e] != NULL && (latest < 0 || g_date_time_compare (times[e], times[latest]) > 0))
        latest = e;
      if (e == (int) milestone - 1 && latest >= 0 && g_date_time_compare (when, times[latest]) < 0)
        {
          if (problem != NULL)
            *problem = (SitrepMilestoneProblem) { milestone, latest };
          return FALSE;
        }
    }

  /* The earliest later milestone must not be before it. */
  for (int m = (int) milestone + 1; m < SITREP_N_ORDERED_MILESTONES; m++)
    {
      if (times[m] != NULL && g_date_time_compare (times[m], when) < 0)
        {
          if (problem != NULL)
            *problem = (SitrepMilestoneProblem) { m, milestone };
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * sitrep_milestones_fills_mitigated:
 * @milestone: the milestone being set
 * @when: (nullable): its new time
 *
 * Resolving means the impact is over, so it was mitigated by then at the
 * latest: when the incident is resolved with no mitigation recorded, the
 * mitigated milestone takes the resolution time, so time to mitigate can
 * always be measured (the guide's post-incident metrics).
 *
 * Returns: %TRUE when mitigated should be set to @when as well
 */
gboolean
sitrep_milestones_fills_mitigated (GDateTime *const times[SITREP_N_ORDERED_MILESTONES],
                                   SitrepMilestone  milestone,
                                   GDateTime       *when)
{
  return milestone == SITREP_MILESTONE_RESOLVED && when != NULL &&
         times[SITREP_MILESTONE_MITIGATED] == NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

#define SITREP_N_ORDERED_MILESTONES (SITREP_MILESTONE_RESOLVED + 1)

/**
 * SitrepMilestoneProblem:
 * @milestone: a milestone set earlier than one it must follow
 * @must_follow: the latest earlier milestone that is after it
 */
typedef struct
{
  SitrepMilestone milestone;
  SitrepMilestone must_follow;
} SitrepMilestoneProblem;

GArray *sitrep_milestones_check_order (GDateTime *const times[SITREP_N_ORDERED_MILESTONES]);
char   *sitrep_milestone_problem_describe (const SitrepMilestoneProblem *problem);

gboolean sitrep_milestones_check_set      (GDateTime *const        times[SITREP_N_ORDERED_MILESTONES],
                                           SitrepMilestone         milestone,
                                           GDateTime              *when,
                                           SitrepMilestoneProblem *problem);
gboolean sitrep_milestones_fills_mitigated (GDateTime *const times[SITREP_N_ORDERED_MILESTONES],
                                            SitrepMilestone  milestone,
                                            GDateTime       *when);

G_END_DECLS

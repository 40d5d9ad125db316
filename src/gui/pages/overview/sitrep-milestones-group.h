/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-incident.h"
#include "sitrep-milestone-row.h"

G_BEGIN_DECLS

#define SITREP_TYPE_MILESTONES_GROUP (sitrep_milestones_group_get_type ())

G_DECLARE_FINAL_TYPE (SitrepMilestonesGroup, sitrep_milestones_group, SITREP, MILESTONES_GROUP,
                      AdwPreferencesGroup)

GtkWidget          *sitrep_milestones_group_new          (void);
void                sitrep_milestones_group_set_incident (SitrepMilestonesGroup *self,
                                                          SitrepIncident        *incident);

/* For tests, which press the rows' real buttons. */
SitrepMilestoneRow *_sitrep_milestones_group_get_row     (SitrepMilestonesGroup *self,
                                                          SitrepMilestone        milestone);

G_END_DECLS

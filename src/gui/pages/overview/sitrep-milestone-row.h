/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

#define SITREP_TYPE_MILESTONE_ROW (sitrep_milestone_row_get_type ())

G_DECLARE_FINAL_TYPE (SitrepMilestoneRow, sitrep_milestone_row, SITREP, MILESTONE_ROW, AdwActionRow)

GtkWidget       *sitrep_milestone_row_new           (SitrepMilestone     milestone);
SitrepMilestone  sitrep_milestone_row_get_milestone (SitrepMilestoneRow *self);
void             sitrep_milestone_row_set_time      (SitrepMilestoneRow *self,
                                                     GDateTime          *when);

/* For tests, which press the row's real buttons. */
GtkWidget       *_sitrep_milestone_row_get_now_button   (SitrepMilestoneRow *self);
GtkWidget       *_sitrep_milestone_row_get_clear_button (SitrepMilestoneRow *self);
GtkWidget       *_sitrep_milestone_row_get_edit_button  (SitrepMilestoneRow *self);
GtkEntry        *_sitrep_milestone_row_get_entry        (SitrepMilestoneRow *self);

G_END_DECLS

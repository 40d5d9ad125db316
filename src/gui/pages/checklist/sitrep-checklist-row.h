/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-checklist-task.h"

G_BEGIN_DECLS

#define SITREP_TYPE_CHECKLIST_ROW (sitrep_checklist_row_get_type ())

G_DECLARE_FINAL_TYPE (SitrepChecklistRow, sitrep_checklist_row, SITREP, CHECKLIST_ROW, AdwActionRow)

GtkWidget           *sitrep_checklist_row_new          (SitrepChecklistTask *task);
SitrepChecklistTask *sitrep_checklist_row_get_task     (SitrepChecklistRow  *self);
void                 sitrep_checklist_row_set_task     (SitrepChecklistRow  *self,
                                                        SitrepChecklistTask *task);
gboolean             sitrep_checklist_row_get_done     (SitrepChecklistRow  *self);
gint64               sitrep_checklist_row_get_position (SitrepChecklistRow  *self);
GtkCheckButton      *sitrep_checklist_row_get_check    (SitrepChecklistRow  *self);
void                 sitrep_checklist_row_show_task    (SitrepChecklistRow  *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-record-object.h"

G_BEGIN_DECLS

#define SITREP_TYPE_CHECKLIST_TASK (sitrep_checklist_task_get_type ())

G_DECLARE_FINAL_TYPE (SitrepChecklistTask, sitrep_checklist_task, SITREP, CHECKLIST_TASK, SitrepRecordObject)

const char *sitrep_checklist_task_get_phase (SitrepChecklistTask *self);
const char *sitrep_checklist_task_get_key (SitrepChecklistTask *self);
const char *sitrep_checklist_task_get_text (SitrepChecklistTask *self);
gint64      sitrep_checklist_task_get_position (SitrepChecklistTask *self);
gboolean    sitrep_checklist_task_get_done (SitrepChecklistTask *self);
const char *sitrep_checklist_task_get_done_by (SitrepChecklistTask *self);
const char *sitrep_checklist_task_get_done_at (SitrepChecklistTask *self);

G_END_DECLS

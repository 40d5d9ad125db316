/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "sitrep-record-object.h"
#include "sitrep-types.h"

G_BEGIN_DECLS

#define SITREP_TYPE_ACTION_ITEM (sitrep_action_item_get_type ())

G_DECLARE_FINAL_TYPE (SitrepActionItem, sitrep_action_item, SITREP, ACTION_ITEM, SitrepRecordObject)

SitrepActionItem   *sitrep_action_item_new              (const char       *id,
                                                         JsonObject       *body);
const char         *sitrep_action_item_get_id           (SitrepActionItem *self);
const char         *sitrep_action_item_get_description  (SitrepActionItem *self);
SitrepActionType    sitrep_action_item_get_item_type    (SitrepActionItem *self);
const char         *sitrep_action_item_get_owner        (SitrepActionItem *self);
const char         *sitrep_action_item_get_due_date     (SitrepActionItem *self);
SitrepActionStatus  sitrep_action_item_get_status       (SitrepActionItem *self);
GDateTime          *sitrep_action_item_get_completed_at (SitrepActionItem *self);
gboolean            sitrep_action_item_get_overdue      (SitrepActionItem *self);
gboolean            sitrep_action_item_update_overdue   (SitrepActionItem *self,
                                                         GDateTime        *now);
const char         *sitrep_action_item_get_incident_ref (SitrepActionItem *self);
void                sitrep_action_item_set_incident_ref (SitrepActionItem *self,
                                                         const char       *ref);
gboolean            sitrep_action_item_is_owned_by      (SitrepActionItem *self,
                                                         const char       *handle);
int                 sitrep_action_item_compare          (SitrepActionItem *a,
                                                         SitrepActionItem *b);

G_END_DECLS

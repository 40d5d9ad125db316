/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-action-items.h: the guide's improvement items, as rules */

#pragma once

#include <json-glib/json-glib.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

const char         *sitrep_action_type_to_string     (SitrepActionType    t);
gboolean            sitrep_action_type_from_string   (const char         *s,
                                                      SitrepActionType   *out);
const char         *sitrep_action_type_get_label     (SitrepActionType    t);

const char         *sitrep_action_status_to_string   (SitrepActionStatus  s);
gboolean            sitrep_action_status_from_string (const char         *s,
                                                      SitrepActionStatus *out);
const char         *sitrep_action_status_get_label   (SitrepActionStatus  s);

GDate              *sitrep_action_item_dup_due_date  (JsonObject         *body);
gboolean            sitrep_action_item_is_overdue    (JsonObject         *body,
                                                      GDateTime          *now);
JsonObject         *sitrep_action_item_status_fields (SitrepActionStatus  status,
                                                      GDateTime          *now);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-checklist.h: the guide's Incident Commander checklist */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

typedef struct {
  SitrepPhase  phase;
  const char  *key;    /* stable slug, unique across both lists */
  const char  *text;   /* translated */
} SitrepChecklistItem;

const SitrepChecklistItem *sitrep_checklist_default_items (gsize                     *n_items);
const SitrepChecklistItem *sitrep_checklist_major_items   (gsize                     *n_items);

JsonObject                *sitrep_checklist_item_to_body  (const SitrepChecklistItem *item,
                                                           const char                *incident_id,
                                                           guint                      position);

G_END_DECLS

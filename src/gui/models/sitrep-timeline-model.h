/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sitrep-store.h"
#include "sitrep-timeline-entry.h"

G_BEGIN_DECLS

#define SITREP_TYPE_TIMELINE_MODEL (sitrep_timeline_model_get_type ())

G_DECLARE_FINAL_TYPE (SitrepTimelineModel, sitrep_timeline_model, SITREP, TIMELINE_MODEL, GObject)

SitrepTimelineModel *sitrep_timeline_model_new         (SitrepStore         *store,
                                                        const char          *incident_id);
const char          *sitrep_timeline_model_get_incident_id (SitrepTimelineModel *self);
gboolean             sitrep_timeline_model_find        (SitrepTimelineModel *self,
                                                        const char          *entry_id,
                                                        guint               *position);

G_END_DECLS

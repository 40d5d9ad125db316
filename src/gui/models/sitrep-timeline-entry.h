/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "sitrep-record-object.h"
#include "sitrep-types.h"

G_BEGIN_DECLS

#define SITREP_TYPE_TIMELINE_ENTRY (sitrep_timeline_entry_get_type ())

G_DECLARE_FINAL_TYPE (SitrepTimelineEntry, sitrep_timeline_entry, SITREP, TIMELINE_ENTRY, SitrepRecordObject)

SitrepTimelineEntry *sitrep_timeline_entry_new            (const char          *id,
                                                           JsonObject          *body);
SitrepTimelineEntry *sitrep_timeline_entry_new_unparsed   (const char          *id,
                                                           const char          *incident_id,
                                                           char                *body_text,
                                                           const char          *occurred_at,
                                                           const char          *kind,
                                                           gboolean             pinned,
                                                           gint64               version);
JsonObject          *sitrep_timeline_entry_get_body       (SitrepTimelineEntry *self);
const char          *sitrep_timeline_entry_get_id         (SitrepTimelineEntry *self);
const char          *sitrep_timeline_entry_get_text       (SitrepTimelineEntry *self);
const char          *sitrep_timeline_entry_get_author     (SitrepTimelineEntry *self);
SitrepTimelineKind   sitrep_timeline_entry_get_kind       (SitrepTimelineEntry *self);
gboolean             sitrep_timeline_entry_get_pinned     (SitrepTimelineEntry *self);
GDateTime           *sitrep_timeline_entry_get_occurred_at (SitrepTimelineEntry *self);
gint64               sitrep_timeline_entry_get_sort_key   (SitrepTimelineEntry *self);
gint64               sitrep_timeline_entry_get_version    (SitrepTimelineEntry *self);
int                  sitrep_timeline_entry_compare        (SitrepTimelineEntry *a,
                                                           SitrepTimelineEntry *b);

G_END_DECLS

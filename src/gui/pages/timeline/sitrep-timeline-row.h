/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-timeline-entry.h"

G_BEGIN_DECLS

#define SITREP_TYPE_TIMELINE_ROW (sitrep_timeline_row_get_type ())

G_DECLARE_FINAL_TYPE (SitrepTimelineRow, sitrep_timeline_row, SITREP, TIMELINE_ROW, GtkWidget)

GtkWidget           *sitrep_timeline_row_new        (void);
void                 sitrep_timeline_row_set_entry  (SitrepTimelineRow   *self,
                                                     SitrepTimelineEntry *entry);
SitrepTimelineEntry *sitrep_timeline_row_get_entry  (SitrepTimelineRow   *self);
void                 sitrep_timeline_row_start_edit (SitrepTimelineRow   *self);
void                 sitrep_timeline_row_stop_edit  (SitrepTimelineRow   *self);
gboolean             sitrep_timeline_row_is_editing (SitrepTimelineRow   *self);
void                 sitrep_timeline_row_refresh    (SitrepTimelineRow   *self);
void                 sitrep_timeline_row_set_detail (SitrepTimelineRow   *self,
                                                     const char          *detail);
void                 sitrep_timeline_row_set_local_primary (SitrepTimelineRow *self,
                                                            gboolean           local_primary);
GStrv                sitrep_timeline_row_dup_draft  (SitrepTimelineRow   *self);
void                 sitrep_timeline_row_restore_draft (SitrepTimelineRow *self,
                                                     const char * const *draft);

/* For tests, which edit through the row's real widgets. */
GtkEditable         *_sitrep_timeline_row_get_text_entry (SitrepTimelineRow *self);
const char          *_sitrep_timeline_row_get_text       (SitrepTimelineRow *self);
const char          *_sitrep_timeline_row_get_time_text  (SitrepTimelineRow *self);
void                 _sitrep_timeline_row_get_text_origin (SitrepTimelineRow *self,
                                                           graphene_point_t  *origin);
GtkWidget           *_sitrep_timeline_row_get_pin_button (SitrepTimelineRow *self);
GtkEditable         *_sitrep_timeline_row_get_time_entry (SitrepTimelineRow *self);

G_END_DECLS

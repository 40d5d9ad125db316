/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-incident-page.h"
#include "sitrep-record-list.h"

G_BEGIN_DECLS

#define SITREP_TYPE_TIMELINE_PAGE (sitrep_timeline_page_get_type ())

G_DECLARE_FINAL_TYPE (SitrepTimelinePage, sitrep_timeline_page, SITREP, TIMELINE_PAGE, SitrepIncidentPage)

void            sitrep_timeline_page_focus_capture (SitrepTimelinePage *self);

/* For tests and benchmarks, which drive the page's real widgets. */
SitrepRecordList    *_sitrep_timeline_page_get_model     (SitrepTimelinePage *self);
GListModel          *_sitrep_timeline_page_get_shown     (SitrepTimelinePage *self);
GtkEditable         *_sitrep_timeline_page_get_capture   (SitrepTimelinePage *self);
GtkListView         *_sitrep_timeline_page_get_list_view (SitrepTimelinePage *self);
AdwMessageDialog    *_sitrep_timeline_page_get_ask_dialog (SitrepTimelinePage *self);
AdwToast            *_sitrep_timeline_page_get_undo_toast (SitrepTimelinePage *self);
GtkLabel            *_sitrep_timeline_page_get_command_hint (SitrepTimelinePage *self);
GtkWidget           *_sitrep_timeline_page_get_row       (SitrepTimelinePage *self,
                                                          const char         *entry_id);
void                 _sitrep_timeline_page_select        (SitrepTimelinePage *self,
                                                          const char         *entry_id);
void                 _sitrep_timeline_page_set_filter    (SitrepTimelinePage *self,
                                                          int                 kind,
                                                          gboolean            pinned_only);

G_END_DECLS

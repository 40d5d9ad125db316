/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-checklist-page.h"

G_BEGIN_DECLS

/* For tests, which drive the page's real widgets. */
AdwPreferencesGroup *_sitrep_checklist_page_get_group          (SitrepChecklistPage *self,
                                                                SitrepPhase          phase);
GtkListBox          *_sitrep_checklist_page_get_list           (SitrepChecklistPage *self,
                                                                SitrepPhase          phase);
AdwEntryRow         *_sitrep_checklist_page_get_add_row        (SitrepChecklistPage *self,
                                                                SitrepPhase          phase);
AdwActionRow        *_sitrep_checklist_page_get_item_row       (SitrepChecklistPage *self,
                                                                const char          *item_id);
GtkCheckButton      *_sitrep_checklist_page_get_item_check     (SitrepChecklistPage *self,
                                                                const char          *item_id);
GtkLabel            *_sitrep_checklist_page_get_progress_label (SitrepChecklistPage *self);

G_END_DECLS

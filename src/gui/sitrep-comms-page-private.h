/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-comms-page.h"

G_BEGIN_DECLS

/* For tests, which drive the page's real widgets. */
GtkListBox   *_sitrep_comms_page_get_due_list     (SitrepCommsPage *self);
AdwComboRow  *_sitrep_comms_page_get_audience_row (SitrepCommsPage *self);
AdwComboRow  *_sitrep_comms_page_get_template_row (SitrepCommsPage *self);
AdwComboRow  *_sitrep_comms_page_get_status_row   (SitrepCommsPage *self);
AdwEntryRow  *_sitrep_comms_page_get_title_row    (SitrepCommsPage *self);
GtkTextView  *_sitrep_comms_page_get_body_view    (SitrepCommsPage *self);
AdwActionRow *_sitrep_comms_page_get_flag_row     (SitrepCommsPage *self);
GtkLabel     *_sitrep_comms_page_get_preview_body (SitrepCommsPage *self);
GtkWidget    *_sitrep_comms_page_get_send_button  (SitrepCommsPage *self);
GtkWidget    *_sitrep_comms_page_get_copy_button  (SitrepCommsPage *self);
GtkListBox   *_sitrep_comms_page_get_history_list (SitrepCommsPage *self);
int           _sitrep_comms_page_find_template    (SitrepCommsPage *self,
                                                   const char      *builtin_key);
int           _sitrep_comms_page_find_status      (SitrepCommsPage *self,
                                                   SitrepStatus     status);

G_END_DECLS

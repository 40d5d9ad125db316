/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_TEMPLATES_WINDOW (sitrep_templates_window_get_type ())

G_DECLARE_FINAL_TYPE (SitrepTemplatesWindow, sitrep_templates_window, SITREP, TEMPLATES_WINDOW,
                      AdwPreferencesWindow)

SitrepTemplatesWindow *sitrep_templates_window_new (GtkWindow      *parent,
                                                    SitrepContext  *context,
                                                    SitrepAudience  audience);

/* For tests, which drive the window's real widgets. A row is a template's
 * AdwExpanderRow; the unsaved new template's row has the id %NULL. */
GtkWidget        *_sitrep_templates_window_get_add_button (SitrepTemplatesWindow *self);
AdwExpanderRow   *_sitrep_templates_window_find_row       (SitrepTemplatesWindow *self,
                                                           const char            *template_id);
AdwMessageDialog *_sitrep_templates_window_get_confirm    (SitrepTemplatesWindow *self);
const char       *_sitrep_template_row_get_id             (AdwExpanderRow        *row);
GtkEditable      *_sitrep_template_row_get_name           (AdwExpanderRow        *row);
AdwComboRow      *_sitrep_template_row_get_audience       (AdwExpanderRow        *row);
GtkEditable      *_sitrep_template_row_get_title          (AdwExpanderRow        *row);
GtkTextView      *_sitrep_template_row_get_body           (AdwExpanderRow        *row);
GtkLabel         *_sitrep_template_row_get_unknown        (AdwExpanderRow        *row);
GtkWidget        *_sitrep_template_row_get_save_button    (AdwExpanderRow        *row);
GtkWidget        *_sitrep_template_row_get_delete_button  (AdwExpanderRow        *row);

G_END_DECLS

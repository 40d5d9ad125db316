/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"
#include "sitrep-template-row.h"

G_BEGIN_DECLS

#define SITREP_TYPE_TEMPLATES_WINDOW (sitrep_templates_window_get_type ())

G_DECLARE_FINAL_TYPE (SitrepTemplatesWindow, sitrep_templates_window, SITREP, TEMPLATES_WINDOW,
                      AdwPreferencesWindow)

SitrepTemplatesWindow *sitrep_templates_window_new (GtkWindow      *parent,
                                                    SitrepContext  *context,
                                                    SitrepAudience  audience);

/* For tests, which drive the window's real widgets. A row is a template's
 * SitrepTemplateRow (an AdwExpanderRow); the unsaved new template's row has
 * the id %NULL. */
GtkWidget        *_sitrep_templates_window_get_add_button (SitrepTemplatesWindow *self);
AdwExpanderRow   *_sitrep_templates_window_find_row       (SitrepTemplatesWindow *self,
                                                           const char            *template_id);
AdwMessageDialog *_sitrep_templates_window_get_confirm    (SitrepTemplatesWindow *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_TEMPLATE_ROW (sitrep_template_row_get_type ())

G_DECLARE_FINAL_TYPE (SitrepTemplateRow, sitrep_template_row, SITREP, TEMPLATE_ROW,
                      AdwExpanderRow)

GtkWidget  *sitrep_template_row_new        (SitrepContext     *context,
                                            const char        *id);
const char *sitrep_template_row_get_id     (SitrepTemplateRow *self);
int         sitrep_template_row_get_rank   (SitrepTemplateRow *self);
void        sitrep_template_row_set_rank   (SitrepTemplateRow *self,
                                            int                rank);
gboolean    sitrep_template_row_get_dirty  (SitrepTemplateRow *self);
gboolean    sitrep_template_row_get_builtin (SitrepTemplateRow *self);
gboolean    sitrep_template_row_shows      (SitrepTemplateRow *self,
                                            SitrepRecordObject *record);
void        sitrep_template_row_load       (SitrepTemplateRow *self,
                                            SitrepRecordObject *record);
void        sitrep_template_row_start_new  (SitrepTemplateRow *self,
                                            SitrepAudience     audience);
void        sitrep_template_row_save       (SitrepTemplateRow *self);
void        sitrep_template_row_focus_name (SitrepTemplateRow *self);

/* For tests, which drive the row's real widgets. */
const char  *_sitrep_template_row_get_id            (AdwExpanderRow *row);
GtkEditable *_sitrep_template_row_get_name          (AdwExpanderRow *row);
AdwComboRow *_sitrep_template_row_get_audience      (AdwExpanderRow *row);
GtkEditable *_sitrep_template_row_get_title         (AdwExpanderRow *row);
GtkTextView *_sitrep_template_row_get_body          (AdwExpanderRow *row);
GtkLabel    *_sitrep_template_row_get_unknown       (AdwExpanderRow *row);
GtkWidget   *_sitrep_template_row_get_save_button   (AdwExpanderRow *row);
GtkWidget   *_sitrep_template_row_get_delete_button (AdwExpanderRow *row);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_COMMS_COMPOSER (sitrep_comms_composer_get_type ())

G_DECLARE_FINAL_TYPE (SitrepCommsComposer, sitrep_comms_composer, SITREP, COMMS_COMPOSER,
                      GtkWidget)

GtkWidget      *sitrep_comms_composer_new                (void);
void            sitrep_comms_composer_set_context        (SitrepCommsComposer *self,
                                                          SitrepContext       *context);
void            sitrep_comms_composer_set_incident       (SitrepCommsComposer *self,
                                                          SitrepIncident      *incident);
void            sitrep_comms_composer_set_editable       (SitrepCommsComposer *self,
                                                          gboolean             editable);
void            sitrep_comms_composer_set_choices        (SitrepCommsComposer *self,
                                                          int                  audience,
                                                          int                  template_position,
                                                          int                  status_position);
SitrepAudience  sitrep_comms_composer_current_audience   (SitrepCommsComposer *self);
SitrepRecordObject *sitrep_comms_composer_current_template   (SitrepCommsComposer *self);
SitrepStatus    sitrep_comms_composer_current_status     (SitrepCommsComposer *self);
guint           sitrep_comms_composer_get_n_templates    (SitrepCommsComposer *self);
char           *sitrep_comms_composer_dup_body_text      (SitrepCommsComposer *self);
const char     *sitrep_comms_composer_get_title_text     (SitrepCommsComposer *self);
void            sitrep_comms_composer_set_editors        (SitrepCommsComposer *self,
                                                          const char          *title,
                                                          const char          *body);
void            sitrep_comms_composer_forget_fill        (SitrepCommsComposer *self);
void            sitrep_comms_composer_dismiss_undo       (SitrepCommsComposer *self);
gboolean        sitrep_comms_composer_is_dirty           (SitrepCommsComposer *self);
guint           sitrep_comms_composer_get_n_flags        (SitrepCommsComposer *self);
void            sitrep_comms_composer_rebuild_templates  (SitrepCommsComposer *self,
                                                          gboolean             first_match);
void            sitrep_comms_composer_fill_from_template (SitrepCommsComposer *self);
void            sitrep_comms_composer_rebuild_statuses   (SitrepCommsComposer *self);
void            sitrep_comms_composer_update_check       (SitrepCommsComposer *self);
void            sitrep_comms_composer_select_first_flag  (SitrepCommsComposer *self);
void            sitrep_comms_composer_focus_text         (SitrepCommsComposer *self);

/* For tests, which drive the composer's real widgets. */
AdwComboRow    *_sitrep_comms_composer_get_audience_row  (SitrepCommsComposer *self);
AdwComboRow    *_sitrep_comms_composer_get_template_row  (SitrepCommsComposer *self);
AdwComboRow    *_sitrep_comms_composer_get_status_row    (SitrepCommsComposer *self);
AdwEntryRow    *_sitrep_comms_composer_get_title_row     (SitrepCommsComposer *self);
GtkTextView    *_sitrep_comms_composer_get_body_view     (SitrepCommsComposer *self);
AdwActionRow   *_sitrep_comms_composer_get_flag_row      (SitrepCommsComposer *self);
GtkLabel       *_sitrep_comms_composer_get_preview_body  (SitrepCommsComposer *self);
int             _sitrep_comms_composer_find_template     (SitrepCommsComposer *self,
                                                          const char          *builtin_key);
int             _sitrep_comms_composer_find_status       (SitrepCommsComposer *self,
                                                          SitrepStatus         status);

G_END_DECLS

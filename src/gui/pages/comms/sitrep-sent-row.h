/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-record-object.h"

G_BEGIN_DECLS

#define SITREP_TYPE_SENT_ROW (sitrep_sent_row_get_type ())

G_DECLARE_FINAL_TYPE (SitrepSentRow, sitrep_sent_row, SITREP, SENT_ROW, AdwExpanderRow)

GtkWidget  *sitrep_sent_row_new    (SitrepRecordObject *record);
const char *sitrep_sent_row_get_id (SitrepSentRow *self);
void        sitrep_sent_row_set_may_approve      (SitrepSentRow *self,
                                                  gboolean       may_approve);
const char *sitrep_sent_row_get_publication_text (SitrepSentRow *self);
GtkWidget  *sitrep_sent_row_get_approve_button   (SitrepSentRow *self);

G_END_DECLS

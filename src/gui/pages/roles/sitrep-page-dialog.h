/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_PAGE_DIALOG (sitrep_page_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SitrepPageDialog, sitrep_page_dialog, SITREP, PAGE_DIALOG, AdwMessageDialog)

SitrepPageDialog *sitrep_page_dialog_new (GtkWindow     *parent,
                                          SitrepContext *context,
                                          const char    *incident_id);

/* For tests, which drive the dialog's real widgets. */
GtkEditable      *_sitrep_page_dialog_get_team    (SitrepPageDialog *self);
GtkEditable      *_sitrep_page_dialog_get_message (SitrepPageDialog *self);
GtkFlowBox       *_sitrep_page_dialog_get_teams   (SitrepPageDialog *self);

G_END_DECLS

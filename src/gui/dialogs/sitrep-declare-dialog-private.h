/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-declare-dialog.h"

G_BEGIN_DECLS

/* For tests, which drive the dialog's real widgets. */
GtkEditable *_sitrep_declare_dialog_get_title    (SitrepDeclareDialog *self);
GtkEditable *_sitrep_declare_dialog_get_services (SitrepDeclareDialog *self);
GtkEditable *_sitrep_declare_dialog_get_impact   (SitrepDeclareDialog *self);
GtkSwitch   *_sitrep_declare_dialog_get_question (SitrepDeclareDialog *self,
                                                  guint                index);
AdwComboRow *_sitrep_declare_dialog_get_severity (SitrepDeclareDialog *self);
AdwActionRow *_sitrep_declare_dialog_get_errors_row (SitrepDeclareDialog *self);
GtkSwitch   *_sitrep_declare_dialog_get_errors   (SitrepDeclareDialog *self);

G_END_DECLS

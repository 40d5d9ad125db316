/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SITREP_TYPE_DATABASE_DIALOG (sitrep_database_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SitrepDatabaseDialog, sitrep_database_dialog, SITREP, DATABASE_DIALOG,
                      AdwMessageDialog)

GtkWidget  *sitrep_database_dialog_new      (GtkApplication  *application,
                                             const char      *path,
                                             const GError    *error);
const char *sitrep_database_dialog_get_path (SitrepDatabaseDialog *self);

char       *sitrep_database_move_aside      (const char      *path,
                                             GError         **error);

G_END_DECLS

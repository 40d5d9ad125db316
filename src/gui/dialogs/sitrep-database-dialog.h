/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SITREP_TYPE_DATABASE_DIALOG (sitrep_database_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SitrepDatabaseDialog, sitrep_database_dialog, SITREP, DATABASE_DIALOG,
                      AdwMessageDialog)

GtkWidget  *sitrep_database_dialog_new      (GtkApplication  *application,
                                             const char      *path,
                                             const char      *heading,
                                             const GError    *error,
                                             gboolean         in_use);
const char *sitrep_database_dialog_get_path (SitrepDatabaseDialog *self);


G_END_DECLS

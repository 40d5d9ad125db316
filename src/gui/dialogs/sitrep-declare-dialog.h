/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_DECLARE_DIALOG (sitrep_declare_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SitrepDeclareDialog, sitrep_declare_dialog, SITREP, DECLARE_DIALOG, AdwWindow)

SitrepDeclareDialog *sitrep_declare_dialog_new (GtkWindow     *parent,
                                                SitrepContext *context);

G_END_DECLS

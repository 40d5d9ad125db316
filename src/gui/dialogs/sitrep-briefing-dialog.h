/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_BRIEFING_DIALOG (sitrep_briefing_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SitrepBriefingDialog, sitrep_briefing_dialog, SITREP, BRIEFING_DIALOG,
                      AdwWindow)

SitrepBriefingDialog *sitrep_briefing_dialog_new      (GtkWindow            *parent,
                                                       SitrepContext        *context,
                                                       const char           *incident_id);
const char           *sitrep_briefing_dialog_get_text (SitrepBriefingDialog *self);

G_END_DECLS

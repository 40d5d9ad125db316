/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_COMMAND_PALETTE (sitrep_command_palette_get_type ())

G_DECLARE_FINAL_TYPE (SitrepCommandPalette, sitrep_command_palette, SITREP, COMMAND_PALETTE, GtkPopover)

SitrepContext  *sitrep_command_palette_get_context  (SitrepCommandPalette *self);
void            sitrep_command_palette_set_context  (SitrepCommandPalette *self,
                                                     SitrepContext        *context);
SitrepIncident *sitrep_command_palette_get_incident (SitrepCommandPalette *self);
void            sitrep_command_palette_set_incident (SitrepCommandPalette *self,
                                                     SitrepIncident       *incident);

/* For tests, which drive the palette's real widgets. */
GtkEditable    *_sitrep_command_palette_get_entry       (SitrepCommandPalette *self);
GtkLabel       *_sitrep_command_palette_get_hint        (SitrepCommandPalette *self);
GListModel     *_sitrep_command_palette_get_completions (SitrepCommandPalette *self);

G_END_DECLS

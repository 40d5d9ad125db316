/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-wall-window.h"

G_BEGIN_DECLS

/* For the tests: the wall as it reads at @now, and its parts. */
void       _sitrep_wall_window_refresh_at      (SitrepWallWindow *self,
                                                GDateTime        *now);
void       _sitrep_wall_window_rotate          (SitrepWallWindow *self);
GtkWidget *_sitrep_wall_window_get_incidents   (SitrepWallWindow *self);
GtkLabel  *_sitrep_wall_window_get_offline     (SitrepWallWindow *self);
GtkLabel  *_sitrep_wall_window_get_pinned      (SitrepWallWindow *self);

G_END_DECLS

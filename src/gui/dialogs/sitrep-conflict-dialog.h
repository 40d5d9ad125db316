/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context-store.h"

G_BEGIN_DECLS

GtkWidget  *sitrep_conflict_dialog_new        (GtkWindow      *parent,
                                               SitrepContext  *context,
                                               SitrepConflict *conflict);
JsonObject *sitrep_conflict_dup_mine_body     (SitrepConflict *conflict);
char       *sitrep_conflict_describe_body     (SitrepConflict *conflict,
                                               JsonObject     *body);

G_END_DECLS

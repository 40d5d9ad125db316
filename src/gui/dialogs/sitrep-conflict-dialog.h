/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

GtkWidget  *sitrep_conflict_dialog_new    (GtkWindow         *parent,
                                           SitrepContext     *context,
                                           SitrepRefusedEdit *conflict);
char       *sitrep_conflict_describe_body (SitrepRefusedEdit *conflict,
                                           JsonObject        *body);
char       *sitrep_conflict_describe_record (SitrepContext   *context,
                                           SitrepRefusedEdit *conflict);

G_END_DECLS

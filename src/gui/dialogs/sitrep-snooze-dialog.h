/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"
#include "sitrep-notifier.h"

G_BEGIN_DECLS

GtkWidget *sitrep_snooze_dialog_new (GtkWindow      *parent,
                                     SitrepContext  *context,
                                     SitrepNotifier *notifier,
                                     const char     *incident_id,
                                     SitrepAudience  audience);

G_END_DECLS

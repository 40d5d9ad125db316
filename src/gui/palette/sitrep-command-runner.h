/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-command.h"
#include "sitrep-context.h"

G_BEGIN_DECLS

/* What the command palette and the timeline's capture line share: the
 * incident bot's commands, checked, completed and run against the
 * context and the incident on screen. */

char      *sitrep_command_runner_describe (SitrepContext      *context,
                                           SitrepIncident     *incident,
                                           const char         *input,
                                           glong              *error_position,
                                           GError            **error);
GPtrArray *sitrep_command_runner_complete (SitrepContext      *context,
                                           const char         *input,
                                           glong               cursor);
gboolean   sitrep_command_runner_run      (GtkWidget          *widget,
                                           SitrepContext      *context,
                                           SitrepIncident     *incident,
                                           const char         *input,
                                           glong              *error_position,
                                           GError            **error);

/* For tests. */
AdwToast  *_sitrep_command_runner_get_undo_toast  (void);

G_END_DECLS

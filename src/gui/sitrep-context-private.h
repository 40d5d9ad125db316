/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-context-store.h"

G_BEGIN_DECLS

SitrepMutation *_sitrep_context_timeline_put      (const char          *incident_id,
                                                   const char          *occurred_at,
                                                   SitrepTimelineKind   kind,
                                                   const char          *text,
                                                   const char          *author);
gboolean        _sitrep_context_patch_with_entry  (SitrepContext       *self,
                                                   const char          *id,
                                                   JsonObject          *fields,
                                                   SitrepTimelineKind   kind,
                                                   const char          *text,
                                                   GError             **error);
SitrepIncident *_sitrep_context_require_incident  (SitrepContext       *self,
                                                   const char          *id,
                                                   GError             **error);

void            _sitrep_context_get_clock_overrides (SitrepContext      *self,
                                                     gint64             *cadence_s,
                                                     gint64             *respond_s);

G_END_DECLS

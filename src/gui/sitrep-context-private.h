/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-context.h"
#include "sitrep-incident-rules.h"

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
void            _sitrep_context_rule_env          (SitrepContext       *self,
                                                   SitrepRuleEnv       *env);
gboolean        _sitrep_context_apply_rule        (SitrepContext       *self,
                                                   GPtrArray           *mutations,
                                                   const GError        *rule_error,
                                                   GError             **error);
SitrepIncident *_sitrep_context_require_incident  (SitrepContext       *self,
                                                   const char          *id,
                                                   GError             **error);

void            _sitrep_context_get_clock_overrides (SitrepContext      *self,
                                                     gint64             *cadence_s,
                                                     gint64             *respond_s);

G_END_DECLS

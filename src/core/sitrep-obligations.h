/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-obligations.h: what is owed after an incident's resolution, and
 * marking it done */

#pragma once

#include <json-glib/json-glib.h>

#include "sitrep-deadlines.h"
#include "sitrep-incident-rules.h"

G_BEGIN_DECLS

const char         *sitrep_obligation_to_string      (SitrepDeadlineKind   kind);
gboolean            sitrep_obligation_from_string    (const char          *text,
                                                      SitrepDeadlineKind  *kind);
char               *sitrep_obligation_done_at_field  (SitrepDeadlineKind   kind);
char               *sitrep_obligation_done_by_field  (SitrepDeadlineKind   kind);
const char         *sitrep_obligation_get_label      (SitrepDeadlineKind   kind);

const char * const *sitrep_obligations_done_fields   (gboolean             major);
void                sitrep_obligations_read_done     (JsonObject          *incident,
                                                      gboolean            *done);
gboolean            sitrep_obligations_any_open      (JsonObject          *incident,
                                                      gint64               postmortem_s);

/* Reminders of an incident's obligations stop this long after its
 * resolution; its Overview still lists what is open. */
#define SITREP_OBLIGATIONS_REMIND_DAYS 60

GDateTime          *sitrep_obligations_remind_since  (GDateTime           *now);
gboolean            sitrep_obligations_reminded      (JsonObject          *incident,
                                                      GDateTime           *now);

GPtrArray          *sitrep_obligations_mark_done     (const SitrepRuleEnv *env,
                                                      const char          *incident_id,
                                                      JsonObject          *incident,
                                                      SitrepDeadlineKind   kind,
                                                      GError             **error);
GPtrArray          *sitrep_obligations_unmark_done   (const SitrepRuleEnv *env,
                                                      const char          *incident_id,
                                                      JsonObject          *incident,
                                                      SitrepDeadlineKind   kind,
                                                      GError             **error);

G_END_DECLS

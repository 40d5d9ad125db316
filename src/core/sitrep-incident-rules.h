/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-incident-rules.h: what declaring and changing an incident writes
 *
 * The same rules for the app and the server: each returns the mutations to
 * apply, in one transaction, and touches no store.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sitrep-mutation.h"
#include "sitrep-triage.h"
#include "sitrep-types.h"

G_BEGIN_DECLS

#define SITREP_INCIDENT_RULES_ERROR (sitrep_incident_rules_error_quark ())

typedef enum {
  SITREP_INCIDENT_RULES_ERROR_INVALID,
} SitrepIncidentRulesError;

/**
 * SitrepNewIdFunc:
 * @user_data: the data given with the function
 *
 * Returns: (transfer full): the id of the next new record (a UUID)
 */
typedef char *(*SitrepNewIdFunc) (gpointer user_data);

/**
 * SitrepRuleEnv:
 * @now: (nullable): the time the change is made; %NULL for the current time
 * @actor: who makes it: the author of the timeline entries written
 * @new_id: (nullable): where new record ids come from; %NULL for random UUIDs
 * @new_id_data: passed to @new_id
 *
 * The circumstances of a change, so tests can fix the time and the ids.
 */
typedef struct {
  GDateTime       *now;
  const char      *actor;
  SitrepNewIdFunc  new_id;
  gpointer         new_id_data;
} SitrepRuleEnv;

GQuark      sitrep_incident_rules_error_quark     (void);

SitrepMutation *sitrep_incident_rules_new_entry   (const SitrepRuleEnv *env,
                                                   const char          *incident_id,
                                                   const char          *occurred_at,
                                                   SitrepTimelineKind   kind,
                                                   const char          *text,
                                                   const char          *author);

GStrv       sitrep_incident_rules_split_services  (const char          *text);
JsonObject *sitrep_incident_rules_new_body        (const char          *title,
                                                   const char * const  *services,
                                                   const char          *customer_impact,
                                                   SitrepSeverity       severity,
                                                   SitrepStatus         status);

GPtrArray  *sitrep_incident_rules_declare         (const SitrepRuleEnv *env,
                                                   const char          *incident_id,
                                                   JsonObject          *body,
                                                   GError             **error);
GPtrArray  *sitrep_incident_rules_set_status      (const SitrepRuleEnv *env,
                                                   const char          *incident_id,
                                                   SitrepStatus         from,
                                                   gboolean             has_resolved_at,
                                                   SitrepStatus         to,
                                                   GError             **error);
GPtrArray  *sitrep_incident_rules_set_severity    (const SitrepRuleEnv *env,
                                                   const char          *incident_id,
                                                   SitrepSeverity       from,
                                                   SitrepSeverity       to,
                                                   GError             **error);
GPtrArray  *sitrep_incident_rules_set_major       (const SitrepRuleEnv *env,
                                                   const char          *incident_id,
                                                   gboolean             was_major,
                                                   gboolean             major,
                                                   const char * const  *checklist_ids,
                                                   guint                next_position,
                                                   guint                roles_held);
GPtrArray  *sitrep_incident_rules_checklist_ticks (const SitrepRuleEnv *env,
                                                   const char          *incident_id,
                                                   const char * const  *checklist_ids,
                                                   const char * const  *done_ids,
                                                   int                  assigned,
                                                   guint                roles_held,
                                                   const char          *acknowledged_at);
GPtrArray  *sitrep_incident_rules_demo            (const SitrepRuleEnv *env,
                                                   GError             **error);

void        sitrep_incident_rules_set_triage      (JsonObject          *body,
                                                   SitrepSeverity       severity,
                                                   SitrepTriageRule     rule,
                                                   const char          *reason,
                                                   SitrepSeverity       hint);
GPtrArray  *sitrep_incident_rules_triage_entries  (const SitrepRuleEnv *env,
                                                   const char          *incident_id,
                                                   SitrepSeverity       severity,
                                                   const char          *reason,
                                                   SitrepSeverity       hint,
                                                   const char          *hint_label);
gboolean    sitrep_incident_rules_escalate        (JsonObject          *body,
                                                   const SitrepTriageResult *triage,
                                                   gboolean            *raised);

/* The guide's activation criteria for the Major Incident Protocol that the
 * incident's record can tell; external visibility is a judgement. */
typedef enum {
  SITREP_MAJOR_CRITERIA_NONE              = 0,
  SITREP_MAJOR_CRITERIA_P1_OVER_HOUR      = 1 << 0,
  SITREP_MAJOR_CRITERIA_CRITICAL_SERVICES = 1 << 1,
  SITREP_MAJOR_CRITERIA_TEAMS             = 1 << 2,
} SitrepMajorCriteria;

SitrepMajorCriteria sitrep_incident_rules_major_criteria (SitrepSeverity      severity,
                                                          SitrepStatus        status,
                                                          GDateTime          *declared_at,
                                                          GDateTime          *now,
                                                          const char * const *services,
                                                          const char * const *critical_services,
                                                          guint               n_teams);

G_END_DECLS

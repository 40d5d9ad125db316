/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-triage.h: alert facts → severity, the guide's automated triage */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

typedef struct {
  char           *service;
  double          error_rate;        /* a fraction: 0.25 is 25% */
  gint64          affected_users;
  gboolean        revenue_impacting;
  SitrepSeverity  severity_hint;
  char           *severity_label;    /* the label the hint was read from: "critical" */
} SitrepAlertFacts;

/* The rules of the guide's classify_incident(), in the order they are
 * tried; the first that holds decides. */
typedef enum {
  SITREP_TRIAGE_RULE_CRITICAL_ERRORS,   /* critical service and error rate > 20% → P1 */
  SITREP_TRIAGE_RULE_REVENUE,           /* revenue impacting → P2 */
  SITREP_TRIAGE_RULE_ERRORS_10,         /* error rate > 10% → P2 */
  SITREP_TRIAGE_RULE_USERS_1000,        /* more than 1000 users affected → P2 */
  SITREP_TRIAGE_RULE_ERRORS_5,          /* error rate > 5% → P3 */
  SITREP_TRIAGE_RULE_USERS_100,         /* more than 100 users affected → P3 */
  SITREP_TRIAGE_RULE_NONE,              /* none of them → P4 */
} SitrepTriageRule;

/**
 * SitrepTriageCriticalFunc:
 * @service: a service an alert names
 * @user_data: the data given with the function
 *
 * Returns: whether the service catalogue marks @service critical
 */
typedef gboolean (*SitrepTriageCriticalFunc) (const char *service,
                                              gpointer    user_data);

/**
 * SitrepTriageResult:
 * @severity: the most severe classification of the alerts added
 * @rule: the rule that gave it
 * @reason: (nullable): why, with that alert's values
 * @hint: the most severe `severity` label among them, or NONE
 * @hint_label: (nullable): that label as the alert wrote it
 * @services: (element-type utf8): the services they name, each once and
 *   at most %SITREP_NAME_MAX bytes long
 *
 * The triage of a group of alerts, as they are added.
 */
typedef struct {
  SitrepSeverity    severity;
  SitrepTriageRule  rule;
  char             *reason;
  SitrepSeverity    hint;
  char             *hint_label;
  GPtrArray        *services;
} SitrepTriageResult;

void                sitrep_alert_facts_clear      (SitrepAlertFacts       *facts);
void                sitrep_alert_facts_from_alert (SitrepAlertFacts       *facts,
                                                   JsonObject             *labels,
                                                   JsonObject             *annotations);

const char * const *sitrep_triage_default_critical_services (void);
SitrepSeverity      sitrep_triage_classify        (const SitrepAlertFacts *facts,
                                                   const char * const     *critical_services);
SitrepTriageRule    sitrep_triage_match           (const SitrepAlertFacts *facts,
                                                   const char * const     *critical_services);
SitrepSeverity      sitrep_triage_rule_get_severity (SitrepTriageRule      rule);
const char         *sitrep_triage_rule_to_string  (SitrepTriageRule        rule);
char               *sitrep_triage_explain         (const SitrepAlertFacts *facts,
                                                   SitrepTriageRule        rule);

void                sitrep_triage_result_init     (SitrepTriageResult     *result);
void                sitrep_triage_result_clear    (SitrepTriageResult     *result);
void                sitrep_triage_result_add      (SitrepTriageResult     *result,
                                                   JsonObject             *labels,
                                                   JsonObject             *annotations,
                                                   SitrepTriageCriticalFunc in_catalogue,
                                                   gpointer                user_data);

G_END_DECLS

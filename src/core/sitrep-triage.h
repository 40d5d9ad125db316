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
} SitrepAlertFacts;

void                sitrep_alert_facts_clear      (SitrepAlertFacts       *facts);
void                sitrep_alert_facts_from_alert (SitrepAlertFacts       *facts,
                                                   JsonObject             *labels,
                                                   JsonObject             *annotations);

const char * const *sitrep_triage_default_critical_services (void);
SitrepSeverity      sitrep_triage_classify        (const SitrepAlertFacts *facts,
                                                   const char * const     *critical_services);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-incident-rules-major.c: when an incident meets the guide's major
 * incident criteria */

#include "config.h"

#include "sitrep-incident-rules.h"

/**
 * sitrep_incident_rules_major_criteria:
 * @declared_at: (nullable): when the incident was declared
 * @now: the caller's clock
 * @services: (nullable): the affected services
 * @critical_services: (nullable): the services counted as critical
 * @n_teams: how many teams are coordinating
 *
 * The guide's "Activation Criteria": any P1 incident lasting more than
 * 1 hour, any incident affecting multiple critical services, any incident
 * requiring coordination of more than 3 teams. Only an open incident
 * (investigating, identified or monitoring) meets them.
 *
 * Returns: the criteria met, %SITREP_MAJOR_CRITERIA_NONE for none
 */
SitrepMajorCriteria
sitrep_incident_rules_major_criteria (SitrepSeverity      severity,
                                      SitrepStatus        status,
                                      GDateTime          *declared_at,
                                      GDateTime          *now,
                                      const char * const *services,
                                      const char * const *critical_services,
                                      guint               n_teams)
{
  SitrepMajorCriteria met = SITREP_MAJOR_CRITERIA_NONE;
  guint n_critical = 0;

  g_return_val_if_fail (now != NULL, SITREP_MAJOR_CRITERIA_NONE);

  if (status != SITREP_STATUS_INVESTIGATING && status != SITREP_STATUS_IDENTIFIED &&
      status != SITREP_STATUS_MONITORING)
    return SITREP_MAJOR_CRITERIA_NONE;

  if (severity == SITREP_SEVERITY_P1 && declared_at != NULL &&
      g_date_time_difference (now, declared_at) > G_TIME_SPAN_HOUR)
    met |= SITREP_MAJOR_CRITERIA_P1_OVER_HOUR;

  for (guint i = 0; services != NULL && services[i] != NULL; i++)
    for (guint j = 0; critical_services != NULL && critical_services[j] != NULL; j++)
      if (g_ascii_strcasecmp (services[i], critical_services[j]) == 0)
        {
          n_critical++;
          break;
        }
  if (n_critical > 1)
    met |= SITREP_MAJOR_CRITERIA_CRITICAL_SERVICES;

  if (n_teams > 3)
    met |= SITREP_MAJOR_CRITERIA_TEAMS;

  return met;
}

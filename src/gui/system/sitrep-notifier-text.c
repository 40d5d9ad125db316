/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-notifier"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitrep-countdown.h"
#include "sitrep-enum-strings.h"
#include "sitrep-notifier-private.h"
#include "sitrep-severity.h"
#include "sitrep-status.h"
#include "sitrep-time.h"

/* The words of the update clocks: the targets of the actions
 * that answer a deadline, and what a notification says. */

/**
 * sitrep_deadline_target_new:
 *
 * Returns: (transfer full): the parameter of the `app.compose-update` and
 *   `app.snooze-update` actions, "<incident id>:<audience>"
 */
char *
sitrep_deadline_target_new (const char     *incident_id,
                            SitrepAudience  audience)
{
  return g_strdup_printf ("%s:%s", incident_id, sitrep_audience_to_string (audience));
}

/**
 * sitrep_deadline_target_parse:
 * @incident_id: (out) (transfer full): the incident's id
 * @audience: (out): the audience
 *
 * Returns: whether @target was made by sitrep_deadline_target_new()
 */
gboolean
sitrep_deadline_target_parse (const char      *target,
                              char           **incident_id,
                              SitrepAudience  *audience)
{
  const char *colon = strrchr (target, ':');

  if (colon == NULL || colon == target || !sitrep_audience_from_string (colon + 1, audience))
    return FALSE;

  *incident_id = g_strndup (target, colon - target);
  return TRUE;
}



static char *
format_short_time (GDateTime *when)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  g_autofree char *utc_text = g_date_time_format (utc, "%H:%M");
  g_autofree char *local_text = NULL;

  if (g_date_time_get_utc_offset (local) == 0)
    /* Translators: a time in UTC, e.g. "14:30 UTC" */
    return g_strdup_printf (_("%s UTC"), utc_text);

  local_text = g_date_time_format (local, "%H:%M %Z");
  /* Translators: a time in UTC, then in the local zone, e.g. "14:30 UTC · 15:30 CET" */
  return g_strdup_printf (_("%s UTC · %s"), utc_text, local_text);
}

/* "INC-2026-042 Payment service outage", or the title alone before a reference */
char *
_sitrep_notifier_incident_name (SitrepIncident *incident)
{
  const char *ref = sitrep_incident_get_ref (incident);

  if (ref != NULL && ref[0] != '\0')
    return g_strdup_printf ("%s %s", ref, sitrep_incident_get_title (incident));

  return g_strdup (sitrep_incident_get_title (incident));
}

/* What is due: "Update to Executives", "Executive brief"; %NULL for the
 * deadlines whose label says it ("Postmortem due"). */
static char *
describe_subject (const SitrepDeadline *d)
{
  switch (d->kind)
    {
    case SITREP_DEADLINE_UPDATE:
      /* Translators: what is due, %s is an audience ("Executives") */
      return g_strdup_printf (_("Update to %s"), sitrep_audience_get_label (d->audience));
    case SITREP_DEADLINE_EXEC_BRIEF:
      return g_strdup (_("Executive brief"));
    case SITREP_DEADLINE_PUBLIC_STATEMENT:
      return g_strdup (_("Public statement"));
    case SITREP_DEADLINE_RESPOND:
      return g_strdup (_("Response"));
    default:
      return NULL;
    }
}

/* "Update to Executives overdue by 12 min": what is due, then the one
 * countdown every view shows (sitrep_countdown_format()). */
char *
_sitrep_notifier_describe_due (const SitrepDeadline *d,
                               SitrepAlertLevel      level,
                               GDateTime            *now)
{
  g_autofree char *subject = describe_subject (d);
  g_autofree char *countdown = sitrep_countdown_format (d->due, now);
  gint64 minutes = sitrep_countdown_minutes (d->due, now);
  gboolean upcoming = minutes > 0;

  if (subject == NULL)
    {
      if (upcoming)
        /* Translators: a deadline ("Postmortem due"), then a countdown ("in 3 d") */
        return g_strdup_printf (_("%s %s"), d->label, countdown);
      if (minutes == 0)
        return g_strdup (d->label);
      /* Translators: a deadline ("Postmortem due"), then "overdue by 2 h" */
      return g_strdup_printf (_("%s, %s"), d->label, countdown);
    }

  if (upcoming)
    /* Translators: what is due ("Update to Executives"), then a countdown ("in 4 min") */
    return g_strdup_printf (_("%s due %s"), subject, countdown);

  /* Translators: what is due, then "due now" or "overdue by 5 min" */
  return g_strdup_printf (_("%s %s"), subject, countdown);
}

/* What the deadline asks of whom, and by when. */
char *
_sitrep_notifier_describe_body (SitrepIncident       *incident,
                                const SitrepDeadline *d,
                                SitrepAlertLevel      level)
{
  SitrepSeverity severity = sitrep_incident_get_severity (incident);
  const SitrepSeverityInfo *info = sitrep_severity_get_info (severity);
  const char *title = sitrep_incident_get_title (incident);
  const char *audience = sitrep_audience_get_label (d->audience);
  g_autofree char *when = format_short_time (d->due);
  g_autofree char *about = NULL;
  gboolean overdue = level == SITREP_ALERT_OVERDUE;

  /* Translators: an incident in a notification,
   * e.g. "“Payment service outage” (P1, Investigating)" */
  about = g_strdup_printf (_("“%s” (%s, %s)"), title, info ? info->id : "?",
                           sitrep_status_get_label (sitrep_incident_get_status (incident)));

  switch (d->kind)
    {
    /* The body names what the summary names: the first statement or brief
     * of the major protocol is not "the update". */
    case SITREP_DEADLINE_PUBLIC_STATEMENT:
      if (overdue)
        /* Translators: %s: the incident, an audience ("Status page"), a time */
        return g_strdup_printf (_("%s: the public statement (%s) was due at %s."), about,
                                audience, when);
      /* Translators: %s: the incident, an audience ("Status page"), a time */
      return g_strdup_printf (_("%s: the public statement (%s) is due at %s."), about,
                              audience, when);

    case SITREP_DEADLINE_EXEC_BRIEF:
      if (overdue)
        /* Translators: %s: the incident, an audience ("Executives"), a time */
        return g_strdup_printf (_("%s: the executive brief (%s) was due at %s."), about,
                                audience, when);
      /* Translators: %s: the incident, an audience ("Executives"), a time */
      return g_strdup_printf (_("%s: the executive brief (%s) is due at %s."), about,
                              audience, when);

    case SITREP_DEADLINE_UPDATE:
      if (overdue)
        /* Translators: %s: the incident, an audience, a time */
        return g_strdup_printf (_("%s: the update to %s was due at %s."), about, audience, when);
      /* Translators: %s: the incident, an audience, a time */
      return g_strdup_printf (_("%s: the next update to %s is due at %s."), about, audience, when);

    case SITREP_DEADLINE_RESPOND:
      if (overdue)
        /* Translators: %s: the incident, a time */
        return g_strdup_printf (_("%s was to be acknowledged by %s."), about, when);
      /* Translators: %s: the incident, a time */
      return g_strdup_printf (_("%s must be acknowledged by %s."), about, when);

    default:
      /* What is owed after the resolution is days away: with its date. */
      if (sitrep_deadline_is_obligation (d->kind))
        {
          g_autoptr(GDateTime) utc = g_date_time_to_utc (d->due);
          /* Translators: a date, "2026-12-03" (g_date_time_format()
           * notation): put the parts in your language’s order */
          g_autofree char *date = g_date_time_format (utc, _("%Y-%m-%d"));

          /* Translators: %s: the incident, a deadline ("Hot wash due"), a
           * date, a time, e.g. "…: Hot wash due on 2026-12-04, 14:30 UTC." */
          return g_strdup_printf (_("%s: %s on %s, %s."), about, d->label, date, when);
        }
      /* Translators: %s: the incident, a deadline ("Postmortem due"), a time */
      return g_strdup_printf (_("%s: %s at %s."), about, d->label, when);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-context-private.h"
#include "sitrep-deadlines.h"
#include "sitrep-enum-strings.h"
#include "sitrep-json.h"
#include "sitrep-severity.h"
#include "sitrep-time.h"

/* The handover briefing: what a new IC needs in the first minute, as plain
 * text that can go into a chat or an email as it is. */

/* A time as the reader's clock shows it and in UTC, for a briefing read by
 * people in other zones: "2026-11-27 15:32 CET (14:32 UTC)"; only the UTC
 * time where the local clock is UTC. */
static void
append_when (GString   *out,
             GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (when);
  g_autofree char *utc_text = NULL;

  if (local != NULL && g_date_time_get_utc_offset (local) != 0)
    {
      /* Translators: a date and a local time, "2026-12-03 15:32 CET" (g_date_time_format()
       * notation): put the parts in your language’s order */
      g_autofree char *local_text = g_date_time_format (local, _("%Y-%m-%d %H:%M %Z"));

      utc_text = g_date_time_format (utc, "%H:%M UTC");
      g_string_append_printf (out, "%s (%s)", local_text, utc_text);
      return;
    }
  /* Translators: a date and a time in UTC, "2026-12-03 14:32 UTC" (g_date_time_format()
   * notation): put the parts in your language’s order */
  utc_text = g_date_time_format (utc, _("%Y-%m-%d %H:%M UTC"));
  g_string_append (out, utc_text);
}

static void
append_time (GString    *out,
             const char *text)
{
  g_autoptr(GDateTime) when = sitrep_time_parse (text);

  if (when != NULL)
    append_when (out, when);
  else
    g_string_append (out, "?");
}

static void
append_roles (SitrepContext *self,
              GString       *out,
              const char    *incident_id)
{
  g_string_append_printf (out, "\n%s\n", _("Roles"));

  for (SitrepRole role = SITREP_ROLE_COMMANDER; role <= SITREP_ROLE_CUSTOMER_LIAISON; role++)
    {
      g_autofree char *person = NULL;

      if (!sitrep_context_role_is_shown (self, incident_id, role))
        continue;
      person = sitrep_context_dup_role_person (self, incident_id, role);
      g_string_append_printf (out, "  %s: %s\n", sitrep_role_get_label (role),
                              person ? person : _("— nobody —"));
    }
}

static void
append_open_items (SitrepContext *self,
                   GString       *out,
                   const char    *incident_id)
{
  g_autoptr(GPtrArray) items = sitrep_context_list_checklist (self, incident_id);
  const char *phase_shown = NULL;
  guint open = 0;

  g_string_append_printf (out, "\n%s\n", _("Open checklist items"));

  for (guint i = 0; i < items->len; i++)
    {
      SitrepRecord *item = items->pdata[i];
      const char *phase = sitrep_json_get_string (item->body, "phase");
      SitrepPhase value = SITREP_PHASE_INITIAL;

      if (sitrep_json_get_bool (item->body, "done"))
        continue;

      if (g_strcmp0 (phase, phase_shown) != 0)
        {
          sitrep_phase_from_string (phase, &value);
          g_string_append_printf (out, "  %s\n", sitrep_phase_get_label (value));
          phase_shown = phase;
        }
      g_string_append_printf (out, "    - %s\n", sitrep_json_get_string (item->body, "text"));
      open++;
    }

  if (open == 0)
    g_string_append_printf (out, "  %s\n", _("None: every item is done"));
}

static void
append_pinned (SitrepContext *self,
               GString       *out,
               const char    *incident_id)
{
  g_autoptr(GPtrArray) entries = sitrep_context_list_timeline (self, incident_id);
  guint pinned = 0;

  g_string_append_printf (out, "\n%s\n", _("Key events (pinned)"));

  for (guint i = 0; i < entries->len; i++)
    {
      SitrepRecord *entry = entries->pdata[i];

      if (!sitrep_json_get_bool (entry->body, "pinned"))
        continue;
      g_string_append (out, "  ");
      append_time (out, sitrep_json_get_string (entry->body, "occurred_at"));
      g_string_append_printf (out, "  %s\n", sitrep_json_get_string (entry->body, "text"));
      pinned++;
    }

  if (pinned == 0)
    g_string_append_printf (out, "  %s\n", _("None pinned yet"));
}

/* The deadlines that a communication meets: an audience's update clock or
 * the major incident protocol's first briefing, statement or summary. */
static gboolean
is_update (const SitrepDeadline *deadline)
{
  switch (deadline->kind)
    {
    case SITREP_DEADLINE_UPDATE:
    case SITREP_DEADLINE_EXEC_BRIEF:
    case SITREP_DEADLINE_PUBLIC_STATEMENT:
    case SITREP_DEADLINE_EXEC_SUMMARY:
      return TRUE;
    case SITREP_DEADLINE_RESPOND:
    case SITREP_DEADLINE_HOT_WASH:
    case SITREP_DEADLINE_POSTMORTEM:
    case SITREP_DEADLINE_EXEC_REVIEW:
    case SITREP_DEADLINE_ACTION_FOLLOWUP:
    default:
      return FALSE;
    }
}

static void
append_due (GString   *out,
            GDateTime *due)
{
  append_when (out, due);
}

/* The last status sent, then the same deadlines the Overview shows (per
 * audience, the major incident timers, snoozes and the cadences set in
 * Preferences), the next update first. */
static void
append_communications (SitrepContext  *self,
                       GString        *out,
                       SitrepIncident *incident)
{
  const char *incident_id = sitrep_incident_get_id (incident);
  g_autoptr(GPtrArray) sent = sitrep_context_list_communications (self, incident_id);
  g_autoptr(GPtrArray) deadlines = sitrep_context_compute_deadlines (self, incident_id);
  SitrepDeadline *next = NULL;

  g_string_append_printf (out, "\n%s\n", _("Communications"));
  if (sent->len > 0)
    {
      SitrepRecord *last = sent->pdata[0];

      g_string_append_printf (out, "  %s ", _("Last status sent:"));
      append_time (out, sitrep_json_get_string (last->body, "sent_at"));
      g_string_append_printf (out, " — %s\n", sitrep_json_get_string (last->body, "title") ?: "");
    }
  else
    g_string_append_printf (out, "  %s\n", _("Last status sent: none yet"));

  for (guint i = 0; i < deadlines->len && next == NULL; i++)
    if (is_update (deadlines->pdata[i]))
      next = deadlines->pdata[i];

  if (next != NULL)
    {
      g_string_append_printf (out, "  %s ", _("Next update due:"));
      append_due (out, next->due);
      g_string_append_printf (out, " (%s)\n", next->label);
    }

  if (deadlines->len == 0)
    return;

  g_string_append_printf (out, "\n%s\n", _("Deadlines"));
  for (guint i = 0; i < deadlines->len; i++)
    {
      SitrepDeadline *deadline = deadlines->pdata[i];

      g_string_append_printf (out, "  %s: ", deadline->label);
      append_due (out, deadline->due);
      g_string_append_c (out, '\n');
    }
}

/**
 * sitrep_context_handover_briefing:
 *
 * Returns: (transfer full): the briefing for a new incident commander:
 *   who holds each role, open checklist items by phase, pinned events, the
 *   last status sent and the next update due, time since declared
 */
char *
sitrep_context_handover_briefing (SitrepContext *self,
                                  const char    *incident_id)
{
  SitrepIncident *incident = sitrep_context_lookup_incident (self, incident_id);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const SitrepSeverityInfo *info;
  GDateTime *declared;
  GString *out;
  const char *ref;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  if (incident == NULL)
    return g_strdup ("");

  out = g_string_new (NULL);
  info = sitrep_severity_get_info (sitrep_incident_get_severity (incident));
  ref = sitrep_incident_get_ref (incident);
  declared = sitrep_incident_get_milestone (incident, SITREP_MILESTONE_DECLARED);

  if (ref != NULL && ref[0] != '\0')
    /* Translators: heading of the handover briefing, e.g. "Handover briefing: INC-2026-042 Payment service outage" */
    g_string_append_printf (out, _("Handover briefing: %s %s\n"), ref,
                            sitrep_incident_get_title (incident));
  else
    /* Translators: heading of the handover briefing, e.g. "Handover briefing: Payment service outage" */
    g_string_append_printf (out, _("Handover briefing: %s\n"), sitrep_incident_get_title (incident));
  g_string_append_printf (out, "%s %s · %s", info ? info->id : "?", info ? info->name : "",
                          sitrep_status_get_label (sitrep_incident_get_status (incident)));
  if (declared != NULL)
    {
      g_autofree char *age = sitrep_time_format_duration (g_date_time_difference (now, declared));

      /* Translators: %s is a duration such as "2 h 5 min" */
      g_string_append_printf (out, _(" · declared %s ago"), age);
    }
  g_string_append_c (out, '\n');

  append_roles (self, out, incident_id);
  append_open_items (self, out, incident_id);
  append_pinned (self, out, incident_id);
  append_communications (self, out, incident);

  return g_string_free (out, FALSE);
}

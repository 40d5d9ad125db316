/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-context-private.h"
#include "sitrep-enum-strings.h"
#include "sitrep-json.h"
#include "sitrep-severity.h"
#include "sitrep-time.h"

/* The handover briefing: what a new IC needs in the first minute, as plain
 * text that can go into a chat or an email as it is. */

static void
append_time (GString    *out,
             const char *text)
{
  g_autoptr(GDateTime) when = sitrep_time_parse (text);
  g_autofree char *formatted = when ? g_date_time_format (when, "%Y-%m-%d %H:%M UTC") : NULL;

  g_string_append (out, formatted ? formatted : "?");
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

static void
append_communications (SitrepContext  *self,
                       GString        *out,
                       SitrepIncident *incident)
{
  g_autoptr(GPtrArray) sent = sitrep_store_list (sitrep_context_get_store (self),
                                                 "communications",
                                                 sitrep_incident_get_id (incident), NULL);
  const SitrepSeverityInfo *info = sitrep_severity_get_info (sitrep_incident_get_severity (incident));
  SitrepRecord *last = NULL;
  const char *last_at = NULL;
  g_autoptr(GDateTime) base = NULL;

  for (guint i = 0; sent != NULL && i < sent->len; i++)
    {
      SitrepRecord *record = sent->pdata[i];
      const char *at = sitrep_json_get_string (record->body, "sent_at");

      if (at != NULL && g_strcmp0 (at, last_at) > 0)
        last = record, last_at = at;
    }

  g_string_append_printf (out, "\n%s\n", _("Communications"));
  if (last != NULL)
    {
      g_string_append_printf (out, "  %s ", _("Last status sent:"));
      append_time (out, last_at);
      g_string_append_printf (out, " — %s\n", sitrep_json_get_string (last->body, "title") ?: "");
      base = sitrep_time_parse (last_at);
    }
  else
    {
      g_string_append_printf (out, "  %s\n", _("Last status sent: none yet"));
      base = g_date_time_ref (sitrep_incident_get_milestone (incident, SITREP_MILESTONE_DECLARED));
    }

  if (info != NULL && base != NULL)
    {
      g_autoptr(GDateTime) due = g_date_time_add_seconds (base, info->update_cadence_s);
      g_autofree char *due_text = sitrep_time_format (due);

      g_string_append_printf (out, "  %s ", _("Next update due:"));
      append_time (out, due_text);
      g_string_append_printf (out, " (%s)\n", info->cadence_label);
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

  if (ref != NULL)
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-context-private.h"
#include "sitrep-incident-rules.h"
#include "sitrep-json.h"
#include "sitrep-triage.h"

/* What the Major Incident Protocol's activation criteria are checked
 * against: the critical services (the service catalogue, or the
 * critical-services setting while the catalogue is empty)
 * and the teams an incident involves (the owners of its services and the
 * teams paged for it). The rule itself is in core. */

/**
 * sitrep_context_dup_critical_services:
 * @self: (nullable): the context
 *
 * The service catalogue is the source: once it lists any service, the
 * critical services are the ones it marks critical. While it is empty,
 * the critical-services setting stands in (or the guide's defaults
 * without the schema), so a team without a catalogue still triages.
 *
 * Returns: (transfer full): the services whose failure is critical
 */
GStrv
sitrep_context_dup_critical_services (SitrepContext *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *catalogue = self != NULL ? sitrep_context_get_services (self) : NULL;
  GSettingsSchema *schema;

  if (catalogue != NULL && g_list_model_get_n_items (catalogue) > 0)
    {
      for (guint i = 0; i < g_list_model_get_n_items (catalogue); i++)
        {
          g_autoptr(SitrepService) service = g_list_model_get_item (catalogue, i);

          if (sitrep_service_get_critical (service))
            g_strv_builder_add (builder, sitrep_service_get_name (service));
        }
      return g_strv_builder_end (builder);
    }

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                            APPLICATION_ID, TRUE);
  if (schema != NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
      g_auto(GStrv) named = g_settings_get_strv (settings, "critical-services");

      g_strv_builder_addv (builder, (const char **) named);
      g_settings_schema_unref (schema);
    }
  else
    g_strv_builder_addv (builder, (const char **) sitrep_triage_default_critical_services ());

  return g_strv_builder_end (builder);
}

static gboolean
is_critical (const char         *service,
             const char * const *critical)
{
  for (guint i = 0; critical != NULL && critical[i] != NULL; i++)
    if (g_ascii_strcasecmp (service, critical[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
add_team (GHashTable *teams,
          const char *team)
{
  if (team != NULL && *team != '\0')
    g_hash_table_add (teams, g_utf8_casefold (team, -1));
}

/**
 * sitrep_context_count_teams:
 *
 * Returns: how many teams @incident involves: the catalogue's owners of its
 *   services and the teams paged for it
 */
guint
sitrep_context_count_teams (SitrepContext  *self,
                            SitrepIncident *incident)
{
  g_autoptr(GHashTable) teams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *joined = NULL;
  g_auto(GStrv) services = NULL;
  g_autoptr(GPtrArray) pages = NULL;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), 0);
  g_return_val_if_fail (incident != NULL, 0);

  joined = sitrep_incident_dup_services (incident);
  services = sitrep_incident_rules_split_services (joined);
  for (guint i = 0; services != NULL && services[i] != NULL; i++)
    {
      g_autoptr(SitrepRecord) service = sitrep_store_get (sitrep_context_get_store (self),
                                                          "services", services[i]);

      if (service != NULL && !service->deleted)
        add_team (teams, sitrep_json_get_string (service->body, "owner_team"));
    }

  pages = sitrep_store_list (sitrep_context_get_store (self), "pages",
                             sitrep_incident_get_id (incident), NULL);
  for (guint i = 0; pages != NULL && i < pages->len; i++)
    add_team (teams, sitrep_json_get_string (((SitrepRecord *) pages->pdata[i])->body, "team"));

  return g_hash_table_size (teams);
}

/**
 * sitrep_context_major_criteria:
 * @self: (nullable): the context; without one, the guide's critical
 *   services and no teams
 * @critical_named: (out) (optional) (transfer full): the incident's
 *   critical services, e.g. "payments, checkout"
 *
 * Returns: which of the guide's activation criteria @incident meets at @now
 */
SitrepMajorCriteria
sitrep_context_major_criteria (SitrepContext  *self,
                               SitrepIncident *incident,
                               GDateTime      *now,
                               char          **critical_named)
{
  g_auto(GStrv) critical = sitrep_context_dup_critical_services (self);
  g_autofree char *joined = sitrep_incident_dup_services (incident);
  g_auto(GStrv) services = sitrep_incident_rules_split_services (joined);

  if (critical_named != NULL)
    {
      GString *names = g_string_new (NULL);

      for (guint i = 0; services != NULL && services[i] != NULL; i++)
        if (is_critical (services[i], (const char * const *) critical))
          /* Translators: the separator of a list of services */
          g_string_append_printf (names, "%s%s", names->len ? _(", ") : "", services[i]);
      *critical_named = g_string_free (names, FALSE);
    }

  return sitrep_incident_rules_major_criteria (sitrep_incident_get_severity (incident),
                                               sitrep_incident_get_status (incident),
                                               sitrep_incident_get_milestone (incident,
                                                                              SITREP_MILESTONE_DECLARED),
                                               now, (const char * const *) services,
                                               (const char * const *) critical,
                                               self != NULL ? sitrep_context_count_teams (self, incident)
                                                            : 0);
}

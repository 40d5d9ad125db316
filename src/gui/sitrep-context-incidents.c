/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-context-private.h"
#include "sitrep-enum-strings.h"
#include "sitrep-incident-rules.h"
#include "sitrep-milestones.h"
#include "sitrep-time.h"
#include "sitrep-workspace-private.h"

/* The incidents: the list the sidebar shows, and what the user does to an
 * incident as a whole (declare, update, status, severity, milestones, the
 * demo), each turned into the incident rules' mutations and applied in one
 * transaction. */

/**
 * sitrep_context_get_incidents:
 *
 * Returns: (transfer none): a #GListModel of #SitrepIncident in sidebar order
 */
GListModel *
sitrep_context_get_incidents (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  return G_LIST_MODEL (self->incidents);
}

/**
 * sitrep_context_lookup_incident:
 *
 * Returns: (transfer none) (nullable): the incident with @id
 */
SitrepIncident *
sitrep_context_lookup_incident (SitrepContext *self,
                                const char    *id)
{
  SitrepRecordObject *incident;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  incident = sitrep_record_list_lookup (self->incidents, id);
  if (incident == NULL && self->incidents_partial)
    {
      /* Not among the first screen: the rest is read now. */
      sitrep_context_load_all_incidents (self);
      incident = sitrep_record_list_lookup (self->incidents, id);
    }

  return SITREP_INCIDENT (incident);
}

/**
 * sitrep_context_search:
 *
 * Returns: (transfer full): the ids of incidents matching @query
 */
GHashTable *
sitrep_context_search (SitrepContext  *self,
                       const char     *query,
                       GError        **error)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  return sitrep_store_search_incidents (self->store, query, error);
}

SitrepMutation *
_sitrep_context_timeline_put (const char         *incident_id,
                              const char         *occurred_at,
                              SitrepTimelineKind  kind,
                              const char         *text,
                              const char         *author)
{
  SitrepRuleEnv env = { NULL, author, NULL, NULL };

  return sitrep_incident_rules_new_entry (&env, incident_id, occurred_at, kind, text, author);
}

/* What the incident rules need from the context: now, and who. */
void
_sitrep_context_rule_env (SitrepContext *self,
                          SitrepRuleEnv *env)
{
  env->now = NULL;
  env->actor = self->user;
  env->new_id = NULL;
  env->new_id_data = NULL;
}

/**
 * _sitrep_context_apply_rule:
 * @mutations: (nullable): what a rule of sitrep-incident-rules.h returned
 * @rule_error: (nullable): why the rule refused, when @mutations is %NULL
 *
 * Applies the mutations in one transaction; a rule's refusal becomes the
 * store's "invalid" error, as the store would have answered.
 */
gboolean
_sitrep_context_apply_rule (SitrepContext  *self,
                            GPtrArray      *mutations,
                            const GError   *rule_error,
                            GError        **error)
{
  if (mutations == NULL)
    {
      g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                           rule_error != NULL ? rule_error->message : "");
      return FALSE;
    }
  if (mutations->len == 0)
    return TRUE;

  return sitrep_store_apply (self->store, (SitrepMutation **) mutations->pdata, mutations->len,
                             error);
}

/**
 * sitrep_context_declare_incident:
 * @services: service names separated by commas
 *
 * Declares an incident now, with the IC checklist and a first timeline
 * entry, in one transaction, so a declared incident is never found
 * half-made.
 *
 * Returns: (transfer full): the new incident's id, or %NULL with @error set
 */
char *
sitrep_context_declare_incident (SitrepContext   *self,
                                 const char      *title,
                                 const char      *services,
                                 const char      *customer_impact,
                                 SitrepSeverity   severity,
                                 GError         **error)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) mutations = NULL;
  g_autoptr(GError) local_error = NULL;
  SitrepRuleEnv env;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  _sitrep_context_rule_env (self, &env);
  names = sitrep_incident_rules_split_services (services);
  body = sitrep_incident_rules_new_body (title, (const char * const *) names, customer_impact,
                                         severity, SITREP_STATUS_INVESTIGATING);
  mutations = sitrep_incident_rules_declare (&env, NULL, body, &local_error);
  if (!_sitrep_context_apply_rule (self, mutations, local_error, error))
    return NULL;

  return g_strdup (((SitrepMutation *) mutations->pdata[0])->id);
}

gboolean
_sitrep_context_patch_with_entry (SitrepContext      *self,
                  const char         *id,
                  JsonObject         *fields,
                  SitrepTimelineKind  kind,
                  const char         *text,
                  GError            **error)
{
  g_autoptr(SitrepMutation) patch = sitrep_mutation_new_patch ("incidents", id, fields);
  g_autoptr(SitrepMutation) entry = NULL;
  g_autofree char *now = sitrep_time_now ();
  SitrepMutation *mutations[2] = { patch, NULL };

  if (text != NULL)
    mutations[1] = entry = _sitrep_context_timeline_put (id, now, kind, text, self->user);

  return sitrep_store_apply (self->store, mutations, entry ? 2 : 1, error);
}

/**
 * sitrep_context_update_incident:
 * @fields: the incident fields to set
 *
 * Changes an incident's fields as they are, with no timeline entry.
 */
gboolean
sitrep_context_update_incident (SitrepContext  *self,
                                const char     *id,
                                JsonObject     *fields,
                                GError        **error)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  return _sitrep_context_patch_with_entry (self, id, fields, SITREP_KIND_NOTE, NULL, error);
}

SitrepIncident *
_sitrep_context_require_incident (SitrepContext  *self,
                  const char     *id,
                  GError        **error)
{
  SitrepIncident *incident = sitrep_context_lookup_incident (self, id);

  if (incident == NULL)
    g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                 _("The incident no longer exists"));

  return incident;
}

/* The timeline entry of a milestone filled in by resolving. */
static SitrepMutation *
mitigated_entry (SitrepContext *self,
                 const char    *incident_id,
                 const char    *occurred_at)
{
  /* Translators: a timeline entry; the milestone took the time the
   * incident was resolved */
  return _sitrep_context_timeline_put (incident_id, occurred_at, SITREP_KIND_STATUS,
                                       _("Milestone: Mitigated, at the resolution time"),
                                       self->user);
}

/* Resolving means the impact is over: with no mitigation recorded, the
 * mitigated milestone takes the resolution time (so time to mitigate can
 * be measured), in the same transaction, with its own timeline entry. */
static void
fill_mitigated_on_resolve (SitrepContext  *self,
                           SitrepIncident *incident,
                           GPtrArray      *mutations)
{
  SitrepMutation *patch = mutations->pdata[0];
  GDateTime *times[SITREP_N_ORDERED_MILESTONES];
  g_autoptr(GDateTime) resolved_at = NULL;
  const char *text;

  if (patch->op != SITREP_MUTATION_PATCH || patch->data == NULL ||
      !json_object_has_member (patch->data, "resolved_at") ||
      json_object_get_null_member (patch->data, "resolved_at"))
    return;

  text = json_object_get_string_member (patch->data, "resolved_at");
  resolved_at = sitrep_time_parse (text);
  for (guint i = 0; i < SITREP_N_ORDERED_MILESTONES; i++)
    times[i] = sitrep_incident_get_milestone (incident, i);
  if (resolved_at == NULL ||
      !sitrep_milestones_fills_mitigated (times, SITREP_MILESTONE_RESOLVED, resolved_at))
    return;

  json_object_set_string_member (patch->data, "mitigated_at", text);
  g_ptr_array_add (mutations, mitigated_entry (self, sitrep_incident_get_id (incident), text));
}

/**
 * sitrep_context_set_status:
 *
 * Moves the incident along its lifecycle, if the move is allowed, stamping
 * the resolved or closed milestone and writing a status timeline entry.
 */
gboolean
sitrep_context_set_status (SitrepContext  *self,
                           const char     *id,
                           SitrepStatus    status,
                           GError        **error)
{
  g_autoptr(GPtrArray) mutations = NULL;
  g_autoptr(GError) local_error = NULL;
  SitrepIncident *incident;
  SitrepRuleEnv env;
  gboolean resolved;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  if ((incident = _sitrep_context_require_incident (self, id, error)) == NULL)
    return FALSE;

  _sitrep_context_rule_env (self, &env);
  resolved = sitrep_incident_get_milestone (incident, SITREP_MILESTONE_RESOLVED) != NULL;
  mutations = sitrep_incident_rules_set_status (&env, id, sitrep_incident_get_status (incident),
                                                resolved, status, &local_error);
  if (mutations != NULL && mutations->len > 0)
    fill_mitigated_on_resolve (self, incident, mutations);

  return _sitrep_context_apply_rule (self, mutations, local_error, error);
}

/**
 * sitrep_context_set_severity:
 *
 * Reclassifies the incident and writes a status timeline entry.
 */
gboolean
sitrep_context_set_severity (SitrepContext   *self,
                             const char      *id,
                             SitrepSeverity   severity,
                             GError         **error)
{
  g_autoptr(GPtrArray) mutations = NULL;
  g_autoptr(GError) local_error = NULL;
  SitrepIncident *incident;
  SitrepRuleEnv env;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  if ((incident = _sitrep_context_require_incident (self, id, error)) == NULL)
    return FALSE;

  _sitrep_context_rule_env (self, &env);
  mutations = sitrep_incident_rules_set_severity (&env, id, sitrep_incident_get_severity (incident),
                                                  severity, &local_error);

  return _sitrep_context_apply_rule (self, mutations, local_error, error);
}

/* Why setting @milestone to @when is refused: the neighbour it would
 * cross, by name and time. */
static void
set_order_error (GError                      **error,
                 SitrepMilestone               milestone,
                 const SitrepMilestoneProblem *problem,
                 GDateTime *const              times[SITREP_N_ORDERED_MILESTONES])
{
  SitrepMilestone other;
  g_autofree char *other_time = NULL;

  if (problem->milestone == milestone)
    {
      /* An earlier milestone is after the new time. */
      other = problem->must_follow;
      other_time = g_date_time_format (times[other], "%H:%M:%S UTC");
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   /* Translators: e.g. "Acknowledged can’t be before Declared (14:40:00 UTC)" */
                   _("%s can’t be before %s (%s)"), sitrep_milestone_get_label (milestone),
                   sitrep_milestone_get_label (other), other_time);
    }
  else
    {
      /* A later milestone is before the new time. */
      other = problem->milestone;
      other_time = g_date_time_format (times[other], "%H:%M:%S UTC");
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   /* Translators: e.g. "Detected can’t be after Declared (14:40:00 UTC)" */
                   _("%s can’t be after %s (%s)"), sitrep_milestone_get_label (milestone),
                   sitrep_milestone_get_label (other), other_time);
    }
}

/**
 * sitrep_context_set_milestone:
 * @when: (nullable): the time, %NULL to clear it
 *
 * Sets, moves or clears a milestone; one reached writes a timeline entry. A
 * time that would put the milestone before one that precedes it, or after
 * one that follows it, is refused with an error naming that milestone.
 * Resolving with no mitigation recorded sets Mitigated to the same time.
 */
gboolean
sitrep_context_set_milestone (SitrepContext    *self,
                              const char       *id,
                              SitrepMilestone   milestone,
                              GDateTime        *when,
                              GError          **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GPtrArray) mutations = NULL;
  const char *field = sitrep_milestone_to_field (milestone);
  GDateTime *times[SITREP_N_ORDERED_MILESTONES];
  SitrepMilestoneProblem problem;
  SitrepIncident *incident;
  g_autofree char *text = NULL;
  GDateTime *was;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  if ((incident = _sitrep_context_require_incident (self, id, error)) == NULL)
    return FALSE;

  mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);
  for (guint i = 0; i < SITREP_N_ORDERED_MILESTONES; i++)
    times[i] = sitrep_incident_get_milestone (incident, i);
  if (!sitrep_milestones_check_set (times, milestone, when, &problem))
    {
      set_order_error (error, milestone, &problem, times);
      return FALSE;
    }

  was = sitrep_incident_get_milestone (incident, milestone);
  if (when != NULL)
    {
      text = sitrep_time_format (when);
      json_object_set_string_member (fields, field, text);
    }
  else
    json_object_set_null_member (fields, field);

  if (sitrep_milestones_fills_mitigated (times, milestone, when))
    json_object_set_string_member (fields, sitrep_milestone_to_field (SITREP_MILESTONE_MITIGATED),
                                   text);

  g_ptr_array_add (mutations, sitrep_mutation_new_patch ("incidents", id, fields));
  /* A milestone reached is on the timeline, at its time, in the form of
   * the status entries ("Status: Investigating → Identified"); corrections
   * and clearing are in the incident's edit history. */
  if (was == NULL && when != NULL)
    {
      /* Translators: a timeline entry, e.g. "Milestone: Acknowledged" */
      g_autofree char *entry = g_strdup_printf (_("Milestone: %s"),
                                                sitrep_milestone_get_label (milestone));

      g_ptr_array_add (mutations, _sitrep_context_timeline_put (id, text, SITREP_KIND_STATUS,
                                                                entry, self->user));
    }
  if (sitrep_milestones_fills_mitigated (times, milestone, when))
    g_ptr_array_add (mutations, mitigated_entry (self, id, text));

  /* Acknowledging ticks the checklist's "Acknowledge" with it. */
  if (milestone == SITREP_MILESTONE_ACKNOWLEDGED && text != NULL)
    {
      g_autoptr(SitrepWorkspace) workspace = sitrep_context_open_workspace (self, id);
      g_autoptr(GPtrArray) ticks = NULL;
      SitrepRuleEnv env;

      _sitrep_context_rule_env (self, &env);
      ticks = sitrep_workspace_checklist_ticks (workspace, &env, -1, text);
      while (ticks != NULL && ticks->len > 0)
        g_ptr_array_add (mutations, g_ptr_array_steal_index (ticks, 0));
    }

  return sitrep_store_apply (self->store, (SitrepMutation **) mutations->pdata, mutations->len,
                             error);
}

/**
 * sitrep_context_list_timeline:
 *
 * Returns: (transfer full) (element-type SitrepRecord): the incident's
 *   timeline entries, oldest first (the timeline model's order)
 */
GPtrArray *
sitrep_context_list_timeline (SitrepContext *self,
                              const char    *incident_id)
{
  g_autoptr(SitrepWorkspace) workspace = NULL;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  workspace = sitrep_context_open_workspace (self, incident_id);
  return _sitrep_context_records_of (sitrep_workspace_get_timeline (workspace));
}

/**
 * sitrep_context_add_demo:
 *
 * Adds the guide's example incident (a P1 payment service outage, forty
 * minutes old) when the store has no incident yet.
 *
 * Returns: (transfer full) (nullable): the demo incident's id; %NULL with
 *   no error when the store already had incidents
 */
char *
sitrep_context_add_demo (SitrepContext  *self,
                         GError        **error)
{
  g_autoptr(GPtrArray) mutations = NULL;
  g_autoptr(GError) local_error = NULL;
  SitrepRuleEnv env;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->incidents)) > 0)
    return NULL;

  _sitrep_context_rule_env (self, &env);
  mutations = sitrep_incident_rules_demo (&env, &local_error);
  if (!_sitrep_context_apply_rule (self, mutations, local_error, error))
    return NULL;

  return g_strdup (((SitrepMutation *) mutations->pdata[0])->id);
}

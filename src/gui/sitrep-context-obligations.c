/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-context-private.h"
#include "sitrep-json.h"
#include "sitrep-obligations.h"
#include "sitrep-status.h"
#include "sitrep-time.h"

/* What is owed after an incident's resolution (sitrep-obligations.h): the
 * postmortem's due time from the settings, which incidents that are no
 * longer active still owe something, and marking an obligation done.
 *
 * The incidents that owe something are found by one store query the first
 * time someone asks (the notifier's first pass, after the first frame), so
 * a start-up with thousands of closed incidents parses none of them; from
 * then on each committed incident change keeps the set up to date. */

/**
 * sitrep_context_set_postmortem_due:
 * @seconds: how long after the resolution the postmortem is due; 0 for the
 *   default (5 days)
 */
void
sitrep_context_set_postmortem_due (SitrepContext *self,
                                   gint64         seconds)
{
  g_return_if_fail (SITREP_IS_CONTEXT (self));

  self->postmortem_s = MAX (seconds, 0);
}

gint64
_sitrep_context_get_postmortem_s (SitrepContext *self)
{
  return self->postmortem_s;
}

/* What the deadline engine needs of the obligations: the marks on the
 * incident and the postmortem's setting. */
void
_sitrep_context_fill_obligations (SitrepContext       *self,
                                  SitrepIncident      *incident,
                                  SitrepDeadlineInput *in)
{
  in->postmortem_s = self->postmortem_s;
  if (incident != NULL && !sitrep_status_is_active (sitrep_incident_get_status (incident)))
    sitrep_obligations_read_done (sitrep_incident_get_body (incident), in->done);
}

static gboolean
ensure_owing (SitrepContext *self)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) since_time = NULL;
  g_autofree char *since = NULL;

  if (self->owing != NULL)
    return TRUE;

  /* Only incidents recent enough to be reminded of (see
   * sitrep_obligations_remind_since()). */
  now = sitrep_clock_dup_now (self->clock);
  since_time = sitrep_obligations_remind_since (now);
  since = sitrep_time_format (since_time);
  ids = sitrep_store_list_unfinished (self->store, "incidents", "resolved_at", since,
                                      sitrep_obligations_done_fields (FALSE), "major",
                                      sitrep_obligations_done_fields (TRUE), &error);
  if (ids == NULL)
    {
      g_warning ("Could not list the incidents still owing work: %s", error->message);
      return FALSE;
    }

  self->owing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (self->owing, g_steal_pointer (&ids->pdata[i]));
  return TRUE;
}

/**
 * sitrep_context_incident_owes:
 *
 * Whether @incident, resolved or closed, still owes an obligation not
 * marked done (its deadlines then say which, and when). A major incident
 * whose executive summary went out as an executive communication may
 * still count here, with nothing left in its deadlines.
 *
 * Returns: %FALSE for an active incident
 */
gboolean
sitrep_context_incident_owes (SitrepContext  *self,
                              SitrepIncident *incident)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (SITREP_IS_INCIDENT (incident), FALSE);

  if (sitrep_incident_is_active (incident) || !ensure_owing (self))
    return FALSE;

  return g_hash_table_contains (self->owing, sitrep_incident_get_id (incident));
}

/* A committed change of an incident (@body %NULL when deleted). */
void
_sitrep_context_follow_obligations (SitrepContext *self,
                                    const char    *id,
                                    JsonObject    *body)
{
  g_autoptr(GDateTime) now = NULL;

  if (self->owing == NULL)
    return;

  now = sitrep_clock_dup_now (self->clock);
  if (body != NULL && sitrep_obligations_reminded (body, now) &&
      sitrep_obligations_any_open (body, self->postmortem_s))
    g_hash_table_add (self->owing, g_strdup (id));
  else
    g_hash_table_remove (self->owing, id);
}

/**
 * sitrep_context_mark_obligation_done:
 * @kind: the obligation (sitrep_deadline_is_obligation())
 *
 * Records the obligation as done now by the user, on the incident, with a
 * note on the timeline ("Hot wash done"), in one transaction.
 */
gboolean
sitrep_context_mark_obligation_done (SitrepContext       *self,
                                     const char          *incident_id,
                                     SitrepDeadlineKind   kind,
                                     GError             **error)
{
  g_autoptr(GPtrArray) mutations = NULL;
  g_autoptr(GError) local_error = NULL;
  SitrepIncident *incident;
  SitrepRuleEnv env;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  if ((incident = _sitrep_context_require_incident (self, incident_id, error)) == NULL)
    return FALSE;

  _sitrep_context_rule_env (self, &env);
  mutations = sitrep_obligations_mark_done (&env, incident_id, sitrep_incident_get_body (incident),
                                            kind, &local_error);

  return _sitrep_context_apply_rule (self, mutations, local_error, error);
}

/**
 * sitrep_context_unmark_obligation_done:
 *
 * Takes back a "Mark Done": the obligation is owed again, with a note on
 * the timeline ("Hot wash marked not done").
 */
gboolean
sitrep_context_unmark_obligation_done (SitrepContext       *self,
                                       const char          *incident_id,
                                       SitrepDeadlineKind   kind,
                                       GError             **error)
{
  g_autoptr(GPtrArray) mutations = NULL;
  g_autoptr(GError) local_error = NULL;
  SitrepIncident *incident;
  SitrepRuleEnv env;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  if ((incident = _sitrep_context_require_incident (self, incident_id, error)) == NULL)
    return FALSE;

  _sitrep_context_rule_env (self, &env);
  mutations = sitrep_obligations_unmark_done (&env, incident_id,
                                              sitrep_incident_get_body (incident), kind,
                                              &local_error);

  return _sitrep_context_apply_rule (self, mutations, local_error, error);
}

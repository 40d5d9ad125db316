/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-obligations.c: what is owed after an incident's resolution, and
 * marking it done
 *
 * The guide's "Post-Incident Process" and "Executive Communication": after
 * a major incident's resolution an executive summary (1 hour), the hot
 * wash (24 hours), the formal postmortem (72 hours), the executive review
 * (1 week) and the 30-day follow-up on action items; after any incident
 * its postmortem. sitrep-deadlines.c computes when each is due from
 * `resolved_at`; this file says which are done.
 *
 * Each obligation marked done is two flat fields of the incident,
 * `<name>_done_at` and `<name>_done_by` (e.g. `hot_wash_done_at`), so two
 * people marking different obligations at once patch different fields and
 * neither overwrites the other. */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-json.h"
#include "sitrep-obligations.h"
#include "sitrep-status.h"
#include "sitrep-time.h"

typedef struct {
  SitrepDeadlineKind  kind;
  const char         *name;
  gboolean            major_only;
} Obligation;

static const Obligation obligations[] = {
  { SITREP_DEADLINE_EXEC_SUMMARY, "exec_summary", TRUE },
  { SITREP_DEADLINE_HOT_WASH, "hot_wash", TRUE },
  { SITREP_DEADLINE_POSTMORTEM, "postmortem", FALSE },
  { SITREP_DEADLINE_EXEC_REVIEW, "exec_review", TRUE },
  { SITREP_DEADLINE_ACTION_FOLLOWUP, "action_followup", TRUE },
};

static const Obligation *
find (SitrepDeadlineKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (obligations); i++)
    if (obligations[i].kind == kind)
      return &obligations[i];
  return NULL;
}

/**
 * sitrep_obligation_to_string:
 *
 * Returns: (nullable): the obligation's name in the incident's fields
 *   ("hot_wash"), %NULL when @kind is not an obligation
 */
const char *
sitrep_obligation_to_string (SitrepDeadlineKind kind)
{
  const Obligation *o = find (kind);

  return o != NULL ? o->name : NULL;
}

/**
 * sitrep_obligation_from_string:
 *
 * Returns: whether @text names an obligation ("hot_wash"), then set in @kind
 */
gboolean
sitrep_obligation_from_string (const char         *text,
                               SitrepDeadlineKind *kind)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (obligations); i++)
    if (g_str_equal (obligations[i].name, text))
      {
        *kind = obligations[i].kind;
        return TRUE;
      }
  return FALSE;
}

/**
 * sitrep_obligation_done_at_field:
 *
 * Returns: (transfer full) (nullable): "hot_wash_done_at", for instance
 */
char *
sitrep_obligation_done_at_field (SitrepDeadlineKind kind)
{
  const Obligation *o = find (kind);

  return o != NULL ? g_strconcat (o->name, "_done_at", NULL) : NULL;
}

/**
 * sitrep_obligation_done_by_field:
 *
 * Returns: (transfer full) (nullable): "hot_wash_done_by", for instance
 */
char *
sitrep_obligation_done_by_field (SitrepDeadlineKind kind)
{
  const Obligation *o = find (kind);

  return o != NULL ? g_strconcat (o->name, "_done_by", NULL) : NULL;
}

/**
 * sitrep_obligation_get_label:
 *
 * Returns: the obligation's name, translated ("Hot wash"); %NULL when
 *   @kind is not an obligation
 */
const char *
sitrep_obligation_get_label (SitrepDeadlineKind kind)
{
  switch (kind)
    {
    case SITREP_DEADLINE_EXEC_SUMMARY:
      return _("Executive summary");
    case SITREP_DEADLINE_HOT_WASH:
      return _("Hot wash");
    case SITREP_DEADLINE_POSTMORTEM:
      return _("Postmortem");
    case SITREP_DEADLINE_EXEC_REVIEW:
      return _("Executive review");
    case SITREP_DEADLINE_ACTION_FOLLOWUP:
      return _("Action item follow-up");
    case SITREP_DEADLINE_RESPOND:
    case SITREP_DEADLINE_UPDATE:
    case SITREP_DEADLINE_EXEC_BRIEF:
    case SITREP_DEADLINE_PUBLIC_STATEMENT:
    default:
      return NULL;
    }
}

/* The timeline entry of an obligation marked done. */
static const char *
done_text (SitrepDeadlineKind kind)
{
  switch (kind)
    {
    case SITREP_DEADLINE_EXEC_SUMMARY:
      return _("Executive summary done");
    case SITREP_DEADLINE_HOT_WASH:
      return _("Hot wash done");
    case SITREP_DEADLINE_POSTMORTEM:
      return _("Postmortem done");
    case SITREP_DEADLINE_EXEC_REVIEW:
      return _("Executive review done");
    case SITREP_DEADLINE_ACTION_FOLLOWUP:
    default:
      return _("Action item follow-up done");
    }
}

/* The timeline entry of a mark taken back. */
static const char *
undone_text (SitrepDeadlineKind kind)
{
  switch (kind)
    {
    case SITREP_DEADLINE_EXEC_SUMMARY:
      return _("Executive summary marked not done");
    case SITREP_DEADLINE_HOT_WASH:
      return _("Hot wash marked not done");
    case SITREP_DEADLINE_POSTMORTEM:
      return _("Postmortem marked not done");
    case SITREP_DEADLINE_EXEC_REVIEW:
      return _("Executive review marked not done");
    case SITREP_DEADLINE_ACTION_FOLLOWUP:
    default:
      return _("Action item follow-up marked not done");
    }
}

/**
 * sitrep_obligations_done_fields:
 * @major: the fields of a major incident's obligations, else of any
 *   incident's (the postmortem)
 *
 * Returns: (transfer none) (array zero-terminated=1): the `_done_at`
 *   fields that, all set, leave nothing owed
 */
const char * const *
sitrep_obligations_done_fields (gboolean major)
{
  static const char * const any[] = { "postmortem_done_at", NULL };
  static const char * const of_major[] = {
    "exec_summary_done_at", "hot_wash_done_at", "postmortem_done_at", "exec_review_done_at",
    "action_followup_done_at", NULL,
  };

  return major ? of_major : any;
}

/**
 * sitrep_obligations_read_done:
 * @incident: an incident's body
 * @done: (array fixed-size=9): by #SitrepDeadlineKind, set to whether the
 *   obligation is marked done; the other kinds are left alone
 *
 * An obligation is done when its `_done_at` field holds a time.
 */
void
sitrep_obligations_read_done (JsonObject *incident,
                              gboolean   *done)
{
  for (guint i = 0; i < G_N_ELEMENTS (obligations); i++)
    {
      g_autofree char *field = g_strconcat (obligations[i].name, "_done_at", NULL);
      g_autoptr(GDateTime) at = sitrep_time_parse (sitrep_json_get_string (incident, field));

      done[obligations[i].kind] = at != NULL;
    }
}

/**
 * sitrep_obligations_any_open:
 * @incident: an incident's body
 * @postmortem_s: when the postmortem is due after resolution, 0 for the default
 *
 * Whether anything is owed for the incident as its body says, without its
 * communications: a major incident's executive summary answered by an
 * executive communication still counts as owed here.
 */
gboolean
sitrep_obligations_any_open (JsonObject *incident,
                             gint64      postmortem_s)
{
  g_auto(SitrepDeadlineInput) in = { 0 };
  g_autoptr(GPtrArray) deadlines = NULL;

  in.status = sitrep_status_from_string (sitrep_json_get_string (incident, "status"));
  if (in.status == SITREP_STATUS_INVALID)
    return FALSE;
  in.major = sitrep_json_get_bool (incident, "major");
  in.resolved_at = sitrep_time_parse (sitrep_json_get_string (incident, "resolved_at"));
  in.postmortem_s = postmortem_s;
  if (in.resolved_at == NULL || sitrep_status_is_active (in.status))
    return FALSE;

  sitrep_obligations_read_done (incident, in.done);
  deadlines = sitrep_deadlines_compute (&in);
  return deadlines->len > 0;
}

/**
 * sitrep_obligations_remind_since:
 * @now: the current time
 *
 * The earliest resolution whose obligations still raise reminders: the
 * longest of them (the 30-day follow-up) gets another month of them. An
 * incident resolved before that still lists what it owes on its
 * Overview, but a database with years of incidents resolved before
 * obligations were tracked does not turn into thousands of reminders.
 *
 * Returns: (transfer full): @now less SITREP_OBLIGATIONS_REMIND_DAYS
 */
GDateTime *
sitrep_obligations_remind_since (GDateTime *now)
{
  return g_date_time_add_days (now, -SITREP_OBLIGATIONS_REMIND_DAYS);
}

/**
 * sitrep_obligations_reminded:
 * @incident: an incident's body
 * @now: the current time
 *
 * Returns: whether the incident was resolved recently enough for its
 *   open obligations to raise reminders (sitrep_obligations_remind_since())
 */
gboolean
sitrep_obligations_reminded (JsonObject *incident,
                             GDateTime  *now)
{
  g_autoptr(GDateTime) resolved = sitrep_time_parse (sitrep_json_get_string (incident,
                                                                             "resolved_at"));
  g_autoptr(GDateTime) since = NULL;

  if (resolved == NULL)
    return FALSE;
  since = sitrep_obligations_remind_since (now);
  return g_date_time_compare (resolved, since) >= 0;
}

/**
 * sitrep_obligations_mark_done:
 * @incident: the incident's body as it is
 * @kind: the obligation
 *
 * Marks an obligation done now by @env's actor: its two fields and a note
 * on the timeline ("Hot wash done"). Refused for an incident not resolved,
 * for a kind that is not an obligation of this incident, and for one
 * already marked done (whose mark is kept).
 *
 * Returns: (transfer full) (element-type SitrepMutation): the patch and
 *   the entry, or %NULL with @error set
 */
GPtrArray *
sitrep_obligations_mark_done (const SitrepRuleEnv *env,
                              const char          *incident_id,
                              JsonObject          *incident,
                              SitrepDeadlineKind   kind,
                              GError             **error)
{
  g_autoptr(GPtrArray) mutations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GDateTime) resolved_at = NULL;
  g_autofree char *done_at = NULL;
  g_autofree char *done_by = NULL;
  g_autofree char *now = NULL;
  const Obligation *o = find (kind);
  gboolean done[SITREP_DEADLINE_ACTION_FOLLOWUP + 1] = { 0 };
  SitrepStatus status;

  g_return_val_if_fail (env != NULL, NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);
  g_return_val_if_fail (incident != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (o == NULL || (o->major_only && !sitrep_json_get_bool (incident, "major")))
    {
      g_set_error (error, SITREP_INCIDENT_RULES_ERROR, SITREP_INCIDENT_RULES_ERROR_INVALID,
                   _("This incident owes nothing of that kind"));
      return NULL;
    }

  resolved_at = sitrep_time_parse (sitrep_json_get_string (incident, "resolved_at"));
  status = sitrep_status_from_string (sitrep_json_get_string (incident, "status"));
  if (resolved_at == NULL || sitrep_status_is_active (status) || status == SITREP_STATUS_INVALID)
    {
      g_set_error (error, SITREP_INCIDENT_RULES_ERROR, SITREP_INCIDENT_RULES_ERROR_INVALID,
                   _("The incident is not resolved"));
      return NULL;
    }

  sitrep_obligations_read_done (incident, done);
  done_at = sitrep_obligation_done_at_field (kind);
  done_by = sitrep_obligation_done_by_field (kind);
  if (done[kind])
    {
      const char *who = sitrep_json_get_string (incident, done_by);

      if (who != NULL && who[0] != '\0')
        /* Translators: e.g. "Hot wash was already marked done by alice" */
        g_set_error (error, SITREP_INCIDENT_RULES_ERROR, SITREP_INCIDENT_RULES_ERROR_INVALID,
                     _("%s was already marked done by %s"), sitrep_obligation_get_label (kind),
                     who);
      else
        g_set_error (error, SITREP_INCIDENT_RULES_ERROR, SITREP_INCIDENT_RULES_ERROR_INVALID,
                     _("%s was already marked done"), sitrep_obligation_get_label (kind));
      return NULL;
    }

  now = env->now != NULL ? sitrep_time_format (env->now) : sitrep_time_now ();
  json_object_set_string_member (fields, done_at, now);
  json_object_set_string_member (fields, done_by, env->actor ? env->actor : "");
  g_ptr_array_add (mutations, sitrep_mutation_new_patch ("incidents", incident_id, fields));
  g_ptr_array_add (mutations, sitrep_incident_rules_new_entry (env, incident_id, now,
                                                               SITREP_KIND_NOTE, done_text (kind),
                                                               env->actor));
  return g_steal_pointer (&mutations);
}

/**
 * sitrep_obligations_unmark_done:
 * @incident: the incident's body as it is
 * @kind: the obligation
 *
 * Takes back a mark (a "Mark Done" in error): its two fields cleared and a
 * note on the timeline ("Hot wash marked not done"); the obligation is
 * owed again. Refused when it is not marked done.
 *
 * Returns: (transfer full) (element-type SitrepMutation): the patch and
 *   the entry, or %NULL with @error set
 */
GPtrArray *
sitrep_obligations_unmark_done (const SitrepRuleEnv *env,
                                const char          *incident_id,
                                JsonObject          *incident,
                                SitrepDeadlineKind   kind,
                                GError             **error)
{
  g_autoptr(GPtrArray) mutations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *done_at = NULL;
  g_autofree char *done_by = NULL;
  g_autofree char *now = NULL;
  gboolean done[SITREP_DEADLINE_ACTION_FOLLOWUP + 1] = { 0 };

  g_return_val_if_fail (env != NULL, NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);
  g_return_val_if_fail (incident != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sitrep_obligations_read_done (incident, done);
  if (find (kind) == NULL || !done[kind])
    {
      g_set_error (error, SITREP_INCIDENT_RULES_ERROR, SITREP_INCIDENT_RULES_ERROR_INVALID,
                   _("That is not marked done"));
      return NULL;
    }

  done_at = sitrep_obligation_done_at_field (kind);
  done_by = sitrep_obligation_done_by_field (kind);
  now = env->now != NULL ? sitrep_time_format (env->now) : sitrep_time_now ();
  json_object_set_null_member (fields, done_at);
  json_object_set_null_member (fields, done_by);
  g_ptr_array_add (mutations, sitrep_mutation_new_patch ("incidents", incident_id, fields));
  g_ptr_array_add (mutations, sitrep_incident_rules_new_entry (env, incident_id, now,
                                                               SITREP_KIND_NOTE, undone_text (kind),
                                                               env->actor));
  return g_steal_pointer (&mutations);
}

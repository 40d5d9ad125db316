/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-context-private.h"
#include "sitrep-context-store.h"
#include "sitrep-enum-strings.h"
#include "sitrep-json.h"
#include "sitrep-time.h"

/* The edits the server refused: listed from the store, shown to the user
 * as refused edits and settled by keeping a body or taking theirs. */

/**
 * sitrep_context_list_conflicts:
 *
 * Returns: (transfer full) (element-type SitrepConflict): the edits the
 *   server refused that are still to be settled, oldest first
 */
GPtrArray *
sitrep_context_list_conflicts (SitrepContext *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *conflicts;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  conflicts = sitrep_store_list_conflicts (self->store, &error);
  if (conflicts == NULL)
    {
      g_warning ("Could not read the refused edits: %s", error->message);
      conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_conflict_free);
    }

  return conflicts;
}

/* A role assignment goes with a timeline entry saying so ("Scribe:
 * erin"), sent beside it. When the server refused the assignment the
 * entry stands on the server while it is untrue: settling puts the
 * timeline right. The refused entry is taken back either way; keeping
 * mine writes the handover it really is, naming whom it overrules
 * ("Scribe: dave → erin"). */
static void
add_role_corrections (SitrepContext *self,
                      GPtrArray     *mutations,
                      JsonObject    *mine,
                      JsonObject    *theirs,
                      JsonObject    *body)
{
  const char *stale_id = mine ? sitrep_json_get_string (mine, "entry_id") : NULL;
  g_autoptr(SitrepRecord) stale = NULL;

  if (stale_id != NULL)
    stale = sitrep_store_get (self->store, "timeline", stale_id);
  if (stale != NULL && !stale->deleted)
    g_ptr_array_add (mutations, sitrep_mutation_new_delete ("timeline", stale_id));

  if (body != NULL)
    {
      const char *incident_id = sitrep_json_get_string (body, "incident_id");
      const char *before = theirs ? sitrep_json_get_string (theirs, "person") : NULL;
      const char *after = sitrep_json_get_string (body, "person");
      g_autofree char *now = sitrep_time_now ();
      g_autofree char *text = NULL;
      SitrepMutation *entry;
      SitrepRole role;

      if (incident_id == NULL ||
          !sitrep_role_from_string (sitrep_json_get_string (body, "role"), &role))
        return;

      if (before != NULL && before[0] != '\0' && after != NULL && after[0] != '\0')
        /* Translators: a handover, e.g. "Incident Commander: alice → bob" */
        text = g_strdup_printf (_("%s: %s → %s"), sitrep_role_get_label (role), before, after);
      else if (after != NULL && after[0] != '\0')
        /* Translators: an assignment, e.g. "Scribe: carol" */
        text = g_strdup_printf (_("%s: %s"), sitrep_role_get_label (role), after);
      else if (before != NULL && before[0] != '\0')
        /* Translators: a role left empty, e.g. "Scribe: carol → nobody" */
        text = g_strdup_printf (_("%s: %s → nobody"), sitrep_role_get_label (role), before);
      else
        return;

      entry = _sitrep_context_timeline_put (incident_id, now, SITREP_KIND_ROLE, text, self->user);
      json_object_set_string_member (body, "entry_id", entry->id);
      /* Whom it overrules, so that their apps can tell them. */
      if (json_object_has_member (body, "overrules"))
        json_object_remove_member (body, "overrules");
      if (before != NULL && before[0] != '\0')
        {
          JsonObject *overrules = json_object_new ();
          const char *assigned_by = sitrep_json_get_string (theirs, "assigned_by");

          json_object_set_string_member (overrules, "person", before);
          if (assigned_by != NULL)
            json_object_set_string_member (overrules, "assigned_by", assigned_by);
          json_object_set_object_member (body, "overrules", overrules);
        }
      json_object_set_string_member (body, "assigned_at", now);
      json_object_set_string_member (body, "assigned_by", self->user);
      g_ptr_array_add (mutations, entry);
    }
}

/**
 * sitrep_context_dup_overruled_notice:
 * @title: (out): the notice's title, e.g. "Scribe of INC-2026-014: dave → erin"
 * @body: (out): what happened
 *
 * Whether a changed record tells this app's user that someone else's
 * choice was kept over theirs: a role assignment settled in its favour
 * over the one this user made, or over this user holding the role.
 *
 * Returns: %TRUE with @title and @body set when the user is to be told
 */
gboolean
sitrep_context_dup_overruled_notice (SitrepContext            *self,
                                     const SitrepStoreChange  *change,
                                     char                    **title,
                                     char                    **body)
{
  JsonObject *overrules;
  const char *person, *assigned_by, *by, *after;
  g_autofree char *ref = NULL;
  SitrepIncident *incident;
  SitrepRole role;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  if (!g_str_equal (change->coll, "roles") || change->deleted || change->body == NULL ||
      !json_object_has_member (change->body, "overrules") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (change->body, "overrules")))
    return FALSE;

  overrules = json_object_get_object_member (change->body, "overrules");
  person = sitrep_json_get_string (overrules, "person");
  assigned_by = sitrep_json_get_string (overrules, "assigned_by");
  by = sitrep_json_get_string (change->body, "assigned_by");
  after = sitrep_json_get_string (change->body, "person");
  if (person == NULL || g_strcmp0 (by, self->user) == 0 ||
      (g_strcmp0 (person, self->user) != 0 && g_strcmp0 (assigned_by, self->user) != 0) ||
      !sitrep_role_from_string (sitrep_json_get_string (change->body, "role"), &role))
    return FALSE;

  incident = change->incident_id ? sitrep_context_lookup_incident (self, change->incident_id)
                                 : NULL;
  ref = incident ? sitrep_incident_dup_display_ref (incident) : NULL;

  /* Translators: a notification title, e.g. "Scribe of INC-2026-014: dave → erin" */
  *title = g_strdup_printf (_("%s of %s: %s → %s"), sitrep_role_get_label (role),
                            ref ? ref : _("an incident"), person, after ? after : _("nobody"));
  /* Translators: a notification; two people assigned one role while apart */
  *body = g_strdup_printf (_("Two people assigned this role at the same time; %s kept theirs "
                             "over %s."), by ? by : _("someone else"), person);
  return TRUE;
}

/* Settles a refused edit. Keeping a body writes it as a new edit made
 * against the server's current version, so it is checked again rather
 * than overwriting blindly. */
static gboolean
settle (SitrepContext  *self,
        gint64          id,
        const char     *coll,
        const char     *rec_id,
        JsonObject     *mine,
        JsonObject     *theirs,
        gint64          theirs_version,
        JsonObject     *kept,
        GError        **error)
{
  g_autoptr(GPtrArray) mutations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);
  g_autoptr(JsonObject) body = kept ? sitrep_json_copy (kept) : NULL;

  /* A role's holder as typed from both ("@erin") is a handle like any. */
  if (body != NULL && g_str_equal (coll, "roles") && json_object_has_member (body, "person") &&
      !json_object_get_null_member (body, "person"))
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *handle =
        _sitrep_context_normalise_handle (sitrep_json_get_string (body, "person"), &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (handle != NULL)
        json_object_set_string_member (body, "person", handle);
      else
        json_object_set_null_member (body, "person");
    }

  if (body != NULL)
    {
      SitrepMutation *mutation = sitrep_mutation_new_put (coll, rec_id, body);

      /* Checked against their version, or chained behind an edit of the
       * same record made while the question waited. */
      if (sitrep_store_base_version (self->store, coll, rec_id) == SITREP_BASE_VERSION_CHAINED)
        mutation->base_version = SITREP_BASE_VERSION_CHAINED;
      else if (theirs != NULL)
        mutation->base_version = theirs_version;
      else
        mutation->base_version = sitrep_store_create_base_version (self->store, coll, rec_id);
      g_ptr_array_add (mutations, mutation);
    }

  if (g_str_equal (coll, "roles"))
    add_role_corrections (self, mutations, mine, theirs, body);

  if (mutations->len > 0 &&
      !sitrep_store_apply (self->store, (SitrepMutation **) mutations->pdata, mutations->len,
                           error))
    return FALSE;

  return sitrep_store_resolve_conflict (self->store, id, error);
}

/**
 * sitrep_context_resolve_conflict:
 * @body: (nullable): the body to keep (mine, or an edit of both); %NULL
 *   to take theirs as it is
 *
 * Settles a refused edit; see sitrep_context_settle_refused_edit().
 */
gboolean
sitrep_context_resolve_conflict (SitrepContext   *self,
                                 SitrepConflict  *conflict,
                                 JsonObject      *body,
                                 GError         **error)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  return settle (self, conflict->id, conflict->coll, conflict->rec_id, conflict->mine,
                 conflict->theirs, conflict->theirs_version, body, error);
}

/**
 * sitrep_context_settle_refused_edit:
 * @body: (nullable): the body to keep (mine, or an edit of both); %NULL
 *   to take theirs as it is
 *
 * Settles an edit the server refused. Keeping a body writes it as a new
 * edit made against the server's current version, so it is checked again
 * rather than overwriting blindly. A refused role assignment also puts
 * the timeline right: its entry is taken back, and keeping mine writes
 * the handover from the person it overrules.
 */
gboolean
sitrep_context_settle_refused_edit (SitrepContext            *self,
                                    const SitrepRefusedEdit  *edit,
                                    JsonObject               *body,
                                    GError                  **error)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  return settle (self, edit->id, edit->coll, edit->rec_id, edit->mine, edit->theirs,
                 edit->theirs_version, body, error);
}

/**
 * sitrep_refused_edit_new_from_conflict:
 *
 * Returns: (transfer full): @conflict as the conflict dialog shows it
 */
SitrepRefusedEdit *
sitrep_refused_edit_new_from_conflict (const SitrepConflict *conflict)
{
  SitrepRefusedEdit view = {
    conflict->id, conflict->kind, conflict->coll, conflict->rec_id, conflict->op,
    conflict->mine, conflict->theirs, conflict->theirs_version, conflict->message,
    conflict->changed_by, conflict->changed_at,
  };

  return sitrep_refused_edit_copy (&view);
}

/* Who made the change that stands, and when: a role says who assigned
 * it (the handle people know); otherwise the feed's word, as the store
 * kept it. */
static void
find_other_change (SitrepRefusedEdit *edit)
{
  const char *by = NULL;

  if (edit->theirs != NULL && g_str_equal (edit->coll, "roles"))
    by = sitrep_json_get_string (edit->theirs, "assigned_by");
  if (by == NULL)
    return;

  g_free (edit->changed_by);
  g_free (edit->changed_at);
  edit->changed_by = g_strdup (by);
  edit->changed_at = g_strdup (sitrep_json_get_string (edit->theirs, "assigned_at"));
}

/**
 * sitrep_context_dup_refused_edits:
 *
 * Returns: (transfer full) (element-type SitrepRefusedEdit): the edits the
 *   server refused that are still to be settled, oldest first
 */
GPtrArray *
sitrep_context_dup_refused_edits (SitrepContext *self)
{
  g_autoptr(GPtrArray) conflicts = sitrep_context_list_conflicts (self);
  GPtrArray *edits = g_ptr_array_new_full (conflicts->len,
                                           (GDestroyNotify) sitrep_refused_edit_free);

  for (guint i = 0; i < conflicts->len; i++)
    {
      SitrepRefusedEdit *edit = sitrep_refused_edit_new_from_conflict (conflicts->pdata[i]);

      find_other_change (edit);
      g_ptr_array_add (edits, edit);
    }

  return edits;
}

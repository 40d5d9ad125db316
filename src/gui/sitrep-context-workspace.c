/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-checklist.h"
#include "sitrep-context-private.h"
#include "sitrep-enum-strings.h"
#include "sitrep-json.h"
#include "sitrep-severity.h"
#include "sitrep-time.h"

/* Roles, the checklist and the timeline of one incident: what the
 * workspace pages ask the context to read and change. */

#define HANDLE_MAX 64

static const SitrepRole core_roles[] = {
  SITREP_ROLE_COMMANDER, SITREP_ROLE_COMMUNICATIONS, SITREP_ROLE_OPERATIONS, SITREP_ROLE_SCRIBE,
};
static const SitrepRole major_roles[] = {
  SITREP_ROLE_DEPUTY_COMMANDER, SITREP_ROLE_PLANNING, SITREP_ROLE_CUSTOMER_LIAISON,
};

static char *
role_record_id (const char *incident_id,
                SitrepRole  role)
{
  return g_strdup_printf ("%s:%s", incident_id, sitrep_role_to_string (role));
}

/**
 * sitrep_context_dup_role_person:
 *
 * Returns: (transfer full) (nullable): who holds @role, %NULL when nobody
 */
char *
sitrep_context_dup_role_person (SitrepContext *self,
                                const char    *incident_id,
                                SitrepRole     role)
{
  g_autofree char *id = role_record_id (incident_id, role);
  g_autoptr(SitrepRecord) record = sitrep_store_get (sitrep_context_get_store (self), "roles", id);
  const char *person;

  if (record == NULL || record->deleted)
    return NULL;

  person = sitrep_json_get_string (record->body, "person");
  return person && person[0] ? g_strdup (person) : NULL;
}

/**
 * _sitrep_context_normalise_handle:
 *
 * Returns: (transfer full) (nullable): @person as a handle ("@alice" is
 *   "alice"), %NULL for nobody or, with @error set, for no handle
 */
char *
_sitrep_context_normalise_handle (const char  *person,
                                  GError     **error)
{
  g_autofree char *handle = g_strstrip (g_strdup (person ? person : ""));
  const char *start = handle;

  /* "@alice" and "alice" are the same person. */
  if (*start == '@')
    start++;

  if (*start == '\0')
    return NULL;

  if (strlen (start) > HANDLE_MAX || strpbrk (start, " \t\n") != NULL)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "“%s” is not a handle: use one word, at most %d character",
                                "“%s” is not a handle: use one word, at most %d characters",
                                HANDLE_MAX),
                   start, HANDLE_MAX);
      return NULL;
    }

  return g_strdup (start);
}

/**
 * sitrep_context_assign_role:
 * @person: (nullable): the handle, or %NULL / "" to leave the role empty
 *
 * Assigns, hands over or clears a role, and writes a `role` timeline entry
 * saying who held it before ("Incident Commander: alice → bob").
 */
gboolean
sitrep_context_assign_role (SitrepContext  *self,
                            const char     *incident_id,
                            SitrepRole      role,
                            const char     *person,
                            GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *handle = _sitrep_context_normalise_handle (person, &local_error);
  g_autofree char *previous = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(SitrepMutation) put = NULL;
  g_autoptr(SitrepMutation) entry = NULL;
  SitrepMutation *mutations[2];

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (_sitrep_context_require_incident (self, incident_id, error) == NULL)
    return FALSE;

  previous = sitrep_context_dup_role_person (self, incident_id, role);
  if (g_strcmp0 (previous, handle) == 0)
    return TRUE;

  id = role_record_id (incident_id, role);
  now = sitrep_time_now ();
  body = json_object_new ();
  json_object_set_string_member (body, "incident_id", incident_id);
  json_object_set_string_member (body, "role", sitrep_role_to_string (role));
  if (handle != NULL)
    json_object_set_string_member (body, "person", handle);
  else
    json_object_set_null_member (body, "person");
  json_object_set_string_member (body, "assigned_at", now);
  /* Who chose, for the person asked when two chose at once. */
  json_object_set_string_member (body, "assigned_by", sitrep_context_get_user (self));

  if (previous != NULL && handle != NULL)
    /* Translators: a handover, e.g. "Incident Commander: alice → bob" */
    text = g_strdup_printf (_("%s: %s → %s"), sitrep_role_get_label (role), previous, handle);
  else if (handle != NULL)
    /* Translators: an assignment, e.g. "Scribe: carol" */
    text = g_strdup_printf (_("%s: %s"), sitrep_role_get_label (role), handle);
  else
    /* Translators: a role left empty, e.g. "Scribe: carol → nobody" */
    text = g_strdup_printf (_("%s: %s → nobody"), sitrep_role_get_label (role), previous);

  mutations[1] = entry = _sitrep_context_timeline_put (incident_id, now, SITREP_KIND_ROLE, text,
                                                       sitrep_context_get_user (self));
  /* The entry that says so goes with the assignment: should the server
   * refuse the assignment, the entry is put right when that is settled. */
  json_object_set_string_member (body, "entry_id", entry->id);
  mutations[0] = put = sitrep_mutation_new_put ("roles", id, body);
  /* A role nobody has held yet is created, never overwritten: two people
   * filling it while apart end in a question, not in one silently lost. */
  put->base_version = sitrep_store_create_base_version (sitrep_context_get_store (self),
                                                        "roles", id);

  /* The checklist items the assignment completes are ticked with it. */
  if (handle != NULL)
    {
      g_autoptr(SitrepWorkspace) workspace = sitrep_context_open_workspace (self, incident_id);
      g_autoptr(GPtrArray) all = g_ptr_array_new ();
      g_autoptr(GPtrArray) ticks = NULL;
      SitrepRuleEnv env;

      _sitrep_context_rule_env (self, &env);
      ticks = sitrep_workspace_checklist_ticks (workspace, &env, role, NULL);
      g_ptr_array_add (all, put);
      g_ptr_array_add (all, entry);
      for (guint i = 0; ticks != NULL && i < ticks->len; i++)
        g_ptr_array_add (all, ticks->pdata[i]);
      return sitrep_store_apply (sitrep_context_get_store (self), (SitrepMutation **) all->pdata,
                                 all->len, error);
    }

  return sitrep_store_apply (sitrep_context_get_store (self), mutations, 2, error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  /* g_ptr_array_sort() passes pointers to the elements. */
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/**
 * sitrep_context_list_handles:
 *
 * Returns: (transfer full): the handles already used for roles, and the
 *   current user's, sorted, for choosing a person quickly
 */
GStrv
sitrep_context_list_handles (SitrepContext *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) roles = sitrep_store_list (sitrep_context_get_store (self), "roles",
                                                  NULL, NULL);
  g_autoptr(GPtrArray) handles = g_ptr_array_new ();

  g_hash_table_add (seen, (gpointer) sitrep_context_get_user (self));
  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      SitrepRecord *record = roles->pdata[i];
      const char *person = sitrep_json_get_string (record->body, "person");

      if (person != NULL && person[0] != '\0')
        g_hash_table_add (seen, (gpointer) person);
    }

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, seen);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_ptr_array_add (handles, g_strdup (key));
  }

  g_ptr_array_sort (handles, compare_strings);
  g_ptr_array_add (handles, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&handles), FALSE);
}

/**
 * sitrep_context_role_is_shown:
 *
 * The four ICS roles always; the major-incident roles when the incident is
 * major or someone holds them.
 */
gboolean
sitrep_context_role_is_shown (SitrepContext *self,
                              const char    *incident_id,
                              SitrepRole     role)
{
  SitrepIncident *incident = sitrep_context_lookup_incident (self, incident_id);
  g_autofree char *person = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (core_roles); i++)
    if (core_roles[i] == role)
      return TRUE;

  if (incident != NULL && sitrep_incident_get_major (incident))
    return TRUE;

  person = sitrep_context_dup_role_person (self, incident_id, role);
  return person != NULL;
}

/**
 * sitrep_context_missing_roles:
 *
 * Returns: (transfer full) (element-type SitrepRole): the roles the
 *   incident's severity needs and nobody holds: IC, Communications,
 *   Operations and Scribe for P1 and P2, and the major-incident roles when
 *   it is major
 */
GArray *
sitrep_context_missing_roles (SitrepContext *self,
                              const char    *incident_id)
{
  GArray *missing = g_array_new (FALSE, FALSE, sizeof (SitrepRole));
  SitrepIncident *incident = sitrep_context_lookup_incident (self, incident_id);
  SitrepSeverity severity;

  if (incident == NULL || !sitrep_incident_is_active (incident))
    return missing;

  severity = sitrep_incident_get_severity (incident);
  if (severity == SITREP_SEVERITY_P1 || severity == SITREP_SEVERITY_P2)
    {
      for (guint i = 0; i < G_N_ELEMENTS (core_roles); i++)
        {
          g_autofree char *person = sitrep_context_dup_role_person (self, incident_id,
                                                                    core_roles[i]);
          if (person == NULL)
            g_array_append_val (missing, core_roles[i]);
        }
    }

  if (sitrep_incident_get_major (incident))
    {
      for (guint i = 0; i < G_N_ELEMENTS (major_roles); i++)
        {
          g_autofree char *person = sitrep_context_dup_role_person (self, incident_id,
                                                                    major_roles[i]);
          if (person == NULL)
            g_array_append_val (missing, major_roles[i]);
        }
    }

  return missing;
}

/**
 * sitrep_context_list_checklist:
 *
 * Returns: (transfer full) (element-type SitrepRecord): the incident's
 *   checklist items by phase, in order (the checklist model's order)
 */
GPtrArray *
sitrep_context_list_checklist (SitrepContext *self,
                               const char    *incident_id)
{
  g_autoptr(SitrepWorkspace) workspace = sitrep_context_open_workspace (self, incident_id);

  return _sitrep_context_records_of (sitrep_workspace_get_checklist (workspace));
}

/**
 * sitrep_context_set_checklist_done:
 *
 * Ticks or unticks an item, recording who and when; writes nothing else.
 */
gboolean
sitrep_context_set_checklist_done (SitrepContext  *self,
                                   const char     *item_id,
                                   gboolean        done,
                                   GError        **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  json_object_set_boolean_member (fields, "done", done);
  if (done)
    {
      g_autofree char *now = sitrep_time_now ();

      json_object_set_string_member (fields, "done_by", sitrep_context_get_user (self));
      json_object_set_string_member (fields, "done_at", now);
    }
  else
    {
      json_object_set_null_member (fields, "done_by");
      json_object_set_null_member (fields, "done_at");
    }

  return sitrep_store_patch (sitrep_context_get_store (self), "checklist", item_id, fields,
                             error);
}

/**
 * sitrep_context_add_checklist_item:
 *
 * Adds an item of the IC's own to this incident's checklist, at the end of
 * @phase.
 *
 * Returns: (transfer full): the new item's id, or %NULL with @error set
 */
char *
sitrep_context_add_checklist_item (SitrepContext  *self,
                                   const char     *incident_id,
                                   SitrepPhase     phase,
                                   const char     *text,
                                   GError        **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *key = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) body = NULL;
  SitrepChecklistItem item;
  gint64 position = 0;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  if (stripped[0] == '\0')
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   _("Type the item first"));
      return NULL;
    }
  if (_sitrep_context_require_incident (self, incident_id, error) == NULL)
    return NULL;

  items = sitrep_context_list_checklist (self, incident_id);
  for (guint i = 0; i < items->len; i++)
    position = MAX (position,
                    json_object_get_int_member_with_default (((SitrepRecord *) items->pdata[i])->body,
                                                             "position", 0) + 1);

  /* Keys of the IC's own items can't collide with the guide's slugs. */
  key = g_strdup_printf ("own-%.8s", uuid);
  id = g_strdup_printf ("%s:%s", incident_id, key);
  item.phase = phase;
  item.key = key;
  item.text = stripped;
  body = sitrep_checklist_item_to_body (&item, incident_id, (guint) position);

  if (!sitrep_store_put (sitrep_context_get_store (self), "checklist", id, body, error))
    return NULL;

  return g_steal_pointer (&id);
}

/**
 * sitrep_context_set_major:
 *
 * Switches the Major Incident Protocol on or off. Switching it on adds the
 * protocol's checklist items the incident does not have yet; switching it
 * off keeps them, ticked or not, so nothing recorded is lost.
 */
gboolean
sitrep_context_set_major (SitrepContext  *self,
                          const char     *incident_id,
                          gboolean        major,
                          GError        **error)
{
  g_autoptr(GPtrArray) mutations = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) existing = NULL;
  SitrepIncident *incident;
  SitrepRuleEnv env;
  gint64 position = 0;
  guint held = 0;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  if ((incident = _sitrep_context_require_incident (self, incident_id, error)) == NULL)
    return FALSE;
  if (sitrep_incident_get_major (incident) == major)
    return TRUE;

  /* The items the incident has, so only the missing ones are added. */
  existing = major ? sitrep_context_list_checklist (self, incident_id) : NULL;
  for (guint i = 0; existing != NULL && i < existing->len; i++)
    {
      SitrepRecord *record = existing->pdata[i];

      g_ptr_array_add (ids, record->id);
      position = MAX (position,
                      json_object_get_int_member_with_default (record->body, "position", 0) + 1);
    }
  g_ptr_array_add (ids, NULL);

  /* The roles already held, whose major items are added ticked. */
  for (SitrepRole role = SITREP_ROLE_COMMANDER; role <= SITREP_ROLE_CUSTOMER_LIAISON; role++)
    {
      g_autofree char *person = sitrep_context_dup_role_person (self, incident_id, role);

      if (person != NULL)
        held |= 1u << role;
    }

  _sitrep_context_rule_env (self, &env);
  mutations = sitrep_incident_rules_set_major (&env, incident_id,
                                               sitrep_incident_get_major (incident), major,
                                               (const char * const *) ids->pdata,
                                               (guint) CLAMP (position, 0, G_MAXINT32), held);

  return _sitrep_context_apply_rule (self, mutations, NULL, error);
}

/**
 * sitrep_context_add_timeline_entry:
 * @occurred_at: (nullable): when it happened; %NULL for now
 *
 * Returns: (transfer full): the new entry's id, or %NULL with @error set
 */
char *
sitrep_context_add_timeline_entry (SitrepContext       *self,
                                   const char          *incident_id,
                                   GDateTime           *occurred_at,
                                   SitrepTimelineKind   kind,
                                   const char          *text,
                                   GError             **error)
{
  g_autoptr(SitrepMutation) entry = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = sitrep_time_format (occurred_at ? occurred_at : now);

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  if (_sitrep_context_require_incident (self, incident_id, error) == NULL)
    return NULL;

  entry = _sitrep_context_timeline_put (incident_id, when, kind, text,
                                        sitrep_context_get_user (self));
  if (!sitrep_store_apply (sitrep_context_get_store (self), &entry, 1, error))
    return NULL;

  return g_strdup (entry->id);
}

/**
 * sitrep_context_edit_timeline_entry:
 * @fields: any of `text`, `occurred_at`, `kind`, `pinned`
 *
 * Changes an entry in place; the store keeps the edit history.
 */
gboolean
sitrep_context_edit_timeline_entry (SitrepContext  *self,
                                    const char     *entry_id,
                                    JsonObject     *fields,
                                    GError        **error)
{
  return sitrep_context_edit_timeline_entry_from (self, entry_id, fields, NULL, 0, error);
}

/**
 * sitrep_context_edit_timeline_entry_from:
 * @opened: (nullable): the entry's `text`, `occurred_at` and `kind` as an
 *   editor showed them when it opened; %NULL for an edit made at once
 * @opened_version: the entry's version then
 *
 * Changes an entry as an editor left it. Text, time and kind are checked
 * on the server: against the entry's current version, or, when someone
 * else's change to a field this edit changes arrived while the editor was
 * open, against the version the editor started from, so the second person
 * is offered both texts instead of replacing the first unseen.
 */
gboolean
sitrep_context_edit_timeline_entry_from (SitrepContext  *self,
                                         const char     *entry_id,
                                         JsonObject     *fields,
                                         JsonObject     *opened,
                                         gint64          opened_version,
                                         GError        **error)
{
  SitrepStore *store;
  g_autoptr(SitrepMutation) patch = NULL;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  store = sitrep_context_get_store (self);

  if (json_object_has_member (fields, "text") || json_object_has_member (fields, "occurred_at") ||
      json_object_has_member (fields, "kind"))
    {
      g_autoptr(JsonObject) signed_fields = sitrep_json_copy (fields);
      g_autofree char *now = sitrep_time_now ();

      /* Who changed it last, for whoever is editing it at the same time. */
      json_object_set_string_member (signed_fields, "edited_by", sitrep_context_get_user (self));
      json_object_set_string_member (signed_fields, "edited_at", now);
      patch = sitrep_mutation_new_patch ("timeline", entry_id, signed_fields);
      patch->base_version = sitrep_store_base_version (store, "timeline", entry_id);

      /* A chained edit waits for this client's own earlier one, which
       * meets any change made underneath first. */
      if (patch->base_version != SITREP_BASE_VERSION_CHAINED && opened != NULL && opened_version > 0)
        {
          g_autoptr(SitrepRecord) current = sitrep_store_get (store, "timeline", entry_id);

          if (current != NULL && current->body != NULL && current->version != opened_version &&
              sitrep_edit_changed_underneath (current->body, opened, fields))
            patch->base_version = opened_version;
        }
    }
  else
    patch = sitrep_mutation_new_patch ("timeline", entry_id, fields);

  return sitrep_store_apply (store, &patch, 1, error);
}

/**
 * sitrep_context_delete_record:
 *
 * Deletes a record (a timeline entry, a checklist item of the IC's own);
 * sitrep_context_restore_record() with a copy taken before undoes it.
 */
gboolean
sitrep_context_delete_record (SitrepContext  *self,
                              const char     *coll,
                              const char     *id,
                              GError        **error)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  return sitrep_store_delete (sitrep_context_get_store (self), coll, id, error);
}

/**
 * sitrep_context_restore_record:
 *
 * Puts @record back as it was, undoing a delete.
 */
gboolean
sitrep_context_restore_record (SitrepContext  *self,
                               SitrepRecord   *record,
                               GError        **error)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  return sitrep_store_put (sitrep_context_get_store (self), record->coll, record->id,
                           record->body, error);
}

/**
 * sitrep_context_list_history:
 *
 * Returns: (transfer full) (element-type SitrepHistoryEntry): the record's
 *   edit history, oldest first
 */
GPtrArray *
sitrep_context_list_history (SitrepContext *self,
                             const char    *coll,
                             const char    *id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *history = sitrep_store_list_history (sitrep_context_get_store (self), coll, id,
                                                  &error);

  if (history == NULL)
    {
      g_warning ("Could not read the history: %s", error->message);
      history = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_history_entry_free);
    }

  return history;
}

/**
 * sitrep_context_restore:
 * @record: a record as a list showed it before it was deleted
 *
 * Puts @record back with the body it showed, undoing a delete.
 */
gboolean
sitrep_context_restore (SitrepContext       *self,
                        SitrepRecordObject  *record,
                        GError             **error)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (SITREP_IS_RECORD_OBJECT (record), FALSE);

  return sitrep_store_put (sitrep_context_get_store (self),
                           sitrep_record_object_get_coll (record),
                           sitrep_record_object_get_id (record),
                           sitrep_record_object_get_body (record), error);
}

/**
 * sitrep_context_dup_history:
 *
 * Returns: (transfer full) (element-type SitrepFieldChange): the record's
 *   edit history, oldest first
 */
GPtrArray *
sitrep_context_dup_history (SitrepContext *self,
                            const char    *coll,
                            const char    *id)
{
  g_autoptr(GPtrArray) history = sitrep_context_list_history (self, coll, id);
  GPtrArray *changes = g_ptr_array_new_full (history->len,
                                             (GDestroyNotify) sitrep_field_change_free);

  for (guint i = 0; i < history->len; i++)
    {
      SitrepHistoryEntry *entry = history->pdata[i];
      SitrepFieldChange *change = g_new0 (SitrepFieldChange, 1);

      change->field = g_strdup (entry->field);
      change->before = g_strdup (entry->before);
      change->after = g_strdup (entry->after);
      change->actor = g_strdup (entry->actor);
      change->ts = g_strdup (entry->ts);
      g_ptr_array_add (changes, change);
    }

  return changes;
}

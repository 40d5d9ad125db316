/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-workspace"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-context-private.h"
#include "sitrep-json.h"
#include "sitrep-postmortem.h"
#include "sitrep-time.h"
#include "sitrep-workspace-private.h"

/* An incident's postmortem: the `postmortems` record of the incident's id,
 * read when first asked for and kept up to date from the store's commits
 * like the workspace's lists; its edits are checked as a timeline entry's
 * are, so two people writing one section are both asked, never silently
 * replaced. */

#define COLL "postmortems"

static GQuark
postmortem_quark (void)
{
  return g_quark_from_static_string ("sitrep-workspace-postmortem");
}

static SitrepContext *
context_of (SitrepWorkspace  *self,
            GError          **error)
{
  GObject *context = _sitrep_workspace_get_context (self);

  if (context == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The incident is no longer open"));

  return context != NULL ? SITREP_CONTEXT (context) : NULL;
}

/**
 * sitrep_workspace_get_postmortem:
 *
 * Returns: (transfer none): the incident's postmortem, empty (not
 *   :exists) until someone writes some of it
 */
SitrepPostmortemRecord *
sitrep_workspace_get_postmortem (SitrepWorkspace *self)
{
  SitrepPostmortemRecord *postmortem;
  SitrepContext *context;
  g_autoptr(SitrepRecord) record = NULL;

  g_return_val_if_fail (SITREP_IS_WORKSPACE (self), NULL);

  postmortem = g_object_get_qdata (G_OBJECT (self), postmortem_quark ());
  if (postmortem != NULL)
    return postmortem;

  context = context_of (self, NULL);
  if (context != NULL)
    record = sitrep_store_get (sitrep_context_get_store (context), COLL,
                               sitrep_workspace_get_incident_id (self));
  postmortem = sitrep_postmortem_record_new (sitrep_workspace_get_incident_id (self),
                                             record != NULL && !record->deleted ? record->body
                                                                                : NULL,
                                             record != NULL ? record->version : 0);
  g_object_set_qdata_full (G_OBJECT (self), postmortem_quark (), postmortem, g_object_unref);

  return postmortem;
}

/**
 * _sitrep_workspace_apply_postmortem:
 * @body: (nullable): the record's body after the commit, %NULL if deleted
 *
 * Follows one committed change of a `postmortems` record.
 *
 * Returns: whether it is this incident's postmortem
 */
gboolean
_sitrep_workspace_apply_postmortem (SitrepWorkspace *self,
                                    const char      *id,
                                    JsonObject      *body,
                                    gint64           version)
{
  SitrepPostmortemRecord *postmortem;

  if (g_strcmp0 (id, sitrep_workspace_get_incident_id (self)) != 0)
    return FALSE;

  postmortem = g_object_get_qdata (G_OBJECT (self), postmortem_quark ());
  if (postmortem != NULL)
    sitrep_postmortem_record_set_record (postmortem, body, version);
  return TRUE;
}

/* A section the editor showed empty and nobody has written since is not a
 * change underneath, whether the record says "" or [] or nothing. */
static JsonObject *
unwritten_left_out (JsonObject *opened,
                    JsonObject *current)
{
  JsonObject *seen = sitrep_json_copy (opened);
  g_autoptr(GList) members = json_object_get_members (opened);

  for (GList *l = members; l != NULL; l = l->next)
    if (sitrep_postmortem_section_is_empty (opened, l->data) &&
        sitrep_postmortem_section_is_empty (current, l->data))
      json_object_remove_member (seen, l->data);
  return seen;
}

/**
 * sitrep_workspace_edit_postmortem:
 * @fields: the sections to set ("root_cause", "went_well" …) and their
 *   values as the record stores them
 * @opened: (nullable): the same sections as the editor showed them when it
 *   last matched the record; %NULL for a change that needs no check (the
 *   timeline switch)
 * @opened_version: the record's version then
 *
 * Saves what an editor changed. The first edit creates the record,
 * create-only, so that two people starting it while apart are both asked.
 * Later edits are checked against the record's version, or, when someone
 * else's change to one of these sections arrived while the editor held
 * unsaved text, against the version the editor started from: the second
 * writer is then offered both texts instead of replacing the first unseen.
 */
gboolean
sitrep_workspace_edit_postmortem (SitrepWorkspace  *self,
                                  JsonObject       *fields,
                                  JsonObject       *opened,
                                  gint64            opened_version,
                                  GError          **error)
{
  SitrepContext *context = context_of (self, error);
  const char *id = sitrep_workspace_get_incident_id (self);
  g_autoptr(JsonObject) signed_fields = NULL;
  g_autoptr(SitrepRecord) current = NULL;
  g_autoptr(SitrepMutation) mutation = NULL;
  g_autofree char *now = sitrep_time_now ();
  SitrepStore *store;

  g_return_val_if_fail (fields != NULL, FALSE);

  if (context == NULL || _sitrep_context_require_incident (context, id, error) == NULL)
    return FALSE;

  store = sitrep_context_get_store (context);
  signed_fields = sitrep_json_copy (fields);
  /* Who changed it last, for whoever is writing it at the same time. */
  json_object_set_string_member (signed_fields, "edited_by", sitrep_context_get_user (context));
  json_object_set_string_member (signed_fields, "edited_at", now);

  current = sitrep_store_get (store, COLL, id);
  if (current == NULL || current->deleted || current->body == NULL)
    {
      mutation = sitrep_mutation_new_put (COLL, id, signed_fields);
      mutation->base_version = sitrep_store_create_base_version (store, COLL, id);
    }
  else
    {
      mutation = sitrep_mutation_new_patch (COLL, id, signed_fields);
      if (opened != NULL)
        {
          mutation->base_version = sitrep_store_base_version (store, COLL, id);
          /* A chained edit waits for this client's own earlier one, which
           * meets any change made underneath first. An editor opened on
           * no record at all (version 0) is checked as a creation: someone
           * else's record then conflicts. */
          if (mutation->base_version != SITREP_BASE_VERSION_CHAINED &&
              current->version != opened_version)
            {
              g_autoptr(JsonObject) seen = unwritten_left_out (opened, current->body);

              if (sitrep_edit_changed_underneath (current->body, seen, fields))
                mutation->base_version = opened_version;
            }
        }
    }

  return sitrep_store_apply (store, &mutation, 1, error);
}

/**
 * sitrep_workspace_dup_postmortem_markdown:
 *
 * The postmortem in the guide's template, as `sitrep export postmortem`
 * prints it: from the incident, its timeline, its postmortem and its
 * action items as they are now.
 *
 * Returns: (transfer full): the Markdown text, or %NULL once the incident
 *   was deleted
 */
char *
sitrep_workspace_dup_postmortem_markdown (SitrepWorkspace *self)
{
  SitrepIncident *incident;
  SitrepPostmortemRecord *postmortem;
  SitrepContext *context;
  GListModel *timeline;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) item_bodies = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SITREP_IS_WORKSPACE (self), NULL);

  incident = sitrep_workspace_get_incident (self);
  context = context_of (self, NULL);
  if (incident == NULL || context == NULL)
    return NULL;

  timeline = sitrep_workspace_get_timeline (self);
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(SitrepTimelineEntry) entry = g_list_model_get_item (timeline, i);

      g_ptr_array_add (entries, json_object_ref (sitrep_timeline_entry_get_body (entry)));
    }

  items = sitrep_store_list (sitrep_context_get_store (context), "action_items",
                             sitrep_workspace_get_incident_id (self), &error);
  if (items == NULL)
    g_warning ("Could not read the action items: %s", error->message);
  for (guint i = 0; items != NULL && i < items->len; i++)
    g_ptr_array_add (item_bodies, ((SitrepRecord *) items->pdata[i])->body);

  postmortem = sitrep_workspace_get_postmortem (self);
  return sitrep_postmortem_to_markdown (sitrep_record_object_get_body (SITREP_RECORD_OBJECT (incident)),
                                        entries,
                                        sitrep_postmortem_record_get_exists (postmortem)
                                        ? sitrep_record_object_get_body (SITREP_RECORD_OBJECT (postmortem))
                                        : NULL,
                                        item_bodies);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-action-item.h"
#include "sitrep-action-items.h"
#include "sitrep-context-private.h"
#include "sitrep-json.h"
#include "sitrep-time.h"
#include "sitrep-workspace-private.h"

/* Action items (the guide's improvement items): writing them for a
 * workspace, and the list of every incident's items for the Action Items
 * view and the daily reminder, loaded when first asked for and kept up to
 * date from the store's commits like the other models. */

#define DESCRIPTION_MAX 4096

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  return sitrep_action_item_compare ((SitrepActionItem *) a, (SitrepActionItem *) b);
}

/* From the incidents listed so far: looking one up that is not would
 * read every incident before the first frame. The rest, once listed, give
 * their items their reference (fill_refs()). */
static void
set_ref (SitrepContext    *self,
         SitrepActionItem *item)
{
  const char *incident_id = sitrep_record_object_get_incident_id (SITREP_RECORD_OBJECT (item));
  SitrepRecordObject *incident = incident_id ? sitrep_record_list_lookup (self->incidents, incident_id)
                                             : NULL;
  g_autofree char *ref = incident ? sitrep_incident_dup_display_ref (SITREP_INCIDENT (incident))
                                  : NULL;

  sitrep_action_item_set_incident_ref (item, ref);
}

static void
fill_refs (SitrepContext *self)
{
  GListModel *items = G_LIST_MODEL (self->action_items);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(SitrepActionItem) item = g_list_model_get_item (items, i);

      if (sitrep_action_item_get_incident_ref (item) == NULL)
        set_ref (self, item);
    }
}

/* A day passing makes items overdue: told every minute, cheap. */
static void
update_overdue (GListModel *items,
                GDateTime  *now)
{
  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(SitrepActionItem) item = g_list_model_get_item (items, i);

      sitrep_action_item_update_overdue (item, now);
    }
}

static void
on_minute (SitrepContext *self)
{
  g_autoptr(GDateTime) now = sitrep_clock_dup_now (self->clock);
  GHashTableIter iter;
  gpointer workspace;

  update_overdue (G_LIST_MODEL (self->action_items), now);
  /* The open incidents' own lists, those that were loaded. */
  g_hash_table_iter_init (&iter, self->workspaces);
  while (g_hash_table_iter_next (&iter, NULL, &workspace))
    update_overdue (_sitrep_workspace_get_list (workspace, "action_items", FALSE), now);
}

/**
 * sitrep_context_get_action_items:
 *
 * Every incident's action items, soonest due first, each with its
 * incident's reference; :overdue follows the clock.
 *
 * Returns: (transfer none): a #GListModel of #SitrepActionItem
 */
GListModel *
sitrep_context_get_action_items (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  if (self->action_items == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = sitrep_store_list (self->store, "action_items", NULL, &error);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      if (records == NULL)
        g_warning ("Could not read the action items: %s", error->message);
      for (guint i = 0; records != NULL && i < records->len; i++)
        {
          SitrepRecord *record = records->pdata[i];
          SitrepRecordObject *item = sitrep_record_object_new ("action_items", record->id,
                                                               record->body, record->version);

          set_ref (self, SITREP_ACTION_ITEM (item));
          g_ptr_array_add (items, item);
        }
      self->action_items = sitrep_record_list_new ("action_items", compare_items, NULL, NULL);
      sitrep_record_list_reset (self->action_items, items);
      g_signal_connect_object (self->clock, "minute-changed", G_CALLBACK (on_minute), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->incidents, "items-changed", G_CALLBACK (fill_refs), self,
                               G_CONNECT_SWAPPED);
    }

  return G_LIST_MODEL (self->action_items);
}

/**
 * _sitrep_context_apply_action_item:
 * @coll: the collection of the committed record
 * @body: (nullable): its body after the commit, %NULL when deleted
 *
 * Keeps the list of every action item, once loaded, in step with a
 * commit; an incident arriving gives its items their reference.
 */
void
_sitrep_context_apply_action_item (SitrepContext *self,
                                   const char    *coll,
                                   const char    *id,
                                   JsonObject    *body,
                                   gint64         version)
{
  GListModel *items = G_LIST_MODEL (self->action_items);

  if (self->action_items == NULL)
    return;

  if (g_str_equal (coll, "action_items"))
    {
      SitrepRecordObject *item;

      sitrep_record_list_apply (self->action_items, id, body, version);
      item = sitrep_record_list_lookup (self->action_items, id);
      if (item != NULL)
        set_ref (self, SITREP_ACTION_ITEM (item));
    }
  else if (g_str_equal (coll, "incidents"))
    for (guint i = 0; i < g_list_model_get_n_items (items); i++)
      {
        g_autoptr(SitrepActionItem) item = g_list_model_get_item (items, i);

        if (g_strcmp0 (sitrep_record_object_get_incident_id (SITREP_RECORD_OBJECT (item)), id) == 0)
          set_ref (self, item);
      }
}

/* "YYYY-MM-DD", or NULL for none; FALSE with @error for anything else. */
static gboolean
check_due_date (const char  *due_date,
                char       **out,
                GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (due_date ? due_date : ""));
  g_autoptr(JsonObject) probe = json_object_new ();
  g_autoptr(GDate) date = NULL;

  *out = NULL;
  if (text[0] == '\0')
    return TRUE;

  json_object_set_string_member (probe, "due_date", text);
  date = sitrep_action_item_dup_due_date (probe);
  if (date == NULL || strlen (text) != 10)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   _("“%s” is not a date: use YYYY-MM-DD, for example 2024-03-31"), text);
      return FALSE;
    }

  *out = g_steal_pointer (&text);
  return TRUE;
}

/* Writes @value (a handle or a date, NULL for none) as @member. */
static void
set_or_null (JsonObject *body,
             const char *member,
             const char *value)
{
  if (value != NULL)
    json_object_set_string_member (body, member, value);
  else
    json_object_set_null_member (body, member);
}

/**
 * sitrep_context_add_action_item:
 * @owner: (nullable): the owner's handle; %NULL or "" for nobody yet
 * @due_date: (nullable): "YYYY-MM-DD", %NULL or "" for none
 *
 * Adds a Not Started item to the incident.
 *
 * Returns: (transfer full): the new item's id, or %NULL with @error set
 *   (no description, an owner that is not a handle, a date that is not one)
 */
char *
sitrep_context_add_action_item (SitrepContext     *self,
                                const char        *incident_id,
                                const char        *description,
                                SitrepActionType   type,
                                const char        *owner,
                                const char        *due_date,
                                GError           **error)
{
  g_autofree char *text = g_strstrip (g_strdup (description ? description : ""));
  g_autofree char *handle = NULL;
  g_autofree char *date = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  if (text[0] == '\0')
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   _("Describe the action item first"));
      return NULL;
    }
  if (strlen (text) > DESCRIPTION_MAX)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "The description is too long: keep it under %d character",
                                "The description is too long: keep it under %d characters",
                                DESCRIPTION_MAX),
                   DESCRIPTION_MAX);
      return NULL;
    }
  handle = _sitrep_context_normalise_handle (owner, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!check_due_date (due_date, &date, error))
    return NULL;
  if (_sitrep_context_require_incident (self, incident_id, error) == NULL)
    return NULL;

  id = g_uuid_string_random ();
  body = json_object_new ();
  json_object_set_string_member (body, "incident_id", incident_id);
  json_object_set_string_member (body, "description", text);
  json_object_set_string_member (body, "type", sitrep_action_type_to_string (type));
  set_or_null (body, "owner", handle);
  set_or_null (body, "due_date", date);
  json_object_set_string_member (body, "status",
                                 sitrep_action_status_to_string (SITREP_ACTION_NOT_STARTED));
  json_object_set_null_member (body, "completed_at");

  if (!sitrep_store_put (self->store, "action_items", id, body, error))
    return NULL;

  return g_steal_pointer (&id);
}

/**
 * sitrep_context_edit_action_item:
 * @fields: any of `description`, `type`, `owner`, `due_date` (strings;
 *   "" or null clears the owner or the due date)
 *
 * Changes an item in place, after checking what is typed. A status is
 * changed with sitrep_context_set_action_item_status().
 */
gboolean
sitrep_context_edit_action_item (SitrepContext  *self,
                                 const char     *item_id,
                                 JsonObject     *fields,
                                 GError        **error)
{
  g_autoptr(JsonObject) patch = json_object_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  if (json_object_has_member (fields, "description"))
    {
      g_autofree char *text = g_strstrip (g_strdup (sitrep_json_get_string (fields, "description") ?: ""));

      if (text[0] == '\0')
        {
          g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                       _("Describe the action item first"));
          return FALSE;
        }
      json_object_set_string_member (patch, "description", text);
    }
  if (json_object_has_member (fields, "type"))
    {
      SitrepActionType type;

      if (!sitrep_action_type_from_string (sitrep_json_get_string (fields, "type"), &type))
        {
          g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                       _("An action item prevents, detects or responds"));
          return FALSE;
        }
      json_object_set_string_member (patch, "type", sitrep_action_type_to_string (type));
    }
  if (json_object_has_member (fields, "owner"))
    {
      g_autofree char *handle = _sitrep_context_normalise_handle (sitrep_json_get_string (fields, "owner"),
                                                                  &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      set_or_null (patch, "owner", handle);
    }
  if (json_object_has_member (fields, "due_date"))
    {
      g_autofree char *date = NULL;

      if (!check_due_date (sitrep_json_get_string (fields, "due_date"), &date, error))
        return FALSE;
      set_or_null (patch, "due_date", date);
    }

  if (json_object_get_size (patch) == 0)
    return TRUE;

  return sitrep_store_patch (self->store, "action_items", item_id, patch, error);
}

/**
 * sitrep_context_set_action_item_status:
 *
 * Moves an item to @status; completing it stamps its completion time,
 * any other status clears it.
 */
gboolean
sitrep_context_set_action_item_status (SitrepContext       *self,
                                       const char          *item_id,
                                       SitrepActionStatus   status,
                                       GError             **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonObject) fields = NULL;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  now = sitrep_clock_dup_now (self->clock);
  fields = sitrep_action_item_status_fields (status, now);
  return sitrep_store_patch (self->store, "action_items", item_id, fields, error);
}

/**
 * sitrep_context_count_my_overdue:
 * @now: the time to judge by
 *
 * Returns: how many action items the current user owns are overdue
 */
guint
sitrep_context_count_my_overdue (SitrepContext *self,
                                 GDateTime     *now)
{
  GListModel *items;
  guint n = 0;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), 0);

  items = sitrep_context_get_action_items (self);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(SitrepActionItem) item = g_list_model_get_item (items, i);

      if (sitrep_action_item_is_owned_by (item, self->user) &&
          sitrep_action_item_is_overdue (sitrep_record_object_get_body (SITREP_RECORD_OBJECT (item)),
                                         now))
        n++;
    }

  return n;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-workspace"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-action-item.h"
#include "sitrep-context-private.h"
#include "sitrep-workspace-private.h"

/* The incident's action items: the list the postmortem shows, and what
 * its widgets ask to change. The context writes; the list follows the
 * store's commits like the workspace's other lists. */

static SitrepContext *
context_of (SitrepWorkspace  *self,
            GError          **error)
{
  GObject *context = _sitrep_workspace_get_context (self);

  if (context == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The incident is no longer open"));

  return context != NULL ? SITREP_CONTEXT (context) : NULL;
}

/* Whether @item_id is one of this incident's items. */
static gboolean
is_ours (SitrepWorkspace  *self,
         const char       *item_id,
         GError          **error)
{
  SitrepRecordList *list = SITREP_RECORD_LIST (sitrep_workspace_get_action_items (self));

  if (item_id != NULL && sitrep_record_list_lookup (list, item_id) != NULL)
    return TRUE;

  g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
               _("The action item is no longer there"));
  return FALSE;
}

/**
 * sitrep_workspace_get_action_items:
 *
 * Returns: (transfer none): the incident's #SitrepActionItem list, soonest
 *   due first
 */
GListModel *
sitrep_workspace_get_action_items (SitrepWorkspace *self)
{
  g_return_val_if_fail (SITREP_IS_WORKSPACE (self), NULL);

  /* The context's list across incidents tells the items the day. */
  if (_sitrep_workspace_get_context (self) != NULL)
    sitrep_context_get_action_items (SITREP_CONTEXT (_sitrep_workspace_get_context (self)));

  return _sitrep_workspace_get_list (self, "action_items", TRUE);
}

/**
 * sitrep_workspace_add_action_item:
 * @owner: (nullable): the owner's handle, %NULL for nobody yet
 * @due_date: (nullable): "YYYY-MM-DD", %NULL for none
 *
 * Returns: (transfer full): the new item's id, or %NULL with @error set
 */
char *
sitrep_workspace_add_action_item (SitrepWorkspace   *self,
                                  const char        *description,
                                  SitrepActionType   type,
                                  const char        *owner,
                                  const char        *due_date,
                                  GError           **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL
         ? sitrep_context_add_action_item (context, sitrep_workspace_get_incident_id (self),
                                           description, type, owner, due_date, error)
         : NULL;
}

/**
 * sitrep_workspace_edit_action_item:
 * @fields: any of `description`, `type`, `owner`, `due_date`
 */
gboolean
sitrep_workspace_edit_action_item (SitrepWorkspace  *self,
                                   const char       *item_id,
                                   JsonObject       *fields,
                                   GError          **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL && is_ours (self, item_id, error) &&
         sitrep_context_edit_action_item (context, item_id, fields, error);
}

/**
 * sitrep_workspace_set_action_item_status:
 *
 * Completing an item stamps its completion time; reopening clears it.
 */
gboolean
sitrep_workspace_set_action_item_status (SitrepWorkspace     *self,
                                         const char          *item_id,
                                         SitrepActionStatus   status,
                                         GError             **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL && is_ours (self, item_id, error) &&
         sitrep_context_set_action_item_status (context, item_id, status, error);
}

/**
 * sitrep_workspace_delete_action_item:
 *
 * Deletes an item; sitrep_context_restore() with the item as the list
 * showed it undoes that.
 */
gboolean
sitrep_workspace_delete_action_item (SitrepWorkspace  *self,
                                     const char       *item_id,
                                     GError          **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL && is_ours (self, item_id, error) &&
         sitrep_context_delete_record (context, "action_items", item_id, error);
}

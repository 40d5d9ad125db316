/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-workspace"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-context-private.h"
#include "sitrep-workspace-private.h"

/* What the pages of one incident ask to change. The context owns the store
 * and turns each request into mutations; the workspace shows the result
 * when the store announces the commit. */

static SitrepContext *
context_of (SitrepWorkspace  *self,
            GError          **error)
{
  GObject *context = _sitrep_workspace_get_context (self);

  if (context == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The incident is no longer open"));

  return context != NULL ? SITREP_CONTEXT (context) : NULL;
}

#define ID(self) sitrep_workspace_get_incident_id (self)

/**
 * sitrep_workspace_update_incident:
 * @fields: the incident fields to set
 *
 * Changes the incident's fields as they are, with no timeline entry.
 */
gboolean
sitrep_workspace_update_incident (SitrepWorkspace  *self,
                                  JsonObject       *fields,
                                  GError          **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL && sitrep_context_update_incident (context, ID (self), fields, error);
}

/**
 * sitrep_workspace_set_status:
 *
 * Moves the incident along its lifecycle, if the move is allowed.
 */
gboolean
sitrep_workspace_set_status (SitrepWorkspace  *self,
                             SitrepStatus      status,
                             GError          **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL && sitrep_context_set_status (context, ID (self), status, error);
}

gboolean
sitrep_workspace_set_severity (SitrepWorkspace  *self,
                               SitrepSeverity    severity,
                               GError          **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL && sitrep_context_set_severity (context, ID (self), severity, error);
}

/**
 * sitrep_workspace_set_milestone:
 * @when: (nullable): the time, %NULL to clear it
 */
gboolean
sitrep_workspace_set_milestone (SitrepWorkspace  *self,
                                SitrepMilestone   milestone,
                                GDateTime        *when,
                                GError          **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL &&
         sitrep_context_set_milestone (context, ID (self), milestone, when, error);
}

/**
 * sitrep_workspace_set_major:
 *
 * Switches the Major Incident Protocol on or off.
 */
gboolean
sitrep_workspace_set_major (SitrepWorkspace  *self,
                            gboolean          major,
                            GError          **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL && sitrep_context_set_major (context, ID (self), major, error);
}

/**
 * sitrep_workspace_assign_role:
 * @person: (nullable): the handle, or %NULL / "" to leave the role empty
 *
 * Assigns, hands over or clears a role, with a `role` timeline entry.
 */
gboolean
sitrep_workspace_assign_role (SitrepWorkspace  *self,
                              SitrepRole        role,
                              const char       *person,
                              GError          **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL && sitrep_context_assign_role (context, ID (self), role, person, error);
}

/**
 * sitrep_workspace_handover_briefing:
 *
 * Returns: (transfer full): the briefing for an incoming commander
 */
char *
sitrep_workspace_handover_briefing (SitrepWorkspace *self)
{
  SitrepContext *context = context_of (self, NULL);

  return context != NULL ? sitrep_context_handover_briefing (context, ID (self)) : g_strdup ("");
}

/**
 * sitrep_workspace_set_checklist_done:
 *
 * Ticks or unticks an item, recording who and when.
 */
gboolean
sitrep_workspace_set_checklist_done (SitrepWorkspace  *self,
                                     const char       *item_id,
                                     gboolean          done,
                                     GError          **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL && sitrep_context_set_checklist_done (context, item_id, done, error);
}

/**
 * sitrep_workspace_add_checklist_item:
 *
 * Returns: (transfer full): the new item's id, or %NULL with @error set
 */
char *
sitrep_workspace_add_checklist_item (SitrepWorkspace  *self,
                                     SitrepPhase       phase,
                                     const char       *text,
                                     GError          **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL ? sitrep_context_add_checklist_item (context, ID (self), phase, text,
                                                              error)
                         : NULL;
}

/**
 * sitrep_workspace_add_timeline_entry:
 * @occurred_at: (nullable): when it happened; %NULL for now
 *
 * Returns: (transfer full): the new entry's id, or %NULL with @error set
 */
char *
sitrep_workspace_add_timeline_entry (SitrepWorkspace     *self,
                                     GDateTime           *occurred_at,
                                     SitrepTimelineKind   kind,
                                     const char          *text,
                                     GError             **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL ? sitrep_context_add_timeline_entry (context, ID (self), occurred_at,
                                                              kind, text, error)
                         : NULL;
}

/**
 * sitrep_workspace_edit_timeline_entry:
 * @fields: any of `text`, `occurred_at`, `kind`, `pinned`
 */
gboolean
sitrep_workspace_edit_timeline_entry (SitrepWorkspace  *self,
                                      const char       *entry_id,
                                      JsonObject       *fields,
                                      GError          **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL && sitrep_context_edit_timeline_entry (context, entry_id, fields, error);
}

/**
 * sitrep_workspace_edit_timeline_entry_from:
 * @opened: the entry's `text`, `occurred_at` and `kind` as the editor
 *   showed them when it opened
 * @opened_version: the entry's version then
 *
 * Saves what an editor changed, checked against the entry it started from.
 */
gboolean
sitrep_workspace_edit_timeline_entry_from (SitrepWorkspace  *self,
                                           const char       *entry_id,
                                           JsonObject       *fields,
                                           JsonObject       *opened,
                                           gint64            opened_version,
                                           GError          **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL &&
         sitrep_context_edit_timeline_entry_from (context, entry_id, fields, opened,
                                                  opened_version, error);
}

/**
 * sitrep_workspace_template_values:
 *
 * Returns: (transfer full): the values of the incident's placeholders
 */
GHashTable *
sitrep_workspace_template_values (SitrepWorkspace *self)
{
  SitrepContext *context = context_of (self, NULL);

  return context != NULL ? sitrep_context_template_values (context, ID (self))
                         : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * sitrep_workspace_send_communication:
 * @template_id: (nullable): the template it was written from
 *
 * Records an update as sent, with its timeline entry and status change.
 *
 * Returns: (transfer full): the communication's id, or %NULL with @error set
 */
char *
sitrep_workspace_send_communication (SitrepWorkspace  *self,
                                     SitrepAudience    audience,
                                     const char       *template_id,
                                     SitrepStatus      new_status,
                                     const char       *title,
                                     const char       *body,
                                     GError          **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL ? sitrep_context_send_communication (context, ID (self), audience,
                                                              template_id, new_status, title,
                                                              body, error)
                         : NULL;
}

/**
 * sitrep_workspace_snooze:
 *
 * Postpones @audience's next update by @minutes, saying why.
 */
gboolean
sitrep_workspace_snooze (SitrepWorkspace  *self,
                         SitrepAudience    audience,
                         guint             minutes,
                         const char       *reason,
                         GError          **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL &&
         sitrep_context_snooze (context, ID (self), audience, minutes, reason, error);
}

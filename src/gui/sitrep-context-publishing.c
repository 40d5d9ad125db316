/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-context-private.h"
#include "sitrep-enum-strings.h"
#include "sitrep-json.h"
#include "sitrep-publishing.h"
#include "sitrep-time.h"

/* Status page publishing (PROTOCOL.md § Integrations): the app records the
 * intent on the communication, the server posts it to Statuspage and
 * writes the outcome back through the feed. With the publish-needs-approval
 * setting on, it waits for the incident's Communications Lead first (the
 * guide: "all external communications must be approved by the
 * Communications Lead and Legal"). Approving patches only the approval
 * fields, so the server's delivery fields are never overwritten. */

/**
 * sitrep_context_get_publish_needs_approval:
 *
 * Returns: whether a published update waits for the Communications
 *   Lead's approval (the publish-needs-approval setting; off without the
 *   schema)
 */
gboolean
sitrep_context_get_publish_needs_approval (SitrepContext *self)
{
  GSettingsSchema *schema =
    g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APPLICATION_ID,
                                     TRUE);
  gboolean needs = FALSE;

  if (schema != NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

      needs = g_settings_get_boolean (settings, "publish-needs-approval");
      g_settings_schema_unref (schema);
    }
  return needs;
}

/**
 * sitrep_context_publish_communication:
 * @template_id: (nullable): the template it was written from
 * @new_status: as for sitrep_context_send_communication()
 *
 * Records a status page update as sent, as Mark as Sent does, and asks
 * the team server to publish it (`publish: true`), after the
 * Communications Lead's approval when the setting asks for it.
 *
 * Returns: (transfer full): the communication's id, or %NULL with @error set
 */
char *
sitrep_context_publish_communication (SitrepContext  *self,
                                      const char     *incident_id,
                                      const char     *template_id,
                                      SitrepStatus    new_status,
                                      const char     *title,
                                      const char     *body,
                                      GError        **error)
{
  g_autoptr(JsonObject) fields = NULL;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  fields = sitrep_publication_request (sitrep_context_get_publish_needs_approval (self));
  return _sitrep_context_send_communication_with (self, incident_id, SITREP_AUDIENCE_STATUS_PAGE,
                                                  template_id, new_status, title, body, fields,
                                                  error);
}

/**
 * sitrep_context_may_approve:
 *
 * Returns: whether this app's user holds @incident_id's Communications
 *   Lead role, and so may approve its status page updates
 */
gboolean
sitrep_context_may_approve (SitrepContext *self,
                            const char    *incident_id)
{
  g_autofree char *lead = NULL;
  g_autoptr(JsonObject) awaiting = sitrep_publication_request (TRUE);

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  lead = sitrep_context_dup_role_person (self, incident_id, SITREP_ROLE_COMMUNICATIONS);
  return sitrep_publication_may_approve (awaiting, lead, sitrep_context_get_user (self), NULL);
}

/**
 * sitrep_context_approve_communication:
 *
 * Approves a status page update that awaits approval, as the incident's
 * Communications Lead, and says so in the timeline; the server then
 * publishes it.
 */
gboolean
sitrep_context_approve_communication (SitrepContext  *self,
                                      const char     *communication_id,
                                      GError        **error)
{
  g_autoptr(SitrepRecord) record = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(GPtrArray) mutations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);
  g_autofree char *lead = NULL;
  g_autofree char *now = sitrep_time_now ();
  g_autofree char *text = NULL;
  const char *incident_id;
  const char *title;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (communication_id != NULL, FALSE);

  record = sitrep_store_get (sitrep_context_get_store (self), "communications", communication_id);
  if (record == NULL || record->deleted)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                   _("The update was deleted"));
      return FALSE;
    }
  incident_id = sitrep_json_get_string (record->body, "incident_id");
  lead = sitrep_context_dup_role_person (self, incident_id, SITREP_ROLE_COMMUNICATIONS);
  {
    g_autoptr(GError) refused = NULL;

    if (!sitrep_publication_may_approve (record->body, lead, sitrep_context_get_user (self),
                                         &refused))
      {
        g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                             refused->message);
        return FALSE;
      }
  }

  fields = sitrep_publication_approval (sitrep_context_get_user (self), now);
  g_ptr_array_add (mutations, sitrep_mutation_new_patch ("communications", communication_id,
                                                         fields));
  title = sitrep_json_get_string (record->body, "title");
  /* Translators: a timeline entry, e.g. "Status page update approved: Payments degraded" */
  text = g_strdup_printf (_("Status page update approved: %s"),
                          title && title[0] ? title : _("Untitled update"));
  g_ptr_array_add (mutations,
                   _sitrep_context_timeline_put (incident_id, now, SITREP_KIND_COMMUNICATION, text,
                                                 sitrep_context_get_user (self)));

  return sitrep_store_apply (sitrep_context_get_store (self),
                             (SitrepMutation **) mutations->pdata, mutations->len, error);
}

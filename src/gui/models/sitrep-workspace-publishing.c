/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-context-private.h"
#include "sitrep-workspace-private.h"

/* Status page publishing of the workspace's incident: what the Updates
 * page asks for. The context writes the records. */

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
 * sitrep_workspace_publish_communication:
 * @template_id: (nullable): the template it was written from
 *
 * Records a status page update as sent and asks for it to be published.
 *
 * Returns: (transfer full): the communication's id, or %NULL with @error set
 */
char *
sitrep_workspace_publish_communication (SitrepWorkspace  *self,
                                        const char       *template_id,
                                        SitrepStatus      new_status,
                                        const char       *title,
                                        const char       *body,
                                        GError          **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL
         ? sitrep_context_publish_communication (context, sitrep_workspace_get_incident_id (self),
                                                 template_id, new_status, title, body, error)
         : NULL;
}

/**
 * sitrep_workspace_may_approve:
 *
 * Returns: whether the user is the incident's Communications Lead
 */
gboolean
sitrep_workspace_may_approve (SitrepWorkspace *self)
{
  SitrepContext *context = context_of (self, NULL);

  return context != NULL &&
         sitrep_context_may_approve (context, sitrep_workspace_get_incident_id (self));
}

/**
 * sitrep_workspace_approve_communication:
 *
 * Approves a status page update awaiting approval, as Communications Lead.
 */
gboolean
sitrep_workspace_approve_communication (SitrepWorkspace  *self,
                                        const char       *communication_id,
                                        GError          **error)
{
  SitrepContext *context = context_of (self, error);

  return context != NULL &&
         sitrep_context_approve_communication (context, communication_id, error);
}

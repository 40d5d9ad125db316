/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-workspace"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-context-private.h"
#include "sitrep-workspace-private.h"

/* What an incident owes after its resolution (the postmortem, and for a
 * major incident the executive summary, hot wash, executive review and
 * action item follow-up): the marks the deadlines read, and marking one
 * done. */

void
_sitrep_workspace_fill_obligations (SitrepWorkspace     *self,
                                    SitrepDeadlineInput *in)
{
  GObject *context = _sitrep_workspace_get_context (self);

  if (context != NULL)
    _sitrep_context_fill_obligations (SITREP_CONTEXT (context),
                                      sitrep_workspace_get_incident (self), in);
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
 * sitrep_workspace_mark_obligation_done:
 * @kind: an obligation the incident owes (sitrep_deadline_is_obligation())
 *
 * Records it as done now, by the user, with a note on the timeline
 * ("Hot wash done"); it leaves the deadlines, also once closed.
 */
gboolean
sitrep_workspace_mark_obligation_done (SitrepWorkspace     *self,
                                       SitrepDeadlineKind   kind,
                                       GError             **error)
{
  SitrepContext *context;

  g_return_val_if_fail (SITREP_IS_WORKSPACE (self), FALSE);

  context = context_of (self, error);
  return context != NULL &&
         sitrep_context_mark_obligation_done (context, sitrep_workspace_get_incident_id (self),
                                              kind, error);
}

/**
 * sitrep_workspace_unmark_obligation_done:
 *
 * Takes back a "Mark Done" made in error: the obligation is owed again,
 * with a note on the timeline.
 */
gboolean
sitrep_workspace_unmark_obligation_done (SitrepWorkspace     *self,
                                         SitrepDeadlineKind   kind,
                                         GError             **error)
{
  SitrepContext *context;

  g_return_val_if_fail (SITREP_IS_WORKSPACE (self), FALSE);

  context = context_of (self, error);
  return context != NULL &&
         sitrep_context_unmark_obligation_done (context, sitrep_workspace_get_incident_id (self),
                                                kind, error);
}

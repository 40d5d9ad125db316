/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "sitrep-json.h"
#include "sitrep-publishing.h"

/* Status page publishing, as the app sees it: the author asks for it
 * (`publish`, and `approval` when the guide's approval rule is on), the
 * incident's Communications Lead approves, and the server, which holds the
 * Statuspage key, delivers it and writes the outcome back. */

/**
 * sitrep_publication_of:
 * @communication: a `communications` body
 *
 * Returns: where @communication stands with the status page
 */
SitrepPublication
sitrep_publication_of (JsonObject *communication)
{
  const char *approval;
  const char *delivery;

  if (communication == NULL || !sitrep_json_get_bool (communication, "publish"))
    return SITREP_PUBLICATION_NONE;

  delivery = sitrep_json_get_string (communication, "delivery");
  if (g_strcmp0 (delivery, "delivered") == 0)
    return SITREP_PUBLICATION_PUBLISHED;
  if (g_strcmp0 (delivery, "failed") == 0)
    return SITREP_PUBLICATION_FAILED;

  approval = sitrep_json_get_string (communication, "approval");
  if (g_strcmp0 (approval, "awaiting") == 0)
    return SITREP_PUBLICATION_AWAITING;
  return SITREP_PUBLICATION_PENDING;
}

/**
 * sitrep_publication_request:
 * @needs_approval: whether the Communications Lead must approve it first
 *
 * Returns: (transfer full): the fields an author sets on a communication
 *   to have it published
 */
JsonObject *
sitrep_publication_request (gboolean needs_approval)
{
  JsonObject *fields = json_object_new ();

  json_object_set_boolean_member (fields, "publish", TRUE);
  json_object_set_string_member (fields, "approval", needs_approval ? "awaiting" : "none");
  return fields;
}

/**
 * sitrep_publication_approval:
 *
 * Returns: (transfer full): the fields approving a communication: only
 *   these are patched, so the server's delivery fields stay as they are
 */
JsonObject *
sitrep_publication_approval (const char *approved_by,
                             const char *approved_at)
{
  JsonObject *fields = json_object_new ();

  json_object_set_string_member (fields, "approval", "approved");
  json_object_set_string_member (fields, "approved_by", approved_by);
  json_object_set_string_member (fields, "approved_at", approved_at);
  return fields;
}

static char *
bare_handle (const char *handle)
{
  g_autofree char *stripped = g_strstrip (g_strdup (handle ? handle : ""));

  return g_utf8_casefold (stripped[0] == '@' ? stripped + 1 : stripped, -1);
}

/**
 * sitrep_publication_may_approve:
 * @communications_lead: (nullable): who holds the incident's
 *   Communications Lead role
 * @user: who asks to approve
 *
 * The guide: "all external communications must be approved by the
 * Communications Lead". Only a communication awaiting approval can be
 * approved, and only by the person holding that role.
 */
gboolean
sitrep_publication_may_approve (JsonObject  *communication,
                                const char  *communications_lead,
                                const char  *user,
                                GError     **error)
{
  g_autofree char *lead = bare_handle (communications_lead);
  g_autofree char *me = bare_handle (user);

  if (sitrep_publication_of (communication) != SITREP_PUBLICATION_AWAITING)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("This update is not waiting for approval"));
      return FALSE;
    }
  if (lead[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("Nobody is Communications Lead of this incident: assign the role first"));
      return FALSE;
    }
  if (me[0] == '\0' || g_strcmp0 (lead, me) != 0)
    {
      /* Translators: %s is the Communications Lead's handle */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("Only the Communications Lead (%s) may approve it"), communications_lead);
      return FALSE;
    }
  return TRUE;
}

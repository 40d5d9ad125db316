/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-snooze"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-snooze-dialog.h"

/* Snoozing puts off one audience's update clock for everyone on the
 * incident, so it asks for how long and why; the reason goes into the
 * timeline with the snooze (sitrep_context_snooze()). */

typedef struct
{
  SitrepContext  *context;
  GWeakRef        notifier;
  GtkWindow      *parent;        /* weak */
  GtkEntry       *reason;
  char           *incident_id;
  SitrepAudience  audience;
} SnoozeData;

static void
snooze_data_free (gpointer data,
                  GClosure *closure)
{
  SnoozeData *snooze = data;

  g_clear_object (&snooze->context);
  g_weak_ref_clear (&snooze->notifier);
  if (snooze->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (snooze->parent), (gpointer *) &snooze->parent);
  g_free (snooze->incident_id);
  g_free (snooze);
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             SnoozeData       *snooze)
{
  g_autoptr(SitrepNotifier) notifier = g_weak_ref_get (&snooze->notifier);
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepWorkspace) workspace = NULL;
  guint64 minutes;

  if (!g_ascii_string_to_unsigned (response, 10, 1, 24 * 60, &minutes, NULL))
    return;

  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (snooze->reason))));
  workspace = sitrep_context_open_workspace (snooze->context, snooze->incident_id);
  if (!sitrep_workspace_snooze (workspace, snooze->audience, (guint) minutes, reason, &error))
    {
      if (snooze->parent != NULL)
        sitrep_widget_show_error (GTK_WIDGET (snooze->parent), error);
      else
        g_message ("Could not snooze: %s", error->message);
      return;
    }

  if (notifier != NULL)
    sitrep_notifier_record_snooze (notifier, snooze->incident_id, snooze->audience);
}

/**
 * sitrep_snooze_dialog_new:
 * @parent: (nullable): the window to attach to
 * @notifier: (nullable): told of the snooze, so it counts as a reminder given
 *
 * Asks for how long (5, 15 or 30 minutes) and why to put off the update
 * of @incident_id to @audience, and snoozes it.
 *
 * Returns: (transfer floating): the dialog, to present
 */
GtkWidget *
sitrep_snooze_dialog_new (GtkWindow      *parent,
                          SitrepContext  *context,
                          SitrepNotifier *notifier,
                          const char     *incident_id,
                          SitrepAudience  audience)
{
  SitrepIncident *incident = sitrep_context_lookup_incident (context, incident_id);
  SnoozeData *snooze = g_new0 (SnoozeData, 1);
  GtkWidget *dialog, *entry;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  /* Translators: %s is an audience, e.g. "Executives" */
  heading = g_strdup_printf (_("Snooze the Update to %s?"), sitrep_audience_get_label (audience));
  /* Translators: %s is an incident's title */
  body = g_strdup_printf (_("The reminders for “%s” stop until the new due time, for everyone "
                            "on the incident. The snooze and its reason go into the timeline."),
                          incident ? sitrep_incident_get_title (incident) : incident_id);

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "5", _("_5 min"),
                                    "15", _("_15 min"),
                                    "30", _("_30 min"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "15",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "15");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason (optional)"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for the snooze"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  snooze->context = g_object_ref (context);
  g_weak_ref_init (&snooze->notifier, notifier);
  snooze->parent = parent;
  if (parent != NULL)
    g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &snooze->parent);
  snooze->reason = GTK_ENTRY (entry);
  snooze->incident_id = g_strdup (incident_id);
  snooze->audience = audience;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response), snooze, snooze_data_free,
                         0);

  return dialog;
}

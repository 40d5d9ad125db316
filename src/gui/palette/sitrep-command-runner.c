/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-command"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-command-runner.h"
#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-status.h"
#include "sitrep-window.h"

/* Every command does what the guide's incident bot list says, through the
 * same workspace and context calls as the pages' buttons, so the records
 * and timeline entries are the ones a click would write. */

static gboolean
needs_incident (SitrepCommandVerb verb)
{
  return verb != SITREP_COMMAND_START;
}

/* Parses @input and checks there is an incident for it to act on. */
static gboolean
read_command (SitrepIncident  *incident,
              const char      *input,
              SitrepCommand   *command,
              glong           *error_position,
              GError         **error)
{
  if (!sitrep_command_parse (input, command, error_position, error))
    return FALSE;

  if (needs_incident (command->verb) && incident == NULL)
    {
      sitrep_command_clear (command);
      if (error_position != NULL)
        *error_position = 0;
      g_set_error_literal (error, SITREP_COMMAND_ERROR, SITREP_COMMAND_ERROR_MISSING_ARGUMENT,
                           _("Choose an incident first: this command acts on the incident "
                             "shown"));
      return FALSE;
    }
  return TRUE;
}

/**
 * sitrep_command_runner_describe:
 * @incident: (nullable): the incident shown
 *
 * Returns: (transfer full) (nullable): what running @input will do, or
 *   %NULL with @error (and where it is) when it cannot run
 */
char *
sitrep_command_runner_describe (SitrepContext   *context,
                                SitrepIncident  *incident,
                                const char      *input,
                                glong           *error_position,
                                GError         **error)
{
  SitrepCommand command;
  g_autofree char *ref = NULL;
  char *description;

  if (!read_command (incident, input, &command, error_position, error))
    return NULL;

  if (incident != NULL)
    ref = sitrep_incident_dup_display_ref (incident);
  description = sitrep_command_describe (&command, ref);
  sitrep_command_clear (&command);
  return description;
}

/**
 * sitrep_command_runner_complete:
 * @cursor: in characters
 *
 * Returns: (transfer full) (element-type SitrepCommandCompletion): the
 *   completions of the word at @cursor, teams and people from @context
 */
GPtrArray *
sitrep_command_runner_complete (SitrepContext *context,
                                const char    *input,
                                glong          cursor)
{
  g_auto(GStrv) teams = sitrep_context_dup_team_names (context);
  g_auto(GStrv) people = sitrep_context_list_handles (context);

  return sitrep_command_complete (input, cursor, (const char * const *) teams,
                                  (const char * const *) people, NULL);
}

/* Undo --------------------------------------------------------------- */

typedef struct
{
  SitrepContext   *context;
  SitrepWorkspace *workspace;
  char            *entry_id;   /* a note to take back */
  gboolean         role_set;
  SitrepRole       role;       /* or a role to give back */
  char            *person;
} Undo;

static void
undo_free (gpointer data,
           GClosure *closure)
{
  Undo *undo = data;

  g_clear_object (&undo->context);
  g_clear_object (&undo->workspace);
  g_free (undo->entry_id);
  g_free (undo->person);
  g_free (undo);
}

static void
on_undo (AdwToast *toast,
         Undo     *undo)
{
  g_autoptr(GError) error = NULL;
  gboolean done = TRUE;

  if (undo->entry_id != NULL)
    done = sitrep_context_delete_record (undo->context, "timeline", undo->entry_id, &error);
  else if (undo->role_set)
    done = sitrep_workspace_assign_role (undo->workspace, undo->role, undo->person, &error);
  if (!done)
    g_warning ("Could not undo the command: %s", error->message);
}

/* The last offer to undo a command, while it is shown (for tests). */
static AdwToast *undo_toast;

static void
show_toast (GtkWidget  *widget,
            const char *text,
            Undo       *undo)
{
  AdwToast *toast = adw_toast_new (text);

  if (undo != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo), undo, undo_free, 0);
      g_set_weak_pointer (&undo_toast, toast);
    }
  sitrep_widget_show_toast (widget, toast);
}

/**
 * _sitrep_command_runner_get_undo_toast:
 *
 * Returns: (transfer none) (nullable): the toast offering to undo the last
 *   command that can be undone, while it exists
 */
AdwToast *
_sitrep_command_runner_get_undo_toast (void)
{
  return undo_toast;
}

/* Resolving ------------------------------------------------------------ */

static void
on_resolution_response (AdwMessageDialog *dialog,
                        const char       *response,
                        GtkWindow        *window)
{
  const char *incident_id = g_object_get_data (G_OBJECT (dialog), "sitrep-incident-id");

  if (g_strcmp0 (response, "compose") != 0 || window == NULL || incident_id == NULL)
    return;

  /* The Updates page, on the status page's resolution template. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.compose", "(ss)", incident_id,
                              sitrep_audience_to_string (SITREP_AUDIENCE_STATUS_PAGE));
}

/* As the Overview's Resolved button: the status page and stakeholders
 * still think it is going on. */
static void
offer_resolution_update (GtkWidget  *widget,
                         const char *incident_id)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (window, _("Incident Resolved"),
                                   _("Tell the status page and stakeholders that service is "
                                     "restored: customers are not told until an update is "
                                     "sent."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("_Later"),
                                    "compose", _("_Compose Resolution Update"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "compose",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "compose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_object_set_data_full (G_OBJECT (dialog), "sitrep-incident-id", g_strdup (incident_id),
                          g_free);
  if (window != NULL)
    g_signal_connect_object (dialog, "response", G_CALLBACK (on_resolution_response), window, 0);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Running -------------------------------------------------------------- */

static gboolean
run_start (GtkWidget            *widget,
           SitrepContext        *context,
           const SitrepCommand  *command,
           GError              **error)
{
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  /* As the Declare dialog does, with what the command says. */
  id = sitrep_context_declare_incident (context, command->title, "", "", command->severity,
                                        error);
  if (id == NULL)
    return FALSE;

  if (SITREP_IS_WINDOW (root))
    sitrep_window_select_incident (SITREP_WINDOW (root), id);
  /* Translators: a toast, %s is the incident's title */
  text = g_strdup_printf (_("Declared “%s”"), command->title);
  show_toast (widget, text, NULL);
  return TRUE;
}

static gboolean
move_status (SitrepWorkspace  *workspace,
             SitrepIncident   *incident,
             SitrepStatus      status,
             GError          **error)
{
  SitrepStatus now = sitrep_incident_get_status (incident);

  if (status == SITREP_STATUS_INVALID || status == now)
    return TRUE;
  return sitrep_workspace_set_status (workspace, status, error);
}

static gboolean
run_on_incident (GtkWidget            *widget,
                 SitrepContext        *context,
                 SitrepIncident       *incident,
                 const SitrepCommand  *command,
                 GError              **error)
{
  const char *incident_id = sitrep_incident_get_id (incident);
  g_autoptr(SitrepWorkspace) workspace = sitrep_context_open_workspace (context, incident_id);
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;

  switch (command->verb)
    {
    case SITREP_COMMAND_PAGE:
      id = sitrep_context_request_page (context, incident_id, command->team, command->text,
                                        error);
      if (id == NULL)
        return FALSE;
      /* Translators: a toast; %s is a team */
      text = g_strdup_printf (_("Paging %s: the Roles page shows when it is delivered"),
                              command->team);
      show_toast (widget, text, NULL);
      return TRUE;

    case SITREP_COMMAND_STATUS:
      /* The update, then the move its first word names ("Identified …"). */
      id = sitrep_workspace_add_timeline_entry (workspace, NULL, SITREP_KIND_STATUS,
                                                command->text, error);
      if (id == NULL ||
          !move_status (workspace, incident, sitrep_command_status_named (command->text), error))
        return FALSE;
      show_toast (widget, _("Status update recorded"), NULL);
      return TRUE;

    case SITREP_COMMAND_MITIGATE:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

        /* The milestone first: a time it refuses leaves nothing half done. */
        if (sitrep_incident_get_milestone (incident, SITREP_MILESTONE_MITIGATED) == NULL &&
            !sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_MITIGATED, now, error))
          return FALSE;
        id = sitrep_workspace_add_timeline_entry (workspace, now, SITREP_KIND_MITIGATION,
                                                  command->text, error);
        if (id == NULL)
          return FALSE;
        if (sitrep_incident_get_status (incident) < SITREP_STATUS_MONITORING &&
            !move_status (workspace, incident, SITREP_STATUS_MONITORING, error))
          return FALSE;
        show_toast (widget, _("Mitigation recorded"), NULL);
        return TRUE;
      }

    case SITREP_COMMAND_RESOLVE:
      if (!sitrep_workspace_set_status (workspace, SITREP_STATUS_RESOLVED, error))
        return FALSE;
      offer_resolution_update (widget, incident_id);
      return TRUE;

    case SITREP_COMMAND_NOTE:
      {
        Undo *undo;

        id = sitrep_workspace_add_timeline_entry (workspace, NULL, SITREP_KIND_NOTE,
                                                  command->text, error);
        if (id == NULL)
          return FALSE;
        undo = g_new0 (Undo, 1);
        undo->context = g_object_ref (context);
        undo->entry_id = g_steal_pointer (&id);
        show_toast (widget, _("Note added to the timeline"), undo);
        return TRUE;
      }

    case SITREP_COMMAND_ROLE:
      {
        g_autofree char *before = sitrep_workspace_dup_role_person (workspace, command->role);
        g_autofree char *after = NULL;
        Undo *undo;

        if (!sitrep_workspace_assign_role (workspace, command->role, command->person, error))
          return FALSE;
        after = sitrep_workspace_dup_role_person (workspace, command->role);
        undo = g_new0 (Undo, 1);
        undo->context = g_object_ref (context);
        undo->workspace = g_object_ref (workspace);
        undo->role_set = TRUE;
        undo->role = command->role;
        undo->person = g_steal_pointer (&before);
        /* Translators: a toast; a person, then a role */
        text = g_strdup_printf (_("%s is now %s"), after != NULL ? after : command->person,
                                sitrep_role_get_label (command->role));
        show_toast (widget, text, undo);
        return TRUE;
      }

    case SITREP_COMMAND_START:
    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * sitrep_command_runner_run:
 * @widget: where the command was typed: its window shows the toasts and
 *   the incident a start declares
 * @incident: (nullable): the incident shown
 *
 * Runs one command. A malformed one changes nothing and says why, and
 * where (@error_position, in characters); one the context refuses says
 * why with the position -1.
 *
 * Returns: whether it ran
 */
gboolean
sitrep_command_runner_run (GtkWidget       *widget,
                           SitrepContext   *context,
                           SitrepIncident  *incident,
                           const char      *input,
                           glong           *error_position,
                           GError         **error)
{
  SitrepCommand command;
  gboolean ran;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (SITREP_IS_CONTEXT (context), FALSE);

  if (!read_command (incident, input, &command, error_position, error))
    return FALSE;

  if (error_position != NULL)
    *error_position = -1;
  if (command.verb == SITREP_COMMAND_START)
    ran = run_start (widget, context, &command, error);
  else
    ran = run_on_incident (widget, context, incident, &command, error);
  sitrep_command_clear (&command);
  return ran;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-conflict"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-conflict-dialog.h"
#include "sitrep-json.h"

/* When the server refused an edit because someone else changed the record
 * first, both texts are shown and the user decides: keep mine, take
 * theirs, or edit one from both. Nothing is dropped without a decision. */

typedef struct
{
  SitrepContext  *context;
  SitrepRefusedEdit *conflict;
} ConflictData;

static void
conflict_data_free (ConflictData *data)
{
  g_clear_object (&data->context);
  g_clear_pointer (&data->conflict, sitrep_refused_edit_free);
  g_free (data);
}

static void
conflict_data_notify (gpointer  data,
                      GClosure *closure)
{
  conflict_data_free (data);
}

/* The field a person reads and edits: a timeline entry's text, a role's
 * holder. */
static const char *
main_field (SitrepRefusedEdit *conflict)
{
  if (g_str_equal (conflict->coll, "timeline"))
    return "text";
  if (g_str_equal (conflict->coll, "roles"))
    return "person";
  if (g_str_equal (conflict->coll, "incidents"))
    return "title";
  return NULL;
}

/**
 * sitrep_conflict_describe_body:
 *
 * Returns: (transfer full): what a person reads of @body
 */
char *
sitrep_conflict_describe_body (SitrepRefusedEdit *conflict,
                               JsonObject        *body)
{
  const char *field = main_field (conflict);

  if (body == NULL)
    return g_strdup (_("(deleted)"));
  if (field != NULL)
    {
      const char *value = sitrep_json_get_string (body, field);

      return g_strdup_printf ("“%s”", value ? value : _("nobody"));
    }
  return sitrep_json_to_string (body);
}

static void
settle (ConflictData *data,
        GtkWindow    *parent,
        JsonObject   *body)
{
  g_autoptr(GError) error = NULL;

  if (!sitrep_context_settle_refused_edit (data->context, data->conflict, body, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (parent, _("Could Not Save the Choice"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
edit_response (AdwMessageDialog *dialog,
               const char       *response,
               ConflictData     *data)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(JsonObject) body = NULL;

  if (!g_str_equal (response, "save"))
    {
      /* Back to the choice, which is still open. */
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

      gtk_window_present (GTK_WINDOW (sitrep_conflict_dialog_new (parent, data->context,
                                                                  data->conflict)));
      return;
    }

  body = sitrep_refused_edit_dup_mine_body (data->conflict);
  if (body == NULL)
    body = data->conflict->theirs ? sitrep_json_copy (data->conflict->theirs) : json_object_new ();
  json_object_set_string_member (body, main_field (data->conflict), gtk_editable_get_text (entry));
  settle (data, gtk_window_get_transient_for (GTK_WINDOW (dialog)), body);
}

static void
present_editor (GtkWindow    *parent,
                ConflictData *data)
{
  g_autoptr(JsonObject) mine = sitrep_refused_edit_dup_mine_body (data->conflict);
  g_autofree char *theirs = sitrep_conflict_describe_body (data->conflict, data->conflict->theirs);
  g_autofree char *body = g_strdup_printf (_("Theirs: %s"), theirs);
  GtkWidget *dialog = adw_message_dialog_new (parent, _("Edit From Both"), body);
  GtkWidget *entry = gtk_entry_new ();
  const char *text = mine ? sitrep_json_get_string (mine, main_field (data->conflict)) : NULL;
  ConflictData *copy = g_new0 (ConflictData, 1);

  copy->context = g_object_ref (data->context);
  copy->conflict = sitrep_refused_edit_copy (data->conflict);

  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The text to keep"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Back"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (edit_response), copy,
                         conflict_data_notify, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
choice_response (AdwMessageDialog *dialog,
                 const char       *response,
                 ConflictData     *data)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_str_equal (response, "mine"))
    {
      g_autoptr(JsonObject) mine = sitrep_refused_edit_dup_mine_body (data->conflict);

      if (mine != NULL)
        settle (data, parent, mine);
      else
        {
          /* Mine was a delete: delete it again, against their version. */
          g_autoptr(GError) error = NULL;

          if (sitrep_context_delete_record (data->context, data->conflict->coll,
                                            data->conflict->rec_id, &error))
            settle (data, parent, NULL);
        }
    }
  else if (g_str_equal (response, "theirs") || g_str_equal (response, "dismiss"))
    settle (data, parent, NULL);
  else if (g_str_equal (response, "copy"))
    {
      g_autofree char *text = sitrep_conflict_describe_body (data->conflict, data->conflict->mine);

      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), text);
      settle (data, parent, NULL);
    }
  else if (g_str_equal (response, "edit"))
    present_editor (parent, data);
  /* "later": the conflict stays listed and comes back. */
}

/**
 * sitrep_conflict_dialog_new:
 *
 * Returns: (transfer none): a dialog asking what to do with a refused edit
 */
GtkWidget *
sitrep_conflict_dialog_new (GtkWindow         *parent,
                            SitrepContext     *context,
                            SitrepRefusedEdit *conflict)
{
  g_autoptr(JsonObject) mine = sitrep_refused_edit_dup_mine_body (conflict);
  g_autofree char *mine_text = sitrep_conflict_describe_body (conflict, mine);
  g_autofree char *theirs_text = sitrep_conflict_describe_body (conflict, conflict->theirs);
  ConflictData *data = g_new0 (ConflictData, 1);
  GtkWidget *dialog;
  g_autofree char *body = NULL;
  const char *heading;

  data->context = g_object_ref (context);
  data->conflict = sitrep_refused_edit_copy (conflict);

  if (g_str_equal (conflict->kind, "rejected"))
    {
      body = g_strdup_printf (_("%s\n\nYour edit: %s"),
                              conflict->message ? conflict->message : _("No reason given"),
                              mine_text);
      dialog = adw_message_dialog_new (parent, _("The Server Refused an Edit"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "copy", _("_Copy Your Text"),
                                        "dismiss", _("_Dismiss"),
                                        NULL);
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "copy");
    }
  else
    {
      heading = g_str_equal (conflict->coll, "timeline") ? _("Someone Else Edited This Entry")
                : g_str_equal (conflict->coll, "roles") ? _("Someone Else Changed This Role")
                : _("Someone Else Changed This");
      /* Translators: both versions of a record edited by two people at once */
      body = g_strdup_printf (_("Yours: %s\n\nTheirs, now on the server: %s"),
                              mine_text, theirs_text);
      dialog = adw_message_dialog_new (parent, heading, body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "later", _("_Later"),
                                        "theirs", _("Take _Theirs"),
                                        NULL);
      if (main_field (conflict) != NULL)
        adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "edit", _("_Edit…"));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "mine", _("Keep _Mine"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mine",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "mine");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
    }

  g_signal_connect_data (dialog, "response", G_CALLBACK (choice_response), data,
                         conflict_data_notify, 0);
  return dialog;
}

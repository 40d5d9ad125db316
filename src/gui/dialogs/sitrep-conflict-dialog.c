/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-conflict"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-conflict-dialog.h"
#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-json.h"
#include "sitrep-postmortem.h"
#include "sitrep-time.h"

/* When the server refused an edit because someone else changed the record
 * first, both texts are shown and the user decides: keep mine, take
 * theirs, or edit one from both. Nothing is dropped without a decision. */

typedef struct
{
  SitrepContext  *context;
  SitrepRefusedEdit *conflict;
  GPtrArray      *alike;      /* other edits refused for the same reason */
} ConflictData;

static void
conflict_data_free (ConflictData *data)
{
  g_clear_object (&data->context);
  g_clear_pointer (&data->conflict, sitrep_refused_edit_free);
  g_clear_pointer (&data->alike, g_ptr_array_unref);
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
  if (g_str_equal (conflict->coll, "postmortems"))
    return sitrep_postmortem_edited_section (conflict->mine);
  return NULL;
}

/* Whether "Edit…" can offer the field in one line: a postmortem's lists
 * and long texts are settled by keeping one and editing it on the page. */
static gboolean
field_is_editable (SitrepRefusedEdit *conflict)
{
  g_autoptr(JsonObject) mine = NULL;
  const char *field = main_field (conflict);
  const char *text;

  if (field == NULL || !g_str_equal (conflict->coll, "postmortems"))
    return field != NULL;
  if (g_str_equal (field, "five_whys") || sitrep_postmortem_field_is_list (field))
    return FALSE;

  mine = sitrep_refused_edit_dup_mine_body (conflict);
  text = sitrep_json_get_string (mine, field);
  return text == NULL || strchr (text, '\n') == NULL;
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
  if (field != NULL && g_str_equal (conflict->coll, "postmortems"))
    {
      g_autofree char *text = sitrep_postmortem_dup_section_text (body, field);

      return g_strdup_printf ("“%s”", text);
    }
  if (field != NULL)
    {
      const char *value = sitrep_json_get_string (body, field);

      return g_strdup_printf ("“%s”", value ? value : _("nobody"));
    }
  return sitrep_json_to_string (body);
}

#define SNIPPET_CHARS 48

/* The beginning of a text, on one line. */
static char *
snippet (const char *text)
{
  g_autofree char *line = g_strdup (text ? text : "");
  char *newline = strchr (line, '\n');

  if (newline != NULL)
    *newline = '\0';
  if (g_utf8_strlen (line, -1) <= SNIPPET_CHARS && newline == NULL)
    return g_steal_pointer (&line);
  if (g_utf8_strlen (line, -1) > SNIPPET_CHARS)
    *g_utf8_offset_to_pointer (line, SNIPPET_CHARS) = '\0';
  return g_strdup_printf ("%s…", g_strstrip (line));
}

static char *
format_time (const char *text)
{
  g_autoptr(GDateTime) when = text ? sitrep_time_parse (text) : NULL;

  return when ? sitrep_format_time_utc_local (when) : NULL;
}

/**
 * sitrep_conflict_describe_record:
 *
 * Which record a refused edit is about, as a person finds it: a role by
 * its name and incident, an entry by its time and first words.
 *
 * Returns: (transfer full): e.g. "Scribe of INC-2026-014"
 */
char *
sitrep_conflict_describe_record (SitrepContext     *context,
                                 SitrepRefusedEdit *conflict)
{
  JsonObject *body = conflict->theirs ? conflict->theirs : conflict->mine;
  const char *incident_id = body ? sitrep_json_get_string (body, "incident_id") : NULL;
  SitrepIncident *incident = NULL;
  g_autofree char *ref = NULL;

  if (incident_id != NULL)
    incident = sitrep_context_lookup_incident (context, incident_id);
  if (incident != NULL)
    ref = sitrep_incident_dup_display_ref (incident);

  if (g_str_equal (conflict->coll, "roles") && body != NULL)
    {
      SitrepRole role;

      if (sitrep_role_from_string (sitrep_json_get_string (body, "role"), &role))
        return ref != NULL
               /* Translators: which role a conflict is about, e.g. "Scribe of INC-2026-014" */
               ? g_strdup_printf (_("%s of %s"), sitrep_role_get_label (role), ref)
               : g_strdup (sitrep_role_get_label (role));
    }

  if (g_str_equal (conflict->coll, "timeline") && body != NULL)
    {
      g_autofree char *when = format_time (sitrep_json_get_string (body, "occurred_at"));
      g_autofree char *text = snippet (sitrep_json_get_string (body, "text"));

      if (when != NULL)
        /* Translators: which timeline entry a conflict is about: its time, its first words */
        return g_strdup_printf (_("The entry at %s, “%s”"), when, text);
      return g_strdup_printf (_("The entry “%s”"), text);
    }

  if (g_str_equal (conflict->coll, "postmortems"))
    {
      const char *label = sitrep_postmortem_section_get_label (main_field (conflict));

      incident = sitrep_context_lookup_incident (context, conflict->rec_id);
      g_clear_pointer (&ref, g_free);
      ref = incident != NULL ? sitrep_incident_dup_display_ref (incident) : NULL;
      if (label != NULL && ref != NULL)
        /* Translators: which postmortem section a conflict is about, e.g.
         * "Root Cause Analysis in the postmortem of INC-2026-014" */
        return g_strdup_printf (_("%s in the postmortem of %s"), label, ref);
      return g_strdup (label != NULL ? label : _("The postmortem"));
    }

  if (g_str_equal (conflict->coll, "incidents") && ref != NULL)
    return g_strdup (ref);
  if (g_str_equal (conflict->coll, "incidents") && conflict->theirs != NULL)
    return g_strdup (sitrep_json_get_string (conflict->theirs, "title"));

  return g_strdup (conflict->rec_id);
}

/* Who made the change that stands, and when, as far as this app knows. */
static char *
describe_other_change (SitrepRefusedEdit *conflict)
{
  const char *edited_at = conflict->theirs ? sitrep_json_get_string (conflict->theirs, "edited_at")
                                           : NULL;
  const char *edited_by = conflict->theirs ? sitrep_json_get_string (conflict->theirs, "edited_by")
                                           : NULL;
  g_autofree char *when = format_time (conflict->changed_at ? conflict->changed_at : edited_at);

  /* An entry's last editor signs the change; the feed's actor is the token. */
  if (edited_by != NULL && when != NULL)
    return g_strdup_printf (_("Changed by %s at %s"), edited_by, when);
  if (edited_by != NULL)
    return g_strdup_printf (_("Changed by %s"), edited_by);

  if (conflict->changed_by != NULL && when != NULL)
    /* Translators: who made the other change of a conflict, and when */
    return g_strdup_printf (_("Changed by %s at %s"), conflict->changed_by, when);
  if (conflict->changed_by != NULL)
    return g_strdup_printf (_("Changed by %s"), conflict->changed_by);
  if (when != NULL)
    return g_strdup_printf (_("Changed by someone else at %s"), when);
  return g_strdup (_("Changed by someone else"));
}

/* What settling a role conflict does to the timeline, so nobody is
 * surprised by it. */
static char *
describe_role_outcome (SitrepRefusedEdit *conflict)
{
  JsonObject *mine = conflict->mine;
  const char *before = conflict->theirs ? sitrep_json_get_string (conflict->theirs, "person")
                                        : NULL;
  const char *after = mine ? sitrep_json_get_string (mine, "person") : NULL;
  SitrepRole role;

  if (mine == NULL || !sitrep_role_from_string (sitrep_json_get_string (mine, "role"), &role))
    return NULL;
  if (before == NULL || after == NULL)
    return NULL;

  /* Translators: what settling a role conflict does to the timeline, e.g.
   * "Your timeline entry for it was taken back; keeping yours records the
   * handover “Scribe: dave → erin”." */
  return g_strdup_printf (_("Your timeline entry for it was taken back; keeping yours records "
                            "the handover “%s: %s → %s”."),
                          sitrep_role_get_label (role), before, after);
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
  else if (g_str_equal (response, "theirs"))
    settle (data, parent, NULL);
  else if (g_str_equal (response, "dismiss") || g_str_equal (response, "copy"))
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *first = sitrep_conflict_describe_body (data->conflict, data->conflict->mine);

      /* Refused for one reason, answered once: all of them copied (one a
       * line) or dismissed together. */
      g_string_append (text, first);
      for (guint i = 0; data->alike != NULL && i < data->alike->len; i++)
        {
          SitrepRefusedEdit *edit = data->alike->pdata[i];
          g_autofree char *line = sitrep_conflict_describe_body (edit, edit->mine);
          g_autoptr(GError) error = NULL;

          g_string_append_printf (text, "\n%s", line);
          if (!sitrep_context_settle_refused_edit (data->context, edit, NULL, &error))
            g_warning ("Could not settle a refused edit: %s", error->message);
        }
      if (g_str_equal (response, "copy"))
        gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), text->str);
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
      g_autoptr(GPtrArray) refused = sitrep_context_dup_refused_edits (context);

      /* A token that may not edit refuses every waiting edit at once: one
       * question for all of them, not one dialog per edit. */
      data->alike = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_refused_edit_free);
      for (guint i = 0; refused != NULL && i < refused->len; i++)
        {
          SitrepRefusedEdit *other = refused->pdata[i];

          if (other->id != conflict->id && g_str_equal (other->kind, "rejected") &&
              g_strcmp0 (other->message, conflict->message) == 0)
            g_ptr_array_add (data->alike, sitrep_refused_edit_copy (other));
        }

      if (data->alike->len == 0)
        {
          body = g_strdup_printf (_("%s\n\nYour edit: %s"),
                                  conflict->message ? conflict->message : _("No reason given"),
                                  mine_text);
          dialog = adw_message_dialog_new (parent, _("The Server Refused an Edit"), body);
          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                            "copy", _("_Copy Your Text"),
                                            "dismiss", _("_Dismiss"),
                                            NULL);
        }
      else
        {
          guint n = data->alike->len + 1;

          body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s\n\n%u edit was refused for this reason. The first: %s",
                                               "%s\n\n%u edits were refused for this reason. The first: %s",
                                               n),
                                  conflict->message ? conflict->message : _("No reason given"),
                                  n, mine_text);
          dialog = adw_message_dialog_new (parent, _("The Server Refused Edits"), body);
          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                            "copy", _("_Copy All Texts"),
                                            "dismiss", _("_Dismiss All"),
                                            NULL);
        }
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "copy");
    }
  else
    {
      g_autofree char *record = sitrep_conflict_describe_record (context, conflict);
      g_autofree char *other = describe_other_change (conflict);
      g_autofree char *outcome = g_str_equal (conflict->coll, "roles")
                                 ? describe_role_outcome (conflict) : NULL;

      heading = g_str_equal (conflict->coll, "timeline") ? _("Someone Else Edited This Entry")
                : g_str_equal (conflict->coll, "roles") ? _("Someone Else Changed This Role")
                : g_str_equal (conflict->coll, "postmortems") ? _("Someone Else Wrote This Section")
                : _("Someone Else Changed This");

      /* Translators: a record edited by two people at once: which, who made
       * the change that stands and when, then both versions */
      body = g_strdup_printf (_("%s\n%s\n\nYours: %s\n\nTheirs, now on the server: %s"),
                              record, other, mine_text, theirs_text);
      if (outcome != NULL)
        {
          char *with_outcome = g_strdup_printf ("%s\n\n%s", body, outcome);

          g_free (body);
          body = with_outcome;
        }
      dialog = adw_message_dialog_new (parent, heading, body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "later", _("_Later"),
                                        "theirs", _("Take _Theirs"),
                                        NULL);
      if (field_is_editable (conflict))
        adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "edit", _("_Edit…"));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "mine", _("Keep _Mine"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mine",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "mine");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
    }

  g_signal_connect_data (dialog, "response", G_CALLBACK (choice_response), data,
                         conflict_data_notify, 0);
  /* Its help page (sitrep-help.c) goes by this name. */
  gtk_widget_set_name (dialog, "SitrepConflictDialog");
  return dialog;
}

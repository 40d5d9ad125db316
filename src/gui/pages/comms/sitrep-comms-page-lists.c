/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-comms"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-comms-page-private.h"
#include "sitrep-countdown.h"
#include "sitrep-deadlines.h"
#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-json.h"
#include "sitrep-time.h"

/* The page's two lists: the update clocks, whose countdowns tick while an
 * incident shows, and the updates already sent. */


/* The update clocks */

gboolean
_sitrep_comms_page_is_communication (SitrepDeadlineKind kind)
{
  return kind == SITREP_DEADLINE_UPDATE || kind == SITREP_DEADLINE_EXEC_BRIEF ||
         kind == SITREP_DEADLINE_PUBLIC_STATEMENT || kind == SITREP_DEADLINE_EXEC_SUMMARY;
}

static GtkWidget *
due_row_new (SitrepDeadline *deadline)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *countdown = gtk_label_new (NULL);
  GtkWidget *button = gtk_button_new_with_label (_("Compose"));
  /* Translators: %s is a deadline, e.g. "Compose: Executive update due" */
  g_autofree char *tip = g_strdup_printf (_("Compose: %s"), deadline->label);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (countdown, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), countdown);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "comms.compose");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_int32 (deadline->audience));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

  g_object_set_data (G_OBJECT (row), "countdown", countdown);
  return row;
}

static void
update_due_row (GtkWidget      *row,
                SitrepDeadline *deadline,
                GDateTime      *now)
{
  GtkWidget *countdown = g_object_get_data (G_OBJECT (row), "countdown");
  g_autofree char *due = sitrep_format_time_utc_local (deadline->due);
  g_autofree char *text = sitrep_countdown_format (deadline->due, now);
  g_autofree char *subtitle = NULL;

  /* Translators: when an update is due, e.g. "Due 2026-11-27 14:32:10 UTC · 15:32 CET" */
  subtitle = g_strdup_printf (_("Due %s"), due);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), deadline->label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_label_set_label (GTK_LABEL (countdown), text);
  if (sitrep_countdown_state (deadline->due, now) == SITREP_COUNTDOWN_OVERDUE)
    {
      gtk_widget_add_css_class (countdown, "error");
      gtk_widget_remove_css_class (countdown, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (countdown, "error");
      gtk_widget_add_css_class (countdown, "dim-label");
    }
}

void
_sitrep_comms_page_refresh_due (SitrepCommsPage *self)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GtkWidget *child;

  if (page_context (self) != NULL && page_incident (self) != NULL)
    deadlines = sitrep_workspace_dup_deadlines (sitrep_incident_page_get_workspace (SITREP_INCIDENT_PAGE (self)));
  else
    deadlines = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_deadline_free);

  for (guint i = 0; i < deadlines->len; )
    {
      SitrepDeadline *deadline = deadlines->pdata[i];
      guint key = deadline->kind * N_AUDIENCES + deadline->audience;

      if (!_sitrep_comms_page_is_communication (deadline->kind))
        {
          g_ptr_array_remove_index (deadlines, i);
          continue;
        }
      g_array_append_val (keys, key);
      i++;
    }

  /* Rows are updated in place while the same clocks run, so that a
   * focused Compose button keeps the focus through a tick. */
  if (keys->len != self->due_keys->len ||
      memcmp (keys->data, self->due_keys->data, keys->len * sizeof (guint)) != 0)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->due_list))) != NULL)
        gtk_list_box_remove (self->due_list, child);
      for (guint i = 0; i < deadlines->len; i++)
        gtk_list_box_append (self->due_list, due_row_new (deadlines->pdata[i]));
      g_array_unref (self->due_keys);
      self->due_keys = g_steal_pointer (&keys);
    }

  for (guint i = 0; i < deadlines->len; i++)
    update_due_row (GTK_WIDGET (gtk_list_box_get_row_at_index (self->due_list, i)),
                    deadlines->pdata[i], now);
}

/* What was sent */

static char *
format_sent (JsonObject *body)
{
  SitrepAudience audience;
  const char *audience_label = NULL;
  const char *by = sitrep_json_get_string (body, "sent_by");
  g_autoptr(GDateTime) at = sitrep_time_parse (sitrep_json_get_string (body, "sent_at"));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GString) text = g_string_new (NULL);

  if (sitrep_audience_from_string (sitrep_json_get_string (body, "audience"), &audience))
    audience_label = sitrep_audience_get_label (audience);
  g_string_append (text, audience_label ? audience_label : _("Unknown audience"));

  if (at != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (at);
      g_autofree char *when = NULL;

      /* The day only when it is not today's. */
      if (g_date_time_get_year (utc) == g_date_time_get_year (now) &&
          g_date_time_get_day_of_year (utc) == g_date_time_get_day_of_year (now))
        when = g_date_time_format (utc, "%H:%M UTC");
      else
        when = g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
      g_string_append_printf (text, " · %s", when);
    }

  if (!_sitrep_comms_page_is_blank (by))
    {
      /* Translators: who sent an update, e.g. "by alice" */
      g_autofree char *who = g_strdup_printf (_("by %s"), by);

      g_string_append_printf (text, " · %s", who);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
history_row_new (SitrepCommunication *record)
{
  JsonObject *body = sitrep_record_object_get_body (SITREP_RECORD_OBJECT (record));
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *label = gtk_label_new (sitrep_json_get_string (body, "body"));
  const char *title = sitrep_json_get_string (body, "title");
  g_autofree char *subtitle = format_sent (body);
  g_autofree char *title_markup = NULL;
  g_autofree char *subtitle_markup = g_markup_escape_text (subtitle, -1);

  if (_sitrep_comms_page_is_blank (title))
    title = _("Untitled update");
  title_markup = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle_markup);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Text of the sent update"), -1);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);

  g_object_set_data_full (G_OBJECT (row), "communication-id",
                          g_strdup (sitrep_record_object_get_id (SITREP_RECORD_OBJECT (record))),
                          g_free);
  return row;
}

void
_sitrep_comms_page_refresh_history (SitrepCommsPage *self)
{
  GListModel *sent = NULL;
  g_autoptr(GHashTable) expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) key = g_string_new (NULL);
  GtkWidget *child;

  if (page_incident (self) != NULL)
    sent = sitrep_workspace_get_communications (sitrep_incident_page_get_workspace (SITREP_INCIDENT_PAGE (self)));

  for (guint i = 0; sent != NULL && i < g_list_model_get_n_items (sent); i++)
    {
      g_autoptr(SitrepRecordObject) record = g_list_model_get_item (sent, i);

      g_string_append_printf (key, "%s:%" G_GINT64_FORMAT ";",
                              sitrep_record_object_get_id (record),
                              sitrep_record_object_get_version (record));
    }
  if (g_strcmp0 (key->str, self->history_key) == 0)
    return;
  g_free (self->history_key);
  self->history_key = g_strdup (key->str);

  /* Few rows, rarely changed: rebuilt, with what was open kept open. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    {
      const char *id = g_object_get_data (G_OBJECT (child), "communication-id");

      if (id != NULL && ADW_IS_EXPANDER_ROW (child) &&
          adw_expander_row_get_expanded (ADW_EXPANDER_ROW (child)))
        g_hash_table_add (expanded, g_strdup (id));
      gtk_list_box_remove (self->history_list, child);
    }

  for (guint i = 0; sent != NULL && i < g_list_model_get_n_items (sent); i++)
    {
      g_autoptr(SitrepCommunication) record = g_list_model_get_item (sent, i);
      GtkWidget *row;

      row = history_row_new (record);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                     g_hash_table_contains (expanded,
                                                            sitrep_record_object_get_id (SITREP_RECORD_OBJECT (record))));
      gtk_list_box_append (self->history_list, row);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-comms"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-comms-page-private.h"
#include "sitrep-deadlines.h"
#include "sitrep-due-list.h"
#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-json.h"
#include "sitrep-time.h"

/* The page's two lists: the update clocks, whose countdowns tick while an
 * incident shows, and the updates already sent. */

#define TICK_S 15

/* The update clocks */

gboolean
_sitrep_comms_page_is_communication (SitrepDeadlineKind kind)
{
  return kind == SITREP_DEADLINE_UPDATE || kind == SITREP_DEADLINE_EXEC_BRIEF ||
         kind == SITREP_DEADLINE_PUBLIC_STATEMENT || kind == SITREP_DEADLINE_EXEC_SUMMARY;
}

void
_sitrep_comms_page_refresh_due (SitrepCommsPage *self)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (self->context != NULL && self->incident != NULL)
    deadlines = sitrep_context_compute_deadlines (self->context,
                                                  _sitrep_comms_page_incident_id (self));
  sitrep_due_list_show (self->due_list,
                        self->incident ? _sitrep_comms_page_incident_id (self) : NULL,
                        deadlines, now);
}

static gboolean
tick (gpointer data)
{
  _sitrep_comms_page_refresh_due (data);
  return G_SOURCE_CONTINUE;
}

/* Keeps the countdowns current while an incident shows. */
void
_sitrep_comms_page_start_ticking (SitrepCommsPage *self)
{
  self->tick_id = g_timeout_add_seconds (TICK_S, tick, self);
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
history_row_new (SitrepRecord *record)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *label = gtk_label_new (sitrep_json_get_string (record->body, "body"));
  const char *title = sitrep_json_get_string (record->body, "title");
  g_autofree char *subtitle = format_sent (record->body);
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

  g_object_set_data_full (G_OBJECT (row), "communication-id", g_strdup (record->id), g_free);
  return row;
}

void
_sitrep_comms_page_refresh_history (SitrepCommsPage *self)
{
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GHashTable) expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) key = g_string_new (NULL);
  GtkWidget *child;

  if (self->context != NULL && self->incident != NULL)
    sent = sitrep_context_list_communications (self->context,
                                               _sitrep_comms_page_incident_id (self));
  else
    sent = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_record_free);

  for (guint i = 0; i < sent->len; i++)
    {
      SitrepRecord *record = sent->pdata[i];

      if (!record->deleted)
        g_string_append_printf (key, "%s:%" G_GINT64_FORMAT ";", record->id, record->version);
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

  for (guint i = 0; i < sent->len; i++)
    {
      SitrepRecord *record = sent->pdata[i];
      GtkWidget *row;

      if (record->deleted)
        continue;
      row = history_row_new (record);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                     g_hash_table_contains (expanded, record->id));
      gtk_list_box_append (self->history_list, row);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-comms"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-comms-page-private.h"
#include "sitrep-deadlines.h"
#include "sitrep-due-list.h"
#include "sitrep-json.h"
#include "sitrep-sent-row.h"

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
      if (SITREP_IS_SENT_ROW (child) &&
          adw_expander_row_get_expanded (ADW_EXPANDER_ROW (child)))
        g_hash_table_add (expanded, g_strdup (sitrep_sent_row_get_id (SITREP_SENT_ROW (child))));
      gtk_list_box_remove (self->history_list, child);
    }

  for (guint i = 0; i < sent->len; i++)
    {
      SitrepRecord *record = sent->pdata[i];
      GtkWidget *row;

      if (record->deleted)
        continue;
      row = sitrep_sent_row_new (record);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                     g_hash_table_contains (expanded, record->id));
      gtk_list_box_append (self->history_list, row);
    }
}

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

  if (page_incident (self) != NULL)
    deadlines = sitrep_workspace_dup_deadlines (page_workspace (self));
  sitrep_due_list_show (self->due_list,
                        page_incident (self) ? _sitrep_comms_page_incident_id (self) : NULL,
                        deadlines, now);
}

/* What was sent */

void
_sitrep_comms_page_refresh_history (SitrepCommsPage *self)
{
  GListModel *sent = NULL;
  g_autoptr(GHashTable) expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) key = g_string_new (NULL);
  GtkListBoxRow *child;
  gboolean may_approve = FALSE;

  if (page_incident (self) != NULL)
    {
      sent = sitrep_workspace_get_communications (page_workspace (self));
      may_approve = sitrep_workspace_may_approve (page_workspace (self));
    }
  g_string_append (key, may_approve ? "approver;" : ";");

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

  /* Few rows, rarely changed: rebuilt, with what was open kept open. The
   * rows only: removing the list's first child would take its "Nothing
   * sent yet" placeholder away too. */
  while ((child = gtk_list_box_get_row_at_index (self->history_list, 0)) != NULL)
    {
      if (SITREP_IS_SENT_ROW (child) &&
          adw_expander_row_get_expanded (ADW_EXPANDER_ROW (child)))
        g_hash_table_add (expanded, g_strdup (sitrep_sent_row_get_id (SITREP_SENT_ROW (child))));
      gtk_list_box_remove (self->history_list, GTK_WIDGET (child));
    }

  for (guint i = 0; sent != NULL && i < g_list_model_get_n_items (sent); i++)
    {
      g_autoptr(SitrepRecordObject) record = g_list_model_get_item (sent, i);
      GtkWidget *row;

      row = sitrep_sent_row_new (record);
      sitrep_sent_row_set_may_approve (SITREP_SENT_ROW (row), may_approve);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                     g_hash_table_contains (expanded,
                                                            sitrep_record_object_get_id (record)));
      gtk_list_box_append (self->history_list, row);
    }
}

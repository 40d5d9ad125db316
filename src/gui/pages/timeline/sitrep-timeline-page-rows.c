/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-json.h"
#include "sitrep-time.h"
#include "sitrep-timeline-page-private.h"
#include "sitrep-timeline-row.h"

/* The timeline's rows: binding them to entries while keeping what the
 * scribe typed in a recycled row, and what a row asks for (save, pin,
 * delete with undo, the edit history). */

/* Rows ----------------------------------------------------------------- */

static void
on_row_save (SitrepTimelineRow  *row,
             JsonObject         *fields,
             JsonObject         *opened,
             gint64              opened_version,
             SitrepTimelinePage *self)
{
  SitrepTimelineEntry *entry = sitrep_timeline_row_get_entry (row);
  g_autoptr(GError) error = NULL;

  if (entry == NULL)
    return;

  if (!sitrep_workspace_edit_timeline_entry_from (page_workspace (self),
                                                  sitrep_timeline_entry_get_id (entry),
                                                  fields, opened, opened_version, &error))
    sitrep_widget_show_error (GTK_WIDGET (self), error);
}

void
_sitrep_timeline_page_toggle_pin (SitrepTimelinePage  *self,
                                  SitrepTimelineEntry *entry)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_boolean_member (fields, "pinned", !sitrep_timeline_entry_get_pinned (entry));
  if (!sitrep_workspace_edit_timeline_entry (page_workspace (self), sitrep_timeline_entry_get_id (entry),
                                           fields, &error))
    sitrep_widget_show_error (GTK_WIDGET (self), error);
}

static void
on_row_pin (SitrepTimelineRow  *row,
            SitrepTimelinePage *self)
{
  if (sitrep_timeline_row_get_entry (row) != NULL)
    _sitrep_timeline_page_toggle_pin (self, sitrep_timeline_row_get_entry (row));
}

void
_sitrep_timeline_page_undo_delete (SitrepTimelinePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTimelineEntry) record = g_steal_pointer (&self->deleted);

  if (record == NULL || page_context (self) == NULL)
    return;

  if (!sitrep_context_restore (page_context (self), SITREP_RECORD_OBJECT (record), &error))
    sitrep_widget_show_error (GTK_WIDGET (self), error);
  else
    {
      g_free (self->scroll_to_id);
      self->scroll_to_id = g_strdup (sitrep_timeline_entry_get_id (record));
      _sitrep_timeline_page_queue_scroll (self);
    }
}

void
_sitrep_timeline_page_delete_entry (SitrepTimelinePage  *self,
                                    SitrepTimelineEntry *entry)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepTimelineEntry) copy = g_object_ref (entry);
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* The object keeps the body it showed once the list lets it go. */
  sitrep_timeline_entry_get_body (copy);
  if (!sitrep_context_delete_record (page_context (self), "timeline",
                                     sitrep_timeline_entry_get_id (entry), &error))
    {
      sitrep_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  g_clear_object (&self->deleted);
  self->deleted = g_steal_pointer (&copy);

  /* Translators: a toast after deleting a timeline entry */
  title = g_strdup_printf (_("Entry deleted: “%s”"), sitrep_timeline_entry_get_text (self->deleted));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  /* The toast lives in the window's overlay, outside this page: its button
   * can't reach the page's actions, so it calls back instead. */
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (_sitrep_timeline_page_undo_delete), self,
                           G_CONNECT_SWAPPED);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_set_weak_pointer (&self->undo_toast, toast);
  sitrep_widget_show_toast (GTK_WIDGET (self), toast);
}

static void
on_row_delete (SitrepTimelineRow  *row,
               SitrepTimelinePage *self)
{
  if (sitrep_timeline_row_get_entry (row) != NULL)
    _sitrep_timeline_page_delete_entry (self, sitrep_timeline_row_get_entry (row));
}

static char *
format_history_value (const char *field,
                      const char *value)
{
  g_autoptr(GDateTime) when = NULL;
  SitrepTimelineKind kind;

  if (value == NULL)
    return g_strdup (_("(none)"));
  if (g_str_equal (field, "occurred_at") && (when = sitrep_time_parse (value)) != NULL)
    return g_date_time_format (when, "%Y-%m-%d %H:%M:%S UTC");
  if (g_str_equal (field, "kind") && sitrep_timeline_kind_from_string (value, &kind))
    return g_strdup (sitrep_timeline_kind_get_label (kind));
  return g_strdup_printf ("“%s”", value);
}

void
_sitrep_timeline_page_show_history (SitrepTimelinePage  *self,
                                    SitrepTimelineEntry *entry)
{
  g_autoptr(GPtrArray) history = sitrep_context_dup_history (page_context (self), "timeline",
                                                              sitrep_timeline_entry_get_id (entry));
  GString *body = g_string_new (NULL);
  GtkWidget *dialog;

  if (history->len == 0)
    g_string_append_printf (body, _("No changes since %s wrote it."),
                            sitrep_timeline_entry_get_author (entry));

  for (guint i = 0; i < history->len; i++)
    {
      SitrepFieldChange *change = history->pdata[i];
      g_autoptr(GDateTime) ts = sitrep_time_parse (change->ts);
      g_autofree char *when = ts ? g_date_time_format (ts, "%Y-%m-%d %H:%M:%S UTC") : NULL;
      g_autofree char *before = format_history_value (change->field, change->before);
      g_autofree char *after = format_history_value (change->field, change->after);
      const char *who = change->actor ? change->actor : "?";
      const char *what = g_str_equal (change->field, "text") ? _("text")
                         : g_str_equal (change->field, "kind") ? _("kind")
                         : _("time");

      if (i > 0)
        g_string_append (body, "\n\n");
      if (!when)
        when = g_strdup (change->ts);
      if (g_str_equal (change->field, "created"))
        /* Translators: "<when> · <who> wrote it" then the entry's first text */
        g_string_append_printf (body, _("%s · %s wrote it\n%s"), when, who, after);
      else if (g_str_equal (change->field, "restored"))
        /* Translators: "<when> · <who> brought it back" then the entry's text */
        g_string_append_printf (body, _("%s · %s brought it back\n%s"), when, who, after);
      else if (g_str_equal (change->field, "deleted"))
        /* Translators: "<when> · <who> deleted it" then the entry's last text */
        g_string_append_printf (body, _("%s · %s deleted it\n%s"), when, who, before);
      else if (g_str_equal (change->field, "pinned"))
        g_string_append_printf (body, g_strcmp0 (change->after, "true") == 0
                                      /* Translators: "<when> · <who> pinned it" */
                                      ? _("%s · %s pinned it")
                                      /* Translators: "<when> · <who> unpinned it" */
                                      : _("%s · %s unpinned it"),
                                when, who);
      else
        /* Translators: "<when> · <who> changed the <text|kind|time>" then "before → after" */
        g_string_append_printf (body, _("%s · %s changed the %s\n%s → %s"),
                                when, who, what, before, after);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Edit History"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_string_free (body, TRUE);
}

static void
on_row_history (SitrepTimelineRow  *row,
                SitrepTimelinePage *self)
{
  if (sitrep_timeline_row_get_entry (row) != NULL)
    _sitrep_timeline_page_show_history (self, sitrep_timeline_row_get_entry (row));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           SitrepTimelinePage       *self)
{
  GtkWidget *row = sitrep_timeline_row_new ();

  g_signal_connect (row, "save", G_CALLBACK (on_row_save), self);
  g_signal_connect (row, "pin", G_CALLBACK (on_row_pin), self);
  g_signal_connect (row, "delete", G_CALLBACK (on_row_delete), self);
  g_signal_connect (row, "history", G_CALLBACK (on_row_history), self);
  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          SitrepTimelinePage       *self)
{
  SitrepTimelineRow *row = SITREP_TIMELINE_ROW (gtk_list_item_get_child (item));
  SitrepTimelineEntry *entry = gtk_list_item_get_item (item);

  sitrep_timeline_row_set_local_primary (row, self->local_primary);
  _sitrep_timeline_page_bind_detail (self, row, entry);
  sitrep_timeline_row_set_entry (row, entry);
  g_hash_table_insert (self->rows, g_strdup (sitrep_timeline_entry_get_id (entry)), row);

  {
    GStrv draft = g_hash_table_lookup (self->drafts, sitrep_timeline_entry_get_id (entry));

    if (draft != NULL)
      {
        sitrep_timeline_row_restore_draft (row, (const char * const *) draft);
        g_hash_table_remove (self->drafts, sitrep_timeline_entry_get_id (entry));
      }
  }
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            SitrepTimelinePage       *self)
{
  SitrepTimelineRow *row = SITREP_TIMELINE_ROW (gtk_list_item_get_child (item));
  SitrepTimelineEntry *entry = sitrep_timeline_row_get_entry (row);

  if (entry != NULL &&
      g_hash_table_lookup (self->rows, sitrep_timeline_entry_get_id (entry)) == row)
    g_hash_table_remove (self->rows, sitrep_timeline_entry_get_id (entry));

  /* The row is recycled (scrolled away, the entry re-timed by someone
   * else, a filter): what the scribe was typing waits for it to come back. */
  if (entry != NULL)
    {
      GStrv draft = sitrep_timeline_row_dup_draft (row);
      GtkWidget *other = g_hash_table_lookup (self->rows, sitrep_timeline_entry_get_id (entry));

      /* The entry may already be bound to its new row. */
      if (draft != NULL && other != NULL && other != GTK_WIDGET (row))
        {
          sitrep_timeline_row_restore_draft (SITREP_TIMELINE_ROW (other),
                                             (const char * const *) draft);
          g_strfreev (draft);
        }
      else if (draft != NULL)
        g_hash_table_insert (self->drafts, g_strdup (sitrep_timeline_entry_get_id (entry)), draft);
    }
  sitrep_timeline_row_set_entry (row, NULL);
}

void
_sitrep_timeline_page_init_factory (SitrepTimelinePage       *self,
                                    GtkSignalListItemFactory *factory)
{
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
}

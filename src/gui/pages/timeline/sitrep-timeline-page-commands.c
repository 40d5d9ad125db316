/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-command-runner.h"
#include "sitrep-timeline-page-private.h"

/* The capture line takes the incident bot's commands too: a line that
 * starts with "/" is run as the command palette runs it, with its
 * completions and what it will do shown above the line while it is
 * typed, and Tab to complete. Anything else is a timeline entry. */

static const char *
capture_text (SitrepTimelinePage *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->capture_entry));
}

static void
show_hint (SitrepTimelinePage *self,
           const char         *text,
           gboolean            is_error)
{
  gtk_label_set_label (self->command_hint, text);
  gtk_widget_set_visible (GTK_WIDGET (self->command_hint), text != NULL);
  if (is_error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->command_hint), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->command_hint), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->command_hint), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->command_hint), "dim-label");
    }
}

static GPtrArray *
completions (SitrepTimelinePage *self)
{
  return sitrep_command_runner_complete (page_context (self), capture_text (self),
                                         gtk_editable_get_position (GTK_EDITABLE (self->capture_entry)));
}

/**
 * _sitrep_timeline_page_update_command:
 *
 * Shows, for a command being typed, the completions of the word at the
 * cursor and what Enter will do (or why it can't); hides it otherwise.
 */
void
_sitrep_timeline_page_update_command (SitrepTimelinePage *self)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GString) hint = g_string_new (NULL);

  if (page_context (self) == NULL || !sitrep_command_is_command (capture_text (self)))
    {
      show_hint (self, NULL, FALSE);
      return;
    }

  description = sitrep_command_runner_describe (page_context (self), page_incident (self),
                                                capture_text (self), NULL, &error);
  found = completions (self);
  /* A word being typed that a completion finishes is not wrong yet. */
  if (description != NULL)
    g_string_append (hint, description);
  else if (self->command_failed || found->len == 0)
    g_string_append (hint, error->message);

  if (found->len > 0)
    {
      /* Translators: before the completions of a command, e.g. "Tab: page, status" */
      g_string_append_printf (hint, "%s%s", hint->len > 0 ? "\n" : "", _("Tab:"));
      for (guint i = 0; i < found->len && i < 8; i++)
        g_string_append_printf (hint, "%s %s", i > 0 ? _(" ·") : "",
                                ((SitrepCommandCompletion *) found->pdata[i])->word);
      if (found->len > 8)
        g_string_append (hint, _(" …"));
    }
  show_hint (self, hint->str, description == NULL && self->command_failed);
}

/* Tab completes a command with its first completion; with nothing to
 * complete it moves the focus as usual. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SitrepTimelinePage    *self)
{
  g_autoptr(GPtrArray) found = NULL;
  SitrepCommandCompletion *first;

  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab) ||
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 ||
      !sitrep_command_is_command (capture_text (self)))
    return GDK_EVENT_PROPAGATE;

  found = completions (self);
  if (found->len == 0)
    return GDK_EVENT_PROPAGATE;

  first = found->pdata[0];
  gtk_editable_set_text (GTK_EDITABLE (self->capture_entry), first->line);
  gtk_editable_set_position (GTK_EDITABLE (self->capture_entry), (int) first->cursor);
  return GDK_EVENT_STOP;
}

/**
 * _sitrep_timeline_page_bind_detail:
 *
 * A "Paged <team>" entry shows what became of the page, as the server
 * reports it: the entry stays as written, its byline follows the page.
 */
void
_sitrep_timeline_page_bind_detail (SitrepTimelinePage  *self,
                                   SitrepTimelineRow   *row,
                                   SitrepTimelineEntry *entry)
{
  const char *page_id = NULL;
  g_autoptr(SitrepPageRequest) page = NULL;
  g_autofree char *outcome = NULL;

  if (entry != NULL && page_context (self) != NULL)
    page_id = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (entry), "page_id");
  if (page_id != NULL)
    page = sitrep_context_lookup_page (page_context (self), page_id);
  if (page != NULL)
    outcome = sitrep_page_request_dup_outcome (page);
  sitrep_timeline_row_set_detail (row, outcome);
}

static void
on_record_changed (SitrepTimelinePage *self,
                   const char         *coll)
{
  GHashTableIter iter;
  gpointer row;

  if (!g_str_equal (coll, "pages") || self->rows == NULL)
    return;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    _sitrep_timeline_page_bind_detail (self, row, sitrep_timeline_row_get_entry (row));
}

void
_sitrep_timeline_page_init_commands (SitrepTimelinePage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->capture_entry), keys);
  g_signal_connect_object (self->capture_entry, "notify::cursor-position",
                           G_CALLBACK (_sitrep_timeline_page_update_command), self,
                           G_CONNECT_SWAPPED);
}

/**
 * _sitrep_timeline_page_watch_pages:
 *
 * Follows the outcome of pages, which the server writes into records of
 * the context's (not the workspace's): once the page has its context.
 */
void
_sitrep_timeline_page_watch_pages (SitrepTimelinePage *self)
{
  SitrepContext *context = page_context (self);

  if (context == NULL || context == self->watched_context)
    return;
  if (self->watched_context != NULL)
    g_signal_handlers_disconnect_by_func (self->watched_context, on_record_changed, self);
  g_set_weak_pointer (&self->watched_context, context);
  g_signal_connect_object (context, "record-changed", G_CALLBACK (on_record_changed), self,
                           G_CONNECT_SWAPPED);
}

/**
 * _sitrep_timeline_page_run_command:
 *
 * Runs the capture line if it is a command: cleared once it ran; kept,
 * with the reason and the cursor where it goes wrong, if not.
 *
 * Returns: whether the line was a command (run or not)
 */
gboolean
_sitrep_timeline_page_run_command (SitrepTimelinePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  glong position = -1;

  if (!sitrep_command_is_command (capture_text (self)))
    return FALSE;

  text = g_strdup (capture_text (self));
  if (!sitrep_command_runner_run (GTK_WIDGET (self), page_context (self), page_incident (self),
                                  text, &position, &error))
    {
      self->command_failed = TRUE;
      gtk_widget_add_css_class (GTK_WIDGET (self->capture_entry), "error");
      gtk_widget_error_bell (GTK_WIDGET (self->capture_entry));
      show_hint (self, error->message, TRUE);
      if (position >= 0)
        gtk_editable_set_position (GTK_EDITABLE (self->capture_entry), (int) position);
      return TRUE;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->capture_entry), "");
  show_hint (self, NULL, FALSE);
  return TRUE;
}

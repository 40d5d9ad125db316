/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-timeline"

#include "config.h"

#include "sitrep-gui-util.h"

#include <glib/gi18n.h>

#include "sitrep-capture.h"
#include "sitrep-enum-strings.h"
#include "sitrep-json.h"
#include "sitrep-resources.h"
#include "sitrep-time.h"
#include "sitrep-timeline-page-private.h"
#include "sitrep-timeline-row.h"


G_DEFINE_FINAL_TYPE (SitrepTimelinePage, sitrep_timeline_page, SITREP_TYPE_INCIDENT_PAGE)

static SitrepTimelineEntry *
selected_entry (SitrepTimelinePage *self)
{
  return self->selection ? gtk_single_selection_get_selected_item (self->selection) : NULL;
}

/* Counting and empty state -------------------------------------------- */

static void
update_count (SitrepTimelinePage *self)
{
  guint total = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  guint shown = self->filtered ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0;
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", total),
                            total);
  else
    /* Translators: how many timeline entries the filter shows */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u shown", "%u of %u shown", total), shown, total);
  gtk_label_set_label (self->count_label, text);

  if (shown > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    {
      adw_status_page_set_title (self->empty_page,
                                 total > 0 ? _("No Matching Entries") : _("No Entries"));
      adw_status_page_set_description (self->empty_page,
                                       total > 0 ? _("Change the filter to see more")
                                                 : _("Type what happened below and press Enter"));
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
}

/* Scrolling ------------------------------------------------------------ */

static gboolean
is_at_end (SitrepTimelinePage *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);

  return gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
         gtk_adjustment_get_upper (adj) - 24;
}

static void
scroll_to_position (SitrepTimelinePage *self,
                    guint               position)
{
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* Where the entry is shown, if the filter shows it. */
static gboolean
shown_position (SitrepTimelinePage *self,
                const char         *entry_id,
                guint              *position)
{
  guint n;

  if (gtk_drop_down_get_selected (self->filter_kind) == 0 &&
      !gtk_toggle_button_get_active (self->filter_pinned))
    return self->model != NULL && sitrep_record_list_find (self->model, entry_id, position);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SitrepTimelineEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (g_str_equal (sitrep_timeline_entry_get_id (entry), entry_id))
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
scroll_idle (gpointer data)
{
  SitrepTimelinePage *self = data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint position;

  self->scroll_idle_id = 0;

  /* A list that is not shown has no rows to scroll to: the scroll waits
   * for the page to be shown and laid out (an incident is opened on its
   * overview, the timeline comes later). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->list_view)) ||
      gtk_adjustment_get_page_size (gtk_scrolled_window_get_vadjustment (self->scroller)) <= 0)
    return G_SOURCE_REMOVE;

  if (self->scroll_to_id != NULL)
    {
      if (shown_position (self, self->scroll_to_id, &position))
        scroll_to_position (self, position);
      g_clear_pointer (&self->scroll_to_id, g_free);
    }
  else if (self->follow_end && n > 0)
    scroll_to_position (self, n - 1);


  self->follow_end = FALSE;
  return G_SOURCE_REMOVE;
}

static void
queue_scroll (SitrepTimelinePage *self)
{
  if (self->scroll_idle_id == 0)
    self->scroll_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, scroll_idle, self, NULL);
}

/* Shown, or laid out: a scroll that had to wait can run now. */
static void
on_list_shown (SitrepTimelinePage *self)
{
  if (self->follow_end || self->scroll_to_id != NULL)
    queue_scroll (self);
}

/* For the rows, whose undo brings an entry back into view. */
void
_sitrep_timeline_page_queue_scroll (SitrepTimelinePage *self)
{
  queue_scroll (self);
}

/* Runs before the list view hears of the change: a scribe reading the
 * newest entries keeps seeing the newest; one reading older entries stays
 * where they are. */
static void
on_items_changed_before (SitrepTimelinePage *self,
                         guint               position,
                         guint               removed,
                         guint               added)
{
  if (added > 0 && is_at_end (self))
    {
      self->follow_end = TRUE;
      queue_scroll (self);
    }
}

static void
on_items_changed_after (SitrepTimelinePage *self)
{
  update_count (self);
}

static void
on_row_activated (SitrepTimelinePage *self,
                  guint               position)
{
  g_autoptr(SitrepTimelineEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->filtered),
                                                                position);
  GtkWidget *row;

  if (entry == NULL)
    return;

  row = g_hash_table_lookup (self->rows, sitrep_timeline_entry_get_id (entry));
  if (row != NULL)
    sitrep_timeline_row_start_edit (SITREP_TIMELINE_ROW (row));
}

/* Filter --------------------------------------------------------------- */

static gboolean
filter_entry (gpointer item,
              gpointer data)
{
  SitrepTimelinePage *self = data;
  guint kind = gtk_drop_down_get_selected (self->filter_kind);

  if (gtk_toggle_button_get_active (self->filter_pinned) &&
      !sitrep_timeline_entry_get_pinned (item))
    return FALSE;

  /* position 0 is "All kinds" */
  return kind == 0 || kind == GTK_INVALID_LIST_POSITION ||
         sitrep_timeline_entry_get_kind (item) == kind - 1;
}

static void
on_filter_changed (SitrepTimelinePage *self)
{
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

/* Capture -------------------------------------------------------------- */

/* The placeholder says which zone a typed time is read in: the one chosen
 * in Preferences, by the name the clocks show ("CET", "CEST", "UTC"). */
static void
update_capture_hint (SitrepTimelinePage *self)
{
  g_autofree char *zone = sitrep_context_dup_input_zone_name (page_context (self), NULL);
  g_autofree char *hint = NULL;
  g_autofree char *tip = NULL;

  /* Translators: the capture line's placeholder; %s is a time zone such as CET or UTC */
  hint = g_strdup_printf (_("What happened? · 13:50 (read as %s) or -5m first to backdate · "
                            "decision: to set the kind"), zone);
  /* Translators: %s is a time zone such as CET or UTC */
  tip = g_strdup_printf (_("Enter adds the entry now. A time typed first, such as 13:50, is "
                           "read as %s (see Preferences)"), zone);
  gtk_entry_set_placeholder_text (self->capture_entry, hint);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->capture_entry), tip);

  /* The rows show first the clock a typed time is read in. */
  self->local_primary = !sitrep_context_get_input_in_utc (page_context (self));
  if (self->rows != NULL)
    {
      GHashTableIter iter;
      gpointer row;

      g_hash_table_iter_init (&iter, self->rows);
      while (g_hash_table_iter_next (&iter, NULL, &row))
        sitrep_timeline_row_set_local_primary (row, self->local_primary);
    }
}

static void
on_capture_changed (SitrepTimelinePage *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->capture_entry), "error");
  self->command_failed = FALSE;
  _sitrep_timeline_page_update_command (self);
}

/* Files the line into @workspace's timeline; the line is cleared only once
 * the entry is written. */
static gboolean
file_entry (SitrepTimelinePage *self,
            SitrepWorkspace    *workspace,
            GDateTime          *occurred_at,
            SitrepTimelineKind  kind,
            const char         *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint position;

  id = sitrep_workspace_add_timeline_entry (workspace, occurred_at, kind, text, &error);
  if (id == NULL)
    {
      sitrep_widget_show_error (GTK_WIDGET (self), error);
      return FALSE;
    }

  /* The line is saved: clear it for the next one, and show where it went
   * (a backdated entry may land above) in the same frame. A kind chosen
   * with Ctrl+1…9 was for this entry: the next one is a note again. */
  gtk_editable_set_text (GTK_EDITABLE (self->capture_entry), "");
  gtk_drop_down_set_selected (self->capture_kind, SITREP_KIND_NOTE);
  if (workspace != page_workspace (self))
    return TRUE;

  g_clear_handle_id (&self->scroll_idle_id, g_source_remove);
  g_clear_pointer (&self->scroll_to_id, g_free);
  self->follow_end = FALSE;
  if (shown_position (self, id, &position))
    scroll_to_position (self, position);
  return TRUE;
}

static void
clear_asked (SitrepTimelinePage *self)
{
  sitrep_capture_clear (&self->asked);
  g_clear_object (&self->asked_workspace);
}

static void
on_ask_response (SitrepTimelinePage *self,
                 const char         *response)
{
  g_autoptr(GDateTime) at = NULL;

  g_clear_weak_pointer (&self->ask_dialog);
  if (g_str_equal (response, "now"))
    at = g_date_time_new_now_utc ();
  else if (g_str_equal (response, "yesterday"))
    at = g_date_time_add_days (self->asked.occurred_at, -1);
  else if (g_str_equal (response, "file"))
    at = g_date_time_ref (self->asked.occurred_at);

  /* Cancel keeps the line as typed, to correct the time. */
  if (at != NULL && self->asked_workspace != NULL)
    file_entry (self, self->asked_workspace, at, self->asked.kind, self->asked.text);
  clear_asked (self);
  sitrep_timeline_page_focus_capture (self);
}

/* "13:50 CET", or with the day when it is not today there. */
static char *
format_in_zone (GDateTime *when,
                GTimeZone *zone,
                GDateTime *now)
{
  g_autoptr(GDateTime) there = g_date_time_to_timezone (when, zone);
  g_autoptr(GDateTime) now_there = g_date_time_to_timezone (now, zone);
  gboolean today = g_date_time_get_year (there) == g_date_time_get_year (now_there) &&
                   g_date_time_get_day_of_year (there) == g_date_time_get_day_of_year (now_there);

  /* Translators: a day and time, "Tue 03 Dec 14:32 CET" (g_date_time_format()
   * notation): put the parts in your language’s order */
  return g_date_time_format (there, today ? "%H:%M %Z" : _("%a %d %b %H:%M %Z"));
}

/* Enter pressed again in haste guesses nothing: it cancels. The dialog
 * lays its buttons out side by side or stacked as its size settles, and
 * focus follows the first button shown; until the scribe presses a key or
 * clicks, it is put back on Cancel. */
static GtkWidget *
find_shown_button (GtkWidget  *widget,
                   const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
focus_cancel (gpointer data)
{
  GtkWindow *dialog = data;
  GtkWidget *cancel;

  g_object_set_data (G_OBJECT (dialog), "sitrep-refocus", NULL);
  if (g_object_get_data (G_OBJECT (dialog), "sitrep-touched") != NULL)
    return G_SOURCE_REMOVE;

  cancel = find_shown_button (GTK_WIDGET (dialog), _("_Cancel"));
  if (cancel != NULL && gtk_window_get_focus (dialog) != cancel)
    gtk_widget_grab_focus (cancel);
  return G_SOURCE_REMOVE;
}

static void
on_ask_focus_changed (GtkWindow *dialog)
{
  if (g_object_get_data (G_OBJECT (dialog), "sitrep-touched") != NULL ||
      g_object_get_data (G_OBJECT (dialog), "sitrep-refocus") != NULL)
    return;

  g_object_set_data (G_OBJECT (dialog), "sitrep-refocus", GINT_TO_POINTER (TRUE));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_cancel, g_object_ref (dialog), g_object_unref);
}

static void
on_ask_touched (GtkEventController *controller)
{
  g_object_set_data (G_OBJECT (gtk_event_controller_get_widget (controller)), "sitrep-touched",
                     GINT_TO_POINTER (TRUE));
}

static gboolean
on_ask_key (GtkEventControllerKey *controller,
            guint                  keyval,
            guint                  keycode,
            GdkModifierType        state)
{
  on_ask_touched (GTK_EVENT_CONTROLLER (controller));
  return GDK_EVENT_PROPAGATE;
}

static void
guard_focus (GtkWidget *dialog)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_ask_key), NULL);
  gtk_widget_add_controller (dialog, keys);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (on_ask_touched), click);
  gtk_widget_add_controller (dialog, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (dialog, "notify::focus-widget", G_CALLBACK (on_ask_focus_changed), NULL);
}

/* A typed time that would land more than a few minutes ahead, or before
 * the incident began, is asked about rather than moved to another day. */
static void
ask_about_time (SitrepTimelinePage *self,
                SitrepCaptureCheck  check)
{
  g_autoptr(GTimeZone) zone = sitrep_context_dup_input_zone (page_context (self));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) there = g_date_time_to_timezone (self->asked.occurred_at, zone);
  g_autofree char *clock = g_date_time_format (there, "%H:%M");
  g_autofree char *typed = format_in_zone (self->asked.occurred_at, zone, now);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *file_label = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (check == SITREP_CAPTURE_CHECK_FUTURE)
    {
      g_autofree char *now_text = format_in_zone (now, zone, now);

      /* Translators: %s is a time such as "13:50 CET" */
      heading = g_strdup_printf (_("%s Is Later Than Now"), typed);
      /* Translators: the current time, the entry's text, then the typed clock time */
      body = g_strdup_printf (_("It is %s. File “%s” at %s yesterday, or at the current time?"),
                              now_text, self->asked.text, clock);
      /* Translators: a button; %s is a clock time such as 13:50 */
      file_label = g_strdup_printf (_("File at %s _Yesterday"), clock);
    }
  else
    {
      GDateTime *start = sitrep_context_get_incident_start (page_incident (self));
      g_autofree char *start_text = start ? format_in_zone (start, zone, now) : g_strdup ("");

      /* Translators: %s is a time such as "13:50 CET" */
      heading = g_strdup_printf (_("%s Is Before the Incident Began"), typed);
      /* Translators: when the incident began, the entry's text, then the typed time */
      body = g_strdup_printf (_("The incident began at %s. File “%s” at %s anyway, or at the "
                                "current time?"), start_text, self->asked.text, clock);
      /* Translators: a button; %s is a clock time such as 13:50 */
      file_label = g_strdup_printf (_("_File at %s"), clock);
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "now", _("Use _Now"),
                                    check == SITREP_CAPTURE_CHECK_FUTURE ? "yesterday" : "file",
                                    file_label,
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_ask_response), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->ask_dialog, ADW_MESSAGE_DIALOG (dialog));
  guard_focus (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
capture (SitrepTimelinePage *self)
{
  g_autoptr(GError) error = NULL;
  SitrepCapture parsed;
  SitrepCaptureCheck check;
  guint kind;

  if (page_incident (self) == NULL || self->ask_dialog != NULL)
    return;

  if (_sitrep_timeline_page_run_command (self))
    return;

  kind = gtk_drop_down_get_selected (self->capture_kind);
  if (!sitrep_context_parse_capture (page_context (self),
                                     gtk_editable_get_text (GTK_EDITABLE (self->capture_entry)),
                                     page_incident (self),
                                     kind == GTK_INVALID_LIST_POSITION ? SITREP_KIND_NOTE : kind,
                                     &parsed, &check, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->capture_entry), "error");
      gtk_widget_error_bell (GTK_WIDGET (self->capture_entry));
      sitrep_widget_show_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }

  if (check != SITREP_CAPTURE_CHECK_OK)
    {
      clear_asked (self);
      self->asked = parsed;
      self->asked_workspace = g_object_ref (page_workspace (self));
      ask_about_time (self, check);
      return;
    }

  file_entry (self, page_workspace (self), parsed.occurred_at, parsed.kind, parsed.text);
  sitrep_capture_clear (&parsed);
}

static void
on_capture_activate (SitrepTimelinePage *self)
{
  capture (self);
}

/* Actions -------------------------------------------------------------- */

static void
capture_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  capture (SITREP_TIMELINE_PAGE (widget));
}

static void
focus_capture_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  sitrep_timeline_page_focus_capture (SITREP_TIMELINE_PAGE (widget));
}

static void
kind_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepTimelinePage *self = SITREP_TIMELINE_PAGE (widget);
  int kind = g_variant_get_int32 (parameter);

  if (kind >= SITREP_KIND_DETECTION && kind <= SITREP_KIND_NOTE)
    gtk_drop_down_set_selected (self->capture_kind, kind);
}

static void
entry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SitrepTimelinePage *self = SITREP_TIMELINE_PAGE (widget);
  SitrepTimelineEntry *entry = selected_entry (self);
  GtkWidget *row;

  if (entry == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  if (g_str_equal (action_name, "timeline.edit"))
    {
      row = g_hash_table_lookup (self->rows, sitrep_timeline_entry_get_id (entry));
      if (row != NULL)
        sitrep_timeline_row_start_edit (SITREP_TIMELINE_ROW (row));
    }
  else if (g_str_equal (action_name, "timeline.delete"))
    _sitrep_timeline_page_delete_entry (self, entry);
  else if (g_str_equal (action_name, "timeline.pin"))
    _sitrep_timeline_page_toggle_pin (self, entry);
  else if (g_str_equal (action_name, "timeline.history"))
    _sitrep_timeline_page_show_history (self, entry);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepTimelinePage *self = SITREP_TIMELINE_PAGE (widget);

  /* Undone from the keyboard: the offer to undo is spent. */
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  _sitrep_timeline_page_undo_delete (self);
}

/* Object --------------------------------------------------------------- */

static void
sitrep_timeline_page_incident_changed (SitrepIncidentPage *page)
{
  SitrepTimelinePage *self = SITREP_TIMELINE_PAGE (page);
  SitrepWorkspace *workspace = sitrep_incident_page_get_workspace (page);

  g_clear_object (&self->deleted);
  g_clear_object (&self->model);
  _sitrep_timeline_page_watch_pages (self);

  if (workspace != NULL)
    {
      self->model = g_object_ref (SITREP_RECORD_LIST (sitrep_workspace_get_timeline (workspace)));
      /* A timeline opens on its newest entries. */
      self->follow_end = TRUE;
      _sitrep_timeline_page_queue_scroll (self);
    }

  /* Swapping the model under the same filter and selection lets the list
   * view rebind the rows it has instead of building new ones. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->model));
  update_count (self);
  update_capture_hint (self);
}

/* The list view follows the timeline by itself; nothing to redo. */
static gboolean
sitrep_timeline_page_wants_change (SitrepIncidentPage *page,
                                   const char         *coll)
{
  return FALSE;
}

static void
sitrep_timeline_page_dispose (GObject *object)
{
  SitrepTimelinePage *self = SITREP_TIMELINE_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->scroll_idle_id, g_source_remove);
  g_clear_weak_pointer (&self->ask_dialog);
  g_clear_weak_pointer (&self->undo_toast);
  g_clear_weak_pointer (&self->watched_context);
  clear_asked (self);
  g_clear_object (&self->settings);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_TIMELINE_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sitrep_timeline_page_parent_class)->dispose (object);
}

static void
sitrep_timeline_page_finalize (GObject *object)
{
  SitrepTimelinePage *self = SITREP_TIMELINE_PAGE (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->drafts, g_hash_table_unref);
  g_clear_object (&self->deleted);
  g_free (self->scroll_to_id);

  G_OBJECT_CLASS (sitrep_timeline_page_parent_class)->finalize (object);
}

/* The page's widgets, made when it is first shown (see
 * SitrepIncidentPageClass.build). */
static void
sitrep_timeline_page_build (SitrepIncidentPage *page)
{
  SitrepTimelinePage *self = SITREP_TIMELINE_PAGE (page);
  g_autoptr(GtkStringList) filter_kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) capture_kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_strfreev);

  gtk_string_list_append (filter_kinds, _("All kinds"));
  for (SitrepTimelineKind k = SITREP_KIND_DETECTION; k <= SITREP_KIND_NOTE; k++)
    {
      /* Translators: a kind in the capture menu with its shortcut, e.g. "Decision  Ctrl+4" */
      g_autofree char *label = g_strdup_printf (_("%s  Ctrl+%d"),
                                                sitrep_timeline_kind_get_label (k), k + 1);

      gtk_string_list_append (filter_kinds, sitrep_timeline_kind_get_label (k));
      gtk_string_list_append (capture_kinds, label);
    }
  gtk_drop_down_set_model (self->filter_kind, G_LIST_MODEL (filter_kinds));
  gtk_drop_down_set_model (self->capture_kind, G_LIST_MODEL (capture_kinds));
  gtk_drop_down_set_selected (self->capture_kind, SITREP_KIND_NOTE);

  _sitrep_timeline_page_init_factory (self, GTK_SIGNAL_LIST_ITEM_FACTORY (factory));
  gtk_list_view_set_factory (self->list_view, factory);

  self->filter = gtk_custom_filter_new (filter_entry, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (on_items_changed_before), self, G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->list_view, "map", G_CALLBACK (on_list_shown), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                           G_CALLBACK (on_list_shown), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (on_items_changed_after), self, G_CONNECT_SWAPPED);
  update_count (self);

  /* The hint follows the zone chosen in Preferences, and summer time. */
  {
    GSettingsSchema *schema =
      g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APPLICATION_ID,
                                       TRUE);

    if (schema != NULL)
      {
        self->settings = g_settings_new (APPLICATION_ID);
        g_settings_schema_unref (schema);
        g_signal_connect_object (self->settings, "changed::time-input-zone",
                                 G_CALLBACK (update_capture_hint), self, G_CONNECT_SWAPPED);
      }
  }
  g_signal_connect_object (self->capture_entry, "map", G_CALLBACK (update_capture_hint), self,
                           G_CONNECT_SWAPPED);
  update_capture_hint (self);
  _sitrep_timeline_page_init_commands (self);
}

static void
sitrep_timeline_page_class_init (SitrepTimelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SitrepIncidentPageClass *page_class = SITREP_INCIDENT_PAGE_CLASS (klass);

  object_class->dispose = sitrep_timeline_page_dispose;
  page_class->build = sitrep_timeline_page_build;
  page_class->incident_changed = sitrep_timeline_page_incident_changed;
  page_class->wants_change = sitrep_timeline_page_wants_change;
  object_class->finalize = sitrep_timeline_page_finalize;

  (void) sitrep_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-timeline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepTimelinePage, filter_kind);
  gtk_widget_class_bind_template_child (widget_class, SitrepTimelinePage, filter_pinned);
  gtk_widget_class_bind_template_child (widget_class, SitrepTimelinePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepTimelinePage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SitrepTimelinePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, SitrepTimelinePage, list_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepTimelinePage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SitrepTimelinePage, capture_kind);
  gtk_widget_class_bind_template_child (widget_class, SitrepTimelinePage, capture_entry);
  gtk_widget_class_bind_template_child (widget_class, SitrepTimelinePage, command_hint);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_capture_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_capture_changed);

  gtk_widget_class_install_action (widget_class, "timeline.capture", NULL, capture_action);
  gtk_widget_class_install_action (widget_class, "timeline.focus-capture", NULL,
                                   focus_capture_action);
  gtk_widget_class_install_action (widget_class, "timeline.kind", "i", kind_action);
  gtk_widget_class_install_action (widget_class, "timeline.edit", NULL, entry_action);
  gtk_widget_class_install_action (widget_class, "timeline.delete", NULL, entry_action);
  gtk_widget_class_install_action (widget_class, "timeline.pin", NULL, entry_action);
  gtk_widget_class_install_action (widget_class, "timeline.history", NULL, entry_action);
  gtk_widget_class_install_action (widget_class, "timeline.undo", NULL, undo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "timeline.focus-capture", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "timeline.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "timeline.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "timeline.pin", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "timeline.history", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "timeline.undo", NULL);
  for (int k = SITREP_KIND_DETECTION; k <= SITREP_KIND_NOTE; k++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + k, GDK_CONTROL_MASK,
                                         "timeline.kind", "i", k);
}

static void
sitrep_timeline_page_init (SitrepTimelinePage *self)
{
}

/**
 * sitrep_timeline_page_focus_capture:
 *
 * Puts the cursor in the capture entry.
 */
void
sitrep_timeline_page_focus_capture (SitrepTimelinePage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->capture_entry));
}

SitrepRecordList *
_sitrep_timeline_page_get_model (SitrepTimelinePage *self)
{
  return self->model;
}

GListModel *
_sitrep_timeline_page_get_shown (SitrepTimelinePage *self)
{
  return G_LIST_MODEL (self->filtered);
}

GtkEditable *
_sitrep_timeline_page_get_capture (SitrepTimelinePage *self)
{
  return GTK_EDITABLE (self->capture_entry);
}

GtkListView *
_sitrep_timeline_page_get_list_view (SitrepTimelinePage *self)
{
  return self->list_view;
}

AdwMessageDialog *
_sitrep_timeline_page_get_ask_dialog (SitrepTimelinePage *self)
{
  return self->ask_dialog;
}

AdwToast *
_sitrep_timeline_page_get_undo_toast (SitrepTimelinePage *self)
{
  return self->undo_toast;
}

GtkLabel *
_sitrep_timeline_page_get_command_hint (SitrepTimelinePage *self)
{
  return self->command_hint;
}

GtkWidget *
_sitrep_timeline_page_get_row (SitrepTimelinePage *self,
                               const char         *entry_id)
{
  return g_hash_table_lookup (self->rows, entry_id);
}

void
_sitrep_timeline_page_select (SitrepTimelinePage *self,
                              const char         *entry_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SitrepTimelineEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (g_str_equal (sitrep_timeline_entry_get_id (entry), entry_id))
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

void
_sitrep_timeline_page_set_filter (SitrepTimelinePage *self,
                                  int                 kind,
                                  gboolean            pinned_only)
{
  gtk_drop_down_set_selected (self->filter_kind, kind < 0 ? 0 : (guint) kind + 1);
  gtk_toggle_button_set_active (self->filter_pinned, pinned_only);
  on_filter_changed (self);
}

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
#include "sitrep-timeline-page.h"
#include "sitrep-timeline-row.h"

/* The scribe's editor: a virtualised list of one incident's timeline and a
 * capture entry that is always at hand. Built for typing fast: Enter adds,
 * a leading time backdates, a prefix or Ctrl+1…9 picks the kind; entries
 * from elsewhere slide in without taking the cursor or the scroll away. */
struct _SitrepTimelinePage
{
  SitrepIncidentPage parent_instance;

  SitrepRecordList    *model;         /* the workspace's timeline */
  GtkFilterListModel  *filtered;
  GtkCustomFilter     *filter;
  GtkSingleSelection  *selection;
  GHashTable          *rows;          /* entry id → bound row */
  GHashTable          *drafts;        /* entry id → GStrv typed in a recycled row */
  SitrepTimelineEntry *deleted;       /* the last deletion, for undo */
  gboolean             follow_end;
  guint                scroll_idle_id;
  char                *scroll_to_id;

  GtkDropDown         *filter_kind;
  GtkToggleButton     *filter_pinned;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  GtkScrolledWindow   *scroller;
  GtkListView         *list_view;
  AdwStatusPage       *empty_page;
  GtkDropDown         *capture_kind;
  GtkEntry            *capture_entry;
};

G_DEFINE_FINAL_TYPE (SitrepTimelinePage, sitrep_timeline_page, SITREP_TYPE_INCIDENT_PAGE)

static SitrepContext *
page_context (SitrepTimelinePage *self)
{
  return sitrep_incident_page_get_context (SITREP_INCIDENT_PAGE (self));
}

static SitrepIncident *
page_incident (SitrepTimelinePage *self)
{
  return sitrep_incident_page_get_incident (SITREP_INCIDENT_PAGE (self));
}

static SitrepWorkspace *
page_workspace (SitrepTimelinePage *self)
{
  return sitrep_incident_page_get_workspace (SITREP_INCIDENT_PAGE (self));
}

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
    text = g_strdup_printf (_("%u of %u shown"), shown, total);
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

/* Rows ----------------------------------------------------------------- */

static void
on_row_save (SitrepTimelineRow  *row,
             JsonObject         *fields,
             SitrepTimelinePage *self)
{
  SitrepTimelineEntry *entry = sitrep_timeline_row_get_entry (row);
  g_autoptr(GError) error = NULL;

  if (entry == NULL)
    return;

  if (!sitrep_workspace_edit_timeline_entry (page_workspace (self), sitrep_timeline_entry_get_id (entry),
                                           fields, &error))
    sitrep_widget_show_error (GTK_WIDGET (self), error);
}

static void
toggle_pin (SitrepTimelinePage  *self,
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
    toggle_pin (self, sitrep_timeline_row_get_entry (row));
}

static void
undo_delete (SitrepTimelinePage *self)
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
      queue_scroll (self);
    }
}

static void
delete_entry (SitrepTimelinePage  *self,
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
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete), self,
                           G_CONNECT_SWAPPED);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  sitrep_widget_show_toast (GTK_WIDGET (self), toast);
}

static void
on_row_delete (SitrepTimelineRow  *row,
               SitrepTimelinePage *self)
{
  if (sitrep_timeline_row_get_entry (row) != NULL)
    delete_entry (self, sitrep_timeline_row_get_entry (row));
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

static void
show_history (SitrepTimelinePage  *self,
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
      const char *what = g_str_equal (change->field, "text") ? _("text")
                         : g_str_equal (change->field, "kind") ? _("kind")
                         : _("time");

      if (i > 0)
        g_string_append (body, "\n\n");
      /* Translators: "<when> · <who> changed the <text|kind|time>" then "before → after" */
      g_string_append_printf (body, _("%s · %s changed the %s\n%s → %s"),
                              when ? when : change->ts, change->actor ? change->actor : "?",
                              what, before, after);
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
    show_history (self, sitrep_timeline_row_get_entry (row));
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

static void
on_capture_changed (SitrepTimelinePage *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->capture_entry), "error");
}

static void
capture (SitrepTimelinePage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  SitrepCapture parsed;
  guint kind;

  if (page_incident (self) == NULL)
    return;

  kind = gtk_drop_down_get_selected (self->capture_kind);
  if (!sitrep_capture_parse (gtk_editable_get_text (GTK_EDITABLE (self->capture_entry)), now,
                             kind == GTK_INVALID_LIST_POSITION ? SITREP_KIND_NOTE : kind,
                             &parsed, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->capture_entry), "error");
      gtk_widget_error_bell (GTK_WIDGET (self->capture_entry));
      sitrep_widget_show_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }

  id = sitrep_workspace_add_timeline_entry (page_workspace (self), parsed.occurred_at, parsed.kind, parsed.text, &error);
  sitrep_capture_clear (&parsed);
  if (id == NULL)
    {
      sitrep_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  /* The line is saved: clear it for the next one, and show where it went
   * (a backdated entry may land above) in the same frame. */
  gtk_editable_set_text (GTK_EDITABLE (self->capture_entry), "");
  g_clear_handle_id (&self->scroll_idle_id, g_source_remove);
  g_clear_pointer (&self->scroll_to_id, g_free);
  self->follow_end = FALSE;
  {
    guint position;

    if (shown_position (self, id, &position))
      scroll_to_position (self, position);
  }
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
    delete_entry (self, entry);
  else if (g_str_equal (action_name, "timeline.pin"))
    toggle_pin (self, entry);
  else if (g_str_equal (action_name, "timeline.history"))
    show_history (self, entry);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_delete (SITREP_TIMELINE_PAGE (widget));
}

/* Object --------------------------------------------------------------- */

static void
sitrep_timeline_page_incident_changed (SitrepIncidentPage *page)
{
  SitrepTimelinePage *self = SITREP_TIMELINE_PAGE (page);
  SitrepWorkspace *workspace = sitrep_incident_page_get_workspace (page);

  g_clear_object (&self->deleted);
  g_clear_object (&self->model);

  if (workspace != NULL)
    {
      self->model = g_object_ref (SITREP_RECORD_LIST (sitrep_workspace_get_timeline (workspace)));
      /* A timeline opens on its newest entries. */
      self->follow_end = TRUE;
      queue_scroll (self);
    }

  /* Swapping the model under the same filter and selection lets the list
   * view rebind the rows it has instead of building new ones. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->model));
  update_count (self);
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

static void
sitrep_timeline_page_class_init (SitrepTimelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SitrepIncidentPageClass *page_class = SITREP_INCIDENT_PAGE_CLASS (klass);

  object_class->dispose = sitrep_timeline_page_dispose;
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

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);

  self->filter = gtk_custom_filter_new (filter_entry, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (on_items_changed_before), self, G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (on_items_changed_after), self, G_CONNECT_SWAPPED);
  update_count (self);
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

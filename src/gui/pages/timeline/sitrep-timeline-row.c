/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-capture.h"
#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-incident-page.h"
#include "sitrep-json.h"
#include "sitrep-mutation.h"
#include "sitrep-time.h"
#include "sitrep-timeline-row-private.h"

/* One row of the scribe's list: time (UTC over local), kind, text and
 * author, pin; and, while edited in place, entries for time, kind and text.
 * The row asks its page to act through signals; it writes nothing itself. */
struct _SitrepTimelineRow
{
  GtkWidget            parent_instance;

  SitrepTimelineEntry *entry;
  gboolean             updating;
  int                  shown_kind;      /* -1 before the first refresh */
  gboolean             local_primary;   /* the local clock first, UTC under it */
  int                  shown_pinned;
  char                *detail;          /* what became of it, e.g. a page's outcome */

  GtkWidget           *view;            /* a SitrepTimelineRowView */
  GtkWidget           *edit;
  GtkWidget           *watched_parent;  /* weak */

  GtkWidget           *time_entry;
  GtkWidget           *kind_dropdown;
  GtkWidget           *text_entry;
  GtkWidget           *changed_notice;

  /* The entry as the editor opened it: what a save is checked against. */
  JsonObject          *opened;
  gint64               opened_version;
  char                *opened_time_text;
};

G_DEFINE_FINAL_TYPE (SitrepTimelineRow, sitrep_timeline_row, GTK_TYPE_WIDGET)

static void ensure_edit (SitrepTimelineRow *self);
static void on_parent_state_changed (GtkWidget         *parent,
                                     GtkStateFlags      previous,
                                     SitrepTimelineRow *self);
static void on_entry_body_changed (SitrepTimelineRow *self);

enum {
  SAVE,
  PIN,
  HISTORY,
  DELETE,
  EDIT_STARTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ROW_VIEW(self) SITREP_TIMELINE_ROW_VIEW ((self)->view)

/* Rows are rebound by the hundred when a timeline opens: touch the style
 * only when it changes, since every class change restyles the widget. */
static void
set_kind_class (SitrepTimelineRow  *self,
                SitrepTimelineKind  kind)
{
  char cls[32];

  if (self->shown_kind == (int) kind)
    return;

  if (self->shown_kind >= 0)
    {
      g_snprintf (cls, sizeof cls, "kind-%s", sitrep_timeline_kind_to_string (self->shown_kind));
      gtk_widget_remove_css_class (ROW_VIEW (self)->chip, cls);
    }
  g_snprintf (cls, sizeof cls, "kind-%s", sitrep_timeline_kind_to_string (kind));
  gtk_widget_add_css_class (ROW_VIEW (self)->chip, cls);
  gtk_label_set_label (GTK_LABEL (ROW_VIEW (self)->chip), sitrep_timeline_kind_get_label (kind));
  self->shown_kind = kind;
}

/**
 * sitrep_timeline_row_refresh:
 *
 * Shows the entry's current values (the view side; an edit in progress is
 * left alone).
 */
void
sitrep_timeline_row_refresh (SitrepTimelineRow *self)
{
  SitrepTimelineEntry *entry = self->entry;
  GDateTime *at;
  g_autofree char *utc = NULL;
  g_autofree char *local = NULL;
  g_autofree char *accessible = NULL;
  SitrepTimelineKind kind;
  gboolean pinned;

  if (entry == NULL)
    return;

  at = sitrep_timeline_entry_get_occurred_at (entry);
  if (at != NULL)
    {
      g_autoptr(GDateTime) local_at = g_date_time_to_local (at);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      gboolean today = g_date_time_get_day_of_year (at) == g_date_time_get_day_of_year (now) &&
                       g_date_time_get_year (at) == g_date_time_get_year (now);

      /* First the clock typed times are read in (Preferences), the other
       * under it; the date only when it isn't today, and under the time,
       * so the time column keeps its width: the scribe reads times. */
      if (self->local_primary)
        {
          utc = g_date_time_format (local_at, "%H:%M:%S %Z");
          /* Translators: a timeline entry's date and UTC time, e.g. "Dec 02 · 13:13 UTC" */
          local = g_date_time_format (at, today ? "%H:%M UTC" : _("%b %d · %H:%M UTC"));
        }
      else
        {
          utc = g_date_time_format (at, "%H:%M:%S UTC");
          /* Translators: a timeline entry's date and local time, e.g. "Dec 02 · 14:13 CET" */
          local = g_date_time_format (local_at, today ? "%H:%M %Z" : _("%b %d · %H:%M %Z"));
        }
    }

  kind = sitrep_timeline_entry_get_kind (entry);
  pinned = sitrep_timeline_entry_get_pinned (entry);

  {
    /* Two layouts per row, made once: the list builds ~200 rows. */
    g_autofree char *escaped_text = g_markup_escape_text (sitrep_timeline_entry_get_text (entry), -1);
    g_autofree char *escaped_author = g_markup_escape_text (sitrep_timeline_entry_get_author (entry), -1);
    g_autofree char *time_markup = g_strdup_printf ("<b>%s</b>\n<small><span alpha=\"60%%\">%s</span></small>",
                                                    utc ? utc : "—", local ? local : "");
    g_autofree char *escaped_detail = self->detail != NULL ? g_markup_escape_text (self->detail, -1)
                                                           : NULL;
    /* Translators: under a timeline entry: its author, then what became of it
     * (a page's delivery) */
    g_autofree char *byline = escaped_detail != NULL ? g_strdup_printf (_("%s · %s"), escaped_author,
                                                                        escaped_detail)
                                                     : g_strdup (escaped_author);
    g_autofree char *text_markup = g_strdup_printf ("%s\n<small><span alpha=\"60%%\">%s</span></small>",
                                                    escaped_text, byline);

    _sitrep_timeline_row_view_set_markup (ROW_VIEW (self), time_markup, text_markup);
  }
  set_kind_class (self, kind);

  if (self->shown_pinned != pinned)
    {
      self->updating = TRUE;
      _sitrep_timeline_row_view_set_pinned (ROW_VIEW (self), pinned);
      self->updating = FALSE;
      if (pinned)
        gtk_widget_add_css_class (GTK_WIDGET (self), "pinned");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), "pinned");
      self->shown_pinned = pinned;
    }

  accessible = g_strdup_printf ("%s, %s, %s: %s%s", utc ? utc : "",
                                sitrep_timeline_kind_get_label (kind),
                                sitrep_timeline_entry_get_author (entry),
                                sitrep_timeline_entry_get_text (entry),
                                pinned ? _(", pinned") : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  sitrep_widget_name_list_item (GTK_WIDGET (self), accessible);
}

void
sitrep_timeline_row_set_entry (SitrepTimelineRow   *self,
                               SitrepTimelineEntry *entry)
{
  g_return_if_fail (SITREP_IS_TIMELINE_ROW (self));

  if (self->entry == entry)
    return;

  if (self->entry != NULL)
    g_signal_handlers_disconnect_by_data (self->entry, self);
  sitrep_timeline_row_stop_edit (self);
  g_set_object (&self->entry, entry);

  if (entry != NULL)
    {
      g_signal_connect_swapped (entry, "notify::body",
                                G_CALLBACK (on_entry_body_changed), self);
      sitrep_timeline_row_refresh (self);
    }
}

/**
 * sitrep_timeline_row_set_detail:
 * @detail: (nullable): shown after the author, e.g. "Delivered at 14:41 via
 *   PagerDuty" under "Paged database-team"
 */
void
sitrep_timeline_row_set_detail (SitrepTimelineRow *self,
                                const char        *detail)
{
  g_return_if_fail (SITREP_IS_TIMELINE_ROW (self));

  if (g_strcmp0 (self->detail, detail) == 0)
    return;
  g_free (self->detail);
  self->detail = g_strdup (detail);
  if (self->entry != NULL)
    sitrep_timeline_row_refresh (self);
}

/**
 * sitrep_timeline_row_set_local_primary:
 * @local_primary: whether the local clock shows first, UTC under it (else
 *   the other way round), as typed times are read
 */
void
sitrep_timeline_row_set_local_primary (SitrepTimelineRow *self,
                                       gboolean           local_primary)
{
  g_return_if_fail (SITREP_IS_TIMELINE_ROW (self));

  if (self->local_primary == !!local_primary)
    return;
  self->local_primary = !!local_primary;
  sitrep_timeline_row_refresh (self);
}

SitrepTimelineEntry *
sitrep_timeline_row_get_entry (SitrepTimelineRow *self)
{
  return self->entry;
}

/* The context of the page the row is on, for the zone typed times are read
 * in; a row on its own reads them as the preference says all the same. */
static SitrepIncidentPage *
row_page (SitrepTimelineRow *self)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), SITREP_TYPE_INCIDENT_PAGE);

  return page ? SITREP_INCIDENT_PAGE (page) : NULL;
}

static SitrepContext *
row_context (SitrepTimelineRow *self)
{
  SitrepIncidentPage *page = row_page (self);

  return page ? sitrep_incident_page_get_context (page) : NULL;
}

/* Says how the time editor reads a typed time: in the zone chosen in
 * Preferences. */
static void
update_time_hint (SitrepTimelineRow *self)
{
  g_autofree char *zone = sitrep_context_dup_input_zone_name (row_context (self), NULL);
  g_autofree char *tip = NULL;
  g_autofree char *label = NULL;

  /* Translators: %s is a time zone such as CET or UTC */
  tip = g_strdup_printf (_("When, in %s: HH:MM, -5m, or YYYY-MM-DD HH:MM:SS"), zone);
  /* Translators: %s is a time zone such as CET or UTC */
  label = g_strdup_printf (_("Time of the entry (%s)"), zone);
  gtk_widget_set_tooltip_text (self->time_entry, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static JsonObject *
snapshot_entry (SitrepTimelineEntry *entry)
{
  JsonObject *shown = json_object_new ();
  GDateTime *at = sitrep_timeline_entry_get_occurred_at (entry);

  json_object_set_string_member (shown, "text", sitrep_timeline_entry_get_text (entry));
  json_object_set_string_member (shown, "kind",
                                 sitrep_timeline_kind_to_string (sitrep_timeline_entry_get_kind (entry)));
  if (at != NULL)
    {
      g_autofree char *when = sitrep_time_format (at);

      json_object_set_string_member (shown, "occurred_at", when);
    }

  return shown;
}

/* Someone else's change arriving while the editor is open is said at once,
 * with their text, so nobody saves over it unaware. */
static void
update_changed_notice (SitrepTimelineRow *self)
{
  g_autoptr(JsonObject) now = NULL;
  g_autoptr(JsonObject) all = NULL;
  g_autofree char *message = NULL;

  if (self->changed_notice == NULL || self->opened == NULL || self->entry == NULL ||
      !sitrep_timeline_row_is_editing (self))
    return;

  now = snapshot_entry (self->entry);
  all = json_object_ref (self->opened);
  if (!sitrep_edit_changed_underneath (now, self->opened, all))
    {
      gtk_widget_set_visible (self->changed_notice, FALSE);
      return;
    }

  {
    const char *by = sitrep_json_get_string (sitrep_timeline_entry_get_body (self->entry),
                                             "edited_by");

    if (by != NULL)
      /* Translators: shown in a timeline entry's editor; a person, then the entry's new text */
      message = g_strdup_printf (_("%s changed this entry while you were editing it: “%s”. "
                                   "Saving will ask which text to keep."),
                                 by, sitrep_timeline_entry_get_text (self->entry));
    else
      /* Translators: shown in a timeline entry's editor; %s is the entry's new text */
      message = g_strdup_printf (_("Someone else changed this entry while you were editing it: “%s”. "
                                   "Saving will ask which text to keep."),
                                 sitrep_timeline_entry_get_text (self->entry));
  }
  gtk_label_set_label (GTK_LABEL (self->changed_notice), message);
  gtk_widget_set_visible (self->changed_notice, TRUE);
}

static void
on_entry_body_changed (SitrepTimelineRow *self)
{
  sitrep_timeline_row_refresh (self);
  update_changed_notice (self);
}

/**
 * sitrep_timeline_row_start_edit:
 *
 * Turns the row into entries for its time, kind and text, focused on the
 * text.
 */
static void
start_edit (SitrepTimelineRow *self,
            gboolean           grab_focus)
{
  GDateTime *at;
  g_autofree char *time_text = NULL;

  if (self->entry == NULL || sitrep_timeline_row_is_editing (self))
    return;

  ensure_edit (self);
  at = sitrep_timeline_entry_get_occurred_at (self->entry);
  time_text = at ? sitrep_context_format_input_time (row_context (self), at, TRUE) : g_strdup ("");
  update_time_hint (self);
  gtk_editable_set_text (GTK_EDITABLE (self->time_entry), time_text);
  g_free (self->opened_time_text);
  self->opened_time_text = g_strdup (time_text);
  gtk_editable_set_text (GTK_EDITABLE (self->text_entry),
                         sitrep_timeline_entry_get_text (self->entry));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->kind_dropdown),
                              sitrep_timeline_entry_get_kind (self->entry));
  gtk_widget_remove_css_class (self->time_entry, "error");
  gtk_widget_remove_css_class (self->text_entry, "error");
  g_clear_pointer (&self->opened, json_object_unref);
  self->opened = snapshot_entry (self->entry);
  self->opened_version = sitrep_timeline_entry_get_version (self->entry);
  gtk_widget_set_visible (self->changed_notice, FALSE);

  gtk_widget_set_visible (self->view, FALSE);
  gtk_widget_set_visible (self->edit, TRUE);
  if (grab_focus)
    gtk_widget_grab_focus (self->text_entry);
  g_signal_emit (self, signals[EDIT_STARTED], 0);
}

void
sitrep_timeline_row_start_edit (SitrepTimelineRow *self)
{
  start_edit (self, TRUE);
}

void
sitrep_timeline_row_stop_edit (SitrepTimelineRow *self)
{
  gboolean had_focus;

  if (!sitrep_timeline_row_is_editing (self))
    return;

  had_focus = (gtk_widget_get_state_flags (self->edit) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;
  gtk_widget_set_visible (self->edit, FALSE);
  g_clear_pointer (&self->opened, json_object_unref);
  self->opened_version = 0;
  gtk_widget_set_visible (self->view, TRUE);
  sitrep_timeline_row_refresh (self);

  /* Give the focus back to the row, so the list keeps the scribe's place. */
  if (had_focus && gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (self)));
}

/**
 * sitrep_timeline_row_dup_draft:
 *
 * Returns: (transfer full) (nullable): what is typed in the edit entries
 *   (time, kind index, text) and what the editor opened with (its version
 *   and the entry as JSON), %NULL when not editing
 */
GStrv
sitrep_timeline_row_dup_draft (SitrepTimelineRow *self)
{
  GStrv draft;

  if (!sitrep_timeline_row_is_editing (self))
    return NULL;

  draft = g_new0 (char *, 7);
  draft[0] = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->time_entry)));
  draft[1] = g_strdup_printf ("%u", gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kind_dropdown)));
  draft[2] = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text_entry)));
  draft[3] = g_strdup_printf ("%" G_GINT64_FORMAT, self->opened_version);
  draft[4] = self->opened ? sitrep_json_to_string (self->opened) : g_strdup ("{}");
  draft[5] = g_strdup (self->opened_time_text ? self->opened_time_text : "");

  return draft;
}

/**
 * sitrep_timeline_row_restore_draft:
 *
 * Goes back to editing with what was typed before the row was recycled.
 */
void
sitrep_timeline_row_restore_draft (SitrepTimelineRow  *self,
                                   const char * const *draft)
{
  JsonObject *opened;

  g_return_if_fail (draft != NULL && g_strv_length ((char **) draft) == 6);

  /* No focus grab while the list binds rows: it would scroll and rebind. */
  start_edit (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->time_entry), draft[0]);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->kind_dropdown),
                              (guint) g_ascii_strtoull (draft[1], NULL, 10));
  gtk_editable_set_text (GTK_EDITABLE (self->text_entry), draft[2]);

  /* Still checked against what the editor first opened with. */
  {
    g_autoptr(JsonParser) parser = json_parser_new_immutable ();
    JsonNode *root;

    if (json_parser_load_from_data (parser, draft[4], -1, NULL) &&
        (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
      opened = json_node_dup_object (root);
    else
      opened = NULL;
  }
  if (opened != NULL && json_object_get_size (opened) > 0)
    {
      g_clear_pointer (&self->opened, json_object_unref);
      self->opened = opened;
      self->opened_version = g_ascii_strtoll (draft[3], NULL, 10);
      g_free (self->opened_time_text);
      self->opened_time_text = g_strdup (draft[5]);
      update_changed_notice (self);
    }
  else if (opened != NULL)
    json_object_unref (opened);
}

gboolean
sitrep_timeline_row_is_editing (SitrepTimelineRow *self)
{
  return self->edit != NULL && gtk_widget_get_visible (self->edit);
}

static void
save_edit (SitrepTimelineRow *self)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text_entry))));
  guint kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kind_dropdown));

  {
    SitrepIncidentPage *page = row_page (self);
    SitrepCaptureCheck check = SITREP_CAPTURE_CHECK_OK;

    when = sitrep_context_parse_time_input (row_context (self),
                                            gtk_editable_get_text (GTK_EDITABLE (self->time_entry)),
                                            page ? sitrep_incident_page_get_incident (page) : NULL,
                                            &check, &error);
    /* A time still to come is a slip or the wrong zone, never yesterday. */
    if (when != NULL && check == SITREP_CAPTURE_CHECK_FUTURE)
      {
        g_autofree char *typed = sitrep_context_format_input_time (row_context (self), when, FALSE);
        g_autofree char *zone = sitrep_context_dup_input_zone_name (row_context (self), when);

        g_clear_pointer (&when, g_date_time_unref);
        /* Translators: a time such as 13:50, then its zone such as CET */
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("%s %s is later than now: type when it happened"), typed, zone);
      }
  }
  if (when == NULL)
    {
      gtk_widget_add_css_class (self->time_entry, "error");
      gtk_widget_set_tooltip_text (self->time_entry, error->message);
      gtk_widget_grab_focus (self->time_entry);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  if (text[0] == '\0')
    {
      gtk_widget_add_css_class (self->text_entry, "error");
      gtk_widget_grab_focus (self->text_entry);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  /* Only what this editor changed from what it opened with: an unchanged
   * field makes no history, and never puts back what someone else has
   * changed since. */
  {
    g_autoptr(JsonObject) mine = json_object_new ();
    g_autoptr(JsonObject) opened = self->opened ? json_object_ref (self->opened)
                                                : snapshot_entry (self->entry);
    g_autofree char *at = sitrep_time_format (when);
    g_autoptr(GList) members = NULL;

    json_object_set_string_member (mine, "text", text);
    /* The editor shows whole seconds: a time left as it was shown is the
     * entry's own time, to the millisecond. */
    if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->time_entry)), self->opened_time_text) != 0)
      json_object_set_string_member (mine, "occurred_at", at);
    if (kind != GTK_INVALID_LIST_POSITION)
      json_object_set_string_member (mine, "kind", sitrep_timeline_kind_to_string (kind));

    members = json_object_get_members (mine);
    for (GList *l = members; l != NULL; l = l->next)
      {
        g_autoptr(JsonObject) one = json_object_new ();

        json_object_set_member (one, l->data, json_object_dup_member (mine, l->data));
        if (!json_object_has_member (opened, l->data) ||
            sitrep_edit_changed_underneath (mine, opened, one))
          json_object_set_member (fields, l->data, json_object_dup_member (mine, l->data));
      }

    if (json_object_get_size (fields) > 0)
      g_signal_emit (self, signals[SAVE], 0, fields, opened, self->opened_version);
  }

  sitrep_timeline_row_stop_edit (self);
}

static void
edit_save_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  save_edit (SITREP_TIMELINE_ROW (widget));
}

static void
edit_cancel_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  sitrep_timeline_row_stop_edit (SITREP_TIMELINE_ROW (widget));
}

static void
row_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SitrepTimelineRow *self = SITREP_TIMELINE_ROW (widget);

  if (g_str_equal (action_name, "row.edit"))
    sitrep_timeline_row_start_edit (self);
  else if (g_str_equal (action_name, "row.history"))
    g_signal_emit (self, signals[HISTORY], 0);
  else if (g_str_equal (action_name, "row.delete"))
    g_signal_emit (self, signals[DELETE], 0);
  else if (g_str_equal (action_name, "row.make-action-item") && self->entry != NULL)
    /* The window opens the incident's action items, the text to start from. */
    gtk_widget_activate_action (widget, "win.make-action-item", "(ss)",
                                sitrep_record_object_get_incident_id (SITREP_RECORD_OBJECT (self->entry)),
                                sitrep_timeline_entry_get_text (self->entry));
}

void
_sitrep_timeline_row_pin_toggled (SitrepTimelineRow *self)
{
  if (!self->updating && self->entry != NULL)
    g_signal_emit (self, signals[PIN], 0);
}

static void
on_double_click (GtkGestureClick   *gesture,
                 int                n_press,
                 double             x,
                 double             y,
                 SitrepTimelineRow *self)
{
  if (n_press == 2)
    sitrep_timeline_row_start_edit (self);
}

/* Made when first opened, for the same reason as the edit widgets. */
void
_sitrep_timeline_row_create_menu (GtkMenuButton *button,
                                  gpointer       data)
{
  g_autoptr(GMenu) menu = NULL;

  if (gtk_menu_button_get_menu_model (button) != NULL)
    return;

  menu = g_menu_new ();
  g_menu_append (menu, _("_Edit"), "row.edit");
  g_menu_append (menu, _("Edit _History"), "row.history");
  g_menu_append (menu, _("_Delete"), "row.delete");
  g_menu_append (menu, _("Make _Action Item"), "row.make-action-item");
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

/* Every row's kind chip is as wide as the widest kind's, so the text column
 * starts at the same place on every row, whatever the kind. Measured once:
 * the kinds' labels and the chip's style do not change while running. */
int
_sitrep_timeline_chip_width (GtkWidget *unused)
{
  static int width = -1;

  if (width < 0)
    {
      GtkWidget *chip = g_object_ref_sink (gtk_label_new (NULL));

      gtk_widget_add_css_class (chip, "kind-chip");
      for (SitrepTimelineKind k = SITREP_KIND_DETECTION; k <= SITREP_KIND_NOTE; k++)
        {
          int natural = 0;

          gtk_label_set_label (GTK_LABEL (chip), sitrep_timeline_kind_get_label (k));
          gtk_widget_measure (chip, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
          width = MAX (width, natural);
        }
      g_object_unref (chip);
      width = MAX (width, 104);
    }

  return width;
}

static GtkWidget *build_edit (SitrepTimelineRow *self);

/* The edit widgets cost more than the row itself (a drop-down carries a
 * popover and a list): a list of 10,000 entries makes them for the one row
 * being edited, when it is. */
static void
ensure_edit (SitrepTimelineRow *self)
{
  if (self->edit != NULL)
    return;

  self->edit = build_edit (self);
  gtk_widget_set_visible (self->edit, FALSE);
  gtk_widget_set_margin_top (self->edit, 6);
  gtk_widget_set_margin_bottom (self->edit, 6);
  gtk_widget_set_margin_start (self->edit, 12);
  gtk_widget_set_margin_end (self->edit, 6);
  gtk_widget_set_parent (self->edit, GTK_WIDGET (self));
}

static GtkWidget *
build_edit (SitrepTimelineRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *cancel = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkEventController *keys;
  GtkShortcut *shortcut;

  for (SitrepTimelineKind k = SITREP_KIND_DETECTION; k <= SITREP_KIND_NOTE; k++)
    gtk_string_list_append (kinds, sitrep_timeline_kind_get_label (k));

  self->time_entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (self->time_entry), 19);
  gtk_widget_set_tooltip_text (self->time_entry, _("When, in UTC: HH:MM, -5m, or YYYY-MM-DD HH:MM:SS"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Time of the entry (UTC)"), -1);
  g_signal_connect_swapped (self->time_entry, "activate", G_CALLBACK (save_edit), self);

  self->kind_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (kinds)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kind of the entry"), -1);

  self->text_entry = gtk_entry_new ();
  gtk_widget_set_hexpand (self->text_entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Text of the entry"), -1);
  g_signal_connect_swapped (self->text_entry, "activate", G_CALLBACK (save_edit), self);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "row.save");
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "row.cancel");
  gtk_widget_add_css_class (cancel, "flat");
  gtk_widget_set_tooltip_text (cancel, _("Cancel (Escape)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (cancel), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Cancel editing"), -1);

  gtk_box_append (GTK_BOX (box), self->time_entry);
  gtk_box_append (GTK_BOX (box), self->kind_dropdown);
  gtk_box_append (GTK_BOX (box), self->text_entry);
  gtk_box_append (GTK_BOX (box), save);
  gtk_box_append (GTK_BOX (box), cancel);

  self->changed_notice = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->changed_notice), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->changed_notice), 0);
  gtk_widget_add_css_class (self->changed_notice, "warning");
  gtk_widget_set_visible (self->changed_notice, FALSE);
  {
    GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

    gtk_box_append (GTK_BOX (column), box);
    gtk_box_append (GTK_BOX (column), self->changed_notice);
    box = column;
  }

  keys = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                               gtk_named_action_new ("row.cancel"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), shortcut);
  gtk_widget_add_controller (box, keys);

  return box;
}

static void
sitrep_timeline_row_dispose (GObject *object)
{
  SitrepTimelineRow *self = SITREP_TIMELINE_ROW (object);

  if (self->entry != NULL)
    g_signal_handlers_disconnect_by_data (self->entry, self);
  g_clear_object (&self->entry);
  g_clear_pointer (&self->opened, json_object_unref);
  g_clear_pointer (&self->opened_time_text, g_free);
  g_clear_pointer (&self->detail, g_free);
  if (self->watched_parent != NULL)
    g_signal_handlers_disconnect_by_func (self->watched_parent, on_parent_state_changed, self);
  g_clear_weak_pointer (&self->watched_parent);
  g_clear_pointer (&self->view, gtk_widget_unparent);
  g_clear_pointer (&self->edit, gtk_widget_unparent);

  G_OBJECT_CLASS (sitrep_timeline_row_parent_class)->dispose (object);
}

static void
sitrep_timeline_row_class_init (SitrepTimelineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_timeline_row_dispose;

  /**
   * SitrepTimelineRow::save:
   * @fields: the changed fields (`text`, `occurred_at`, `kind`)
   * @opened: the entry's `text`, `occurred_at` and `kind` when the editor opened
   * @opened_version: its version then
   */
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 3, JSON_TYPE_OBJECT,
                                JSON_TYPE_OBJECT, G_TYPE_INT64);
  signals[PIN] = g_signal_new ("pin", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                               NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[HISTORY] = g_signal_new ("history", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DELETE] = g_signal_new ("delete", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[EDIT_STARTED] = g_signal_new ("edit-started", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timelinerow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_install_action (widget_class, "row.edit", NULL, row_action);
  gtk_widget_class_install_action (widget_class, "row.history", NULL, row_action);
  gtk_widget_class_install_action (widget_class, "row.delete", NULL, row_action);
  gtk_widget_class_install_action (widget_class, "row.make-action-item", NULL, row_action);
  gtk_widget_class_install_action (widget_class, "row.save", NULL, edit_save_action);
  gtk_widget_class_install_action (widget_class, "row.cancel", NULL, edit_cancel_action);
}

/* The pin and menu become real buttons when the row is hovered, focused
 * or selected: the list item around the row is what takes focus and
 * selection. */
static void
on_parent_state_changed (GtkWidget         *parent,
                         GtkStateFlags      previous,
                         SitrepTimelineRow *self)
{
  if (gtk_widget_get_state_flags (parent) &
      (GTK_STATE_FLAG_SELECTED | GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_WITHIN |
       GTK_STATE_FLAG_PRELIGHT))
    _sitrep_timeline_row_view_ensure_buttons (ROW_VIEW (self));
}

static void
on_parent_changed (SitrepTimelineRow *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (self->watched_parent != NULL)
    g_signal_handlers_disconnect_by_func (self->watched_parent, on_parent_state_changed, self);
  g_clear_weak_pointer (&self->watched_parent);
  if (parent != NULL)
    {
      g_set_weak_pointer (&self->watched_parent, parent);
      g_signal_connect (parent, "state-flags-changed", G_CALLBACK (on_parent_state_changed), self);
      on_parent_state_changed (parent, 0, self);
    }
}

static void
on_enter (GtkEventControllerMotion *motion,
          double                    x,
          double                    y,
          SitrepTimelineRow        *self)
{
  _sitrep_timeline_row_view_ensure_buttons (ROW_VIEW (self));
}

static void
sitrep_timeline_row_init (SitrepTimelineRow *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  GtkGesture *click = gtk_gesture_click_new ();

  self->shown_kind = -1;
  self->shown_pinned = -1;

  self->view = g_object_new (SITREP_TYPE_TIMELINE_ROW_VIEW, NULL);
  ROW_VIEW (self)->row = self;
  gtk_widget_set_parent (self->view, GTK_WIDGET (self));
  gtk_widget_set_margin_top (self->view, 6);
  gtk_widget_set_margin_bottom (self->view, 6);
  gtk_widget_set_margin_start (self->view, 12);
  gtk_widget_set_margin_end (self->view, 6);

  g_signal_connect (click, "pressed", G_CALLBACK (on_double_click), self);
  g_signal_connect (motion, "enter", G_CALLBACK (on_enter), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (self, "notify::parent", G_CALLBACK (on_parent_changed), NULL);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
sitrep_timeline_row_new (void)
{
  return g_object_new (SITREP_TYPE_TIMELINE_ROW, NULL);
}

GtkEditable *
_sitrep_timeline_row_get_text_entry (SitrepTimelineRow *self)
{
  ensure_edit (self);
  return GTK_EDITABLE (self->text_entry);
}

/* The drawn text and author, as plain text. */
const char *
_sitrep_timeline_row_get_text (SitrepTimelineRow *self)
{
  return ROW_VIEW (self)->text_text;
}

/* The drawn time block, as plain text. */
const char *
_sitrep_timeline_row_get_time_text (SitrepTimelineRow *self)
{
  return ROW_VIEW (self)->time_text;
}

/* Where the text is drawn, in the row's coordinates. */
void
_sitrep_timeline_row_get_text_origin (SitrepTimelineRow *self,
                                      graphene_point_t  *origin)
{
  graphene_point_t in = GRAPHENE_POINT_INIT (_sitrep_timeline_view_text_x (ROW_VIEW (self)), 0);

  if (!gtk_widget_compute_point (self->view, GTK_WIDGET (self), &in, origin))
    *origin = in;
}

/* The real pin button, or NULL while it is drawn. */
GtkWidget *
_sitrep_timeline_row_get_pin_button (SitrepTimelineRow *self)
{
  return ROW_VIEW (self)->pin_button;
}

GtkEditable *
_sitrep_timeline_row_get_time_entry (SitrepTimelineRow *self)
{
  ensure_edit (self);
  return GTK_EDITABLE (self->time_entry);
}

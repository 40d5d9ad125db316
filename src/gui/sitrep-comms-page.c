/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-comms"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-comms-page-private.h"
#include "sitrep-deadlines.h"
#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-json.h"
#include "sitrep-resources.h"
#include "sitrep-status.h"
#include "sitrep-templates.h"
#include "sitrep-templates-window.h"
#include "sitrep-time.h"

/* The communications lead's page: the update clocks, the composer, and
 * what was sent. The composer's text is the user's once filled in: every
 * edit re-checks it for leftover {{placeholders}} and [blanks], and
 * nothing flagged can be marked as sent. */

#define N_AUDIENCES (SITREP_AUDIENCE_INTERNAL + 1)
#define TICK_S 15

struct _SitrepCommsPage
{
  GtkWidget       parent_instance;

  SitrepContext  *context;
  SitrepIncident *incident;
  guint           refresh_id;
  guint           tick_id;
  gboolean        updating;       /* the combos are being changed from code */
  gboolean        needs_reset;    /* a new incident, not yet shown */

  GtkStringList  *template_model;
  GPtrArray      *templates;      /* SitrepRecord, as in template_model; NULL is "Blank" */
  GtkStringList  *status_model;
  GArray         *statuses;       /* SitrepStatus, as in status_model */
  GArray         *due_keys;       /* guint, kind × N_AUDIENCES + audience, as in due_list */
  char           *history_key;    /* the sent records' ids, to skip needless rebuilds */

  /* What the last fill put into the editors: anything else is the user's. */
  char           *filled_title;
  char           *filled_body;
  char           *undo_title;
  char           *undo_body;
  AdwToast       *undo_toast;     /* weak */
  GPtrArray      *flags;          /* char *, what needs filling in */

  GtkWidget      *scroller;
  GtkListBox     *due_list;
  AdwComboRow    *audience_row;
  AdwComboRow    *template_row;
  AdwComboRow    *status_row;
  AdwEntryRow    *title_row;
  GtkTextView    *body_view;
  GtkWidget      *flag_list;
  AdwActionRow   *flag_row;
  GtkLabel       *preview_placeholder;
  GtkLabel       *preview_title;
  GtkLabel       *preview_body;
  GtkWidget      *copy_button;
  GtkWidget      *send_button;
  GtkListBox     *history_list;
};

G_DEFINE_FINAL_TYPE (SitrepCommsPage, sitrep_comms_page, GTK_TYPE_WIDGET)

static void update_check (SitrepCommsPage *self);

static const char *
incident_id (SitrepCommsPage *self)
{
  return self->incident ? sitrep_incident_get_id (self->incident) : NULL;
}

static SitrepAudience
current_audience (SitrepCommsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->audience_row);

  return selected < N_AUDIENCES ? (SitrepAudience) selected : SITREP_AUDIENCE_STATUS_PAGE;
}

static SitrepRecord *
current_template (SitrepCommsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->template_row);

  return selected < self->templates->len ? self->templates->pdata[selected] : NULL;
}

static SitrepStatus
current_status (SitrepCommsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->status_row);

  return selected < self->statuses->len ? g_array_index (self->statuses, SitrepStatus, selected)
                                        : SITREP_STATUS_INVALID;
}

static char *
dup_body_text (SitrepCommsPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
get_title_text (SitrepCommsPage *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->title_row));
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static void
set_editors (SitrepCommsPage *self,
             const char      *title,
             const char      *body)
{
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title ? title : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), body ? body : "", -1);
}

/* Whether the editors hold text the last fill did not put there. */
static gboolean
is_dirty (SitrepCommsPage *self)
{
  g_autofree char *body = dup_body_text (self);
  const char *title = get_title_text (self);

  if (is_blank (title) && is_blank (body))
    return FALSE;
  return g_strcmp0 (title, self->filled_title ? self->filled_title : "") != 0 ||
         g_strcmp0 (body, self->filled_body ? self->filled_body : "") != 0;
}

/* Templates */

static int
template_position (SitrepCommsPage *self,
                   const char      *id)
{
  for (guint i = 0; i < self->templates->len; i++)
    {
      SitrepRecord *record = self->templates->pdata[i];

      if (record == NULL ? id == NULL : g_strcmp0 (record->id, id) == 0)
        return (int) i;
    }
  return -1;
}

static gboolean
template_is_for (SitrepRecord   *record,
                 SitrepAudience  audience)
{
  SitrepAudience for_audience;

  return record != NULL &&
         sitrep_audience_from_string (sitrep_json_get_string (record->body, "audience"),
                                      &for_audience) &&
         for_audience == audience;
}

/* The audience's templates first, then the others, then "Blank". With
 * @first_match, the selection moves to the audience's first template;
 * otherwise it stays on the template it was on. */
static void
rebuild_templates (SitrepCommsPage *self,
                   gboolean         first_match)
{
  SitrepAudience audience = current_audience (self);
  SitrepRecord *selected = current_template (self);
  g_autofree char *keep_id = selected ? g_strdup (selected->id) : NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_record_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gboolean same = FALSE;
  guint position = 0;
  int found;

  if (self->context == NULL)
    return;

  all = sitrep_context_list_templates (self->context);
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < all->len; i++)
      {
        SitrepRecord *record = all->pdata[i];

        if (record->deleted || template_is_for (record, audience) != (pass == 0))
          continue;
        g_ptr_array_add (ordered, sitrep_record_copy (record));
      }
  g_ptr_array_add (ordered, NULL);

  for (guint i = 0; i < ordered->len; i++)
    {
      SitrepRecord *record = ordered->pdata[i];
      const char *name = record ? sitrep_json_get_string (record->body, "name") : NULL;

      if (record == NULL)
        name = _("Blank");
      else if (is_blank (name))
        name = _("Untitled template");
      g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_add (names, NULL);

  /* Rewriting an unchanged list would close the popover under the user. */
  if (ordered->len == self->templates->len)
    {
      same = TRUE;
      for (guint i = 0; same && i < ordered->len; i++)
        {
          SitrepRecord *a = ordered->pdata[i];
          SitrepRecord *b = self->templates->pdata[i];

          same = (a == NULL && b == NULL) ||
                 (a != NULL && b != NULL && g_str_equal (a->id, b->id) &&
                  g_strcmp0 (names->pdata[i],
                             gtk_string_list_get_string (self->template_model, i)) == 0);
        }
    }

  self->updating = TRUE;
  /* The records are taken anyway: an edited template's text is new. */
  g_ptr_array_unref (self->templates);
  self->templates = g_steal_pointer (&ordered);
  if (!same)
    gtk_string_list_splice (self->template_model, 0,
                            g_list_model_get_n_items (G_LIST_MODEL (self->template_model)),
                            (const char * const *) names->pdata);

  found = template_position (self, keep_id);
  if (first_match)
    position = template_is_for (self->templates->pdata[0], audience) ? 0
                                                                      : self->templates->len - 1;
  else if (found >= 0)
    position = (guint) found;
  else
    position = self->templates->len - 1;
  adw_combo_row_set_selected (self->template_row, position);
  self->updating = FALSE;
}

static void
on_undo_clicked (SitrepCommsPage *self)
{
  set_editors (self, self->undo_title, self->undo_body);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
offer_undo (SitrepCommsPage *self,
            const char      *title,
            const char      *body)
{
  AdwToast *toast;

  g_free (self->undo_title);
  g_free (self->undo_body);
  self->undo_title = g_strdup (title);
  self->undo_body = g_strdup (body);

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);

  toast = adw_toast_new (_("Text replaced with the template"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked), self,
                           G_CONNECT_SWAPPED);
  self->undo_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->undo_toast);
  sitrep_widget_show_toast (GTK_WIDGET (self), toast);
}

/* Renders the chosen template with the incident's values into the
 * editors. What the user had typed is kept for an Undo. */
static void
fill_from_template (SitrepCommsPage *self)
{
  SitrepRecord *record = current_template (self);
  g_autoptr(GHashTable) values = NULL;
  g_auto(SitrepRendered) title = { 0 };
  g_auto(SitrepRendered) body = { 0 };
  g_autofree char *old_title = NULL;
  g_autofree char *old_body = NULL;
  gboolean dirty;

  if (self->context == NULL || self->incident == NULL)
    return;

  values = sitrep_context_template_values (self->context, incident_id (self));
  sitrep_template_render (record ? sitrep_json_get_string (record->body, "title") ?: "" : "",
                          values, &title);
  sitrep_template_render (record ? sitrep_json_get_string (record->body, "body") ?: "" : "",
                          values, &body);

  dirty = is_dirty (self);
  old_title = g_strdup (get_title_text (self));
  old_body = dup_body_text (self);

  g_free (self->filled_title);
  g_free (self->filled_body);
  self->filled_title = g_strdup (title.text);
  self->filled_body = g_strdup (body.text);
  set_editors (self, title.text, body.text);

  if (dirty && (g_strcmp0 (old_title, title.text) != 0 || g_strcmp0 (old_body, body.text) != 0))
    offer_undo (self, old_title, old_body);
}

/* Statuses */

static void
rebuild_statuses (SitrepCommsPage *self)
{
  static const SitrepStatus choices[] = {
    SITREP_STATUS_IDENTIFIED, SITREP_STATUS_MONITORING, SITREP_STATUS_RESOLVED,
  };
  SitrepStatus keep = current_status (self);
  SitrepStatus now = self->incident ? sitrep_incident_get_status (self->incident)
                                    : SITREP_STATUS_INVALID;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) statuses = g_array_new (FALSE, FALSE, sizeof (SitrepStatus));
  SitrepStatus keep_as_is = SITREP_STATUS_INVALID;
  guint position = 0;
  gboolean same;

  g_array_append_val (statuses, keep_as_is);
  g_ptr_array_add (labels, (gpointer) _("Keep as it is"));
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    if (sitrep_status_can_transition (now, choices[i]))
      {
        g_array_append_val (statuses, choices[i]);
        g_ptr_array_add (labels, (gpointer) sitrep_status_get_label (choices[i]));
      }
  g_ptr_array_add (labels, NULL);

  same = statuses->len == self->statuses->len &&
         memcmp (statuses->data, self->statuses->data, statuses->len * sizeof (SitrepStatus)) == 0;
  if (same)
    return;

  for (guint i = 0; i < statuses->len; i++)
    if (g_array_index (statuses, SitrepStatus, i) == keep)
      position = i;

  self->updating = TRUE;
  g_array_unref (self->statuses);
  self->statuses = g_steal_pointer (&statuses);
  gtk_string_list_splice (self->status_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->status_model)),
                          (const char * const *) labels->pdata);
  adw_combo_row_set_selected (self->status_row, position);
  self->updating = FALSE;
}

/* The update clocks */

static gboolean
is_communication (SitrepDeadlineKind kind)
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
  GTimeSpan left = g_date_time_difference (deadline->due, now);
  g_autofree char *due = sitrep_format_time_utc_local (deadline->due);
  g_autofree char *span = sitrep_time_format_duration (left);
  g_autofree char *text = NULL;
  g_autofree char *subtitle = NULL;

  if (left >= G_TIME_SPAN_MINUTE)
    /* Translators: time left before an update is due, e.g. "in 12 min" */
    text = g_strdup_printf (_("in %s"), span);
  else if (left > -G_TIME_SPAN_MINUTE)
    text = g_strdup (_("due now"));
  else
    /* Translators: e.g. "overdue by 3 min" */
    text = g_strdup_printf (_("overdue by %s"), span);

  /* Translators: when an update is due, e.g. "Due 2026-11-27 14:32:10 UTC · 15:32 CET" */
  subtitle = g_strdup_printf (_("Due %s"), due);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), deadline->label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_label_set_label (GTK_LABEL (countdown), text);
  if (left < 0)
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

static void
refresh_due (SitrepCommsPage *self)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GtkWidget *child;

  if (self->context != NULL && self->incident != NULL)
    deadlines = sitrep_context_compute_deadlines (self->context, incident_id (self));
  else
    deadlines = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_deadline_free);

  for (guint i = 0; i < deadlines->len; )
    {
      SitrepDeadline *deadline = deadlines->pdata[i];
      guint key = deadline->kind * N_AUDIENCES + deadline->audience;

      if (!is_communication (deadline->kind))
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

  if (!is_blank (by))
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

  if (is_blank (title))
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

static void
refresh_history (SitrepCommsPage *self)
{
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GHashTable) expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) key = g_string_new (NULL);
  GtkWidget *child;

  if (self->context != NULL && self->incident != NULL)
    sent = sitrep_context_list_communications (self->context, incident_id (self));
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

/* Checking */

/* Takes @flag. */
static void
add_flag (GPtrArray *flags,
          char      *flag)
{
  for (guint i = 0; i < flags->len; i++)
    if (g_str_equal (flags->pdata[i], flag))
      {
        g_free (flag);
        return;
      }
  g_ptr_array_add (flags, flag);
}

/* What is left to fill in @text: any {{name}} (rendering with no values
 * leaves every one in place) and any [blank]. */
static void
collect_flags (const char *text,
               GPtrArray  *flags)
{
  g_auto(SitrepRendered) r = { 0 };

  sitrep_template_render (text, NULL, &r);
  for (guint i = 0; i < r.unknown->len; i++)
    add_flag (flags, g_strdup_printf ("{{%s}}", (char *) r.unknown->pdata[i]));
  for (guint i = 0; i < r.empty->len; i++)
    add_flag (flags, g_strdup_printf ("{{%s}}", (char *) r.empty->pdata[i]));
  for (guint i = 0; i < r.blanks->len; i++)
    add_flag (flags, g_strdup_printf ("[%s]", (char *) r.blanks->pdata[i]));
}

static void
update_check (SitrepCommsPage *self)
{
  g_autofree char *body = dup_body_text (self);
  const char *title = get_title_text (self);
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func (g_free);
  gboolean empty = is_blank (body);

  collect_flags (title, flags);
  collect_flags (body, flags);

  if (flags->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      g_autofree char *markup = NULL;

      for (guint i = 0; i < flags->len; i++)
        g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", (char *) flags->pdata[i]);
      markup = g_markup_escape_text (list->str, -1);
      adw_action_row_set_subtitle (self->flag_row, markup);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->flag_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, list->str, -1);
    }
  gtk_widget_set_visible (self->flag_list, flags->len > 0);
  g_ptr_array_unref (self->flags);
  self->flags = g_steal_pointer (&flags);

  gtk_label_set_label (self->preview_title, title);
  gtk_label_set_label (self->preview_body, body);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_title), !is_blank (title));
  gtk_widget_set_visible (GTK_WIDGET (self->preview_body), !empty);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_placeholder), empty && is_blank (title));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "comms.copy",
                                 self->incident != NULL && !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "comms.send",
                                 self->incident != NULL && self->context != NULL && !empty &&
                                 self->flags->len == 0);
}

/* Refreshing */

static void
refresh (SitrepCommsPage *self)
{
  gboolean has_incident = self->incident != NULL && self->context != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->audience_row), has_incident);
  gtk_widget_set_sensitive (GTK_WIDGET (self->template_row), has_incident);
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_row), has_incident);
  gtk_widget_set_sensitive (GTK_WIDGET (self->title_row), has_incident);
  gtk_widget_set_sensitive (GTK_WIDGET (self->body_view), has_incident);

  refresh_due (self);
  refresh_history (self);
  rebuild_statuses (self);
  /* Listing the templates adds the built-ins to the workspace: not before
   * someone looks at them. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && !self->needs_reset)
    rebuild_templates (self, FALSE);
  update_check (self);
}

static gboolean
refresh_idle (gpointer data)
{
  SitrepCommsPage *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (SitrepCommsPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle, self);
}

static gboolean
tick (gpointer data)
{
  refresh_due (data);
  return G_SOURCE_CONTINUE;
}

static void
on_record_changed (SitrepCommsPage *self,
                   const char      *coll,
                   const char      *id)
{
  const char *current = incident_id (self);

  if (current == NULL)
    return;

  if (g_str_equal (coll, "communications"))
    {
      g_autoptr(SitrepRecord) record = sitrep_store_get (sitrep_context_get_store (self->context),
                                                         coll, id);
      const char *of = record && record->body ? sitrep_json_get_string (record->body,
                                                                         "incident_id") : NULL;

      if (of == NULL || g_str_equal (of, current))
        queue_refresh (self);
    }
  else if (g_str_equal (coll, "templates") ||
           (g_str_equal (coll, "incidents") && g_str_equal (id, current)))
    {
      queue_refresh (self);
    }
}

/* Starts over for the incident: its most pressing audience, that
 * audience's first template. */
static void
reset_composer (SitrepCommsPage *self)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  SitrepAudience audience = SITREP_AUDIENCE_STAKEHOLDERS;

  g_free (self->filled_title);
  g_free (self->filled_body);
  self->filled_title = NULL;
  self->filled_body = NULL;
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  set_editors (self, "", "");

  self->needs_reset = self->incident != NULL && self->context != NULL &&
                     !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (self->incident == NULL || self->context == NULL || self->needs_reset)
    {
      refresh (self);
      return;
    }

  deadlines = sitrep_context_compute_deadlines (self->context, incident_id (self));
  for (guint i = 0; i < deadlines->len; i++)
    {
      SitrepDeadline *deadline = deadlines->pdata[i];

      if (is_communication (deadline->kind))
        {
          audience = deadline->audience;
          break;
        }
    }

  self->updating = TRUE;
  adw_combo_row_set_selected (self->audience_row, audience);
  adw_combo_row_set_selected (self->status_row, 0);
  self->updating = FALSE;
  refresh (self);
  rebuild_templates (self, TRUE);
  fill_from_template (self);
}

/* Signal handlers */

static void
on_audience_changed (SitrepCommsPage *self)
{
  if (self->updating)
    return;

  /* Text the user wrote is not thrown away for a change of audience. */
  if (is_dirty (self))
    {
      rebuild_templates (self, FALSE);
      return;
    }
  rebuild_templates (self, TRUE);
  fill_from_template (self);
}

static void
on_template_changed (SitrepCommsPage *self)
{
  if (!self->updating)
    fill_from_template (self);
}

/* Selects the first thing left to fill in, so typing replaces it. */
static void
select_first_flag (SitrepCommsPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  g_autofree char *body = dup_body_text (self);
  const char *first = NULL;
  const char *flag = NULL;
  GtkTextIter start, end;

  for (guint i = 0; i < self->flags->len; i++)
    {
      const char *at = strstr (body, self->flags->pdata[i]);

      if (at != NULL && (first == NULL || at < first))
        {
          first = at;
          flag = self->flags->pdata[i];
        }
    }

  if (first == NULL)
    {
      gtk_text_buffer_get_start_iter (buffer, &start);
      gtk_text_buffer_place_cursor (buffer, &start);
      return;
    }

  gtk_text_buffer_get_iter_at_offset (buffer, &start,
                                      (int) g_utf8_pointer_to_offset (body, first));
  gtk_text_buffer_get_iter_at_offset (buffer, &end,
                                      (int) g_utf8_pointer_to_offset (body, first + strlen (flag)));
  gtk_text_buffer_select_range (buffer, &start, &end);
}

/* Actions */

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepCommsPage *self = SITREP_COMMS_PAGE (widget);
  g_autofree char *body = dup_body_text (self);
  const char *title = get_title_text (self);
  g_autofree char *text = NULL;

  if (is_blank (body))
    return;

  text = is_blank (title) ? g_strdup (body) : g_strconcat (title, "\n\n", body, NULL);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  sitrep_widget_show_toast (widget, adw_toast_new (self->flags->len > 0
                                                   ? _("Copied, but it still needs filling in")
                                                   : _("Copied")));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepCommsPage *self = SITREP_COMMS_PAGE (widget);
  SitrepAudience audience = current_audience (self);
  SitrepRecord *template = current_template (self);
  g_autofree char *body = dup_body_text (self);
  g_autofree char *title = g_strstrip (g_strdup (get_title_text (self)));
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  /* The shortcut reaches here even while the button is insensitive. */
  update_check (self);
  if (self->incident == NULL || self->context == NULL || is_blank (body) || self->flags->len > 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  id = sitrep_context_send_communication (self->context, incident_id (self), audience,
                                          template ? template->id : NULL, current_status (self),
                                          title, body, &error);
  if (id == NULL)
    {
      sitrep_widget_show_error (widget, error);
      return;
    }

  /* Translators: %s is an audience, e.g. "Update to Executives recorded" */
  toast = adw_toast_new_format (_("Update to %s recorded"), sitrep_audience_get_label (audience));
  sitrep_widget_show_toast (widget, toast);

  g_free (self->filled_title);
  g_free (self->filled_body);
  self->filled_title = NULL;
  self->filled_body = NULL;
  set_editors (self, "", "");
  self->updating = TRUE;
  adw_combo_row_set_selected (self->template_row, self->templates->len - 1);
  adw_combo_row_set_selected (self->status_row, 0);
  self->updating = FALSE;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  refresh (self);
}

static void
compose_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  int audience = g_variant_get_int32 (parameter);

  if (audience >= 0 && audience < N_AUDIENCES)
    sitrep_comms_page_compose (SITREP_COMMS_PAGE (widget), (SitrepAudience) audience);
}

/* Opened on the composer's audience, so a new template is for it. */
static void
templates_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SitrepCommsPage *self = SITREP_COMMS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->context == NULL)
    return;

  gtk_window_present (GTK_WINDOW (sitrep_templates_window_new (GTK_IS_WINDOW (root)
                                                               ? GTK_WINDOW (root) : NULL,
                                                               self->context,
                                                               current_audience (self))));
}

/* GObject */

static void
sitrep_comms_page_map (GtkWidget *widget)
{
  SitrepCommsPage *self = SITREP_COMMS_PAGE (widget);

  GTK_WIDGET_CLASS (sitrep_comms_page_parent_class)->map (widget);

  if (self->needs_reset)
    reset_composer (self);
}

static void
sitrep_comms_page_dispose (GObject *object)
{
  SitrepCommsPage *self = SITREP_COMMS_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->undo_toast != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
      self->undo_toast = NULL;
    }
  if (self->incident != NULL)
    g_signal_handlers_disconnect_by_data (self->incident, self);
  g_clear_object (&self->incident);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_COMMS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->template_model);
  g_clear_object (&self->status_model);

  G_OBJECT_CLASS (sitrep_comms_page_parent_class)->dispose (object);
}

static void
sitrep_comms_page_finalize (GObject *object)
{
  SitrepCommsPage *self = SITREP_COMMS_PAGE (object);

  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->statuses, g_array_unref);
  g_clear_pointer (&self->due_keys, g_array_unref);
  g_clear_pointer (&self->flags, g_ptr_array_unref);
  g_free (self->history_key);
  g_free (self->filled_title);
  g_free (self->filled_body);
  g_free (self->undo_title);
  g_free (self->undo_body);

  G_OBJECT_CLASS (sitrep_comms_page_parent_class)->finalize (object);
}

static void
sitrep_comms_page_class_init (SitrepCommsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_comms_page_dispose;
  object_class->finalize = sitrep_comms_page_finalize;
  widget_class->map = sitrep_comms_page_map;

  /* Referencing the bundle links it in from the static library. */
  g_type_ensure (G_TYPE_RESOURCE);
  (void) sitrep_get_resource ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-comms-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, due_list);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, audience_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, template_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, body_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, flag_list);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, flag_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, preview_placeholder);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, preview_title);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, preview_body);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, history_list);

  gtk_widget_class_install_action (widget_class, "comms.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "comms.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "comms.compose", "i", compose_action);
  gtk_widget_class_install_action (widget_class, "comms.templates", NULL, templates_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "comms.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "comms.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "comms.send", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "comms.send", NULL);
}

static void
sitrep_comms_page_init (SitrepCommsPage *self)
{
  g_autoptr(GtkStringList) audiences = gtk_string_list_new (NULL);
  GtkEventController *capture;
  GtkEventController *global;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->templates = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_record_free);
  self->statuses = g_array_new (FALSE, FALSE, sizeof (SitrepStatus));
  self->due_keys = g_array_new (FALSE, FALSE, sizeof (guint));
  self->flags = g_ptr_array_new_with_free_func (g_free);
  self->template_model = gtk_string_list_new (NULL);
  self->status_model = gtk_string_list_new (NULL);

  for (SitrepAudience a = SITREP_AUDIENCE_STATUS_PAGE; a < N_AUDIENCES; a++)
    gtk_string_list_append (audiences, sitrep_audience_get_label (a));
  adw_combo_row_set_model (self->audience_row, G_LIST_MODEL (audiences));
  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (self->template_model));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (self->status_model));
  rebuild_statuses (self);

  /* The text view takes Ctrl+Return as a line break before the page's own
   * shortcuts see it: this one is caught on the way down. */
  capture = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (capture, GTK_PHASE_CAPTURE);
  shortcut = gtk_shortcut_new (gtk_alternative_trigger_new (
                                 gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                 gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK)),
                               gtk_named_action_new ("comms.send"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (capture), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->body_view), capture);

  /* Ctrl+T works wherever the focus is while the page shows (a managed
   * shortcut only fires while its widget is mapped). */
  global = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (global), GTK_SHORTCUT_SCOPE_GLOBAL);
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_t, GDK_CONTROL_MASK),
                               gtk_named_action_new ("comms.templates"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (global), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), global);

  g_signal_connect_swapped (self->audience_row, "notify::selected",
                            G_CALLBACK (on_audience_changed), self);
  g_signal_connect_swapped (self->template_row, "notify::selected",
                            G_CALLBACK (on_template_changed), self);
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (update_check), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed",
                            G_CALLBACK (update_check), self);

  update_check (self);
}

/**
 * sitrep_comms_page_new:
 *
 * Returns: (transfer floating): a new communications page; give it a
 *   context and an incident
 */
GtkWidget *
sitrep_comms_page_new (void)
{
  return g_object_new (SITREP_TYPE_COMMS_PAGE, NULL);
}

void
sitrep_comms_page_set_context (SitrepCommsPage *self,
                               SitrepContext   *context)
{
  g_return_if_fail (SITREP_IS_COMMS_PAGE (self));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (sitrep_context_get_store (self->context), self);
  if (!g_set_object (&self->context, context) || context == NULL)
    return;

  g_signal_connect_object (sitrep_context_get_store (context), "record-changed",
                           G_CALLBACK (on_record_changed), self, G_CONNECT_SWAPPED);
  reset_composer (self);
}

/**
 * sitrep_comms_page_set_incident:
 * @incident: (nullable): the incident to write about
 *
 * A different incident starts the composer over.
 */
void
sitrep_comms_page_set_incident (SitrepCommsPage *self,
                                SitrepIncident  *incident)
{
  g_return_if_fail (SITREP_IS_COMMS_PAGE (self));

  if (self->incident == incident)
    return;

  if (self->incident != NULL)
    g_signal_handlers_disconnect_by_data (self->incident, self);
  g_set_object (&self->incident, incident);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);

  if (incident != NULL)
    {
      g_signal_connect_swapped (incident, "notify::body", G_CALLBACK (queue_refresh), self);
      self->tick_id = g_timeout_add_seconds (TICK_S, tick, self);
    }
  reset_composer (self);
}

SitrepIncident *
sitrep_comms_page_get_incident (SitrepCommsPage *self)
{
  g_return_val_if_fail (SITREP_IS_COMMS_PAGE (self), NULL);

  return self->incident;
}

/**
 * sitrep_comms_page_compose:
 * @audience: who the update is for
 *
 * Starts an update to @audience from its first template, filled from the
 * incident, with the keyboard focus in the text.
 */
void
sitrep_comms_page_compose (SitrepCommsPage *self,
                           SitrepAudience   audience)
{
  g_return_if_fail (SITREP_IS_COMMS_PAGE (self));
  g_return_if_fail (audience < N_AUDIENCES);

  self->updating = TRUE;
  adw_combo_row_set_selected (self->audience_row, audience);
  self->updating = FALSE;

  if (self->incident == NULL || self->context == NULL)
    return;

  self->needs_reset = FALSE;
  rebuild_templates (self, TRUE);
  fill_from_template (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
  select_first_flag (self);
}

/* For tests */

GtkListBox *
_sitrep_comms_page_get_due_list (SitrepCommsPage *self)
{
  return self->due_list;
}

AdwComboRow *
_sitrep_comms_page_get_audience_row (SitrepCommsPage *self)
{
  return self->audience_row;
}

AdwComboRow *
_sitrep_comms_page_get_template_row (SitrepCommsPage *self)
{
  return self->template_row;
}

AdwComboRow *
_sitrep_comms_page_get_status_row (SitrepCommsPage *self)
{
  return self->status_row;
}

AdwEntryRow *
_sitrep_comms_page_get_title_row (SitrepCommsPage *self)
{
  return self->title_row;
}

GtkTextView *
_sitrep_comms_page_get_body_view (SitrepCommsPage *self)
{
  return self->body_view;
}

AdwActionRow *
_sitrep_comms_page_get_flag_row (SitrepCommsPage *self)
{
  return self->flag_row;
}

GtkLabel *
_sitrep_comms_page_get_preview_body (SitrepCommsPage *self)
{
  return self->preview_body;
}

GtkWidget *
_sitrep_comms_page_get_send_button (SitrepCommsPage *self)
{
  return self->send_button;
}

GtkWidget *
_sitrep_comms_page_get_copy_button (SitrepCommsPage *self)
{
  return self->copy_button;
}

GtkListBox *
_sitrep_comms_page_get_history_list (SitrepCommsPage *self)
{
  return self->history_list;
}

int
_sitrep_comms_page_find_template (SitrepCommsPage *self,
                                  const char      *builtin_key)
{
  for (guint i = 0; i < self->templates->len; i++)
    {
      SitrepRecord *record = self->templates->pdata[i];

      if (record != NULL &&
          g_strcmp0 (sitrep_json_get_string (record->body, "builtin_key"), builtin_key) == 0)
        return (int) i;
    }
  return -1;
}

int
_sitrep_comms_page_find_status (SitrepCommsPage *self,
                                SitrepStatus     status)
{
  for (guint i = 0; i < self->statuses->len; i++)
    if (g_array_index (self->statuses, SitrepStatus, i) == status)
      return (int) i;
  return -1;
}

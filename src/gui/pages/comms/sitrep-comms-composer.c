/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-comms"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitrep-combo-labels.h"
#include "sitrep-comms-composer-private.h"
#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-json.h"
#include "sitrep-resources.h"
#include "sitrep-status.h"
#include "sitrep-templates.h"

/* The Updates page's composer: the audience, template and status choices,
 * filling the editors from a template, and checking what is left to fill
 * in, with a preview of what will be sent. The text is the user's once
 * filled in: every edit re-checks it for leftover {{placeholders}} and
 * [blanks], and says so through ::checked. The page sends it. */

/* The templates' free function: "Blank" is NULL. */
void
_sitrep_comms_composer_template_unref (gpointer template)
{
  if (template != NULL)
    g_object_unref (template);
}

G_DEFINE_FINAL_TYPE (SitrepCommsComposer, sitrep_comms_composer, GTK_TYPE_WIDGET)

enum {
  CHECKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
_sitrep_comms_composer_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

SitrepAudience
sitrep_comms_composer_current_audience (SitrepCommsComposer *self)
{
  guint selected = adw_combo_row_get_selected (self->audience_row);

  return selected < N_AUDIENCES ? (SitrepAudience) selected : SITREP_AUDIENCE_STATUS_PAGE;
}

SitrepRecordObject *
sitrep_comms_composer_current_template (SitrepCommsComposer *self)
{
  guint selected = adw_combo_row_get_selected (self->template_row);

  return selected < self->templates->len ? self->templates->pdata[selected] : NULL;
}

SitrepStatus
sitrep_comms_composer_current_status (SitrepCommsComposer *self)
{
  guint selected = adw_combo_row_get_selected (self->status_row);

  return selected < self->statuses->len ? g_array_index (self->statuses, SitrepStatus, selected)
                                        : SITREP_STATUS_INVALID;
}

char *
sitrep_comms_composer_dup_body_text (SitrepCommsComposer *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

const char *
sitrep_comms_composer_get_title_text (SitrepCommsComposer *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->title_row));
}

void
sitrep_comms_composer_set_editors (SitrepCommsComposer *self,
                                   const char          *title,
                                   const char          *body)
{
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title ? title : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), body ? body : "", -1);
}

/* Whether the editors hold text the last fill did not put there. */
gboolean
sitrep_comms_composer_is_dirty (SitrepCommsComposer *self)
{
  g_autofree char *body = sitrep_comms_composer_dup_body_text (self);
  const char *title = sitrep_comms_composer_get_title_text (self);

  if (_sitrep_comms_composer_is_blank (title) && _sitrep_comms_composer_is_blank (body))
    return FALSE;
  return g_strcmp0 (title, self->filled_title ? self->filled_title : "") != 0 ||
         g_strcmp0 (body, self->filled_body ? self->filled_body : "") != 0;
}

/* Statuses */

void
sitrep_comms_composer_rebuild_statuses (SitrepCommsComposer *self)
{
  static const SitrepStatus choices[] = {
    SITREP_STATUS_IDENTIFIED, SITREP_STATUS_MONITORING, SITREP_STATUS_RESOLVED,
  };
  SitrepStatus keep = sitrep_comms_composer_current_status (self);
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

void
sitrep_comms_composer_update_check (SitrepCommsComposer *self)
{
  g_autofree char *body = sitrep_comms_composer_dup_body_text (self);
  const char *title = sitrep_comms_composer_get_title_text (self);
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func (g_free);
  gboolean empty = _sitrep_comms_composer_is_blank (body);

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
  gtk_widget_set_visible (GTK_WIDGET (self->preview_title), !_sitrep_comms_composer_is_blank (title));
  gtk_widget_set_visible (GTK_WIDGET (self->preview_body), !empty);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_placeholder),
                          empty && _sitrep_comms_composer_is_blank (title));

  g_signal_emit (self, signals[CHECKED], 0);
}

/* Selects the first thing left to fill in, so typing replaces it. */
void
sitrep_comms_composer_select_first_flag (SitrepCommsComposer *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  g_autofree char *body = sitrep_comms_composer_dup_body_text (self);
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

void
sitrep_comms_composer_focus_text (SitrepCommsComposer *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

guint
sitrep_comms_composer_get_n_flags (SitrepCommsComposer *self)
{
  return self->flags->len;
}

guint
sitrep_comms_composer_get_n_templates (SitrepCommsComposer *self)
{
  return self->templates->len;
}

/* Forgets what the last fill put in: the editors' text is all the user's. */
void
sitrep_comms_composer_forget_fill (SitrepCommsComposer *self)
{
  g_clear_pointer (&self->filled_title, g_free);
  g_clear_pointer (&self->filled_body, g_free);
}

/* Takes back the offer to undo the last fill. */
void
sitrep_comms_composer_dismiss_undo (SitrepCommsComposer *self)
{
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
}

/**
 * sitrep_comms_composer_set_choices:
 * @audience: an audience, or -1 to keep the one chosen
 * @template_position: a position in the template list, or -1 to keep it
 * @status_position: a position in the status list, or -1 to keep it
 *
 * Changes the choices without refilling the editors.
 */
void
sitrep_comms_composer_set_choices (SitrepCommsComposer *self,
                                   int                  audience,
                                   int                  template_position,
                                   int                  status_position)
{
  self->updating = TRUE;
  if (audience >= 0)
    adw_combo_row_set_selected (self->audience_row, audience);
  if (template_position >= 0)
    adw_combo_row_set_selected (self->template_row, template_position);
  if (status_position >= 0)
    adw_combo_row_set_selected (self->status_row, status_position);
  self->updating = FALSE;
}

void
sitrep_comms_composer_set_editable (SitrepCommsComposer *self,
                                    gboolean             editable)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->audience_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->template_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->title_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->body_view), editable);
}

void
sitrep_comms_composer_set_context (SitrepCommsComposer *self,
                                   SitrepContext       *context)
{
  g_set_object (&self->context, context);
}

void
sitrep_comms_composer_set_incident (SitrepCommsComposer *self,
                                    SitrepIncident      *incident)
{
  g_set_object (&self->incident, incident);
}

/* Signal handlers */

static void
on_audience_changed (SitrepCommsComposer *self)
{
  if (self->updating)
    return;

  /* Text the user wrote is not thrown away for a change of audience. */
  if (sitrep_comms_composer_is_dirty (self))
    {
      sitrep_comms_composer_rebuild_templates (self, FALSE);
      return;
    }
  sitrep_comms_composer_rebuild_templates (self, TRUE);
  sitrep_comms_composer_fill_from_template (self);
}

static void
on_template_changed (SitrepCommsComposer *self)
{
  if (!self->updating)
    sitrep_comms_composer_fill_from_template (self);
}

/* GObject */

static void
sitrep_comms_composer_dispose (GObject *object)
{
  SitrepCommsComposer *self = SITREP_COMMS_COMPOSER (object);
  GtkWidget *child;

  if (self->undo_toast != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
      self->undo_toast = NULL;
    }
  g_clear_object (&self->incident);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_COMMS_COMPOSER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->template_model);
  g_clear_object (&self->status_model);

  G_OBJECT_CLASS (sitrep_comms_composer_parent_class)->dispose (object);
}

static void
sitrep_comms_composer_finalize (GObject *object)
{
  SitrepCommsComposer *self = SITREP_COMMS_COMPOSER (object);

  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->statuses, g_array_unref);
  g_clear_pointer (&self->flags, g_ptr_array_unref);
  g_free (self->filled_title);
  g_free (self->filled_body);
  g_free (self->undo_title);
  g_free (self->undo_body);

  G_OBJECT_CLASS (sitrep_comms_composer_parent_class)->finalize (object);
}

static void
sitrep_comms_composer_class_init (SitrepCommsComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_comms_composer_dispose;
  object_class->finalize = sitrep_comms_composer_finalize;

  /**
   * SitrepCommsComposer::checked:
   *
   * The text was checked again: what is left to fill in may have changed.
   */
  signals[CHECKED] = g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  (void) sitrep_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-comms-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsComposer, audience_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsComposer, template_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsComposer, status_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsComposer, title_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsComposer, body_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsComposer, flag_list);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsComposer, flag_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsComposer, preview_placeholder);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsComposer, preview_title);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsComposer, preview_body);
}

static void
sitrep_comms_composer_init (SitrepCommsComposer *self)
{
  g_autoptr(GtkStringList) audiences = gtk_string_list_new (NULL);
  GtkEventController *capture;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->templates = g_ptr_array_new_with_free_func ((GDestroyNotify) _sitrep_comms_composer_template_unref);
  self->statuses = g_array_new (FALSE, FALSE, sizeof (SitrepStatus));
  self->flags = g_ptr_array_new_with_free_func (g_free);
  self->template_model = gtk_string_list_new (NULL);
  self->status_model = gtk_string_list_new (NULL);

  for (SitrepAudience a = SITREP_AUDIENCE_STATUS_PAGE; a < N_AUDIENCES; a++)
    gtk_string_list_append (audiences, sitrep_audience_get_label (a));
  adw_combo_row_set_model (self->audience_row, G_LIST_MODEL (audiences));
  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (self->template_model));
  /* Names such as "Status page: initial notification" are longer than
   * AdwComboRow shows; the row shortens them only when it must. */
  sitrep_combo_row_show_whole_labels (self->template_row, TRUE);
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (self->status_model));
  sitrep_comms_composer_rebuild_statuses (self);

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

  g_signal_connect_swapped (self->audience_row, "notify::selected",
                            G_CALLBACK (on_audience_changed), self);
  g_signal_connect_swapped (self->template_row, "notify::selected",
                            G_CALLBACK (on_template_changed), self);
  g_signal_connect_swapped (self->title_row, "changed",
                            G_CALLBACK (sitrep_comms_composer_update_check), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed",
                            G_CALLBACK (sitrep_comms_composer_update_check), self);

  sitrep_comms_composer_update_check (self);
}

/**
 * sitrep_comms_composer_new:
 *
 * Returns: (transfer floating): an empty composer; give it a context and
 *   an incident
 */
GtkWidget *
sitrep_comms_composer_new (void)
{
  return g_object_new (SITREP_TYPE_COMMS_COMPOSER, NULL);
}

/* For tests */

AdwComboRow *
_sitrep_comms_composer_get_audience_row (SitrepCommsComposer *self)
{
  return self->audience_row;
}

AdwComboRow *
_sitrep_comms_composer_get_template_row (SitrepCommsComposer *self)
{
  return self->template_row;
}

AdwComboRow *
_sitrep_comms_composer_get_status_row (SitrepCommsComposer *self)
{
  return self->status_row;
}

AdwEntryRow *
_sitrep_comms_composer_get_title_row (SitrepCommsComposer *self)
{
  return self->title_row;
}

GtkTextView *
_sitrep_comms_composer_get_body_view (SitrepCommsComposer *self)
{
  return self->body_view;
}

AdwActionRow *
_sitrep_comms_composer_get_flag_row (SitrepCommsComposer *self)
{
  return self->flag_row;
}

GtkLabel *
_sitrep_comms_composer_get_preview_body (SitrepCommsComposer *self)
{
  return self->preview_body;
}

int
_sitrep_comms_composer_find_template (SitrepCommsComposer *self,
                                      const char          *builtin_key)
{
  for (guint i = 0; i < self->templates->len; i++)
    {
      SitrepRecordObject *record = self->templates->pdata[i];

      if (record != NULL &&
          g_strcmp0 (sitrep_json_get_string (sitrep_record_object_get_body (record), "builtin_key"), builtin_key) == 0)
        return (int) i;
    }
  return -1;
}

int
_sitrep_comms_composer_find_status (SitrepCommsComposer *self,
                                    SitrepStatus         status)
{
  for (guint i = 0; i < self->statuses->len; i++)
    if (g_array_index (self->statuses, SitrepStatus, i) == status)
      return (int) i;
  return -1;
}

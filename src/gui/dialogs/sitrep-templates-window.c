/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-templates"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-json.h"
#include "sitrep-templates.h"
#include "sitrep-templates-window.h"

/* The team's update templates, one expander row each, edited in place.
 * Edits are the user's until saved: a template changed elsewhere updates
 * its row only while the row holds no unsaved edit. The unsaved new
 * template sits at the top until it is saved. */

#define N_AUDIENCES (SITREP_AUDIENCE_INTERNAL + 1)
#define EDITOR_KEY "sitrep-template-editor"

struct _SitrepTemplatesWindow
{
  AdwPreferencesWindow  parent_instance;

  SitrepContext        *context;
  SitrepAudience        audience;     /* of a new template */
  guint                 refresh_id;

  GtkListBox           *list;
  GtkWidget            *add_button;
  AdwMessageDialog     *confirm;      /* weak */
};

G_DEFINE_FINAL_TYPE (SitrepTemplatesWindow, sitrep_templates_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_AUDIENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  SitrepTemplatesWindow *window;
  AdwExpanderRow        *row;
  char                  *id;        /* NULL until first saved */
  JsonObject            *shown;     /* the body last loaded or saved */
  int                    rank;      /* in sitrep_context_list_templates() order */
  gboolean               builtin;
  gboolean               loading;   /* the editors are being filled from code */
  gboolean               dirty;

  AdwEntryRow           *name_row;
  AdwComboRow           *audience_row;
  AdwEntryRow           *title_row;
  GtkTextView           *body_view;
  GtkWidget             *body_frame;
  GtkLabel              *unknown_label;
  GtkWidget             *save_button;
  GtkWidget             *delete_button;
} TemplateEditor;

static void
template_editor_free (TemplateEditor *ed)
{
  g_free (ed->id);
  g_clear_pointer (&ed->shown, json_object_unref);
  g_free (ed);
}

static TemplateEditor *
editor_of (GtkWidget *row)
{
  return row ? g_object_get_data (G_OBJECT (row), EDITOR_KEY) : NULL;
}

static char *
dup_body (TemplateEditor *ed)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (ed->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static SitrepAudience
editor_audience (TemplateEditor *ed)
{
  guint selected = adw_combo_row_get_selected (ed->audience_row);

  return selected < N_AUDIENCES ? (SitrepAudience) selected : SITREP_AUDIENCE_STATUS_PAGE;
}

/* The unknown placeholders of the title and the body, each once. */
static GPtrArray *
find_unknown (TemplateEditor *ed)
{
  g_autofree char *body = dup_body (ed);
  GPtrArray *unknown =
    sitrep_context_unknown_placeholders (gtk_editable_get_text (GTK_EDITABLE (ed->title_row)));
  g_autoptr(GPtrArray) in_body = sitrep_context_unknown_placeholders (body);

  for (guint i = 0; i < in_body->len; i++)
    if (!g_ptr_array_find_with_equal_func (unknown, in_body->pdata[i], g_str_equal, NULL))
      g_ptr_array_add (unknown, g_strdup (in_body->pdata[i]));
  return unknown;
}

static void
update_header (TemplateEditor *ed,
               const char     *name,
               SitrepAudience  audience)
{
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ed->row),
                                 name && name[0] ? name : _("New template"));
  if (ed->id == NULL)
    /* Translators: %s is an audience, e.g. "Executives · not saved yet" */
    subtitle = g_strdup_printf (_("%s · not saved yet"), sitrep_audience_get_label (audience));
  else if (ed->builtin)
    /* Translators: %s is an audience, e.g. "Executives · from the guide" */
    subtitle = g_strdup_printf (_("%s · from the guide"), sitrep_audience_get_label (audience));
  else
    subtitle = g_strdup (sitrep_audience_get_label (audience));
  adw_expander_row_set_subtitle (ed->row, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (ed->row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name && name[0] ? name : _("New template"), -1);
}

/* Says which placeholders no incident can fill, as the user types. */
static void
update_check (TemplateEditor *ed)
{
  g_autoptr(GPtrArray) unknown = find_unknown (ed);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < unknown->len; i++)
    g_string_append_printf (list, "%s{{%s}}", i > 0 ? ", " : "",
                            (const char *) unknown->pdata[i]);
  if (unknown->len > 0)
    /* Translators: %s is a list of placeholders, e.g. "{{serivce}}, {{nope}}" */
    text = g_strdup_printf (_("Unknown placeholders: %s. No incident fills them: "
                              "correct or remove them before saving."), list->str);
  gtk_label_set_text (ed->unknown_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (ed->unknown_label), unknown->len > 0);
  if (unknown->len == 0)
    gtk_widget_remove_css_class (ed->body_frame, "error");
}

static void
on_edited (TemplateEditor *ed)
{
  update_check (ed);
  if (ed->loading)
    return;
  ed->dirty = TRUE;
  gtk_widget_set_sensitive (ed->save_button, TRUE);
}

static void
load_record (TemplateEditor     *ed,
             SitrepRecordObject *record)
{
  JsonObject *body = sitrep_record_object_get_body (record);
  const char *name = sitrep_json_get_string (body, "name");
  SitrepAudience audience = SITREP_AUDIENCE_STATUS_PAGE;

  sitrep_audience_from_string (sitrep_json_get_string (body, "audience"), &audience);
  g_clear_pointer (&ed->shown, json_object_unref);
  ed->shown = json_object_ref (body);
  ed->builtin = sitrep_json_get_string (body, "builtin_key") != NULL;

  ed->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (ed->name_row), name ? name : "");
  adw_combo_row_set_selected (ed->audience_row, audience);
  gtk_editable_set_text (GTK_EDITABLE (ed->title_row),
                         sitrep_json_get_string (body, "title") ?: "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (ed->body_view),
                            sitrep_json_get_string (body, "body") ?: "", -1);
  ed->loading = FALSE;

  ed->dirty = FALSE;
  gtk_widget_set_sensitive (ed->save_button, FALSE);
  update_header (ed, name, audience);
  update_check (ed);
}

/* Saving and deleting */

static void
save_editor (TemplateEditor *ed)
{
  SitrepTemplatesWindow *self = ed->window;
  g_autoptr(GPtrArray) unknown = find_unknown (ed);
  SitrepRecordObject *saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = dup_body (ed);
  g_autofree char *id = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (ed->name_row));

  if (!ed->dirty && ed->id != NULL)
    return;

  /* Checked here too, so the editor can point at what is wrong. */
  if (unknown->len > 0)
    {
      gtk_widget_add_css_class (ed->body_frame, "error");
      gtk_widget_error_bell (GTK_WIDGET (ed->row));
      gtk_widget_grab_focus (GTK_WIDGET (ed->body_view));
    }

  id = sitrep_context_save_template (self->context, ed->id, name, editor_audience (ed),
                                     gtk_editable_get_text (GTK_EDITABLE (ed->title_row)), body,
                                     &error);
  if (id == NULL)
    {
      sitrep_widget_show_error (GTK_WIDGET (ed->row), error);
      return;
    }

  if (ed->id == NULL)
    ed->id = g_strdup (id);
  /* What was saved is what the row shows: a refresh need not reload it. */
  saved = sitrep_record_list_lookup (SITREP_RECORD_LIST (sitrep_context_get_templates (self->context)),
                                     id);
  if (saved != NULL)
    {
      g_clear_pointer (&ed->shown, json_object_unref);
      ed->shown = json_object_ref (sitrep_record_object_get_body (saved));
    }
  ed->dirty = FALSE;
  gtk_widget_set_sensitive (ed->save_button, FALSE);
  update_header (ed, name, editor_audience (ed));
  sitrep_widget_show_toast (GTK_WIDGET (ed->row), adw_toast_new (_("Template saved")));
}

static void
remove_editor (TemplateEditor *ed)
{
  gtk_list_box_remove (ed->window->list, GTK_WIDGET (ed->row));
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  SitrepTemplatesWindow *self = SITREP_TEMPLATES_WINDOW (user_data);
  const char *id = g_object_get_data (G_OBJECT (dialog), "template-id");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete"))
    return;

  if (!sitrep_context_delete_template (self->context, id, &error))
    sitrep_widget_show_error (GTK_WIDGET (self), error);
  else
    sitrep_widget_show_toast (GTK_WIDGET (self), adw_toast_new (_("Template deleted")));
}

static void
delete_editor (TemplateEditor *ed)
{
  SitrepTemplatesWindow *self = ed->window;
  const char *name = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (ed->row));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Nothing was written yet: nothing to confirm. */
  if (ed->id == NULL)
    {
      remove_editor (ed);
      return;
    }

  /* Translators: %s is a template's name */
  heading = g_strdup_printf (_("Delete “%s”?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   ed->builtin
                                   ? _("It is deleted for the whole team, and this template from "
                                       "the guide will not be added again. Updates already sent "
                                       "are kept.")
                                   : _("It is deleted for the whole team. Updates already sent "
                                       "are kept."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "template-id", g_strdup (ed->id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, 0);

  if (self->confirm != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->confirm), (gpointer *) &self->confirm);
  self->confirm = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->confirm);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Building a row */

static void
set_label (gpointer    widget,
           const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static char *
placeholder_help (void)
{
  const char * const *names = sitrep_template_placeholder_names ();
  GString *text = g_string_new (_("Placeholders an incident fills:"));

  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (text, "%s{{%s}}", i > 0 ? ", " : " ", names[i]);
  return g_string_free (text, FALSE);
}

static GtkWidget *
build_body_row (TemplateEditor *ed)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("Te_xt"));
  GtkWidget *help;
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *help_text = placeholder_help ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  /* Tab goes straight to the text, not to the row around it. */
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  ed->body_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_monospace (ed->body_view, TRUE);
  gtk_text_view_set_wrap_mode (ed->body_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (ed->body_view, FALSE);
  gtk_text_view_set_top_margin (ed->body_view, 8);
  gtk_text_view_set_bottom_margin (ed->body_view, 8);
  gtk_text_view_set_left_margin (ed->body_view, 8);
  gtk_text_view_set_right_margin (ed->body_view, 8);
  gtk_widget_set_size_request (GTK_WIDGET (ed->body_view), -1, 180);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (ed->body_view));
  set_label (ed->body_view, _("Text of the template"));
  ed->body_frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (ed->body_frame), GTK_WIDGET (ed->body_view));
  gtk_box_append (GTK_BOX (box), ed->body_frame);

  help = gtk_label_new (help_text);
  gtk_label_set_wrap (GTK_LABEL (help), TRUE);
  gtk_label_set_xalign (GTK_LABEL (help), 0);
  gtk_label_set_selectable (GTK_LABEL (help), TRUE);
  gtk_widget_add_css_class (help, "dim-label");
  gtk_widget_add_css_class (help, "caption");
  gtk_box_append (GTK_BOX (box), help);

  ed->unknown_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (ed->unknown_label, TRUE);
  gtk_label_set_xalign (ed->unknown_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (ed->unknown_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (ed->unknown_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ed->unknown_label));

  ed->delete_button = gtk_button_new_with_mnemonic (_("_Delete"));
  gtk_widget_add_css_class (ed->delete_button, "destructive-action");
  gtk_widget_set_tooltip_text (ed->delete_button, _("Delete this template for the whole team"));
  set_label (ed->delete_button, _("Delete template"));
  g_signal_connect_swapped (ed->delete_button, "clicked", G_CALLBACK (delete_editor), ed);

  ed->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (ed->save_button, "suggested-action");
  gtk_widget_set_tooltip_text (ed->save_button, _("Save the template (Ctrl+S)"));
  set_label (ed->save_button, _("Save template"));
  g_signal_connect_swapped (ed->save_button, "clicked", G_CALLBACK (save_editor), ed);

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 6);
  gtk_box_append (GTK_BOX (buttons), ed->delete_button);
  gtk_box_append (GTK_BOX (buttons), ed->save_button);
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static TemplateEditor *
add_editor (SitrepTemplatesWindow *self,
            const char            *id)
{
  TemplateEditor *ed = g_new0 (TemplateEditor, 1);
  g_autoptr(GtkStringList) audiences = gtk_string_list_new (NULL);

  ed->window = self;
  ed->id = g_strdup (id);
  ed->rank = -1;
  ed->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (ed->row), FALSE);
  g_object_set_data_full (G_OBJECT (ed->row), EDITOR_KEY, ed,
                          (GDestroyNotify) template_editor_free);

  ed->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ed->name_row), _("_Name"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (ed->name_row), TRUE);
  set_label (ed->name_row, _("Name"));

  for (SitrepAudience a = SITREP_AUDIENCE_STATUS_PAGE; a < N_AUDIENCES; a++)
    gtk_string_list_append (audiences, sitrep_audience_get_label (a));
  ed->audience_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ed->audience_row), _("_Audience"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (ed->audience_row), TRUE);
  adw_combo_row_set_model (ed->audience_row, G_LIST_MODEL (audiences));
  set_label (ed->audience_row, _("Audience"));

  ed->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ed->title_row), _("_Title"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (ed->title_row), TRUE);
  set_label (ed->title_row, _("Title"));

  adw_expander_row_add_row (ed->row, GTK_WIDGET (ed->name_row));
  adw_expander_row_add_row (ed->row, GTK_WIDGET (ed->audience_row));
  adw_expander_row_add_row (ed->row, GTK_WIDGET (ed->title_row));
  adw_expander_row_add_row (ed->row, build_body_row (ed));

  g_signal_connect_swapped (ed->name_row, "changed", G_CALLBACK (on_edited), ed);
  g_signal_connect_swapped (ed->audience_row, "notify::selected", G_CALLBACK (on_edited), ed);
  g_signal_connect_swapped (ed->title_row, "changed", G_CALLBACK (on_edited), ed);
  g_signal_connect_swapped (gtk_text_view_get_buffer (ed->body_view), "changed",
                            G_CALLBACK (on_edited), ed);

  gtk_list_box_append (self->list, GTK_WIDGET (ed->row));
  return ed;
}

/* Refreshing */

static int
compare_rows (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       user_data)
{
  return editor_of (GTK_WIDGET (a))->rank - editor_of (GTK_WIDGET (b))->rank;
}

static TemplateEditor *
find_editor (SitrepTemplatesWindow *self,
             const char            *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      TemplateEditor *ed = editor_of (child);

      if (ed != NULL && g_strcmp0 (ed->id, id) == 0)
        return ed;
    }
  return NULL;
}

static void
refresh (SitrepTemplatesWindow *self)
{
  GListModel *templates = sitrep_context_get_templates (self->context);
  g_autoptr(GHashTable) live = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *child;

  for (guint i = 0; i < g_list_model_get_n_items (templates); i++)
    {
      g_autoptr(SitrepRecordObject) record = g_list_model_get_item (templates, i);
      const char *record_id = sitrep_record_object_get_id (record);
      TemplateEditor *ed;

      g_hash_table_add (live, g_strdup (record_id));

      ed = find_editor (self, record_id);
      if (ed == NULL)
        load_record ((ed = add_editor (self, record_id)), record);
      else if (!ed->dirty &&
               (ed->shown == NULL ||
                !json_object_equal (ed->shown, sitrep_record_object_get_body (record))))
        load_record (ed, record);
      ed->rank = (int) i;
    }

  /* Deleted here or elsewhere. */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      TemplateEditor *ed = editor_of (child);

      if (ed != NULL && ed->id != NULL && !g_hash_table_contains (live, ed->id))
        remove_editor (ed);
      child = next;
    }

  gtk_list_box_invalidate_sort (self->list);
}

static gboolean
refresh_idle (gpointer data)
{
  SitrepTemplatesWindow *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_record_changed (SitrepTemplatesWindow *self,
                   const char            *coll)
{
  if (g_str_equal (coll, "templates") && self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle, self);
}

/* Actions */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SitrepTemplatesWindow *self = SITREP_TEMPLATES_WINDOW (widget);
  TemplateEditor *ed = find_editor (self, NULL);

  if (ed == NULL)
    {
      ed = add_editor (self, NULL);
      ed->loading = TRUE;
      adw_combo_row_set_selected (ed->audience_row, self->audience);
      ed->loading = FALSE;
      ed->dirty = TRUE;
      update_header (ed, NULL, self->audience);
      update_check (ed);
      gtk_list_box_invalidate_sort (self->list);
    }

  adw_expander_row_set_expanded (ed->row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (ed->name_row));
}

/* Saves the template the keyboard focus is in. */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, ADW_TYPE_EXPANDER_ROW) : NULL;
  TemplateEditor *ed = editor_of (row);

  if (ed != NULL && (ed->dirty || ed->id == NULL))
    save_editor (ed);
  else
    gtk_widget_error_bell (widget);
}

/* GObject */

static void
sitrep_templates_window_constructed (GObject *object)
{
  SitrepTemplatesWindow *self = SITREP_TEMPLATES_WINDOW (object);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *placeholder = gtk_label_new (_("No templates: add one"));
  GtkWidget *content = adw_button_content_new ();

  G_OBJECT_CLASS (sitrep_templates_window_parent_class)->constructed (object);

  gtk_window_set_title (GTK_WINDOW (self), _("Templates"));
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 760);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Templates"));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Update Templates"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Shared with the team. The guide’s templates come "
                                           "first; edit them to fit how you work."));

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Add Template"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  self->add_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->add_button), content);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_button), "templates.add");
  gtk_widget_set_tooltip_text (self->add_button, _("Add a template (Ctrl+N)"));
  gtk_widget_set_valign (self->add_button, GTK_ALIGN_CENTER);
  set_label (self->add_button, _("Add template"));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), self->add_button);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_sort_func (self->list, compare_rows, NULL, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  set_label (self->list, _("Templates"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (self->list, placeholder);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->list));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));

  g_signal_connect_object (self->context, "record-changed",
                           G_CALLBACK (on_record_changed), self, G_CONNECT_SWAPPED);
  refresh (self);
}

static void
sitrep_templates_window_dispose (GObject *object)
{
  SitrepTemplatesWindow *self = SITREP_TEMPLATES_WINDOW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->confirm != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->confirm), (gpointer *) &self->confirm);
      self->confirm = NULL;
    }
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sitrep_templates_window_parent_class)->dispose (object);
}

static void
sitrep_templates_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  SitrepTemplatesWindow *self = SITREP_TEMPLATES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_AUDIENCE:
      self->audience = (SitrepAudience) g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_templates_window_class_init (SitrepTemplatesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sitrep_templates_window_constructed;
  object_class->dispose = sitrep_templates_window_dispose;
  object_class->set_property = sitrep_templates_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The audience a new template is for. */
  properties[PROP_AUDIENCE] =
    g_param_spec_uint ("audience", NULL, NULL, 0, SITREP_AUDIENCE_INTERNAL,
                       SITREP_AUDIENCE_STATUS_PAGE,
                       G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "templates.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "templates.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "templates.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "templates.save", NULL);
}

static void
sitrep_templates_window_init (SitrepTemplatesWindow *self)
{
}

/**
 * sitrep_templates_window_new:
 * @audience: the audience a new template starts with
 *
 * Returns: (transfer none): the templates window, modal and transient for
 *   @parent
 */
SitrepTemplatesWindow *
sitrep_templates_window_new (GtkWindow      *parent,
                             SitrepContext  *context,
                             SitrepAudience  audience)
{
  return g_object_new (SITREP_TYPE_TEMPLATES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "context", context,
                       "audience", (guint) audience,
                       NULL);
}

/* For tests */

GtkWidget *
_sitrep_templates_window_get_add_button (SitrepTemplatesWindow *self)
{
  return self->add_button;
}

AdwExpanderRow *
_sitrep_templates_window_find_row (SitrepTemplatesWindow *self,
                                   const char            *template_id)
{
  TemplateEditor *ed = find_editor (self, template_id);

  return ed ? ed->row : NULL;
}

AdwMessageDialog *
_sitrep_templates_window_get_confirm (SitrepTemplatesWindow *self)
{
  return self->confirm;
}

const char *
_sitrep_template_row_get_id (AdwExpanderRow *row)
{
  return editor_of (GTK_WIDGET (row))->id;
}

GtkEditable *
_sitrep_template_row_get_name (AdwExpanderRow *row)
{
  return GTK_EDITABLE (editor_of (GTK_WIDGET (row))->name_row);
}

AdwComboRow *
_sitrep_template_row_get_audience (AdwExpanderRow *row)
{
  return editor_of (GTK_WIDGET (row))->audience_row;
}

GtkEditable *
_sitrep_template_row_get_title (AdwExpanderRow *row)
{
  return GTK_EDITABLE (editor_of (GTK_WIDGET (row))->title_row);
}

GtkTextView *
_sitrep_template_row_get_body (AdwExpanderRow *row)
{
  return editor_of (GTK_WIDGET (row))->body_view;
}

GtkLabel *
_sitrep_template_row_get_unknown (AdwExpanderRow *row)
{
  return editor_of (GTK_WIDGET (row))->unknown_label;
}

GtkWidget *
_sitrep_template_row_get_save_button (AdwExpanderRow *row)
{
  return editor_of (GTK_WIDGET (row))->save_button;
}

GtkWidget *
_sitrep_template_row_get_delete_button (AdwExpanderRow *row)
{
  return editor_of (GTK_WIDGET (row))->delete_button;
}

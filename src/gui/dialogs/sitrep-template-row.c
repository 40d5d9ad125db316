/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-templates"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-json.h"
#include "sitrep-resources.h"
#include "sitrep-template-row.h"
#include "sitrep-templates.h"

/* One of the team's update templates, edited in place. Edits are the
 * user's until saved: sitrep_templates_window refreshes a row from the
 * store only while it holds no unsaved edit. Deleting asks the window,
 * which confirms first. */

#define N_AUDIENCES (SITREP_AUDIENCE_INTERNAL + 1)

struct _SitrepTemplateRow
{
  AdwExpanderRow  parent_instance;

  SitrepContext  *context;
  char           *id;        /* NULL until first saved */
  JsonObject     *shown;     /* the body last loaded or saved */
  int             rank;      /* in sitrep_context_list_templates() order */
  gboolean        builtin;
  gboolean        loading;   /* the editors are being filled from code */
  gboolean        dirty;

  AdwEntryRow    *name_row;
  AdwComboRow    *audience_row;
  AdwEntryRow    *title_row;
  GtkTextView    *body_view;
  GtkWidget      *body_frame;
  GtkLabel       *help_label;
  GtkLabel       *unknown_label;
  GtkWidget      *save_button;
  GtkWidget      *delete_button;
};

G_DEFINE_FINAL_TYPE (SitrepTemplateRow, sitrep_template_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DELETE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_body (SitrepTemplateRow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static SitrepAudience
current_audience (SitrepTemplateRow *self)
{
  guint selected = adw_combo_row_get_selected (self->audience_row);

  return selected < N_AUDIENCES ? (SitrepAudience) selected : SITREP_AUDIENCE_STATUS_PAGE;
}

/* The unknown placeholders of the title and the body, each once. */
static GPtrArray *
find_unknown (SitrepTemplateRow *self)
{
  g_autofree char *body = dup_body (self);
  GPtrArray *unknown =
    sitrep_context_unknown_placeholders (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  g_autoptr(GPtrArray) in_body = sitrep_context_unknown_placeholders (body);

  for (guint i = 0; i < in_body->len; i++)
    if (!g_ptr_array_find_with_equal_func (unknown, in_body->pdata[i], g_str_equal, NULL))
      g_ptr_array_add (unknown, g_strdup (in_body->pdata[i]));
  return unknown;
}

static void
update_header (SitrepTemplateRow *self,
               const char        *name,
               SitrepAudience     audience)
{
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 name && name[0] ? name : _("New template"));
  if (self->id == NULL)
    /* Translators: %s is an audience, e.g. "Executives · not saved yet" */
    subtitle = g_strdup_printf (_("%s · not saved yet"), sitrep_audience_get_label (audience));
  else if (self->builtin)
    /* Translators: %s is an audience, e.g. "Executives · from the guide" */
    subtitle = g_strdup_printf (_("%s · from the guide"), sitrep_audience_get_label (audience));
  else
    subtitle = g_strdup (sitrep_audience_get_label (audience));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name && name[0] ? name : _("New template"), -1);
}

/* Says which placeholders no incident can fill, as the user types. */
static void
update_check (SitrepTemplateRow *self)
{
  g_autoptr(GPtrArray) unknown = find_unknown (self);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < unknown->len; i++)
    g_string_append_printf (list, "%s{{%s}}", i > 0 ? ", " : "",
                            (const char *) unknown->pdata[i]);
  if (unknown->len > 0)
    /* Translators: %s is a list of placeholders, e.g. "{{serivce}}, {{nope}}" */
    text = g_strdup_printf (_("Unknown placeholders: %s. No incident fills them: "
                              "correct or remove them before saving."), list->str);
  gtk_label_set_text (self->unknown_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->unknown_label), unknown->len > 0);
  if (unknown->len == 0)
    gtk_widget_remove_css_class (self->body_frame, "error");
}

static void
on_edited (SitrepTemplateRow *self)
{
  update_check (self);
  if (self->loading)
    return;
  self->dirty = TRUE;
  gtk_widget_set_sensitive (self->save_button, TRUE);
}

static void
on_delete_clicked (SitrepTemplateRow *self)
{
  g_signal_emit (self, signals[DELETE], 0);
}

/**
 * sitrep_template_row_load:
 *
 * Shows @record in the editors, dropping what they held.
 */
void
sitrep_template_row_load (SitrepTemplateRow *self,
                          SitrepRecordObject *record)
{
  JsonObject *body = sitrep_record_object_get_body (record);
  const char *name = sitrep_json_get_string (body, "name");
  SitrepAudience audience = SITREP_AUDIENCE_STATUS_PAGE;

  g_return_if_fail (SITREP_IS_TEMPLATE_ROW (self));

  sitrep_audience_from_string (sitrep_json_get_string (body, "audience"), &audience);
  g_clear_pointer (&self->shown, json_object_unref);
  self->shown = json_object_ref (body);
  self->builtin = sitrep_json_get_string (body, "builtin_key") != NULL;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
  adw_combo_row_set_selected (self->audience_row, audience);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         sitrep_json_get_string (body, "title") ?: "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view),
                            sitrep_json_get_string (body, "body") ?: "", -1);
  self->loading = FALSE;

  self->dirty = FALSE;
  gtk_widget_set_sensitive (self->save_button, FALSE);
  update_header (self, name, audience);
  update_check (self);
}

/**
 * sitrep_template_row_start_new:
 *
 * Makes the row a new template for @audience, not saved yet.
 */
void
sitrep_template_row_start_new (SitrepTemplateRow *self,
                               SitrepAudience     audience)
{
  g_return_if_fail (SITREP_IS_TEMPLATE_ROW (self));

  self->loading = TRUE;
  adw_combo_row_set_selected (self->audience_row, audience);
  self->loading = FALSE;
  self->dirty = TRUE;
  update_header (self, NULL, audience);
  update_check (self);
}

/**
 * sitrep_template_row_save:
 *
 * Saves what the editors hold, for the whole team.
 */
void
sitrep_template_row_save (SitrepTemplateRow *self)
{
  g_autoptr(GPtrArray) unknown = NULL;
  SitrepRecordObject *saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;
  const char *name;

  g_return_if_fail (SITREP_IS_TEMPLATE_ROW (self));

  if (!self->dirty && self->id != NULL)
    return;

  unknown = find_unknown (self);
  body = dup_body (self);
  name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  /* Checked here too, so the editor can point at what is wrong. */
  if (unknown->len > 0)
    {
      gtk_widget_add_css_class (self->body_frame, "error");
      gtk_widget_error_bell (GTK_WIDGET (self));
      gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
    }

  id = sitrep_context_save_template (self->context, self->id, name, current_audience (self),
                                     gtk_editable_get_text (GTK_EDITABLE (self->title_row)), body,
                                     &error);
  if (id == NULL)
    {
      sitrep_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  if (self->id == NULL)
    {
      self->id = g_strdup (id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
  /* What was saved is what the row shows: a refresh need not reload it. */
  saved = sitrep_record_list_lookup (SITREP_RECORD_LIST (sitrep_context_get_templates (self->context)),
                                     id);
  if (saved != NULL)
    {
      g_clear_pointer (&self->shown, json_object_unref);
      self->shown = json_object_ref (sitrep_record_object_get_body (saved));
    }
  self->dirty = FALSE;
  gtk_widget_set_sensitive (self->save_button, FALSE);
  update_header (self, name, current_audience (self));
  sitrep_widget_show_toast (GTK_WIDGET (self), adw_toast_new (_("Template saved")));
}

void
sitrep_template_row_focus_name (SitrepTemplateRow *self)
{
  g_return_if_fail (SITREP_IS_TEMPLATE_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

/**
 * sitrep_template_row_shows:
 *
 * Returns: whether the row shows @record's body as it is
 */
gboolean
sitrep_template_row_shows (SitrepTemplateRow *self,
                           SitrepRecordObject *record)
{
  JsonObject *body = sitrep_record_object_get_body (record);

  g_return_val_if_fail (SITREP_IS_TEMPLATE_ROW (self), FALSE);

  return self->shown != NULL && json_object_equal (self->shown, body);
}

const char *
sitrep_template_row_get_id (SitrepTemplateRow *self)
{
  g_return_val_if_fail (SITREP_IS_TEMPLATE_ROW (self), NULL);

  return self->id;
}

int
sitrep_template_row_get_rank (SitrepTemplateRow *self)
{
  g_return_val_if_fail (SITREP_IS_TEMPLATE_ROW (self), -1);

  return self->rank;
}

void
sitrep_template_row_set_rank (SitrepTemplateRow *self,
                              int                rank)
{
  g_return_if_fail (SITREP_IS_TEMPLATE_ROW (self));

  self->rank = rank;
}

gboolean
sitrep_template_row_get_dirty (SitrepTemplateRow *self)
{
  g_return_val_if_fail (SITREP_IS_TEMPLATE_ROW (self), FALSE);

  return self->dirty;
}

gboolean
sitrep_template_row_get_builtin (SitrepTemplateRow *self)
{
  g_return_val_if_fail (SITREP_IS_TEMPLATE_ROW (self), FALSE);

  return self->builtin;
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

static void
sitrep_template_row_dispose (GObject *object)
{
  SitrepTemplateRow *self = SITREP_TEMPLATE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_TEMPLATE_ROW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sitrep_template_row_parent_class)->dispose (object);
}

static void
sitrep_template_row_finalize (GObject *object)
{
  SitrepTemplateRow *self = SITREP_TEMPLATE_ROW (object);

  g_free (self->id);
  g_clear_pointer (&self->shown, json_object_unref);

  G_OBJECT_CLASS (sitrep_template_row_parent_class)->finalize (object);
}

static void
sitrep_template_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SitrepTemplateRow *self = SITREP_TEMPLATE_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_template_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SitrepTemplateRow *self = SITREP_TEMPLATE_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_template_row_class_init (SitrepTemplateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_template_row_dispose;
  object_class->finalize = sitrep_template_row_finalize;
  object_class->get_property = sitrep_template_row_get_property;
  object_class->set_property = sitrep_template_row_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The template's id, %NULL until it is first saved. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepTemplateRow::delete:
   *
   * The user asked to delete the template.
   */
  signals[DELETE] = g_signal_new ("delete", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  (void) sitrep_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-template-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepTemplateRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepTemplateRow, audience_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepTemplateRow, title_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepTemplateRow, body_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepTemplateRow, body_frame);
  gtk_widget_class_bind_template_child (widget_class, SitrepTemplateRow, help_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepTemplateRow, unknown_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepTemplateRow, save_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepTemplateRow, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_edited);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
  gtk_widget_class_bind_template_callback (widget_class, sitrep_template_row_save);
}

static void
sitrep_template_row_init (SitrepTemplateRow *self)
{
  g_autoptr(GtkStringList) audiences = gtk_string_list_new (NULL);
  g_autofree char *help = placeholder_help ();

  self->rank = -1;
  /* Filling the editors below is not the user's edit. */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  for (SitrepAudience a = SITREP_AUDIENCE_STATUS_PAGE; a < N_AUDIENCES; a++)
    gtk_string_list_append (audiences, sitrep_audience_get_label (a));
  adw_combo_row_set_model (self->audience_row, G_LIST_MODEL (audiences));
  gtk_label_set_text (self->help_label, help);
  g_signal_connect_object (gtk_text_view_get_buffer (self->body_view), "changed",
                           G_CALLBACK (on_edited), self, G_CONNECT_SWAPPED);
  self->loading = FALSE;
}

/**
 * sitrep_template_row_new:
 * @id: (nullable): the template's id, or %NULL for a new one
 *
 * Returns: (transfer floating): a row with empty editors
 */
GtkWidget *
sitrep_template_row_new (SitrepContext *context,
                         const char    *id)
{
  return g_object_new (SITREP_TYPE_TEMPLATE_ROW, "context", context, "id", id, NULL);
}

const char *
_sitrep_template_row_get_id (AdwExpanderRow *row)
{
  return SITREP_TEMPLATE_ROW (row)->id;
}

GtkEditable *
_sitrep_template_row_get_name (AdwExpanderRow *row)
{
  return GTK_EDITABLE (SITREP_TEMPLATE_ROW (row)->name_row);
}

AdwComboRow *
_sitrep_template_row_get_audience (AdwExpanderRow *row)
{
  return SITREP_TEMPLATE_ROW (row)->audience_row;
}

GtkEditable *
_sitrep_template_row_get_title (AdwExpanderRow *row)
{
  return GTK_EDITABLE (SITREP_TEMPLATE_ROW (row)->title_row);
}

GtkTextView *
_sitrep_template_row_get_body (AdwExpanderRow *row)
{
  return SITREP_TEMPLATE_ROW (row)->body_view;
}

GtkLabel *
_sitrep_template_row_get_unknown (AdwExpanderRow *row)
{
  return SITREP_TEMPLATE_ROW (row)->unknown_label;
}

GtkWidget *
_sitrep_template_row_get_save_button (AdwExpanderRow *row)
{
  return SITREP_TEMPLATE_ROW (row)->save_button;
}

GtkWidget *
_sitrep_template_row_get_delete_button (AdwExpanderRow *row)
{
  return SITREP_TEMPLATE_ROW (row)->delete_button;
}

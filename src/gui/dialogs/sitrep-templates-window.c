/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-templates"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-gui-util.h"
#include "sitrep-resources.h"
#include "sitrep-template-row.h"
#include "sitrep-templates-window.h"

/* The team's update templates, one SitrepTemplateRow each, edited in
 * place. A template changed elsewhere updates its row only while the row
 * holds no unsaved edit. The unsaved new template sits at the top until it
 * is saved. */


struct _SitrepTemplatesWindow
{
  AdwPreferencesWindow  parent_instance;

  SitrepContext        *context;
  SitrepAudience        audience;     /* of a new template */
  guint                 refresh_id;

  GtkListBox           *list;
  GtkWidget            *add_button;
  AdwMessageDialog     *confirm;      /* weak */
  char                 *confirm_id;   /* the template it asks about */
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

/* Deleting */

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  SitrepTemplatesWindow *self = SITREP_TEMPLATES_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->confirm_id == NULL)
    return;

  if (!sitrep_context_delete_template (self->context, self->confirm_id, &error))
    sitrep_widget_show_error (GTK_WIDGET (self), error);
  else
    sitrep_widget_show_toast (GTK_WIDGET (self), adw_toast_new (_("Template deleted")));
}

static void
on_row_delete (SitrepTemplateRow     *row,
               SitrepTemplatesWindow *self)
{
  const char *name = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  const char *id = sitrep_template_row_get_id (row);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Nothing was written yet: nothing to confirm. */
  if (id == NULL)
    {
      gtk_list_box_remove (self->list, GTK_WIDGET (row));
      return;
    }

  /* Translators: %s is a template's name */
  heading = g_strdup_printf (_("Delete “%s”?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   sitrep_template_row_get_builtin (row)
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
  g_free (self->confirm_id);
  self->confirm_id = g_strdup (id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, 0);

  if (self->confirm != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->confirm), (gpointer *) &self->confirm);
  self->confirm = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->confirm);
  gtk_window_present (GTK_WINDOW (dialog));
}

static SitrepTemplateRow *
add_row (SitrepTemplatesWindow *self,
         const char            *id)
{
  GtkWidget *row = sitrep_template_row_new (self->context, id);

  g_signal_connect_object (row, "delete", G_CALLBACK (on_row_delete), self, 0);
  gtk_list_box_append (self->list, row);
  return SITREP_TEMPLATE_ROW (row);
}

/* Refreshing */

static int
compare_rows (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       user_data)
{
  return sitrep_template_row_get_rank (SITREP_TEMPLATE_ROW (a)) -
         sitrep_template_row_get_rank (SITREP_TEMPLATE_ROW (b));
}

static SitrepTemplateRow *
find_row (SitrepTemplatesWindow *self,
          const char            *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SITREP_IS_TEMPLATE_ROW (child) &&
        g_strcmp0 (sitrep_template_row_get_id (SITREP_TEMPLATE_ROW (child)), id) == 0)
      return SITREP_TEMPLATE_ROW (child);
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
      SitrepTemplateRow *row;

      g_hash_table_add (live, g_strdup (record_id));

      row = find_row (self, record_id);
      if (row == NULL)
        sitrep_template_row_load ((row = add_row (self, record_id)), record);
      else if (!sitrep_template_row_get_dirty (row) && !sitrep_template_row_shows (row, record))
        sitrep_template_row_load (row, record);
      sitrep_template_row_set_rank (row, (int) i);
    }

  /* Deleted here or elsewhere. */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      const char *id = SITREP_IS_TEMPLATE_ROW (child)
                       ? sitrep_template_row_get_id (SITREP_TEMPLATE_ROW (child)) : NULL;

      if (id != NULL && !g_hash_table_contains (live, id))
        gtk_list_box_remove (self->list, child);
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
  SitrepTemplateRow *row = find_row (self, NULL);

  if (row == NULL)
    {
      row = add_row (self, NULL);
      sitrep_template_row_start_new (row, self->audience);
      gtk_list_box_invalidate_sort (self->list);
    }

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  sitrep_template_row_focus_name (row);
}

/* Saves the template the keyboard focus is in. */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, SITREP_TYPE_TEMPLATE_ROW) : NULL;

  if (row != NULL && (sitrep_template_row_get_dirty (SITREP_TEMPLATE_ROW (row)) ||
                      sitrep_template_row_get_id (SITREP_TEMPLATE_ROW (row)) == NULL))
    sitrep_template_row_save (SITREP_TEMPLATE_ROW (row));
  else
    gtk_widget_error_bell (widget);
}

/* GObject */

static void
sitrep_templates_window_constructed (GObject *object)
{
  SitrepTemplatesWindow *self = SITREP_TEMPLATES_WINDOW (object);

  G_OBJECT_CLASS (sitrep_templates_window_parent_class)->constructed (object);

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
  g_clear_pointer (&self->confirm_id, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_TEMPLATES_WINDOW);

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

  (void) sitrep_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-templates-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepTemplatesWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepTemplatesWindow, list);

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
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_sort_func (self->list, compare_rows, NULL, NULL);
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
  return ADW_EXPANDER_ROW (find_row (self, template_id));
}

AdwMessageDialog *
_sitrep_templates_window_get_confirm (SitrepTemplatesWindow *self)
{
  return self->confirm;
}

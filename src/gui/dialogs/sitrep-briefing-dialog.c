/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-briefing"

#include "config.h"

#include "sitrep-resources.h"

#include <glib/gi18n.h>

#include "sitrep-briefing-dialog.h"

/* The handover briefing for a new incident commander, shown as plain text
 * so that it can be pasted into a chat or an email as it is. */

#define COPIED_FEEDBACK_S 2

struct _SitrepBriefingDialog
{
  AdwWindow    parent_instance;

  char        *text;
  guint        copied_id;

  GtkButton   *copy_button;
  GtkTextView *text_view;
};

G_DEFINE_FINAL_TYPE (SitrepBriefingDialog, sitrep_briefing_dialog, ADW_TYPE_WINDOW)

static gboolean
reset_copy_label (gpointer data)
{
  SitrepBriefingDialog *self = data;

  self->copied_id = 0;
  gtk_button_set_label (self->copy_button, _("_Copy"));
  return G_SOURCE_REMOVE;
}

static void
copy_all (SitrepBriefingDialog *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->text);

  /* Feedback where the eyes already are, then back to the verb. */
  gtk_button_set_label (self->copy_button, _("Copied"));
  g_clear_handle_id (&self->copied_id, g_source_remove);
  self->copied_id = g_timeout_add_seconds (COPIED_FEEDBACK_S, reset_copy_label, self);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  copy_all (SITREP_BRIEFING_DIALOG (widget));
}

static gboolean
on_ctrl_c (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  SitrepBriefingDialog *self = SITREP_BRIEFING_DIALOG (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  /* A selection is copied by the text view as usual; with none, Ctrl+C
   * takes the whole briefing. */
  if (gtk_text_buffer_get_has_selection (buffer))
    return FALSE;

  copy_all (self);
  return TRUE;
}

static void
sitrep_briefing_dialog_dispose (GObject *object)
{
  SitrepBriefingDialog *self = SITREP_BRIEFING_DIALOG (object);

  g_clear_handle_id (&self->copied_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_BRIEFING_DIALOG);

  G_OBJECT_CLASS (sitrep_briefing_dialog_parent_class)->dispose (object);
}

static void
sitrep_briefing_dialog_finalize (GObject *object)
{
  SitrepBriefingDialog *self = SITREP_BRIEFING_DIALOG (object);

  g_free (self->text);

  G_OBJECT_CLASS (sitrep_briefing_dialog_parent_class)->finalize (object);
}

static void
sitrep_briefing_dialog_class_init (SitrepBriefingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_briefing_dialog_dispose;
  object_class->finalize = sitrep_briefing_dialog_finalize;

  /* Referencing the bundle links it in from the static library. */
  g_type_ensure (G_TYPE_RESOURCE);
  (void) sitrep_get_resource ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-briefing-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepBriefingDialog, copy_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepBriefingDialog, text_view);

  gtk_widget_class_install_action (widget_class, "briefing.copy", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sitrep_briefing_dialog_init (SitrepBriefingDialog *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* In the capture phase, so that it runs before the text view's own
   * Ctrl+C, which would swallow the key with nothing selected. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK),
                               gtk_callback_action_new (on_ctrl_c, NULL, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->copy_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->copy_button));
}

/**
 * sitrep_briefing_dialog_new:
 * @parent: (nullable): the window it belongs to
 *
 * Builds the briefing for @incident_id as it stands now.
 *
 * Returns: (transfer none): a new dialog, transient for @parent; present it
 */
SitrepBriefingDialog *
sitrep_briefing_dialog_new (GtkWindow     *parent,
                            SitrepContext *context,
                            const char    *incident_id)
{
  g_autoptr(SitrepWorkspace) workspace = NULL;
  SitrepBriefingDialog *self;

  g_return_val_if_fail (SITREP_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);

  self = g_object_new (SITREP_TYPE_BRIEFING_DIALOG,
                       "transient-for", parent,
                       NULL);
  workspace = sitrep_context_open_workspace (context, incident_id);
  self->text = sitrep_workspace_handover_briefing (workspace);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), self->text, -1);

  return self;
}

/**
 * sitrep_briefing_dialog_get_text:
 *
 * Returns: the briefing shown, as Copy puts it on the clipboard
 */
const char *
sitrep_briefing_dialog_get_text (SitrepBriefingDialog *self)
{
  g_return_val_if_fail (SITREP_IS_BRIEFING_DIALOG (self), NULL);

  return self->text;
}

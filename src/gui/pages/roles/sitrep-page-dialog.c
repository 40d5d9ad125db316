/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-roles"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-gui-util.h"
#include "sitrep-page-dialog.h"
#include "sitrep-resources.h"

/* The Roles page's Page…: a team (the catalogue's and those paged before
 * are offered as they match what is typed) and a message. Page writes the
 * request; the server delivers it. */

struct _SitrepPageDialog
{
  AdwMessageDialog  parent_instance;

  SitrepContext    *context;
  char             *incident_id;
  GStrv             team_names;

  AdwEntryRow      *team_row;
  AdwEntryRow      *message_row;
  GtkFlowBox       *teams;
};

G_DEFINE_FINAL_TYPE (SitrepPageDialog, sitrep_page_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_team_chosen (GtkButton        *button,
                SitrepPageDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->team_row), gtk_button_get_label (button));
  gtk_widget_grab_focus (GTK_WIDGET (self->message_row));
}

/* The teams that start with what is typed (all of them at first). */
static void
show_matching_teams (SitrepPageDialog *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->team_row));
  g_autofree char *prefix = g_utf8_casefold (typed, -1);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->teams))) != NULL)
    gtk_flow_box_remove (self->teams, child);

  for (guint i = 0; self->team_names != NULL && self->team_names[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (self->team_names[i], -1);
      GtkWidget *button;

      if (!g_str_has_prefix (folded, prefix) || g_str_equal (folded, prefix))
        continue;
      button = gtk_button_new_with_label (self->team_names[i]);
      gtk_widget_set_tooltip_text (button, _("Page this team"));
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_team_chosen), self, 0);
      gtk_flow_box_append (self->teams, button);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->teams), shown > 0);
}

static void
on_team_changed (SitrepPageDialog *self)
{
  g_autofree char *team = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->team_row))));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "page", team[0] != '\0');
  gtk_widget_remove_css_class (GTK_WIDGET (self->team_row), "error");
  show_matching_teams (self);
}

static void
sitrep_page_dialog_response (AdwMessageDialog *dialog,
                             const char       *response)
{
  SitrepPageDialog *self = SITREP_PAGE_DIALOG (dialog);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  GtkWindow *parent;

  if (!g_str_equal (response, "page"))
    return;

  id = sitrep_context_request_page (self->context, self->incident_id,
                                    gtk_editable_get_text (GTK_EDITABLE (self->team_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->message_row)),
                                    &error);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (id == NULL)
    {
      /* The dialog closes with the response: what was typed goes back in
       * a new one, with the reason. */
      SitrepPageDialog *again = sitrep_page_dialog_new (parent, self->context, self->incident_id);

      gtk_editable_set_text (GTK_EDITABLE (again->team_row),
                             gtk_editable_get_text (GTK_EDITABLE (self->team_row)));
      gtk_editable_set_text (GTK_EDITABLE (again->message_row),
                             gtk_editable_get_text (GTK_EDITABLE (self->message_row)));
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (again), error->message);
      gtk_widget_add_css_class (GTK_WIDGET (again->team_row), "error");
      gtk_window_present (GTK_WINDOW (again));
      return;
    }

  if (parent != NULL)
    {
      /* Translators: a toast; %s is a team */
      text = g_strdup_printf (_("Paging %s: the Roles page shows when it is delivered"),
                              gtk_editable_get_text (GTK_EDITABLE (self->team_row)));
      sitrep_widget_show_toast (GTK_WIDGET (parent), adw_toast_new (text));
    }
}

static void
sitrep_page_dialog_dispose (GObject *object)
{
  SitrepPageDialog *self = SITREP_PAGE_DIALOG (object);

  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_PAGE_DIALOG);

  G_OBJECT_CLASS (sitrep_page_dialog_parent_class)->dispose (object);
}

static void
sitrep_page_dialog_finalize (GObject *object)
{
  SitrepPageDialog *self = SITREP_PAGE_DIALOG (object);

  g_free (self->incident_id);
  g_strfreev (self->team_names);

  G_OBJECT_CLASS (sitrep_page_dialog_parent_class)->finalize (object);
}

static void
sitrep_page_dialog_class_init (SitrepPageDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_page_dialog_dispose;
  object_class->finalize = sitrep_page_dialog_finalize;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = sitrep_page_dialog_response;

  (void) sitrep_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-page-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepPageDialog, team_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepPageDialog, message_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepPageDialog, teams);
  gtk_widget_class_bind_template_callback (widget_class, on_team_changed);
}

static void
sitrep_page_dialog_init (SitrepPageDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sitrep_page_dialog_new:
 *
 * Returns: (transfer none): a new dialog to page a team for @incident_id
 */
SitrepPageDialog *
sitrep_page_dialog_new (GtkWindow     *parent,
                        SitrepContext *context,
                        const char    *incident_id)
{
  SitrepPageDialog *self = g_object_new (SITREP_TYPE_PAGE_DIALOG,
                                         "transient-for", parent,
                                         NULL);

  self->context = g_object_ref (context);
  self->incident_id = g_strdup (incident_id);
  self->team_names = sitrep_context_dup_team_names (context);
  show_matching_teams (self);
  return self;
}

GtkEditable *
_sitrep_page_dialog_get_team (SitrepPageDialog *self)
{
  return GTK_EDITABLE (self->team_row);
}

GtkEditable *
_sitrep_page_dialog_get_message (SitrepPageDialog *self)
{
  return GTK_EDITABLE (self->message_row);
}

GtkFlowBox *
_sitrep_page_dialog_get_teams (SitrepPageDialog *self)
{
  return self->teams;
}

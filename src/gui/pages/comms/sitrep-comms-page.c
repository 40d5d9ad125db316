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

G_DEFINE_FINAL_TYPE (SitrepCommsPage, sitrep_comms_page, SITREP_TYPE_INCIDENT_PAGE)

const char *
_sitrep_comms_page_incident_id (SitrepCommsPage *self)
{
  return page_incident (self) ? sitrep_incident_get_id (page_incident (self)) : NULL;
}

gboolean
_sitrep_comms_page_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Refreshing */

static void
refresh (SitrepCommsPage *self)
{
  gboolean has_incident = page_incident (self) != NULL && page_context (self) != NULL;

  sitrep_comms_composer_set_editable (self->composer, has_incident);

  _sitrep_comms_page_refresh_due (self);
  _sitrep_comms_page_refresh_history (self);
  sitrep_comms_composer_rebuild_statuses (self->composer);
  /* Listing the templates adds the built-ins to the workspace: not before
   * someone looks at them. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && !self->needs_reset)
    sitrep_comms_composer_rebuild_templates (self->composer, FALSE);
  sitrep_comms_composer_update_check (self->composer);
}

/* Starts over for the incident: its most pressing audience, that
 * audience's first template. */
static void
reset_composer (SitrepCommsPage *self)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  SitrepAudience audience = SITREP_AUDIENCE_STAKEHOLDERS;

  sitrep_comms_composer_set_context (self->composer, page_context (self));
  sitrep_comms_composer_set_incident (self->composer, page_incident (self));
  sitrep_comms_composer_forget_fill (self->composer);
  sitrep_comms_composer_dismiss_undo (self->composer);
  sitrep_comms_composer_set_editors (self->composer, "", "");

  self->needs_reset = page_incident (self) != NULL && page_context (self) != NULL &&
                     !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (page_incident (self) == NULL || page_context (self) == NULL || self->needs_reset)
    {
      refresh (self);
      return;
    }

  deadlines = sitrep_workspace_dup_deadlines (page_workspace (self));
  for (guint i = 0; i < deadlines->len; i++)
    {
      SitrepDeadline *deadline = deadlines->pdata[i];

      if (_sitrep_comms_page_is_communication (deadline->kind))
        {
          audience = deadline->audience;
          break;
        }
    }

  sitrep_comms_composer_set_choices (self->composer, audience, -1, 0);
  refresh (self);
  sitrep_comms_composer_rebuild_templates (self->composer, TRUE);
  sitrep_comms_composer_fill_from_template (self->composer);
}

/* Copy and send are for text that is there, and send only once nothing
 * is left to fill in. */
static void
update_actions (SitrepCommsPage *self)
{
  g_autofree char *body = sitrep_comms_composer_dup_body_text (self->composer);
  gboolean empty = _sitrep_comms_page_is_blank (body);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "comms.copy",
                                 page_incident (self) != NULL && !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "comms.send",
                                 page_incident (self) != NULL && page_context (self) != NULL && !empty &&
                                 sitrep_comms_composer_get_n_flags (self->composer) == 0);
  /* Publish: the status page's updates only, when they could be sent. */
  gtk_widget_set_visible (self->publish_button,
                          sitrep_comms_composer_current_audience (self->composer) ==
                          SITREP_AUDIENCE_STATUS_PAGE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "comms.publish",
                                 gtk_widget_get_visible (self->publish_button) &&
                                 page_incident (self) != NULL && page_context (self) != NULL &&
                                 !empty && sitrep_comms_composer_get_n_flags (self->composer) == 0);
}

/* Actions */

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepCommsPage *self = SITREP_COMMS_PAGE (widget);
  g_autofree char *body = sitrep_comms_composer_dup_body_text (self->composer);
  const char *title = sitrep_comms_composer_get_title_text (self->composer);
  g_autofree char *text = NULL;

  if (_sitrep_comms_page_is_blank (body))
    return;

  text = _sitrep_comms_page_is_blank (title) ? g_strdup (body)
                                             : g_strconcat (title, "\n\n", body, NULL);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  sitrep_widget_show_toast (widget, adw_toast_new (sitrep_comms_composer_get_n_flags (self->composer) > 0
                                                   ? _("Copied, but it still needs filling in")
                                                   : _("Copied")));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepCommsPage *self = SITREP_COMMS_PAGE (widget);
  SitrepCommsComposer *composer = self->composer;
  SitrepAudience audience = sitrep_comms_composer_current_audience (composer);
  SitrepRecordObject *template = sitrep_comms_composer_current_template (composer);
  g_autofree char *body = sitrep_comms_composer_dup_body_text (composer);
  g_autofree char *title = g_strstrip (g_strdup (sitrep_comms_composer_get_title_text (composer)));
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  /* The shortcut reaches here even while the button is insensitive. */
  sitrep_comms_composer_update_check (composer);
  if (page_incident (self) == NULL || page_context (self) == NULL || _sitrep_comms_page_is_blank (body) ||
      sitrep_comms_composer_get_n_flags (composer) > 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  id = sitrep_workspace_send_communication (page_workspace (self), audience, template ? sitrep_record_object_get_id (template) : NULL,
                                          sitrep_comms_composer_current_status (composer),
                                          title, body, &error);
  if (id == NULL)
    {
      sitrep_widget_show_error (widget, error);
      return;
    }

  /* Translators: %s is an audience, e.g. "Update to Executives recorded" */
  toast = adw_toast_new_format (_("Update to %s recorded"), sitrep_audience_get_label (audience));
  sitrep_widget_show_toast (widget, toast);

  sitrep_comms_composer_forget_fill (composer);
  sitrep_comms_composer_set_editors (composer, "", "");
  sitrep_comms_composer_set_choices (composer, -1,
                                     (int) sitrep_comms_composer_get_n_templates (composer) - 1,
                                     0);

  refresh (self);
}

/* Sent as Mark as Sent does, and handed to the team server to post on the
 * status page (after the Communications Lead's approval, if asked for). */
static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SitrepCommsPage *self = SITREP_COMMS_PAGE (widget);
  SitrepCommsComposer *composer = self->composer;
  SitrepRecordObject *template = sitrep_comms_composer_current_template (composer);
  g_autofree char *body = sitrep_comms_composer_dup_body_text (composer);
  g_autofree char *title = g_strstrip (g_strdup (sitrep_comms_composer_get_title_text (composer)));
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  sitrep_comms_composer_update_check (composer);
  if (page_incident (self) == NULL || page_context (self) == NULL ||
      _sitrep_comms_page_is_blank (body) || sitrep_comms_composer_get_n_flags (composer) > 0 ||
      sitrep_comms_composer_current_audience (composer) != SITREP_AUDIENCE_STATUS_PAGE)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  id = sitrep_workspace_publish_communication (page_workspace (self),
                                               template ? sitrep_record_object_get_id (template)
                                                        : NULL,
                                               sitrep_comms_composer_current_status (composer),
                                               title, body, &error);
  if (id == NULL)
    {
      sitrep_widget_show_error (widget, error);
      return;
    }

  sitrep_widget_show_toast (widget,
                            adw_toast_new (sitrep_context_get_publish_needs_approval (page_context (self))
                                           ? _("Recorded: it is published once the Communications "
                                               "Lead approves it")
                                           : _("Recorded and sent for publishing on the status "
                                               "page")));
  sitrep_comms_composer_forget_fill (composer);
  sitrep_comms_composer_set_editors (composer, "", "");
  sitrep_comms_composer_set_choices (composer, -1,
                                     (int) sitrep_comms_composer_get_n_templates (composer) - 1,
                                     0);
  refresh (self);
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SitrepCommsPage *self = SITREP_COMMS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (page_incident (self) == NULL)
    return;

  if (!sitrep_workspace_approve_communication (page_workspace (self),
                                               g_variant_get_string (parameter, NULL), &error))
    sitrep_widget_show_error (widget, error);
  else
    sitrep_widget_show_toast (widget, adw_toast_new (_("Approved: the team server publishes it")));
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
  SitrepTemplatesWindow *window;

  if (page_context (self) == NULL)
    return;

  window = sitrep_templates_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        page_context (self),
                                        sitrep_comms_composer_current_audience (self->composer));
  gtk_window_present (GTK_WINDOW (window));
}

/* SitrepIncidentPage */

static void
sitrep_comms_page_refresh (SitrepIncidentPage *page)
{
  refresh (SITREP_COMMS_PAGE (page));
}

static void
sitrep_comms_page_minute_changed (SitrepIncidentPage *page)
{
  _sitrep_comms_page_refresh_due (SITREP_COMMS_PAGE (page));
}

/* A different incident starts the composer over. */
static void
sitrep_comms_page_incident_changed (SitrepIncidentPage *page)
{
  SitrepCommsPage *self = SITREP_COMMS_PAGE (page);

  /* Templates are the team's, not the incident's: followed once. */
  if (!self->templates_followed && page_context (self) != NULL)
    {
      g_signal_connect_object (sitrep_context_get_templates (page_context (self)), "changed",
                               G_CALLBACK (sitrep_incident_page_queue_refresh), self,
                               G_CONNECT_SWAPPED);
      self->templates_followed = TRUE;
    }

  reset_composer (self);
}

static gboolean
sitrep_comms_page_wants_change (SitrepIncidentPage *page,
                                const char         *coll)
{
  /* Roles too: who is Communications Lead decides who may approve. */
  return g_str_equal (coll, "communications") || g_str_equal (coll, "incidents") ||
         g_str_equal (coll, "roles");
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

  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_COMMS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sitrep_comms_page_parent_class)->dispose (object);
}

static void
sitrep_comms_page_finalize (GObject *object)
{
  SitrepCommsPage *self = SITREP_COMMS_PAGE (object);

  g_free (self->history_key);

  G_OBJECT_CLASS (sitrep_comms_page_parent_class)->finalize (object);
}

/* The page's widgets, made when it is first shown (see
 * SitrepIncidentPageClass.build). */
static void
sitrep_comms_page_build (SitrepIncidentPage *page)
{
  SitrepCommsPage *self = SITREP_COMMS_PAGE (page);
  GtkEventController *global;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Ctrl+T works wherever the focus is while the page shows (a managed
   * shortcut only fires while its widget is mapped). */
  global = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (global), GTK_SHORTCUT_SCOPE_GLOBAL);
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_t, GDK_CONTROL_MASK),
                               gtk_named_action_new ("comms.templates"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (global), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), global);

  g_signal_connect_object (self->composer, "checked", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}

static void
sitrep_comms_page_class_init (SitrepCommsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SitrepIncidentPageClass *page_class = SITREP_INCIDENT_PAGE_CLASS (klass);

  object_class->dispose = sitrep_comms_page_dispose;
  page_class->build = sitrep_comms_page_build;
  page_class->incident_changed = sitrep_comms_page_incident_changed;
  page_class->refresh = sitrep_comms_page_refresh;
  page_class->wants_change = sitrep_comms_page_wants_change;
  page_class->minute_changed = sitrep_comms_page_minute_changed;
  object_class->finalize = sitrep_comms_page_finalize;
  widget_class->map = sitrep_comms_page_map;

  /* Referencing the bundle links it in from the static library. */
  g_type_ensure (G_TYPE_RESOURCE);
  (void) sitrep_get_resource ();
  g_type_ensure (SITREP_TYPE_DUE_LIST);
  g_type_ensure (SITREP_TYPE_COMMS_COMPOSER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-comms-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, due_list);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, composer);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, publish_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommsPage, history_list);

  gtk_widget_class_install_action (widget_class, "comms.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "comms.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "comms.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "comms.approve", "s", approve_action);
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "comms.publish", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "comms.publish", NULL);
}

static void
sitrep_comms_page_init (SitrepCommsPage *self)
{
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

  sitrep_comms_composer_set_choices (self->composer, audience, -1, -1);

  if (page_incident (self) == NULL || page_context (self) == NULL)
    return;

  self->needs_reset = FALSE;
  sitrep_comms_composer_rebuild_templates (self->composer, TRUE);
  sitrep_comms_composer_fill_from_template (self->composer);
  sitrep_comms_composer_focus_text (self->composer);
  sitrep_comms_composer_select_first_flag (self->composer);
}

/* For tests */

GtkListBox *
_sitrep_comms_page_get_due_list (SitrepCommsPage *self)
{
  return _sitrep_due_list_get_list_box (self->due_list);
}

AdwComboRow *
_sitrep_comms_page_get_audience_row (SitrepCommsPage *self)
{
  return _sitrep_comms_composer_get_audience_row (self->composer);
}

AdwComboRow *
_sitrep_comms_page_get_template_row (SitrepCommsPage *self)
{
  return _sitrep_comms_composer_get_template_row (self->composer);
}

AdwComboRow *
_sitrep_comms_page_get_status_row (SitrepCommsPage *self)
{
  return _sitrep_comms_composer_get_status_row (self->composer);
}

AdwEntryRow *
_sitrep_comms_page_get_title_row (SitrepCommsPage *self)
{
  return _sitrep_comms_composer_get_title_row (self->composer);
}

GtkTextView *
_sitrep_comms_page_get_body_view (SitrepCommsPage *self)
{
  return _sitrep_comms_composer_get_body_view (self->composer);
}

AdwActionRow *
_sitrep_comms_page_get_flag_row (SitrepCommsPage *self)
{
  return _sitrep_comms_composer_get_flag_row (self->composer);
}

GtkLabel *
_sitrep_comms_page_get_preview_body (SitrepCommsPage *self)
{
  return _sitrep_comms_composer_get_preview_body (self->composer);
}

GtkWidget *
_sitrep_comms_page_get_send_button (SitrepCommsPage *self)
{
  return self->send_button;
}

GtkWidget *
_sitrep_comms_page_get_publish_button (SitrepCommsPage *self)
{
  return self->publish_button;
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
  return _sitrep_comms_composer_find_template (self->composer, builtin_key);
}

int
_sitrep_comms_page_find_status (SitrepCommsPage *self,
                                SitrepStatus     status)
{
  return _sitrep_comms_composer_find_status (self->composer, status);
}

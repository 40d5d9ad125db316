/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-overview"

#include "config.h"

#include "sitrep-resources.h"

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-due-list.h"
#include "sitrep-major-banner.h"
#include "sitrep-milestones.h"
#include "sitrep-milestones-group.h"
#include "sitrep-obligations.h"
#include "sitrep-overview-page.h"
#include "sitrep-severity.h"
#include "sitrep-status.h"
#include "sitrep-services-group.h"
#include "sitrep-triage-row.h"

#define N_LATEST_ENTRIES 6

struct _SitrepOverviewPage
{
  SitrepIncidentPage parent_instance;

  gboolean         updating;
  GPtrArray       *timeline_rows;

  GtkWidget       *content;
  GtkWidget       *scroller;
  SitrepMajorBanner *major_banner;
  GtkLabel        *impact_label;
  AdwMessageDialog *dialog;           /* the confirmation or prompt open, if any */
  GtkLabel        *severity_badge;
  GtkLabel        *status_badge;
  GtkWidget       *major_badge;
  GtkLabel        *ref_label;
  GtkLabel        *age_label;
  GtkLabel        *title_label;
  GtkLabel        *severity_label;
  AdwEntryRow     *title_row;
  AdwComboRow     *severity_row;
  AdwActionRow    *status_row;
  GtkBox          *status_buttons;
  AdwEntryRow     *services_row;
  AdwEntryRow     *impact_row;
  GtkSwitch       *major_switch;
  SitrepMilestonesGroup *milestones_group;
  AdwPreferencesGroup *timeline_group;
  AdwPreferencesGroup *attention_group;
  GPtrArray       *attention_rows;
  SitrepTriageRow *triage_row;
  SitrepServicesGroup *services_group;
  AdwPreferencesGroup *due_group;
  SitrepDueList   *due_list;
  AdwToast        *mark_done_toast;     /* weak: the last "… marked done" */

};

G_DEFINE_FINAL_TYPE (SitrepOverviewPage, sitrep_overview_page, SITREP_TYPE_INCIDENT_PAGE)

static SitrepContext *
page_context (SitrepOverviewPage *self)
{
  return sitrep_incident_page_get_context (SITREP_INCIDENT_PAGE (self));
}

static SitrepIncident *
page_incident (SitrepOverviewPage *self)
{
  return sitrep_incident_page_get_incident (SITREP_INCIDENT_PAGE (self));
}

static SitrepWorkspace *
page_workspace (SitrepOverviewPage *self)
{
  return sitrep_incident_page_get_workspace (SITREP_INCIDENT_PAGE (self));
}

static gboolean
is_being_edited (gpointer widget)
{
  return (gtk_widget_get_state_flags (GTK_WIDGET (widget)) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;
}

static void
set_entry_text (AdwEntryRow *row,
                const char  *text,
                gboolean     force)
{
  /* Someone else's change must not overwrite what the user is typing. */
  if (!force && is_being_edited (row))
    return;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
update_age (SitrepOverviewPage *self)
{
  GDateTime *declared;

  if (page_incident (self) == NULL)
    return;

  declared = sitrep_incident_get_milestone (page_incident (self), SITREP_MILESTONE_DECLARED);
  if (declared != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *age = sitrep_format_age (declared, now);
      /* Translators: %s is e.g. "40 min ago" */
      g_autofree char *text = g_strdup_printf (_("Declared %s"), age);

      gtk_label_set_label (self->age_label, text);
    }
  else
    gtk_label_set_label (self->age_label, "");
}

/* Dialogs ---------------------------------------------------------- */

/* Answered, the dialog closes: it is no longer the page's. */
static void
forget_dialog (SitrepOverviewPage *self,
               const char         *response,
               AdwMessageDialog   *dialog)
{
  if (self->dialog != dialog)
    return;
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  self->dialog = NULL;
}

static AdwMessageDialog *
new_dialog (SitrepOverviewPage *self,
            const char         *heading,
            const char         *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  self->dialog = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (forget_dialog), self,
                           G_CONNECT_SWAPPED);

  return ADW_MESSAGE_DIALOG (dialog);
}

static void
on_resolution_response (SitrepOverviewPage *self,
                        const char         *response)
{
  if (g_strcmp0 (response, "compose") != 0 || page_incident (self) == NULL)
    return;

  /* The Updates page, on the status page's resolution template. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.compose", "(ss)",
                              sitrep_incident_get_id (page_incident (self)),
                              sitrep_audience_to_string (SITREP_AUDIENCE_STATUS_PAGE));
}

/* Resolved: the status page and stakeholders still think it is going on. */
static void
prompt_resolution_update (SitrepOverviewPage *self)
{
  AdwMessageDialog *dialog;

  dialog = new_dialog (self, _("Incident Resolved"),
                       _("Tell the status page and stakeholders that service is restored: "
                         "customers are not told until an update is sent."));
  adw_message_dialog_add_responses (dialog,
                                    "later", _("_Later"),
                                    "compose", _("_Compose Resolution Update"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "compose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "compose");
  adw_message_dialog_set_close_response (dialog, "later");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_resolution_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_status (SitrepOverviewPage *self,
            SitrepStatus        status)
{
  g_autoptr(GError) error = NULL;

  if (page_incident (self) == NULL)
    return;

  if (!sitrep_workspace_set_status (page_workspace (self), status, &error))
    {
      sitrep_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  if (status == SITREP_STATUS_RESOLVED)
    prompt_resolution_update (self);
}

static void
on_close_response (SitrepOverviewPage *self,
                   const char         *response)
{
  if (g_strcmp0 (response, "close") == 0)
    set_status (self, SITREP_STATUS_CLOSED);
}

/* Closing is final: asked first. */
static void
confirm_close (SitrepOverviewPage *self)
{
  AdwMessageDialog *dialog;

  dialog = new_dialog (self, _("Close the Incident?"),
                       _("A closed incident is final: it can’t be reopened or moved to another "
                         "status, and its update clocks stop. Its record stays and can still "
                         "be read and searched. Close it once the follow-up work is "
                         "tracked."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "close", _("C_lose Incident"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The status buttons' action, to the status of its target. */
static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SitrepOverviewPage *self = SITREP_OVERVIEW_PAGE (widget);
  SitrepStatus status = g_variant_get_int32 (parameter);

  if (page_incident (self) == NULL)
    return;

  if (status == SITREP_STATUS_CLOSED)
    confirm_close (self);
  else
    set_status (self, status);
}

static void
rebuild_status_buttons (SitrepOverviewPage *self,
                        SitrepStatus        current)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus,
                                                                GTK_WIDGET (self->status_buttons));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->status_buttons))) != NULL)
    gtk_box_remove (self->status_buttons, child);

  for (SitrepStatus s = SITREP_STATUS_INVESTIGATING; s <= SITREP_STATUS_CLOSED; s++)
    {
      GtkWidget *button;
      g_autofree char *tooltip = NULL;

      if (!sitrep_status_can_transition (current, s))
        continue;

      button = gtk_button_new_with_label (sitrep_status_get_label (s));
      /* Translators: %s is a status such as "Monitoring" */
      tooltip = g_strdup_printf (_("Move the incident to %s"), sitrep_status_get_label (s));
      sitrep_widget_set_tooltip (button, tooltip);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "overview.set-status");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", s);
      if (s == current + 1)
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_box_append (self->status_buttons, button);
    }

  /* The button pressed is gone: the focus stays near, not in an entry. */
  if (had_focus)
    {
      child = gtk_widget_get_first_child (GTK_WIDGET (self->status_buttons));
      if (child == NULL || !gtk_widget_grab_focus (child))
        gtk_widget_grab_focus (GTK_WIDGET (self));
    }
}

static void
rebuild_timeline (SitrepOverviewPage *self)
{
  GListModel *timeline = NULL;
  guint shown = 0, n;

  for (guint i = 0; i < self->timeline_rows->len; i++)
    adw_preferences_group_remove (self->timeline_group, self->timeline_rows->pdata[i]);
  g_ptr_array_set_size (self->timeline_rows, 0);

  if (page_incident (self) == NULL)
    return;

  timeline = sitrep_workspace_get_timeline (page_workspace (self));
  n = g_list_model_get_n_items (timeline);
  for (guint i = n; i > 0 && shown < N_LATEST_ENTRIES; i--, shown++)
    {
      g_autoptr(SitrepTimelineEntry) entry = g_list_model_get_item (timeline, i - 1);
      GDateTime *at = sitrep_timeline_entry_get_occurred_at (entry);
      g_autofree char *when = at ? sitrep_format_time_utc_local (at) : g_strdup ("?");
      g_autofree char *subtitle = NULL;
      g_autofree char *title = g_markup_escape_text (sitrep_timeline_entry_get_text (entry), -1);
      GtkWidget *row = adw_action_row_new ();

      /* Translators: time · kind · author of a timeline entry */
      subtitle = g_strdup_printf (_("%s · %s · %s"), when,
                                  sitrep_timeline_kind_get_label (sitrep_timeline_entry_get_kind (entry)),
                                  sitrep_timeline_entry_get_author (entry));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_preferences_group_add (self->timeline_group, row);
      g_ptr_array_add (self->timeline_rows, row);
    }

  if (shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No entries yet"));
      adw_preferences_group_add (self->timeline_group, row);
      g_ptr_array_add (self->timeline_rows, row);
    }
}

static GtkWidget *
add_attention_row (SitrepOverviewPage *self,
                   const char         *title,
                   const char         *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (self->attention_group, row);
  g_ptr_array_add (self->attention_rows, row);

  return row;
}

/* What the IC should fix now: roles the severity needs that nobody holds,
 * milestones out of order. */
static void
update_attention (SitrepOverviewPage *self)
{
  GDateTime *times[SITREP_N_ORDERED_MILESTONES];
  g_autoptr(GArray) missing = NULL;
  g_autoptr(GArray) problems = NULL;

  for (guint i = 0; i < self->attention_rows->len; i++)
    adw_preferences_group_remove (self->attention_group, self->attention_rows->pdata[i]);
  g_ptr_array_set_size (self->attention_rows, 0);

  if (page_incident (self) == NULL || page_context (self) == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->attention_group), FALSE);
      return;
    }

  missing = sitrep_workspace_missing_roles (page_workspace (self));
  if (missing->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      GtkWidget *row, *button;
      g_autofree char *title = NULL;

      for (guint i = 0; i < missing->len; i++)
        g_string_append_printf (names, "%s%s", i ? ", " : "",
                                sitrep_role_get_label (g_array_index (missing, SitrepRole, i)));
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u role needs someone",
                                            "%u roles need someone", missing->len),
                               missing->len);
      row = add_attention_row (self, title, names->str);

      button = gtk_button_new_with_mnemonic (_("_Assign…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.page");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", "roles");
      sitrep_widget_set_tooltip (button, _("Open the Roles page (Alt+2)"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  for (guint i = 0; i < SITREP_N_ORDERED_MILESTONES; i++)
    times[i] = sitrep_incident_get_milestone (page_incident (self), i);
  problems = sitrep_milestones_check_order (times);
  for (guint i = 0; i < problems->len; i++)
    {
      SitrepMilestoneProblem *problem = &g_array_index (problems, SitrepMilestoneProblem, i);
      g_autofree char *title = sitrep_milestone_problem_describe (problem);
      g_autofree char *when = sitrep_format_time_utc_local (times[problem->milestone]);
      g_autofree char *other = sitrep_format_time_utc_local (times[problem->must_follow]);
      /* Translators: the two times of milestones out of order */
      g_autofree char *subtitle = g_strdup_printf (_("%s: %s · %s: %s"),
                                                   sitrep_milestone_get_label (problem->milestone),
                                                   when,
                                                   sitrep_milestone_get_label (problem->must_follow),
                                                   other);

      add_attention_row (self, title, subtitle);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->attention_group), self->attention_rows->len > 0);
}

/* The major incident criteria, as the incident is now. */
static void
update_banner (SitrepOverviewPage *self)
{
  g_autoptr(GDateTime) now = NULL;

  if (page_context (self) == NULL)
    return;
  now = sitrep_clock_dup_now (sitrep_context_get_clock (page_context (self)));
  sitrep_major_banner_update (self->major_banner, page_context (self), page_incident (self), now);
}

static void
on_activate_major (SitrepOverviewPage *self)
{
  g_autoptr(GError) error = NULL;

  if (page_incident (self) == NULL)
    return;

  /* As the switch does: through the context, with the protocol's checklist. */
  if (!sitrep_workspace_set_major (page_workspace (self), TRUE, &error))
    sitrep_widget_show_error (GTK_WIDGET (self), error);
  update_banner (self);
}

/* Updates due ------------------------------------------------------- */

static void
on_acknowledge (SitrepOverviewPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;

  if (page_incident (self) != NULL &&
      !sitrep_workspace_set_milestone (page_workspace (self), SITREP_MILESTONE_ACKNOWLEDGED, now, &error))
    sitrep_widget_show_error (GTK_WIDGET (self), error);
}

/* The toast's Undo: the mark taken back, the obligation owed again. */
static void
on_undo_mark_done (AdwToast           *toast,
                   SitrepOverviewPage *self)
{
  SitrepWorkspace *workspace = g_object_get_data (G_OBJECT (toast), "sitrep-workspace");
  int kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "sitrep-obligation"));
  g_autoptr(GError) error = NULL;

  if (!sitrep_workspace_unmark_obligation_done (workspace, kind, &error))
    sitrep_widget_show_error (GTK_WIDGET (self), error);
}

/* An obligation after resolution, marked done from its row; a toast says
 * so and offers to take it back. */
static void
on_mark_done (SitrepOverviewPage *self,
              int                 kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (page_incident (self) == NULL)
    return;
  if (!sitrep_workspace_mark_obligation_done (page_workspace (self), kind, &error))
    {
      sitrep_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  /* Translators: a toast, e.g. "Hot wash marked done" */
  title = g_strdup_printf (_("%s marked done"), sitrep_obligation_get_label (kind));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  /* The incident's, even if the page shows another one by then. */
  g_object_set_data_full (G_OBJECT (toast), "sitrep-workspace",
                          g_object_ref (page_workspace (self)), g_object_unref);
  g_object_set_data (G_OBJECT (toast), "sitrep-obligation", GINT_TO_POINTER (kind));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_mark_done), self, 0);
  if (self->mark_done_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->mark_done_toast),
                                  (gpointer *) &self->mark_done_toast);
  self->mark_done_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->mark_done_toast);
  sitrep_widget_show_toast (GTK_WIDGET (self), toast);
}

/* The incident's deadlines, soonest first, with live countdowns. */
static void
update_due (SitrepOverviewPage *self)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (page_incident (self) != NULL)
    deadlines = sitrep_workspace_dup_deadlines (page_workspace (self));

  /* Once resolved, the list is what is owed until marked done. */
  if (page_incident (self) != NULL && !sitrep_incident_is_active (page_incident (self)))
    {
      adw_preferences_group_set_title (self->due_group, _("After Resolution"));
      adw_preferences_group_set_description (self->due_group,
                                             _("What the incident still owes, until each is marked done"));
    }
  else
    {
      adw_preferences_group_set_title (self->due_group, _("Updates Due"));
      adw_preferences_group_set_description (self->due_group,
                                             _("Every audience’s update clock, and the other deadlines of the incident"));
    }
  sitrep_due_list_show (self->due_list,
                        page_incident (self) ? sitrep_incident_get_id (page_incident (self)) : NULL,
                        deadlines, now);
}

/* The customer impact under the title, in full on hover when cut. */
static void
update_impact (SitrepOverviewPage *self)
{
  const char *impact = sitrep_incident_get_customer_impact (page_incident (self));
  gboolean any = impact != NULL && impact[0] != '\0';

  gtk_label_set_label (self->impact_label, any ? impact : "");
  sitrep_widget_set_tooltip (GTK_WIDGET (self->impact_label), any ? impact : NULL);
  sitrep_widget_set_tooltip (GTK_WIDGET (self->impact_row), any ? impact : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->impact_label), any);
}

static void
refresh_full (SitrepOverviewPage *self,
              gboolean            force)
{
  const SitrepSeverityInfo *info;
  g_autofree char *services = NULL;
  g_autofree char *severity_text = NULL;
  SitrepSeverity severity;
  SitrepStatus status;
  const char *ref;

  if (page_incident (self) == NULL)
    return;

  self->updating = TRUE;

  severity = sitrep_incident_get_severity (page_incident (self));
  status = sitrep_incident_get_status (page_incident (self));
  info = sitrep_severity_get_info (severity);
  ref = sitrep_incident_get_ref (page_incident (self));

  gtk_label_set_label (self->severity_badge, info ? info->id : "?");
  sitrep_set_severity_class (GTK_WIDGET (self->severity_badge), severity);
  gtk_label_set_label (self->status_badge, sitrep_status_get_label (status));
  sitrep_set_status_class (GTK_WIDGET (self->status_badge), status);
  gtk_widget_set_visible (self->major_badge, sitrep_incident_get_major (page_incident (self)));
  gtk_label_set_label (self->ref_label, ref ? ref : "");
  gtk_widget_set_visible (GTK_WIDGET (self->ref_label), ref != NULL);
  gtk_label_set_label (self->title_label, sitrep_incident_get_title (page_incident (self)));

  if (info != NULL)
    {
      /* Translators: e.g. "Critical · response: Immediately · Executive updates every 30 min" */
      severity_text = g_strdup_printf (_("%s · response: %s · %s"), info->name,
                                       info->respond_label, info->cadence_label);
      gtk_label_set_label (self->severity_label, severity_text);
      adw_combo_row_set_selected (self->severity_row, severity - SITREP_SEVERITY_P1);
    }

  set_entry_text (self->title_row, sitrep_incident_get_title (page_incident (self)), force);
  services = sitrep_incident_dup_services (page_incident (self));
  set_entry_text (self->services_row, services, force);
  set_entry_text (self->impact_row, sitrep_incident_get_customer_impact (page_incident (self)),
                  force);
  update_impact (self);

  adw_action_row_set_subtitle (self->status_row, sitrep_status_get_label (status));
  rebuild_status_buttons (self, status);
  gtk_switch_set_active (self->major_switch, sitrep_incident_get_major (page_incident (self)));

  sitrep_milestones_group_set_incident (self->milestones_group, page_incident (self));
  sitrep_services_group_show (self->services_group, page_context (self), page_incident (self));
  update_age (self);
  update_attention (self);
  update_due (self);
  update_banner (self);

  self->updating = FALSE;
}

static void
refresh (SitrepOverviewPage *self)
{
  refresh_full (self, FALSE);
}

static void
patch_string (SitrepOverviewPage *self,
              const char         *field,
              const char         *value)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (fields, field, value);
  if (!sitrep_workspace_update_incident (page_workspace (self), fields, &error))
    {
      sitrep_widget_show_error (GTK_WIDGET (self), error);
      refresh (self);
    }
}

static void
on_title_apply (SitrepOverviewPage *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  if (title[0] == '\0')
    {
      gtk_widget_error_bell (GTK_WIDGET (self->title_row));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                             sitrep_incident_get_title (page_incident (self)));
      return;
    }

  patch_string (self, "title", title);
}

static void
on_impact_apply (SitrepOverviewPage *self)
{
  patch_string (self, "customer_impact", gtk_editable_get_text (GTK_EDITABLE (self->impact_row)));
}

static void
on_services_apply (SitrepOverviewPage *self)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->services_row)),
                                    ",", -1);
  JsonArray *services = json_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *name = g_strstrip (parts[i]);

      if (name[0] != '\0')
        json_array_add_string_element (services, name);
    }

  json_object_set_array_member (fields, "services", services);
  if (!sitrep_workspace_update_incident (page_workspace (self), fields, &error))
    sitrep_widget_show_error (GTK_WIDGET (self), error);
}

static void
on_severity_selected (SitrepOverviewPage *self)
{
  g_autoptr(GError) error = NULL;
  SitrepSeverity severity;

  if (self->updating || page_incident (self) == NULL)
    return;

  severity = SITREP_SEVERITY_P1 + adw_combo_row_get_selected (self->severity_row);
  if (severity == sitrep_incident_get_severity (page_incident (self)))
    return;

  if (!sitrep_workspace_set_severity (page_workspace (self), severity, &error))
    {
      sitrep_widget_show_error (GTK_WIDGET (self), error);
      refresh (self);
    }
}

static void
on_major_toggled (SitrepOverviewPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean major;

  if (self->updating || page_incident (self) == NULL)
    return;

  major = gtk_switch_get_active (self->major_switch);
  if (major == sitrep_incident_get_major (page_incident (self)))
    return;

  /* Through the context, which adds the protocol's checklist items. */
  if (!sitrep_workspace_set_major (page_workspace (self), major,
                                 &error))
    {
      sitrep_widget_show_error (GTK_WIDGET (self), error);
      refresh (self);
    }
}

static void
on_set_milestone (SitrepOverviewPage *self,
                  SitrepMilestone     milestone,
                  GDateTime          *when)
{
  g_autoptr(GError) error = NULL;

  if (!sitrep_workspace_set_milestone (page_workspace (self), milestone, when, &error))
    sitrep_widget_show_error (GTK_WIDGET (self), error);
}

static void
sitrep_overview_page_refresh (SitrepIncidentPage *page)
{
  SitrepOverviewPage *self = SITREP_OVERVIEW_PAGE (page);

  /* The incident, its roles, updates and timeline: redone once per batch
   * of changes (a declaration, a page of the change feed). */
  refresh_full (self, FALSE);
  rebuild_timeline (self);
}

static void
sitrep_overview_page_incident_changed (SitrepIncidentPage *page)
{
  SitrepOverviewPage *self = SITREP_OVERVIEW_PAGE (page);

  sitrep_triage_row_set_context (self->triage_row, page_context (self));
  sitrep_triage_row_set_incident (self->triage_row, page_incident (self));
  if (page_incident (self) == NULL)
    {
      update_banner (self);
      return;
    }

  /* A different incident: the entries show its values, not the last one's. */
  refresh_full (self, TRUE);
  rebuild_timeline (self);
}

static void
sitrep_overview_page_minute_changed (SitrepIncidentPage *page)
{
  update_age (SITREP_OVERVIEW_PAGE (page));
  update_due (SITREP_OVERVIEW_PAGE (page));
  /* A P1 meets the criteria by lasting. */
  update_banner (SITREP_OVERVIEW_PAGE (page));
}

static void
sitrep_overview_page_dispose (GObject *object)
{
  SitrepOverviewPage *self = SITREP_OVERVIEW_PAGE (object);

  g_clear_pointer (&self->timeline_rows, g_ptr_array_unref);
  g_clear_pointer (&self->attention_rows, g_ptr_array_unref);
  if (self->mark_done_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->mark_done_toast),
                                  (gpointer *) &self->mark_done_toast);
  self->mark_done_toast = NULL;
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (sitrep_overview_page_parent_class)->dispose (object);
}

/* The page's widgets, made when it is first shown (see
 * SitrepIncidentPageClass.build). */
static void
sitrep_overview_page_build (SitrepIncidentPage *page)
{
  SitrepOverviewPage *self = SITREP_OVERVIEW_PAGE (page);
  g_autoptr(GtkStringList) severities = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Appearing, the page takes the focus itself: not the title or the
   * reference with their text selected, nor an entry. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect_object (self->major_banner, "activate-major", G_CALLBACK (on_activate_major),
                           self, G_CONNECT_SWAPPED);
  self->timeline_rows = g_ptr_array_new ();
  self->attention_rows = g_ptr_array_new ();
  g_signal_connect_object (self->due_list, "acknowledge", G_CALLBACK (on_acknowledge), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->due_list, "mark-done", G_CALLBACK (on_mark_done), self,
                           G_CONNECT_SWAPPED);

  for (SitrepSeverity s = SITREP_SEVERITY_P1; s <= SITREP_SEVERITY_P4; s++)
    {
      const SitrepSeverityInfo *info = sitrep_severity_get_info (s);
      g_autofree char *label = g_strdup_printf ("%s — %s", info->id, info->name);

      gtk_string_list_append (severities, label);
    }
  /* Giving the row its model selects the first severity: that is not
   * the IC choosing P1 for the incident the page may already have. */
  self->updating = TRUE;
  adw_combo_row_set_model (self->severity_row, G_LIST_MODEL (severities));
  self->updating = FALSE;

  g_signal_connect_object (self->milestones_group, "set-milestone",
                           G_CALLBACK (on_set_milestone), self, G_CONNECT_SWAPPED);
}

static void
sitrep_overview_page_class_init (SitrepOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SitrepIncidentPageClass *page_class = SITREP_INCIDENT_PAGE_CLASS (klass);

  object_class->dispose = sitrep_overview_page_dispose;
  page_class->build = sitrep_overview_page_build;
  page_class->incident_changed = sitrep_overview_page_incident_changed;
  page_class->refresh = sitrep_overview_page_refresh;
  page_class->minute_changed = sitrep_overview_page_minute_changed;

  g_type_ensure (SITREP_TYPE_DUE_LIST);
  g_type_ensure (SITREP_TYPE_MILESTONES_GROUP);
  g_type_ensure (SITREP_TYPE_MAJOR_BANNER);

  /* Referencing the bundle links it in from the static library. */
  g_type_ensure (G_TYPE_RESOURCE);
  g_type_ensure (SITREP_TYPE_TRIAGE_ROW);
  g_type_ensure (SITREP_TYPE_SERVICES_GROUP);
  (void) sitrep_get_resource ();

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sitrep-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, content);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, major_banner);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, impact_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, severity_badge);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, status_badge);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, major_badge);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, ref_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, age_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, severity_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, severity_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, status_buttons);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, services_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, impact_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, major_switch);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, milestones_group);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, attention_group);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, triage_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, services_group);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, due_group);
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, due_list);
  gtk_widget_class_bind_template_callback (widget_class, on_title_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_services_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_impact_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_severity_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_major_toggled);
  gtk_widget_class_install_action (widget_class, "overview.set-status", "i", set_status_action);
}

static void
sitrep_overview_page_init (SitrepOverviewPage *self)
{
}

/* For tests */

SitrepMajorBanner *
_sitrep_overview_page_get_major_banner (SitrepOverviewPage *self)
{
  return self->major_banner;
}

AdwMessageDialog *
_sitrep_overview_page_get_dialog (SitrepOverviewPage *self)
{
  return self->dialog;
}

SitrepMilestonesGroup *
_sitrep_overview_page_get_milestones_group (SitrepOverviewPage *self)
{
  return self->milestones_group;
}

/* The last "… marked done" toast, while it exists. */
AdwToast *
_sitrep_overview_page_get_mark_done_toast (SitrepOverviewPage *self)
{
  return self->mark_done_toast;
}

/* The title of the first row of "Latest entries", as shown (markup). */
const char *
_sitrep_overview_page_get_latest_entry (SitrepOverviewPage *self)
{
  if (self->timeline_rows->len == 0)
    return NULL;
  return adw_preferences_row_get_title (self->timeline_rows->pdata[0]);
}

GtkLabel *
_sitrep_overview_page_get_impact_label (SitrepOverviewPage *self)
{
  return self->impact_label;
}

SitrepServicesGroup *
_sitrep_overview_page_get_services_group (SitrepOverviewPage *self)
{
  return self->services_group;
}

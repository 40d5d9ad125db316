/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-overview"

#include "config.h"

#include "sitrep-resources.h"

#include <glib/gi18n.h>

#include "sitrep-capture.h"
#include "sitrep-countdown.h"
#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-json.h"
#include "sitrep-deadlines.h"
#include "sitrep-milestones.h"
#include "sitrep-notifier.h"
#include "sitrep-overview-page.h"
#include "sitrep-severity.h"
#include "sitrep-status.h"
#include "sitrep-time.h"
#include "sitrep-triage-row.h"

#define N_MILESTONES (SITREP_MILESTONE_RESOLVED + 1)
#define N_LATEST_ENTRIES 6

typedef struct
{
  GtkWidget          *row;
  GtkLabel           *countdown;
  SitrepDeadlineKind  kind;
  SitrepAudience      audience;
} DueRow;

struct _SitrepOverviewPage
{
  SitrepIncidentPage parent_instance;

  gboolean         updating;
  GPtrArray       *timeline_rows;

  GtkWidget       *scroller;
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
  AdwPreferencesGroup *milestones_group;
  AdwPreferencesGroup *timeline_group;
  AdwPreferencesGroup *attention_group;
  GPtrArray       *attention_rows;
  SitrepTriageRow *triage_row;
  AdwPreferencesGroup *due_group;
  GArray          *due_rows;          /* of DueRow */
  GtkWidget       *nothing_due_row;

  AdwActionRow    *milestone_rows[N_MILESTONES];
  GtkEntry        *milestone_entries[N_MILESTONES];
  GtkMenuButton   *milestone_edit[N_MILESTONES];
  GtkWidget       *milestone_clear[N_MILESTONES];
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

static void
status_button_clicked (GtkButton          *button,
                       SitrepOverviewPage *self)
{
  SitrepStatus status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "status"));
  g_autoptr(GError) error = NULL;

  if (!sitrep_workspace_set_status (page_workspace (self), status, &error))
    sitrep_widget_show_error (GTK_WIDGET (self), error);
}

static void
rebuild_status_buttons (SitrepOverviewPage *self,
                        SitrepStatus        current)
{
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
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data (G_OBJECT (button), "status", GINT_TO_POINTER (s));
      if (s == current + 1)
        gtk_widget_add_css_class (button, "suggested-action");
      g_signal_connect (button, "clicked", G_CALLBACK (status_button_clicked), self);
      gtk_box_append (self->status_buttons, button);
    }
}

static void
update_milestones (SitrepOverviewPage *self)
{
  for (guint i = 0; i < N_MILESTONES; i++)
    {
      GDateTime *when = sitrep_incident_get_milestone (page_incident (self), i);

      if (when != NULL)
        {
          g_autofree char *text = sitrep_format_time_utc_local (when);

          adw_action_row_set_subtitle (self->milestone_rows[i], text);
        }
      else
        adw_action_row_set_subtitle (self->milestone_rows[i], _("Not yet"));

      gtk_widget_set_sensitive (self->milestone_clear[i], when != NULL);
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

  timeline = sitrep_workspace_get_timeline (sitrep_incident_page_get_workspace (SITREP_INCIDENT_PAGE (self)));
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
      gtk_widget_set_tooltip_text (button, _("Open the Roles page (Alt+2)"));
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

/* Updates due ------------------------------------------------------- */

static gboolean
deadline_has_audience (SitrepDeadlineKind kind)
{
  /* Satisfied by a communication to the audience, postponed by a snooze. */
  return kind == SITREP_DEADLINE_UPDATE || kind == SITREP_DEADLINE_EXEC_BRIEF ||
         kind == SITREP_DEADLINE_PUBLIC_STATEMENT;
}

static void
acknowledge_clicked (GtkButton          *button,
                     SitrepOverviewPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;

  if (page_incident (self) != NULL &&
      !sitrep_workspace_set_milestone (page_workspace (self), SITREP_MILESTONE_ACKNOWLEDGED, now, &error))
    sitrep_widget_show_error (GTK_WIDGET (self), error);
}

static GtkWidget *
due_button (const char *label,
            const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  return button;
}

static DueRow
add_due_row (SitrepOverviewPage   *self,
             const SitrepDeadline *d)
{
  const char *id = sitrep_incident_get_id (page_incident (self));
  const char *audience = sitrep_audience_get_label (d->audience);
  DueRow due = { .kind = d->kind, .audience = d->audience };
  GtkWidget *countdown = gtk_label_new (NULL);

  due.row = adw_action_row_new ();
  gtk_widget_add_css_class (countdown, "numeric");
  gtk_widget_add_css_class (countdown, "due-countdown");
  adw_action_row_add_suffix (ADW_ACTION_ROW (due.row), countdown);
  due.countdown = GTK_LABEL (countdown);

  if (deadline_has_audience (d->kind))
    {
      g_autofree char *target = sitrep_deadline_target_new (id, d->audience);
      /* Translators: %s is an audience, e.g. "Executives" */
      g_autofree char *compose_tip = g_strdup_printf (_("Compose the update to %s"), audience);
      g_autofree char *snooze_tip = g_strdup_printf (_("Snooze the update to %s"), audience);
      GtkWidget *snooze = due_button (_("_Snooze…"), snooze_tip);
      GtkWidget *compose = due_button (_("_Compose"), compose_tip);

      gtk_widget_add_css_class (snooze, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (snooze), "app.snooze-update");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (snooze), "s", target);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (compose), "win.compose");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (compose), "(ss)", id,
                                        sitrep_audience_to_string (d->audience));
      adw_action_row_add_suffix (ADW_ACTION_ROW (due.row), snooze);
      adw_action_row_add_suffix (ADW_ACTION_ROW (due.row), compose);
    }
  else if (d->kind == SITREP_DEADLINE_RESPOND)
    {
      GtkWidget *ack = due_button (_("_Acknowledge"), _("Record the incident as acknowledged now"));

      g_signal_connect (ack, "clicked", G_CALLBACK (acknowledge_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (due.row), ack);
    }

  adw_preferences_group_add (self->due_group, due.row);
  return due;
}

static void
clear_due_rows (SitrepOverviewPage *self)
{
  for (guint i = 0; i < self->due_rows->len; i++)
    adw_preferences_group_remove (self->due_group, g_array_index (self->due_rows, DueRow, i).row);
  g_array_set_size (self->due_rows, 0);
}

static gboolean
due_rows_match (SitrepOverviewPage *self,
                GPtrArray          *deadlines)
{
  if (deadlines->len != self->due_rows->len)
    return FALSE;

  for (guint i = 0; i < deadlines->len; i++)
    {
      SitrepDeadline *d = deadlines->pdata[i];
      DueRow *due = &g_array_index (self->due_rows, DueRow, i);

      if (d->kind != due->kind || d->audience != due->audience)
        return FALSE;
    }

  return TRUE;
}

/* The incident's deadlines, soonest first, with live countdowns. Rows are
 * updated in place while the deadlines stay the same, so a tick does not
 * take the focus off a button. */
static void
update_due (SitrepOverviewPage *self)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (page_incident (self) == NULL || page_context (self) == NULL)
    {
      clear_due_rows (self);
      return;
    }

  deadlines = sitrep_workspace_dup_deadlines (sitrep_incident_page_get_workspace (SITREP_INCIDENT_PAGE (self)));
  if (!due_rows_match (self, deadlines))
    {
      clear_due_rows (self);
      for (guint i = 0; i < deadlines->len; i++)
        {
          DueRow due = add_due_row (self, deadlines->pdata[i]);

          g_array_append_val (self->due_rows, due);
        }
    }

  for (guint i = 0; i < deadlines->len; i++)
    {
      SitrepDeadline *d = deadlines->pdata[i];
      DueRow *due = &g_array_index (self->due_rows, DueRow, i);
      SitrepCountdownState state = sitrep_countdown_state (d->due, now);
      g_autofree char *countdown = sitrep_countdown_format (d->due, now);
      g_autofree char *when = sitrep_format_time_utc_local (d->due);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (due->row), d->label);
      /* The label names the audience: "Executive update due". */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (due->row), when);
      gtk_label_set_label (due->countdown, countdown);
      if (state == SITREP_COUNTDOWN_OVERDUE)
        gtk_widget_add_css_class (GTK_WIDGET (due->countdown), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (due->countdown), "error");
      if (state == SITREP_COUNTDOWN_SOON)
        gtk_widget_add_css_class (GTK_WIDGET (due->countdown), "warning");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (due->countdown), "warning");
    }

  gtk_widget_set_visible (self->nothing_due_row, deadlines->len == 0);
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

  adw_action_row_set_subtitle (self->status_row, sitrep_status_get_label (status));
  rebuild_status_buttons (self, status);
  gtk_switch_set_active (self->major_switch, sitrep_incident_get_major (page_incident (self)));

  update_milestones (self);
  update_age (self);
  update_attention (self);
  update_due (self);

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
set_milestone (SitrepOverviewPage *self,
               SitrepMilestone     milestone,
               GDateTime          *when)
{
  g_autoptr(GError) error = NULL;

  if (!sitrep_workspace_set_milestone (page_workspace (self), milestone, when, &error))
    sitrep_widget_show_error (GTK_WIDGET (self), error);
}

static void
milestone_now_clicked (GtkButton          *button,
                       SitrepOverviewPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "milestone"));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  set_milestone (self, index, now);
}

static void
milestone_clear_clicked (GtkButton          *button,
                         SitrepOverviewPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "milestone"));

  set_milestone (self, index, NULL);
}

static void
milestone_entry_activated (GtkEntry           *entry,
                           SitrepOverviewPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "milestone"));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GError) error = NULL;

  when = sitrep_time_parse_input (gtk_editable_get_text (GTK_EDITABLE (entry)), now, &error);
  if (when == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
      gtk_widget_error_bell (GTK_WIDGET (entry));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_menu_button_popdown (self->milestone_edit[index]);
  set_milestone (self, index, when);
}

static void
milestone_popover_shown (GtkPopover         *popover,
                         SitrepOverviewPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (popover), "milestone"));
  GDateTime *when = sitrep_incident_get_milestone (page_incident (self), index);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = g_date_time_format (when ? when : now, "%Y-%m-%d %H:%M:%S");

  gtk_editable_set_text (GTK_EDITABLE (self->milestone_entries[index]), text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->milestone_entries[index]), "error");
  gtk_widget_grab_focus (GTK_WIDGET (self->milestone_entries[index]));
}

static void
build_milestone_rows (SitrepOverviewPage *self)
{
  for (guint i = 0; i < N_MILESTONES; i++)
    {
      const char *label = sitrep_milestone_get_label (i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *now_button = gtk_button_new_with_label (_("Now"));
      GtkWidget *edit_button = gtk_menu_button_new ();
      GtkWidget *clear_button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
      GtkWidget *popover = gtk_popover_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *hint = gtk_label_new (_("UTC: HH:MM, -5m, or YYYY-MM-DD HH:MM:SS"));
      GtkWidget *entry = gtk_entry_new ();
      g_autofree char *now_tip = g_strdup_printf (_("Set “%s” to now"), label);
      g_autofree char *edit_tip = g_strdup_printf (_("Set the time of “%s”"), label);
      g_autofree char *clear_tip = g_strdup_printf (_("Clear “%s”"), label);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      gtk_widget_add_css_class (row, "property");

      gtk_widget_set_valign (now_button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (now_button, now_tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (now_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, now_tip, -1);
      g_object_set_data (G_OBJECT (now_button), "milestone", GUINT_TO_POINTER (i));
      g_signal_connect (now_button, "clicked", G_CALLBACK (milestone_now_clicked), self);

      gtk_label_set_xalign (GTK_LABEL (hint), 0);
      gtk_widget_add_css_class (hint, "dim-label");
      gtk_widget_add_css_class (hint, "caption");
      gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, edit_tip, -1);
      g_object_set_data (G_OBJECT (entry), "milestone", GUINT_TO_POINTER (i));
      g_signal_connect (entry, "activate", G_CALLBACK (milestone_entry_activated), self);
      gtk_box_append (GTK_BOX (box), hint);
      gtk_box_append (GTK_BOX (box), entry);
      gtk_popover_set_child (GTK_POPOVER (popover), box);
      g_object_set_data (G_OBJECT (popover), "milestone", GUINT_TO_POINTER (i));
      g_signal_connect (popover, "show", G_CALLBACK (milestone_popover_shown), self);

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (edit_button), "document-edit-symbolic");
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (edit_button), popover);
      gtk_widget_set_valign (edit_button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (edit_button, edit_tip);
      gtk_widget_add_css_class (edit_button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (edit_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, edit_tip, -1);

      gtk_widget_set_valign (clear_button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (clear_button, clear_tip);
      gtk_widget_add_css_class (clear_button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (clear_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, clear_tip, -1);
      g_object_set_data (G_OBJECT (clear_button), "milestone", GUINT_TO_POINTER (i));
      g_signal_connect (clear_button, "clicked", G_CALLBACK (milestone_clear_clicked), self);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), now_button);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit_button);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), clear_button);
      adw_preferences_group_add (self->milestones_group, row);

      self->milestone_rows[i] = ADW_ACTION_ROW (row);
      self->milestone_entries[i] = GTK_ENTRY (entry);
      self->milestone_edit[i] = GTK_MENU_BUTTON (edit_button);
      self->milestone_clear[i] = clear_button;
    }
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
    return;

  /* A different incident: the entries show its values, not the last one's. */
  refresh_full (self, TRUE);
  rebuild_timeline (self);
}

static void
sitrep_overview_page_minute_changed (SitrepIncidentPage *page)
{
  update_age (SITREP_OVERVIEW_PAGE (page));
  update_due (SITREP_OVERVIEW_PAGE (page));
}

static void
sitrep_overview_page_dispose (GObject *object)
{
  SitrepOverviewPage *self = SITREP_OVERVIEW_PAGE (object);

  g_clear_pointer (&self->timeline_rows, g_ptr_array_unref);
  g_clear_pointer (&self->attention_rows, g_ptr_array_unref);
  g_clear_pointer (&self->due_rows, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (sitrep_overview_page_parent_class)->dispose (object);
}

static void
sitrep_overview_page_class_init (SitrepOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SitrepIncidentPageClass *page_class = SITREP_INCIDENT_PAGE_CLASS (klass);

  object_class->dispose = sitrep_overview_page_dispose;
  page_class->incident_changed = sitrep_overview_page_incident_changed;
  page_class->refresh = sitrep_overview_page_refresh;
  page_class->minute_changed = sitrep_overview_page_minute_changed;

  /* Referencing the bundle links it in from the static library. */
  g_type_ensure (G_TYPE_RESOURCE);
  g_type_ensure (SITREP_TYPE_TRIAGE_ROW);
  (void) sitrep_get_resource ();

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sitrep-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, scroller);
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
  gtk_widget_class_bind_template_child (widget_class, SitrepOverviewPage, due_group);
  gtk_widget_class_bind_template_callback (widget_class, on_title_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_services_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_impact_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_severity_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_major_toggled);
}

static void
sitrep_overview_page_init (SitrepOverviewPage *self)
{
  g_autoptr(GtkStringList) severities = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->timeline_rows = g_ptr_array_new ();
  self->attention_rows = g_ptr_array_new ();
  self->due_rows = g_array_new (FALSE, FALSE, sizeof (DueRow));
  self->nothing_due_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->nothing_due_row), _("Nothing due"));
  adw_preferences_group_add (self->due_group, self->nothing_due_row);

  for (SitrepSeverity s = SITREP_SEVERITY_P1; s <= SITREP_SEVERITY_P4; s++)
    {
      const SitrepSeverityInfo *info = sitrep_severity_get_info (s);
      g_autofree char *label = g_strdup_printf ("%s — %s", info->id, info->name);

      gtk_string_list_append (severities, label);
    }
  adw_combo_row_set_model (self->severity_row, G_LIST_MODEL (severities));

  build_milestone_rows (self);
}

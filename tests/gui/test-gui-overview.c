/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gui-test-util.h"
#include "sitrep-gui-util.h"

#include "sitrep-comms-page-private.h"
#include "sitrep-enum-strings.h"
#include "sitrep-incident-page-private.h"
#include "sitrep-window-private.h"

/* The Overview in the real window: the major incident criteria banner,
 * the confirmation before Closed, the prompt for the resolution update,
 * where the focus goes, and the Impact started milestone. */

/* The messages logged: the error shown in a toast is logged too. */
static GPtrArray *messages;

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if ((level & G_LOG_LEVEL_MESSAGE) != 0)
    for (gsize i = 0; i < n_fields; i++)
      if (g_str_equal (fields[i].key, "MESSAGE"))
        g_ptr_array_add (messages, g_strdup (fields[i].value));

  return g_log_writer_default (level, fields, n_fields, user_data);
}

typedef struct
{
  char               *data_dir;
  SitrepContext      *context;
  SitrepWindow       *window;
  SitrepOverviewPage *page;
  char               *incident_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("sitrep-gui-overview-XXXXXX", NULL);
  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "dana");
  f->window = sitrep_window_new (NULL, f->context);
  f->page = _sitrep_window_get_overview (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gui_test_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->context);
  g_free (f->incident_id);
  g_free (f->data_dir);
}

static SitrepIncident *
incident (Fixture *f)
{
  return sitrep_context_lookup_incident (f->context, f->incident_id);
}

static void
declare (Fixture        *f,
         const char     *services,
         SitrepSeverity  severity)
{
  g_autoptr(GError) error = NULL;

  f->incident_id = sitrep_context_declare_incident (f->context, "Payments failing", services,
                                                    "Card payments fail", severity, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_window_select_incident (f->window, f->incident_id));
  WAIT_IDLE ();
}

static gboolean
banner_revealed (Fixture *f)
{
  SitrepMajorBanner *banner = _sitrep_overview_page_get_major_banner (f->page);
  GtkWidget *revealer = gtk_widget_get_first_child (GTK_WIDGET (banner));

  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)) &&
         sitrep_major_banner_get_shown (banner) != SITREP_MAJOR_CRITERIA_NONE;
}

/* Moves declared (and detected before it) @minutes back. */
static void
declared_ago (Fixture *f,
              int      minutes)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) declared = g_date_time_add_minutes (now, -minutes);
  g_autoptr(GDateTime) detected = g_date_time_add_minutes (declared, -2);
  g_autoptr(GError) error = NULL;
  SitrepWorkspace *workspace = test_workspace (f->context, f->incident_id);

  g_assert_true (sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_DETECTED, detected,
                                                 &error));
  g_assert_true (sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_DECLARED, declared,
                                                 &error));
  g_assert_no_error (error);
}

/* A P1 on two critical services: the banner says so, and Activate turns
 * the protocol on, its checklist with it. */
static void
test_banner_activate (Fixture       *f,
                      gconstpointer  data)
{
  SitrepMajorBanner *banner = _sitrep_overview_page_get_major_banner (f->page);
  const char *text;

  declare (f, "payments, checkout", SITREP_SEVERITY_P1);
  g_assert_true (banner_revealed (f));
  g_assert_cmpuint (sitrep_major_banner_get_shown (banner), ==,
                    SITREP_MAJOR_CRITERIA_CRITICAL_SERVICES);
  text = gtk_label_get_label (_sitrep_major_banner_get_label (banner));
  g_assert_true (g_str_has_prefix (text, "This incident meets the major incident criteria"));
  g_assert_nonnull (strstr (text, "critical services (payments, checkout)"));

  g_assert_false (sitrep_incident_get_major (incident (f)));
  g_signal_emit_by_name (_sitrep_major_banner_get_activate_button (banner), "clicked");
  g_assert_true (sitrep_incident_get_major (incident (f)));
  WAIT_IDLE ();
  g_assert_false (banner_revealed (f));
}

/* Not met: no banner. Then a criterion met by a change of the incident
 * (services), and by lasting (a P1 over 1 hour) once dismissed. */
static void
test_banner_criteria (Fixture       *f,
                      gconstpointer  data)
{
  SitrepMajorBanner *banner = _sitrep_overview_page_get_major_banner (f->page);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *services = json_array_new ();

  declare (f, "payments", SITREP_SEVERITY_P1);
  g_assert_false (banner_revealed (f));
  declared_ago (f, 50);
  WAIT_IDLE ();
  g_assert_false (banner_revealed (f));

  json_array_add_string_element (services, "payments");
  json_array_add_string_element (services, "authentication");
  json_object_set_array_member (fields, "services", services);
  g_assert_true (sitrep_workspace_update_incident (test_workspace (f->context, f->incident_id),
                                                   fields, &error));
  g_assert_no_error (error);
  WAIT_IDLE ();
  g_assert_true (banner_revealed (f));

  /* Dismissed, it stays away for the incident... */
  g_signal_emit_by_name (_sitrep_major_banner_get_dismiss_button (banner), "clicked");
  g_assert_false (banner_revealed (f));
  sitrep_clock_tick (sitrep_context_get_clock (f->context));
  g_assert_false (banner_revealed (f));

  /* ...until a criterion it did not show is met: the P1 lasts an hour. */
  declared_ago (f, 61);
  WAIT_IDLE ();
  g_assert_true (banner_revealed (f));
  g_assert_cmpuint (sitrep_major_banner_get_shown (banner), ==,
                    SITREP_MAJOR_CRITERIA_P1_OVER_HOUR | SITREP_MAJOR_CRITERIA_CRITICAL_SERVICES);

  /* Resolved, an incident meets no criteria. */
  g_assert_true (sitrep_workspace_set_status (test_workspace (f->context, f->incident_id),
                                              SITREP_STATUS_RESOLVED, &error));
  WAIT_IDLE ();
  g_assert_false (banner_revealed (f));
}

/* A P1 meets the criteria by lasting: the same incident an hour later. */
static void
test_banner_lasting (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SitrepMajorBanner) banner = g_object_ref_sink (SITREP_MAJOR_BANNER (
                                                           sitrep_major_banner_new ()));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_minutes (now, 61);

  declare (f, "payments", SITREP_SEVERITY_P1);
  sitrep_major_banner_update (banner, f->context, incident (f), now);
  g_assert_cmpuint (sitrep_major_banner_get_shown (banner), ==, SITREP_MAJOR_CRITERIA_NONE);
  sitrep_major_banner_update (banner, f->context, incident (f), later);
  g_assert_cmpuint (sitrep_major_banner_get_shown (banner), ==,
                    SITREP_MAJOR_CRITERIA_P1_OVER_HOUR);
  g_assert_nonnull (strstr (gtk_label_get_label (_sitrep_major_banner_get_label (banner)),
                            "a P1 incident lasting more than 1 hour"));
}

/* A P2 on one service never shows it. */
static void
test_banner_not_met (Fixture       *f,
                     gconstpointer  data)
{
  declare (f, "search", SITREP_SEVERITY_P2);
  declared_ago (f, 120);
  WAIT_IDLE ();
  g_assert_false (banner_revealed (f));
  sitrep_clock_tick (sitrep_context_get_clock (f->context));
  g_assert_false (banner_revealed (f));
}

static void
press_status (Fixture      *f,
              SitrepStatus  status)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "overview.set-status", "i",
                                             status));
}

/* Closed is final: asked first, and Cancel leaves it as it was. */
static void
test_close_confirmation (Fixture       *f,
                         gconstpointer  data)
{
  AdwMessageDialog *dialog;

  declare (f, "search", SITREP_SEVERITY_P3);
  g_assert_null (_sitrep_overview_page_get_dialog (f->page));

  press_status (f, SITREP_STATUS_CLOSED);
  dialog = _sitrep_overview_page_get_dialog (f->page);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Close the Incident?");
  g_assert_true (adw_message_dialog_has_response (dialog, "close"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "close"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpint (sitrep_incident_get_status (incident (f)), ==, SITREP_STATUS_INVESTIGATING);

  adw_message_dialog_response (dialog, "cancel");
  WAIT_UNTIL (_sitrep_overview_page_get_dialog (f->page) == NULL);
  g_assert_cmpint (sitrep_incident_get_status (incident (f)), ==, SITREP_STATUS_INVESTIGATING);

  press_status (f, SITREP_STATUS_CLOSED);
  dialog = _sitrep_overview_page_get_dialog (f->page);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "close");
  g_assert_cmpint (sitrep_incident_get_status (incident (f)), ==, SITREP_STATUS_CLOSED);
  WAIT_UNTIL (_sitrep_overview_page_get_dialog (f->page) == NULL);
}

/* Resolved: the resolution update is offered, and opens the Updates page
 * on the status page's resolution template. */
static void
test_resolution_prompt (Fixture       *f,
                        gconstpointer  data)
{
  SitrepCommsPage *comms = _sitrep_window_get_comms (f->window);
  AdwMessageDialog *dialog;

  declare (f, "payments", SITREP_SEVERITY_P2);
  press_status (f, SITREP_STATUS_IDENTIFIED);
  g_assert_null (_sitrep_overview_page_get_dialog (f->page));

  press_status (f, SITREP_STATUS_RESOLVED);
  g_assert_cmpint (sitrep_incident_get_status (incident (f)), ==, SITREP_STATUS_RESOLVED);
  dialog = _sitrep_overview_page_get_dialog (f->page);
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "compose"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "compose");
  WAIT_IDLE ();

  adw_message_dialog_response (dialog, "compose");
  g_assert_true (adw_view_stack_get_visible_child (_sitrep_window_get_pages (f->window)) ==
                 GTK_WIDGET (comms));
  g_assert_cmpuint (adw_combo_row_get_selected (_sitrep_comms_page_get_audience_row (comms)), ==,
                    SITREP_AUDIENCE_STATUS_PAGE);
  g_assert_cmpint (adw_combo_row_get_selected (_sitrep_comms_page_get_template_row (comms)), ==,
                   _sitrep_comms_page_find_template (comms, "status-page-resolution"));
  WAIT_UNTIL (_sitrep_overview_page_get_dialog (f->page) == NULL);
}

/* Nothing editable nor a label's text selected has the focus. */
static void
assert_focus_harmless (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  int start, end;

  g_assert_false (focus != NULL && (GTK_IS_EDITABLE (focus) ||
                                    gtk_widget_get_ancestor (focus, GTK_TYPE_EDITABLE) != NULL ||
                                    GTK_IS_TEXT_VIEW (focus)));
  g_assert_false (focus != NULL && GTK_IS_LABEL (focus) &&
                  gtk_label_get_selection_bounds (GTK_LABEL (focus), &start, &end));
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Coming back to the Overview from another page, and after Closed, the
 * focus is on nothing editable and no text is selected. */
static void
test_focus (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *roles = GTK_WIDGET (_sitrep_window_get_roles (f->window));
  GtkWidget *button;
  AdwMessageDialog *dialog;

  declare (f, "search", SITREP_SEVERITY_P3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.page", "s", "roles"));
  g_assert_true (gtk_widget_child_focus (roles, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.page", "s", "overview"));
  WAIT_IDLE ();
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         GTK_WIDGET (f->page)) ||
                 gtk_root_get_focus (GTK_ROOT (f->window)) == GTK_WIDGET (f->page));
  assert_focus_harmless (f);

  /* Resolved (prompt answered Later), then Closed by its button. */
  press_status (f, SITREP_STATUS_RESOLVED);
  adw_message_dialog_response (_sitrep_overview_page_get_dialog (f->page), "later");
  WAIT_UNTIL (_sitrep_overview_page_get_dialog (f->page) == NULL);
  WAIT_IDLE ();

  button = find_button (GTK_WIDGET (f->page), "Closed");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_grab_focus (button));
  g_signal_emit_by_name (button, "clicked");
  dialog = _sitrep_overview_page_get_dialog (f->page);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "close");
  WAIT_UNTIL (_sitrep_overview_page_get_dialog (f->page) == NULL);
  WAIT_IDLE ();
  g_assert_cmpint (sitrep_incident_get_status (incident (f)), ==, SITREP_STATUS_CLOSED);
  assert_focus_harmless (f);
  /* The keyboard keeps its place: the page, as its status buttons went. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == GTK_WIDGET (f->page));
}

/* "Now" on Detected, after Declared: refused with the reason shown, and
 * the row keeps the time stored. */
static void
test_milestone_refused (Fixture       *f,
                        gconstpointer  data)
{
  SitrepMilestonesGroup *group = _sitrep_overview_page_get_milestones_group (f->page);
  SitrepMilestoneRow *row;
  g_autoptr(GDateTime) detected = NULL;
  g_autofree char *subtitle = NULL;

  declare (f, "search", SITREP_SEVERITY_P3);
  declared_ago (f, 10);
  WAIT_IDLE ();
  detected = g_date_time_ref (sitrep_incident_get_milestone (incident (f),
                                                            SITREP_MILESTONE_DETECTED));
  row = _sitrep_milestones_group_get_row (group, SITREP_MILESTONE_DETECTED);
  subtitle = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));

  g_ptr_array_set_size (messages, 0);
  g_signal_emit_by_name (_sitrep_milestone_row_get_now_button (row), "clicked");
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_true (g_pattern_match_simple ("Detected can’t be after Declared (*UTC)",
                                         messages->pdata[0]));
  WAIT_IDLE ();
  g_assert_true (g_date_time_equal (sitrep_incident_get_milestone (incident (f),
                                                                   SITREP_MILESTONE_DETECTED),
                                    detected));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, subtitle);
}

/* The changes to @field in the incident's edit history. */
static guint
n_history (Fixture    *f,
           const char *field)
{
  g_autoptr(GPtrArray) history = sitrep_context_dup_history (f->context, "incidents",
                                                             f->incident_id);
  guint n = 0;

  for (guint i = 0; i < history->len; i++)
    n += g_str_equal (((SitrepFieldChange *) history->pdata[i])->field, field);
  return n;
}

/* Impact started: the first milestone row, set by typing a time before
 * Detected, refused after it (the reason shown, nothing changed), and
 * cleared; each change is in the incident's edit history. */
static void
test_impact_started (Fixture       *f,
                     gconstpointer  data)
{
  SitrepMilestonesGroup *group = _sitrep_overview_page_get_milestones_group (f->page);
  SitrepMilestoneRow *row = _sitrep_milestones_group_get_row (group,
                                                              SITREP_MILESTONE_IMPACT_STARTED);
  GtkEntry *entry = _sitrep_milestone_row_get_entry (row);
  GDateTime *detected, *impact;

  declare (f, "search", SITREP_SEVERITY_P3);
  declared_ago (f, 10);
  WAIT_IDLE ();
  detected = sitrep_incident_get_milestone (incident (f), SITREP_MILESTONE_DETECTED);

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Impact started");
  g_assert_true (gtk_widget_get_prev_sibling (GTK_WIDGET (row)) == NULL);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Not yet");
  g_assert_false (gtk_widget_get_sensitive (_sitrep_milestone_row_get_clear_button (row)));

  /* Twenty minutes ago: before Detected (twelve minutes ago). */
  gtk_editable_set_text (GTK_EDITABLE (entry), "-20m");
  g_signal_emit_by_name (entry, "activate");
  WAIT_UNTIL (sitrep_incident_get_milestone (incident (f), SITREP_MILESTONE_IMPACT_STARTED));
  impact = sitrep_incident_get_milestone (incident (f), SITREP_MILESTONE_IMPACT_STARTED);
  g_assert_cmpint (g_date_time_difference (detected, impact), >=, 7 * G_TIME_SPAN_MINUTE);
  g_assert_cmpint (g_date_time_difference (detected, impact), <=, 9 * G_TIME_SPAN_MINUTE);
  WAIT_UNTIL (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), " UTC") != NULL);
  g_assert_true (gtk_widget_get_sensitive (_sitrep_milestone_row_get_clear_button (row)));
  g_assert_cmpuint (n_history (f, "impact_started_at"), ==, 1);

  /* Now is after Detected: refused, saying so, the time kept. */
  g_ptr_array_set_size (messages, 0);
  g_signal_emit_by_name (_sitrep_milestone_row_get_now_button (row), "clicked");
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_true (g_pattern_match_simple ("Impact started can’t be after Detected (*UTC)",
                                         messages->pdata[0]));
  WAIT_IDLE ();
  g_assert_true (sitrep_incident_get_milestone (incident (f),
                                                SITREP_MILESTONE_IMPACT_STARTED) != NULL);
  g_assert_cmpuint (n_history (f, "impact_started_at"), ==, 1);

  /* Detected can't be moved before it either. */
  g_ptr_array_set_size (messages, 0);
  gtk_editable_set_text (GTK_EDITABLE (_sitrep_milestone_row_get_entry (
                           _sitrep_milestones_group_get_row (group, SITREP_MILESTONE_DETECTED))),
                         "-30m");
  g_signal_emit_by_name (_sitrep_milestone_row_get_entry (
                           _sitrep_milestones_group_get_row (group, SITREP_MILESTONE_DETECTED)),
                         "activate");
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_true (g_pattern_match_simple ("Detected can’t be before Impact started (*UTC)",
                                         messages->pdata[0]));

  g_signal_emit_by_name (_sitrep_milestone_row_get_clear_button (row), "clicked");
  WAIT_UNTIL (sitrep_incident_get_milestone (incident (f),
                                             SITREP_MILESTONE_IMPACT_STARTED) == NULL);
  WAIT_UNTIL (g_str_equal (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Not yet"));
  g_assert_cmpuint (n_history (f, "impact_started_at"), ==, 2);
}

/* The customer impact under the title: cut with an ellipsis, whole in
 * its tooltip. */
static void
test_impact_label (Fixture       *f,
                   gconstpointer  data)
{
  GtkLabel *label = _sitrep_overview_page_get_impact_label (f->page);

  declare (f, "search", SITREP_SEVERITY_P3);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "Card payments fail");
  g_assert_cmpint (gtk_label_get_ellipsize (label), ==, PANGO_ELLIPSIZE_END);
  g_assert_cmpstr (sitrep_widget_get_tooltip (GTK_WIDGET (label)), ==, "Card payments fail");
}

/* The service catalogue as an admin's app would have synced it. */
static void
add_service (Fixture    *f,
             const char *name,
             const char *owner_team,
             gboolean    critical)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(SitrepMutation) put = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (body, "owner_team", owner_team);
  json_object_set_boolean_member (body, "critical", critical);
  put = sitrep_mutation_new_put ("services", name, body);
  g_assert_true (sitrep_store_apply (sitrep_context_get_store (f->context), &put, 1, &error));
  g_assert_no_error (error);
}

/* More than 3 teams: the owners of the incident's services, counted from
 * the catalogue, raise the banner for a P2. */
static void
test_banner_teams (Fixture       *f,
                   gconstpointer  data)
{
  add_service (f, "search", "discovery", FALSE);
  add_service (f, "recommendations", "personalisation", FALSE);
  add_service (f, "reviews", "community", FALSE);
  add_service (f, "images", "media", FALSE);
  declare (f, "search, recommendations, reviews", SITREP_SEVERITY_P2);
  g_assert_false (banner_revealed (f));
  g_assert_cmpuint (sitrep_context_count_teams (f->context, incident (f)), ==, 3);

  {
    g_autoptr(JsonObject) fields = json_object_new ();
    JsonArray *services = json_array_new ();

    json_array_add_string_element (services, "search");
    json_array_add_string_element (services, "recommendations");
    json_array_add_string_element (services, "reviews");
    json_array_add_string_element (services, "images");
    json_object_set_array_member (fields, "services", services);
    g_assert_true (sitrep_workspace_update_incident (test_workspace (f->context, f->incident_id),
                                                     fields, NULL));
  }
  WAIT_IDLE ();
  g_assert_cmpuint (sitrep_context_count_teams (f->context, incident (f)), ==, 4);
  WAIT_UNTIL (banner_revealed (f));
  g_assert_cmpuint (sitrep_major_banner_get_shown (_sitrep_overview_page_get_major_banner (f->page)),
                    ==, SITREP_MAJOR_CRITERIA_TEAMS);
}

/* A service the catalogue marks critical counts as one. */
static void
test_banner_catalogue_critical (Fixture       *f,
                                gconstpointer  data)
{
  add_service (f, "ledger", "finance", TRUE);
  add_service (f, "invoicing", "finance", TRUE);
  declare (f, "ledger, invoicing", SITREP_SEVERITY_P2);
  WAIT_UNTIL (banner_revealed (f));
  g_assert_cmpuint (sitrep_major_banner_get_shown (_sitrep_overview_page_get_major_banner (f->page)),
                    ==, SITREP_MAJOR_CRITERIA_CRITICAL_SERVICES);
  g_assert_nonnull (strstr (gtk_label_get_label (_sitrep_major_banner_get_label (_sitrep_overview_page_get_major_banner (f->page))),
                            "ledger, invoicing"));
}

/* The page stack is sized by the page shown: a homogeneous one measures
 * every hidden page on every change too. */
static void
test_stack_not_homogeneous (Fixture       *f,
                            gconstpointer  data)
{
  AdwViewStack *pages = _sitrep_window_get_pages (f->window);

  g_assert_false (adw_view_stack_get_hhomogeneous (pages));
  g_assert_false (adw_view_stack_get_vhomogeneous (pages));
}

/* A capture while the Timeline is shown does not rebuild the hidden
 * Overview; shown again, it has the entry at once, before any idle. */
static void
test_hidden_not_rebuilt (Fixture       *f,
                         gconstpointer  data)
{
  AdwViewStack *pages = _sitrep_window_get_pages (f->window);
  SitrepIncidentPage *page = SITREP_INCIDENT_PAGE (f->page);
  g_autoptr(GError) error = NULL;
  g_autofree char *entry_id = NULL;
  guint refreshes;

  declare (f, "checkout", SITREP_SEVERITY_P2);
  adw_view_stack_set_visible_child_name (pages, "timeline");
  WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (f->page)));
  WAIT_IDLE ();
  refreshes = _sitrep_incident_page_get_n_refreshes (page);
  g_assert_false (_sitrep_incident_page_get_dirty (page));

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("Rolled back deploy %u", i);

      g_clear_pointer (&entry_id, g_free);
      entry_id = sitrep_workspace_add_timeline_entry (test_workspace (f->context, f->incident_id),
                                                      NULL, SITREP_KIND_ACTION, text, &error);
      g_assert_no_error (error);
      g_assert_nonnull (entry_id);
      WAIT_IDLE ();
    }

  g_assert_cmpuint (_sitrep_incident_page_get_n_refreshes (page), ==, refreshes);
  g_assert_true (_sitrep_incident_page_get_dirty (page));
  g_assert_cmpstr (_sitrep_overview_page_get_latest_entry (f->page), !=, "Rolled back deploy 2");

  /* Shown: refreshed once, in the same step. */
  adw_view_stack_set_visible_child_name (pages, "overview");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
  g_assert_cmpuint (_sitrep_incident_page_get_n_refreshes (page), ==, refreshes + 1);
  g_assert_false (_sitrep_incident_page_get_dirty (page));
  g_assert_cmpstr (_sitrep_overview_page_get_latest_entry (f->page), ==, "Rolled back deploy 2");

  /* On screen, it follows changes as before. */
  g_clear_pointer (&entry_id, g_free);
  entry_id = sitrep_workspace_add_timeline_entry (test_workspace (f->context, f->incident_id),
                                                  NULL, SITREP_KIND_NOTE,
                                                  "Error rate back to normal", &error);
  g_assert_no_error (error);
  WAIT_UNTIL (g_strcmp0 (_sitrep_overview_page_get_latest_entry (f->page),
                         "Error rate back to normal") == 0);
  g_assert_false (_sitrep_incident_page_get_dirty (page));
}

/* A change that concerns every page (the protocol's switch: the incident,
 * its checklist, a timeline entry) made while the Timeline is shown: the
 * Overview, Roles, Checklist and Updates pages wait until they are shown,
 * then refresh once each. */
static void
test_hidden_pages_wait (Fixture       *f,
                        gconstpointer  data)
{
  AdwViewStack *pages = _sitrep_window_get_pages (f->window);
  SitrepIncidentPage *hidden[] = {
    SITREP_INCIDENT_PAGE (_sitrep_window_get_overview (f->window)),
    SITREP_INCIDENT_PAGE (_sitrep_window_get_roles (f->window)),
    SITREP_INCIDENT_PAGE (_sitrep_window_get_checklist (f->window)),
    SITREP_INCIDENT_PAGE (_sitrep_window_get_comms (f->window)),
  };
  guint refreshes[G_N_ELEMENTS (hidden)];
  g_autoptr(GError) error = NULL;

  declare (f, "checkout", SITREP_SEVERITY_P2);
  adw_view_stack_set_visible_child_name (pages, "timeline");
  WAIT_IDLE ();
  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    {
      g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (hidden[i])));
      refreshes[i] = _sitrep_incident_page_get_n_refreshes (hidden[i]);
    }

  g_assert_true (sitrep_workspace_set_major (test_workspace (f->context, f->incident_id), TRUE,
                                             &error));
  g_assert_no_error (error);
  WAIT_IDLE ();

  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    {
      g_assert_cmpuint (_sitrep_incident_page_get_n_refreshes (hidden[i]), ==, refreshes[i]);
      g_assert_true (_sitrep_incident_page_get_dirty (hidden[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    {
      adw_view_stack_set_visible_child (pages, GTK_WIDGET (hidden[i]));
      g_assert_cmpuint (_sitrep_incident_page_get_n_refreshes (hidden[i]), ==, refreshes[i] + 1);
      g_assert_false (_sitrep_incident_page_get_dirty (hidden[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  messages = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (log_writer, NULL, NULL);

  g_test_add ("/gui/overview/banner-activate", Fixture, NULL, fixture_set_up,
              test_banner_activate, fixture_tear_down);
  g_test_add ("/gui/overview/banner-criteria", Fixture, NULL, fixture_set_up,
              test_banner_criteria, fixture_tear_down);
  g_test_add ("/gui/overview/banner-lasting", Fixture, NULL, fixture_set_up,
              test_banner_lasting, fixture_tear_down);
  g_test_add ("/gui/overview/banner-teams", Fixture, NULL, fixture_set_up, test_banner_teams,
              fixture_tear_down);
  g_test_add ("/gui/overview/banner-catalogue-critical", Fixture, NULL, fixture_set_up,
              test_banner_catalogue_critical, fixture_tear_down);
  g_test_add ("/gui/overview/banner-not-met", Fixture, NULL, fixture_set_up,
              test_banner_not_met, fixture_tear_down);
  g_test_add ("/gui/overview/close-confirmation", Fixture, NULL, fixture_set_up,
              test_close_confirmation, fixture_tear_down);
  g_test_add ("/gui/overview/resolution-prompt", Fixture, NULL, fixture_set_up,
              test_resolution_prompt, fixture_tear_down);
  g_test_add ("/gui/overview/focus", Fixture, NULL, fixture_set_up, test_focus,
              fixture_tear_down);
  g_test_add ("/gui/overview/milestone-refused", Fixture, NULL, fixture_set_up,
              test_milestone_refused, fixture_tear_down);
  g_test_add ("/gui/overview/stack-not-homogeneous", Fixture, NULL, fixture_set_up,
              test_stack_not_homogeneous, fixture_tear_down);
  g_test_add ("/gui/overview/hidden-not-rebuilt", Fixture, NULL, fixture_set_up,
              test_hidden_not_rebuilt, fixture_tear_down);
  g_test_add ("/gui/overview/hidden-pages-wait", Fixture, NULL, fixture_set_up,
              test_hidden_pages_wait, fixture_tear_down);
  g_test_add ("/gui/overview/impact-started", Fixture, NULL, fixture_set_up,
              test_impact_started, fixture_tear_down);
  g_test_add ("/gui/overview/impact-label", Fixture, NULL, fixture_set_up, test_impact_label,
              fixture_tear_down);

  return g_test_run ();
}

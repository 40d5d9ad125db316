/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-services.c: the service catalogue in one app
 *
 * Preferences › Services adds, edits, reorders the escalation of and
 * deletes services, refusing a dashboard that is not a web address with
 * nothing written; the declare dialog's triage reads the critical services
 * from the catalogue (the setting only while it is empty); the Overview
 * links each affected service's runbook and dashboard and shows its
 * escalation path, and a service the catalogue does not know by name.
 */
#include "config.h"

#include "gui-test-util.h"

#include "sitrep-declare-dialog-private.h"
#include "sitrep-declare-dialog.h"
#include "sitrep-overview-page.h"
#include "sitrep-preferences-window.h"
#include "sitrep-services-page.h"
#include "sitrep-window-private.h"

typedef struct
{
  char          *dir;
  SitrepContext *context;
  SitrepWindow  *window;
  GtkWindow     *prefs;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sitrep-gui-services-XXXXXX", NULL);
  f->context = sitrep_context_new (f->dir, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->prefs != NULL)
    gui_test_destroy (f->prefs);
  if (f->window != NULL)
    gui_test_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->context);
  g_free (f->dir);
}

static void
add_service (Fixture            *f,
             const char         *name,
             gboolean            critical,
             const char         *runbook,
             const char         *dashboard,
             const char * const *escalation)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_context_save_service (f->context, name, "payments-team", critical,
                                              runbook, dashboard, escalation, TRUE, &error));
  g_assert_no_error (error);
}

static SitrepServicesPage *
open_services_page (Fixture *f)
{
  SitrepPreferencesWindow *prefs = sitrep_preferences_window_new (NULL, f->context);

  f->prefs = GTK_WINDOW (prefs);
  gtk_window_set_default_size (f->prefs, 720, 1000);
  gtk_window_present (f->prefs);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (prefs)));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "services");
  return SITREP_SERVICES_PAGE (_sitrep_preferences_window_get_services_page (prefs));
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static const char *
team_at (SitrepServiceRow *row,
         int               index)
{
  GtkListBoxRow *team = gtk_list_box_get_row_at_index (_sitrep_service_row_get_teams_list (row),
                                                       index);

  return team ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (team)) : NULL;
}

/* Adding, editing, reordering and deleting through the page's widgets. */
static void
test_edit_page (Fixture       *f,
                gconstpointer  data)
{
  SitrepServicesPage *page = open_services_page (f);
  SitrepServiceRow *row;
  SitrepService *service;
  g_auto(GStrv) escalation = NULL;
  AdwMessageDialog *confirm;

  click (_sitrep_services_page_get_add_button (page));
  row = _sitrep_services_page_find_row (page, NULL);
  g_assert_nonnull (row);
  gtk_editable_set_text (_sitrep_service_row_get_name_entry (row), "payments");
  gtk_editable_set_text (_sitrep_service_row_get_owner_entry (row), "payments-team");
  gtk_switch_set_active (_sitrep_service_row_get_critical (row), TRUE);
  gtk_editable_set_text (_sitrep_service_row_get_runbook_entry (row),
                         "https://wiki.example.com/runbooks/payments");
  gtk_editable_set_text (_sitrep_service_row_get_dashboard_entry (row), "grafana/payments");
  gtk_editable_set_text (_sitrep_service_row_get_team_entry (row), "platform-team");
  g_signal_emit_by_name (_sitrep_service_row_get_team_entry (row), "activate");
  gtk_editable_set_text (_sitrep_service_row_get_team_entry (row), "database-team");
  g_signal_emit_by_name (_sitrep_service_row_get_team_entry (row), "activate");
  g_assert_cmpstr (team_at (row, 0), ==, "platform-team");
  g_assert_cmpstr (team_at (row, 1), ==, "database-team");

  /* A dashboard that is not a web address: said, nothing written, nothing lost. */
  click (_sitrep_service_row_get_save_button (row));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (_sitrep_service_row_get_error_label (row))));
  g_assert_cmpstr (gtk_label_get_text (_sitrep_service_row_get_error_label (row)), ==,
                   "The dashboard must be a web address starting with http:// or https://, "
                   "not “grafana/payments”");
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_context_get_services (f->context)), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (_sitrep_service_row_get_owner_entry (row)), ==,
                   "payments-team");
  g_assert_cmpstr (team_at (row, 1), ==, "database-team");

  /* The database team first: moved up, in the row's own action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "service.team-up", "u", 1));
  g_assert_cmpstr (team_at (row, 0), ==, "database-team");
  g_assert_cmpstr (team_at (row, 1), ==, "platform-team");
  /* From the keyboard (Alt+Down, Alt+Up): the focused team moves, and
   * the focus stays on it. */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (_sitrep_service_row_get_teams_list (row), 0)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "service.focused-down", NULL));
  g_assert_cmpstr (team_at (row, 0), ==, "platform-team");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "service.focused-up", NULL));
  g_assert_cmpstr (team_at (row, 0), ==, "database-team");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (_sitrep_service_row_get_teams_list (row), 0))));
  gtk_editable_set_text (_sitrep_service_row_get_dashboard_entry (row),
                         "https://grafana.example.com/d/payments");
  click (_sitrep_service_row_get_save_button (row));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_sitrep_service_row_get_error_label (row))));

  service = sitrep_context_lookup_service (f->context, "payments");
  g_assert_nonnull (service);
  g_assert_cmpstr (sitrep_service_get_owner_team (service), ==, "payments-team");
  g_assert_true (sitrep_service_get_critical (service));
  g_assert_cmpstr (sitrep_service_get_dashboard_url (service), ==,
                   "https://grafana.example.com/d/payments");
  escalation = sitrep_service_dup_escalation (service);
  g_assert_cmpuint (g_strv_length (escalation), ==, 2);
  g_assert_cmpstr (escalation[0], ==, "database-team");
  g_assert_cmpstr (escalation[1], ==, "platform-team");
  WAIT_UNTIL (_sitrep_services_page_find_row (page, "payments") == row);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (_sitrep_service_row_get_name_entry (row))));
  gui_test_save_screenshot (GTK_WIDGET (f->prefs), "services-preferences.png");

  /* A second service of the same name is refused. */
  click (_sitrep_services_page_get_add_button (page));
  gtk_editable_set_text (_sitrep_service_row_get_name_entry (_sitrep_services_page_find_row (page, NULL)),
                         "payments");
  click (_sitrep_service_row_get_save_button (_sitrep_services_page_find_row (page, NULL)));
  g_assert_cmpstr (gtk_label_get_text (_sitrep_service_row_get_error_label (_sitrep_services_page_find_row (page, NULL))),
                   ==, "The catalogue already has a service named “payments”");
  click (_sitrep_service_row_get_delete_button (_sitrep_services_page_find_row (page, NULL)));
  g_assert_null (_sitrep_services_page_find_row (page, NULL));

  /* Edited: the platform team leaves the path. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "service.team-remove", "u", 1));
  click (_sitrep_service_row_get_save_button (row));
  g_clear_pointer (&escalation, g_strfreev);
  escalation = sitrep_service_dup_escalation (sitrep_context_lookup_service (f->context,
                                                                             "payments"));
  g_assert_cmpuint (g_strv_length (escalation), ==, 1);

  /* Deleted, once confirmed. */
  click (_sitrep_service_row_get_delete_button (row));
  confirm = _sitrep_services_page_get_confirm (page);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "delete");
  g_assert_null (sitrep_context_lookup_service (f->context, "payments"));
  WAIT_UNTIL (_sitrep_services_page_find_row (page, "payments") == NULL);
}

static gboolean
asks_about (SitrepDeclareDialog *dialog,
            const char          *services)
{
  gtk_editable_set_text (_sitrep_declare_dialog_get_services (dialog), services);
  return gtk_widget_get_visible (GTK_WIDGET (_sitrep_declare_dialog_get_errors_row (dialog)));
}

static SitrepDeclareDialog *
open_declare (Fixture *f)
{
  SitrepDeclareDialog *dialog = sitrep_declare_dialog_new (NULL, f->context);

  gtk_window_present (GTK_WINDOW (dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  return dialog;
}

/* The catalogue is the source of the critical services once it lists
 * any: "payments" (one of the setting's) is not critical there, "ledger"
 * is. Emptied, the setting stands in again. */
static void
test_triage_catalogue (Fixture       *f,
                       gconstpointer  data)
{
  SitrepDeclareDialog *dialog;
  g_autoptr(GError) error = NULL;

  dialog = open_declare (f);
  g_assert_true (asks_about (dialog, "payments"));
  g_assert_false (asks_about (dialog, "ledger"));
  gui_test_destroy (GTK_WINDOW (dialog));

  add_service (f, "payments", FALSE, NULL, NULL, NULL);
  add_service (f, "ledger", TRUE, NULL, NULL, NULL);
  dialog = open_declare (f);
  g_assert_false (asks_about (dialog, "payments"));
  g_assert_true (asks_about (dialog, "search, ledger"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (_sitrep_declare_dialog_get_errors_row (dialog))),
                   ==, "Are more than 20% of requests to ledger failing?");
  /* More than 20% failing on a critical service: P1. */
  gtk_switch_set_active (_sitrep_declare_dialog_get_errors (dialog), TRUE);
  g_assert_cmpuint (adw_combo_row_get_selected (_sitrep_declare_dialog_get_severity (dialog)), ==, 0);
  gui_test_destroy (GTK_WINDOW (dialog));

  g_assert_true (sitrep_context_delete_service (f->context, "payments", &error));
  g_assert_true (sitrep_context_delete_service (f->context, "ledger", &error));
  g_assert_no_error (error);
  dialog = open_declare (f);
  g_assert_true (asks_about (dialog, "payments"));
  g_assert_false (asks_about (dialog, "ledger"));
  gui_test_destroy (GTK_WINDOW (dialog));
}

static const char *
action_target (GtkWidget *button)
{
  GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));

  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "services.open");
  return target ? g_variant_get_string (target, NULL) : NULL;
}

/* Each affected service the catalogue knows: its runbook and dashboard
 * as buttons that open them, and its escalation path; "search", unknown,
 * is just its name. A catalogue change shows at once. */
static void
test_overview_links (Fixture       *f,
                     gconstpointer  data)
{
  const char * const path[] = { "database-team", "platform-team", "gateway-account-manager", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *incident_id = NULL;
  SitrepServicesGroup *group;
  AdwActionRow *row;

  add_service (f, "payments", TRUE, "https://wiki.example.com/runbooks/payments",
               "https://grafana.example.com/d/payments", path);
  incident_id = sitrep_context_declare_incident (f->context, "Payments failing",
                                                 "payments, search", "Card payments fail",
                                                 SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);
  f->window = sitrep_window_new (NULL, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 1400);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (sitrep_window_select_incident (f->window, incident_id));
  group = _sitrep_overview_page_get_services_group (_sitrep_window_get_overview (f->window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (group)));

  row = _sitrep_services_group_get_row (group, "payments");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==,
                   "Escalate to database-team → platform-team → gateway-account-manager");
  g_assert_cmpstr (action_target (_sitrep_services_group_get_runbook (group, "payments")), ==,
                   "https://wiki.example.com/runbooks/payments");
  g_assert_cmpstr (action_target (_sitrep_services_group_get_dashboard (group, "payments")), ==,
                   "https://grafana.example.com/d/payments");

  row = _sitrep_services_group_get_row (group, "search");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "search");
  g_assert_cmpstr (adw_action_row_get_subtitle (row) ? adw_action_row_get_subtitle (row) : "", ==, "");
  g_assert_null (_sitrep_services_group_get_runbook (group, "search"));
  g_assert_null (_sitrep_services_group_get_dashboard (group, "search"));
  gui_test_save_screenshot (GTK_WIDGET (f->window), "overview-service-links.png");

  /* Added to the catalogue: shown with its dashboard at once. */
  g_assert_true (sitrep_context_save_service (f->context, "search", "discovery", FALSE, NULL,
                                              "https://grafana.example.com/d/search", NULL, TRUE,
                                              &error));
  g_assert_no_error (error);
  WAIT_UNTIL (_sitrep_services_group_get_dashboard (group, "search") != NULL);
  g_assert_cmpstr (adw_action_row_get_subtitle (_sitrep_services_group_get_row (group, "search")),
                   ==, "Owned by discovery");
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  /* Screenshots show the rows as they settle, not mid-animation. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/gui/services/edit-page", Fixture, NULL, fixture_set_up, test_edit_page,
              fixture_tear_down);
  g_test_add ("/gui/services/triage-catalogue", Fixture, NULL, fixture_set_up,
              test_triage_catalogue, fixture_tear_down);
  g_test_add ("/gui/services/overview-links", Fixture, NULL, fixture_set_up,
              test_overview_links, fixture_tear_down);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-services-sync.c: the service catalogue between two apps
 *
 * Two apps sync with a real sitrep-server on 127.0.0.1: Ada's, with an
 * admin token, and Bob's, with a responder's. Ada adds a service in
 * Preferences › Services, reorders its escalation and deletes it; Bob's
 * app follows each step, his own Services page too. Bob's edit of the
 * service is refused by the server (only admins write the catalogue): his
 * page says so with the server's reason, and his app shows Ada's service
 * as it stands.
 */
#include "config.h"

#include "gui-test-apps.h"
#include "server-fixture.h"

#include "sitrep-preferences-window.h"
#include "sitrep-services-page.h"

typedef struct
{
  SitrepTestServer *server;
  GuiTestApp        ada;
  GuiTestApp        bob;
  GtkWindow        *ada_prefs;
  GtkWindow        *bob_prefs;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = sitrep_test_server_new ();
  gui_test_app_start (&f->ada, f->server->base_url, "ada", f->server->admin);
  gui_test_app_start (&f->bob, f->server->base_url, "bob", f->server->responder);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->ada_prefs != NULL)
    gui_test_destroy (f->ada_prefs);
  if (f->bob_prefs != NULL)
    gui_test_destroy (f->bob_prefs);
  gui_test_app_stop (&f->ada);
  gui_test_app_stop (&f->bob);
  g_clear_pointer (&f->server, sitrep_test_server_free);
}

static SitrepServicesPage *
open_services (GuiTestApp *app,
               GtkWindow **prefs)
{
  SitrepPreferencesWindow *window = sitrep_preferences_window_new (NULL, app->context);

  *prefs = GTK_WINDOW (window);
  gtk_window_set_default_size (*prefs, 720, 900);
  gtk_window_present (*prefs);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "services");
  return SITREP_SERVICES_PAGE (_sitrep_preferences_window_get_services_page (window));
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
escalates_first_to (SitrepContext *context,
                    const char    *team)
{
  SitrepService *service = sitrep_context_lookup_service (context, "payments");
  g_auto(GStrv) escalation = service ? sitrep_service_dup_escalation (service) : NULL;

  return escalation != NULL && g_strcmp0 (escalation[0], team) == 0;
}

static gboolean
owned_by (SitrepContext *context,
          const char    *team)
{
  SitrepService *service = sitrep_context_lookup_service (context, "payments");

  return service != NULL && g_strcmp0 (sitrep_service_get_owner_team (service), team) == 0;
}

static void
test_two_apps (Fixture       *f,
               gconstpointer  data)
{
  SitrepServicesPage *ada_page = open_services (&f->ada, &f->ada_prefs);
  SitrepServicesPage *bob_page = open_services (&f->bob, &f->bob_prefs);
  SitrepServiceRow *row;
  SitrepServiceRow *bob_row;
  SitrepService *service;
  g_auto(GStrv) critical = NULL;
  GtkLabel *refused;

  /* Ada adds payments: platform team first, then the database team. */
  click (_sitrep_services_page_get_add_button (ada_page));
  row = _sitrep_services_page_find_row (ada_page, NULL);
  gtk_editable_set_text (_sitrep_service_row_get_name_entry (row), "payments");
  gtk_editable_set_text (_sitrep_service_row_get_owner_entry (row), "payments-team");
  gtk_switch_set_active (_sitrep_service_row_get_critical (row), TRUE);
  gtk_editable_set_text (_sitrep_service_row_get_runbook_entry (row),
                         "https://wiki.example.com/runbooks/payments");
  sitrep_service_row_add_team (row, "platform-team");
  sitrep_service_row_add_team (row, "database-team");
  click (_sitrep_service_row_get_save_button (row));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_sitrep_service_row_get_error_label (row))));

  WAIT_UNTIL (owned_by (f->bob.context, "payments-team"));
  service = sitrep_context_lookup_service (f->bob.context, "payments");
  g_assert_true (sitrep_service_get_critical (service));
  g_assert_cmpstr (sitrep_service_get_runbook_url (service), ==,
                   "https://wiki.example.com/runbooks/payments");
  g_assert_true (escalates_first_to (f->bob.context, "platform-team"));
  critical = sitrep_context_dup_critical_services (f->bob.context);
  g_assert_true (g_strv_contains ((const char * const *) critical, "payments"));
  WAIT_UNTIL (_sitrep_services_page_find_row (bob_page, "payments") != NULL);

  /* Reordered: the database team first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "service.team-down", "u", 0));
  click (_sitrep_service_row_get_save_button (row));
  WAIT_UNTIL (escalates_first_to (f->bob.context, "database-team"));
  bob_row = _sitrep_services_page_find_row (bob_page, "payments");
  WAIT_UNTIL (sitrep_service_row_shows (bob_row, sitrep_context_lookup_service (f->bob.context,
                                                                                "payments")));
  {
    g_auto(GStrv) teams = sitrep_service_row_dup_teams (bob_row);

    g_assert_cmpstr (teams[0], ==, "database-team");
    g_assert_cmpstr (teams[1], ==, "platform-team");
  }

  /* Bob may not change the catalogue: refused by the server, and said. */
  refused = _sitrep_services_page_get_refused (bob_page);
  gtk_editable_set_text (_sitrep_service_row_get_owner_entry (bob_row), "bob-team");
  click (_sitrep_service_row_get_save_button (bob_row));
  WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (refused)));
  g_assert_nonnull (strstr (gtk_label_get_text (refused),
                            "The server refused the change to “payments”: Only an admin token "
                            "may change this collection"));
  WAIT_UNTIL (owned_by (f->bob.context, "payments-team"));
  WAIT_UNTIL (g_strcmp0 (gtk_editable_get_text (_sitrep_service_row_get_owner_entry (bob_row)),
                         "payments-team") == 0);
  g_assert_true (owned_by (f->ada.context, "payments-team"));
  gui_test_save_screenshot (GTK_WIDGET (f->bob_prefs), "services-refused.png");

  /* Ada deletes it: gone from Bob's app too. */
  click (_sitrep_service_row_get_delete_button (row));
  adw_message_dialog_response (_sitrep_services_page_get_confirm (ada_page), "delete");
  WAIT_UNTIL (sitrep_context_lookup_service (f->bob.context, "payments") == NULL);
  WAIT_UNTIL (_sitrep_services_page_find_row (bob_page, "payments") == NULL);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  /* Screenshots show the rows as they settle, not mid-animation. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/gui/services/two-apps", Fixture, NULL, fixture_set_up, test_two_apps,
              fixture_tear_down);

  return g_test_run ();
}

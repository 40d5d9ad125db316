/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-paging-sync.c: paging a team, through a real sitrep-server
 *
 * Alice's app (a context and a window, as `sitrep` runs them) syncs with
 * a real sitrep-server on 127.0.0.1, configured to deliver pages to a
 * stand-in of PagerDuty (tests/integration/provider-standin.c). Her Roles
 * page's Page… writes a `pages` record that reaches the server as the
 * protocol says, and PagerDuty gets it once; the palette's `page` writes
 * the same for a team whose routing key PagerDuty refuses. What the
 * server writes back into each record comes through the feed and shows on
 * her Roles page: delivered, and failed with PagerDuty's reason.
 */
#include "config.h"

#include <string.h>

#include "delivery-common.h"
#include "gui-test-apps.h"
#include "server-fixture.h"

#include "sitrep-command-palette.h"
#include "sitrep-json.h"
#include "sitrep-page-row.h"
#include "sitrep-roles-page-private.h"

typedef struct
{
  Standin          *standin;
  char             *dir;
  char             *config;
  SitrepTestServer *server;
  GuiTestApp        alice;
  char             *incident_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Screenshots show the dialog, not its rows' animations. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  f->standin = standin_new ();
  f->dir = g_dir_make_tmp ("sitrep-gui-paging-XXXXXX", NULL);
  f->config = delivery_write_config (f->dir, standin_url (f->standin));
  f->server = sitrep_test_server_new_with_args ("--config", f->config, NULL);
  /* The catalogue, an admin's: its teams are offered. */
  {
    g_autofree char *client = sitrep_test_uuid ();
    g_autofree char *push = g_strdup_printf (
      "{\"client_id\":\"%s\",\"mutations\":[{\"mid\":1,\"op\":\"put\",\"coll\":\"services\","
      "\"id\":\"checkout\",\"body\":{\"owner_team\":\"payments-team\",\"critical\":true,"
      "\"runbook_url\":null,\"dashboard_url\":null,"
      "\"escalation\":[\"database-team\",\"platform-team\"]}}]}", client);
    g_autoptr(SitrepReply) reply = sitrep_test_push (f->server, f->server->admin, push);

    sitrep_assert_status (reply, 200);
  }
  gui_test_app_start (&f->alice, f->server->base_url, "alice", f->server->responder);
  f->incident_id = sitrep_context_declare_incident (f->alice.context, "Checkout errors",
                                                    "checkout", "Some payments fail",
                                                    SITREP_SEVERITY_P1, &error);
  g_assert_no_error (error);
  gui_test_app_open_page (&f->alice, f->incident_id, "roles");
  WAIT_UNTIL (gui_test_app_synced (&f->alice, f->incident_id));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gui_test_app_stop (&f->alice);
  g_clear_pointer (&f->server, sitrep_test_server_free);
  g_clear_pointer (&f->standin, standin_free);
  g_free (f->incident_id);
  g_free (f->config);
  g_free (f->dir);
}

/* The server's record of the page to @team, or NULL. */
static JsonObject *
server_page (Fixture    *f,
             const char *team,
             char      **id)
{
  g_autoptr(JsonObject) snapshot = sitrep_test_snapshot (f->server);
  JsonArray *records = json_object_get_array_member (snapshot, "records");

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);
      JsonObject *body = json_object_get_object_member (record, "body");

      if (g_str_equal (json_object_get_string_member (record, "coll"), "pages") &&
          g_strcmp0 (sitrep_json_get_string (body, "team"), team) == 0)
        {
          g_free (*id);
          *id = g_strdup (json_object_get_string_member (record, "id"));
          return json_object_ref (body);
        }
    }
  return NULL;
}

/* What the app shows a page's delivered_at as. */
static char *
local_clock (JsonObject *page)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (sitrep_json_get_string (page,
                                                                                 "delivered_at"),
                                                          NULL);
  g_autoptr(GDateTime) local = NULL;

  g_assert_nonnull (at);
  local = g_date_time_to_local (at);
  return g_date_time_format (local, "%H:%M");
}

static const char *
outcome_of (SitrepRolesPage *roles,
            const char      *page_id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (_sitrep_roles_page_get_pages_list (roles),
                                                         i)) != NULL; i++)
    if (SITREP_IS_PAGE_ROW (row) &&
        g_strcmp0 (sitrep_record_object_get_id (SITREP_RECORD_OBJECT (
                     sitrep_page_row_get_page (SITREP_PAGE_ROW (row)))), page_id) == 0)
      return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  return NULL;
}

static void
test_page_reaches_server (Fixture       *f,
                          gconstpointer  data)
{
  SitrepRolesPage *roles = _sitrep_window_get_roles (f->alice.window);
  SitrepCommandPalette *palette = _sitrep_window_get_palette (f->alice.window);
  SitrepPageDialog *dialog;
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autofree char *page_id = NULL;
  g_autofree char *second_id = NULL;

  /* Page…: a team and a message. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (roles), "roles.page", NULL));
  WAIT_UNTIL ((dialog = _sitrep_roles_page_get_page_dialog (roles)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  /* The catalogue's teams are offered, and follow what is typed. */
  g_assert_nonnull (gtk_flow_box_get_child_at_index (_sitrep_page_dialog_get_teams (dialog), 2));
  g_assert_null (gtk_flow_box_get_child_at_index (_sitrep_page_dialog_get_teams (dialog), 3));
  gtk_editable_set_text (_sitrep_page_dialog_get_team (dialog), "d");
  gui_test_save_screenshot (GTK_WIDGET (dialog), "page-dialog-typing.png");
  g_assert_null (gtk_flow_box_get_child_at_index (_sitrep_page_dialog_get_teams (dialog), 1));
  gtk_editable_set_text (_sitrep_page_dialog_get_team (dialog), "database-team");
  gtk_editable_set_text (_sitrep_page_dialog_get_message (dialog), "Primary is down");
  gui_test_save_screenshot (GTK_WIDGET (dialog), "page-dialog.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "page");

  /* It reaches the server as the protocol says, and the server
   * delivers it: PagerDuty is asked once, the page's id its dedup_key. */
  WAIT_UNTIL (sitrep_context_get_pending (f->alice.context) == 0 &&
              (page = server_page (f, "database-team", &page_id)) != NULL);
  g_assert_cmpstr (sitrep_json_get_string (page, "incident_id"), ==, f->incident_id);
  g_assert_cmpstr (sitrep_json_get_string (page, "message"), ==, "Primary is down");
  g_assert_cmpstr (sitrep_json_get_string (page, "requested_by"), ==, "alice");
  g_assert_nonnull (sitrep_json_get_string (page, "requested_at"));
  g_assert_true (standin_wait_requests (f->standin, 1, DELIVERY_WAIT_MS));
  {
    StandinRequest *request = standin_request (f->standin, STANDIN_PAGERDUTY, 0);
    JsonObject *event = json_node_get_object (request->json);

    g_assert_cmpstr (json_object_get_string_member (event, "dedup_key"), ==, page_id);
    g_assert_cmpstr (json_object_get_string_member (event, "event_action"), ==, "trigger");
  }

  /* Alice's Roles page shows it delivered, at the time the server says. */
  WAIT_UNTIL (outcome_of (roles, page_id) != NULL &&
              g_str_has_prefix (outcome_of (roles, page_id), "Delivered at "));
  g_clear_pointer (&page, json_object_unref);
  page = server_page (f, "database-team", &page_id);
  g_assert_cmpstr (sitrep_json_get_string (page, "delivery"), ==, "delivered");
  {
    g_autofree char *clock = local_clock (page);
    g_autofree char *delivered = g_strdup_printf ("Delivered at %s via PagerDuty", clock);

    g_assert_cmpstr (outcome_of (roles, page_id), ==, delivered);
  }

  /* The palette's page writes the same record; PagerDuty refuses this
   * team's routing key, and Alice reads why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->alice.window), "win.command-palette",
                                             NULL));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (palette)));
  gtk_editable_set_text (_sitrep_command_palette_get_entry (palette),
                         "/incident page short-key-team");
  g_signal_emit_by_name (_sitrep_command_palette_get_entry (palette), "activate");
  WAIT_UNTIL (sitrep_context_get_pending (f->alice.context) == 0 &&
              (second = server_page (f, "short-key-team", &second_id)) != NULL);
  g_assert_cmpstr (sitrep_json_get_string (second, "requested_by"), ==, "alice");
  g_assert_true (json_object_get_null_member (second, "message"));
  WAIT_UNTIL (outcome_of (roles, second_id) != NULL &&
              g_str_has_prefix (outcome_of (roles, second_id), "Failed: "));
  g_clear_pointer (&second, json_object_unref);
  second = server_page (f, "short-key-team", &second_id);
  {
    g_autofree char *failed = g_strdup_printf ("Failed: %s after 1 attempt",
                                               sitrep_json_get_string (second, "error"));

    g_assert_cmpstr (sitrep_json_get_string (second, "delivery"), ==, "failed");
    g_assert_cmpstr (outcome_of (roles, second_id), ==, failed);
  }
  gui_test_save_screenshot (GTK_WIDGET (f->alice.window), "roles-pages-server.png");
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/paging/reaches-server", Fixture, NULL, fixture_set_up,
              test_page_reaches_server, fixture_tear_down);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-milestones-sync.c: Impact started between two apps, online
 *
 * Two apps (a context and a window each, as `sitrep` runs them) sync with
 * a real sitrep-server on 127.0.0.1. Alice types when customer impact
 * began on her Overview's Impact started row; Bob's row shows it. Bob
 * clears it; Alice's row says "Not yet" again.
 */
#include "config.h"

#include <string.h>

#include "gui-test-apps.h"
#include "server-fixture.h"

#include "sitrep-window-private.h"

typedef struct
{
  SitrepTestServer *server;
  GuiTestApp        alice;
  GuiTestApp        bob;
  char             *incident_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = sitrep_test_server_new ();
  gui_test_app_start (&f->alice, f->server->base_url, "alice", f->server->responder);
  gui_test_app_start (&f->bob, f->server->base_url, "bob", f->server->responder2);
  f->incident_id = sitrep_context_declare_incident (f->alice.context, "Checkout errors", "checkout",
                                                    "Some payments fail", SITREP_SEVERITY_P2,
                                                    &error);
  g_assert_no_error (error);
  WAIT_UNTIL (gui_test_app_synced (&f->alice, f->incident_id) &&
              sitrep_context_lookup_incident (f->bob.context, f->incident_id) != NULL);
  gui_test_app_open_page (&f->alice, f->incident_id, "overview");
  gui_test_app_open_page (&f->bob, f->incident_id, "overview");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gui_test_app_stop (&f->alice);
  gui_test_app_stop (&f->bob);
  g_clear_pointer (&f->server, sitrep_test_server_free);
  g_free (f->incident_id);
}

static SitrepMilestoneRow *
impact_row (GuiTestApp *app)
{
  SitrepOverviewPage *page = _sitrep_window_get_overview (app->window);

  return _sitrep_milestones_group_get_row (_sitrep_overview_page_get_milestones_group (page),
                                           SITREP_MILESTONE_IMPACT_STARTED);
}

static const char *
subtitle (GuiTestApp *app)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (impact_row (app)));
}

static void
test_two_apps (Fixture       *f,
               gconstpointer  data)
{
  GtkEntry *entry = _sitrep_milestone_row_get_entry (impact_row (&f->alice));
  SitrepIncident *bobs = sitrep_context_lookup_incident (f->bob.context, f->incident_id);
  SitrepIncident *alices = sitrep_context_lookup_incident (f->alice.context, f->incident_id);
  GDateTime *detected = sitrep_incident_get_milestone (alices, SITREP_MILESTONE_DETECTED);
  g_autoptr(GDateTime) impact = g_date_time_add_minutes (detected, -15);
  g_autofree char *typed = sitrep_context_format_input_time (f->alice.context, impact, TRUE);
  g_autofree char *shown = NULL;

  g_assert_cmpstr (subtitle (&f->bob), ==, "Not yet");

  /* Alice types it, a quarter of an hour before Detected. */
  gtk_editable_set_text (GTK_EDITABLE (entry), typed);
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  WAIT_UNTIL (sitrep_incident_get_milestone (bobs, SITREP_MILESTONE_IMPACT_STARTED) != NULL);
  g_assert_cmpint (g_date_time_difference (sitrep_incident_get_milestone (bobs,
                                                                          SITREP_MILESTONE_IMPACT_STARTED),
                                           impact) / G_TIME_SPAN_MINUTE, ==, 0);
  WAIT_UNTIL (strstr (subtitle (&f->alice), " UTC") != NULL);
  WAIT_UNTIL (g_strcmp0 (subtitle (&f->bob), subtitle (&f->alice)) == 0);

  /* Bob clears it; Alice's row follows. */
  g_signal_emit_by_name (_sitrep_milestone_row_get_clear_button (impact_row (&f->bob)), "clicked");
  WAIT_UNTIL (sitrep_incident_get_milestone (alices, SITREP_MILESTONE_IMPACT_STARTED) == NULL);
  WAIT_UNTIL (g_str_equal (subtitle (&f->alice), "Not yet"));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/milestones/sync/impact-started", Fixture, NULL, fixture_set_up, test_two_apps,
              fixture_tear_down);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-action-items-sync.c: action items between two apps, online
 *
 * Two apps (a context and a window each, as `sitrep` runs them) sync with
 * a real sitrep-server on 127.0.0.1. Alice adds two items through her
 * incident's group; they appear in Bob's Action Items view with the
 * incident's reference. Bob completes one while the server is down; once
 * it is back, Alice's row shows it completed.
 */
#include "config.h"

#include <string.h>

#include "gui-test-apps.h"
#include "server-fixture.h"

#include "sitrep-action-item-row.h"
#include "sitrep-action-items-group-private.h"
#include "sitrep-action-items-window.h"
#include "sitrep-incident-action-items-window.h"
#include "sitrep-window-private.h"

typedef struct
{
  SitrepTestServer *server;
  GuiTestApp        alice;
  GuiTestApp        bob;
  char             *incident_id;
} Fixture;

/* An app signed in to the fixture's server, its window open on no page. */
static void
app_start (GuiTestApp *app,
           Fixture    *f,
           const char *user,
           const char *token)
{
  gui_test_app_start (app, f->server->base_url, user, token);
  app->window = sitrep_window_new (NULL, app->context);
  gtk_window_present (GTK_WINDOW (app->window));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = sitrep_test_server_new ();
  app_start (&f->alice, f, "alice", f->server->responder);
  app_start (&f->bob, f, "bob", f->server->responder2);
  f->incident_id = sitrep_context_declare_incident (f->alice.context, "Checkout errors", "checkout",
                                                    "Some payments fail", SITREP_SEVERITY_P2,
                                                    &error);
  g_assert_no_error (error);
  WAIT_UNTIL (sitrep_context_lookup_incident (f->bob.context, f->incident_id) != NULL);
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

static SitrepActionItem *
shown (SitrepActionItemsWindow *view,
       const char              *description)
{
  GListModel *list = sitrep_action_items_window_get_shown (view);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(SitrepActionItem) item = g_list_model_get_item (list, i);

      if (g_str_equal (sitrep_action_item_get_description (item), description))
        return item;   /* the list keeps it */
    }
  return NULL;
}

static SitrepActionItemRow *
row_of (SitrepActionItemsGroup *group,
        const char             *description)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (_sitrep_action_items_group_get_list (group), i)) != NULL; i++)
    if (SITREP_IS_ACTION_ITEM_ROW (row) &&
        g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), description))
      return SITREP_ACTION_ITEM_ROW (row);
  return NULL;
}

static void
type_and_add (SitrepActionItemsGroup *group,
              const char             *description,
              const char             *owner,
              const char             *due)
{
  gtk_editable_set_text (GTK_EDITABLE (_sitrep_action_items_group_get_description (group)),
                         description);
  gtk_editable_set_text (GTK_EDITABLE (_sitrep_action_items_group_get_owner (group)), owner);
  gtk_editable_set_text (GTK_EDITABLE (_sitrep_action_items_group_get_due (group)), due);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group), "action-items.add", NULL));
}

static void
test_two_apps (Fixture       *f,
               gconstpointer  data)
{
  SitrepIncidentActionItemsWindow *alice_window;
  SitrepActionItemsGroup *group;
  SitrepActionItemsWindow *view;
  SitrepActionItem *item;
  SitrepIncident *incident = sitrep_context_lookup_incident (f->bob.context, f->incident_id);
  g_autoptr(GError) error = NULL;

  alice_window = sitrep_incident_action_items_window_present (GTK_WINDOW (f->alice.window),
                                                              f->alice.context, f->incident_id,
                                                              NULL);
  group = SITREP_ACTION_ITEMS_GROUP (sitrep_incident_action_items_window_get_group (alice_window));
  type_and_add (group, "Add circuit breaker to payment client", "bob", "2999-02-01");
  type_and_add (group, "Alert on pool saturation", "alice", "2020-01-15");
  WAIT_UNTIL (row_of (group, "Alert on pool saturation") != NULL);

  /* Bob's view of everyone's items: both, with the incident's reference. */
  view = SITREP_ACTION_ITEMS_WINDOW (_sitrep_window_open_action_items (f->bob.window));
  sitrep_action_items_window_set_owner (view, SITREP_ACTION_ITEMS_EVERYONE);
  WAIT_UNTIL (shown (view, "Add circuit breaker to payment client") != NULL &&
              shown (view, "Alert on pool saturation") != NULL);
  item = shown (view, "Alert on pool saturation");
  g_assert_true (sitrep_action_item_get_overdue (item));
  {
    g_autofree char *ref = sitrep_incident_dup_display_ref (incident);

    g_assert_nonnull (ref);
    g_assert_cmpstr (sitrep_action_item_get_incident_ref (shown (view, "Add circuit breaker to payment client")),
                     ==, ref);
  }
  /* His own, mine for him. */
  sitrep_action_items_window_set_owner (view, SITREP_ACTION_ITEMS_MINE);
  g_assert_nonnull (shown (view, "Add circuit breaker to payment client"));
  g_assert_null (shown (view, "Alert on pool saturation"));
  sitrep_action_items_window_set_owner (view, SITREP_ACTION_ITEMS_EVERYONE);

  /* Offline, Bob completes Alice's item; back online, she sees it. */
  WAIT_UNTIL (sitrep_context_get_pending (f->alice.context) == 0 &&
              sitrep_context_get_pending (f->bob.context) == 0);
  sitrep_test_server_stop (f->server);
  {
    g_autoptr(SitrepWorkspace) workspace = sitrep_context_open_workspace (f->bob.context,
                                                                          f->incident_id);

    g_assert_true (sitrep_workspace_set_action_item_status (workspace,
                                                            sitrep_action_item_get_id (item),
                                                            SITREP_ACTION_COMPLETED, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (sitrep_context_get_pending (f->bob.context), >, 0);
  sitrep_test_server_start (f->server);
  sitrep_context_set_server (f->bob.context, f->server->base_url, f->server->responder2);
  sitrep_context_set_server (f->alice.context, f->server->base_url, f->server->responder);

  WAIT_UNTIL (sitrep_action_item_get_status (sitrep_action_item_row_get_item (row_of (group, "Alert on pool saturation")))
              == SITREP_ACTION_COMPLETED);
  g_assert_false (sitrep_action_item_get_overdue (sitrep_action_item_row_get_item (row_of (group, "Alert on pool saturation"))));
  g_assert_nonnull (sitrep_action_item_get_completed_at (sitrep_action_item_row_get_item (row_of (group, "Alert on pool saturation"))));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/action-items/sync/two-apps", Fixture, NULL, fixture_set_up, test_two_apps,
              fixture_tear_down);

  return g_test_run ();
}

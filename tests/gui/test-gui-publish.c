/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-publish.c: status page publishing from the Updates page
 *
 * Two apps sync with a real sitrep-server on 127.0.0.1: Alice, the
 * scribe, and Bob, the incident's Communications Lead. Alice publishes a
 * status page update: without the approval setting it is handed to the
 * server at once (publish, approval "none"); with it, it waits as
 * "Awaiting approval" until Bob approves it in his app, and Alice's app
 * sees it approved. The server, started with a configuration that names a
 * stand-in for Statuspage on 127.0.0.1, delivers it and writes the outcome
 * back: the sent row says published, with the time and the Statuspage
 * incident, or failed and why. Approving patches only the approval
 * fields, so no client write drops the server's.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gui-test-apps.h"
#include "provider-standin.h"
#include "server-fixture.h"

#include "sitrep-comms-page-private.h"
#include "sitrep-json.h"
#include "sitrep-sent-row.h"
#include "sitrep-store-sync.h"

typedef struct
{
  Standin          *statuspage;
  char             *config_dir;
  SitrepTestServer *server;
  GSettings        *settings;
  GuiTestApp        alice;
  GuiTestApp        bob;
  char             *incident_id;
} Fixture;

/* As gui_test_app_open_page(), tall enough for the composer and what was
 * sent to show together in a screenshot. */
static void
open_updates (GuiTestApp *app,
              const char *incident_id)
{
  app->window = sitrep_window_new (NULL, app->context);
  gtk_window_set_default_size (GTK_WINDOW (app->window), 1200, 1340);
  gtk_window_present (GTK_WINDOW (app->window));
  g_assert_true (sitrep_window_select_incident (app->window, incident_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (app->window), "win.page", "s", "comms"));
  WAIT_UNTIL (gtk_widget_get_mapped (adw_view_stack_get_child_by_name (_sitrep_window_get_pages (app->window),
                                                                       "comms")));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->settings = g_settings_new (APPLICATION_ID);
  g_settings_set_boolean (f->settings, "publish-needs-approval", GPOINTER_TO_INT (data));
  f->statuspage = standin_new ();
  f->config_dir = g_dir_make_tmp ("sitrep-gui-publish-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *key = g_build_filename (f->config_dir, "statuspage.key", NULL);
    g_autofree char *config = g_build_filename (f->config_dir, "sitrep-server.conf", NULL);
    g_autofree char *text = g_strdup_printf ("[statuspage]\n"
                                             "api-url=%s/v1\n"
                                             "page-id=" STANDIN_PAGE_ID "\n"
                                             "api-key-file=%s\n"
                                             "[delivery]\n"
                                             "retry-delay-ms=5\n",
                                             standin_url (f->statuspage), key);

    g_file_set_contents (key, STANDIN_API_KEY "\n", -1, &error);
    g_assert_no_error (error);
    g_file_set_contents (config, text, -1, &error);
    g_assert_no_error (error);
    f->server = sitrep_test_server_new_with_args ("--config", config, NULL);
  }
  gui_test_app_start (&f->alice, f->server->base_url, "alice", f->server->responder);
  gui_test_app_start (&f->bob, f->server->base_url, "bob", f->server->responder2);
  f->incident_id = sitrep_context_declare_incident (f->alice.context, "Payments degraded",
                                                    "payments", "Some card payments fail",
                                                    SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_workspace_assign_role (test_workspace (f->alice.context, f->incident_id),
                                               SITREP_ROLE_SCRIBE, "alice", &error));
  g_assert_true (sitrep_workspace_assign_role (test_workspace (f->alice.context, f->incident_id),
                                               SITREP_ROLE_COMMUNICATIONS, "bob", &error));
  g_assert_no_error (error);
  WAIT_UNTIL (gui_test_app_synced (&f->alice, f->incident_id));
  WAIT_UNTIL (sitrep_context_lookup_incident (f->bob.context, f->incident_id) != NULL);
  open_updates (&f->alice, f->incident_id);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gui_test_app_stop (&f->alice);
  gui_test_app_stop (&f->bob);
  g_clear_pointer (&f->server, sitrep_test_server_free);
  g_clear_pointer (&f->statuspage, standin_free);
  if (f->config_dir != NULL)
    {
      g_autofree char *key = g_build_filename (f->config_dir, "statuspage.key", NULL);
      g_autofree char *config = g_build_filename (f->config_dir, "sitrep-server.conf", NULL);

      g_unlink (key);
      g_unlink (config);
      g_rmdir (f->config_dir);
      g_free (f->config_dir);
    }
  g_settings_reset (f->settings, "publish-needs-approval");
  g_clear_object (&f->settings);
  g_free (f->incident_id);
}

static SitrepCommsPage *
comms_page (GuiTestApp *app)
{
  return _sitrep_window_get_comms (app->window);
}

/* The status page's update template, filled in, in Alice's composer. */
static void
compose_status_page (SitrepCommsPage *page,
                     const char      *title)
{
  int position;

  adw_combo_row_set_selected (_sitrep_comms_page_get_audience_row (page),
                              SITREP_AUDIENCE_STATUS_PAGE);
  position = _sitrep_comms_page_find_template (page, "status-page-update");
  g_assert_cmpint (position, >=, 0);
  adw_combo_row_set_selected (_sitrep_comms_page_get_template_row (page), position);
  gtk_editable_set_text (GTK_EDITABLE (_sitrep_comms_page_get_title_row (page)), title);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (_sitrep_comms_page_get_body_view (page)),
                            "We have identified the cause of the payment errors and are "
                            "rolling out a fix.", -1);
  WAIT_UNTIL (gtk_widget_is_sensitive (_sitrep_comms_page_get_publish_button (page)));
}

/* A screenshot of the app's window, scrolled so that @widget shows. */
static void
screenshot_at (GuiTestApp *app,
               GtkWidget  *widget,
               const char *name)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_rect_t bounds;

  WAIT_IDLE ();
  g_assert_true (gtk_widget_compute_bounds (widget, content, &bounds));
  /* Its bottom above where toasts show. */
  gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height + 90 -
                                        gtk_adjustment_get_page_size (adjustment));
  gui_test_save_screenshot (GTK_WIDGET (app->window), name);
}

static SitrepSentRow *
sent_row (SitrepCommsPage *page,
          const char      *id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (_sitrep_comms_page_get_history_list (page), i)) != NULL; i++)
    if (SITREP_IS_SENT_ROW (row) && g_strcmp0 (sitrep_sent_row_get_id (SITREP_SENT_ROW (row)), id) == 0)
      return SITREP_SENT_ROW (row);
  return NULL;
}

static gboolean
shows (SitrepCommsPage *page,
       const char      *id,
       const char      *text)
{
  SitrepSentRow *row = sent_row (page, id);

  return row != NULL && g_strcmp0 (sitrep_sent_row_get_publication_text (row), text) == 0;
}

/* Publishes what Alice's composer holds; returns the communication's id. */
static char *
publish (Fixture *f)
{
  SitrepCommsPage *page = comms_page (&f->alice);
  GListModel *sent = sitrep_workspace_get_communications (test_workspace (f->alice.context,
                                                                          f->incident_id));
  guint before = g_list_model_get_n_items (sent);
  g_autoptr(SitrepRecordObject) record = NULL;

  g_signal_emit_by_name (_sitrep_comms_page_get_publish_button (page), "clicked");
  WAIT_UNTIL (g_list_model_get_n_items (sent) == before + 1);
  for (guint i = 0; i < g_list_model_get_n_items (sent); i++)
    {
      g_autoptr(SitrepRecordObject) item = g_list_model_get_item (sent, i);

      if (sitrep_json_get_bool (sitrep_record_object_get_body (item), "publish") &&
          (record == NULL ||
           g_strcmp0 (sitrep_record_object_get_string (item, "sent_at"),
                      sitrep_record_object_get_string (record, "sent_at")) > 0))
        g_set_object (&record, item);
    }
  g_assert_nonnull (record);
  return g_strdup (sitrep_record_object_get_id (record));
}

static JsonObject *
server_record (Fixture    *f,
               const char *id)
{
  g_autoptr(JsonObject) snapshot = sitrep_test_snapshot (f->server);
  JsonObject *record = sitrep_test_find_record (snapshot, "communications", id);

  g_assert_nonnull (record);
  return json_object_ref (json_object_get_object_member (record, "body"));
}

/* Waits until the server's delivery has written @delivery into the
 * communication @id; returns what the sent row should then say. */
static gboolean
server_has_delivery (Fixture    *f,
                     const char *id,
                     const char *delivery)
{
  g_autoptr(JsonObject) snapshot = sitrep_test_snapshot (f->server);
  JsonObject *record = sitrep_test_find_record (snapshot, "communications", id);

  return record != NULL &&
         g_strcmp0 (sitrep_json_get_string (json_object_get_object_member (record, "body"),
                                            "delivery"), delivery) == 0;
}

static char *
server_delivered (Fixture    *f,
                  const char *id,
                  const char *delivery)
{
  g_autoptr(JsonObject) body = NULL;

  WAIT_UNTIL (server_has_delivery (f, id, delivery));
  body = server_record (f, id);
  g_assert_cmpstr (sitrep_json_get_string (body, "provider"), ==, "statuspage");
  if (g_str_equal (delivery, "failed"))
    return g_strdup_printf ("Failed: %s", sitrep_json_get_string (body, "error"));

  /* "2026-12-03T14:32:05Z": the row says 14:32 UTC. */
  g_assert_cmpuint (strlen (sitrep_json_get_string (body, "delivered_at")), >=, 16);
  return g_strdup_printf ("Published %.5s UTC · Statuspage incident %s",
                          sitrep_json_get_string (body, "delivered_at") + 11,
                          sitrep_json_get_string (body, "external_id"));
}

/* Without the approval setting: handed to the server at once, and the
 * server's outcome shown, delivered then failed. */
static void
test_publish (Fixture       *f,
              gconstpointer  data)
{
  SitrepCommsPage *page = comms_page (&f->alice);
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *id = NULL;
  g_autofree char *failing = NULL;
  g_autofree char *published = NULL;
  g_autofree char *refused = NULL;

  /* Only the status page's updates are published. */
  adw_combo_row_set_selected (_sitrep_comms_page_get_audience_row (page),
                              SITREP_AUDIENCE_EXECUTIVES);
  WAIT_UNTIL (!gtk_widget_get_visible (_sitrep_comms_page_get_publish_button (page)));

  compose_status_page (page, "Payments degraded: fix rolling out");
  g_assert_true (gtk_widget_get_visible (_sitrep_comms_page_get_publish_button (page)));
  screenshot_at (&f->alice, _sitrep_comms_page_get_publish_button (page), "composer-publish.png");
  id = publish (f);
  WAIT_UNTIL (gui_test_app_synced (&f->alice, f->incident_id));
  stored = server_record (f, id);
  g_assert_true (sitrep_json_get_bool (stored, "publish"));
  g_assert_cmpstr (sitrep_json_get_string (stored, "approval"), ==, "none");
  g_assert_cmpstr (sitrep_json_get_string (stored, "audience"), ==, "status_page");

  /* The server posts it to Statuspage, which creates an incident. */
  published = server_delivered (f, id, "delivered");
  WAIT_UNTIL (shows (page, id, published));
  g_assert_cmpuint (standin_statuspage_incidents (f->statuspage), ==, 1);

  /* The next one updates that incident; Statuspage refuses it. */
  standin_answer_next (f->statuspage, STANDIN_STATUSPAGE, 422,
                       "{\"error\": \"Incident status is invalid\"}");
  compose_status_page (page, "Payments degraded: still rolling out");
  failing = publish (f);
  refused = server_delivered (f, failing, "failed");
  g_assert_nonnull (strstr (refused, "Incident status is invalid"));
  WAIT_UNTIL (shows (page, failing, refused));
  /* The first keeps its own outcome. */
  g_assert_true (shows (page, id, published));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (sent_row (page, failing)), TRUE);
  screenshot_at (&f->alice, GTK_WIDGET (_sitrep_comms_page_get_history_list (page)),
                 "composer-published-failed.png");
}

/* With the approval setting: Alice's update waits for Bob, the incident's
 * Communications Lead, who alone is offered Approve; once he approves,
 * Alice's app shows it approved and the server has it approved by him. */
static void
test_approval (Fixture       *f,
               gconstpointer  data)
{
  SitrepCommsPage *page = comms_page (&f->alice);
  SitrepCommsPage *bob_page;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *published = NULL;
  g_autofree char *id = NULL;

  compose_status_page (page, "Payments degraded: fix rolling out");
  id = publish (f);
  WAIT_UNTIL (shows (page, id, "Awaiting approval"));
  g_assert_false (gtk_widget_get_visible (sitrep_sent_row_get_approve_button (sent_row (page, id))));
  WAIT_UNTIL (gui_test_app_synced (&f->alice, f->incident_id));
  stored = server_record (f, id);
  g_assert_true (sitrep_json_get_bool (stored, "publish"));
  g_assert_cmpstr (sitrep_json_get_string (stored, "approval"), ==, "awaiting");
  screenshot_at (&f->alice, GTK_WIDGET (_sitrep_comms_page_get_history_list (page)),
                 "composer-awaiting-approval.png");

  /* Alice is not the Communications Lead. */
  g_assert_false (sitrep_context_approve_communication (f->alice.context, id, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Only the Communications Lead (bob) may approve it");

  open_updates (&f->bob, f->incident_id);
  bob_page = comms_page (&f->bob);
  WAIT_UNTIL (shows (bob_page, id, "Awaiting approval"));
  WAIT_UNTIL (gtk_widget_get_visible (sitrep_sent_row_get_approve_button (sent_row (bob_page, id))));
  screenshot_at (&f->bob, GTK_WIDGET (_sitrep_comms_page_get_history_list (bob_page)),
                 "composer-approve.png");
  g_signal_emit_by_name (sitrep_sent_row_get_approve_button (sent_row (bob_page, id)), "clicked");
  /* Approved, it goes out: both apps show it published. */
  published = server_delivered (f, id, "delivered");
  WAIT_UNTIL (shows (bob_page, id, published));
  WAIT_UNTIL (shows (page, id, published));
  g_assert_cmpuint (standin_statuspage_incidents (f->statuspage), ==, 1);
  WAIT_UNTIL (gui_test_app_synced (&f->bob, f->incident_id));
  g_clear_pointer (&stored, json_object_unref);
  stored = server_record (f, id);
  g_assert_cmpstr (sitrep_json_get_string (stored, "approval"), ==, "approved");
  g_assert_cmpstr (sitrep_json_get_string (stored, "approved_by"), ==, "bob");
  g_assert_nonnull (sitrep_json_get_string (stored, "approved_at"));
  g_assert_cmpstr (sitrep_json_get_string (stored, "sent_by"), ==, "alice");
}

/* Approving writes only the approval fields: a patch, so what the server
 * wrote on the record meanwhile stays. Offline, the outbox holds it. */
static void
test_approve_patches (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *dir = g_dir_make_tmp ("sitrep-gui-publish-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(SitrepRecord) record = NULL;
  g_autofree char *incident_id = NULL;
  g_autofree char *id = NULL;
  SitrepMutation *approve = NULL;

  g_assert_no_error (error);
  g_settings_set_boolean (settings, "publish-needs-approval", TRUE);
  sitrep_context_set_user (context, "bob");
  incident_id = sitrep_context_declare_incident (context, "Payments degraded", "payments", "",
                                                 SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_workspace_assign_role (test_workspace (context, incident_id),
                                               SITREP_ROLE_COMMUNICATIONS, "@Bob", &error));
  id = sitrep_context_publish_communication (context, incident_id, NULL, SITREP_STATUS_INVALID,
                                             "Payments degraded", "We are investigating.",
                                             &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_context_may_approve (context, incident_id));
  g_assert_true (sitrep_context_approve_communication (context, id, &error));
  g_assert_no_error (error);

  outbox = sitrep_store_outbox_peek (sitrep_context_get_store (context), 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < outbox->len; i++)
    {
      SitrepMutation *m = outbox->pdata[i];

      if (g_str_equal (m->coll, "communications") && m->op == SITREP_MUTATION_PATCH)
        approve = m;
    }
  g_assert_nonnull (approve);
  g_assert_cmpstr (approve->id, ==, id);
  g_assert_cmpuint (json_object_get_size (approve->data), ==, 3);
  g_assert_cmpstr (sitrep_json_get_string (approve->data, "approval"), ==, "approved");
  g_assert_cmpstr (sitrep_json_get_string (approve->data, "approved_by"), ==, "bob");
  g_assert_nonnull (sitrep_json_get_string (approve->data, "approved_at"));

  /* Approved once: not again. */
  g_assert_false (sitrep_context_approve_communication (context, id, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID);
  record = sitrep_store_get (sitrep_context_get_store (context), "communications", id);
  g_assert_cmpstr (sitrep_json_get_string (record->body, "approval"), ==, "approved");
  g_settings_reset (settings, "publish-needs-approval");
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  /* Screenshots show the rows as they settle, not mid-animation. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/gui/publish/without-approval", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_publish, fixture_tear_down);
  g_test_add ("/gui/publish/with-approval", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_approval, fixture_tear_down);
  g_test_add_func ("/gui/publish/approve-patches", test_approve_patches);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sync-auth.c: what the app shows of the token, with the real server
 *
 * A refused token (wrong or revoked) is "Not signed in", never "No
 * incidents · All Quiet"; a viewer's token makes the app read-only and
 * says so, refuses edits with a clear message, and settles the edits that
 * waited for the server as refused instead of keeping them forever.
 *
 * With SITREP_TEST_SCREENSHOTS=DIR set, each test saves the window as
 * DIR/<name>.png.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gui-test-util.h"
#include "sitrep-preferences-window.h"
#include "sitrep-store-sync.h"
#include "sitrep-window-private.h"
#include "test-sync-common.h"

typedef struct
{
  SitrepTestServer *server;
  char             *data_dir;
  SitrepContext    *context;
  SitrepWindow     *window;
  guint             n_refused;
  guint             n_refusals;
} Fixture;

static GtkScrolledWindow *
find_scroller (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return GTK_SCROLLED_WINDOW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = find_scroller (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Read-only as a viewer needs it: nothing in @page edits, and its content
 * still scrolls. */
static gboolean
reads_only (gpointer page)
{
  GtkScrolledWindow *scroller = find_scroller (GTK_WIDGET (page));

  return scroller != NULL && gtk_widget_is_sensitive (GTK_WIDGET (scroller)) &&
         !gtk_widget_is_sensitive (gtk_scrolled_window_get_child (scroller));
}

static void
on_edits_refused (SitrepContext *context,
                  guint          n_refused,
                  Fixture       *f)
{
  f->n_refused += n_refused;
  f->n_refusals++;
}

static void
fixture_init (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->server = sitrep_test_server_new ();
  f->data_dir = g_dir_make_tmp ("sitrep-auth-XXXXXX", &error);
  g_assert_no_error (error);
  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "vera");
  /* Looked up, so that without it the tests fail on what they check. */
  if (g_signal_lookup ("edits-refused", SITREP_TYPE_CONTEXT) != 0)
    g_signal_connect (f->context, "edits-refused", G_CALLBACK (on_edits_refused), f);
}

static void
fixture_show (Fixture *f)
{
  f->window = sitrep_window_new (NULL, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
}

static void
fixture_clear (Fixture *f)
{
  if (f->window != NULL)
    gui_test_destroy (GTK_WINDOW (f->window));
  g_signal_handlers_disconnect_by_data (f->context, f);
  g_clear_object (&f->context);
  g_clear_pointer (&f->server, sitrep_test_server_free);
  g_free (f->data_dir);
}

/* A mapped label of @root whose text has @text in it. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The buttons of @root that offer @action. */
static void
find_action_buttons (GtkWidget  *root,
                     const char *action,
                     GPtrArray  *found)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_action_buttons (child, action, found);
}

static void
save_screenshot (Fixture    *f,
                 const char *name)
{
  gui_test_save_screenshot (GTK_WIDGET (f->window), name);
}

static gboolean
can_edit (SitrepContext *context)
{
  gboolean value = TRUE;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (context), "can-edit") != NULL)
    g_object_get (context, "can-edit", &value, NULL);
  return value;
}

/* A wrong token: the server refuses it. The window says so and how to fix
 * it; it does not say there are no incidents. */
static void
test_wrong_token (void)
{
  Fixture f = { 0 };
  GtkStack *sidebar;

  fixture_init (&f);
  fixture_show (&f);
  sitrep_context_set_server (f.context, f.server->base_url, "not-a-token-of-this-server");
  WAIT_UNTIL (sitrep_context_get_connection (f.context) == SITREP_CONNECTION_UNAUTHORIZED);
  WAIT_IDLE ();

  sidebar = _sitrep_window_get_sidebar_stack (f.window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (sidebar), !=, "empty");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (sidebar), ==, "signed-out");
  g_assert_null (find_label (GTK_WIDGET (f.window), "All Quiet"));
  g_assert_null (find_label (GTK_WIDGET (f.window), "No incidents"));
  g_assert_nonnull (find_label (GTK_WIDGET (f.window), "Sign in to the team server"));
  g_assert_nonnull (find_label (GTK_WIDGET (f.window), "Not Signed In"));
  WAIT_UNTIL (find_label (GTK_WIDGET (f.window), "the server refused the token") != NULL);
  g_assert_cmpstr (gtk_label_get_text (_sitrep_window_get_sync_label (f.window)), ==,
                   "Not signed in");
  WAIT_UNTIL (gtk_revealer_get_child_revealed (_sitrep_window_get_auth_banner (f.window)));
  g_assert_true (gtk_widget_get_visible (gtk_revealer_get_child (
    _sitrep_window_get_auth_banner (f.window))));
  save_screenshot (&f, "auth-wrong-token.png");

  /* The right token: the incidents (none yet) are the server's again. */
  sitrep_context_set_server (f.context, f.server->base_url, f.server->responder);
  WAIT_UNTIL (sitrep_context_get_connection (f.context) == SITREP_CONNECTION_ONLINE);
  WAIT_IDLE ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (sidebar), ==, "empty");
  g_assert_false (gtk_revealer_get_reveal_child (_sitrep_window_get_auth_banner (f.window)));
  /* Gone, it takes its text out of the layout. */
  WAIT_UNTIL (!gtk_widget_get_visible (gtk_revealer_get_child (
    _sitrep_window_get_auth_banner (f.window))));

  fixture_clear (&f);
}

/* A revoked token with incidents on this computer: they stay listed, with
 * a notice that they may be out of date. */
static void
test_revoked_with_local (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  fixture_init (&f);
  id = sitrep_context_declare_incident (f.context, "Checkout errors", "checkout", "",
                                        SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);
  fixture_show (&f);
  sitrep_context_set_server (f.context, f.server->base_url, f.server->revoked);
  WAIT_UNTIL (sitrep_context_get_connection (f.context) == SITREP_CONNECTION_UNAUTHORIZED);
  WAIT_IDLE ();

  g_assert_cmpstr (gtk_stack_get_visible_child_name (_sitrep_window_get_sidebar_stack (f.window)),
                   ==, "list");
  WAIT_UNTIL (find_label (GTK_WIDGET (f.window), "may be out of date") != NULL);
  /* Nothing is lost: the edit waits for a token the server takes. */
  g_assert_cmpuint (sitrep_context_get_pending (f.context), >, 0);

  fixture_clear (&f);
}

/* A viewer's token: read-only, said so, edits refused with a clear
 * message, the pages offer none. */
static void
test_viewer_read_only (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) body = sync_incident_body ("Search is slow");
  g_autofree char *server_id = sitrep_test_uuid ();
  g_autofree char *push = NULL;
  g_autoptr(SitrepReply) reply = NULL;

  fixture_init (&f);
  /* Someone with a responder's token declared one. */
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);
    g_autofree char *json = json_to_string (node, FALSE);
    g_autofree char *client = sitrep_test_uuid ();

    push = g_strdup_printf ("{\"client_id\": \"%s\", \"mutations\": [{\"mid\": 1, \"op\": "
                            "\"put\", \"coll\": \"incidents\", \"id\": \"%s\", \"body\": %s}]}",
                            client, server_id, json);
    reply = sitrep_test_push (f.server, f.server->responder, push);
    sitrep_assert_status (reply, 200);
  }

  fixture_show (&f);
  sitrep_context_set_server (f.context, f.server->base_url, f.server->viewer);
  WAIT_UNTIL (!can_edit (f.context));
  WAIT_UNTIL (sitrep_context_lookup_incident (f.context, server_id) != NULL);
  WAIT_UNTIL (sitrep_context_get_connection (f.context) == SITREP_CONNECTION_ONLINE);
  g_assert_true (sitrep_window_select_incident (f.window, server_id));
  WAIT_IDLE ();

  WAIT_UNTIL (find_label (GTK_WIDGET (f.window), "Read-only: this token can view but not edit")
              != NULL);
  g_assert_true (reads_only (_sitrep_window_get_timeline (f.window)));
  g_assert_true (reads_only (_sitrep_window_get_overview (f.window)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (_sitrep_timeline_page_get_capture (_sitrep_window_get_timeline (f.window)))));
  {
    g_autoptr(GPtrArray) declare = g_ptr_array_new ();

    find_action_buttons (GTK_WIDGET (f.window), "win.declare", declare);
    g_assert_cmpuint (declare->len, >, 0);
    for (guint i = 0; i < declare->len; i++)
      g_assert_false (gtk_widget_is_sensitive (declare->pdata[i]));
  }

  /* An edit tried anyway is refused at once, and says why. */
  id = sitrep_context_declare_incident (f.context, "Viewer's incident", "search", "",
                                        SITREP_SEVERITY_P3, &error);
  g_assert_null (id);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_PERMITTED);
  g_assert_cmpstr (error->message, ==, "Read-only: this token can view but not edit");
  g_assert_cmpuint (sitrep_context_get_pending (f.context), ==, 0);
  WAIT_UNTIL (gtk_revealer_get_child_revealed (_sitrep_window_get_auth_banner (f.window)));
  save_screenshot (&f, "auth-read-only.png");

  /* Preferences says so too, not just "Online". */
  {
    SitrepPreferencesWindow *prefs = sitrep_preferences_window_new (GTK_WINDOW (f.window), f.context);

    g_assert_cmpstr (_sitrep_preferences_window_get_status (prefs), ==,
                     "Online, read-only: this token can view but not edit");
    gtk_window_destroy (GTK_WINDOW (prefs));
  }

  /* A responder's token: editable again. */
  sitrep_context_set_server (f.context, f.server->base_url, f.server->responder2);
  g_assert_true (can_edit (f.context));
  g_assert_false (reads_only (_sitrep_window_get_timeline (f.window)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (_sitrep_timeline_page_get_capture (_sitrep_window_get_timeline (f.window)))));

  fixture_clear (&f);
}

static gboolean
has_refused_text (SitrepContext *context,
                  const char    *text)
{
  g_autoptr(GPtrArray) edits = sitrep_context_dup_refused_edits (context);

  for (guint i = 0; edits != NULL && i < edits->len; i++)
    {
      SitrepRefusedEdit *edit = edits->pdata[i];

      if (g_strcmp0 (edit->kind, "rejected") == 0 && edit->mine != NULL &&
          json_object_has_member (edit->mine, "text") &&
          g_strcmp0 (json_object_get_string_member (edit->mine, "text"), text) == 0 &&
          edit->message != NULL && strstr (edit->message, "not edit") != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Edits made offline, then a viewer's token: the server answers 403. The
 * edits leave the outbox as refused (text kept), the records are the
 * server's again, the user is told how many; nothing is sent again. */
static void
test_viewer_outbox_settled (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *entry = NULL;
  SitrepWorkspace *workspace;
  gint64 seq_before;

  fixture_init (&f);
  id = sitrep_context_declare_incident (f.context, "Payments failing", "payments", "",
                                        SITREP_SEVERITY_P1, &error);
  g_assert_no_error (error);
  workspace = test_workspace (f.context, id);
  entry = sitrep_workspace_add_timeline_entry (workspace, NULL, SITREP_KIND_NOTE,
                                               "Rolled back the payments deploy", &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  g_assert_cmpuint (sitrep_context_get_pending (f.context), >=, 2);
  seq_before = sitrep_test_health_seq (f.server);

  fixture_show (&f);
  sitrep_context_set_server (f.context, f.server->base_url, f.server->viewer);
  WAIT_UNTIL (sitrep_context_get_pending (f.context) == 0);
  WAIT_IDLE ();

  g_assert_false (can_edit (f.context));
  g_assert_cmpuint (f.n_refusals, ==, 1);
  g_assert_cmpuint (f.n_refused, >=, 2);
  g_assert_true (has_refused_text (f.context, "Rolled back the payments deploy"));
  /* The server never had the incident: the app shows what it has. */
  WAIT_UNTIL (sitrep_context_lookup_incident (f.context, id) == NULL);
  WAIT_UNTIL (find_label (GTK_WIDGET (f.window), "edits were not saved") != NULL);

  /* Not sent again, not kept pending. */
  sync_run_for (1500);
  g_assert_cmpuint (sitrep_context_get_pending (f.context), ==, 0);
  g_assert_cmpuint (f.n_refusals, ==, 1);
  g_assert_cmpint (sitrep_test_health_seq (f.server), ==, seq_before);

  fixture_clear (&f);
}

/* Another responder's token on a database whose client_id the first one
 * took: the 403 is not the role's; the edits go out as a new client. */
static void
test_token_changed (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  fixture_init (&f);
  first = sitrep_context_declare_incident (f.context, "DNS flapping", "dns", "",
                                           SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);
  sitrep_context_set_server (f.context, f.server->base_url, f.server->responder);
  WAIT_UNTIL (sitrep_context_get_pending (f.context) == 0 &&
              sitrep_context_get_connection (f.context) == SITREP_CONNECTION_ONLINE);

  sitrep_context_set_server (f.context, NULL, NULL);
  second = sitrep_context_declare_incident (f.context, "Mail queue stuck", "mail", "",
                                            SITREP_SEVERITY_P3, &error);
  g_assert_no_error (error);
  sitrep_context_set_server (f.context, f.server->base_url, f.server->responder2);
  WAIT_UNTIL (sitrep_context_get_pending (f.context) == 0);
  g_assert_true (can_edit (f.context));
  g_assert_cmpuint (f.n_refusals, ==, 0);
  {
    g_autoptr(JsonObject) snapshot = sitrep_test_snapshot (f.server);

    g_assert_nonnull (sitrep_test_find_record (snapshot, "incidents", second));
  }

  fixture_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  sync_test_init ();

  sitrep_test_add ("/sync-auth/wrong-token", test_wrong_token);
  sitrep_test_add ("/sync-auth/revoked-with-local", test_revoked_with_local);
  sitrep_test_add ("/sync-auth/viewer-read-only", test_viewer_read_only);
  sitrep_test_add ("/sync-auth/viewer-outbox-settled", test_viewer_outbox_settled);
  sitrep_test_add ("/sync-auth/token-changed", test_token_changed);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-role-race.c: two people filling one empty role while apart
 *
 * Two apps (a context each, as `sitrep` runs them) share an incident on a
 * real sitrep-server on 127.0.0.1. Both go offline; Alice makes dave the
 * Scribe, Bob makes erin the Scribe. Alice comes back first. Bob's
 * assignment must not be dropped silently: it is a conflict he decides on.
 * Before and after he decides, the timeline on both apps says what the
 * role says.
 */
#include "config.h"

#include <string.h>

#include "gui-test-util.h"
#include "server-fixture.h"

#include "sitrep-conflict-dialog.h"
#include "sitrep-context-store.h"
#include "sitrep-json.h"

typedef struct
{
  char          *dir;
  SitrepContext *context;
} App;

typedef struct
{
  SitrepTestServer *server;
  App               alice;
  App               bob;
  char             *incident_id;
  char             *role_id;
  GtkWindow        *window;
} Fixture;

static void
app_start (App        *app,
           Fixture    *f,
           const char *user,
           const char *token)
{
  g_autoptr(GError) error = NULL;

  app->dir = g_dir_make_tmp ("sitrep-role-race-XXXXXX", NULL);
  app->context = sitrep_context_new (app->dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (app->context, user);
  sitrep_context_set_server (app->context, f->server->base_url, token);
}

static void
app_stop (App *app)
{
  g_clear_object (&app->context);
  g_free (app->dir);
}

static gboolean
incident_synced (SitrepContext *context,
                 const char    *id)
{
  return sitrep_context_lookup_incident (context, id) != NULL &&
         sitrep_context_get_pending (context) == 0;
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
  f->role_id = g_strdup_printf ("%s:scribe", f->incident_id);
  WAIT_UNTIL (incident_synced (f->alice.context, f->incident_id));
  WAIT_UNTIL (incident_synced (f->bob.context, f->incident_id));

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gui_test_destroy (f->window);
  app_stop (&f->alice);
  app_stop (&f->bob);
  g_clear_pointer (&f->server, sitrep_test_server_free);
  g_free (f->incident_id);
  g_free (f->role_id);
}

static guint
n_refused (SitrepContext *context)
{
  g_autoptr(GPtrArray) edits = sitrep_context_dup_refused_edits (context);

  return edits->len;
}

static const char *
scribe (App     *app,
        Fixture *f)
{
  static char *person;
  g_autoptr(SitrepRecord) record = sitrep_store_get (sitrep_context_get_store (app->context),
                                                     "roles", f->role_id);

  g_clear_pointer (&person, g_free);
  if (record != NULL && !record->deleted)
    person = g_strdup (sitrep_json_get_string (record->body, "person"));
  return person ? person : "";
}

static int
by_time (gconstpointer a,
         gconstpointer b)
{
  SitrepRecord *ra = *(SitrepRecord **) a, *rb = *(SitrepRecord **) b;

  return g_strcmp0 (sitrep_json_get_string (ra->body, "occurred_at"),
                    sitrep_json_get_string (rb->body, "occurred_at"));
}

/* What the timeline says of the Scribe, oldest first, "|"-separated. */
static const char *
scribe_entries (App     *app,
                Fixture *f)
{
  static char *joined;
  g_autoptr(GPtrArray) entries = sitrep_store_list (sitrep_context_get_store (app->context),
                                                    "timeline", f->incident_id, NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  g_ptr_array_sort (entries, by_time);
  for (guint i = 0; i < entries->len; i++)
    {
      SitrepRecord *entry = entries->pdata[i];
      const char *text = sitrep_json_get_string (entry->body, "text");

      if (g_strcmp0 (sitrep_json_get_string (entry->body, "kind"), "role") != 0 ||
          !g_str_has_prefix (text, "Scribe:"))
        continue;
      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append (out, text);
    }

  g_free (joined);
  joined = g_string_free (g_steal_pointer (&out), FALSE);
  return joined;
}

static void
go_offline (App *app)
{
  sitrep_context_set_server (app->context, NULL, NULL);
}

static void
go_online (App        *app,
           Fixture    *f,
           const char *token)
{
  sitrep_context_set_server (app->context, f->server->base_url, token);
}

/* Both assign the empty Scribe role while offline; Alice syncs first.
 * Returns Bob's dialog about it. */
static AdwMessageDialog *
assign_apart (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  SitrepRefusedEdit *edit;
  GtkWidget *dialog;

  go_offline (&f->alice);
  go_offline (&f->bob);
  g_assert_true (sitrep_workspace_assign_role (test_workspace (f->alice.context, f->incident_id),
                                               SITREP_ROLE_SCRIBE, "dave", &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_workspace_assign_role (test_workspace (f->bob.context, f->incident_id),
                                               SITREP_ROLE_SCRIBE, "erin", &error));
  g_assert_no_error (error);

  go_online (&f->alice, f, f->server->responder);
  WAIT_UNTIL (sitrep_context_get_pending (f->alice.context) == 0);
  go_online (&f->bob, f, f->server->responder2);

  /* Bob's assignment is not dropped: it waits for him, with both names. */
  WAIT_UNTIL (n_refused (f->bob.context) == 1);
  WAIT_UNTIL (sitrep_context_get_pending (f->bob.context) == 0);
  WAIT_UNTIL (g_str_equal (scribe (&f->bob, f), "dave"));
  g_assert_cmpuint (n_refused (f->alice.context), ==, 0);

  /* While Bob has not decided, no timeline says erin is Scribe. */
  WAIT_UNTIL (sitrep_context_get_pending (f->bob.context) == 0);
  WAIT_UNTIL (g_str_equal (scribe_entries (&f->alice, f), "Scribe: dave"));
  g_assert_cmpstr (scribe_entries (&f->bob, f), ==, "Scribe: dave");

  edits = sitrep_context_dup_refused_edits (f->bob.context);
  edit = edits->pdata[0];
  g_assert_cmpstr (edit->coll, ==, "roles");
  g_assert_cmpstr (sitrep_json_get_string (edit->mine, "person"), ==, "erin");
  g_assert_cmpstr (sitrep_json_get_string (edit->theirs, "person"), ==, "dave");
  g_assert_cmpstr (edit->changed_by, ==, "alice");

  dialog = sitrep_conflict_dialog_new (f->window, f->bob.context, edit);
  gtk_window_present (GTK_WINDOW (dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Someone Else Changed This Role");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "Scribe of INC-"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "Changed by alice"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "“Scribe: dave → erin”"));
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
test_take_theirs (Fixture       *f,
                  gconstpointer  data)
{
  AdwMessageDialog *dialog = assign_apart (f);

  adw_message_dialog_response (dialog, "theirs");
  WAIT_UNTIL (sitrep_context_get_pending (f->bob.context) == 0);
  g_assert_cmpuint (n_refused (f->bob.context), ==, 0);

  /* Bob's "Scribe: erin" was never true: it is gone on both apps. */
  WAIT_UNTIL (g_str_equal (scribe_entries (&f->alice, f), "Scribe: dave"));
  WAIT_UNTIL (g_str_equal (scribe_entries (&f->bob, f), "Scribe: dave"));
  g_assert_cmpstr (scribe (&f->alice, f), ==, "dave");
  g_assert_cmpstr (scribe (&f->bob, f), ==, "dave");
}

/* What the app would notify its user of, for the Scribe role as it is. */
static gboolean
overruled_notice (App      *app,
                  Fixture  *f,
                  char    **title,
                  char    **body)
{
  g_autoptr(SitrepRecord) record = sitrep_store_get (sitrep_context_get_store (app->context),
                                                     "roles", f->role_id);
  g_autoptr(SitrepStoreChange) change = sitrep_store_change_new ("roles", f->role_id,
                                                                 f->incident_id, record->body,
                                                                 FALSE, record->version);

  g_clear_pointer (title, g_free);
  g_clear_pointer (body, g_free);
  return sitrep_context_dup_overruled_notice (app->context, change, title, body);
}

static void
test_keep_mine (Fixture       *f,
                gconstpointer  data)
{
  AdwMessageDialog *dialog = assign_apart (f);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  adw_message_dialog_response (dialog, "mine");
  WAIT_UNTIL (sitrep_context_get_pending (f->bob.context) == 0);
  g_assert_cmpuint (n_refused (f->bob.context), ==, 0);

  /* Erin takes over from dave, and the timeline says so, naming him. */
  WAIT_UNTIL (g_str_equal (scribe (&f->alice, f), "erin"));
  g_assert_cmpstr (scribe (&f->bob, f), ==, "erin");
  WAIT_UNTIL (g_str_equal (scribe_entries (&f->alice, f), "Scribe: dave|Scribe: dave → erin"));
  WAIT_UNTIL (g_str_equal (scribe_entries (&f->bob, f), "Scribe: dave|Scribe: dave → erin"));
  g_assert_cmpuint (n_refused (f->alice.context), ==, 0);

  /* Alice, whose choice was overruled, is told; Bob, who chose, is not. */
  g_assert_true (overruled_notice (&f->alice, f, &title, &body));
  g_assert_nonnull (strstr (title, "Scribe of INC-"));
  g_assert_nonnull (strstr (title, ": dave → erin"));
  g_assert_nonnull (strstr (body, "bob kept theirs over dave"));
  g_assert_false (overruled_notice (&f->bob, f, &title, &body));
}

/* Written from both, the holder is read as a handle: "@frank" is frank. */
static void
test_edit_handle (Fixture       *f,
                  gconstpointer  data)
{
  AdwMessageDialog *dialog = assign_apart (f);
  g_autoptr(GPtrArray) edits = sitrep_context_dup_refused_edits (f->bob.context);
  g_autoptr(JsonObject) body = sitrep_json_copy (((SitrepRefusedEdit *) edits->pdata[0])->mine);
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (body, "person", " @frank ");
  g_assert_true (sitrep_context_settle_refused_edit (f->bob.context, edits->pdata[0], body,
                                                     &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_UNTIL (sitrep_context_get_pending (f->bob.context) == 0);
  WAIT_UNTIL (g_str_equal (scribe (&f->alice, f), "frank"));
  g_assert_cmpstr (scribe (&f->bob, f), ==, "frank");
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  if (g_getenv ("SITREP_SERVER_BIN") == NULL)
    {
      g_printerr ("SITREP_SERVER_BIN is not set\n");
      return 77;
    }

  g_test_add ("/integration/role-race/take-theirs", Fixture, NULL, fixture_set_up,
              test_take_theirs, fixture_tear_down);
  g_test_add ("/integration/role-race/keep-mine", Fixture, NULL, fixture_set_up, test_keep_mine,
              fixture_tear_down);
  g_test_add ("/integration/role-race/edit-handle", Fixture, NULL, fixture_set_up,
              test_edit_handle, fixture_tear_down);

  return g_test_run ();
}

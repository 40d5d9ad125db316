/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-postmortem-sync.c: two people writing one postmortem, online
 * and apart
 *
 * Two apps (a context and a window each, as `sitrep` runs them) sync with
 * a real sitrep-server on 127.0.0.1, both on the incident's postmortem
 * page. What one writes appears on the other's page; what one writes
 * offline arrives when it reconnects; two texts of one section written at
 * once are both offered to whoever saved second, and nothing is replaced
 * until they choose.
 */
#include "config.h"

#include <string.h>

#include "gui-test-apps.h"
#include "server-fixture.h"

#include "sitrep-conflict-dialog.h"
#include "sitrep-json.h"
#include "sitrep-postmortem-page-private.h"

#define ALICE "The pool was sized for last year's traffic (alice)"
#define BOB   "A release removed connection pooling (bob)"

typedef struct
{
  SitrepTestServer *server;
  GuiTestApp        alice;
  GuiTestApp        bob;
  char             *incident_id;
} Fixture;

static SitrepPostmortemPage *
page_of (GuiTestApp *app)
{
  return SITREP_POSTMORTEM_PAGE (adw_view_stack_get_child_by_name (_sitrep_window_get_pages (app->window),
                                                                   "postmortem"));
}

static GtkWidget *
editor (GuiTestApp      *app,
        SitrepPmSection  section)
{
  return _sitrep_postmortem_page_get_editor (page_of (app), section);
}

static void
type_into (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static gboolean
shows (GuiTestApp      *app,
       SitrepPmSection  section,
       const char      *text)
{
  GtkWidget *widget = editor (app, section);
  g_autofree char *shown = NULL;

  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  else
    shown = g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));

  return g_strcmp0 (shown, text) == 0;
}

static guint
n_refused (GuiTestApp *app)
{
  g_autoptr(GPtrArray) edits = sitrep_context_dup_refused_edits (app->context);

  return edits->len;
}

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
  WAIT_UNTIL (gui_test_app_synced (&f->alice, f->incident_id));
  WAIT_UNTIL (gui_test_app_synced (&f->bob, f->incident_id));
  gui_test_app_open_page (&f->alice, f->incident_id, "postmortem");
  gui_test_app_open_page (&f->bob, f->incident_id, "postmortem");
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

/* Alice writes; Bob's page shows it, list by list, line by line. */
static void
test_appears (Fixture       *f,
              gconstpointer  data)
{
  type_into (editor (&f->alice, SITREP_PM_ROOT_CAUSE), ALICE);
  type_into (editor (&f->alice, SITREP_PM_WENT_WELL), "Paging worked\nRoles were clear");
  type_into (editor (&f->alice, SITREP_PM_WHYS_PROBLEM), "Checkout failed");
  type_into (_sitrep_postmortem_page_get_why_rows (page_of (&f->alice))->pdata[0],
             "Connections were refused");
  _sitrep_postmortem_page_save_now (page_of (&f->alice));

  WAIT_UNTIL (shows (&f->bob, SITREP_PM_ROOT_CAUSE, ALICE));
  WAIT_UNTIL (shows (&f->bob, SITREP_PM_WENT_WELL, "Paging worked\nRoles were clear"));
  WAIT_UNTIL (shows (&f->bob, SITREP_PM_WHYS_PROBLEM, "Checkout failed"));
  WAIT_UNTIL (g_str_equal (gtk_editable_get_text (
                GTK_EDITABLE (_sitrep_postmortem_page_get_why_rows (page_of (&f->bob))->pdata[0])),
                "Connections were refused"));
  g_assert_cmpuint (n_refused (&f->bob), ==, 0);
  g_assert_cmpuint (n_refused (&f->alice), ==, 0);
}

/* Bob writes while offline: kept, sent when he is back, shown to Alice. */
static void
test_offline_arrives (Fixture       *f,
                      gconstpointer  data)
{
  sitrep_context_set_server (f->bob.context, NULL, NULL);
  type_into (editor (&f->bob, SITREP_PM_LESSONS), "Review limits like code (bob, offline)");
  _sitrep_postmortem_page_save_now (page_of (&f->bob));
  g_assert_cmpuint (sitrep_context_get_pending (f->bob.context), >, 0);
  g_assert_true (shows (&f->alice, SITREP_PM_LESSONS, ""));

  sitrep_context_set_server (f->bob.context, f->server->base_url, f->server->responder2);
  WAIT_UNTIL (shows (&f->alice, SITREP_PM_LESSONS, "Review limits like code (bob, offline)"));
  WAIT_UNTIL (sitrep_context_get_pending (f->bob.context) == 0);
  g_assert_cmpuint (n_refused (&f->bob), ==, 0);
}

static void
assert_both_offered (Fixture    *f,
                     GuiTestApp *second)
{
  g_autoptr(GPtrArray) edits = sitrep_context_dup_refused_edits (second->context);
  g_autoptr(SitrepRefusedEdit) edit = NULL;
  g_autoptr(GtkWidget) dialog = NULL;
  const char *body;

  g_assert_cmpuint (edits->len, ==, 1);
  edit = sitrep_refused_edit_copy (edits->pdata[0]);
  g_assert_cmpstr (edit->coll, ==, "postmortems");
  g_assert_cmpstr (edit->rec_id, ==, f->incident_id);

  dialog = g_object_ref_sink (sitrep_conflict_dialog_new (GTK_WINDOW (second->window),
                                                          second->context, edit));
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, ALICE));
  g_assert_nonnull (strstr (body, BOB));
  g_assert_nonnull (strstr (body, "Root Cause Analysis"));
  if (g_getenv ("SITREP_TEST_SCREENSHOTS") != NULL)
    {
      gtk_window_present (GTK_WINDOW (dialog));
      WAIT_UNTIL (gtk_widget_get_mapped (dialog) && gtk_widget_get_width (dialog) > 0);
      gui_test_save_screenshot (dialog, "postmortem-conflict.png");
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Both write the root cause at once: whoever the server hears second is
 * offered both texts; the first stands until they choose. */
static void
test_same_section_at_once (Fixture       *f,
                           gconstpointer  data)
{
  GuiTestApp *second;

  type_into (editor (&f->alice, SITREP_PM_ROOT_CAUSE), ALICE);
  type_into (editor (&f->bob, SITREP_PM_ROOT_CAUSE), BOB);
  _sitrep_postmortem_page_save_now (page_of (&f->alice));
  _sitrep_postmortem_page_save_now (page_of (&f->bob));

  WAIT_UNTIL (sitrep_context_get_pending (f->alice.context) == 0 &&
              sitrep_context_get_pending (f->bob.context) == 0 &&
              n_refused (&f->alice) + n_refused (&f->bob) == 1);
  second = n_refused (&f->bob) == 1 ? &f->bob : &f->alice;
  assert_both_offered (f, second);

  /* The first text stands on both pages until the second chooses. */
  if (second == &f->bob)
    {
      WAIT_UNTIL (shows (&f->bob, SITREP_PM_ROOT_CAUSE, ALICE));
      g_assert_true (shows (&f->alice, SITREP_PM_ROOT_CAUSE, ALICE));
    }
  else
    {
      WAIT_UNTIL (shows (&f->alice, SITREP_PM_ROOT_CAUSE, BOB));
      g_assert_true (shows (&f->bob, SITREP_PM_ROOT_CAUSE, BOB));
    }
}

/* Bob writes the root cause offline while Alice writes it online; his
 * page says so as soon as hers arrives over his unsaved text, and his
 * save, once back, is offered with hers. */
static void
test_same_section_apart (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *notice = _sitrep_postmortem_page_get_notice (page_of (&f->bob), SITREP_PM_ROOT_CAUSE);

  sitrep_context_set_server (f->bob.context, NULL, NULL);
  type_into (editor (&f->bob, SITREP_PM_ROOT_CAUSE), BOB);
  _sitrep_postmortem_page_save_now (page_of (&f->bob));

  type_into (editor (&f->alice, SITREP_PM_ROOT_CAUSE), ALICE);
  _sitrep_postmortem_page_save_now (page_of (&f->alice));
  WAIT_UNTIL (sitrep_context_get_pending (f->alice.context) == 0);
  g_assert_false (gtk_widget_get_visible (notice));

  sitrep_context_set_server (f->bob.context, f->server->base_url, f->server->responder2);
  WAIT_UNTIL (n_refused (&f->bob) == 1 && sitrep_context_get_pending (f->bob.context) == 0);
  assert_both_offered (f, &f->bob);
  g_assert_cmpuint (n_refused (&f->alice), ==, 0);
  g_assert_true (shows (&f->alice, SITREP_PM_ROOT_CAUSE, ALICE));
}

/* Alice's text reaches Bob while he is typing in the same section: his
 * text stays in the editor and the page tells him. */
static void
test_change_under_typing (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *notice = _sitrep_postmortem_page_get_notice (page_of (&f->bob), SITREP_PM_LESSONS);
  SitrepPostmortemRecord *bob_record =
    sitrep_workspace_get_postmortem (test_workspace (f->bob.context, f->incident_id));

  /* Bob's text saves itself a moment after he stops; Alice's, saved at
   * once, normally reaches him within that moment. */
  type_into (editor (&f->bob, SITREP_PM_LESSONS), BOB);
  type_into (editor (&f->alice, SITREP_PM_LESSONS), ALICE);
  _sitrep_postmortem_page_save_now (page_of (&f->alice));

  WAIT_UNTIL (g_strcmp0 (sitrep_json_get_string (sitrep_record_object_get_body (SITREP_RECORD_OBJECT (bob_record)),
                                                 "lessons"), ALICE) == 0 ||
              sitrep_context_get_pending (f->bob.context) > 0);
  if (sitrep_context_get_pending (f->bob.context) == 0)
    {
      /* Hers arrived before his save: his text is still his, and flagged. */
      g_assert_true (shows (&f->bob, SITREP_PM_LESSONS, BOB));
      WAIT_UNTIL (gtk_widget_get_visible (notice));
      gui_test_save_screenshot (GTK_WIDGET (f->bob.window), "postmortem-changed-underneath.png");
    }
  _sitrep_postmortem_page_save_now (page_of (&f->bob));
  WAIT_UNTIL (sitrep_context_get_pending (f->bob.context) == 0 &&
              sitrep_context_get_pending (f->alice.context) == 0 &&
              n_refused (&f->alice) + n_refused (&f->bob) == 1);
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

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/gui/postmortem-sync/appears", test_appears);
  ADD ("/gui/postmortem-sync/offline-arrives", test_offline_arrives);
  ADD ("/gui/postmortem-sync/same-section-at-once", test_same_section_at_once);
  ADD ("/gui/postmortem-sync/same-section-apart", test_same_section_apart);
  ADD ("/gui/postmortem-sync/change-under-typing", test_change_under_typing);
#undef ADD

  return g_test_run ();
}

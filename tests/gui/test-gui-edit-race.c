/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-edit-race.c: two people editing one timeline entry, online
 *
 * Two apps (a context and a window each, as `sitrep` runs them) sync with a
 * real sitrep-server on 127.0.0.1. Alice and Bob open the same entry's
 * editor; Alice saves first and her text reaches Bob's window while his
 * editor is still open. Bob's editor says so at once, and his save ends in
 * a conflict that offers him both texts: nothing is silently replaced.
 */
#include "config.h"

#include <string.h>

#include "gui-test-apps.h"
#include "server-fixture.h"

#include "sitrep-conflict-dialog.h"
#include "sitrep-timeline-row.h"
#include "sitrep-window-private.h"

#define ORIGINAL "DB pool exhausted"
#define ALICE    "DB pool exhausted on db-2, failing over (alice)"
#define BOB      "DB pool exhausted: raised max connections to 200 (bob)"

typedef GuiTestApp App;

typedef struct
{
  SitrepTestServer *server;
  App               alice;
  App               bob;
  char             *incident_id;
  char             *entry_id;
} Fixture;

static void
app_open_timeline (App     *app,
                   Fixture *f)
{
  gui_test_app_open_page (app, f->incident_id, "timeline");
}

static SitrepTimelineEntry *
find_entry (App        *app,
            const char *id)
{
  SitrepTimelinePage *page = _sitrep_window_get_timeline (app->window);
  GListModel *model = G_LIST_MODEL (_sitrep_timeline_page_get_model (page));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SitrepTimelineEntry) entry = g_list_model_get_item (model, i);

      if (g_str_equal (sitrep_timeline_entry_get_id (entry), id))
        return entry;   /* the model keeps its own reference */
    }

  return NULL;
}

static const char *
entry_text (App     *app,
            Fixture *f)
{
  SitrepTimelineEntry *entry = find_entry (app, f->entry_id);

  return entry != NULL ? sitrep_timeline_entry_get_text (entry) : "";
}

static SitrepTimelineRow *
open_editor (App     *app,
             Fixture *f)
{
  SitrepTimelinePage *page = _sitrep_window_get_timeline (app->window);
  GtkWidget *row;

  WAIT_UNTIL ((row = _sitrep_timeline_page_get_row (page, f->entry_id)) != NULL);
  sitrep_timeline_row_start_edit (SITREP_TIMELINE_ROW (row));
  g_assert_true (sitrep_timeline_row_is_editing (SITREP_TIMELINE_ROW (row)));

  return SITREP_TIMELINE_ROW (row);
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
  f->entry_id = sitrep_workspace_add_timeline_entry (test_workspace (f->alice.context,
                                                                     f->incident_id),
                                                     NULL, SITREP_KIND_NOTE, ORIGINAL, &error);
  g_assert_no_error (error);

  /* Both apps hold the entry as the server has it. */
  WAIT_UNTIL (gui_test_app_synced (&f->alice, f->incident_id));
  WAIT_UNTIL (gui_test_app_synced (&f->bob, f->incident_id));
  app_open_timeline (&f->alice, f);
  app_open_timeline (&f->bob, f);
  WAIT_UNTIL (g_str_equal (entry_text (&f->bob, f), ORIGINAL));
  WAIT_UNTIL (sitrep_timeline_entry_get_version (find_entry (&f->bob, f->entry_id)) > 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gui_test_app_stop (&f->alice);
  gui_test_app_stop (&f->bob);
  g_clear_pointer (&f->server, sitrep_test_server_free);
  g_free (f->incident_id);
  g_free (f->entry_id);
}

static guint
n_refused (SitrepContext *context)
{
  g_autoptr(GPtrArray) edits = sitrep_context_dup_refused_edits (context);

  return edits->len;
}

static gboolean
notice_shows (GtkWidget  *widget,
              const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_label (GTK_LABEL (child)), text) != NULL &&
          strstr (gtk_label_get_label (GTK_LABEL (child)), "alice changed this entry while you were editing") != NULL)
        return TRUE;
      if (notice_shows (child, text))
        return TRUE;
    }

  return FALSE;
}

static void
save_text (SitrepTimelineRow *row,
           const char        *text)
{
  gtk_editable_set_text (_sitrep_timeline_row_get_text_entry (row), text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.save", NULL));
}

static void
test_second_save_conflicts (Fixture       *f,
                            gconstpointer  data)
{
  SitrepTimelineRow *alice_row, *bob_row;
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(SitrepRefusedEdit) edit = NULL;
  g_autoptr(GtkWidget) dialog = NULL;
  const char *body;

  /* Both press F2 on the entry. */
  alice_row = open_editor (&f->alice, f);
  bob_row = open_editor (&f->bob, f);
  g_assert_false (notice_shows (GTK_WIDGET (bob_row), ALICE));

  /* Alice saves; her text reaches Bob's window while he is still typing,
   * and his editor says so at once. */
  save_text (alice_row, ALICE);
  WAIT_UNTIL (g_str_equal (entry_text (&f->bob, f), ALICE));
  WAIT_UNTIL (sitrep_timeline_row_is_editing (SITREP_TIMELINE_ROW (
                _sitrep_timeline_page_get_row (_sitrep_window_get_timeline (f->bob.window),
                                               f->entry_id))));
  bob_row = SITREP_TIMELINE_ROW (_sitrep_timeline_page_get_row (_sitrep_window_get_timeline (f->bob.window),
                                                                f->entry_id));
  WAIT_UNTIL (notice_shows (GTK_WIDGET (bob_row), ALICE));
  gui_test_save_screenshot (GTK_WIDGET (f->bob.window), "edit-race-editor.png");

  /* Bob saves after her: the server refuses it as a conflict, and Bob is
   * offered both texts. */
  save_text (bob_row, BOB);
  WAIT_UNTIL (n_refused (f->bob.context) == 1);
  WAIT_UNTIL (sitrep_context_get_pending (f->bob.context) == 0);

  edits = sitrep_context_dup_refused_edits (f->bob.context);
  edit = sitrep_refused_edit_copy (edits->pdata[0]);
  g_assert_cmpstr (edit->coll, ==, "timeline");
  g_assert_cmpstr (edit->rec_id, ==, f->entry_id);
  g_assert_nonnull (edit->theirs);
  g_assert_cmpstr (json_object_get_string_member (edit->theirs, "text"), ==, ALICE);
  g_assert_cmpstr (json_object_get_string_member (edit->mine, "text"), ==, BOB);

  dialog = g_object_ref_sink (sitrep_conflict_dialog_new (GTK_WINDOW (f->bob.window),
                                                          f->bob.context, edit));
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, ALICE));
  g_assert_nonnull (strstr (body, BOB));
  g_assert_nonnull (strstr (body, "Changed by alice"));
  if (g_getenv ("SITREP_TEST_SCREENSHOTS") != NULL)
    {
      gtk_window_present (GTK_WINDOW (dialog));
      WAIT_UNTIL (gtk_widget_get_mapped (dialog) && gtk_widget_get_width (dialog) > 0);
      gui_test_save_screenshot (dialog, "edit-race-conflict.png");
    }
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Until Bob decides, nothing of Alice's was replaced anywhere. */
  g_assert_cmpstr (entry_text (&f->alice, f), ==, ALICE);
  g_assert_cmpstr (entry_text (&f->bob, f), ==, ALICE);
  g_assert_cmpuint (n_refused (f->alice.context), ==, 0);
}

/* Alice moves the entry's time while Bob fixes its text: different fields,
 * so both changes stand and nobody is asked. */
static void
test_other_field_merges (Fixture       *f,
                         gconstpointer  data)
{
  SitrepTimelineRow *alice_row, *bob_row;
  SitrepTimelineEntry *entry;
  g_autoptr(GDateTime) before = NULL;

  entry = find_entry (&f->alice, f->entry_id);
  before = g_date_time_ref (sitrep_timeline_entry_get_occurred_at (entry));

  alice_row = open_editor (&f->alice, f);
  bob_row = open_editor (&f->bob, f);

  gtk_editable_set_text (_sitrep_timeline_row_get_time_entry (alice_row), "-30m");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (alice_row), "row.save", NULL));
  WAIT_UNTIL (g_date_time_compare (sitrep_timeline_entry_get_occurred_at (find_entry (&f->bob, f->entry_id)),
                                   before) < 0);
  bob_row = SITREP_TIMELINE_ROW (_sitrep_timeline_page_get_row (_sitrep_window_get_timeline (f->bob.window),
                                                                f->entry_id));
  g_assert_true (sitrep_timeline_row_is_editing (bob_row));

  save_text (bob_row, BOB);
  WAIT_UNTIL (g_str_equal (entry_text (&f->alice, f), BOB));
  WAIT_UNTIL (sitrep_context_get_pending (f->bob.context) == 0);

  /* Bob's editor still held the old time: it did not put it back. */
  g_assert_cmpint (g_date_time_compare (sitrep_timeline_entry_get_occurred_at (find_entry (&f->alice, f->entry_id)),
                                        before), <, 0);
  g_assert_cmpint (g_date_time_compare (sitrep_timeline_entry_get_occurred_at (find_entry (&f->bob, f->entry_id)),
                                        before), <, 0);
  g_assert_cmpuint (n_refused (f->bob.context), ==, 0);
  g_assert_cmpuint (n_refused (f->alice.context), ==, 0);
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

  g_test_add ("/gui/edit-race/second-save-conflicts", Fixture, NULL, fixture_set_up,
              test_second_save_conflicts, fixture_tear_down);
  g_test_add ("/gui/edit-race/other-field-merges", Fixture, NULL, fixture_set_up,
              test_other_field_merges, fixture_tear_down);

  return g_test_run ();
}

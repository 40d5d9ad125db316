/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The conflict dialog: an edit the server refused shows both texts and
 * nothing is lost, whichever way the user decides. The server's answers are
 * played into a real store with the sync API, as the engine would. */
#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"

#include "sitrep-application.h"
#include "sitrep-conflict-dialog.h"
#include "sitrep-json.h"
#include "sitrep-time.h"
#include "sitrep-window-private.h"

typedef struct
{
  char          *dir;
  SitrepContext *context;
  char          *incident_id;
  char          *entry_id;
  GtkWindow     *window;
} Fixture;

static JsonObject *
entry_body (Fixture    *f,
            const char *text)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "incident_id", f->incident_id);
  json_object_set_string_member (body, "occurred_at", "2026-11-27T14:32:00Z");
  json_object_set_string_member (body, "kind", "note");
  json_object_set_string_member (body, "text", text);
  json_object_set_string_member (body, "author", "alice");
  json_object_set_boolean_member (body, "pinned", FALSE);
  return body;
}

/* The store as if synced: the server holds the incident and the entry at
 * version 5, nothing pending. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) incident = json_object_new ();
  g_autoptr(JsonObject) entry = NULL;
  SitrepRecord *records[2];

  f->dir = g_dir_make_tmp ("sitrep-conflict-XXXXXX", NULL);
  f->context = sitrep_context_new (f->dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "bob");
  f->incident_id = g_uuid_string_random ();
  f->entry_id = g_uuid_string_random ();

  json_object_set_string_member (incident, "title", "Checkout errors");
  json_object_set_string_member (incident, "severity", "P2");
  json_object_set_string_member (incident, "status", "investigating");
  json_object_set_string_member (incident, "declared_at", "2026-11-27T14:30:00Z");
  entry = entry_body (f, "DB pool exhausted");

  records[0] = sitrep_record_new ("incidents", f->incident_id, 4, FALSE, incident);
  records[1] = sitrep_record_new ("timeline", f->entry_id, 5, FALSE, entry);
  g_assert_true (sitrep_store_load_snapshot (sitrep_context_get_store (f->context), records, 2, 5,
                                             &error));
  g_assert_no_error (error);
  sitrep_record_free (records[0]);
  sitrep_record_free (records[1]);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->context);
  g_free (f->dir);
  g_free (f->incident_id);
  g_free (f->entry_id);
}

/* Alice's change of the entry reaches Bob's store through the feed. */
static void
feed_theirs (Fixture    *f,
             JsonObject *theirs)
{
  g_autoptr(GError) error = NULL;
  SitrepChange change = { 7, NULL, (char *) "alice", (char *) "other-client", 3 };
  SitrepChange *changes[] = { &change };

  change.record = sitrep_record_new ("timeline", f->entry_id, 7, FALSE, theirs);
  g_assert_true (sitrep_store_apply_changes (sitrep_context_get_store (f->context), changes, 1,
                                             7, &error));
  g_assert_no_error (error);
  sitrep_record_free (change.record);
}

/* Bob edits the entry; the server answers that Alice changed it first.
 * With @via_feed, Alice's change reached Bob's store before the answer. */
static SitrepConflict *
make_conflict_full (Fixture          *f,
                    SitrepPushStatus  status,
                    gboolean          via_feed)
{
  SitrepStore *store = sitrep_context_get_store (f->context);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) theirs = entry_body (f, "DB pool exhausted on db-2 (alice)");
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  SitrepMutation *sent;
  SitrepPushResult result = { 0 };
  gboolean signalled = FALSE;
  gulong handler;

  json_object_set_string_member (fields, "text", "DB pool exhausted: raised to 200 (bob)");
  g_assert_true (sitrep_workspace_edit_timeline_entry (test_workspace (f->context, f->incident_id), f->entry_id, fields, &error));
  g_assert_no_error (error);

  /* The edit is checked against the version Bob saw. */
  pending = sitrep_store_outbox_peek (store, 10, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  sent = pending->pdata[0];
  g_assert_cmpint (sent->base_version, ==, 5);
  if (via_feed)
    feed_theirs (f, theirs);

  result.mid = sent->mid;
  result.status = status;
  if (status == SITREP_PUSH_CONFLICT)
    result.current = sitrep_record_new ("timeline", f->entry_id, 7, FALSE, theirs);
  else
    {
      result.error = g_strdup ("bad_request");
      result.message = g_strdup ("text: too long");
    }

  handler = g_signal_connect_swapped (store, "conflicts-changed",
                                      G_CALLBACK (g_nullify_pointer), &signalled);
  signalled = TRUE;
  g_assert_true (sitrep_store_outbox_ack (store, &result, 1, &error));
  g_assert_no_error (error);
  g_assert_false (signalled);   /* the handler cleared it: emitted */
  g_signal_handler_disconnect (store, handler);
  sitrep_push_result_clear (&result);
  g_assert_cmpuint (sitrep_store_get_pending (store), ==, 0);

  conflicts = sitrep_store_list_conflicts (store, &error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  return g_ptr_array_steal_index (conflicts, 0);
}

static SitrepConflict *
make_conflict (Fixture          *f,
               SitrepPushStatus  status)
{
  return make_conflict_full (f, status, FALSE);
}

static const char *
visible_text (Fixture *f)
{
  static char *text;
  g_autoptr(SitrepRecord) record = sitrep_store_get (sitrep_context_get_store (f->context),
                                                     "timeline", f->entry_id);

  g_free (text);
  text = g_strdup (sitrep_json_get_string (record->body, "text"));
  return text;
}

static AdwMessageDialog *
present (Fixture        *f,
         SitrepConflict *conflict)
{
  g_autoptr(SitrepRefusedEdit) edit = sitrep_refused_edit_new_from_conflict (conflict);
  GtkWidget *dialog = sitrep_conflict_dialog_new (f->window, f->context, edit);

  gtk_window_present (GTK_WINDOW (dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

static guint
n_conflicts (Fixture *f)
{
  g_autoptr(GPtrArray) conflicts = sitrep_store_list_conflicts (sitrep_context_get_store (f->context),
                                                                NULL);

  return conflicts->len;
}

static void
test_both_shown_keep_mine (Fixture       *f,
                           gconstpointer  data)
{
  SitrepConflict *conflict = make_conflict (f, SITREP_PUSH_CONFLICT);
  g_autoptr(GPtrArray) pending = NULL;
  AdwMessageDialog *dialog;
  SitrepMutation *resent;

  /* Until decided, the entry shows the server's text… */
  g_assert_cmpstr (visible_text (f), ==, "DB pool exhausted on db-2 (alice)");

  /* …and the dialog shows both. */
  dialog = present (f, conflict);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Someone Else Edited This Entry");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "DB pool exhausted: raised to 200 (bob)"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "DB pool exhausted on db-2 (alice)"));

  adw_message_dialog_response (dialog, "mine");

  /* Mine goes out again, checked against their version 7. */
  g_assert_cmpstr (visible_text (f), ==, "DB pool exhausted: raised to 200 (bob)");
  pending = sitrep_store_outbox_peek (sitrep_context_get_store (f->context), 10, NULL);
  g_assert_cmpuint (pending->len, ==, 1);
  resent = pending->pdata[0];
  g_assert_cmpint (resent->op, ==, SITREP_MUTATION_PUT);
  g_assert_cmpint (resent->base_version, ==, 7);
  g_assert_cmpuint (n_conflicts (f), ==, 0);
  sitrep_conflict_free (conflict);
}

static void
test_take_theirs (Fixture       *f,
                  gconstpointer  data)
{
  SitrepConflict *conflict = make_conflict (f, SITREP_PUSH_CONFLICT);
  AdwMessageDialog *dialog = present (f, conflict);

  adw_message_dialog_response (dialog, "theirs");
  g_assert_cmpstr (visible_text (f), ==, "DB pool exhausted on db-2 (alice)");
  g_assert_cmpuint (sitrep_store_get_pending (sitrep_context_get_store (f->context)), ==, 0);
  g_assert_cmpuint (n_conflicts (f), ==, 0);
  sitrep_conflict_free (conflict);
}

static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static void
test_edit_from_both (Fixture       *f,
                     gconstpointer  data)
{
  SitrepConflict *conflict = make_conflict (f, SITREP_PUSH_CONFLICT);
  AdwMessageDialog *dialog = present (f, conflict);
  AdwMessageDialog *editor;
  GtkEditable *entry;

  adw_message_dialog_response (dialog, "edit");
  WAIT_UNTIL ((editor = find_dialog ("Edit From Both")) != NULL);
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (editor));
  /* The editor starts from mine and shows theirs. */
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "DB pool exhausted: raised to 200 (bob)");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (editor), "db-2 (alice)"));

  gtk_editable_set_text (entry, "DB pool exhausted on db-2; raised to 200");
  adw_message_dialog_response (editor, "save");
  g_assert_cmpstr (visible_text (f), ==, "DB pool exhausted on db-2; raised to 200");
  g_assert_cmpuint (sitrep_store_get_pending (sitrep_context_get_store (f->context)), ==, 1);
  g_assert_cmpuint (n_conflicts (f), ==, 0);
  sitrep_conflict_free (conflict);
}

static void
test_later_keeps_it (Fixture       *f,
                     gconstpointer  data)
{
  SitrepConflict *conflict = make_conflict (f, SITREP_PUSH_CONFLICT);
  AdwMessageDialog *dialog = present (f, conflict);
  g_autoptr(GPtrArray) conflicts = NULL;
  SitrepConflict *kept;

  /* Put off: nothing is decided or sent… */
  adw_message_dialog_response (dialog, "later");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (visible_text (f), ==, "DB pool exhausted on db-2 (alice)");
  g_assert_cmpuint (sitrep_store_get_pending (sitrep_context_get_store (f->context)), ==, 0);

  /* …and the same conflict is still listed, with my text in it… */
  conflicts = sitrep_store_list_conflicts (sitrep_context_get_store (f->context), NULL);
  g_assert_cmpuint (conflicts->len, ==, 1);
  kept = conflicts->pdata[0];
  g_assert_cmpint (kept->id, ==, conflict->id);

  /* …so asked again it shows both texts, and keeping mine still works. */
  dialog = present (f, kept);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "DB pool exhausted: raised to 200 (bob)"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "DB pool exhausted on db-2 (alice)"));
  adw_message_dialog_response (dialog, "mine");
  g_assert_cmpstr (visible_text (f), ==, "DB pool exhausted: raised to 200 (bob)");
  g_assert_cmpuint (sitrep_store_get_pending (sitrep_context_get_store (f->context)), ==, 1);
  g_assert_cmpuint (n_conflicts (f), ==, 0);
  sitrep_conflict_free (conflict);
}

/* The dialog says which entry it is about, and who made the change that
 * stands and when, as the feed told this app. */
static void
test_names_entry_and_author (Fixture       *f,
                             gconstpointer  data)
{
  SitrepConflict *conflict = make_conflict_full (f, SITREP_PUSH_CONFLICT, TRUE);
  g_autoptr(GPtrArray) edits = sitrep_context_dup_refused_edits (f->context);
  SitrepRefusedEdit *edit;
  GtkWidget *dialog;
  const char *body;

  g_assert_cmpuint (edits->len, ==, 1);
  edit = edits->pdata[0];
  g_assert_cmpstr (edit->changed_by, ==, "alice");
  g_assert_nonnull (edit->changed_at);

  dialog = sitrep_conflict_dialog_new (f->window, f->context, edit);
  gtk_window_present (GTK_WINDOW (dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (dialog));
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "The entry at 2026-11-27 14:32:00 UTC"));
  g_assert_nonnull (strstr (body, "“DB pool exhausted on db-2 (alice)”"));
  g_assert_nonnull (strstr (body, "Changed by alice at "));
  g_assert_nonnull (strstr (body, "DB pool exhausted: raised to 200 (bob)"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "theirs");
  g_assert_cmpuint (n_conflicts (f), ==, 0);
  sitrep_conflict_free (conflict);
}

/* A token that may not edit refuses every waiting edit at once: one
 * question answers all of them, and nothing typed is lost. */
static void
test_refused_together (Fixture       *f,
                       gconstpointer  data)
{
  SitrepStore *store = sitrep_context_get_store (f->context);
  SitrepWorkspace *workspace = test_workspace (f->context, f->incident_id);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL;
  GtkWidget *dialog;
  guint n_refused = 0;
  GValue value = G_VALUE_INIT;

  json_object_set_string_member (fields, "text", "DB pool exhausted: raised to 200 (bob)");
  g_assert_true (sitrep_workspace_edit_timeline_entry (workspace, f->entry_id, fields, &error));
  first = sitrep_workspace_add_timeline_entry (workspace, NULL, SITREP_KIND_ACTION,
                                               "Failed over to db-3", &error);
  second = sitrep_workspace_add_timeline_entry (workspace, NULL, SITREP_KIND_NOTE,
                                                "Error rate back under 1%", &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_store_outbox_refuse_all (store, "Read-only: this token can view but not edit",
                                                 &n_refused, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_refused, ==, 3);

  edits = sitrep_context_dup_refused_edits (f->context);
  g_assert_cmpuint (edits->len, ==, 3);
  dialog = sitrep_conflict_dialog_new (f->window, f->context, edits->pdata[0]);
  gtk_window_present (GTK_WINDOW (dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "The Server Refused Edits");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "3 edits were refused for this reason"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "copy"));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "copy");
  g_assert_cmpuint (n_conflicts (f), ==, 0);

  /* Every text is on the clipboard, one a line. */
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (gdk_display_get_clipboard (gdk_display_get_default ())),
                                                 &value, NULL));
  g_assert_nonnull (strstr (g_value_get_string (&value), "raised to 200 (bob)"));
  g_assert_nonnull (strstr (g_value_get_string (&value), "Failed over to db-3"));
  g_assert_nonnull (strstr (g_value_get_string (&value), "Error rate back under 1%"));
  g_value_unset (&value);
}

static SitrepWindow *
app_window (SitrepApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (SITREP_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* In the app: "Later" leaves "1 edit to settle" in the window's header,
 * and that asks again. */
static void
test_later_leaves_trace (Fixture       *f,
                         gconstpointer  data)
{
  SitrepConflict *conflict = make_conflict_full (f, SITREP_PUSH_CONFLICT, TRUE);
  g_autoptr(SitrepApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  SitrepWindow *window;
  GtkButton *settle;

  /* The incident is over, so no reminder is due: no notification daemon
   * runs for this test. The app opens the same database, with the
   * conflict waiting in it. */
  {
    g_autoptr(JsonObject) closed = json_object_new ();

    json_object_set_string_member (closed, "status", "closed");
    g_assert_true (sitrep_store_patch (sitrep_context_get_store (f->context), "incidents",
                                       f->incident_id, closed, &error));
    g_assert_no_error (error);
  }
  g_clear_object (&f->context);
  app = sitrep_application_new (f->dir, FALSE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  WAIT_UNTIL ((window = app_window (app)) != NULL);
  settle = _sitrep_window_get_settle_button (window);

  /* Asked at once, naming the entry and Alice… */
  WAIT_UNTIL ((dialog = find_dialog ("Someone Else Edited This Entry")) != NULL);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Changed by alice"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "The entry at "));

  /* …and put off: the header keeps it in sight. */
  adw_message_dialog_response (dialog, "later");
  gtk_window_destroy (GTK_WINDOW (dialog));   /* as its button does after answering */
  WAIT_IDLE ();
  g_assert_null (find_dialog ("Someone Else Edited This Entry"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (settle)));
  g_assert_cmpstr (gtk_button_get_label (settle), ==, "1 edit to settle");

  /* The button asks again; taking theirs settles it and the trace goes. */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (settle)));
  WAIT_UNTIL ((dialog = find_dialog ("Someone Else Edited This Entry")) != NULL);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "DB pool exhausted: raised to 200 (bob)"));
  adw_message_dialog_response (dialog, "theirs");
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (settle)));

  gui_test_destroy (GTK_WINDOW (window));
  sitrep_conflict_free (conflict);
}

static void
text_read (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  char **out = user_data;
  char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  *out = text ? text : g_strdup ("");
}

static void
test_rejected_copy (Fixture       *f,
                    gconstpointer  data)
{
  SitrepConflict *conflict = make_conflict (f, SITREP_PUSH_REJECTED);
  AdwMessageDialog *dialog = present (f, conflict);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));
  g_autofree char *copied = NULL;

  /* A rejected edit is not applied: the entry shows the server's text. */
  g_assert_cmpstr (visible_text (f), ==, "DB pool exhausted");

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Server Refused an Edit");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "text: too long"));
  g_assert_cmpstr (conflict->kind, ==, "rejected");

  adw_message_dialog_response (dialog, "copy");
  gdk_clipboard_read_text_async (clipboard, NULL, text_read, &copied);
  WAIT_UNTIL (copied != NULL);
  g_assert_cmpstr (copied, ==, "“DB pool exhausted: raised to 200 (bob)”");
  g_assert_cmpuint (n_conflicts (f), ==, 0);
  sitrep_conflict_free (conflict);
}

/* A refused patch means their record with the patch's fields laid over it;
 * a put means its own body, a delete no body. */
static void
test_mine_body (void)
{
  g_autoptr(JsonObject) mine = json_object_new ();
  g_autoptr(JsonObject) theirs = json_object_new ();
  SitrepRefusedEdit edit = { 1, (char *) "conflict", (char *) "timeline", (char *) "x",
                             (char *) "patch", mine, theirs, 3, NULL };
  g_autoptr(JsonObject) body = NULL;

  json_object_set_string_member (mine, "text", "raised to 200");
  json_object_set_null_member (mine, "pinned");
  json_object_set_string_member (theirs, "text", "raised to 150");
  json_object_set_string_member (theirs, "kind", "action");
  json_object_set_boolean_member (theirs, "pinned", TRUE);

  body = sitrep_refused_edit_dup_mine_body (&edit);
  g_assert_nonnull (body);
  g_assert_cmpstr (sitrep_json_get_string (body, "text"), ==, "raised to 200");
  g_assert_cmpstr (sitrep_json_get_string (body, "kind"), ==, "action");
  g_assert_true (json_object_has_member (body, "pinned"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (body, "pinned")));
  /* Theirs is left as it was. */
  g_assert_cmpstr (sitrep_json_get_string (theirs, "text"), ==, "raised to 150");

  edit.op = (char *) "put";
  g_clear_pointer (&body, json_object_unref);
  body = sitrep_refused_edit_dup_mine_body (&edit);
  g_assert_false (json_object_has_member (body, "kind"));

  edit.op = (char *) "delete";
  g_clear_pointer (&body, json_object_unref);
  g_assert_null (sitrep_refused_edit_dup_mine_body (&edit));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/conflict/keep-mine", Fixture, NULL, fixture_set_up,
              test_both_shown_keep_mine, fixture_tear_down);
  g_test_add ("/gui/conflict/take-theirs", Fixture, NULL, fixture_set_up, test_take_theirs,
              fixture_tear_down);
  g_test_add ("/gui/conflict/edit", Fixture, NULL, fixture_set_up, test_edit_from_both,
              fixture_tear_down);
  g_test_add ("/gui/conflict/later", Fixture, NULL, fixture_set_up, test_later_keeps_it,
              fixture_tear_down);
  g_test_add ("/gui/conflict/rejected", Fixture, NULL, fixture_set_up, test_rejected_copy,
              fixture_tear_down);
  g_test_add ("/gui/conflict/names-entry-and-author", Fixture, NULL, fixture_set_up,
              test_names_entry_and_author, fixture_tear_down);
  g_test_add ("/gui/conflict/later-leaves-trace", Fixture, NULL, fixture_set_up,
              test_later_leaves_trace, fixture_tear_down);
  g_test_add_func ("/gui/conflict/mine-body", test_mine_body);
  g_test_add ("/gui/conflict/refused-together", Fixture, NULL, fixture_set_up,
              test_refused_together, fixture_tear_down);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "gui-test-util.h"

#include "sitrep-comms-page-private.h"
#include "sitrep-deadlines.h"
#include "sitrep-json.h"
#include "sitrep-time.h"

typedef struct
{
  char            *data_dir;
  SitrepContext   *context;
  char            *incident_id;
  GtkWindow       *window;
  SitrepCommsPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->data_dir = g_dir_make_tmp ("sitrep-gui-comms-XXXXXX", NULL);
  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "casey");
  /* No customer impact yet: {{impact}} has nothing to fill it. */
  f->incident_id = sitrep_context_declare_incident (f->context, "Payments failing", "payments",
                                                    "", SITREP_SEVERITY_P1, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_workspace_assign_role (test_workspace (f->context, f->incident_id), SITREP_ROLE_COMMANDER,
                                             "alice", &error));
  g_assert_no_error (error);

  f->page = SITREP_COMMS_PAGE (sitrep_comms_page_new ());
  sitrep_incident_page_set_context (SITREP_INCIDENT_PAGE (f->page), f->context);
  sitrep_incident_page_set_incident (SITREP_INCIDENT_PAGE (f->page),
                                  sitrep_context_lookup_incident (f->context, f->incident_id));

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 800);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
  gtk_window_set_child (f->window, overlay);
  gtk_window_present (f->window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gui_test_destroy (f->window);
  g_clear_object (&f->context);
  g_free (f->incident_id);
  g_free (f->data_dir);
}

static char *
body_text (Fixture *f)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (_sitrep_comms_page_get_body_view (f->page));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
body_is (Fixture    *f,
         const char *text)
{
  g_autofree char *body = body_text (f);

  return g_strcmp0 (body, text) == 0;
}

static void
set_body (Fixture    *f,
          const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (_sitrep_comms_page_get_body_view (f->page)),
                            text, -1);
}

static const char *
title_text (Fixture *f)
{
  return gtk_editable_get_text (GTK_EDITABLE (_sitrep_comms_page_get_title_row (f->page)));
}

static gboolean
send_enabled (Fixture *f)
{
  return gtk_widget_is_sensitive (_sitrep_comms_page_get_send_button (f->page));
}

static gboolean
flagged (Fixture *f)
{
  return gtk_widget_get_mapped (GTK_WIDGET (_sitrep_comms_page_get_flag_row (f->page)));
}

static const char *
flags (Fixture *f)
{
  return adw_action_row_get_subtitle (_sitrep_comms_page_get_flag_row (f->page));
}

static void
select_template (Fixture    *f,
                 const char *key)
{
  int position = _sitrep_comms_page_find_template (f->page, key);

  g_assert_cmpint (position, >=, 0);
  adw_combo_row_set_selected (_sitrep_comms_page_get_template_row (f->page), position);
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static AdwActionRow *
due_row (Fixture    *f,
         const char *title)
{
  GtkListBox *list = _sitrep_comms_page_get_due_list (f->page);
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return ADW_ACTION_ROW (row);
  return NULL;
}

static GDateTime *
status_page_due (Fixture *f)
{
  g_autoptr(GPtrArray) deadlines = sitrep_workspace_dup_deadlines (test_workspace (f->context, f->incident_id));

  for (guint i = 0; i < deadlines->len; i++)
    {
      SitrepDeadline *deadline = deadlines->pdata[i];

      if (deadline->kind == SITREP_DEADLINE_UPDATE &&
          deadline->audience == SITREP_AUDIENCE_STATUS_PAGE)
        return g_date_time_ref (deadline->due);
    }
  return NULL;
}

static guint
count_kind (GPtrArray  *entries,
            const char *kind)
{
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      SitrepRecord *record = entries->pdata[i];

      if (g_strcmp0 (sitrep_json_get_string (record->body, "kind"), kind) == 0)
        n++;
    }
  return n;
}

static void
test_due (Fixture       *f,
          gconstpointer  data)
{
  GtkListBox *list = _sitrep_comms_page_get_due_list (f->page);
  AdwActionRow *executives;
  AdwActionRow *status_page;
  GtkWidget *child;
  GtkWidget *countdown = NULL;
  GtkWidget *compose = NULL;

  /* A P1 updates the executives and the status page every 30 min. */
  executives = due_row (f, "Executive update due");
  status_page = due_row (f, "Status page update due");
  g_assert_nonnull (executives);
  g_assert_nonnull (status_page);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (executives), " UTC · "));
  g_assert_cmpuint (n_rows (list), ==, 2);

  /* The countdown, and the Compose button that picks that audience. */
  for (GtkWidget *w = GTK_WIDGET (executives); w != NULL; )
    {
      if (GTK_IS_LABEL (w) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (w)), "in "))
        countdown = w;
      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), "Compose") == 0)
        compose = w;

      /* depth first through the row */
      if ((child = gtk_widget_get_first_child (w)) != NULL)
        w = child;
      else
        {
          while (w != GTK_WIDGET (executives) && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == GTK_WIDGET (executives) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (countdown);
  /* The one countdown of every view counts wall-clock minutes: 30 min
   * ahead, or 29 if the page came up in the next minute. */
  g_assert_true (g_str_equal (gtk_label_get_label (GTK_LABEL (countdown)), "in 30 min") ||
                 g_str_equal (gtk_label_get_label (GTK_LABEL (countdown)), "in 29 min"));
  g_assert_false (gtk_widget_has_css_class (countdown, "error"));
  g_assert_nonnull (compose);

  adw_combo_row_set_selected (_sitrep_comms_page_get_audience_row (f->page),
                              SITREP_AUDIENCE_INTERNAL);
  /* A button's activation clicks it after its press animation. */
  gtk_widget_activate (compose);
  WAIT_UNTIL (adw_combo_row_get_selected (_sitrep_comms_page_get_audience_row (f->page)) ==
              SITREP_AUDIENCE_EXECUTIVES);
  g_assert_cmpint (adw_combo_row_get_selected (_sitrep_comms_page_get_template_row (f->page)),
                   ==, _sitrep_comms_page_find_template (f->page, "executive-update"));
  g_assert_true (g_str_has_suffix (title_text (f), " Payments failing - Executive Update"));
}

static void
test_compose (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *body = NULL;
  g_autofree char *preview = NULL;

  sitrep_comms_page_compose (f->page, SITREP_AUDIENCE_STATUS_PAGE);

  g_assert_cmpuint (adw_combo_row_get_selected (_sitrep_comms_page_get_audience_row (f->page)),
                    ==, SITREP_AUDIENCE_STATUS_PAGE);
  g_assert_cmpint (adw_combo_row_get_selected (_sitrep_comms_page_get_template_row (f->page)),
                   ==, _sitrep_comms_page_find_template (f->page, "status-page-initial"));
  /* The status page's own templates come first. */
  g_assert_cmpint (_sitrep_comms_page_find_template (f->page, "status-page-initial"), ==, 0);

  body = body_text (f);
  g_assert_cmpstr (body, ==,
                   "We are investigating reports of issues with payments. "
                   "We will provide updates as we learn more.");
  g_assert_cmpstr (title_text (f), ==, "Payments - Service Disruption");
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (_sitrep_comms_page_get_body_view (f->page))));

  /* Nothing left to fill in: it may go. */
  g_assert_false (flagged (f));
  g_assert_true (send_enabled (f));
  g_assert_cmpstr (gtk_label_get_label (_sitrep_comms_page_get_preview_body (f->page)), ==, body);

  /* The preview follows edits. */
  set_body (f, "We are investigating reports of issues with card payments.");
  g_assert_cmpstr (gtk_label_get_label (_sitrep_comms_page_get_preview_body (f->page)), ==,
                   "We are investigating reports of issues with card payments.");
}

static void
test_flagged (Fixture       *f,
              gconstpointer  data)
{
  SitrepStore *store = sitrep_context_get_store (f->context);
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) sent = NULL;
  GString *filled;

  sitrep_comms_page_compose (f->page, SITREP_AUDIENCE_STATUS_PAGE);

  /* The status page update's impact details are optional: with no
   * customer impact the sentence is left out, and nothing is flagged. */
  select_template (f, "status-page-update");
  body = body_text (f);
  g_assert_nonnull (strstr (body, "with payments and are working on a fix. We will continue"));
  g_assert_false (flagged (f));
  g_assert_true (send_enabled (f));
  g_clear_pointer (&body, g_free);

  /* The executive update's is not: the placeholder stays, flagged. */
  select_template (f, "executive-update");
  body = body_text (f);
  g_assert_nonnull (strstr (body, "Impact: {{impact}}."));
  g_assert_true (flagged (f));
  g_assert_cmpstr (flags (f), ==, "{{impact}}");
  g_assert_false (send_enabled (f));

  /* Neither the button nor the shortcut sends it: the action runs at once
   * and the store is read right after it. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "comms.send", NULL);
  sent = sitrep_store_list (store, "communications", f->incident_id, NULL);
  g_assert_true (sent == NULL || sent->len == 0);

  /* Filling it in makes it sendable. */
  filled = g_string_new (body);
  g_string_replace (filled, "{{impact}}", "Some card payments fail", 0);
  set_body (f, filled->str);
  g_string_free (filled, TRUE);
  g_assert_false (flagged (f));
  g_assert_true (send_enabled (f));

  /* A typo in a placeholder and a guide's [blank] are flagged too, in the
   * title as well as in the text. */
  set_body (f, "Cause: [Brief explanation of what happened]. Service: {{serivce}}.");
  g_assert_true (flagged (f));
  g_assert_cmpstr (flags (f), ==, "{{serivce}}, [Brief explanation of what happened]");
  g_assert_false (send_enabled (f));
  /* An optional placeholder typed in is not filled when sent: flagged. */
  set_body (f, "Impact: {{impact?}}.");
  g_assert_true (flagged (f));
  g_assert_false (send_enabled (f));
  set_body (f, "All good.");
  g_assert_true (send_enabled (f));
  gtk_editable_set_text (GTK_EDITABLE (_sitrep_comms_page_get_title_row (f->page)),
                         "{{ref}} update");
  g_assert_true (flagged (f));
  g_assert_false (send_enabled (f));
  gtk_editable_set_text (GTK_EDITABLE (_sitrep_comms_page_get_title_row (f->page)), "Update");
  g_assert_true (send_enabled (f));

  /* An empty text is not sendable either. */
  set_body (f, "  \n ");
  g_assert_false (flagged (f));
  g_assert_false (send_enabled (f));
}

static void
test_send (Fixture       *f,
           gconstpointer  data)
{
  SitrepStore *store = sitrep_context_get_store (f->context);
  AdwComboRow *status_row = _sitrep_comms_page_get_status_row (f->page);
  GtkListBox *history = _sitrep_comms_page_get_history_list (f->page);
  g_autoptr(GPtrArray) before = sitrep_context_list_timeline (f->context, f->incident_id);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) sent_at = NULL;
  g_autoptr(GDateTime) due_before = status_page_due (f);
  g_autoptr(GDateTime) due_after = NULL;
  g_autofree char *body = NULL;
  g_autofree char *title = NULL;
  SitrepRecord *record;
  GtkListBoxRow *row;
  SitrepIncident *incident = sitrep_context_lookup_incident (f->context, f->incident_id);
  GTimeSpan moved;

  g_assert_cmpuint (n_rows (history), ==, 0);
  sitrep_comms_page_compose (f->page, SITREP_AUDIENCE_STATUS_PAGE);
  body = body_text (f);
  title = g_strdup (title_text (f));

  /* Only the moves the incident may make are offered. */
  g_assert_cmpint (_sitrep_comms_page_find_status (f->page, SITREP_STATUS_INVALID), ==, 0);
  g_assert_cmpint (_sitrep_comms_page_find_status (f->page, SITREP_STATUS_INVESTIGATING), ==, -1);
  g_assert_cmpint (_sitrep_comms_page_find_status (f->page, SITREP_STATUS_CLOSED), ==, -1);
  adw_combo_row_set_selected (status_row,
                              _sitrep_comms_page_find_status (f->page, SITREP_STATUS_IDENTIFIED));

  g_assert_true (send_enabled (f));
  gtk_widget_activate (_sitrep_comms_page_get_send_button (f->page));
  WAIT_UNTIL (send_enabled (f) == FALSE);

  /* Exactly one communication, as the composer had it. */
  sent = sitrep_store_list (store, "communications", f->incident_id, NULL);
  g_assert_nonnull (sent);
  g_assert_cmpuint (sent->len, ==, 1);
  record = sent->pdata[0];
  g_assert_cmpstr (sitrep_json_get_string (record->body, "audience"), ==, "status_page");
  g_assert_cmpstr (sitrep_json_get_string (record->body, "title"), ==, title);
  g_assert_cmpstr (sitrep_json_get_string (record->body, "body"), ==, body);
  g_assert_cmpstr (sitrep_json_get_string (record->body, "sent_by"), ==, "casey");
  sent_at = sitrep_time_parse (sitrep_json_get_string (record->body, "sent_at"));
  g_assert_nonnull (sent_at);
  g_assert_cmpint (g_date_time_difference (sent_at, start), >=, -G_TIME_SPAN_SECOND);
  g_assert_cmpint (g_date_time_difference (sent_at, start), <, 30 * G_TIME_SPAN_SECOND);

  /* A communication entry and a status entry; the incident is identified. */
  after = sitrep_context_list_timeline (f->context, f->incident_id);
  g_assert_cmpuint (count_kind (after, "communication"), ==,
                    count_kind (before, "communication") + 1);
  g_assert_cmpuint (count_kind (after, "status"), ==, count_kind (before, "status") + 1);
  g_assert_cmpuint (after->len, ==, before->len + 2);
  g_assert_cmpint (sitrep_incident_get_status (incident), ==, SITREP_STATUS_IDENTIFIED);

  /* The status page's clock restarted: next due 30 min from now. */
  due_after = status_page_due (f);
  g_assert_nonnull (due_before);
  g_assert_nonnull (due_after);
  moved = g_date_time_difference (due_after, start);
  g_assert_cmpint (moved, >=, 29 * G_TIME_SPAN_MINUTE);
  g_assert_cmpint (moved, <=, 31 * G_TIME_SPAN_MINUTE);
  g_assert_cmpint (g_date_time_compare (due_after, due_before), >, 0);

  /* The editors are cleared, and nothing empty can go out again. */
  g_assert_cmpstr (title_text (f), ==, "");
  g_assert_false (send_enabled (f));
  WAIT_UNTIL (_sitrep_comms_page_find_status (f->page, SITREP_STATUS_IDENTIFIED) == -1);
  g_assert_cmpint (_sitrep_comms_page_find_status (f->page, SITREP_STATUS_MONITORING), >, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (status_row), ==, 0);

  /* The history shows it. */
  WAIT_UNTIL (n_rows (history) == 1);
  row = gtk_list_box_get_row_at_index (history, 0);
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                            "Status page · "));
  g_assert_true (g_str_has_suffix (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                                   " UTC · by casey"));
}

static void
test_live (Fixture       *f,
           gconstpointer  data)
{
  GtkListBox *history = _sitrep_comms_page_get_history_list (f->page);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GtkListBoxRow *row;

  /* Someone else records an update: it shows, newest first. */
  id = sitrep_workspace_send_communication (test_workspace (f->context, f->incident_id), SITREP_AUDIENCE_EXECUTIVES,
                                          NULL, SITREP_STATUS_INVALID, "Exec <brief>",
                                          "All hands on deck.", &error);
  g_assert_no_error (error);
  WAIT_UNTIL (n_rows (history) == 1);
  row = gtk_list_box_get_row_at_index (history, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Exec &lt;brief&gt;");
  g_assert_true (g_str_has_prefix (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                                   "Executives · "));
  g_assert_nonnull (due_row (f, "Executive update due"));
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
test_copy (Fixture       *f,
           gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->page));
  g_autofree char *copied = NULL;

  gdk_clipboard_set_text (clipboard, "something else");
  sitrep_comms_page_compose (f->page, SITREP_AUDIENCE_STATUS_PAGE);
  g_signal_emit_by_name (_sitrep_comms_page_get_copy_button (f->page), "clicked");

  gdk_clipboard_read_text_async (clipboard, NULL, text_read, &copied);
  WAIT_UNTIL (copied != NULL);
  g_assert_cmpstr (copied, ==,
                   "Payments - Service Disruption\n\n"
                   "We are investigating reports of issues with payments. "
                   "We will provide updates as we learn more.");
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *replaced = NULL;
  g_autofree char *restored = NULL;
  GtkWidget *undo = NULL;

  sitrep_comms_page_compose (f->page, SITREP_AUDIENCE_STATUS_PAGE);
  set_body (f, "My own words.");

  /* A template chosen over the user's text replaces it, with an Undo. */
  select_template (f, "status-page-resolution");
  replaced = body_text (f);
  g_assert_true (g_str_has_prefix (replaced, "The issues affecting payments have been resolved."));
  WAIT_UNTIL ((undo = find_button (GTK_WIDGET (f->window), "_Undo")) != NULL);
  gtk_widget_activate (undo);
  WAIT_UNTIL (body_is (f, "My own words."));
  g_assert_cmpstr (title_text (f), ==, "Payments - Service Disruption");

  /* A change of audience keeps the user's text. */
  adw_combo_row_set_selected (_sitrep_comms_page_get_audience_row (f->page),
                              SITREP_AUDIENCE_CUSTOMERS);
  g_clear_pointer (&restored, g_free);
  restored = body_text (f);
  g_assert_cmpstr (restored, ==, "My own words.");
}

/* The briefing's deadlines are the Overview's: each one, and as the next
 * update the soonest that a communication meets. */
static void
assert_briefing_agrees (Fixture *f)
{
  g_autofree char *briefing = sitrep_workspace_handover_briefing (test_workspace (f->context, f->incident_id));
  g_autoptr(GPtrArray) deadlines = sitrep_workspace_dup_deadlines (test_workspace (f->context, f->incident_id));
  g_autofree char *next_line = NULL;

  g_assert_cmpuint (deadlines->len, >, 0);
  for (guint i = 0; i < deadlines->len; i++)
    {
      SitrepDeadline *deadline = deadlines->pdata[i];
      g_autofree char *due = g_date_time_format (deadline->due, "%Y-%m-%d %H:%M UTC");
      g_autofree char *line = g_strdup_printf ("\n  %s: %s\n", deadline->label, due);

      if (strstr (briefing, line) == NULL)
        g_error ("Briefing lacks \"%s\":\n%s", line + 1, briefing);
      if (next_line == NULL && deadline->kind != SITREP_DEADLINE_RESPOND)
        next_line = g_strdup_printf ("\n  Next update due: %s (%s)\n", due, deadline->label);
    }
  g_assert_nonnull (next_line);
  if (strstr (briefing, next_line) == NULL)
    g_error ("Briefing lacks \"%s\":\n%s", next_line + 1, briefing);
}

/* A briefing is read where the reader is: each time as the local clock
 * shows it, then in UTC. Run with TZ set, in a process of its own (GLib
 * keeps the local zone it first reads). */
static void
test_briefing_local_time (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *briefing = NULL;
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GTimeZone) berlin = NULL;

  if (!g_test_subprocess ())
    {
      g_setenv ("TZ", "Europe/Berlin", TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv ("TZ");
      g_test_trap_assert_passed ();
      return;
    }

  berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert_nonnull (berlin);
  briefing = sitrep_workspace_handover_briefing (test_workspace (f->context, f->incident_id));
  deadlines = sitrep_workspace_dup_deadlines (test_workspace (f->context, f->incident_id));
  g_assert_cmpuint (deadlines->len, >, 0);
  for (guint i = 0; i < deadlines->len; i++)
    {
      SitrepDeadline *deadline = deadlines->pdata[i];
      g_autoptr(GDateTime) local = g_date_time_to_timezone (deadline->due, berlin);
      g_autofree char *local_text = g_date_time_format (local, "%Y-%m-%d %H:%M %Z");
      g_autofree char *utc_text = g_date_time_format (deadline->due, "%H:%M UTC");
      g_autofree char *line = g_strdup_printf ("\n  %s: %s (%s)\n", deadline->label,
                                               local_text, utc_text);

      if (strstr (briefing, line) == NULL)
        g_error ("Briefing lacks \"%s\":\n%s", line + 1, briefing);
    }
}

static void
test_briefing_deadlines (Fixture       *f,
                         gconstpointer  data)
{
  gint64 cadence[SITREP_SEVERITY_P4 + 1] = { 0 };
  gint64 respond[SITREP_SEVERITY_P4 + 1] = { 0 };
  g_autoptr(GError) error = NULL;

  assert_briefing_agrees (f);

  /* Both P1 audiences snoozed: the next update is the end of the sooner
   * snooze, not the cadence from the declaration. */
  g_assert_true (sitrep_workspace_snooze (test_workspace (f->context, f->incident_id), SITREP_AUDIENCE_EXECUTIVES,
                                        95, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_workspace_snooze (test_workspace (f->context, f->incident_id), SITREP_AUDIENCE_STATUS_PAGE,
                                        125, NULL, &error));
  g_assert_no_error (error);
  assert_briefing_agrees (f);
  {
    g_autofree char *briefing = sitrep_workspace_handover_briefing (test_workspace (f->context, f->incident_id));

    g_assert_nonnull (strstr (briefing, "(Executive update due)"));
  }

  /* A major incident with a stricter cadence from Preferences. */
  cadence[SITREP_SEVERITY_P1] = 10 * 60;
  sitrep_context_set_clock_overrides (f->context, cadence, respond);
  g_assert_true (sitrep_workspace_set_major (test_workspace (f->context, f->incident_id), TRUE, &error));
  g_assert_no_error (error);
  assert_briefing_agrees (f);
  {
    g_autofree char *briefing = sitrep_workspace_handover_briefing (test_workspace (f->context, f->incident_id));

    g_assert_nonnull (strstr (briefing, "Public statement due: "));
  }
}

/* Declared offline, the incident has no server reference yet: {{ref}} is
 * the provisional one, so an executive update can still go out. */
static void
test_provisional_ref (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GHashTable) values = sitrep_workspace_template_values (test_workspace (f->context, f->incident_id));
  g_autofree char *expected = g_strdup_printf ("INC-local-%s",
                                               f->incident_id + strlen (f->incident_id) - 8);
  g_autofree char *title = NULL;

  g_assert_cmpstr (g_hash_table_lookup (values, "ref"), ==, expected);

  sitrep_comms_page_compose (f->page, SITREP_AUDIENCE_EXECUTIVES);
  select_template (f, "executive-update");
  title = g_strdup_printf ("%s Payments failing - Executive Update", expected);
  g_assert_cmpstr (title_text (f), ==, title);
  g_assert_cmpstr (flags (f), ==, "{{impact}}");
}

static GtkWidget *
find_label_text (GtkWidget  *root,
                 const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_text (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
empty_state_shown (GtkListBox *history)
{
  GtkWidget *label = find_label_text (GTK_WIDGET (history), "Nothing sent yet");

  return label != NULL && gtk_widget_get_mapped (label);
}

/* Before anything is sent the Sent list says so; the first update takes
 * its place. */
static void
test_sent_empty_state (Fixture       *f,
                       gconstpointer  data)
{
  GtkListBox *history = _sitrep_comms_page_get_history_list (f->page);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  WAIT_IDLE ();
  g_assert_cmpuint (n_rows (history), ==, 0);
  g_assert_true (empty_state_shown (history));

  id = sitrep_workspace_send_communication (test_workspace (f->context, f->incident_id),
                                            SITREP_AUDIENCE_EXECUTIVES, NULL,
                                            SITREP_STATUS_INVALID, "Update", "We are on it.",
                                            &error);
  g_assert_no_error (error);
  WAIT_UNTIL (n_rows (history) == 1);
  WAIT_IDLE ();
  g_assert_false (empty_state_shown (history));
}

/* The mapped label in @row, outside its menu, that shows @text. */
static GtkLabel *
row_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_POPOVER (widget))
    return NULL;
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = row_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A template's whole name shows in the row when there is room for it. */
static void
test_template_name_whole (Fixture       *f,
                          gconstpointer  data)
{
  AdwComboRow *row = _sitrep_comms_page_get_template_row (f->page);
  GtkLabel *label;

  sitrep_comms_page_compose (f->page, SITREP_AUDIENCE_STATUS_PAGE);
  select_template (f, "status-page-initial");
  WAIT_UNTIL ((label = row_label (GTK_WIDGET (row), "Status page: initial notification")) != NULL &&
              gtk_widget_get_width (GTK_WIDGET (label)) > 0);
  WAIT_IDLE ();
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/comms/due", Fixture, NULL, fixture_set_up, test_due, fixture_tear_down);
  g_test_add ("/gui/comms/compose", Fixture, NULL, fixture_set_up, test_compose,
              fixture_tear_down);
  g_test_add ("/gui/comms/flagged", Fixture, NULL, fixture_set_up, test_flagged,
              fixture_tear_down);
  g_test_add ("/gui/comms/send", Fixture, NULL, fixture_set_up, test_send, fixture_tear_down);
  g_test_add ("/gui/comms/template-name-whole", Fixture, NULL, fixture_set_up,
              test_template_name_whole, fixture_tear_down);
  g_test_add ("/gui/comms/sent-empty-state", Fixture, NULL, fixture_set_up,
              test_sent_empty_state, fixture_tear_down);
  g_test_add ("/gui/comms/live", Fixture, NULL, fixture_set_up, test_live, fixture_tear_down);
  g_test_add ("/gui/comms/copy", Fixture, NULL, fixture_set_up, test_copy, fixture_tear_down);
  g_test_add ("/gui/comms/undo", Fixture, NULL, fixture_set_up, test_undo, fixture_tear_down);
  g_test_add ("/gui/comms/provisional-ref", Fixture, NULL, fixture_set_up, test_provisional_ref,
              fixture_tear_down);
  g_test_add ("/gui/comms/briefing-deadlines", Fixture, NULL, fixture_set_up,
              test_briefing_deadlines, fixture_tear_down);
  g_test_add ("/gui/comms/briefing-local-time", Fixture, NULL, fixture_set_up,
              test_briefing_local_time, fixture_tear_down);

  return g_test_run ();
}

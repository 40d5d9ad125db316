/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-postmortem.c: writing a postmortem, closing the app, finding it
 * all again; the summary and the timeline following the incident */

#include "config.h"

#include <string.h>

#include "gui-test-apps.h"
#include "sitrep-action-items-group-private.h"

#include "sitrep-json.h"
#include "sitrep-postmortem-page-private.h"

typedef struct
{
  GuiTestApp  app;
  char       *incident_id;
  char       *pinned_id;
} Fixture;

static const struct {
  SitrepPmSection  section;
  const char      *typed;
} texts[] = {
  { SITREP_PM_SUMMARY, "Card payments failed after the pool change" },
  { SITREP_PM_ROOT_CAUSE, "A release removed connection pooling.\n\nEvery request opened a connection." },
  { SITREP_PM_WHYS_PROBLEM, "The payment service experienced high error rates." },
  { SITREP_PM_WHYS_ROOT_CAUSE, "Code review lacks checks for resource management." },
  { SITREP_PM_FACTORS, "No alert on pool utilization\nPool sized for last year" },
  { SITREP_PM_WENT_WELL, "Alert fired within a minute\nRoles assigned in five minutes" },
  { SITREP_PM_WENT_POORLY, "Runbook had no pool steps" },
  { SITREP_PM_LESSONS, "Limits deserve the review code gets." },
};

static const char * const answers[] = {
  "Database connections were being rejected.",
  "The connection pool was exhausted.",
  "The service was creating more connections than expected.",
  "A recent code change removed connection pooling.",
  "The code review process didn't catch it.",
  "Nobody owns the review checklist.",
};

static SitrepPostmortemPage *
page_of (GuiTestApp *app)
{
  return SITREP_POSTMORTEM_PAGE (adw_view_stack_get_child_by_name (_sitrep_window_get_pages (app->window),
                                                                   "postmortem"));
}

static void
type_into (GtkWidget  *editor,
           const char *text)
{
  if (GTK_IS_TEXT_VIEW (editor))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (editor), text);
}

static char *
text_in (GtkWidget *editor)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (!GTK_IS_TEXT_VIEW (editor))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor)));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
stored_is (GuiTestApp *app,
           const char *incident_id,
           const char *field,
           const char *text)
{
  g_autoptr(SitrepRecord) record = sitrep_store_get (sitrep_context_get_store (app->context),
                                                     "postmortems", incident_id);

  return record != NULL && !record->deleted &&
         g_strcmp0 (sitrep_json_get_string (record->body, field), text) == 0;
}

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  char **text = data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static char *
read_clipboard (GtkWidget *widget)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, clipboard_read_cb,
                                 &text);
  WAIT_UNTIL (text != NULL);
  return text;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) pin = json_object_new ();
  SitrepWorkspace *workspace;

  gui_test_app_start (&f->app, NULL, "alice", NULL);
  f->incident_id = sitrep_context_add_demo (f->app.context, &error);
  g_assert_no_error (error);
  workspace = test_workspace (f->app.context, f->incident_id);
  f->pinned_id = sitrep_workspace_add_timeline_entry (workspace, NULL, SITREP_KIND_DECISION,
                                                      "Failed over to the replica", &error);
  g_assert_no_error (error);
  json_object_set_boolean_member (pin, "pinned", TRUE);
  g_assert_true (sitrep_workspace_edit_timeline_entry (workspace, f->pinned_id, pin, &error));
  gui_test_app_open_page (&f->app, f->incident_id, "postmortem");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gui_test_app_stop (&f->app);
  g_free (f->incident_id);
  g_free (f->pinned_id);
}

/* An action item typed into the page's Action Items group. */
static void
add_action_item (SitrepPostmortemPage *page,
                 const char           *description,
                 SitrepActionType      type,
                 const char           *due)
{
  GtkWidget *group = _sitrep_postmortem_page_get_action_items (page);

  g_assert_true (SITREP_IS_ACTION_ITEMS_GROUP (group));
  g_assert_true (gtk_widget_is_ancestor (group, GTK_WIDGET (page)));
  gtk_editable_set_text (GTK_EDITABLE (_sitrep_action_items_group_get_description (
                           SITREP_ACTION_ITEMS_GROUP (group))), description);
  adw_combo_row_set_selected (_sitrep_action_items_group_get_type_row (SITREP_ACTION_ITEMS_GROUP (group)),
                              type);
  gtk_editable_set_text (GTK_EDITABLE (_sitrep_action_items_group_get_due (
                           SITREP_ACTION_ITEMS_GROUP (group))), due);
  g_assert_true (gtk_widget_activate_action (group, "action-items.add", NULL));
}

/* Every section filled and two action items added, the app closed at once
 * and opened again on the same data folder: everything is there, and in
 * the export. */
static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  SitrepPostmortemPage *page = page_of (&f->app);
  GPtrArray *rows = _sitrep_postmortem_page_get_why_rows (page);
  g_autofree char *markdown = NULL;
  guint n_timeline;

  /* Five whys to start with, a sixth asked for. */
  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "postmortem.add-why", NULL));
  g_assert_cmpuint (rows->len, ==, 6);

  /* Typing alone saves, a moment after it stops. */
  type_into (_sitrep_postmortem_page_get_editor (page, SITREP_PM_ROOT_CAUSE), texts[1].typed);
  WAIT_UNTIL (stored_is (&f->app, f->incident_id, "root_cause", texts[1].typed));

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    type_into (_sitrep_postmortem_page_get_editor (page, texts[i].section), texts[i].typed);
  for (guint i = 0; i < rows->len; i++)
    type_into (rows->pdata[i], answers[i]);
  add_action_item (page, "Increase default connection pool size", SITREP_ACTION_PREVENT,
                   "2026-12-15");
  add_action_item (page, "Alert on connection pool utilization", SITREP_ACTION_DETECT,
                   "2026-12-20");
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_workspace_get_action_items (
                      test_workspace (f->app.context, f->incident_id))), ==, 2);
  gtk_switch_set_active (_sitrep_postmortem_page_get_pinned_switch (page), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (_sitrep_postmortem_page_get_timeline_model (page)),
                    ==, 1);
  /* Copy Markdown: what was just typed, unsaved yet, is in it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "postmortem.copy", NULL));
  {
    g_autofree char *copied = read_clipboard (GTK_WIDGET (page));
    g_autofree char *exported =
      sitrep_workspace_dup_postmortem_markdown (test_workspace (f->app.context, f->incident_id));

    g_assert_cmpstr (copied, ==, exported);
    g_assert_nonnull (strstr (copied, "Limits deserve the review code gets."));
  }
  gui_test_save_screenshot (GTK_WIDGET (f->app.window), "postmortem-filled.png");

  /* Closed right after the typing, before any delay ran out. */
  gui_test_app_quit (&f->app);
  {
    g_autoptr(GError) error = NULL;

    f->app.context = sitrep_context_new (f->app.dir, &error);
    g_assert_no_error (error);
    sitrep_context_set_user (f->app.context, "alice");
  }
  gui_test_app_open_page (&f->app, f->incident_id, "postmortem");
  page = page_of (&f->app);
  rows = _sitrep_postmortem_page_get_why_rows (page);

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *shown = text_in (_sitrep_postmortem_page_get_editor (page, texts[i].section));

      g_assert_cmpstr (shown, ==, texts[i].typed);
    }
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (answers));
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rows->pdata[i])), ==, answers[i]);

  /* Pinned only: the one pinned entry. */
  g_assert_true (gtk_switch_get_active (_sitrep_postmortem_page_get_pinned_switch (page)));
  n_timeline = g_list_model_get_n_items (_sitrep_postmortem_page_get_timeline_model (page));
  g_assert_cmpuint (n_timeline, ==, 1);

  markdown = sitrep_workspace_dup_postmortem_markdown (test_workspace (f->app.context,
                                                                       f->incident_id));
  g_assert_true (g_str_has_prefix (markdown, "# Incident Postmortem: Card payments failed after "
                                             "the pool change\n"));
  g_assert_nonnull (strstr (markdown, "## Root Cause Analysis\nA release removed connection "
                                      "pooling.\n\nEvery request opened a connection.\n"));
  g_assert_nonnull (strstr (markdown, "6. **Why?** Nobody owns the review checklist.\n"));
  g_assert_nonnull (strstr (markdown, "**Root cause**: Code review lacks checks"));
  g_assert_nonnull (strstr (markdown, "## Contributing Factors\n- No alert on pool utilization\n"
                                      "- Pool sized for last year\n"));
  g_assert_nonnull (strstr (markdown, "## What Went Poorly\n- Runbook had no pool steps\n"));
  g_assert_nonnull (strstr (markdown, "| Failed over to the replica |\n\n## Root Cause Analysis"));
  g_assert_null (strstr (markdown, "Alert triggered"));
  g_assert_nonnull (strstr (markdown, "| Increase default connection pool size | Prevent | @alice | "
                                      "2026-12-15 | Not Started |\n"));
  g_assert_nonnull (strstr (markdown, "| Alert on connection pool utilization | Detect | @alice | "
                                      "2026-12-20 | Not Started |\n"));
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_workspace_get_action_items (
                      test_workspace (f->app.context, f->incident_id))), ==, 2);
  g_assert_true (g_str_has_suffix (markdown, "## Lessons Learned\nLimits deserve the review code "
                                             "gets.\n"));
}

static const char *
row_value (AdwActionRow *row)
{
  return adw_action_row_get_subtitle (row);
}

/* The summary and the timeline are the incident's, as it goes on. */
static void
test_live (Fixture       *f,
           gconstpointer  data)
{
  SitrepPostmortemPage *page = page_of (&f->app);
  SitrepWorkspace *workspace = test_workspace (f->app.context, f->incident_id);
  GListModel *model = _sitrep_postmortem_page_get_timeline_model (page);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GError) error = NULL;
  g_autofree char *entry_id = NULL;
  g_autoptr(GDateTime) resolved = g_date_time_new_now_utc ();
  g_autofree char *hhmm = g_date_time_format (resolved, " to %H:%M ");

  g_assert_cmpstr (row_value (_sitrep_postmortem_page_get_summary_row (page, 2)), ==, "P1");
  g_assert_nonnull (strstr (row_value (_sitrep_postmortem_page_get_summary_row (page, 1)),
                            "to now (ongoing)"));
  g_assert_cmpstr (row_value (_sitrep_postmortem_page_get_summary_row (page, 3)), ==,
                   "payments, checkout");

  entry_id = sitrep_workspace_add_timeline_entry (workspace, NULL, SITREP_KIND_ACTION,
                                                  "Raised the pool size", &error);
  g_assert_no_error (error);
  WAIT_UNTIL (g_list_model_get_n_items (model) == n + 1);

  g_assert_true (sitrep_workspace_set_severity (workspace, SITREP_SEVERITY_P2, &error));
  g_assert_no_error (error);
  WAIT_UNTIL (g_strcmp0 (row_value (_sitrep_postmortem_page_get_summary_row (page, 2)), "P2") == 0);

  g_assert_true (sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_RESOLVED, resolved,
                                                 &error));
  g_assert_no_error (error);
  WAIT_UNTIL (strstr (row_value (_sitrep_postmortem_page_get_summary_row (page, 1)), hhmm) != NULL);

  /* Pinned only follows a pin made elsewhere. */
  gtk_switch_set_active (_sitrep_postmortem_page_get_pinned_switch (page), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr(JsonObject) pin = json_object_new ();

    json_object_set_boolean_member (pin, "pinned", TRUE);
    g_assert_true (sitrep_workspace_edit_timeline_entry (workspace, entry_id, pin, &error));
  }
  WAIT_UNTIL (g_list_model_get_n_items (model) == 2);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/postmortem/restart", Fixture, NULL, fixture_set_up, test_restart,
              fixture_tear_down);
  g_test_add ("/gui/postmortem/live", Fixture, NULL, fixture_set_up, test_live,
              fixture_tear_down);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gui-test-util.h"
#include "sitrep-gui-util.h"

#include "sitrep-due-list.h"
#include "sitrep-incident-row.h"
#include "sitrep-json.h"
#include "sitrep-window-private.h"

/* What a resolved major incident still owes, on the Overview of the real
 * window: the guide's obligations after resolution, "Mark Done" on each,
 * the timeline entry it writes, and the marks kept through Closed and a
 * restart. */

typedef struct
{
  char               *data_dir;
  SitrepContext      *context;
  SitrepWindow       *window;
  SitrepOverviewPage *page;
  char               *incident_id;
} Fixture;

static void
open_window (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "dana");
  f->window = sitrep_window_new (NULL, f->context);
  f->page = _sitrep_window_get_overview (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
close_window (Fixture *f)
{
  gui_test_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  f->page = NULL;
  g_clear_object (&f->context);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->data_dir = g_dir_make_tmp ("sitrep-gui-obligations-XXXXXX", NULL);
  open_window (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    close_window (f);
  g_free (f->incident_id);
  g_free (f->data_dir);
}

static SitrepIncident *
incident (Fixture *f)
{
  return sitrep_context_lookup_incident (f->context, f->incident_id);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A widget whose tooltip starts with @prefix. */
static GtkWidget *
find_tooltip (GtkWidget  *widget,
              const char *prefix)
{
  const char *tooltip = sitrep_widget_get_tooltip (widget);

  if (tooltip != NULL && g_str_has_prefix (tooltip, prefix))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static SitrepDueList *
due_list (Fixture *f)
{
  return SITREP_DUE_LIST (find_widget (GTK_WIDGET (f->page), SITREP_TYPE_DUE_LIST));
}

/* The titles of the rows shown, in order. */
static char *
shown_titles (Fixture *f)
{
  GtkListBox *list = _sitrep_due_list_get_list_box (due_list (f));
  GString *titles = g_string_new (NULL);
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (ADW_IS_ACTION_ROW (row) && gtk_widget_get_visible (GTK_WIDGET (row)))
      g_string_append_printf (titles, "%s%s", titles->len ? " | " : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return g_string_free (titles, FALSE);
}

static GtkWidget *
row_titled (Fixture    *f,
            const char *title)
{
  GtkListBox *list = _sitrep_due_list_get_list_box (due_list (f));
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (ADW_IS_ACTION_ROW (row) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return GTK_WIDGET (row);
  return NULL;
}

static void
press_status (Fixture      *f,
              SitrepStatus  status)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "overview.set-status", "i",
                                             status));
}

static guint
count_entries (Fixture    *f,
               const char *text)
{
  g_autoptr(GPtrArray) timeline = sitrep_context_list_timeline (f->context, f->incident_id);
  guint n = 0;

  for (guint i = 0; i < timeline->len; i++)
    {
      SitrepRecord *record = timeline->pdata[i];

      n += g_strcmp0 (sitrep_json_get_string (record->body, "text"), text) == 0;
    }
  return n;
}

#define ALL_FIVE "Executive summary due | Hot wash due | Postmortem due | " \
                 "Executive review due | Action item follow-up due"
#define FOUR_LEFT "Executive summary due | Postmortem due | " \
                  "Executive review due | Action item follow-up due"

static void
test_resolve_mark_done_close_restart (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *titles = NULL;
  AdwPreferencesGroup *group;
  AdwToast *toast;
  GtkWidget *button;
  JsonObject *body;

  /* The guide's example: a P1 payment service outage, made major. */
  f->incident_id = sitrep_context_add_demo (f->context, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_workspace_set_major (test_workspace (f->context, f->incident_id), TRUE,
                                             &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_window_select_incident (f->window, f->incident_id));
  WAIT_IDLE ();
  titles = shown_titles (f);
  g_assert_null (strstr (titles, "Hot wash due"));
  g_clear_pointer (&titles, g_free);

  /* Resolved from its button (the update prompt answered Later). */
  press_status (f, SITREP_STATUS_RESOLVED);
  if (_sitrep_overview_page_get_dialog (f->page) != NULL)
    adw_message_dialog_response (_sitrep_overview_page_get_dialog (f->page), "later");
  WAIT_UNTIL (sitrep_incident_get_status (incident (f)) == SITREP_STATUS_RESOLVED);
  WAIT_UNTIL (row_titled (f, "Hot wash due") != NULL);
  titles = shown_titles (f);
  g_assert_cmpstr (titles, ==, ALL_FIVE);
  g_clear_pointer (&titles, g_free);
  group = ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (GTK_WIDGET (due_list (f)),
                                                          ADW_TYPE_PREFERENCES_GROUP));
  g_assert_cmpstr (adw_preferences_group_get_title (group), ==, "After Resolution");
  gui_test_save_screenshot (GTK_WIDGET (f->window), "obligations-resolved.png");

  /* Mark Done on the hot wash: gone from the list, on the timeline. */
  g_assert_cmpuint (count_entries (f, "Hot wash done"), ==, 0);
  button = find_button (row_titled (f, "Hot wash due"), "_Mark Done");
  g_assert_nonnull (button);
  g_assert_cmpstr (sitrep_widget_get_tooltip (button), ==, "Mark “Hot wash” done");
  g_signal_emit_by_name (button, "clicked");
  WAIT_UNTIL (row_titled (f, "Hot wash due") == NULL);
  titles = shown_titles (f);
  g_assert_cmpstr (titles, ==, FOUR_LEFT);
  g_clear_pointer (&titles, g_free);
  g_assert_cmpuint (count_entries (f, "Hot wash done"), ==, 1);
  body = sitrep_incident_get_body (incident (f));
  g_assert_nonnull (sitrep_json_get_string (body, "hot_wash_done_at"));
  g_assert_cmpstr (sitrep_json_get_string (body, "hot_wash_done_by"), ==, "dana");

  /* A click in error: the toast's Undo owes it again, and says so. */
  toast = _sitrep_overview_page_get_mark_done_toast (f->page);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Hot wash marked done");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  g_signal_emit_by_name (toast, "button-clicked");
  WAIT_UNTIL (row_titled (f, "Hot wash due") != NULL);
  titles = shown_titles (f);
  g_assert_cmpstr (titles, ==, ALL_FIVE);
  g_clear_pointer (&titles, g_free);
  g_assert_cmpuint (count_entries (f, "Hot wash marked not done"), ==, 1);
  body = sitrep_incident_get_body (incident (f));
  g_assert_null (sitrep_json_get_string (body, "hot_wash_done_at"));
  g_assert_null (sitrep_json_get_string (body, "hot_wash_done_by"));

  /* And done for good. */
  g_signal_emit_by_name (find_button (row_titled (f, "Hot wash due"), "_Mark Done"), "clicked");
  WAIT_UNTIL (row_titled (f, "Hot wash due") == NULL);
  g_assert_cmpuint (count_entries (f, "Hot wash done"), ==, 2);

  /* Closed: what is still owed stays. */
  press_status (f, SITREP_STATUS_CLOSED);
  g_assert_nonnull (_sitrep_overview_page_get_dialog (f->page));
  adw_message_dialog_response (_sitrep_overview_page_get_dialog (f->page), "close");
  WAIT_UNTIL (sitrep_incident_get_status (incident (f)) == SITREP_STATUS_CLOSED);
  WAIT_IDLE ();
  titles = shown_titles (f);
  g_assert_cmpstr (titles, ==, FOUR_LEFT);
  g_clear_pointer (&titles, g_free);

  /* A restart on the same database: the same, the sidebar's clock too. */
  close_window (f);
  open_window (f);
  g_assert_true (sitrep_window_select_incident (f->window, f->incident_id));
  WAIT_IDLE ();
  g_assert_cmpint (sitrep_incident_get_status (incident (f)), ==, SITREP_STATUS_CLOSED);
  titles = shown_titles (f);
  g_assert_cmpstr (titles, ==, FOUR_LEFT);
  g_clear_pointer (&titles, g_free);
  {
    GtkWidget *row = find_widget (GTK_WIDGET (f->window), SITREP_TYPE_INCIDENT_ROW);

    /* The next obligation: the executive summary, an hour after resolving. */
    g_assert_nonnull (row);
    WAIT_UNTIL (find_tooltip (row, "Executive summary due: ") != NULL);
    g_assert_true (gtk_widget_get_visible (find_tooltip (row, "Executive summary due: ")));
  }

  /* Done twice is refused, with the reason, and keeps the first mark. */
  g_assert_false (sitrep_workspace_mark_obligation_done (test_workspace (f->context,
                                                                         f->incident_id),
                                                         SITREP_DEADLINE_HOT_WASH, &error));
  g_assert_cmpstr (error->message, ==, "Hot wash was already marked done by dana");
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (f, "Hot wash done"), ==, 2);

  /* The rest, one by one, from their rows: nothing left. */
  while ((button = find_button (GTK_WIDGET (due_list (f)), "_Mark Done")) != NULL)
    {
      guint before = _sitrep_due_list_get_n_shown (due_list (f));

      g_signal_emit_by_name (button, "clicked");
      WAIT_UNTIL (_sitrep_due_list_get_n_shown (due_list (f)) == before - 1);
    }
  g_assert_cmpuint (_sitrep_due_list_get_n_shown (due_list (f)), ==, 0);
  g_assert_cmpuint (count_entries (f, "Postmortem done"), ==, 1);
  g_assert_cmpuint (count_entries (f, "Action item follow-up done"), ==, 1);
}

/* Reopened: resolved_at cleared, nothing owed, the update clocks back. */
static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *titles = NULL;

  f->incident_id = sitrep_context_declare_incident (f->context, "Search lagging", "search", "",
                                                    SITREP_SEVERITY_P3, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_window_select_incident (f->window, f->incident_id));
  g_assert_true (sitrep_workspace_set_status (test_workspace (f->context, f->incident_id),
                                              SITREP_STATUS_RESOLVED, &error));
  g_assert_no_error (error);
  WAIT_UNTIL (row_titled (f, "Postmortem due") != NULL);
  titles = shown_titles (f);
  g_assert_cmpstr (titles, ==, "Postmortem due");
  g_clear_pointer (&titles, g_free);

  g_assert_true (sitrep_workspace_set_status (test_workspace (f->context, f->incident_id),
                                              SITREP_STATUS_INVESTIGATING, &error));
  g_assert_no_error (error);
  WAIT_UNTIL (row_titled (f, "Postmortem due") == NULL);
  g_assert_null (find_button (GTK_WIDGET (due_list (f)), "_Mark Done"));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/obligations/resolve-mark-done-close-restart", Fixture, NULL, fixture_set_up,
              test_resolve_mark_done_close_restart, fixture_tear_down);
  g_test_add ("/obligations/reopen", Fixture, NULL, fixture_set_up, test_reopen,
              fixture_tear_down);

  return g_test_run ();
}

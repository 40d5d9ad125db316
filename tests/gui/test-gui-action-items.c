/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-action-items.c: action items through the real widgets
 *
 * An incident's items added through its group's form and there again
 * after a restart on the same data folder; the Action Items view's
 * filters and its overdue-first order; the header's count of my overdue
 * items; and "Make Action Item" from a timeline entry's menu.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gui-test-util.h"
#include "sitrep-gui-util.h"

#include "sitrep-action-item-list-row.h"
#include "sitrep-action-item-row.h"
#include "sitrep-action-items-group-private.h"
#include "sitrep-action-items-window.h"
#include "sitrep-incident-action-items-window.h"
#include "sitrep-timeline-row.h"
#include "sitrep-window-private.h"

typedef struct
{
  char          *data_dir;
  SitrepContext *context;
  char          *incident_id;
  char          *other_id;
  SitrepWindow  *window;
} Fixture;

static void
open_context (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "carol");
  f->window = sitrep_window_new (NULL, f->context);
  gtk_window_present (GTK_WINDOW (f->window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
}

static void
close_context (Fixture *f)
{
  gui_test_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  g_clear_object (&f->context);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("sitrep-action-items-XXXXXX", NULL);
  open_context (f);
  f->incident_id = sitrep_context_declare_incident (f->context, "Checkout errors", "checkout",
                                                    "Some payments fail", SITREP_SEVERITY_P2,
                                                    &error);
  g_assert_no_error (error);
  f->other_id = sitrep_context_declare_incident (f->context, "Search lags", "search",
                                                 "Results late", SITREP_SEVERITY_P3, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_context (f);
  g_free (f->incident_id);
  g_free (f->other_id);
  g_free (f->data_dir);
}

static SitrepActionItemsGroup *
open_group (Fixture    *f,
            const char *incident_id)
{
  SitrepIncidentActionItemsWindow *window =
    sitrep_incident_action_items_window_present (GTK_WINDOW (f->window), f->context, incident_id,
                                                 NULL);

  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return SITREP_ACTION_ITEMS_GROUP (sitrep_incident_action_items_window_get_group (window));
}

/* The first widget of @type under @root (with @title or @label, if given). */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      /* Not into the drop-downs' lists. */
      if (GTK_IS_POPOVER (child))
        continue;
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (text == NULL ||
           (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0) ||
           (ADW_IS_PREFERENCES_ROW (child) &&
            g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), text) == 0)))
        return child;
      if ((found = find_widget (child, type, text)) != NULL)
        return found;
    }
  return NULL;
}

static guint
n_rows (SitrepActionItemsGroup *group)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (_sitrep_action_items_group_get_list (group)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n += SITREP_IS_ACTION_ITEM_ROW (child);
  return n;
}

static SitrepActionItemRow *
row_at (SitrepActionItemsGroup *group,
        guint                   index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (_sitrep_action_items_group_get_list (group),
                                                      (int) index);

  g_assert_true (SITREP_IS_ACTION_ITEM_ROW (row));
  return SITREP_ACTION_ITEM_ROW (row);
}

static const char *
row_title (SitrepActionItemsGroup *group,
           guint                   index)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (group, index)));
}

static void
fill_and_add (SitrepActionItemsGroup *group,
              const char             *description,
              SitrepActionType        type,
              const char             *owner,
              const char             *due)
{
  gtk_editable_set_text (GTK_EDITABLE (_sitrep_action_items_group_get_description (group)),
                         description);
  adw_combo_row_set_selected (_sitrep_action_items_group_get_type_row (group), type);
  if (owner != NULL)
    gtk_editable_set_text (GTK_EDITABLE (_sitrep_action_items_group_get_owner (group)), owner);
  gtk_editable_set_text (GTK_EDITABLE (_sitrep_action_items_group_get_due (group)), due);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group), "action-items.add", NULL));
}

/* Two items typed into the form: listed at once, soonest due first, the
 * owner me unless changed; a bad date is refused with the text kept; all
 * there again for a new context and window on the same folder. */
static void
test_add_and_restart (Fixture       *f,
                      gconstpointer  data)
{
  SitrepActionItemsGroup *group = open_group (f, f->incident_id);
  GtkLabel *error_label = _sitrep_action_items_group_get_error (group);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_sitrep_action_items_group_get_owner (group))),
                   ==, "carol");
  g_assert_cmpuint (n_rows (group), ==, 0);

  fill_and_add (group, "Add circuit breaker to payment client", SITREP_ACTION_PREVENT, NULL,
                "2999-02-01");
  WAIT_UNTIL (n_rows (group) == 1);
  fill_and_add (group, "Alert on connection pool saturation", SITREP_ACTION_DETECT, "dave",
                "2999-01-15");
  WAIT_UNTIL (n_rows (group) == 2);
  g_assert_cmpstr (row_title (group, 0), ==, "Alert on connection pool saturation");
  g_assert_cmpstr (row_title (group, 1), ==, "Add circuit breaker to payment client");
  g_assert_cmpstr (sitrep_action_item_get_owner (sitrep_action_item_row_get_item (row_at (group, 1))),
                   ==, "carol");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));

  fill_and_add (group, "Runbook for pool exhaustion", SITREP_ACTION_RESPOND, NULL, "next week");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "YYYY-MM-DD"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_sitrep_action_items_group_get_description (group))),
                   ==, "Runbook for pool exhaustion");
  g_assert_cmpuint (n_rows (group), ==, 2);
  gui_test_save_screenshot (gtk_widget_get_ancestor (GTK_WIDGET (group), GTK_TYPE_WINDOW),
                            "action-items-group.png");

  close_context (f);
  open_context (f);
  group = open_group (f, f->incident_id);
  WAIT_UNTIL (n_rows (group) == 2);
  g_assert_cmpstr (row_title (group, 0), ==, "Alert on connection pool saturation");
  g_assert_cmpstr (row_title (group, 1), ==, "Add circuit breaker to payment client");
  g_assert_cmpint (sitrep_action_item_get_item_type (sitrep_action_item_row_get_item (row_at (group, 0))),
                   ==, SITREP_ACTION_DETECT);
}

/* A row changes its item in place: the status from its drop-down, the
 * owner and due date from its entries; overdue shows and goes. */
static void
test_edit_in_place (Fixture       *f,
                    gconstpointer  data)
{
  SitrepActionItemsGroup *group = open_group (f, f->incident_id);
  SitrepActionItemRow *row;
  SitrepActionItem *item;
  GtkWidget *overdue = NULL;

  fill_and_add (group, "Review timeout settings", SITREP_ACTION_PREVENT, NULL, "2020-01-31");
  WAIT_UNTIL (n_rows (group) == 1);
  row = row_at (group, 0);
  item = sitrep_action_item_row_get_item (row);
  g_assert_true (sitrep_action_item_get_overdue (item));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "overdue"));

  overdue = find_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, "Overdue");
  g_assert_nonnull (overdue);
  g_assert_true (gtk_widget_get_visible (overdue));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_widget (GTK_WIDGET (row), GTK_TYPE_DROP_DOWN, NULL)),
                              SITREP_ACTION_COMPLETED);
  WAIT_UNTIL (sitrep_action_item_get_status (item) == SITREP_ACTION_COMPLETED);
  g_assert_nonnull (sitrep_action_item_get_completed_at (item));
  g_assert_false (sitrep_action_item_get_overdue (item));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "overdue"));
  g_assert_false (gtk_widget_get_visible (overdue));

  /* The owner, typed in its entry and applied. */
  {
    GtkWidget *owner = find_widget (GTK_WIDGET (row), ADW_TYPE_ENTRY_ROW, "Owner");

    gtk_editable_set_text (GTK_EDITABLE (owner), "@erin");
    g_signal_emit_by_name (owner, "apply");
    WAIT_UNTIL (g_str_equal (sitrep_action_item_get_owner (item), "erin"));

    /* Not a handle: refused, said, and what was typed stays. */
    gtk_editable_set_text (GTK_EDITABLE (owner), "erin and frank");
    g_signal_emit_by_name (owner, "apply");
    g_assert_true (gtk_widget_has_css_class (owner, "error"));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (_sitrep_action_items_group_get_error (group))));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (owner)), ==, "erin and frank");
    g_assert_cmpstr (sitrep_action_item_get_owner (item), ==, "erin");
  }

  /* Deleted from its row, and back with Ctrl+Z's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "action-item.delete", NULL));
  WAIT_UNTIL (n_rows (group) == 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group), "action-items.undo", NULL));
  WAIT_UNTIL (n_rows (group) == 1);
  g_assert_cmpstr (row_title (group, 0), ==, "Review timeout settings");
  g_assert_cmpstr (sitrep_action_item_get_owner (sitrep_action_item_row_get_item (row_at (group, 0))),
                   ==, "erin");
}

static guint
n_shown (SitrepActionItemsWindow *view)
{
  return g_list_model_get_n_items (sitrep_action_items_window_get_shown (view));
}

static const char *
shown_at (SitrepActionItemsWindow *view,
          guint                    position)
{
  g_autoptr(SitrepActionItem) item = g_list_model_get_item (sitrep_action_items_window_get_shown (view),
                                                            position);

  return sitrep_action_item_get_description (item);   /* the list keeps it */
}

/* The rows the list view made, by the text they show. */
static gboolean
row_shows (GtkWidget  *widget,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (SITREP_IS_ACTION_ITEM_LIST_ROW (child) && gtk_widget_get_mapped (child) &&
          strstr (sitrep_action_item_list_row_get_text (SITREP_ACTION_ITEM_LIST_ROW (child)) ?: "",
                  text) != NULL)
        return TRUE;
      if (row_shows (child, text))
        return TRUE;
    }
  return FALSE;
}

static void
add_item (Fixture            *f,
          const char         *incident_id,
          const char         *description,
          const char         *owner,
          const char         *due,
          SitrepActionStatus  status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepWorkspace) workspace = sitrep_context_open_workspace (f->context, incident_id);
  g_autofree char *id = sitrep_workspace_add_action_item (workspace, description,
                                                          SITREP_ACTION_PREVENT, owner, due,
                                                          &error);

  g_assert_no_error (error);
  if (status != SITREP_ACTION_NOT_STARTED)
    {
      g_assert_true (sitrep_workspace_set_action_item_status (workspace, id, status, &error));
      g_assert_no_error (error);
    }
}

/* Mine or everyone's, by status; overdue first, then soonest due; each
 * row with its incident's reference; activating one opens its incident. */
static void
test_view (Fixture       *f,
           gconstpointer  data)
{
  SitrepActionItemsWindow *view;
  SitrepIncident *other = sitrep_context_lookup_incident (f->context, f->other_id);
  g_autofree char *other_ref = sitrep_incident_dup_display_ref (other);

  add_item (f, f->incident_id, "Load test checkout", "carol", "2999-01-01", SITREP_ACTION_NOT_STARTED);
  add_item (f, f->other_id, "Index the search shards", "carol", "2020-06-01", SITREP_ACTION_IN_PROGRESS);
  add_item (f, f->incident_id, "Tune the pool", "carol", "2020-01-01", SITREP_ACTION_COMPLETED);
  add_item (f, f->incident_id, "Write the runbook", "dave", "2020-03-01", SITREP_ACTION_DEFERRED);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.action-items", NULL));
  view = SITREP_ACTION_ITEMS_WINDOW (_sitrep_window_open_action_items (f->window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (view)));

  /* Mine, any status: the overdue one first, though another is due earlier. */
  g_assert_cmpuint (n_shown (view), ==, 3);
  g_assert_cmpstr (shown_at (view, 0), ==, "Index the search shards");
  g_assert_cmpstr (shown_at (view, 1), ==, "Tune the pool");
  g_assert_cmpstr (shown_at (view, 2), ==, "Load test checkout");
  WAIT_UNTIL (row_shows (GTK_WIDGET (view), other_ref));
  g_assert_true (row_shows (GTK_WIDGET (view), "Index the search shards"));
  g_assert_true (row_shows (GTK_WIDGET (view), "overdue"));

  /* Everyone's: the deferred one, overdue, joins them at the top. */
  sitrep_action_items_window_set_owner (view, SITREP_ACTION_ITEMS_EVERYONE);
  g_assert_cmpuint (n_shown (view), ==, 4);
  g_assert_cmpstr (shown_at (view, 0), ==, "Write the runbook");
  g_assert_cmpstr (shown_at (view, 1), ==, "Index the search shards");
  gui_test_save_screenshot (GTK_WIDGET (view), "action-items-view.png");

  sitrep_action_items_window_set_status (view, SITREP_ACTION_ITEMS_STATUS (SITREP_ACTION_DEFERRED));
  g_assert_cmpuint (n_shown (view), ==, 1);
  g_assert_cmpstr (shown_at (view, 0), ==, "Write the runbook");
  sitrep_action_items_window_set_status (view, SITREP_ACTION_ITEMS_OPEN);
  g_assert_cmpuint (n_shown (view), ==, 3);
  sitrep_action_items_window_set_owner (view, SITREP_ACTION_ITEMS_MINE);
  g_assert_cmpuint (n_shown (view), ==, 2);

  /* A commit elsewhere moves it: completed, it leaves the open ones. */
  {
    GListModel *all = sitrep_context_get_action_items (f->context);

    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(SitrepActionItem) item = g_list_model_get_item (all, i);
        g_autoptr(SitrepWorkspace) workspace = NULL;

        if (!g_str_equal (sitrep_action_item_get_description (item), "Load test checkout"))
          continue;
        workspace = sitrep_context_open_workspace (f->context, f->incident_id);
        g_assert_true (sitrep_workspace_set_action_item_status (workspace,
                                                                sitrep_action_item_get_id (item),
                                                                SITREP_ACTION_COMPLETED, NULL));
      }
  }
  g_assert_cmpuint (n_shown (view), ==, 1);
  g_assert_cmpstr (shown_at (view, 0), ==, "Index the search shards");

  /* Activating it shows its incident in the window. */
  g_assert_true (sitrep_window_select_incident (f->window, f->incident_id));
  g_signal_emit_by_name (find_widget (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW, NULL), "activate", 0);
  {
    SitrepIncident *shown = NULL;

    g_object_get (f->window, "incident", &shown, NULL);
    g_assert_nonnull (shown);
    g_assert_cmpstr (sitrep_incident_get_id (shown), ==, f->other_id);
    g_object_unref (shown);
  }
}

/* The header counts my overdue items: hidden at none, the count with an
 * accessible label and a tooltip, following commits and the user. */
static void
test_header_count (Fixture       *f,
                   gconstpointer  data)
{
  SitrepOverdueBadge *badge = f->window->overdue_badge;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(SitrepWorkspace) workspace = sitrep_context_open_workspace (f->context, f->incident_id);

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (badge)));
  g_assert_cmpuint (sitrep_overdue_badge_get_count (badge), ==, 0);
  /* It starts counting once the window has drawn. */
  WAIT_IDLE ();

  add_item (f, f->incident_id, "Tune the pool", "carol", "2020-01-01", SITREP_ACTION_NOT_STARTED);
  add_item (f, f->other_id, "Index shards", "@carol", "2020-02-01", SITREP_ACTION_DEFERRED);
  add_item (f, f->other_id, "Not mine", "dave", "2020-02-01", SITREP_ACTION_NOT_STARTED);
  add_item (f, f->other_id, "Not due", "carol", "2999-02-01", SITREP_ACTION_NOT_STARTED);
  g_assert_cmpuint (sitrep_overdue_badge_get_count (badge), ==, 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (badge)));
  g_assert_cmpstr (sitrep_widget_get_tooltip (GTK_WIDGET (badge)), ==,
                   "2 of my action items are overdue");

  id = sitrep_workspace_add_action_item (workspace, "One more", SITREP_ACTION_DETECT, "carol",
                                         "2020-03-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sitrep_overdue_badge_get_count (badge), ==, 3);
  g_assert_true (sitrep_workspace_set_action_item_status (workspace, id, SITREP_ACTION_COMPLETED,
                                                          &error));
  g_assert_cmpuint (sitrep_overdue_badge_get_count (badge), ==, 2);

  /* Clicking it lists my open items. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (badge), "win.my-overdue-action-items", NULL));
  {
    SitrepActionItemsWindow *view = SITREP_ACTION_ITEMS_WINDOW (_sitrep_window_open_action_items (f->window));

    g_assert_cmpuint (n_shown (view), ==, 3);
    /* Closed, it is made again the next time. */
    gui_test_destroy (GTK_WINDOW (view));
    view = SITREP_ACTION_ITEMS_WINDOW (_sitrep_window_open_action_items (f->window));
    WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (view)));
    g_assert_cmpuint (n_shown (view), ==, 4);   /* mine, any status */
  }

  sitrep_context_set_user (f->context, "erin");
  g_assert_cmpuint (sitrep_overdue_badge_get_count (badge), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (badge)));
}

/* "Make Action Item" in an entry's menu opens the incident's items with
 * the entry's text in the form, editable before it is added. */
static void
test_make_from_timeline (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *entry_id = NULL;
  g_autoptr(SitrepWorkspace) workspace = sitrep_context_open_workspace (f->context, f->incident_id);
  SitrepTimelinePage *page;
  GtkWidget *row;
  GListModel *items = sitrep_workspace_get_action_items (workspace);
  g_autofree char *key = g_strconcat ("sitrep-action-items:", f->incident_id, NULL);
  SitrepActionItemsGroup *group;
  GWeakRef *open;

  entry_id = sitrep_workspace_add_timeline_entry (workspace, NULL, SITREP_KIND_DECISION,
                                                  "Pool size too small for peak traffic", &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_window_select_incident (f->window, f->incident_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.page", "s", "timeline"));
  page = _sitrep_window_get_timeline (f->window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)));
  WAIT_UNTIL ((row = _sitrep_timeline_page_get_row (page, entry_id)) != NULL);

  g_assert_true (gtk_widget_activate_action (row, "row.make-action-item", NULL));
  WAIT_UNTIL ((open = g_object_get_data (G_OBJECT (f->window), key)) != NULL);
  {
    g_autoptr(SitrepIncidentActionItemsWindow) window = g_weak_ref_get (open);

    g_assert_nonnull (window);
    WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
    group = SITREP_ACTION_ITEMS_GROUP (sitrep_incident_action_items_window_get_group (window));
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_sitrep_action_items_group_get_description (group))),
                   ==, "Pool size too small for peak traffic");
  gui_test_save_screenshot (gtk_widget_get_ancestor (GTK_WIDGET (group), GTK_TYPE_WINDOW),
                            "action-items-from-timeline.png");

  gtk_editable_set_text (GTK_EDITABLE (_sitrep_action_items_group_get_description (group)),
                         "Size the pool for peak traffic");
  gtk_editable_set_text (GTK_EDITABLE (_sitrep_action_items_group_get_due (group)), "2999-05-01");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group), "action-items.add", NULL));
  WAIT_UNTIL (g_list_model_get_n_items (items) == 1);
  {
    g_autoptr(SitrepActionItem) item = g_list_model_get_item (items, 0);

    g_assert_cmpstr (sitrep_action_item_get_description (item), ==, "Size the pool for peak traffic");
    g_assert_cmpstr (sitrep_action_item_get_owner (item), ==, "carol");
  }
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/action-items/gui/add-and-restart", test_add_and_restart);
  ADD ("/action-items/gui/edit-in-place", test_edit_in_place);
  ADD ("/action-items/gui/view", test_view);
  ADD ("/action-items/gui/header-count", test_header_count);
  ADD ("/action-items/gui/make-from-timeline", test_make_from_timeline);
#undef ADD

  return g_test_run ();
}

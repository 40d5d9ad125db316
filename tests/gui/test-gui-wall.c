/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-wall.c: the wall view (sitrep --wall): every active incident's
 * countdowns, turning amber and red, read-only, the selected incident's
 * pinned entries, live from a real sitrep-server and still counting once
 * it has gone away. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <signal.h>

#include "gui-test-apps.h"
#include "server-fixture.h"
#include "sitrep-application.h"
#include "sitrep-countdown.h"
#include "sitrep-wall-window-private.h"

typedef struct
{
  char          *dir;
  SitrepContext *context;
  char          *checkout_id;
  char          *search_id;
  char          *resolved_id;
  GtkWidget     *wall;
} Fixture;

static void
declared_ago (SitrepContext *context,
              const char    *incident_id,
              int            minutes)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) declared = g_date_time_add_minutes (now, -minutes);
  g_autoptr(GDateTime) detected = g_date_time_add_minutes (declared, -2);
  g_autoptr(GError) error = NULL;
  SitrepWorkspace *workspace = test_workspace (context, incident_id);

  g_assert_true (sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_DETECTED, detected,
                                                 &error));
  g_assert_true (sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_DECLARED, declared,
                                                 &error));
  g_assert_no_error (error);
}

static char *
declare (SitrepContext  *context,
         const char     *title,
         SitrepSeverity  severity)
{
  g_autoptr(GError) error = NULL;
  char *id = sitrep_context_declare_incident (context, title, "checkout", "Some fail", severity,
                                              &error);

  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sitrep-wall-XXXXXX", NULL);
  f->context = sitrep_context_new (f->dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "dana");
  f->checkout_id = declare (f->context, "Checkout errors", SITREP_SEVERITY_P1);
  f->search_id = declare (f->context, "Search slow", SITREP_SEVERITY_P3);
  f->resolved_id = declare (f->context, "Login loop", SITREP_SEVERITY_P2);
  declared_ago (f->context, f->checkout_id, 7);
  declared_ago (f->context, f->search_id, 3);
  g_assert_true (sitrep_workspace_assign_role (test_workspace (f->context, f->checkout_id),
                                               SITREP_ROLE_COMMANDER, "priya", &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_workspace_set_status (test_workspace (f->context, f->resolved_id),
                                              SITREP_STATUS_RESOLVED, &error));
  g_assert_no_error (error);

  f->wall = sitrep_wall_window_new (NULL, f->context);
  gtk_window_present (GTK_WINDOW (f->wall));
  WAIT_UNTIL (gtk_widget_get_mapped (f->wall));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_reset (settings, "warn-before-minutes");
  gui_test_destroy (GTK_WINDOW (f->wall));
  g_clear_object (&f->context);
  g_free (f->checkout_id);
  g_free (f->search_id);
  g_free (f->resolved_id);
  g_free (f->dir);
}

/* Every descendant of @widget with @css_class, in order. */
static void
collect (GtkWidget  *widget,
         const char *css_class,
         GPtrArray  *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_has_css_class (child, css_class))
        g_ptr_array_add (found, child);
      collect (child, css_class, found);
    }
}

static GPtrArray *
find_in (GtkWidget  *wall,
         const char *css_class)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (_sitrep_wall_window_get_incidents (SITREP_WALL_WINDOW (wall)), css_class, found);
  return found;
}

static GPtrArray *
find (Fixture    *f,
      const char *css_class)
{
  return find_in (f->wall, css_class);
}

/* The card of the incident titled @title. */
static GtkWidget *
card_of (Fixture    *f,
         const char *title)
{
  g_autoptr(GPtrArray) cards = find (f, "wall-incident");

  for (guint i = 0; i < cards->len; i++)
    {
      g_autoptr(GPtrArray) titles = g_ptr_array_new ();

      collect (cards->pdata[i], "wall-title", titles);
      if (titles->len == 1 && g_str_equal (gtk_label_get_label (titles->pdata[0]), title))
        return cards->pdata[i];
    }
  return NULL;
}

/* The first countdown on the card of the incident titled @title. */
static GtkLabel *
countdown_of (Fixture    *f,
              const char *title)
{
  GtkWidget *card = card_of (f, title);
  g_autoptr(GPtrArray) countdowns = g_ptr_array_new ();

  g_assert_nonnull (card);
  collect (card, "wall-countdown", countdowns);
  g_assert_cmpuint (countdowns->len, >, 0);
  return countdowns->pdata[0];
}

/* The incident's first deadline the wall shows (an update or the response). */
static SitrepDeadline *
first_deadline (Fixture    *f,
                const char *incident_id,
                GPtrArray **keep)
{
  *keep = sitrep_workspace_dup_deadlines (test_workspace (f->context, incident_id));
  for (guint i = 0; i < (*keep)->len; i++)
    {
      SitrepDeadline *d = (*keep)->pdata[i];

      if (d->kind == SITREP_DEADLINE_UPDATE || d->kind == SITREP_DEADLINE_RESPOND)
        return d;
    }
  g_assert_not_reached ();
}

/* Two active incidents, the resolved one not shown; each countdown reads
 * one minute later after the clock's minute, as the countdowns everywhere
 * say it. */
static void
test_countdowns (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) cards = find (f, "wall-incident");
  g_autoptr(GPtrArray) keep_checkout = NULL;
  g_autoptr(GPtrArray) keep_search = NULL;
  SitrepDeadline *checkout = first_deadline (f, f->checkout_id, &keep_checkout);
  SitrepDeadline *search = first_deadline (f, f->search_id, &keep_search);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_minutes (now, 1);
  g_autofree char *checkout_now = sitrep_countdown_format (checkout->due, now);
  g_autofree char *checkout_later = sitrep_countdown_format (checkout->due, later);
  g_autofree char *search_now = sitrep_countdown_format (search->due, now);
  g_autofree char *search_later = sitrep_countdown_format (search->due, later);
  GtkWidget *old_card;
  g_autofree char *age_text = NULL;
  g_autoptr(GPtrArray) metas = NULL;

  g_assert_cmpuint (cards->len, ==, 2);
  g_assert_null (card_of (f, "Login loop"));
  g_assert_cmpstr (checkout_now, !=, checkout_later);
  g_assert_cmpstr (search_now, !=, search_later);

  _sitrep_wall_window_refresh_at (SITREP_WALL_WINDOW (f->wall), now);
  g_assert_cmpstr (gtk_label_get_label (countdown_of (f, "Checkout errors")), ==, checkout_now);
  g_assert_cmpstr (gtk_label_get_label (countdown_of (f, "Search slow")), ==, search_now);
  _sitrep_wall_window_refresh_at (SITREP_WALL_WINDOW (f->wall), later);
  g_assert_cmpstr (gtk_label_get_label (countdown_of (f, "Checkout errors")), ==, checkout_later);
  g_assert_cmpstr (gtk_label_get_label (countdown_of (f, "Search slow")), ==, search_later);

  /* The context's clock: its minute shows the wall as it is now. */
  old_card = card_of (f, "Checkout errors");
  g_object_add_weak_pointer (G_OBJECT (old_card), (gpointer *) &old_card);
  sitrep_clock_tick (sitrep_context_get_clock (f->context));
  g_assert_null (old_card);
  {
    g_autoptr(GDateTime) tick = sitrep_clock_dup_now (sitrep_context_get_clock (f->context));
    g_autofree char *expected = sitrep_countdown_format (checkout->due, tick);

    g_assert_cmpstr (gtk_label_get_label (countdown_of (f, "Checkout errors")), ==, expected);
  }

  /* Status, IC and the time since declared. */
  metas = g_ptr_array_new ();
  collect (card_of (f, "Checkout errors"), "wall-meta", metas);
  g_assert_cmpuint (metas->len, ==, 1);
  age_text = g_strdup (gtk_label_get_label (metas->pdata[0]));
  g_assert_nonnull (strstr (age_text, "Investigating"));
  g_assert_nonnull (strstr (age_text, "IC: priya"));
  g_assert_nonnull (strstr (age_text, "7 min"));
  metas->len = 0;
  collect (card_of (f, "Search slow"), "wall-meta", metas);
  g_assert_nonnull (strstr (gtk_label_get_label (metas->pdata[0]), "IC: unassigned"));
}

static gboolean
has_class (GtkLabel   *label,
           const char *css_class)
{
  return gtk_widget_has_css_class (GTK_WIDGET (label), css_class);
}

/* Amber within the notifier's warning span (its setting, not a fixed
 * one), red once overdue. */
static void
test_amber_red (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) keep = NULL;
  SitrepDeadline *d = first_deadline (f, f->checkout_id, &keep);
  g_autoptr(GDateTime) long_before = g_date_time_add_minutes (d->due, -12);
  g_autoptr(GDateTime) just_before = g_date_time_add_minutes (d->due, -4);
  g_autoptr(GDateTime) after = g_date_time_add_minutes (d->due, 1);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  SitrepWallWindow *wall = SITREP_WALL_WINDOW (f->wall);
  GtkLabel *label;

  g_settings_set_uint (settings, "warn-before-minutes", 5);
  _sitrep_wall_window_refresh_at (wall, long_before);
  label = countdown_of (f, "Checkout errors");
  g_assert_false (has_class (label, "wall-soon"));
  g_assert_false (has_class (label, "wall-overdue"));

  _sitrep_wall_window_refresh_at (wall, just_before);
  label = countdown_of (f, "Checkout errors");
  g_assert_true (has_class (label, "wall-soon"));
  g_assert_false (has_class (label, "wall-overdue"));

  _sitrep_wall_window_refresh_at (wall, after);
  label = countdown_of (f, "Checkout errors");
  g_assert_false (has_class (label, "wall-soon"));
  g_assert_true (has_class (label, "wall-overdue"));

  /* Warned 15 minutes ahead, 12 minutes before is due soon. */
  g_settings_set_uint (settings, "warn-before-minutes", 15);
  _sitrep_wall_window_refresh_at (wall, long_before);
  g_assert_true (has_class (countdown_of (f, "Checkout errors"), "wall-soon"));
}

static void
assert_read_only (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_assert_false (GTK_IS_EDITABLE (child));
      g_assert_false (GTK_IS_TEXT_VIEW (child));
      g_assert_false (GTK_IS_BUTTON (child));
      g_assert_false (GTK_IS_SWITCH (child));
      g_assert_false (GTK_IS_CHECK_BUTTON (child));
      g_assert_false (GTK_IS_DROP_DOWN (child));
      if (GTK_IS_LABEL (child))
        g_assert_false (gtk_label_get_selectable (GTK_LABEL (child)));
      assert_read_only (child);
    }
}

static char *
add_entry (SitrepWorkspace *workspace,
           const char      *text,
           gboolean         pinned)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  char *id = sitrep_workspace_add_timeline_entry (workspace, NULL, SITREP_KIND_DECISION, text,
                                                  &error);

  g_assert_no_error (error);
  if (pinned)
    {
      json_object_set_boolean_member (fields, "pinned", TRUE);
      g_assert_true (sitrep_workspace_edit_timeline_entry (workspace, id, fields, &error));
      g_assert_no_error (error);
    }
  return id;
}

/* Nothing on the wall takes input; the selected incident's (at first the
 * first one's) pinned entries pass by one after the other, the others not. */
static void
test_read_only_pinned (Fixture       *f,
                       gconstpointer  data)
{
  SitrepWorkspace *workspace = test_workspace (f->context, f->checkout_id);
  g_autofree char *a = add_entry (workspace, "Roll back the release", TRUE);
  g_autofree char *b = add_entry (workspace, "Page the database team", FALSE);
  g_autofree char *c = add_entry (workspace, "Fail over to the replica", TRUE);
  GtkLabel *pinned = _sitrep_wall_window_get_pinned (SITREP_WALL_WINDOW (f->wall));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  WAIT_UNTIL (strstr (gtk_label_get_label (pinned), "Fail over to the replica") != NULL);
  assert_read_only (f->wall);

  for (int i = 0; i < 4; i++)
    {
      const char *text = gtk_label_get_label (pinned);

      g_assert_null (strstr (text, "Page the database team"));
      g_hash_table_add (seen, g_strdup (text));
      _sitrep_wall_window_rotate (SITREP_WALL_WINDOW (f->wall));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 2);
}

/* The incident selected, as the wall marks it: its card, the only one
 * with the mark. */
static GtkWidget *
marked_card (Fixture *f)
{
  g_autoptr(GPtrArray) marked = find (f, "wall-selected");
  g_autoptr(GPtrArray) marks = find (f, "wall-selected-mark");

  g_assert_cmpuint (marked->len, ==, 1);
  g_assert_cmpuint (marks->len, ==, 1);
  g_assert_true (gtk_widget_is_ancestor (marks->pdata[0], marked->pdata[0]));
  return marked->pdata[0];
}

/* A click on @card, as its gesture sees one. */
static void
click (GtkWidget *card)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (card);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        {
          g_signal_emit_by_name (controller, "pressed", 1, 10.0, 10.0);
          return;
        }
    }
  g_assert_not_reached ();
}

/* The action the wall binds @key to, without modifiers, before the
 * window's own keys (the capture phase: the window moves the focus with
 * the arrow keys otherwise). */
static char *
bound_action (GtkWidget  *wall,
              guint       key)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (wall);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller))
          != GTK_PHASE_CAPTURE)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == key &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0 &&
              GTK_IS_NAMED_ACTION (action))
            return g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
        }
    }
  return NULL;
}

/* The pinned entries passing by are the selected incident's: the first
 * one's at first, another's once it is clicked or reached with Up and
 * Down; the card selected is marked. When the selected incident is no
 * longer active, the first one is selected again. */
static void
test_selected_pinned (Fixture       *f,
                      gconstpointer  data)
{
  SitrepWallWindow *wall = SITREP_WALL_WINDOW (f->wall);
  GtkLabel *pinned = _sitrep_wall_window_get_pinned (wall);
  GtkLabel *heading = NULL;
  g_autofree char *a = add_entry (test_workspace (f->context, f->checkout_id),
                                  "Roll back the release", TRUE);
  g_autofree char *b = add_entry (test_workspace (f->context, f->search_id),
                                  "Rebuild the search index", TRUE);
  g_autofree char *first_id = NULL;
  g_autofree char *other_id = NULL;
  g_autofree char *down = bound_action (f->wall, GDK_KEY_Down);
  g_autofree char *up = bound_action (f->wall, GDK_KEY_Up);
  const char *first_text, *other_text;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GError) error = NULL;

  /* Which one comes first is the incident list's order. */
  WAIT_UNTIL (gtk_label_get_label (pinned)[0] != '\0');
  cards = find (f, "wall-incident");
  g_assert_cmpuint (cards->len, ==, 2);
  first_id = g_strdup (sitrep_wall_window_get_selected_incident (wall));
  g_assert_nonnull (first_id);
  other_id = g_strdup (g_str_equal (first_id, f->checkout_id) ? f->search_id : f->checkout_id);
  first_text = g_str_equal (first_id, f->checkout_id) ? "Roll back the release"
                                                      : "Rebuild the search index";
  other_text = g_str_equal (first_id, f->checkout_id) ? "Rebuild the search index"
                                                      : "Roll back the release";
  g_assert_true (marked_card (f) == cards->pdata[0]);
  g_assert_nonnull (strstr (gtk_label_get_label (pinned), first_text));

  /* A click on the other card selects it. */
  click (cards->pdata[1]);
  g_assert_cmpstr (sitrep_wall_window_get_selected_incident (wall), ==, other_id);
  WAIT_UNTIL (strstr (gtk_label_get_label (pinned), other_text) != NULL);
  cards = (g_ptr_array_unref (cards), find (f, "wall-incident"));
  g_assert_true (marked_card (f) == cards->pdata[1]);
  heading = GTK_LABEL (gtk_widget_get_prev_sibling (GTK_WIDGET (pinned)));
  g_assert_nonnull (strstr (gtk_label_get_label (heading),
                            sitrep_incident_get_title (sitrep_context_lookup_incident (f->context,
                                                                                       other_id))));

  /* Up and Down: the previous and the next, no further than the ends. */
  g_assert_cmpstr (up, ==, "wall.previous");
  g_assert_cmpstr (down, ==, "wall.next");
  g_assert_true (gtk_widget_activate_action (f->wall, down, NULL));
  g_assert_cmpstr (sitrep_wall_window_get_selected_incident (wall), ==, other_id);
  g_assert_true (gtk_widget_activate_action (f->wall, up, NULL));
  g_assert_cmpstr (sitrep_wall_window_get_selected_incident (wall), ==, first_id);
  g_assert_nonnull (strstr (gtk_label_get_label (pinned), first_text));
  g_assert_true (gtk_widget_activate_action (f->wall, up, NULL));
  g_assert_cmpstr (sitrep_wall_window_get_selected_incident (wall), ==, first_id);
  g_assert_true (gtk_widget_activate_action (f->wall, down, NULL));
  g_assert_cmpstr (sitrep_wall_window_get_selected_incident (wall), ==, other_id);
  g_assert_nonnull (strstr (gtk_label_get_label (pinned), other_text));

  /* A resolved incident is not selected: it is not on the wall. */
  g_assert_false (sitrep_wall_window_select_incident (wall, f->resolved_id));
  g_assert_cmpstr (sitrep_wall_window_get_selected_incident (wall), ==, other_id);

  /* Resolved, it leaves the wall; the first is selected again. */
  g_assert_true (sitrep_workspace_set_status (test_workspace (f->context, other_id),
                                              SITREP_STATUS_RESOLVED, &error));
  g_assert_no_error (error);
  WAIT_UNTIL (g_strcmp0 (sitrep_wall_window_get_selected_incident (wall), first_id) == 0);
  WAIT_UNTIL (strstr (gtk_label_get_label (pinned), first_text) != NULL);
}

/* For a person to check: the Overview's milestones, Impact started set,
 * scrolled into view. */
static void
overview_screenshot (SitrepWindow  *window,
                     SitrepContext *context,
                     const char    *incident_id)
{
  SitrepWorkspace *workspace = test_workspace (context, incident_id);
  SitrepIncident *incident = sitrep_context_lookup_incident (context, incident_id);
  g_autoptr(GDateTime) impact = g_date_time_add_minutes (
    sitrep_incident_get_milestone (incident, SITREP_MILESTONE_DETECTED), -6);
  GtkWidget *group = GTK_WIDGET (_sitrep_overview_page_get_milestones_group (
                                   _sitrep_window_get_overview (window)));
  GtkWidget *scrolled = gtk_widget_get_ancestor (group, GTK_TYPE_SCROLLED_WINDOW);
  g_autoptr(GError) error = NULL;
  graphene_rect_t bounds;

  g_assert_true (sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_IMPACT_STARTED, impact,
                                                 &error));
  g_assert_no_error (error);
  WAIT_UNTIL (gtk_widget_get_mapped (group));
  g_assert_nonnull (scrolled);
  g_assert_true (gtk_widget_compute_bounds (group, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                            &bounds));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                            bounds.origin.y - 24);
  gui_test_save_screenshot (GTK_WIDGET (window), g_getenv ("ADW_DEBUG_COLOR_SCHEME") != NULL
                                                 ? "overview-impact-started-dark.png"
                                                 : "overview-impact-started-light.png");
}

/* Opened from the main window (Ctrl+Shift+W), the wall selects the
 * window's incident; opened again from another, it selects that one. */
static void
test_opened_from_window (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SitrepApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *p1 = NULL;
  g_autofree char *p3 = NULL;
  g_autofree char *e1 = NULL;
  g_autofree char *e3 = NULL;
  SitrepContext *context;
  SitrepWindow *window;
  GtkWindow *wall = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  /* A screenshot shows the header as it settles, not mid-transition. */
  if (g_getenv ("SITREP_TEST_SCREENSHOTS") != NULL)
    g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  dir = g_dir_make_tmp ("sitrep-wall-open-XXXXXX", NULL);
  app = sitrep_application_new (dir, FALSE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  context = sitrep_application_get_context (app);
  sitrep_context_set_user (context, "dana");
  p1 = declare (context, "Payment service outage", SITREP_SEVERITY_P1);
  p3 = declare (context, "Search results slow", SITREP_SEVERITY_P3);
  e1 = add_entry (test_workspace (context, p1), "Rolled back release 2026.12.3", TRUE);
  e3 = add_entry (test_workspace (context, p3), "Rebuilding the search index", TRUE);

  declared_ago (context, p1, 26);
  declared_ago (context, p3, 12);
  g_assert_true (sitrep_workspace_assign_role (test_workspace (context, p1),
                                               SITREP_ROLE_COMMANDER, "priya", &error));
  g_assert_no_error (error);
  window = sitrep_window_new (ADW_APPLICATION (app), context);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sitrep_window_select_incident (window, p3));
  if (g_getenv ("SITREP_TEST_SCREENSHOTS") != NULL)
    overview_screenshot (window, context, p3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.wall-view", NULL));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (SITREP_IS_WALL_WINDOW (l->data))
      wall = l->data;
  g_assert_nonnull (wall);
  g_assert_cmpstr (sitrep_wall_window_get_selected_incident (SITREP_WALL_WINDOW (wall)), ==, p3);
  WAIT_UNTIL (strstr (gtk_label_get_label (_sitrep_wall_window_get_pinned (SITREP_WALL_WINDOW (wall))),
                      "Rebuilding the search index") != NULL);

  g_assert_true (sitrep_window_select_incident (window, p1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.wall-view", NULL));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);
  g_assert_cmpstr (sitrep_wall_window_get_selected_incident (SITREP_WALL_WINDOW (wall)), ==, p1);
  WAIT_UNTIL (strstr (gtk_label_get_label (_sitrep_wall_window_get_pinned (SITREP_WALL_WINDOW (wall))),
                      "Rolled back release 2026.12.3") != NULL);
  gui_test_save_screenshot (GTK_WIDGET (wall), g_getenv ("ADW_DEBUG_COLOR_SCHEME") != NULL
                                               ? "wall-selected-dark.png"
                                               : "wall-selected-light.png");

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (app)))
    gui_test_destroy (l->data);
}

/* Live from a real server: an incident declared in another app appears;
 * once the server has gone, the wall says since when and counts on. */
static void
test_sync_offline (void)
{
  SitrepTestServer *server = sitrep_test_server_new ();
  GuiTestApp alice = { 0 }, bob = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *other = NULL;
  GtkWidget *wall;
  GtkWidget *old_card;
  GtkLabel *offline;
  g_autoptr(GPtrArray) cards = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  gui_test_app_start (&alice, server->base_url, "alice", server->responder);
  gui_test_app_start (&bob, server->base_url, "bob", server->responder2);
  WAIT_UNTIL (sitrep_context_get_connection (bob.context) == SITREP_CONNECTION_ONLINE);
  wall = sitrep_wall_window_new (NULL, bob.context);
  gtk_window_present (GTK_WINDOW (wall));
  WAIT_UNTIL (gtk_widget_get_mapped (wall));
  offline = _sitrep_wall_window_get_offline (SITREP_WALL_WINDOW (wall));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (offline)));
  g_assert_null (gtk_widget_get_first_child (_sitrep_wall_window_get_incidents (SITREP_WALL_WINDOW (wall))));

  id = declare (alice.context, "Checkout errors", SITREP_SEVERITY_P2);
  WAIT_UNTIL (gtk_widget_get_first_child (_sitrep_wall_window_get_incidents (SITREP_WALL_WINDOW (wall))) != NULL);
  other = declare (alice.context, "Search slow", SITREP_SEVERITY_P3);
  WAIT_UNTIL ((cards = find_in (wall, "wall-incident"))->len == 2 ||
              (g_ptr_array_unref (cards), FALSE));
  g_clear_pointer (&cards, g_ptr_array_unref);

  /* Resolved over there, it leaves the wall here. */
  g_assert_true (sitrep_workspace_set_status (test_workspace (alice.context, other),
                                              SITREP_STATUS_RESOLVED, &error));
  g_assert_no_error (error);
  WAIT_UNTIL ((cards = find_in (wall, "wall-incident"))->len == 1 ||
              (g_ptr_array_unref (cards), FALSE));

  {
    g_autoptr(GDateTime) now = g_date_time_to_local (g_date_time_new_now_utc ());
    before = g_date_time_format (now, "%H:%M");
  }
  sitrep_test_server_stop (server);
  WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (offline)));
  {
    g_autoptr(GDateTime) now = g_date_time_to_local (g_date_time_new_now_utc ());
    after = g_date_time_format (now, "%H:%M");
  }
  {
    g_autofree char *text_before = g_strdup_printf ("Offline since %s", before);
    g_autofree char *text_after = g_strdup_printf ("Offline since %s", after);
    const char *shown = gtk_label_get_label (offline);

    g_assert_true (g_str_equal (shown, text_before) || g_str_equal (shown, text_after));
  }

  /* Still counting down. */
  old_card = gtk_widget_get_first_child (_sitrep_wall_window_get_incidents (SITREP_WALL_WINDOW (wall)));
  g_object_add_weak_pointer (G_OBJECT (old_card), (gpointer *) &old_card);
  sitrep_clock_tick (sitrep_context_get_clock (bob.context));
  g_assert_null (old_card);
  g_assert_nonnull (gtk_widget_get_first_child (_sitrep_wall_window_get_incidents (SITREP_WALL_WINDOW (wall))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (offline)));

  gui_test_destroy (GTK_WINDOW (wall));
  gui_test_app_stop (&alice);
  gui_test_app_stop (&bob);
  sitrep_test_server_free (server);
}

/* The application set to start with the wall (sitrep --wall) opens it and
 * no workspace window; the window action opens the same one. In a process
 * of its own: the application stays on the bus until the process ends. */
static void
test_app_starts_wall (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SitrepApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *active;
  SitrepWindow *window;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  dir = g_dir_make_tmp ("sitrep-wall-app-XXXXXX", NULL);
  app = sitrep_application_new (dir, FALSE);
  sitrep_application_set_wall (app, TRUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  WAIT_UNTIL ((active = gtk_application_get_active_window (GTK_APPLICATION (app))) != NULL);
  g_assert_true (SITREP_IS_WALL_WINDOW (active));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  /* With the app's style: two incidents, one with pinned entries. */
  {
    SitrepContext *context = sitrep_application_get_context (app);
    g_autofree char *p1 = declare (context, "Payment service outage", SITREP_SEVERITY_P1);
    g_autofree char *p3 = declare (context, "Search results slow", SITREP_SEVERITY_P3);
    g_autofree char *e1 = NULL;
    g_autofree char *e2 = NULL;

    sitrep_context_set_user (context, "dana");
    declared_ago (context, p1, 26);
    declared_ago (context, p3, 12);
    g_assert_true (sitrep_workspace_assign_role (test_workspace (context, p1),
                                                 SITREP_ROLE_COMMANDER, "priya", &error));
    g_assert_no_error (error);
    e1 = add_entry (test_workspace (context, p1), "Payments fail for card customers in EU", TRUE);
    e2 = add_entry (test_workspace (context, p1), "Rolled back release 2026.12.3", TRUE);
    WAIT_UNTIL (gtk_label_get_label (_sitrep_wall_window_get_pinned (SITREP_WALL_WINDOW (active)))[0] != '\0');
    gui_test_save_screenshot (GTK_WIDGET (active),
                              g_getenv ("ADW_DEBUG_COLOR_SCHEME") != NULL ? "wall-dark.png"
                                                                         : "wall-light.png");
  }

  /* Closed, the main window's action opens it again, once. */
  window = sitrep_window_new (ADW_APPLICATION (app), sitrep_application_get_context (app));
  gui_test_destroy (active);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.wall-view", NULL));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.wall-view", NULL));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);
  active = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (SITREP_IS_WALL_WINDOW (l->data))
      active = l->data;
  g_assert_nonnull (active);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (app)))
    gui_test_destroy (l->data);
}

/* Whether the X server shows a window titled @title. */
static gboolean
x_window_shown (const char *title)
{
  g_autofree char *out = NULL;
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", title);
  const char *argv[] = { "xwininfo", "-root", "-tree", NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, NULL, NULL))
    return FALSE;
  return strstr (out, quoted) != NULL;
}

/* `sitrep --wall` shows the wall view, and not the main window. */
static void
test_command_line (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitrep-wall-cli-XXXXXX", NULL);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;

  app = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, g_getenv ("SITREP_BIN"), "--wall",
                          "--data-dir", dir, "--demo", NULL);
  g_assert_no_error (error);
  WAIT_UNTIL (x_window_shown ("Sitrep Wall"));
  g_assert_false (x_window_shown ("Sitrep"));
  g_subprocess_send_signal (app, SIGTERM);
  g_assert_true (g_subprocess_wait (app, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *xwininfo = NULL;

  gui_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/gui/wall/countdowns", test_countdowns);
  ADD ("/gui/wall/amber-red", test_amber_red);
  ADD ("/gui/wall/read-only-pinned", test_read_only_pinned);
  ADD ("/gui/wall/selected-pinned", test_selected_pinned);
#undef ADD
  g_test_add_func ("/gui/wall/opened-from-window", test_opened_from_window);
  g_test_add_func ("/gui/wall/app-starts-wall", test_app_starts_wall);
  if (g_getenv ("SITREP_BIN") != NULL && (xwininfo = g_find_program_in_path ("xwininfo")) != NULL)
    g_test_add_func ("/gui/wall/command-line", test_command_line);
  if (g_getenv ("SITREP_SERVER_BIN") != NULL)
    g_test_add_func ("/gui/wall/sync-offline", test_sync_offline);

  return g_test_run ();
}

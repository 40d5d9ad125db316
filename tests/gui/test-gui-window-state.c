/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-window-state.c: what the window's headers offer and show
 *
 * With no incident the page switcher is not offered; in a narrow window
 * the sync state stays on screen, in whichever header is shown, and the
 * bottom switcher bar gets its buttons when it is first shown.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gui-test-util.h"
#include "sitrep-gui-util.h"
#include "sitrep-application.h"

#include "sitrep-window-private.h"

typedef struct
{
  char          *data_dir;
  SitrepContext *context;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("sitrep-window-state-XXXXXX", NULL);
  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "dana");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->context);
  g_free (f->data_dir);
}

/* The first descendant of @root of @type. */
static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether a page switcher of @root can be clicked: mapped, sensitive. */
static gboolean
switcher_usable (GtkWidget *root)
{
  if (ADW_IS_VIEW_SWITCHER (root) && gtk_widget_get_mapped (root) &&
      gtk_widget_is_sensitive (root))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (switcher_usable (child))
      return TRUE;
  return FALSE;
}

/* A widget on screen in @root that tells @text, as its label or its
 * tooltip. */
static GtkWidget *
find_telling (GtkWidget  *root,
              const char *text)
{
  const char *tooltip = sitrep_widget_get_tooltip (root);

  if (gtk_widget_get_mapped (root) && gtk_widget_get_width (root) > 0 &&
      ((GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL) ||
       (tooltip != NULL && strstr (tooltip, text) != NULL)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_telling (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_switcher_without_incident (Fixture       *f,
                                gconstpointer  data)
{
  SitrepWindow *window = sitrep_window_new (NULL, f->context);
  AdwViewSwitcherTitle *title;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  WAIT_IDLE ();

  title = ADW_VIEW_SWITCHER_TITLE (find_widget (GTK_WIDGET (window),
                                                ADW_TYPE_VIEW_SWITCHER_TITLE));
  g_assert_nonnull (title);
  g_assert_false (switcher_usable (GTK_WIDGET (window)));
  g_assert_false (adw_view_switcher_title_get_view_switcher_enabled (title) &&
                  gtk_widget_is_sensitive (GTK_WIDGET (title)));

  /* Alt+2 does nothing either: the content still says none is selected. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.page-nth", "u", 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     GTK_STACK (gtk_widget_get_parent (gtk_widget_get_parent (
                       GTK_WIDGET (_sitrep_window_get_pages (window)))))), ==, "empty");

  /* An incident: the switcher is there. */
  id = sitrep_context_declare_incident (f->context, "Checkout errors", "checkout", "",
                                        SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_window_select_incident (window, id));
  WAIT_UNTIL (switcher_usable (GTK_WIDGET (window)));
  g_assert_true (adw_view_switcher_title_get_view_switcher_enabled (title));

  gui_test_destroy (GTK_WINDOW (window));
}

static void
test_narrow_sync_state (Fixture       *f,
                        gconstpointer  data)
{
  SitrepWindow *window = sitrep_window_new (NULL, f->context);
  AdwLeaflet *leaflet;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = sitrep_context_declare_incident (f->context, "Checkout errors", "checkout", "",
                                        SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  WAIT_UNTIL (find_telling (GTK_WIDGET (window), "Local only") != NULL);

  /* Narrow: the leaflet shows one side at a time. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  WAIT_UNTIL (adw_leaflet_get_folded (leaflet));
  WAIT_IDLE ();

  adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  WAIT_IDLE ();
  WAIT_UNTIL (find_telling (adw_leaflet_get_visible_child (leaflet), "Local only") != NULL);

  g_assert_true (sitrep_window_select_incident (window, id));
  adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  WAIT_IDLE ();
  WAIT_UNTIL (find_telling (adw_leaflet_get_visible_child (leaflet), "Local only") != NULL);

  gui_test_destroy (GTK_WINDOW (window));
}

/* The bottom switcher bar, shown only in a narrow window, makes its page
 * buttons when it is first shown, not for every wide window. */
static void
test_switcher_bar_on_demand (Fixture       *f,
                             gconstpointer  data)
{
  SitrepWindow *window = sitrep_window_new (NULL, f->context);
  AdwViewSwitcherBar *bar;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = sitrep_context_declare_incident (f->context, "Checkout errors", "checkout", "",
                                        SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sitrep_window_select_incident (window, id));
  WAIT_UNTIL (switcher_usable (GTK_WIDGET (window)));
  WAIT_IDLE ();

  bar = ADW_VIEW_SWITCHER_BAR (find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR));
  g_assert_nonnull (bar);
  WAIT_UNTIL (!adw_view_switcher_bar_get_reveal (bar));
  WAIT_IDLE ();
  g_assert_null (adw_view_switcher_bar_get_stack (bar));

  /* Narrow: the title has no room for the switcher, the bar shows it. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  WAIT_UNTIL (adw_view_switcher_bar_get_reveal (bar));
  g_assert_true (adw_view_switcher_bar_get_stack (bar) ==
                 _sitrep_window_get_pages (window));

  gui_test_destroy (GTK_WINDOW (window));
}

/* With no incident at all, the content pane says so once (the sidebar
 * only "No incidents"); with incidents, it asks to pick one. */
static void
test_empty_says_why (Fixture       *f,
                     gconstpointer  data)
{
  SitrepWindow *window = sitrep_window_new (NULL, f->context);
  AdwStatusPage *empty = _sitrep_window_get_empty_page (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (empty)));
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "All Quiet");
  /* The token banner is not there to be laid out while it is hidden. */
  g_assert_false (gtk_revealer_get_reveal_child (_sitrep_window_get_auth_banner (window)));
  g_assert_false (gtk_widget_get_visible (gtk_revealer_get_child (
    _sitrep_window_get_auth_banner (window))));
  g_assert_nonnull (find_telling (GTK_WIDGET (window), "No incidents"));

  id = sitrep_context_declare_incident (f->context, "Checkout errors", "checkout", "",
                                        SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);
  WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (empty)));
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No Incident Selected");
  g_assert_null (find_telling (GTK_WIDGET (window), "No incidents"));

  gui_test_destroy (GTK_WINDOW (window));
}

/* The app reads as many incidents before its first frame as the sidebar
 * of the window it restores can show (a row is at least 48 px), and two
 * more: the rest come after that frame. */
static void
test_first_screen_from_height (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(SitrepApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  SitrepContext *context;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *title = g_strdup_printf ("Incident %u", i);
      g_autofree char *id = sitrep_context_declare_incident (f->context, title, "checkout", "",
                                                             SITREP_SEVERITY_P3, &error);

      g_assert_no_error (error);
    }
  g_clear_object (&f->context);

  /* 480 px: 12 rows, not the 25 read without a saved height. */
  g_settings_set_int (settings, "window-height", 480);
  app = sitrep_application_new (f->data_dir, FALSE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  context = sitrep_application_get_context (app);
  g_assert_nonnull (context);
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_context_get_incidents (context)), ==,
                    480 / 48 + 2);
  g_assert_false (sitrep_context_get_incidents_complete (context));
  g_settings_reset (settings, "window-height");
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/window/switcher-without-incident", Fixture, NULL, fixture_set_up,
              test_switcher_without_incident, fixture_tear_down);
  g_test_add ("/window/narrow-sync-state", Fixture, NULL, fixture_set_up,
              test_narrow_sync_state, fixture_tear_down);
  g_test_add ("/window/switcher-bar-on-demand", Fixture, NULL, fixture_set_up,
              test_switcher_bar_on_demand, fixture_tear_down);
  g_test_add ("/window/empty-says-why", Fixture, NULL, fixture_set_up,
              test_empty_says_why, fixture_tear_down);
  g_test_add ("/window/first-screen-from-height", Fixture, NULL, fixture_set_up,
              test_first_screen_from_height, fixture_tear_down);

  return g_test_run ();
}

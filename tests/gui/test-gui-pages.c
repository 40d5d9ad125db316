/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-pages.c: what every incident page shares (SitrepIncidentPage)
 * and how the window drives its pages */

#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"
#include "sitrep-gui-util.h"

#include "sitrep-incident-page-private.h"
#include "sitrep-window-private.h"

/* A page that counts what the base class asks of it. */
#define TEST_TYPE_PAGE (test_page_get_type ())
G_DECLARE_FINAL_TYPE (TestPage, test_page, TEST, PAGE, SitrepIncidentPage)

struct _TestPage
{
  SitrepIncidentPage parent_instance;

  guint n_incident_changed;
  guint n_refresh;
  guint n_minute;
};

G_DEFINE_FINAL_TYPE (TestPage, test_page, SITREP_TYPE_INCIDENT_PAGE)

static void
test_page_incident_changed (SitrepIncidentPage *page)
{
  TEST_PAGE (page)->n_incident_changed++;
}

static void
test_page_refresh (SitrepIncidentPage *page)
{
  TEST_PAGE (page)->n_refresh++;
}

static void
test_page_minute_changed (SitrepIncidentPage *page)
{
  TEST_PAGE (page)->n_minute++;
}

static void
test_page_class_init (TestPageClass *klass)
{
  SitrepIncidentPageClass *page_class = SITREP_INCIDENT_PAGE_CLASS (klass);

  page_class->incident_changed = test_page_incident_changed;
  page_class->refresh = test_page_refresh;
  page_class->minute_changed = test_page_minute_changed;
}

static void
test_page_init (TestPage *self)
{
}

typedef struct
{
  char          *data_dir;
  SitrepContext *context;
  char          *incident_id;
  char          *other_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("sitrep-pages-XXXXXX", NULL);
  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "dana");
  f->incident_id = sitrep_context_declare_incident (f->context, "Checkout errors", "checkout", "",
                                                    SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);
  f->other_id = sitrep_context_declare_incident (f->context, "Search slow", "search", "",
                                                 SITREP_SEVERITY_P3, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->context);
  g_free (f->incident_id);
  g_free (f->other_id);
  g_free (f->data_dir);
}

/* Runs what is already due (idles), without waiting for anything. */
static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* One commit that writes many records refreshes the page once; a change
 * of another incident not at all. */
static void
test_refresh_coalesced (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TestPage *page = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, NULL));
  SitrepIncident *incident = sitrep_context_lookup_incident (f->context, f->incident_id);
  GtkWidget *window = gtk_window_new ();

  /* On screen: a page not shown only marks itself dirty (below). */
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)));

  sitrep_incident_page_set_context (SITREP_INCIDENT_PAGE (page), f->context);
  sitrep_incident_page_set_incident (SITREP_INCIDENT_PAGE (page), incident);
  g_assert_cmpuint (page->n_incident_changed, ==, 1);
  g_assert_nonnull (sitrep_incident_page_get_workspace (SITREP_INCIDENT_PAGE (page)));
  g_assert_cmpstr (sitrep_workspace_get_incident_id (sitrep_incident_page_get_workspace (SITREP_INCIDENT_PAGE (page))),
                   ==, f->incident_id);
  drain ();
  g_assert_cmpuint (page->n_refresh, ==, 0);

  /* The protocol's switch: the incident, a timeline entry and the major
   * checklist items in one commit. */
  g_assert_true (sitrep_workspace_set_major (test_workspace (f->context, f->incident_id), TRUE,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpuint (page->n_refresh, ==, 0);
  WAIT_UNTIL (page->n_refresh > 0);
  drain ();
  g_assert_cmpuint (page->n_refresh, ==, 1);

  g_assert_true (sitrep_workspace_set_major (test_workspace (f->context, f->other_id), TRUE,
                                             &error));
  g_assert_no_error (error);
  drain ();
  g_assert_cmpuint (page->n_refresh, ==, 1);

  /* The clock's minute reaches the page's countdowns. */
  sitrep_clock_tick (sitrep_context_get_clock (f->context));
  g_assert_cmpuint (page->n_minute, ==, 1);

  /* Shown nothing, it neither refreshes nor ticks. */
  sitrep_incident_page_set_incident (SITREP_INCIDENT_PAGE (page), NULL);
  g_assert_cmpuint (page->n_incident_changed, ==, 2);
  g_assert_null (sitrep_incident_page_get_workspace (SITREP_INCIDENT_PAGE (page)));
  sitrep_clock_tick (sitrep_context_get_clock (f->context));
  g_assert_cmpuint (page->n_minute, ==, 1);
  g_assert_cmpuint (_sitrep_incident_page_get_n_refreshes (SITREP_INCIDENT_PAGE (page)), ==, 1);

  gui_test_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (page);
}

/* A page not on screen does no work for a change: it marks itself dirty
 * and refreshes once when shown, before it is drawn. */
static void
test_hidden_dirty (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TestPage *page = g_object_ref_sink (g_object_new (TEST_TYPE_PAGE, NULL));
  SitrepIncidentPage *base = SITREP_INCIDENT_PAGE (page);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *other = gtk_label_new ("Another page");

  gtk_stack_add_named (GTK_STACK (stack), other, "other");
  gtk_stack_add_named (GTK_STACK (stack), GTK_WIDGET (page), "page");
  gtk_stack_set_visible_child (GTK_STACK (stack), other);
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (other));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));

  sitrep_incident_page_set_context (base, f->context);
  sitrep_incident_page_set_incident (base, sitrep_context_lookup_incident (f->context,
                                                                           f->incident_id));
  g_assert_cmpuint (page->n_incident_changed, ==, 1);
  g_assert_false (_sitrep_incident_page_get_dirty (base));

  /* Two bursts of changes while hidden: no refresh, dirty. */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (sitrep_workspace_set_major (test_workspace (f->context, f->incident_id),
                                                 i == 0, &error));
      g_assert_no_error (error);
      WAIT_IDLE ();
    }
  g_assert_cmpuint (page->n_refresh, ==, 0);
  g_assert_true (_sitrep_incident_page_get_dirty (base));

  /* The clock's minute does not reach a hidden page either. */
  sitrep_clock_tick (sitrep_context_get_clock (f->context));
  g_assert_cmpuint (page->n_minute, ==, 0);

  /* Shown: one refresh, at once. */
  gtk_stack_set_visible_child (GTK_STACK (stack), GTK_WIDGET (page));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpuint (page->n_refresh, ==, 1);
  g_assert_false (_sitrep_incident_page_get_dirty (base));
  WAIT_IDLE ();
  g_assert_cmpuint (page->n_refresh, ==, 1);

  /* Hidden again and pointed at another incident: incident_changed shows
   * all of it, nothing is left to do when shown. */
  gtk_stack_set_visible_child (GTK_STACK (stack), other);
  g_assert_true (sitrep_workspace_set_major (test_workspace (f->context, f->incident_id), TRUE,
                                             &error));
  g_assert_no_error (error);
  WAIT_IDLE ();
  g_assert_true (_sitrep_incident_page_get_dirty (base));
  sitrep_incident_page_set_incident (base, sitrep_context_lookup_incident (f->context,
                                                                           f->other_id));
  g_assert_cmpuint (page->n_incident_changed, ==, 2);
  g_assert_false (_sitrep_incident_page_get_dirty (base));
  gtk_stack_set_visible_child (GTK_STACK (stack), GTK_WIDGET (page));
  g_assert_cmpuint (page->n_refresh, ==, 1);

  /* A minute turned while hidden: the countdowns are redone when shown. */
  gtk_stack_set_visible_child (GTK_STACK (stack), other);
  sitrep_clock_tick (sitrep_context_get_clock (f->context));
  g_assert_cmpuint (page->n_minute, ==, 0);
  g_assert_true (_sitrep_incident_page_get_dirty (base));
  gtk_stack_set_visible_child (GTK_STACK (stack), GTK_WIDGET (page));
  g_assert_cmpuint (page->n_refresh, ==, 2);
  sitrep_clock_tick (sitrep_context_get_clock (f->context));
  g_assert_cmpuint (page->n_minute, ==, 1);

  gui_test_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (page);
}

static SitrepIncident *
window_incident (SitrepWindow *window)
{
  g_autoptr(SitrepIncident) incident = NULL;

  g_object_get (window, "incident", &incident, NULL);
  return incident;
}

/* Every page in the stack follows the window's incident; Alt+N picks the
 * stack's Nth page. */
static void
test_window_pages (Fixture       *f,
                   gconstpointer  data)
{
  SitrepWindow *window = sitrep_window_new (NULL, f->context);
  g_autoptr(GtkSelectionModel) pages = NULL;
  guint n, n_incident_pages = 0;

  gtk_window_present (GTK_WINDOW (window));
  pages = adw_view_stack_get_pages (_sitrep_window_get_pages (window));
  n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint round = 0; round < 2; round++)
    {
      const char *id = round == 0 ? f->incident_id : f->other_id;

      g_assert_true (sitrep_window_select_incident (window, id));
      g_assert_cmpstr (sitrep_incident_get_id (window_incident (window)), ==, id);

      n_incident_pages = 0;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
          GtkWidget *child = adw_view_stack_page_get_child (page);

          if (!SITREP_IS_INCIDENT_PAGE (child))
            continue;
          n_incident_pages++;
          g_assert_true (sitrep_incident_page_get_context (SITREP_INCIDENT_PAGE (child)) ==
                         f->context);
          g_assert_true (sitrep_incident_page_get_incident (SITREP_INCIDENT_PAGE (child)) ==
                         window_incident (window));
        }
    }
  g_assert_cmpuint (n_incident_pages, ==, 6);

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i - 1);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page-nth", "u", i));
      g_assert_true (adw_view_stack_get_visible_child (_sitrep_window_get_pages (window)) ==
                     adw_view_stack_page_get_child (page));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* Whether the window's page named @name has its widgets yet; read from
 * the stack, since the window's own getters build the page they return. */
static gboolean
page_built (SitrepWindow *window,
            const char   *name)
{
  GtkWidget *page = adw_view_stack_get_child_by_name (_sitrep_window_get_pages (window), name);

  g_assert_true (SITREP_IS_INCIDENT_PAGE (page));
  return sitrep_incident_page_get_built (SITREP_INCIDENT_PAGE (page));
}

/* The start makes only what its first frame shows: no page while no
 * incident is shown, then the page on screen, then each when first shown. */
static void
test_built_when_shown (Fixture       *f,
                       gconstpointer  data)
{
  static const char *const names[] = { "overview", "roles", "checklist", "timeline", "comms" };
  g_autofree char *empty_dir = g_dir_make_tmp ("sitrep-pages-empty-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) empty = sitrep_context_new (empty_dir, &error);
  SitrepWindow *window;

  g_assert_no_error (error);
  window = sitrep_window_new (NULL, empty);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_false (page_built (window, names[i]));
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();

  window = sitrep_window_new (NULL, f->context);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  g_assert_nonnull (window_incident (window));
  g_assert_true (page_built (window, "overview"));
  for (guint i = 1; i < G_N_ELEMENTS (names); i++)
    g_assert_false (page_built (window, names[i]));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page-nth", "u", 4));
  g_assert_true (page_built (window, "timeline"));
  g_assert_false (page_built (window, "roles"));
  g_assert_false (page_built (window, "checklist"));
  g_assert_false (page_built (window, "comms"));

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* A page built for an incident it already has shows it and writes nothing:
 * setting up its widgets is not an edit. The incident arrives while the
 * window shows none, as one from the team server does at start. */
static void
test_built_writes_nothing (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("sitrep-pages-arrive-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
  g_autoptr(GtkSelectionModel) pages = NULL;
  g_autofree char *id = NULL;
  SitrepWindow *window;
  SitrepIncident *incident;
  guint pending, n;

  g_assert_no_error (error);
  window = sitrep_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  g_assert_null (window_incident (window));

  id = sitrep_context_declare_incident (context, "Checkout errors", "checkout", "",
                                        SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);
  pending = sitrep_context_get_pending (context);
  drain ();
  incident = window_incident (window);
  g_assert_nonnull (incident);
  g_assert_cmpstr (sitrep_incident_get_id (incident), ==, id);

  pages = adw_view_stack_get_pages (_sitrep_window_get_pages (window));
  n = g_list_model_get_n_items (G_LIST_MODEL (pages));
  for (guint i = 1; i <= n; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page-nth", "u", i));
      drain ();
    }

  g_assert_cmpint (sitrep_incident_get_severity (incident), ==, SITREP_SEVERITY_P2);
  g_assert_cmpuint (sitrep_context_get_pending (context), ==, pending);

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* The shortcuts window is made when first asked for, not with the window.
 * Showing it, GTK 4.8 warns that a label of its own (the "+" between
 * keys, which Adwaita gives a negative margin) measures below zero,
 * whoever builds the window: warnings are not fatal while it shows. */
static void
test_shortcuts_on_demand (Fixture       *f,
                          gconstpointer  data)
{
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  SitrepWindow *window = sitrep_window_new (NULL, f->context);
  GtkShortcutsWindow *overlay;

  gtk_window_present (GTK_WINDOW (window));
  drain ();
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  /* Asked again, the same one. */
  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) ==
                 overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_log_set_always_fatal (fatal);
}

/* The main menu's popover and the view switchers' buttons are made when
 * first needed: the menu when it opens, the switchers with the first
 * incident shown. */
static void
test_window_parts_on_demand (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("sitrep-pages-parts-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
  g_autofree char *id = NULL;
  SitrepWindow *window;
  GtkMenuButton *menu;

  g_assert_no_error (error);
  window = sitrep_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  menu = _sitrep_window_get_main_menu_button (window);
  g_assert_null (gtk_menu_button_get_menu_model (menu));
  g_assert_null (adw_view_switcher_title_get_stack (_sitrep_window_get_content_title (window)));

  gtk_menu_button_popup (menu);
  g_assert_nonnull (gtk_menu_button_get_menu_model (menu));
  g_assert_true (GTK_IS_POPOVER_MENU (gtk_menu_button_get_popover (menu)));
  gtk_menu_button_popdown (menu);

  id = sitrep_context_declare_incident (context, "Checkout errors", "checkout", "",
                                        SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);
  drain ();
  g_assert_nonnull (window_incident (window));
  g_assert_true (adw_view_switcher_title_get_stack (_sitrep_window_get_content_title (window)) ==
                 _sitrep_window_get_pages (window));

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* The app's own symbolic icon (the empty states show it) is among the
 * resources where GtkApplication looks for icons, so it is found when the
 * app runs from its build folder too, not the "missing image" one. */
static void
test_own_icon (Fixture       *f,
               gconstpointer  data)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GBytes) svg = NULL;

  svg = g_resources_lookup_data ("/io/github/sitrep/Sitrep/icons/scalable/apps/"
                                 "io.github.sitrep.Sitrep-symbolic.svg",
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert_nonnull (svg);
  gtk_icon_theme_add_resource_path (theme, "/io/github/sitrep/Sitrep/icons");
  g_assert_true (gtk_icon_theme_has_icon (theme, "io.github.sitrep.Sitrep-symbolic"));
}

/* The rows' tooltips are kept on the widget and handed to GTK when asked
 * for: set, replaced and cleared like tooltip text, whether or not the
 * widget is on screen. */
static void
test_quiet_tooltip (void)
{
  GtkWidget *button = g_object_ref_sink (gtk_button_new_with_label ("Snooze…"));

  g_assert_null (sitrep_widget_get_tooltip (button));
  sitrep_widget_set_tooltip (button, "Snooze the executive update");
  g_assert_cmpstr (sitrep_widget_get_tooltip (button), ==, "Snooze the executive update");
  g_assert_true (gtk_widget_get_has_tooltip (button));
  /* Not handed to GTK's own tooltip text, which would ask the display. */
  g_assert_null (gtk_widget_get_tooltip_text (button));

  sitrep_widget_set_tooltip (button, "Snooze it again");
  g_assert_cmpstr (sitrep_widget_get_tooltip (button), ==, "Snooze it again");
  /* Once connected, however often it is set. */
  {
    guint query_tooltip = g_signal_lookup ("query-tooltip", GTK_TYPE_WIDGET);

    g_assert_cmpuint (g_signal_handlers_block_matched (button, G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DATA,
                                                       query_tooltip,
                                                       0, NULL, NULL, NULL), ==, 1);
    g_signal_handlers_unblock_matched (button, G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DATA,
                                       query_tooltip, 0, NULL, NULL,
                                       NULL);
  }
  sitrep_widget_set_tooltip (button, "");
  g_assert_null (sitrep_widget_get_tooltip (button));
  g_assert_false (gtk_widget_get_has_tooltip (button));

  /* Set by GTK's own means, it reads the same. */
  gtk_widget_set_tooltip_text (button, "Plain");
  g_assert_cmpstr (sitrep_widget_get_tooltip (button), ==, "Plain");
  g_object_unref (button);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/pages/refresh-coalesced", Fixture, NULL, fixture_set_up,
              test_refresh_coalesced, fixture_tear_down);
  g_test_add ("/pages/hidden-dirty", Fixture, NULL, fixture_set_up, test_hidden_dirty,
              fixture_tear_down);
  g_test_add ("/pages/window", Fixture, NULL, fixture_set_up, test_window_pages,
              fixture_tear_down);
  g_test_add ("/pages/built-when-shown", Fixture, NULL, fixture_set_up, test_built_when_shown,
              fixture_tear_down);
  g_test_add ("/pages/built-writes-nothing", Fixture, NULL, fixture_set_up,
              test_built_writes_nothing, fixture_tear_down);
  g_test_add ("/window/shortcuts-on-demand", Fixture, NULL, fixture_set_up,
              test_shortcuts_on_demand, fixture_tear_down);
  g_test_add ("/window/parts-on-demand", Fixture, NULL, fixture_set_up,
              test_window_parts_on_demand, fixture_tear_down);
  g_test_add_func ("/widgets/quiet-tooltip", test_quiet_tooltip);
  g_test_add ("/window/own-icon", Fixture, NULL, fixture_set_up, test_own_icon,
              fixture_tear_down);

  return g_test_run ();
}

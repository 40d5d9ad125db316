/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every page and every window of the app, on the demo incident, walked as
 * a screen reader meets them (a11y-walker.h): each button, entry, switch,
 * check button, drop-down, text view and list row has an accessible
 * name, and each icon-only button a tooltip. */

#include "config.h"

#include <glib/gi18n.h>

#include "gui-test-apps.h"
#include "a11y-walker.h"

#include "sitrep-action-items-window.h"
#include "sitrep-briefing-dialog.h"
#include "sitrep-conflict-dialog.h"
#include "sitrep-database-dialog.h"
#include "sitrep-incident-action-items-window.h"
#include "sitrep-notifier.h"
#include "sitrep-preferences-window.h"
#include "sitrep-refused-edit.h"
#include "sitrep-reports-window.h"
#include "sitrep-snooze-dialog.h"
#include "sitrep-templates-window.h"
#include "sitrep-wall-window.h"
#include "sitrep-store-sync.h"

typedef struct
{
  GuiTestApp  app;
  char       *incident_id;
  A11yWalk    walk;
} Fixture;

/* Unnamed controls that are libadwaita's or GTK's own, inside windows they
 * build whole: the about window's version button (libadwaita 1.2) and the
 * shortcuts window's search toggle (GTK 4.8). */
static const char *const toolkit_own[] = {
  "AdwAboutWindow#AdwAboutWindow > ",
  "GtkShortcutsWindow#help_overlay > GtkHeaderBar > ",
  NULL
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  gui_test_app_start (&f->app, NULL, "alice", NULL);
  f->incident_id = sitrep_context_add_demo (f->app.context, &error);
  g_assert_no_error (error);
  gui_test_app_open_page (&f->app, f->incident_id, "overview");
  f->walk.offenders = g_string_new (NULL);
  f->walk.toolkit = toolkit_own;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gui_test_app_stop (&f->app);
  g_string_free (f->walk.offenders, TRUE);
  g_free (f->incident_id);
}

static void
assert_no_offenders (Fixture *f)
{
  if (f->walk.n_offenders > 0)
    g_test_fail_printf ("%u controls a screen reader cannot name or explain:\n%s",
                        f->walk.n_offenders, f->walk.offenders->str);
}

/* Opens @button's popover and waits until it shows. It does not hide
 * itself while open here: another test's window on the same X server can
 * take the focus, which would close it before it is walked. */
static GtkPopover *
open_popover (GtkMenuButton *button)
{
  GtkPopover *popover;

  /* A menu's popover is made when it first opens. */
  popover = gtk_menu_button_get_popover (button);
  if (popover == NULL)
    {
      gtk_menu_button_popup (button);
      gtk_menu_button_popdown (button);
      popover = gtk_menu_button_get_popover (button);
      if (popover == NULL)
        return NULL;
      WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (popover)));
    }
  gtk_popover_set_autohide (popover, FALSE);
  gtk_menu_button_popup (button);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  WAIT_IDLE ();
  return popover;
}

static void
close_popover (GtkMenuButton *button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  gtk_menu_button_popdown (button);
  WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (popover)));
  gtk_popover_set_autohide (popover, TRUE);
}

static void
find_menu_buttons (GtkWidget *widget,
                   GPtrArray *found)
{
  if (!a11y_shown (widget))
    return;
  if (GTK_IS_MENU_BUTTON (widget) && gtk_widget_is_sensitive (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    find_menu_buttons (c, found);
}

/* Opens each menu button's popover under @root in turn and walks it: the
 * role chooser, a row's menu, the filters. */
static void
walk_popovers (Fixture    *f,
               const char *where,
               GtkWidget  *root)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  find_menu_buttons (root, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = buttons->pdata[i];
      GtkPopover *popover;
      g_autofree char *in = g_strdup_printf ("%s, popover of %s", where,
                                             G_OBJECT_TYPE_NAME (button));

      graphene_rect_t bounds;
      GtkWidget *native = GTK_WIDGET (gtk_widget_get_native (GTK_WIDGET (button)));

      /* Scrolled to first: a popover opened off screen finds no monitor. */
      gtk_widget_grab_focus (GTK_WIDGET (button));
      WAIT_IDLE ();
      if (!gtk_widget_compute_bounds (GTK_WIDGET (button), native, &bounds) ||
          bounds.origin.y < 0 || bounds.origin.y + bounds.size.height > gtk_widget_get_height (native))
        {
          g_test_message ("%s: not on screen, not opened", in);
          continue;
        }
      popover = open_popover (button);
      if (popover == NULL)
        continue;
      a11y_walk (&f->walk, in, GTK_WIDGET (popover));
      close_popover (button);
    }
}

/* Shows @window, waits until it is drawn and walks it. */
static void
walk_window (Fixture    *f,
             const char *where,
             GtkWidget  *window)
{
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (window));
  WAIT_IDLE ();
  a11y_walk (&f->walk, where, window);
  walk_popovers (f, where, window);
}

static void
walk_and_close (Fixture    *f,
                const char *where,
                GtkWidget  *window)
{
  walk_window (f, where, window);
  gui_test_destroy (GTK_WINDOW (window));
}

/* The main window, on each of the incident's pages, with the sidebar's
 * search open and the main menu's popover shown. */
static void
test_window_pages (Fixture       *f,
                   gconstpointer  data)
{
  static const char *pages[] = {
    "overview", "roles", "checklist", "timeline", "comms", "postmortem",
  };
  GtkWidget *window = GTK_WIDGET (f->app.window);
  AdwViewStack *stack = _sitrep_window_get_pages (f->app.window);
  GtkMenuButton *menu = _sitrep_window_get_main_menu_button (f->app.window);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *where = g_strdup_printf ("window, %s page", pages[i]);

      g_assert_true (gtk_widget_activate_action (window, "win.page", "s", pages[i]));
      WAIT_UNTIL (gtk_widget_get_mapped (adw_view_stack_get_child_by_name (stack, pages[i])));
      WAIT_IDLE ();
      a11y_walk (&f->walk, where, window);
      walk_popovers (f, where, adw_view_stack_get_child_by_name (stack, pages[i]));
    }

  g_assert_true (gtk_widget_activate_action (window, "win.search", NULL));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (_sitrep_window_get_search_entry (f->app.window))));
  a11y_walk (&f->walk, "window, search", window);

  a11y_walk (&f->walk, "main menu", GTK_WIDGET (open_popover (menu)));
  close_popover (menu);

  /* The palette, as Ctrl+K opens it. */
  gtk_popover_set_autohide (GTK_POPOVER (_sitrep_window_get_palette (f->app.window)), FALSE);
  g_assert_true (gtk_widget_activate_action (window, "win.command-palette", NULL));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (_sitrep_window_get_palette (f->app.window))));
  WAIT_IDLE ();
  a11y_walk (&f->walk, "command palette", GTK_WIDGET (_sitrep_window_get_palette (f->app.window)));
  gtk_popover_popdown (GTK_POPOVER (_sitrep_window_get_palette (f->app.window)));

  assert_no_offenders (f);
}

/* The incident's own windows: declare, its action items, the briefing,
 * the templates of each audience and the snooze dialog. */
static void
test_incident_dialogs (Fixture       *f,
                       gconstpointer  data)
{
  GtkWindow *parent = GTK_WINDOW (f->app.window);
  g_autoptr(SitrepNotifier) notifier = sitrep_notifier_new (NULL, f->app.context);
  GtkWidget *declare;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (parent), "win.declare", NULL));
  declare = GTK_WIDGET (_sitrep_window_get_declare_dialog (f->app.window));
  walk_window (f, "declare dialog", declare);
  gtk_widget_set_visible (declare, FALSE);

  walk_and_close (f, "incident action items",
                  GTK_WIDGET (sitrep_incident_action_items_window_present (parent, f->app.context,
                                                                           f->incident_id,
                                                                           "Checkout errors")));
  walk_and_close (f, "briefing",
                  GTK_WIDGET (sitrep_briefing_dialog_new (parent, f->app.context, f->incident_id)));
  for (SitrepAudience audience = 0; audience <= SITREP_AUDIENCE_INTERNAL; audience++)
    {
      g_autofree char *where = g_strdup_printf ("templates, audience %d", audience);

      walk_and_close (f, where,
                      GTK_WIDGET (sitrep_templates_window_new (parent, f->app.context, audience)));
    }
  walk_and_close (f, "snooze",
                  sitrep_snooze_dialog_new (parent, f->app.context, notifier, f->incident_id,
                                            SITREP_AUDIENCE_EXECUTIVES));

  assert_no_offenders (f);
}

/* The app's windows: preferences (each page), reports, action items, the
 * wall view, the shortcuts window and about. */
static void
test_app_windows (Fixture       *f,
                  gconstpointer  data)
{
  GLogLevelFlags fatal;
  GtkWindow *parent = GTK_WINDOW (f->app.window);
  SitrepPreferencesWindow *prefs = sitrep_preferences_window_new (parent, f->app.context);
  GtkWidget *page;
  GtkWidget *about;
  GtkShortcutsWindow *overlay;

  walk_window (f, "preferences", GTK_WIDGET (prefs));
  /* Each page of the preferences, in the view stack under the content. */
  {
    AdwViewStack *stack = NULL;
    g_autoptr(GtkSelectionModel) pages = NULL;
    GPtrArray *todo = g_ptr_array_new ();

    g_ptr_array_add (todo, prefs);
    while (todo->len > 0 && stack == NULL)
      {
        GtkWidget *w = g_ptr_array_steal_index (todo, 0);

        if (ADW_IS_VIEW_STACK (w))
          stack = ADW_VIEW_STACK (w);
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (todo, c);
      }
    g_ptr_array_unref (todo);
    g_assert_nonnull (stack);
    pages = adw_view_stack_get_pages (stack);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), >, 1);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
      {
        g_autoptr(AdwViewStackPage) stack_page = g_list_model_get_item (G_LIST_MODEL (pages), i);
        g_autofree char *where = g_strdup_printf ("preferences, page %s",
                                                  adw_view_stack_page_get_title (stack_page));

        page = adw_view_stack_page_get_child (stack_page);
        adw_view_stack_set_visible_child (stack, page);
        WAIT_UNTIL (gtk_widget_get_mapped (page));
        WAIT_IDLE ();
        a11y_walk (&f->walk, where, GTK_WIDGET (prefs));
      }
  }
  gui_test_destroy (GTK_WINDOW (prefs));

  walk_and_close (f, "reports", GTK_WIDGET (_sitrep_window_open_reports (f->app.window)));
  walk_and_close (f, "action items", GTK_WIDGET (_sitrep_window_open_action_items (f->app.window)));
  walk_and_close (f, "wall view", sitrep_wall_window_new (NULL, f->app.context));

  /* GTK warns about a label of its own in the shortcuts window
   * (test-gui-pages.c). */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-help-overlay", NULL));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (parent));
  walk_window (f, "shortcuts", GTK_WIDGET (overlay));
  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
  g_log_set_always_fatal (fatal);

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Sitrep"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Sitrep developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/sitrep/sitrep",
                        "issue-url", "https://github.com/sitrep/sitrep/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        NULL);
  walk_and_close (f, "about", about);

  assert_no_offenders (f);
}

/* The dialogs that come with trouble: a refused edit and a database that
 * cannot be opened. */
static void
test_trouble_dialogs (Fixture       *f,
                      gconstpointer  data)
{
  SitrepStore *store = sitrep_context_get_store (f->app.context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) db_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                    "file is not a database");
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(SitrepRefusedEdit) edit = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GPtrArray) entries = NULL;
  SitrepPushResult result = { 0 };
  SitrepRecord *entry;

  /* An edit of one of the demo's timeline entries, refused by the server. */
  entries = sitrep_store_list (store, "timeline", f->incident_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
  entry = entries->pdata[0];
  json_object_set_string_member (fields, "text", "DB pool exhausted: raised to 200");
  g_assert_true (sitrep_workspace_edit_timeline_entry (test_workspace (f->app.context, f->incident_id),
                                                       entry->id, fields, &error));
  g_assert_no_error (error);
  pending = sitrep_store_outbox_peek (store, 10, &error);
  g_assert_cmpuint (pending->len, >, 0);
  result.mid = ((SitrepMutation *) pending->pdata[0])->mid;
  result.status = SITREP_PUSH_REJECTED;
  result.error = g_strdup ("bad_request");
  result.message = g_strdup ("text: too long");
  g_assert_true (sitrep_store_outbox_ack (store, &result, 1, &error));
  g_assert_no_error (error);
  sitrep_push_result_clear (&result);
  conflicts = sitrep_store_list_conflicts (store, &error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  edit = sitrep_refused_edit_new_from_conflict (conflicts->pdata[0]);
  walk_and_close (f, "refused edit",
                  sitrep_conflict_dialog_new (GTK_WINDOW (f->app.window), f->app.context, edit));

  walk_and_close (f, "database",
                  sitrep_database_dialog_new (NULL, "/tmp/sitrep.db", _("Database Damaged"),
                                              db_error, FALSE));

  assert_no_offenders (f);
}

int
main (int   argc,
      char *argv[])
{
  /* The suite runs with GTK_A11Y=none, which keeps no accessible
   * attributes at all: the test backend keeps them, as AT-SPI would. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gui_test_init (&argc, &argv);
  /* Scrolling to a focused button happens at once, not over frames. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/gui/a11y/window-pages", Fixture, NULL, fixture_set_up, test_window_pages,
              fixture_tear_down);
  g_test_add ("/gui/a11y/incident-dialogs", Fixture, NULL, fixture_set_up, test_incident_dialogs,
              fixture_tear_down);
  g_test_add ("/gui/a11y/app-windows", Fixture, NULL, fixture_set_up, test_app_windows,
              fixture_tear_down);
  g_test_add ("/gui/a11y/trouble-dialogs", Fixture, NULL, fixture_set_up, test_trouble_dialogs,
              fixture_tear_down);

  return g_test_run ();
}

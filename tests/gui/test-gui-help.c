/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-help.c: F1 opens the help page of what one is looking at
 *
 * A help viewer of the test's own (a desktop file for help: URIs, the
 * default in the test's mimeapps.list, whose program writes the URI it
 * was given to a file) receives help:sitrep/PAGE for each page of an
 * incident and each window and dialog, when F1 is pressed there. Every
 * page the F1 table names is a page of help/C/. With no help viewer at
 * all, F1 says so in a dialog.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gui-test-util.h"
#include "sitrep-application.h"
#include "sitrep-conflict-dialog.h"
#include "sitrep-database-dialog.h"
#include "sitrep-help.h"
#include "sitrep-incident-action-items-window.h"
#include "sitrep-window-private.h"

static char *uri_file;

/* A help viewer that writes the URI it opens to @uri_file, made the
 * default for help: URIs of this process's (private) XDG folders. */
static void
install_recording_viewer (void)
{
  const char *data_home = g_getenv ("XDG_DATA_HOME");
  const char *config_home = g_getenv ("XDG_CONFIG_HOME");
  g_autofree char *apps = g_build_filename (data_home, "applications", NULL);
  g_autofree char *script = g_build_filename (data_home, "record-help-uri", NULL);
  g_autofree char *desktop = g_build_filename (apps, "sitrep-test-help.desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (config_home, "mimeapps.list", NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *desktop_text = NULL;
  g_autoptr(GError) error = NULL;

  uri_file = g_build_filename (data_home, "opened-uri", NULL);
  /* Written whole, then renamed: the test never reads half a URI. */
  script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s.part' && "
                                 "mv '%s.part' '%s'\n", uri_file, uri_file, uri_file);
  g_file_set_contents (script, script_text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);

  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Help Recorder\n"
                                  "Exec=%s %%u\nMimeType=x-scheme-handler/help;\n"
                                  "NoDisplay=true\n", script);
  g_file_set_contents (desktop, desktop_text, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (mimeapps, "[Default Applications]\n"
                                 "x-scheme-handler/help=sitrep-test-help.desktop\n", -1, &error);
  g_assert_no_error (error);
}

/* Presses F1 in @widget (a window, or a modal popover, which has the keys
 * while it is open), through the shortcut it has for it, and returns the
 * URI the help viewer was given. */
static char *
press_f1_in (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) f1 = gtk_keyval_trigger_new (GDK_KEY_F1, 0);
  gboolean pressed = FALSE;
  char *uri = NULL;

  g_unlink (uri_file);
  for (guint i = 0; !pressed && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; !pressed && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), f1))
            pressed = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                    GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                    widget, NULL);
        }
    }
  g_assert_true (pressed);

  WAIT_UNTIL (g_file_get_contents (uri_file, &uri, NULL, NULL));
  return uri;
}

static char *
press_f1 (GtkWindow *window)
{
  return press_f1_in (GTK_WIDGET (window));
}

#define ASSERT_F1_OPENS(window, page) \
  G_STMT_START { \
    g_autofree char *_uri = press_f1 (GTK_WINDOW (window)); \
    g_assert_cmpstr (_uri, ==, "help:sitrep/" page); \
  } G_STMT_END

/* The mapped window of @type: the dialog an action just opened. */
static GtkWindow *
wait_for_window (GType type)
{
  GtkWindow *found = NULL;

  WAIT_UNTIL ((found = ({
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *match = NULL;

    for (guint i = 0; match == NULL && i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

        if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
            gtk_widget_get_mapped (GTK_WIDGET (window)))
          match = window;
      }
    match;
  })) != NULL);
  return found;
}

/* One application for the process: it stays registered on the bus. */
static SitrepApplication *the_app;

typedef struct
{
  SitrepApplication *app;
  SitrepContext     *context;
  SitrepWindow      *window;
  char              *incident_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (the_app == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("sitrep-gui-help-XXXXXX", &error);

      g_assert_no_error (error);
      the_app = sitrep_application_new (dir, FALSE);
      g_application_register (G_APPLICATION (the_app), NULL, &error);
      g_assert_no_error (error);
    }
  f->app = the_app;
  f->context = sitrep_application_get_context (f->app);
  g_assert_nonnull (f->context);
  sitrep_context_set_user (f->context, "dana");

  f->window = sitrep_window_new (ADW_APPLICATION (f->app), f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (f->app));

  while (windows != NULL)
    {
      gui_test_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (f->app));
    }
  g_free (f->incident_id);
}

static void
declare (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->incident_id = sitrep_context_declare_incident (f->context, "Checkout errors", "checkout",
                                                    "", SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_window_select_incident (f->window, f->incident_id));
}

static GtkWidget *
show_page (Fixture    *f,
           const char *name)
{
  GtkWidget *page = adw_view_stack_get_child_by_name (_sitrep_window_get_pages (f->window), name);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.page", "s", name));
  WAIT_UNTIL (gtk_widget_get_mapped (page));
  return page;
}

/* The window: the index while no incident is shown, then the page of
 * whichever page of the incident is on screen, and the command palette's
 * while it is open over one. */
static void
test_window_pages (Fixture       *f,
                   gconstpointer  data)
{
  static const struct { const char *stack; const char *help; } pages[] = {
    { "overview", "help:sitrep/overview" },
    { "roles", "help:sitrep/roles" },
    { "checklist", "help:sitrep/checklist" },
    { "timeline", "help:sitrep/timeline" },
    { "comms", "help:sitrep/updates" },
    { "postmortem", "help:sitrep/postmortem" },
  };
  GtkPopover *palette;

  ASSERT_F1_OPENS (f->window, "index");

  declare (f);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *uri = NULL;

      show_page (f, pages[i].stack);
      uri = press_f1 (GTK_WINDOW (f->window));
      g_assert_cmpstr (uri, ==, pages[i].help);
    }

  /* Back to the timeline, whose capture line takes the focus: still the
   * page on screen, not one shown before. */
  g_assert_true (gtk_widget_activate_action (show_page (f, "timeline"), "timeline.focus-capture",
                                             NULL));
  ASSERT_F1_OPENS (f->window, "timeline");

  palette = GTK_POPOVER (_sitrep_window_get_palette (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.command-palette", NULL));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (palette)));
  {
    g_autofree char *uri = press_f1_in (GTK_WIDGET (palette));

    g_assert_cmpstr (uri, ==, "help:sitrep/command-palette");
  }
  gtk_popover_popdown (palette);
  WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (palette)));
  ASSERT_F1_OPENS (f->window, "timeline");
}

/* Each window and dialog opens its own page; a message dialog without one
 * opens the page of the window it belongs to. */
static void
test_dialogs (Fixture       *f,
              gconstpointer  data)
{
  GtkWindow *dialog;
  GtkWidget *message;
  GtkWidget *services;
  GLogLevelFlags fatal;

  declare (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.declare", NULL));
  dialog = wait_for_window (g_type_from_name ("SitrepDeclareDialog"));
  ASSERT_F1_OPENS (dialog, "declare-incident");
  gtk_window_close (dialog);

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  dialog = wait_for_window (g_type_from_name ("SitrepPreferencesWindow"));
  ASSERT_F1_OPENS (dialog, "preferences");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (dialog), "services");
  services = GTK_WIDGET (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (dialog)));
  WAIT_UNTIL (gtk_widget_get_mapped (services));
  ASSERT_F1_OPENS (dialog, "service-catalogue");
  gui_test_destroy (dialog);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reports", NULL));
  dialog = wait_for_window (g_type_from_name ("SitrepReportsWindow"));
  ASSERT_F1_OPENS (dialog, "reports");
  /* "Report Not Saved" and the like belong to the reports. */
  message = adw_message_dialog_new (dialog, "Report Not Saved", NULL);
  gtk_window_present (GTK_WINDOW (message));
  WAIT_UNTIL (gtk_widget_get_mapped (message));
  ASSERT_F1_OPENS (message, "reports");
  gui_test_destroy (GTK_WINDOW (message));
  gui_test_destroy (dialog);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.action-items", NULL));
  dialog = wait_for_window (g_type_from_name ("SitrepActionItemsWindow"));
  ASSERT_F1_OPENS (dialog, "action-items");
  gui_test_destroy (dialog);

  sitrep_incident_action_items_window_present (GTK_WINDOW (f->window), f->context,
                                               f->incident_id, "Checkout errors");
  dialog = wait_for_window (g_type_from_name ("SitrepIncidentActionItemsWindow"));
  ASSERT_F1_OPENS (dialog, "action-items");
  gui_test_destroy (dialog);

  g_assert_true (gtk_widget_activate_action (show_page (f, "comms"), "comms.templates", NULL));
  dialog = wait_for_window (g_type_from_name ("SitrepTemplatesWindow"));
  ASSERT_F1_OPENS (dialog, "templates");
  gui_test_destroy (dialog);

  g_assert_true (gtk_widget_activate_action (show_page (f, "roles"), "roles.briefing", NULL));
  dialog = wait_for_window (g_type_from_name ("SitrepBriefingDialog"));
  ASSERT_F1_OPENS (dialog, "roles");
  gui_test_destroy (dialog);

  g_assert_true (gtk_widget_activate_action (show_page (f, "roles"), "roles.page", NULL));
  dialog = wait_for_window (g_type_from_name ("SitrepPageDialog"));
  ASSERT_F1_OPENS (dialog, "paging-status-page");
  gui_test_destroy (dialog);

  /* GTK 4.8 warns that a label of the shortcuts window measures below
   * zero (see test-gui-pages.c): warnings are not fatal while it shows. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  dialog = wait_for_window (GTK_TYPE_SHORTCUTS_WINDOW);
  ASSERT_F1_OPENS (dialog, "shortcuts");
  gtk_window_close (dialog);
  WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_log_set_always_fatal (fatal);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.wall-view", NULL));
  dialog = wait_for_window (g_type_from_name ("SitrepWallWindow"));
  ASSERT_F1_OPENS (dialog, "wall-view");
  gui_test_destroy (dialog);
}

/* The dialogs of trouble: an edit the server refused, a damaged database. */
static void
test_trouble_dialogs (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonObject) mine = json_object_new ();
  g_autoptr(GError) damage = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                                  "file is not a database");
  SitrepRefusedEdit edit = { 1, (char *) "rejected", (char *) "timeline", (char *) "x",
                             (char *) "patch", mine, NULL, 0, (char *) "This token may not edit",
                             NULL, NULL };
  GtkWidget *dialog;

  declare (f);
  json_object_set_string_member (mine, "text", "raised the pool to 200");
  dialog = sitrep_conflict_dialog_new (GTK_WINDOW (f->window), f->context, &edit);
  gtk_window_present (GTK_WINDOW (dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (dialog));
  ASSERT_F1_OPENS (dialog, "troubleshooting");
  gui_test_destroy (GTK_WINDOW (dialog));

  dialog = sitrep_database_dialog_new (GTK_APPLICATION (f->app), "/nowhere/sitrep.db",
                                       "The Incident Database Is Damaged", damage, FALSE);
  gtk_window_present (GTK_WINDOW (dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (dialog));
  ASSERT_F1_OPENS (dialog, "troubleshooting");
  gui_test_destroy (GTK_WINDOW (dialog));
}

/* Every page the F1 table names is in help/C/ and in help/meson.build. */
static void
test_pages_exist (void)
{
  g_autofree const char **pages = sitrep_help_get_pages ();
  g_autofree char *meson_path = g_test_build_filename (G_TEST_DIST, "..", "help", "meson.build",
                                                       NULL);
  g_autofree char *meson = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (meson_path, &meson, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pages[0]);
  for (guint i = 0; pages[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat (pages[i], ".page", NULL);
      g_autofree char *quoted = g_strconcat ("'", name, "'", NULL);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "help", "C", name, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_error ("The F1 table names %s, which is not a page of help/C/", pages[i]);
      if (strstr (meson, quoted) == NULL)
        g_error ("help/C/%s is not in help/meson.build's help_pages", name);
    }
}

/* No help viewer at all: F1 says the help could not be opened. */
static void
test_no_viewer (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *mimeapps = g_build_filename (g_getenv ("XDG_CONFIG_HOME"),
                                                    "mimeapps.list", NULL);
      g_autoptr(GError) error = NULL;
      GListModel *toplevels = gtk_window_get_toplevels ();
      GtkWidget *window = gtk_window_new ();
      GtkWidget *message = NULL;

      /* Whatever the system has, this process's user has none. */
      g_file_set_contents (mimeapps, "[Removed Associations]\n"
                                     "x-scheme-handler/help=yelp.desktop;\n", -1, &error);
      g_assert_no_error (error);
      g_assert_null (g_app_info_get_default_for_uri_scheme ("help"));

      sitrep_help_watch_windows ();
      gtk_window_present (GTK_WINDOW (window));
      WAIT_UNTIL (gtk_widget_get_mapped (window));
      sitrep_help_show (GTK_WINDOW (window));
      WAIT_UNTIL ((message = ({
        GtkWidget *found = NULL;

        for (guint i = 0; found == NULL && i < g_list_model_get_n_items (toplevels); i++)
          {
            g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

            if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_mapped (w))
              found = w;
          }
        found;
      })) != NULL);
      g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==,
                       "Could Not Open the Help");
      g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)),
                                "Yelp"));
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (message)) == GTK_WINDOW (window));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  if (!g_test_subprocess ())
    install_recording_viewer ();

  g_test_add_func ("/help/pages-exist", test_pages_exist);
  g_test_add ("/help/f1/window-pages", Fixture, NULL, fixture_set_up, test_window_pages,
              fixture_tear_down);
  g_test_add ("/help/f1/dialogs", Fixture, NULL, fixture_set_up, test_dialogs, fixture_tear_down);
  g_test_add ("/help/f1/trouble-dialogs", Fixture, NULL, fixture_set_up, test_trouble_dialogs,
              fixture_tear_down);
  g_test_add_func ("/help/no-viewer", test_no_viewer);

  return g_test_run ();
}

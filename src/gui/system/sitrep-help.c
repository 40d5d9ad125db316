/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-help"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sitrep-help.h"

/* Context help: F1 in any window opens the page of help/C/ for what the
 * window shows. This table is the one place that says which page that is,
 * by the class of the window, the incident page or the dialog (or by the
 * widget's name, for a message dialog that has no class of its own). */
static const struct {
  const char *type_name;
  const char *page;
} help_pages[] = {
  /* the pages of an incident, in the window's stack */
  { "SitrepOverviewPage", "overview" },
  { "SitrepRolesPage", "roles" },
  { "SitrepChecklistPage", "checklist" },
  { "SitrepTimelinePage", "timeline" },
  { "SitrepCommsPage", "updates" },
  { "SitrepPostmortemPage", "postmortem" },
  /* in the window, over a page */
  { "SitrepCommandPalette", "command-palette" },
  /* windows and dialogs */
  { "SitrepDeclareDialog", "declare-incident" },
  { "SitrepPreferencesWindow", "preferences" },
  { "SitrepServicesPage", "service-catalogue" },
  { "SitrepReportsWindow", "reports" },
  { "SitrepActionItemsWindow", "action-items" },
  { "SitrepIncidentActionItemsWindow", "action-items" },
  { "SitrepTemplatesWindow", "templates" },
  { "SitrepWallWindow", "wall-view" },
  { "SitrepBriefingDialog", "roles" },
  { "SitrepPageDialog", "paging-status-page" },
  { "SitrepConflictDialog", "troubleshooting" },
  { "SitrepDatabaseDialog", "troubleshooting" },
  { "GtkShortcutsWindow", "shortcuts" },
};

#define HELP_INDEX "index"

static const char *
page_of (GtkWidget *widget)
{
  /* The type's name unless the widget was given one */
  const char *name = gtk_widget_get_name (widget);

  for (guint i = 0; i < G_N_ELEMENTS (help_pages); i++)
    if (g_str_equal (help_pages[i].type_name, name))
      return help_pages[i].page;
  return NULL;
}

/* The first widget on screen under @widget that has a page of its own:
 * the incident page the window's stack shows, the preferences page shown. */
static const char *
page_shown_under (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *page;

      if (!gtk_widget_get_mapped (child))
        continue;
      if ((page = page_of (child)) != NULL || (page = page_shown_under (child)) != NULL)
        return page;
    }
  return NULL;
}

/**
 * sitrep_help_page_for:
 * @window: the window F1 was pressed in
 *
 * Which help page tells about what @window shows: the one of the widget
 * with the focus or of what holds it (the command palette, the services
 * of the preferences), else of the page on screen, else of the window,
 * else of the window it is a dialog of; the index when none has one.
 *
 * Returns: a page id of help/C/
 */
const char *
sitrep_help_page_for (GtkWindow *window)
{
  for (GtkWindow *w = window; w != NULL; w = gtk_window_get_transient_for (w))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (w));
      const char *page;

      /* The focus stays on a page the stack no longer shows. */
      if (focus != NULL && !gtk_widget_get_mapped (focus))
        focus = NULL;
      for (GtkWidget *widget = focus; widget != NULL && widget != GTK_WIDGET (w);
           widget = gtk_widget_get_parent (widget))
        if ((page = page_of (widget)) != NULL)
          return page;
      if ((page = page_shown_under (GTK_WIDGET (w))) != NULL ||
          (page = page_of (GTK_WIDGET (w))) != NULL)
        return page;
    }
  return HELP_INDEX;
}

static void
on_shown (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (window, result, &error))
    {
      GtkWidget *dialog;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Could not open the help: %s", error->message);
      dialog = adw_message_dialog_new (window, _("Could Not Open the Help"), NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("Sitrep’s help is read in Yelp, the GNOME help "
                                        "viewer, and no help viewer could be started (%s). "
                                        "Install Yelp to read it."),
                                      error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/**
 * sitrep_help_show:
 * @window: (nullable): the window F1 was pressed in
 *
 * Opens the help page of what @window shows (help:sitrep/PAGE) in the
 * help viewer; a dialog says so when none could open it.
 */
void
sitrep_help_show (GtkWindow *window)
{
  g_autofree char *uri = g_strconcat ("help:sitrep/", sitrep_help_page_for (window), NULL);

  g_debug ("Opening %s", uri);
  gtk_show_uri_full (window, uri, GDK_CURRENT_TIME, NULL, on_shown,
                     window != NULL ? g_object_ref (window) : NULL);
}

static gboolean
help_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  sitrep_help_show (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  return TRUE;
}

/**
 * sitrep_help_add_shortcut:
 * @widget: a window, or a popover: a modal popover takes the keys before
 *   its window sees them
 *
 * Gives @widget F1 for the help of what its window shows.
 */
void
sitrep_help_add_shortcut (GtkWidget *widget)
{
  GtkEventController *controller;

  if (g_object_get_data (G_OBJECT (widget), "sitrep-help") != NULL)
    return;
  g_object_set_data (G_OBJECT (widget), "sitrep-help", GINT_TO_POINTER (TRUE));
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_name (controller, "sitrep-help");
  /* Before any widget in the window sees the key. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F1, 0),
                                                          gtk_callback_action_new (help_shortcut,
                                                                                   NULL, NULL)));
  gtk_widget_add_controller (widget, controller);
}

static void
on_toplevels_changed (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added,
                      gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_WINDOW (window))
        sitrep_help_add_shortcut (GTK_WIDGET (window));
    }
}

/**
 * sitrep_help_watch_windows:
 *
 * Gives every window of the process, from now on, F1 for its help: the
 * main windows, the dialogs and the message dialogs alike, whether they
 * belong to the application or are only transient for one of its windows.
 */
void
sitrep_help_watch_windows (void)
{
  static gboolean watching;
  GListModel *toplevels;

  if (watching)
    return;
  watching = TRUE;
  toplevels = gtk_window_get_toplevels ();
  g_signal_connect (toplevels, "items-changed", G_CALLBACK (on_toplevels_changed), NULL);
  on_toplevels_changed (toplevels, 0, 0, g_list_model_get_n_items (toplevels), NULL);
}

/**
 * sitrep_help_get_pages:
 *
 * Returns: (transfer container): every page id the table names, and the
 *   index, %NULL-terminated; free with g_free()
 */
const char **
sitrep_help_get_pages (void)
{
  const char **pages = g_new0 (const char *, G_N_ELEMENTS (help_pages) + 2);

  for (guint i = 0; i < G_N_ELEMENTS (help_pages); i++)
    pages[i] = help_pages[i].page;
  pages[G_N_ELEMENTS (help_pages)] = HELP_INDEX;
  return pages;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the GUI tests share: running the main loop until something shows,
 * and a set-up that keeps the system's icons and MIME data visible. */
#pragma once

#include <adwaita.h>

#include "sitrep-context-store.h"

/* The incident's workspace, kept open for as long as the context. */
static inline SitrepWorkspace *
test_workspace (SitrepContext *context,
                const char    *incident_id)
{
  g_autofree char *key = g_strconcat ("test-workspace:", incident_id, NULL);
  SitrepWorkspace *workspace = g_object_get_data (G_OBJECT (context), key);

  if (workspace == NULL)
    {
      workspace = sitrep_context_open_workspace (context, incident_id);
      g_object_set_data_full (G_OBJECT (context), key, workspace, g_object_unref);
    }

  return workspace;
}

G_BEGIN_DECLS

static inline gboolean
gui_test_wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @cond holds, failing after ten seconds. The
 * loop blocks between events; a 10 ms wake-up re-checks conditions that
 * change without one (another thread, a child process). */
#define WAIT_UNTIL(cond) \
  G_STMT_START { \
    gint64 _deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC; \
    guint _wake = g_timeout_add (10, gui_test_wake, NULL); \
    while (!(cond)) \
      { \
        if (g_get_monotonic_time () > _deadline) \
          g_error ("Timed out waiting for: %s", #cond); \
        g_main_context_iteration (NULL, TRUE); \
      } \
    g_source_remove (_wake); \
  } G_STMT_END

/* Runs the main loop until nothing is ready to run: every idle queued so
 * far (a page's refresh, a list's rebinding) has run. For asserting that
 * something did not happen once the app has handled what it was given. */
#define WAIT_IDLE() WAIT_UNTIL (!g_main_context_pending (NULL))

/* Destroys @window and runs the main loop until it is finalized, so
 * nothing of it is left running into the next test. */
static inline void
gui_test_destroy (GtkWindow *window)
{
  GtkWindow *weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);
  gtk_window_destroy (window);
  WAIT_UNTIL (weak == NULL);
}

/* Saves what @widget (a window or a dialog) shows as NAME in the folder
 * $SITREP_TEST_SCREENSHOTS, when that is set: how a test's state looks,
 * for a person to check. */
static inline void
gui_test_save_screenshot (GtkWidget  *widget,
                          const char *name)
{
  const char *dir = g_getenv ("SITREP_TEST_SCREENSHOTS");
  GdkPaintable *paintable;
  GskRenderNode *node;
  GdkTexture *texture;
  GtkSnapshot *snapshot;
  char *path;
  int width, height;

  if (dir == NULL)
    return;

  WAIT_IDLE ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  /* Nothing to take until the widget has drawn once. */
  node = NULL;
  WAIT_UNTIL ((snapshot = gtk_snapshot_new (),
               gdk_paintable_snapshot (paintable, snapshot, width, height),
               (node = gtk_snapshot_free_to_node (snapshot)) != NULL));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  g_free (path);
  g_object_unref (texture);
  gsk_render_node_unref (node);
  g_object_unref (paintable);
}

/* G_TEST_OPTION_ISOLATE_DIRS would also hide XDG_DATA_DIRS, and with it
 * the icon theme and the MIME database GTK needs to draw icons: only the
 * user's own folders are redirected. */
static inline void
gui_test_init (int    *argc,
               char ***argv)
{
  char *home = g_dir_make_tmp ("sitrep-gui-home-XXXXXX", NULL);

  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("XDG_STATE_HOME", home, TRUE);
  g_free (home);

  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
}

G_END_DECLS

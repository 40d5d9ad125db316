/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the tests of two people at once share: an app (a context and a
 * window, as `sitrep` runs them) per person, syncing with one real
 * sitrep-server (server-fixture.h), or alone. */
#pragma once

#include "gui-test-util.h"

#include "sitrep-window-private.h"

G_BEGIN_DECLS

typedef struct
{
  char          *dir;
  SitrepContext *context;
  SitrepWindow  *window;
} GuiTestApp;

/* A new app on a data folder of its own, signed in as @user to the
 * server at @server_url with @token (%NULL for an app that works alone). */
static inline void
gui_test_app_start (GuiTestApp *app,
                    const char *server_url,
                    const char *user,
                    const char *token)
{
  g_autoptr(GError) error = NULL;

  app->dir = g_dir_make_tmp ("sitrep-two-apps-XXXXXX", NULL);
  app->context = sitrep_context_new (app->dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (app->context, user);
  if (server_url != NULL && token != NULL)
    sitrep_context_set_server (app->context, server_url, token);
}

/* Opens a window on the incident, showing @page ("timeline" …). */
static inline void
gui_test_app_open_page (GuiTestApp *app,
                        const char *incident_id,
                        const char *page)
{
  app->window = sitrep_window_new (NULL, app->context);
  gtk_window_present (GTK_WINDOW (app->window));
  g_assert_true (sitrep_window_select_incident (app->window, incident_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (app->window), "win.page", "s", page));
  WAIT_UNTIL (gtk_widget_get_mapped (
                adw_view_stack_get_child_by_name (_sitrep_window_get_pages (app->window), page)));
}

/* Closes the window, keeping the context. */
static inline void
gui_test_app_close_window (GuiTestApp *app)
{
  if (app->window != NULL)
    gui_test_destroy (GTK_WINDOW (app->window));
  app->window = NULL;
}

/* Closes the window and the context, keeping the data folder. */
static inline void
gui_test_app_quit (GuiTestApp *app)
{
  gui_test_app_close_window (app);
  g_clear_object (&app->context);
}

static inline void
gui_test_app_stop (GuiTestApp *app)
{
  gui_test_app_quit (app);
  g_clear_pointer (&app->dir, g_free);
}

/* The incident is here and nothing of this app waits for the server. */
static inline gboolean
gui_test_app_synced (GuiTestApp *app,
                     const char *incident_id)
{
  return sitrep_context_lookup_incident (app->context, incident_id) != NULL &&
         sitrep_context_get_pending (app->context) == 0;
}

G_END_DECLS

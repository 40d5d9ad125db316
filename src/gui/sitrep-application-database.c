/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-application-database.c: the local database's page check, after
 * the first frame
 *
 * The app opens its database without PRAGMA quick_check, which reads every
 * page, and checks it in a worker thread once its first window has drawn
 * its first frame. A damaged database then gets the dialog it would have
 * got at start, in place of every window.
 */
#define G_LOG_DOMAIN "sitrep-application"

#include "config.h"

#include "sitrep-application-private.h"
#include "sitrep-context-store.h"
#include "sitrep-database-dialog.h"

/* Any window of the application but the database dialog. */
static GtkWindow *
other_window (SitrepApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (l->data != (gpointer) self->database_dialog)
      return l->data;
  return NULL;
}

/* The page check found the database damaged, its window up: syncing has
 * stopped and nothing more is written to the file (the store refuses it).
 * Its windows (the wall view too) make way for the dialog shown at start
 * for a damaged database, with the same ways on. What the user saved
 * before stays in the file and its -wal, which Move Aside keeps. */
static void
database_damaged (SitrepApplication *self,
                  GError            *error)
{
  GtkWindow *other;

  g_printerr ("sitrep: %s\n", error->message);
  g_clear_error (&self->open_error);
  self->open_error = error;
  self->exit_status = 1;

  /* The dialog first: the application keeps a window throughout. A
   * window destroyed may take its dialogs with it: the list is read again
   * after each. */
  _sitrep_application_show_database_dialog (self);
  while ((other = other_window (self)) != NULL)
    gtk_window_destroy (other);
  _sitrep_application_stop_context (self);
}

static void
on_database_checked (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SitrepApplication) self = user_data;
  GError *error = NULL;

  if (sitrep_context_check_database_finish (SITREP_CONTEXT (source), result, &error))
    return;

  /* Cancelled with the context it checked, or about another context. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      (gpointer) source != (gpointer) self->context)
    g_error_free (error);
  else if (g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT))
    database_damaged (self, error);
  else
    {
      g_warning ("Could not check the database: %s", error->message);
      g_error_free (error);
    }
}

static gboolean
check_database (gpointer data)
{
  SitrepApplication *self = data;

  self->check_id = 0;
  if (self->context == NULL || self->check_cancellable != NULL)
    return G_SOURCE_REMOVE;

  self->check_cancellable = g_cancellable_new ();
  sitrep_context_check_database_async (self->context, self->check_cancellable,
                                       on_database_checked, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* As the rest of the incidents: once the first frame is on screen. */
static void
on_first_window_frame (GdkFrameClock     *clock,
                       SitrepApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_window_frame, self);
  if (self->check_id == 0 && self->check_cancellable == NULL)
    self->check_id = g_idle_add (check_database, self);
}

static void
on_first_window_realized (GtkWidget         *window,
                          SitrepApplication *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_handlers_disconnect_by_func (window, on_first_window_realized, self);
  if (clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_window_frame), self, 0);
  else
    on_first_window_frame (NULL, self);
}

/* The first window of the context, the workspace window or the wall
 * view: the database is checked once it has drawn its first frame. */
void
_sitrep_application_on_window_added (SitrepApplication *self,
                                     GtkWindow         *window)
{
  if (SITREP_IS_DATABASE_DIALOG (window))
    return;

  g_clear_signal_handler (&self->window_added_id, self);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_first_window_realized (GTK_WIDGET (window), self);
  else
    g_signal_connect_object (window, "realize", G_CALLBACK (on_first_window_realized), self,
                             G_CONNECT_AFTER);
}

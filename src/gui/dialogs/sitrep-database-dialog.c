/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-database-dialog.c: the local database cannot be opened
 *
 * Shown at start-up instead of the window when the database is damaged,
 * cannot be read or written, or its disk is full: what happened, where the
 * file is, and the two ways on. "Move Aside and Start Fresh" keeps the old
 * file (and its -wal and -shm) under a new name for whoever may recover
 * it; "Quit" leaves everything as it is.
 */

#define G_LOG_DOMAIN "sitrep-database"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-database-dialog.h"

struct _SitrepDatabaseDialog
{
  AdwMessageDialog  parent_instance;

  char             *path;
};

G_DEFINE_FINAL_TYPE (SitrepDatabaseDialog, sitrep_database_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
sitrep_database_dialog_finalize (GObject *object)
{
  SitrepDatabaseDialog *self = SITREP_DATABASE_DIALOG (object);

  g_free (self->path);

  G_OBJECT_CLASS (sitrep_database_dialog_parent_class)->finalize (object);
}

static void
sitrep_database_dialog_class_init (SitrepDatabaseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_database_dialog_finalize;
}

static void
sitrep_database_dialog_init (SitrepDatabaseDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  adw_message_dialog_add_responses (dialog, "quit", _("_Quit"), NULL);
  adw_message_dialog_set_default_response (dialog, "quit");
  adw_message_dialog_set_close_response (dialog, "quit");
}

/**
 * sitrep_database_dialog_new:
 * @application: the application it keeps running while it shows
 * @path: the database file
 * @heading: what is wrong, in a few words
 * @error: why it could not be opened
 * @in_use: whether another process has it open
 *
 * A database another process has open is sound: the dialog says to use
 * that window and offers nothing but Quit. Otherwise it also offers to
 * move the file aside and start fresh.
 *
 * Returns: (transfer floating): the dialog, not yet shown; it answers
 *   "move-aside" or "quit" through AdwMessageDialog::response
 */
GtkWidget *
sitrep_database_dialog_new (GtkApplication *application,
                            const char     *path,
                            const char     *heading,
                            const GError   *error,
                            gboolean        in_use)
{
  SitrepDatabaseDialog *self;
  g_autofree char *body = NULL;
  g_autofree char *problem = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  /* The store's messages name the file, so the path is said once. */
  if (error == NULL || strstr (error->message, path) == NULL)
    problem = g_strdup_printf (_("Sitrep could not open its database %s: %s"), path,
                               error != NULL ? error->message : _("unknown error"));
  if (in_use)
    body = g_strdup_printf (_("%s.\n\n"
                              "Use the Sitrep window that has it open, or quit that one "
                              "first: two at once would each send edits the other does not "
                              "know of."),
                            problem != NULL ? problem : error->message);
  else
    body = g_strdup_printf (_("%s.\n\n"
                              "You can move the file aside, keeping it for recovery, and start "
                              "with an empty database: what the team server holds comes back "
                              "when it syncs, edits never sent do not."),
                            problem != NULL ? problem : error->message);
  self = g_object_new (SITREP_TYPE_DATABASE_DIALOG,
                       "application", application,
                       "heading", heading,
                       "body", body,
                       "modal", FALSE,
                       NULL);
  if (!in_use)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "move-aside",
                                       _("_Move Aside and Start Fresh"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "move-aside",
                                                  ADW_RESPONSE_SUGGESTED);
    }
  self->path = g_strdup (path);
  return GTK_WIDGET (self);
}

const char *
sitrep_database_dialog_get_path (SitrepDatabaseDialog *self)
{
  g_return_val_if_fail (SITREP_IS_DATABASE_DIALOG (self), NULL);

  return self->path;
}

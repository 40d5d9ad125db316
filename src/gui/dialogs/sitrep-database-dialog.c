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

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sitrep-database-dialog.h"
#include "sitrep-store.h"

struct _SitrepDatabaseDialog
{
  AdwMessageDialog  parent_instance;

  char             *path;
};

G_DEFINE_FINAL_TYPE (SitrepDatabaseDialog, sitrep_database_dialog, ADW_TYPE_MESSAGE_DIALOG)

static const char *
heading_of (const GError *error)
{
  if (error != NULL && error->domain == SITREP_STORE_ERROR)
    switch (error->code)
      {
      case SITREP_STORE_ERROR_CORRUPT:
        return _("The Database Is Damaged");
      case SITREP_STORE_ERROR_UNREADABLE:
        return _("The Database Cannot Be Read");
      case SITREP_STORE_ERROR_READ_ONLY:
        return _("The Database Cannot Be Written");
      case SITREP_STORE_ERROR_FULL:
        return _("The Disk Is Full");
      case SITREP_STORE_ERROR_TOO_NEW:
        return _("The Database Is From a Newer Sitrep");
      default:
        break;
      }
  return _("The Database Cannot Be Opened");
}

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

  adw_message_dialog_add_responses (dialog,
                                    "quit", _("_Quit"),
                                    "move-aside", _("_Move Aside and Start Fresh"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "move-aside", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "quit");
  adw_message_dialog_set_close_response (dialog, "quit");
}

/**
 * sitrep_database_dialog_new:
 * @application: the application it keeps running while it shows
 * @path: the database file
 * @error: why it could not be opened
 *
 * Returns: (transfer floating): the dialog, not yet shown; it answers
 *   "move-aside" or "quit" through AdwMessageDialog::response
 */
GtkWidget *
sitrep_database_dialog_new (GtkApplication *application,
                            const char     *path,
                            const GError   *error)
{
  SitrepDatabaseDialog *self;
  g_autofree char *body = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  body = g_strdup_printf (_("Sitrep keeps its incidents in %s, and could not open it: %s\n\n"
                            "You can move the file aside, keeping it for recovery, and start "
                            "with an empty database: what the team server holds comes back "
                            "when it syncs, edits never sent do not."),
                          path, error != NULL ? error->message : _("unknown error"));
  self = g_object_new (SITREP_TYPE_DATABASE_DIALOG,
                       "application", application,
                       "heading", heading_of (error),
                       "body", body,
                       "modal", FALSE,
                       NULL);
  self->path = g_strdup (path);
  return GTK_WIDGET (self);
}

const char *
sitrep_database_dialog_get_path (SitrepDatabaseDialog *self)
{
  g_return_val_if_fail (SITREP_IS_DATABASE_DIALOG (self), NULL);

  return self->path;
}

/**
 * sitrep_database_move_aside:
 * @path: a database file
 *
 * Renames @path, and its -wal and -shm files where they exist, to
 * `PATH.broken-YYYYMMDDTHHMMSSZ` (with -wal and -shm after it, so SQLite
 * still opens the three together), leaving @path free for a new database.
 *
 * Returns: (transfer full): the new name of @path, or %NULL with @error set
 */
char *
sitrep_database_move_aside (const char  *path,
                            GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *target = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  target = g_strdup_printf ("%s.broken-%s", path, stamp);
  for (guint n = 2; g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.broken-%s-%u", path, stamp, n);
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (!g_file_test (from, G_FILE_TEST_EXISTS) && !g_file_test (from, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not move %s aside: %s"), from, g_strerror (saved_errno));
          return NULL;
        }
    }

  g_message ("Moved the database %s aside to %s", path, target);
  return g_steal_pointer (&target);
}

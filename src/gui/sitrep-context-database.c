/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-context-database.c: the local database's page check, once the
 * window is up
 *
 * A context opened with sitrep_context_new_first_unchecked() has its
 * database checked page by page in a worker thread, after the first frame
 * (the check grows with the file). Damage found stops the sync engine: the
 * store already refuses every write to the damaged file, and a server
 * change that cannot be kept is not asked for.
 */

#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include "sitrep-context-private.h"

static void
database_checked (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SitrepContext *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (sitrep_store_check_finish (SITREP_STORE (source), result, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT))
    {
      self->database_damaged = TRUE;
      if (self->engine != NULL)
        sitrep_sync_engine_stop (self->engine);
    }
  g_task_return_error (task, error);
}

/**
 * sitrep_context_check_database_async:
 *
 * Checks every page of the local database in a worker thread
 * (sitrep_store_check_async()). Damage comes back as
 * %SITREP_STORE_ERROR_CORRUPT, as sitrep_context_new_first() would have
 * said it; by then the sync engine is stopped, and the store writes
 * nothing more to the file. What was written before stays in the file
 * and its -wal, for sitrep_store_move_aside().
 */
void
sitrep_context_check_database_async (SitrepContext       *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SITREP_IS_CONTEXT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_context_check_database_async);
  sitrep_store_check_async (self->store, cancellable, database_checked, task);
}

/**
 * sitrep_context_check_database_finish:
 *
 * Returns: %TRUE when the database is sound, else %FALSE with @error set
 */
gboolean
sitrep_context_check_database_finish (SitrepContext  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sitrep_context_get_database_damaged:
 *
 * Returns: whether sitrep_context_check_database_async() found the local
 *   database damaged: nothing more is written to it, and nothing synced
 */
gboolean
sitrep_context_get_database_damaged (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  return self->database_damaged;
}

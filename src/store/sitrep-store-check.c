/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-store-check.c: the database's page check after the open, in a
 * worker thread (for a store opened with sitrep_store_open_unchecked()),
 * and what the store does once the file is known to be damaged: it
 * writes nothing more to it. */

#define G_LOG_DOMAIN "sitrep-store"

#include "config.h"

#include "sitrep-store-private.h"

void
_sitrep_store_damage_clear (gpointer damage)
{
  g_free (*(char **) damage);
}

/* Once the file is known to be damaged: this connection writes nothing
 * more to it. SQLite refuses every write (query_only), and closing
 * neither checkpoints the -wal into the damaged file nor deletes it. */
static void
seal (SitrepStore *self)
{
  int persist = 1;

  if (self->sealed || self->db == NULL)
    return;
  self->sealed = TRUE;
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_file_control (self->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
  _sitrep_store_exec_sql (self, "PRAGMA query_only = 1", NULL);
}

/* Every write begins here: refused, with why, once sitrep_store_check_async()
 * found the file damaged (even before its callback ran). */
gboolean
_sitrep_store_refuse_writes_if_damaged (SitrepStore  *self,
                                        GError      **error)
{
  const char *damage = g_atomic_pointer_get (self->damage);

  if (damage == NULL)
    return TRUE;

  seal (self);
  g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT, damage);
  return FALSE;
}

static void
interrupt_check (GCancellable *cancellable,
                 sqlite3      *db)
{
  sqlite3_interrupt (db);
}

typedef struct
{
  char  *path;
  char **damage;   /* the store's, acquired */
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_free (job->path);
  g_atomic_rc_box_release_full (job->damage, _sitrep_store_damage_clear);
  g_free (job);
}

/* In a worker thread, on a read-only connection of its own: SQLite in
 * WAL mode gives it a snapshot while the store's connection writes on.
 * Damage found is noted for the store at once (atomically: the store's
 * connection is the main thread's), so no write begins after it. The
 * thread holds the note, not the store: the store goes when its last user
 * lets it go. */
static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckJob *job = task_data;
  const char *path = job->path;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gulong cancel_id = 0;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _sitrep_store_set_user_error (&error, _sitrep_store_error_code_of (db), path,
                      db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sqlite3_busy_timeout (db, 5000);
  sqlite3_extended_result_codes (db, 1);
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  /* Read through a mapping, as the check at open does; it goes with the
   * connection. */
  sqlite3_exec (db, "PRAGMA mmap_size = 268435456", NULL, NULL, NULL);

  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (interrupt_check), db, NULL);
  if (!_sitrep_store_check_pages (db, path, &local_error))
    {
      SitrepStoreError code = _sitrep_store_error_code_of (db);

      if (g_cancellable_is_cancelled (cancellable))
        g_cancellable_set_error_if_cancelled (cancellable, &error);
      else if (local_error->code == SITREP_STORE_ERROR_FAILED && code != SITREP_STORE_ERROR_FAILED)
        _sitrep_store_set_user_error (&error, code, path, local_error->message);
      else
        error = g_steal_pointer (&local_error);
    }
  g_cancellable_disconnect (cancellable, cancel_id);
  sqlite3_close (db);

  if (error == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (g_error_matches (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_CORRUPT))
    {
      char *damage = g_strdup (error->message);

      if (!g_atomic_pointer_compare_and_exchange (job->damage, NULL, damage))
        g_free (damage);
    }
  g_task_return_error (task, g_steal_pointer (&error));
}

/* Back in the main thread: the store's own task is answered. */
static void
check_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * sitrep_store_check_async:
 *
 * Checks every page of the database (`PRAGMA quick_check`, what
 * sitrep_store_open() does before it returns) in a worker thread, on a
 * read-only connection of its own, so the main loop goes on meanwhile;
 * for a store opened with sitrep_store_open_unchecked().
 *
 * Damage comes back as %SITREP_STORE_ERROR_CORRUPT with the message
 * sitrep_store_open() would have given. From the moment it is found the
 * store writes nothing more to the file: every write fails with that
 * error, and closing the store neither checkpoints the -wal into the
 * damaged file nor deletes it, so what was written before stays in the
 * two files for whoever recovers them.
 */
void
sitrep_store_check_async (SitrepStore         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) thread_task = NULL;
  GTask *task;
  CheckJob *job;

  g_return_if_fail (SITREP_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_store_check_async);
  job = g_new0 (CheckJob, 1);
  job->path = g_strdup (self->path);
  job->damage = g_atomic_rc_box_acquire (self->damage);
  thread_task = g_task_new (NULL, cancellable, check_done, task);
  g_task_set_task_data (thread_task, job, (GDestroyNotify) check_job_free);
  g_task_run_in_thread (thread_task, check_thread);
}

/**
 * sitrep_store_check_finish:
 *
 * Returns: %TRUE when the database is sound, else %FALSE with @error set
 */
gboolean
sitrep_store_check_finish (SitrepStore   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* The main thread's connection takes no more writes from here on. */
  _sitrep_store_refuse_writes_if_damaged (self, NULL);
  return g_task_propagate_boolean (G_TASK (result), error);
}

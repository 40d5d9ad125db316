/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pg-fixture.c: a private PostgreSQL 15 for the tests (see pg-fixture.h) */

#include "config.h"

#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pg-fixture.h"

#define DEFAULT_BINDIR "/usr/lib/postgresql/15/bin"
#define SUPERUSER "sitrep"
/* As root: PostgreSQL refuses to run as root. */
#define UNPRIVILEGED_USER "nobody"

struct _SitrepTestPg
{
  char     *dir;        /* the socket's folder; data/ and log in it */
  char     *data;
  char     *bindir;
  gboolean  owned;      /* started here: stopped and removed by free */
  int       watchdog;   /* write end of the pipe that ends the watchdog */
  guint     n_databases;
};

static SitrepTestPg *shared;

gboolean
sitrep_test_backend_is_postgres (void)
{
  return g_strcmp0 (g_getenv ("SITREP_TEST_BACKEND"), "postgres") == 0;
}

static const char *
bindir (void)
{
  const char *dir = g_getenv ("SITREP_TEST_PG_BINDIR");

  return dir != NULL && *dir != '\0' ? dir : DEFAULT_BINDIR;
}

/**
 * sitrep_test_pg_available:
 * @why: (out) (optional): what is missing
 *
 * Whether the PostgreSQL server binaries are installed.
 */
gboolean
sitrep_test_pg_available (char **why)
{
  const char *tools[] = { "initdb", "pg_ctl", "postgres", "psql" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *path = g_build_filename (bindir (), tools[i], NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        {
          if (why != NULL)
            *why = g_strdup_printf ("PostgreSQL 15 is not installed: no %s (install postgresql, "
                                    "as build-aux/dev deps does, or set "
                                    "SITREP_TEST_PG_BINDIR)", path);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * sitrep_test_pg_skip_if_missing:
 *
 * Marks the current test skipped, saying why, when the binaries are
 * missing.
 *
 * Returns: whether it skipped
 */
gboolean
sitrep_test_pg_skip_if_missing (void)
{
  g_autofree char *why = NULL;

  if (sitrep_test_pg_available (&why))
    return FALSE;
  g_test_skip (why);
  return TRUE;
}

static gboolean
is_root (void)
{
  return geteuid () == 0;
}

/* Runs a PostgreSQL tool as the cluster's owner; FALSE with its output in
 * @output on failure. */
static gboolean
run_tool (SitrepTestPg  *pg,
          gboolean       as_owner,
          char         **output,
          const char    *tool,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  int wait_status = 0;
  va_list ap;

  if (as_owner && is_root ())
    {
      g_ptr_array_add (argv, g_strdup ("runuser"));
      g_ptr_array_add (argv, g_strdup ("-u"));
      g_ptr_array_add (argv, g_strdup (UNPRIVILEGED_USER));
      g_ptr_array_add (argv, g_strdup ("--"));
    }
  g_ptr_array_add (argv, g_build_filename (pg->bindir, tool, NULL));
  va_start (ap, tool);
  for (arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (pg->dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &wait_status, &error))
    {
      if (output != NULL)
        *output = g_strdup (error->message);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (wait_status, NULL))
    {
      if (output != NULL)
        *output = g_strconcat (out, err, NULL);
      return FALSE;
    }
  if (output != NULL)
    *output = g_steal_pointer (&out);
  return TRUE;
}

static void
log_tail (SitrepTestPg *pg)
{
  g_autofree char *path = g_build_filename (pg->dir, "log", NULL);
  g_autofree char *log = NULL;

  if (g_file_get_contents (path, &log, NULL, NULL))
    g_printerr ("# PostgreSQL log:\n%s\n", log);
}

/**
 * sitrep_test_pg_start_server:
 *
 * `pg_ctl start` on the cluster, waiting until it accepts connections.
 */
void
sitrep_test_pg_start_server (SitrepTestPg *pg)
{
  g_autofree char *options = g_strdup_printf ("-k %s -c listen_addresses= -c fsync=off "
                                              "-c full_page_writes=off -c max_connections=200",
                                              pg->dir);
  g_autofree char *log = g_build_filename (pg->dir, "log", NULL);
  g_autofree char *output = NULL;

  if (!run_tool (pg, TRUE, &output, "pg_ctl", "-D", pg->data, "-l", log, "-w", "-t", "60",
                 "-o", options, "start", NULL))
    {
      log_tail (pg);
      g_error ("pg_ctl start failed: %s", output);
    }
}

/**
 * sitrep_test_pg_stop_server:
 *
 * `pg_ctl stop -m fast`: connections are cut, what was committed stays.
 */
void
sitrep_test_pg_stop_server (SitrepTestPg *pg)
{
  g_autofree char *output = NULL;

  if (!run_tool (pg, TRUE, &output, "pg_ctl", "-D", pg->data, "-m", "fast", "-w", "-t", "60",
                 "stop", NULL))
    {
      log_tail (pg);
      g_error ("pg_ctl stop failed: %s", output);
    }
}

/* In a session of its own, the watchdog outlives a test runner that kills
 * our whole process group on a timeout. */
static void
new_session (gpointer data)
{
  setsid ();
}

/* If this process dies without stopping the cluster, a shell waiting on a
 * pipe only we hold stops it and removes the folder. (pg_ctl puts the
 * server in a session of its own: nothing else would stop it.) */
static void
start_watchdog (SitrepTestPg *pg)
{
  g_autofree char *pg_ctl = g_build_filename (pg->bindir, "pg_ctl", NULL);
  g_autoptr(GError) error = NULL;
  const char *script =
    "trap '' HUP INT TERM; read _ignored; "
    "if [ \"$(id -u)\" = 0 ]; then runuser -u " UNPRIVILEGED_USER " -- \"$1\" -D \"$2\" "
    "-m immediate stop; else \"$1\" -D \"$2\" -m immediate stop; fi >/dev/null 2>&1; "
    "rm -rf \"$3\"";
  const char *argv[] = { "/bin/sh", "-c", script, "sh", pg_ctl, pg->data, pg->dir, NULL };
  int in_fd = -1;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                 G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 new_session,
                                 NULL, NULL, &in_fd, NULL, NULL, &error))
    g_error ("cannot start the PostgreSQL watchdog: %s", error->message);
  fcntl (in_fd, F_SETFD, FD_CLOEXEC);
  pg->watchdog = in_fd;
}

/**
 * sitrep_test_pg_start:
 *
 * Makes and starts a new cluster in a temporary folder.
 */
SitrepTestPg *
sitrep_test_pg_start (void)
{
  g_autoptr(SitrepTestPg) pg = g_new0 (SitrepTestPg, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *why = NULL;

  if (!sitrep_test_pg_available (&why))
    g_error ("%s", why);

  pg->watchdog = -1;
  pg->bindir = g_strdup (bindir ());
  /* Short: the socket's path must fit in 107 bytes. */
  pg->dir = g_dir_make_tmp ("sitrep-pg-XXXXXX", &error);
  g_assert_no_error (error);
  pg->data = g_build_filename (pg->dir, "data", NULL);
  pg->owned = TRUE;

  if (is_root ())
    {
      struct passwd *pw = getpwnam (UNPRIVILEGED_USER);

      g_assert_nonnull (pw);
      g_assert_cmpint (chown (pg->dir, pw->pw_uid, pw->pw_gid), ==, 0);
    }

  if (!run_tool (pg, TRUE, &output, "initdb", "-D", pg->data, "-A", "trust", "-U", SUPERUSER,
                 "-E", "UTF8", "--locale=C", "--no-sync", NULL))
    g_error ("initdb failed: %s", output);

  start_watchdog (pg);
  sitrep_test_pg_start_server (pg);
  return g_steal_pointer (&pg);
}

/**
 * sitrep_test_pg_free:
 *
 * Stops a cluster this process started and removes its folder.
 */
void
sitrep_test_pg_free (SitrepTestPg *pg)
{
  if (pg == NULL)
    return;

  if (pg->owned)
    {
      run_tool (pg, TRUE, NULL, "pg_ctl", "-D", pg->data, "-m", "immediate", "-w", "stop",
                NULL);
      /* The watchdog removes the folder, as root if need be. */
      if (pg->watchdog >= 0)
        close (pg->watchdog);
    }
  g_free (pg->dir);
  g_free (pg->data);
  g_free (pg->bindir);
  g_free (pg);
}

static char *
superuser_conninfo (SitrepTestPg *pg,
                    const char   *dbname)
{
  return g_strdup_printf ("host=%s user=" SUPERUSER " dbname=%s", pg->dir, dbname);
}

/**
 * sitrep_test_pg_psql:
 * @conninfo: (nullable): the database; %NULL for the `postgres` database
 *
 * Runs @sql with psql and asserts that it succeeded.
 *
 * Returns: (transfer full): what it printed, unaligned, tuples only
 */
char *
sitrep_test_pg_psql (SitrepTestPg *pg,
                     const char   *conninfo,
                     const char   *sql)
{
  g_autofree char *fallback = superuser_conninfo (pg, "postgres");
  g_autofree char *output = NULL;

  if (!run_tool (pg, FALSE, &output, "psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                 "-d", conninfo != NULL ? conninfo : fallback, "-c", sql, NULL))
    g_error ("psql %s failed: %s", sql, output);
  return g_steal_pointer (&output);
}

/**
 * sitrep_test_pg_new_database:
 *
 * Returns: (transfer full): the libpq key=value string of a new, empty
 *   database
 */
char *
sitrep_test_pg_new_database (SitrepTestPg *pg)
{
  g_autofree char *name = g_strdup_printf ("t%d_%u", (int) getpid (), ++pg->n_databases);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0", name);
  g_autofree char *out = sitrep_test_pg_psql (pg, NULL, sql);

  return superuser_conninfo (pg, name);
}

static void
free_shared (void)
{
  g_clear_pointer (&shared, sitrep_test_pg_free);
}

/**
 * sitrep_test_pg_shared:
 *
 * The cluster of this test program: started by the first caller and
 * stopped when it exits; its subprocesses (isolated tests) find it in
 * $SITREP_TEST_PG_DIR.
 */
SitrepTestPg *
sitrep_test_pg_shared (void)
{
  const char *dir;

  if (shared != NULL)
    return shared;

  dir = g_getenv ("SITREP_TEST_PG_DIR");
  if (dir != NULL && *dir != '\0')
    {
      shared = g_new0 (SitrepTestPg, 1);
      shared->watchdog = -1;
      shared->dir = g_strdup (dir);
      shared->data = g_build_filename (dir, "data", NULL);
      shared->bindir = g_strdup (bindir ());
      /* Databases are named after the process: no clash between tests. */
      return shared;
    }

  shared = sitrep_test_pg_start ();
  g_setenv ("SITREP_TEST_PG_DIR", shared->dir, TRUE);
  atexit (free_shared);
  return shared;
}

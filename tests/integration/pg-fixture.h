/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pg-fixture.h: a private PostgreSQL 15 for the tests
 *
 * `initdb` into a temporary folder and `pg_ctl start` on a Unix socket in
 * that folder, with no TCP port, so tests running in parallel never meet.
 * As root (CI), the cluster belongs to `nobody`, since PostgreSQL refuses
 * to run as root. The binaries come from $SITREP_TEST_PG_BINDIR, else
 * /usr/lib/postgresql/15/bin.
 *
 * With SITREP_TEST_BACKEND=postgres in the environment, every test server
 * of server-fixture.c gets a database of its own on one cluster per test
 * program, which the program's subprocesses share.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SitrepTestPg SitrepTestPg;

gboolean      sitrep_test_backend_is_postgres (void);
gboolean      sitrep_test_pg_available        (char          **why);
gboolean      sitrep_test_pg_skip_if_missing  (void);

SitrepTestPg *sitrep_test_pg_start            (void);
void          sitrep_test_pg_free             (SitrepTestPg   *pg);
void          sitrep_test_pg_stop_server      (SitrepTestPg   *pg);
void          sitrep_test_pg_start_server     (SitrepTestPg   *pg);
char         *sitrep_test_pg_new_database     (SitrepTestPg   *pg);
char         *sitrep_test_pg_psql             (SitrepTestPg   *pg,
                                               const char     *conninfo,
                                               const char     *sql);

SitrepTestPg *sitrep_test_pg_shared           (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepTestPg, sitrep_test_pg_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-postgres-schema.c: the PostgreSQL backend's schema
 *
 * `sitrep_schema` holds one row per migration applied. Processes that
 * start together migrate one after the other, under an advisory lock.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-server-postgres-private.h"

/* Taken for the whole migration, so that processes starting together
 * migrate one after the other ("sitr" in ASCII). */
#define MIGRATION_LOCK "1936290930"

/* Migration N takes the schema from version N - 1 to N. */
static const char *const migrations[] = {
  /* 1 */
  "CREATE TABLE records ("
  "  coll text NOT NULL, id text NOT NULL, version bigint NOT NULL,"
  "  deleted boolean NOT NULL DEFAULT false, body text,"
  "  PRIMARY KEY (coll, id));"
  "CREATE TABLE changes ("
  "  seq bigint PRIMARY KEY, coll text NOT NULL, id text NOT NULL,"
  "  version bigint NOT NULL, op text NOT NULL, deleted boolean NOT NULL,"
  "  body text, client_id text, mid bigint, actor text NOT NULL, ts text NOT NULL);"
  "CREATE TABLE clients ("
  "  client_id text PRIMARY KEY, token_name text NOT NULL, last_mid bigint NOT NULL);"
  "CREATE TABLE results ("
  "  client_id text NOT NULL, mid bigint NOT NULL, result text NOT NULL,"
  "  PRIMARY KEY (client_id, mid));"
  "CREATE TABLE tokens ("
  "  name text PRIMARY KEY, role text NOT NULL, hash text NOT NULL UNIQUE,"
  "  created_at text NOT NULL, revoked_at text);"
  "CREATE TABLE meta (key text PRIMARY KEY, value bigint NOT NULL);"
  "CREATE TABLE alert_groups ("
  "  group_key text PRIMARY KEY, incident_id text NOT NULL);"
  "INSERT INTO meta (key, value) VALUES ('last_seq', 0), ('floor', 0);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SITREP_SERVER_POSTGRES_SCHEMA_VERSION);

gboolean
_sitrep_pg_schema_version (SitrepServerStorage  *storage,
                           gint                 *version,
                           GError              **error)
{
  PgStorage *self = (PgStorage *) storage;
  PGresult *res = _sitrep_pg_query (self, &self->writer,
                                    "SELECT to_regclass('sitrep_schema') IS NOT NULL",
                                    0, NULL, error);
  gboolean exists;

  if (res == NULL)
    return FALSE;
  exists = _sitrep_pg_bool (res, 0, 0);
  PQclear (res);

  *version = 0;
  if (!exists)
    return TRUE;

  res = _sitrep_pg_query (self, &self->writer,
                          "SELECT coalesce(max(version), 0) FROM sitrep_schema",
                          0, NULL, error);
  if (res == NULL)
    return FALSE;
  *version = (gint) _sitrep_pg_int64 (res, 0, 0);
  PQclear (res);
  return TRUE;
}

static gboolean
check_not_newer (gint     current,
                 GError **error)
{
  if (current <= SITREP_SERVER_POSTGRES_SCHEMA_VERSION)
    return TRUE;

  g_set_error (error, SITREP_SERVER_STORAGE_ERROR, SITREP_SERVER_STORAGE_ERROR_FAILED,
               _("The database has schema version %d; this sitrep-server knows "
                 "version %d at most: upgrade sitrep-server"),
               current, SITREP_SERVER_POSTGRES_SCHEMA_VERSION);
  return FALSE;
}

/* Creates the schema or brings it up to date, in one transaction under an
 * advisory lock. A schema up to date is only read: the servers' role needs
 * no right to create tables once `migrate` ran as the owner. */
gboolean
_sitrep_pg_migrate (PgStorage  *self,
                    GError    **error)
{
  PgConn *conn = &self->writer;
  PGresult *res;
  gint current;

  if (!_sitrep_pg_schema_version ((SitrepServerStorage *) self, &current, error)
      || !check_not_newer (current, error))
    return FALSE;
  if (current == SITREP_SERVER_POSTGRES_SCHEMA_VERSION)
    return TRUE;

  if (!_sitrep_pg_run (self, conn, "BEGIN", 0, NULL, error)
      || !_sitrep_pg_run (self, conn, "SELECT pg_advisory_xact_lock(" MIGRATION_LOCK ")",
                          0, NULL, error)
      || !_sitrep_pg_run (self, conn,
                          "CREATE TABLE IF NOT EXISTS sitrep_schema ("
                          " version integer PRIMARY KEY,"
                          " applied_at timestamptz NOT NULL DEFAULT now())",
                          0, NULL, error)
      || !_sitrep_pg_schema_version ((SitrepServerStorage *) self, &current, error))
    goto fail;

  /* Read again under the lock: another process may have migrated. */
  if (!check_not_newer (current, error))
    goto fail;

  for (gint v = current + 1; v <= SITREP_SERVER_POSTGRES_SCHEMA_VERSION; v++)
    {
      g_autofree char *v_text = g_strdup_printf ("%d", v);
      const char *params[] = { v_text };

      /* Several statements: the simple protocol, with no parameters. */
      res = PQexec (conn->pg, migrations[v - 1]);
      if (res == NULL || PQresultStatus (res) != PGRES_COMMAND_OK)
        {
          _sitrep_pg_fail (conn, res, error);
          goto fail;
        }
      PQclear (res);

      if (!_sitrep_pg_run (self, conn, "INSERT INTO sitrep_schema (version) VALUES ($1::integer)",
                           1, params, error))
        goto fail;
    }

  return _sitrep_pg_run (self, conn, "COMMIT", 0, NULL, error);

fail:
  if (conn->pg != NULL && PQtransactionStatus (conn->pg) != PQTRANS_IDLE)
    PQclear (PQexec (conn->pg, "ROLLBACK"));
  return FALSE;
}

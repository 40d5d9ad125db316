/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-postgres-write.c: the PostgreSQL backend's writer and admin side
 *
 * Everything here runs on the writer connection, inside the transaction
 * opened by begin_write (admin operations open their own). begin_write
 * locks the `last_seq` row first: from then on no other process writes,
 * and every later statement of the transaction (READ COMMITTED) sees all
 * that the previous writers committed.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-server-postgres-private.h"

/* A bigint parameter, written into @buf (24 bytes). */
static const char *
i64 (char   *buf,
     gint64  value)
{
  g_snprintf (buf, 24, "%" G_GINT64_FORMAT, value);
  return buf;
}

static gboolean
lock_seq (PgStorage  *self,
          gint64     *last_seq,
          gint64     *floor,
          GError    **error)
{
  PGresult *res = _sitrep_pg_query (self, &self->writer,
                        "SELECT key, value FROM meta WHERE key IN ('last_seq', 'floor')"
                        " ORDER BY key FOR UPDATE",
                        0, NULL, error);

  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      if (g_str_equal (PQgetvalue (res, i, 0), "last_seq"))
        *last_seq = _sitrep_pg_int64 (res, i, 1);
      else if (floor != NULL)
        *floor = _sitrep_pg_int64 (res, i, 1);
    }
  PQclear (res);
  return TRUE;
}

gboolean
_sitrep_pg_begin_write (SitrepServerStorage  *storage,
                        GError              **error)
{
  PgStorage *self = (PgStorage *) storage;

  self->seq_dirty = FALSE;
  if (!_sitrep_pg_run (self, &self->writer, "BEGIN", 0, NULL, error))
    return FALSE;

  g_atomic_int_set (&self->writer_pid, PQbackendPID (self->writer.pg));
  if (!lock_seq (self, &self->last_seq, NULL, error))
    {
      _sitrep_pg_rollback (storage);
      return FALSE;
    }

  return TRUE;
}

void
_sitrep_pg_rollback (SitrepServerStorage *storage)
{
  PgStorage *self = (PgStorage *) storage;

  /* After a lost connection there is nothing to roll back: the server did. */
  if (self->writer.pg != NULL && PQtransactionStatus (self->writer.pg) != PQTRANS_IDLE)
    PQclear (PQexec (self->writer.pg, "ROLLBACK"));
}

gboolean
_sitrep_pg_commit (SitrepServerStorage  *storage,
                   GError              **error)
{
  PgStorage *self = (PgStorage *) storage;

  if (self->seq_dirty)
    {
      char seq[24];
      const char *params[] = { i64 (seq, self->last_seq) };

      /* The notification goes out with the commit, never before it. */
      if (!_sitrep_pg_run (self, &self->writer,
                           "WITH u AS (UPDATE meta SET value = $1::bigint"
                           "  WHERE key = 'last_seq' RETURNING value)"
                           " SELECT pg_notify('" SITREP_PG_CHANNEL "', value::text) FROM u",
                           1, params, error))
        goto fail;
    }

  if (!_sitrep_pg_run (self, &self->writer, "COMMIT", 0, NULL, error))
    goto fail;

  return TRUE;

fail:
  _sitrep_pg_rollback (storage);
  return FALSE;
}

gboolean
_sitrep_pg_get_client (SitrepServerStorage  *storage,
                       const char           *client_id,
                       char                **owner,
                       gint64               *last_mid,
                       GError              **error)
{
  PgStorage *self = (PgStorage *) storage;
  const char *params[] = { client_id };
  PGresult *res;

  *owner = NULL;
  *last_mid = 0;
  res = _sitrep_pg_query (self, &self->writer,
                          "SELECT token_name, last_mid FROM clients WHERE client_id = $1::text",
                          1, params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) > 0)
    {
      *owner = _sitrep_pg_text (res, 0, 0);
      *last_mid = _sitrep_pg_int64 (res, 0, 1);
    }
  PQclear (res);
  return TRUE;
}

gboolean
_sitrep_pg_set_client (SitrepServerStorage  *storage,
                       const char           *client_id,
                       const char           *owner,
                       gint64                last_mid,
                       GError              **error)
{
  PgStorage *self = (PgStorage *) storage;
  char mid[24];
  const char *params[] = { client_id, owner, i64 (mid, last_mid) };

  return _sitrep_pg_run (self, &self->writer,
                         "INSERT INTO clients (client_id, token_name, last_mid)"
                         " VALUES ($1::text, $2::text, $3::bigint) ON CONFLICT (client_id)"
                         " DO UPDATE SET last_mid = excluded.last_mid",
                         3, params, error);
}

gboolean
_sitrep_pg_get_result (SitrepServerStorage  *storage,
                       const char           *client_id,
                       gint64                mid,
                       char                **result_json,
                       GError              **error)
{
  PgStorage *self = (PgStorage *) storage;
  char mid_text[24];
  const char *params[] = { client_id, i64 (mid_text, mid) };
  PGresult *res;

  *result_json = NULL;
  res = _sitrep_pg_query (self, &self->writer,
                          "SELECT result FROM results WHERE client_id = $1::text"
                          " AND mid = $2::bigint",
                          2, params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) > 0)
    *result_json = _sitrep_pg_text (res, 0, 0);
  PQclear (res);
  return TRUE;
}

gboolean
_sitrep_pg_put_result (SitrepServerStorage  *storage,
                       const char           *client_id,
                       gint64                mid,
                       const char           *result_json,
                       GError              **error)
{
  PgStorage *self = (PgStorage *) storage;
  char mid_text[24];
  const char *params[] = { client_id, i64 (mid_text, mid), result_json };

  return _sitrep_pg_run (self, &self->writer,
                         "INSERT INTO results (client_id, mid, result)"
                         " VALUES ($1::text, $2::bigint, $3::text) ON CONFLICT (client_id, mid)"
                         " DO UPDATE SET result = excluded.result",
                         3, params, error);
}

gboolean
_sitrep_pg_get_record (SitrepServerStorage  *storage,
                       const char           *coll,
                       const char           *id,
                       SitrepServerRecord  **record,
                       GError              **error)
{
  PgStorage *self = (PgStorage *) storage;
  const char *params[] = { coll, id };
  PGresult *res;

  *record = NULL;
  res = _sitrep_pg_query (self, &self->writer,
                          "SELECT version, deleted, body FROM records"
                          " WHERE coll = $1::text AND id = $2::text",
                          2, params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) > 0)
    {
      SitrepServerRecord *r = g_new0 (SitrepServerRecord, 1);

      r->coll = g_strdup (coll);
      r->id = g_strdup (id);
      r->version = _sitrep_pg_int64 (res, 0, 0);
      r->deleted = _sitrep_pg_bool (res, 0, 1);
      r->body = _sitrep_pg_text (res, 0, 2);
      *record = r;
    }
  PQclear (res);
  return TRUE;
}

gboolean
_sitrep_pg_append_change (SitrepServerStorage  *storage,
                          SitrepServerChange   *change,
                          GError              **error)
{
  PgStorage *self = (PgStorage *) storage;
  gint64 seq = self->last_seq + 1;
  char seq_text[24];
  char mid_text[24];
  const char *change_params[] = {
    i64 (seq_text, seq), change->coll, change->id, change->op,
    change->deleted ? "true" : "false", change->body, change->client_id,
    change->client_id != NULL ? i64 (mid_text, change->mid) : NULL,
    change->actor, change->ts,
  };
  const char *record_params[] = {
    change->coll, change->id, seq_text, change->deleted ? "true" : "false", change->body,
  };

  if (!_sitrep_pg_run (self, &self->writer,
                       "INSERT INTO changes (seq, coll, id, version, op, deleted, body,"
                       " client_id, mid, actor, ts) VALUES ($1::bigint, $2::text, $3::text,"
                       " $1::bigint, $4::text, $5::boolean, $6::text, $7::text, $8::bigint,"
                       " $9::text, $10::text)",
                       G_N_ELEMENTS (change_params), change_params, error)
      || !_sitrep_pg_run (self, &self->writer,
                          "INSERT INTO records (coll, id, version, deleted, body)"
                          " VALUES ($1::text, $2::text, $3::bigint, $4::boolean, $5::text)"
                          " ON CONFLICT (coll, id) DO UPDATE SET version = excluded.version,"
                          " deleted = excluded.deleted, body = excluded.body",
                          G_N_ELEMENTS (record_params), record_params, error))
    return FALSE;

  self->last_seq = seq;
  self->seq_dirty = TRUE;
  change->seq = seq;
  change->version = seq;
  return TRUE;
}

gboolean
_sitrep_pg_next_ref_number (SitrepServerStorage  *storage,
                            int                   year,
                            gint64               *number,
                            GError              **error)
{
  PgStorage *self = (PgStorage *) storage;
  g_autofree char *key = g_strdup_printf ("ref:%04d", year);
  const char *params[] = { key };
  PGresult *res;

  /* Under the writers' lock of begin_write: unique across processes. */
  res = _sitrep_pg_query (self, &self->writer,
                          "INSERT INTO meta (key, value) VALUES ($1::text, 1)"
                          " ON CONFLICT (key) DO UPDATE SET value = meta.value + 1"
                          " RETURNING value",
                          1, params, error);
  if (res == NULL)
    return FALSE;
  *number = _sitrep_pg_int64 (res, 0, 0);
  PQclear (res);
  return TRUE;
}

gboolean
_sitrep_pg_get_alert_group (SitrepServerStorage  *storage,
                            const char           *group_key,
                            char                **incident_id,
                            GError              **error)
{
  PgStorage *self = (PgStorage *) storage;
  const char *params[] = { group_key };
  PGresult *res;

  *incident_id = NULL;
  res = _sitrep_pg_query (self, &self->writer,
                          "SELECT incident_id FROM alert_groups WHERE group_key = $1::text",
                          1, params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) > 0)
    *incident_id = _sitrep_pg_text (res, 0, 0);
  PQclear (res);
  return TRUE;
}

gboolean
_sitrep_pg_set_alert_group (SitrepServerStorage  *storage,
                            const char           *group_key,
                            const char           *incident_id,
                            GError              **error)
{
  PgStorage *self = (PgStorage *) storage;
  const char *params[] = { group_key, incident_id };

  return _sitrep_pg_run (self, &self->writer,
                         "INSERT INTO alert_groups (group_key, incident_id)"
                         " VALUES ($1::text, $2::text) ON CONFLICT (group_key)"
                         " DO UPDATE SET incident_id = excluded.incident_id",
                         2, params, error);
}

/* Admin */

gboolean
_sitrep_pg_token_create (SitrepServerStorage  *storage,
                         const char           *name,
                         const char           *role,
                         const char           *hash,
                         const char           *created_at,
                         GError              **error)
{
  PgStorage *self = (PgStorage *) storage;
  const char *params[] = { name, role, hash, created_at };
  PGresult *res;

  res = _sitrep_pg_query (self, &self->writer,
                          "INSERT INTO tokens (name, role, hash, created_at)"
                          " VALUES ($1::text, $2::text, $3::text, $4::text)"
                          " ON CONFLICT DO NOTHING",
                          4, params, error);
  if (res == NULL)
    return FALSE;

  if (g_str_equal (PQcmdTuples (res), "0"))
    {
      PQclear (res);
      g_set_error (error, SITREP_SERVER_STORAGE_ERROR, SITREP_SERVER_STORAGE_ERROR_EXISTS,
                   _("A token named “%s” exists already"), name);
      return FALSE;
    }
  PQclear (res);
  return TRUE;
}

gboolean
_sitrep_pg_token_revoke (SitrepServerStorage  *storage,
                         const char           *name,
                         const char           *revoked_at,
                         GError              **error)
{
  PgStorage *self = (PgStorage *) storage;
  const char *params[] = { name, revoked_at };
  PGresult *res;
  gboolean found;

  res = _sitrep_pg_query (self, &self->writer,
                          "UPDATE tokens SET revoked_at = coalesce(revoked_at, $2::text)"
                          " WHERE name = $1::text",
                          2, params, error);
  if (res == NULL)
    return FALSE;

  found = !g_str_equal (PQcmdTuples (res), "0");
  PQclear (res);
  if (!found)
    {
      g_set_error (error, SITREP_SERVER_STORAGE_ERROR, SITREP_SERVER_STORAGE_ERROR_NOT_FOUND,
                   _("No token named “%s”"), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
_sitrep_pg_token_list (SitrepServerStorage  *storage,
                       GPtrArray           **tokens,
                       GError              **error)
{
  PgStorage *self = (PgStorage *) storage;
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_server_token_free);
  PGresult *res;

  res = _sitrep_pg_query (self, &self->writer,
                          "SELECT name, role, created_at, revoked_at FROM tokens"
                          " ORDER BY created_at COLLATE \"C\", name COLLATE \"C\"",
                          0, NULL, error);
  if (res == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (res); i++)
    {
      SitrepServerToken *t = g_new0 (SitrepServerToken, 1);

      t->name = _sitrep_pg_text (res, i, 0);
      t->role = _sitrep_pg_text (res, i, 1);
      t->created_at = _sitrep_pg_text (res, i, 2);
      t->revoked_at = _sitrep_pg_text (res, i, 3);
      g_ptr_array_add (list, t);
    }
  PQclear (res);

  *tokens = g_steal_pointer (&list);
  return TRUE;
}

gboolean
_sitrep_pg_compact (SitrepServerStorage  *storage,
                    gint64                keep,
                    gint64               *floor,
                    GError              **error)
{
  PgStorage *self = (PgStorage *) storage;
  gint64 last_seq = 0, old_floor = 0, new_floor;

  if (!_sitrep_pg_run (self, &self->writer, "BEGIN", 0, NULL, error))
    return FALSE;
  if (!lock_seq (self, &last_seq, &old_floor, error))
    goto fail;

  new_floor = MAX (old_floor, last_seq - keep);
  if (new_floor > old_floor)
    {
      char floor_text[24];
      const char *params[] = { i64 (floor_text, new_floor) };

      /* As in SQLite: a delete compacted away is needed by no one. */
      if (!_sitrep_pg_run (self, &self->writer,
                           "UPDATE meta SET value = $1::bigint WHERE key = 'floor'",
                           1, params, error)
          || !_sitrep_pg_run (self, &self->writer, "DELETE FROM changes WHERE seq <= $1::bigint",
                              1, params, error)
          || !_sitrep_pg_run (self, &self->writer,
                              "DELETE FROM records WHERE deleted AND version <= $1::bigint",
                              1, params, error))
        goto fail;
    }

  if (!_sitrep_pg_run (self, &self->writer, "COMMIT", 0, NULL, error))
    goto fail;

  *floor = new_floor;
  return TRUE;

fail:
  _sitrep_pg_rollback (storage);
  return FALSE;
}

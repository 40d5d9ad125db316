/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-store-unfinished.c: the records something is still owed for,
 * found by SQLite without parsing a body */

#define G_LOG_DOMAIN "sitrep-store"

#include "config.h"

#include "sitrep-store-private.h"

static void
append_any_unset (GString            *sql,
                  const char * const *fields,
                  guint              *param)
{
  g_string_append (sql, "(0");
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    g_string_append_printf (sql, " OR json_extract(body, '$.' || ?%u) IS NULL", (*param)++);
  g_string_append (sql, ")");
}

/**
 * sitrep_store_list_unfinished:
 * @since_field: a body field that starts what is owed (`resolved_at`)
 * @since: (nullable): only records whose @since_field is this time (in
 *   the protocol's UTC form) or later
 * @required: (array zero-terminated=1): fields every record needs set
 *   once @since_field is (`postmortem_done_at`)
 * @flag_field: (nullable): a boolean body field (`major`)…
 * @required_if_flag: (array zero-terminated=1) (nullable): …whose records
 *   need these set as well
 *
 * The live records of @coll with @since_field set and one of the fields
 * they need unset: a start-up with 10,000 closed incidents, all settled,
 * reads and parses none of them.
 *
 * Returns: (transfer full) (element-type utf8): their ids, %NULL with
 *   @error set
 */
GPtrArray *
sitrep_store_list_unfinished (SitrepStore         *self,
                              const char          *coll,
                              const char          *since_field,
                              const char          *since,
                              const char * const  *required,
                              const char          *flag_field,
                              const char * const  *required_if_flag,
                              GError             **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  guint param = 4;
  int rc;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);
  g_return_val_if_fail (coll != NULL && since_field != NULL, NULL);

  /* Field names are bound as parameters, never spliced into the SQL. */
  g_string_append (sql, "SELECT id FROM records WHERE coll = ?1 AND deleted = 0"
                        " AND json_extract(body, '$.' || ?2) IS NOT NULL AND (");
  append_any_unset (sql, required, &param);
  if (flag_field != NULL)
    {
      g_string_append (sql, " OR (json_extract(body, '$.' || ?3) = 1 AND ");
      append_any_unset (sql, required_if_flag, &param);
      g_string_append (sql, ")");
    }
  g_string_append (sql, ")");
  if (since != NULL)
    g_string_append (sql, " AND json_extract(body, '$.' || ?2) >= :since");

  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      _sitrep_store_set_sqlite_error (self, error, "list");
      return NULL;
    }

  param = 4;
  sqlite3_bind_text (stmt, 1, coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, since_field, -1, SQLITE_STATIC);
  if (since != NULL)
    sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":since"), since, -1,
                       SQLITE_STATIC);
  if (flag_field != NULL)
    sqlite3_bind_text (stmt, 3, flag_field, -1, SQLITE_STATIC);
  for (guint i = 0; required != NULL && required[i] != NULL; i++)
    sqlite3_bind_text (stmt, param++, required[i], -1, SQLITE_STATIC);
  for (guint i = 0; flag_field != NULL && required_if_flag != NULL && required_if_flag[i] != NULL; i++)
    sqlite3_bind_text (stmt, param++, required_if_flag[i], -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _sitrep_store_set_sqlite_error (self, error, "list");
      return NULL;
    }

  return g_steal_pointer (&ids);
}

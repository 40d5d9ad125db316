/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-storage-open.c: the backend that --db names */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-server-sqlite.h"
#ifdef HAVE_POSTGRES
#include "sitrep-server-postgres.h"
#endif

/* A `postgres://` or `postgresql://` URL, or a libpq `key=value` string
 * (a word of letters and underscores, then "="): anything else is a path. */
static gboolean
names_postgres (const char *db)
{
  const char *p = db;

  if (g_str_has_prefix (db, "postgres://") || g_str_has_prefix (db, "postgresql://"))
    return TRUE;
  while (*p == ' ' || *p == '\t')
    p++;
  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalpha (*p) || *p == '_')
    p++;
  while (*p == ' ' || *p == '\t')
    p++;
  return *p == '=';
}

/**
 * sitrep_server_storage_display_name:
 *
 * @db as it may be shown in a message: a PostgreSQL password in it is
 * replaced by "***".
 *
 * Returns: (transfer full): the text to show
 */
char *
sitrep_server_storage_display_name (const char *db)
{
  g_autoptr(GRegex) url = NULL;
  g_autoptr(GRegex) keyword = NULL;
  g_autofree char *shown = NULL;

  if (!names_postgres (db))
    return g_strdup (db);

  /* postgres://user:SECRET@host and password=SECRET (quoted or not) */
  url = g_regex_new ("^(postgres(?:ql)?://[^/@:]*:)[^/@]*@", 0, 0, NULL);
  keyword = g_regex_new ("(\\bpassword\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|\\S*)|"
                         "([?&]password=)[^&]*", 0, 0, NULL);
  shown = g_regex_replace (url, db, -1, 0, "\\1***@", 0, NULL);
  return g_regex_replace (keyword, shown, -1, 0, "\\1\\3***", 0, NULL);
}

/**
 * sitrep_server_storage_open:
 * @db: a SQLite file, or a PostgreSQL URL (`postgres://…`,
 *   `postgresql://…`) or libpq `key=value` string
 *
 * Opens the database, creating or migrating its schema.
 *
 * Returns: (transfer full) (nullable): the storage, or %NULL with @error set
 */
SitrepServerStorage *
sitrep_server_storage_open (const char  *db,
                            GError     **error)
{
  g_return_val_if_fail (db != NULL, NULL);

  if (!names_postgres (db))
    return sitrep_server_sqlite_open (db, error);

#ifdef HAVE_POSTGRES
  return sitrep_server_postgres_open (db, error);
#else
  g_set_error (error, SITREP_SERVER_STORAGE_ERROR, SITREP_SERVER_STORAGE_ERROR_FAILED,
               _("this sitrep-server was built without PostgreSQL support "
                 "(meson option postgres)"));
  return NULL;
#endif
}

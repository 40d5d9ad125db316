/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-migrate.c: `sitrep-server migrate --db PATH|URL`
 *
 * Creates the schema, or brings an older one up to date, and prints the
 * schema version. `serve` does the same when it starts; this is for an
 * operator who upgrades before starting the new servers.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-server-cli.h"
#include "sitrep-server-storage.h"

/**
 * sitrep_server_cli_migrate:
 *
 * `sitrep-server migrate --db PATH|URL`
 */
int
sitrep_server_cli_migrate (char **args)
{
  static const SitrepServerCliOption options[] = { { "db", TRUE } };
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(SitrepServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  const char *db;
  gint version = 0;
  int status;

  values = sitrep_server_cli_parse (args, options, G_N_ELEMENTS (options), NULL, &status);
  if (values == NULL)
    return status;

  db = g_hash_table_lookup (values, "db");
  if (db == NULL || *db == '\0')
    return sitrep_server_cli_usage_error (_("--db is required"));

  storage = sitrep_server_storage_open (db, &error);
  if (storage == NULL)
    {
      shown = sitrep_server_storage_display_name (db);
      return sitrep_server_cli_fail (_("cannot open %s: %s"), shown, error->message);
    }

  if (!storage->vtable->schema_version (storage, &version, &error))
    return sitrep_server_cli_fail ("%s", error->message);

  g_print (_("schema version %d\n"), version);
  return SITREP_SERVER_EXIT_OK;
}

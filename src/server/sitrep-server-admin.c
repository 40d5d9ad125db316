/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-admin.c: `token create|revoke|list` and `compact` */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-time.h"
#include "sitrep-server-auth.h"
#include "sitrep-server-cli.h"
#include "sitrep-server-storage.h"

static SitrepServerStorage *
open_db (GHashTable *values,
         int        *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  const char *path = g_hash_table_lookup (values, "db");
  SitrepServerStorage *storage;

  if (path == NULL || *path == '\0')
    {
      *status = sitrep_server_cli_usage_error (_("--db is required"));
      return NULL;
    }

  storage = sitrep_server_storage_open (path, &error);
  if (storage == NULL)
    {
      shown = sitrep_server_storage_display_name (path);
      *status = sitrep_server_cli_fail (_("cannot open %s: %s"), shown, error->message);
    }

  return storage;
}

static int
token_create (char **args)
{
  static const SitrepServerCliOption options[] = {
    { "db", TRUE }, { "name", TRUE }, { "role", TRUE },
  };
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(SitrepServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *now = NULL;
  const char *name, *role;
  int status;

  values = sitrep_server_cli_parse (args, options, G_N_ELEMENTS (options), NULL, &status);
  if (values == NULL)
    return status;

  name = g_hash_table_lookup (values, "name");
  role = g_hash_table_lookup (values, "role");
  if (name == NULL)
    return sitrep_server_cli_usage_error (_("--name is required"));
  if (!sitrep_server_token_name_is_valid (name))
    return sitrep_server_cli_usage_error (_("a token name is 1 to 64 printable characters "
                                            "without spaces"));
  if (role == NULL)
    return sitrep_server_cli_usage_error (_("--role is required"));
  if (sitrep_server_role_from_string (role) == SITREP_SERVER_ROLE_NONE)
    return sitrep_server_cli_usage_error (_("--role must be viewer, responder or admin"));

  storage = open_db (values, &status);
  if (storage == NULL)
    return status;

  token = sitrep_server_token_generate (&error);
  if (token == NULL)
    return sitrep_server_cli_fail ("%s", error->message);

  hash = sitrep_server_token_hash (token);
  now = sitrep_time_now ();
  if (!storage->vtable->token_create (storage, name, role, hash, now, &error))
    return sitrep_server_cli_fail ("%s", error->message);

  g_print ("%s\n", token);
  return SITREP_SERVER_EXIT_OK;
}

static int
token_revoke (char **args)
{
  static const SitrepServerCliOption options[] = { { "db", TRUE }, { "name", TRUE } };
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(SitrepServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) positional = NULL;
  g_autofree char *now = NULL;
  const char *name;
  int status;

  values = sitrep_server_cli_parse (args, options, G_N_ELEMENTS (options), &positional, &status);
  if (values == NULL)
    return status;

  /* PROTOCOL.md writes `token revoke NAME`: take that too. */
  name = g_hash_table_lookup (values, "name");
  if (name == NULL && positional[0] != NULL)
    name = positional[0];
  if (name == NULL)
    return sitrep_server_cli_usage_error (_("--name is required"));
  if (positional[name == positional[0] ? 1 : 0] != NULL)
    return sitrep_server_cli_usage_error (_("unexpected argument “%s”"),
                                          positional[name == positional[0] ? 1 : 0]);

  storage = open_db (values, &status);
  if (storage == NULL)
    return status;

  now = sitrep_time_now ();
  if (!storage->vtable->token_revoke (storage, name, now, &error))
    return sitrep_server_cli_fail ("%s", error->message);

  return SITREP_SERVER_EXIT_OK;
}

static int
token_list (char **args)
{
  static const SitrepServerCliOption options[] = { { "db", TRUE } };
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(SitrepServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  int status;

  values = sitrep_server_cli_parse (args, options, G_N_ELEMENTS (options), NULL, &status);
  if (values == NULL)
    return status;

  storage = open_db (values, &status);
  if (storage == NULL)
    return status;

  if (!storage->vtable->token_list (storage, &tokens, &error))
    return sitrep_server_cli_fail ("%s", error->message);

  for (guint i = 0; i < tokens->len; i++)
    {
      const SitrepServerToken *t = g_ptr_array_index (tokens, i);

      g_print ("%s %s %s%s\n", t->name, t->role, t->created_at,
               t->revoked_at != NULL ? " revoked" : "");
    }

  return SITREP_SERVER_EXIT_OK;
}

/**
 * sitrep_server_cli_token:
 *
 * `sitrep-server token create|revoke|list …`
 */
int
sitrep_server_cli_token (char **args)
{
  if (args[0] == NULL)
    return sitrep_server_cli_usage_error (_("token: create, revoke or list?"));

  if (g_str_equal (args[0], "--help") || g_str_equal (args[0], "-h"))
    {
      int status;
      g_autoptr(GHashTable) none = sitrep_server_cli_parse (args, NULL, 0, NULL, &status);

      return status;
    }

  if (g_str_equal (args[0], "create"))
    return token_create (args + 1);
  if (g_str_equal (args[0], "revoke"))
    return token_revoke (args + 1);
  if (g_str_equal (args[0], "list"))
    return token_list (args + 1);

  return sitrep_server_cli_usage_error (_("unknown token command “%s”"), args[0]);
}

/**
 * sitrep_server_cli_compact:
 *
 * `sitrep-server compact --db PATH --keep N`
 */
int
sitrep_server_cli_compact (char **args)
{
  static const SitrepServerCliOption options[] = { { "db", TRUE }, { "keep", TRUE } };
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(SitrepServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  const char *keep_text;
  gint64 keep, floor;
  int status;

  values = sitrep_server_cli_parse (args, options, G_N_ELEMENTS (options), NULL, &status);
  if (values == NULL)
    return status;

  keep_text = g_hash_table_lookup (values, "keep");
  if (keep_text == NULL)
    return sitrep_server_cli_usage_error (_("--keep is required"));
  if (!g_ascii_string_to_signed (keep_text, 10, 0, G_MAXINT64, &keep, NULL))
    return sitrep_server_cli_usage_error (_("--keep must be a number of changes (0 or more)"));

  storage = open_db (values, &status);
  if (storage == NULL)
    return status;

  if (!storage->vtable->compact (storage, keep, &floor, &error))
    return sitrep_server_cli_fail ("%s", error->message);

  g_print ("%" G_GINT64_FORMAT "\n", floor);
  return SITREP_SERVER_EXIT_OK;
}

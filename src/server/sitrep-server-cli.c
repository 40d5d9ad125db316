/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-cli.c: the command line of sitrep-server
 *
 * Parsed by hand rather than with GOptionContext, to control the contract
 * of DESIGN.md exactly: a bad argument is one line on stderr starting with
 * "sitrep-server: ", then the usage, and exit status 2.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-server-cli.h"

static const char usage[] =
  "Usage:\n"
  "  sitrep-server serve --db PATH --listen HOST:PORT [--tls-cert FILE --tls-key FILE]\n"
  "                      [--rate-limit N] [--request-timeout SECONDS]\n"
  "                      [--write-timeout SECONDS] [--max-connections N]\n"
  "                      [--max-connections-per-address N] [--verbose]\n"
  "                      [--config FILE]\n"
  "  sitrep-server token create --db PATH --name NAME --role viewer|responder|admin\n"
  "  sitrep-server token revoke --db PATH --name NAME\n"
  "  sitrep-server token list --db PATH\n"
  "  sitrep-server compact --db PATH --keep N\n"
  "  sitrep-server migrate --db PATH\n"
  "  sitrep-server --version\n"
  "  sitrep-server --help\n"
  "\n"
  "serve        answer the Sitrep sync protocol (PROTOCOL.md) over HTTP\n"
  "  --rate-limit N          requests per second per token, bursts of 2N (default 50;\n"
  "                          0: no limit)\n"
  "  --request-timeout S     drop a client that takes longer than S seconds to send\n"
  "                          a request, or keeps a connection idle that long\n"
  "                          (default 30; 0: never)\n"
  "  --write-timeout S       drop a client that reads nothing of its answer for S\n"
  "                          seconds (default 30; 0: never)\n"
  "  --max-connections N     connections open at once; more are closed as they\n"
  "                          come (default 4096; 0: no limit)\n"
  "  --max-connections-per-address N\n"
  "                          the same from one client address (default 256;\n"
  "                          0: no limit); raise it behind a proxy\n"
  "  --verbose               log every request on stderr\n"
  "  --config FILE           deliver pages (PagerDuty Events v2 or a webhook, per\n"
  "                          [team:NAME]) and status page updates ([statuspage])\n"
  "                          as FILE, a key file, configures them; secrets are read\n"
  "                          from the files it names; a wrong file exits with 2\n"
  "token create print a new token; only its hash is stored\n"
  "token revoke refuse a token from now on\n"
  "token list   print NAME ROLE CREATED_AT [revoked], one token a line\n"
  "compact      keep only the last N changes readable; print the new floor\n"
  "migrate      create or update the database's schema; print its version\n"
  "\n"
  "--db PATH is a SQLite file, or a PostgreSQL database: postgres://USER@HOST/DBNAME,\n"
  "postgresql://… or a libpq key=value string (\"host=/run/postgresql dbname=sitrep\").\n"
  "Several serve processes may share one PostgreSQL database.\n";

/**
 * sitrep_server_cli_usage_error:
 *
 * Prints "sitrep-server: <message>" and the usage on stderr.
 *
 * Returns: %SITREP_SERVER_EXIT_USAGE
 */
int
sitrep_server_cli_usage_error (const char *format,
                               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("sitrep-server: %s\n%s", message, usage);
  return SITREP_SERVER_EXIT_USAGE;
}

/**
 * sitrep_server_cli_fail:
 *
 * Prints "sitrep-server: <message>" on stderr.
 *
 * Returns: %SITREP_SERVER_EXIT_FAILURE
 */
int
sitrep_server_cli_fail (const char *format,
                        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("sitrep-server: %s\n", message);
  return SITREP_SERVER_EXIT_FAILURE;
}

static const SitrepServerCliOption *
find_option (const char                  *name,
             gsize                        name_len,
             const SitrepServerCliOption *options,
             gsize                        n_options)
{
  for (gsize i = 0; i < n_options; i++)
    {
      if (strlen (options[i].name) == name_len && strncmp (options[i].name, name, name_len) == 0)
        return &options[i];
    }

  return NULL;
}

/**
 * sitrep_server_cli_parse:
 * @args: %NULL-terminated arguments after the subcommand
 * @positional: (out) (optional): the arguments that are not options
 * @status: (out): the exit status when this returns %NULL
 *
 * Parses `--name value`, `--name=value` and `--flag`. `--help` prints the
 * usage and succeeds with nothing to do (%NULL and exit status 0).
 *
 * Returns: (transfer full) (nullable): option name → value ("" for flags)
 */
GHashTable *
sitrep_server_cli_parse (char                       **args,
                         const SitrepServerCliOption *options,
                         gsize                        n_options,
                         char                      ***positional,
                         int                         *status)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) rest = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; args[i] != NULL; i++)
    {
      const char *arg = args[i];
      const char *eq;
      const SitrepServerCliOption *option;
      gsize name_len;

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          g_print ("%s", usage);
          *status = SITREP_SERVER_EXIT_OK;
          return NULL;
        }

      if (!g_str_has_prefix (arg, "--"))
        {
          g_ptr_array_add (rest, g_strdup (arg));
          continue;
        }

      eq = strchr (arg, '=');
      name_len = eq != NULL ? (gsize) (eq - arg - 2) : strlen (arg) - 2;
      option = find_option (arg + 2, name_len, options, n_options);
      if (option == NULL)
        {
          *status = sitrep_server_cli_usage_error (_("unknown option “%.*s”"),
                                                   (int) name_len + 2, arg);
          return NULL;
        }

      if (g_hash_table_contains (values, option->name))
        {
          *status = sitrep_server_cli_usage_error (_("--%s given twice"), option->name);
          return NULL;
        }

      if (!option->has_value)
        {
          if (eq != NULL)
            {
              *status = sitrep_server_cli_usage_error (_("--%s takes no value"), option->name);
              return NULL;
            }
          g_hash_table_insert (values, g_strdup (option->name), g_strdup (""));
        }
      else if (eq != NULL)
        g_hash_table_insert (values, g_strdup (option->name), g_strdup (eq + 1));
      else if (args[i + 1] != NULL)
        g_hash_table_insert (values, g_strdup (option->name), g_strdup (args[++i]));
      else
        {
          *status = sitrep_server_cli_usage_error (_("--%s needs a value"), option->name);
          return NULL;
        }
    }

  if (positional != NULL)
    {
      g_ptr_array_add (rest, NULL);
      *positional = (char **) g_ptr_array_free (g_steal_pointer (&rest), FALSE);
    }
  else if (rest->len > 0)
    {
      *status = sitrep_server_cli_usage_error (_("unexpected argument “%s”"),
                                               (const char *) rest->pdata[0]);
      return NULL;
    }

  *status = SITREP_SERVER_EXIT_OK;
  return g_steal_pointer (&values);
}

/**
 * sitrep_server_cli_run:
 *
 * Returns: the exit status
 */
int
sitrep_server_cli_run (int    argc,
                       char **argv)
{
  const char *command;

  if (argc < 2)
    return sitrep_server_cli_usage_error (_("no command given"));

  command = argv[1];
  if (g_str_equal (command, "--version"))
    {
      if (argc > 2)
        return sitrep_server_cli_usage_error (_("unexpected argument “%s”"), argv[2]);
      g_print ("sitrep-server %s\n", PACKAGE_VERSION);
      return SITREP_SERVER_EXIT_OK;
    }

  if (g_str_equal (command, "--help") || g_str_equal (command, "-h")
      || g_str_equal (command, "help"))
    {
      g_print ("%s", usage);
      return SITREP_SERVER_EXIT_OK;
    }

  if (g_str_equal (command, "serve"))
    return sitrep_server_cli_serve (argv + 2);
  if (g_str_equal (command, "token"))
    return sitrep_server_cli_token (argv + 2);
  if (g_str_equal (command, "compact"))
    return sitrep_server_cli_compact (argv + 2);
  if (g_str_equal (command, "migrate"))
    return sitrep_server_cli_migrate (argv + 2);

  /* DESIGN.md also writes `sitrep-server --db PATH --listen HOST:PORT`. */
  if (g_str_has_prefix (command, "--"))
    return sitrep_server_cli_serve (argv + 1);
  if (g_str_has_prefix (command, "-"))
    return sitrep_server_cli_usage_error (_("unknown option “%s”"), command);
  return sitrep_server_cli_usage_error (_("unknown command “%s”"), command);
}

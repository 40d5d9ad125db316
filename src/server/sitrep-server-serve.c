/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-serve.c: `sitrep-server serve`
 *
 * Prints "listening on http://HOST:PORT/" once the socket is bound (the
 * real port when 0 was asked for), so whoever started the server can read
 * the line and connect. SIGTERM and SIGINT stop it cleanly: pushes in
 * flight commit and are answered, long-polls get an empty list, the
 * database is closed, and the exit status is 0.
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "sitrep-server.h"
#include "sitrep-server-cli.h"
#include "sitrep-server-config.h"
#include "sitrep-server-delivery.h"
#include "sitrep-server-storage.h"

#define RATE_LIMIT_DEFAULT      50
#define REQUEST_TIMEOUT_DEFAULT 30
#define WRITE_TIMEOUT_DEFAULT   30
/* Below the unit's LimitNOFILE, with room for the database and GLib */
#define MAX_CONNECTIONS_DEFAULT 4096
/* A team's apps behind one NAT fit; a proxy in front needs more */
#define MAX_CONNECTIONS_PER_ADDRESS_DEFAULT 256

typedef struct {
  GMainLoop            *loop;
  SitrepServer         *server;
  SitrepServerDelivery *delivery;   /* with --config only */
  gboolean              stopping;
} Serve;

static gboolean
parse_uint (GHashTable *values,
            const char *name,
            guint       fallback,
            guint      *out)
{
  const char *text = g_hash_table_lookup (values, name);
  guint64 v;

  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT32, &v, NULL))
    return FALSE;

  *out = (guint) v;
  return TRUE;
}

/* HOST:PORT, with [v6]:PORT for IPv6 addresses. */
static gboolean
split_listen (const char  *text,
              char       **host,
              guint       *port)
{
  const char *colon = strrchr (text, ':');
  guint64 p;

  if (colon == NULL || colon == text
      || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &p, NULL))
    return FALSE;

  *host = g_strndup (text, colon - text);
  *port = (guint) p;
  return TRUE;
}

static GInetAddress *
resolve_host (const char  *host,
              GError     **error)
{
  g_autofree char *bare = NULL;
  g_autoptr(GResolver) resolver = NULL;
  GList *addresses;
  GInetAddress *address;

  if (host[0] == '[' && host[strlen (host) - 1] == ']')
    bare = g_strndup (host + 1, strlen (host) - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);
  if (address != NULL)
    return address;

  resolver = g_resolver_get_default ();
  addresses = g_resolver_lookup_by_name (resolver, bare, NULL, error);
  if (addresses == NULL)
    return NULL;

  address = g_object_ref (addresses->data);
  g_resolver_free_addresses (addresses);
  return address;
}

static void
shutdown_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Serve *serve = user_data;
  g_autoptr(GError) error = NULL;

  if (!sitrep_server_shutdown_finish (SITREP_SERVER (source), result, &error))
    g_printerr ("sitrep-server: %s\n", error->message);

  g_main_loop_quit (serve->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  Serve *serve = user_data;

  if (!serve->stopping)
    {
      serve->stopping = TRUE;
      g_printerr ("sitrep-server: stopping\n");
      if (serve->delivery != NULL)
        sitrep_server_delivery_stop (serve->delivery);
      sitrep_server_shutdown_async (serve->server, shutdown_done_cb, serve);
    }

  return G_SOURCE_CONTINUE;
}

/**
 * sitrep_server_cli_serve:
 *
 * `sitrep-server serve --db PATH --listen HOST:PORT [--config FILE] …`
 *
 * With --config, the server also delivers pages and status page updates
 * through the providers the file names (sitrep-server-config.c); a file
 * that is not right is a usage error (exit status 2) naming the file, the
 * group and the key.
 */
int
sitrep_server_cli_serve (char **args)
{
  static const SitrepServerCliOption options[] = {
    { "db", TRUE }, { "listen", TRUE }, { "tls-cert", TRUE }, { "tls-key", TRUE },
    { "rate-limit", TRUE }, { "request-timeout", TRUE }, { "write-timeout", TRUE },
    { "max-connections", TRUE }, { "max-connections-per-address", TRUE },
    { "verbose", FALSE }, { "config", TRUE },
  };
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(SitrepServerStorage) storage = NULL;
  g_autoptr(SitrepServerConfig) config = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *shown = NULL;
  SitrepServerOptions server_options = { 0 };
  const char *db, *listen, *cert_file, *key_file, *config_file;
  Serve serve = { NULL, NULL, NULL, FALSE };
  guint port, bound_port, sigterm_id, sigint_id;
  int status;

  values = sitrep_server_cli_parse (args, options, G_N_ELEMENTS (options), NULL, &status);
  if (values == NULL)
    return status;

  db = g_hash_table_lookup (values, "db");
  listen = g_hash_table_lookup (values, "listen");
  cert_file = g_hash_table_lookup (values, "tls-cert");
  key_file = g_hash_table_lookup (values, "tls-key");
  config_file = g_hash_table_lookup (values, "config");

  if (db == NULL || *db == '\0')
    return sitrep_server_cli_usage_error (_("--db is required"));
  if (listen == NULL)
    return sitrep_server_cli_usage_error (_("--listen is required"));
  if (!split_listen (listen, &host, &port))
    return sitrep_server_cli_usage_error (_("--listen must be HOST:PORT, not “%s”"), listen);
  if ((cert_file == NULL) != (key_file == NULL))
    return sitrep_server_cli_usage_error (_("--tls-cert and --tls-key go together"));
  if (!parse_uint (values, "rate-limit", RATE_LIMIT_DEFAULT, &server_options.rate_limit))
    return sitrep_server_cli_usage_error (_("--rate-limit must be a whole number"));
  if (!parse_uint (values, "request-timeout", REQUEST_TIMEOUT_DEFAULT,
                   &server_options.request_timeout))
    return sitrep_server_cli_usage_error (_("--request-timeout must be a whole number of "
                                            "seconds"));
  if (!parse_uint (values, "write-timeout", WRITE_TIMEOUT_DEFAULT,
                   &server_options.write_timeout))
    return sitrep_server_cli_usage_error (_("--write-timeout must be a whole number of "
                                            "seconds"));
  if (!parse_uint (values, "max-connections", MAX_CONNECTIONS_DEFAULT,
                   &server_options.max_connections))
    return sitrep_server_cli_usage_error (_("--max-connections must be a whole number"));
  if (!parse_uint (values, "max-connections-per-address", MAX_CONNECTIONS_PER_ADDRESS_DEFAULT,
                   &server_options.max_connections_per_address))
    return sitrep_server_cli_usage_error (_("--max-connections-per-address must be a whole "
                                            "number"));
  server_options.verbose = g_hash_table_contains (values, "verbose");

  if (config_file != NULL)
    {
      if (*config_file == '\0')
        return sitrep_server_cli_usage_error (_("--config needs a file"));
      config = sitrep_server_config_load (config_file, &error);
      if (config == NULL)
        {
          /* The message names the file, group and key; the usage would
           * only bury it. */
          g_printerr ("sitrep-server: %s\n", error->message);
          return SITREP_SERVER_EXIT_USAGE;
        }
    }

  inet = resolve_host (host, &error);
  if (inet == NULL)
    return sitrep_server_cli_fail (_("cannot listen on %s: %s"), host, error->message);
  address = g_inet_socket_address_new (inet, port);

  if (cert_file != NULL)
    {
      certificate = g_tls_certificate_new_from_files (cert_file, key_file, &error);
      if (certificate == NULL)
        return sitrep_server_cli_fail (_("cannot read the TLS certificate: %s"), error->message);
    }

  storage = sitrep_server_storage_open (db, &error);
  if (storage == NULL)
    {
      shown = sitrep_server_storage_display_name (db);
      return sitrep_server_cli_fail (_("cannot open %s: %s"), shown, error->message);
    }

  /* A client that goes away must not kill us; GIO reports EPIPE instead. */
  signal (SIGPIPE, SIG_IGN);

  loop = g_main_loop_new (NULL, FALSE);
  serve.loop = loop;
  serve.server = sitrep_server_new (storage, &server_options);
  /* Before the line below tells anyone that we run: a SIGTERM sent right
   * after reading it must find the handler in place. */
  sigterm_id = g_unix_signal_add (SIGTERM, on_signal, &serve);
  sigint_id = g_unix_signal_add (SIGINT, on_signal, &serve);

  if (!sitrep_server_listen (serve.server, address, certificate, &bound_port, &error))
    {
      g_source_remove (sigterm_id);
      g_source_remove (sigint_id);
      g_clear_object (&serve.server);
      return sitrep_server_cli_fail (_("cannot listen on %s: %s"), listen, error->message);
    }

  if (config != NULL)
    {
      serve.delivery = sitrep_server_delivery_new (serve.server, storage, config);
      if (!sitrep_server_delivery_start (serve.delivery, &error))
        {
          g_source_remove (sigterm_id);
          g_source_remove (sigint_id);
          g_clear_object (&serve.delivery);
          g_clear_object (&serve.server);
          return sitrep_server_cli_fail (_("cannot read what is left to deliver: %s"),
                                         error->message);
        }
    }

  g_print ("listening on %s://%s:%u/\n", certificate != NULL ? "https" : "http", host,
           bound_port);
  fflush (stdout);

  g_main_loop_run (loop);

  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);
  g_clear_object (&serve.delivery);
  g_clear_object (&serve.server);
  /* storage closes with its autoptr: the WAL is checkpointed */
  return SITREP_SERVER_EXIT_OK;
}

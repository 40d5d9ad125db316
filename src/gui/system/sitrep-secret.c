/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-secret"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "sitrep-secret.h"

/* Server tokens live in the keyring, one per server URL, never in
 * GSettings or a file. */

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    APPLICATION_ID ".Token", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/**
 * sitrep_secret_store_token_async:
 *
 * Keeps @token for @server_url in the keyring.
 */
void
sitrep_secret_store_token_async (const char          *server_url,
                                 const char          *token,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *label = g_strdup_printf (_("Sitrep token for %s"), server_url);

  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, token, cancellable,
                         callback, user_data, "server", server_url, NULL);
}

gboolean
sitrep_secret_store_token_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return secret_password_store_finish (result, error);
}

/**
 * sitrep_secret_lookup_token_async:
 *
 * Finds the token kept for @server_url.
 */
void
sitrep_secret_lookup_token_async (const char          *server_url,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  secret_password_lookup (token_schema (), cancellable, callback, user_data,
                          "server", server_url, NULL);
}

/**
 * sitrep_secret_lookup_token_finish:
 *
 * Returns: (transfer full) (nullable): the token, %NULL when none is kept
 *   (with @error set when the keyring could not be asked)
 */
char *
sitrep_secret_lookup_token_finish (GAsyncResult  *result,
                                   GError       **error)
{
  char *password = secret_password_lookup_finish (result, error);
  char *token = g_strdup (password);

  secret_password_free (password);
  return token;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-auth.c: tokens, roles and the per-token rate limit
 *
 * A token is 24 bytes from the kernel's CSPRNG (getrandom), written in
 * base64url: 32 characters, 192 bits. The database keeps only its SHA-256,
 * so a stolen database file lets no one in.
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "sitrep-server-auth.h"

#define TOKEN_BYTES 24
#define TOKEN_NAME_MAX 64

/* Buckets idle this long are full again and can be forgotten. */
#define BUCKET_IDLE_USEC (10 * G_USEC_PER_SEC)

struct _SitrepServerRateLimiter {
  double      rate;       /* tokens per second */
  double      burst;
  GHashTable *buckets;    /* key → Bucket */
  gint64      last_sweep;
};

typedef struct {
  double level;
  gint64 updated;
} Bucket;

/**
 * sitrep_server_role_from_string:
 *
 * Returns: the role named @text, or %SITREP_SERVER_ROLE_NONE
 */
SitrepServerRole
sitrep_server_role_from_string (const char *text)
{
  if (g_strcmp0 (text, "viewer") == 0)
    return SITREP_SERVER_ROLE_VIEWER;
  if (g_strcmp0 (text, "responder") == 0)
    return SITREP_SERVER_ROLE_RESPONDER;
  if (g_strcmp0 (text, "admin") == 0)
    return SITREP_SERVER_ROLE_ADMIN;
  return SITREP_SERVER_ROLE_NONE;
}

/**
 * sitrep_server_token_name_is_valid:
 *
 * Token names become the `actor` of changes and a column of `token list`:
 * 1 to 64 printable ASCII characters without spaces.
 */
gboolean
sitrep_server_token_name_is_valid (const char *name)
{
  gsize len;

  if (name == NULL)
    return FALSE;

  len = strlen (name);
  if (len == 0 || len > TOKEN_NAME_MAX)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isgraph (name[i]))
        return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_server_token_generate:
 *
 * Returns: (transfer full) (nullable): a new random token, or %NULL with
 *   @error set when the system has no randomness to give
 */
char *
sitrep_server_token_generate (GError **error)
{
  guchar bytes[TOKEN_BYTES];
  gsize filled = 0;
  g_autofree char *text = NULL;

  while (filled < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + filled, sizeof bytes - filled, 0);

      if (n < 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("No random bytes: %s"), g_strerror (saved));
          return NULL;
        }
      filled += (gsize) n;
    }

  text = g_base64_encode (bytes, sizeof bytes);
  memset (bytes, 0, sizeof bytes);

  /* base64url: 24 bytes encode to 32 characters with no padding. */
  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
    }

  return g_steal_pointer (&text);
}

/**
 * sitrep_server_token_hash:
 *
 * Returns: (transfer full): the SHA-256 of @token, in hexadecimal
 */
char *
sitrep_server_token_hash (const char *token)
{
  g_return_val_if_fail (token != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

/**
 * sitrep_server_bearer_token:
 * @authorization: (nullable): the Authorization header
 *
 * Returns: (transfer full) (nullable): the token of a `Bearer` header
 */
char *
sitrep_server_bearer_token (const char *authorization)
{
  const char *p;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return NULL;

  p = authorization + 7;
  while (*p == ' ')
    p++;
  if (*p == '\0')
    return NULL;

  return g_strstrip (g_strdup (p));
}

/**
 * sitrep_server_rate_limiter_new:
 * @per_second: the sustained rate; 0 turns limiting off
 *
 * A token bucket per key, refilled at @per_second and holding twice as
 * much, so a client that was quiet may burst.
 */
SitrepServerRateLimiter *
sitrep_server_rate_limiter_new (guint per_second)
{
  SitrepServerRateLimiter *self = g_new0 (SitrepServerRateLimiter, 1);

  self->rate = per_second;
  self->burst = 2.0 * per_second;
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->last_sweep = g_get_monotonic_time ();
  return self;
}

void
sitrep_server_rate_limiter_free (SitrepServerRateLimiter *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->buckets);
  g_free (self);
}

static void
sweep (SitrepServerRateLimiter *self,
       gint64                   now)
{
  GHashTableIter iter;
  Bucket *bucket;

  if (now - self->last_sweep < BUCKET_IDLE_USEC)
    return;

  self->last_sweep = now;
  g_hash_table_iter_init (&iter, self->buckets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &bucket))
    {
      if (now - bucket->updated > BUCKET_IDLE_USEC)
        g_hash_table_iter_remove (&iter);
    }
}

/**
 * sitrep_server_rate_limiter_take:
 * @retry_after: (out): seconds until a request would be allowed
 *
 * Returns: %TRUE if the request of @key may go ahead
 */
gboolean
sitrep_server_rate_limiter_take (SitrepServerRateLimiter *self,
                                 const char              *key,
                                 guint                   *retry_after)
{
  gint64 now = g_get_monotonic_time ();
  Bucket *bucket;

  *retry_after = 0;
  if (self->rate <= 0)
    return TRUE;

  sweep (self, now);

  bucket = g_hash_table_lookup (self->buckets, key);
  if (bucket == NULL)
    {
      bucket = g_new0 (Bucket, 1);
      bucket->level = self->burst;
      bucket->updated = now;
      g_hash_table_insert (self->buckets, g_strdup (key), bucket);
    }

  bucket->level = MIN (self->burst,
                       bucket->level + self->rate * (double) (now - bucket->updated)
                                       / G_USEC_PER_SEC);
  bucket->updated = now;

  if (bucket->level >= 1.0)
    {
      bucket->level -= 1.0;
      return TRUE;
    }

  *retry_after = MAX (1, (guint) ((1.0 - bucket->level) / self->rate + 0.999));
  return FALSE;
}

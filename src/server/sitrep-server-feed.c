/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-feed.c: GET /v1/changes (with long-poll) and GET /v1/snapshot
 *
 * Both read on the main thread. A long-poll that finds nothing newer than
 * `since` pauses its message and waits in a list; every commit of the
 * writer wakes the list on the main thread after the commit returned, and
 * a waiter registers right after its own read on that same thread, so no
 * commit can slip between the read and the wait unseen.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-protocol-feed.h"
#include "sitrep-protocol-scan.h"
#include "sitrep-server-private.h"

#define LIMIT_DEFAULT 500
#define LIMIT_MAX     1000
/* A page holds at most this much of record bodies (and always at least
 * one change), well under what a client reads of one answer (64 MiB):
 * 1000 changes of large records would not fit. */
#define PAGE_MAX_BYTES (8 * 1024 * 1024)
#define WAIT_MAX      60

/* How often a held long-poll checks that its token still holds: `token
 * revoke` writes the database from another process, which tells nobody. */
#define TOKEN_CHECK_MS 250

typedef struct {
  SitrepServer      *server;
  SoupServerMessage *msg;
  char              *token_hash;
  gint64             since;
  guint              limit;
  guint              timeout_id;
  guint              check_id;
} Waiter;

/* Roughly what a change takes in a page; the body is sent as stored. */
static gsize
change_size (const SitrepProtocolChange *c)
{
  return 256 + strlen (c->coll) + strlen (c->id) + (c->body != NULL ? strlen (c->body) : 0)
         + (c->actor != NULL ? strlen (c->actor) : 0);
}

/* Ends the page before the change that would take it over
 * PAGE_MAX_BYTES; returns whether any were left for the next page. */
static gboolean
cap_page (GPtrArray *changes)
{
  gsize total = 0;

  for (guint i = 0; i < changes->len; i++)
    {
      total += change_size (g_ptr_array_index (changes, i));
      if (i > 0 && total > PAGE_MAX_BYTES)
        {
          g_ptr_array_set_size (changes, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* Reads and answers; returns FALSE, answering nothing, when there is
 * nothing to answer yet and @may_wait. */
static gboolean
answer_changes (SitrepServer      *self,
                SoupServerMessage *msg,
                gint64             since,
                guint              limit,
                gboolean           may_wait)
{
  SitrepServerStorage *storage = _sitrep_server_get_storage (self);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean more = FALSE;
  gint64 floor = 0;

  if (!storage->vtable->read_changes (storage, since, limit, &changes, &more, &floor, &error))
    {
      _sitrep_server_respond_storage_error (msg, error);
      return TRUE;
    }

  if (since < floor)
    {
      g_autofree char *message =
        g_strdup_printf (_("Changes up to %lld were compacted; "
                           "read the snapshot"), (long long) floor);

      _sitrep_server_respond_error (msg, SOUP_STATUS_GONE, SITREP_PROTOCOL_GONE, message);
      return TRUE;
    }

  if (changes->len == 0 && may_wait)
    return FALSE;

  if (cap_page (changes))
    more = TRUE;

  _sitrep_server_respond_json (msg, SOUP_STATUS_OK,
                               sitrep_protocol_changes_build (changes, since, more));
  return TRUE;
}

static void
waiter_free (Waiter *w)
{
  g_clear_handle_id (&w->timeout_id, g_source_remove);
  g_clear_handle_id (&w->check_id, g_source_remove);
  g_object_unref (w->msg);
  g_free (w->token_hash);
  g_free (w);
}

/* Whether the token that started the long-poll is still valid; a database
 * busy for the moment leaves it to the next check. */
static gboolean
waiter_token_holds (Waiter *w)
{
  SitrepServerStorage *storage = _sitrep_server_get_storage (w->server);
  g_autoptr(SitrepServerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  if (w->token_hash == NULL)
    return FALSE;
  if (!storage->vtable->lookup_token (storage, w->token_hash, &token, &error))
    return TRUE;
  return token != NULL && token->revoked_at == NULL;
}

static void
waiter_answer_revoked (Waiter *w)
{
  _sitrep_server_respond_error (w->msg, SOUP_STATUS_UNAUTHORIZED, SITREP_PROTOCOL_UNAUTHORIZED,
                                _("This token was revoked"));
}

static gboolean
waiter_check_cb (gpointer user_data)
{
  Waiter *w = user_data;

  if (waiter_token_holds (w))
    return G_SOURCE_CONTINUE;

  w->check_id = 0;
  g_ptr_array_remove_fast (_sitrep_server_get_waiters (w->server), w);
  waiter_answer_revoked (w);
  soup_server_message_unpause (w->msg);
  waiter_free (w);
  return G_SOURCE_REMOVE;
}

static void
waiter_answer_empty (Waiter *w)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  _sitrep_server_respond_json (w->msg, SOUP_STATUS_OK,
                               sitrep_protocol_changes_build (none, w->since, FALSE));
}

static gboolean
waiter_timeout_cb (gpointer user_data)
{
  Waiter *w = user_data;
  GPtrArray *waiters = _sitrep_server_get_waiters (w->server);

  w->timeout_id = 0;
  g_ptr_array_remove_fast (waiters, w);

  /* A commit may have come in the meantime: answer with what there is. */
  if (!waiter_token_holds (w))
    waiter_answer_revoked (w);
  else if (!answer_changes (w->server, w->msg, w->since, w->limit, FALSE))
    waiter_answer_empty (w);
  soup_server_message_unpause (w->msg);
  waiter_free (w);
  return G_SOURCE_REMOVE;
}

/**
 * _sitrep_server_wake_waiters:
 * @stopping: answer every waiter, with an empty list if need be
 *
 * Answers the long-polls that now have changes to read.
 */
void
_sitrep_server_wake_waiters (SitrepServer *self,
                             gboolean      stopping)
{
  GPtrArray *waiters = _sitrep_server_get_waiters (self);

  for (guint i = 0; i < waiters->len;)
    {
      Waiter *w = g_ptr_array_index (waiters, i);

      if (stopping)
        waiter_answer_empty (w);
      else if (!waiter_token_holds (w))
        waiter_answer_revoked (w);
      else if (!answer_changes (self, w->msg, w->since, w->limit, TRUE))
        {
          i++;
          continue;
        }

      g_ptr_array_remove_index_fast (waiters, i);
      soup_server_message_unpause (w->msg);
      waiter_free (w);
    }
}

/**
 * _sitrep_server_forget_waiter:
 *
 * Drops the long-poll of @msg, whose client went away, answering nothing.
 */
void
_sitrep_server_forget_waiter (SitrepServer      *self,
                              SoupServerMessage *msg)
{
  GPtrArray *waiters = _sitrep_server_get_waiters (self);

  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *w = g_ptr_array_index (waiters, i);

      if (w->msg == msg)
        {
          g_ptr_array_remove_index_fast (waiters, i);
          waiter_free (w);
          return;
        }
    }
}

static gboolean
parse_param (GHashTable  *query,
             const char  *name,
             gboolean     required,
             gint64       min,
             gint64       max,
             gint64       fallback,
             gint64      *out,
             char       **problem)
{
  const char *text = query != NULL ? g_hash_table_lookup (query, name) : NULL;

  if (text == NULL)
    {
      if (required)
        {
          *problem = g_strdup_printf (_("%s: required"), name);
          return FALSE;
        }
      *out = fallback;
      return TRUE;
    }

  if (!g_ascii_string_to_signed (text, 10, min, max, out, NULL))
    {
      if (max == G_MAXINT64)
        *problem = g_strdup_printf (_("%s: must be an integer of at least %lld"),
                                    name, (long long) min);
      else
        *problem = g_strdup_printf (_("%s: must be an integer from %lld to %lld"),
                                    name, (long long) min, (long long) max);
      return FALSE;
    }

  return TRUE;
}

/**
 * _sitrep_server_handle_changes:
 *
 * `GET /v1/changes?since=S&limit=L&wait=W`. `since` is required; `wait`
 * is 0 to 60; a `limit` above 1000 is lowered to 1000.
 */
void
_sitrep_server_handle_changes (SitrepServer      *self,
                               SoupServerMessage *msg,
                               GHashTable        *query)
{
  g_autofree char *problem = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  GUri *uri = soup_server_message_get_uri (msg);
  gint64 since, limit, wait;
  Waiter *w;

  /* libsoup's own decoding cuts a value at a %00; read the query as sent. */
  params = sitrep_protocol_parse_query (uri != NULL ? g_uri_get_query (uri) : NULL, &error);
  if (params == NULL)
    {
      _sitrep_server_respond_error (msg, SOUP_STATUS_BAD_REQUEST, SITREP_PROTOCOL_BAD_REQUEST,
                                    error->message);
      return;
    }
  query = params;

  if (!parse_param (query, "since", TRUE, 0, G_MAXINT64, 0, &since, &problem)
      || !parse_param (query, "limit", FALSE, 1, G_MAXINT64, LIMIT_DEFAULT, &limit, &problem)
      || !parse_param (query, "wait", FALSE, 0, WAIT_MAX, 0, &wait, &problem))
    {
      _sitrep_server_respond_error (msg, SOUP_STATUS_BAD_REQUEST, SITREP_PROTOCOL_BAD_REQUEST,
                                    problem);
      return;
    }

  limit = MIN (limit, LIMIT_MAX);

  if (answer_changes (self, msg, since, (guint) limit,
                      wait > 0 && !_sitrep_server_is_stopping (self)))
    return;

  w = g_new0 (Waiter, 1);
  w->server = self;
  w->msg = g_object_ref (msg);
  w->since = since;
  w->limit = (guint) limit;
  secret = sitrep_server_bearer_token (
    soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                  "Authorization"));
  w->token_hash = secret != NULL ? sitrep_server_token_hash (secret) : NULL;
  w->timeout_id = g_timeout_add ((guint) wait * 1000, waiter_timeout_cb, w);
  w->check_id = g_timeout_add (TOKEN_CHECK_MS, waiter_check_cb, w);
  g_ptr_array_add (_sitrep_server_get_waiters (self), w);
  soup_server_message_pause (msg);
}

static void
append_snapshot_record (const SitrepServerRecord *record,
                        gpointer                  user_data)
{
  sitrep_protocol_snapshot_add (user_data, record);
}

/**
 * _sitrep_server_handle_snapshot:
 *
 * `GET /v1/snapshot`: every live record and the seq they are current at,
 * read in one transaction.
 */
void
_sitrep_server_handle_snapshot (SitrepServer      *self,
                                SoupServerMessage *msg)
{
  SitrepServerStorage *storage = _sitrep_server_get_storage (self);
  GString *records = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 seq = 0;
  char *json;

  if (!storage->vtable->snapshot (storage, &seq, append_snapshot_record, records, &error))
    {
      g_string_free (records, TRUE);
      _sitrep_server_respond_storage_error (msg, error);
      return;
    }

  json = sitrep_protocol_snapshot_build (seq, records);
  _sitrep_server_respond_json (msg, SOUP_STATUS_OK, json);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-sync-engine-loops.c: the push and pull loops of the sync engine
 *
 * The push loop sends the outbox in mid order, one push in flight at a
 * time; the pull loop keeps one long-poll of the change feed open (after a
 * snapshot on first contact, or when the feed was compacted past us). Each
 * loop backs off on its own after a failure; the store does the merging
 * (sitrep-store-outbox.c, sitrep-store-feed.c), so answers may arrive in
 * any order.
 */

#define G_LOG_DOMAIN "sitrep-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-sync-engine-private.h"

#define PUSH_BATCH         100
#define PUSH_MAX_BYTES     (240 * 1024)   /* under the server's 256 KiB */
#define LONG_POLL_WAIT_S   25
#define BACKOFF_FIRST_MS   500
#define BACKOFF_MAX_MS     30000
#define RETRY_AFTER_MAX_S  600
/* An empty long-poll answered sooner than this is not re-issued at once,
 * so a server that does not hold the request cannot make us spin. */
#define LONG_POLL_MIN_US   (1 * G_USEC_PER_SEC)
/* libsoup 3.2 has no name for it. */
#define STATUS_TOO_MANY_REQUESTS 429

/* How a request failed, which decides the state and the retry. */
typedef enum
{
  FAILURE_UNREACHABLE,  /* no answer: offline; retried at once when the other loop gets through */
  FAILURE_BROKEN,       /* a 5xx, or an answer not in the protocol: offline, backoff */
  FAILURE_REFUSED,      /* the server understood and said no (400, 409, 413, 429): backoff */
} Failure;

static void pull_schedule (SitrepSyncEngine *self);

/* A request in flight. The engine is borrowed, not referenced: dispose
 * cancels every request, and a cancelled one never touches it. */
typedef struct
{
  SitrepSyncEngine *self;
  GCancellable     *cancellable;
  GPtrArray        *mutations;   /* a push's, in mid order */
  gint64            since;       /* a pull's */
  guint             limit;       /* a pull of changes' */
  gint64            started_us;
} Call;

static Call *
call_new (SitrepSyncEngine *self,
          GCancellable     *cancellable)
{
  Call *call = g_new0 (Call, 1);

  call->self = self;
  call->cancellable = g_object_ref (cancellable);
  call->started_us = g_get_monotonic_time ();
  return call;
}

static void
call_free (Call *call)
{
  g_clear_object (&call->cancellable);
  g_clear_pointer (&call->mutations, g_ptr_array_unref);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

/* State */

/* Each loop has its own error; last-error shows the newest failure of a
 * loop that still fails, and NULL once both work. */
static void
set_loop_error (SitrepSyncEngine  *self,
                char             **slot,
                const char        *text)
{
  char **other = slot == &self->push_error ? &self->pull_error : &self->push_error;

  if (text != NULL)
    g_debug ("%s: %s", slot == &self->push_error ? "push" : "pull", text);

  g_free (*slot);
  *slot = g_strdup (text);
  _sitrep_sync_engine_set_last_error (self, text != NULL ? text : *other);
}

static gboolean
can_talk (SitrepSyncEngine *self)
{
  return self->running && self->base_url != NULL && !self->unauthorized;
}

static guint
backoff_ms (guint  failures,
            gint64 retry_after)
{
  double delay = BACKOFF_FIRST_MS;

  for (guint i = 1; i < failures && delay < BACKOFF_MAX_MS; i++)
    delay *= 2;
  delay = MIN (delay, BACKOFF_MAX_MS) * g_random_double_range (0.8, 1.2);

  if (retry_after >= 0)
    delay = MAX (delay, (double) MIN (retry_after, RETRY_AFTER_MAX_S) * 1000.0);

  return (guint) delay;
}

/* The server answered as the protocol says: we are online. Coming back
 * from offline, a loop that could not reach the server need not wait for
 * its backoff to end. */
static void
went_online (SitrepSyncEngine *self)
{
  gboolean was_offline = self->state == SITREP_SYNC_OFFLINE;

  /* A viewer's token is online too: it reads; read-only says the rest. */
  _sitrep_sync_engine_set_state (self, SITREP_SYNC_ONLINE);
  if (!was_offline)
    return;

  if (self->push_retry_id != 0 && self->push_unreachable)
    {
      g_clear_handle_id (&self->push_retry_id, g_source_remove);
      _sitrep_sync_engine_push (self);
    }
  if (self->pull_retry_id != 0 && self->pull_unreachable)
    {
      g_clear_handle_id (&self->pull_retry_id, g_source_remove);
      pull_schedule (self);
    }
}

static void
went_offline (SitrepSyncEngine *self)
{
  if (self->state != SITREP_SYNC_UNAUTHORIZED)
    _sitrep_sync_engine_set_state (self, SITREP_SYNC_OFFLINE);
}

static Failure
failure_of (const GError *error)
{
  /* Our own errors are about an answer that came: it was not readable. */
  return error->domain == SITREP_SYNC_ERROR ? FAILURE_BROKEN : FAILURE_UNREACHABLE;
}

/* Cancels what is in flight and every timer; the flags stay. */
void
_sitrep_sync_engine_halt (SitrepSyncEngine *self)
{
  if (self->push_cancellable != NULL)
    g_cancellable_cancel (self->push_cancellable);
  if (self->pull_cancellable != NULL)
    g_cancellable_cancel (self->pull_cancellable);
  self->generation++;
  g_clear_object (&self->push_cancellable);
  g_clear_object (&self->pull_cancellable);
  g_clear_handle_id (&self->push_retry_id, g_source_remove);
  g_clear_handle_id (&self->pull_retry_id, g_source_remove);
}

static void
refused (SitrepSyncEngine *self,
         char            **slot,
         const char       *text)
{
  self->unauthorized = TRUE;
  _sitrep_sync_engine_halt (self);
  set_loop_error (self, slot, text);
  _sitrep_sync_engine_set_state (self, SITREP_SYNC_UNAUTHORIZED);
}

/* First contact with this server, or it was never fully read: start from
 * a snapshot rather than the feed. */
static gboolean
needs_snapshot (SitrepSyncEngine *self)
{
  g_autofree char *server = sitrep_store_dup_sync_state (self->store, "server");
  g_autofree char *snapshot = sitrep_store_dup_sync_state (self->store, "snapshot");

  if (g_strcmp0 (server, self->base_url) != 0)
    return TRUE;
  return sitrep_store_get_last_seq (self->store) == 0 && g_strcmp0 (snapshot, self->base_url) != 0;
}

/* Starts both loops afresh, from the state the store remembers. */
void
_sitrep_sync_engine_kick (SitrepSyncEngine *self)
{
  if (!self->running)
    return;
  if (self->base_url == NULL)
    {
      _sitrep_sync_engine_set_state (self, SITREP_SYNC_OFFLINE);
      return;
    }
  if (self->unauthorized)
    {
      _sitrep_sync_engine_set_state (self, SITREP_SYNC_UNAUTHORIZED);
      return;
    }

  self->need_snapshot = needs_snapshot (self);
  _sitrep_sync_engine_set_state (self, SITREP_SYNC_CONNECTING);
  pull_schedule (self);
  _sitrep_sync_engine_push (self);
}

/* Push */

static gboolean
push_retry_cb (gpointer user_data)
{
  SitrepSyncEngine *self = user_data;

  self->push_retry_id = 0;
  _sitrep_sync_engine_push (self);
  return G_SOURCE_REMOVE;
}

static void
push_failed (SitrepSyncEngine *self,
             const char       *text,
             gint64            retry_after,
             Failure           failure)
{
  guint delay;

  self->push_failures++;
  self->push_unreachable = failure == FAILURE_UNREACHABLE;
  delay = backoff_ms (self->push_failures, retry_after);
  set_loop_error (self, &self->push_error, text);
  if (failure != FAILURE_REFUSED)
    went_offline (self);

  g_debug ("push failed %u times, next try in %u ms", self->push_failures, delay);
  g_clear_handle_id (&self->push_retry_id, g_source_remove);
  self->push_retry_id = g_timeout_add (delay, push_retry_cb, self);
}

/* The pending edits of a token the server will never take edits from
 * leave the outbox as refused, text and all, rather than wait forever. */
static void
settle_forbidden (SitrepSyncEngine *self)
{
  g_autoptr(GError) error = NULL;
  guint n_refused = 0;

  if (sitrep_store_get_pending (self->store) == 0)
    return;

  if (!sitrep_store_outbox_refuse_all (self->store,
                                       _("The server lets this token view incidents, not edit "
                                         "them: the edit was not saved"),
                                       &n_refused, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not settle the refused edits: %s"),
                                               error->message);

      set_loop_error (self, &self->push_error, text);
      return;
    }
  g_message ("The server refuses this token's edits: %u pending edits were not saved",
             n_refused);
  _sitrep_sync_engine_edits_refused (self, n_refused);
}

/* 403 on a push: either the client_id is another token's (after the token
 * was changed: start over as a new client, once), or this token may not
 * edit at all (a viewer's). Reading goes on either way. */
static void
push_forbidden (SitrepSyncEngine *self,
                const char       *described)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!self->forbidden_retried)
    {
      self->forbidden_retried = TRUE;
      if (sitrep_store_reset_client (self->store, &error))
        {
          g_debug ("push forbidden (%s): trying again as a new client", described);
          _sitrep_sync_engine_push (self);
          return;
        }
      g_warning ("Could not start over as a new client: %s", error->message);
      g_clear_error (&error);
    }

  text = g_strdup_printf (_("This token may view but not edit: %s"), described);
  g_debug ("push: %s", text);
  self->role_checked = TRUE;
  _sitrep_sync_engine_set_read_only (self, TRUE);
  settle_forbidden (self);
}

static void
push_answered (SitrepSyncEngine *self,
               Call             *call,
               SitrepSyncAnswer *answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) results = NULL;
  g_autofree char *described = _sitrep_sync_answer_describe (answer);
  g_autofree char *text = NULL;
  guint generation = self->generation;
  gint64 expected = 0;

  switch (answer->status)
    {
    case SOUP_STATUS_OK:
      results = _sitrep_sync_parse_push (answer->json, call->mutations, &error);
      if (results == NULL)
        {
          text = g_strdup_printf (_("Could not send the edits: %s"), error->message);
          push_failed (self, text, -1, FAILURE_BROKEN);
          return;
        }
      if (!sitrep_store_outbox_ack (self->store, (SitrepPushResult *) (gpointer) results->data,
                                    results->len, &error))
        {
          text = g_strdup_printf (_("Could not save the server’s answer: %s"), error->message);
          push_failed (self, text, -1, FAILURE_REFUSED);
          return;
        }
      /* A handler of the store's signals may have stopped or restarted us. */
      if (generation != self->generation)
        return;
      self->push_failures = 0;
      self->push_unreachable = FALSE;
      self->role_checked = TRUE;
      self->forbidden_retried = FALSE;
      set_loop_error (self, &self->push_error, NULL);
      went_online (self);
      _sitrep_sync_engine_push (self);
      return;

    case SOUP_STATUS_UNAUTHORIZED:
      text = g_strdup_printf (_("The server does not accept this token: %s"), described);
      refused (self, &self->push_error, text);
      return;

    case SOUP_STATUS_FORBIDDEN:
      push_forbidden (self, described);
      return;

    case SOUP_STATUS_CONFLICT:
      if (call->mutations->len == 0)
        {
          text = g_strdup_printf (_("The server refused the edits: %s"), described);
          push_failed (self, text, answer->retry_after, FAILURE_REFUSED);
          return;
        }
      if (answer->json != NULL && json_object_has_member (answer->json, "expected"))
        {
          JsonNode *node = json_object_get_member (answer->json, "expected");

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
            expected = json_node_get_int (node);
        }
      /* The client numbers its edits without gaps, so a server expecting
       * a lower mid has lost this client (another server, or one restored
       * from a backup): start over as a new client, whose numbers it can't
       * confuse with answers it still keeps under the old id. */
      if (expected >= 1 &&
          expected < ((SitrepMutation *) g_ptr_array_index (call->mutations, 0))->mid)
        {
          if (sitrep_store_reset_client (self->store, &error))
            {
              g_message ("The server expects mid %" G_GINT64_FORMAT " next: sending the "
                         "pending edits as a new client", expected);
              _sitrep_sync_engine_push (self);
              return;
            }
          g_warning ("Could not renumber the outbox: %s", error->message);
        }
      else
        g_warning ("The server expects mid %" G_GINT64_FORMAT " of client %s next, the outbox "
                   "starts at %" G_GINT64_FORMAT, expected,
                   sitrep_store_get_client_id (self->store),
                   ((SitrepMutation *) g_ptr_array_index (call->mutations, 0))->mid);
      text = g_strdup_printf (_("The server is missing earlier edits of this computer: %s"),
                              described);
      push_failed (self, text, answer->retry_after, FAILURE_REFUSED);
      return;

    case SOUP_STATUS_BAD_REQUEST:
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
    case STATUS_TOO_MANY_REQUESTS:
      text = g_strdup_printf (_("The server refused the edits: %s"), described);
      push_failed (self, text, answer->retry_after, FAILURE_REFUSED);
      return;

    default:
      text = g_strdup_printf (_("Could not send the edits: %s"), described);
      push_failed (self, text, answer->retry_after, FAILURE_BROKEN);
      return;
    }
}

static void
push_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  SitrepSyncEngine *self = call->self;
  g_autoptr(SitrepSyncAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  answer = _sitrep_sync_request_finish (result, &error);
  if (g_cancellable_is_cancelled (call->cancellable))
    return;

  g_clear_object (&self->push_cancellable);
  if (answer == NULL)
    {
      text = g_strdup_printf (_("Could not send the edits: %s"), error->message);
      push_failed (self, text, -1, failure_of (error));
      return;
    }
  push_answered (self, call, answer);
}

/* Sends the oldest pending edits, unless a push is in flight or waits for
 * its retry; called on start, when the store's pending count changes, and
 * after every answered push. */
void
_sitrep_sync_engine_push (SitrepSyncEngine *self)
{
  g_autoptr(GPtrArray) mutations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  Call *call;

  if (!can_talk (self) || self->push_cancellable != NULL || self->push_retry_id != 0)
    return;

  if (self->push_forbidden)
    {
      /* Edits made before it was known, or by another process. */
      settle_forbidden (self);
      return;
    }

  if (sitrep_store_get_pending (self->store) == 0)
    {
      /* An empty push asks only whether this token may edit, so a
       * viewer learns it before the first edit rather than after. */
      if (self->role_checked)
        return;
      mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);
      body = _sitrep_sync_build_push (sitrep_store_get_client_id (self->store), mutations);
      self->push_cancellable = g_cancellable_new ();
      call = call_new (self, self->push_cancellable);
      call->mutations = g_steal_pointer (&mutations);
      _sitrep_sync_request_async (self->session, self->base_url, self->token, "POST",
                                  "/v1/push", body, SITREP_SYNC_MAX_SMALL_ANSWER,
                                  self->push_cancellable, push_cb, call);
      return;
    }

  mutations = sitrep_store_outbox_peek (self->store, PUSH_BATCH, &error);
  if (mutations == NULL)
    {
      push_failed (self, error->message, -1, FAILURE_REFUSED);
      return;
    }

  /* An edit chained to one in this push waits for its answer: it is
   * checked against the version that one produces. */
  for (guint i = 0; i < mutations->len; i++)
    if (((SitrepMutation *) mutations->pdata[i])->base_version == SITREP_BASE_VERSION_CHAINED)
      {
        if (i == 0)
          {
            /* Its predecessor is gone without an answer (the store never
             * leaves one so): send it unchecked rather than block the outbox. */
            g_warning ("Mutation %" G_GINT64_FORMAT " is chained to nothing; sending it unchecked",
                       ((SitrepMutation *) mutations->pdata[0])->mid);
            ((SitrepMutation *) mutations->pdata[0])->base_version = -1;
            continue;
          }
        g_ptr_array_set_size (mutations, i);
        break;
      }
  if (mutations->len == 0)
    return;

  /* Stay under the server's body limit: fewer edits per push, down to one. */
  body = _sitrep_sync_build_push (sitrep_store_get_client_id (self->store), mutations);
  while (strlen (body) > PUSH_MAX_BYTES && mutations->len > 1)
    {
      g_ptr_array_set_size (mutations, mutations->len / 2);
      g_free (body);
      body = _sitrep_sync_build_push (sitrep_store_get_client_id (self->store), mutations);
    }
  if (strlen (body) > PUSH_MAX_BYTES)
    {
      /* One edit the server can never take: keep it for the user to copy,
       * rather than let it block every edit behind it. */
      if (!sitrep_store_outbox_reject_unsent (self->store,
                                              ((SitrepMutation *) mutations->pdata[0])->mid,
                                              _("The edit is too large for the server"), &error))
        push_failed (self, error->message, -1, FAILURE_REFUSED);
      return;
    }
  self->push_cancellable = g_cancellable_new ();
  call = call_new (self, self->push_cancellable);
  call->mutations = g_steal_pointer (&mutations);
  _sitrep_sync_request_async (self->session, self->base_url, self->token, "POST", "/v1/push",
                              body, SITREP_SYNC_MAX_ANSWER, self->push_cancellable, push_cb,
                              call);
}

/* Pull */

static gboolean
pull_retry_cb (gpointer user_data)
{
  SitrepSyncEngine *self = user_data;

  self->pull_retry_id = 0;
  pull_schedule (self);
  return G_SOURCE_REMOVE;
}

static void
pull_later (SitrepSyncEngine *self,
            guint             delay_ms)
{
  g_clear_handle_id (&self->pull_retry_id, g_source_remove);
  self->pull_retry_id = g_timeout_add (delay_ms, pull_retry_cb, self);
}

static void
pull_failed (SitrepSyncEngine *self,
             const char       *text,
             gint64            retry_after,
             Failure           failure)
{
  self->pull_failures++;
  self->pull_unreachable = failure == FAILURE_UNREACHABLE;
  set_loop_error (self, &self->pull_error, text);
  if (failure != FAILURE_REFUSED)
    went_offline (self);
  pull_later (self, backoff_ms (self->pull_failures, retry_after));
}

static gboolean
pull_take_snapshot (SitrepSyncEngine  *self,
                    JsonObject        *answer,
                    GError           **error)
{
  g_autoptr(GPtrArray) records = NULL;
  guint skipped = 0;
  gint64 seq;

  records = _sitrep_sync_parse_snapshot (answer, &seq, &skipped, error);
  if (records == NULL
      || !sitrep_store_load_snapshot (self->store, (SitrepRecord **) records->pdata, records->len,
                                      seq, error)
      || !sitrep_store_set_sync_state (self->store, "server", self->base_url, error)
      || !sitrep_store_set_sync_state (self->store, "snapshot", self->base_url, error))
    return FALSE;

  self->need_snapshot = FALSE;
  _sitrep_sync_engine_add_skipped (self, skipped);
  return TRUE;
}

/* Returns whether to ask again at once. */
static gboolean
pull_take_changes (SitrepSyncEngine  *self,
                   Call              *call,
                   JsonObject        *answer,
                   gboolean          *again,
                   GError           **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  gboolean more = FALSE;
  gint64 last_seq = 0;
  guint skipped = 0;

  changes = _sitrep_sync_parse_changes (answer, call->since, &last_seq, &more, &skipped, error);
  if (changes == NULL
      || !sitrep_store_apply_changes (self->store, (SitrepChange **) changes->pdata, changes->len,
                                      last_seq, error))
    return FALSE;

  _sitrep_sync_engine_add_skipped (self, skipped);
  *again = more || changes->len > 0 || skipped > 0
           || g_get_monotonic_time () - call->started_us >= LONG_POLL_MIN_US;
  return TRUE;
}

/* A page well under what is read: larger ones may be asked for again. */
static void
pull_page_fitted (SitrepSyncEngine *self,
                  SitrepSyncAnswer *answer)
{
  if (self->changes_limit >= SITREP_SYNC_CHANGES_LIMIT
      || answer->size >= self->max_changes_answer / 4)
    return;

  self->changes_limit = MIN (self->changes_limit * 2, SITREP_SYNC_CHANGES_LIMIT);
  g_debug ("asking for %u changes a page again", self->changes_limit);
}

/* A page of changes was larger than is read: ask for half as many, at
 * once. A single change that large is left out (the feed has no gaps, so
 * it is since + 1), rather than stop the feed for good. */
static void
pull_page_too_large (SitrepSyncEngine *self,
                     Call             *call,
                     const GError     *too_large)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (call->limit > 1)
    {
      self->changes_limit = call->limit / 2;
      g_debug ("%u changes after %" G_GINT64_FORMAT " are too many for one page (%s): "
               "asking for %u", call->limit, call->since, too_large->message,
               self->changes_limit);
      pull_schedule (self);
      return;
    }

  g_message ("Left out change %" G_GINT64_FORMAT " from the server, which this client cannot "
             "accept: %s", call->since + 1, too_large->message);
  if (!sitrep_store_apply_changes (self->store, NULL, 0, call->since + 1, &error))
    {
      text = g_strdup_printf (_("Could not save the server’s changes: %s"), error->message);
      pull_failed (self, text, -1, FAILURE_REFUSED);
      return;
    }
  _sitrep_sync_engine_add_skipped (self, 1);
  _sitrep_sync_engine_update_last_seq (self);
  pull_schedule (self);
}

static void
pull_answered (SitrepSyncEngine *self,
               Call             *call,
               SitrepSyncAnswer *answer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *described = _sitrep_sync_answer_describe (answer);
  g_autofree char *text = NULL;
  guint generation = self->generation;
  gboolean again = TRUE;

  switch (answer->status)
    {
    case SOUP_STATUS_OK:
      if (call->since < 0 ? !pull_take_snapshot (self, answer->json, &error)
                          : !pull_take_changes (self, call, answer->json, &again, &error))
        {
          text = g_strdup_printf (_("Could not read the server’s changes: %s"), error->message);
          if (generation == self->generation)
            pull_failed (self, text, -1, FAILURE_BROKEN);
          return;
        }
      _sitrep_sync_engine_update_last_seq (self);
      if (generation != self->generation)
        return;
      if (call->since >= 0)
        pull_page_fitted (self, answer);
      self->pull_failures = 0;
      self->pull_unreachable = FALSE;
      set_loop_error (self, &self->pull_error, NULL);
      went_online (self);
      if (again)
        pull_schedule (self);
      else
        pull_later (self, LONG_POLL_MIN_US / 1000);
      return;

    case SOUP_STATUS_GONE:
      /* Compacted past us: only a snapshot can bring us up to date. */
      g_debug ("the feed is compacted past %" G_GINT64_FORMAT ", reading a snapshot",
               call->since);
      self->need_snapshot = TRUE;
      pull_schedule (self);
      return;

    case SOUP_STATUS_UNAUTHORIZED:
    case SOUP_STATUS_FORBIDDEN:
      text = g_strdup_printf (_("The server does not accept this token: %s"), described);
      refused (self, &self->pull_error, text);
      return;

    default:
      text = g_strdup_printf (_("Could not read the server’s changes: %s"), described);
      pull_failed (self, text, answer->retry_after,
                   answer->status == STATUS_TOO_MANY_REQUESTS ? FAILURE_REFUSED : FAILURE_BROKEN);
      return;
    }
}

static void
pull_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  SitrepSyncEngine *self = call->self;
  g_autoptr(SitrepSyncAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  answer = _sitrep_sync_request_finish (result, &error);
  if (g_cancellable_is_cancelled (call->cancellable))
    return;

  g_clear_object (&self->pull_cancellable);
  if (answer == NULL && call->since >= 0
      && g_error_matches (error, SITREP_SYNC_ERROR, SITREP_SYNC_ERROR_TOO_LARGE))
    {
      pull_page_too_large (self, call, error);
      return;
    }
  if (answer == NULL)
    {
      text = g_strdup_printf (_("Could not reach the server: %s"), error->message);
      pull_failed (self, text, -1, failure_of (error));
      return;
    }
  pull_answered (self, call, answer);
}

static void
pull_schedule (SitrepSyncEngine *self)
{
  g_autofree char *path = NULL;
  Call *call;

  if (!can_talk (self) || self->pull_cancellable != NULL || self->pull_retry_id != 0)
    return;

  self->pull_cancellable = g_cancellable_new ();
  call = call_new (self, self->pull_cancellable);
  if (self->need_snapshot)
    {
      call->since = -1;
      _sitrep_sync_request_async (self->session, self->base_url, self->token, "GET",
                                  "/v1/snapshot", NULL, SITREP_SYNC_MAX_SNAPSHOT_ANSWER,
                                  self->pull_cancellable, pull_cb, call);
      return;
    }

  call->since = sitrep_store_get_last_seq (self->store);
  call->limit = self->changes_limit;
  path = g_strdup_printf ("/v1/changes?since=%" G_GINT64_FORMAT "&wait=%d&limit=%u",
                          call->since, LONG_POLL_WAIT_S, call->limit);
  _sitrep_sync_request_async (self->session, self->base_url, self->token, "GET", path, NULL,
                              self->max_changes_answer, self->pull_cancellable, pull_cb, call);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-sync-engine.c: keeps a local store in step with a sitrep-server
 *
 * The object, its properties and its public functions. Two loops share
 * one SoupSession on the thread that made the engine: pushing the outbox
 * and following the change feed (sitrep-sync-engine-loops.c); the requests
 * are in sitrep-sync-engine-io.c, and the JSON they carry is built and
 * read by src/protocol.
 */

#define G_LOG_DOMAIN "sitrep-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-sync-engine-private.h"

#define SESSION_TIMEOUT_S  40

G_DEFINE_TYPE (SitrepSyncEngine, sitrep_sync_engine, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SitrepSyncState, sitrep_sync_state,
                    G_DEFINE_ENUM_VALUE (SITREP_SYNC_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (SITREP_SYNC_CONNECTING, "connecting"),
                    G_DEFINE_ENUM_VALUE (SITREP_SYNC_ONLINE, "online"),
                    G_DEFINE_ENUM_VALUE (SITREP_SYNC_UNAUTHORIZED, "unauthorized"))

G_DEFINE_QUARK (sitrep-sync-error-quark, sitrep_sync_error)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STATE,
  PROP_LAST_ERROR,
  PROP_LAST_SEQ,
  PROP_SKIPPED_RECORDS,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EDITS_REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* State, as the loops change it */

void
_sitrep_sync_engine_set_state (SitrepSyncEngine *self,
                               SitrepSyncState   state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_sitrep_sync_engine_set_last_error (SitrepSyncEngine *self,
                                    const char       *text)
{
  if (g_strcmp0 (self->last_error, text) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

void
_sitrep_sync_engine_update_last_seq (SitrepSyncEngine *self)
{
  gint64 last_seq = sitrep_store_get_last_seq (self->store);

  if (last_seq == self->last_seq)
    return;

  self->last_seq = last_seq;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SEQ]);
}

void
_sitrep_sync_engine_add_skipped (SitrepSyncEngine *self,
                                 guint             n_skipped)
{
  if (n_skipped == 0)
    return;

  self->skipped_records += n_skipped;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SKIPPED_RECORDS]);
}

/* A viewer's token: the server lets it read, never edit. The store then
 * refuses local edits with the same words the window shows. */
void
_sitrep_sync_engine_set_read_only (SitrepSyncEngine *self,
                                   gboolean          read_only)
{
  read_only = !!read_only;
  sitrep_store_set_refuse_edits (self->store,
                                 read_only ? _("Read-only: this token can view but not edit")
                                           : NULL);
  if (self->push_forbidden == read_only)
    return;

  self->push_forbidden = read_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

void
_sitrep_sync_engine_edits_refused (SitrepSyncEngine *self,
                                   guint             n_refused)
{
  if (n_refused > 0)
    g_signal_emit (self, signals[EDITS_REFUSED], 0, n_refused);
}

void
_sitrep_sync_engine_set_max_changes_answer (SitrepSyncEngine *self,
                                            gsize             max_size)
{
  g_return_if_fail (SITREP_IS_SYNC_ENGINE (self));
  g_return_if_fail (max_size > 0);

  self->max_changes_answer = max_size;
}

/* Test connection */

typedef struct
{
  char   *base_url;
  char   *token;
  gint64  since;
} TestData;

static void
test_data_free (gpointer data)
{
  TestData *test = data;

  g_free (test->base_url);
  g_free (test->token);
  g_free (test);
}

static void
test_changes_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SitrepSyncAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;

  answer = _sitrep_sync_request_finish (result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  described = _sitrep_sync_answer_describe (answer);
  switch (answer->status)
    {
    case SOUP_STATUS_OK:
    case SOUP_STATUS_GONE:   /* readable, only compacted past this store */
      g_task_return_boolean (task, TRUE);
      return;

    case SOUP_STATUS_UNAUTHORIZED:
      g_task_return_new_error (task, SITREP_SYNC_ERROR, SITREP_SYNC_ERROR_UNAUTHORIZED,
                               _("The server does not accept this token: %s"), described);
      return;

    case SOUP_STATUS_FORBIDDEN:
      g_task_return_new_error (task, SITREP_SYNC_ERROR, SITREP_SYNC_ERROR_FORBIDDEN,
                               _("This token may not read the incidents: %s"), described);
      return;

    default:
      g_task_return_new_error (task, SITREP_SYNC_ERROR, SITREP_SYNC_ERROR_SERVER,
                               _("The server could not be read: %s"), described);
      return;
    }
}

static void
test_health_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SitrepSyncEngine *self = g_task_get_source_object (task);
  TestData *test = g_task_get_task_data (task);
  g_autoptr(SitrepSyncAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  answer = _sitrep_sync_request_finish (result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (answer->status != SOUP_STATUS_OK)
    {
      g_autofree char *described = _sitrep_sync_answer_describe (answer);

      g_task_return_new_error (task, SITREP_SYNC_ERROR, SITREP_SYNC_ERROR_SERVER,
                               _("This is not a Sitrep server: %s"), described);
      return;
    }
  if (!_sitrep_sync_check_health (answer->json, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  path = g_strdup_printf ("/v1/changes?since=%" G_GINT64_FORMAT "&limit=1", test->since);
  _sitrep_sync_request_async (self->session, test->base_url, test->token, "GET", path, NULL,
                              SITREP_SYNC_MAX_ANSWER, g_task_get_cancellable (task),
                              test_changes_cb, g_object_ref (task));
}

/**
 * sitrep_sync_engine_test_connection_async:
 * @base_url: the server to try, e.g. `https://sitrep.example.com/`
 * @token: (nullable): the token to try
 *
 * Asks the server for its health, then reads the change feed with @token,
 * as Preferences' "Test connection" does. Nothing is written to the store.
 */
void
sitrep_sync_engine_test_connection_async (SitrepSyncEngine    *self,
                                          const char          *base_url,
                                          const char          *token,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  TestData *test;

  g_return_if_fail (SITREP_IS_SYNC_ENGINE (self));
  g_return_if_fail (base_url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_sync_engine_test_connection_async);

  test = g_new0 (TestData, 1);
  test->token = g_strdup (token);
  test->since = sitrep_store_get_last_seq (self->store);
  g_task_set_task_data (task, test, test_data_free);

  test->base_url = _sitrep_sync_normalize_url (base_url, &error);
  if (test->base_url == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _sitrep_sync_request_async (self->session, test->base_url, NULL, "GET", "/v1/health", NULL,
                              SITREP_SYNC_MAX_SMALL_ANSWER, cancellable, test_health_cb,
                              g_steal_pointer (&task));
}

/**
 * sitrep_sync_engine_test_connection_finish:
 *
 * Returns: %TRUE when the server answered and accepted the token
 */
gboolean
sitrep_sync_engine_test_connection_finish (SitrepSyncEngine  *self,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Public */

/**
 * sitrep_sync_engine_set_server:
 * @base_url: (nullable): e.g. `http://127.0.0.1:8080/`; %NULL for none
 * @token: (nullable): the bearer token
 *
 * Points the engine at a server. A running engine drops what is in flight
 * and starts over with it; a refused token is tried again.
 */
void
sitrep_sync_engine_set_server (SitrepSyncEngine *self,
                               const char       *base_url,
                               const char       *token)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (SITREP_IS_SYNC_ENGINE (self));

  _sitrep_sync_engine_halt (self);
  self->unauthorized = FALSE;
  self->role_checked = FALSE;
  self->forbidden_retried = FALSE;
  _sitrep_sync_engine_set_read_only (self, FALSE);
  self->push_failures = 0;
  self->pull_failures = 0;
  g_clear_pointer (&self->push_error, g_free);
  g_clear_pointer (&self->pull_error, g_free);

  if (base_url != NULL && (url = _sitrep_sync_normalize_url (base_url, &error)) == NULL)
    _sitrep_sync_engine_set_last_error (self, error->message);
  else
    _sitrep_sync_engine_set_last_error (self, NULL);

  g_free (self->base_url);
  self->base_url = g_steal_pointer (&url);
  g_free (self->token);
  self->token = g_strdup (token);

  if (self->running)
    _sitrep_sync_engine_kick (self);
  else
    _sitrep_sync_engine_set_state (self, SITREP_SYNC_OFFLINE);
}

/**
 * sitrep_sync_engine_start:
 *
 * Starts sending the outbox and following the change feed.
 */
void
sitrep_sync_engine_start (SitrepSyncEngine *self)
{
  g_return_if_fail (SITREP_IS_SYNC_ENGINE (self));

  if (self->running)
    return;

  self->running = TRUE;
  _sitrep_sync_engine_kick (self);
}

/**
 * sitrep_sync_engine_stop:
 *
 * Cancels the requests in flight; the engine may be started again.
 */
void
sitrep_sync_engine_stop (SitrepSyncEngine *self)
{
  g_return_if_fail (SITREP_IS_SYNC_ENGINE (self));

  self->running = FALSE;
  _sitrep_sync_engine_halt (self);
  self->push_failures = 0;
  self->pull_failures = 0;
  if (self->state != SITREP_SYNC_UNAUTHORIZED)
    _sitrep_sync_engine_set_state (self, SITREP_SYNC_OFFLINE);
}

SitrepSyncState
sitrep_sync_engine_get_state (SitrepSyncEngine *self)
{
  g_return_val_if_fail (SITREP_IS_SYNC_ENGINE (self), SITREP_SYNC_OFFLINE);

  return self->state;
}

/**
 * sitrep_sync_engine_get_last_error:
 *
 * Returns: (nullable): what went wrong last, for people; %NULL when
 *   everything works
 */
const char *
sitrep_sync_engine_get_last_error (SitrepSyncEngine *self)
{
  g_return_val_if_fail (SITREP_IS_SYNC_ENGINE (self), NULL);

  return self->last_error;
}

gint64
sitrep_sync_engine_get_last_seq (SitrepSyncEngine *self)
{
  g_return_val_if_fail (SITREP_IS_SYNC_ENGINE (self), 0);

  return self->last_seq;
}

/**
 * sitrep_sync_engine_get_skipped_records:
 *
 * Returns: how many of the server's records this engine could not accept
 *   (unreadable, or failing the collection's rules) and left out, since it
 *   was made
 */
guint
sitrep_sync_engine_get_skipped_records (SitrepSyncEngine *self)
{
  g_return_val_if_fail (SITREP_IS_SYNC_ENGINE (self), 0);

  return self->skipped_records;
}

/**
 * sitrep_sync_engine_get_read_only:
 *
 * Returns: whether the server refuses this token's edits (a viewer's):
 *   it is still read, and local edits are refused until another token is set
 */
gboolean
sitrep_sync_engine_get_read_only (SitrepSyncEngine *self)
{
  g_return_val_if_fail (SITREP_IS_SYNC_ENGINE (self), FALSE);

  return self->push_forbidden;
}

/**
 * sitrep_sync_engine_new:
 *
 * Returns: (transfer full): an engine for @store, stopped, with no server;
 *   it works on the thread-default main context of the calling thread
 */
SitrepSyncEngine *
sitrep_sync_engine_new (SitrepStore *store)
{
  g_return_val_if_fail (SITREP_IS_STORE (store), NULL);

  return g_object_new (SITREP_TYPE_SYNC_ENGINE, "store", store, NULL);
}

/* GObject */

static void
sitrep_sync_engine_constructed (GObject *object)
{
  SitrepSyncEngine *self = SITREP_SYNC_ENGINE (object);

  G_OBJECT_CLASS (sitrep_sync_engine_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  self->last_seq = sitrep_store_get_last_seq (self->store);
  g_signal_connect_object (self->store, "notify::pending", G_CALLBACK (_sitrep_sync_engine_push), self,
                           G_CONNECT_SWAPPED);
}

static void
sitrep_sync_engine_dispose (GObject *object)
{
  SitrepSyncEngine *self = SITREP_SYNC_ENGINE (object);

  self->running = FALSE;
  _sitrep_sync_engine_halt (self);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sitrep_sync_engine_parent_class)->dispose (object);
}

static void
sitrep_sync_engine_finalize (GObject *object)
{
  SitrepSyncEngine *self = SITREP_SYNC_ENGINE (object);

  g_free (self->base_url);
  g_free (self->token);
  g_free (self->last_error);
  g_free (self->push_error);
  g_free (self->pull_error);

  G_OBJECT_CLASS (sitrep_sync_engine_parent_class)->finalize (object);
}

static void
sitrep_sync_engine_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SitrepSyncEngine *self = SITREP_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case PROP_LAST_SEQ:
      g_value_set_int64 (value, self->last_seq);
      break;

    case PROP_SKIPPED_RECORDS:
      g_value_set_uint (value, self->skipped_records);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->push_forbidden);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_sync_engine_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SitrepSyncEngine *self = SITREP_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_sync_engine_class_init (SitrepSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sitrep_sync_engine_constructed;
  object_class->dispose = sitrep_sync_engine_dispose;
  object_class->finalize = sitrep_sync_engine_finalize;
  object_class->get_property = sitrep_sync_engine_get_property;
  object_class->set_property = sitrep_sync_engine_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SITREP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * SitrepSyncEngine:state:
   *
   * Offline until a request succeeds, connecting while the first ones are
   * in flight, unauthorized while the server refuses the token (or, for a
   * viewer's token, its edits).
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SITREP_TYPE_SYNC_STATE, SITREP_SYNC_OFFLINE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * SitrepSyncEngine:last-seq:
   *
   * The last change of the server's feed the store has applied.
   */
  properties[PROP_LAST_SEQ] =
    g_param_spec_int64 ("last-seq", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * SitrepSyncEngine:skipped-records:
   *
   * How many of the server's records were left out because this client
   * could not accept them; the rest of their page was applied.
   */
  properties[PROP_SKIPPED_RECORDS] =
    g_param_spec_uint ("skipped-records", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * SitrepSyncEngine:read-only:
   *
   * The server reads to this token but takes none of its edits (403 on a
   * push, from a new client too): a viewer's token.
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepSyncEngine::edits-refused:
   * @n_refused: how many pending edits were settled as refused
   *
   * The server will take no edit of this token: the pending ones left the
   * outbox and are kept, with their text, as refused edits.
   */
  signals[EDITS_REFUSED] =
    g_signal_new ("edits-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
sitrep_sync_engine_init (SitrepSyncEngine *self)
{
  self->state = SITREP_SYNC_OFFLINE;
  self->changes_limit = SITREP_SYNC_CHANGES_LIMIT;
  self->max_changes_answer = SITREP_SYNC_MAX_ANSWER;
  self->session = soup_session_new_with_options ("timeout", SESSION_TIMEOUT_S,
                                                 "idle-timeout", SESSION_TIMEOUT_S,
                                                 NULL);
  /* A 401 is the engine's to handle; no password dialog can help. */
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_AUTH_MANAGER);
}

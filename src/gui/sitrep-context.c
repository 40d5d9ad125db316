/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitrep-context-private.h"
#include "sitrep-enum-strings.h"
#include "sitrep-incident-rules.h"
#include "sitrep-json.h"
#include "sitrep-severity.h"
#include "sitrep-status.h"
#include "sitrep-store-change.h"
#include "sitrep-templates.h"
#include "sitrep-time.h"
#include "sitrep-timeline-entry.h"
#include "sitrep-workspace-private.h"

G_DEFINE_TYPE (SitrepContext, sitrep_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_USER,
  PROP_PENDING,
  PROP_SERVER_URL,
  PROP_CONNECTION,
  PROP_SYNC_ERROR,
  PROP_CAN_EDIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RECORD_CHANGED,
  CHANGED,
  CONFLICTS_CHANGED,
  EDITS_REFUSED,
  INCIDENTS_LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sitrep_context_dispose (GObject *object)
{
  SitrepContext *self = SITREP_CONTEXT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->incidents_changed_meanwhile, g_hash_table_unref);
  if (self->engine != NULL)
    sitrep_sync_engine_stop (self->engine);
  g_clear_object (&self->engine);
  g_clear_object (&self->incidents);
  g_clear_object (&self->clock);
  g_clear_object (&self->templates);
  g_clear_object (&self->services);
  g_clear_object (&self->action_items);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sitrep_context_parent_class)->dispose (object);
}

static void
sitrep_context_finalize (GObject *object)
{
  SitrepContext *self = SITREP_CONTEXT (object);

  g_free (self->data_dir);
  g_free (self->user);
  g_clear_pointer (&self->owing, g_hash_table_unref);
  g_free (self->server_url);
  g_free (self->server_token);
  if (self->workspaces != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->workspaces);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_object_weak_unref (value, _sitrep_context_workspace_gone, self);
    }
  g_clear_pointer (&self->workspaces, g_hash_table_unref);

  G_OBJECT_CLASS (sitrep_context_parent_class)->finalize (object);
}

static void
sitrep_context_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SitrepContext *self = SITREP_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;

    case PROP_PENDING:
      g_value_set_uint (value, self->store ? sitrep_store_get_pending (self->store) : 0);
      break;

    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;

    case PROP_CONNECTION:
      g_value_set_int (value, sitrep_context_get_connection (self));
      break;

    case PROP_SYNC_ERROR:
      g_value_set_string (value, sitrep_context_get_sync_error (self));
      break;

    case PROP_CAN_EDIT:
      g_value_set_boolean (value, sitrep_context_get_can_edit (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_context_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SitrepContext *self = SITREP_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_USER:
      sitrep_context_set_user (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_context_class_init (SitrepContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_context_dispose;
  object_class->finalize = sitrep_context_finalize;
  object_class->get_property = sitrep_context_get_property;
  object_class->set_property = sitrep_context_set_property;

  /**
   * SitrepContext:user:
   *
   * The handle recorded as author and actor of this user's edits.
   */
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * SitrepContext:pending:
   *
   * How many local edits wait for the server.
   */
  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * SitrepContext:server-url:
   *
   * The team server in use, %NULL when working alone.
   */
  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * SitrepContext:connection:
   *
   * A #SitrepConnection: how the context stands with the team server.
   */
  properties[PROP_CONNECTION] =
    g_param_spec_int ("connection", NULL, NULL, SITREP_CONNECTION_OFFLINE,
                      SITREP_CONNECTION_UNAUTHORIZED, SITREP_CONNECTION_OFFLINE,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * SitrepContext:sync-error:
   *
   * Why the last exchange with the server failed, %NULL after a good one.
   */
  properties[PROP_SYNC_ERROR] =
    g_param_spec_string ("sync-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * SitrepContext:can-edit:
   *
   * Whether the user's edits can be kept: %FALSE while the server lets
   * this token view but not edit (a viewer's token). Widgets that offer
   * edits bind their sensitivity to it; the store refuses edits meanwhile.
   */
  properties[PROP_CAN_EDIT] =
    g_param_spec_boolean ("can-edit", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepContext::record-changed:
   * @coll: the collection of a record a commit changed
   *
   * The incident list and the open workspaces already show the change;
   * for views that summarise every incident (the sidebar's clocks, the
   * notifications).
   */
  signals[RECORD_CHANGED] =
    g_signal_new ("record-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * SitrepContext::changed:
   * @n_records: how many records the commit changed
   *
   * After each commit, once every model shows it.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * SitrepContext::conflicts-changed:
   *
   * An edit was refused by the server, or a refusal was settled.
   */
  signals[CONFLICTS_CHANGED] =
    g_signal_new ("conflicts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * SitrepContext::edits-refused:
   * @n_refused: how many edits were not saved
   *
   * The server will take no edit of this token: edits that waited for it
   * were not saved, and are kept as refused edits (with their text).
   */
  /**
   * SitrepContext::incidents-loaded:
   *
   * The incidents left out by sitrep_context_new_first() are listed, read
   * in the background by sitrep_context_load_rest_of_incidents().
   */
  signals[INCIDENTS_LOADED] =
    g_signal_new ("incidents-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  signals[EDITS_REFUSED] =
    g_signal_new ("edits-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
sitrep_context_init (SitrepContext *self)
{
  self->user = g_strdup (g_get_user_name ());
  self->workspaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->clock = sitrep_clock_new ();
}

void
_sitrep_context_emit_record_changed (SitrepContext *self,
                                     const char    *coll)
{
  g_signal_emit (self, signals[RECORD_CHANGED], 0, coll);
}

void
_sitrep_context_emit_changed (SitrepContext *self,
                              guint          n_records)
{
  g_signal_emit (self, signals[CHANGED], 0, n_records);
}

static void
on_conflicts_changed (SitrepContext *self)
{
  g_signal_emit (self, signals[CONFLICTS_CHANGED], 0);
}

static void
on_engine_state (SitrepContext *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}

static void
on_engine_error (SitrepContext *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ERROR]);
}

static void
on_engine_read_only (SitrepContext *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_EDIT]);
}

static void
on_edits_refused (SitrepContext *self,
                  guint          n_refused)
{
  g_signal_emit (self, signals[EDITS_REFUSED], 0, n_refused);
}

static void
on_pending_changed (SitrepContext *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

/**
 * sitrep_context_new:
 * @data_dir: (nullable): where the local database lives; %NULL for
 *   `$XDG_DATA_HOME/sitrep`
 *
 * Returns: (transfer full): the context, or %NULL with @error set when the
 *   database cannot be opened
 */
SitrepContext *
sitrep_context_new (const char  *data_dir,
                    GError     **error)
{
  return sitrep_context_new_first (data_dir, 0, error);
}

/**
 * sitrep_context_new_first:
 * @data_dir: (nullable): as for sitrep_context_new()
 * @n_first: how many incidents to list at first; 0 for all of them
 *
 * Opens the context with only the first @n_first incidents of the
 * sidebar's order listed, so a window on 10,000 incidents shows its first
 * screen without reading the others. The rest come with
 * sitrep_context_load_all_incidents(), which the application calls after
 * its first frame, or as soon as something looks for an incident that is
 * not listed yet.
 *
 * Returns: (transfer full): the context, or %NULL with @error set when the
 *   database cannot be opened
 */
SitrepContext *
sitrep_context_new_first (const char  *data_dir,
                          guint        n_first,
                          GError     **error)
{
  return _sitrep_context_open (data_dir, n_first, FALSE, error);
}

/**
 * sitrep_context_new_first_unchecked:
 * @data_dir: (nullable): as for sitrep_context_new()
 * @n_first: as for sitrep_context_new_first()
 *
 * Opens the context as sitrep_context_new_first() does, without reading
 * every page of the database first (sitrep_store_open_unchecked()): the
 * application's window comes up without waiting on it, and calls
 * sitrep_context_check_database_async() once it is on screen.
 *
 * Returns: (transfer full): the context, or %NULL with @error set when the
 *   database cannot be opened
 */
SitrepContext *
sitrep_context_new_first_unchecked (const char  *data_dir,
                                    guint        n_first,
                                    GError     **error)
{
  return _sitrep_context_open (data_dir, n_first, TRUE, error);
}

SitrepContext *
_sitrep_context_open (const char  *data_dir,
                      guint        n_first,
                      gboolean     unchecked,
                      GError     **error)
{
  g_autoptr(SitrepContext) self = g_object_new (SITREP_TYPE_CONTEXT, NULL);
  g_autofree char *path = NULL;

  if (data_dir != NULL && data_dir[0] != '\0')
    self->data_dir = g_canonicalize_filename (data_dir, NULL);
  else
    self->data_dir = g_build_filename (g_get_user_data_dir (), "sitrep", NULL);

  path = g_build_filename (self->data_dir, "sitrep.db", NULL);
  self->store = unchecked ? sitrep_store_open_unchecked (path, error)
                          : sitrep_store_open (path, error);
  if (self->store == NULL)
    return NULL;

  sitrep_store_set_actor (self->store, self->user);
  if (!_sitrep_context_load_incidents (self, n_first, error))
    return NULL;
  g_signal_connect_object (self->store, "changed", G_CALLBACK (_sitrep_context_on_store_changed),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->store, "notify::pending", G_CALLBACK (on_pending_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "conflicts-changed", G_CALLBACK (on_conflicts_changed),
                           self, G_CONNECT_SWAPPED);

  self->engine = sitrep_sync_engine_new (self->store);
  g_signal_connect_object (self->engine, "notify::state", G_CALLBACK (on_engine_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "notify::last-error", G_CALLBACK (on_engine_error),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "notify::read-only", G_CALLBACK (on_engine_read_only),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "edits-refused", G_CALLBACK (on_edits_refused), self,
                           G_CONNECT_SWAPPED);

  return g_steal_pointer (&self);
}

SitrepStore *
sitrep_context_get_store (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  return self->store;
}

const char *
sitrep_context_get_data_dir (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  return self->data_dir;
}

const char *
sitrep_context_get_user (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  return self->user;
}

void
sitrep_context_set_user (SitrepContext *self,
                         const char    *user)
{
  g_return_if_fail (SITREP_IS_CONTEXT (self));

  if (user == NULL || user[0] == '\0')
    user = g_get_user_name ();

  if (g_strcmp0 (self->user, user) == 0)
    return;

  g_free (self->user);
  self->user = g_strdup (user);
  if (self->store != NULL)
    sitrep_store_set_actor (self->store, user);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

/**
 * sitrep_context_set_clock_overrides:
 * @cadence_s: (array fixed-size=5) (nullable): seconds between updates by
 *   severity, 0 for the guide's default
 * @respond_s: (array fixed-size=5) (nullable): response targets likewise
 *
 * The cadences from the settings, for every incident's update clocks.
 */
void
sitrep_context_set_clock_overrides (SitrepContext *self,
                                    const gint64  *cadence_s,
                                    const gint64  *respond_s)
{
  g_return_if_fail (SITREP_IS_CONTEXT (self));

  for (guint i = 0; i <= SITREP_SEVERITY_P4; i++)
    {
      self->cadence_s[i] = cadence_s ? cadence_s[i] : 0;
      self->respond_s[i] = respond_s ? respond_s[i] : 0;
    }

  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->workspaces);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      _sitrep_workspace_set_overrides (value, self->cadence_s, self->respond_s);
  }
  sitrep_clock_tick (self->clock);
}

void
_sitrep_context_get_clock_overrides (SitrepContext *self,
                                     gint64        *cadence_s,
                                     gint64        *respond_s)
{
  memcpy (cadence_s, self->cadence_s, sizeof self->cadence_s);
  memcpy (respond_s, self->respond_s, sizeof self->respond_s);
}

/**
 * sitrep_context_get_sync_engine:
 *
 * Returns: (transfer none): the engine that keeps the store in step with
 *   the team server (idle while no server is set)
 */
SitrepSyncEngine *
sitrep_context_get_sync_engine (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  return self->engine;
}

/**
 * sitrep_context_get_pending:
 *
 * Returns: how many local edits wait for the server
 */
guint
sitrep_context_get_pending (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), 0);

  return sitrep_store_get_pending (self->store);
}

/**
 * sitrep_context_get_connection:
 *
 * Returns: how the context stands with the team server
 */
SitrepConnection
sitrep_context_get_connection (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), SITREP_CONNECTION_OFFLINE);

  switch (sitrep_sync_engine_get_state (self->engine))
    {
    case SITREP_SYNC_CONNECTING:
      return SITREP_CONNECTION_CONNECTING;
    case SITREP_SYNC_ONLINE:
      return SITREP_CONNECTION_ONLINE;
    case SITREP_SYNC_UNAUTHORIZED:
      return SITREP_CONNECTION_UNAUTHORIZED;
    case SITREP_SYNC_OFFLINE:
    default:
      return SITREP_CONNECTION_OFFLINE;
    }
}

/**
 * sitrep_context_get_can_edit:
 *
 * Returns: %FALSE while the server lets this token view but not edit
 */
gboolean
sitrep_context_get_can_edit (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), TRUE);

  return self->engine == NULL || !sitrep_sync_engine_get_read_only (self->engine);
}

/**
 * sitrep_context_get_sync_error:
 *
 * Returns: (nullable): why the last exchange with the server failed
 */
const char *
sitrep_context_get_sync_error (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  return sitrep_sync_engine_get_last_error (self->engine);
}

static void
test_server_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!sitrep_sync_engine_test_connection_finish (SITREP_SYNC_ENGINE (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * sitrep_context_test_server_async:
 *
 * Asks @url whether it is a Sitrep server that accepts @token, without
 * changing the server in use.
 */
void
sitrep_context_test_server_async (SitrepContext       *self,
                                  const char          *url,
                                  const char          *token,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SITREP_IS_CONTEXT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_context_test_server_async);
  sitrep_sync_engine_test_connection_async (self->engine, url, token, cancellable,
                                            test_server_done, task);
}

gboolean
sitrep_context_test_server_finish (SitrepContext  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sitrep_context_get_server_url:
 *
 * Returns: (nullable): the team server in use, %NULL when working alone
 */
const char *
sitrep_context_get_server_url (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  return self->server_url;
}

/**
 * sitrep_context_set_server:
 * @url: (nullable): the server's base URL, %NULL or "" to work alone
 * @token: (nullable): its bearer token
 *
 * Points the sync engine at a server (or at none) and starts it.
 */
void
sitrep_context_set_server (SitrepContext *self,
                           const char    *url,
                           const char    *token)
{
  g_return_if_fail (SITREP_IS_CONTEXT (self));

  if (url != NULL && url[0] == '\0')
    url = NULL;

  sitrep_sync_engine_stop (self->engine);
  g_free (self->server_url);
  self->server_url = g_strdup (url);
  g_free (self->server_token);
  self->server_token = g_strdup (token);
  sitrep_sync_engine_set_server (self->engine, url, token);
  /* A damaged database takes nothing more from the server. */
  if (url != NULL && !self->database_damaged)
    sitrep_sync_engine_start (self->engine);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
}

/**
 * sitrep_context_get_server_token:
 *
 * Returns: (nullable): the token in use with the server
 */
const char *
sitrep_context_get_server_token (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  return self->server_token;
}

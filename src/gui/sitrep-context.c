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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RECORD_CHANGED,
  CHANGED,
  CONFLICTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sitrep_context_dispose (GObject *object)
{
  SitrepContext *self = SITREP_CONTEXT (object);

  if (self->engine != NULL)
    sitrep_sync_engine_stop (self->engine);
  g_clear_object (&self->engine);
  g_clear_object (&self->incidents);
  g_clear_object (&self->clock);
  g_clear_object (&self->templates);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sitrep_context_parent_class)->dispose (object);
}

static void
sitrep_context_finalize (GObject *object)
{
  SitrepContext *self = SITREP_CONTEXT (object);

  g_free (self->data_dir);
  g_free (self->user);
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

/**
 * sitrep_context_list_conflicts:
 *
 * Returns: (transfer full) (element-type SitrepConflict): the edits the
 *   server refused that are still to be settled, oldest first
 */
GPtrArray *
sitrep_context_list_conflicts (SitrepContext *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *conflicts;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  conflicts = sitrep_store_list_conflicts (self->store, &error);
  if (conflicts == NULL)
    {
      g_warning ("Could not read the refused edits: %s", error->message);
      conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_conflict_free);
    }

  return conflicts;
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
  g_autoptr(SitrepContext) self = g_object_new (SITREP_TYPE_CONTEXT, NULL);
  g_autofree char *path = NULL;

  if (data_dir != NULL && data_dir[0] != '\0')
    self->data_dir = g_canonicalize_filename (data_dir, NULL);
  else
    self->data_dir = g_build_filename (g_get_user_data_dir (), "sitrep", NULL);

  path = g_build_filename (self->data_dir, "sitrep.db", NULL);
  self->store = sitrep_store_open (path, error);
  if (self->store == NULL)
    return NULL;

  sitrep_store_set_actor (self->store, self->user);
  if (!_sitrep_context_load_incidents (self, error))
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
  if (url != NULL)
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

/**
 * sitrep_context_resolve_conflict:
 * @body: (nullable): the body to keep (mine, or an edit of both); %NULL
 *   to take theirs as it is
 *
 * Settles a refused edit. Keeping a body writes it as a new edit made
 * against the server's current version, so it is checked again rather
 * than overwriting blindly.
 */
static gboolean
settle (SitrepContext  *self,
        gint64          id,
        const char     *coll,
        const char     *rec_id,
        JsonObject     *theirs,
        gint64          theirs_version,
        JsonObject     *body,
        GError        **error)
{
  if (body != NULL)
    {
      g_autoptr(SitrepMutation) mutation = sitrep_mutation_new_put (coll, rec_id, body);

      /* Checked against their version, or chained behind an edit of the
       * same record made while the question waited. */
      if (sitrep_store_base_version (self->store, coll, rec_id) == SITREP_BASE_VERSION_CHAINED)
        mutation->base_version = SITREP_BASE_VERSION_CHAINED;
      else if (theirs != NULL)
        mutation->base_version = theirs_version;
      if (!sitrep_store_apply (self->store, &mutation, 1, error))
        return FALSE;
    }

  return sitrep_store_resolve_conflict (self->store, id, error);
}

gboolean
sitrep_context_resolve_conflict (SitrepContext   *self,
                                 SitrepConflict  *conflict,
                                 JsonObject      *body,
                                 GError         **error)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  return settle (self, conflict->id, conflict->coll, conflict->rec_id, conflict->theirs,
                 conflict->theirs_version, body, error);
}

/**
 * sitrep_context_settle_refused_edit:
 * @body: (nullable): the body to keep (mine, or an edit of both); %NULL
 *   to take theirs as it is
 *
 * Settles an edit the server refused. Keeping a body writes it as a new
 * edit made against the server's current version, so it is checked again
 * rather than overwriting blindly.
 */
gboolean
sitrep_context_settle_refused_edit (SitrepContext            *self,
                                    const SitrepRefusedEdit  *edit,
                                    JsonObject               *body,
                                    GError                  **error)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  return settle (self, edit->id, edit->coll, edit->rec_id, edit->theirs, edit->theirs_version,
                 body, error);
}

/**
 * sitrep_refused_edit_new_from_conflict:
 *
 * Returns: (transfer full): @conflict as the conflict dialog shows it
 */
SitrepRefusedEdit *
sitrep_refused_edit_new_from_conflict (const SitrepConflict *conflict)
{
  SitrepRefusedEdit view = {
    conflict->id, conflict->kind, conflict->coll, conflict->rec_id, conflict->op,
    conflict->mine, conflict->theirs, conflict->theirs_version, conflict->message,
  };

  return sitrep_refused_edit_copy (&view);
}

/**
 * sitrep_context_dup_refused_edits:
 *
 * Returns: (transfer full) (element-type SitrepRefusedEdit): the edits the
 *   server refused that are still to be settled, oldest first
 */
GPtrArray *
sitrep_context_dup_refused_edits (SitrepContext *self)
{
  g_autoptr(GPtrArray) conflicts = sitrep_context_list_conflicts (self);
  GPtrArray *edits = g_ptr_array_new_full (conflicts->len,
                                           (GDestroyNotify) sitrep_refused_edit_free);

  for (guint i = 0; i < conflicts->len; i++)
    g_ptr_array_add (edits, sitrep_refused_edit_new_from_conflict (conflicts->pdata[i]));

  return edits;
}

/**
 * sitrep_context_get_incidents:
 *
 * Returns: (transfer none): a #GListModel of #SitrepIncident in sidebar order
 */
GListModel *
sitrep_context_get_incidents (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  return G_LIST_MODEL (self->incidents);
}

/**
 * sitrep_context_lookup_incident:
 *
 * Returns: (transfer none) (nullable): the incident with @id
 */
SitrepIncident *
sitrep_context_lookup_incident (SitrepContext *self,
                                const char    *id)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  return SITREP_INCIDENT (sitrep_record_list_lookup (self->incidents, id));
}

/**
 * sitrep_context_search:
 *
 * Returns: (transfer full): the ids of incidents matching @query
 */
GHashTable *
sitrep_context_search (SitrepContext  *self,
                       const char     *query,
                       GError        **error)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  return sitrep_store_search_incidents (self->store, query, error);
}

SitrepMutation *
_sitrep_context_timeline_put (const char         *incident_id,
                              const char         *occurred_at,
                              SitrepTimelineKind  kind,
                              const char         *text,
                              const char         *author)
{
  SitrepRuleEnv env = { NULL, author, NULL, NULL };

  return sitrep_incident_rules_new_entry (&env, incident_id, occurred_at, kind, text, author);
}

/* What the incident rules need from the context: now, and who. */
void
_sitrep_context_rule_env (SitrepContext *self,
                          SitrepRuleEnv *env)
{
  env->now = NULL;
  env->actor = self->user;
  env->new_id = NULL;
  env->new_id_data = NULL;
}

/**
 * _sitrep_context_apply_rule:
 * @mutations: (nullable): what a rule of sitrep-incident-rules.h returned
 * @rule_error: (nullable): why the rule refused, when @mutations is %NULL
 *
 * Applies the mutations in one transaction; a rule's refusal becomes the
 * store's "invalid" error, as the store would have answered.
 */
gboolean
_sitrep_context_apply_rule (SitrepContext  *self,
                            GPtrArray      *mutations,
                            const GError   *rule_error,
                            GError        **error)
{
  if (mutations == NULL)
    {
      g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                           rule_error != NULL ? rule_error->message : "");
      return FALSE;
    }
  if (mutations->len == 0)
    return TRUE;

  return sitrep_store_apply (self->store, (SitrepMutation **) mutations->pdata, mutations->len,
                             error);
}

/**
 * sitrep_context_declare_incident:
 * @services: service names separated by commas
 *
 * Declares an incident now, with the IC checklist and a first timeline
 * entry, in one transaction, so a declared incident is never found
 * half-made.
 *
 * Returns: (transfer full): the new incident's id, or %NULL with @error set
 */
char *
sitrep_context_declare_incident (SitrepContext   *self,
                                 const char      *title,
                                 const char      *services,
                                 const char      *customer_impact,
                                 SitrepSeverity   severity,
                                 GError         **error)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) mutations = NULL;
  g_autoptr(GError) local_error = NULL;
  SitrepRuleEnv env;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  _sitrep_context_rule_env (self, &env);
  names = sitrep_incident_rules_split_services (services);
  body = sitrep_incident_rules_new_body (title, (const char * const *) names, customer_impact,
                                         severity, SITREP_STATUS_INVESTIGATING);
  mutations = sitrep_incident_rules_declare (&env, NULL, body, &local_error);
  if (!_sitrep_context_apply_rule (self, mutations, local_error, error))
    return NULL;

  return g_strdup (((SitrepMutation *) mutations->pdata[0])->id);
}

gboolean
_sitrep_context_patch_with_entry (SitrepContext      *self,
                  const char         *id,
                  JsonObject         *fields,
                  SitrepTimelineKind  kind,
                  const char         *text,
                  GError            **error)
{
  g_autoptr(SitrepMutation) patch = sitrep_mutation_new_patch ("incidents", id, fields);
  g_autoptr(SitrepMutation) entry = NULL;
  g_autofree char *now = sitrep_time_now ();
  SitrepMutation *mutations[2] = { patch, NULL };

  if (text != NULL)
    mutations[1] = entry = _sitrep_context_timeline_put (id, now, kind, text, self->user);

  return sitrep_store_apply (self->store, mutations, entry ? 2 : 1, error);
}

/**
 * sitrep_context_update_incident:
 * @fields: the incident fields to set
 *
 * Changes an incident's fields as they are, with no timeline entry.
 */
gboolean
sitrep_context_update_incident (SitrepContext  *self,
                                const char     *id,
                                JsonObject     *fields,
                                GError        **error)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  return _sitrep_context_patch_with_entry (self, id, fields, SITREP_KIND_NOTE, NULL, error);
}

SitrepIncident *
_sitrep_context_require_incident (SitrepContext  *self,
                  const char     *id,
                  GError        **error)
{
  SitrepIncident *incident = sitrep_context_lookup_incident (self, id);

  if (incident == NULL)
    g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                 _("The incident no longer exists"));

  return incident;
}

/**
 * sitrep_context_set_status:
 *
 * Moves the incident along its lifecycle, if the move is allowed, stamping
 * the resolved or closed milestone and writing a status timeline entry.
 */
gboolean
sitrep_context_set_status (SitrepContext  *self,
                           const char     *id,
                           SitrepStatus    status,
                           GError        **error)
{
  g_autoptr(GPtrArray) mutations = NULL;
  g_autoptr(GError) local_error = NULL;
  SitrepIncident *incident;
  SitrepRuleEnv env;
  gboolean resolved;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  if ((incident = _sitrep_context_require_incident (self, id, error)) == NULL)
    return FALSE;

  _sitrep_context_rule_env (self, &env);
  resolved = sitrep_incident_get_milestone (incident, SITREP_MILESTONE_RESOLVED) != NULL;
  mutations = sitrep_incident_rules_set_status (&env, id, sitrep_incident_get_status (incident),
                                                resolved, status, &local_error);

  return _sitrep_context_apply_rule (self, mutations, local_error, error);
}

/**
 * sitrep_context_set_severity:
 *
 * Reclassifies the incident and writes a status timeline entry.
 */
gboolean
sitrep_context_set_severity (SitrepContext   *self,
                             const char      *id,
                             SitrepSeverity   severity,
                             GError         **error)
{
  g_autoptr(GPtrArray) mutations = NULL;
  g_autoptr(GError) local_error = NULL;
  SitrepIncident *incident;
  SitrepRuleEnv env;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  if ((incident = _sitrep_context_require_incident (self, id, error)) == NULL)
    return FALSE;

  _sitrep_context_rule_env (self, &env);
  mutations = sitrep_incident_rules_set_severity (&env, id, sitrep_incident_get_severity (incident),
                                                  severity, &local_error);

  return _sitrep_context_apply_rule (self, mutations, local_error, error);
}

/**
 * sitrep_context_set_milestone:
 * @when: (nullable): the time, %NULL to clear it
 */
gboolean
sitrep_context_set_milestone (SitrepContext    *self,
                              const char       *id,
                              SitrepMilestone   milestone,
                              GDateTime        *when,
                              GError          **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  const char *field = sitrep_milestone_to_field (milestone);

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  if (_sitrep_context_require_incident (self, id, error) == NULL)
    return FALSE;

  if (when != NULL)
    {
      g_autofree char *text = sitrep_time_format (when);

      json_object_set_string_member (fields, field, text);
    }
  else
    json_object_set_null_member (fields, field);

  return _sitrep_context_patch_with_entry (self, id, fields, SITREP_KIND_NOTE, NULL, error);
}

/**
 * sitrep_context_list_timeline:
 *
 * Returns: (transfer full) (element-type SitrepRecord): the incident's
 *   timeline entries, oldest first (the timeline model's order)
 */
GPtrArray *
sitrep_context_list_timeline (SitrepContext *self,
                              const char    *incident_id)
{
  g_autoptr(SitrepWorkspace) workspace = NULL;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  workspace = sitrep_context_open_workspace (self, incident_id);
  return _sitrep_context_records_of (sitrep_workspace_get_timeline (workspace));
}

/**
 * sitrep_context_add_demo:
 *
 * Adds the guide's example incident (a P1 payment service outage, forty
 * minutes old) when the store has no incident yet.
 *
 * Returns: (transfer full) (nullable): the demo incident's id; %NULL with
 *   no error when the store already had incidents
 */
char *
sitrep_context_add_demo (SitrepContext  *self,
                         GError        **error)
{
  g_autoptr(GPtrArray) mutations = NULL;
  g_autoptr(GError) local_error = NULL;
  SitrepRuleEnv env;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->incidents)) > 0)
    return NULL;

  _sitrep_context_rule_env (self, &env);
  mutations = sitrep_incident_rules_demo (&env, &local_error);
  if (!_sitrep_context_apply_rule (self, mutations, local_error, error))
    return NULL;

  return g_strdup (((SitrepMutation *) mutations->pdata[0])->id);
}

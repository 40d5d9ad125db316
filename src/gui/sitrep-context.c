/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitrep-checklist.h"
#include "sitrep-context-private.h"
#include "sitrep-enum-strings.h"
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
gboolean
sitrep_context_resolve_conflict (SitrepContext   *self,
                                 SitrepConflict  *conflict,
                                 JsonObject      *body,
                                 GError         **error)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  if (body != NULL)
    {
      g_autoptr(SitrepMutation) mutation = sitrep_mutation_new_put (conflict->coll,
                                                                     conflict->rec_id, body);

      /* Checked against their version, or chained behind an edit of the
       * same record made while the question waited. */
      if (sitrep_store_base_version (self->store, conflict->coll, conflict->rec_id) ==
          SITREP_BASE_VERSION_CHAINED)
        mutation->base_version = SITREP_BASE_VERSION_CHAINED;
      else if (conflict->theirs != NULL)
        mutation->base_version = conflict->theirs_version;
      if (!sitrep_store_apply (self->store, &mutation, 1, error))
        return FALSE;
    }

  return sitrep_store_resolve_conflict (self->store, conflict->id, error);
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

static JsonArray *
split_services (const char *services)
{
  g_auto(GStrv) parts = g_strsplit_set (services ? services : "", ",\n", -1);
  JsonArray *array = json_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *name = g_strstrip (parts[i]);

      if (name[0] != '\0')
        json_array_add_string_element (array, name);
    }

  return array;
}

static JsonObject *
timeline_body (const char         *incident_id,
               const char         *occurred_at,
               SitrepTimelineKind  kind,
               const char         *text,
               const char         *author)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "incident_id", incident_id);
  json_object_set_string_member (body, "occurred_at", occurred_at);
  json_object_set_string_member (body, "kind", sitrep_timeline_kind_to_string (kind));
  json_object_set_string_member (body, "text", text);
  json_object_set_string_member (body, "author", author);
  json_object_set_boolean_member (body, "pinned", FALSE);

  return body;
}

SitrepMutation *
_sitrep_context_timeline_put (const char         *incident_id,
              const char         *occurred_at,
              SitrepTimelineKind  kind,
              const char         *text,
              const char         *author)
{
  g_autofree char *entry_id = g_uuid_string_random ();
  g_autoptr(JsonObject) body = timeline_body (incident_id, occurred_at, kind, text, author);

  return sitrep_mutation_new_put ("timeline", entry_id, body);
}

static JsonObject *
incident_body (const char     *title,
               const char     *services,
               const char     *customer_impact,
               SitrepSeverity  severity,
               SitrepStatus    status)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "title", title);
  json_object_set_string_member (body, "summary", "");
  json_object_set_string_member (body, "severity", sitrep_severity_to_string (severity));
  json_object_set_string_member (body, "status", sitrep_status_to_string (status));
  json_object_set_array_member (body, "services", split_services (services));
  json_object_set_string_member (body, "customer_impact", customer_impact ? customer_impact : "");
  json_object_set_boolean_member (body, "major", FALSE);
  for (guint i = 0; i <= SITREP_MILESTONE_CLOSED; i++)
    json_object_set_null_member (body, sitrep_milestone_to_field (i));

  return body;
}

/* The incident, its IC checklist (and the major-incident items when major)
 * and the first timeline entry: one transaction, so a declared incident is
 * never found half-made. */
static char *
declare (SitrepContext   *self,
         JsonObject      *body,
         const char      *declared_at,
         const char      *declared_by,
         GPtrArray       *extra,
         GError         **error)
{
  g_autoptr(GPtrArray) mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *text = NULL;
  const SitrepChecklistItem *items;
  const SitrepSeverityInfo *info;
  SitrepSeverity severity;
  gsize n_items;
  guint position = 0;

  severity = sitrep_severity_from_string (sitrep_json_get_string (body, "severity"));
  info = sitrep_severity_get_info (severity);
  if (info == NULL)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   _("Choose a severity"));
      return NULL;
    }

  if (sitrep_json_get_string (body, "declared_at") == NULL)
    json_object_set_string_member (body, "declared_at", declared_at);
  if (sitrep_json_get_string (body, "detected_at") == NULL)
    json_object_set_string_member (body, "detected_at", declared_at);

  g_ptr_array_add (mutations, sitrep_mutation_new_put ("incidents", id, body));

  items = sitrep_checklist_default_items (&n_items);
  for (gsize i = 0; i < n_items; i++)
    {
      g_autoptr(JsonObject) item = sitrep_checklist_item_to_body (&items[i], id, position++);
      g_autofree char *item_id = g_strdup_printf ("%s:%s", id, items[i].key);

      g_ptr_array_add (mutations, sitrep_mutation_new_put ("checklist", item_id, item));
    }

  if (sitrep_json_get_bool (body, "major"))
    {
      items = sitrep_checklist_major_items (&n_items);
      for (gsize i = 0; i < n_items; i++)
        {
          g_autoptr(JsonObject) item = sitrep_checklist_item_to_body (&items[i], id, position++);
          g_autofree char *item_id = g_strdup_printf ("%s:%s", id, items[i].key);

          g_ptr_array_add (mutations, sitrep_mutation_new_put ("checklist", item_id, item));
        }
    }

  /* Translators: the first timeline entry, e.g. "Incident declared: P1 (Critical)" */
  text = g_strdup_printf (_("Incident declared: %s (%s)"), info->id, info->name);
  g_ptr_array_add (mutations, _sitrep_context_timeline_put (id, declared_at, SITREP_KIND_STATUS, text,
                                            declared_by));

  if (extra != NULL)
    {
      for (guint i = 0; i < extra->len; i++)
        {
          SitrepMutation *mutation = g_ptr_array_index (extra, i);

          json_object_set_string_member (mutation->data, "incident_id", id);
          g_ptr_array_add (mutations, g_steal_pointer (&extra->pdata[i]));
        }
      g_ptr_array_set_size (extra, 0);
    }

  /* Everything here is new: create-only, never over someone's record. */
  for (guint i = 0; i < mutations->len; i++)
    ((SitrepMutation *) mutations->pdata[i])->base_version = 0;

  if (!sitrep_store_apply (self->store, (SitrepMutation **) mutations->pdata, mutations->len,
                           error))
    return NULL;

  return g_steal_pointer (&id);
}

/**
 * sitrep_context_declare_incident:
 * @services: service names separated by commas
 *
 * Declares an incident now, with the IC checklist and a first timeline entry.
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
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *now = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  stripped = g_strstrip (g_strdup (title ? title : ""));
  if (stripped[0] == '\0')
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   _("An incident needs a title"));
      return NULL;
    }

  now = sitrep_time_now ();
  body = incident_body (stripped, services, customer_impact, severity,
                        SITREP_STATUS_INVESTIGATING);

  return declare (self, body, now, self->user, NULL, error);
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
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *now = sitrep_time_now ();
  g_autofree char *text = NULL;
  SitrepIncident *incident;
  SitrepStatus from;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  if ((incident = _sitrep_context_require_incident (self, id, error)) == NULL)
    return FALSE;

  from = sitrep_incident_get_status (incident);
  if (!sitrep_status_can_transition (from, status))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   _("An incident cannot go from %s to %s"),
                   sitrep_status_get_label (from), sitrep_status_get_label (status));
      return FALSE;
    }

  json_object_set_string_member (fields, "status", sitrep_status_to_string (status));
  if (status == SITREP_STATUS_RESOLVED || status == SITREP_STATUS_CLOSED)
    {
      if (sitrep_incident_get_milestone (incident, SITREP_MILESTONE_RESOLVED) == NULL)
        json_object_set_string_member (fields, "resolved_at", now);
    }
  if (status == SITREP_STATUS_CLOSED)
    json_object_set_string_member (fields, "closed_at", now);
  if (sitrep_status_is_active (status) && !sitrep_status_is_active (from))
    json_object_set_null_member (fields, "resolved_at");

  /* Translators: a timeline entry, e.g. "Status: Investigating → Identified" */
  text = g_strdup_printf (_("Status: %s → %s"), sitrep_status_get_label (from),
                          sitrep_status_get_label (status));

  return _sitrep_context_patch_with_entry (self, id, fields, SITREP_KIND_STATUS, text, error);
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
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *text = NULL;
  SitrepIncident *incident;
  SitrepSeverity from;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  if ((incident = _sitrep_context_require_incident (self, id, error)) == NULL)
    return FALSE;

  from = sitrep_incident_get_severity (incident);
  if (from == severity)
    return TRUE;
  if (sitrep_severity_get_info (severity) == NULL)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   _("Choose a severity"));
      return FALSE;
    }

  json_object_set_string_member (fields, "severity", sitrep_severity_to_string (severity));
  /* Translators: a timeline entry, e.g. "Severity: P2 → P1" */
  text = g_strdup_printf (_("Severity: %s → %s"),
                          from != SITREP_SEVERITY_NONE ? sitrep_severity_to_string (from) : "—",
                          sitrep_severity_to_string (severity));

  return _sitrep_context_patch_with_entry (self, id, fields, SITREP_KIND_STATUS, text, error);
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

typedef struct
{
  gint64        at;
  SitrepRecord *record;
} TimedRecord;

static int
compare_timed (gconstpointer a,
               gconstpointer b)
{
  const TimedRecord *ta = a;
  const TimedRecord *tb = b;

  if (ta->at != tb->at)
    return ta->at < tb->at ? -1 : 1;
  return g_strcmp0 (ta->record->id, tb->record->id);
}

static gint64
occurred_at_usec (SitrepRecord *record)
{
  g_autoptr(GDateTime) at = sitrep_time_parse (sitrep_json_get_string (record->body,
                                                                       "occurred_at"));

  return at ? g_date_time_to_unix (at) * G_USEC_PER_SEC + g_date_time_get_microsecond (at)
            : G_MININT64;
}

/**
 * sitrep_context_list_timeline:
 *
 * Returns: (transfer full) (element-type SitrepRecord): the incident's
 *   timeline entries, oldest first
 */
GPtrArray *
sitrep_context_list_timeline (SitrepContext *self,
                              const char    *incident_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GArray) timed = NULL;
  GPtrArray *sorted;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  sorted = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_record_free);
  entries = sitrep_store_list (self->store, "timeline", incident_id, &error);
  if (entries == NULL)
    {
      g_warning ("Could not read the timeline: %s", error->message);
      return sorted;
    }

  /* Parse each time once, not once per comparison. */
  timed = g_array_sized_new (FALSE, FALSE, sizeof (TimedRecord), entries->len);
  for (guint i = 0; i < entries->len; i++)
    {
      TimedRecord t = { occurred_at_usec (entries->pdata[i]), entries->pdata[i] };

      g_array_append_val (timed, t);
    }
  g_array_sort (timed, compare_timed);

  g_ptr_array_set_free_func (entries, NULL);
  for (guint i = 0; i < timed->len; i++)
    g_ptr_array_add (sorted, g_array_index (timed, TimedRecord, i).record);

  return sorted;
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
  static const struct {
    int minutes;               /* from the alert */
    SitrepTimelineKind kind;
    const char *author;
    const char *text;
  } entries[] = {
    { 0, SITREP_KIND_ALERT, "alertmanager", N_("Alert triggered: High error rate on payment service") },
    { 3, SITREP_KIND_ACTION, "alice", N_("On-call engineer acknowledged alert") },
    { 10, SITREP_KIND_DECISION, "bob", N_("Identified database connection pool exhaustion") },
    { 18, SITREP_KIND_ACTION, "alice", N_("Paged the database team") },
    { 31, SITREP_KIND_NOTE, "charlie", N_("Error rate steady at 27%; card payments failing at checkout") },
  };
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) alert = g_date_time_add_minutes (now, -43);
  g_autoptr(GDateTime) acknowledged = g_date_time_add_minutes (alert, 4);
  g_autoptr(GDateTime) declared = g_date_time_add_minutes (alert, 3);
  g_autofree char *alert_text = sitrep_time_format (alert);
  g_autofree char *acknowledged_text = sitrep_time_format (acknowledged);
  g_autofree char *declared_text = sitrep_time_format (declared);
  g_autoptr(JsonObject) body = NULL;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->incidents)) > 0)
    return NULL;

  body = incident_body (_("Payment service outage"), "payments, checkout",
                        _("Customers cannot complete card payments; about a quarter of "
                          "checkout attempts fail with an error."),
                        SITREP_SEVERITY_P1, SITREP_STATUS_IDENTIFIED);
  json_object_set_string_member (body, "summary",
                                 _("High error rate on the payment service after the "
                                   "database connection pool was exhausted."));
  json_object_set_string_member (body, "detected_at", alert_text);
  json_object_set_string_member (body, "acknowledged_at", acknowledged_text);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autoptr(GDateTime) at = g_date_time_add_minutes (alert, entries[i].minutes);
      g_autofree char *at_text = sitrep_time_format (at);

      /* incident_id is filled in by declare() */
      g_ptr_array_add (extra, _sitrep_context_timeline_put ("", at_text, entries[i].kind, _(entries[i].text),
                                            entries[i].author));
    }

  return declare (self, body, declared_text, "alice", extra, error);
}

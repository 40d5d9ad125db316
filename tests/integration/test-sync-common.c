/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sync-common.c: what the sync engine's tests share */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sitrep-json.h"
#include "test-sync-common.h"

static const char * const collections[] = {
  "incidents", "roles", "checklist", "timeline", "communications", "action_items",
  "postmortems", "templates", "services",
};

/**
 * sync_test_init:
 *
 * Straight to 127.0.0.1: a proxy from the environment has no business
 * between the engines and the test's server. The engines resolve proxies
 * as the app does; GNOME's resolver would need the desktop's GSettings
 * schemas, which the test environment points away from.
 */
void
sync_test_init (void)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_unsetenv ("ALL_PROXY");
  g_setenv ("no_proxy", "127.0.0.1,localhost", TRUE);
}

static void
on_record_changed (SitrepStore *store,
                   const char  *coll,
                   const char  *id,
                   SyncClient  *client)
{
  g_ptr_array_add (client->changed, g_strdup_printf ("%s/%s", coll, id));
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

SyncClient *
sync_client_new (const char *actor)
{
  SyncClient *client = g_new0 (SyncClient, 1);
  g_autoptr(GError) error = NULL;

  client->dir = g_dir_make_tmp ("sitrep-sync-XXXXXX", &error);
  g_assert_no_error (error);
  client->path = g_build_filename (client->dir, "sitrep.db", NULL);
  client->store = sitrep_store_open (client->path, &error);
  g_assert_no_error (error);
  sitrep_store_set_actor (client->store, actor);
  client->engine = sitrep_sync_engine_new (client->store);
  client->changed = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (client->store, "record-changed", G_CALLBACK (on_record_changed), client);
  return client;
}

void
sync_client_free (SyncClient *client)
{
  if (client == NULL)
    return;

  sitrep_sync_engine_stop (client->engine);
  g_clear_object (&client->engine);
  g_signal_handlers_disconnect_by_data (client->store, client);
  g_clear_object (&client->store);
  g_ptr_array_unref (client->changed);
  remove_dir (client->dir);
  g_free (client->path);
  g_free (client->dir);
  g_free (client);
}

void
sync_client_connect (SyncClient *client,
                     const char *base_url,
                     const char *token)
{
  sitrep_sync_engine_set_server (client->engine, base_url, token);
  sitrep_sync_engine_start (client->engine);
}

gboolean
sync_client_saw (SyncClient *client,
                 const char *coll,
                 const char *id)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", coll, id);

  for (guint i = 0; i < client->changed->len; i++)
    if (g_str_equal (client->changed->pdata[i], key))
      return TRUE;
  return FALSE;
}

void
sync_client_put (SyncClient *client,
                 const char *coll,
                 const char *id,
                 JsonObject *body)
{
  g_autoptr(GError) error = NULL;

  sitrep_store_put (client->store, coll, id, body, &error);
  g_assert_no_error (error);
}

/* The text of a live record, NULL when it has none or is deleted. */
char *
sync_client_text (SyncClient *client,
                  const char *coll,
                  const char *id)
{
  g_autoptr(SitrepRecord) record = sitrep_store_get (client->store, coll, id);

  if (record == NULL || record->deleted)
    return NULL;
  return g_strdup (sitrep_json_get_string (record->body, "text"));
}

gint64
sync_client_version (SyncClient *client,
                     const char *coll,
                     const char *id)
{
  g_autoptr(SitrepRecord) record = sitrep_store_get (client->store, coll, id);

  return record != NULL ? record->version : -1;
}

char *
sync_client_create_incident (SyncClient *client,
                             const char *title)
{
  g_autoptr(JsonObject) body = sync_incident_body (title);
  char *id = g_uuid_string_random ();

  sync_client_put (client, "incidents", id, body);
  return id;
}

char *
sync_client_add_entry (SyncClient *client,
                       const char *incident_id,
                       const char *text)
{
  g_autoptr(JsonObject) body = sync_timeline_body (incident_id, text);
  char *id = g_uuid_string_random ();

  sync_client_put (client, "timeline", id, body);
  return id;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * sync_wait:
 *
 * Runs the main loop until @condition holds or @timeout_ms have passed.
 *
 * Returns: whether @condition holds
 */
gboolean
sync_wait (SyncCondition condition,
           gpointer      data,
           guint         timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint tick = g_timeout_add (10, wake_cb, NULL);
  gboolean ok;

  while (!(ok = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
  return ok;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
sync_run_for (guint ms)
{
  sync_wait (never, NULL, ms);
}

typedef struct
{
  SyncClient **clients;
  guint        n_clients;
  gint64       seq;
} Settle;

static gboolean
all_sent (gpointer data)
{
  Settle *settle = data;

  for (guint i = 0; i < settle->n_clients; i++)
    if (sitrep_store_get_pending (settle->clients[i]->store) > 0)
      return FALSE;
  return TRUE;
}

static gboolean
all_caught_up (gpointer data)
{
  Settle *settle = data;

  for (guint i = 0; i < settle->n_clients; i++)
    if (sitrep_store_get_last_seq (settle->clients[i]->store) != settle->seq)
      return FALSE;
  return TRUE;
}

void
sync_note_clients (SyncClient **clients,
                   guint        n_clients)
{
  for (guint i = 0; i < n_clients; i++)
    {
      g_autoptr(GEnumClass) states = g_type_class_ref (SITREP_TYPE_SYNC_STATE);
      SitrepSyncState state = sitrep_sync_engine_get_state (clients[i]->engine);

      sitrep_test_note ("client %u: pending %u, last_seq %" G_GINT64_FORMAT ", state %s, "
                        "last error: %s", i, sitrep_store_get_pending (clients[i]->store),
                        sitrep_store_get_last_seq (clients[i]->store),
                        g_enum_get_value (states, (gint) state)->value_nick,
                        sitrep_sync_engine_get_last_error (clients[i]->engine));
    }
}

/**
 * sync_wait_settled:
 *
 * Waits until every outbox is empty, then until every store has read the
 * feed up to the server's last seq.
 */
gboolean
sync_wait_settled (SitrepTestServer *server,
                   SyncClient      **clients,
                   guint             n_clients,
                   guint             timeout_ms)
{
  Settle settle = { clients, n_clients, 0 };
  gint64 start = g_get_monotonic_time ();
  guint spent;

  if (!sync_wait (all_sent, &settle, timeout_ms))
    {
      sitrep_test_note ("outboxes not empty after %u ms", timeout_ms);
      sync_note_clients (clients, n_clients);
      return FALSE;
    }

  /* Every edit has its answer: nothing more can change on the server. */
  settle.seq = sitrep_test_health_seq (server);
  spent = (guint) ((g_get_monotonic_time () - start) / 1000);
  if (!sync_wait (all_caught_up, &settle, timeout_ms > spent ? timeout_ms - spent : 1))
    {
      sitrep_test_note ("stores not at the server's seq %" G_GINT64_FORMAT, settle.seq);
      sync_note_clients (clients, n_clients);
      return FALSE;
    }
  return TRUE;
}

JsonObject *
sync_incident_body (const char *title)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "title", title);
  json_object_set_string_member (body, "severity", "P2");
  json_object_set_string_member (body, "status", "investigating");
  json_object_set_string_member (body, "declared_at", "2026-11-27T14:32:00Z");
  return body;
}

JsonObject *
sync_timeline_body (const char *incident_id,
                    const char *text)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "incident_id", incident_id);
  json_object_set_string_member (body, "occurred_at", "2026-11-27T14:35:00Z");
  json_object_set_string_member (body, "kind", "note");
  json_object_set_string_member (body, "text", text);
  json_object_set_string_member (body, "author", "scribe");
  json_object_set_boolean_member (body, "pinned", FALSE);
  return body;
}

static void
append_canonical (GString  *out,
                  JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) names = json_object_get_members (object);

        names = g_list_sort (names, (GCompareFunc) strcmp);
        g_string_append_c (out, '{');
        for (GList *l = names; l != NULL; l = l->next)
          {
            g_autoptr(JsonNode) key = json_node_init_string (json_node_alloc (), l->data);

            if (l != names)
              g_string_append_c (out, ',');
            append_canonical (out, key);
            g_string_append_c (out, ':');
            append_canonical (out, json_object_get_member (object, l->data));
          }
        g_string_append_c (out, '}');
        break;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_canonical (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
        break;
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      {
        g_autofree char *text = json_to_string (node, FALSE);

        g_string_append (out, text);
        break;
      }
    }
}

/**
 * sync_canonical_json:
 *
 * Returns: @node as JSON text with every object's members sorted
 */
char *
sync_canonical_json (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  append_canonical (out, node);
  return g_string_free (out, FALSE);
}

static char *
line_for (const char *coll,
          const char *id,
          JsonObject *body)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);
  g_autofree char *canonical = sync_canonical_json (node);

  return g_strdup_printf ("%s/%s %s\n", coll, id, canonical);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A hash of the sorted lines "coll/id canonical-body"; when
 * SITREP_TEST_DUMP is set, the lines go to stderr too. */
static char *
digest_lines (GPtrArray *lines)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    {
      g_checksum_update (checksum, lines->pdata[i], -1);
      if (g_getenv ("SITREP_TEST_DUMP") != NULL)
        g_printerr ("# %s", (const char *) lines->pdata[i]);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

/**
 * sync_store_digest:
 *
 * Returns: the digest of every live record @store shows
 */
char *
sync_store_digest (SitrepStore *store,
                   guint       *n_records)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < G_N_ELEMENTS (collections); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = sitrep_store_list (store, collections[c], NULL, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < records->len; i++)
        {
          SitrepRecord *record = records->pdata[i];

          g_ptr_array_add (lines, line_for (record->coll, record->id, record->body));
        }
    }

  *n_records = lines->len;
  return digest_lines (lines);
}

/**
 * sync_snapshot_digest:
 *
 * Returns: the digest of the live records of a `/v1/snapshot` answer
 */
char *
sync_snapshot_digest (JsonObject *snapshot,
                      guint      *n_records)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  JsonArray *records = json_object_get_array_member (snapshot, "records");

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      if (json_object_get_boolean_member_with_default (record, "deleted", FALSE))
        continue;
      g_ptr_array_add (lines, line_for (json_object_get_string_member (record, "coll"),
                                        json_object_get_string_member (record, "id"),
                                        json_object_get_object_member (record, "body")));
    }

  *n_records = lines->len;
  return digest_lines (lines);
}

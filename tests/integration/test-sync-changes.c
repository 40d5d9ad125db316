/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sync-changes.c: SitrepStore::changed with a real server
 *
 * What a second computer pulls is announced once per commit: a snapshot
 * on first contact in one announcement, a push of several edits from the
 * first computer in one more, each with the visible body.
 */

#include "config.h"

#include "test-sync-common.h"

#define WAIT_MS 20000
#define N_FIRST 20
#define N_BATCH 5

typedef struct
{
  GPtrArray *emissions;   /* of GPtrArray of SitrepStoreChange */
} Watch;

static void
on_changed (SitrepStore *store,
            GPtrArray   *changes,
            Watch       *watch)
{
  GPtrArray *copies = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_store_change_free);

  for (guint i = 0; i < changes->len; i++)
    g_ptr_array_add (copies, sitrep_store_change_copy (changes->pdata[i]));
  g_ptr_array_add (watch->emissions, copies);
}

typedef struct
{
  SyncClient  *client;
  const char **ids;
  guint        n_ids;
} HasAll;

static gboolean
has_all (gpointer data)
{
  HasAll *h = data;

  for (guint i = 0; i < h->n_ids; i++)
    {
      g_autofree char *text = sync_client_text (h->client, "timeline", h->ids[i]);

      if (text == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
nothing_pending (gpointer data)
{
  SyncClient *client = data;

  return sitrep_store_get_pending (client->store) == 0;
}

static void
test_changed_once (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SyncClient) a = sync_client_new ("alice");
  g_autoptr(SyncClient) b = sync_client_new ("bob");
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) mutations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *incident = NULL;
  Watch watch = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref) };
  HasAll h;
  GPtrArray *changes;
  guint n_entries = 0;

  /* Alice writes an incident and its timeline before Bob connects. */
  sync_client_connect (a, server->base_url, server->responder);
  incident = sync_client_create_incident (a, "Checkout is down");
  for (guint i = 0; i < N_FIRST; i++)
    {
      g_autofree char *text = g_strdup_printf ("Entry %u", i);

      g_ptr_array_add (first, sync_client_add_entry (a, incident, text));
    }
  if (!sync_wait (nothing_pending, a, WAIT_MS))
    sync_note_clients (&a, 1);
  g_assert_cmpuint (sitrep_store_get_pending (a->store), ==, 0);

  /* Bob's first contact is a snapshot: one announcement for all of it. */
  g_signal_connect (b->store, "changed", G_CALLBACK (on_changed), &watch);
  sync_client_connect (b, server->base_url, server->responder2);
  h = (HasAll) { b, (const char **) first->pdata, first->len };
  if (!sync_wait (has_all, &h, WAIT_MS))
    sync_note_clients (&b, 1);
  g_assert_true (has_all (&h));
  g_assert_true (sync_wait_settled (server, (SyncClient *[]) { a, b }, 2, WAIT_MS));

  g_assert_cmpuint (watch.emissions->len, ==, 1);
  changes = watch.emissions->pdata[0];
  g_assert_cmpuint (changes->len, ==, N_FIRST + 1);
  for (guint i = 0; i < changes->len; i++)
    {
      SitrepStoreChange *change = changes->pdata[i];

      g_assert_false (change->deleted);
      g_assert_cmpint (change->version, >, 0);
      g_assert_cmpstr (change->incident_id, ==, incident);
      if (g_str_equal (change->coll, "timeline"))
        n_entries++;
      else
        g_assert_nonnull (json_object_get_string_member_with_default (change->body, "ref",
                                                                      NULL));
    }
  g_assert_cmpuint (n_entries, ==, N_FIRST);

  /* Alice adds five entries in one edit: one push, one page for Bob. */
  for (guint i = 0; i < N_BATCH; i++)
    {
      g_autofree char *text = g_strdup_printf ("Batch %u", i);
      g_autoptr(JsonObject) body = sync_timeline_body (incident, text);
      char *id = g_uuid_string_random ();

      g_ptr_array_add (mutations, sitrep_mutation_new_put ("timeline", id, body));
      g_ptr_array_add (batch, id);
    }
  g_assert_true (sitrep_store_apply (a->store, (SitrepMutation **) mutations->pdata,
                                     mutations->len, &error));
  g_assert_no_error (error);

  h = (HasAll) { b, (const char **) batch->pdata, batch->len };
  if (!sync_wait (has_all, &h, WAIT_MS))
    sync_note_clients (&b, 1);
  g_assert_true (has_all (&h));
  g_assert_true (sync_wait_settled (server, (SyncClient *[]) { a, b }, 2, WAIT_MS));

  g_assert_cmpuint (watch.emissions->len, ==, 2);
  changes = watch.emissions->pdata[1];
  g_assert_cmpuint (changes->len, ==, N_BATCH);
  for (guint i = 0; i < N_BATCH; i++)
    {
      SitrepStoreChange *change = changes->pdata[i];
      g_autofree char *text = g_strdup_printf ("Batch %u", i);

      g_assert_cmpstr (change->coll, ==, "timeline");
      g_assert_cmpstr (change->id, ==, batch->pdata[i]);
      g_assert_cmpstr (change->incident_id, ==, incident);
      g_assert_cmpstr (json_object_get_string_member (change->body, "text"), ==, text);
      g_assert_cmpint (change->version, >, 0);
    }

  g_signal_handlers_disconnect_by_data (b->store, &watch);
  g_ptr_array_unref (watch.emissions);
}

void add_changes_tests (void);

void
add_changes_tests (void)
{
  sitrep_test_add ("/sync/changed-once-per-commit", test_changed_once);
}

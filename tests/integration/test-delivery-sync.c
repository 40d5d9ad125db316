/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-delivery-sync.c: a page written in an app while the server is away
 * is delivered once the app reaches it again, and the app learns the
 * outcome from the feed */

#include "config.h"

#include "sitrep-json.h"
#include "delivery-common.h"
#include "lossy-proxy.h"
#include "test-sync-common.h"

typedef struct {
  SyncClient *client;
  const char *id;
  const char *delivery;
} HasDelivery;

static gboolean
has_delivery (gpointer data)
{
  HasDelivery *h = data;
  g_autoptr(SitrepRecord) record = sitrep_store_get (h->client->store, "pages", h->id);

  return record != NULL && !record->deleted
         && g_strcmp0 (sitrep_json_get_string (record->body, "delivery"), h->delivery) == 0;
}

static gboolean
nothing_pending (gpointer data)
{
  SyncClient *client = data;

  return sitrep_store_get_pending (client->store) == 0;
}

static void
test_page_written_offline (void)
{
  g_autoptr(DeliveryFixture) f = delivery_fixture_new ();
  /* The app keeps one address while the server behind it restarts. */
  g_autoptr(SitrepLossyProxy) proxy = sitrep_lossy_proxy_new (f->server->port, 1);
  g_autoptr(SyncClient) client = sync_client_new ("alice");
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(SitrepRecord) record = NULL;
  g_autofree char *incident = NULL;
  g_autofree char *page = sitrep_test_uuid ();
  HasDelivery h = { client, page, "delivered" };
  StandinRequest *request;

  sync_client_connect (client, sitrep_lossy_proxy_get_url (proxy), f->server->responder);
  incident = sync_client_create_incident (client, "Checkout errors");
  g_assert_true (sync_wait (nothing_pending, client, DELIVERY_WAIT_MS));

  sitrep_test_server_stop (f->server);

  json_object_set_string_member (body, "incident_id", incident);
  json_object_set_string_member (body, "team", "database-team");
  json_object_set_string_member (body, "message", "Primary is down");
  json_object_set_string_member (body, "requested_by", "alice");
  json_object_set_string_member (body, "requested_at", TEST_TIME);
  sync_client_put (client, "pages", page, body);
  g_assert_cmpuint (sitrep_store_get_pending (client->store), ==, 1);
  g_assert_cmpuint (standin_count (f->standin, STANDIN_PAGERDUTY), ==, 0);

  sitrep_test_server_start (f->server);
  sitrep_lossy_proxy_set_upstream (proxy, f->server->port);

  if (!sync_wait (has_delivery, &h, DELIVERY_WAIT_MS))
    sync_note_clients (&client, 1);
  record = sitrep_store_get (client->store, "pages", page);
  g_assert_cmpstr (sitrep_json_get_string (record->body, "delivery"), ==, "delivered");
  g_assert_cmpstr (sitrep_json_get_string (record->body, "provider"), ==, "pagerduty");
  g_assert_cmpstr (sitrep_json_get_string (record->body, "message"), ==, "Primary is down");

  g_assert_cmpuint (standin_count (f->standin, STANDIN_PAGERDUTY), ==, 1);
  request = standin_request (f->standin, STANDIN_PAGERDUTY, 0);
  g_assert_null (request->problem);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (request->json),
                                                  "dedup_key"), ==, page);
}

void
add_delivery_sync_tests (void)
{
  sitrep_test_add ("/delivery/page-written-offline", test_page_written_offline);
}

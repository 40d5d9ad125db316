/* SPDX-License-Identifier: GPL-3.0-or-later */
/* delivery-common.c: a real sitrep-server configured to deliver to the
 * provider stand-ins */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "delivery-common.h"

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/**
 * delivery_write_config:
 * @url: the stand-ins' base URL
 *
 * Writes the key files and a configuration in @dir: database-team pages
 * through PagerDuty, short-key-team through PagerDuty with a routing key
 * PagerDuty refuses, platform-team through a webhook; the status page is
 * the stand-in's. Retries start after 5 ms.
 *
 * Returns: (transfer full): the configuration's path
 */
char *
delivery_write_config (const char *dir,
                       const char *url)
{
  g_autofree char *key = write_file (dir, "database-team.key", STANDIN_ROUTING_KEY "\n");
  g_autofree char *short_key = write_file (dir, "short.key", "not-32-characters\n");
  g_autofree char *api_key = write_file (dir, "statuspage.key", STANDIN_API_KEY "\n");
  g_autofree char *config = g_strdup_printf (
    "# as in the README\n"
    "[pagerduty]\n"
    "events-url=%s/v2/enqueue   ; the stand-in, not the default\n"
    "[team:database-team]\n"
    "pagerduty-routing-key-file=%s\n"
    "[team:short-key-team]\n"
    "pagerduty-routing-key-file=%s\n"
    "[team:platform-team]\n"
    "webhook-url=%s/hooks/platform\n"
    "[statuspage]\n"
    "api-url=%s/v1\n"
    "page-id=" STANDIN_PAGE_ID "\n"
    "api-key-file=%s\n"
    "[delivery]\n"
    "retry-delay-ms=5\n",
    url, key, short_key, url, url, api_key);

  return write_file (dir, "sitrep-server.conf", config);
}

DeliveryFixture *
delivery_fixture_new (void)
{
  DeliveryFixture *fixture = g_new0 (DeliveryFixture, 1);
  g_autoptr(GError) error = NULL;

  fixture->standin = standin_new ();
  fixture->dir = g_dir_make_tmp ("sitrep-delivery-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->config = delivery_write_config (fixture->dir, standin_url (fixture->standin));
  fixture->server = sitrep_test_server_new_with_args ("--config", fixture->config, NULL);
  fixture->client_id = sitrep_test_uuid ();
  return fixture;
}

void
delivery_fixture_free (DeliveryFixture *fixture)
{
  static const char * const files[] = {
    "database-team.key", "short.key", "statuspage.key", "sitrep-server.conf",
  };

  if (fixture == NULL)
    return;

  g_clear_pointer (&fixture->server, sitrep_test_server_free);
  g_clear_pointer (&fixture->standin, standin_free);
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, files[i], NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->config);
  g_free (fixture->client_id);
  g_free (fixture);
}

/**
 * delivery_push:
 * @op: "put" or "patch"
 * @json: the body of a put, the fields of a patch
 *
 * Pushes one mutation as the responder and asserts it was applied.
 *
 * Returns: its seq
 */
gint64
delivery_push (DeliveryFixture *fixture,
               const char      *op,
               const char      *coll,
               const char      *id,
               const char      *json)
{
  gint64 mid = ++fixture->mid;
  char *mutation = g_str_equal (op, "put") ? mut_put (mid, coll, id, json)
                                           : mut_patch (mid, coll, id, json);
  g_autofree char *push = push_json (fixture->client_id, mutation, NULL);
  g_autoptr(JsonArray) results = push_results (fixture->server, fixture->server->responder,
                                               push, mid);

  return assert_applied (result_at (results, 0), mid);
}

char *
delivery_incident (DeliveryFixture *fixture,
                   const char      *title,
                   const char      *severity)
{
  char *id = sitrep_test_uuid ();
  g_autofree char *body = incident_body (title, severity);

  delivery_push (fixture, "put", "incidents", id, body);
  return id;
}

/* A page as the app writes it: the intent, no outcome. */
char *
delivery_page (DeliveryFixture *fixture,
               const char      *incident_id,
               const char      *team,
               const char      *message)
{
  char *id = sitrep_test_uuid ();
  g_autofree char *body = g_strdup_printf ("{\"incident_id\": \"%s\", \"team\": \"%s\","
                                           " \"message\": \"%s\", \"requested_by\": \"alice\","
                                           " \"requested_at\": \"" TEST_TIME "\"}",
                                           incident_id, team, message);

  delivery_push (fixture, "put", "pages", id, body);
  return id;
}

/**
 * delivery_wait:
 * @delivery: the `delivery` to wait for
 *
 * Follows the change feed (long-polling, from where the last wait left
 * off) until a change leaves @coll/@id with @delivery.
 *
 * Returns: (transfer full): that change
 */
JsonObject *
delivery_wait (DeliveryFixture *fixture,
               const char      *coll,
               const char      *id,
               const char      *delivery)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) DELIVERY_WAIT_MS * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *path = g_strdup_printf ("/v1/changes?since=%" G_GINT64_FORMAT "&wait=5",
                                               fixture->seen);
      g_autoptr(SitrepReply) reply = sitrep_test_get (fixture->server, fixture->server->admin,
                                                      path);
      JsonArray *changes;

      sitrep_assert_status (reply, 200);
      changes = json_object_get_array_member (sitrep_reply_object (reply), "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);
          JsonObject *body = json_object_get_object_member (change, "body");

          fixture->seen = json_object_get_int_member (change, "seq");
          if (g_str_equal (json_object_get_string_member (change, "coll"), coll)
              && g_str_equal (json_object_get_string_member (change, "id"), id)
              && body != NULL && json_object_has_member (body, "delivery")
              && g_strcmp0 (json_object_get_string_member (body, "delivery"), delivery) == 0)
            return json_object_ref (change);
        }
    }

  {
    g_autoptr(JsonObject) current = delivery_current (fixture, coll, id);
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), current);
    g_autofree char *text = sitrep_test_node_to_string (node);

    sitrep_test_note ("%s/%s never became %s; it is %s", coll, id, delivery, text);
  }
  g_assert_not_reached ();
}

/* The record's body as the server holds it now. */
JsonObject *
delivery_current (DeliveryFixture *fixture,
                  const char      *coll,
                  const char      *id)
{
  g_autoptr(JsonObject) snapshot = sitrep_test_snapshot (fixture->server);
  JsonObject *record = sitrep_test_find_record (snapshot, coll, id);

  g_assert_nonnull (record);
  return json_object_ref (json_object_get_object_member (record, "body"));
}

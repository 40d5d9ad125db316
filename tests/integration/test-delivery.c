/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-delivery.c: the server delivers pages (PROTOCOL.md § Integrations)
 *
 * The real sitrep-server, started with --config, delivers to the provider
 * stand-ins of provider-standin.c, which check each request as PagerDuty
 * and the webhook receiver would. Outcomes are read back from the change
 * feed, as the apps read them.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sitrep-time.h"
#include "delivery-common.h"
#include "test-sync-common.h"

static void
assert_server_change (JsonObject *change)
{
  g_assert_true (json_object_get_null_member (change, "client_id")
                 || !json_object_has_member (change, "client_id"));
  g_assert_cmpstr (json_object_get_string_member (change, "actor"), ==, "sitrep-server");
}

static void
test_pagerduty_delivered (void)
{
  g_autoptr(DeliveryFixture) f = delivery_fixture_new ();
  g_autofree char *incident = delivery_incident (f, "Checkout errors", "P1");
  g_autofree char *page = delivery_page (f, incident, "database-team", "Primary is down");
  g_autoptr(JsonObject) change = delivery_wait (f, "pages", page, "delivered");
  g_autoptr(JsonObject) stored = delivery_current (f, "incidents", incident);
  JsonObject *body = json_object_get_object_member (change, "body");
  StandinRequest *request;
  JsonObject *event, *payload, *details;
  g_autofree char *summary = NULL;

  assert_server_change (change);
  g_assert_cmpstr (json_object_get_string_member (body, "provider"), ==, "pagerduty");
  g_assert_cmpint (json_object_get_int_member (body, "attempts"), ==, 1);
  g_assert_true (json_object_get_null_member (body, "error"));
  g_assert_true (sitrep_time_is_valid (json_object_get_string_member (body, "delivered_at")));
  /* The app's fields are as it wrote them. */
  g_assert_cmpstr (json_object_get_string_member (body, "team"), ==, "database-team");
  g_assert_cmpstr (json_object_get_string_member (body, "requested_by"), ==, "alice");

  g_assert_cmpuint (standin_count (f->standin, STANDIN_PAGERDUTY), ==, 1);
  request = standin_request (f->standin, STANDIN_PAGERDUTY, 0);
  g_assert_null (request->problem);
  g_assert_cmpuint (request->status, ==, 202);

  event = json_node_get_object (request->json);
  g_assert_cmpstr (json_object_get_string_member (event, "routing_key"), ==,
                   STANDIN_ROUTING_KEY);
  g_assert_cmpstr (json_object_get_string_member (event, "event_action"), ==, "trigger");
  g_assert_cmpstr (json_object_get_string_member (event, "dedup_key"), ==, page);
  payload = json_object_get_object_member (event, "payload");
  summary = g_strdup_printf ("%s Checkout errors: Primary is down",
                             json_object_get_string_member (stored, "ref"));
  g_assert_cmpstr (json_object_get_string_member (payload, "summary"), ==, summary);
  g_assert_cmpstr (json_object_get_string_member (payload, "source"), ==, "sitrep");
  g_assert_cmpstr (json_object_get_string_member (payload, "severity"), ==, "critical");
  details = json_object_get_object_member (payload, "custom_details");
  g_assert_cmpstr (json_object_get_string_member (details, "incident_id"), ==, incident);
  g_assert_cmpstr (json_object_get_string_member (details, "ref"), ==,
                   json_object_get_string_member (stored, "ref"));
  g_assert_cmpstr (json_object_get_string_member (details, "requested_by"), ==, "alice");
}

/* P1 critical, P2 error, P3 warning, P4 info */
static void
test_pagerduty_severities (void)
{
  static const char * const severities[][2] = {
    { "P2", "error" }, { "P3", "warning" }, { "P4", "info" },
  };
  g_autoptr(DeliveryFixture) f = delivery_fixture_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (severities); i++)
    {
      g_autofree char *incident = delivery_incident (f, "Slow search", severities[i][0]);
      g_autofree char *page = delivery_page (f, incident, "database-team", "Look");
      g_autoptr(JsonObject) change = delivery_wait (f, "pages", page, "delivered");
      StandinRequest *request = standin_request (f->standin, STANDIN_PAGERDUTY, i);
      JsonObject *payload = json_object_get_object_member (json_node_get_object (request->json),
                                                           "payload");

      g_assert_cmpstr (json_object_get_string_member (payload, "severity"), ==,
                       severities[i][1]);
    }
}

/* Killed after PagerDuty took the event and before the outcome was
 * recorded: the page goes out again under the same dedup_key, and
 * PagerDuty raises one alert. */
static void
test_pagerduty_killed_before_recording (void)
{
  g_autoptr(DeliveryFixture) f = delivery_fixture_new ();
  g_autofree char *incident = delivery_incident (f, "Checkout errors", "P1");
  g_autofree char *page = NULL;
  g_autoptr(JsonObject) change = NULL;
  JsonObject *body;

  standin_hold_next (f->standin, STANDIN_PAGERDUTY);
  page = delivery_page (f, incident, "database-team", "Primary is down");
  g_assert_true (standin_wait_requests (f->standin, 1, DELIVERY_WAIT_MS));
  sitrep_test_server_kill (f->server);

  sitrep_test_server_start (f->server);
  change = delivery_wait (f, "pages", page, "delivered");
  body = json_object_get_object_member (change, "body");
  assert_server_change (change);
  g_assert_cmpint (json_object_get_int_member (body, "attempts"), ==, 1);

  g_assert_cmpuint (standin_count (f->standin, STANDIN_PAGERDUTY), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      StandinRequest *request = standin_request (f->standin, STANDIN_PAGERDUTY, i);

      g_assert_null (request->problem);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (request->json),
                                                      "dedup_key"), ==, page);
    }
  g_assert_cmpuint (standin_pagerduty_alerts (f->standin), ==, 1);
}

/* Stopped while PagerDuty has not answered yet: the server still exits
 * at once and cleanly, and delivers after it is started again. */
static void
test_pagerduty_stopped_while_sending (void)
{
  g_autoptr(DeliveryFixture) f = delivery_fixture_new ();
  g_autofree char *incident = delivery_incident (f, "Checkout errors", "P1");
  g_autofree char *page = NULL;
  g_autoptr(JsonObject) change = NULL;

  standin_hold_next (f->standin, STANDIN_PAGERDUTY);
  page = delivery_page (f, incident, "database-team", "Primary is down");
  g_assert_true (standin_wait_requests (f->standin, 1, DELIVERY_WAIT_MS));
  /* Asserts exit status 0 within the fixture's time */
  sitrep_test_server_stop (f->server);

  sitrep_test_server_start (f->server);
  change = delivery_wait (f, "pages", page, "delivered");
  g_assert_cmpuint (standin_count (f->standin, STANDIN_PAGERDUTY), ==, 2);
  g_assert_cmpuint (standin_pagerduty_alerts (f->standin), ==, 1);
}

/* PagerDuty's 400 is final: failed, with PagerDuty's words, not retried. */
static void
test_pagerduty_refused (void)
{
  g_autoptr(DeliveryFixture) f = delivery_fixture_new ();
  g_autofree char *incident = delivery_incident (f, "Checkout errors", "P2");
  g_autofree char *page = delivery_page (f, incident, "short-key-team", "Primary is down");
  g_autoptr(JsonObject) change = delivery_wait (f, "pages", page, "failed");
  JsonObject *body = json_object_get_object_member (change, "body");
  const char *error = json_object_get_string_member (body, "error");

  assert_server_change (change);
  g_assert_cmpstr (json_object_get_string_member (body, "provider"), ==, "pagerduty");
  g_assert_cmpint (json_object_get_int_member (body, "attempts"), ==, 1);
  g_assert_nonnull (strstr (error, "400"));
  g_assert_nonnull (strstr (error, "Event object is invalid"));
  g_assert_nonnull (strstr (error, "Length of 'routing_key' is incorrect"));
  g_assert_false (json_object_has_member (body, "delivered_at"));

  g_assert_cmpuint (standin_count (f->standin, STANDIN_PAGERDUTY), ==, 1);
  g_assert_cmpuint (standin_request (f->standin, STANDIN_PAGERDUTY, 0)->status, ==, 400);
}

/* 503 and 429 are retried with the same dedup_key; the attempts count. */
static void
test_pagerduty_retried (void)
{
  g_autoptr(DeliveryFixture) f = delivery_fixture_new ();
  g_autofree char *incident = delivery_incident (f, "Checkout errors", "P1");
  g_autofree char *page = NULL;
  g_autoptr(JsonObject) pending = NULL;
  g_autoptr(JsonObject) change = NULL;
  JsonObject *body;

  standin_answer_next (f->standin, STANDIN_PAGERDUTY, 503, NULL);
  standin_answer_next (f->standin, STANDIN_PAGERDUTY, 429,
                       "{\"status\": \"throttle event\", \"message\": \"Requests for this "
                       "service are arriving too quickly\"}");
  page = delivery_page (f, incident, "database-team", "Primary is down");

  pending = delivery_wait (f, "pages", page, "pending");
  body = json_object_get_object_member (pending, "body");
  g_assert_cmpint (json_object_get_int_member (body, "attempts"), ==, 1);
  g_assert_nonnull (strstr (json_object_get_string_member (body, "error"), "503"));

  change = delivery_wait (f, "pages", page, "delivered");
  body = json_object_get_object_member (change, "body");
  g_assert_cmpint (json_object_get_int_member (body, "attempts"), ==, 3);
  g_assert_true (json_object_get_null_member (body, "error"));

  g_assert_cmpuint (standin_count (f->standin, STANDIN_PAGERDUTY), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (json_object_get_string_member (
                       json_node_get_object (standin_request (f->standin, STANDIN_PAGERDUTY,
                                                              i)->json), "dedup_key"), ==, page);
  g_assert_cmpuint (standin_pagerduty_alerts (f->standin), ==, 1);
}

/* A 429 with Retry-After: the next attempt waits that long, not the
 * configured few milliseconds. */
static void
test_pagerduty_retry_after (void)
{
  g_autoptr(DeliveryFixture) f = delivery_fixture_new ();
  g_autofree char *incident = delivery_incident (f, "Checkout errors", "P1");
  g_autofree char *page = NULL;
  g_autoptr(JsonObject) change = NULL;
  gint64 waited;

  standin_answer_next_retry_after (f->standin, STANDIN_PAGERDUTY, 429, 1);
  page = delivery_page (f, incident, "database-team", "Primary is down");
  change = delivery_wait (f, "pages", page, "delivered");

  g_assert_cmpuint (standin_count (f->standin, STANDIN_PAGERDUTY), ==, 2);
  waited = standin_request (f->standin, STANDIN_PAGERDUTY, 1)->arrived_us
           - standin_request (f->standin, STANDIN_PAGERDUTY, 0)->arrived_us;
  g_assert_cmpint (waited, >=, G_USEC_PER_SEC);
}

/* Ten 500s in a row: failed after the tenth attempt, no eleventh. */
static void
test_pagerduty_gives_up (void)
{
  g_autoptr(DeliveryFixture) f = delivery_fixture_new ();
  g_autofree char *incident = delivery_incident (f, "Checkout errors", "P1");
  g_autofree char *page = NULL;
  g_autoptr(JsonObject) change = NULL;
  JsonObject *body;

  for (guint i = 0; i < 11; i++)
    standin_answer_next (f->standin, STANDIN_PAGERDUTY, 500,
                         "{\"status\": \"error\", \"message\": \"Internal error\"}");
  page = delivery_page (f, incident, "database-team", "Primary is down");

  change = delivery_wait (f, "pages", page, "failed");
  body = json_object_get_object_member (change, "body");
  g_assert_cmpint (json_object_get_int_member (body, "attempts"), ==, 10);
  g_assert_nonnull (strstr (json_object_get_string_member (body, "error"), "Internal error"));
  g_assert_cmpuint (standin_count (f->standin, STANDIN_PAGERDUTY), ==, 10);
}

/* A team with a webhook gets the page record, as the protocol shapes it. */
static void
test_webhook (void)
{
  g_autoptr(DeliveryFixture) f = delivery_fixture_new ();
  g_autofree char *incident = delivery_incident (f, "Deploys stuck", "P3");
  g_autofree char *page = delivery_page (f, incident, "platform-team", "Runner pool empty");
  g_autoptr(JsonObject) change = delivery_wait (f, "pages", page, "delivered");
  JsonObject *body = json_object_get_object_member (change, "body");
  StandinRequest *request;
  JsonObject *record, *sent;

  assert_server_change (change);
  g_assert_cmpstr (json_object_get_string_member (body, "provider"), ==, "webhook");
  g_assert_cmpint (json_object_get_int_member (body, "attempts"), ==, 1);

  g_assert_cmpuint (standin_count (f->standin, STANDIN_WEBHOOK), ==, 1);
  g_assert_cmpuint (standin_count (f->standin, STANDIN_PAGERDUTY), ==, 0);
  request = standin_request (f->standin, STANDIN_WEBHOOK, 0);
  g_assert_null (request->problem);
  g_assert_cmpstr (request->path, ==, "/hooks/platform");
  record = json_node_get_object (request->json);
  g_assert_cmpstr (json_object_get_string_member (record, "coll"), ==, "pages");
  g_assert_cmpstr (json_object_get_string_member (record, "id"), ==, page);
  g_assert_false (json_object_get_boolean_member (record, "deleted"));
  g_assert_cmpint (json_object_get_int_member (record, "version"), >, 0);
  sent = json_object_get_object_member (record, "body");
  g_assert_cmpstr (json_object_get_string_member (sent, "incident_id"), ==, incident);
  g_assert_cmpstr (json_object_get_string_member (sent, "team"), ==, "platform-team");
  g_assert_cmpstr (json_object_get_string_member (sent, "message"), ==, "Runner pool empty");
  g_assert_cmpstr (json_object_get_string_member (sent, "requested_by"), ==, "alice");
}

/* A team the configuration does not name: failed at once, saying so. */
static void
test_unknown_team (void)
{
  g_autoptr(DeliveryFixture) f = delivery_fixture_new ();
  g_autofree char *incident = delivery_incident (f, "Checkout errors", "P1");
  g_autofree char *page = delivery_page (f, incident, "payments-team", "Anyone?");
  g_autoptr(JsonObject) change = delivery_wait (f, "pages", page, "failed");
  JsonObject *body = json_object_get_object_member (change, "body");

  g_assert_nonnull (strstr (json_object_get_string_member (body, "error"), "payments-team"));
  g_assert_cmpint (json_object_get_int_member (body, "attempts"), ==, 0);
  g_assert_cmpuint (standin_count (f->standin, STANDIN_PAGERDUTY), ==, 0);
}

/* A client that puts the page whole keeps the outcome, and cannot write
 * one; nothing is delivered again. */
static void
test_put_keeps_outcome (void)
{
  g_autoptr(DeliveryFixture) f = delivery_fixture_new ();
  g_autofree char *incident = delivery_incident (f, "Checkout errors", "P1");
  g_autofree char *page = delivery_page (f, incident, "database-team", "Primary is down");
  g_autoptr(JsonObject) change = delivery_wait (f, "pages", page, "delivered");
  g_autoptr(JsonObject) delivered = json_object_ref (json_object_get_object_member (change,
                                                                                    "body"));
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autofree char *body = NULL;
  g_autofree char *other = NULL;
  g_autofree char *new_page = NULL;

  body = g_strdup_printf ("{\"incident_id\": \"%s\", \"team\": \"database-team\","
                          " \"message\": \"Primary is down, reworded\", \"requested_by\": \"alice\","
                          " \"requested_at\": \"" TEST_TIME "\", \"delivery\": \"pending\","
                          " \"attempts\": 0, \"error\": \"forged\"}", incident);
  delivery_push (f, "put", "pages", page, body);
  delivery_push (f, "patch", "pages", page, "{\"delivered_at\": null, \"provider\": \"webhook\"}");

  after = delivery_current (f, "pages", page);
  g_assert_cmpstr (json_object_get_string_member (after, "message"), ==,
                   "Primary is down, reworded");
  g_assert_cmpstr (json_object_get_string_member (after, "delivery"), ==, "delivered");
  g_assert_cmpstr (json_object_get_string_member (after, "provider"), ==, "pagerduty");
  g_assert_cmpint (json_object_get_int_member (after, "attempts"), ==, 1);
  g_assert_true (json_object_get_null_member (after, "error"));
  g_assert_cmpstr (json_object_get_string_member (after, "delivered_at"), ==,
                   json_object_get_string_member (delivered, "delivered_at"));

  /* A page after it is delivered in turn: by then the put above was read
   * and sent nothing. */
  new_page = delivery_page (f, incident, "database-team", "Still down");
  second = delivery_wait (f, "pages", new_page, "delivered");
  g_assert_cmpuint (standin_count (f->standin, STANDIN_PAGERDUTY), ==, 2);
  other = g_strdup (json_object_get_string_member (
                      json_node_get_object (standin_request (f->standin, STANDIN_PAGERDUTY,
                                                             1)->json), "dedup_key"));
  g_assert_cmpstr (other, ==, new_page);
}

/* Secrets stay on the server: no answer carries them. */
static void
test_secrets_stay (void)
{
  g_autoptr(DeliveryFixture) f = delivery_fixture_new ();
  g_autofree char *incident = delivery_incident (f, "Checkout errors", "P1");
  g_autofree char *page = delivery_page (f, incident, "database-team", "Primary is down");
  g_autoptr(JsonObject) change = delivery_wait (f, "pages", page, "delivered");
  g_autoptr(SitrepReply) snapshot = sitrep_test_get (f->server, f->server->admin,
                                                     "/v1/snapshot");
  g_autoptr(SitrepReply) changes = sitrep_test_get (f->server, f->server->admin,
                                                    "/v1/changes?since=0");
  g_autofree char *snapshot_text = g_strndup (g_bytes_get_data (snapshot->body, NULL),
                                              g_bytes_get_size (snapshot->body));
  g_autofree char *changes_text = g_strndup (g_bytes_get_data (changes->body, NULL),
                                             g_bytes_get_size (changes->body));

  g_assert_null (strstr (snapshot_text, STANDIN_ROUTING_KEY));
  g_assert_null (strstr (changes_text, STANDIN_ROUTING_KEY));
  g_assert_null (strstr (snapshot_text, STANDIN_API_KEY));
}

/* `serve --config` refuses a wrong file before serving: exit 2, and a line
 * naming the file, the group and the key. */
static void
test_config_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sitrep-config-XXXXXX", &error);
  g_autofree char *key = g_build_filename (dir, "team.key", NULL);
  g_autofree char *db = g_build_filename (dir, "sitrep.db", NULL);
  g_autofree char *conf = g_build_filename (dir, "sitrep-server.conf", NULL);
  g_autofree char *missing = g_build_filename (dir, "absent.key", NULL);
  struct {
    const char *contents;
    const char *expected;
  } cases[] = {
    { "[team:database-team]\n", "[team:database-team]: needs exactly one of" },
    { "[team:database-team]\npagerduty-routing-key-file=@KEY@\nwebhook-url=https://x.example/h\n",
      "[team:database-team]: needs exactly one of" },
    { "[team:database-team]\npagerduty-routing-key-file=@MISSING@\n",
      "[team:database-team] pagerduty-routing-key-file: cannot read" },
    { "[team:platform-team]\nwebhook-url=ftp://chat.example.com/hooks\n",
      "[team:platform-team] webhook-url: “ftp://chat.example.com/hooks” is not an http" },
    { "[pagerduty]\nevents-url=not a url\n", "[pagerduty] events-url:" },
    { "[pagerduty]\nrouting-key=abc\n", "[pagerduty] routing-key: unknown key" },
    { "[statuspage]\napi-key-file=@KEY@\n", "[statuspage] page-id: required" },
    { "[statuspage]\npage-id=kctbh9vrtdwd\n", "[statuspage] api-key-file: required" },
    { "[opsgenie]\napi-key-file=@KEY@\n", "[opsgenie]: unknown group" },
    { "[delivery]\nretry-delay-ms=soon\n", "[delivery] retry-delay-ms:" },
    { "not a key file\n", "" },
  };

  g_assert_no_error (error);
  g_file_set_contents (key, "R0UT1NGKEY0F32CHARACTERS00000001\n", -1, &error);
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GString) contents = g_string_new (cases[i].contents);
      g_autofree char *expected = g_strdup_printf ("sitrep-server: %s: %s", conf,
                                                   cases[i].expected);
      int status;

      g_string_replace (contents, "@KEY@", key, 0);
      g_string_replace (contents, "@MISSING@", missing, 0);
      g_file_set_contents (conf, contents->str, -1, &error);
      g_assert_no_error (error);

      status = sitrep_test_run_cli (&out, &err, "serve", "--db", db, "--listen", "127.0.0.1:0",
                                    "--config", conf, NULL);
      if (status != 2 || !g_str_has_prefix (err, expected))
        sitrep_test_note ("%s: exit %d, stderr: %s", cases[i].contents, status, err);
      g_assert_cmpint (status, ==, 2);
      g_assert_true (g_str_has_prefix (err, expected));
      g_assert_null (strstr (err, "R0UT1NGKEY"));
      g_assert_cmpstr (out, ==, "");
    }

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *absent = g_build_filename (dir, "absent.conf", NULL);
    int status = sitrep_test_run_cli (&out, &err, "serve", "--db", db, "--listen",
                                      "127.0.0.1:0", "--config", absent, NULL);

    g_assert_cmpint (status, ==, 2);
    g_assert_true (g_str_has_prefix (err, "sitrep-server: "));
    g_assert_nonnull (strstr (err, absent));
  }

  g_unlink (key);
  g_unlink (conf);
  g_unlink (db);
  g_rmdir (dir);
}

static void
test_help_lists_config (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (sitrep_test_run_cli (&out, &err, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "[--config FILE]"));
  g_assert_nonnull (strstr (out, "--config FILE "));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sync_test_init ();

  sitrep_test_add ("/delivery/pagerduty/delivered", test_pagerduty_delivered);
  sitrep_test_add ("/delivery/pagerduty/severities", test_pagerduty_severities);
  sitrep_test_add ("/delivery/pagerduty/killed-before-recording",
                   test_pagerduty_killed_before_recording);
  sitrep_test_add ("/delivery/pagerduty/stopped-while-sending",
                   test_pagerduty_stopped_while_sending);
  sitrep_test_add ("/delivery/pagerduty/refused", test_pagerduty_refused);
  sitrep_test_add ("/delivery/pagerduty/retried", test_pagerduty_retried);
  sitrep_test_add ("/delivery/pagerduty/retry-after", test_pagerduty_retry_after);
  sitrep_test_add ("/delivery/pagerduty/gives-up", test_pagerduty_gives_up);
  sitrep_test_add ("/delivery/webhook", test_webhook);
  sitrep_test_add ("/delivery/unknown-team", test_unknown_team);
  sitrep_test_add ("/delivery/put-keeps-outcome", test_put_keeps_outcome);
  sitrep_test_add ("/delivery/secrets-stay", test_secrets_stay);
  sitrep_test_add ("/delivery/config-errors", test_config_errors);
  sitrep_test_add ("/delivery/help-lists-config", test_help_lists_config);
  add_delivery_statuspage_tests ();
  add_delivery_sync_tests ();

  return g_test_run ();
}

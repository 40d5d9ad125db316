/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-delivery-statuspage.c: published communications reach the status
 * page (PROTOCOL.md § Integrations) */

#include "config.h"

#include <string.h>

#include "delivery-common.h"

static char *
communication_with_id (DeliveryFixture *f,
                       char            *id,
                       const char      *incident_id,
                       const char      *title,
                       const char      *text,
                       const char      *extra)
{
  g_autofree char *body = g_strdup_printf ("{\"incident_id\": \"%s\", \"audience\": \"status_page\","
                                           " \"template\": \"initial\", \"status\": \"Investigating\","
                                           " \"title\": \"%s\", \"body\": \"%s\","
                                           " \"sent_at\": null, \"sent_by\": \"carol\"%s%s}",
                                           incident_id, title, text,
                                           extra != NULL ? ", " : "", extra != NULL ? extra : "");

  delivery_push (f, "put", "communications", id, body);
  return id;
}

static char *
communication (DeliveryFixture *f,
               const char      *incident_id,
               const char      *title,
               const char      *text,
               const char      *extra)
{
  return communication_with_id (f, sitrep_test_uuid (), incident_id, title, text, extra);
}

/* A uuid that sorts first or last among the records of its collection */
static char *
uuid_starting (const char *start)
{
  g_autofree char *uuid = sitrep_test_uuid ();

  return g_strconcat (start, uuid + 8, NULL);
}

static JsonObject *
sent_incident (StandinRequest *request)
{
  g_assert_null (request->problem);
  return json_object_get_object_member (json_node_get_object (request->json), "incident");
}

/* The first publication creates the Statuspage incident; the next ones,
 * even pushed before the first was answered, update that one. */
static void
test_created_then_updated (void)
{
  g_autoptr(DeliveryFixture) f = delivery_fixture_new ();
  g_autofree char *incident = delivery_incident (f, "Checkout errors", "P2");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr(JsonObject) change = NULL;
  g_autofree char *external_id = NULL;
  g_autofree char *update_path = NULL;
  StandinRequest *request;
  JsonObject *body, *sent;

  first = communication (f, incident, "Payments - Service Disruption",
                         "We are investigating failed card payments.",
                         "\"publish\": true, \"approval\": \"none\"");
  second = communication (f, incident, "Payments - Service Disruption",
                          "We are still investigating.", "\"publish\": true");

  change = delivery_wait (f, "communications", first, "delivered");
  body = json_object_get_object_member (change, "body");
  g_assert_true (json_object_get_null_member (change, "client_id")
                 || !json_object_has_member (change, "client_id"));
  g_assert_cmpstr (json_object_get_string_member (change, "actor"), ==, "sitrep-server");
  g_assert_cmpstr (json_object_get_string_member (body, "provider"), ==, "statuspage");
  g_assert_cmpint (json_object_get_int_member (body, "attempts"), ==, 1);
  external_id = g_strdup (json_object_get_string_member (body, "external_id"));
  g_assert_cmpstr (external_id, ==, "sp0000000001");
  g_clear_pointer (&change, json_object_unref);

  request = standin_request (f->standin, STANDIN_STATUSPAGE, 0);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/v1/pages/" STANDIN_PAGE_ID "/incidents");
  g_assert_cmpstr (request->authorization, ==, "OAuth " STANDIN_API_KEY);
  g_assert_cmpuint (request->status, ==, 201);
  sent = sent_incident (request);
  g_assert_cmpstr (json_object_get_string_member (sent, "name"), ==,
                   "Payments - Service Disruption");
  g_assert_cmpstr (json_object_get_string_member (sent, "status"), ==, "investigating");
  g_assert_cmpstr (json_object_get_string_member (sent, "body"), ==,
                   "We are investigating failed card payments.");
  /* P2 */
  g_assert_cmpstr (json_object_get_string_member (sent, "impact_override"), ==, "major");

  change = delivery_wait (f, "communications", second, "delivered");
  body = json_object_get_object_member (change, "body");
  g_assert_cmpstr (json_object_get_string_member (body, "external_id"), ==, external_id);
  g_clear_pointer (&change, json_object_unref);

  update_path = g_strdup_printf ("/v1/pages/" STANDIN_PAGE_ID "/incidents/%s", external_id);
  request = standin_request (f->standin, STANDIN_STATUSPAGE, 1);
  g_assert_cmpstr (request->method, ==, "PATCH");
  g_assert_cmpstr (request->path, ==, update_path);
  g_assert_cmpstr (request->authorization, ==, "OAuth " STANDIN_API_KEY);
  g_assert_cmpuint (request->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sent_incident (request), "body"), ==,
                   "We are still investigating.");

  /* The incident moves on; its status goes with the next update. */
  delivery_push (f, "patch", "incidents", incident,
                 "{\"status\": \"resolved\", \"severity\": \"P1\","
                 " \"resolved_at\": \"" TEST_TIME "\"}");
  third = communication (f, incident, "Payments - Resolved", "Payments work again.",
                         "\"publish\": true, \"approval\": \"none\"");
  change = delivery_wait (f, "communications", third, "delivered");

  request = standin_request (f->standin, STANDIN_STATUSPAGE, 2);
  g_assert_cmpstr (request->method, ==, "PATCH");
  g_assert_cmpstr (request->path, ==, update_path);
  sent = sent_incident (request);
  g_assert_cmpstr (json_object_get_string_member (sent, "status"), ==, "resolved");
  g_assert_cmpstr (json_object_get_string_member (sent, "impact_override"), ==, "critical");
  g_assert_cmpstr (json_object_get_string_member (sent, "name"), ==, "Payments - Resolved");

  g_assert_cmpuint (standin_count (f->standin, STANDIN_STATUSPAGE), ==, 3);
  g_assert_cmpuint (standin_statuspage_incidents (f->standin), ==, 1);
}

/* Awaiting approval, or not asked to be published: nothing is sent; once
 * approved, it is. */
static void
test_waits_for_approval (void)
{
  g_autoptr(DeliveryFixture) f = delivery_fixture_new ();
  g_autofree char *incident = delivery_incident (f, "Checkout errors", "P3");
  g_autofree char *awaiting = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *page = NULL;
  g_autoptr(JsonObject) paged = NULL;
  g_autoptr(JsonObject) held = NULL;
  g_autoptr(JsonObject) change = NULL;
  JsonObject *sent;

  awaiting = communication (f, incident, "Payments - Degraded", "Some payments fail.",
                            "\"publish\": true, \"approval\": \"awaiting\"");
  draft = communication (f, incident, "Payments - Degraded", "Draft.",
                         "\"publish\": false, \"approval\": \"none\"");

  /* Committed after them, so read after them: once it is delivered, the
   * server has passed over both. */
  page = delivery_page (f, incident, "database-team", "Look at the replicas");
  paged = delivery_wait (f, "pages", page, "delivered");
  g_assert_cmpuint (standin_count (f->standin, STANDIN_STATUSPAGE), ==, 0);
  held = delivery_current (f, "communications", awaiting);
  g_assert_false (json_object_has_member (held, "delivery"));
  g_assert_false (json_object_has_member (held, "external_id"));

  delivery_push (f, "patch", "communications", awaiting,
                 "{\"approval\": \"approved\", \"approved_by\": \"dana\","
                 " \"approved_at\": \"" TEST_TIME "\"}");
  change = delivery_wait (f, "communications", awaiting, "delivered");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (change, "body"),
                                                  "approved_by"), ==, "dana");

  g_assert_cmpuint (standin_count (f->standin, STANDIN_STATUSPAGE), ==, 1);
  sent = sent_incident (standin_request (f->standin, STANDIN_STATUSPAGE, 0));
  g_assert_cmpstr (json_object_get_string_member (sent, "body"), ==, "Some payments fail.");
  g_assert_cmpstr (json_object_get_string_member (sent, "impact_override"), ==, "minor");
  g_clear_pointer (&held, json_object_unref);
  held = delivery_current (f, "communications", draft);
  g_assert_false (json_object_has_member (held, "delivery"));
}

/* Statuspage refuses: final, its words kept; the next one creates. */
static void
test_refused (void)
{
  g_autoptr(DeliveryFixture) f = delivery_fixture_new ();
  g_autofree char *incident = delivery_incident (f, "Checkout errors", "P4");
  g_autofree char *refused = NULL;
  g_autofree char *next = NULL;
  g_autoptr(JsonObject) change = NULL;
  g_autoptr(JsonObject) created = NULL;
  JsonObject *body;

  standin_answer_next (f->standin, STANDIN_STATUSPAGE, 422,
                       "{\"error\": \"Body is too long (maximum is 25000 characters)\"}");
  refused = communication (f, incident, "Payments", "Long.", "\"publish\": true");
  change = delivery_wait (f, "communications", refused, "failed");
  body = json_object_get_object_member (change, "body");
  g_assert_nonnull (strstr (json_object_get_string_member (body, "error"),
                            "Body is too long (maximum is 25000 characters)"));
  g_assert_nonnull (strstr (json_object_get_string_member (body, "error"), "422"));
  g_assert_false (json_object_has_member (body, "external_id"));

  next = communication (f, incident, "Payments", "Short.", "\"publish\": true");
  created = delivery_wait (f, "communications", next, "delivered");
  g_assert_cmpstr (standin_request (f->standin, STANDIN_STATUSPAGE, 1)->method, ==, "POST");
  g_assert_cmpstr (json_object_get_string_member (sent_incident (
                     standin_request (f->standin, STANDIN_STATUSPAGE, 1)), "impact_override"),
                   ==, "none");
  g_assert_cmpuint (standin_count (f->standin, STANDIN_STATUSPAGE), ==, 2);
}

/* Killed while an update was on its way: after the restart it still
 * updates the incident the first communication created, with the
 * incident's status and impact, though the server reads it before that
 * communication and before the incident. */
static void
test_pending_at_restart (void)
{
  g_autoptr(DeliveryFixture) f = delivery_fixture_new ();
  g_autofree char *incident = delivery_incident (f, "Checkout errors", "P1");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *update_path = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) updated = NULL;
  StandinRequest *request;
  JsonObject *sent;

  first = communication_with_id (f, uuid_starting ("ffffffff"), incident, "Payments",
                                 "Investigating.", "\"publish\": true");
  created = delivery_wait (f, "communications", first, "delivered");
  update_path = g_strdup_printf ("/v1/pages/" STANDIN_PAGE_ID "/incidents/%s",
                                 json_object_get_string_member (
                                   json_object_get_object_member (created, "body"),
                                   "external_id"));

  standin_hold_next (f->standin, STANDIN_STATUSPAGE);
  second = communication_with_id (f, uuid_starting ("00000000"), incident, "Payments",
                                  "Identified.", "\"publish\": true");
  g_assert_true (standin_wait_requests (f->standin, 2, DELIVERY_WAIT_MS));
  sitrep_test_server_kill (f->server);
  sitrep_test_server_start (f->server);

  updated = delivery_wait (f, "communications", second, "delivered");
  g_assert_cmpuint (standin_count (f->standin, STANDIN_STATUSPAGE), ==, 3);
  request = standin_request (f->standin, STANDIN_STATUSPAGE, 2);
  g_assert_cmpstr (request->method, ==, "PATCH");
  g_assert_cmpstr (request->path, ==, update_path);
  sent = sent_incident (request);
  g_assert_cmpstr (json_object_get_string_member (sent, "body"), ==, "Identified.");
  g_assert_cmpstr (json_object_get_string_member (sent, "impact_override"), ==, "critical");
  g_assert_cmpuint (standin_statuspage_incidents (f->standin), ==, 1);
}

void
add_delivery_statuspage_tests (void)
{
  sitrep_test_add ("/delivery/statuspage/pending-at-restart", test_pending_at_restart);
  sitrep_test_add ("/delivery/statuspage/created-then-updated", test_created_then_updated);
  sitrep_test_add ("/delivery/statuspage/waits-for-approval", test_waits_for_approval);
  sitrep_test_add ("/delivery/statuspage/refused", test_refused);
}

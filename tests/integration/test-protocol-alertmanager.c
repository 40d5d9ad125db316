/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-protocol-alertmanager.c: POST /v1/integrations/alertmanager
 *
 * Webhook payloads as Alertmanager 0.2x sends them (version "4"), triaged
 * by the rules of DESIGN.md: a critical service over 20% errors is P1, over
 * 10% P2, over 5% P3, else P4.
 */

#include "config.h"

#include <string.h>

#include "protocol-common.h"

typedef struct
{
  const char *alertname;
  const char *instance;
  const char *fingerprint;
} Alert;

static const Alert alert_a = { "PaymentsHighErrorRate", "payments-api-7d9f8-x2k4p:8080",
                               "5f3a1c2b9d8e7f60" };
static const Alert alert_b = { "PaymentsHighErrorRate", "payments-api-7d9f8-q9z1m:8080",
                               "9c2e4b1a7d6f3e81" };
static const Alert alert_c = { "PaymentsHighLatency", "payments-api-7d9f8-x2k4p:8080",
                               "1b7e9d3c5a2f4e06" };

/* A payload for @service at @error_rate (a fraction, as the annotation of a
 * Prometheus rule would render it); @extra adds annotations. */
static char *
payload_full (const char   *status,
              const char   *service,
              const char   *error_rate,
              const char   *severity,
              const char   *extra,
              const Alert **alerts,
              guint         n_alerts)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *ends_at = g_str_equal (status, "resolved") ? "2026-11-27T15:10:00Z"
                                                         : "0001-01-01T00:00:00Z";

  g_string_append_printf (s, "{\"receiver\": \"sitrep-webhook\", \"status\": \"%s\", \"alerts\": [",
                          status);
  for (guint i = 0; i < n_alerts; i++)
    g_string_append_printf (s,
                            "%s{\"status\": \"%s\","
                            " \"labels\": {\"alertname\": \"%s\", \"service\": \"%s\","
                            " \"severity\": \"%s\", \"instance\": \"%s\", \"job\": \"%s-api\","
                            " \"namespace\": \"prod\"},"
                            " \"annotations\": {\"summary\": \"%s error rate is %s\","
                            " \"description\": \"5xx ratio over the last 5 minutes on %s\","
                            " \"error_rate\": \"%s\"%s,"
                            " \"runbook_url\": \"https://runbooks.example.com/%s\"},"
                            " \"startsAt\": \"2026-11-27T14:29:30.123Z\", \"endsAt\": \"%s\","
                            " \"generatorURL\": \"http://prometheus.example.com:9090/graph?g0.expr="
                            "sum%%28rate%%28http_requests_total%%7Bcode%%3D~%%225..%%22%%7D"
                            "%%5B5m%%5D%%29%%29&g0.tab=1\","
                            " \"fingerprint\": \"%s\"}",
                            i > 0 ? ", " : "", status, alerts[i]->alertname, service, severity,
                            alerts[i]->instance, service, service, error_rate,
                            alerts[i]->instance, error_rate, extra, service, ends_at,
                            alerts[i]->fingerprint);
  g_string_append_printf (s,
                          "], \"groupLabels\": {\"service\": \"%s\"},"
                          " \"commonLabels\": {\"service\": \"%s\", \"severity\": \"%s\","
                          " \"job\": \"%s-api\", \"namespace\": \"prod\"},"
                          " \"commonAnnotations\": {\"error_rate\": \"%s\"%s,"
                          " \"runbook_url\": \"https://runbooks.example.com/%s\"},"
                          " \"externalURL\": \"http://alertmanager.example.com:9093\","
                          " \"version\": \"4\","
                          " \"groupKey\": \"{}/{namespace=\\\"prod\\\"}:{service=\\\"%s\\\"}\","
                          " \"truncatedAlerts\": 0}",
                          service, service, severity, service, error_rate, extra, service,
                          service);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
payload (const char   *status,
         const char   *service,
         const char   *error_rate,
         const char   *severity,
         const Alert **alerts,
         guint         n_alerts)
{
  return payload_full (status, service, error_rate, severity, "", alerts, n_alerts);
}

static SitrepReply *
post_alert (SitrepTestServer *server,
            const char       *token,
            const char       *body)
{
  return sitrep_test_request (server, NULL, "POST", "/v1/integrations/alertmanager", token,
                              "application/json", body, -1);
}

/* Posts, asserts the 200 answer, returns the incident id; @ref_out gets
 * the ref. */
static char *
post_ok (SitrepTestServer  *server,
         const char        *body,
         char             **ref_out)
{
  g_autoptr(SitrepReply) reply = post_alert (server, server->responder, body);
  JsonObject *obj;
  const char *id;
  const char *ref;

  sitrep_assert_status (reply, 200);
  obj = sitrep_reply_object (reply);
  id = json_object_get_string_member_with_default (obj, "incident_id", NULL);
  ref = json_object_get_string_member_with_default (obj, "ref", NULL);
  g_assert_nonnull (id);
  g_assert_true (g_uuid_string_is_valid (id));
  g_assert_nonnull (ref);
  g_assert_true (g_regex_match_simple ("^INC-[0-9]{4}-[0-9]{3}$", ref, 0, 0));
  if (ref_out != NULL)
    *ref_out = g_strdup (ref);
  return g_strdup (id);
}

static JsonObject *
incident_body_of (JsonObject *snapshot,
                  const char *id)
{
  JsonObject *record = sitrep_test_find_record (snapshot, "incidents", id);

  if (record == NULL)
    sitrep_test_note ("no incident %s in the snapshot", id);
  g_assert_nonnull (record);
  return json_object_get_object_member (record, "body");
}

static void
test_firing_opens_p1 (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  const Alert *alerts[] = { &alert_a, &alert_b };
  g_autofree char *body = payload ("firing", "payments", "0.25", "critical", alerts, 2);
  g_autofree char *ref = NULL;
  g_autofree char *id = post_ok (server, body, &ref);
  g_autoptr(JsonObject) snapshot = sitrep_test_snapshot (server);
  g_autoptr(JsonArray) changes = sitrep_test_all_changes (server, 0);
  JsonObject *incident = incident_body_of (snapshot, id);
  const char *status;

  g_assert_cmpstr (json_object_get_string_member_with_default (incident, "severity", NULL), ==,
                   "P1");
  g_assert_cmpstr (json_object_get_string_member_with_default (incident, "ref", NULL), ==, ref);
  g_assert_nonnull (json_object_get_string_member_with_default (incident, "title", NULL));
  g_assert_cmpstr (json_object_get_string_member (incident, "title"), !=, "");
  status = json_object_get_string_member_with_default (incident, "status", "investigating");
  g_assert_cmpstr (status, !=, "resolved");
  g_assert_cmpstr (status, !=, "closed");

  /* One incident, one timeline entry per alert. */
  g_assert_cmpuint (count_records (snapshot, "incidents", NULL), ==, 1);
  g_assert_cmpuint (count_records (snapshot, "timeline", id), ==, 2);
  g_assert_cmpuint (count_records (snapshot, "timeline", NULL), ==, 2);

  /* Recorded as changes by the token that posted. */
  g_assert_cmpuint (json_array_get_length (changes), >=, 3);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    g_assert_cmpstr (json_object_get_string_member_with_default (
                       json_array_get_object_element (changes, i), "actor", NULL), ==,
                     "responder");
}

static void
test_redelivery (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  const Alert *alerts[] = { &alert_a, &alert_b };
  g_autofree char *body = payload ("firing", "payments", "0.25", "critical", alerts, 2);
  g_autofree char *ref = NULL;
  g_autofree char *ref2 = NULL;
  g_autofree char *id = post_ok (server, body, &ref);
  gint64 seq = sitrep_test_health_seq (server);
  g_autoptr(JsonObject) before = sitrep_test_snapshot (server);
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *id2 = post_ok (server, body, &ref2);

  g_assert_cmpstr (id2, ==, id);
  g_assert_cmpstr (ref2, ==, ref);
  g_assert_cmpint (sitrep_test_health_seq (server), ==, seq);
  after = sitrep_test_snapshot (server);
  {
    g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), before);
    g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), after);

    g_assert_true (json_equal_strings (a, b));
  }
}

static void
test_same_group (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  const Alert *first[] = { &alert_a, &alert_b };
  const Alert *second[] = { &alert_a, &alert_b, &alert_c };
  g_autofree char *body1 = payload ("firing", "payments", "0.25", "critical", first, 2);
  g_autofree char *body2 = payload ("firing", "payments", "0.25", "critical", second, 3);
  g_autofree char *body3 = payload ("resolved", "payments", "0.25", "critical", second, 3);
  g_autofree char *ref = NULL;
  g_autofree char *ref2 = NULL;
  g_autofree char *ref3 = NULL;
  g_autofree char *id = post_ok (server, body1, &ref);
  g_autofree char *id2 = NULL;
  g_autofree char *id3 = NULL;
  g_autoptr(JsonObject) s2 = NULL;
  g_autoptr(JsonObject) s3 = NULL;
  gint64 seq1 = sitrep_test_health_seq (server);
  gint64 seq2;
  guint entries2;

  /* A new alert in the group joins the open incident. */
  id2 = post_ok (server, body2, &ref2);
  g_assert_cmpstr (id2, ==, id);
  g_assert_cmpstr (ref2, ==, ref);
  seq2 = sitrep_test_health_seq (server);
  g_assert_cmpint (seq2, >, seq1);
  s2 = sitrep_test_snapshot (server);
  g_assert_cmpuint (count_records (s2, "incidents", NULL), ==, 1);
  entries2 = count_records (s2, "timeline", id);
  g_assert_cmpuint (entries2, >=, 3);

  /* The group resolves: one more entry on the same incident. */
  id3 = post_ok (server, body3, &ref3);
  g_assert_cmpstr (id3, ==, id);
  g_assert_cmpstr (ref3, ==, ref);
  g_assert_cmpint (sitrep_test_health_seq (server), >, seq2);
  s3 = sitrep_test_snapshot (server);
  g_assert_cmpuint (count_records (s3, "incidents", NULL), ==, 1);
  g_assert_cmpuint (count_records (s3, "timeline", id), >, entries2);
}

static void
test_triage (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  struct { const char *service; const char *rate; const char *severity; const char *extra;
           const char *expected; Alert alert; }
  cases[] = {
    { "search", "0.12", "warning", "", "P2",
      { "SearchHighErrorRate", "search-api-5c7d9-k2m4n:8080", "a0c4e6f81b3d5f72" } },
    { "search-indexer", "0.07", "warning", "", "P3",
      { "IndexerHighErrorRate", "search-indexer-0:8080", "b7d9f1a3c5e7092b" } },
    { "reports", "0.01", "info", "", "P4",
      { "ReportsErrors", "reports-6f8b-x1y2z:8080", "c3e5a7b9d1f30e4d" } },
    { "checkout", "0.21", "critical", "", "P1",
      { "CheckoutHighErrorRate", "checkout-api-0:8080", "d4f6b8c0e2a41f5e" } },
    /* A critical service under 20% is not P1. */
    { "payments", "0.15", "critical", "", "P2",
      { "PaymentsErrors", "payments-api-1:8080", "e5a7c9d1f3b50a6f" } },
    /* Users affected and revenue impact count too. */
    { "profile", "0.01", "warning", ", \"affected_users\": \"1500\"", "P2",
      { "ProfileErrors", "profile-0:8080", "f6b8d0e2a4c61b7a" } },
    { "avatars", "0.01", "warning", ", \"affected_users\": \"150\"", "P3",
      { "AvatarErrors", "avatars-0:8080", "0a1b2c3d4e5f6071" } },
    { "invoicing", "0.01", "warning", ", \"revenue_impacting\": \"true\"", "P2",
      { "InvoicingErrors", "invoicing-0:8080", "1a2b3c4d5e6f7081" } },
    /* Marked critical in the service catalogue (below). */
    { "ledger", "0.25", "critical", "", "P1",
      { "LedgerErrors", "ledger-0:8080", "2a3b4c5d6e7f8091" } },
    /* Not critical anywhere: high errors make it P2 only. */
    { "newsletter", "0.25", "critical", "", "P2",
      { "NewsletterErrors", "newsletter-0:8080", "3a4b5c6d7e8f90a1" } },
  };
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) snapshot = NULL;
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *catalogue = push_json (cid,
                                          mut_put (1, "services", "ledger",
                                                   g_strdup ("{\"owner_team\": \"finance\","
                                                             " \"critical\": true,"
                                                             " \"escalation\": [\"finance\"]}")),
                                          NULL);
  g_autoptr(JsonArray) results = push_results (server, server->admin, catalogue, 1);
  guint n_incidents;

  assert_applied (result_at (results, 0), 1);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Alert *alerts[] = { &cases[i].alert };
      g_autofree char *body = payload_full ("firing", cases[i].service, cases[i].rate,
                                            cases[i].severity, cases[i].extra, alerts, 1);

      g_ptr_array_add (ids, post_ok (server, body, NULL));
    }
  snapshot = sitrep_test_snapshot (server);
  n_incidents = count_records (snapshot, "incidents", NULL);
  g_assert_cmpuint (n_incidents, ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      JsonObject *incident = incident_body_of (snapshot, g_ptr_array_index (ids, i));
      const char *severity = json_object_get_string_member_with_default (incident, "severity",
                                                                         NULL);

      if (g_strcmp0 (severity, cases[i].expected) != 0)
        sitrep_test_note ("%s at %s errors%s: %s, expected %s", cases[i].service, cases[i].rate,
                          cases[i].extra, severity, cases[i].expected);
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (g_ptr_array_index (ids, j), !=, g_ptr_array_index (ids, i));
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (json_object_get_string_member_with_default (
                       incident_body_of (snapshot, g_ptr_array_index (ids, i)), "severity", NULL),
                     ==, cases[i].expected);
}

static void
test_forbidden_and_malformed (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  const Alert *alerts[] = { &alert_a };
  g_autofree char *body = payload ("firing", "payments", "0.25", "critical", alerts, 1);
  g_autoptr(SitrepReply) viewer = post_alert (server, server->viewer, body);
  const char *malformed[] = {
    "not json at all",
    "{}",
    "{\"version\": \"4\", \"status\": \"firing\", \"groupKey\": \"k\"}",
    "{\"version\": \"4\", \"status\": \"firing\", \"groupKey\": \"k\", \"alerts\": \"many\"}",
    "[{\"status\": \"firing\"}]",
  };
  g_autoptr(SitrepReply) admin = NULL;

  sitrep_assert_error (viewer, 403, "forbidden");
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(SitrepReply) reply = post_alert (server, server->responder, malformed[i]);

      sitrep_assert_error (reply, 400, "bad_request");
    }
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 0);

  /* An admin may post too. */
  admin = post_alert (server, server->admin, body);
  sitrep_assert_status (admin, 200);
  g_assert_cmpint (sitrep_test_health_seq (server), >, 0);
}

void
add_protocol_alertmanager_tests (void)
{
  sitrep_test_add ("/integration/alertmanager/firing-opens-p1", test_firing_opens_p1);
  sitrep_test_add ("/integration/alertmanager/redelivery", test_redelivery);
  sitrep_test_add ("/integration/alertmanager/same-group", test_same_group);
  sitrep_test_add ("/integration/alertmanager/triage", test_triage);
  sitrep_test_add ("/integration/alertmanager/forbidden-and-malformed",
                   test_forbidden_and_malformed);
}

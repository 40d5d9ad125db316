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

/* Timeline entries of @incident_id of @kind, whose text starts with
 * @prefix (any when %NULL). */
static guint
count_entries (JsonObject *snapshot,
               const char *incident_id,
               const char *kind,
               const char *prefix)
{
  JsonArray *records = json_object_get_array_member (snapshot, "records");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);
      JsonObject *body = json_object_get_object_member (record, "body");

      if (g_strcmp0 (json_object_get_string_member_with_default (record, "coll", NULL),
                     "timeline") != 0 || body == NULL
          || g_strcmp0 (json_object_get_string_member_with_default (body, "incident_id", NULL),
                        incident_id) != 0)
        continue;
      if (kind != NULL
          && g_strcmp0 (json_object_get_string_member_with_default (body, "kind", NULL),
                        kind) != 0)
        continue;
      if (prefix != NULL
          && !g_str_has_prefix (json_object_get_string_member_with_default (body, "text", ""),
                                prefix))
        continue;
      n++;
    }
  return n;
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

  /* One incident, one alert entry per alert, besides the declaration's
   * and the triage's. */
  g_assert_cmpuint (count_records (snapshot, "incidents", NULL), ==, 1);
  g_assert_cmpuint (count_entries (snapshot, id, "alert", NULL), ==, 2);
  g_assert_cmpuint (count_records (snapshot, "timeline", id), ==, 4);
  g_assert_cmpuint (count_records (snapshot, "timeline", NULL), ==, 4);

  /* Recorded as changes by the token that posted. */
  g_assert_cmpuint (json_array_get_length (changes), >=, 3);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    g_assert_cmpstr (json_object_get_string_member_with_default (
                       json_array_get_object_element (changes, i), "actor", NULL), ==,
                     "responder");
}

/* The incident's time of @member. */
static GDateTime *
time_of (JsonObject *incident,
         const char *member)
{
  const char *text = json_object_get_string_member_with_default (incident, member, NULL);

  g_assert_nonnull (text);
  return g_date_time_new_from_iso8601 (text, NULL);
}

/* Impact began at the earliest startsAt; it was detected when the group
 * was delivered (the server's clock), which is when it was declared. */
static void
test_impact_and_detection (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  const Alert *alerts[] = { &alert_a, &alert_b };
  g_autofree char *body = payload ("firing", "payments", "0.25", "critical", alerts, 2);
  g_autoptr(GString) earlier = g_string_new (body);
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) impact = NULL;
  g_autoptr(GDateTime) detected = NULL;
  g_autoptr(GDateTime) declared = NULL;
  g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 ("2026-11-27T14:21:05Z", NULL);
  g_autoptr(JsonObject) snapshot = NULL;
  g_autofree char *id = NULL;
  JsonObject *incident;

  /* The first alert started firing eight minutes before the second. */
  g_string_replace (earlier, "2026-11-27T14:29:30.123Z", "2026-11-27T14:21:05Z", 1);
  before = g_date_time_new_now_utc ();
  id = post_ok (server, earlier->str, NULL);
  after = g_date_time_new_now_utc ();
  snapshot = sitrep_test_snapshot (server);
  incident = incident_body_of (snapshot, id);

  impact = time_of (incident, "impact_started_at");
  detected = time_of (incident, "detected_at");
  declared = time_of (incident, "declared_at");
  g_assert_true (g_date_time_equal (impact, expected));
  g_assert_cmpint (g_date_time_difference (detected, before), >=, -G_TIME_SPAN_SECOND);
  g_assert_cmpint (g_date_time_difference (after, detected), >=, -G_TIME_SPAN_SECOND);
  g_assert_true (g_date_time_equal (detected, declared));
}

/* A startsAt still to come on the server's clock: impact began, as far
 * as anyone can tell, when the alert arrived, never after it was
 * detected. */
static void
test_impact_not_after_detection (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  const Alert *alerts[] = { &alert_a };
  g_autofree char *body = payload ("firing", "payments", "0.25", "critical", alerts, 1);
  g_autoptr(GString) future = g_string_new (body);
  g_autoptr(GDateTime) impact = NULL;
  g_autoptr(GDateTime) detected = NULL;
  g_autoptr(JsonObject) snapshot = NULL;
  g_autofree char *id = NULL;
  JsonObject *incident;

  g_string_replace (future, "2026-11-27T14:29:30.123Z", "2999-01-01T00:00:00Z", 0);
  id = post_ok (server, future->str, NULL);
  snapshot = sitrep_test_snapshot (server);
  incident = incident_body_of (snapshot, id);
  impact = time_of (incident, "impact_started_at");
  detected = time_of (incident, "detected_at");
  g_assert_true (g_date_time_equal (impact, detected));
}

/* A later delivery of the group with an alert that started firing
 * earlier moves the impact back to it; detection stays when it was. */
static void
test_impact_moves_earlier (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  const Alert *first[] = { &alert_a };
  const Alert *both[] = { &alert_c, &alert_a };
  g_autofree char *body = payload ("firing", "payments", "0.25", "critical", first, 1);
  g_autofree char *later_body = payload ("firing", "payments", "0.25", "critical", both, 2);
  g_autoptr(GString) later = g_string_new (later_body);
  g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 ("2026-11-27T14:12:00Z", NULL);
  g_autoptr(GDateTime) impact = NULL;
  g_autoptr(GDateTime) detected = NULL;
  g_autoptr(GDateTime) detected_after = NULL;
  g_autoptr(JsonObject) snapshot = NULL;
  g_autoptr(JsonObject) snapshot_after = NULL;
  g_autofree char *id = NULL;
  g_autofree char *id2 = NULL;

  id = post_ok (server, body, NULL);
  snapshot = sitrep_test_snapshot (server);
  detected = time_of (incident_body_of (snapshot, id), "detected_at");

  /* The latency alert, first in the payload, fired seventeen minutes earlier. */
  g_string_replace (later, "2026-11-27T14:29:30.123Z", "2026-11-27T14:12:00Z", 1);
  id2 = post_ok (server, later->str, NULL);
  g_assert_cmpstr (id2, ==, id);
  snapshot_after = sitrep_test_snapshot (server);
  impact = time_of (incident_body_of (snapshot_after, id), "impact_started_at");
  detected_after = time_of (incident_body_of (snapshot_after, id), "detected_at");
  g_assert_true (g_date_time_equal (impact, expected));
  g_assert_true (g_date_time_equal (detected_after, detected));
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

/* The guide's example rule, HighErrorRate, as Alertmanager delivers it:
 * labels {severity: critical}, its summary and description. @labels and
 * @annotations add members ("\"service\": \"payments\", "). */
static char *
guide_payload (const char *labels,
               const char *annotations,
               const char *fingerprint)
{
  return g_strdup_printf (
    "{\"receiver\": \"sitrep\", \"status\": \"firing\", \"alerts\": ["
    "{\"status\": \"firing\","
    " \"labels\": {%s\"alertname\": \"HighErrorRate\", \"severity\": \"critical\"},"
    " \"annotations\": {%s\"summary\": \"High HTTP error rate\","
    " \"description\": \"Error rate is 25%% for the past 2 minutes (threshold: 5%%)\"},"
    " \"startsAt\": \"2026-11-27T14:29:30.123Z\", \"endsAt\": \"0001-01-01T00:00:00Z\","
    " \"generatorURL\": \"http://prometheus.example.com:9090/graph?g0.expr=sum%%28rate"
    "%%28http_requests_total%%7Bstatus%%3D~%%225..%%22%%7D%%5B5m%%5D%%29%%29\","
    " \"fingerprint\": \"%s\"}],"
    " \"groupLabels\": {\"alertname\": \"HighErrorRate\"},"
    " \"commonLabels\": {\"alertname\": \"HighErrorRate\", \"severity\": \"critical\"},"
    " \"commonAnnotations\": {\"summary\": \"High HTTP error rate\"},"
    " \"externalURL\": \"http://alertmanager.example.com:9093\", \"version\": \"4\","
    " \"groupKey\": \"{}:{alertname=\\\"HighErrorRate\\\"}\", \"truncatedAlerts\": 0}",
    labels, annotations, fingerprint);
}

/* The one entry of @incident_id with @text, asserted to exist. */
static JsonObject *
entry_with_text (JsonObject *snapshot,
                 const char *incident_id,
                 const char *text)
{
  JsonArray *records = json_object_get_array_member (snapshot, "records");

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);
      JsonObject *body = json_object_get_object_member (record, "body");

      if (g_strcmp0 (json_object_get_string_member_with_default (record, "coll", NULL),
                     "timeline") == 0 && body != NULL
          && g_strcmp0 (json_object_get_string_member_with_default (body, "incident_id", NULL),
                        incident_id) == 0
          && g_strcmp0 (json_object_get_string_member_with_default (body, "text", NULL),
                        text) == 0)
        return body;
    }

  sitrep_test_note ("no entry “%s” on incident %s", text, incident_id);
  g_assert_not_reached ();
  return NULL;
}

static void
assert_checklist (JsonObject *snapshot,
                  const char *incident_id)
{
  g_autofree char *first_id = g_strdup_printf ("%s:acknowledge", incident_id);
  g_autofree char *last_id = g_strdup_printf ("%s:close", incident_id);
  JsonObject *first = sitrep_test_find_record (snapshot, "checklist", first_id);
  JsonObject *last = sitrep_test_find_record (snapshot, "checklist", last_id);

  /* The guide's IC checklist, as the app declares it: 21 items, unticked. */
  g_assert_cmpuint (count_records (snapshot, "checklist", incident_id), ==, 21);
  g_assert_nonnull (first);
  g_assert_nonnull (last);
  first = json_object_get_object_member (first, "body");
  g_assert_cmpstr (json_object_get_string_member (first, "text"), ==,
                   "Acknowledge the alert/incident");
  g_assert_cmpstr (json_object_get_string_member (first, "phase"), ==, "initial");
  g_assert_cmpint (json_object_get_int_member (first, "position"), ==, 0);
  g_assert_false (json_object_get_boolean_member (first, "done"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (last, "body"),
                                                  "phase"), ==, "resolution");
}

static void
test_declared_with_triage (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *body = guide_payload ("\"service\": \"payments\", ",
                                         "\"error_rate\": \"0.25\", ", "4c3f6e0a9b2d7e15");
  g_autofree char *id = post_ok (server, body, NULL);
  g_autoptr(JsonObject) snapshot = sitrep_test_snapshot (server);
  g_autoptr(JsonObject) again = NULL;
  JsonObject *incident = incident_body_of (snapshot, id);
  JsonObject *triage;
  JsonObject *declared;
  JsonObject *why;
  gint64 seq = sitrep_test_health_seq (server);

  g_assert_cmpstr (json_object_get_string_member (incident, "severity"), ==, "P1");
  assert_checklist (snapshot, id);

  declared = entry_with_text (snapshot, id, "Incident declared: P1 (Critical)");
  g_assert_cmpstr (json_object_get_string_member (declared, "kind"), ==, "status");
  g_assert_cmpstr (json_object_get_string_member (declared, "author"), ==, "alertmanager");
  g_assert_cmpstr (json_object_get_string_member (declared, "occurred_at"), ==,
                   json_object_get_string_member (incident, "declared_at"));

  /* Which rule fired, with the alert's values. */
  why = entry_with_text (snapshot, id,
                         "Triage: P1 — critical service payments and error rate 25% > 20%");
  g_assert_cmpstr (json_object_get_string_member (why, "author"), ==, "alertmanager");
  {
    g_autoptr(GDateTime) declared_at =
      g_date_time_new_from_iso8601 (json_object_get_string_member (declared, "occurred_at"), NULL);
    g_autoptr(GDateTime) why_at =
      g_date_time_new_from_iso8601 (json_object_get_string_member (why, "occurred_at"), NULL);

    /* It reads after the declaration. */
    g_assert_nonnull (declared_at);
    g_assert_nonnull (why_at);
    g_assert_cmpint (g_date_time_compare (declared_at, why_at), <, 0);
  }
  triage = json_object_get_object_member (incident, "triage");
  g_assert_nonnull (triage);
  g_assert_cmpstr (json_object_get_string_member (triage, "severity"), ==, "P1");
  g_assert_cmpstr (json_object_get_string_member (triage, "rule"), ==, "critical_errors");
  g_assert_cmpstr (json_object_get_string_member (triage, "reason"), ==,
                   "critical service payments and error rate 25% > 20%");

  /* The label agrees with triage: no entry about it. */
  g_assert_cmpstr (json_object_get_string_member (incident, "severity_hint"), ==, "P1");
  g_assert_cmpuint (count_entries (snapshot, id, NULL, "The alert’s severity label"), ==, 0);
  g_assert_cmpuint (count_entries (snapshot, id, "alert", NULL), ==, 1);
  g_assert_cmpuint (count_records (snapshot, "timeline", id), ==, 3);

  /* Redelivery changes nothing. */
  g_free (post_ok (server, body, NULL));
  g_assert_cmpint (sitrep_test_health_seq (server), ==, seq);
  again = sitrep_test_snapshot (server);
  g_assert_cmpuint (count_records (again, "checklist", id), ==, 21);
  g_assert_cmpuint (count_records (again, "timeline", id), ==, 3);
}

static void
test_guide_example_hint (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *body = guide_payload ("", "", "4c3f6e0a9b2d7e15");
  g_autofree char *id = post_ok (server, body, NULL);
  g_autoptr(JsonObject) snapshot = sitrep_test_snapshot (server);
  JsonObject *incident = incident_body_of (snapshot, id);
  JsonObject *triage = json_object_get_object_member (incident, "triage");

  /* No service, error rate or users in the alert: P4 by the rules, and the
   * rule's own "critical" is there to see. */
  g_assert_cmpstr (json_object_get_string_member (incident, "severity"), ==, "P4");
  g_assert_cmpstr (json_object_get_string_member (incident, "severity_hint"), ==, "P1");
  g_assert_nonnull (triage);
  g_assert_cmpstr (json_object_get_string_member (triage, "rule"), ==, "none");
  assert_checklist (snapshot, id);
  entry_with_text (snapshot, id, "Incident declared: P4 (Low)");
  entry_with_text (snapshot, id, "Triage: P4 — no rule matched: the alert gives no service, "
                                 "error rate or affected users");
  entry_with_text (snapshot, id,
                   "The alert’s severity label “critical” suggests P1; triage gave P4");
}

static void
test_escalation_explained (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *first = guide_payload ("", "", "4c3f6e0a9b2d7e15");
  g_autofree char *worse = guide_payload ("\"service\": \"checkout\", ",
                                          "\"error_rate\": \"30%\", ", "7d1e2f3a4b5c6d70");
  g_autofree char *id = post_ok (server, first, NULL);
  g_autofree char *id2 = post_ok (server, worse, NULL);
  g_autoptr(JsonObject) snapshot = sitrep_test_snapshot (server);
  JsonObject *incident = incident_body_of (snapshot, id);
  JsonObject *triage = json_object_get_object_member (incident, "triage");
  gint64 seq = sitrep_test_health_seq (server);

  /* The same group, worse now: raised, and why. */
  g_assert_cmpstr (id2, ==, id);
  g_assert_cmpstr (json_object_get_string_member (incident, "severity"), ==, "P1");
  g_assert_cmpstr (json_object_get_string_member (triage, "rule"), ==, "critical_errors");
  entry_with_text (snapshot, id,
                   "Triage: P1 — critical service checkout and error rate 30% > 20%");
  g_assert_cmpuint (count_entries (snapshot, id, NULL, "Incident declared"), ==, 1);
  g_assert_cmpuint (count_records (snapshot, "checklist", id), ==, 21);

  g_free (post_ok (server, worse, NULL));
  g_assert_cmpint (sitrep_test_health_seq (server), ==, seq);
}

/* A label longer than any record's text still opens the incident: what
 * the server writes of it is cut to the limits. */
static void
test_label_beyond_limits (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *service = g_strnfill (70000, 'l');
  g_autofree char *labels = g_strdup_printf ("\"service\": \"%s\", ", service);
  g_autofree char *body = guide_payload (labels, "\"error_rate\": \"0.5\", ",
                                         "6f7a8b9c0d1e2f30");
  g_autofree char *id = post_ok (server, body, NULL);
  g_autoptr(JsonObject) snapshot = sitrep_test_snapshot (server);
  JsonObject *incident = incident_body_of (snapshot, id);
  JsonArray *services = json_object_get_array_member (incident, "services");

  g_assert_cmpstr (json_object_get_string_member (incident, "severity"), ==, "P2");
  g_assert_cmpuint (json_array_get_length (services), ==, 1);
  g_assert_true (g_str_has_prefix (json_array_get_string_element (services, 0), "lll"));
  g_assert_cmpuint (strlen (json_array_get_string_element (services, 0)), <=, 200);
  entry_with_text (snapshot, id, "Triage: P2 — error rate 50% > 10%");
}

static void
test_triage_text_limits (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  /* A service name that fits a record, but not inside a sentence. */
  g_autofree char *service = g_strnfill (65530, 's');
  g_autofree char *labels = g_strdup_printf ("\"service\": \"%s\", "
                                             "\"revenue_impacting\": \"true\", ", service);
  g_autofree char *body = guide_payload (labels, "", "5e6f7a8b9c0d1e2f");
  g_autofree char *id = post_ok (server, body, NULL);
  g_autoptr(JsonObject) snapshot = sitrep_test_snapshot (server);
  JsonObject *incident = incident_body_of (snapshot, id);
  JsonArray *records = json_object_get_array_member (snapshot, "records");
  const char *reason;

  g_assert_cmpstr (json_object_get_string_member (incident, "severity"), ==, "P2");
  reason = json_object_get_string_member (json_object_get_object_member (incident, "triage"),
                                          "reason");
  g_assert_true (g_str_has_prefix (reason, "revenue impacting (service sss"));
  g_assert_cmpuint (strlen (reason), <=, 65536);
  g_assert_cmpuint (count_entries (snapshot, id, "status", "Triage: P2 — revenue impacting"), ==,
                    1);
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);
      JsonObject *entry = json_object_get_object_member (record, "body");

      if (g_str_equal (json_object_get_string_member (record, "coll"), "timeline"))
        g_assert_cmpuint (strlen (json_object_get_string_member (entry, "text")), <=, 65536);
    }
}

void
add_protocol_alertmanager_tests (void)
{
  sitrep_test_add ("/integration/alertmanager/firing-opens-p1", test_firing_opens_p1);
  sitrep_test_add ("/integration/alertmanager/impact-and-detection", test_impact_and_detection);
  sitrep_test_add ("/integration/alertmanager/impact-not-after-detection",
                   test_impact_not_after_detection);
  sitrep_test_add ("/integration/alertmanager/impact-moves-earlier", test_impact_moves_earlier);
  sitrep_test_add ("/integration/alertmanager/redelivery", test_redelivery);
  sitrep_test_add ("/integration/alertmanager/same-group", test_same_group);
  sitrep_test_add ("/integration/alertmanager/triage", test_triage);
  sitrep_test_add ("/integration/alertmanager/forbidden-and-malformed",
                   test_forbidden_and_malformed);
  sitrep_test_add ("/integration/alertmanager/declared-with-triage", test_declared_with_triage);
  sitrep_test_add ("/integration/alertmanager/guide-example-hint", test_guide_example_hint);
  sitrep_test_add ("/integration/alertmanager/escalation-explained", test_escalation_explained);
  sitrep_test_add ("/integration/alertmanager/triage-text-limits", test_triage_text_limits);
  sitrep_test_add ("/integration/alertmanager/label-beyond-limits", test_label_beyond_limits);
}

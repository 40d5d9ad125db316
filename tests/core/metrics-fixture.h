/* SPDX-License-Identifier: GPL-3.0-or-later */
/* metrics-fixture.h: incidents with known milestone times, their action
 * items and postmortems, for the metrics and the report tests
 *
 * October 2026 (UTC) holds A, E, F, G, H, K, L; September 2026 holds C, D,
 * M; B is detected on 31 October in its own zone but 1 November in UTC; I
 * opens Q3 2026 to the microsecond and J, 30 June in UTC, closes Q2; N has
 * neither a detection nor a declaration time and belongs to no period.
 *
 *          detected (UTC)        TTD    TTM      TTR    after hours
 *   A P1*  Mon 10-05 10:00       5      30       90     no
 *   E P3   Sat 10-10 12:00 (declared only: no spans)    yes
 *   F P3   Tue 10-20 07:10       10     30       —      yes (before 09:00)
 *   G P2*  Thu 10-15 14:00       2      invalid  120    no
 *   H P4   Sat 10-31 23:30       3      —        180    yes (to 1 Nov)
 *   K P3   Wed 10-21 18:00       4.5    20       45     yes (18:00 sharp)
 *   L P2   Thu 10-22 09:00       —      —        60     no (09:00 sharp)
 *   C P2   Wed 09-30 23:30       10     —        60     yes (1 Oct local)
 *   D P1   Wed 09-30 22:00       —      120      180    yes (to 1 Oct)
 *   M P2   Tue 09-01 00:00       6      40       60     yes
 *   (* major)
 *
 * Times carry zone offsets where the core reads them; the report test
 * writes them to the store in UTC, as the protocol has them.
 */
#pragma once

#include <json-glib/json-glib.h>

typedef struct
{
  const char *id;
  const char *json;
} FixtureRecord;

#define ID_A "00000000-0000-4000-8000-00000000000a"
#define ID_B "00000000-0000-4000-8000-00000000000b"
#define ID_C "00000000-0000-4000-8000-00000000000c"
#define ID_D "00000000-0000-4000-8000-00000000000d"
#define ID_E "00000000-0000-4000-8000-00000000000e"
#define ID_F "00000000-0000-4000-8000-00000000000f"
#define ID_G "00000000-0000-4000-8000-000000000010"
#define ID_H "00000000-0000-4000-8000-000000000011"
#define ID_I "00000000-0000-4000-8000-000000000012"
#define ID_J "00000000-0000-4000-8000-000000000013"
#define ID_K "00000000-0000-4000-8000-000000000014"
#define ID_L "00000000-0000-4000-8000-000000000015"
#define ID_M "00000000-0000-4000-8000-000000000016"
#define ID_N "00000000-0000-4000-8000-000000000017"

static const FixtureRecord fixture_incidents[] = {
  { ID_A, "{\"ref\": \"INC-2026-101\", \"title\": \"Payment service outage\", \"severity\": \"P1\","
          " \"status\": \"closed\", \"major\": true, \"services\": [\"Payment Processing\"],"
          " \"impact_started_at\": \"2026-10-05T09:55:00Z\", \"detected_at\": \"2026-10-05T10:00:00Z\","
          " \"declared_at\": \"2026-10-05T10:02:00Z\", \"mitigated_at\": \"2026-10-05T10:30:00Z\","
          " \"resolved_at\": \"2026-10-05T11:30:00Z\"}" },
  { ID_B, "{\"ref\": \"INC-2026-108\", \"title\": \"Checkout latency\", \"severity\": \"P2\","
          " \"status\": \"resolved\", \"services\": [\"Payment Processing\"],"
          " \"detected_at\": \"2026-10-31T23:50:00-02:00\", \"declared_at\": \"2026-11-01T01:55:00Z\","
          " \"resolved_at\": \"2026-11-01T02:50:00Z\"}" },
  { ID_C, "{\"ref\": \"INC-2026-099\", \"title\": \"Search index stale\", \"severity\": \"P2\","
          " \"status\": \"closed\", \"services\": [\"Search Service\"],"
          " \"impact_started_at\": \"2026-10-01T01:20:00+02:00\","
          " \"detected_at\": \"2026-10-01T01:30:00+02:00\", \"declared_at\": \"2026-09-30T23:35:00Z\","
          " \"resolved_at\": \"2026-10-01T00:30:00Z\"}" },
  { ID_D, "{\"ref\": \"INC-2026-098\", \"title\": \"Database failover\", \"severity\": \"P1\","
          " \"status\": \"closed\", \"services\": [\"Payment Processing\"],"
          " \"detected_at\": \"2026-09-30T22:00:00Z\", \"declared_at\": \"2026-09-30T22:05:00Z\","
          " \"mitigated_at\": \"2026-10-01T00:00:00Z\", \"resolved_at\": \"2026-10-01T01:00:00Z\"}" },
  { ID_E, "{\"ref\": \"INC-2026-102\", \"title\": \"Search results missing\", \"severity\": \"P3\","
          " \"status\": \"investigating\", \"services\": [\"Search Service\"],"
          " \"detected_at\": null, \"declared_at\": \"2026-10-10T12:00:00Z\"}" },
  { ID_F, "{\"ref\": \"INC-2026-104\", \"title\": \"Login emails delayed\", \"severity\": \"P3\","
          " \"status\": \"monitoring\", \"services\": [\"User Authentication\"],"
          " \"impact_started_at\": \"2026-10-20T08:00:00+01:00\","
          " \"detected_at\": \"2026-10-20T07:10:00Z\", \"declared_at\": \"2026-10-20T07:15:00Z\","
          " \"mitigated_at\": \"2026-10-20T08:40:00+01:00\"}" },
  { ID_G, "{\"ref\": \"INC-2026-103\", \"title\": \"Authentication service degradation\","
          " \"severity\": \"P2\", \"status\": \"closed\", \"major\": true,"
          " \"services\": [\"Payment Processing\", \"User Authentication\", \"Payment Processing\"],"
          " \"impact_started_at\": \"2026-10-15T13:58:00Z\", \"detected_at\": \"2026-10-15T14:00:00Z\","
          " \"declared_at\": \"2026-10-15T14:01:00Z\", \"mitigated_at\": \"2026-10-15T13:00:00Z\","
          " \"resolved_at\": \"2026-10-15T16:00:00Z\"}" },
  { ID_H, "{\"ref\": \"INC-2026-107\", \"title\": \"Search slow at night\", \"severity\": \"P4\","
          " \"status\": \"resolved\", \"services\": [\"Search Service\"],"
          " \"impact_started_at\": \"2026-10-31T23:27:00Z\", \"detected_at\": \"2026-10-31T23:30:00Z\","
          " \"declared_at\": \"2026-10-31T23:40:00Z\", \"resolved_at\": \"2026-11-01T02:30:00Z\"}" },
  { ID_I, "{\"ref\": \"INC-2026-060\", \"title\": \"Quarter opens\", \"severity\": \"P3\","
          " \"status\": \"closed\", \"detected_at\": \"2026-07-01T00:00:00Z\"}" },
  { ID_J, "{\"ref\": \"INC-2026-059\", \"title\": \"Quarter closes\", \"severity\": \"P3\","
          " \"status\": \"closed\", \"detected_at\": \"2026-07-01T01:59:59.999+02:00\"}" },
  { ID_K, "{\"ref\": \"INC-2026-105\", \"title\": \"Card payments declined\", \"severity\": \"P3\","
          " \"status\": \"closed\", \"services\": [\"Payment Processing\"],"
          " \"impact_started_at\": \"2026-10-21T17:55:30Z\", \"detected_at\": \"2026-10-21T18:00:00Z\","
          " \"declared_at\": \"2026-10-21T18:05:00Z\", \"mitigated_at\": \"2026-10-21T18:20:00Z\","
          " \"resolved_at\": \"2026-10-21T18:45:00Z\"}" },
  { ID_L, "{\"title\": \"Login \\\"slow\\\", then failing\", \"severity\": \"P2\","
          " \"status\": \"resolved\", \"services\": [],"
          " \"detected_at\": \"2026-10-22T09:00:00Z\", \"resolved_at\": \"2026-10-22T10:00:00+00:00\"}" },
  { ID_M, "{\"ref\": \"INC-2026-090\", \"title\": \"Session store full\", \"severity\": \"P2\","
          " \"status\": \"closed\", \"services\": [\"User Authentication\"],"
          " \"impact_started_at\": \"2026-08-31T23:54:00Z\", \"detected_at\": \"2026-09-01T00:00:00Z\","
          " \"mitigated_at\": \"2026-09-01T00:40:00Z\", \"resolved_at\": \"2026-09-01T01:00:00Z\"}" },
  { ID_N, "{\"ref\": \"INC-2026-110\", \"title\": \"Never declared\", \"severity\": \"P4\","
          " \"status\": \"investigating\"}" },
};

/* Overdue is counted at any time after 2026-02-01 and before 2099. */
static const FixtureRecord fixture_action_items[] = {
  { "00000000-0000-4000-8000-0000000000a1",
    "{\"incident_id\": \"" ID_A "\", \"description\": \"Alert on pool use\", \"type\": \"detect\","
    " \"owner\": \"db-team\", \"due_date\": \"2026-10-20\", \"status\": \"completed\","
    " \"completed_at\": \"2026-10-19T10:00:00Z\"}" },
  { "00000000-0000-4000-8000-0000000000a2",
    "{\"incident_id\": \"" ID_A "\", \"description\": \"Raise the pool size\", \"type\": \"prevent\","
    " \"owner\": \"db-team\", \"due_date\": \"2026-01-01\", \"status\": \"in_progress\"}" },
  { "00000000-0000-4000-8000-0000000000a3",
    "{\"incident_id\": \"" ID_A "\", \"description\": \"Runbook for pool exhaustion\","
    " \"type\": \"respond\", \"owner\": \"sre\", \"due_date\": \"2099-01-01\"}" },
  { "00000000-0000-4000-8000-0000000000a4",
    "{\"incident_id\": \"" ID_G "\", \"description\": \"Size the cache for peaks\","
    " \"type\": \"prevent\", \"owner\": \"auth-team\", \"due_date\": \"2026-02-01\","
    " \"status\": \"deferred\"}" },
  { "00000000-0000-4000-8000-0000000000a5",
    "{\"incident_id\": \"" ID_G "\", \"description\": \"Eviction alert\", \"type\": \"detect\","
    " \"owner\": \"auth-team\", \"status\": \"not_started\"}" },
  { "00000000-0000-4000-8000-0000000000a6",
    "{\"incident_id\": \"" ID_D "\", \"description\": \"Failover drill\", \"type\": \"respond\","
    " \"owner\": \"db-team\", \"due_date\": \"2026-10-01\", \"status\": \"completed\"}" },
  { "00000000-0000-4000-8000-0000000000a7",
    "{\"incident_id\": \"00000000-0000-4000-8000-0000000000ff\", \"description\": \"Orphan\","
    " \"type\": \"detect\", \"owner\": \"nobody\", \"status\": \"completed\"}" },
};

static const FixtureRecord fixture_postmortems[] = {
  { ID_A, "{\"summary\": \"Payments failed for 90 minutes.\","
          " \"root_cause\": \"Connection pool exhaustion\","
          " \"lessons\": \"Need better monitoring of connection pools\"}" },
  { ID_G, "{\"summary\": \"Logins slowed.\", \"root_cause\": \"Cache eviction during\\nhigh traffic\"}" },
};

static inline JsonObject *
fixture_parse (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-record.c: validation of PROTOCOL.md record bodies */

#include "config.h"

#include <string.h>

#include "sitrep-json.h"
#include "sitrep-mutation.h"
#include "sitrep-protocol-scan.h"
#include "sitrep-record.h"

#define INCIDENT "0f8fad5b-d9cb-469f-a165-70867728950e"
#define UUID2 "7c9e6679-7425-40de-944b-e07fc1f90ae7"

typedef struct {
  const char *coll;
  const char *id;
  const char *body;
} ValidRow;

static const ValidRow valid_rows[] = {
  { "incidents", INCIDENT,
    "{\"title\":\"Payment service outage\",\"severity\":\"P1\"}" },
  { "incidents", INCIDENT,
    "{\"ref\":\"INC-2025-042\",\"title\":\"Payment service outage\",\"summary\":\"s\","
    "\"severity\":\"P2\",\"status\":\"monitoring\",\"services\":[\"payments\",\"database\"],"
    "\"customer_impact\":null,\"major\":true,\"detected_at\":\"2025-04-08T14:32:00Z\","
    "\"declared_at\":\"2025-04-08T14:35:00.250Z\",\"acknowledged_at\":null,"
    "\"mitigated_at\":null,\"resolved_at\":null,\"closed_at\":null}" },
  { "roles", INCIDENT ":commander",
    "{\"incident_id\":\"" INCIDENT "\",\"role\":\"commander\",\"person\":\"alice\","
    "\"assigned_at\":\"2025-04-08T14:35:00Z\"}" },
  { "roles", INCIDENT ":customer_liaison",
    "{\"incident_id\":\"" INCIDENT "\",\"person\":null}" },
  { "checklist", INCIDENT ":channel",
    "{\"incident_id\":\"" INCIDENT "\",\"phase\":\"initial\",\"key\":\"channel\","
    "\"text\":\"Create incident channel (e.g., #incident-20250408-1)\",\"position\":3,"
    "\"done\":true,\"done_by\":\"bob\",\"done_at\":\"2025-04-08T14:36:00Z\"}" },
  { "timeline", UUID2,
    "{\"incident_id\":\"" INCIDENT "\",\"occurred_at\":\"2025-04-08T14:32:00Z\","
    "\"kind\":\"alert\",\"text\":\"Alert triggered: High error rate on payment service\","
    "\"author\":\"carol\",\"pinned\":false}" },
  { "timeline", UUID2, "{\"incident_id\":\"" INCIDENT "\",\"text\":\"\"}" },
  { "communications", UUID2,
    "{\"incident_id\":\"" INCIDENT "\",\"audience\":\"status_page\",\"template\":\"initial\","
    "\"status\":\"Investigating\",\"title\":\"Payments - Service Disruption\","
    "\"body\":\"We are investigating\",\"sent_at\":null,\"sent_by\":null}" },
  { "action_items", UUID2,
    "{\"incident_id\":\"" INCIDENT "\",\"description\":\"Increase default connection pool size\","
    "\"type\":\"prevent\",\"owner\":\"@alice\",\"due_date\":\"2025-04-15\","
    "\"status\":\"in_progress\",\"completed_at\":null}" },
  { "postmortems", INCIDENT,
    "{\"summary\":\"s\",\"root_cause\":\"r\",\"contributing_factors\":[\"a\",\"b\"],"
    "\"went_well\":[],\"went_poorly\":[\"c\"],\"lessons\":\"l\","
    "\"five_whys\":[{\"question\":\"Why?\",\"answer\":\"Because.\"},{\"question\":\"Why?\"}]}" },
  { "templates", UUID2,
    "{\"name\":\"Status page initial\",\"audience\":\"status_page\",\"status\":\"Investigating\","
    "\"title\":\"{{service}} - Service Disruption\","
    "\"body\":\"We are investigating {{service}}.\"}" },
  { "services", "payments",
    "{\"owner_team\":\"Payments Team\",\"critical\":true,"
    "\"runbook_url\":\"https://wiki.example.com/payments\",\"dashboard_url\":null,"
    "\"escalation\":[\"database\",\"platform\"]}" },
  { "services", "Zahlungsdienst für Österreich", "{}" },
  { "pages", UUID2,
    "{\"incident_id\":\"" INCIDENT "\",\"team\":\"database-team\","
    "\"message\":\"Primary is down\",\"requested_by\":\"alice\","
    "\"requested_at\":\"2025-04-08T14:40:00Z\",\"delivery\":\"failed\","
    "\"provider\":\"pagerduty\",\"attempts\":1,\"delivered_at\":null,"
    "\"error\":\"Event object is invalid\"}" },
  { "communications", UUID2,
    "{\"incident_id\":\"" INCIDENT "\",\"audience\":\"status_page\",\"publish\":true,"
    "\"approval\":\"approved\",\"approved_by\":\"carol\","
    "\"approved_at\":\"2025-04-08T14:45:00Z\",\"delivery\":\"delivered\","
    "\"provider\":\"statuspage\",\"external_id\":\"p31zjtct2jer\",\"attempts\":2,"
    "\"delivered_at\":\"2025-04-08T14:45:02Z\",\"error\":null}" },
};

static JsonObject *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonObject *o = sitrep_protocol_parse_object (text, &error);

  g_assert_no_error (error);
  return o;
}

static void
test_valid (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (valid_rows); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) body = parse (valid_rows[i].body);

      g_test_message ("row %" G_GSIZE_FORMAT ": %s", i, valid_rows[i].coll);
      g_assert_true (sitrep_record_validate (valid_rows[i].coll, valid_rows[i].id, body, &error));
      g_assert_no_error (error);

      /* a full body is also a valid patch */
      g_assert_true (sitrep_record_validate_patch (valid_rows[i].coll, body, &error));
      g_assert_no_error (error);
    }
}

typedef struct {
  const char *coll;
  const char *id;
  const char *body;
  const char *message;
} InvalidRow;

static const InvalidRow invalid_rows[] = {
  /* required fields */
  { "incidents", INCIDENT, "{\"severity\":\"P1\"}", "title: required" },
  { "incidents", INCIDENT, "{\"title\":null,\"severity\":\"P1\"}", "title: required" },
  { "incidents", INCIDENT, "{\"title\":\"\",\"severity\":\"P1\"}", "title: must not be empty" },
  { "incidents", INCIDENT, "{\"title\":\"t\"}", "severity: required" },
  { "roles", INCIDENT ":scribe", "{\"role\":\"scribe\"}", "incident_id: required" },
  { "checklist", INCIDENT ":page", "{\"key\":\"page\"}", "incident_id: required" },
  { "timeline", UUID2, "{\"incident_id\":\"" INCIDENT "\"}", "text: required" },
  { "timeline", UUID2, "{\"text\":\"x\"}", "incident_id: required" },
  { "communications", UUID2, "{}", "incident_id: required" },
  { "action_items", UUID2, "{\"description\":\"d\"}", "incident_id: required" },
  /* enumerations */
  { "incidents", INCIDENT, "{\"title\":\"t\",\"severity\":\"P5\"}",
    "severity: must be one of P1, P2, P3, P4" },
  { "incidents", INCIDENT, "{\"title\":\"t\",\"severity\":\"p1\"}",
    "severity: must be one of P1, P2, P3, P4" },
  { "incidents", INCIDENT, "{\"title\":\"t\",\"severity\":1}",
    "severity: must be one of P1, P2, P3, P4" },
  { "incidents", INCIDENT, "{\"title\":\"t\",\"severity\":\"P1\",\"status\":\"open\"}",
    "status: must be one of investigating, identified, monitoring, resolved, closed" },
  { "incidents", INCIDENT, "{\"title\":\"t\",\"severity\":\"P1\",\"status\":null}",
    "status: must not be null" },
  { "roles", INCIDENT ":scribe", "{\"incident_id\":\"" INCIDENT "\",\"role\":\"boss\"}",
    "role: must be one of commander, deputy_commander, communications, operations, "
    "planning, scribe, customer_liaison" },
  { "checklist", INCIDENT ":x", "{\"incident_id\":\"" INCIDENT "\",\"phase\":\"ongoing\"}",
    "phase: must be one of initial, assessment, coordination, resolution, major" },
  { "timeline", UUID2, "{\"incident_id\":\"" INCIDENT "\",\"text\":\"x\",\"kind\":\"comment\"}",
    "kind: must be one of detection, alert, action, decision, mitigation, communication, "
    "status, role, note" },
  { "communications", UUID2, "{\"incident_id\":\"" INCIDENT "\",\"audience\":\"press\"}",
    "audience: must be one of status_page, stakeholders, executives, customers, internal" },
  { "action_items", UUID2, "{\"incident_id\":\"" INCIDENT "\",\"type\":\"fix\"}",
    "type: must be one of prevent, detect, respond" },
  { "action_items", UUID2, "{\"incident_id\":\"" INCIDENT "\",\"status\":\"Not Started\"}",
    "status: must be one of not_started, in_progress, completed, deferred" },
  { "templates", UUID2, "{\"audience\":\"everyone\"}",
    "audience: must be one of status_page, stakeholders, executives, customers, internal" },
  /* types */
  { "incidents", INCIDENT, "{\"title\":42,\"severity\":\"P1\"}", "title: must be a string" },
  { "incidents", INCIDENT, "{\"title\":\"t\",\"severity\":\"P1\",\"summary\":[]}",
    "summary: must be a string" },
  { "incidents", INCIDENT, "{\"title\":\"t\",\"severity\":\"P1\",\"major\":\"yes\"}",
    "major: must be a boolean" },
  { "incidents", INCIDENT, "{\"title\":\"t\",\"severity\":\"P1\",\"major\":null}",
    "major: must not be null" },
  { "incidents", INCIDENT, "{\"title\":\"t\",\"severity\":\"P1\",\"services\":\"payments\"}",
    "services: must be an array of strings" },
  { "incidents", INCIDENT, "{\"title\":\"t\",\"severity\":\"P1\",\"services\":[\"a\",1]}",
    "services: must be an array of strings" },
  { "roles", INCIDENT ":scribe", "{\"incident_id\":\"" INCIDENT "\",\"person\":7}",
    "person: must be a string" },
  { "roles", INCIDENT ":scribe", "{\"incident_id\":\"nope\"}",
    "incident_id: must be a lower-case UUID" },
  { "checklist", INCIDENT ":x", "{\"incident_id\":\"" INCIDENT "\",\"position\":-1}",
    "position: must be a non-negative integer" },
  { "checklist", INCIDENT ":x", "{\"incident_id\":\"" INCIDENT "\",\"position\":1.5}",
    "position: must be a non-negative integer" },
  { "checklist", INCIDENT ":x", "{\"incident_id\":\"" INCIDENT "\",\"done\":1}",
    "done: must be a boolean" },
  { "timeline", UUID2, "{\"incident_id\":\"" INCIDENT "\",\"text\":\"x\",\"pinned\":\"true\"}",
    "pinned: must be a boolean" },
  { "postmortems", INCIDENT, "{\"five_whys\":[\"why\"]}",
    "five_whys: must be an array of {question, answer} objects" },
  { "postmortems", INCIDENT, "{\"five_whys\":[{\"question\":1}]}",
    "five_whys: question and answer must be strings or null" },
  { "postmortems", INCIDENT, "{\"went_well\":{}}", "went_well: must be an array of strings" },
  { "services", "payments", "{\"critical\":\"true\"}", "critical: must be a boolean" },
  { "services", "payments", "{\"escalation\":[null]}", "escalation: must be an array of strings" },
  { "pages", UUID2, "{\"incident_id\":\"" INCIDENT "\"}", "team: required" },
  { "pages", UUID2, "{\"incident_id\":\"" INCIDENT "\",\"team\":\"db\",\"delivery\":\"sent\"}",
    "delivery: must be one of pending, delivered, failed" },
  { "pages", UUID2, "{\"incident_id\":\"" INCIDENT "\",\"team\":\"db\",\"provider\":\"statuspage\"}",
    "provider: must be one of pagerduty, webhook" },
  { "communications", UUID2, "{\"incident_id\":\"" INCIDENT "\",\"publish\":\"yes\"}",
    "publish: must be a boolean" },
  { "communications", UUID2, "{\"incident_id\":\"" INCIDENT "\",\"approval\":\"pending\"}",
    "approval: must be one of none, awaiting, approved" },
  /* times and dates */
  { "incidents", INCIDENT, "{\"title\":\"t\",\"severity\":\"P1\",\"detected_at\":\"yesterday\"}",
    "detected_at: must be an RFC 3339 UTC time (2026-11-27T14:32:00Z) or null" },
  { "incidents", INCIDENT, "{\"title\":\"t\",\"severity\":\"P1\",\"impact_started_at\":\"an hour ago\"}",
    "impact_started_at: must be an RFC 3339 UTC time (2026-11-27T14:32:00Z) or null" },
  { "incidents", INCIDENT,
    "{\"title\":\"t\",\"severity\":\"P1\",\"closed_at\":\"2025-04-08T16:00:00+02:00\"}",
    "closed_at: must be an RFC 3339 UTC time (2026-11-27T14:32:00Z) or null" },
  { "incidents", INCIDENT,
    "{\"title\":\"t\",\"severity\":\"P1\",\"resolved_at\":1744123200}",
    "resolved_at: must be an RFC 3339 UTC time (2026-11-27T14:32:00Z) or null" },
  { "timeline", UUID2,
    "{\"incident_id\":\"" INCIDENT "\",\"text\":\"x\",\"occurred_at\":\"2025-04-08T14:32:00\"}",
    "occurred_at: must be an RFC 3339 UTC time (2026-11-27T14:32:00Z) or null" },
  { "action_items", UUID2, "{\"incident_id\":\"" INCIDENT "\",\"due_date\":\"2025-02-30\"}",
    "due_date: must be a date (YYYY-MM-DD) or null" },
  { "action_items", UUID2, "{\"incident_id\":\"" INCIDENT "\",\"due_date\":\"15/04/2025\"}",
    "due_date: must be a date (YYYY-MM-DD) or null" },
  /* ids */
  { "incidents", "0F8FAD5B-D9CB-469F-A165-70867728950E", "{\"title\":\"t\",\"severity\":\"P1\"}",
    "id: must be a lower-case UUID" },
  { "incidents", "0f8fad5b-d9cb-469f-a165-70867728950", "{\"title\":\"t\",\"severity\":\"P1\"}",
    "id: must be a lower-case UUID" },
  { "incidents", "INC-2025-042", "{\"title\":\"t\",\"severity\":\"P1\"}",
    "id: must be a lower-case UUID" },
  { "timeline", "", "{\"incident_id\":\"" INCIDENT "\",\"text\":\"x\"}",
    "id: must be a lower-case UUID" },
  { "timeline", NULL, "{\"incident_id\":\"" INCIDENT "\",\"text\":\"x\"}", "id: required" },
  { "postmortems", "x", "{}", "id: must be a lower-case UUID" },
  { "templates", "status-page-initial", "{}", "id: must be a lower-case UUID" },
  { "roles", INCIDENT, "{\"incident_id\":\"" INCIDENT "\"}",
    "id: must be <incident uuid>:<role>" },
  { "roles", INCIDENT ":boss", "{\"incident_id\":\"" INCIDENT "\"}",
    "id: must be <incident uuid>:<role>" },
  { "roles", "x:scribe", "{\"incident_id\":\"" INCIDENT "\"}",
    "id: must be <incident uuid>:<role>" },
  { "checklist", INCIDENT ":", "{\"incident_id\":\"" INCIDENT "\"}",
    "id: must be <incident uuid>:<item key>" },
  { "checklist", "channel", "{\"incident_id\":\"" INCIDENT "\"}",
    "id: must be <incident uuid>:<item key>" },
  { "services", "", "{}", "id: must be a name of 1 to 200 characters" },
  /* id and body disagree */
  { "roles", INCIDENT ":scribe", "{\"incident_id\":\"" UUID2 "\"}",
    "incident_id: must match the incident of the record id" },
  { "roles", INCIDENT ":scribe", "{\"incident_id\":\"" INCIDENT "\",\"role\":\"commander\"}",
    "role: must match the record id" },
  { "checklist", INCIDENT ":page", "{\"incident_id\":\"" INCIDENT "\",\"key\":\"declare\"}",
    "key: must match the record id" },
  /* collections */
  { "incident", INCIDENT, "{}", "coll: unknown collection “incident”" },
  { "", INCIDENT, "{}", "coll: unknown collection “”" },
};

static void
test_invalid (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (invalid_rows); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) body = parse (invalid_rows[i].body);

      g_test_message ("row %" G_GSIZE_FORMAT ": %s", i, invalid_rows[i].body);
      g_assert_false (sitrep_record_validate (invalid_rows[i].coll, invalid_rows[i].id,
                                              body, &error));
      g_assert_error (error, SITREP_RECORD_ERROR, SITREP_RECORD_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, invalid_rows[i].message);
    }
}

static void
test_unknown_fields_kept (void)
{
  static const char *text =
    "{\"title\":\"t\",\"severity\":\"P3\",\"x_new_field\":{\"nested\":[1,2]},\"zzz\":null}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = parse (text);
  g_autofree char *after = NULL;

  g_assert_true (sitrep_record_validate ("incidents", INCIDENT, body, &error));
  g_assert_no_error (error);

  after = sitrep_json_to_string (body);
  g_assert_cmpstr (after, ==, text);
}

static void
test_text_limit (void)
{
  static const char * const fields[] = { "title", "summary", "customer_impact" };

  for (gsize f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) body = json_object_new ();
      g_autofree char *at_limit = g_strnfill (SITREP_TEXT_MAX, 'a');
      g_autofree char *over = g_strnfill (SITREP_TEXT_MAX + 1, 'a');
      g_autofree char *expected = g_strdup_printf ("%s: must be at most 65536 bytes", fields[f]);

      g_assert_cmpint (SITREP_TEXT_MAX, ==, 65536);
      json_object_set_string_member (body, "title", "t");
      json_object_set_string_member (body, "severity", "P1");

      json_object_set_string_member (body, fields[f], at_limit);
      g_assert_true (sitrep_record_validate ("incidents", INCIDENT, body, &error));
      g_assert_no_error (error);

      json_object_set_string_member (body, fields[f], over);
      g_assert_false (sitrep_record_validate ("incidents", INCIDENT, body, &error));
      g_assert_error (error, SITREP_RECORD_ERROR, SITREP_RECORD_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);

      g_assert_false (sitrep_record_validate_patch ("incidents", body, &error));
      g_assert_cmpstr (error->message, ==, expected);
    }

  /* array elements are text too */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) body = json_object_new ();
    g_autoptr(JsonArray) factors = json_array_new ();
    g_autofree char *over = g_strnfill (SITREP_TEXT_MAX + 1, 'b');

    json_array_add_string_element (factors, over);
    json_object_set_array_member (body, "contributing_factors", g_steal_pointer (&factors));
    g_assert_false (sitrep_record_validate ("postmortems", INCIDENT, body, &error));
    g_assert_cmpstr (error->message, ==, "contributing_factors: must be at most 65536 bytes");
  }
}

static void
test_service_names (void)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *name200 = g_strnfill (200, 's');
  g_autofree char *name201 = g_strnfill (201, 's');
  g_autoptr(GString) umlauts = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  /* 200 characters, 400 bytes: the limit counts characters */
  for (guint i = 0; i < 200; i++)
    g_string_append (umlauts, "ä");

  g_assert_true (sitrep_record_validate ("services", name200, body, NULL));
  g_assert_true (sitrep_record_validate ("services", umlauts->str, body, NULL));
  g_assert_false (sitrep_record_validate ("services", name201, body, &error));
  g_assert_cmpstr (error->message, ==, "id: must be a name of 1 to 200 characters");
}

static void
test_patch (void)
{
  static const struct {
    const char *coll;
    const char *fields;
    const char *message;   /* NULL: valid */
  } rows[] = {
    { "checklist", "{\"done\":true}", NULL },
    { "checklist", "{\"done\":true,\"done_by\":\"alice\",\"done_at\":\"2025-04-08T14:36:00Z\"}",
      NULL },
    { "checklist", "{\"done\":false,\"done_by\":null,\"done_at\":null}", NULL },
    { "incidents", "{\"status\":\"resolved\"}", NULL },
    { "incidents", "{\"unknown\":1}", NULL },
    { "incidents", "{}", NULL },
    { "timeline", "{\"pinned\":true}", NULL },
    { "checklist", "{\"done\":\"yes\"}", "done: must be a boolean" },
    { "incidents", "{\"severity\":\"P9\"}", "severity: must be one of P1, P2, P3, P4" },
    { "incidents", "{\"severity\":null}", "severity: required" },
    { "incidents", "{\"title\":null}", "title: required" },
    { "timeline", "{\"text\":null}", "text: required" },
    { "timeline", "{\"occurred_at\":\"now\"}",
      "occurred_at: must be an RFC 3339 UTC time (2026-11-27T14:32:00Z) or null" },
    { "roles", "{\"incident_id\":null}", "incident_id: required" },
    { "nope", "{}", "coll: unknown collection “nope”" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) fields = parse (rows[i].fields);
      gboolean ok = sitrep_record_validate_patch (rows[i].coll, fields, &error);

      g_test_message ("row %" G_GSIZE_FORMAT ": %s %s", i, rows[i].coll, rows[i].fields);
      if (rows[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, SITREP_RECORD_ERROR, SITREP_RECORD_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, rows[i].message);
        }
    }
}

static void
test_collections_and_uuids (void)
{
  static const char * const collections[] = {
    "incidents", "roles", "checklist", "timeline", "communications", "action_items",
    "postmortems", "templates", "services", "pages",
  };
  static const struct {
    const char *id;
    gboolean uuid;
  } ids[] = {
    { INCIDENT, TRUE },
    { "00000000-0000-0000-0000-000000000000", TRUE },
    { "0F8FAD5B-D9CB-469F-A165-70867728950E", FALSE },
    { "0f8fad5b-d9cb-469f-a165-70867728950e0", FALSE },
    { "0f8fad5bd9cb-469f-a165-70867728950e-", FALSE },
    { "0f8fad5b-d9cb-469f-a165-70867728950g", FALSE },
    { "{0f8fad5b-d9cb-469f-a165-70867728950e}", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (collections); i++)
    g_assert_true (sitrep_collection_is_valid (collections[i]));
  g_assert_false (sitrep_collection_is_valid ("Incidents"));
  g_assert_false (sitrep_collection_is_valid ("tokens"));
  g_assert_false (sitrep_collection_is_valid (""));
  g_assert_false (sitrep_collection_is_valid (NULL));

  for (gsize i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpint (sitrep_id_is_uuid (ids[i].id), ==, ids[i].uuid);
}

static JsonObject *
entry (const char *text,
       const char *occurred_at,
       const char *kind)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "text", text);
  json_object_set_string_member (o, "occurred_at", occurred_at);
  json_object_set_string_member (o, "kind", kind);
  return o;
}

/* An edit is checked against the version its editor opened only when
 * someone else changed a field this edit changes. */
static void
test_changed_underneath (void)
{
  g_autoptr(JsonObject) opened = entry ("Pool exhausted", "2026-12-03T09:00:00.250Z", "note");
  g_autoptr(JsonObject) same = entry ("Pool exhausted", "2026-12-03T09:00:00.250Z", "note");
  g_autoptr(JsonObject) text_changed = entry ("Pool exhausted on db-2", "2026-12-03T09:00:00.250Z", "note");
  g_autoptr(JsonObject) time_changed = entry ("Pool exhausted", "2026-12-03T08:30:00Z", "note");
  g_autoptr(JsonObject) time_rewritten = entry ("Pool exhausted", "2026-12-03T10:00:00.250+01:00", "note");
  g_autoptr(JsonObject) text_edit = json_object_new ();
  g_autoptr(JsonObject) time_edit = json_object_new ();
  g_autoptr(JsonObject) pin_edit = json_object_new ();

  json_object_set_string_member (text_edit, "text", "Raised the pool to 200");
  json_object_set_string_member (time_edit, "occurred_at", "2026-12-03T08:55:00Z");
  json_object_set_boolean_member (pin_edit, "pinned", TRUE);

  g_assert_false (sitrep_edit_changed_underneath (same, opened, text_edit));
  g_assert_true (sitrep_edit_changed_underneath (text_changed, opened, text_edit));
  g_assert_false (sitrep_edit_changed_underneath (time_changed, opened, text_edit));
  g_assert_true (sitrep_edit_changed_underneath (time_changed, opened, time_edit));
  /* One instant written another way is not a change. */
  g_assert_false (sitrep_edit_changed_underneath (time_rewritten, opened, time_edit));
  /* A field the editor did not show is never a conflict. */
  g_assert_false (sitrep_edit_changed_underneath (text_changed, opened, pin_edit));
}

/* New ids are UUIDs that sort in the order they were made. */
static void
test_id_new_ordered (void)
{
  g_autofree char *previous = sitrep_id_new ();

  g_assert_true (sitrep_id_is_uuid (previous));
  /* the version 7 and variant bits */
  g_assert_cmpint (previous[14], ==, '7');
  g_assert_nonnull (strchr ("89ab", previous[19]));

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *id = sitrep_id_new ();

      g_assert_true (sitrep_id_is_uuid (id));
      g_assert_cmpint (strcmp (previous, id), <, 0);
      g_free (previous);
      previous = g_steal_pointer (&id);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/record/valid", test_valid);
  g_test_add_func ("/core/edit/changed-underneath", test_changed_underneath);
  g_test_add_func ("/core/record/id-new-ordered", test_id_new_ordered);
  g_test_add_func ("/core/record/invalid", test_invalid);
  g_test_add_func ("/core/record/unknown-fields-kept", test_unknown_fields_kept);
  g_test_add_func ("/core/record/text-limit", test_text_limit);
  g_test_add_func ("/core/record/service-names", test_service_names);
  g_test_add_func ("/core/record/patch", test_patch);
  g_test_add_func ("/core/record/collections-and-uuids", test_collections_and_uuids);

  return g_test_run ();
}

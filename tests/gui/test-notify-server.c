/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-notify-server.c: reminders for incidents that came from the server
 *
 * A real sitrep-server holds a P1 declared 40 min ago and a P2 declared
 * 57 min ago, nothing sent to anyone. The real app starts on an empty data
 * folder with SITREP_SERVER and SITREP_TOKEN, syncs them down, and within
 * 20 s raises an urgent notification for the P1 (its executive and status
 * page updates were due 10 min ago) and a warning for the P2 (its
 * stakeholder update is due in 3 min), each naming the incident.
 */

#include "config.h"

#include <string.h>

#include "notify-fixture.h"
#include "server-fixture.h"
#include "sitrep-time.h"

#define P1_TITLE "Checkout returns 502 for every card payment"
#define P2_TITLE "Search results lag by several minutes"

typedef struct
{
  const char *title;
  const char *ref;
  const char *audience;
  const char *when;
  const char *when_next;    /* the same, read in the next minute of the wall clock */
  int         urgency;
} Expect;

static gboolean
matches (const NotifyCall *call,
         gpointer          user_data)
{
  const Expect *expect = user_data;

  return call->urgency == expect->urgency && notify_call_mentions (call, expect->title) &&
         notify_call_mentions (call, expect->ref) &&
         notify_call_mentions (call, expect->audience) && (notify_call_mentions (call, expect->when) ||
          notify_call_mentions (call, expect->when_next));
}

static char *
incident_put (gint64      mid,
              const char *id,
              const char *title,
              const char *severity,
              int         minutes_ago)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) declared = g_date_time_add_minutes (now, -minutes_ago);
  g_autoptr(GDateTime) detected = g_date_time_add_minutes (declared, -2);
  g_autofree char *declared_at = sitrep_time_format (declared);
  g_autofree char *detected_at = sitrep_time_format (detected);

  return g_strdup_printf ("{\"mid\": %" G_GINT64_FORMAT ", \"op\": \"put\","
                          " \"coll\": \"incidents\", \"id\": \"%s\", \"body\": {\"title\": \"%s\", \"severity\": \"%s\","
                          " \"status\": \"investigating\", \"services\": [\"checkout\"],"
                          " \"major\": false, \"detected_at\": \"%s\", \"declared_at\": \"%s\"}}",
                          mid, id, title, severity, detected_at, declared_at);
}

static char *
dup_ref (JsonObject *snapshot,
         const char *id)
{
  JsonObject *record = sitrep_test_find_record (snapshot, "incidents", id);
  JsonObject *body;

  g_assert_nonnull (record);
  body = json_object_get_object_member (record, "body");
  g_assert_nonnull (body);
  g_assert_true (json_object_has_member (body, "ref"));
  return g_strdup (json_object_get_string_member (body, "ref"));
}

static void
test_from_server (void)
{
  g_autoptr(SitrepTestServer) server = NULL;
  g_autoptr(SitrepReply) reply = NULL;
  g_autoptr(JsonObject) snapshot = NULL;
  g_autoptr(NotifyCall) p1 = NULL;
  g_autoptr(NotifyCall) p2 = NULL;
  g_autofree char *client = sitrep_test_uuid ();
  g_autofree char *p1_id = sitrep_test_uuid ();
  g_autofree char *p2_id = sitrep_test_uuid ();
  g_autofree char *p1_put = NULL, *p2_put = NULL, *json = NULL;
  g_autofree char *p1_ref = NULL, *p2_ref = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *url_env = NULL, *token_env = NULL;
  const char *env[3];
  NotifyFixture fixture;
  g_autofree char *why = NULL;
  Expect p1_expect = { P1_TITLE, NULL, "Executives", "overdue by 10 min",
                       "overdue by 11 min", 2 };
  Expect p2_expect = { P2_TITLE, NULL, "Stakeholders", "due in 3 min",
                       "due in 2 min", 1 };

  if (!notify_fixture_available (&why))
    {
      g_test_skip (why);
      return;
    }
  if (g_getenv ("SITREP_SERVER_BIN") == NULL)
    {
      g_test_skip ("SITREP_SERVER_BIN is not set");
      return;
    }

  server = sitrep_test_server_new ();
  p1_put = incident_put (1, p1_id, P1_TITLE, "P1", 40);
  p2_put = incident_put (2, p2_id, P2_TITLE, "P2", 57);
  json = g_strdup_printf ("{\"client_id\": \"%s\", \"mutations\": [%s, %s]}", client, p1_put,
                          p2_put);
  reply = sitrep_test_push (server, server->responder, json);
  sitrep_assert_status (reply, 200);

  snapshot = sitrep_test_snapshot (server);
  p1_expect.ref = p1_ref = dup_ref (snapshot, p1_id);
  p2_expect.ref = p2_ref = dup_ref (snapshot, p2_id);

  dir = g_dir_make_tmp ("sitrep-notify-server-XXXXXX", NULL);
  url_env = g_strconcat ("SITREP_SERVER=", server->base_url, NULL);
  token_env = g_strconcat ("SITREP_TOKEN=", server->responder, NULL);
  env[0] = url_env;
  env[1] = token_env;
  env[2] = NULL;

  notify_fixture_setup (&fixture);
  notify_fixture_start_app (&fixture, dir, env);

  p1 = notify_fixture_wait (&fixture, matches, &p1_expect, 20000);
  p2 = notify_fixture_wait (&fixture, matches, &p2_expect,
                            p1 != NULL ? 20000 - (p1->at_us - fixture.app_started_us) / 1000 : 0);
  if (p1 == NULL || p2 == NULL)
    notify_fixture_dump (&fixture);
  g_assert_nonnull (p1);
  g_assert_nonnull (p2);
  g_assert_cmpint (p1->at_us - fixture.app_started_us, <=, 20 * G_USEC_PER_SEC);
  g_assert_cmpint (p2->at_us - fixture.app_started_us, <=, 20 * G_USEC_PER_SEC);
  g_printerr ("# P1 after %.1f s: %s\n", (p1->at_us - fixture.app_started_us) / 1e6, p1->summary);
  g_printerr ("# P2 after %.1f s: %s\n", (p2->at_us - fixture.app_started_us) / 1e6, p2->summary);

  notify_fixture_teardown (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/notify/server/p1-overdue-p2-due-soon", test_from_server);

  return g_test_run ();
}

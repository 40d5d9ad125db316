/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-protocol-roles.c: what each role may change, and a revoked token
 *
 * Every role against every kind of collection (the incidents and what
 * belongs to them; the admins' templates and service catalogue), and a
 * token revoked by the command line while its long-poll is held.
 */

#include "config.h"

#include <string.h>

#include "held-request.h"
#include "protocol-common.h"

#define SERVICE_BODY "{\"owner_team\": \"payments-team\", \"critical\": true," \
                     " \"escalation\": [\"payments-team\"]}"
#define TEMPLATE_BODY "{\"name\": \"Status page\", \"audience\": \"status_page\"," \
                      " \"status\": \"investigating\", \"title\": \"{{service}} is down\"," \
                      " \"body\": \"We are looking into {{service}}.\"}"

typedef enum {
  MAY_NOTHING,      /* the whole push is 403 */
  MAY_INCIDENTS,    /* incidents and what belongs to them */
  MAY_EVERYTHING,
} May;

static const char *
token_of (SitrepTestServer *server,
          const char       *role)
{
  if (g_str_equal (role, "viewer"))
    return server->viewer;
  if (g_str_equal (role, "responder"))
    return server->responder;
  return server->admin;
}

static void
check_role (const char *role,
            May         may)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *admin_cid = sitrep_test_uuid ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *tl = sitrep_test_uuid ();
  g_autofree char *tpl = sitrep_test_uuid ();
  g_autofree char *seed_tpl = sitrep_test_uuid ();
  g_autofree char *seed = NULL;
  g_autofree char *push = NULL;
  g_autoptr(JsonArray) seeded = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(SitrepReply) reply = NULL;
  const char *colls[] = {
    "incidents", "timeline", "services", "templates", "services", "services", "templates",
  };
  gint64 seq = 3;

  /* What the admins keep: a service and a template to patch and delete. */
  seed = push_json (admin_cid,
                    mut_put (1, "services", "ledger", g_strdup (SERVICE_BODY)),
                    mut_put (2, "templates", seed_tpl, g_strdup (TEMPLATE_BODY)),
                    NULL);
  seeded = push_results (server, server->admin, seed, 2);
  assert_applied (result_at (seeded, 0), 1);
  assert_applied (result_at (seeded, 1), 2);
  before = sitrep_test_snapshot (server);

  push = push_json (cid,
                    mut_put (1, "incidents", inc, incident_body ("Roles", "P2")),
                    mut_put (2, "timeline", tl, timeline_body (inc, "noted")),
                    mut_put (3, "services", "payments", g_strdup (SERVICE_BODY)),
                    mut_put (4, "templates", tpl, g_strdup (TEMPLATE_BODY)),
                    mut_patch (5, "services", "ledger", g_strdup ("{\"critical\": false}")),
                    mut_delete (6, "services", "ledger", -1),
                    mut_patch (7, "templates", seed_tpl, g_strdup ("{\"title\": \"changed\"}")),
                    NULL);
  reply = sitrep_test_push (server, token_of (server, role), push);

  if (may == MAY_NOTHING)
    {
      sitrep_assert_error (reply, 403, "forbidden");
      g_assert_cmpint (sitrep_test_health_seq (server), ==, 2);
      return;
    }

  sitrep_assert_status (reply, 200);
  for (guint i = 0; i < G_N_ELEMENTS (colls); i++)
    {
      JsonObject *result = result_at (json_object_get_array_member (sitrep_reply_object (reply),
                                                                    "results"), i);
      gboolean admins = g_str_equal (colls[i], "services") || g_str_equal (colls[i], "templates");

      if (admins && may != MAY_EVERYTHING)
        {
          g_assert_cmpint (json_object_get_int_member (result, "mid"), ==, i + 1);
          g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "rejected");
          g_assert_cmpstr (json_object_get_string_member (result, "error"), ==, "forbidden");
        }
      else
        g_assert_cmpint (assert_applied (result, i + 1), ==, seq++);
    }

  after = sitrep_test_snapshot (server);
  if (may == MAY_INCIDENTS)
    {
      /* the catalogue and the templates are as the admin left them */
      JsonObject *ledger = sitrep_test_find_record (after, "services", "ledger");
      JsonObject *tpl_record = sitrep_test_find_record (after, "templates", seed_tpl);

      g_assert_nonnull (ledger);
      g_assert_true (json_object_get_boolean_member (json_object_get_object_member (ledger,
                                                                                    "body"),
                                                     "critical"));
      g_assert_cmpint (json_object_get_int_member (ledger, "version"), ==, 1);
      g_assert_cmpint (json_object_get_int_member (tpl_record, "version"), ==, 2);
      g_assert_null (sitrep_test_find_record (after, "services", "payments"));
      g_assert_null (sitrep_test_find_record (after, "templates", tpl));
      g_assert_nonnull (sitrep_test_find_record (after, "timeline", tl));
    }
  else
    {
      g_assert_null (sitrep_test_find_record (after, "services", "ledger"));
      g_assert_nonnull (sitrep_test_find_record (after, "services", "payments"));
      g_assert_nonnull (sitrep_test_find_record (after, "templates", tpl));
    }
}

static void
test_viewer (void)
{
  check_role ("viewer", MAY_NOTHING);
}

static void
test_responder (void)
{
  check_role ("responder", MAY_INCIDENTS);
}

static void
test_admin (void)
{
  check_role ("admin", MAY_EVERYTHING);
}

static void
revoke_token (SitrepTestServer *server,
              const char       *name)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = sitrep_test_run_cli (&out, &err, "token", "revoke", "--db", server->db_path,
                                    "--name", name, NULL);

  if (status != 0)
    sitrep_test_note ("token revoke: exit %d, stderr: %s", status, err);
  g_assert_cmpint (status, ==, 0);
}

/* Revoked while its long-poll is held: the poll ends, and what is
 * written after the revocation never reaches it. */
static void
check_revoked_long_poll (gboolean write_after)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SitrepReply) reply = NULL;
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  SitrepHeldRequest *held;
  gint64 revoked_at, answered_at;

  held = sitrep_held_request_start (server, "/v1/changes?since=0&wait=30", server->responder2);
  g_assert_false (sitrep_held_request_answered (held));

  revoke_token (server, "responder2");
  revoked_at = g_get_monotonic_time ();
  if (write_after)
    {
      g_autofree char *push = push_json (cid, mut_put (1, "incidents", inc,
                                                       incident_body ("After", "P1")), NULL);
      g_autoptr(JsonArray) results = push_results (server, server->admin, push, 1);

      assert_applied (result_at (results, 0), 1);
    }

  reply = sitrep_held_request_finish (held, &answered_at);
  sitrep_assert_error (reply, 401, "unauthorized");
  /* within a second of the revocation, not at the end of the wait (with
   * room for a loaded machine) */
  g_assert_cmpint (answered_at - revoked_at, <, 5 * G_USEC_PER_SEC);
  g_assert_null (strstr (g_bytes_get_data (reply->body, NULL), inc));

  {
    g_autoptr(SitrepReply) again = sitrep_test_get (server, server->responder2,
                                                    "/v1/changes?since=0");

    sitrep_assert_error (again, 401, "unauthorized");
  }
}

static void
test_revoked_long_poll_ends (void)
{
  check_revoked_long_poll (FALSE);
}

static void
test_revoked_long_poll_gets_no_change (void)
{
  check_revoked_long_poll (TRUE);
}

void
add_protocol_roles_tests (void)
{
  sitrep_test_add ("/integration/roles/viewer", test_viewer);
  sitrep_test_add ("/integration/roles/responder", test_responder);
  sitrep_test_add ("/integration/roles/admin", test_admin);
  sitrep_test_add ("/integration/roles/revoked-long-poll-ends", test_revoked_long_poll_ends);
  sitrep_test_add ("/integration/roles/revoked-long-poll-gets-no-change",
                   test_revoked_long_poll_gets_no_change);
}

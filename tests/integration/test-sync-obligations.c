/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sync-obligations.c: obligations marked done, through the real server
 *
 * Two apps (contexts on data folders of their own, with two responders'
 * tokens) follow the same resolved major incident through sitrep-server on
 * 127.0.0.1. One marks the hot wash done while the other, at the same
 * time, marks the postmortem done: both marks reach both apps, neither
 * overwriting the other, each with its timeline note, and what is still
 * owed is the same in both. A mark made offline arrives on reconnecting.
 */

#include "config.h"

#include <string.h>

#include "gui-test-util.h"
#include "sitrep-json.h"
#include "test-sync-common.h"

typedef struct
{
  char          *dir;
  SitrepContext *context;
} App;

static void
app_open (App              *app,
          SitrepTestServer *server,
          const char       *user,
          const char       *token)
{
  g_autoptr(GError) error = NULL;

  app->dir = g_dir_make_tmp ("sitrep-sync-obligations-XXXXXX", &error);
  g_assert_no_error (error);
  app->context = sitrep_context_new (app->dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (app->context, user);
  sitrep_context_set_server (app->context, server->base_url, token);
  WAIT_UNTIL (sitrep_context_get_connection (app->context) == SITREP_CONNECTION_ONLINE);
}

static void
app_close (App *app)
{
  g_clear_object (&app->context);
  g_free (app->dir);
}

static const char *
field (App        *app,
       const char *id,
       const char *name)
{
  SitrepIncident *incident = sitrep_context_lookup_incident (app->context, id);

  return incident != NULL ? sitrep_json_get_string (sitrep_incident_get_body (incident), name)
                          : NULL;
}

static gboolean
has_entry (App        *app,
           const char *id,
           const char *text)
{
  g_autoptr(GPtrArray) timeline = sitrep_context_list_timeline (app->context, id);

  for (guint i = 0; i < timeline->len; i++)
    if (g_strcmp0 (sitrep_json_get_string (((SitrepRecord *) timeline->pdata[i])->body, "text"),
                   text) == 0)
      return TRUE;
  return FALSE;
}

/* "hot-wash postmortem …": the kinds still owed, by due time. */
static char *
owed (App        *app,
      const char *id)
{
  g_autoptr(GPtrArray) deadlines = sitrep_workspace_dup_deadlines (test_workspace (app->context,
                                                                               id));
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < deadlines->len; i++)
    g_string_append_printf (s, "%s%s", s->len ? " " : "",
                            ((SitrepDeadline *) deadlines->pdata[i])->label);
  return g_string_free (s, FALSE);
}

static void
test_marks_meet (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *owed_a = NULL;
  g_autofree char *owed_b = NULL;
  App a = { 0 }, b = { 0 };

  app_open (&a, server, "riley", server->responder);
  app_open (&b, server, "sam", server->responder2);

  id = sitrep_context_declare_incident (a.context, "Checkout rejects card payments",
                                        "payments, checkout", "Card payments fail",
                                        SITREP_SEVERITY_P1, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_workspace_set_major (test_workspace (a.context, id), TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_workspace_set_status (test_workspace (a.context, id),
                                              SITREP_STATUS_RESOLVED, &error));
  g_assert_no_error (error);
  WAIT_UNTIL (g_strcmp0 (field (&b, id, "status"), "resolved") == 0 &&
              sitrep_incident_get_major (sitrep_context_lookup_incident (b.context, id)));
  g_assert_true (sitrep_context_incident_owes (b.context,
                                               sitrep_context_lookup_incident (b.context, id)));

  /* At the same time, each an obligation of its own. */
  g_assert_true (sitrep_context_mark_obligation_done (a.context, id, SITREP_DEADLINE_HOT_WASH,
                                                      &error));
  g_assert_no_error (error);
  g_assert_true (sitrep_context_mark_obligation_done (b.context, id, SITREP_DEADLINE_POSTMORTEM,
                                                      &error));
  g_assert_no_error (error);

  WAIT_UNTIL (field (&a, id, "postmortem_done_at") != NULL &&
              field (&b, id, "hot_wash_done_at") != NULL);
  WAIT_UNTIL (has_entry (&a, id, "Postmortem done") && has_entry (&b, id, "Hot wash done"));
  g_assert_nonnull (field (&a, id, "hot_wash_done_at"));
  g_assert_nonnull (field (&b, id, "postmortem_done_at"));
  g_assert_cmpstr (field (&b, id, "hot_wash_done_by"), ==, "riley");
  g_assert_cmpstr (field (&a, id, "postmortem_done_by"), ==, "sam");

  owed_a = owed (&a, id);
  owed_b = owed (&b, id);
  g_assert_cmpstr (owed_a, ==, "Executive summary due Executive review due "
                               "Action item follow-up due");
  g_assert_cmpstr (owed_b, ==, owed_a);

  /* Offline, a mark waits on this computer and arrives on reconnecting. */
  sitrep_context_set_server (b.context, NULL, NULL);
  g_assert_true (sitrep_context_mark_obligation_done (b.context, id, SITREP_DEADLINE_EXEC_REVIEW,
                                                      &error));
  g_assert_no_error (error);
  g_clear_pointer (&owed_b, g_free);
  owed_b = owed (&b, id);
  g_assert_cmpstr (owed_b, ==, "Executive summary due Action item follow-up due");
  g_assert_null (field (&a, id, "exec_review_done_at"));
  sitrep_context_set_server (b.context, server->base_url, server->responder2);
  WAIT_UNTIL (field (&a, id, "exec_review_done_at") != NULL);
  WAIT_UNTIL (has_entry (&a, id, "Executive review done"));
  g_clear_pointer (&owed_a, g_free);
  owed_a = owed (&a, id);
  g_assert_cmpstr (owed_a, ==, owed_b);

  app_close (&a);
  app_close (&b);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);
  sync_test_init ();

  sitrep_test_add ("/sync-obligations/marks-meet", test_marks_meet);

  return g_test_run ();
}

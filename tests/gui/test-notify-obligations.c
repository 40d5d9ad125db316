/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-notify-obligations.c: reminders of what a resolved incident owes
 *
 * In-process on a clock of the test's own, the notifier raises the hot
 * wash of a resolved major incident as it comes due (warning, then
 * overdue), also once the incident is closed, until it is marked done.
 * Then the real app on a private bus with the real notification daemon:
 * a major incident resolved a day ago raises the hot wash reminder, and
 * its "Mark Done" button records it as done.
 */

#include "config.h"

#include <string.h>

#include "gui-test-util.h"
#include "notify-fixture.h"
#include "sitrep-context-store.h"
#include "sitrep-json.h"
#include "sitrep-notifier-private.h"

#define TITLE "Checkout rejects every card payment"

static NotifyFixture fixture;
static gboolean have_daemon;
static char *no_daemon_why;

/* A major P1 declared @declared_ago and resolved @resolved_ago. */
static char *
resolved_major (SitrepContext *context,
                GTimeSpan      declared_ago,
                GTimeSpan      resolved_ago)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) declared = g_date_time_add (now, -declared_ago);
  g_autoptr(GDateTime) detected = g_date_time_add_minutes (declared, -3);
  g_autoptr(GDateTime) resolved = g_date_time_add (now, -resolved_ago);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  SitrepWorkspace *workspace;

  id = sitrep_context_declare_incident (context, TITLE, "payments, checkout",
                                        "Card payments fail at checkout", SITREP_SEVERITY_P1,
                                        &error);
  g_assert_no_error (error);
  workspace = test_workspace (context, id);
  g_assert_true (sitrep_workspace_set_major (workspace, TRUE, &error));
  g_assert_true (sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_DETECTED, detected,
                                                 &error));
  g_assert_true (sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_DECLARED, declared,
                                                 &error));
  g_assert_true (sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_RESOLVED, resolved,
                                                 &error));
  g_assert_true (sitrep_workspace_set_status (workspace, SITREP_STATUS_RESOLVED, &error));
  g_assert_no_error (error);
  /* Stored to the second. */
  g_assert_cmpint (ABS (g_date_time_difference (
                     sitrep_incident_get_milestone (sitrep_context_lookup_incident (context, id),
                                                    SITREP_MILESTONE_RESOLVED),
                     resolved)), <, G_TIME_SPAN_SECOND);
  return g_steal_pointer (&id);
}

static SitrepNotice *
hot_wash_notice (SitrepNotifier *notifier,
                 const char     *id)
{
  return _sitrep_notifier_dup_notice (notifier, id, SITREP_DEADLINE_HOT_WASH,
                                      SITREP_AUDIENCE_INTERNAL);
}

/* The hot wash is due 24 h after the resolution: the notifier's clock is
 * moved across that time, as a day going by would. */
static void
test_hot_wash_clock (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitrep-notify-obligations-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
  g_autoptr(SitrepNotifier) notifier = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GDateTime) resolved = NULL;
  struct {
    int               at;         /* minutes after the resolution */
    SitrepAlertLevel  level;
    const char       *summary;    /* the hot wash reminder then */
  } steps[] = {
    { 60, 0, NULL },
    { 23 * 60 + 50, 0, NULL },
    { 24 * 60 - 4, SITREP_ALERT_WARNING, TITLE ": Hot wash due in 4 min" },
    { 24 * 60, SITREP_ALERT_OVERDUE, TITLE ": Hot wash due" },
    /* repeated every 5 min (the default) */
    { 24 * 60 + 5, SITREP_ALERT_OVERDUE, TITLE ": Hot wash due, overdue by 5 min" },
  };

  g_assert_no_error (error);
  sitrep_context_set_user (context, "robin");
  id = resolved_major (context, 2 * G_TIME_SPAN_HOUR, 0);
  resolved = g_date_time_ref (sitrep_incident_get_milestone (sitrep_context_lookup_incident (context,
                                                                                             id),
                                                             SITREP_MILESTONE_RESOLVED));
  notifier = sitrep_notifier_new (NULL, context);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GDateTime) at = g_date_time_add_minutes (resolved, steps[i].at);
      g_autoptr(SitrepNotice) notice = NULL;

      _sitrep_notifier_check_at (notifier, at);
      notice = hot_wash_notice (notifier, id);
      g_test_message ("step %u: %s", i, notice ? notice->summary : "(none)");
      if (steps[i].summary == NULL)
        {
          g_assert_null (notice);
          continue;
        }
      g_assert_nonnull (notice);
      g_assert_cmpint (notice->level, ==, steps[i].level);
      g_assert_cmpstr (notice->summary, ==, steps[i].summary);
      g_assert_nonnull (strstr (notice->body, "Hot wash due on "));
      g_assert_nonnull (strstr (notice->body, "(P1, Resolved)"));
    }
  /* Nothing active: no reason to keep running in the background. */
  g_assert_false (sitrep_notifier_get_has_active (notifier));

  /* Closed, it still owes the hot wash: reminded again at the repeat. */
  g_assert_true (sitrep_workspace_set_status (test_workspace (context, id), SITREP_STATUS_CLOSED,
                                              &error));
  g_assert_no_error (error);
  {
    g_autoptr(GDateTime) at = g_date_time_add_minutes (resolved, 24 * 60 + 10);
    g_autoptr(SitrepNotice) notice = NULL;

    _sitrep_notifier_check_at (notifier, at);
    notice = hot_wash_notice (notifier, id);
    g_assert_nonnull (notice);
    g_assert_cmpstr (notice->summary, ==, TITLE ": Hot wash due, overdue by 10 min");
  }

  /* Marked done: the reminder goes, the other obligations stay. */
  g_assert_true (sitrep_workspace_mark_obligation_done (test_workspace (context, id),
                                                        SITREP_DEADLINE_HOT_WASH, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GDateTime) at = g_date_time_add_minutes (resolved, 24 * 60 + 15);
    g_autoptr(SitrepNotice) summary = NULL;

    _sitrep_notifier_check_at (notifier, at);
    g_assert_null (hot_wash_notice (notifier, id));
    summary = _sitrep_notifier_dup_notice (notifier, id, SITREP_DEADLINE_EXEC_SUMMARY,
                                           SITREP_AUDIENCE_EXECUTIVES);
    g_assert_nonnull (summary);
    g_assert_cmpint (summary->level, ==, SITREP_ALERT_OVERDUE);
  }
}

/* A closed incident whose obligations are all done is not followed. */
static void
test_settled_not_followed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitrep-notify-obligations-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
  g_autoptr(SitrepNotifier) notifier = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 40);
  g_autofree char *id = NULL;
  const SitrepDeadlineKind kinds[] = {
    SITREP_DEADLINE_EXEC_SUMMARY, SITREP_DEADLINE_HOT_WASH, SITREP_DEADLINE_POSTMORTEM,
    SITREP_DEADLINE_EXEC_REVIEW, SITREP_DEADLINE_ACTION_FOLLOWUP,
  };

  g_assert_no_error (error);
  id = resolved_major (context, 2 * G_TIME_SPAN_HOUR, G_TIME_SPAN_HOUR);
  g_assert_true (sitrep_context_incident_owes (context, sitrep_context_lookup_incident (context, id)));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_assert_true (sitrep_workspace_mark_obligation_done (test_workspace (context, id), kinds[i],
                                                            &error));
      g_assert_no_error (error);
    }
  g_assert_false (sitrep_context_incident_owes (context,
                                                sitrep_context_lookup_incident (context, id)));

  /* A fresh start: the store query finds nothing owed either. */
  g_clear_object (&context);
  context = sitrep_context_new (dir, &error);
  g_assert_no_error (error);
  g_assert_false (sitrep_context_incident_owes (context,
                                                sitrep_context_lookup_incident (context, id)));
  notifier = sitrep_notifier_new (NULL, context);
  _sitrep_notifier_check_at (notifier, later);
  g_assert_null (hot_wash_notice (notifier, id));
}

static gboolean
matches_hot_wash (const NotifyCall *call,
                  gpointer          user_data)
{
  return notify_call_mentions (call, TITLE) && notify_call_mentions (call, "Hot wash");
}

static gboolean
has_action (const NotifyCall *call,
            const char       *id,
            const char       *label)
{
  for (guint i = 0; call->actions[i] != NULL && call->actions[i + 1] != NULL; i += 2)
    if (g_str_equal (call->actions[i], id) && g_str_equal (call->actions[i + 1], label))
      return TRUE;
  return FALSE;
}

/* The real app, a day after a major incident was resolved: the hot wash
 * reminder is on screen, and "Mark Done" records it. */
static void
test_daemon_hot_wash (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *id = NULL;
  g_autoptr(NotifyCall) hot_wash = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_daemon)
    {
      g_test_skip (no_daemon_why);
      return;
    }

  dir = g_dir_make_tmp ("sitrep-notify-obligations-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);

    g_assert_no_error (error);
    id = resolved_major (context, 26 * G_TIME_SPAN_HOUR, 24 * G_TIME_SPAN_HOUR +
                         10 * G_TIME_SPAN_MINUTE);
    g_assert_true (sitrep_workspace_set_status (test_workspace (context, id),
                                                SITREP_STATUS_CLOSED, &error));
    g_assert_no_error (error);
  }

  notify_fixture_start_app (&fixture, dir, NULL);
  hot_wash = notify_fixture_wait (&fixture, matches_hot_wash, NULL, 20000);
  if (hot_wash == NULL)
    notify_fixture_dump (&fixture);
  g_assert_nonnull (hot_wash);
  g_assert_true (notify_call_mentions (hot_wash, "overdue by 10 min") ||
                 notify_call_mentions (hot_wash, "overdue by 11 min"));
  g_assert_true (has_action (hot_wash, "mark-done", "Mark Done"));
  g_assert_true (has_action (hot_wash, "default", "Open"));

  reply = g_dbus_connection_call_sync (fixture.connection, hot_wash->sender,
                                       "/io/github/sitrep/Sitrep", "org.gtk.Actions", "Activate",
                                       g_variant_new_parsed ("('mark-obligation-done', "
                                                             "[<(%s, %i)>], @a{sv} {})", id,
                                                             (gint32) SITREP_DEADLINE_HOT_WASH),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  notify_fixture_stop_app (&fixture);

  /* What the app wrote: the mark and its timeline entry. */
  {
    g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
    g_autoptr(GPtrArray) timeline = NULL;
    SitrepIncident *incident;
    gboolean noted = FALSE;

    g_assert_no_error (error);
    incident = sitrep_context_lookup_incident (context, id);
    g_assert_nonnull (incident);
    g_assert_nonnull (sitrep_json_get_string (sitrep_incident_get_body (incident),
                                              "hot_wash_done_at"));
    timeline = sitrep_context_list_timeline (context, id);
    for (guint i = 0; i < timeline->len; i++)
      noted |= g_strcmp0 (sitrep_json_get_string (((SitrepRecord *) timeline->pdata[i])->body,
                                                  "text"), "Hot wash done") == 0;
    g_assert_true (noted);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before GTK and the notifier first connect to the session bus. */
  have_daemon = notify_fixture_available (&no_daemon_why);
  if (have_daemon)
    {
      notify_fixture_setup (&fixture);
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", fixture.address, TRUE);
    }

  gui_test_init (&argc, &argv);

  g_test_add_func ("/notify/obligations/hot-wash-clock", test_hot_wash_clock);
  g_test_add_func ("/notify/obligations/settled-not-followed", test_settled_not_followed);
  g_test_add_func ("/notify/obligations/daemon/hot-wash", test_daemon_hot_wash);

  status = g_test_run ();
  if (have_daemon)
    notify_fixture_teardown (&fixture);
  g_free (no_daemon_why);
  return status;
}

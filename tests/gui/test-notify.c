/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-notify.c: update reminders as desktop notifications
 *
 * The real app on a private session bus with the real notification daemon
 * (notification-daemon on the X server of xvfb-run): what it is told to
 * show, and what its "Compose update" button does. Then the clock rules of
 * the notifier in-process, and the Overview's countdowns.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gui-test-util.h"
#include "notify-fixture.h"
#include "sitrep-context-store.h"
#include "sitrep-countdown.h"
#include "sitrep-enum-strings.h"
#include "sitrep-notifier-private.h"
#include "sitrep-overview-page.h"

#define TITLE "Payment service outage"
#define CLOCK_TITLE "Search results lag by minutes"

/* One bus and daemon for the whole program: the notifier under test
 * in-process talks to them too. */
static NotifyFixture fixture;
static gboolean have_daemon;
static char *no_daemon_why;

static char *
declare_at (SitrepContext  *context,
            const char     *title,
            SitrepSeverity  severity,
            GTimeSpan       ago)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) declared = g_date_time_add (now, -ago);
  g_autoptr(GDateTime) detected = g_date_time_add_minutes (declared, -3);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = sitrep_context_declare_incident (context, title, "payments, checkout",
                                        "Card payments fail at checkout", severity, &error);
  g_assert_no_error (error);
  sitrep_workspace_set_milestone (test_workspace (context, id), SITREP_MILESTONE_DETECTED, detected, &error);
  g_assert_no_error (error);
  sitrep_workspace_set_milestone (test_workspace (context, id), SITREP_MILESTONE_DECLARED, declared, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&id);
}

typedef struct
{
  const char *title;
  const char *audience;
  int         urgency;
} Expect;

static gboolean
matches (const NotifyCall *call,
         gpointer          user_data)
{
  const Expect *expect = user_data;

  return call->urgency == expect->urgency && notify_call_mentions (call, expect->title) &&
         notify_call_mentions (call, expect->audience);
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

/* A title bar naming both the incident and the Updates page. */
static gboolean
composer_shown (const char *title)
{
  g_autofree char *names = notify_fixture_window_names ();
  g_auto(GStrv) lines = g_strsplit (names, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], title) != NULL && strstr (lines[i], "Updates") != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
set_flag (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Another process's window, looked for in the X server's list each time
 * the main loop wakes, and at least every 100 ms. */
static gboolean
composer_shown_within (const char *title,
                       guint       seconds)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (seconds, set_flag, &timed_out);
  guint wake = g_timeout_add (100, gui_test_wake, NULL);
  gboolean shown;

  while (!(shown = composer_shown (title)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  if (!timed_out)
    g_source_remove (timeout);
  return shown;
}

/* A P1 declared 40 min ago with no update sent: the executives' and the
 * status page's updates (every 30 min) are 10 min overdue. */
static void
test_overdue_p1 (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *id = NULL;
  g_autofree char *target = NULL;
  g_autoptr(NotifyCall) executives = NULL;
  g_autoptr(NotifyCall) status_page = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  Expect expect_exec = { TITLE, "Executives", 2 };
  Expect expect_status = { TITLE, "Status page", 2 };

  if (!have_daemon)
    {
      g_test_skip (no_daemon_why);
      return;
    }

  dir = g_dir_make_tmp ("sitrep-notify-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);

    g_assert_no_error (error);
    id = declare_at (context, TITLE, SITREP_SEVERITY_P1, 40 * G_TIME_SPAN_MINUTE);
  }

  notify_fixture_start_app (&fixture, dir, NULL);

  executives = notify_fixture_wait (&fixture, matches, &expect_exec, 20000);
  status_page = notify_fixture_wait (&fixture, matches, &expect_status, 1000);
  if (executives == NULL || status_page == NULL)
    notify_fixture_dump (&fixture);
  g_assert_nonnull (executives);
  g_assert_nonnull (status_page);
  g_assert_true (notify_call_mentions (executives, "overdue"));
  g_assert_true (has_action (executives, "compose", "Compose update"));
  g_assert_true (has_action (executives, "snooze", "Snooze…"));

  /* "Compose update" activates app.compose-update on the app that sent
   * the notification: here through org.gtk.Actions on its bus name. */
  g_assert_false (composer_shown (TITLE));
  target = g_strdup_printf ("%s:executives", id);
  reply = g_dbus_connection_call_sync (fixture.connection, executives->sender,
                                       "/io/github/sitrep/Sitrep", "org.gtk.Actions", "Activate",
                                       g_variant_new_parsed ("('compose-update', [<%s>], "
                                                             "@a{sv} {})", target),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);

  if (!composer_shown_within (TITLE, 10))
    {
      g_autofree char *names = notify_fixture_window_names ();

      g_printerr ("# windows:\n%s", names);
    }
  g_assert_true (composer_shown (TITLE));

  notify_fixture_stop_app (&fixture);
}

static gboolean
matches_answered (const NotifyCall *call,
                  gpointer          user_data)
{
  return call->id != 0 && matches (call, user_data);
}

/* The notification service tells of a click on "Compose update" with its
 * ActionInvoked signal, naming the notification by the id it gave it: the
 * app opens the composer. */
static void
test_action_invoked (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *id = NULL;
  g_autoptr(NotifyCall) executives = NULL;
  g_autoptr(GError) error = NULL;
  Expect expect_exec = { TITLE, "Executives", 2 };

  if (!have_daemon)
    {
      g_test_skip (no_daemon_why);
      return;
    }

  dir = g_dir_make_tmp ("sitrep-notify-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);

    g_assert_no_error (error);
    id = declare_at (context, TITLE, SITREP_SEVERITY_P1, 40 * G_TIME_SPAN_MINUTE);
  }

  notify_fixture_start_app (&fixture, dir, NULL);
  executives = notify_fixture_wait (&fixture, matches_answered, &expect_exec, 20000);
  if (executives == NULL)
    notify_fixture_dump (&fixture);
  g_assert_nonnull (executives);
  g_assert_false (composer_shown (TITLE));

  g_dbus_connection_emit_signal (fixture.connection, executives->sender,
                                 "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", executives->id, "compose"), &error);
  g_assert_no_error (error);

  if (!composer_shown_within (TITLE, 10))
    {
      g_autofree char *names = notify_fixture_window_names ();

      g_printerr ("# windows:\n%s", names);
    }
  g_assert_true (composer_shown (TITLE));

  notify_fixture_stop_app (&fixture);
}

static gboolean
matches_respond (const NotifyCall *call,
                 gpointer          user_data)
{
  return notify_call_mentions (call, user_data) && notify_call_mentions (call, "acknowledged");
}

/* A response-due reminder has an "Acknowledge" button; it activates
 * app.acknowledge-incident, which records the acknowledgement. */
static void
test_respond_acknowledge (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *id = NULL;
  g_autoptr(NotifyCall) respond = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_daemon)
    {
      g_test_skip (no_daemon_why);
      return;
    }

  dir = g_dir_make_tmp ("sitrep-notify-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);

    g_assert_no_error (error);
    id = declare_at (context, TITLE, SITREP_SEVERITY_P1, 40 * G_TIME_SPAN_MINUTE);
  }

  notify_fixture_start_app (&fixture, dir, NULL);
  respond = notify_fixture_wait (&fixture, matches_respond, (gpointer) TITLE, 20000);
  if (respond == NULL)
    notify_fixture_dump (&fixture);
  g_assert_nonnull (respond);
  g_assert_true (has_action (respond, "acknowledge", "Acknowledge"));

  reply = g_dbus_connection_call_sync (fixture.connection, respond->sender,
                                       "/io/github/sitrep/Sitrep", "org.gtk.Actions", "Activate",
                                       g_variant_new_parsed ("('acknowledge-incident', [<%s>], "
                                                             "@a{sv} {})", id),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  notify_fixture_stop_app (&fixture);

  /* What the app wrote: the incident is acknowledged. */
  {
    g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
    SitrepIncident *incident;

    g_assert_no_error (error);
    incident = sitrep_context_lookup_incident (context, id);
    g_assert_nonnull (incident);
    g_assert_nonnull (sitrep_incident_get_milestone (incident, SITREP_MILESTONE_ACKNOWLEDGED));
  }
}

/* The clock rules, in-process on a clock of the test's own. */
static void
test_clock (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitrep-notify-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
  g_autoptr(SitrepNotifier) notifier = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) declared = g_date_time_add_minutes (now, -65);
  g_autoptr(GPtrArray) timeline = NULL;
  g_autofree char *id = NULL;
  gboolean noted = FALSE;
  struct {
    int               at;         /* minutes after the declaration */
    SitrepAlertLevel  level;
    const char       *summary;    /* the stakeholders' reminder then */
  } steps[] = {
    { 50, 0, NULL },
    { 56, SITREP_ALERT_WARNING, CLOCK_TITLE ": Update to Stakeholders due in 4 min" },
    /* one warning per window, not one per tick */
    { 58, SITREP_ALERT_WARNING, CLOCK_TITLE ": Update to Stakeholders due in 4 min" },
    { 60, SITREP_ALERT_OVERDUE, CLOCK_TITLE ": Update to Stakeholders due now" },
    { 62, SITREP_ALERT_OVERDUE, CLOCK_TITLE ": Update to Stakeholders due now" },
    /* repeated every 5 min (the default) */
    { 65, SITREP_ALERT_OVERDUE, CLOCK_TITLE ": Update to Stakeholders overdue by 5 min" },
  };

  g_assert_no_error (error);
  id = declare_at (context, CLOCK_TITLE, SITREP_SEVERITY_P2, 65 * G_TIME_SPAN_MINUTE);
  notifier = sitrep_notifier_new (NULL, context);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GDateTime) at = g_date_time_add_minutes (declared, steps[i].at);
      g_autoptr(SitrepNotice) notice = NULL;

      _sitrep_notifier_check_at (notifier, at);
      notice = _sitrep_notifier_dup_notice (notifier, id, SITREP_DEADLINE_UPDATE,
                                            SITREP_AUDIENCE_STAKEHOLDERS);
      if (steps[i].summary == NULL)
        {
          g_assert_null (notice);
          continue;
        }
      g_assert_nonnull (notice);
      g_assert_cmpint (notice->level, ==, steps[i].level);
      g_assert_cmpstr (notice->summary, ==, steps[i].summary);
      g_assert_nonnull (strstr (notice->body, "Stakeholders"));
    }
  g_assert_true (sitrep_notifier_get_has_active (notifier));

  /* The response target (15 min for a P2) went by long ago. */
  {
    g_autoptr(SitrepNotice) respond = _sitrep_notifier_dup_notice (notifier, id,
                                                                   SITREP_DEADLINE_RESPOND,
                                                                   SITREP_AUDIENCE_INTERNAL);

    g_assert_nonnull (respond);
    g_assert_cmpint (respond->level, ==, SITREP_ALERT_OVERDUE);
  }

  /* A 5 min snooze (no longer than the warning window) counts as a
   * reminder given: no warning at once, the next one when it runs out. */
  g_assert_true (sitrep_workspace_snooze (test_workspace (context, id), SITREP_AUDIENCE_STAKEHOLDERS, 5,
                                        "waiting on the DB team", &error));
  g_assert_no_error (error);
  sitrep_notifier_record_snooze (notifier, id, SITREP_AUDIENCE_STAKEHOLDERS);
  {
    g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, 30);
    g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 5 * 60 + 20);
    g_autoptr(SitrepNotice) notice = NULL;

    _sitrep_notifier_check_at (notifier, soon);
    notice = _sitrep_notifier_dup_notice (notifier, id, SITREP_DEADLINE_UPDATE,
                                          SITREP_AUDIENCE_STAKEHOLDERS);
    g_assert_cmpstr (notice->summary, ==, CLOCK_TITLE ": Update to Stakeholders overdue by 5 min");
    g_clear_pointer (&notice, _sitrep_notice_free);

    _sitrep_notifier_check_at (notifier, later);
    notice = _sitrep_notifier_dup_notice (notifier, id, SITREP_DEADLINE_UPDATE,
                                          SITREP_AUDIENCE_STAKEHOLDERS);
    g_assert_cmpint (notice->level, ==, SITREP_ALERT_OVERDUE);
    /* 20 s past the snooze: its minute, or the next one on the wall clock. */
    g_assert_true (g_str_equal (notice->summary, CLOCK_TITLE ": Update to Stakeholders due now") ||
                   g_str_equal (notice->summary,
                                CLOCK_TITLE ": Update to Stakeholders overdue by 1 min"));
  }

  /* The snooze and its reason are in the timeline. */
  timeline = sitrep_context_list_timeline (context, id);
  for (guint i = 0; i < timeline->len; i++)
    {
      SitrepRecord *record = timeline->pdata[i];
      const char *text = json_object_get_string_member_with_default (record->body, "text", "");

      noted |= strstr (text, "snoozed 5 min: waiting on the DB team") != NULL;
    }
  g_assert_true (noted);

  /* Resolved: nothing left to remind of, no reason to stay in the background. */
  sitrep_workspace_set_status (test_workspace (context, id), SITREP_STATUS_RESOLVED, &error);
  g_assert_no_error (error);
  sitrep_notifier_check (notifier);
  g_assert_false (sitrep_notifier_get_has_active (notifier));
  g_assert_null (_sitrep_notifier_dup_notice (notifier, id, SITREP_DEADLINE_UPDATE,
                                              SITREP_AUDIENCE_STAKEHOLDERS));
}

typedef struct
{
  guint    frames;            /* painted by the window so far */
  gboolean checked;           /* the notifier's first check was done */
  guint    frames_at_check;
} FirstFrame;

static void
on_after_paint (GdkFrameClock *clock,
                FirstFrame    *state)
{
  state->frames++;
}

static void
on_window_realize (GtkWidget  *window,
                   FirstFrame *state)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), state);
}

static void
on_has_active (SitrepNotifier *notifier,
               GParamSpec     *pspec,
               FirstFrame     *state)
{
  if (state->checked || !sitrep_notifier_get_has_active (notifier))
    return;
  state->checked = TRUE;
  state->frames_at_check = state->frames;
}

/* In an application, the notifier's first check (with its work on every
 * active incident) waits for the first window to paint a frame. */
static void
test_first_frame (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitrep-notify-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
  g_autoptr(GtkApplication) application = NULL;
  g_autoptr(SitrepNotifier) notifier = NULL;
  g_autofree char *id = NULL;
  FirstFrame state = { 0 };
  GtkWidget *window;

  g_assert_no_error (error);
  id = declare_at (context, CLOCK_TITLE, SITREP_SEVERITY_P2, 65 * G_TIME_SPAN_MINUTE);

  application = GTK_APPLICATION (adw_application_new ("io.github.sitrep.Sitrep.FirstFrameTest",
                                                      G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  notifier = sitrep_notifier_new (G_APPLICATION (application), context);
  g_signal_connect (notifier, "notify::has-active", G_CALLBACK (on_has_active), &state);
  /* Asked to check before there is a window: not yet. */
  sitrep_notifier_check (notifier);
  g_assert_false (state.checked);

  window = gtk_application_window_new (application);
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize), &state);
  gtk_window_present (GTK_WINDOW (window));

  WAIT_UNTIL (state.checked);
  g_assert_cmpuint (state.frames_at_check, >=, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&notifier);
}

static gboolean
count_iteration (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* A check over many active incidents is done a slice at a time, with the
 * main loop (frames, input) running between the slices. */
static void
test_sliced_check (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitrep-notify-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
  g_autoptr(SitrepNotifier) notifier = NULL;
  guint iterations = 0;
  guint counter;

  g_assert_no_error (error);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *title = g_strdup_printf ("Search outage %u", i);
      g_autofree char *id = declare_at (context, title, SITREP_SEVERITY_P2,
                                        65 * G_TIME_SPAN_MINUTE);
    }

  /* Without an application it starts at once, on the next idle. */
  notifier = sitrep_notifier_new (NULL, context);
  counter = g_idle_add (count_iteration, &iterations);
  WAIT_UNTIL (sitrep_notifier_get_has_active (notifier));
  g_source_remove (counter);
  g_printerr ("# the main loop ran %u times during the check\n", iterations);
  g_assert_cmpuint (iterations, >=, 3);
}

static void
test_countdown (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 27, 14, 20, 20);
  struct {
    int         seconds;
    const char *text;
  } cases[] = {
    { 12 * 60, "in 12 min" },
    /* whole minutes of the wall clock: 14:24:50 is 4 minutes off */
    { 4 * 60 + 30, "in 4 min" },
    { 50, "in 1 min" },
    { 20, "due now" },
    { 0, "due now" },
    { -20, "due now" },
    { -30, "overdue by 1 min" },
    { -3 * 60 - 10, "overdue by 3 min" },
    { -(2 * 3600 + 5 * 60), "overdue by 2 h 5 min" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) due = g_date_time_add_seconds (now, cases[i].seconds);
      g_autofree char *text = sitrep_countdown_format (due, now);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* A notification's summary and body speak of the same thing. */
static void
test_summary_and_body_agree (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitrep-notify-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 27, 14, 0, 0);
  g_autofree char *id = NULL;
  SitrepIncident *incident;
  static const struct {
    SitrepDeadlineKind  kind;
    SitrepAudience      audience;
    const char         *summary;
    const char         *body;     /* what the body must say */
    const char         *not_body; /* and must not */
  } rows[] = {
    { SITREP_DEADLINE_PUBLIC_STATEMENT, SITREP_AUDIENCE_STATUS_PAGE,
      "Public statement overdue by 5 min", "the public statement (Status page) was due", "update" },
    { SITREP_DEADLINE_EXEC_BRIEF, SITREP_AUDIENCE_EXECUTIVES,
      "Executive brief overdue by 5 min", "the executive brief (Executives) was due", "update" },
    { SITREP_DEADLINE_UPDATE, SITREP_AUDIENCE_EXECUTIVES,
      "Update to Executives overdue by 5 min", "the update to Executives was due", NULL },
  };

  g_assert_no_error (error);
  id = declare_at (context, CLOCK_TITLE, SITREP_SEVERITY_P1, 30 * G_TIME_SPAN_MINUTE);
  incident = sitrep_context_lookup_incident (context, id);
  g_assert_nonnull (incident);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      SitrepDeadline d = {
        rows[i].kind, rows[i].audience, g_date_time_add_minutes (now, -5), (char *) "",
      };
      g_autofree char *summary = _sitrep_notifier_describe_due (&d, SITREP_ALERT_OVERDUE, now);
      g_autofree char *body = _sitrep_notifier_describe_body (incident, &d, SITREP_ALERT_OVERDUE);

      g_assert_cmpstr (summary, ==, rows[i].summary);
      g_assert_nonnull (strstr (body, rows[i].body));
      if (rows[i].not_body != NULL)
        g_assert_null (strstr (body, rows[i].not_body));
      g_date_time_unref (d.due);
    }
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Overview lists every audience's clock with a live countdown and a
 * Compose button for it; a sent update restarts the clock. */
static void
test_overview (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitrep-notify-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
  g_autofree char *id = NULL;
  g_autofree char *sent = NULL;
  SitrepOverviewPage *page;
  GtkWidget *window, *row, *compose;
  GVariant *target;
  const char *target_id, *target_audience;

  g_assert_no_error (error);
  id = declare_at (context, TITLE, SITREP_SEVERITY_P1, 40 * G_TIME_SPAN_MINUTE);

  page = g_object_new (SITREP_TYPE_OVERVIEW_PAGE, NULL);
  sitrep_incident_page_set_context (SITREP_INCIDENT_PAGE (page), context);
  sitrep_incident_page_set_incident (SITREP_INCIDENT_PAGE (page), sitrep_context_lookup_incident (context, id));
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));

  row = find_row (GTK_WIDGET (page), "Executive update due");
  g_assert_nonnull (row);
  g_assert_nonnull (find_row (GTK_WIDGET (page), "Status page update due"));
  g_assert_nonnull (find_label (row, "overdue by 10 min"));
  compose = find_actionable (row, "win.compose");
  g_assert_nonnull (compose);
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (compose));
  g_variant_get (target, "(&s&s)", &target_id, &target_audience);
  g_assert_cmpstr (target_id, ==, id);
  g_assert_cmpstr (target_audience, ==, "executives");

  sent = sitrep_workspace_send_communication (test_workspace (context, id), SITREP_AUDIENCE_EXECUTIVES, NULL,
                                            SITREP_STATUS_INVALID, "Update",
                                            "We are investigating.", &error);
  g_assert_no_error (error);
  WAIT_UNTIL (find_label (find_row (GTK_WIDGET (page), "Executive update due"), "in 30 min") ||
              find_label (find_row (GTK_WIDGET (page), "Executive update due"), "in 29 min"));
  g_assert_nonnull (find_label (find_row (GTK_WIDGET (page), "Status page update due"),
                                "overdue by 10 min"));

  gtk_window_destroy (GTK_WINDOW (window));
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

  g_test_add_func ("/notify/countdown", test_countdown);
  g_test_add_func ("/notify/clock", test_clock);
  g_test_add_func ("/notify/summary-and-body-agree", test_summary_and_body_agree);
  g_test_add_func ("/notify/overview", test_overview);
  g_test_add_func ("/notify/first-frame", test_first_frame);
  g_test_add_func ("/notify/sliced-check", test_sliced_check);
  g_test_add_func ("/notify/daemon/overdue-p1", test_overdue_p1);
  g_test_add_func ("/notify/daemon/respond-acknowledge", test_respond_acknowledge);
  g_test_add_func ("/notify/daemon/action-invoked", test_action_invoked);

  status = g_test_run ();
  if (have_daemon)
    notify_fixture_teardown (&fixture);
  g_free (no_daemon_why);
  return status;
}

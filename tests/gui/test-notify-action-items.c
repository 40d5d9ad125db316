/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-notify-action-items.c: the daily reminder of my overdue action items
 *
 * On a private session bus with the real notification daemon (the
 * fixture of test-notify.c): the notifier in-process on the test's own
 * days, raising the reminder once a day, not again after a restart the
 * same day, again the next day, and no more once the items are done; then
 * the real app raising it at start-up.
 */
#include "config.h"

#include <string.h>

#include "gui-test-util.h"
#include "notify-fixture.h"
#include "sitrep-context-store.h"
#include "sitrep-notifier-private.h"

#define DESCRIPTION "Add a circuit breaker to the payment client"

static NotifyFixture fixture;
static gboolean have_daemon;
static char *no_daemon_why;

typedef struct
{
  const char *text;
  gint64      after_us;
} Expect;

static gboolean
reminder (const NotifyCall *call,
          gpointer          user_data)
{
  const Expect *expect = user_data;

  return call->at_us > expect->after_us && strstr (call->summary, "of my action items") != NULL &&
         notify_call_mentions (call, expect->text);
}

static char *
add_overdue (SitrepContext *context,
             const char    *owner)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *incident_id = NULL;
  char *item_id;

  incident_id = sitrep_context_declare_incident (context, "Payment service outage", "payments",
                                                 "Card payments fail", SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);
  item_id = sitrep_workspace_add_action_item (test_workspace (context, incident_id), DESCRIPTION,
                                              SITREP_ACTION_PREVENT, owner, "2020-01-31", &error);
  g_assert_no_error (error);
  /* Someone else's overdue item is not mine to be reminded of. */
  g_free (sitrep_workspace_add_action_item (test_workspace (context, incident_id),
                                            "Not mine", SITREP_ACTION_DETECT, "dave",
                                            "2020-01-31", &error));
  g_assert_no_error (error);
  return item_id;
}

static GDateTime *
today_at (int hour)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                g_date_time_get_day_of_month (now), hour, 0, 0);
}

/* One a day, through the notifier's own checks and the daemon. */
static void
test_once_a_day (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitrep-notify-items-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = NULL;
  g_autoptr(SitrepNotifier) notifier = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GDateTime) morning = today_at (9);
  g_autoptr(GDateTime) evening = today_at (18);
  g_autoptr(GDateTime) late = today_at (23);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (morning, 1);
  g_autoptr(NotifyCall) first = NULL;
  g_autoptr(NotifyCall) second = NULL;
  g_autofree char *today = g_date_time_format (morning, "%Y-%m-%d");
  g_autofree char *item_id = NULL;
  Expect expect = { DESCRIPTION, 0 };

  if (!have_daemon)
    {
      g_test_skip (no_daemon_why);
      return;
    }

  g_settings_reset (settings, "action-items-reminded-on");
  context = sitrep_context_new (dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (context, "alice");
  item_id = add_overdue (context, "alice");
  notifier = sitrep_notifier_new (NULL, context);

  expect.after_us = g_get_monotonic_time ();
  _sitrep_notifier_check_at (notifier, morning);
  g_assert_true (g_date_time_equal (_sitrep_notifier_action_items_raised_at (notifier), morning));
  first = notify_fixture_wait (&fixture, reminder, &expect, 10000);
  if (first == NULL)
    notify_fixture_dump (&fixture);
  g_assert_nonnull (first);
  g_assert_cmpstr (first->summary, ==, "1 of my action items is overdue");
  g_assert_nonnull (strstr (first->body, "(due 2020-01-31)"));
  g_assert_null (strstr (first->body, "Not mine"));
  g_assert_cmpstr (first->actions[0], ==, "default");
  g_assert_cmpstr (first->actions[1], ==, "Open Action Items");
  /* A reminder, not an alarm: normal urgency. */
  g_assert_cmpint (first->urgency, ==, 1);
  {
    g_autofree char *kept = g_settings_get_string (settings, "action-items-reminded-on");

    g_assert_cmpstr (kept, ==, today);
  }

  /* Later the same day: nothing more. */
  _sitrep_notifier_check_at (notifier, evening);
  g_assert_true (g_date_time_equal (_sitrep_notifier_action_items_raised_at (notifier), morning));

  /* A restart the same day: still nothing. */
  g_clear_object (&notifier);
  g_clear_object (&context);
  context = sitrep_context_new (dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (context, "alice");
  notifier = sitrep_notifier_new (NULL, context);
  _sitrep_notifier_check_at (notifier, late);
  g_assert_null (_sitrep_notifier_action_items_raised_at (notifier));

  /* The next day: once more, on the daemon. */
  expect.after_us = g_get_monotonic_time ();
  _sitrep_notifier_check_at (notifier, tomorrow);
  g_assert_true (g_date_time_equal (_sitrep_notifier_action_items_raised_at (notifier), tomorrow));
  second = notify_fixture_wait (&fixture, reminder, &expect, 10000);
  g_assert_nonnull (second);

  /* Done: the reminder goes. */
  g_assert_true (sitrep_workspace_set_action_item_status (
                   test_workspace (context, sitrep_record_object_get_incident_id (
                     sitrep_record_list_lookup (SITREP_RECORD_LIST (sitrep_context_get_action_items (context)),
                                                item_id))),
                   item_id, SITREP_ACTION_COMPLETED, &error));
  g_assert_no_error (error);
  _sitrep_notifier_check_at (notifier, tomorrow);
  g_assert_null (_sitrep_notifier_action_items_raised_at (notifier));
}

/* The app's window titled "Action Items". */
static gboolean
view_shown (void)
{
  return notify_fixture_app_shows (&fixture, "Action Items");
}

/* The real app, started on a folder with an overdue item of its user's:
 * the reminder, and its button opening the Action Items view. */
static void
test_app (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *item_id = NULL;
  g_autoptr(NotifyCall) call = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  Expect expect = { DESCRIPTION, 0 };

  if (!have_daemon)
    {
      g_test_skip (no_daemon_why);
      return;
    }

  dir = g_dir_make_tmp ("sitrep-notify-items-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);

    g_assert_no_error (error);
    /* The app's user when Preferences name none: the login name. */
    item_id = add_overdue (context, g_get_user_name ());
  }

  expect.after_us = g_get_monotonic_time ();
  notify_fixture_start_app (&fixture, dir, NULL);
  call = notify_fixture_wait (&fixture, reminder, &expect, 20000);
  if (call == NULL)
    notify_fixture_dump (&fixture);
  g_assert_nonnull (call);
  g_assert_cmpstr (call->summary, ==, "1 of my action items is overdue");

  /* Its button, as the daemon would press it: the Action Items view. */
  g_assert_false (view_shown ());
  reply = g_dbus_connection_call_sync (fixture.connection, call->sender,
                                       "/io/github/sitrep/Sitrep", "org.gtk.Actions", "Activate",
                                       g_variant_new_parsed ("('show-action-items', [<'mine'>], "
                                                             "@a{sv} {})"),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  WAIT_UNTIL (view_shown ());
  notify_fixture_stop_app (&fixture);
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

  g_test_add_func ("/notify/action-items/once-a-day", test_once_a_day);
  g_test_add_func ("/notify/action-items/app", test_app);

  status = g_test_run ();
  if (have_daemon)
    notify_fixture_teardown (&fixture);
  g_free (no_daemon_why);
  return status;
}

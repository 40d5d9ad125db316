/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-notify-coalesce.c: many due deadlines, few notifications
 *
 * The real app on a private session bus with the real notification daemon
 * (see notify-fixture.h), started on a database with 180
 * active P1 incidents, every one of them with its response and updates
 * overdue: more than 500 reminders due at once. The daemon is to be told
 * of them in one summary, and never more than the rate limit allows in a
 * minute, however often the counts change. The test waits out that limit
 * once: it takes a little over a minute.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gui-test-util.h"
#include "notify-fixture.h"
#include "sitrep-context-store.h"
#include "sitrep-deadlines.h"

#define N_INCIDENTS     180
#define MIN_OVERDUE     500
/* The notifier's rule: at most this many Notify calls in any minute. */
#define MAX_PER_MINUTE  6
#define N_ACKS          7

static NotifyFixture fixture;
static gboolean have_daemon;
static char *no_daemon_why;

static char *
declare_at (SitrepContext  *context,
            const char     *title,
            GTimeSpan       ago)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) declared = g_date_time_add (now, -ago);
  g_autoptr(GDateTime) detected = g_date_time_add_minutes (declared, -3);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = sitrep_context_declare_incident (context, title, "payments, checkout",
                                        "Card payments fail at checkout", SITREP_SEVERITY_P1,
                                        &error);
  g_assert_no_error (error);
  sitrep_workspace_set_milestone (test_workspace (context, id), SITREP_MILESTONE_DETECTED,
                                  detected, &error);
  g_assert_no_error (error);
  sitrep_workspace_set_milestone (test_workspace (context, id), SITREP_MILESTONE_DECLARED,
                                  declared, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&id);
}

/* "<n> updates overdue in <incidents> incidents": n, or -1. */
static int
summary_overdue (const NotifyCall *call,
                 guint             incidents)
{
  g_autofree char *tail = g_strdup_printf (" updates overdue in %u incidents", incidents);
  char *end;
  long n;

  if (!g_str_has_suffix (call->summary, tail))
    return -1;
  n = strtol (call->summary, &end, 10);
  if (end == call->summary || !g_str_equal (end, tail))
    return -1;
  return (int) n;
}

typedef struct
{
  guint incidents;
  int   overdue;     /* -1: any */
} SummaryMatch;

static gboolean
matches_summary (const NotifyCall *call,
                 gpointer          user_data)
{
  const SummaryMatch *m = user_data;
  int n = summary_overdue (call, m->incidents);

  return n >= 0 && (m->overdue < 0 || n <= m->overdue);
}

static void
activate (const char *sender,
          const char *action,
          const char *id)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (fixture.connection, sender, "/io/github/sitrep/Sitrep",
                                       "org.gtk.Actions", "Activate",
                                       g_variant_new_parsed ("(%s, [<%s>], @a{sv} {})", action,
                                                             id),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
}

static void
test_many_overdue (void)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(NotifyCall) first = NULL;
  g_autoptr(NotifyCall) last = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *sender = NULL;
  guint overdue = 0;
  guint n_calls;
  SummaryMatch any = { N_INCIDENTS, -1 };
  int first_count;

  if (!have_daemon)
    {
      g_test_skip (no_daemon_why);
      return;
    }

  dir = g_dir_make_tmp ("sitrep-notify-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    g_assert_no_error (error);
    for (guint i = 0; i < N_INCIDENTS; i++)
      {
        g_autofree char *title = g_strdup_printf ("Checkout outage %u", i);
        char *id = declare_at (context, title, 40 * G_TIME_SPAN_MINUTE);
        g_autoptr(GPtrArray) deadlines =
          sitrep_workspace_dup_deadlines (test_workspace (context, id));

        for (guint j = 0; j < deadlines->len; j++)
          overdue += g_date_time_compare (((SitrepDeadline *) deadlines->pdata[j])->due, now) < 0;
        g_ptr_array_add (ids, id);
      }
  }
  g_printerr ("# %u deadlines overdue in %u incidents\n", overdue, N_INCIDENTS);
  g_assert_cmpuint (overdue, >=, MIN_OVERDUE);

  notify_fixture_start_app (&fixture, dir, NULL);

  /* One summary, naming the counts. */
  first = notify_fixture_wait (&fixture, matches_summary, &any, 30000);
  if (first == NULL)
    notify_fixture_dump (&fixture);
  g_assert_nonnull (first);
  first_count = summary_overdue (first, N_INCIDENTS);
  g_assert_cmpint (first_count, >=, MIN_OVERDUE);
  g_assert_cmpint (first->urgency, ==, 2);
  /* The worst few by name, and how many more. */
  g_assert_true (notify_call_mentions (first, "Checkout outage"));
  g_assert_true (notify_call_mentions (first, "more"));
  sender = g_strdup (first->sender);

  /* Every acknowledgement answers one overdue response, and the summary
   * tells the new count: at once while the rate limit allows it, later
   * once it does. */
  for (guint i = 0; i < N_ACKS; i++)
    {
      SummaryMatch after_ack = { N_INCIDENTS, first_count - (int) i - 1 };

      activate (sender, "acknowledge-incident", ids->pdata[i]);
      g_clear_pointer (&last, notify_call_free);
      last = notify_fixture_wait (&fixture, matches_summary, &after_ack, 90000);
      if (last == NULL)
        notify_fixture_dump (&fixture);
      g_assert_nonnull (last);
    }
  /* The last count waited for the oldest call to leave the minute. */
  g_assert_cmpint (last->at_us - first->at_us, >=, 60 * G_USEC_PER_SEC);

  /* A handful of notifications in all, every one the summary, and never
   * more than the limit in a minute. */
  g_mutex_lock (&fixture.lock);
  n_calls = fixture.calls->len;
  for (guint i = 0; i < fixture.calls->len; i++)
    {
      NotifyCall *call = fixture.calls->pdata[i];
      guint in_minute = 0;

      g_assert_cmpstr (call->sender, ==, sender);
      g_assert_cmpint (summary_overdue (call, N_INCIDENTS), >=, 0);
      for (guint j = i; j < fixture.calls->len; j++)
        in_minute += ((NotifyCall *) fixture.calls->pdata[j])->at_us - call->at_us <
                     60 * G_USEC_PER_SEC;
      g_assert_cmpuint (in_minute, <=, MAX_PER_MINUTE);
    }
  g_mutex_unlock (&fixture.lock);
  g_printerr ("# %u Notify calls\n", n_calls);
  g_assert_cmpuint (n_calls, <=, 1 + N_ACKS);

  notify_fixture_stop_app (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before GTK first connects to the session bus. */
  have_daemon = notify_fixture_available (&no_daemon_why);
  if (have_daemon)
    {
      notify_fixture_setup (&fixture);
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", fixture.address, TRUE);
    }
  gui_test_init (&argc, &argv);

  g_test_add_func ("/notify/coalesce/many-overdue", test_many_overdue);

  status = g_test_run ();
  if (have_daemon)
    notify_fixture_teardown (&fixture);
  g_free (no_daemon_why);
  return status;
}

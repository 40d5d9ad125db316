/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-countdown.c: the one countdown every view and notification shows */

#include "config.h"

#include "sitrep-countdown.h"

static GDateTime *
at (int hour,
    int minute,
    int second)
{
  return g_date_time_new_utc (2026, 11, 27, hour, minute, second);
}

static void
test_format (void)
{
  /* A deadline at 14:32:10. */
  g_autoptr(GDateTime) due = at (14, 32, 10);
  static const struct {
    int hour, minute, second;
    const char *text;
    SitrepCountdownState state;
  } rows[] = {
    { 14, 20, 0, "in 12 min", SITREP_COUNTDOWN_LATER },
    { 14, 27, 59, "in 5 min", SITREP_COUNTDOWN_SOON },
    { 14, 28, 0, "in 4 min", SITREP_COUNTDOWN_SOON },
    { 14, 31, 59, "in 1 min", SITREP_COUNTDOWN_SOON },
    /* Its own minute, before and after the second: never "in 0 min". */
    { 14, 32, 0, "due now", SITREP_COUNTDOWN_OVERDUE },
    { 14, 32, 10, "due now", SITREP_COUNTDOWN_OVERDUE },
    { 14, 32, 59, "due now", SITREP_COUNTDOWN_OVERDUE },
    { 14, 33, 0, "overdue by 1 min", SITREP_COUNTDOWN_OVERDUE },
    { 14, 35, 30, "overdue by 3 min", SITREP_COUNTDOWN_OVERDUE },
    { 12, 27, 0, "in 2 h 5 min", SITREP_COUNTDOWN_LATER },
    { 16, 37, 0, "overdue by 2 h 5 min", SITREP_COUNTDOWN_OVERDUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GDateTime) now = at (rows[i].hour, rows[i].minute, rows[i].second);
      g_autofree char *text = sitrep_countdown_format (due, now);

      g_assert_cmpstr (text, ==, rows[i].text);
      g_assert_cmpint (sitrep_countdown_state (due, now), ==, rows[i].state);
    }
}

/* Two views read the clock at different seconds of one minute (the minute
 * tick, then a refresh after a sync): they must say the same. */
static void
test_same_minute_same_text (void)
{
  static const struct {
    int   due_offset_s;       /* from 10:00:00 */
    const char *text;
  } rows[] = {
    { 4 * 60 + 30, "in 4 min" },
    /* 23 h 59 min 30 s after the first second: not "1 d" in one view and
     * "23 h 59 min" in another */
    { 24 * 3600 - 30, "in 23 h 59 min" },
    { 24 * 3600, "in 1 d" },
    { 30, "due now" },
    { -30, "overdue by 1 min" },
  };
  g_autoptr(GDateTime) base = at (10, 0, 0);

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GDateTime) due = g_date_time_add_seconds (base, rows[i].due_offset_s);

      for (int second = 0; second < 60; second += 7)
        {
          g_autoptr(GDateTime) now = at (10, 0, second);
          g_autofree char *text = sitrep_countdown_format (due, now);

          g_assert_cmpstr (text, ==, rows[i].text);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/countdown/format", test_format);
  g_test_add_func ("/core/countdown/same-minute-same-text", test_same_minute_same_text);

  return g_test_run ();
}

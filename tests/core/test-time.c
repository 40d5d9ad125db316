/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-time.c: RFC 3339 times and durations */

#include "config.h"

#include "sitrep-time.h"

static void
test_format (void)
{
  static const struct {
    int year, month, day, hour, minute, seconds;
    GTimeSpan usec;
    const char *tz;
    const char *expected;
  } rows[] = {
    { 2026, 11, 27, 14, 32, 0, 0, "Z", "2026-11-27T14:32:00Z" },
    { 2026, 11, 27, 14, 32, 0, 250000, "Z", "2026-11-27T14:32:00.250Z" },
    { 2026, 11, 27, 14, 32, 59, 1000, "Z", "2026-11-27T14:32:59.001Z" },
    { 2026, 11, 27, 14, 32, 59, 999999, "Z", "2026-11-27T14:32:59.999Z" },
    { 2026, 11, 27, 16, 32, 5, 0, "+02:00", "2026-11-27T14:32:05Z" },
    { 2026, 12, 31, 23, 30, 0, 0, "-01:00", "2027-01-01T00:30:00Z" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (rows[i].tz);
      g_autoptr(GDateTime) whole = NULL;
      g_autoptr(GDateTime) dt = NULL;
      g_autofree char *text = NULL;

      g_assert_nonnull (tz);
      whole = g_date_time_new (tz, rows[i].year, rows[i].month, rows[i].day,
                               rows[i].hour, rows[i].minute, rows[i].seconds);
      dt = g_date_time_add (whole, rows[i].usec);
      text = sitrep_time_format (dt);
      g_assert_cmpstr (text, ==, rows[i].expected);
    }

  /* sub-millisecond parts are dropped, not shown as ".000" */
  {
    g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 1, 2, 3, 4, 5);
    g_autoptr(GDateTime) dt = g_date_time_add (base, 999);
    g_autofree char *text = sitrep_time_format (dt);

    g_assert_cmpstr (text, ==, "2026-01-02T03:04:05Z");
  }
}

static void
test_now (void)
{
  g_autofree char *now = sitrep_time_now ();
  g_autoptr(GDateTime) parsed = sitrep_time_parse (now);
  g_autoptr(GDateTime) reference = g_date_time_new_now_utc ();

  g_assert_true (sitrep_time_is_valid (now));
  g_assert_nonnull (parsed);
  g_assert_cmpint (ABS (g_date_time_difference (reference, parsed)), <, 10 * G_TIME_SPAN_SECOND);
}

static void
test_parse (void)
{
  static const struct {
    const char *text;
    const char *expected;   /* formatted back, NULL: refused */
    gboolean valid;         /* acceptable on the wire */
  } rows[] = {
    { "2026-11-27T14:32:00Z", "2026-11-27T14:32:00Z", TRUE },
    { "2026-11-27T14:32:00.250Z", "2026-11-27T14:32:00.250Z", TRUE },
    { "2026-11-27T14:32:00.5Z", "2026-11-27T14:32:00.500Z", TRUE },
    { "2026-11-27T14:32:00.123456789Z", "2026-11-27T14:32:00.123Z", TRUE },
    { "2026-11-27T14:32:00.000Z", "2026-11-27T14:32:00Z", TRUE },
    { "2026-11-27T16:32:00+02:00", "2026-11-27T14:32:00Z", FALSE },
    { "2026-11-27T12:02:00-02:30", "2026-11-27T14:32:00Z", FALSE },
    { "2026-11-27t14:32:00z", "2026-11-27T14:32:00Z", FALSE },
    { "2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z", TRUE },
    { "2025-02-29T00:00:00Z", NULL, FALSE },
    { "2026-13-01T00:00:00Z", NULL, FALSE },
    { "2026-11-31T00:00:00Z", NULL, FALSE },
    { "2026-11-27T24:00:00Z", NULL, FALSE },
    { "2026-11-27T14:60:00Z", NULL, FALSE },
    { "2026-11-27T23:59:60Z", NULL, FALSE },
    { "2026-11-27T14:32:00", NULL, FALSE },
    { "2026-11-27 14:32:00Z", NULL, FALSE },
    { "2026-11-27T14:32Z", NULL, FALSE },
    { "2026-11-27T14:32:00.Z", NULL, FALSE },
    { "2026-11-27T14:32:00.1234567890Z", NULL, FALSE },
    { "2026-11-27T14:32:00+0200", NULL, FALSE },
    { "2026-11-27T14:32:00+24:00", NULL, FALSE },
    { "2026-11-27T14:32:00Z ", NULL, FALSE },
    { "20261127T143200Z", NULL, FALSE },
    { "2026-W48-5T14:32:00Z", NULL, FALSE },
    { "2026-11-27", NULL, FALSE },
    { "", NULL, FALSE },
    { "Z", NULL, FALSE },
    { NULL, NULL, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GDateTime) dt = sitrep_time_parse (rows[i].text);

      g_test_message ("row %" G_GSIZE_FORMAT ": %s", i, rows[i].text);
      if (rows[i].expected == NULL)
        g_assert_null (dt);
      else
        {
          g_autofree char *text = NULL;

          g_assert_nonnull (dt);
          g_assert_cmpint (g_date_time_get_utc_offset (dt), ==, 0);
          text = sitrep_time_format (dt);
          g_assert_cmpstr (text, ==, rows[i].expected);
        }
      g_assert_cmpint (sitrep_time_is_valid (rows[i].text), ==, rows[i].valid);
    }
}

static void
test_duration (void)
{
  static const struct {
    GTimeSpan span;
    const char *expected;
  } rows[] = {
    { 0, "0 min" },
    { 59 * G_TIME_SPAN_SECOND, "0 min" },
    { G_TIME_SPAN_MINUTE, "1 min" },
    { 45 * G_TIME_SPAN_MINUTE + 30 * G_TIME_SPAN_SECOND, "45 min" },
    { 59 * G_TIME_SPAN_MINUTE, "59 min" },
    { G_TIME_SPAN_HOUR, "1 h" },
    { 2 * G_TIME_SPAN_HOUR + 5 * G_TIME_SPAN_MINUTE, "2 h 5 min" },
    { 23 * G_TIME_SPAN_HOUR + 59 * G_TIME_SPAN_MINUTE, "23 h 59 min" },
    { G_TIME_SPAN_DAY, "1 d" },
    { 3 * G_TIME_SPAN_DAY + 4 * G_TIME_SPAN_HOUR + 59 * G_TIME_SPAN_MINUTE, "3 d 4 h" },
    { -45 * G_TIME_SPAN_MINUTE, "45 min" },
    { -(2 * G_TIME_SPAN_HOUR + 5 * G_TIME_SPAN_MINUTE), "2 h 5 min" },
    { -30 * G_TIME_SPAN_SECOND, "0 min" },
    { G_MININT64, "106751991 d 4 h" },
    { G_MAXINT64, "106751991 d 4 h" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = sitrep_time_format_duration (rows[i].span);

      g_assert_cmpstr (text, ==, rows[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/time/format", test_format);
  g_test_add_func ("/core/time/now", test_now);
  g_test_add_func ("/core/time/parse", test_parse);
  g_test_add_func ("/core/time/duration", test_duration);

  return g_test_run ();
}

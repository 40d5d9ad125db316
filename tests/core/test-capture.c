/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "sitrep-capture.h"
#include "sitrep-enum-strings.h"
#include "sitrep-time.h"

/* "Now" for every case: 2026-11-27 14:40:00 UTC. */
static GDateTime *
fixed_now (void)
{
  return g_date_time_new_utc (2026, 11, 27, 14, 40, 0);
}

static void
test_parse_table (void)
{
  static const struct {
    const char *input;
    const char *occurred_at;      /* NULL: now */
    SitrepTimelineKind kind;
    const char *text;
  } cases[] = {
    { "Rolled back the deploy", NULL, SITREP_KIND_NOTE, "Rolled back the deploy" },
    { "  padded text  ", NULL, SITREP_KIND_NOTE, "padded text" },
    { "14:32 Alert fired", "2026-11-27T14:32:00Z", SITREP_KIND_NOTE, "Alert fired" },
    { "14:32:10 Alert fired", "2026-11-27T14:32:10Z", SITREP_KIND_NOTE, "Alert fired" },
    /* a clock time later than now is yesterday's */
    { "23:10 Deploy started", "2026-11-26T23:10:00Z", SITREP_KIND_NOTE, "Deploy started" },
    { "-5m Paged the DB team", "2026-11-27T14:35:00Z", SITREP_KIND_NOTE, "Paged the DB team" },
    { "-90s pinged", "2026-11-27T14:38:30Z", SITREP_KIND_NOTE, "pinged" },
    { "-1h30m first errors", "2026-11-27T13:10:00Z", SITREP_KIND_NOTE, "first errors" },
    { "decision: roll back", NULL, SITREP_KIND_DECISION, "roll back" },
    { "Decision: roll back", NULL, SITREP_KIND_DECISION, "roll back" },
    { "mit: raised pool size", NULL, SITREP_KIND_MITIGATION, "raised pool size" },
    { "act: restarted pods", NULL, SITREP_KIND_ACTION, "restarted pods" },
    { "comm: status page updated", NULL, SITREP_KIND_COMMUNICATION, "status page updated" },
    { "det: synthetic check red", NULL, SITREP_KIND_DETECTION, "synthetic check red" },
    { "14:32 mitigation: failover", "2026-11-27T14:32:00Z", SITREP_KIND_MITIGATION, "failover" },
    /* not kinds: kept as typed */
    { "Note to self: check logs", NULL, SITREP_KIND_NOTE, "Note to self: check logs" },
    { "db: connections at max", NULL, SITREP_KIND_NOTE, "db: connections at max" },
    { "see https://grafana.example.com/d/payments", NULL, SITREP_KIND_NOTE,
      "see https://grafana.example.com/d/payments" },
    /* a number that is not a time is text */
    { "500 errors on checkout", NULL, SITREP_KIND_NOTE, "500 errors on checkout" },
    { "1000 users affected", NULL, SITREP_KIND_NOTE, "1000 users affected" },
  };
  g_autoptr(GDateTime) now = fixed_now ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SitrepCapture capture;
      g_autoptr(GError) error = NULL;
      g_autofree char *at = NULL;

      g_test_message ("input: %s", cases[i].input);
      g_assert_true (sitrep_capture_parse (cases[i].input, now, SITREP_KIND_NOTE, &capture,
                                           &error));
      g_assert_no_error (error);
      at = sitrep_time_format (capture.occurred_at);
      g_assert_cmpstr (at, ==, cases[i].occurred_at ? cases[i].occurred_at
                                                    : "2026-11-27T14:40:00Z");
      g_assert_cmpstr (sitrep_timeline_kind_to_string (capture.kind), ==,
                       sitrep_timeline_kind_to_string (cases[i].kind));
      g_assert_cmpstr (capture.text, ==, cases[i].text);
      sitrep_capture_clear (&capture);
    }
}

static void
test_default_kind (void)
{
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GError) error = NULL;
  SitrepCapture capture;

  g_assert_true (sitrep_capture_parse ("Status page updated", now, SITREP_KIND_COMMUNICATION,
                                       &capture, &error));
  g_assert_cmpint (capture.kind, ==, SITREP_KIND_COMMUNICATION);
  sitrep_capture_clear (&capture);

  /* A typed prefix wins over the chosen default. */
  g_assert_true (sitrep_capture_parse ("decision: hold", now, SITREP_KIND_COMMUNICATION,
                                       &capture, &error));
  g_assert_cmpint (capture.kind, ==, SITREP_KIND_DECISION);
  sitrep_capture_clear (&capture);
}

static void
test_errors (void)
{
  static const char *bad[] = { "", "   ", "14:32", "14:32 ", "decision:", "-5m decision: ",
                               "-5x something", "25:00 late", NULL };
  g_autoptr(GDateTime) now = fixed_now ();

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      SitrepCapture capture;

      g_test_message ("input: '%s'", bad[i]);
      if (sitrep_capture_parse (bad[i], now, SITREP_KIND_NOTE, &capture, &error))
        {
          /* "25:00 late" and "-5x something" read as text, which is fine:
           * they are not times, so nothing is backdated. */
          g_assert_true (g_str_equal (bad[i], "25:00 late") ||
                         g_str_equal (bad[i], "-5x something"));
          g_assert_cmpstr (capture.text, ==, bad[i]);
          sitrep_capture_clear (&capture);
          continue;
        }
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

static void
test_time_input (void)
{
  static const struct {
    const char *input;
    const char *expected;    /* NULL: refused */
  } cases[] = {
    { "14:32", "2026-11-27T14:32:00Z" },
    { "14:40:00", "2026-11-27T14:40:00Z" },
    { "14:40:01", "2026-11-26T14:40:01Z" },
    { "-2h", "2026-11-27T12:40:00Z" },
    { "-1d", "2026-11-26T14:40:00Z" },
    { "2026-11-20 09:05", "2026-11-20T09:05:00Z" },
    { "2026-11-20 09:05:07", "2026-11-20T09:05:07Z" },
    { "2026-11-20T09:05:07Z", "2026-11-20T09:05:07Z" },
    { "2026-11-20T10:05:07+01:00", "2026-11-20T09:05:07Z" },
    { "yesterday", NULL },
    { "24:00", NULL },
    { "12:60", NULL },
    { "2026-02-30 10:00", NULL },
    { "-", NULL },
  };
  g_autoptr(GDateTime) now = fixed_now ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) parsed = sitrep_time_parse_input (cases[i].input, now, &error);

      g_test_message ("input: %s", cases[i].input);
      if (cases[i].expected == NULL)
        {
          g_assert_null (parsed);
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
        }
      else
        {
          g_autofree char *text = NULL;

          g_assert_no_error (error);
          text = sitrep_time_format (parsed);
          g_assert_cmpstr (text, ==, cases[i].expected);
        }
    }
}

/* A scribe in Berlin (CET, UTC+1) at 14:05 local = 13:05 UTC. */
static void
test_zone (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 27, 13, 5, 0);
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 11, 27, 12, 0, 0);
  SitrepCapture capture;
  SitrepCaptureCheck check;
  g_autofree char *at = NULL;

  g_assert_nonnull (berlin);
  g_assert_true (sitrep_capture_parse_in_zone ("13:50 restarted pods", now, berlin, start,
                                               SITREP_KIND_NOTE, &capture, &check, NULL));
  at = sitrep_time_format (capture.occurred_at);
  g_assert_cmpstr (at, ==, "2026-11-27T12:50:00Z");
  g_assert_cmpint (check, ==, SITREP_CAPTURE_CHECK_OK);
  sitrep_capture_clear (&capture);

  g_assert_true (sitrep_capture_parse_in_zone ("15:30 later", now, berlin, start,
                                               SITREP_KIND_NOTE, &capture, &check, NULL));
  g_assert_cmpint (check, ==, SITREP_CAPTURE_CHECK_FUTURE);
  sitrep_capture_clear (&capture);

  g_assert_true (sitrep_capture_parse_in_zone ("12:30 early", now, berlin, start,
                                               SITREP_KIND_NOTE, &capture, &check, NULL));
  g_assert_cmpint (check, ==, SITREP_CAPTURE_CHECK_BEFORE_INCIDENT);
  sitrep_capture_clear (&capture);
}

/* A time field alone (a milestone, an entry's time) reads the same way:
 * in the zone, never on another day without asking. */
static void
test_time_input_zone (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 27, 13, 5, 0);
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 11, 27, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  struct {
    GTimeZone          *zone;
    const char         *typed;
    const char         *expected;
    SitrepCaptureCheck  check;
  } cases[] = {
    { berlin, "13:50", "2026-11-27T12:50:00Z", SITREP_CAPTURE_CHECK_OK },
    { utc, "12:50", "2026-11-27T12:50:00Z", SITREP_CAPTURE_CHECK_OK },
    /* later than now: today's, flagged, not yesterday's */
    { utc, "13:50", "2026-11-27T13:50:00Z", SITREP_CAPTURE_CHECK_FUTURE },
    { berlin, "14:09", "2026-11-27T13:09:00Z", SITREP_CAPTURE_CHECK_OK },
    { berlin, "12:30:15", "2026-11-27T11:30:15Z", SITREP_CAPTURE_CHECK_BEFORE_INCIDENT },
    { berlin, "2026-11-27 13:15", "2026-11-27T12:15:00Z", SITREP_CAPTURE_CHECK_OK },
    { berlin, "-10m", "2026-11-27T12:55:00Z", SITREP_CAPTURE_CHECK_OK },
    { berlin, "2026-11-27T12:20:00Z", "2026-11-27T12:20:00Z", SITREP_CAPTURE_CHECK_OK },
  };

  g_assert_nonnull (berlin);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SitrepCaptureCheck check = -1;
      g_autoptr(GDateTime) when =
        sitrep_time_parse_input_in_zone (cases[i].typed, now, cases[i].zone, start, &check,
                                         &error);
      g_autofree char *at = NULL;

      g_assert_no_error (error);
      at = sitrep_time_format (when);
      g_assert_cmpstr (at, ==, cases[i].expected);
      g_assert_cmpint (check, ==, cases[i].check);
    }

  /* The error names the zone the time would have been read in. */
  g_assert_null (sitrep_time_parse_input_in_zone ("half past", now, berlin, start, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "CET"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/capture/parse", test_parse_table);
  g_test_add_func ("/core/capture/default-kind", test_default_kind);
  g_test_add_func ("/core/capture/errors", test_errors);
  g_test_add_func ("/core/capture/time-input", test_time_input);

  g_test_add_func ("/core/capture/zone", test_zone);
  g_test_add_func ("/core/capture/time-input-zone", test_time_input_zone);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sitrep-metrics.h"
#include "sitrep-report.h"
#include "sitrep-time.h"

#include "metrics-fixture.h"

/* Any time after the fixture's overdue dates */
#define NOW "2026-12-03T12:00:00Z"

static SitrepMetricsInput *
fixture_input (void)
{
  SitrepMetricsInput *input = sitrep_metrics_input_new ();

  for (guint i = 0; i < G_N_ELEMENTS (fixture_incidents); i++)
    {
      g_autoptr(JsonObject) body = fixture_parse (fixture_incidents[i].json);

      sitrep_metrics_input_add_incident (input, fixture_incidents[i].id, body);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fixture_action_items); i++)
    {
      g_autoptr(JsonObject) body = fixture_parse (fixture_action_items[i].json);

      sitrep_metrics_input_add_action_item (input, body);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fixture_postmortems); i++)
    {
      g_autoptr(JsonObject) body = fixture_parse (fixture_postmortems[i].json);

      sitrep_metrics_input_add_postmortem (input, fixture_postmortems[i].id, body);
    }
  return input;
}

static SitrepMetrics *
compute_month (SitrepMetricsInput *input,
               const char         *month)
{
  g_autoptr(GDateTime) now = sitrep_time_parse (NOW);
  g_autoptr(GError) error = NULL;
  SitrepPeriod period;

  g_assert_true (sitrep_period_parse_month (month, &period, &error));
  g_assert_no_error (error);
  return sitrep_metrics_compute (input, &period, now);
}

static SitrepMetrics *
compute_quarter (SitrepMetricsInput *input,
                 const char         *quarter)
{
  g_autoptr(GDateTime) now = sitrep_time_parse (NOW);
  g_autoptr(GError) error = NULL;
  SitrepPeriod period;

  g_assert_true (sitrep_period_parse_quarter (quarter, &period, &error));
  g_assert_no_error (error);
  return sitrep_metrics_compute (input, &period, now);
}

static gint64
usec_of (const char *text)
{
  g_autoptr(GDateTime) dt = sitrep_time_parse (text);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static void
assert_refs (const SitrepMetrics *metrics,
             const char          *expected)
{
  g_autoptr(GString) refs = g_string_new (NULL);

  for (guint i = 0; i < metrics->incidents->len; i++)
    {
      const SitrepMetricsIncident *incident = g_ptr_array_index (metrics->incidents, i);

      if (i > 0)
        g_string_append_c (refs, ' ');
      g_string_append (refs, incident->ref ? incident->ref : "-");
    }
  g_assert_cmpstr (refs->str, ==, expected);
}

static void
assert_figure (const SitrepSpanFigure *figure,
               guint                   n,
               guint                   missing,
               guint                   invalid,
               double                  mean,
               double                  median)
{
  g_assert_cmpuint (figure->n, ==, n);
  g_assert_cmpuint (figure->missing, ==, missing);
  g_assert_cmpuint (figure->invalid, ==, invalid);
  if (isnan (mean))
    {
      g_assert_true (isnan (figure->mean));
      g_assert_true (isnan (figure->median));
      return;
    }
  g_assert_cmpfloat_with_epsilon (figure->mean, mean, 1e-9);
  g_assert_cmpfloat_with_epsilon (figure->median, median, 1e-9);
}

/* Periods */

static const struct {
  const char *text;
  const char *start;
  const char *end;
  const char *label;
} months[] = {
  { "2026-10", "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z", "October 2026" },
  { "2026-12", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z", "December 2026" },
  { "2024-02", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z", "February 2024" },
  { "2026-01", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "January 2026" },
}, quarters[] = {
  { "2026-Q1", "2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z", "Q1 2026" },
  { "2026-Q2", "2026-04-01T00:00:00Z", "2026-07-01T00:00:00Z", "Q2 2026" },
  { "2026-q3", "2026-07-01T00:00:00Z", "2026-10-01T00:00:00Z", "Q3 2026" },
  { "2026-Q4", "2026-10-01T00:00:00Z", "2027-01-01T00:00:00Z", "Q4 2026" },
};

static const char *bad_months[] = {
  "", "2026", "2026-1", "2026-13", "2026-00", "26-10", "2026-10-01", "2026/10", " 2026-10",
  "2026-10 ", "2026-Q1", "1969-12", "9999-12", "２０２６-10", "2026-1a",
};

static const char *bad_quarters[] = {
  "", "2026", "2026-Q0", "2026-Q5", "2026-Q", "2026-Q12", "2026Q1", "2026-10", "Q1-2026",
  "2026-Q1 ", "2026-H1",
};

static void
test_period_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (months) + G_N_ELEMENTS (quarters); i++)
    {
      gboolean month = i < G_N_ELEMENTS (months);
      const __typeof__ (months[0]) *row = month ? &months[i] : &quarters[i - G_N_ELEMENTS (months)];
      g_autoptr(GError) error = NULL;
      g_autofree char *label = NULL;
      SitrepPeriod period;

      if (month)
        g_assert_true (sitrep_period_parse_month (row->text, &period, &error));
      else
        g_assert_true (sitrep_period_parse_quarter (row->text, &period, &error));
      g_assert_no_error (error);
      g_assert_cmpint (period.kind, ==, month ? SITREP_PERIOD_MONTH : SITREP_PERIOD_QUARTER);
      g_assert_cmpint (period.start, ==, usec_of (row->start));
      g_assert_cmpint (period.end, ==, usec_of (row->end));
      label = sitrep_period_get_label (&period);
      g_assert_cmpstr (label, ==, row->label);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_months); i++)
    {
      g_autoptr(GError) error = NULL;
      SitrepPeriod period;

      g_assert_false (sitrep_period_parse_month (bad_months[i], &period, &error));
      g_assert_error (error, SITREP_METRICS_ERROR, SITREP_METRICS_ERROR_INVALID_PERIOD);
      g_assert_null (strchr (error->message, '\n'));
      g_assert_nonnull (strstr (error->message, "YYYY-MM"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_quarters); i++)
    {
      g_autoptr(GError) error = NULL;
      SitrepPeriod period;

      g_assert_false (sitrep_period_parse_quarter (bad_quarters[i], &period, &error));
      g_assert_error (error, SITREP_METRICS_ERROR, SITREP_METRICS_ERROR_INVALID_PERIOD);
      g_assert_nonnull (strstr (error->message, "YYYY-QN"));
    }
}

static void
test_period_previous (void)
{
  static const struct {
    const char *text;
    const char *label;
  } rows[] = {
    { "2026-01", "December 2025" },
    { "2026-03", "February 2026" },
    { "2026-Q1", "Q4 2025" },
    { "2026-Q3", "Q2 2026" },
  };
  g_autoptr(GDateTime) start = sitrep_time_parse ("2026-10-01T00:00:00Z");
  g_autoptr(GDateTime) end = sitrep_time_parse ("2026-10-15T00:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *previous_label = NULL;
  SitrepPeriod range, previous;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      SitrepPeriod period;
      g_autofree char *text = NULL;

      if (strchr (rows[i].text, 'Q'))
        g_assert_true (sitrep_period_parse_quarter (rows[i].text, &period, NULL));
      else
        g_assert_true (sitrep_period_parse_month (rows[i].text, &period, NULL));
      sitrep_period_previous (&period, &previous);
      g_assert_cmpint (previous.end, ==, period.start);
      text = sitrep_period_get_label (&previous);
      g_assert_cmpstr (text, ==, rows[i].label);
    }

  g_assert_true (sitrep_period_init_range (&range, start, end, &error));
  g_assert_no_error (error);
  label = sitrep_period_get_label (&range);
  g_assert_cmpstr (label, ==, "2026-10-01 – 2026-10-14");
  sitrep_period_previous (&range, &previous);
  previous_label = sitrep_period_get_label (&previous);
  g_assert_cmpstr (previous_label, ==, "2026-09-17 – 2026-09-30");

  g_assert_false (sitrep_period_init_range (&range, end, start, &error));
  g_assert_error (error, SITREP_METRICS_ERROR, SITREP_METRICS_ERROR_INVALID_PERIOD);
}

/* The guide's Q1 → Q2 table, and what has no change */
static void
test_change_percent (void)
{
  static const struct {
    double previous;
    double current;
    gboolean defined;
    int change;
  } rows[] = {
    { 18, 14, TRUE, -22 },
    { 4, 2, TRUE, -50 },
    { 6, 5, TRUE, -17 },
    { 5.2, 4.1, TRUE, -21 },
    { 38, 29, TRUE, -24 },
    { 94, 72, TRUE, -23 },
    { 3, 7, TRUE, 133 },
    { 2, 2, TRUE, 0 },
    { 100, 99.6, TRUE, 0 },
    { 0, 3, FALSE, 0 },
    { 0, 0, FALSE, 0 },
    { NAN, 3, FALSE, 0 },
    { 3, NAN, FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      int change = 12345;

      g_assert_cmpint (sitrep_metrics_change_percent (rows[i].previous, rows[i].current, &change),
                       ==, rows[i].defined);
      if (rows[i].defined)
        g_assert_cmpint (change, ==, rows[i].change);
    }
}

static void
test_after_hours (void)
{
  static const struct {
    const char *time;
    gboolean after_hours;
  } rows[] = {
    { "2026-10-21T08:59:59Z", TRUE },
    { "2026-10-21T09:00:00Z", FALSE },
    { "2026-10-21T17:59:59Z", FALSE },
    { "2026-10-21T18:00:00Z", TRUE },
    { "2026-10-23T12:00:00Z", FALSE },   /* Friday */
    { "2026-10-24T12:00:00Z", TRUE },    /* Saturday */
    { "2026-10-25T12:00:00Z", TRUE },    /* Sunday */
    { "2026-10-21T19:30:00+02:00", FALSE }, /* 17:30 UTC */
    { "2026-10-22T08:00:00+02:00", TRUE },  /* 06:00 UTC */
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_cmpint (sitrep_metrics_is_after_hours (usec_of (rows[i].time)), ==,
                     rows[i].after_hours);
}

static void
test_format_minutes (void)
{
  static const struct {
    double minutes;
    const char *text;
  } rows[] = {
    { 4.2, "4.2" }, { 4.24, "4.2" }, { 4.0, "4" }, { 4.96, "5" }, { 9.94, "9.9" },
    { 9.96, "10" }, { 32, "32" }, { 26.6667, "27" }, { 78.4, "78" }, { 0.04, "0" },
    { 1, "1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = sitrep_report_format_minutes (rows[i].minutes);

      g_assert_cmpstr (text, ==, rows[i].text);
    }
}

/* The fixture's October: see metrics-fixture.h */
static void
test_month (void)
{
  g_autoptr(SitrepMetricsInput) input = fixture_input ();
  g_autoptr(SitrepMetrics) october = compute_month (input, "2026-10");
  g_autoptr(SitrepMetrics) september = compute_month (input, "2026-09");
  g_autoptr(SitrepMetrics) november = compute_month (input, "2026-11");
  const SitrepServiceCount *service;
  const SitrepMetricsIncident *incident;

  /* B is 31 October in its zone, 1 November in UTC; C the other way. */
  assert_refs (october, "INC-2026-101 INC-2026-102 INC-2026-103 INC-2026-104 INC-2026-105 - "
                        "INC-2026-107");
  assert_refs (september, "INC-2026-090 INC-2026-098 INC-2026-099");
  assert_refs (november, "INC-2026-108");

  g_assert_cmpuint (october->total, ==, 7);
  g_assert_cmpuint (october->by_severity[0], ==, 1);
  g_assert_cmpuint (october->by_severity[1], ==, 2);
  g_assert_cmpuint (october->by_severity[2], ==, 3);
  g_assert_cmpuint (october->by_severity[3], ==, 1);
  g_assert_cmpuint (october->placed_by_declared, ==, 1);

  /* TTD 5, 10, 2, 3, 4.5: E and L have no impact start */
  assert_figure (&october->mttd, 5, 2, 0, 4.9, 4.5);
  /* TTM 30, 30, 20; G mitigated before it was detected */
  assert_figure (&october->mttm, 3, 3, 1, 80.0 / 3, 30);
  /* TTR 90, 120, 180, 45, 60 (H and C run past the month's end) */
  assert_figure (&october->mttr, 5, 2, 0, 99, 90);

  assert_figure (&september->mttd, 2, 1, 0, 8, 8);
  assert_figure (&september->mttm, 2, 1, 0, 80, 80);
  assert_figure (&september->mttr, 3, 0, 0, 100, 60);

  /* A service named twice by G counts once for it. */
  g_assert_cmpuint (october->services->len, ==, 3);
  service = g_ptr_array_index (october->services, 0);
  g_assert_cmpstr (service->name, ==, "Payment Processing");
  g_assert_cmpuint (service->count, ==, 3);
  service = g_ptr_array_index (october->services, 1);
  g_assert_cmpstr (service->name, ==, "Search Service");
  g_assert_cmpuint (service->count, ==, 2);
  service = g_ptr_array_index (october->services, 2);
  g_assert_cmpstr (service->name, ==, "User Authentication");
  g_assert_cmpuint (service->count, ==, 2);

  /* E (Saturday), F (07:10), H (Saturday night), K (18:00) */
  g_assert_cmpuint (october->after_hours, ==, 4);
  g_assert_cmpfloat_with_epsilon (october->after_hours_share, 400.0 / 7, 1e-9);
  g_assert_cmpuint (september->after_hours, ==, 3);

  g_assert_cmpuint (october->actions_total, ==, 5);
  g_assert_cmpuint (october->actions_completed, ==, 1);
  g_assert_cmpuint (october->actions_in_progress, ==, 1);
  g_assert_cmpuint (october->actions_not_started, ==, 2);
  g_assert_cmpuint (october->actions_deferred, ==, 1);
  g_assert_cmpuint (october->actions_overdue, ==, 2);
  g_assert_cmpuint (september->actions_total, ==, 1);
  g_assert_cmpuint (september->actions_completed, ==, 1);

  incident = g_ptr_array_index (october->incidents, 0);
  g_assert_cmpstr (incident->root_cause, ==, "Connection pool exhaustion");
  g_assert_cmpfloat_with_epsilon (incident->ttd, 5, 1e-9);
  incident = g_ptr_array_index (october->incidents, 1);
  g_assert_true (isnan (incident->ttd) && !incident->ttd_invalid);
  incident = g_ptr_array_index (october->incidents, 2);
  g_assert_true (isnan (incident->ttm) && incident->ttm_invalid);
}

static void
test_quarter (void)
{
  g_autoptr(SitrepMetricsInput) input = fixture_input ();
  g_autoptr(SitrepMetrics) q4 = compute_quarter (input, "2026-Q4");
  g_autoptr(SitrepMetrics) q3 = compute_quarter (input, "2026-Q3");
  g_autoptr(SitrepMetrics) q2 = compute_quarter (input, "2026-Q2");

  g_assert_cmpuint (q4->total, ==, 8);
  /* I at 00:00:00 on 1 July opens Q3; J a millisecond before closes Q2. */
  assert_refs (q3, "INC-2026-060 INC-2026-090 INC-2026-098 INC-2026-099");
  assert_refs (q2, "INC-2026-059");
  /* TTR of the eight: 90, 120, 180, 45, 60 and B's 60 */
  assert_figure (&q4->mttr, 6, 2, 0, 555.0 / 6, 75);
}

static void
test_empty (void)
{
  g_autoptr(SitrepMetricsInput) input = fixture_input ();
  g_autoptr(SitrepMetrics) march = compute_month (input, "2026-03");

  g_assert_cmpuint (march->total, ==, 0);
  assert_figure (&march->mttd, 0, 0, 0, NAN, NAN);
  g_assert_true (isnan (march->after_hours_share));
  g_assert_cmpuint (march->services->len, ==, 0);
}

/* The review's wording where counts are one, and where there is no data */
static void
test_render_counts (void)
{
  g_autoptr(SitrepMetricsInput) input = fixture_input ();
  g_autoptr(SitrepMetrics) november = compute_month (input, "2026-11");
  g_autoptr(SitrepMetrics) october = compute_month (input, "2026-10");
  g_autoptr(SitrepMetrics) march = compute_month (input, "2026-03");
  g_autoptr(SitrepMetrics) february = compute_month (input, "2026-02");
  g_autofree char *text = sitrep_report_render_markdown (november, october);
  g_autofree char *empty = sitrep_report_render_markdown (march, february);

  g_assert_true (g_str_has_prefix (text, "# Monthly Incident Review: November 2026\n\n"));
  g_assert_nonnull (strstr (text, "\n- Total incidents: 1 (1 P2)\n"));
  g_assert_nonnull (strstr (text, "\n- Average time to detection: no data (none of 1 incident "
                                  "has both times)\n"));
  g_assert_nonnull (strstr (text, "\n- Average time to resolution: 60 minutes (median 60 "
                                  "minutes; based on 1 of 1 incident)\n"));
  g_assert_nonnull (strstr (text, "\n1. Payment Processing (1 incident)\n"));
  g_assert_nonnull (strstr (text, "\n- Completed: 0 items\n"));
  g_assert_nonnull (strstr (text, "\n| Total Incidents | 7 | 1 | -86% |\n"));
  g_assert_nonnull (strstr (text, "\n| MTTD (Mean Time to Detect) | 4.9 min | no data | n/a |\n"));

  g_assert_nonnull (strstr (empty, "\n- Total incidents: 0\n"));
  g_assert_nonnull (strstr (empty, "\n- Average time to mitigation: no data (none of 0 incidents "
                                   "has both times)\n"));
  g_assert_nonnull (strstr (empty, "\nNo impacted services recorded.\n"));
  g_assert_nonnull (strstr (empty, "\nNo P1 or major incidents.\n"));
  g_assert_nonnull (strstr (empty, "\n- After-hours incidents: no data\n"));
  g_assert_nonnull (strstr (empty, "\n| Total Incidents | 0 | 0 | n/a |\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/metrics/period/parse", test_period_parse);
  g_test_add_func ("/metrics/period/previous", test_period_previous);
  g_test_add_func ("/metrics/change-percent", test_change_percent);
  g_test_add_func ("/metrics/after-hours", test_after_hours);
  g_test_add_func ("/metrics/format-minutes", test_format_minutes);
  g_test_add_func ("/metrics/month", test_month);
  g_test_add_func ("/metrics/quarter", test_quarter);
  g_test_add_func ("/metrics/empty", test_empty);
  g_test_add_func ("/metrics/render-counts", test_render_counts);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-metrics-period.c: the periods of the metrics, in UTC
 *
 * A calendar month ("YYYY-MM"), a calendar quarter ("YYYY-QN") or any
 * range, each [start, end) in microseconds since the epoch. See
 * sitrep-metrics.c for which incidents a period holds.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-metrics.h"
#include "sitrep-metrics-private.h"

G_DEFINE_QUARK (sitrep-metrics-error-quark, sitrep_metrics_error)

static gint64
month_start (int year,
             int month)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, 1, 0, 0, 0);

  return sitrep_metrics_usec (dt);
}

static gboolean
read_year (const char **p,
           int         *year)
{
  int v = 0;

  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += 4;
  *year = v;
  /* 9999's last month would end in year 10000, which GDateTime cannot hold */
  return v >= 1970 && v < 9999;
}

/**
 * sitrep_period_parse_month:
 * @text: "YYYY-MM", such as "2026-10"
 *
 * Returns: %TRUE and the calendar month in UTC in @out, or %FALSE with a
 *   one-line error saying what is expected.
 */
gboolean
sitrep_period_parse_month (const char    *text,
                           SitrepPeriod  *out,
                           GError       **error)
{
  const char *p = text;
  int year, month;

  g_return_val_if_fail (out != NULL, FALSE);

  if (p == NULL || !read_year (&p, &year) || *p++ != '-'
      || !g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || p[2] != '\0'
      || (month = (p[0] - '0') * 10 + (p[1] - '0')) < 1 || month > 12)
    {
      g_set_error (error, SITREP_METRICS_ERROR, SITREP_METRICS_ERROR_INVALID_PERIOD,
                   _("“%s” is not a month: write YYYY-MM, such as 2026-10"),
                   text ? text : "");
      return FALSE;
    }

  out->kind = SITREP_PERIOD_MONTH;
  out->start = month_start (year, month);
  out->end = month == 12 ? month_start (year + 1, 1) : month_start (year, month + 1);
  return TRUE;
}

/**
 * sitrep_period_parse_quarter:
 * @text: "YYYY-QN", such as "2026-Q2" (N from 1 to 4)
 *
 * Returns: %TRUE and the calendar quarter in UTC in @out, or %FALSE with
 *   a one-line error saying what is expected.
 */
gboolean
sitrep_period_parse_quarter (const char    *text,
                             SitrepPeriod  *out,
                             GError       **error)
{
  const char *p = text;
  int year, quarter;

  g_return_val_if_fail (out != NULL, FALSE);

  if (p == NULL || !read_year (&p, &year) || *p++ != '-' || (*p != 'Q' && *p != 'q')
      || (quarter = p[1] - '0') < 1 || quarter > 4 || p[2] != '\0')
    {
      g_set_error (error, SITREP_METRICS_ERROR, SITREP_METRICS_ERROR_INVALID_PERIOD,
                   _("“%s” is not a quarter: write YYYY-QN with N from 1 to 4, such as 2026-Q2"),
                   text ? text : "");
      return FALSE;
    }

  out->kind = SITREP_PERIOD_QUARTER;
  out->start = month_start (year, (quarter - 1) * 3 + 1);
  out->end = quarter == 4 ? month_start (year + 1, 1) : month_start (year, quarter * 3 + 1);
  return TRUE;
}

/**
 * sitrep_period_init_range:
 *
 * Any range [@start, @end).
 *
 * Returns: %FALSE with an error when @end is not after @start
 */
gboolean
sitrep_period_init_range (SitrepPeriod  *out,
                          GDateTime     *start,
                          GDateTime     *end,
                          GError       **error)
{
  g_return_val_if_fail (out != NULL && start != NULL && end != NULL, FALSE);

  if (g_date_time_compare (end, start) <= 0)
    {
      g_set_error_literal (error, SITREP_METRICS_ERROR, SITREP_METRICS_ERROR_INVALID_PERIOD,
                           _("The end of the period is not after its start"));
      return FALSE;
    }

  out->kind = SITREP_PERIOD_RANGE;
  out->start = sitrep_metrics_usec (start);
  out->end = sitrep_metrics_usec (end);
  return TRUE;
}

/**
 * sitrep_period_previous:
 *
 * The month or quarter before @period, or for a range the range of the
 * same length that ends where @period starts.
 */
void
sitrep_period_previous (const SitrepPeriod *period,
                        SitrepPeriod       *out)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) before = NULL;

  g_return_if_fail (period != NULL && out != NULL);

  out->kind = period->kind;
  out->end = period->start;
  if (period->kind == SITREP_PERIOD_RANGE)
    {
      out->start = period->start - (period->end - period->start);
      return;
    }

  start = sitrep_metrics_utc (period->start);
  before = g_date_time_add_months (start, period->kind == SITREP_PERIOD_MONTH ? -1 : -3);
  out->start = sitrep_metrics_usec (before);
}

/**
 * sitrep_period_get_label:
 *
 * Returns: (transfer full): "October 2026", "Q2 2026", or for a range its
 *   first and last days, "2026-10-01 – 2026-10-14"
 */
char *
sitrep_period_get_label (const SitrepPeriod *period)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;

  g_return_val_if_fail (period != NULL, NULL);

  start = sitrep_metrics_utc (period->start);
  switch (period->kind)
    {
    case SITREP_PERIOD_MONTH:
      /* Translators: a month of a report, "October 2026"; see strftime(3) */
      return g_date_time_format (start, _("%B %Y"));

    case SITREP_PERIOD_QUARTER:
      /* Translators: a calendar quarter, "Q2 2026": quarter, year */
      return g_strdup_printf (_("Q%d %d"), (g_date_time_get_month (start) - 1) / 3 + 1,
                              g_date_time_get_year (start));

    case SITREP_PERIOD_RANGE:
    default:
      last = sitrep_metrics_utc (period->end - 1);
      first_day = g_date_time_format (start, "%Y-%m-%d");
      last_day = g_date_time_format (last, "%Y-%m-%d");
      if (strcmp (first_day, last_day) == 0)
        return g_steal_pointer (&first_day);
      /* Translators: a range of days, first – last */
      return g_strdup_printf (_("%s – %s"), first_day, last_day);
    }
}

gboolean
sitrep_period_contains (const SitrepPeriod *period,
                        gint64              t)
{
  g_return_val_if_fail (period != NULL, FALSE);

  return t >= period->start && t < period->end;
}

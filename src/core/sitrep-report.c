/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-report.c: the guide's incident review as Markdown, and CSV
 *
 * The Markdown follows the guide's "Monthly Incident Review" (Incident
 * Summary, Top Impacted Services, Key Themes and Patterns, Notable
 * Incidents, Action Item Status) and ends with the "Incident Metrics"
 * table of its Reliability Metrics dashboard, this period against the one
 * before. The figures are those of sitrep-metrics.c.
 *
 * Minutes are written as the guide writes them: one decimal below ten
 * ("4.2 minutes"), whole from ten on ("32 minutes"), and whole when the
 * decimal is 0.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-report.h"
#include "sitrep-time.h"

#define TOP_SERVICES 5

/**
 * sitrep_report_format_minutes:
 * @minutes: a span in minutes, not NAN
 *
 * Returns: (transfer full): "4.2", "32", "1"
 */
char *
sitrep_report_format_minutes (double minutes)
{
  double tenths = round (minutes * 10) / 10;

  if (tenths >= 10 || tenths == round (tenths))
    return g_strdup_printf ("%.0f", round (minutes));
  return g_strdup_printf ("%.1f", tenths);
}

static char *
format_minutes_long (double minutes)
{
  g_autofree char *number = sitrep_report_format_minutes (minutes);

  return g_strdup_printf (ngettext ("%s minute", "%s minutes",
                                    strcmp (number, "1") == 0 ? 1 : 2),
                          number);
}

static char *
dup_title (const SitrepPeriod *period,
           const char         *label)
{
  switch (period->kind)
    {
    case SITREP_PERIOD_MONTH:
      return g_strdup_printf (_("Monthly Incident Review: %s"), label);
    case SITREP_PERIOD_QUARTER:
      return g_strdup_printf (_("Quarterly Incident Review: %s"), label);
    case SITREP_PERIOD_RANGE:
    default:
      return g_strdup_printf (_("Incident Review: %s"), label);
    }
}

static const char *
compared_to (const SitrepPeriod *period)
{
  switch (period->kind)
    {
    case SITREP_PERIOD_MONTH:
      return _("compared to last month");
    case SITREP_PERIOD_QUARTER:
      return _("compared to last quarter");
    case SITREP_PERIOD_RANGE:
    default:
      return _("compared to the period before");
    }
}

/* One line of text: a multi-line field in a list item would break it. */
static char *
one_line (const char *text)
{
  g_auto(GStrv) lines = g_strsplit_set (text, "\r\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, lines[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
append_total (GString             *out,
              const SitrepMetrics *metrics)
{
  gboolean first = TRUE;

  g_string_append (out, "- ");
  g_string_append_printf (out, _("Total incidents: %u"), metrics->total);
  for (guint s = 0; s < SITREP_METRICS_N_SEVERITIES; s++)
    {
      if (metrics->by_severity[s] == 0)
        continue;
      g_string_append (out, first ? " (" : ", ");
      /* Translators: a count of one severity, "3 P1" */
      g_string_append_printf (out, _("%u P%u"), metrics->by_severity[s], s + 1);
      first = FALSE;
    }
  if (!first)
    g_string_append_c (out, ')');
  g_string_append_c (out, '\n');
}

static void
append_average (GString                *out,
                const char             *label,
                const SitrepSpanFigure *figure,
                guint                   total)
{
  g_string_append_printf (out, "- %s: ", label);
  if (figure->n == 0)
    {
      g_string_append (out, _("no data"));
      g_string_append_c (out, ' ');
      g_string_append_printf (out, ngettext ("(none of %u incident has both times",
                                             "(none of %u incidents has both times", total),
                              total);
    }
  else
    {
      g_autofree char *mean = format_minutes_long (figure->mean);
      g_autofree char *median = format_minutes_long (figure->median);

      g_string_append (out, mean);
      g_string_append (out, " (");
      g_string_append_printf (out, ngettext ("median %s; based on %u of %u incident",
                                             "median %s; based on %u of %u incidents", total),
                              median, figure->n, total);
    }
  if (figure->invalid > 0)
    {
      g_string_append (out, "; ");
      g_string_append_printf (out, ngettext ("%u with its times out of order",
                                             "%u with their times out of order", figure->invalid),
                              figure->invalid);
    }
  g_string_append (out, ")\n");
}

static void
append_summary (GString             *out,
                const SitrepMetrics *metrics)
{
  g_string_append_printf (out, "## %s\n", _("Incident Summary"));
  append_total (out, metrics);
  append_average (out, _("Average time to detection"), &metrics->mttd, metrics->total);
  append_average (out, _("Average time to mitigation"), &metrics->mttm, metrics->total);
  append_average (out, _("Average time to resolution"), &metrics->mttr, metrics->total);
  if (metrics->placed_by_declared > 0)
    {
      g_string_append (out, "- ");
      g_string_append_printf (out, ngettext ("%u incident without a detection time is counted "
                                             "by its declaration time",
                                             "%u incidents without a detection time are counted "
                                             "by their declaration time",
                                             metrics->placed_by_declared),
                              metrics->placed_by_declared);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

static void
append_services (GString             *out,
                 const SitrepMetrics *metrics)
{
  g_string_append_printf (out, "## %s\n", _("Top Impacted Services"));
  if (metrics->services->len == 0)
    g_string_append_printf (out, "%s\n", _("No impacted services recorded."));
  for (guint i = 0; i < metrics->services->len && i < TOP_SERVICES; i++)
    {
      const SitrepServiceCount *count = g_ptr_array_index (metrics->services, i);

      g_string_append_printf (out, "%u. %s (", i + 1, count->name);
      g_string_append_printf (out, ngettext ("%u incident", "%u incidents", count->count),
                              count->count);
      g_string_append (out, ")\n");
    }
  g_string_append_c (out, '\n');
}

static void
append_themes (GString             *out,
               const SitrepMetrics *metrics,
               const SitrepMetrics *previous)
{
  int change;

  g_string_append_printf (out, "## %s\n", _("Key Themes and Patterns"));
  g_string_append (out, "- ");
  if (metrics->total == 0)
    g_string_append_printf (out, "%s: %s", _("After-hours incidents"), _("no data"));
  else
    g_string_append_printf (out, ngettext ("After-hours incidents: %u of %u (%.0f%%)",
                                           "After-hours incidents: %u of %u (%.0f%%)",
                                           metrics->total),
                            metrics->after_hours, metrics->total,
                            round (metrics->after_hours_share));
  g_string_append_c (out, '\n');

  if (previous != NULL && metrics->total > 0 && previous->total > 0
      && sitrep_metrics_change_percent (previous->after_hours, metrics->after_hours, &change))
    {
      g_string_append (out, "- ");
      if (change < 0)
        g_string_append_printf (out, _("After-hours incidents decreased by %d%% %s"),
                                -change, compared_to (&metrics->period));
      else if (change > 0)
        g_string_append_printf (out, _("After-hours incidents increased by %d%% %s"),
                                change, compared_to (&metrics->period));
      else
        g_string_append_printf (out, _("After-hours incidents are unchanged %s"),
                                compared_to (&metrics->period));
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

static void
append_notable (GString             *out,
                const SitrepMetrics *metrics)
{
  gboolean any = FALSE;

  g_string_append_printf (out, "## %s\n", _("Notable Incidents"));
  for (guint i = 0; i < metrics->incidents->len; i++)
    {
      const SitrepMetricsIncident *incident = g_ptr_array_index (metrics->incidents, i);
      gboolean p1 = g_strcmp0 (incident->severity, "P1") == 0;
      g_autofree char *title = NULL;

      if (!p1 && !incident->major)
        continue;

      if (any)
        g_string_append_c (out, '\n');
      any = TRUE;
      title = incident->title ? one_line (incident->title) : g_strdup (_("Untitled"));
      g_string_append_printf (out, "- **%s**: %s (", incident->ref ? incident->ref : incident->id,
                              title);
      g_string_append (out, incident->severity ? incident->severity : _("no severity"));
      if (!p1)
        g_string_append_printf (out, ", %s", _("major"));
      g_string_append (out, ")\n");
      if (incident->root_cause != NULL)
        {
          g_autofree char *text = one_line (incident->root_cause);

          g_string_append_printf (out, "  - %s: %s\n", _("Root cause"), text);
        }
      if (incident->lessons != NULL)
        {
          g_autofree char *text = one_line (incident->lessons);

          g_string_append_printf (out, "  - %s: %s\n", _("Key learning"), text);
        }
    }
  if (!any)
    g_string_append_printf (out, "%s\n", _("No P1 or major incidents."));
  g_string_append_c (out, '\n');
}

static void
append_items (GString    *out,
              const char *label,
              guint       n)
{
  g_string_append_printf (out, "- %s: ", label);
  g_string_append_printf (out, ngettext ("%u item", "%u items", n), n);
  g_string_append_c (out, '\n');
}

static void
append_actions (GString             *out,
                const SitrepMetrics *metrics)
{
  g_string_append_printf (out, "## %s\n", _("Action Item Status"));
  append_items (out, _("Completed"), metrics->actions_completed);
  append_items (out, _("In progress"), metrics->actions_in_progress);
  append_items (out, _("Not started"), metrics->actions_not_started);
  append_items (out, _("Deferred"), metrics->actions_deferred);
  append_items (out, _("Overdue"), metrics->actions_overdue);
  g_string_append_c (out, '\n');
}

static void
append_row (GString    *out,
            const char *metric,
            const char *before,
            const char *now,
            const char *change)
{
  g_string_append_printf (out, "| %s | %s | %s | %s |\n", metric, before, now, change);
}

static char *
format_change (double previous,
               double current)
{
  int change;

  if (!sitrep_metrics_change_percent (previous, current, &change))
    return g_strdup (_("n/a"));
  if (change > 0)
    return g_strdup_printf ("+%d%%", change);
  return g_strdup_printf ("%d%%", change);
}

static char *
format_table_minutes (double minutes)
{
  g_autofree char *number = NULL;

  if (isnan (minutes))
    return g_strdup (_("no data"));
  number = sitrep_report_format_minutes (minutes);
  /* Translators: minutes in the metrics table, "5.2 min" */
  return g_strdup_printf (_("%s min"), number);
}

static void
append_count_row (GString    *out,
                  const char *metric,
                  guint       before,
                  guint       now)
{
  g_autofree char *b = g_strdup_printf ("%u", before);
  g_autofree char *n = g_strdup_printf ("%u", now);
  g_autofree char *change = format_change (before, now);

  append_row (out, metric, b, n, change);
}

static void
append_span_row (GString    *out,
                 const char *metric,
                 double      before,
                 double      now)
{
  g_autofree char *b = format_table_minutes (before);
  g_autofree char *n = format_table_minutes (now);
  g_autofree char *change = format_change (before, now);

  append_row (out, metric, b, n, change);
}

static void
append_rule (GString    *out,
             const char *cell)
{
  g_string_append_c (out, '|');
  for (glong i = 0; i < g_utf8_strlen (cell, -1) + 2; i++)
    g_string_append_c (out, '-');
}

static void
append_table (GString             *out,
              const SitrepMetrics *metrics,
              const SitrepMetrics *previous)
{
  g_autofree char *before = sitrep_period_get_label (&previous->period);
  g_autofree char *now = sitrep_period_get_label (&metrics->period);
  const char *metric = _("Metric");
  const char *change = _("Change");
  static const char *severity_rows[] = {
    N_("P1 Incidents"), N_("P2 Incidents"), N_("P3 Incidents"), N_("P4 Incidents"),
  };

  g_string_append_printf (out, "## %s\n", _("Incident Metrics"));
  append_row (out, metric, before, now, change);
  append_rule (out, metric);
  append_rule (out, before);
  append_rule (out, now);
  append_rule (out, change);
  g_string_append (out, "|\n");

  append_count_row (out, _("Total Incidents"), previous->total, metrics->total);
  for (guint s = 0; s < SITREP_METRICS_N_SEVERITIES; s++)
    append_count_row (out, _(severity_rows[s]), previous->by_severity[s],
                      metrics->by_severity[s]);
  append_span_row (out, _("MTTD (Mean Time to Detect)"), previous->mttd.mean, metrics->mttd.mean);
  append_span_row (out, _("MTTM (Mean Time to Mitigate)"), previous->mttm.mean,
                   metrics->mttm.mean);
  append_span_row (out, _("MTTR (Mean Time to Resolve)"), previous->mttr.mean, metrics->mttr.mean);
}

/**
 * sitrep_report_render_markdown:
 * @metrics: the period's figures
 * @previous: the previous period's, for the change
 *
 * Returns: (transfer full): the review in the guide's layout
 */
char *
sitrep_report_render_markdown (const SitrepMetrics *metrics,
                               const SitrepMetrics *previous)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (metrics != NULL && previous != NULL, NULL);

  label = sitrep_period_get_label (&metrics->period);
  title = dup_title (&metrics->period, label);
  g_string_append_printf (out, "# %s\n\n", title);

  append_summary (out, metrics);
  append_services (out, metrics);
  append_themes (out, metrics, previous);
  append_notable (out, metrics);
  append_actions (out, metrics);
  append_table (out, metrics, previous);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* RFC 4180: quoted when it holds a comma, a quote or a line break, quotes
 * doubled. */
static void
append_field (GString    *out,
              const char *text,
              gboolean    last)
{
  if (text != NULL && strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else if (text != NULL)
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ",");
}

static void
append_time (GString *out,
             gint64   t)
{
  g_autoptr(GDateTime) s = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;

  if (t != 0)
    {
      s = g_date_time_new_from_unix_utc (t / G_USEC_PER_SEC);
      dt = g_date_time_add (s, t % G_USEC_PER_SEC);
      text = sitrep_time_format (dt);
    }
  append_field (out, text, FALSE);
}

static void
append_span (GString  *out,
             double    minutes,
             gboolean  invalid,
             gboolean  last)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (invalid)
    append_field (out, "invalid", last);
  else if (isnan (minutes))
    append_field (out, NULL, last);
  else
    append_field (out, g_ascii_formatd (buffer, sizeof buffer, "%.1f", minutes), last);
}

/**
 * sitrep_report_render_csv:
 *
 * One row per incident of the period, in the order of detection, after a
 * header row; RFC 4180 (CRLF line ends, fields quoted as needed). Times
 * are RFC 3339 UTC, spans minutes with one decimal: empty when a time is
 * missing, "invalid" when the end is before the start.
 *
 * Returns: (transfer full): the CSV text
 */
char *
sitrep_report_render_csv (const SitrepMetrics *metrics)
{
  g_autoptr(GString) out = g_string_new ("ref,id,title,severity,major,status,services,"
                                         "impact_started_at,detected_at,declared_at,"
                                         "mitigated_at,resolved_at,after_hours,"
                                         "time_to_detect_min,time_to_mitigate_min,"
                                         "time_to_resolve_min\r\n");

  g_return_val_if_fail (metrics != NULL, NULL);

  for (guint i = 0; i < metrics->incidents->len; i++)
    {
      const SitrepMetricsIncident *incident = g_ptr_array_index (metrics->incidents, i);
      g_autofree char *services = g_strjoinv ("; ", incident->services);

      append_field (out, incident->ref, FALSE);
      append_field (out, incident->id, FALSE);
      append_field (out, incident->title, FALSE);
      append_field (out, incident->severity, FALSE);
      append_field (out, incident->major ? "true" : "false", FALSE);
      append_field (out, incident->status, FALSE);
      append_field (out, services, FALSE);
      append_time (out, incident->impact_started_at);
      append_time (out, incident->detected_at);
      append_time (out, incident->declared_at);
      append_time (out, incident->mitigated_at);
      append_time (out, incident->resolved_at);
      append_field (out, incident->after_hours ? "true" : "false", FALSE);
      append_span (out, incident->ttd, incident->ttd_invalid, FALSE);
      append_span (out, incident->ttm, incident->ttm_invalid, FALSE);
      append_span (out, incident->ttr, incident->ttr_invalid, TRUE);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

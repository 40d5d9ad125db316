/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-time.h"

/**
 * sitrep_format_time_utc_local:
 *
 * Formats a time the way every page shows it: UTC first (what the incident
 * record and the postmortem use), then the reader's local time.
 *
 * Returns: (transfer full): e.g. "2026-11-27 14:32:10 UTC · 15:32 CET"
 */
char *
sitrep_format_time_utc_local (GDateTime *when)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  g_autofree char *utc_text = g_date_time_format (utc, "%Y-%m-%d %H:%M:%S");
  g_autofree char *local_text = NULL;

  if (g_date_time_get_day_of_year (utc) == g_date_time_get_day_of_year (local))
    local_text = g_date_time_format (local, "%H:%M %Z");
  else
    local_text = g_date_time_format (local, "%a %H:%M %Z");

  /* Translators: a time in UTC, then the same time in the local zone */
  return g_strdup_printf (_("%s UTC · %s"), utc_text, local_text);
}

/**
 * sitrep_format_age:
 *
 * Returns: (transfer full): how long ago @since was, e.g. "40 min ago"
 */
char *
sitrep_format_age (GDateTime *since,
                   GDateTime *now)
{
  g_autofree char *span = sitrep_time_format_duration (g_date_time_difference (now, since));

  /* Translators: %s is a duration such as "2 h 5 min" */
  return g_strdup_printf (_("%s ago"), span);
}

static gboolean
parse_clock (const char *text,
             int        *hour,
             int        *minute,
             double     *second)
{
  int h, m, s = 0, consumed = 0;

  if (sscanf (text, "%2d:%2d:%2d%n", &h, &m, &s, &consumed) == 3 && text[consumed] == '\0')
    ;
  else if (sscanf (text, "%2d:%2d%n", &h, &m, &consumed) == 2 && text[consumed] == '\0')
    s = 0;
  else
    return FALSE;

  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59)
    return FALSE;

  *hour = h;
  *minute = m;
  *second = s;
  return TRUE;
}

/**
 * sitrep_parse_time_input:
 * @now: the current time, for times given without a date
 *
 * Reads a time the user typed: `14:32` or `14:32:10` (UTC, the latest such
 * time not after @now), `2026-11-27 14:32[:10]` (UTC), or RFC 3339.
 *
 * Returns: (transfer full): the time in UTC, or %NULL with @error set
 */
GDateTime *
sitrep_parse_time_input (const char  *text,
                         GDateTime   *now,
                         GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_autoptr(GDateTime) now_utc = g_date_time_to_utc (now);
  int year, month, day, hour, minute, consumed = 0;
  double second;
  GDateTime *parsed;

  if (parse_clock (stripped, &hour, &minute, &second))
    {
      g_autoptr(GDateTime) today =
        g_date_time_new_utc (g_date_time_get_year (now_utc), g_date_time_get_month (now_utc),
                             g_date_time_get_day_of_month (now_utc), hour, minute, second);

      if (g_date_time_compare (today, now_utc) > 0)
        return g_date_time_add_days (today, -1);
      return g_steal_pointer (&today);
    }

  if (sscanf (stripped, "%4d-%2d-%2d%n", &year, &month, &day, &consumed) == 3 &&
      stripped[consumed] == ' ' && parse_clock (stripped + consumed + 1, &hour, &minute, &second))
    {
      parsed = g_date_time_new_utc (year, month, day, hour, minute, second);
      if (parsed != NULL)
        return parsed;
    }

  parsed = sitrep_time_parse (stripped);
  if (parsed != NULL)
    return parsed;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("“%s” is not a time: use HH:MM, YYYY-MM-DD HH:MM (UTC) or RFC 3339"),
               stripped);
  return NULL;
}

static void
set_class_from (GtkWidget   *widget,
                const char  *prefix,
                const char  *name,
                const char **all)
{
  for (guint i = 0; all[i] != NULL; i++)
    {
      g_autofree char *cls = g_strdup_printf ("%s%s", prefix, all[i]);

      gtk_widget_remove_css_class (widget, cls);
    }

  if (name != NULL)
    {
      g_autofree char *cls = g_strdup_printf ("%s%s", prefix, name);

      gtk_widget_add_css_class (widget, cls);
    }
}

/**
 * sitrep_set_severity_class:
 *
 * Gives @widget the style class of @severity (`severity-p1` …).
 */
void
sitrep_set_severity_class (GtkWidget      *widget,
                           SitrepSeverity  severity)
{
  static const char *all[] = { "p1", "p2", "p3", "p4", NULL };

  set_class_from (widget, "severity-",
                  severity >= SITREP_SEVERITY_P1 && severity <= SITREP_SEVERITY_P4
                  ? all[severity - 1] : NULL,
                  all);
}

/**
 * sitrep_set_status_class:
 *
 * Gives @widget the style class of @status (`status-investigating` …).
 */
void
sitrep_set_status_class (GtkWidget    *widget,
                         SitrepStatus  status)
{
  static const char *all[] = { "investigating", "identified", "monitoring", "resolved",
                               "closed", NULL };

  set_class_from (widget, "status-", sitrep_status_to_string (status), all);
}

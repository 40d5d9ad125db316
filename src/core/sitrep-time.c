/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-time.c: RFC 3339 times as the protocol writes them
 *
 * Parsed by hand rather than with g_date_time_new_from_iso8601(), which
 * takes many ISO 8601 forms (week dates, basic format) that RFC 3339 and
 * therefore the protocol do not allow.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-time.h"

/**
 * sitrep_time_format:
 *
 * Formats @dt in UTC as RFC 3339 with a `Z`, with milliseconds only when
 * they are not zero: "2026-11-27T14:32:00Z", "2026-11-27T14:32:00.250Z".
 *
 * Returns: (transfer full): the text
 */
char *
sitrep_time_format (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *base = NULL;
  int ms;

  g_return_val_if_fail (dt != NULL, NULL);

  utc = g_date_time_to_utc (dt);
  base = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  ms = g_date_time_get_microsecond (utc) / 1000;

  if (ms == 0)
    return g_strconcat (base, "Z", NULL);
  return g_strdup_printf ("%s.%03dZ", base, ms);
}

/**
 * sitrep_time_now:
 *
 * Returns: (transfer full): the current time as sitrep_time_format() writes it
 */
char *
sitrep_time_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return sitrep_time_format (now);
}

static gboolean
read_digits (const char **p,
             guint        n,
             int         *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }

  *p += n;
  *out = v;
  return TRUE;
}

static gboolean
expect (const char **p,
        char         c)
{
  if (**p != c)
    return FALSE;
  (*p)++;
  return TRUE;
}

/**
 * sitrep_time_parse:
 *
 * Accepts RFC 3339 date-times: "YYYY-MM-DDTHH:MM:SS", an optional fraction
 * (up to 9 digits, kept to the microsecond), then `Z` or "+HH:MM" /
 * "-HH:MM".
 *
 * Returns: (transfer full) (nullable): the time in UTC, or %NULL
 */
GDateTime *
sitrep_time_parse (const char *text)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) local = NULL;
  const char *p = text;
  int year, month, day, hour, minute, second;
  gint64 usec = 0;

  if (text == NULL)
    return NULL;

  if (!read_digits (&p, 4, &year) || !expect (&p, '-')
      || !read_digits (&p, 2, &month) || !expect (&p, '-')
      || !read_digits (&p, 2, &day))
    return NULL;

  if (*p != 'T' && *p != 't')
    return NULL;
  p++;

  if (!read_digits (&p, 2, &hour) || !expect (&p, ':')
      || !read_digits (&p, 2, &minute) || !expect (&p, ':')
      || !read_digits (&p, 2, &second))
    return NULL;

  if (*p == '.')
    {
      gint64 scale = 100000;
      guint n = 0;

      p++;
      while (g_ascii_isdigit (*p))
        {
          if (++n > 9)
            return NULL;
          usec += (*p - '0') * scale;
          scale /= 10;
          p++;
        }
      if (n == 0)
        return NULL;
    }

  if (*p == 'Z' || *p == 'z')
    {
      tz = g_time_zone_new_utc ();
      p++;
    }
  else if (*p == '+' || *p == '-')
    {
      int sign = *p == '-' ? -1 : 1;
      int oh, om;

      p++;
      if (!read_digits (&p, 2, &oh) || !expect (&p, ':') || !read_digits (&p, 2, &om)
          || oh > 23 || om > 59)
        return NULL;
      tz = g_time_zone_new_offset (sign * (oh * 3600 + om * 60));
    }
  else
    return NULL;

  if (*p != '\0')
    return NULL;

  /* g_date_time_new() checks the ranges (and the day of the month), but not
   * leap seconds, which GDateTime cannot represent: refuse them here. */
  if (second > 59 || hour > 23 || minute > 59)
    return NULL;

  local = g_date_time_new (tz, year, month, day, hour, minute, second);
  if (local == NULL)
    return NULL;

  if (usec != 0)
    {
      g_autoptr(GDateTime) with_usec = g_date_time_add (local, usec);

      if (with_usec == NULL)
        return NULL;
      return g_date_time_to_utc (with_usec);
    }

  return g_date_time_to_utc (local);
}

/**
 * sitrep_time_is_valid:
 *
 * Returns: %TRUE if @text is a time the protocol accepts: RFC 3339 in UTC,
 *   ending in an upper-case `Z`.
 */
gboolean
sitrep_time_is_valid (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  gsize len;

  if (text == NULL)
    return FALSE;

  len = strlen (text);
  if (len == 0 || text[len - 1] != 'Z')
    return FALSE;

  dt = sitrep_time_parse (text);
  return dt != NULL;
}

/* A format from the table above, translated or in the templates' language. */
#define T(translate, format) ((translate) ? _(format) : (format))

static char *
format_duration (GTimeSpan span,
                 gboolean  translate)
{
  gint64 minutes;
  int days, hours, mins;

  if (span == G_MININT64)
    span = G_MAXINT64;
  if (span < 0)
    span = -span;

  minutes = span / G_TIME_SPAN_MINUTE;
  days = (int) (minutes / (24 * 60));
  hours = (int) ((minutes / 60) % 24);
  mins = (int) (minutes % 60);

  if (days > 0)
    {
      if (hours == 0)
        /* Translators: a duration in days, e.g. "3 d" */
        return g_strdup_printf (T (translate, N_ ("%d d")), days);
      /* Translators: a duration in days and hours, e.g. "3 d 4 h" */
      return g_strdup_printf (T (translate, N_ ("%d d %d h")), days, hours);
    }

  if (hours > 0)
    {
      if (mins == 0)
        /* Translators: a duration in hours, e.g. "2 h" */
        return g_strdup_printf (T (translate, N_ ("%d h")), hours);
      /* Translators: a duration in hours and minutes, e.g. "2 h 5 min" */
      return g_strdup_printf (T (translate, N_ ("%d h %d min")), hours, mins);
    }

  /* Translators: a duration in minutes, e.g. "45 min" */
  return g_strdup_printf (T (translate, N_ ("%d min")), mins);
}

/**
 * sitrep_time_format_duration:
 *
 * Formats a span for people, coarsely: "45 min", "2 h 5 min", "3 d 4 h".
 * Spans under a minute read "0 min"; the sign is dropped, so callers say
 * "ago" or "overdue" themselves.
 *
 * Returns: (transfer full): the text
 */
char *
sitrep_time_format_duration (GTimeSpan span)
{
  return format_duration (span, TRUE);
}

/**
 * sitrep_time_format_duration_for_template:
 *
 * Like sitrep_time_format_duration(), in the templates' language (the
 * guide's English) whatever the interface's: for the text of an update.
 *
 * Returns: (transfer full): the text
 */
char *
sitrep_time_format_duration_for_template (GTimeSpan span)
{
  return format_duration (span, FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sitrep-capture.h"
#include "sitrep-enum-strings.h"
#include "sitrep-time.h"

/* Prefixes a scribe can type before the text to choose the kind; the full
 * kind names work too. Single letters are left out: "a" could be alert or
 * action, and a wrong guess costs more than typing three letters. */
static const struct {
  const char *prefix;
  SitrepTimelineKind kind;
} kind_aliases[] = {
  { "det", SITREP_KIND_DETECTION },
  { "act", SITREP_KIND_ACTION },
  { "dec", SITREP_KIND_DECISION },
  { "mit", SITREP_KIND_MITIGATION },
  { "comm", SITREP_KIND_COMMUNICATION },
  { "comms", SITREP_KIND_COMMUNICATION },
};

static gboolean
parse_clock (const char *text,
             int        *hour,
             int        *minute,
             int        *second)
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

/* "-5m", "-90s", "-2h", "-1h30m": how far back from now. */
static gboolean
parse_relative (const char *text,
                GTimeSpan  *span)
{
  GTimeSpan total = 0;
  const char *p = text;

  if (*p++ != '-' || *p == '\0')
    return FALSE;

  while (*p != '\0')
    {
      guint64 value = 0;
      int digits = 0;

      while (g_ascii_isdigit (*p) && digits < 6)
        value = value * 10 + (guint64) (*p++ - '0'), digits++;
      if (digits == 0)
        return FALSE;

      switch (*p++)
        {
        case 's':
          total += value * G_TIME_SPAN_SECOND;
          break;
        case 'm':
          total += value * G_TIME_SPAN_MINUTE;
          break;
        case 'h':
          total += value * G_TIME_SPAN_HOUR;
          break;
        case 'd':
          total += value * G_TIME_SPAN_DAY;
          break;
        default:
          return FALSE;
        }
    }

  *span = total;
  return TRUE;
}

/**
 * sitrep_time_parse_input:
 * @now: the current time, for times given without a date
 *
 * Reads a time a person typed: `14:32` or `14:32:10` (UTC, the latest such
 * time not after @now), `-5m` / `-2h` / `-1h30m` (before @now),
 * `2026-11-27 14:32[:10]` (UTC), or RFC 3339.
 *
 * Returns: (transfer full): the time in UTC, or %NULL with @error set
 */
GDateTime *
sitrep_time_parse_input (const char  *text,
                         GDateTime   *now,
                         GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_autoptr(GDateTime) now_utc = g_date_time_to_utc (now);
  int year, month, day, hour, minute, second, consumed = 0;
  GTimeSpan span;
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

  if (parse_relative (stripped, &span))
    return g_date_time_add (now_utc, -span);

  if (sscanf (stripped, "%4d-%2d-%2d%n", &year, &month, &day, &consumed) == 3 &&
      stripped[consumed] == ' ' &&
      parse_clock (stripped + consumed + 1, &hour, &minute, &second))
    {
      parsed = g_date_time_new_utc (year, month, day, hour, minute, second);
      if (parsed != NULL)
        return parsed;
    }

  parsed = sitrep_time_parse (stripped);
  if (parsed != NULL)
    return parsed;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("“%s” is not a time: use HH:MM, -5m, or YYYY-MM-DD HH:MM (UTC)"), stripped);
  return NULL;
}

/**
 * sitrep_time_parse_input_in_zone:
 * @text: what the person typed
 * @now: the current time
 * @zone: the zone a clock time or a date and time is read in: the one the
 *   person sees as primary
 * @incident_start: (nullable): when the incident began
 * @check: (out) (optional): whether the time needs confirming
 *
 * Like sitrep_time_parse_input(), but `14:32` is today's 14:32 in @zone,
 * never moved to the previous day, and `2026-11-27 14:32` is read in @zone
 * too; `-5m` and RFC 3339 times are the same in every zone. A time more than
 * %SITREP_CAPTURE_FUTURE_SLACK after @now, or before @incident_start, is
 * returned as read with @check saying so: the caller asks.
 *
 * Returns: (transfer full): the time in UTC, or %NULL with @error set
 */
GDateTime *
sitrep_time_parse_input_in_zone (const char          *text,
                                 GDateTime           *now,
                                 GTimeZone           *zone,
                                 GDateTime           *incident_start,
                                 SitrepCaptureCheck  *check,
                                 GError             **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_autoptr(GDateTime) now_utc = g_date_time_to_utc (now);
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) typed = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  int year, month, day, hour, minute, second, consumed = 0;
  GTimeSpan span;
  SitrepCaptureCheck result = SITREP_CAPTURE_CHECK_OK;

  g_return_val_if_fail (zone != NULL, NULL);

  local_now = g_date_time_to_timezone (now_utc, zone);
  if (parse_clock (stripped, &hour, &minute, &second))
    typed = g_date_time_new (zone, g_date_time_get_year (local_now),
                             g_date_time_get_month (local_now),
                             g_date_time_get_day_of_month (local_now), hour, minute, second);
  else if (parse_relative (stripped, &span))
    typed = g_date_time_add (now_utc, -span);
  else if (sscanf (stripped, "%4d-%2d-%2d%n", &year, &month, &day, &consumed) == 3 &&
           stripped[consumed] == ' ' &&
           parse_clock (stripped + consumed + 1, &hour, &minute, &second))
    typed = g_date_time_new (zone, year, month, day, hour, minute, second);
  else
    typed = sitrep_time_parse (stripped);

  if (typed == NULL)
    {
      g_autofree char *zone_name = g_date_time_format (local_now, "%Z");

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is what was typed, then a zone such as CET or UTC */
                   _("“%s” is not a time: use HH:MM, -5m, or YYYY-MM-DD HH:MM (%s)"), stripped,
                   zone_name);
      return NULL;
    }

  parsed = g_date_time_to_utc (typed);
  if (g_date_time_difference (parsed, now_utc) > SITREP_CAPTURE_FUTURE_SLACK)
    result = SITREP_CAPTURE_CHECK_FUTURE;
  else if (incident_start != NULL && g_date_time_compare (parsed, incident_start) < 0)
    result = SITREP_CAPTURE_CHECK_BEFORE_INCIDENT;

  if (check != NULL)
    *check = result;
  return g_steal_pointer (&parsed);
}

static gboolean
kind_from_prefix (const char         *word,
                  SitrepTimelineKind *kind)
{
  g_autofree char *lower = g_ascii_strdown (word, -1);

  if (sitrep_timeline_kind_from_string (lower, kind))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (kind_aliases); i++)
    if (g_str_equal (lower, kind_aliases[i].prefix))
      {
        *kind = kind_aliases[i].kind;
        return TRUE;
      }

  return FALSE;
}

/**
 * sitrep_capture_parse:
 * @input: what the scribe typed, e.g. `14:32 action: rolled back the deploy`
 * @now: the current time
 * @default_kind: the kind when none is typed
 *
 * Reads a capture line: an optional leading time (`14:32`, `14:32:10`,
 * `-5m`), an optional kind prefix (`decision:`, `mit:` …), then the text.
 *
 * Returns: %TRUE with @capture filled, or %FALSE with @error set
 */
gboolean
sitrep_capture_parse (const char          *input,
                      GDateTime           *now,
                      SitrepTimelineKind   default_kind,
                      SitrepCapture       *capture,
                      GError             **error)
{
  g_autofree char *line = g_strstrip (g_strdup (input ? input : ""));
  g_autoptr(GDateTime) when = NULL;
  SitrepTimelineKind kind = default_kind;
  char *rest = line;
  char *space;
  char *colon;

  g_return_val_if_fail (capture != NULL, FALSE);

  memset (capture, 0, sizeof *capture);

  /* A leading word that reads as a time backdates the entry. */
  space = strpbrk (rest, " \t");
  if (space == NULL)
    {
      int h, m, sec;
      GTimeSpan span;

      if (parse_clock (rest, &h, &m, &sec) || parse_relative (rest, &span))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Type what happened after the time"));
          return FALSE;
        }
    }
  if (space != NULL &&
      (g_ascii_isdigit (rest[0]) || (rest[0] == '-' && g_ascii_isdigit (rest[1]))))
    {
      g_autofree char *word = g_strndup (rest, space - rest);
      int h, m, sec;

      if (parse_clock (word, &h, &m, &sec) || word[0] == '-')
        {
          when = sitrep_time_parse_input (word, now, error);
          if (when == NULL)
            return FALSE;
          rest = g_strchug (space);
        }
    }

  /* "decision: roll back" — only a known kind counts, so "Note: the DB…"
   * style text and URLs like "https://…" stay as typed unless they name one. */
  colon = strchr (rest, ':');
  if (colon != NULL && colon > rest && (colon[1] == ' ' || colon[1] == '\0'))
    {
      g_autofree char *word = g_strndup (rest, colon - rest);

      if (strchr (word, ' ') == NULL && kind_from_prefix (word, &kind))
        rest = g_strchug (colon + 1);
    }

  if (rest[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Type what happened"));
      return FALSE;
    }

  capture->occurred_at = when ? g_steal_pointer (&when) : g_date_time_to_utc (now);
  capture->kind = kind;
  capture->text = g_strdup (rest);

  return TRUE;
}

/**
 * sitrep_capture_parse_in_zone:
 * @input: what the scribe typed
 * @now: the current time
 * @zone: the zone a typed clock time (`13:50`) is read in: the one the
 *   scribe sees as primary
 * @incident_start: (nullable): when the incident began
 * @default_kind: the kind when none is typed
 * @check: (out): whether the time needs confirming
 *
 * Like sitrep_capture_parse(), but a clock time is today's in @zone, never
 * moved to another day silently: when it is more than
 * %SITREP_CAPTURE_FUTURE_SLACK after @now, or before @incident_start, @check
 * says so and the caller asks (the other day is one day away from
 * @capture's time).
 *
 * Returns: %TRUE with @capture filled, or %FALSE with @error set
 */
gboolean
sitrep_capture_parse_in_zone (const char          *input,
                              GDateTime           *now,
                              GTimeZone           *zone,
                              GDateTime           *incident_start,
                              SitrepTimelineKind   default_kind,
                              SitrepCapture       *capture,
                              SitrepCaptureCheck  *check,
                              GError             **error)
{
  g_autofree char *line = g_strstrip (g_strdup (input ? input : ""));
  g_autoptr(GDateTime) now_utc = g_date_time_to_utc (now);
  g_autofree char *word = NULL;
  char *space;
  int h, m, sec;

  g_return_val_if_fail (zone != NULL, FALSE);
  g_return_val_if_fail (check != NULL, FALSE);

  *check = SITREP_CAPTURE_CHECK_OK;
  if (!sitrep_capture_parse (line, now, default_kind, capture, error))
    return FALSE;

  /* A leading clock time: read again in @zone, on today's date there. */
  space = strpbrk (line, " \t");
  if (space != NULL)
    word = g_strndup (line, space - line);
  if (word != NULL && parse_clock (word, &h, &m, &sec))
    {
      g_autoptr(GDateTime) local_now = g_date_time_to_timezone (now, zone);
      g_autoptr(GDateTime) typed =
        g_date_time_new (zone, g_date_time_get_year (local_now),
                         g_date_time_get_month (local_now),
                         g_date_time_get_day_of_month (local_now), h, m, sec);

      if (typed != NULL)
        {
          g_clear_pointer (&capture->occurred_at, g_date_time_unref);
          capture->occurred_at = g_date_time_to_utc (typed);
        }
      if (g_date_time_difference (capture->occurred_at, now_utc) > SITREP_CAPTURE_FUTURE_SLACK)
        *check = SITREP_CAPTURE_CHECK_FUTURE;
    }

  if (*check == SITREP_CAPTURE_CHECK_OK && incident_start != NULL &&
      g_date_time_compare (capture->occurred_at, incident_start) < 0)
    *check = SITREP_CAPTURE_CHECK_BEFORE_INCIDENT;

  return TRUE;
}

/**
 * sitrep_capture_clear:
 *
 * Frees what @capture holds.
 */
void
sitrep_capture_clear (SitrepCapture *capture)
{
  g_clear_pointer (&capture->occurred_at, g_date_time_unref);
  g_clear_pointer (&capture->text, g_free);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-countdown.h"
#include "sitrep-time.h"

/* The wall-clock minute @t falls in, counted from the epoch. */
static gint64
wall_minute (GDateTime *t)
{
  gint64 seconds = g_date_time_to_unix (t);

  /* Rounded down for times before the epoch too. */
  return seconds >= 0 ? seconds / 60 : -((-seconds + 59) / 60);
}

/**
 * sitrep_countdown_minutes:
 *
 * How many wall-clock minutes lie between the minute @now is in and the
 * minute @due is in. Every countdown counts this way, so two views that
 * read the clock at different seconds of one minute (the minute clock's
 * tick, a refresh after a sync) say the same thing, and all of them turn
 * over together at the start of the next minute.
 *
 * Returns: the minutes until @due: positive before its minute, 0 in it,
 *   negative after
 */
gint64
sitrep_countdown_minutes (GDateTime *due,
                          GDateTime *now)
{
  g_return_val_if_fail (due != NULL, 0);
  g_return_val_if_fail (now != NULL, 0);

  return wall_minute (due) - wall_minute (now);
}

/**
 * sitrep_countdown_format:
 *
 * The countdown the sidebar, the overview, the updates page and the
 * notifications all show.
 *
 * Returns: (transfer full): how far off @due is, in whole minutes of the
 *   wall clock (sitrep_countdown_minutes()): "in 12 min", "in 23 h 59 min",
 *   "in 1 d"; "due now" in the minute it falls in (never "in 0 min"); then
 *   "overdue by 3 min"
 */
char *
sitrep_countdown_format (GDateTime *due,
                         GDateTime *now)
{
  gint64 minutes;
  g_autofree char *span = NULL;

  g_return_val_if_fail (due != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  minutes = sitrep_countdown_minutes (due, now);
  if (minutes == 0)
    return g_strdup (_("due now"));

  span = sitrep_time_format_duration (ABS (minutes) * G_TIME_SPAN_MINUTE);
  if (minutes > 0)
    /* Translators: a countdown, %s is a duration such as "12 min" */
    return g_strdup_printf (_("in %s"), span);

  /* Translators: %s is a duration such as "3 min" */
  return g_strdup_printf (_("overdue by %s"), span);
}

/**
 * sitrep_countdown_state:
 *
 * Counts as sitrep_countdown_format() does, so that the colour and the
 * words agree: "due now" is already overdue.
 *
 * Returns: whether @due is overdue, soon (within
 *   %SITREP_COUNTDOWN_SOON_SPAN) or later
 */
SitrepCountdownState
sitrep_countdown_state (GDateTime *due,
                        GDateTime *now)
{
  gint64 minutes = sitrep_countdown_minutes (due, now);

  if (minutes <= 0)
    return SITREP_COUNTDOWN_OVERDUE;
  if (minutes * G_TIME_SPAN_MINUTE <= SITREP_COUNTDOWN_SOON_SPAN)
    return SITREP_COUNTDOWN_SOON;

  return SITREP_COUNTDOWN_LATER;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-countdown.h"
#include "sitrep-time.h"

/**
 * sitrep_countdown_format:
 *
 * The countdown the sidebar, the overview, the updates page and the
 * notifications all show.
 *
 * Returns: (transfer full): how far off @due is: "in 12 min" (rounded up,
 *   so "in 1 min" until it is due), "due now" in the first minute after,
 *   then "overdue by 3 min"
 */
char *
sitrep_countdown_format (GDateTime *due,
                         GDateTime *now)
{
  GTimeSpan until;
  g_autofree char *span = NULL;

  g_return_val_if_fail (due != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  until = g_date_time_difference (due, now);
  if (until > 0)
    {
      /* Rounded up: with 4 min 30 s to go, "in 5 min". */
      span = sitrep_time_format_duration (((until + G_TIME_SPAN_MINUTE - 1) / G_TIME_SPAN_MINUTE)
                                          * G_TIME_SPAN_MINUTE);
      /* Translators: a countdown, %s is a duration such as "12 min" */
      return g_strdup_printf (_("in %s"), span);
    }

  if (-until < G_TIME_SPAN_MINUTE)
    return g_strdup (_("due now"));

  span = sitrep_time_format_duration (-until);
  /* Translators: %s is a duration such as "3 min" */
  return g_strdup_printf (_("overdue by %s"), span);
}

/**
 * sitrep_countdown_state:
 *
 * Returns: whether @due is overdue, soon (within
 *   %SITREP_COUNTDOWN_SOON_SPAN) or later
 */
SitrepCountdownState
sitrep_countdown_state (GDateTime *due,
                        GDateTime *now)
{
  GTimeSpan until = g_date_time_difference (due, now);

  if (until <= 0)
    return SITREP_COUNTDOWN_OVERDUE;
  if (until <= SITREP_COUNTDOWN_SOON_SPAN)
    return SITREP_COUNTDOWN_SOON;

  return SITREP_COUNTDOWN_LATER;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-countdown.h: how far off a deadline is, the one way every view says it */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How close a deadline is, for styling its countdown. */
typedef enum {
  SITREP_COUNTDOWN_LATER,
  SITREP_COUNTDOWN_SOON,        /* within the warning span */
  SITREP_COUNTDOWN_OVERDUE,     /* due now or past */
} SitrepCountdownState;

#define SITREP_COUNTDOWN_SOON_SPAN (5 * G_TIME_SPAN_MINUTE)

gint64                sitrep_countdown_minutes (GDateTime *due,
                                                GDateTime *now);
char                 *sitrep_countdown_format  (GDateTime *due,
                                                GDateTime *now);
SitrepCountdownState  sitrep_countdown_state   (GDateTime *due,
                                                GDateTime *now);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the typed-time tests share: a scribe in Berlin, the zone typed
 * times are read in, and a clock time as the scribe would type it. */
#pragma once

#include <gio/gio.h>

#include "config.h"
#include "sitrep-context.h"

G_BEGIN_DECLS

/* Runs the calling test again in a process of its own with TZ set to
 * Europe/Berlin (GLib keeps the local zone it first reads): %TRUE in that
 * process, %FALSE in the parent once the child has passed. */
static inline gboolean
in_berlin (void)
{
  if (g_test_subprocess ())
    return TRUE;

  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("TZ");
  g_test_trap_assert_passed ();
  return FALSE;
}

/* The Preferences choice of the zone typed times are read in. */
static inline void
set_input_zone (SitrepTimeInput zone)
{
  GSettings *settings = g_settings_new (APPLICATION_ID);

  g_settings_set_enum (settings, "time-input-zone", zone);
  g_object_unref (settings);
}

/* @minutes from now on the clock of @zone, as typed (to the minute), or
 * %NULL when that is another day there. */
static inline GDateTime *
clock_time (GTimeZone *zone,
            int        minutes,
            char     **typed)
{
  GDateTime *now = g_date_time_new_now (zone);
  GDateTime *then = g_date_time_add_minutes (now, minutes);
  GDateTime *at = NULL;

  if (g_date_time_get_day_of_month (then) == g_date_time_get_day_of_month (now))
    {
      *typed = g_date_time_format (then, "%H:%M");
      at = g_date_time_new (zone, g_date_time_get_year (then), g_date_time_get_month (then),
                            g_date_time_get_day_of_month (then), g_date_time_get_hour (then),
                            g_date_time_get_minute (then), 0);
    }
  g_date_time_unref (then);
  g_date_time_unref (now);
  return at;
}

G_END_DECLS

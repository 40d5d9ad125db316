/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-metrics-private.h: microseconds since the epoch, as the metrics
 * keep times */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

static inline gint64
sitrep_metrics_usec (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static inline GDateTime *
sitrep_metrics_utc (gint64 t)
{
  g_autoptr(GDateTime) s = g_date_time_new_from_unix_utc (t / G_USEC_PER_SEC);

  return g_date_time_add (s, t % G_USEC_PER_SEC);
}

G_END_DECLS

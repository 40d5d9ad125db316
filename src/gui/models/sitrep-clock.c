/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-clock"

#include "config.h"

#include "sitrep-clock.h"

/* The one clock every countdown reads (sidebar, overview, updates page,
 * notifications): ::minute-changed fires from one timeout aligned to the
 * start of each minute, so every "in 12 min" turns over at once. */
struct _SitrepClock
{
  GObject parent_instance;

  guint   timeout_id;
};

G_DEFINE_FINAL_TYPE (SitrepClock, sitrep_clock, G_TYPE_OBJECT)

enum {
  MINUTE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (SitrepClock *self);

static gboolean
on_timeout (gpointer data)
{
  SitrepClock *self = data;

  self->timeout_id = 0;
  schedule (self);
  g_signal_emit (self, signals[MINUTE_CHANGED], 0);

  return G_SOURCE_REMOVE;
}

static void
schedule (SitrepClock *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint ms = (60 - g_date_time_get_second (now)) * 1000 -
             g_date_time_get_microsecond (now) / 1000;

  /* A little past the minute, never just before it. */
  self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, ms + 5, on_timeout, self, NULL);
  g_source_set_name_by_id (self->timeout_id, "[sitrep] minute clock");
}

static void
sitrep_clock_dispose (GObject *object)
{
  SitrepClock *self = SITREP_CLOCK (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (sitrep_clock_parent_class)->dispose (object);
}

static void
sitrep_clock_class_init (SitrepClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_clock_dispose;

  /**
   * SitrepClock::minute-changed:
   *
   * A new minute began: countdowns read the time again.
   */
  signals[MINUTE_CHANGED] =
    g_signal_new ("minute-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sitrep_clock_init (SitrepClock *self)
{
  schedule (self);
}

/**
 * sitrep_clock_new:
 *
 * Returns: (transfer full): a clock ticking each minute
 */
SitrepClock *
sitrep_clock_new (void)
{
  return g_object_new (SITREP_TYPE_CLOCK, NULL);
}

/**
 * sitrep_clock_dup_now:
 *
 * Returns: (transfer full): the time now, in UTC
 */
GDateTime *
sitrep_clock_dup_now (SitrepClock *self)
{
  g_return_val_if_fail (SITREP_IS_CLOCK (self), NULL);

  return g_date_time_new_now_utc ();
}

/**
 * sitrep_clock_tick:
 *
 * Emits ::minute-changed now, as when the system resumed from sleep or the
 * settings that every countdown depends on changed.
 */
void
sitrep_clock_tick (SitrepClock *self)
{
  g_return_if_fail (SITREP_IS_CLOCK (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  on_timeout (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SITREP_TYPE_CLOCK (sitrep_clock_get_type ())

G_DECLARE_FINAL_TYPE (SitrepClock, sitrep_clock, SITREP, CLOCK, GObject)

SitrepClock *sitrep_clock_new     (void);
GDateTime   *sitrep_clock_dup_now (SitrepClock *self);
void         sitrep_clock_tick    (SitrepClock *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-time.h: RFC 3339 times as the protocol writes them */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char      *sitrep_time_format          (GDateTime   *dt);
char      *sitrep_time_now             (void);
GDateTime *sitrep_time_parse           (const char  *text);
gboolean   sitrep_time_is_valid        (const char  *text);
char      *sitrep_time_format_duration (GTimeSpan    span);
char      *sitrep_time_format_duration_for_template (GTimeSpan span);

G_END_DECLS

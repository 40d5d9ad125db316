/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

/**
 * SitrepCapture:
 * @occurred_at: when it happened, in UTC
 * @kind: the timeline kind
 * @text: what happened
 *
 * One line the scribe typed, read into a timeline entry.
 */
typedef struct
{
  GDateTime          *occurred_at;
  SitrepTimelineKind  kind;
  char               *text;
} SitrepCapture;

GDateTime *sitrep_time_parse_input (const char          *text,
                                    GDateTime           *now,
                                    GError             **error);
gboolean   sitrep_capture_parse    (const char          *input,
                                    GDateTime           *now,
                                    SitrepTimelineKind   default_kind,
                                    SitrepCapture       *capture,
                                    GError             **error);
void       sitrep_capture_clear    (SitrepCapture       *capture);

G_END_DECLS

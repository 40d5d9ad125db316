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

/**
 * SitrepCaptureCheck:
 * @SITREP_CAPTURE_CHECK_OK: the time is plausible
 * @SITREP_CAPTURE_CHECK_FUTURE: a typed clock time is more than a few
 *   minutes after now (perhaps meant for yesterday)
 * @SITREP_CAPTURE_CHECK_BEFORE_INCIDENT: the time is before the incident began
 *
 * Whether a typed time needs the scribe's confirmation before it is filed.
 */
typedef enum
{
  SITREP_CAPTURE_CHECK_OK,
  SITREP_CAPTURE_CHECK_FUTURE,
  SITREP_CAPTURE_CHECK_BEFORE_INCIDENT,
} SitrepCaptureCheck;

/* How far after now a typed time may be before it is questioned: clocks
 * drift, and a scribe rounds up. */
#define SITREP_CAPTURE_FUTURE_SLACK (5 * G_TIME_SPAN_MINUTE)

GDateTime *sitrep_time_parse_input (const char          *text,
                                    GDateTime           *now,
                                    GError             **error);
GDateTime *sitrep_time_parse_input_in_zone (const char          *text,
                                            GDateTime           *now,
                                            GTimeZone           *zone,
                                            GDateTime           *incident_start,
                                            SitrepCaptureCheck  *check,
                                            GError             **error);
gboolean   sitrep_capture_parse    (const char          *input,
                                    GDateTime           *now,
                                    SitrepTimelineKind   default_kind,
                                    SitrepCapture       *capture,
                                    GError             **error);
gboolean   sitrep_capture_parse_in_zone (const char          *input,
                                         GDateTime           *now,
                                         GTimeZone           *zone,
                                         GDateTime           *incident_start,
                                         SitrepTimelineKind   default_kind,
                                         SitrepCapture       *capture,
                                         SitrepCaptureCheck  *check,
                                         GError             **error);
void       sitrep_capture_clear    (SitrepCapture       *capture);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-deadlines.h: the update clocks and protocol timers of an incident */

#pragma once

#include <glib.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

typedef enum {
  SITREP_DEADLINE_RESPOND,
  SITREP_DEADLINE_UPDATE,
  SITREP_DEADLINE_EXEC_BRIEF,
  SITREP_DEADLINE_PUBLIC_STATEMENT,
  SITREP_DEADLINE_EXEC_SUMMARY,
  SITREP_DEADLINE_HOT_WASH,
  SITREP_DEADLINE_POSTMORTEM,
  SITREP_DEADLINE_EXEC_REVIEW,
  SITREP_DEADLINE_ACTION_FOLLOWUP,
} SitrepDeadlineKind;

/* Everything the deadlines depend on; the caller's clock is not one of
 * them, so the same input always gives the same deadlines. */
typedef struct {
  SitrepSeverity  severity;
  SitrepStatus    status;
  gboolean        major;
  GDateTime      *declared_at;                                 /* nullable */
  GDateTime      *acknowledged_at;                             /* nullable */
  GDateTime      *resolved_at;                                 /* nullable */
  GDateTime      *last_sent[SITREP_AUDIENCE_INTERNAL + 1];     /* per audience, nullable */
  GDateTime      *snoozed_until[SITREP_AUDIENCE_INTERNAL + 1]; /* per audience, nullable */
  gint64          cadence_s[SITREP_SEVERITY_P4 + 1];           /* by severity; 0 = default */
  gint64          respond_s[SITREP_SEVERITY_P4 + 1];           /* by severity; 0 = default */
  /* After resolution (sitrep-obligations.h): */
  gint64          postmortem_s;      /* postmortem due after resolution; 0 = default (5 days) */
  gboolean        done[SITREP_DEADLINE_ACTION_FOLLOWUP + 1];   /* obligations marked done, by kind */
} SitrepDeadlineInput;

typedef struct {
  SitrepDeadlineKind  kind;
  SitrepAudience      audience;
  GDateTime          *due;
  char               *label;    /* translated, e.g. "Executive update due" */
} SitrepDeadline;

#define SITREP_POSTMORTEM_DEFAULT_S (5 * 24 * 3600)

void       sitrep_deadline_input_clear (SitrepDeadlineInput       *in);
gboolean   sitrep_deadline_is_obligation (SitrepDeadlineKind       kind);
void       sitrep_deadline_free        (SitrepDeadline            *d);
GPtrArray *sitrep_deadlines_compute    (const SitrepDeadlineInput *in);
GDateTime *sitrep_deadlines_next_update (const SitrepDeadlineInput *in,
                                         GDateTime                 *now);

typedef enum {
  SITREP_ALERT_NONE,
  SITREP_ALERT_WARNING,
  SITREP_ALERT_OVERDUE,
} SitrepAlertLevel;

SitrepAlertLevel sitrep_deadline_alert (const SitrepDeadline *d,
                                        GDateTime            *now,
                                        GDateTime            *last_notified,
                                        GTimeSpan             warn_before,
                                        GTimeSpan             repeat);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SitrepDeadlineInput, sitrep_deadline_input_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepDeadline, sitrep_deadline_free)

G_END_DECLS

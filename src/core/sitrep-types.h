/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-types.h: the domain enumerations shared by every layer
 *
 * Each value's nick (glib-mkenums, sitrep-enums.h) is its protocol string:
 * g_enum_get_value_by_nick() reads what PROTOCOL.md puts on the wire.
 * Values without a nick annotation have the default one, which already is
 * their protocol string. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Severity levels of the guide; NONE means "not classified yet". */
typedef enum {
  SITREP_SEVERITY_NONE = 0,
  SITREP_SEVERITY_P1 = 1,   /*< nick=P1 >*/
  SITREP_SEVERITY_P2,       /*< nick=P2 >*/
  SITREP_SEVERITY_P3,       /*< nick=P3 >*/
  SITREP_SEVERITY_P4,       /*< nick=P4 >*/
} SitrepSeverity;

/* Incident lifecycle, in order; INVALID is what parsing answers to junk. */
typedef enum {
  SITREP_STATUS_INVALID = -1,
  SITREP_STATUS_INVESTIGATING = 0,
  SITREP_STATUS_IDENTIFIED,
  SITREP_STATUS_MONITORING,
  SITREP_STATUS_RESOLVED,
  SITREP_STATUS_CLOSED,
} SitrepStatus;

/* Incident Command System roles (the last three for major incidents). */
typedef enum {
  SITREP_ROLE_COMMANDER,
  SITREP_ROLE_DEPUTY_COMMANDER,   /*< nick=deputy_commander >*/
  SITREP_ROLE_COMMUNICATIONS,
  SITREP_ROLE_OPERATIONS,
  SITREP_ROLE_PLANNING,
  SITREP_ROLE_SCRIBE,
  SITREP_ROLE_CUSTOMER_LIAISON,   /*< nick=customer_liaison >*/
} SitrepRole;

/* Phases of the Incident Commander Checklist, plus the major protocol. */
typedef enum {
  SITREP_PHASE_INITIAL,
  SITREP_PHASE_ASSESSMENT,
  SITREP_PHASE_COORDINATION,
  SITREP_PHASE_RESOLUTION,
  SITREP_PHASE_MAJOR,
} SitrepPhase;

typedef enum {
  SITREP_KIND_DETECTION,
  SITREP_KIND_ALERT,
  SITREP_KIND_ACTION,
  SITREP_KIND_DECISION,
  SITREP_KIND_MITIGATION,
  SITREP_KIND_COMMUNICATION,
  SITREP_KIND_STATUS,
  SITREP_KIND_ROLE,
  SITREP_KIND_NOTE,
} SitrepTimelineKind;

typedef enum {
  SITREP_AUDIENCE_STATUS_PAGE,    /*< nick=status_page >*/
  SITREP_AUDIENCE_STAKEHOLDERS,
  SITREP_AUDIENCE_EXECUTIVES,
  SITREP_AUDIENCE_CUSTOMERS,
  SITREP_AUDIENCE_INTERNAL,
} SitrepAudience;

/* Milestone times of an incident, in lifecycle order. Impact started
 * (optional: when customer impact began) comes first: impact is there
 * before anyone detects it. */
typedef enum {
  SITREP_MILESTONE_IMPACT_STARTED, /*< nick=impact_started_at >*/
  SITREP_MILESTONE_DETECTED,      /*< nick=detected_at >*/
  SITREP_MILESTONE_DECLARED,      /*< nick=declared_at >*/
  SITREP_MILESTONE_ACKNOWLEDGED,  /*< nick=acknowledged_at >*/
  SITREP_MILESTONE_MITIGATED,     /*< nick=mitigated_at >*/
  SITREP_MILESTONE_RESOLVED,      /*< nick=resolved_at >*/
  SITREP_MILESTONE_CLOSED,        /*< nick=closed_at >*/
} SitrepMilestone;

/* An action item's kind, as the guide's ImprovementItem has it. */
typedef enum {
  SITREP_ACTION_PREVENT,
  SITREP_ACTION_DETECT,
  SITREP_ACTION_RESPOND,
} SitrepActionType;

/* Where an action item stands; the guide's four statuses. */
typedef enum {
  SITREP_ACTION_NOT_STARTED,      /*< nick=not_started >*/
  SITREP_ACTION_IN_PROGRESS,      /*< nick=in_progress >*/
  SITREP_ACTION_COMPLETED,
  SITREP_ACTION_DEFERRED,
} SitrepActionStatus;

G_END_DECLS

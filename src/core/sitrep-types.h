/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-types.h: the domain enumerations shared by every layer */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Severity levels of the guide; NONE means "not classified yet". */
typedef enum {
  SITREP_SEVERITY_NONE = 0,
  SITREP_SEVERITY_P1 = 1,
  SITREP_SEVERITY_P2,
  SITREP_SEVERITY_P3,
  SITREP_SEVERITY_P4,
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
  SITREP_ROLE_DEPUTY_COMMANDER,
  SITREP_ROLE_COMMUNICATIONS,
  SITREP_ROLE_OPERATIONS,
  SITREP_ROLE_PLANNING,
  SITREP_ROLE_SCRIBE,
  SITREP_ROLE_CUSTOMER_LIAISON,
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
  SITREP_AUDIENCE_STATUS_PAGE,
  SITREP_AUDIENCE_STAKEHOLDERS,
  SITREP_AUDIENCE_EXECUTIVES,
  SITREP_AUDIENCE_CUSTOMERS,
  SITREP_AUDIENCE_INTERNAL,
} SitrepAudience;

/* Milestone times of an incident, in lifecycle order. */
typedef enum {
  SITREP_MILESTONE_DETECTED,
  SITREP_MILESTONE_DECLARED,
  SITREP_MILESTONE_ACKNOWLEDGED,
  SITREP_MILESTONE_MITIGATED,
  SITREP_MILESTONE_RESOLVED,
  SITREP_MILESTONE_CLOSED,
} SitrepMilestone;

G_END_DECLS

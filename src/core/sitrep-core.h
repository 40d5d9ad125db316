/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-core.h: everything of the core library in one include */

#pragma once

#include "sitrep-types.h"
#include "sitrep-enums.h"
#include "sitrep-enum-strings.h"
#include "sitrep-severity.h"
#include "sitrep-triage.h"
#include "sitrep-capture.h"
#include "sitrep-checklist.h"
#include "sitrep-status.h"
#include "sitrep-record.h"
#include "sitrep-time.h"
#include "sitrep-json.h"
#include "sitrep-milestones.h"
#include "sitrep-deadlines.h"
#include "sitrep-templates.h"
#include "sitrep-incident-rules.h"
#include "sitrep-action-items.h"
#include "sitrep-postmortem.h"

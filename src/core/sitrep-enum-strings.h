/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-enum-strings.h: protocol strings and human labels of the enums */

#pragma once

#include <glib.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

const char     *sitrep_severity_to_string       (SitrepSeverity      s);
SitrepSeverity  sitrep_severity_from_string     (const char         *s);

const char     *sitrep_status_to_string         (SitrepStatus        s);
SitrepStatus    sitrep_status_from_string       (const char         *s);
const char     *sitrep_status_get_label         (SitrepStatus        s);
const char     *sitrep_status_get_template_label (SitrepStatus       s);

const char     *sitrep_role_to_string           (SitrepRole          r);
gboolean        sitrep_role_from_string         (const char         *s,
                                                 SitrepRole         *out);
const char     *sitrep_role_get_label           (SitrepRole          r);

const char     *sitrep_phase_to_string          (SitrepPhase         p);
gboolean        sitrep_phase_from_string        (const char         *s,
                                                 SitrepPhase        *out);
const char     *sitrep_phase_get_label          (SitrepPhase         p);

const char     *sitrep_timeline_kind_to_string  (SitrepTimelineKind  k);
gboolean        sitrep_timeline_kind_from_string (const char        *s,
                                                  SitrepTimelineKind *out);
const char     *sitrep_timeline_kind_get_label  (SitrepTimelineKind  k);

const char     *sitrep_audience_to_string       (SitrepAudience      a);
gboolean        sitrep_audience_from_string     (const char         *s,
                                                 SitrepAudience     *out);
const char     *sitrep_audience_get_label       (SitrepAudience      a);

const char     *sitrep_milestone_to_field       (SitrepMilestone     m);
const char     *sitrep_milestone_get_label      (SitrepMilestone     m);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-severity.h: the guide's severity levels and decision tree */

#pragma once

#include <glib.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

typedef struct {
  SitrepSeverity  severity;
  const char     *id;               /* "P1", never translated */
  const char     *name;             /* "Critical" */
  const char     *description;
  const char     *examples;         /* the guide's examples joined with ", " */
  gint64          respond_within_s;
  const char     *respond_label;
  gint64          update_cadence_s;
  const char     *cadence_label;
  SitrepAudience  cadence_audience;
} SitrepSeverityInfo;

const SitrepSeverityInfo *sitrep_severity_get_info (SitrepSeverity s);
const char               *sitrep_severity_get_template_name (SitrepSeverity s);

const char               *sitrep_severity_question (guint          index);
SitrepSeverity            sitrep_severity_classify (gboolean       complete_loss,
                                                    gboolean       most_users_degraded,
                                                    gboolean       some_users_degraded);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-store-report.h: the figures of a period, read from a database */

#pragma once

#include "sitrep-metrics.h"
#include "sitrep-store.h"

G_BEGIN_DECLS

gboolean sitrep_store_read_metrics_input (SitrepStore         *store,
                                          const SitrepPeriod  *window,
                                          SitrepMetricsInput  *input,
                                          GError             **error);
gboolean sitrep_store_compute_report     (const char          *db_path,
                                          const SitrepPeriod  *period,
                                          gboolean             with_previous,
                                          GDateTime           *now,
                                          SitrepMetrics      **metrics,
                                          SitrepMetrics      **previous_metrics,
                                          GError             **error);

G_END_DECLS

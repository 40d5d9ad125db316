/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sitrep-metrics.h"

G_BEGIN_DECLS

/**
 * SitrepReportChartKind:
 * @SITREP_REPORT_CHART_INCIDENTS: incidents per week, stacked by severity
 * @SITREP_REPORT_CHART_MTTR: the mean time to resolution of each week
 */
typedef enum
{
  SITREP_REPORT_CHART_INCIDENTS,
  SITREP_REPORT_CHART_MTTR,
} SitrepReportChartKind;

#define SITREP_TYPE_REPORT_CHART (sitrep_report_chart_get_type ())

G_DECLARE_FINAL_TYPE (SitrepReportChart, sitrep_report_chart, SITREP, REPORT_CHART, GtkWidget)

GtkWidget  *sitrep_report_chart_new             (SitrepReportChartKind  kind);
void        sitrep_report_chart_set_metrics     (SitrepReportChart     *self,
                                                 const SitrepMetrics   *metrics);
const char *sitrep_report_chart_get_description (SitrepReportChart     *self);

G_END_DECLS

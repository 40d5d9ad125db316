/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-report.h: the guide's incident review as Markdown, and CSV */

#pragma once

#include "sitrep-metrics.h"

G_BEGIN_DECLS

char *sitrep_report_format_minutes   (double               minutes);
char *sitrep_report_render_markdown  (const SitrepMetrics *metrics,
                                      const SitrepMetrics *previous);
char *sitrep_report_render_csv       (const SitrepMetrics *metrics);

G_END_DECLS

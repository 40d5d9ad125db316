/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-report-cli.h: `sitrep report monthly|quarter`, without a window */

#pragma once

#include <glib.h>

#include "sitrep-metrics.h"

G_BEGIN_DECLS

char *sitrep_report_cli_build (const char          *db_path,
                               const SitrepPeriod  *period,
                               gboolean             csv,
                               GDateTime           *now,
                               GError             **error);

int sitrep_report_cli_main (int    argc,
                            char **argv);

G_END_DECLS

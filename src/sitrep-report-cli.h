/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-report-cli.h: `sitrep report monthly|quarter`, without a window */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int sitrep_report_cli_main (int    argc,
                            char **argv);

G_END_DECLS

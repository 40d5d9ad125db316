/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-cli-export.h: `sitrep export …`, run without a window */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int sitrep_cli_export_main (int    argc,
                            char **argv);

G_END_DECLS

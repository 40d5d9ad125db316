/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sitrep-metrics.h"

G_BEGIN_DECLS

void sitrep_report_text_show (GtkTextBuffer       *buffer,
                              const char          *markdown,
                              const SitrepMetrics *metrics,
                              const GdkRGBA       *link_color,
                              GPtrArray           *link_tags);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-page-request.h"

G_BEGIN_DECLS

#define SITREP_TYPE_PAGE_ROW (sitrep_page_row_get_type ())

G_DECLARE_FINAL_TYPE (SitrepPageRow, sitrep_page_row, SITREP, PAGE_ROW, AdwActionRow)

GtkWidget         *sitrep_page_row_new      (SitrepPageRequest *page);
SitrepPageRequest *sitrep_page_row_get_page (SitrepPageRow     *self);

G_END_DECLS

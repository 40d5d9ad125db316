/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void sitrep_combo_row_show_whole_labels (AdwComboRow *row,
                                         gboolean     ellipsize_in_row);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

const char  *sitrep_help_page_for     (GtkWindow *window);
void         sitrep_help_show         (GtkWindow *window);
void         sitrep_help_watch_windows (void);
void         sitrep_help_add_shortcut (GtkWidget *widget);
const char **sitrep_help_get_pages    (void);

G_END_DECLS

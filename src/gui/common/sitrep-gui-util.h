/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

char      *sitrep_format_time_utc_local (GDateTime      *when);
char      *sitrep_format_age            (GDateTime      *since,
                                         GDateTime      *now);
void       sitrep_widget_show_toast     (GtkWidget      *widget,
                                         AdwToast       *toast);
void       sitrep_widget_show_error     (GtkWidget      *widget,
                                         const GError   *error);
void       sitrep_set_severity_class    (GtkWidget      *widget,
                                         SitrepSeverity  severity);
void       sitrep_set_status_class      (GtkWidget      *widget,
                                         SitrepStatus    status);
void       sitrep_widget_set_tooltip    (GtkWidget      *widget,
                                         const char     *text);
const char *sitrep_widget_get_tooltip   (GtkWidget      *widget);
void       sitrep_widget_name_list_item (GtkWidget      *widget,
                                         const char     *label);

G_END_DECLS

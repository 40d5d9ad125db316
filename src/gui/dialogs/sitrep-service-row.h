/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_SERVICE_ROW (sitrep_service_row_get_type ())

G_DECLARE_FINAL_TYPE (SitrepServiceRow, sitrep_service_row, SITREP, SERVICE_ROW, AdwExpanderRow)

GtkWidget  *sitrep_service_row_new         (SitrepContext    *context,
                                            const char       *name);
const char *sitrep_service_row_get_name    (SitrepServiceRow *self);
gboolean    sitrep_service_row_get_dirty   (SitrepServiceRow *self);
gboolean    sitrep_service_row_shows       (SitrepServiceRow *self,
                                            SitrepService    *service);
void        sitrep_service_row_load        (SitrepServiceRow *self,
                                            SitrepService    *service);
gboolean    sitrep_service_row_save        (SitrepServiceRow *self);
void        sitrep_service_row_focus_name  (SitrepServiceRow *self);
void        sitrep_service_row_add_team    (SitrepServiceRow *self,
                                            const char       *team);
gboolean    sitrep_service_row_move_team   (SitrepServiceRow *self,
                                            guint             position,
                                            int               delta);
gboolean    sitrep_service_row_remove_team (SitrepServiceRow *self,
                                            guint             position);
GStrv       sitrep_service_row_dup_teams   (SitrepServiceRow *self);

/* For tests, which drive the row's real widgets. */
GtkEditable *_sitrep_service_row_get_name_entry    (SitrepServiceRow *self);
GtkEditable *_sitrep_service_row_get_owner_entry   (SitrepServiceRow *self);
GtkSwitch   *_sitrep_service_row_get_critical      (SitrepServiceRow *self);
GtkEditable *_sitrep_service_row_get_runbook_entry (SitrepServiceRow *self);
GtkEditable *_sitrep_service_row_get_dashboard_entry (SitrepServiceRow *self);
GtkEditable *_sitrep_service_row_get_team_entry    (SitrepServiceRow *self);
GtkListBox  *_sitrep_service_row_get_teams_list    (SitrepServiceRow *self);
GtkLabel    *_sitrep_service_row_get_error_label   (SitrepServiceRow *self);
GtkWidget   *_sitrep_service_row_get_save_button   (SitrepServiceRow *self);
GtkWidget   *_sitrep_service_row_get_delete_button (SitrepServiceRow *self);

G_END_DECLS

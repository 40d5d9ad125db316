/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-declare-dialog.h"
#include "sitrep-checklist-page.h"
#include "sitrep-comms-page.h"
#include "sitrep-overview-page.h"
#include "sitrep-roles-page.h"
#include "sitrep-timeline-page.h"
#include "sitrep-window.h"

G_BEGIN_DECLS

/* Generated from the pages' gui_page_types (src/gui/pages/meson.build). */
void                 sitrep_page_types_ensure          (void);

/* For tests, which drive the window's real widgets. */
GtkSingleSelection  *_sitrep_window_get_selection      (SitrepWindow *self);
GtkListView         *_sitrep_window_get_incident_list  (SitrepWindow *self);
GtkStack            *_sitrep_window_get_sidebar_stack  (SitrepWindow *self);
GtkEditable         *_sitrep_window_get_search_entry   (SitrepWindow *self);
GtkLabel            *_sitrep_window_get_sync_label     (SitrepWindow *self);
SitrepOverviewPage  *_sitrep_window_get_overview       (SitrepWindow *self);
SitrepDeclareDialog *_sitrep_window_get_declare_dialog (SitrepWindow *self);
SitrepTimelinePage  *_sitrep_window_get_timeline       (SitrepWindow *self);
AdwViewStack        *_sitrep_window_get_pages          (SitrepWindow *self);
SitrepRolesPage     *_sitrep_window_get_roles          (SitrepWindow *self);
SitrepChecklistPage *_sitrep_window_get_checklist      (SitrepWindow *self);
SitrepCommsPage     *_sitrep_window_get_comms          (SitrepWindow *self);

G_END_DECLS

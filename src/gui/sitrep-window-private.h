/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-declare-dialog.h"
#include "sitrep-checklist-page.h"
#include "sitrep-command-palette.h"
#include "sitrep-comms-page.h"
#include "sitrep-overdue-badge.h"
#include "sitrep-overview-page.h"
#include "sitrep-roles-page.h"
#include "sitrep-timeline-page.h"
#include "sitrep-window.h"

G_BEGIN_DECLS

/* Shared by sitrep-window.c (the object, the sidebar, selection and search)
 * and sitrep-window-actions.c (the window's actions and their shortcuts). */
struct _SitrepWindow
{
  AdwApplicationWindow  parent_instance;

  SitrepContext        *context;
  SitrepIncident       *incident;
  GSettings            *settings;
  GtkFilterListModel   *filtered;
  GtkCustomFilter      *filter;
  GtkSingleSelection   *selection;
  GHashTable           *matches;
  GPtrArray            *bound_rows;
  SitrepDeclareDialog  *declare_dialog;
  guint                 retick_id;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *content;
  GtkWidget            *sidebar;
  GtkToggleButton      *search_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *sidebar_stack;
  GtkListView          *incident_list;
  AdwViewSwitcherTitle *content_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkMenuButton        *main_menu_button;
  GMenuModel           *primary_menu;
  AdwViewStack         *pages;
  SitrepTimelinePage   *timeline_page;
  SitrepRolesPage      *roles_page;
  SitrepChecklistPage  *checklist_page;
  SitrepCommsPage      *comms_page;
  GtkLabel             *sync_label;
  GtkImage             *sync_icon;
  GtkImage             *sidebar_sync_icon;
  GtkRevealer          *auth_banner;
  GtkImage             *auth_icon;
  GtkLabel             *auth_label;
  GtkButton            *settle_button;
  GtkStack             *content_stack;
  AdwStatusPage        *empty_page;
  SitrepOverviewPage   *overview_page;
  SitrepOverdueBadge   *overdue_badge;
};

/* Generated from the pages' gui_page_types (src/gui/pages/meson.build). */
void sitrep_page_types_ensure (void);

/* sitrep-window-actions.c */
void _sitrep_window_class_init_actions (GtkWidgetClass *widget_class);
void _sitrep_window_update_actions     (SitrepWindow   *self);

/* sitrep-window-action-items.c */
void       _sitrep_window_class_init_action_items (GtkWidgetClass *widget_class);
void       _sitrep_window_init_action_items       (SitrepWindow   *self);
GtkWindow *_sitrep_window_open_action_items       (SitrepWindow   *self);

/* Reports: sitrep-window-reports.c */
void       _sitrep_window_class_init_reports      (GtkWidgetClass *widget_class);
GtkWindow *_sitrep_window_open_reports            (SitrepWindow   *self);
/* wall/sitrep-window-wall.c */
void       _sitrep_window_class_init_wall         (GtkWidgetClass *widget_class);

/* The command palette: sitrep-window-palette.c */
void _sitrep_window_class_init_palette (GtkWidgetClass *widget_class);
void _sitrep_window_init_palette       (SitrepWindow   *self);

/* sitrep-window-conflicts.c */
void _sitrep_window_init_settle_button (SitrepWindow *self);

/* sitrep-window-sync-state.c */
gboolean _sitrep_window_signed_out          (SitrepWindow *self);
void     _sitrep_window_update_sync_label   (SitrepWindow *self);
void     _sitrep_window_update_auth_state   (SitrepWindow *self);
void     _sitrep_window_on_edits_refused    (SitrepWindow *self,
                                             guint         n_refused);
void     _sitrep_window_on_auth_banner_revealed (SitrepWindow *self);

/* sitrep-window.c */
void     _sitrep_window_update_sidebar_state (SitrepWindow *self);

/* For tests, which drive the window's real widgets. */
GtkSingleSelection  *_sitrep_window_get_selection      (SitrepWindow *self);
GtkListView         *_sitrep_window_get_incident_list  (SitrepWindow *self);
GtkStack            *_sitrep_window_get_sidebar_stack  (SitrepWindow *self);
AdwStatusPage       *_sitrep_window_get_empty_page     (SitrepWindow *self);
GtkEditable         *_sitrep_window_get_search_entry   (SitrepWindow *self);
GtkLabel            *_sitrep_window_get_sync_label     (SitrepWindow *self);
GtkWidget           *_sitrep_window_get_sync_indicator (SitrepWindow *self);
GtkRevealer         *_sitrep_window_get_auth_banner    (SitrepWindow *self);
GtkLabel            *_sitrep_window_get_auth_label     (SitrepWindow *self);
AdwViewSwitcherTitle *_sitrep_window_get_content_title (SitrepWindow *self);
GtkMenuButton        *_sitrep_window_get_main_menu_button (SitrepWindow *self);
AdwLeaflet          *_sitrep_window_get_leaflet        (SitrepWindow *self);
GtkButton           *_sitrep_window_get_settle_button  (SitrepWindow *self);
SitrepOverviewPage  *_sitrep_window_get_overview       (SitrepWindow *self);
SitrepDeclareDialog *_sitrep_window_get_declare_dialog (SitrepWindow *self);
SitrepTimelinePage  *_sitrep_window_get_timeline       (SitrepWindow *self);
AdwViewStack        *_sitrep_window_get_pages          (SitrepWindow *self);
SitrepRolesPage     *_sitrep_window_get_roles          (SitrepWindow *self);
SitrepChecklistPage *_sitrep_window_get_checklist      (SitrepWindow *self);
SitrepCommsPage     *_sitrep_window_get_comms          (SitrepWindow *self);
SitrepCommandPalette *_sitrep_window_get_palette       (SitrepWindow *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_PREFERENCES_WINDOW (sitrep_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SitrepPreferencesWindow, sitrep_preferences_window, SITREP,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

SitrepPreferencesWindow *sitrep_preferences_window_new (GtkWindow     *parent,
                                                        SitrepContext *context);

/* For tests, which drive the window's real widgets. */
GtkEditable *_sitrep_preferences_window_get_url    (SitrepPreferencesWindow *self);
GtkEditable *_sitrep_preferences_window_get_token  (SitrepPreferencesWindow *self);
GtkEditable *_sitrep_preferences_window_get_handle (SitrepPreferencesWindow *self);
const char  *_sitrep_preferences_window_get_status (SitrepPreferencesWindow *self);
GtkButton   *_sitrep_preferences_window_get_connect (SitrepPreferencesWindow *self);
AdwComboRow *_sitrep_preferences_window_get_zone_row (SitrepPreferencesWindow *self);
GtkSwitch   *_sitrep_preferences_window_get_approval_switch (SitrepPreferencesWindow *self);
GtkWidget   *_sitrep_preferences_window_get_services_page (SitrepPreferencesWindow *self);

G_END_DECLS

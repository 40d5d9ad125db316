/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"
#include "sitrep-service-row.h"

G_BEGIN_DECLS

#define SITREP_TYPE_SERVICES_PAGE (sitrep_services_page_get_type ())

G_DECLARE_FINAL_TYPE (SitrepServicesPage, sitrep_services_page, SITREP, SERVICES_PAGE,
                      AdwPreferencesPage)

GtkWidget *sitrep_services_page_new (SitrepContext *context);

/* For tests, which drive the page's real widgets. */
SitrepServiceRow *_sitrep_services_page_find_row     (SitrepServicesPage *self,
                                                      const char         *name);
GtkWidget        *_sitrep_services_page_get_add_button (SitrepServicesPage *self);
GtkLabel         *_sitrep_services_page_get_refused  (SitrepServicesPage *self);
AdwMessageDialog *_sitrep_services_page_get_confirm  (SitrepServicesPage *self);

G_END_DECLS

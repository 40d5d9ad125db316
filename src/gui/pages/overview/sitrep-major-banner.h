/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"
#include "sitrep-incident-rules.h"
#include "sitrep-incident.h"

G_BEGIN_DECLS

#define SITREP_TYPE_MAJOR_BANNER (sitrep_major_banner_get_type ())

G_DECLARE_FINAL_TYPE (SitrepMajorBanner, sitrep_major_banner, SITREP, MAJOR_BANNER, GtkWidget)

GtkWidget           *sitrep_major_banner_new        (void);
void                 sitrep_major_banner_update     (SitrepMajorBanner  *self,
                                                     SitrepContext      *context,
                                                     SitrepIncident     *incident,
                                                     GDateTime          *now);
SitrepMajorCriteria  sitrep_major_banner_get_shown  (SitrepMajorBanner  *self);

/* For tests, which drive the banner's real widgets. */
GtkButton           *_sitrep_major_banner_get_activate_button (SitrepMajorBanner *self);
GtkButton           *_sitrep_major_banner_get_dismiss_button  (SitrepMajorBanner *self);
GtkLabel            *_sitrep_major_banner_get_label           (SitrepMajorBanner *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_APPLICATION (sitrep_application_get_type ())

G_DECLARE_FINAL_TYPE (SitrepApplication, sitrep_application, SITREP, APPLICATION, AdwApplication)

SitrepApplication *sitrep_application_new         (const char        *data_dir,
                                                   gboolean           demo);
SitrepContext     *sitrep_application_get_context (SitrepApplication *self);
int                sitrep_application_get_exit_status (SitrepApplication *self);
void               sitrep_application_set_wall    (SitrepApplication *self,
                                                   gboolean           wall);
void               sitrep_application_set_new_incident (SitrepApplication *self,
                                                        gboolean           new_incident);

G_END_DECLS

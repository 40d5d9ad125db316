/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-incident-page.h"

G_BEGIN_DECLS

/* For tests and diagnostics: whether changes came while the page was not
 * on screen (it shows them once mapped), and how often its refresh ran. */
gboolean _sitrep_incident_page_get_dirty       (SitrepIncidentPage *self);
guint    _sitrep_incident_page_get_n_refreshes (SitrepIncidentPage *self);

G_END_DECLS

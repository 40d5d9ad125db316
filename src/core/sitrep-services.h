/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The service catalogue's rules (the `services` collection): what a valid
 * link and a valid escalation path are, and how the path reads. Shared by
 * the app and anything else that writes the catalogue. */

gboolean  sitrep_services_check_name       (const char          *name,
                                            GError             **error);
gboolean  sitrep_services_check_url        (const char          *url,
                                            const char          *what,
                                            GError             **error);
GStrv     sitrep_services_normalise_teams  (const char * const  *teams);
char     *sitrep_services_format_escalation (const char * const *teams);

G_END_DECLS

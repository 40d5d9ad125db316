/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-status.h: the incident lifecycle */

#pragma once

#include <glib.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

gboolean sitrep_status_can_transition (SitrepStatus from,
                                       SitrepStatus to);
gboolean sitrep_status_is_active      (SitrepStatus s);

G_END_DECLS

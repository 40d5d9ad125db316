/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_OVERDUE_BADGE (sitrep_overdue_badge_get_type ())

G_DECLARE_FINAL_TYPE (SitrepOverdueBadge, sitrep_overdue_badge, SITREP, OVERDUE_BADGE, GtkButton)

GtkWidget     *sitrep_overdue_badge_new         (void);
SitrepContext *sitrep_overdue_badge_get_context (SitrepOverdueBadge *self);
void           sitrep_overdue_badge_set_context (SitrepOverdueBadge *self,
                                                 SitrepContext      *context);
guint          sitrep_overdue_badge_get_count   (SitrepOverdueBadge *self);

G_END_DECLS

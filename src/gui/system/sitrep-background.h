/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SITREP_TYPE_BACKGROUND (sitrep_background_get_type ())

G_DECLARE_FINAL_TYPE (SitrepBackground, sitrep_background, SITREP, BACKGROUND, GObject)

SitrepBackground *sitrep_background_new         (GDBusConnection  *connection);
void              sitrep_background_request     (SitrepBackground *self);
gboolean          sitrep_background_get_denied  (SitrepBackground *self);
gboolean          sitrep_background_get_granted (SitrepBackground *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-record-object.h"

G_BEGIN_DECLS

#define SITREP_TYPE_TEMPLATE (sitrep_template_get_type ())

G_DECLARE_FINAL_TYPE (SitrepTemplate, sitrep_template, SITREP, TEMPLATE, SitrepRecordObject)

const char *sitrep_template_get_name (SitrepTemplate *self);
const char *sitrep_template_get_audience (SitrepTemplate *self);
const char *sitrep_template_get_title (SitrepTemplate *self);
const char *sitrep_template_get_text (SitrepTemplate *self);

G_END_DECLS

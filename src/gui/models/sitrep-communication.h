/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-record-object.h"

G_BEGIN_DECLS

#define SITREP_TYPE_COMMUNICATION (sitrep_communication_get_type ())

G_DECLARE_FINAL_TYPE (SitrepCommunication, sitrep_communication, SITREP, COMMUNICATION, SitrepRecordObject)

const char *sitrep_communication_get_audience (SitrepCommunication *self);
const char *sitrep_communication_get_title (SitrepCommunication *self);
const char *sitrep_communication_get_text (SitrepCommunication *self);
const char *sitrep_communication_get_sent_at (SitrepCommunication *self);
const char *sitrep_communication_get_sent_by (SitrepCommunication *self);

G_END_DECLS

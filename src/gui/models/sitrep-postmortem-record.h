/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "sitrep-record-object.h"

G_BEGIN_DECLS

#define SITREP_TYPE_POSTMORTEM_RECORD (sitrep_postmortem_record_get_type ())

G_DECLARE_FINAL_TYPE (SitrepPostmortemRecord, sitrep_postmortem_record, SITREP, POSTMORTEM_RECORD, SitrepRecordObject)

SitrepPostmortemRecord *sitrep_postmortem_record_new              (const char       *incident_id,
                                                      JsonObject       *body,
                                                      gint64            version);
void              sitrep_postmortem_record_set_record       (SitrepPostmortemRecord *self,
                                                      JsonObject       *body,
                                                      gint64            version);
gboolean          sitrep_postmortem_record_get_exists       (SitrepPostmortemRecord *self);
char             *sitrep_postmortem_record_dup_section      (SitrepPostmortemRecord *self,
                                                      const char       *field);
gboolean          sitrep_postmortem_record_get_pinned_only  (SitrepPostmortemRecord *self);
guint             sitrep_postmortem_record_get_n_whys       (SitrepPostmortemRecord *self);
void              sitrep_postmortem_record_get_why          (SitrepPostmortemRecord *self,
                                                      guint             index,
                                                      const char      **question,
                                                      const char      **answer);

G_END_DECLS

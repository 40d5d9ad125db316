/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_NOTIFIER (sitrep_notifier_get_type ())

G_DECLARE_FINAL_TYPE (SitrepNotifier, sitrep_notifier, SITREP, NOTIFIER, GObject)

SitrepNotifier *sitrep_notifier_new              (GApplication   *application,
                                                  SitrepContext  *context);
gboolean        sitrep_notifier_get_has_active   (SitrepNotifier *self);
void            sitrep_notifier_check            (SitrepNotifier *self);
void            sitrep_notifier_record_snooze    (SitrepNotifier *self,
                                                  const char     *incident_id,
                                                  SitrepAudience  audience);

char           *sitrep_deadline_target_new       (const char     *incident_id,
                                                  SitrepAudience  audience);
gboolean        sitrep_deadline_target_parse     (const char     *target,
                                                  char          **incident_id,
                                                  SitrepAudience *audience);

G_END_DECLS

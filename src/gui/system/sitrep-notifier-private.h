/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-deadlines.h"
#include "sitrep-notifier.h"

G_BEGIN_DECLS

/* What one deadline last put on screen, for tests: the text a user read. */
typedef struct
{
  SitrepAlertLevel  level;
  char             *summary;
  char             *body;
} SitrepNotice;

void          _sitrep_notice_free            (SitrepNotice       *notice);
void          _sitrep_notifier_check_at      (SitrepNotifier     *self,
                                              GDateTime          *now);
SitrepNotice *_sitrep_notifier_dup_notice    (SitrepNotifier     *self,
                                              const char         *incident_id,
                                              SitrepDeadlineKind  kind,
                                              SitrepAudience      audience);

/* sitrep-notifier-text.c */
char         *_sitrep_notifier_incident_name (SitrepIncident       *incident);
char         *_sitrep_notifier_describe_due  (const SitrepDeadline *d,
                                              SitrepAlertLevel      level,
                                              GDateTime            *now);
char         *_sitrep_notifier_describe_body (SitrepIncident       *incident,
                                              const SitrepDeadline *d,
                                              SitrepAlertLevel      level);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepNotice, _sitrep_notice_free)

G_END_DECLS

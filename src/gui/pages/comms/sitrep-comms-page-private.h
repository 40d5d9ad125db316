/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-comms-composer.h"
#include "sitrep-comms-page.h"
#include "sitrep-deadlines.h"
#include "sitrep-due-list.h"

G_BEGIN_DECLS

/* Shared by sitrep-comms-page.c (the object, its actions and refreshing)
 * and sitrep-comms-page-lists.c (the update clocks and what was sent). The
 * composer is a widget of its own, SitrepCommsComposer. */

#define N_AUDIENCES (SITREP_AUDIENCE_INTERNAL + 1)

struct _SitrepCommsPage
{
  SitrepIncidentPage   parent_instance;

  gboolean             templates_followed;
  gboolean             needs_reset;    /* a new incident, not yet shown */
  char                *history_key;    /* the sent records' ids, to skip needless rebuilds */

  GtkWidget           *scroller;
  SitrepDueList       *due_list;
  SitrepCommsComposer *composer;
  GtkWidget           *copy_button;
  GtkWidget           *send_button;
  GtkWidget           *publish_button;
  GtkListBox          *history_list;
};

static inline SitrepContext *
page_context (SitrepCommsPage *self)
{
  return sitrep_incident_page_get_context (SITREP_INCIDENT_PAGE (self));
}

static inline SitrepIncident *
page_incident (SitrepCommsPage *self)
{
  return sitrep_incident_page_get_incident (SITREP_INCIDENT_PAGE (self));
}

static inline SitrepWorkspace *
page_workspace (SitrepCommsPage *self)
{
  return sitrep_incident_page_get_workspace (SITREP_INCIDENT_PAGE (self));
}

/* sitrep-comms-page.c */
const char     *_sitrep_comms_page_incident_id        (SitrepCommsPage *self);
gboolean        _sitrep_comms_page_is_blank           (const char      *text);

/* sitrep-comms-page-lists.c */
gboolean        _sitrep_comms_page_is_communication   (SitrepDeadlineKind kind);
void            _sitrep_comms_page_refresh_due        (SitrepCommsPage *self);
void            _sitrep_comms_page_refresh_history    (SitrepCommsPage *self);

/* For tests, which drive the page's real widgets. */
GtkListBox   *_sitrep_comms_page_get_due_list     (SitrepCommsPage *self);
AdwComboRow  *_sitrep_comms_page_get_audience_row (SitrepCommsPage *self);
AdwComboRow  *_sitrep_comms_page_get_template_row (SitrepCommsPage *self);
AdwComboRow  *_sitrep_comms_page_get_status_row   (SitrepCommsPage *self);
AdwEntryRow  *_sitrep_comms_page_get_title_row    (SitrepCommsPage *self);
GtkTextView  *_sitrep_comms_page_get_body_view    (SitrepCommsPage *self);
AdwActionRow *_sitrep_comms_page_get_flag_row     (SitrepCommsPage *self);
GtkLabel     *_sitrep_comms_page_get_preview_body (SitrepCommsPage *self);
GtkWidget    *_sitrep_comms_page_get_send_button  (SitrepCommsPage *self);
GtkWidget    *_sitrep_comms_page_get_copy_button  (SitrepCommsPage *self);
GtkWidget    *_sitrep_comms_page_get_publish_button (SitrepCommsPage *self);
GtkListBox   *_sitrep_comms_page_get_history_list (SitrepCommsPage *self);
int           _sitrep_comms_page_find_template    (SitrepCommsPage *self,
                                                   const char      *builtin_key);
int           _sitrep_comms_page_find_status      (SitrepCommsPage *self,
                                                   SitrepStatus     status);

G_END_DECLS

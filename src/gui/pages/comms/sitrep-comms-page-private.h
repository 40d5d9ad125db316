/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-comms-page.h"
#include "sitrep-deadlines.h"

G_BEGIN_DECLS

/* Shared by sitrep-comms-page.c (the object, its actions and refreshing),
 * sitrep-comms-page-composer.c (templates, statuses, filling and checking
 * the text) and sitrep-comms-page-lists.c (the update clocks and what was
 * sent). */

#define N_AUDIENCES (SITREP_AUDIENCE_INTERNAL + 1)

struct _SitrepCommsPage
{
  SitrepIncidentPage parent_instance;

  gboolean        templates_followed;
  gboolean        updating;       /* the combos are being changed from code */
  gboolean        needs_reset;    /* a new incident, not yet shown */

  GtkStringList  *template_model;
  GPtrArray      *templates;      /* SitrepTemplate, as in template_model; NULL is "Blank" */
  GtkStringList  *status_model;
  GArray         *statuses;       /* SitrepStatus, as in status_model */
  GArray         *due_keys;       /* guint, kind × N_AUDIENCES + audience, as in due_list */
  char           *history_key;    /* the sent records' ids, to skip needless rebuilds */

  /* What the last fill put into the editors: anything else is the user's. */
  char           *filled_title;
  char           *filled_body;
  char           *undo_title;
  char           *undo_body;
  AdwToast       *undo_toast;     /* weak */
  GPtrArray      *flags;          /* char *, what needs filling in */

  GtkWidget      *scroller;
  GtkListBox     *due_list;
  AdwComboRow    *audience_row;
  AdwComboRow    *template_row;
  AdwComboRow    *status_row;
  AdwEntryRow    *title_row;
  GtkTextView    *body_view;
  GtkWidget      *flag_list;
  AdwActionRow   *flag_row;
  GtkLabel       *preview_placeholder;
  GtkLabel       *preview_title;
  GtkLabel       *preview_body;
  GtkWidget      *copy_button;
  GtkWidget      *send_button;
  GtkListBox     *history_list;
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
void            _sitrep_comms_page_template_unref     (gpointer         template);

/* sitrep-comms-page-composer.c */
SitrepAudience  _sitrep_comms_page_current_audience   (SitrepCommsPage *self);
SitrepRecordObject *_sitrep_comms_page_current_template   (SitrepCommsPage *self);
SitrepStatus    _sitrep_comms_page_current_status     (SitrepCommsPage *self);
char           *_sitrep_comms_page_dup_body_text      (SitrepCommsPage *self);
const char     *_sitrep_comms_page_get_title_text     (SitrepCommsPage *self);
void            _sitrep_comms_page_set_editors        (SitrepCommsPage *self,
                                                       const char      *title,
                                                       const char      *body);
gboolean        _sitrep_comms_page_is_dirty           (SitrepCommsPage *self);
void            _sitrep_comms_page_rebuild_templates  (SitrepCommsPage *self,
                                                       gboolean         first_match);
void            _sitrep_comms_page_fill_from_template (SitrepCommsPage *self);
void            _sitrep_comms_page_rebuild_statuses   (SitrepCommsPage *self);
void            _sitrep_comms_page_update_check       (SitrepCommsPage *self);
void            _sitrep_comms_page_select_first_flag  (SitrepCommsPage *self);

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
GtkListBox   *_sitrep_comms_page_get_history_list (SitrepCommsPage *self);
int           _sitrep_comms_page_find_template    (SitrepCommsPage *self,
                                                   const char      *builtin_key);
int           _sitrep_comms_page_find_status      (SitrepCommsPage *self,
                                                   SitrepStatus     status);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-capture.h"
#include "sitrep-timeline-page.h"
#include "sitrep-timeline-row.h"

G_BEGIN_DECLS

/* Shared by sitrep-timeline-page.c (the object, scrolling, filter, capture
 * and actions) and sitrep-timeline-page-rows.c (the rows and what they ask). */
/* The scribe's editor: a virtualised list of one incident's timeline and a
 * capture entry that is always at hand. Built for typing fast: Enter adds,
 * a leading time backdates, a prefix or Ctrl+1…9 picks the kind; entries
 * from elsewhere slide in without taking the cursor or the scroll away. */
struct _SitrepTimelinePage
{
  SitrepIncidentPage   parent_instance;

  SitrepRecordList    *model;         /* the workspace's timeline */
  GtkFilterListModel  *filtered;
  GtkCustomFilter     *filter;
  GtkSingleSelection  *selection;
  GHashTable          *rows;          /* entry id → bound row */
  GHashTable          *drafts;        /* entry id → GStrv typed in a recycled row */
  SitrepTimelineEntry *deleted;       /* the last deletion, for undo */
  gboolean             follow_end;
  guint                scroll_idle_id;
  char                *scroll_to_id;
  GSettings           *settings;      /* the zone typed times are read in */
  gboolean             local_primary; /* rows show that zone's clock first */
  AdwMessageDialog    *ask_dialog;    /* asking about a typed time (weak) */
  SitrepWorkspace     *asked_workspace;
  SitrepCapture        asked;         /* the line the dialog asks about, read */
  AdwToast            *undo_toast;    /* the offer to undo a deletion (weak) */

  GtkDropDown         *filter_kind;
  GtkToggleButton     *filter_pinned;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  GtkScrolledWindow   *scroller;
  GtkListView         *list_view;
  AdwStatusPage       *empty_page;
  GtkDropDown         *capture_kind;
  GtkEntry            *capture_entry;
  GtkLabel            *command_hint;  /* a /incident command's completions and effect */
  gboolean             command_failed;
  SitrepContext       *watched_context; /* weak: whose page outcomes the rows show */
};

static inline SitrepContext *
page_context (SitrepTimelinePage *self)
{
  return sitrep_incident_page_get_context (SITREP_INCIDENT_PAGE (self));
}

static inline SitrepIncident *
page_incident (SitrepTimelinePage *self)
{
  return sitrep_incident_page_get_incident (SITREP_INCIDENT_PAGE (self));
}

static inline SitrepWorkspace *
page_workspace (SitrepTimelinePage *self)
{
  return sitrep_incident_page_get_workspace (SITREP_INCIDENT_PAGE (self));
}

/* sitrep-timeline-page.c */
void _sitrep_timeline_page_queue_scroll (SitrepTimelinePage       *self);

/* A line starting with "/" is a command: sitrep-timeline-page-commands.c */
void     _sitrep_timeline_page_init_commands  (SitrepTimelinePage       *self);
void     _sitrep_timeline_page_update_command (SitrepTimelinePage       *self);
void     _sitrep_timeline_page_watch_pages    (SitrepTimelinePage       *self);
gboolean _sitrep_timeline_page_run_command    (SitrepTimelinePage       *self);
void     _sitrep_timeline_page_bind_detail    (SitrepTimelinePage       *self,
                                               SitrepTimelineRow        *row,
                                               SitrepTimelineEntry      *entry);

/* sitrep-timeline-page-rows.c */
void _sitrep_timeline_page_init_factory (SitrepTimelinePage       *self,
                                         GtkSignalListItemFactory *factory);
void _sitrep_timeline_page_toggle_pin   (SitrepTimelinePage       *self,
                                         SitrepTimelineEntry      *entry);
void _sitrep_timeline_page_delete_entry (SitrepTimelinePage       *self,
                                         SitrepTimelineEntry      *entry);
void _sitrep_timeline_page_show_history (SitrepTimelinePage       *self,
                                         SitrepTimelineEntry      *entry);
void _sitrep_timeline_page_undo_delete  (SitrepTimelinePage       *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-postmortem-page.h"

G_BEGIN_DECLS

/* The sections a person writes, in the order of the page. */
typedef enum {
  SITREP_PM_SUMMARY,
  SITREP_PM_ROOT_CAUSE,
  SITREP_PM_WHYS_PROBLEM,
  SITREP_PM_WHYS,
  SITREP_PM_WHYS_ROOT_CAUSE,
  SITREP_PM_FACTORS,
  SITREP_PM_WENT_WELL,
  SITREP_PM_WENT_POORLY,
  SITREP_PM_LESSONS,
  SITREP_PM_N_SECTIONS
} SitrepPmSection;

typedef enum {
  SECTION_TEXT,    /* a GtkTextView, stored as a string */
  SECTION_LIST,    /* a GtkTextView, one item a line, stored as an array */
  SECTION_LINE,    /* an AdwEntryRow, stored as a string */
  SECTION_WHYS,    /* the why rows, stored as {question, answer} objects */
} SectionKind;

/* One section's editor and what it last matched in the record: a change
 * that arrives while the editor holds unsaved text is not shown over it,
 * and the save is checked against what the editor started from. */
typedef struct
{
  SitrepPostmortemPage *page;
  const char           *field;
  SectionKind           kind;
  GtkWidget            *widget;      /* NULL for the whys */
  GtkWidget            *notice;      /* (nullable) "someone else changed it" */
  char                 *saved_key;   /* the editor's value as JSON when it matched */
  JsonNode             *opened;      /* the record's value then */
  gint64                opened_version;
  guint                 save_id;
  gboolean              loading;
} Section;

struct _SitrepPostmortemPage
{
  SitrepIncidentPage  parent_instance;

  SitrepWorkspace    *workspace;     /* the one the editors write to */
  Section             sections[SITREP_PM_N_SECTIONS];
  GPtrArray          *why_rows;      /* AdwEntryRow, in order */
  GtkFilter          *pinned_filter;
  GtkFilterListModel *timeline_model;
  GtkFileChooserNative *chooser;
  gboolean            loading_switch;

  GtkWidget          *scroller;
  GtkLabel           *heading_label;
  AdwEntryRow        *summary_row;
  AdwActionRow       *date_row;
  AdwActionRow       *duration_row;
  AdwActionRow       *severity_row;
  AdwActionRow       *services_row;
  AdwActionRow       *impact_row;
  GtkSwitch          *pinned_switch;
  GtkColumnView      *timeline_view;
  GtkWidget          *timeline_empty_label;
  GtkWidget          *blameless_box;
  AdwPreferencesGroup *root_cause_group;
  GtkTextView        *root_cause_view;
  GtkListBox         *whys_list;
  AdwEntryRow        *problem_row;
  AdwEntryRow        *root_row;
  AdwPreferencesGroup *factors_group;
  GtkTextView        *factors_view;
  AdwPreferencesGroup *went_well_group;
  GtkTextView        *went_well_view;
  AdwPreferencesGroup *went_poorly_group;
  GtkTextView        *went_poorly_view;
  GtkWidget          *action_items_slot;
  GtkWidget          *action_items;      /* SitrepActionItemsGroup, made with the context */
  AdwPreferencesGroup *lessons_group;
  GtkTextView        *lessons_view;
};

/* Sections: sitrep-postmortem-page-sections.c */
void        _sitrep_postmortem_page_init_sections  (SitrepPostmortemPage *self);
void        _sitrep_postmortem_page_clear_sections (SitrepPostmortemPage *self);
void        _sitrep_postmortem_page_load_sections  (SitrepPostmortemPage *self,
                                                    gboolean              reset);
void        _sitrep_postmortem_page_add_why        (SitrepPostmortemPage *self);

/* For tests: save what is typed now, and the editors. */
void        _sitrep_postmortem_page_save_now       (SitrepPostmortemPage *self);
GtkWidget  *_sitrep_postmortem_page_get_editor     (SitrepPostmortemPage *self,
                                                    SitrepPmSection       section);
GPtrArray  *_sitrep_postmortem_page_get_why_rows   (SitrepPostmortemPage *self);
GListModel *_sitrep_postmortem_page_get_timeline_model (SitrepPostmortemPage *self);
GtkWidget  *_sitrep_postmortem_page_get_notice     (SitrepPostmortemPage *self,
                                                    SitrepPmSection       section);
GtkSwitch  *_sitrep_postmortem_page_get_pinned_switch (SitrepPostmortemPage *self);
GtkWidget  *_sitrep_postmortem_page_get_action_items (SitrepPostmortemPage *self);
AdwActionRow *_sitrep_postmortem_page_get_summary_row (SitrepPostmortemPage *self,
                                                     guint                 n);

G_END_DECLS

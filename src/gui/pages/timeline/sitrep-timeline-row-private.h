/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sitrep-timeline-row.h"

G_BEGIN_DECLS

/* The row's drawn view (sitrep-timeline-row-view.c) and what it and the
 * row (sitrep-timeline-row.c) ask of each other. */
#define SITREP_TYPE_TIMELINE_ROW_VIEW (sitrep_timeline_row_view_get_type ())
G_DECLARE_FINAL_TYPE (SitrepTimelineRowView, sitrep_timeline_row_view, SITREP, TIMELINE_ROW_VIEW, GtkWidget)

struct _SitrepTimelineRowView
{
  GtkWidget          parent_instance;

  SitrepTimelineRow *row;            /* not owned */
  GtkWidget         *chip;
  GtkWidget         *pin_button;     /* NULL until hovered, focused or selected */
  GtkWidget         *menu_button;

  PangoLayout       *time_layout;
  PangoLayout       *text_layout;
  char              *time_text;      /* what the time block says, plain */
  char              *text_text;
  int                text_width;     /* the width text_layout wraps at, in px */
  gboolean           pinned;
};

/* sitrep-timeline-row-view.c */
int   _sitrep_timeline_view_text_x (SitrepTimelineRowView *self);
void  _sitrep_timeline_row_view_ensure_buttons (SitrepTimelineRowView *self);
void  _sitrep_timeline_row_view_set_pinned (SitrepTimelineRowView *self,
                                            gboolean pinned);
void  _sitrep_timeline_row_view_set_markup (SitrepTimelineRowView *self,
                                            const char *time_markup,
                                            const char *text_markup);

/* sitrep-timeline-row.c */
void  _sitrep_timeline_row_pin_toggled (SitrepTimelineRow *self);
void  _sitrep_timeline_row_create_menu (GtkMenuButton *button,
                                        gpointer data);
int   _sitrep_timeline_chip_width (GtkWidget *unused);

G_END_DECLS

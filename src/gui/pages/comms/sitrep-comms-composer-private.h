/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-comms-composer.h"

G_BEGIN_DECLS

/* Shared by sitrep-comms-composer.c (the object, statuses and checking)
 * and sitrep-comms-composer-templates.c (choosing and filling templates). */

#define N_AUDIENCES (SITREP_AUDIENCE_INTERNAL + 1)

struct _SitrepCommsComposer
{
  GtkWidget       parent_instance;

  SitrepContext  *context;
  SitrepIncident *incident;
  gboolean        updating;       /* the combos are being changed from code */

  GtkStringList  *template_model;
  GPtrArray      *templates;      /* SitrepTemplate, as in template_model; NULL is "Blank" */
  GtkStringList  *status_model;
  GArray         *statuses;       /* SitrepStatus, as in status_model */

  /* What the last fill put into the editors: anything else is the user's. */
  char           *filled_title;
  char           *filled_body;
  char           *undo_title;
  char           *undo_body;
  AdwToast       *undo_toast;     /* weak */
  GPtrArray      *flags;          /* char *, what needs filling in */

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
};

gboolean _sitrep_comms_composer_is_blank (const char *text);

void _sitrep_comms_composer_template_unref (gpointer template);

G_END_DECLS

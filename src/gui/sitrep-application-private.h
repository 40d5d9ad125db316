/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-application.h"
#include "sitrep-context.h"
#include "sitrep-background.h"
#include "sitrep-notifier.h"
#include "sitrep-window.h"

G_BEGIN_DECLS

struct _SitrepApplication
{
  AdwApplication  parent_instance;

  char           *data_dir;
  gboolean        demo;
  char           *demo_id;
  SitrepContext  *context;
  GSettings      *settings;
  GtkWidget      *conflict_dialog;
  gint64          conflict_shown;
  GHashTable     *conflicts_put_off;   /* ids the user answered "Later" or is editing */
  guint           conflicts_idle_id;
  guint           load_all_id;
  SitrepNotifier *notifier;
  gboolean        held;
  GError         *open_error;         /* why the database could not be opened */
  GtkWidget      *database_dialog;
  int             exit_status;
  gboolean        wall;               /* start with the wall view */
  gboolean        new_incident;       /* start with the declare dialog */
  SitrepBackground *background;       /* the Background portal, while held */
  GCancellable   *check_cancellable;  /* the database's page check, after the first frame */
  gulong          window_added_id;    /* waits for the first window to check the database */
  guint           check_id;
};

/* sitrep-application.c */
SitrepWindow *_sitrep_application_new_window  (SitrepApplication *self);
void _sitrep_application_show_database_dialog (SitrepApplication *self);
void _sitrep_application_stop_context         (SitrepApplication *self);

/* sitrep-application-actions.c */
void _sitrep_application_add_actions          (SitrepApplication *self);

/* sitrep-application-conflicts.c */
void _sitrep_application_settle_conflicts     (GSimpleAction     *action,
                                               GVariant          *parameter,
                                               gpointer           user_data);
void _sitrep_application_on_conflicts_changed (SitrepApplication *self);

/* sitrep-application-database.c */
void _sitrep_application_on_window_added      (SitrepApplication *self,
                                               GtkWindow         *window);

G_END_DECLS

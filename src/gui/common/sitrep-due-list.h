/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SITREP_TYPE_DUE_LIST (sitrep_due_list_get_type ())

G_DECLARE_FINAL_TYPE (SitrepDueList, sitrep_due_list, SITREP, DUE_LIST, GtkWidget)

GtkWidget  *sitrep_due_list_new              (gboolean       updates_only);
gboolean    sitrep_due_list_get_updates_only (SitrepDueList *self);
void        sitrep_due_list_show             (SitrepDueList *self,
                                              const char    *incident_id,
                                              GPtrArray     *deadlines,
                                              GDateTime     *now);

/* For tests, which read the real rows. */
GtkListBox *_sitrep_due_list_get_list_box    (SitrepDueList *self);
guint       _sitrep_due_list_get_n_shown     (SitrepDueList *self);

G_END_DECLS

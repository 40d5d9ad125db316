/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-workspace.h"

G_BEGIN_DECLS

/* Loads a list the first time it is asked for. */
typedef GPtrArray *(*SitrepWorkspaceLoader) (const char *coll,
                                             const char *incident_id,
                                             gpointer    user_data);

SitrepWorkspace *_sitrep_workspace_new           (GObject               *context,
                                                  const char            *incident_id,
                                                  SitrepWorkspaceLoader  loader,
                                                  gpointer               loader_data);
void             _sitrep_workspace_set_incident  (SitrepWorkspace       *self,
                                                  SitrepIncident        *incident);
void             _sitrep_workspace_set_overrides (SitrepWorkspace       *self,
                                                  const gint64          *cadence_s,
                                                  const gint64          *respond_s);
gboolean         _sitrep_workspace_apply         (SitrepWorkspace       *self,
                                                  const char            *coll,
                                                  const char            *id,
                                                  JsonObject            *body,
                                                  gint64                 version);
GObject         *_sitrep_workspace_get_context   (SitrepWorkspace       *self);
GListModel      *_sitrep_workspace_get_list      (SitrepWorkspace       *self,
                                                  const char            *coll,
                                                  gboolean               load);
void             _sitrep_workspace_emit_changed  (SitrepWorkspace       *self,
                                                  const char            *coll);
gboolean         _sitrep_workspace_apply_postmortem (SitrepWorkspace     *self,
                                                    const char          *id,
                                                    JsonObject          *body,
                                                    gint64               version);

/* sitrep-workspace-obligations.c */
void             _sitrep_workspace_fill_obligations (SitrepWorkspace     *self,
                                                     SitrepDeadlineInput *in);

G_END_DECLS

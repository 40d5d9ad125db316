/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sitrep-checklist-task.h"
#include "sitrep-communication.h"
#include "sitrep-deadlines.h"
#include "sitrep-incident.h"
#include "sitrep-incident-rules.h"
#include "sitrep-postmortem-record.h"
#include "sitrep-role-assignment.h"
#include "sitrep-timeline-entry.h"

G_BEGIN_DECLS

#define SITREP_TYPE_WORKSPACE (sitrep_workspace_get_type ())

G_DECLARE_FINAL_TYPE (SitrepWorkspace, sitrep_workspace, SITREP, WORKSPACE, GObject)

const char     *sitrep_workspace_get_incident_id     (SitrepWorkspace *self);
SitrepIncident *sitrep_workspace_get_incident        (SitrepWorkspace *self);
GListModel     *sitrep_workspace_get_timeline        (SitrepWorkspace *self);
GListModel     *sitrep_workspace_get_roles           (SitrepWorkspace *self);
GListModel     *sitrep_workspace_get_checklist       (SitrepWorkspace *self);
GListModel     *sitrep_workspace_get_communications  (SitrepWorkspace *self);
GPtrArray      *sitrep_workspace_dup_deadlines       (SitrepWorkspace *self);

/* Action items (the guide's improvement items): sitrep-workspace-action-items.c */
GListModel     *sitrep_workspace_get_action_items       (SitrepWorkspace     *self);
char           *sitrep_workspace_add_action_item        (SitrepWorkspace     *self,
                                                         const char          *description,
                                                         SitrepActionType     type,
                                                         const char          *owner,
                                                         const char          *due_date,
                                                         GError             **error);
gboolean        sitrep_workspace_edit_action_item       (SitrepWorkspace     *self,
                                                         const char          *item_id,
                                                         JsonObject          *fields,
                                                         GError             **error);
gboolean        sitrep_workspace_set_action_item_status (SitrepWorkspace     *self,
                                                         const char          *item_id,
                                                         SitrepActionStatus   status,
                                                         GError             **error);
gboolean        sitrep_workspace_delete_action_item     (SitrepWorkspace     *self,
                                                         const char          *item_id,
                                                         GError             **error);

/* Reading the roles: sitrep-workspace.c */
char           *sitrep_workspace_dup_role_person     (SitrepWorkspace *self,
                                                      SitrepRole       role);
gboolean        sitrep_workspace_role_is_shown       (SitrepWorkspace *self,
                                                      SitrepRole       role);
GArray         *sitrep_workspace_missing_roles       (SitrepWorkspace *self);
GPtrArray      *sitrep_workspace_checklist_ticks     (SitrepWorkspace     *self,
                                                      const SitrepRuleEnv *env,
                                                      int                  assigned,
                                                      const char          *acknowledged_at);

/* Changing the incident: sitrep-workspace-actions.c */
gboolean        sitrep_workspace_update_incident     (SitrepWorkspace    *self,
                                                      JsonObject         *fields,
                                                      GError            **error);
gboolean        sitrep_workspace_set_status          (SitrepWorkspace    *self,
                                                      SitrepStatus        status,
                                                      GError            **error);
gboolean        sitrep_workspace_set_severity        (SitrepWorkspace    *self,
                                                      SitrepSeverity      severity,
                                                      GError            **error);
gboolean        sitrep_workspace_set_milestone       (SitrepWorkspace    *self,
                                                      SitrepMilestone     milestone,
                                                      GDateTime          *when,
                                                      GError            **error);
gboolean        sitrep_workspace_set_major           (SitrepWorkspace    *self,
                                                      gboolean            major,
                                                      GError            **error);
gboolean        sitrep_workspace_assign_role         (SitrepWorkspace    *self,
                                                      SitrepRole          role,
                                                      const char         *person,
                                                      GError            **error);
char           *sitrep_workspace_handover_briefing   (SitrepWorkspace    *self);
gboolean        sitrep_workspace_set_checklist_done  (SitrepWorkspace    *self,
                                                      const char         *item_id,
                                                      gboolean            done,
                                                      GError            **error);
char           *sitrep_workspace_add_checklist_item  (SitrepWorkspace    *self,
                                                      SitrepPhase         phase,
                                                      const char         *text,
                                                      GError            **error);
char           *sitrep_workspace_add_timeline_entry  (SitrepWorkspace    *self,
                                                      GDateTime          *occurred_at,
                                                      SitrepTimelineKind  kind,
                                                      const char         *text,
                                                      GError            **error);
gboolean        sitrep_workspace_edit_timeline_entry (SitrepWorkspace    *self,
                                                      const char         *entry_id,
                                                      JsonObject         *fields,
                                                      GError            **error);
gboolean        sitrep_workspace_edit_timeline_entry_from (SitrepWorkspace *self,
                                                           const char      *entry_id,
                                                           JsonObject      *fields,
                                                           JsonObject      *opened,
                                                           gint64           opened_version,
                                                           GError         **error);
GHashTable     *sitrep_workspace_template_values     (SitrepWorkspace    *self);
char           *sitrep_workspace_send_communication  (SitrepWorkspace    *self,
                                                      SitrepAudience      audience,
                                                      const char         *template_id,
                                                      SitrepStatus        new_status,
                                                      const char         *title,
                                                      const char         *body,
                                                      GError            **error);
gboolean        sitrep_workspace_snooze              (SitrepWorkspace    *self,
                                                      SitrepAudience      audience,
                                                      guint               minutes,
                                                      const char         *reason,
                                                      GError            **error);

/* The postmortem: sitrep-workspace-postmortem.c */
SitrepPostmortemRecord *sitrep_workspace_get_postmortem      (SitrepWorkspace  *self);
gboolean        sitrep_workspace_edit_postmortem     (SitrepWorkspace    *self,
                                                      JsonObject         *fields,
                                                      JsonObject         *opened,
                                                      gint64              opened_version,
                                                      GError            **error);
char           *sitrep_workspace_dup_postmortem_markdown (SitrepWorkspace *self);

/* Obligations after resolution: sitrep-workspace-obligations.c */
gboolean        sitrep_workspace_mark_obligation_done (SitrepWorkspace    *self,
                                                       SitrepDeadlineKind  kind,
                                                       GError            **error);
gboolean        sitrep_workspace_unmark_obligation_done (SitrepWorkspace    *self,
                                                         SitrepDeadlineKind  kind,
                                                         GError            **error);

G_END_DECLS

G_BEGIN_DECLS

/* Status page publishing: sitrep-workspace-publishing.c */
char           *sitrep_workspace_publish_communication (SitrepWorkspace  *self,
                                                        const char       *template_id,
                                                        SitrepStatus      new_status,
                                                        const char       *title,
                                                        const char       *body,
                                                        GError          **error);
gboolean        sitrep_workspace_may_approve           (SitrepWorkspace  *self);
gboolean        sitrep_workspace_approve_communication (SitrepWorkspace  *self,
                                                        const char       *communication_id,
                                                        GError          **error);

G_END_DECLS

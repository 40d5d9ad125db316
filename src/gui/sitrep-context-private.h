/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-context-store.h"
#include "sitrep-incident-rules.h"

G_BEGIN_DECLS

/* What the windows talk to: it owns the store, the sync engine and the
 * clock, keeps the models (sitrep-context-models.c) and opens a workspace
 * per incident; what the user does becomes mutations here, so no widget
 * writes a record itself. */
struct _SitrepContext
{
  GObject             parent_instance;

  char               *data_dir;
  char               *user;
  SitrepStore        *store;
  SitrepSyncEngine   *engine;
  char               *server_url;
  char               *server_token;
  SitrepRecordList   *incidents;
  gboolean            incidents_partial;
  GHashTable         *incidents_changed_meanwhile;   /* ids, while reading the rest */
  GCancellable       *cancellable;                   /* what runs in the background */
  GHashTable         *workspaces;  /* incident id → SitrepWorkspace, weak */
  SitrepClock        *clock;
  SitrepRecordList   *templates;   /* loaded when first asked for */
  SitrepRecordList   *action_items; /* every incident's; loaded when first asked for */
  gint64              cadence_s[SITREP_SEVERITY_P4 + 1];
  gint64              respond_s[SITREP_SEVERITY_P4 + 1];
  /* After resolution: sitrep-context-obligations.c */
  gint64              postmortem_s;
  GHashTable         *owing;       /* ids of the incidents still owing, once asked */
  /* The service catalogue: sitrep-context-services.c */
  SitrepRecordList   *services;    /* loaded when first asked for */
  /* The database's page check after the window: sitrep-context-database.c */
  gboolean            database_damaged;
};

SitrepContext  *_sitrep_context_open               (const char          *data_dir,
                                                   guint                n_first,
                                                   gboolean             unchecked,
                                                   GError             **error);

/* What a workspace asks of the context to change its incident: the public
 * face of these is SitrepWorkspace. */
char           *sitrep_context_dup_role_person    (SitrepContext       *self,
                                                   const char          *incident_id,
                                                   SitrepRole           role);
gboolean        sitrep_context_assign_role        (SitrepContext       *self,
                                                   const char          *incident_id,
                                                   SitrepRole           role,
                                                   const char          *person,
                                                   GError             **error);
GArray         *sitrep_context_missing_roles      (SitrepContext       *self,
                                                   const char          *incident_id);
gboolean        sitrep_context_role_is_shown      (SitrepContext       *self,
                                                   const char          *incident_id,
                                                   SitrepRole           role);
char           *sitrep_context_handover_briefing  (SitrepContext       *self,
                                                   const char          *incident_id);
gboolean        sitrep_context_set_checklist_done (SitrepContext       *self,
                                                   const char          *item_id,
                                                   gboolean             done,
                                                   GError             **error);
char           *sitrep_context_add_checklist_item (SitrepContext       *self,
                                                   const char          *incident_id,
                                                   SitrepPhase          phase,
                                                   const char          *text,
                                                   GError             **error);
char           *sitrep_context_add_timeline_entry (SitrepContext       *self,
                                                   const char          *incident_id,
                                                   GDateTime           *occurred_at,
                                                   SitrepTimelineKind   kind,
                                                   const char          *text,
                                                   GError             **error);
gboolean        sitrep_context_edit_timeline_entry (SitrepContext      *self,
                                                   const char          *entry_id,
                                                   JsonObject          *fields,
                                                   GError             **error);
char           *_sitrep_context_normalise_handle (const char  *person,
                                                  GError     **error);
gboolean        sitrep_context_edit_timeline_entry_from (SitrepContext  *self,
                                                        const char     *entry_id,
                                                        JsonObject     *fields,
                                                        JsonObject     *opened,
                                                        gint64          opened_version,
                                                        GError        **error);
GHashTable     *sitrep_context_template_values     (SitrepContext       *self,
                                                    const char          *incident_id);
char           *sitrep_context_send_communication  (SitrepContext       *self,
                                                    const char          *incident_id,
                                                    SitrepAudience       audience,
                                                    const char          *template_id,
                                                    SitrepStatus         new_status,
                                                    const char          *title,
                                                    const char          *body,
                                                    GError             **error);
char           *_sitrep_context_send_communication_with (SitrepContext   *self,
                                                         const char      *incident_id,
                                                         SitrepAudience   audience,
                                                         const char      *template_id,
                                                         SitrepStatus     new_status,
                                                         const char      *title,
                                                         const char      *body,
                                                         JsonObject      *extra,
                                                         GError         **error);
gboolean        sitrep_context_snooze              (SitrepContext       *self,
                                                    const char          *incident_id,
                                                    SitrepAudience       audience,
                                                    guint                minutes,
                                                    const char          *reason,
                                                    GError             **error);
GPtrArray      *sitrep_context_compute_deadlines   (SitrepContext       *self,
                                                    const char          *incident_id);
gboolean        sitrep_context_set_major          (SitrepContext       *self,
                                                   const char          *incident_id,
                                                   gboolean             major,
                                                   GError             **error);
gboolean        sitrep_context_set_status         (SitrepContext    *self,
                                                   const char       *id,
                                                   SitrepStatus      status,
                                                   GError          **error);
gboolean        sitrep_context_set_severity       (SitrepContext    *self,
                                                   const char       *id,
                                                   SitrepSeverity    severity,
                                                   GError          **error);
gboolean        sitrep_context_set_milestone      (SitrepContext    *self,
                                                   const char       *id,
                                                   SitrepMilestone   milestone,
                                                   GDateTime        *when,
                                                   GError          **error);
gboolean        sitrep_context_update_incident    (SitrepContext    *self,
                                                   const char       *id,
                                                   JsonObject       *fields,
                                                   GError          **error);

SitrepMutation *_sitrep_context_timeline_put      (const char          *incident_id,
                                                   const char          *occurred_at,
                                                   SitrepTimelineKind   kind,
                                                   const char          *text,
                                                   const char          *author);
gboolean        _sitrep_context_patch_with_entry  (SitrepContext       *self,
                                                   const char          *id,
                                                   JsonObject          *fields,
                                                   SitrepTimelineKind   kind,
                                                   const char          *text,
                                                   GError             **error);
void            _sitrep_context_rule_env          (SitrepContext       *self,
                                                   SitrepRuleEnv       *env);
gboolean        _sitrep_context_apply_rule        (SitrepContext       *self,
                                                   GPtrArray           *mutations,
                                                   const GError        *rule_error,
                                                   GError             **error);
SitrepIncident *_sitrep_context_require_incident  (SitrepContext       *self,
                                                   const char          *id,
                                                   GError             **error);

void            _sitrep_context_get_clock_overrides (SitrepContext      *self,
                                                     gint64             *cadence_s,
                                                     gint64             *respond_s);

/* Action items: sitrep-context-action-items.c */
void            _sitrep_context_apply_action_item   (SitrepContext      *self,
                                                     const char         *coll,
                                                     const char         *id,
                                                     JsonObject         *body,
                                                     gint64              version);

/* The models: sitrep-context-models.c */
void            _sitrep_context_workspace_gone      (gpointer            data,
                                                     GObject            *where_the_object_was);
gboolean        _sitrep_context_load_incidents      (SitrepContext      *self,
                                                     guint               n_first,
                                                     GError            **error);
void            _sitrep_context_on_store_changed    (SitrepContext      *self,
                                                     GPtrArray          *changes);
void            _sitrep_context_emit_record_changed (SitrepContext      *self,
                                                     const char         *coll);
void            _sitrep_context_emit_changed        (SitrepContext      *self,
                                                     guint               n_records);
GPtrArray      *_sitrep_context_records_of          (GListModel         *list);

/* The service catalogue: sitrep-context-services.c */
void            _sitrep_context_apply_service     (SitrepContext       *self,
                                                   const char          *id,
                                                   JsonObject          *body,
                                                   gint64               version);

/* After resolution: sitrep-context-obligations.c */
gint64          _sitrep_context_get_postmortem_s  (SitrepContext       *self);
void            _sitrep_context_fill_obligations  (SitrepContext       *self,
                                                   SitrepIncident      *incident,
                                                   SitrepDeadlineInput *in);
void            _sitrep_context_follow_obligations (SitrepContext      *self,
                                                    const char         *id,
                                                    JsonObject         *body);

G_END_DECLS

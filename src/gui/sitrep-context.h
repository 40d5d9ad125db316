/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sitrep-capture.h"
#include "sitrep-clock.h"
#include "sitrep-deadlines.h"
#include "sitrep-field-change.h"
#include "sitrep-incident-rules.h"
#include "sitrep-incident.h"
#include "sitrep-metrics.h"
#include "sitrep-page-request.h"
#include "sitrep-record-list.h"
#include "sitrep-refused-edit.h"
#include "sitrep-service.h"
#include "sitrep-template.h"
#include "sitrep-types.h"
#include "sitrep-workspace.h"

G_BEGIN_DECLS

/* What widgets see: models, the clock, the user and the server settings,
 * and a workspace per incident. The store and the sync engine stay behind
 * it (sitrep-context-store.h is for the context's own files and tests). */

/**
 * SitrepConnection:
 * @SITREP_CONNECTION_OFFLINE: the server cannot be reached (or none is set)
 * @SITREP_CONNECTION_CONNECTING: reaching it
 * @SITREP_CONNECTION_ONLINE: in step with it
 * @SITREP_CONNECTION_UNAUTHORIZED: it refuses the token
 *
 * How the context stands with the team server, as the header shows it.
 */
typedef enum
{
  SITREP_CONNECTION_OFFLINE,
  SITREP_CONNECTION_CONNECTING,
  SITREP_CONNECTION_ONLINE,
  SITREP_CONNECTION_UNAUTHORIZED,
} SitrepConnection;

#define SITREP_TYPE_CONTEXT (sitrep_context_get_type ())

G_DECLARE_FINAL_TYPE (SitrepContext, sitrep_context, SITREP, CONTEXT, GObject)

SitrepContext  *sitrep_context_new_first          (const char       *data_dir,
                                                   guint             n_first,
                                                   GError          **error);
void            sitrep_context_load_all_incidents (SitrepContext    *self);
/* The database's page check after the window is up: sitrep-context-database.c */
SitrepContext  *sitrep_context_new_first_unchecked (const char      *data_dir,
                                                   guint             n_first,
                                                   GError          **error);
void            sitrep_context_check_database_async (SitrepContext       *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        sitrep_context_check_database_finish (SitrepContext  *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);
gboolean        sitrep_context_get_database_damaged (SitrepContext   *self);
void            sitrep_context_load_rest_of_incidents (SitrepContext *self);
gboolean        sitrep_context_get_incidents_complete (SitrepContext *self);
SitrepContext  *sitrep_context_new                (const char       *data_dir,
                                                   GError          **error);
const char     *sitrep_context_get_data_dir       (SitrepContext    *self);
const char     *sitrep_context_get_user           (SitrepContext    *self);
void            sitrep_context_set_user           (SitrepContext    *self,
                                                   const char       *user);
GListModel     *sitrep_context_get_incidents      (SitrepContext    *self);
SitrepIncident *sitrep_context_lookup_incident    (SitrepContext    *self,
                                                   const char       *id);
guint           sitrep_context_get_pending        (SitrepContext    *self);
SitrepConnection sitrep_context_get_connection    (SitrepContext    *self);
gboolean        sitrep_context_get_can_edit       (SitrepContext    *self);
GPtrArray      *sitrep_context_dup_refused_edits  (SitrepContext    *self);
gboolean        sitrep_context_settle_refused_edit (SitrepContext           *self,
                                                    const SitrepRefusedEdit *edit,
                                                    JsonObject              *body,
                                                    GError                 **error);
const char     *sitrep_context_get_sync_error     (SitrepContext    *self);
void            sitrep_context_test_server_async  (SitrepContext    *self,
                                                   const char       *url,
                                                   const char       *token,
                                                   GCancellable     *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer          user_data);
gboolean        sitrep_context_test_server_finish (SitrepContext    *self,
                                                   GAsyncResult     *result,
                                                   GError          **error);
gboolean        sitrep_context_restore            (SitrepContext    *self,
                                                   SitrepRecordObject *record,
                                                   GError          **error);
GPtrArray      *sitrep_context_dup_history        (SitrepContext    *self,
                                                   const char       *coll,
                                                   const char       *id);
const char     *sitrep_context_get_server_url     (SitrepContext    *self);
const char     *sitrep_context_get_server_token   (SitrepContext    *self);
void            sitrep_context_set_server         (SitrepContext    *self,
                                                   const char       *url,
                                                   const char       *token);
GHashTable     *sitrep_context_search             (SitrepContext    *self,
                                                   const char       *query,
                                                   GError          **error);

char           *sitrep_context_declare_incident   (SitrepContext    *self,
                                                   const char       *title,
                                                   const char       *services,
                                                   const char       *customer_impact,
                                                   SitrepSeverity    severity,
                                                   GError          **error);
SitrepWorkspace *sitrep_context_open_workspace    (SitrepContext    *self,
                                                   const char       *incident_id);
SitrepClock    *sitrep_context_get_clock          (SitrepContext    *self);
GListModel     *sitrep_context_get_templates      (SitrepContext    *self);
char           *sitrep_context_add_demo           (SitrepContext    *self,
                                                   GError          **error);

G_END_DECLS

G_BEGIN_DECLS

/* Roles, checklist and timeline: sitrep-context-workspace.c */
GStrv           sitrep_context_list_handles       (SitrepContext       *self);

gboolean        sitrep_context_delete_record      (SitrepContext       *self,
                                                   const char          *coll,
                                                   const char          *id,
                                                   GError             **error);

G_END_DECLS

G_BEGIN_DECLS

/* Communications, templates and update clocks: sitrep-context-comms.c */
void            sitrep_context_set_clock_overrides (SitrepContext       *self,
                                                    const gint64        *cadence_s,
                                                    const gint64        *respond_s);

G_END_DECLS

G_BEGIN_DECLS

/* Template editing: sitrep-context-comms.c */
char           *sitrep_context_save_template        (SitrepContext       *self,
                                                     const char          *template_id,
                                                     const char          *name,
                                                     SitrepAudience       audience,
                                                     const char          *title,
                                                     const char          *body,
                                                     GError             **error);
gboolean        sitrep_context_delete_template      (SitrepContext       *self,
                                                     const char          *template_id,
                                                     GError             **error);
GPtrArray      *sitrep_context_unknown_placeholders (const char          *text);

G_END_DECLS

G_BEGIN_DECLS

/* Typed times, in the zone chosen in Preferences: sitrep-context-time.c */

/**
 * SitrepTimeInput:
 * @SITREP_TIME_INPUT_LOCAL: typed times are in the computer's local zone
 * @SITREP_TIME_INPUT_UTC: typed times are in UTC
 *
 * The values of the `time-input-zone` setting.
 */
typedef enum
{
  SITREP_TIME_INPUT_LOCAL,
  SITREP_TIME_INPUT_UTC,
} SitrepTimeInput;

gboolean        sitrep_context_get_input_in_utc     (SitrepContext       *self);
GTimeZone      *sitrep_context_dup_input_zone       (SitrepContext       *self);
char           *sitrep_context_dup_input_zone_name  (SitrepContext       *self,
                                                     GDateTime           *at);
char           *sitrep_context_format_input_time    (SitrepContext       *self,
                                                     GDateTime           *when,
                                                     gboolean             with_date);
GDateTime      *sitrep_context_get_incident_start   (SitrepIncident      *incident);
GDateTime      *sitrep_context_parse_time_input     (SitrepContext       *self,
                                                     const char          *text,
                                                     SitrepIncident      *incident,
                                                     SitrepCaptureCheck  *check,
                                                     GError             **error);
gboolean        sitrep_context_parse_capture        (SitrepContext       *self,
                                                     const char          *input,
                                                     SitrepIncident      *incident,
                                                     SitrepTimelineKind   default_kind,
                                                     SitrepCapture       *capture,
                                                     SitrepCaptureCheck  *check,
                                                     GError             **error);

G_BEGIN_DECLS

/* The major incident criteria's inputs: sitrep-context-major.c */
GStrv               sitrep_context_dup_critical_services (SitrepContext  *self);
guint               sitrep_context_count_teams           (SitrepContext  *self,
                                                          SitrepIncident *incident);
SitrepMajorCriteria sitrep_context_major_criteria        (SitrepContext  *self,
                                                          SitrepIncident *incident,
                                                          GDateTime      *now,
                                                          char          **critical_named);

/* Obligations after resolution: sitrep-context-obligations.c */
void            sitrep_context_set_postmortem_due   (SitrepContext       *self,
                                                     gint64               seconds);
gboolean        sitrep_context_incident_owes        (SitrepContext       *self,
                                                     SitrepIncident      *incident);
gboolean        sitrep_context_mark_obligation_done (SitrepContext       *self,
                                                     const char          *incident_id,
                                                     SitrepDeadlineKind   kind,
                                                     GError             **error);
gboolean        sitrep_context_unmark_obligation_done (SitrepContext     *self,
                                                       const char        *incident_id,
                                                       SitrepDeadlineKind kind,
                                                       GError           **error);

G_END_DECLS

G_BEGIN_DECLS

/* Action items across incidents: sitrep-context-action-items.c */
GListModel     *sitrep_context_get_action_items      (SitrepContext       *self);
guint           sitrep_context_count_my_overdue      (SitrepContext       *self,
                                                      GDateTime           *now);
char           *sitrep_context_add_action_item       (SitrepContext       *self,
                                                      const char          *incident_id,
                                                      const char          *description,
                                                      SitrepActionType     type,
                                                      const char          *owner,
                                                      const char          *due_date,
                                                      GError             **error);
gboolean        sitrep_context_edit_action_item      (SitrepContext       *self,
                                                      const char          *item_id,
                                                      JsonObject          *fields,
                                                      GError             **error);
gboolean        sitrep_context_set_action_item_status (SitrepContext      *self,
                                                      const char          *item_id,
                                                      SitrepActionStatus   status,
                                                      GError             **error);

G_END_DECLS

G_BEGIN_DECLS

/* Reports: sitrep-context-reports.c */
typedef struct
{
  SitrepMetrics *metrics;
  SitrepMetrics *previous;
  char          *markdown;
  char          *csv;
} SitrepContextReport;

void                 sitrep_context_report_free            (SitrepContextReport *report);
void                 sitrep_context_compute_report_async   (SitrepContext       *self,
                                                            const SitrepPeriod  *period,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
SitrepContextReport *sitrep_context_compute_report_finish  (SitrepContext       *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepContextReport, sitrep_context_report_free)

G_END_DECLS

G_BEGIN_DECLS

/* The service catalogue: sitrep-context-services.c */
GListModel     *sitrep_context_get_services         (SitrepContext       *self);
SitrepService  *sitrep_context_lookup_service       (SitrepContext       *self,
                                                     const char          *name);
gboolean        sitrep_context_save_service         (SitrepContext       *self,
                                                     const char          *name,
                                                     const char          *owner_team,
                                                     gboolean             critical,
                                                     const char          *runbook_url,
                                                     const char          *dashboard_url,
                                                     const char * const  *escalation,
                                                     gboolean             is_new,
                                                     GError             **error);
gboolean        sitrep_context_delete_service       (SitrepContext       *self,
                                                     const char          *name,
                                                     GError             **error);
GPtrArray      *sitrep_context_dup_refused_services (SitrepContext       *self);

/* Status page publishing: sitrep-context-publishing.c */
gboolean        sitrep_context_get_publish_needs_approval (SitrepContext *self);
char           *sitrep_context_publish_communication (SitrepContext      *self,
                                                      const char         *incident_id,
                                                      const char         *template_id,
                                                      SitrepStatus        new_status,
                                                      const char         *title,
                                                      const char         *body,
                                                      GError            **error);
gboolean        sitrep_context_may_approve          (SitrepContext       *self,
                                                     const char          *incident_id);
gboolean        sitrep_context_approve_communication (SitrepContext      *self,
                                                      const char         *communication_id,
                                                      GError            **error);

G_END_DECLS

G_BEGIN_DECLS

/* Paging a team: sitrep-context-pages.c */
char              *sitrep_context_request_page   (SitrepContext  *self,
                                                  const char     *incident_id,
                                                  const char     *team,
                                                  const char     *message,
                                                  GError        **error);
GStrv              sitrep_context_dup_team_names (SitrepContext  *self);
GPtrArray         *sitrep_context_dup_pages      (SitrepContext  *self,
                                                  const char     *incident_id);
SitrepPageRequest *sitrep_context_lookup_page    (SitrepContext  *self,
                                                  const char     *page_id);

G_END_DECLS

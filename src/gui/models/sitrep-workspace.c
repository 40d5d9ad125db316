/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-workspace"

#include "config.h"

#include <string.h>

#include "sitrep-action-item.h"
#include "sitrep-communication.h"
#include "sitrep-checklist-task.h"
#include "sitrep-deadlines.h"
#include "sitrep-enum-strings.h"
#include "sitrep-incident-rules.h"
#include "sitrep-json.h"
#include "sitrep-record-list.h"
#include "sitrep-role-assignment.h"
#include "sitrep-time.h"
#include "sitrep-timeline-entry.h"
#include "sitrep-workspace-private.h"

/* One open incident: its record and the lists its pages show (timeline,
 * roles, checklist, updates sent), each loaded when first asked for and
 * kept up to date by the context from the store's commits. Every page and
 * window showing the incident shares one workspace. ::changed tells them,
 * once per committed record, which collection moved. */

typedef enum {
  LIST_TIMELINE,
  LIST_ROLES,
  LIST_CHECKLIST,
  LIST_COMMUNICATIONS,
  LIST_ACTION_ITEMS,
  N_LISTS
} ListKind;

static const char *const list_colls[N_LISTS] = {
  "timeline", "roles", "checklist", "communications", "action_items",
};

struct _SitrepWorkspace
{
  GObject                parent_instance;

  GObject               *context;      /* weak: the context outlives its views */
  char                  *incident_id;
  SitrepIncident        *incident;
  SitrepRecordList      *lists[N_LISTS];
  SitrepWorkspaceLoader  loader;
  gpointer               loader_data;
  gint64                 cadence_s[SITREP_SEVERITY_P4 + 1];
  gint64                 respond_s[SITREP_SEVERITY_P4 + 1];
};

G_DEFINE_FINAL_TYPE (SitrepWorkspace, sitrep_workspace, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INCIDENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sitrep_workspace_dispose (GObject *object)
{
  SitrepWorkspace *self = SITREP_WORKSPACE (object);

  for (guint i = 0; i < N_LISTS; i++)
    g_clear_object (&self->lists[i]);
  g_clear_object (&self->incident);
  if (self->context != NULL)
    g_object_remove_weak_pointer (self->context, (gpointer *) &self->context);
  self->context = NULL;

  G_OBJECT_CLASS (sitrep_workspace_parent_class)->dispose (object);
}

static void
sitrep_workspace_finalize (GObject *object)
{
  SitrepWorkspace *self = SITREP_WORKSPACE (object);

  g_free (self->incident_id);

  G_OBJECT_CLASS (sitrep_workspace_parent_class)->finalize (object);
}

static void
sitrep_workspace_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SitrepWorkspace *self = SITREP_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_INCIDENT:
      g_value_set_object (value, self->incident);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_workspace_class_init (SitrepWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_workspace_dispose;
  object_class->finalize = sitrep_workspace_finalize;
  object_class->get_property = sitrep_workspace_get_property;

  /**
   * SitrepWorkspace:incident:
   *
   * The incident, %NULL once it was deleted.
   */
  properties[PROP_INCIDENT] =
    g_param_spec_object ("incident", NULL, NULL, SITREP_TYPE_INCIDENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepWorkspace::changed:
   * @coll: the collection of the record that changed ("incidents" for the
   *   incident itself)
   *
   * A committed change touched this incident; the lists and the incident
   * already show it.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
sitrep_workspace_init (SitrepWorkspace *self)
{
}

static gboolean
belongs (SitrepRecordObject *item,
         gpointer            data)
{
  SitrepWorkspace *self = data;

  return g_strcmp0 (sitrep_record_object_get_incident_id (item), self->incident_id) == 0;
}

static int
compare_timeline (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  return sitrep_timeline_entry_compare ((SitrepTimelineEntry *) a, (SitrepTimelineEntry *) b);
}

static int
compare_roles (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  SitrepRole ra = 0, rb = 0;

  sitrep_role_from_string (sitrep_role_assignment_get_role ((SitrepRoleAssignment *) a), &ra);
  sitrep_role_from_string (sitrep_role_assignment_get_role ((SitrepRoleAssignment *) b), &rb);
  if (ra != rb)
    return (int) ra - (int) rb;

  return g_strcmp0 (sitrep_record_object_get_id ((SitrepRecordObject *) a),
                    sitrep_record_object_get_id ((SitrepRecordObject *) b));
}

static int
phase_order (SitrepChecklistTask *task)
{
  SitrepPhase phase = SITREP_PHASE_INITIAL;

  sitrep_phase_from_string (sitrep_checklist_task_get_phase (task), &phase);
  return (int) phase;
}

/* By phase, then position: the order of the checklist page. */
static int
compare_checklist (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  SitrepChecklistTask *ta = (SitrepChecklistTask *) a;
  SitrepChecklistTask *tb = (SitrepChecklistTask *) b;
  gint64 pa, pb;

  if (phase_order (ta) != phase_order (tb))
    return phase_order (ta) - phase_order (tb);

  pa = sitrep_checklist_task_get_position (ta);
  pb = sitrep_checklist_task_get_position (tb);
  if (pa != pb)
    return pa < pb ? -1 : 1;

  return g_strcmp0 (sitrep_record_object_get_id ((SitrepRecordObject *) a),
                    sitrep_record_object_get_id ((SitrepRecordObject *) b));
}

/* Newest first. */
static int
compare_sent_desc (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  g_autoptr(GDateTime) ta = sitrep_time_parse (sitrep_communication_get_sent_at ((SitrepCommunication *) a));
  g_autoptr(GDateTime) tb = sitrep_time_parse (sitrep_communication_get_sent_at ((SitrepCommunication *) b));

  if (ta == NULL || tb == NULL)
    {
      if (ta != tb)
        return ta == NULL ? 1 : -1;
    }
  else if (g_date_time_compare (tb, ta) != 0)
    return g_date_time_compare (tb, ta);

  return g_strcmp0 (sitrep_record_object_get_id ((SitrepRecordObject *) a),
                    sitrep_record_object_get_id ((SitrepRecordObject *) b));
}

/* Soonest due first (sitrep-workspace-action-items.c). */
static int
compare_action_items (gconstpointer a,
                      gconstpointer b,
                      gpointer      data)
{
  return sitrep_action_item_compare ((SitrepActionItem *) a, (SitrepActionItem *) b);
}

static const GCompareDataFunc list_sorts[N_LISTS] = {
  compare_timeline, compare_roles, compare_checklist, compare_sent_desc, compare_action_items,
};

/**
 * _sitrep_workspace_new:
 * @loader: reads a list's records when it is first asked for
 *
 * Returns: (transfer full): the workspace of @incident_id
 */
SitrepWorkspace *
_sitrep_workspace_new (GObject               *context,
                       const char            *incident_id,
                       SitrepWorkspaceLoader  loader,
                       gpointer               loader_data)
{
  SitrepWorkspace *self = g_object_new (SITREP_TYPE_WORKSPACE, NULL);

  self->context = context;
  if (context != NULL)
    g_object_add_weak_pointer (context, (gpointer *) &self->context);
  self->incident_id = g_strdup (incident_id);
  self->loader = loader;
  self->loader_data = loader_data;

  return self;
}

static SitrepRecordList *
ensure_list (SitrepWorkspace *self,
             ListKind         kind)
{
  g_autoptr(GPtrArray) items = NULL;

  if (self->lists[kind] != NULL)
    return self->lists[kind];

  self->lists[kind] = sitrep_record_list_new (list_colls[kind], list_sorts[kind], NULL, NULL);
  sitrep_record_list_set_filter (self->lists[kind], belongs, self, NULL);
  if (self->loader != NULL)
    items = self->loader (list_colls[kind], self->incident_id, self->loader_data);
  sitrep_record_list_reset (self->lists[kind], items);

  return self->lists[kind];
}

/* Returns: (transfer none) (nullable): the list of @coll, loaded if it
 * was not yet and @load says so; %NULL if it was not and does not */
GListModel *
_sitrep_workspace_get_list (SitrepWorkspace *self,
                            const char      *coll,
                            gboolean         load)
{
  for (guint i = 0; i < N_LISTS; i++)
    if (g_str_equal (coll, list_colls[i]))
      return load || self->lists[i] != NULL ? G_LIST_MODEL (ensure_list (self, i)) : NULL;

  g_return_val_if_reached (NULL);
}

void
_sitrep_workspace_set_incident (SitrepWorkspace *self,
                                SitrepIncident  *incident)
{
  if (g_set_object (&self->incident, incident))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT]);
}

void
_sitrep_workspace_set_overrides (SitrepWorkspace *self,
                                 const gint64    *cadence_s,
                                 const gint64    *respond_s)
{
  memcpy (self->cadence_s, cadence_s, sizeof self->cadence_s);
  memcpy (self->respond_s, respond_s, sizeof self->respond_s);
}

/**
 * _sitrep_workspace_apply:
 * @body: (nullable): the body after the commit, %NULL when deleted
 *
 * Follows one committed change of a record that is not an incident; the
 * lists not loaded yet will read it when they are.
 *
 * Returns: whether the change touched this incident
 */
gboolean
_sitrep_workspace_apply (SitrepWorkspace *self,
                         const char      *coll,
                         const char      *id,
                         JsonObject      *body,
                         gint64           version)
{
  if (g_str_equal (coll, "postmortems"))
    return _sitrep_workspace_apply_postmortem (self, id, body, version);

  for (guint i = 0; i < N_LISTS; i++)
    {
      if (!g_str_equal (coll, list_colls[i]))
        continue;

      if (self->lists[i] != NULL)
        return sitrep_record_list_apply (self->lists[i], id, body, version);

      return body != NULL &&
             g_strcmp0 (sitrep_json_get_string (body, "incident_id"), self->incident_id) == 0;
    }

  return FALSE;
}

/* Returns: (transfer none) (nullable): the context that writes for it */
GObject *
_sitrep_workspace_get_context (SitrepWorkspace *self)
{
  return self->context;
}

void
_sitrep_workspace_emit_changed (SitrepWorkspace *self,
                                const char      *coll)
{
  g_signal_emit (self, signals[CHANGED], 0, coll);
}

const char *
sitrep_workspace_get_incident_id (SitrepWorkspace *self)
{
  g_return_val_if_fail (SITREP_IS_WORKSPACE (self), NULL);

  return self->incident_id;
}

/**
 * sitrep_workspace_get_incident:
 *
 * Returns: (transfer none) (nullable): the incident, %NULL once deleted
 */
SitrepIncident *
sitrep_workspace_get_incident (SitrepWorkspace *self)
{
  g_return_val_if_fail (SITREP_IS_WORKSPACE (self), NULL);

  return self->incident;
}

/**
 * sitrep_workspace_get_timeline:
 *
 * Returns: (transfer none): the #SitrepTimelineEntry list, oldest first
 */
GListModel *
sitrep_workspace_get_timeline (SitrepWorkspace *self)
{
  g_return_val_if_fail (SITREP_IS_WORKSPACE (self), NULL);

  return G_LIST_MODEL (ensure_list (self, LIST_TIMELINE));
}

/**
 * sitrep_workspace_get_roles:
 *
 * Returns: (transfer none): the #SitrepRoleAssignment list, in role order
 */
GListModel *
sitrep_workspace_get_roles (SitrepWorkspace *self)
{
  g_return_val_if_fail (SITREP_IS_WORKSPACE (self), NULL);

  return G_LIST_MODEL (ensure_list (self, LIST_ROLES));
}

/**
 * sitrep_workspace_get_checklist:
 *
 * Returns: (transfer none): the #SitrepChecklistTask list, by phase and
 *   position
 */
GListModel *
sitrep_workspace_get_checklist (SitrepWorkspace *self)
{
  g_return_val_if_fail (SITREP_IS_WORKSPACE (self), NULL);

  return G_LIST_MODEL (ensure_list (self, LIST_CHECKLIST));
}

/**
 * sitrep_workspace_get_communications:
 *
 * Returns: (transfer none): the #SitrepCommunication list, newest first
 */
GListModel *
sitrep_workspace_get_communications (SitrepWorkspace *self)
{
  g_return_val_if_fail (SITREP_IS_WORKSPACE (self), NULL);

  return G_LIST_MODEL (ensure_list (self, LIST_COMMUNICATIONS));
}

static void
fill_input (SitrepWorkspace     *self,
            SitrepDeadlineInput *in)
{
  SitrepIncident *incident = self->incident;
  GListModel *sent = sitrep_workspace_get_communications (self);
  JsonNode *snoozes = json_object_get_member (sitrep_incident_get_body (incident), "snoozes");
  guint n = g_list_model_get_n_items (sent);

  memset (in, 0, sizeof *in);
  in->severity = sitrep_incident_get_severity (incident);
  in->status = sitrep_incident_get_status (incident);
  in->major = sitrep_incident_get_major (incident);
#define MILESTONE(field, m) \
  if (sitrep_incident_get_milestone (incident, m) != NULL) \
    in->field = g_date_time_ref (sitrep_incident_get_milestone (incident, m));
  MILESTONE (declared_at, SITREP_MILESTONE_DECLARED)
  MILESTONE (acknowledged_at, SITREP_MILESTONE_ACKNOWLEDGED)
  MILESTONE (resolved_at, SITREP_MILESTONE_RESOLVED)
#undef MILESTONE

  /* Newest first: the first one seen per audience is its last sent. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SitrepCommunication) communication = g_list_model_get_item (sent, i);
      SitrepAudience audience;
      GDateTime *at;

      if (!sitrep_audience_from_string (sitrep_communication_get_audience (communication),
                                        &audience) ||
          in->last_sent[audience] != NULL ||
          (at = sitrep_time_parse (sitrep_communication_get_sent_at (communication))) == NULL)
        continue;
      in->last_sent[audience] = at;
    }

  if (snoozes != NULL && JSON_NODE_HOLDS_OBJECT (snoozes))
    for (SitrepAudience a = SITREP_AUDIENCE_STATUS_PAGE; a <= SITREP_AUDIENCE_INTERNAL; a++)
      in->snoozed_until[a] =
        sitrep_time_parse (sitrep_json_get_string (json_node_get_object (snoozes),
                                                   sitrep_audience_to_string (a)));

  memcpy (in->cadence_s, self->cadence_s, sizeof in->cadence_s);
  memcpy (in->respond_s, self->respond_s, sizeof in->respond_s);
  _sitrep_workspace_fill_obligations (self, in);
}

/**
 * sitrep_workspace_dup_deadlines:
 *
 * Returns: (transfer full) (element-type SitrepDeadline): the incident's
 *   update clocks and other deadlines, soonest first
 */
GPtrArray *
sitrep_workspace_dup_deadlines (SitrepWorkspace *self)
{
  g_auto(SitrepDeadlineInput) in = { 0 };

  g_return_val_if_fail (SITREP_IS_WORKSPACE (self), NULL);

  if (self->incident == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_deadline_free);

  fill_input (self, &in);
  return sitrep_deadlines_compute (&in);
}

static const SitrepRole core_roles[] = {
  SITREP_ROLE_COMMANDER, SITREP_ROLE_COMMUNICATIONS, SITREP_ROLE_OPERATIONS, SITREP_ROLE_SCRIBE,
};
static const SitrepRole major_roles[] = {
  SITREP_ROLE_DEPUTY_COMMANDER, SITREP_ROLE_PLANNING, SITREP_ROLE_CUSTOMER_LIAISON,
};

/**
 * sitrep_workspace_dup_role_person:
 *
 * Returns: (transfer full) (nullable): who holds @role, %NULL when nobody
 */
char *
sitrep_workspace_dup_role_person (SitrepWorkspace *self,
                                  SitrepRole       role)
{
  g_autofree char *id = NULL;
  SitrepRecordObject *record;
  const char *person;

  g_return_val_if_fail (SITREP_IS_WORKSPACE (self), NULL);

  id = g_strdup_printf ("%s:%s", self->incident_id, sitrep_role_to_string (role));
  record = sitrep_record_list_lookup (ensure_list (self, LIST_ROLES), id);
  if (record == NULL)
    return NULL;

  person = sitrep_role_assignment_get_person (SITREP_ROLE_ASSIGNMENT (record));
  return person[0] != '\0' ? g_strdup (person) : NULL;
}

/**
 * sitrep_workspace_role_is_shown:
 *
 * The four ICS roles always; the major-incident roles when the incident is
 * major or someone holds them.
 */
gboolean
sitrep_workspace_role_is_shown (SitrepWorkspace *self,
                                SitrepRole       role)
{
  g_autofree char *person = NULL;

  g_return_val_if_fail (SITREP_IS_WORKSPACE (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (core_roles); i++)
    if (core_roles[i] == role)
      return TRUE;

  if (self->incident != NULL && sitrep_incident_get_major (self->incident))
    return TRUE;

  person = sitrep_workspace_dup_role_person (self, role);
  return person != NULL;
}

/**
 * sitrep_workspace_missing_roles:
 *
 * Returns: (transfer full) (element-type SitrepRole): the roles the
 *   incident's severity needs and nobody holds: IC, Communications,
 *   Operations and Scribe for P1 and P2, and the major-incident roles when
 *   it is major
 */
GArray *
sitrep_workspace_missing_roles (SitrepWorkspace *self)
{
  GArray *missing = g_array_new (FALSE, FALSE, sizeof (SitrepRole));
  SitrepSeverity severity;

  g_return_val_if_fail (SITREP_IS_WORKSPACE (self), missing);

  if (self->incident == NULL || !sitrep_incident_is_active (self->incident))
    return missing;

  severity = sitrep_incident_get_severity (self->incident);
  if (severity == SITREP_SEVERITY_P1 || severity == SITREP_SEVERITY_P2)
    for (guint i = 0; i < G_N_ELEMENTS (core_roles); i++)
      {
        g_autofree char *person = sitrep_workspace_dup_role_person (self, core_roles[i]);

        if (person == NULL)
          g_array_append_val (missing, core_roles[i]);
      }

  if (sitrep_incident_get_major (self->incident))
    for (guint i = 0; i < G_N_ELEMENTS (major_roles); i++)
      {
        g_autofree char *person = sitrep_workspace_dup_role_person (self, major_roles[i]);

        if (person == NULL)
          g_array_append_val (missing, major_roles[i]);
      }

  return missing;
}

/**
 * sitrep_workspace_checklist_ticks:
 * @env: who makes the change and when
 * @assigned: the role the change gives to someone, or -1
 * @acknowledged_at: (nullable): the acknowledgement time the change
 *   records, as sitrep_time_format() writes it
 *
 * The checklist ticks a role assignment or an acknowledgement completes
 * (sitrep_incident_rules_checklist_ticks()), from the incident's checklist
 * and roles as the workspace has them, to apply with the change.
 *
 * Returns: (transfer full) (element-type SitrepMutation): the patches,
 *   none when nothing is completed
 */
GPtrArray *
sitrep_workspace_checklist_ticks (SitrepWorkspace     *self,
                                  const SitrepRuleEnv *env,
                                  int                  assigned,
                                  const char          *acknowledged_at)
{
  GListModel *checklist;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) done = g_ptr_array_new ();
  guint held = 0;

  g_return_val_if_fail (SITREP_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (env != NULL, NULL);

  checklist = sitrep_workspace_get_checklist (self);
  for (guint i = 0; i < g_list_model_get_n_items (checklist); i++)
    {
      g_autoptr(SitrepChecklistTask) task = g_list_model_get_item (checklist, i);
      const char *id = sitrep_record_object_get_id (SITREP_RECORD_OBJECT (task));

      /* The list holds a reference to each task, so the ids outlive this loop. */
      g_ptr_array_add (ids, (gpointer) id);
      if (sitrep_checklist_task_get_done (task))
        g_ptr_array_add (done, (gpointer) id);
    }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (done, NULL);

  for (int role = SITREP_ROLE_COMMANDER; role <= SITREP_ROLE_CUSTOMER_LIAISON; role++)
    {
      g_autofree char *person = sitrep_workspace_dup_role_person (self, role);

      if (person != NULL)
        held |= 1u << role;
    }

  return sitrep_incident_rules_checklist_ticks (env, self->incident_id,
                                                (const char * const *) ids->pdata,
                                                (const char * const *) done->pdata,
                                                assigned, held, acknowledged_at);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sitrep-enum-strings.h"
#include "sitrep-incident.h"
#include "sitrep-json.h"
#include "sitrep-status.h"
#include "sitrep-templates.h"
#include "sitrep-time.h"

/* An incident as the views show it: its fields as properties, with its
 * sort keys parsed once per change rather than per comparison. A freshly
 * loaded incident keeps its body as text, its sort keys read by the store,
 * so listing 100,000 incidents parses none of them; the body and the
 * milestones are parsed when first asked for. */
struct _SitrepIncident
{
  SitrepRecordObject  parent_instance;

  SitrepSeverity      severity;
  SitrepStatus        status;
  gboolean            has_declared;
  gint64              declared_usec;   /* the sort key, in UTC */
  gboolean            milestones_read;
  GDateTime          *milestones[SITREP_MILESTONE_CLOSED + 1];
};

G_DEFINE_FINAL_TYPE (SitrepIncident, sitrep_incident, SITREP_TYPE_RECORD_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_REF,
  PROP_SEVERITY,
  PROP_STATUS,
  PROP_SERVICES,
  PROP_CUSTOMER_IMPACT,
  PROP_MAJOR,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_milestones (SitrepIncident *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->milestones); i++)
    g_clear_pointer (&self->milestones[i], g_date_time_unref);
  self->milestones_read = FALSE;
}

static void
sitrep_incident_finalize (GObject *object)
{
  SitrepIncident *self = SITREP_INCIDENT (object);

  clear_milestones (self);

  G_OBJECT_CLASS (sitrep_incident_parent_class)->finalize (object);
}

static void
sitrep_incident_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SitrepIncident *self = SITREP_INCIDENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, sitrep_incident_get_title (self));
      break;

    case PROP_REF:
      g_value_set_string (value, sitrep_incident_get_ref (self));
      break;

    case PROP_SEVERITY:
      g_value_set_int (value, self->severity);
      break;

    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;

    case PROP_SERVICES:
      g_value_take_string (value, sitrep_incident_dup_services (self));
      break;

    case PROP_CUSTOMER_IMPACT:
      g_value_set_string (value, sitrep_incident_get_customer_impact (self));
      break;

    case PROP_MAJOR:
      g_value_set_boolean (value, sitrep_incident_get_major (self));
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, sitrep_incident_is_active (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The sort keys, from the body's text values. */
static void
set_keys (SitrepIncident *self,
          const char     *severity,
          const char     *status,
          const char     *declared_at)
{
  g_autoptr(GDateTime) declared = declared_at ? sitrep_time_parse (declared_at) : NULL;

  self->severity = sitrep_severity_from_string (severity);
  self->status = sitrep_status_from_string (status);
  if (self->status == SITREP_STATUS_INVALID)
    self->status = SITREP_STATUS_INVESTIGATING;

  self->has_declared = declared != NULL;
  self->declared_usec = declared != NULL
                        ? g_date_time_to_unix (declared) * G_USEC_PER_SEC +
                          g_date_time_get_microsecond (declared)
                        : 0;
}

static void
sitrep_incident_body_changed (SitrepRecordObject *object,
                              JsonObject         *body)
{
  SitrepIncident *self = SITREP_INCIDENT (object);

  set_keys (self,
            sitrep_json_get_string (body, "severity"),
            sitrep_json_get_string (body, "status"),
            sitrep_json_get_string (body,
                                    sitrep_milestone_to_field (SITREP_MILESTONE_DECLARED)));
  clear_milestones (self);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_TITLE; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  SITREP_RECORD_OBJECT_CLASS (sitrep_incident_parent_class)->body_changed (object, body);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
sitrep_incident_class_init (SitrepIncidentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SitrepRecordObjectClass *record_class = SITREP_RECORD_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_incident_finalize;
  object_class->get_property = sitrep_incident_get_property;
  record_class->body_changed = sitrep_incident_body_changed;

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, RO);
  /**
   * SitrepIncident:ref:
   *
   * The server-assigned `INC-YYYY-NNN`, %NULL until synced.
   */
  properties[PROP_REF] = g_param_spec_string ("ref", NULL, NULL, NULL, RO);
  /**
   * SitrepIncident:severity:
   *
   * A #SitrepSeverity.
   */
  properties[PROP_SEVERITY] =
    g_param_spec_int ("severity", NULL, NULL, G_MININT, G_MAXINT, SITREP_SEVERITY_NONE, RO);
  /**
   * SitrepIncident:status:
   *
   * A #SitrepStatus.
   */
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, G_MININT, G_MAXINT, SITREP_STATUS_INVESTIGATING, RO);
  /**
   * SitrepIncident:services:
   *
   * The affected services joined with ", ".
   */
  properties[PROP_SERVICES] = g_param_spec_string ("services", NULL, NULL, NULL, RO);
  properties[PROP_CUSTOMER_IMPACT] =
    g_param_spec_string ("customer-impact", NULL, NULL, NULL, RO);
  properties[PROP_MAJOR] = g_param_spec_boolean ("major", NULL, NULL, FALSE, RO);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, TRUE, RO);
#undef RO

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_incident_init (SitrepIncident *self)
{
  self->status = SITREP_STATUS_INVESTIGATING;
}

/**
 * sitrep_incident_new:
 *
 * Returns: (transfer full): an incident over @body
 */
SitrepIncident *
sitrep_incident_new (const char *id,
                     JsonObject *body)
{
  return SITREP_INCIDENT (sitrep_record_object_new ("incidents", id, body, 0));
}

/**
 * sitrep_incident_new_unparsed:
 * @body_text: (transfer full): the body as JSON text
 * @severity: (nullable): the body's severity, read by the store
 * @status: (nullable): its status, likewise
 * @declared_at: (nullable): when it was declared, likewise
 * @version: the server version of the body
 *
 * An incident whose body is parsed only when something first reads a field
 * other than its sort keys.
 *
 * Returns: (transfer full): the incident
 */
SitrepIncident *
sitrep_incident_new_unparsed (const char *id,
                              char       *body_text,
                              const char *severity,
                              const char *status,
                              const char *declared_at,
                              gint64      version)
{
  SitrepIncident *self = SITREP_INCIDENT (sitrep_record_object_new ("incidents", id, NULL,
                                                                    version));

  sitrep_record_object_set_body_text (SITREP_RECORD_OBJECT (self), body_text, NULL);
  set_keys (self, severity, status, declared_at);

  return self;
}

/**
 * sitrep_incident_is_parsed:
 *
 * Returns: whether the body has been parsed (rather than kept as text)
 */
gboolean
sitrep_incident_is_parsed (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), FALSE);

  return sitrep_record_object_is_parsed (SITREP_RECORD_OBJECT (self));
}

JsonObject *
sitrep_incident_get_body (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return sitrep_record_object_get_body (SITREP_RECORD_OBJECT (self));
}

const char *
sitrep_incident_get_id (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return sitrep_record_object_get_id (SITREP_RECORD_OBJECT (self));
}

/**
 * sitrep_incident_get_ref:
 *
 * Returns: (nullable): the server-assigned `INC-YYYY-NNN`, %NULL until synced
 */
const char *
sitrep_incident_get_ref (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  return sitrep_json_get_string (sitrep_incident_get_body (self), "ref");
}

/**
 * sitrep_incident_dup_display_ref:
 *
 * The reference to show: the server's, or until there is one (and always,
 * for an incident that never leaves this machine) the provisional one
 * templates use, so that the incident reads the same in the window, the
 * sidebar and an update sent about it.
 *
 * Returns: (transfer full): the reference
 */
char *
sitrep_incident_dup_display_ref (SitrepIncident *self)
{
  const char *ref;

  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  ref = sitrep_incident_get_ref (self);
  if (ref != NULL && ref[0] != '\0')
    return g_strdup (ref);
  return sitrep_template_provisional_ref (sitrep_record_object_get_id (SITREP_RECORD_OBJECT (self)));
}

const char *
sitrep_incident_get_title (SitrepIncident *self)
{
  const char *title;

  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  title = sitrep_json_get_string (sitrep_incident_get_body (self), "title");
  return title ? title : "";
}

const char *
sitrep_incident_get_customer_impact (SitrepIncident *self)
{
  const char *impact;

  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  impact = sitrep_json_get_string (sitrep_incident_get_body (self), "customer_impact");
  return impact ? impact : "";
}

SitrepSeverity
sitrep_incident_get_severity (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), SITREP_SEVERITY_NONE);

  return self->severity;
}

SitrepStatus
sitrep_incident_get_status (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), SITREP_STATUS_INVESTIGATING);

  return self->status;
}

gboolean
sitrep_incident_get_major (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), FALSE);

  return sitrep_json_get_bool (sitrep_incident_get_body (self), "major");
}

gboolean
sitrep_incident_is_active (SitrepIncident *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), FALSE);

  return sitrep_status_is_active (self->status);
}

/**
 * sitrep_incident_dup_services:
 *
 * Returns: (transfer full): the services joined with ", "
 */
char *
sitrep_incident_dup_services (SitrepIncident *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) services = NULL;
  JsonNode *node;

  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);

  node = json_object_get_member (sitrep_incident_get_body (self), "services");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }

  services = g_strv_builder_end (builder);
  return g_strjoinv (", ", services);
}

/**
 * sitrep_incident_get_milestone:
 *
 * Returns: (transfer none) (nullable): when the milestone was reached
 */
GDateTime *
sitrep_incident_get_milestone (SitrepIncident  *self,
                               SitrepMilestone  milestone)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT (self), NULL);
  g_return_val_if_fail (milestone <= SITREP_MILESTONE_CLOSED, NULL);

  if (!self->milestones_read)
    {
      JsonObject *body = sitrep_incident_get_body (self);

      for (guint i = 0; i < G_N_ELEMENTS (self->milestones); i++)
        {
          const char *text = sitrep_json_get_string (body, sitrep_milestone_to_field (i));

          if (text != NULL)
            self->milestones[i] = sitrep_time_parse (text);
        }
      self->milestones_read = TRUE;
    }

  return self->milestones[milestone];
}

/**
 * sitrep_incident_compare:
 *
 * The sidebar's order: active incidents first, then the most severe, then
 * the most recently declared.
 */
int
sitrep_incident_compare (SitrepIncident *a,
                         SitrepIncident *b)
{
  gboolean active_a = sitrep_status_is_active (a->status);
  gboolean active_b = sitrep_status_is_active (b->status);
  int severity_a = a->severity == SITREP_SEVERITY_NONE ? 99 : (int) a->severity;
  int severity_b = b->severity == SITREP_SEVERITY_NONE ? 99 : (int) b->severity;

  if (active_a != active_b)
    return active_a ? -1 : 1;
  if (severity_a != severity_b)
    return severity_a - severity_b;
  if (a->has_declared && b->has_declared)
    {
      if (a->declared_usec != b->declared_usec)
        return a->declared_usec > b->declared_usec ? -1 : 1;
    }
  else if (a->has_declared != b->has_declared)
    return a->has_declared ? -1 : 1;

  return g_strcmp0 (sitrep_incident_get_id (a), sitrep_incident_get_id (b));
}

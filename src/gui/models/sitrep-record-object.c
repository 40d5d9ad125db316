/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sitrep-action-item.h"
#include "sitrep-checklist-task.h"
#include "sitrep-communication.h"
#include "sitrep-incident.h"
#include "sitrep-json.h"
#include "sitrep-record-object.h"
#include "sitrep-role-assignment.h"
#include "sitrep-service.h"
#include "sitrep-template.h"
#include "sitrep-timeline-entry.h"

/* One record of the store as the views show it: its collection, id,
 * version and body. The body of a freshly loaded record may stay JSON text
 * until something reads it, so a list of 10,000 entries parses only the
 * rows on screen. */
typedef struct
{
  char       *coll;
  char       *id;
  char       *incident_id;
  JsonObject *body;
  char       *body_text;
  gint64      version;
} SitrepRecordObjectPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (SitrepRecordObject, sitrep_record_object, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_COLL,
  PROP_ID,
  PROP_VERSION,
  PROP_BODY,
  PROP_INCIDENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_record_object_finalize (GObject *object)
{
  SitrepRecordObject *self = SITREP_RECORD_OBJECT (object);
  SitrepRecordObjectPrivate *priv = sitrep_record_object_get_instance_private (self);

  g_free (priv->coll);
  g_free (priv->id);
  g_free (priv->incident_id);
  g_free (priv->body_text);
  g_clear_pointer (&priv->body, json_object_unref);

  G_OBJECT_CLASS (sitrep_record_object_parent_class)->finalize (object);
}

static void
sitrep_record_object_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SitrepRecordObject *self = SITREP_RECORD_OBJECT (object);
  SitrepRecordObjectPrivate *priv = sitrep_record_object_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_COLL:
      g_value_set_string (value, priv->coll);
      break;

    case PROP_ID:
      g_value_set_string (value, priv->id);
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, priv->version);
      break;

    case PROP_BODY:
      g_value_set_boxed (value, sitrep_record_object_get_body (self));
      break;

    case PROP_INCIDENT_ID:
      g_value_set_string (value, sitrep_record_object_get_incident_id (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_record_object_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SitrepRecordObject *self = SITREP_RECORD_OBJECT (object);
  SitrepRecordObjectPrivate *priv = sitrep_record_object_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_COLL:
      priv->coll = g_value_dup_string (value);
      break;

    case PROP_ID:
      priv->id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_record_object_real_body_changed (SitrepRecordObject *self,
                                        JsonObject         *body)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

static void
sitrep_record_object_class_init (SitrepRecordObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_record_object_finalize;
  object_class->get_property = sitrep_record_object_get_property;
  object_class->set_property = sitrep_record_object_set_property;

  klass->body_changed = sitrep_record_object_real_body_changed;

  properties[PROP_COLL] =
    g_param_spec_string ("coll", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SitrepRecordObject:version:
   *
   * The version the store gave the body shown, 0 when not known.
   */
  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SitrepRecordObject:body:
   *
   * The record's body; notified whenever the record changes.
   */
  properties[PROP_BODY] =
    g_param_spec_boxed ("body", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SitrepRecordObject:incident-id:
   *
   * The incident the record belongs to (the record's own id for an
   * incident, %NULL for a template).
   */
  properties[PROP_INCIDENT_ID] =
    g_param_spec_string ("incident-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_record_object_init (SitrepRecordObject *self)
{
}

/**
 * sitrep_record_object_type_for_coll:
 *
 * Returns: the class that shows records of @coll
 */
GType
sitrep_record_object_type_for_coll (const char *coll)
{
  if (g_strcmp0 (coll, "incidents") == 0)
    return SITREP_TYPE_INCIDENT;
  if (g_strcmp0 (coll, "timeline") == 0)
    return SITREP_TYPE_TIMELINE_ENTRY;
  if (g_strcmp0 (coll, "roles") == 0)
    return SITREP_TYPE_ROLE_ASSIGNMENT;
  if (g_strcmp0 (coll, "checklist") == 0)
    return SITREP_TYPE_CHECKLIST_TASK;
  if (g_strcmp0 (coll, "communications") == 0)
    return SITREP_TYPE_COMMUNICATION;
  if (g_strcmp0 (coll, "templates") == 0)
    return SITREP_TYPE_TEMPLATE;
  if (g_strcmp0 (coll, "action_items") == 0)
    return SITREP_TYPE_ACTION_ITEM;
  if (g_strcmp0 (coll, "services") == 0)
    return SITREP_TYPE_SERVICE;

  return SITREP_TYPE_RECORD_OBJECT;
}

/**
 * sitrep_record_object_new:
 * @body: (nullable): the body, %NULL when it is set later as text
 *
 * Returns: (transfer full): an object of the class for @coll
 */
SitrepRecordObject *
sitrep_record_object_new (const char *coll,
                          const char *id,
                          JsonObject *body,
                          gint64      version)
{
  SitrepRecordObject *self = g_object_new (sitrep_record_object_type_for_coll (coll),
                                           "coll", coll,
                                           "id", id,
                                           NULL);

  if (body != NULL)
    sitrep_record_object_update (self, body, version);
  else
    {
      SitrepRecordObjectPrivate *priv = sitrep_record_object_get_instance_private (self);

      priv->version = version;
    }

  return self;
}

const char *
sitrep_record_object_get_coll (SitrepRecordObject *self)
{
  SitrepRecordObjectPrivate *priv = sitrep_record_object_get_instance_private (self);

  return priv->coll;
}

const char *
sitrep_record_object_get_id (SitrepRecordObject *self)
{
  SitrepRecordObjectPrivate *priv = sitrep_record_object_get_instance_private (self);

  return priv->id;
}

gint64
sitrep_record_object_get_version (SitrepRecordObject *self)
{
  SitrepRecordObjectPrivate *priv = sitrep_record_object_get_instance_private (self);

  return priv->version;
}

/**
 * sitrep_record_object_get_body:
 *
 * Returns: (transfer none): the body, parsed now if it was still text
 */
JsonObject *
sitrep_record_object_get_body (SitrepRecordObject *self)
{
  SitrepRecordObjectPrivate *priv = sitrep_record_object_get_instance_private (self);

  if (priv->body == NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      JsonNode *root;

      if (priv->body_text != NULL &&
          json_parser_load_from_data (parser, priv->body_text, -1, NULL) &&
          (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
        priv->body = json_node_dup_object (root);
      else
        priv->body = json_object_new ();
      g_clear_pointer (&priv->body_text, g_free);
    }

  return priv->body;
}

/**
 * sitrep_record_object_is_parsed:
 *
 * Returns: whether the body is parsed, rather than still kept as text
 */
gboolean
sitrep_record_object_is_parsed (SitrepRecordObject *self)
{
  SitrepRecordObjectPrivate *priv = sitrep_record_object_get_instance_private (self);

  g_return_val_if_fail (SITREP_IS_RECORD_OBJECT (self), FALSE);

  return priv->body != NULL;
}

/**
 * sitrep_record_object_get_string:
 *
 * Returns: (nullable): the string member @member of the body
 */
const char *
sitrep_record_object_get_string (SitrepRecordObject *self,
                                 const char         *member)
{
  return sitrep_json_get_string (sitrep_record_object_get_body (self), member);
}

const char *
sitrep_record_object_get_incident_id (SitrepRecordObject *self)
{
  SitrepRecordObjectPrivate *priv = sitrep_record_object_get_instance_private (self);

  if (g_strcmp0 (priv->coll, "incidents") == 0)
    return priv->id;
  if (priv->incident_id == NULL && priv->body_text != NULL)
    priv->incident_id = g_strdup (sitrep_record_object_get_string (self, "incident_id"));

  return priv->incident_id;
}

/**
 * sitrep_record_object_update:
 *
 * Shows a new body of the record; the subclass reads its fields again and
 * :body is notified.
 */
void
sitrep_record_object_update (SitrepRecordObject *self,
                             JsonObject         *body,
                             gint64              version)
{
  SitrepRecordObjectPrivate *priv = sitrep_record_object_get_instance_private (self);
  const char *incident_id;

  g_return_if_fail (SITREP_IS_RECORD_OBJECT (self));
  g_return_if_fail (body != NULL);

  if (version != priv->version)
    {
      priv->version = version;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
    }

  if (priv->body == body)
    return;

  g_clear_pointer (&priv->body, json_object_unref);
  g_clear_pointer (&priv->body_text, g_free);
  priv->body = json_object_ref (body);

  incident_id = sitrep_json_get_string (body, "incident_id");
  if (g_strcmp0 (incident_id, priv->incident_id) != 0)
    {
      g_free (priv->incident_id);
      priv->incident_id = g_strdup (incident_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT_ID]);
    }

  SITREP_RECORD_OBJECT_GET_CLASS (self)->body_changed (self, body);
}

/**
 * sitrep_record_object_set_body_text:
 * @body_text: (transfer full): the body as JSON text
 * @incident_id: (nullable): the body's incident, as the store read it;
 *   %NULL to read it from the body when asked for
 *
 * Keeps the body as text, parsed when first read. For loading: no
 * property is notified and the subclass's typed fields are set by whoever
 * loaded it. Given the incident, a list filtering by incident leaves the
 * body unparsed.
 */
void
sitrep_record_object_set_body_text (SitrepRecordObject *self,
                                    char               *body_text,
                                    const char         *incident_id)
{
  SitrepRecordObjectPrivate *priv = sitrep_record_object_get_instance_private (self);

  g_clear_pointer (&priv->body, json_object_unref);
  g_free (priv->body_text);
  priv->body_text = body_text;
  g_free (priv->incident_id);
  priv->incident_id = g_strdup (incident_id);
}

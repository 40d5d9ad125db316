/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sitrep-json.h"
#include "sitrep-communication.h"

/* One update sent to an audience about an incident. A record of "communications"; its fields as properties. */
struct _SitrepCommunication
{
  SitrepRecordObject parent_instance;
};

G_DEFINE_FINAL_TYPE (SitrepCommunication, sitrep_communication, SITREP_TYPE_RECORD_OBJECT)

enum {
  PROP_0,
  PROP_AUDIENCE,
  PROP_TITLE,
  PROP_TEXT,
  PROP_SENT_AT,
  PROP_SENT_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_communication_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SitrepCommunication *self = SITREP_COMMUNICATION (object);

  switch (prop_id)
    {
    case PROP_AUDIENCE:
      g_value_set_string (value, sitrep_communication_get_audience (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, sitrep_communication_get_title (self));
      break;

    case PROP_TEXT:
      g_value_set_string (value, sitrep_communication_get_text (self));
      break;

    case PROP_SENT_AT:
      g_value_set_string (value, sitrep_communication_get_sent_at (self));
      break;

    case PROP_SENT_BY:
      g_value_set_string (value, sitrep_communication_get_sent_by (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_communication_body_changed (SitrepRecordObject *object,
                                   JsonObject         *body)
{
  g_object_freeze_notify (G_OBJECT (object));
  for (guint i = PROP_AUDIENCE; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (object), properties[i]);
  SITREP_RECORD_OBJECT_CLASS (sitrep_communication_parent_class)->body_changed (object, body);
  g_object_thaw_notify (G_OBJECT (object));
}

static void
sitrep_communication_class_init (SitrepCommunicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sitrep_communication_get_property;
  SITREP_RECORD_OBJECT_CLASS (klass)->body_changed = sitrep_communication_body_changed;

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)
  properties[PROP_AUDIENCE] = g_param_spec_string ("audience", NULL, NULL, NULL, RO);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, RO);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, RO);
  properties[PROP_SENT_AT] = g_param_spec_string ("sent-at", NULL, NULL, NULL, RO);
  properties[PROP_SENT_BY] = g_param_spec_string ("sent-by", NULL, NULL, NULL, RO);
#undef RO

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_communication_init (SitrepCommunication *self)
{
}

const char *
sitrep_communication_get_audience (SitrepCommunication *self)
{
  const char *value;

  g_return_val_if_fail (SITREP_IS_COMMUNICATION (self), NULL);

  value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "audience");
  return value ? value : "";
}

const char *
sitrep_communication_get_title (SitrepCommunication *self)
{
  const char *value;

  g_return_val_if_fail (SITREP_IS_COMMUNICATION (self), NULL);

  value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "title");
  return value ? value : "";
}

const char *
sitrep_communication_get_text (SitrepCommunication *self)
{
  const char *value;

  g_return_val_if_fail (SITREP_IS_COMMUNICATION (self), NULL);

  value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "body");
  return value ? value : "";
}

const char *
sitrep_communication_get_sent_at (SitrepCommunication *self)
{
  const char *value;

  g_return_val_if_fail (SITREP_IS_COMMUNICATION (self), NULL);

  value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "sent_at");
  return value ? value : "";
}

const char *
sitrep_communication_get_sent_by (SitrepCommunication *self)
{
  const char *value;

  g_return_val_if_fail (SITREP_IS_COMMUNICATION (self), NULL);

  value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "sent_by");
  return value ? value : "";
}

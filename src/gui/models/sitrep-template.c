/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sitrep-json.h"
#include "sitrep-template.h"

/* One update template of the team. A record of "templates"; its fields as properties. */
struct _SitrepTemplate
{
  SitrepRecordObject parent_instance;
};

G_DEFINE_FINAL_TYPE (SitrepTemplate, sitrep_template, SITREP_TYPE_RECORD_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_AUDIENCE,
  PROP_TITLE,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_template_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SitrepTemplate *self = SITREP_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, sitrep_template_get_name (self));
      break;

    case PROP_AUDIENCE:
      g_value_set_string (value, sitrep_template_get_audience (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, sitrep_template_get_title (self));
      break;

    case PROP_TEXT:
      g_value_set_string (value, sitrep_template_get_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_template_body_changed (SitrepRecordObject *object,
                              JsonObject         *body)
{
  g_object_freeze_notify (G_OBJECT (object));
  for (guint i = PROP_NAME; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (object), properties[i]);
  SITREP_RECORD_OBJECT_CLASS (sitrep_template_parent_class)->body_changed (object, body);
  g_object_thaw_notify (G_OBJECT (object));
}

static void
sitrep_template_class_init (SitrepTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sitrep_template_get_property;
  SITREP_RECORD_OBJECT_CLASS (klass)->body_changed = sitrep_template_body_changed;

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, RO);
  properties[PROP_AUDIENCE] = g_param_spec_string ("audience", NULL, NULL, NULL, RO);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, RO);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, RO);
#undef RO

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_template_init (SitrepTemplate *self)
{
}

const char *
sitrep_template_get_name (SitrepTemplate *self)
{
  const char *value;

  g_return_val_if_fail (SITREP_IS_TEMPLATE (self), NULL);

  value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "name");
  return value ? value : "";
}

const char *
sitrep_template_get_audience (SitrepTemplate *self)
{
  const char *value;

  g_return_val_if_fail (SITREP_IS_TEMPLATE (self), NULL);

  value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "audience");
  return value ? value : "";
}

const char *
sitrep_template_get_title (SitrepTemplate *self)
{
  const char *value;

  g_return_val_if_fail (SITREP_IS_TEMPLATE (self), NULL);

  value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "title");
  return value ? value : "";
}

const char *
sitrep_template_get_text (SitrepTemplate *self)
{
  const char *value;

  g_return_val_if_fail (SITREP_IS_TEMPLATE (self), NULL);

  value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "body");
  return value ? value : "";
}

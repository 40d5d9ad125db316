/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sitrep-json.h"
#include "sitrep-checklist-task.h"

/* One item of an incident's checklist. A record of "checklist"; its fields as properties. */
struct _SitrepChecklistTask
{
  SitrepRecordObject parent_instance;
};

G_DEFINE_FINAL_TYPE (SitrepChecklistTask, sitrep_checklist_task, SITREP_TYPE_RECORD_OBJECT)

enum {
  PROP_0,
  PROP_PHASE,
  PROP_KEY,
  PROP_TEXT,
  PROP_POSITION,
  PROP_DONE,
  PROP_DONE_BY,
  PROP_DONE_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_checklist_task_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SitrepChecklistTask *self = SITREP_CHECKLIST_TASK (object);

  switch (prop_id)
    {
    case PROP_PHASE:
      g_value_set_string (value, sitrep_checklist_task_get_phase (self));
      break;

    case PROP_KEY:
      g_value_set_string (value, sitrep_checklist_task_get_key (self));
      break;

    case PROP_TEXT:
      g_value_set_string (value, sitrep_checklist_task_get_text (self));
      break;

    case PROP_POSITION:
      g_value_set_int64 (value, sitrep_checklist_task_get_position (self));
      break;

    case PROP_DONE:
      g_value_set_boolean (value, sitrep_checklist_task_get_done (self));
      break;

    case PROP_DONE_BY:
      g_value_set_string (value, sitrep_checklist_task_get_done_by (self));
      break;

    case PROP_DONE_AT:
      g_value_set_string (value, sitrep_checklist_task_get_done_at (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_checklist_task_body_changed (SitrepRecordObject *object,
                                    JsonObject         *body)
{
  g_object_freeze_notify (G_OBJECT (object));
  for (guint i = PROP_PHASE; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (object), properties[i]);
  SITREP_RECORD_OBJECT_CLASS (sitrep_checklist_task_parent_class)->body_changed (object, body);
  g_object_thaw_notify (G_OBJECT (object));
}

static void
sitrep_checklist_task_class_init (SitrepChecklistTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sitrep_checklist_task_get_property;
  SITREP_RECORD_OBJECT_CLASS (klass)->body_changed = sitrep_checklist_task_body_changed;

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)
  properties[PROP_PHASE] = g_param_spec_string ("phase", NULL, NULL, NULL, RO);
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, RO);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, RO);
  properties[PROP_POSITION] =
    g_param_spec_int64 ("position", NULL, NULL, G_MININT64, G_MAXINT64, 0, RO);
  properties[PROP_DONE] = g_param_spec_boolean ("done", NULL, NULL, FALSE, RO);
  properties[PROP_DONE_BY] = g_param_spec_string ("done-by", NULL, NULL, NULL, RO);
  properties[PROP_DONE_AT] = g_param_spec_string ("done-at", NULL, NULL, NULL, RO);
#undef RO

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_checklist_task_init (SitrepChecklistTask *self)
{
}

const char *
sitrep_checklist_task_get_phase (SitrepChecklistTask *self)
{
  const char *value;

  g_return_val_if_fail (SITREP_IS_CHECKLIST_TASK (self), NULL);

  value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "phase");
  return value ? value : "";
}

const char *
sitrep_checklist_task_get_key (SitrepChecklistTask *self)
{
  const char *value;

  g_return_val_if_fail (SITREP_IS_CHECKLIST_TASK (self), NULL);

  value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "key");
  return value ? value : "";
}

const char *
sitrep_checklist_task_get_text (SitrepChecklistTask *self)
{
  const char *value;

  g_return_val_if_fail (SITREP_IS_CHECKLIST_TASK (self), NULL);

  value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "text");
  return value ? value : "";
}

gint64
sitrep_checklist_task_get_position (SitrepChecklistTask *self)
{
  JsonObject *body;

  g_return_val_if_fail (SITREP_IS_CHECKLIST_TASK (self), 0);

  body = sitrep_record_object_get_body (SITREP_RECORD_OBJECT (self));
  return json_object_get_int_member_with_default (body, "position", 0);
}

gboolean
sitrep_checklist_task_get_done (SitrepChecklistTask *self)
{
  g_return_val_if_fail (SITREP_IS_CHECKLIST_TASK (self), FALSE);

  return sitrep_json_get_bool (sitrep_record_object_get_body (SITREP_RECORD_OBJECT (self)),
                               "done");
}

const char *
sitrep_checklist_task_get_done_by (SitrepChecklistTask *self)
{
  const char *value;

  g_return_val_if_fail (SITREP_IS_CHECKLIST_TASK (self), NULL);

  value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "done_by");
  return value ? value : "";
}

const char *
sitrep_checklist_task_get_done_at (SitrepChecklistTask *self)
{
  const char *value;

  g_return_val_if_fail (SITREP_IS_CHECKLIST_TASK (self), NULL);

  value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "done_at");
  return value ? value : "";
}

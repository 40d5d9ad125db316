/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sitrep-json.h"
#include "sitrep-postmortem.h"
#include "sitrep-postmortem-record.h"

/* An incident's postmortem, the `postmortems` record of the same id, as
 * the page shows it. There is one before anybody wrote any of it: empty,
 * version 0, :exists false. Each change of the record notifies :body
 * (from SitrepRecordObject) and the properties below. */

struct _SitrepPostmortemRecord
{
  SitrepRecordObject parent_instance;

  gboolean exists;
};

G_DEFINE_FINAL_TYPE (SitrepPostmortemRecord, sitrep_postmortem_record, SITREP_TYPE_RECORD_OBJECT)

enum {
  PROP_0,
  PROP_EXISTS,
  PROP_PINNED_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_postmortem_record_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SitrepPostmortemRecord *self = SITREP_POSTMORTEM_RECORD (object);

  switch (prop_id)
    {
    case PROP_EXISTS:
      g_value_set_boolean (value, self->exists);
      break;

    case PROP_PINNED_ONLY:
      g_value_set_boolean (value, sitrep_postmortem_record_get_pinned_only (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_postmortem_record_body_changed (SitrepRecordObject *object,
                                JsonObject         *body)
{
  g_object_freeze_notify (G_OBJECT (object));
  g_object_notify_by_pspec (G_OBJECT (object), properties[PROP_PINNED_ONLY]);
  SITREP_RECORD_OBJECT_CLASS (sitrep_postmortem_record_parent_class)->body_changed (object, body);
  g_object_thaw_notify (G_OBJECT (object));
}

static void
sitrep_postmortem_record_class_init (SitrepPostmortemRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sitrep_postmortem_record_get_property;
  SITREP_RECORD_OBJECT_CLASS (klass)->body_changed = sitrep_postmortem_record_body_changed;

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)
  /**
   * SitrepPostmortemRecord:exists:
   *
   * Whether someone has written any of it (the record exists).
   */
  properties[PROP_EXISTS] = g_param_spec_boolean ("exists", NULL, NULL, FALSE, RO);
  /**
   * SitrepPostmortemRecord:pinned-only:
   *
   * Whether its timeline table shows the pinned entries only.
   */
  properties[PROP_PINNED_ONLY] = g_param_spec_boolean ("pinned-only", NULL, NULL, FALSE, RO);
#undef RO
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_postmortem_record_init (SitrepPostmortemRecord *self)
{
}

/**
 * sitrep_postmortem_record_new:
 * @incident_id: the incident's id, which is the postmortem's
 * @body: (nullable): the record's body, %NULL when there is none yet
 * @version: its version
 *
 * Returns: (transfer full): the postmortem
 */
SitrepPostmortemRecord *
sitrep_postmortem_record_new (const char *incident_id,
                       JsonObject *body,
                       gint64      version)
{
  SitrepPostmortemRecord *self = g_object_new (SITREP_TYPE_POSTMORTEM_RECORD,
                                         "coll", "postmortems",
                                         "id", incident_id,
                                         NULL);

  sitrep_postmortem_record_set_record (self, body, version);
  return self;
}

/**
 * sitrep_postmortem_record_set_record:
 * @body: (nullable): the body after a commit, %NULL when deleted or absent
 *
 * Follows the record.
 */
void
sitrep_postmortem_record_set_record (SitrepPostmortemRecord *self,
                              JsonObject       *body,
                              gint64            version)
{
  g_autoptr(JsonObject) empty = NULL;
  gboolean exists = body != NULL;

  g_return_if_fail (SITREP_IS_POSTMORTEM_RECORD (self));

  if (body == NULL)
    body = empty = json_object_new ();
  sitrep_record_object_update (SITREP_RECORD_OBJECT (self), body, exists ? version : 0);

  if (self->exists != exists)
    {
      self->exists = exists;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXISTS]);
    }
}

gboolean
sitrep_postmortem_record_get_exists (SitrepPostmortemRecord *self)
{
  g_return_val_if_fail (SITREP_IS_POSTMORTEM_RECORD (self), FALSE);

  return self->exists;
}

/**
 * sitrep_postmortem_record_dup_section:
 * @field: a section of the record ("root_cause", "went_well",
 *   "five_whys_problem" …)
 *
 * Returns: (transfer full): the section as a person edits it, a list one
 *   item a line; "" when empty
 */
char *
sitrep_postmortem_record_dup_section (SitrepPostmortemRecord *self,
                               const char       *field)
{
  g_return_val_if_fail (SITREP_IS_POSTMORTEM_RECORD (self), NULL);

  return sitrep_postmortem_dup_section_text (sitrep_record_object_get_body (SITREP_RECORD_OBJECT (self)),
                                             field);
}

gboolean
sitrep_postmortem_record_get_pinned_only (SitrepPostmortemRecord *self)
{
  g_return_val_if_fail (SITREP_IS_POSTMORTEM_RECORD (self), FALSE);

  return sitrep_json_get_bool (sitrep_record_object_get_body (SITREP_RECORD_OBJECT (self)),
                               "timeline_pinned_only");
}

static JsonArray *
whys (SitrepPostmortemRecord *self)
{
  JsonObject *body = sitrep_record_object_get_body (SITREP_RECORD_OBJECT (self));
  JsonNode *node = body != NULL ? json_object_get_member (body, "five_whys") : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/**
 * sitrep_postmortem_record_get_n_whys:
 *
 * Returns: how many why/answer rows the Five Whys has written
 */
guint
sitrep_postmortem_record_get_n_whys (SitrepPostmortemRecord *self)
{
  g_return_val_if_fail (SITREP_IS_POSTMORTEM_RECORD (self), 0);

  return whys (self) != NULL ? json_array_get_length (whys (self)) : 0;
}

/**
 * sitrep_postmortem_record_get_why:
 * @question: (out) (transfer none): the row's question, "" when none
 * @answer: (out) (transfer none): its answer, "" when none
 */
void
sitrep_postmortem_record_get_why (SitrepPostmortemRecord  *self,
                           guint              index,
                           const char       **question,
                           const char       **answer)
{
  JsonNode *row;

  g_return_if_fail (SITREP_IS_POSTMORTEM_RECORD (self));

  *question = *answer = "";
  if (index >= sitrep_postmortem_record_get_n_whys (self))
    return;

  row = json_array_get_element (whys (self), index);
  if (!JSON_NODE_HOLDS_OBJECT (row))
    return;
  if (sitrep_json_get_string (json_node_get_object (row), "question") != NULL)
    *question = sitrep_json_get_string (json_node_get_object (row), "question");
  if (sitrep_json_get_string (json_node_get_object (row), "answer") != NULL)
    *answer = sitrep_json_get_string (json_node_get_object (row), "answer");
}

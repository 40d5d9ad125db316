/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sitrep-action-item.h"
#include "sitrep-action-items.h"
#include "sitrep-enums.h"
#include "sitrep-json.h"
#include "sitrep-time.h"

/* One improvement item of an incident (an `action_items` record), as the
 * postmortem's list and the Action Items view show it. Whether it is
 * overdue depends on the day as well as on the body: the body's fields are
 * read once per change, :overdue again whenever the lists holding it are
 * told the time (sitrep_action_item_update_overdue()). */
struct _SitrepActionItem
{
  SitrepRecordObject  parent_instance;

  SitrepActionType    type;
  SitrepActionStatus  status;
  GDateTime          *completed_at;
  gboolean            overdue;
  char               *incident_ref;
  GDate              *due;
};

G_DEFINE_FINAL_TYPE (SitrepActionItem, sitrep_action_item, SITREP_TYPE_RECORD_OBJECT)

enum {
  PROP_0,
  PROP_DESCRIPTION,
  PROP_TYPE,
  PROP_OWNER,
  PROP_DUE_DATE,
  PROP_STATUS,
  PROP_COMPLETED_AT,
  PROP_OVERDUE,
  PROP_INCIDENT_REF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_action_item_finalize (GObject *object)
{
  SitrepActionItem *self = SITREP_ACTION_ITEM (object);

  g_clear_pointer (&self->completed_at, g_date_time_unref);
  g_clear_pointer (&self->due, g_date_free);
  g_free (self->incident_ref);

  G_OBJECT_CLASS (sitrep_action_item_parent_class)->finalize (object);
}

static void
sitrep_action_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SitrepActionItem *self = SITREP_ACTION_ITEM (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_set_string (value, sitrep_action_item_get_description (self));
      break;

    case PROP_TYPE:
      g_value_set_enum (value, self->type);
      break;

    case PROP_OWNER:
      g_value_set_string (value, sitrep_action_item_get_owner (self));
      break;

    case PROP_DUE_DATE:
      g_value_set_string (value, sitrep_action_item_get_due_date (self));
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_COMPLETED_AT:
      g_value_set_boxed (value, self->completed_at);
      break;

    case PROP_OVERDUE:
      g_value_set_boolean (value, self->overdue);
      break;

    case PROP_INCIDENT_REF:
      g_value_set_string (value, self->incident_ref);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_action_item_body_changed (SitrepRecordObject *object,
                                 JsonObject         *body)
{
  SitrepActionItem *self = SITREP_ACTION_ITEM (object);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (!sitrep_action_type_from_string (sitrep_json_get_string (body, "type"), &self->type))
    self->type = SITREP_ACTION_PREVENT;
  if (!sitrep_action_status_from_string (sitrep_json_get_string (body, "status"), &self->status))
    self->status = SITREP_ACTION_NOT_STARTED;
  g_clear_pointer (&self->completed_at, g_date_time_unref);
  self->completed_at = sitrep_time_parse (sitrep_json_get_string (body, "completed_at"));
  g_clear_pointer (&self->due, g_date_free);
  self->due = sitrep_action_item_dup_due_date (body);
  self->overdue = sitrep_action_item_is_overdue (body, now);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_DESCRIPTION; i <= PROP_OVERDUE; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  SITREP_RECORD_OBJECT_CLASS (sitrep_action_item_parent_class)->body_changed (object, body);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
sitrep_action_item_class_init (SitrepActionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SitrepRecordObjectClass *record_class = SITREP_RECORD_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_action_item_finalize;
  object_class->get_property = sitrep_action_item_get_property;
  record_class->body_changed = sitrep_action_item_body_changed;

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, "", RO);
  /**
   * SitrepActionItem:type:
   *
   * Prevent, detect or respond (the guide's kinds of improvement).
   */
  properties[PROP_TYPE] =
    g_param_spec_enum ("type", NULL, NULL, SITREP_TYPE_ACTION_TYPE, SITREP_ACTION_PREVENT, RO);
  /**
   * SitrepActionItem:owner:
   *
   * The owner's handle, "" when nobody owns it yet.
   */
  properties[PROP_OWNER] = g_param_spec_string ("owner", NULL, NULL, "", RO);
  /**
   * SitrepActionItem:due-date:
   *
   * The due date as the record has it ("YYYY-MM-DD"), %NULL for none.
   */
  properties[PROP_DUE_DATE] = g_param_spec_string ("due-date", NULL, NULL, NULL, RO);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, SITREP_TYPE_ACTION_STATUS,
                       SITREP_ACTION_NOT_STARTED, RO);
  /**
   * SitrepActionItem:completed-at:
   *
   * When it was completed, in UTC; %NULL while it is not.
   */
  properties[PROP_COMPLETED_AT] =
    g_param_spec_boxed ("completed-at", NULL, NULL, G_TYPE_DATE_TIME, RO);
  /**
   * SitrepActionItem:overdue:
   *
   * Not completed and past its due day (sitrep_action_item_is_overdue()),
   * as of the last time it was told the time.
   */
  properties[PROP_OVERDUE] = g_param_spec_boolean ("overdue", NULL, NULL, FALSE, RO);
  /**
   * SitrepActionItem:incident-ref:
   *
   * The incident's reference (INC-2024-0042), for lists across incidents.
   */
  properties[PROP_INCIDENT_REF] = g_param_spec_string ("incident-ref", NULL, NULL, NULL, RO);
#undef RO

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_action_item_init (SitrepActionItem *self)
{
}

/**
 * sitrep_action_item_new:
 *
 * Returns: (transfer full): an item over @body
 */
SitrepActionItem *
sitrep_action_item_new (const char *id,
                        JsonObject *body)
{
  return SITREP_ACTION_ITEM (sitrep_record_object_new ("action_items", id, body, 0));
}

const char *
sitrep_action_item_get_id (SitrepActionItem *self)
{
  return sitrep_record_object_get_id (SITREP_RECORD_OBJECT (self));
}

const char *
sitrep_action_item_get_description (SitrepActionItem *self)
{
  const char *text = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "description");

  return text ? text : "";
}

SitrepActionType
sitrep_action_item_get_item_type (SitrepActionItem *self)
{
  return self->type;
}

const char *
sitrep_action_item_get_owner (SitrepActionItem *self)
{
  const char *owner = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "owner");

  return owner ? owner : "";
}

/**
 * sitrep_action_item_get_due_date:
 *
 * Returns: (nullable): the due date, "YYYY-MM-DD", %NULL for none
 */
const char *
sitrep_action_item_get_due_date (SitrepActionItem *self)
{
  return sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "due_date");
}

SitrepActionStatus
sitrep_action_item_get_status (SitrepActionItem *self)
{
  return self->status;
}

/**
 * sitrep_action_item_get_completed_at:
 *
 * Returns: (transfer none) (nullable): when it was completed
 */
GDateTime *
sitrep_action_item_get_completed_at (SitrepActionItem *self)
{
  return self->completed_at;
}

gboolean
sitrep_action_item_get_overdue (SitrepActionItem *self)
{
  return self->overdue;
}

/**
 * sitrep_action_item_update_overdue:
 * @now: the time now
 *
 * Reads :overdue again for @now; a day passing makes items overdue.
 *
 * Returns: whether :overdue changed
 */
gboolean
sitrep_action_item_update_overdue (SitrepActionItem *self,
                                   GDateTime        *now)
{
  gboolean overdue;

  g_return_val_if_fail (SITREP_IS_ACTION_ITEM (self), FALSE);

  overdue = sitrep_action_item_is_overdue (sitrep_record_object_get_body (SITREP_RECORD_OBJECT (self)),
                                           now);
  if (overdue == self->overdue)
    return FALSE;

  self->overdue = overdue;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERDUE]);
  return TRUE;
}

/**
 * sitrep_action_item_get_incident_ref:
 *
 * Returns: (nullable): the incident's reference, if it was told
 */
const char *
sitrep_action_item_get_incident_ref (SitrepActionItem *self)
{
  return self->incident_ref;
}

void
sitrep_action_item_set_incident_ref (SitrepActionItem *self,
                                     const char       *ref)
{
  g_return_if_fail (SITREP_IS_ACTION_ITEM (self));

  if (g_strcmp0 (self->incident_ref, ref) == 0)
    return;

  g_free (self->incident_ref);
  self->incident_ref = g_strdup (ref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT_REF]);
}

/**
 * sitrep_action_item_is_owned_by:
 * @handle: (nullable): a handle; "@alice" and "alice" are the same person
 *
 * Returns: whether @handle owns the item
 */
gboolean
sitrep_action_item_is_owned_by (SitrepActionItem *self,
                                const char       *handle)
{
  const char *owner = sitrep_action_item_get_owner (self);

  if (handle == NULL)
    return FALSE;
  if (*owner == '@')
    owner++;
  if (*handle == '@')
    handle++;

  return owner[0] != '\0' && g_str_equal (owner, handle);
}

/**
 * sitrep_action_item_compare:
 *
 * Soonest due first, items with no due date last; the same day by id,
 * so the order is stable.
 */
int
sitrep_action_item_compare (SitrepActionItem *a,
                            SitrepActionItem *b)
{
  if (a->due != NULL && b->due != NULL)
    {
      int order = g_date_compare (a->due, b->due);

      if (order != 0)
        return order;
    }
  else if (a->due != b->due)
    return a->due == NULL ? 1 : -1;

  return g_strcmp0 (sitrep_action_item_get_id (a), sitrep_action_item_get_id (b));
}

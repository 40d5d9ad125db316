/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-action-items.c: the guide's improvement items, as rules
 *
 * An action item is an `action_items` record (PROTOCOL.md): description,
 * type, owner, due_date (a calendar date, "YYYY-MM-DD"), status and
 * completed_at. The rules are the guide's ImprovementItem: a status is one
 * of four, completing an item stamps its completion date, and an item is
 * overdue when it is not completed and its due date has passed. A deferred
 * item is still overdue: deferring is a decision to be revisited, not a way
 * out of the list.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-action-items.h"
#include "sitrep-enums.h"
#include "sitrep-json.h"
#include "sitrep-time.h"

/* The guide's own words, as its action item table prints them. */
static const char * const type_labels[] = {
  N_("Prevent"),
  N_("Detect"),
  N_("Respond"),
};

static const char * const status_labels[] = {
  N_("Not Started"),
  N_("In Progress"),
  N_("Completed"),
  N_("Deferred"),
};

static const char *
nick_of (GType type,
         int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  g_type_class_unref (klass);
  return v != NULL ? v->value_nick : NULL;
}

static gboolean
value_of (GType       type,
          const char *nick,
          int        *value)
{
  GEnumClass *klass;
  GEnumValue *v;

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (type);
  v = g_enum_get_value_by_nick (klass, nick);
  g_type_class_unref (klass);
  if (v == NULL)
    return FALSE;

  *value = v->value;
  return TRUE;
}

/**
 * sitrep_action_type_to_string:
 *
 * Returns: the protocol string ("prevent", "detect", "respond") or %NULL.
 */
const char *
sitrep_action_type_to_string (SitrepActionType t)
{
  return nick_of (SITREP_TYPE_ACTION_TYPE, (int) t);
}

/**
 * sitrep_action_type_from_string:
 * @out: (out) (optional): where to store the type; untouched on failure
 *
 * Returns: %TRUE if @s is a known action item type.
 */
gboolean
sitrep_action_type_from_string (const char       *s,
                                SitrepActionType *out)
{
  int value;

  if (!value_of (SITREP_TYPE_ACTION_TYPE, s, &value))
    return FALSE;
  if (out != NULL)
    *out = (SitrepActionType) value;
  return TRUE;
}

/**
 * sitrep_action_type_get_label:
 *
 * Returns: the translated label ("Prevent" …), or %NULL.
 */
const char *
sitrep_action_type_get_label (SitrepActionType t)
{
  if ((int) t < 0 || (gsize) t >= G_N_ELEMENTS (type_labels))
    return NULL;
  return _(type_labels[t]);
}

/**
 * sitrep_action_status_to_string:
 *
 * Returns: the protocol string ("not_started" …) or %NULL.
 */
const char *
sitrep_action_status_to_string (SitrepActionStatus s)
{
  return nick_of (SITREP_TYPE_ACTION_STATUS, (int) s);
}

/**
 * sitrep_action_status_from_string:
 * @out: (out) (optional): where to store the status; untouched on failure
 *
 * Returns: %TRUE if @s is a known action item status.
 */
gboolean
sitrep_action_status_from_string (const char         *s,
                                  SitrepActionStatus *out)
{
  int value;

  if (!value_of (SITREP_TYPE_ACTION_STATUS, s, &value))
    return FALSE;
  if (out != NULL)
    *out = (SitrepActionStatus) value;
  return TRUE;
}

/**
 * sitrep_action_status_get_label:
 *
 * Returns: the translated label ("In Progress" …), or %NULL.
 */
const char *
sitrep_action_status_get_label (SitrepActionStatus s)
{
  if ((int) s < 0 || (gsize) s >= G_N_ELEMENTS (status_labels))
    return NULL;
  return _(status_labels[s]);
}

/**
 * sitrep_action_item_dup_due_date:
 * @body: an `action_items` body
 *
 * Reads `due_date` ("YYYY-MM-DD"; a full timestamp is accepted too and
 * its UTC date taken).
 *
 * Returns: (transfer full) (nullable): the due date, or %NULL when the
 *   item has none or it does not parse.
 */
GDate *
sitrep_action_item_dup_due_date (JsonObject *body)
{
  const char *text = sitrep_json_get_string (body, "due_date");
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;
  char tail;

  if (text == NULL)
    return NULL;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3
      && strlen (text) == 10
      && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return g_date_new_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);

  dt = sitrep_time_parse (text);
  if (dt == NULL)
    return NULL;
  return g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (dt),
                         (GDateMonth) g_date_time_get_month (dt),
                         (GDateYear) g_date_time_get_year (dt));
}

/**
 * sitrep_action_item_is_overdue:
 * @body: an `action_items` body
 * @now: the current time
 *
 * The guide's `is_overdue`: not completed, and now is past the due date.
 * An item is due by the end of its due day in UTC, so one due today is not
 * overdue until tomorrow. An item without a due date is never overdue.
 *
 * Returns: %TRUE if the item is overdue at @now.
 */
gboolean
sitrep_action_item_is_overdue (JsonObject *body,
                               GDateTime  *now)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDate) today = NULL;
  g_autoptr(GDate) due = NULL;
  SitrepActionStatus status = SITREP_ACTION_NOT_STARTED;

  g_return_val_if_fail (now != NULL, FALSE);

  if (body == NULL)
    return FALSE;

  /* A body without a status is a new item, Not Started. */
  if (sitrep_json_get_string (body, "status") != NULL
      && !sitrep_action_status_from_string (sitrep_json_get_string (body, "status"),
                                            &status))
    return FALSE;
  if (status == SITREP_ACTION_COMPLETED)
    return FALSE;

  due = sitrep_action_item_dup_due_date (body);
  if (due == NULL)
    return FALSE;

  utc = g_date_time_to_utc (now);
  today = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (utc),
                          (GDateMonth) g_date_time_get_month (utc),
                          (GDateYear) g_date_time_get_year (utc));
  return g_date_compare (today, due) > 0;
}

/**
 * sitrep_action_item_status_fields:
 * @status: the new status
 * @now: the time of the change
 *
 * The fields a status change writes: `status`, and `completed_at`, which
 * is @now when the item is completed and null otherwise (an item reopened
 * is no longer complete).
 *
 * Returns: (transfer full): the fields to patch.
 */
JsonObject *
sitrep_action_item_status_fields (SitrepActionStatus  status,
                                  GDateTime          *now)
{
  JsonObject *fields = json_object_new ();

  g_return_val_if_fail (now != NULL, fields);

  json_object_set_string_member (fields, "status",
                                 sitrep_action_status_to_string (status));
  if (status == SITREP_ACTION_COMPLETED)
    {
      g_autofree char *stamp = sitrep_time_format (now);
      json_object_set_string_member (fields, "completed_at", stamp);
    }
  else
    json_object_set_null_member (fields, "completed_at");

  return fields;
}

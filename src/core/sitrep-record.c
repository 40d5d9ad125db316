/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-record.c: validation of PROTOCOL.md record bodies
 *
 * Both ends run these checks: the server to reject a bad mutation with a
 * message naming the field, the client to refuse to queue one it would
 * only get back rejected. Unknown fields are not checked, because newer
 * clients may add fields that older ones must keep.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-enums.h"
#include "sitrep-record.h"
#include "sitrep-time.h"
#include "sitrep-types.h"

G_DEFINE_QUARK (sitrep-record-error-quark, sitrep_record_error)

typedef enum {
  FIELD_TEXT,           /* string, at most SITREP_TEXT_MAX bytes */
  FIELD_ENUM,           /* string out of `values` */
  FIELD_BOOL,
  FIELD_TIME,           /* RFC 3339 UTC */
  FIELD_DATE,           /* YYYY-MM-DD */
  FIELD_POSITION,       /* integer >= 0 */
  FIELD_STRING_ARRAY,
  FIELD_UUID,
  FIELD_FIVE_WHYS,      /* array of {question, answer} */
} FieldType;

typedef enum {
  FIELD_NULLABLE = 1 << 0,
  FIELD_REQUIRED = 1 << 1,   /* present and not null on put; never null on patch */
  FIELD_NONEMPTY = 1 << 2,
} FieldFlags;

/* The domain enumerations' protocol strings are their nicks
 * (sitrep-types.h); the wire strings of a field are the nicks of the
 * values from `min` up, which leaves out NONE and INVALID. */
typedef struct {
  GType (*get_type) (void);
  int    min;
} EnumField;

typedef struct {
  const char         *name;
  FieldType           type;
  FieldFlags          flags;
  const char * const *values;    /* FIELD_ENUM: the strings, or */
  const EnumField    *enum_field;  /* the enumeration they are the nicks of */
} FieldSpec;

typedef enum {
  ID_UUID,
  ID_UUID_ROLE,
  ID_UUID_KEY,
  ID_NAME,
} IdShape;

typedef struct {
  const char      *name;
  IdShape          id_shape;
  const FieldSpec *fields;
  gsize            n_fields;
} CollectionSpec;

static const EnumField severity_enum = { sitrep_severity_get_type, SITREP_SEVERITY_P1 };
static const EnumField status_enum = { sitrep_status_get_type, SITREP_STATUS_INVESTIGATING };
static const EnumField role_enum = { sitrep_role_get_type, 0 };
static const EnumField phase_enum = { sitrep_phase_get_type, 0 };
static const EnumField kind_enum = { sitrep_timeline_kind_get_type, 0 };
static const EnumField audience_enum = { sitrep_audience_get_type, 0 };

/* Action items' type and status are no domain enumeration: their strings
 * are only ever read here. */
static const char * const action_type_values[] = { "prevent", "detect", "respond", NULL };
static const char * const action_status_values[] = {
  "not_started", "in_progress", "completed", "deferred", NULL
};

static GEnumClass *
enum_field_class (const EnumField *field)
{
  gpointer klass = g_type_class_peek (field->get_type ());

  return klass != NULL ? klass : g_type_class_ref (field->get_type ());
}

static gboolean
enum_field_contains (const EnumField *field,
                     const char      *text)
{
  GEnumValue *value = g_enum_get_value_by_nick (enum_field_class (field), text);

  return value != NULL && value->value >= field->min;
}

static gboolean
enum_contains (const FieldSpec *spec,
               const char      *text)
{
  if (spec->enum_field != NULL)
    return enum_field_contains (spec->enum_field, text);
  return g_strv_contains (spec->values, text);
}

/* "P1, P2, P3, P4": the strings a field takes, in their order. */
static char *
enum_join (const FieldSpec *spec)
{
  GString *joined = g_string_new (NULL);

  if (spec->enum_field != NULL)
    {
      GEnumClass *klass = enum_field_class (spec->enum_field);

      for (guint i = 0; i < klass->n_values; i++)
        {
          if (klass->values[i].value < spec->enum_field->min)
            continue;
          if (joined->len > 0)
            g_string_append (joined, ", ");
          g_string_append (joined, klass->values[i].value_nick);
        }
    }
  else
    for (guint i = 0; spec->values[i] != NULL; i++)
      g_string_append_printf (joined, "%s%s", i > 0 ? ", " : "", spec->values[i]);

  return g_string_free (joined, FALSE);
}

/* Integrations: what the server writes back about a delivery */
static const char * const delivery_values[] = { "pending", "delivered", "failed", NULL };
static const char * const page_provider_values[] = { "pagerduty", "webhook", NULL };
static const char * const communication_provider_values[] = { "statuspage", NULL };
static const char * const approval_values[] = { "none", "awaiting", "approved", NULL };

#define N FIELD_NULLABLE
#define R FIELD_REQUIRED
#define NE FIELD_NONEMPTY

static const FieldSpec incident_fields[] = {
  { "ref", FIELD_TEXT, N, NULL },
  { "title", FIELD_TEXT, R | NE, NULL },
  { "summary", FIELD_TEXT, N, NULL },
  { "severity", FIELD_ENUM, R, NULL, &severity_enum },
  { "status", FIELD_ENUM, 0, NULL, &status_enum },
  { "services", FIELD_STRING_ARRAY, 0, NULL },
  { "customer_impact", FIELD_TEXT, N, NULL },
  { "major", FIELD_BOOL, 0, NULL },
  { "impact_started_at", FIELD_TIME, N, NULL },
  { "detected_at", FIELD_TIME, N, NULL },
  { "declared_at", FIELD_TIME, N, NULL },
  { "acknowledged_at", FIELD_TIME, N, NULL },
  { "mitigated_at", FIELD_TIME, N, NULL },
  { "resolved_at", FIELD_TIME, N, NULL },
  { "closed_at", FIELD_TIME, N, NULL },
};

static const FieldSpec role_fields[] = {
  { "incident_id", FIELD_UUID, R, NULL },
  { "role", FIELD_ENUM, 0, NULL, &role_enum },
  { "person", FIELD_TEXT, N, NULL },
  { "assigned_at", FIELD_TIME, N, NULL },
};

static const FieldSpec checklist_fields[] = {
  { "incident_id", FIELD_UUID, R, NULL },
  { "phase", FIELD_ENUM, 0, NULL, &phase_enum },
  { "key", FIELD_TEXT, NE, NULL },
  { "text", FIELD_TEXT, N, NULL },
  { "position", FIELD_POSITION, 0, NULL },
  { "done", FIELD_BOOL, 0, NULL },
  { "done_by", FIELD_TEXT, N, NULL },
  { "done_at", FIELD_TIME, N, NULL },
};

static const FieldSpec timeline_fields[] = {
  { "incident_id", FIELD_UUID, R, NULL },
  { "occurred_at", FIELD_TIME, N, NULL },
  { "kind", FIELD_ENUM, 0, NULL, &kind_enum },
  { "text", FIELD_TEXT, R, NULL },
  { "author", FIELD_TEXT, N, NULL },
  { "pinned", FIELD_BOOL, 0, NULL },
};

static const FieldSpec communication_fields[] = {
  { "incident_id", FIELD_UUID, R, NULL },
  { "audience", FIELD_ENUM, 0, NULL, &audience_enum },
  { "template", FIELD_TEXT, N, NULL },
  { "status", FIELD_TEXT, N, NULL },
  { "title", FIELD_TEXT, N, NULL },
  { "body", FIELD_TEXT, N, NULL },
  { "sent_at", FIELD_TIME, N, NULL },
  { "sent_by", FIELD_TEXT, N, NULL },
  /* PROTOCOL.md § Integrations: publishing on the status page */
  { "publish", FIELD_BOOL, 0, NULL },
  { "approval", FIELD_ENUM, N, approval_values },
  { "approved_by", FIELD_TEXT, N, NULL },
  { "approved_at", FIELD_TIME, N, NULL },
  { "delivery", FIELD_ENUM, N, delivery_values },
  { "provider", FIELD_ENUM, N, communication_provider_values },
  { "external_id", FIELD_TEXT, N, NULL },
  { "attempts", FIELD_POSITION, 0, NULL },
  { "delivered_at", FIELD_TIME, N, NULL },
  { "error", FIELD_TEXT, N, NULL },
};

static const FieldSpec action_item_fields[] = {
  { "incident_id", FIELD_UUID, R, NULL },
  { "description", FIELD_TEXT, N, NULL },
  { "type", FIELD_ENUM, N, action_type_values },
  { "owner", FIELD_TEXT, N, NULL },
  { "due_date", FIELD_DATE, N, NULL },
  { "status", FIELD_ENUM, 0, action_status_values },
  { "completed_at", FIELD_TIME, N, NULL },
};

static const FieldSpec postmortem_fields[] = {
  { "summary", FIELD_TEXT, N, NULL },
  { "root_cause", FIELD_TEXT, N, NULL },
  { "contributing_factors", FIELD_STRING_ARRAY, 0, NULL },
  { "went_well", FIELD_STRING_ARRAY, 0, NULL },
  { "went_poorly", FIELD_STRING_ARRAY, 0, NULL },
  { "lessons", FIELD_TEXT, N, NULL },
  { "five_whys", FIELD_FIVE_WHYS, 0, NULL },
};

static const FieldSpec template_fields[] = {
  { "name", FIELD_TEXT, N, NULL },
  { "audience", FIELD_ENUM, N, NULL, &audience_enum },
  { "status", FIELD_TEXT, N, NULL },
  { "title", FIELD_TEXT, N, NULL },
  { "body", FIELD_TEXT, N, NULL },
};

/* PROTOCOL.md § Integrations: a request to page a team */
static const FieldSpec page_fields[] = {
  { "incident_id", FIELD_UUID, R, NULL },
  { "team", FIELD_TEXT, R | NE, NULL },
  { "message", FIELD_TEXT, N, NULL },
  { "requested_by", FIELD_TEXT, N, NULL },
  { "requested_at", FIELD_TIME, N, NULL },
  { "delivery", FIELD_ENUM, N, delivery_values },
  { "provider", FIELD_ENUM, N, page_provider_values },
  { "attempts", FIELD_POSITION, 0, NULL },
  { "delivered_at", FIELD_TIME, N, NULL },
  { "error", FIELD_TEXT, N, NULL },
};

static const FieldSpec service_fields[] = {
  { "owner_team", FIELD_TEXT, N, NULL },
  { "critical", FIELD_BOOL, 0, NULL },
  { "runbook_url", FIELD_TEXT, N, NULL },
  { "dashboard_url", FIELD_TEXT, N, NULL },
  { "escalation", FIELD_STRING_ARRAY, 0, NULL },
};

#undef N
#undef R
#undef NE

#define COLLECTION(name, shape, fields) { name, shape, fields, G_N_ELEMENTS (fields) }

static const CollectionSpec collections[] = {
  COLLECTION ("incidents", ID_UUID, incident_fields),
  COLLECTION ("roles", ID_UUID_ROLE, role_fields),
  COLLECTION ("checklist", ID_UUID_KEY, checklist_fields),
  COLLECTION ("timeline", ID_UUID, timeline_fields),
  COLLECTION ("communications", ID_UUID, communication_fields),
  COLLECTION ("action_items", ID_UUID, action_item_fields),
  COLLECTION ("postmortems", ID_UUID, postmortem_fields),
  COLLECTION ("templates", ID_UUID, template_fields),
  COLLECTION ("services", ID_NAME, service_fields),
  COLLECTION ("pages", ID_UUID, page_fields),
};

static const CollectionSpec *
find_collection (const char *coll)
{
  if (coll == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (collections); i++)
    {
      if (g_str_equal (collections[i].name, coll))
        return &collections[i];
    }

  return NULL;
}

/**
 * sitrep_collection_is_valid:
 *
 * Returns: %TRUE if @coll is one of the collections of the protocol
 */
gboolean
sitrep_collection_is_valid (const char *coll)
{
  return find_collection (coll) != NULL;
}

static gboolean
is_uuid_n (const char *id,
           gsize       len)
{
  if (len != 36)
    return FALSE;

  for (gsize i = 0; i < 36; i++)
    {
      char c = id[i];

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (c != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (c) && !(c >= 'a' && c <= 'f'))
        return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_id_is_uuid:
 *
 * Returns: %TRUE if @id is a UUID as the protocol writes it: 36 characters,
 *   lower-case hexadecimal in groups of 8-4-4-4-12
 */
gboolean
sitrep_id_is_uuid (const char *id)
{
  return id != NULL && is_uuid_n (id, strlen (id));
}

/**
 * sitrep_id_new:
 *
 * A new record id that sorts by when it was made (a version 7 UUID of RFC
 * 9562: the Unix time in milliseconds, then a counter that keeps ids made
 * in one millisecond, or after the clock stepped back, in the order they
 * were made, then random bits). Two timeline entries of the same time are
 * listed by id, so they show in the order they were written, the same
 * way in every app.
 *
 * Returns: (transfer full): the id, as sitrep_id_is_uuid() accepts it
 */
char *
sitrep_id_new (void)
{
  static GMutex lock;
  static gint64 last_ms;
  static guint counter;
  gint64 ms = g_get_real_time () / 1000;
  guint8 b[16];
  guint seq;

  g_mutex_lock (&lock);
  if (ms > last_ms)
    {
      last_ms = ms;
      counter = 0;
    }
  else if (++counter > 0xfff)
    {
      /* 4096 in one millisecond: borrow the next one. */
      last_ms++;
      counter = 0;
    }
  ms = last_ms;
  seq = counter;
  g_mutex_unlock (&lock);

  for (int i = 0; i < 6; i++)
    b[i] = (guint8) (ms >> (8 * (5 - i)));
  b[6] = 0x70 | ((seq >> 8) & 0x0f);
  b[7] = seq & 0xff;
  for (int i = 8; i < 16; i += 4)
    {
      guint32 r = g_random_int ();

      memcpy (b + i, &r, 4);
    }
  b[8] = (b[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

static gboolean
fail (GError     **error,
      const char  *field,
      const char  *problem)
{
  g_set_error (error, SITREP_RECORD_ERROR, SITREP_RECORD_ERROR_INVALID,
               "%s: %s", field, problem);
  return FALSE;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
check_text (const char  *field,
            const char  *text,
            GError     **error)
{
  if (strlen (text) > SITREP_TEXT_MAX)
    {
      g_autofree char *problem = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "must be at most %d byte",
                                                               "must be at most %d bytes",
                                                               SITREP_TEXT_MAX),
                                                  SITREP_TEXT_MAX);
      return fail (error, field, problem);
    }
  return TRUE;
}

static gboolean
is_date (const char *text)
{
  int y = 0, m = 0, d = 0;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (int i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        continue;
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  y = atoi (text);
  m = atoi (text + 5);
  d = atoi (text + 8);

  return g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y) && y > 0;
}

static gboolean
check_string_array (const char  *field,
                    JsonNode    *node,
                    GError     **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, field, _("must be an array of strings"));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!node_is_string (element))
        return fail (error, field, _("must be an array of strings"));
      if (!check_text (field, json_node_get_string (element), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_five_whys (const char  *field,
                 JsonNode    *node,
                 GError     **error)
{
  static const char * const members[] = { "question", "answer" };
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, field, _("must be an array of {question, answer} objects"));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *why;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (error, field, _("must be an array of {question, answer} objects"));

      why = json_node_get_object (element);
      for (gsize m = 0; m < G_N_ELEMENTS (members); m++)
        {
          JsonNode *value = json_object_get_member (why, members[m]);

          if (value == NULL || JSON_NODE_HOLDS_NULL (value))
            continue;
          if (!node_is_string (value))
            return fail (error, field,
                         _("question and answer must be strings or null"));
          if (!check_text (field, json_node_get_string (value), error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_field (const FieldSpec  *spec,
             JsonNode         *node,
             GError          **error)
{
  const char *text;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if ((spec->flags & FIELD_NULLABLE) && !(spec->flags & FIELD_REQUIRED))
        return TRUE;
      if (spec->flags & FIELD_REQUIRED)
        return fail (error, spec->name, _("required"));
      return fail (error, spec->name, _("must not be null"));
    }

  switch (spec->type)
    {
    case FIELD_TEXT:
      if (!node_is_string (node))
        return fail (error, spec->name, _("must be a string"));
      text = json_node_get_string (node);
      if ((spec->flags & FIELD_NONEMPTY) && *text == '\0')
        return fail (error, spec->name, _("must not be empty"));
      return check_text (spec->name, text, error);

    case FIELD_ENUM:
      if (node_is_string (node) && enum_contains (spec, json_node_get_string (node)))
        return TRUE;
      else
        {
          g_autofree char *joined = enum_join (spec);
          g_autofree char *problem = g_strdup_printf (_("must be one of %s"), joined);

          return fail (error, spec->name, problem);
        }

    case FIELD_BOOL:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return fail (error, spec->name, _("must be a boolean"));
      return TRUE;

    case FIELD_TIME:
      if (!node_is_string (node) || !sitrep_time_is_valid (json_node_get_string (node)))
        return fail (error, spec->name,
                     _("must be an RFC 3339 UTC time (2026-11-27T14:32:00Z) or null"));
      return TRUE;

    case FIELD_DATE:
      if (!node_is_string (node) || !is_date (json_node_get_string (node)))
        return fail (error, spec->name, _("must be a date (YYYY-MM-DD) or null"));
      return TRUE;

    case FIELD_POSITION:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
          || json_node_get_int (node) < 0 || json_node_get_int (node) > G_MAXINT32)
        return fail (error, spec->name, _("must be a non-negative integer"));
      return TRUE;

    case FIELD_STRING_ARRAY:
      return check_string_array (spec->name, node, error);

    case FIELD_UUID:
      if (!node_is_string (node) || !sitrep_id_is_uuid (json_node_get_string (node)))
        return fail (error, spec->name, _("must be a lower-case UUID"));
      return TRUE;

    case FIELD_FIVE_WHYS:
      return check_five_whys (spec->name, node, error);

    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_fields (const CollectionSpec  *spec,
              JsonObject            *body,
              gboolean               whole,
              GError               **error)
{
  for (gsize i = 0; i < spec->n_fields; i++)
    {
      const FieldSpec *field = &spec->fields[i];
      JsonNode *node = json_object_get_member (body, field->name);

      if (node == NULL)
        {
          if (whole && (field->flags & FIELD_REQUIRED))
            return fail (error, field->name, _("required"));
          continue;
        }

      if (!check_field (field, node, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_compound_id (const CollectionSpec  *spec,
                   const char            *id,
                   GError               **error)
{
  const char *colon = strchr (id, ':');
  const char *suffix = colon != NULL ? colon + 1 : NULL;
  gboolean ok;

  if (colon == NULL || !is_uuid_n (id, colon - id))
    ok = FALSE;
  else if (spec->id_shape == ID_UUID_ROLE)
    ok = enum_field_contains (&role_enum, suffix);
  else
    ok = *suffix != '\0' && strlen (suffix) <= SITREP_NAME_MAX;

  if (ok)
    return TRUE;
  if (spec->id_shape == ID_UUID_ROLE)
    return fail (error, "id", _("must be <incident uuid>:<role>"));
  return fail (error, "id", _("must be <incident uuid>:<item key>"));
}

/* Ids of roles and checklist items repeat what the body says; a record
 * whose id and body disagree would show under one incident and count under
 * another, so refuse it. Runs after the field checks, so types are known. */
static gboolean
check_id_agrees (const CollectionSpec  *spec,
                 const char            *id,
                 JsonObject            *body,
                 GError               **error)
{
  const char *member;
  const char *colon;
  JsonNode *node;

  if (spec->id_shape != ID_UUID_ROLE && spec->id_shape != ID_UUID_KEY)
    return TRUE;

  member = spec->id_shape == ID_UUID_ROLE ? "role" : "key";
  colon = strchr (id, ':');
  g_assert (colon != NULL);

  node = json_object_get_member (body, "incident_id");
  if (node != NULL && node_is_string (node)
      && strncmp (json_node_get_string (node), id, colon - id) != 0)
    return fail (error, "incident_id", _("must match the incident of the record id"));

  node = json_object_get_member (body, member);
  if (node != NULL && node_is_string (node)
      && !g_str_equal (json_node_get_string (node), colon + 1))
    return fail (error, member, _("must match the record id"));

  return TRUE;
}

static gboolean
check_id (const CollectionSpec  *spec,
          const char            *id,
          GError               **error)
{
  if (id == NULL)
    return fail (error, "id", _("required"));

  switch (spec->id_shape)
    {
    case ID_UUID:
      if (!sitrep_id_is_uuid (id))
        return fail (error, "id", _("must be a lower-case UUID"));
      return TRUE;

    case ID_UUID_ROLE:
    case ID_UUID_KEY:
      return check_compound_id (spec, id, error);

    case ID_NAME:
      if (*id == '\0' || !g_utf8_validate (id, -1, NULL)
          || g_utf8_strlen (id, -1) > SITREP_NAME_MAX)
        return fail (error, "id", _("must be a name of 1 to 200 characters"));
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static const CollectionSpec *
lookup_collection (const char  *coll,
                   GError     **error)
{
  const CollectionSpec *spec = find_collection (coll);

  if (spec == NULL)
    {
      g_set_error (error, SITREP_RECORD_ERROR, SITREP_RECORD_ERROR_INVALID,
                   _("coll: unknown collection “%s”"), coll != NULL ? coll : "");
      return NULL;
    }

  return spec;
}

/**
 * sitrep_record_validate:
 * @coll: the collection
 * @id: the record id
 * @body: the whole body of a `put`
 *
 * Checks the id's shape and every known field of @body: type, enumeration,
 * times in RFC 3339 UTC or null, text at most %SITREP_TEXT_MAX bytes, and
 * the required fields. For roles and checklist items, the body's
 * `incident_id` and `role` / `key` must also agree with the id.
 *
 * Returns: %TRUE if valid; else %FALSE with @error naming the field,
 *   e.g. "severity: must be one of P1, P2, P3, P4"
 */
gboolean
sitrep_record_validate (const char  *coll,
                        const char  *id,
                        JsonObject  *body,
                        GError     **error)
{
  const CollectionSpec *spec;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  spec = lookup_collection (coll, error);
  if (spec == NULL)
    return FALSE;

  if (body == NULL)
    return fail (error, "body", _("must be an object"));

  return check_id (spec, id, error)
         && check_fields (spec, body, TRUE, error)
         && check_id_agrees (spec, id, body, error);
}

/**
 * sitrep_record_validate_patch:
 * @coll: the collection
 * @fields: the fields a `patch` sets
 *
 * Like sitrep_record_validate() for the fields present only; a required
 * field may be left out but not set to null.
 *
 * Returns: %TRUE if valid; else %FALSE with @error naming the field
 */
gboolean
sitrep_record_validate_patch (const char  *coll,
                              JsonObject  *fields,
                              GError     **error)
{
  const CollectionSpec *spec;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  spec = lookup_collection (coll, error);
  if (spec == NULL)
    return FALSE;

  if (fields == NULL)
    return fail (error, "fields", _("must be an object"));

  return check_fields (spec, fields, FALSE, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-protocol.c: the JSON shapes of PROTOCOL.md that pushes, the
 * change feed and snapshots share: the patch merge, reading members, and
 * writing JSON text without building a tree first */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-json.h"
#include "sitrep-protocol-private.h"

G_DEFINE_QUARK (sitrep-protocol-error-quark, sitrep_protocol_error)

/**
 * sitrep_protocol_merge_patch:
 * @body: the record's body, changed in place
 * @fields: the `fields` of a patch
 *
 * Applies a patch: every member of @fields is set on @body, replacing the
 * member of that name; members @fields does not name are kept. The store,
 * its sync side and the server all merge with this.
 */
void
sitrep_protocol_merge_patch (JsonObject *body,
                             JsonObject *fields)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_if_fail (body != NULL);

  if (fields == NULL)
    return;

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (body, name, json_node_copy (node));
}

gboolean
_sitrep_protocol_get_int (JsonObject *o,
                          const char *member,
                          gint64     *out)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
_sitrep_protocol_get_bool (JsonObject *o,
                           const char *member,
                           gboolean   *out)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;

  *out = json_node_get_boolean (node);
  return TRUE;
}

const char *
_sitrep_protocol_get_nonempty_string (JsonObject *o,
                                      const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING
      || *json_node_get_string (node) == '\0')
    return NULL;

  return json_node_get_string (node);
}

/* A string member, or NULL; *ok turns FALSE when it is there and neither a
 * string nor null. */
const char *
_sitrep_protocol_get_nullable_string (JsonObject *o,
                                      const char *member,
                                      gboolean   *ok)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *ok = FALSE;
      return NULL;
    }

  return json_node_get_string (node);
}

JsonArray *
_sitrep_protocol_get_array (JsonObject *o,
                            const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

gboolean
_sitrep_protocol_invalid (GError     **error,
                          const char  *what)
{
  g_set_error_literal (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_INVALID, what);
  return FALSE;
}

gpointer
_sitrep_protocol_invalid_null (GError     **error,
                               const char  *what)
{
  _sitrep_protocol_invalid (error, what);
  return NULL;
}

/* {"coll", "id", "version", "deleted", "body"}; a live record has an object
 * body, a deleted one may have null. */
SitrepRecord *
_sitrep_protocol_parse_record (JsonObject  *o,
                               GError     **error)
{
  const char *coll = _sitrep_protocol_get_nonempty_string (o, "coll");
  const char *id = _sitrep_protocol_get_nonempty_string (o, "id");
  JsonNode *body_node = json_object_get_member (o, "body");
  JsonObject *body = NULL;
  gboolean deleted = FALSE;
  gint64 version;

  if (coll == NULL || id == NULL)
    return _sitrep_protocol_invalid_null (error, _("a record without coll or id"));
  if (!_sitrep_protocol_get_int (o, "version", &version) || version < 0)
    return _sitrep_protocol_invalid_null (error, _("a record without a version"));
  if (json_object_has_member (o, "deleted") && !_sitrep_protocol_get_bool (o, "deleted", &deleted))
    return _sitrep_protocol_invalid_null (error, _("a record’s deleted is not a boolean"));

  if (body_node != NULL && JSON_NODE_HOLDS_OBJECT (body_node))
    body = json_node_get_object (body_node);
  else if (!deleted || (body_node != NULL && !JSON_NODE_HOLDS_NULL (body_node)))
    return _sitrep_protocol_invalid_null (error, _("a record’s body is not an object"));

  return sitrep_record_new (coll, id, version, deleted, body);
}

/**
 * sitrep_protocol_append_string:
 *
 * Appends @text to @out as a JSON string (quoted and escaped), or `null`
 * when @text is %NULL. @text must be UTF-8.
 */
void
sitrep_protocol_append_string (GString    *out,
                               const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  sitrep_json_append_string (out, text);
}

/**
 * sitrep_protocol_append_record:
 * @body_json: (nullable): the body as JSON text, or %NULL for `null`
 *
 * Appends `{"coll", "id", "version", "deleted", "body"}` to @out.
 */
void
sitrep_protocol_append_record (GString    *out,
                               const char *coll,
                               const char *id,
                               gint64      version,
                               gboolean    deleted,
                               const char *body_json)
{
  g_string_append (out, "{\"coll\":");
  sitrep_protocol_append_string (out, coll);
  g_string_append (out, ",\"id\":");
  sitrep_protocol_append_string (out, id);
  g_string_append_printf (out, ",\"version\":%" G_GINT64_FORMAT ",\"deleted\":%s,\"body\":%s}",
                          version, deleted ? "true" : "false",
                          body_json != NULL ? body_json : "null");
}

/**
 * sitrep_protocol_error_json:
 *
 * Returns: (transfer full): `{"error": code, "message": message}`
 */
char *
sitrep_protocol_error_json (const char *code,
                            const char *message)
{
  GString *out = g_string_new ("{\"error\":");

  sitrep_protocol_append_string (out, code);
  g_string_append (out, ",\"message\":");
  sitrep_protocol_append_string (out, message != NULL ? message : code);
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

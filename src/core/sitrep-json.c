/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-json.c: small json-glib helpers, and the bounded parser for
 * untrusted input */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-json.h"

G_DEFINE_QUARK (sitrep-json-error-quark, sitrep_json_error)

/**
 * sitrep_json_get_string:
 *
 * Returns: (transfer none) (nullable): the member's string, or %NULL when
 *   @o or the member is missing, null, or not a string
 */
const char *
sitrep_json_get_string (JsonObject *o,
                        const char *member)
{
  JsonNode *node;

  if (o == NULL || member == NULL)
    return NULL;

  node = json_object_get_member (o, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * sitrep_json_get_bool:
 *
 * Returns: %TRUE only if the member is the JSON boolean `true`
 */
gboolean
sitrep_json_get_bool (JsonObject *o,
                      const char *member)
{
  JsonNode *node;

  if (o == NULL || member == NULL)
    return FALSE;

  node = json_object_get_member (o, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;

  return json_node_get_boolean (node);
}

/**
 * sitrep_json_to_string:
 *
 * Returns: (transfer full): @o serialised compactly
 */
char *
sitrep_json_to_string (JsonObject *o)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (o != NULL, NULL);

  node = json_node_init_object (json_node_alloc (), o);
  return json_to_string (node, FALSE);
}

/* json-glib recurses once per nesting level, so a hostile "[[[[…" could
 * exhaust the stack before any limit of its own applies; count first. */
static gboolean
depth_within (const char *text,
              gsize       len,
              guint       max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;  /* whatever is escaped cannot end the string */
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '{':
        case '[':
          if (++depth > max_depth)
            return FALSE;
          break;
        case '}':
        case ']':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  return TRUE;
}

/**
 * sitrep_json_from_string:
 * @text: untrusted JSON text
 *
 * Parses @text, which must be a JSON object of at most 256 KiB nested at
 * most 32 deep; both limits are checked before json-glib sees the text.
 *
 * Returns: (transfer full) (nullable): the object, or %NULL with @error set
 *   (%SITREP_JSON_ERROR, or %JSON_PARSER_ERROR for syntax errors)
 */
JsonObject *
sitrep_json_from_string (const char  *text,
                         GError     **error)
{
  gsize len;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    {
      g_set_error_literal (error, SITREP_JSON_ERROR, SITREP_JSON_ERROR_INVALID,
                           _("No JSON text"));
      return NULL;
    }

  /* Stop counting at the limit: no need to walk a gigabyte to refuse it. */
  len = strnlen (text, SITREP_JSON_MAX_SIZE + 1);

  return sitrep_json_from_data_bounded (text, len, SITREP_JSON_MAX_SIZE, SITREP_JSON_MAX_DEPTH,
                                        error);
}

/**
 * sitrep_json_from_data_bounded:
 * @data: the text, not necessarily nul-terminated
 * @len: its length in bytes
 * @max_size: the largest text accepted
 * @max_depth: the deepest nesting accepted
 *
 * Parses untrusted JSON that must be an object, refusing text over
 * @max_size bytes, invalid UTF-8 and nesting deeper than @max_depth before
 * json-glib sees it (its recursive parser would exhaust the stack first).
 *
 * Returns: (transfer full): a mutable object, or %NULL with @error set in
 *   the %SITREP_JSON_ERROR or %JSON_PARSER_ERROR domain
 */
JsonObject *
sitrep_json_from_data_bounded (const char  *data,
                               gsize        len,
                               gsize        max_size,
                               guint        max_depth,
                               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > max_size)
    {
      g_set_error (error, SITREP_JSON_ERROR, SITREP_JSON_ERROR_TOO_LARGE,
                   _("JSON text is larger than %" G_GSIZE_FORMAT " bytes"), max_size);
      return NULL;
    }

  if (!g_utf8_validate (data, len, NULL))
    {
      g_set_error_literal (error, SITREP_JSON_ERROR, SITREP_JSON_ERROR_INVALID,
                           _("JSON text is not valid UTF-8"));
      return NULL;
    }

  if (!depth_within (data, len, max_depth))
    {
      g_set_error (error, SITREP_JSON_ERROR, SITREP_JSON_ERROR_TOO_DEEP,
                   _("JSON is nested deeper than %u levels"), max_depth);
      return NULL;
    }

  /* Mutable, so callers may edit what they get back. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, SITREP_JSON_ERROR, SITREP_JSON_ERROR_INVALID,
                           _("JSON text is not an object"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

static JsonNode *copy_node (JsonNode *node);

static JsonObject *
copy_object (JsonObject *o)
{
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (o);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      json_object_set_member (copy, name, copy_node (json_object_get_member (o, name)));
    }

  return copy;
}

static JsonNode *
copy_node (JsonNode *node)
{
  JsonNode *copy;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        g_autoptr(JsonObject) object = copy_object (json_node_get_object (node));

        return json_node_init_object (json_node_alloc (), object);
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        g_autoptr(JsonArray) elements = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (elements, copy_node (json_array_get_element (array, i)));

        return json_node_init_array (json_node_alloc (), elements);
      }

    case JSON_NODE_VALUE:
      /* A fresh value rather than json_node_copy(), which shares it. */
      copy = json_node_alloc ();
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return json_node_init_string (copy, json_node_get_string (node));
        case G_TYPE_INT64:
          return json_node_init_int (copy, json_node_get_int (node));
        case G_TYPE_DOUBLE:
          return json_node_init_double (copy, json_node_get_double (node));
        case G_TYPE_BOOLEAN:
          return json_node_init_boolean (copy, json_node_get_boolean (node));
        default:
          return json_node_init_null (copy);
        }

    case JSON_NODE_NULL:
    default:
      return json_node_new (JSON_NODE_NULL);
    }
}

/**
 * sitrep_json_copy:
 *
 * Copies @o and everything in it, unlike json_node_copy(), which shares
 * nested objects and arrays. The copy is mutable even when @o was sealed.
 *
 * Returns: (transfer full): the copy
 */
JsonObject *
sitrep_json_copy (JsonObject *o)
{
  g_return_val_if_fail (o != NULL, NULL);

  return copy_object (o);
}

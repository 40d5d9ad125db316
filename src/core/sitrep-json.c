/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-json.c: small json-glib helpers; untrusted text is parsed by
 * src/protocol/sitrep-protocol-scan.c */

#include "config.h"

#include "sitrep-json.h"

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

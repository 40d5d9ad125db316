/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-json.c: small json-glib helpers; untrusted text is parsed by
 * src/protocol/sitrep-protocol-scan.c */

#include "config.h"

#include <math.h>
#include <string.h>

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
 * sitrep_json_append_string:
 *
 * Appends @text, which must be UTF-8, to @out as a quoted, escaped JSON
 * string.
 */
void
sitrep_json_append_string (GString    *out,
                           const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

/* json-glib's own writer appends ".0" to any double without a point, which
 * makes 1e+20 the invalid "1e+20.0"; this writes what JSON allows. */
static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  g_ascii_dtostr (buf, sizeof buf, value);
  g_string_append (out, buf);
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void append_node (GString  *out,
                         JsonNode *node);

static void
append_object (GString    *out,
               JsonObject *o)
{
  /* In the order the members were set, as json-glib writes them. */
  g_autoptr(GList) names = json_object_get_members (o);

  g_string_append_c (out, '{');
  for (GList *l = names; l != NULL; l = l->next)
    {
      if (l != names)
        g_string_append_c (out, ',');
      sitrep_json_append_string (out, l->data);
      g_string_append_c (out, ':');
      append_node (out, json_object_get_member (o, l->data));
    }
  g_string_append_c (out, '}');
}

static void
append_node (GString  *out,
             JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      append_object (out, json_node_get_object (node));
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          sitrep_json_append_string (out, json_node_get_string (node));
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        default:
          g_string_append (out, "null");
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/**
 * sitrep_json_to_string:
 *
 * Writes @o compactly, as json-glib would, but always as valid JSON (see
 * append_double()).
 *
 * Returns: (transfer full): @o serialised compactly
 */
char *
sitrep_json_to_string (JsonObject *o)
{
  GString *out;

  g_return_val_if_fail (o != NULL, NULL);

  out = g_string_sized_new (256);
  append_object (out, o);
  return g_string_free (out, FALSE);
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

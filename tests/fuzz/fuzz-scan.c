/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-scan.c: the validating scanner of untrusted text
 *
 * What the scan lets through must parse, to a tree of no more than the
 * depth counted whose every string is valid UTF-8 without NUL, and the
 * server's writing of it must pass the scan again. Query parsing and the
 * plain text check are driven with the same bytes. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep-json.h"
#include "sitrep-protocol-scan.h"
#include "fuzz-entry.h"

static void
check_string (const char *text)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    abort ();
}

static void
check_node (JsonNode *node,
            guint     depth)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      if (depth + 1 > SITREP_PROTOCOL_MAX_DEPTH)
        abort ();
      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          check_string (name);
          check_node (member, depth + 1);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      if (depth + 1 > SITREP_PROTOCOL_MAX_DEPTH)
        abort ();
      for (guint i = 0; i < json_array_get_length (array); i++)
        check_node (json_array_get_element (array, i), depth + 1);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    check_string (json_node_get_string (node));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autoptr(GError) error = NULL;

  if (sitrep_protocol_scan_json (text, size, SITREP_PROTOCOL_MAX_TEXT, SITREP_PROTOCOL_MAX_DEPTH,
                                 &error))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *again = NULL;

      if (!json_parser_load_from_data (parser, text, (gssize) size, NULL))
        abort ();
      check_node (json_parser_get_root (parser), 0);

      /* What the server writes back must be JSON that passes again. */
      if (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          again = sitrep_json_to_string (json_node_get_object (json_parser_get_root (parser)));
          if (!sitrep_protocol_scan_json (again, strlen (again), G_MAXSIZE,
                                          SITREP_PROTOCOL_MAX_DEPTH, NULL))
            abort ();
        }
    }
  else if (error == NULL || error->domain != SITREP_PROTOCOL_SCAN_ERROR)
    abort ();

  if (sitrep_protocol_scan_text (text, size, SITREP_PROTOCOL_MAX_TEXT, NULL))
    {
      g_autofree char *query = g_strndup (text, size);
      g_autoptr(GHashTable) params = sitrep_protocol_parse_query (query, NULL);
      GHashTableIter iter;
      gpointer key, value;

      if (params != NULL)
        {
          g_hash_table_iter_init (&iter, params);
          while (g_hash_table_iter_next (&iter, &key, &value))
            {
              check_string (key);
              check_string (value);
            }
        }
    }

  return 0;
}

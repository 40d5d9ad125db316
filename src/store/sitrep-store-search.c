/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-store-search.c: full-text search over incidents and timelines */

#define G_LOG_DOMAIN "sitrep-store"

#include "config.h"

#include "sitrep-store-private.h"

static char *
search_text_of (const char *coll,
                JsonObject *body)
{
  static const char *incident_fields[] = { "title", "summary", "customer_impact", "ref" };
  GString *text = g_string_new (NULL);

  if (g_str_equal (coll, "incidents"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (incident_fields); i++)
        {
          const char *value = json_object_get_string_member_with_default (body,
                                                                          incident_fields[i],
                                                                          NULL);
          if (value != NULL)
            g_string_append_printf (text, "%s\n", value);
        }
      if (json_object_has_member (body, "services") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (body, "services")))
        {
          JsonArray *services = json_object_get_array_member (body, "services");

          for (guint i = 0; i < json_array_get_length (services); i++)
            {
              JsonNode *node = json_array_get_element (services, i);

              if (json_node_get_value_type (node) == G_TYPE_STRING)
                g_string_append_printf (text, "%s\n", json_node_get_string (node));
            }
        }
    }
  else if (g_str_equal (coll, "timeline"))
    {
      const char *value = json_object_get_string_member_with_default (body, "text", NULL);

      if (value != NULL)
        g_string_append (text, value);
    }

  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }

  return g_string_free (text, FALSE);
}

gboolean
_sitrep_store_update_search (SitrepStore  *self,
                             const char   *coll,
                             const char   *id,
                             const char   *incident_id,
                             gboolean      deleted,
                             JsonObject   *body,
                             GError      **error)
{
  g_autofree char *text = NULL;

  if (!g_str_equal (coll, "incidents") && !g_str_equal (coll, "timeline"))
    return TRUE;

  sqlite3_bind_text (self->fts_lookup_stmt, 1, coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->fts_lookup_stmt, 2, id, -1, SQLITE_STATIC);
  if (sqlite3_step (self->fts_lookup_stmt) == SQLITE_ROW)
    {
      sqlite3_bind_int64 (self->fts_delete_stmt, 1, sqlite3_column_int64 (self->fts_lookup_stmt, 0));
      if (!_sitrep_store_step_done (self, self->fts_delete_stmt, "search", error))
        {
          sqlite3_reset (self->fts_lookup_stmt);
          return FALSE;
        }
    }
  sqlite3_reset (self->fts_lookup_stmt);
  sqlite3_clear_bindings (self->fts_lookup_stmt);

  /* A mapping must not outlive its row: FTS5 may hand the rowid out again. */
  if (deleted || incident_id == NULL || (text = search_text_of (coll, body)) == NULL)
    {
      sqlite3_bind_text (self->fts_unmap_stmt, 1, coll, -1, SQLITE_STATIC);
      sqlite3_bind_text (self->fts_unmap_stmt, 2, id, -1, SQLITE_STATIC);
      return _sitrep_store_step_done (self, self->fts_unmap_stmt, "search", error);
    }

  sqlite3_bind_text (self->fts_insert_stmt, 1, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->fts_insert_stmt, 2, coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->fts_insert_stmt, 3, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->fts_insert_stmt, 4, incident_id, -1, SQLITE_STATIC);
  if (!_sitrep_store_step_done (self, self->fts_insert_stmt, "search", error))
    return FALSE;

  sqlite3_bind_text (self->fts_map_stmt, 1, coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->fts_map_stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (self->fts_map_stmt, 3, sqlite3_last_insert_rowid (self->db));
  return _sitrep_store_step_done (self, self->fts_map_stmt, "search", error);
}

/* Every word the user typed must match the start of a word, in any order;
 * quoting each one keeps FTS5's query syntax out of the user's way. */
static char *
build_match_query (const char *query)
{
  g_auto(GStrv) words = g_strsplit_set (query, " \t\n\"", -1);
  GString *match = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append_printf (match, "\"%s\"*", words[i]);
    }

  if (match->len == 0)
    {
      g_string_free (match, TRUE);
      return NULL;
    }

  return g_string_free (match, FALSE);
}

/**
 * sitrep_store_search_incidents:
 * @query: words as the user typed them
 *
 * Full-text search over incident titles, summaries, impact, services and
 * timeline text.
 *
 * Returns: (transfer full): a set of incident ids, or %NULL with @error set
 */
GHashTable *
sitrep_store_search_incidents (SitrepStore  *self,
                               const char   *query,
                               GError      **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  match = build_match_query (query ? query : "");
  if (match == NULL)
    return g_steal_pointer (&ids);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT DISTINCT incident_id FROM search WHERE search MATCH ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sitrep_store_set_sqlite_error (self, error, "search");
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _sitrep_store_set_sqlite_error (self, error, "search");
      return NULL;
    }

  return g_steal_pointer (&ids);
}

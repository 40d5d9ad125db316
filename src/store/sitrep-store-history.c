/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-store-history.c: who changed a tracked field, from what to what */

#define G_LOG_DOMAIN "sitrep-store"

#include "config.h"

#include "sitrep-store-private.h"
#include "sitrep-time.h"

void
sitrep_history_entry_free (SitrepHistoryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->field);
  g_free (entry->before);
  g_free (entry->after);
  g_free (entry->actor);
  g_free (entry->ts);
  g_free (entry);
}

static const char *const timeline_tracked[] = { "text", "occurred_at", "kind", "pinned", NULL };
static const char *const incident_tracked[] = { "detected_at", "declared_at", "acknowledged_at",
                                                "mitigated_at", "resolved_at", "closed_at",
                                                "impact_started_at", NULL };

/* A field's value as the history shows it: strings as they are, null as
 * NULL, anything else as JSON. */
static char *
value_text (JsonObject *body,
            const char *field)
{
  JsonNode *node = json_object_get_member (body, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

/* Two times that name the same second are the same time, however they
 * are written ("…13:13:13Z" and "…13:13:13.250Z"): an editor that writes
 * the time back unchanged records no change of it. */
static gboolean
same_value (const char *field,
            const char *a,
            const char *b)
{
  g_autoptr(GDateTime) ta = NULL;
  g_autoptr(GDateTime) tb = NULL;

  if (g_strcmp0 (a, b) == 0)
    return TRUE;
  if (a == NULL || b == NULL ||
      !(g_str_equal (field, "occurred_at") || g_str_has_suffix (field, "_at")))
    return FALSE;
  ta = sitrep_time_parse (a);
  tb = sitrep_time_parse (b);
  return ta != NULL && tb != NULL &&
         g_date_time_to_unix (ta) == g_date_time_to_unix (tb);
}

static gboolean
insert (SitrepStore  *self,
        const char   *coll,
        const char   *id,
        const char   *field,
        const char   *before,
        const char   *after,
        const char   *actor,
        const char   *now,
        GError      **error)
{
  sqlite3_bind_text (self->history_stmt, 1, coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->history_stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->history_stmt, 3, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->history_stmt, 4, before, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->history_stmt, 5, after, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->history_stmt, 6, actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->history_stmt, 7, now, -1, SQLITE_STATIC);
  return _sitrep_store_step_done (self, self->history_stmt, "history", error);
}

/**
 * _sitrep_store_record_restored:
 *
 * Keeps a deleted timeline entry's coming back (an undo of the delete) as
 * the pseudo-field "restored", with the text it came back with.
 */
gboolean
_sitrep_store_record_restored (SitrepStore  *self,
                               const char   *coll,
                               const char   *id,
                               JsonObject   *after,
                               const char   *actor,
                               const char   *now,
                               GError      **error)
{
  g_autofree char *text = NULL;

  if (!g_str_equal (coll, "timeline"))
    return TRUE;
  text = value_text (after, "text");
  return insert (self, coll, id, "restored", NULL, text, actor, now, error);
}

/* @before is %NULL for a record being created, @after for one being
 * deleted: those are kept as the pseudo-fields "created" and "deleted",
 * with the entry's text (a timeline entry's) as it was written or as it
 * was last, so that a deleted entry leaves a trace of what it said. */
gboolean
_sitrep_store_record_history (SitrepStore   *self,
                              const char    *coll,
                              const char    *id,
                              JsonObject    *before,
                              JsonObject    *after,
                              const char    *actor,
                              const char    *now,
                              GError       **error)
{
  const char *const *tracked;

  if (g_str_equal (coll, "timeline"))
    tracked = timeline_tracked;
  else if (g_str_equal (coll, "incidents"))
    tracked = incident_tracked;
  else
    return TRUE;

  if (before == NULL || after == NULL)
    {
      const char *field = before == NULL ? "created" : "deleted";
      g_autofree char *text = NULL;

      if (tracked != timeline_tracked)
        return TRUE;
      text = value_text (before == NULL ? after : before, "text");
      return insert (self, coll, id, field, before == NULL ? NULL : text,
                     before == NULL ? text : NULL, actor, now, error);
    }

  for (guint i = 0; tracked[i] != NULL; i++)
    {
      g_autofree char *old_value = value_text (before, tracked[i]);
      g_autofree char *new_value = value_text (after, tracked[i]);

      /* An entry never pinned and one unpinned read the same. */
      if (g_str_equal (tracked[i], "pinned"))
        {
          if (old_value == NULL)
            old_value = g_strdup ("false");
          if (new_value == NULL)
            new_value = g_strdup ("false");
        }

      if (same_value (tracked[i], old_value, new_value))
        continue;
      if (!insert (self, coll, id, tracked[i], old_value, new_value, actor, now, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_store_list_history:
 *
 * Returns: (transfer full) (element-type SitrepHistoryEntry): every
 *   recorded change of the record's tracked fields, oldest first
 */
GPtrArray *
sitrep_store_list_history (SitrepStore  *self,
                           const char   *coll,
                           const char   *id,
                           GError      **error)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_history_entry_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SITREP_IS_STORE (self), NULL);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT field, before, after, actor, ts FROM history "
                          "WHERE coll = ? AND id = ? ORDER BY seq",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _sitrep_store_set_sqlite_error (self, error, "history");
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, coll, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SitrepHistoryEntry *entry = g_new0 (SitrepHistoryEntry, 1);

      entry->field = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      entry->before = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->after = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->actor = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->ts = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (entries, entry);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      _sitrep_store_set_sqlite_error (self, error, "history");
      return NULL;
    }

  return g_steal_pointer (&entries);
}

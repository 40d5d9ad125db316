/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-protocol-feed.c: `GET /v1/changes` and `GET /v1/snapshot`
 *
 * The server writes them from JSON text as it stores it, without parsing
 * a body; a client reads them checking every member it uses, so that an
 * answer that is not what PROTOCOL.md says fails as a whole.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-protocol-feed.h"
#include "sitrep-protocol-private.h"

void
sitrep_change_free (SitrepChange *change)
{
  if (change == NULL)
    return;

  g_clear_pointer (&change->record, sitrep_record_free);
  g_free (change->actor);
  g_free (change->client_id);
  g_free (change);
}

void
sitrep_protocol_change_free (SitrepProtocolChange *change)
{
  if (change == NULL)
    return;

  g_free (change->coll);
  g_free (change->id);
  g_free (change->op);
  g_free (change->body);
  g_free (change->client_id);
  g_free (change->actor);
  g_free (change->ts);
  g_free (change);
}

static void
append_change (GString                    *out,
               const SitrepProtocolChange *c)
{
  g_string_append_printf (out, "{\"seq\":%" G_GINT64_FORMAT ",\"coll\":", c->seq);
  sitrep_protocol_append_string (out, c->coll);
  g_string_append (out, ",\"id\":");
  sitrep_protocol_append_string (out, c->id);
  g_string_append_printf (out, ",\"version\":%" G_GINT64_FORMAT ",\"op\":", c->version);
  sitrep_protocol_append_string (out, c->op);
  g_string_append_printf (out, ",\"deleted\":%s,\"body\":%s,\"client_id\":",
                          c->deleted ? "true" : "false", c->body != NULL ? c->body : "null");
  sitrep_protocol_append_string (out, c->client_id);
  if (c->client_id != NULL)
    g_string_append_printf (out, ",\"mid\":%" G_GINT64_FORMAT, c->mid);
  else
    g_string_append (out, ",\"mid\":null");
  g_string_append (out, ",\"actor\":");
  sitrep_protocol_append_string (out, c->actor);
  g_string_append (out, ",\"ts\":");
  sitrep_protocol_append_string (out, c->ts);
  g_string_append_c (out, '}');
}

/**
 * sitrep_protocol_changes_build:
 * @changes: (element-type SitrepProtocolChange): in seq order
 * @since: the `since` asked for: the `last_seq` of an empty page
 * @more: whether more changes follow the page
 *
 * Returns: (transfer full): the answer of `GET /v1/changes`
 */
char *
sitrep_protocol_changes_build (GPtrArray *changes,
                               gint64     since,
                               gboolean   more)
{
  GString *out = g_string_sized_new (256 + changes->len * 256);
  gint64 last_seq = since;

  g_string_append (out, "{\"changes\":[");
  for (guint i = 0; i < changes->len; i++)
    {
      const SitrepProtocolChange *c = g_ptr_array_index (changes, i);

      if (i > 0)
        g_string_append_c (out, ',');
      append_change (out, c);
      last_seq = c->seq;
    }
  g_string_append_printf (out, "],\"last_seq\":%" G_GINT64_FORMAT ",\"more\":%s}",
                          last_seq, more ? "true" : "false");

  return g_string_free (out, FALSE);
}

static SitrepChange *
parse_change (JsonObject  *o,
              GError     **error)
{
  g_autoptr(SitrepRecord) record = _sitrep_protocol_parse_record (o, error);
  SitrepChange *change;
  gboolean ok = TRUE;
  const char *actor;
  const char *client_id;
  JsonNode *mid_node;
  gint64 seq;
  gint64 mid = 0;

  if (record == NULL)
    return NULL;
  if (!_sitrep_protocol_get_int (o, "seq", &seq) || seq <= 0)
    return _sitrep_protocol_invalid_null (error, _("a change without a seq"));
  actor = _sitrep_protocol_get_nullable_string (o, "actor", &ok);
  client_id = _sitrep_protocol_get_nullable_string (o, "client_id", &ok);
  mid_node = json_object_get_member (o, "mid");
  if (mid_node != NULL && !JSON_NODE_HOLDS_NULL (mid_node)
      && !_sitrep_protocol_get_int (o, "mid", &mid))
    ok = FALSE;
  if (!ok)
    return _sitrep_protocol_invalid_null (error, _("a change’s actor, client_id or mid has "
                                                   "the wrong type"));

  change = g_new0 (SitrepChange, 1);
  change->seq = seq;
  change->record = g_steal_pointer (&record);
  change->actor = g_strdup (actor);
  change->client_id = g_strdup (client_id);
  change->mid = mid;
  return change;
}

/**
 * sitrep_protocol_changes_parse:
 * @since: the `since` asked for
 * @last_seq: (out): the feed position the page brings a client to
 * @more: (out): whether more changes follow
 *
 * Returns: (transfer full) (element-type SitrepChange): the changes of a
 *   `GET /v1/changes` answer, which must follow @since in increasing
 *   order, or %NULL with @error set (%SITREP_PROTOCOL_ERROR_INVALID)
 */
GPtrArray *
sitrep_protocol_changes_parse (JsonObject  *answer,
                               gint64       since,
                               gint64      *last_seq,
                               gboolean    *more,
                               GError     **error)
{
  JsonArray *array = _sitrep_protocol_get_array (answer, "changes");
  g_autoptr(GPtrArray) changes =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_change_free);
  gint64 previous = since;

  if (array == NULL)
    return _sitrep_protocol_invalid_null (error, _("no changes"));
  if (!_sitrep_protocol_get_int (answer, "last_seq", last_seq))
    return _sitrep_protocol_invalid_null (error, _("no last_seq"));
  if (!_sitrep_protocol_get_bool (answer, "more", more))
    return _sitrep_protocol_invalid_null (error, _("no more"));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      SitrepChange *change;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return _sitrep_protocol_invalid_null (error, _("a change is not an object"));
      change = parse_change (json_node_get_object (node), error);
      if (change == NULL)
        return NULL;
      g_ptr_array_add (changes, change);
      if (change->seq <= previous)
        return _sitrep_protocol_invalid_null (error, _("changes out of order"));
      previous = change->seq;
    }

  if (*last_seq < previous)
    return _sitrep_protocol_invalid_null (error, _("last_seq is behind the changes"));

  return g_steal_pointer (&changes);
}

/**
 * sitrep_protocol_snapshot_add:
 * @records: the snapshot's records so far, as JSON text, without brackets
 *
 * Appends one record to a snapshot being built.
 */
void
sitrep_protocol_snapshot_add (GString                    *records,
                              const SitrepProtocolRecord *record)
{
  if (records->len > 0)
    g_string_append_c (records, ',');
  sitrep_protocol_append_record (records, record->coll, record->id, record->version,
                                 record->deleted, record->body);
}

/**
 * sitrep_protocol_snapshot_build:
 * @seq: the feed position the records are current at
 * @records: (transfer full): what sitrep_protocol_snapshot_add() built;
 *   it becomes the answer, so a large snapshot is not copied
 *
 * Returns: (transfer full): the answer of `GET /v1/snapshot`
 */
char *
sitrep_protocol_snapshot_build (gint64   seq,
                                GString *records)
{
  g_autofree char *head = g_strdup_printf ("{\"seq\":%" G_GINT64_FORMAT ",\"records\":[", seq);

  g_string_prepend (records, head);
  g_string_append (records, "]}");

  return g_string_free (records, FALSE);
}

/**
 * sitrep_protocol_snapshot_parse:
 * @seq: (out): the feed position of the snapshot
 *
 * Returns: (transfer full) (element-type SitrepRecord): the records of a
 *   `GET /v1/snapshot` answer, or %NULL with @error set
 *   (%SITREP_PROTOCOL_ERROR_INVALID)
 */
GPtrArray *
sitrep_protocol_snapshot_parse (JsonObject  *answer,
                                gint64      *seq,
                                GError     **error)
{
  JsonArray *array = _sitrep_protocol_get_array (answer, "records");
  g_autoptr(GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_record_free);

  if (array == NULL)
    return _sitrep_protocol_invalid_null (error, _("no records"));
  if (!_sitrep_protocol_get_int (answer, "seq", seq) || *seq < 0)
    return _sitrep_protocol_invalid_null (error, _("no seq"));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      SitrepRecord *record;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return _sitrep_protocol_invalid_null (error, _("a record is not an object"));
      record = _sitrep_protocol_parse_record (json_node_get_object (node), error);
      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }

  return g_steal_pointer (&records);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-store-report.c: what a report of a period reads from a database
 *
 * Shared by `sitrep report` and the app's Reports window. */

#include "config.h"

#include "sitrep-store-report.h"

static JsonObject *
parse_body (JsonParser *parser,
            const char *text)
{
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

/* Only the bodies of the incidents placed in @window (and their action
 * items and postmortems) are parsed: SQLite reads the two times that
 * place an incident, and the incident of an action item, without the
 * rest. */
/**
 * sitrep_store_read_metrics_input:
 * @store: the database
 * @window: the incidents to read: those placed in it
 * @input: where they go
 *
 * Returns: %FALSE with @error set when the database cannot be read
 */
gboolean
sitrep_store_read_metrics_input (SitrepStore         *store,
                                 const SitrepPeriod  *window,
                                 SitrepMetricsInput  *input,
                                 GError             **error)
{
  static const char * const incident_fields[] = { "detected_at", "declared_at", NULL };
  static const char * const item_fields[] = { "incident_id", NULL };
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GPtrArray) action_items = NULL;
  g_autoptr(GPtrArray) postmortems = NULL;

  if ((incidents = sitrep_store_list_raw (store, "incidents", NULL, incident_fields,
                                          error)) == NULL
      || (action_items = sitrep_store_list_raw (store, "action_items", NULL, item_fields,
                                                error)) == NULL
      || (postmortems = sitrep_store_list_raw (store, "postmortems", NULL, NULL, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < incidents->len; i++)
    {
      SitrepRawRecord *record = g_ptr_array_index (incidents, i);
      g_autoptr(JsonObject) body = NULL;
      gint64 t = sitrep_metrics_place (record->fields[0], record->fields[1], NULL);

      if (!sitrep_period_contains (window, t) || (body = parse_body (parser, record->body)) == NULL)
        continue;
      sitrep_metrics_input_add_incident (input, record->id, body);
      g_hash_table_add (ids, record->id);
    }
  for (guint i = 0; i < action_items->len; i++)
    {
      SitrepRawRecord *record = g_ptr_array_index (action_items, i);
      g_autoptr(JsonObject) body = NULL;

      if (record->fields[0] != NULL && g_hash_table_contains (ids, record->fields[0])
          && (body = parse_body (parser, record->body)) != NULL)
        sitrep_metrics_input_add_action_item (input, body);
    }
  for (guint i = 0; i < postmortems->len; i++)
    {
      SitrepRawRecord *record = g_ptr_array_index (postmortems, i);
      g_autoptr(JsonObject) body = NULL;

      if (g_hash_table_contains (ids, record->id) && (body = parse_body (parser, record->body)) != NULL)
        sitrep_metrics_input_add_postmortem (input, record->id, body);
    }
  return TRUE;
}

/**
 * sitrep_store_compute_report:
 * @db_path: the local database
 * @period: the month, quarter or range
 * @with_previous: also compute the period before, for the change
 * @now: the time action items are overdue at
 * @metrics: (out): the figures of @period
 * @previous_metrics: (out) (optional): those of the period before, or
 *   %NULL when @with_previous is %FALSE
 *
 * Opens the database for reading only (it works while the app has it
 * open, and from any thread), reads what the period needs and computes
 * its figures.
 *
 * Returns: %FALSE with @error set when the database cannot be read
 */
gboolean
sitrep_store_compute_report (const char          *db_path,
                             const SitrepPeriod  *period,
                             gboolean             with_previous,
                             GDateTime           *now,
                             SitrepMetrics      **metrics,
                             SitrepMetrics      **previous_metrics,
                             GError             **error)
{
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(SitrepMetricsInput) input = sitrep_metrics_input_new ();
  SitrepPeriod previous, window;

  /* What the report reads: this period and, for the change, the one
   * before. */
  sitrep_period_previous (period, &previous);
  window = *period;
  if (with_previous)
    window.start = previous.start;

  if ((store = sitrep_store_open_for_reading (db_path, error)) == NULL
      || !sitrep_store_read_metrics_input (store, &window, input, error))
    return FALSE;
  g_clear_object (&store);

  *metrics = sitrep_metrics_compute (input, period, now);
  if (previous_metrics != NULL)
    *previous_metrics = with_previous ? sitrep_metrics_compute (input, &previous, now) : NULL;
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-metrics.c: the guide's reliability metrics for a period
 *
 * The figures, each defined here once (help/C/reports.page says the same):
 *
 * Period: a calendar month or quarter in UTC, or any range [start, end).
 *   An incident belongs to the period in which it was detected
 *   (`detected_at`); an incident without a readable `detected_at` is placed
 *   by `declared_at` instead, and one with neither belongs to no period.
 *   That fallback only places the incident: its spans still need
 *   `detected_at`.
 * Total incidents: the incidents of the period; per severity by their
 *   `severity` (P1..P4).
 * MTTD, mean time to detect: `impact_started_at` → `detected_at`.
 * MTTM, mean time to mitigate: `detected_at` → `mitigated_at`.
 * MTTR, mean time to resolve: `detected_at` → `resolved_at`.
 *   Each in minutes, as the mean and the median over the incidents that
 *   have both times, with how many that is. An incident lacking either
 *   time is counted as missing, never as zero; one whose second time is
 *   before the first is counted as invalid and left out of the figure.
 * Top impacted services: how many incidents of the period name each
 *   service in `services`, most first, then by name.
 * After-hours share: the share of the period's incidents detected (placed,
 *   as above) outside working hours, 09:00–18:00 Monday to Friday, UTC:
 *   before 09:00, at 18:00 or later, or on a Saturday or Sunday.
 * Action items: the `action_items` of the period's incidents, by their
 *   status now (completed, in progress, not started, deferred; a missing
 *   status is not started) and, apart from that, how many are overdue
 *   (sitrep_action_item_is_overdue(): not completed and past the due day).
 * Change: against the previous period of the same kind (the month or
 *   quarter before, or the range of the same length just before), in
 *   percent rounded to a whole number, (this − previous) / previous; none
 *   when the previous figure is 0 or either has no data.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sitrep-action-items.h"
#include "sitrep-json.h"
#include "sitrep-metrics.h"
#include "sitrep-metrics-private.h"
#include "sitrep-time.h"

typedef struct
{
  char       *id;
  JsonObject *body;
  gint64      placed_at;
  gboolean    by_declared;
} InputIncident;

struct _SitrepMetricsInput
{
  GArray     *incidents;     /* InputIncident */
  GPtrArray  *action_items;  /* JsonObject */
  GHashTable *postmortems;   /* incident id → JsonObject */
};

static gint64
get_time (JsonObject *body,
          const char *member)
{
  const char *text = sitrep_json_get_string (body, member);
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || (dt = sitrep_time_parse (text)) == NULL)
    return 0;
  return sitrep_metrics_usec (dt);
}

/**
 * sitrep_metrics_is_after_hours:
 * @t: microseconds since the epoch
 *
 * Outside 09:00–18:00 Monday to Friday, UTC: before 09:00, at 18:00 or
 * later, or on a Saturday or Sunday.
 */
gboolean
sitrep_metrics_is_after_hours (gint64 t)
{
  g_autoptr(GDateTime) dt = sitrep_metrics_utc (t);
  int hour = g_date_time_get_hour (dt);

  return g_date_time_get_day_of_week (dt) > 5 || hour < 9 || hour >= 18;
}

/**
 * sitrep_metrics_change_percent:
 *
 * The change from @previous to @current in percent, rounded to the
 * nearest whole number: 18 → 14 is -22.
 *
 * Returns: %FALSE when there is none: @previous is 0, or either is NAN
 */
gboolean
sitrep_metrics_change_percent (double  previous,
                               double  current,
                               int    *out)
{
  double change;

  if (isnan (previous) || isnan (current) || previous == 0)
    return FALSE;

  change = round ((current - previous) / previous * 100);
  *out = change == 0 ? 0 : (int) change;
  return TRUE;
}

/* Input */

SitrepMetricsInput *
sitrep_metrics_input_new (void)
{
  SitrepMetricsInput *input = g_new0 (SitrepMetricsInput, 1);

  input->incidents = g_array_new (FALSE, FALSE, sizeof (InputIncident));
  input->action_items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  input->postmortems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) json_object_unref);
  return input;
}

void
sitrep_metrics_input_free (SitrepMetricsInput *input)
{
  if (input == NULL)
    return;

  for (guint i = 0; i < input->incidents->len; i++)
    {
      InputIncident *incident = &g_array_index (input->incidents, InputIncident, i);

      g_free (incident->id);
      json_object_unref (incident->body);
    }
  g_array_unref (input->incidents);
  g_ptr_array_unref (input->action_items);
  g_hash_table_unref (input->postmortems);
  g_free (input);
}

/**
 * sitrep_metrics_place:
 * @detected_at: (nullable): an incident's `detected_at`
 * @declared_at: (nullable): its `declared_at`
 *
 * When an incident counts for the periods: when it was detected, or when
 * it was declared if it has no readable detection time.
 *
 * Returns: microseconds since the epoch, 0 when it has neither time
 */
gint64
sitrep_metrics_place (const char *detected_at,
                      const char *declared_at,
                      gboolean   *by_declared)
{
  g_autoptr(GDateTime) detected = detected_at ? sitrep_time_parse (detected_at) : NULL;
  g_autoptr(GDateTime) declared = NULL;

  if (by_declared != NULL)
    *by_declared = detected == NULL;
  if (detected != NULL)
    return sitrep_metrics_usec (detected);
  declared = declared_at ? sitrep_time_parse (declared_at) : NULL;
  return declared ? sitrep_metrics_usec (declared) : 0;
}

/**
 * sitrep_metrics_input_add_incident:
 * @id: the incident's id
 * @body: an `incidents` body (PROTOCOL.md); a reference is kept
 */
void
sitrep_metrics_input_add_incident (SitrepMetricsInput *input,
                                   const char         *id,
                                   JsonObject         *body)
{
  InputIncident incident = { NULL, NULL, 0, FALSE };

  g_return_if_fail (input != NULL && id != NULL && body != NULL);

  incident.placed_at = sitrep_metrics_place (sitrep_json_get_string (body, "detected_at"),
                                             sitrep_json_get_string (body, "declared_at"),
                                             &incident.by_declared);
  /* In no period at all */
  if (incident.placed_at == 0)
    return;

  incident.id = g_strdup (id);
  incident.body = json_object_ref (body);
  g_array_append_val (input->incidents, incident);
}

/**
 * sitrep_metrics_input_add_action_item:
 * @body: an `action_items` body; a reference is kept
 */
void
sitrep_metrics_input_add_action_item (SitrepMetricsInput *input,
                                      JsonObject         *body)
{
  g_return_if_fail (input != NULL && body != NULL);

  if (sitrep_json_get_string (body, "incident_id") != NULL)
    g_ptr_array_add (input->action_items, json_object_ref (body));
}

/**
 * sitrep_metrics_input_add_postmortem:
 * @incident_id: the incident's id (a postmortem's own id)
 * @body: a `postmortems` body; a reference is kept
 */
void
sitrep_metrics_input_add_postmortem (SitrepMetricsInput *input,
                                     const char         *incident_id,
                                     JsonObject         *body)
{
  g_return_if_fail (input != NULL && incident_id != NULL && body != NULL);

  g_hash_table_replace (input->postmortems, g_strdup (incident_id), json_object_ref (body));
}

/* Computing */

static void
metrics_incident_free (SitrepMetricsIncident *incident)
{
  g_free (incident->id);
  g_free (incident->ref);
  g_free (incident->title);
  g_free (incident->severity);
  g_free (incident->status);
  g_strfreev (incident->services);
  g_free (incident->root_cause);
  g_free (incident->lessons);
  g_free (incident);
}

static void
service_count_free (SitrepServiceCount *count)
{
  g_free (count->name);
  g_free (count);
}

void
sitrep_metrics_free (SitrepMetrics *metrics)
{
  if (metrics == NULL)
    return;

  g_ptr_array_unref (metrics->services);
  g_ptr_array_unref (metrics->incidents);
  g_free (metrics);
}

/* A span in minutes; NAN with *invalid unset when a time is missing. */
static double
span_minutes (gint64    from,
              gint64    to,
              gboolean *invalid)
{
  *invalid = FALSE;
  if (from == 0 || to == 0)
    return NAN;
  if (to < from)
    {
      *invalid = TRUE;
      return NAN;
    }
  return (double) (to - from) / (60.0 * G_USEC_PER_SEC);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
figure_finish (SitrepSpanFigure *figure,
               GArray           *values)
{
  double sum = 0;

  figure->n = values->len;
  if (values->len == 0)
    {
      figure->mean = figure->median = NAN;
      return;
    }

  g_array_sort (values, compare_doubles);
  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, double, i);
  figure->mean = sum / values->len;
  if (values->len % 2 == 1)
    figure->median = g_array_index (values, double, values->len / 2);
  else
    figure->median = (g_array_index (values, double, values->len / 2 - 1)
                      + g_array_index (values, double, values->len / 2)) / 2;
}

static void
figure_add (SitrepSpanFigure *figure,
            GArray           *values,
            double            value,
            gboolean          invalid)
{
  if (invalid)
    figure->invalid++;
  else if (isnan (value))
    figure->missing++;
  else
    g_array_append_val (values, value);
}

static int
compare_services (gconstpointer a,
                  gconstpointer b)
{
  const SitrepServiceCount *x = *(SitrepServiceCount * const *) a;
  const SitrepServiceCount *y = *(SitrepServiceCount * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp (x->name, y->name);
}

static int
compare_incidents (gconstpointer a,
                   gconstpointer b)
{
  const SitrepMetricsIncident *x = *(SitrepMetricsIncident * const *) a;
  const SitrepMetricsIncident *y = *(SitrepMetricsIncident * const *) b;

  if (x->placed_at != y->placed_at)
    return x->placed_at < y->placed_at ? -1 : 1;
  return g_strcmp0 (x->ref, y->ref) != 0 ? g_strcmp0 (x->ref, y->ref) : strcmp (x->id, y->id);
}

static char **
dup_services (JsonObject *body)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (body, "services");

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element)
              && json_node_get_value_type (element) == G_TYPE_STRING
              && json_node_get_string (element)[0] != '\0')
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  return g_strv_builder_end (builder);
}

static char *
dup_text (JsonObject *body,
          const char *member)
{
  const char *text = body ? sitrep_json_get_string (body, member) : NULL;
  g_autofree char *stripped = NULL;

  if (text == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (text));
  return stripped[0] != '\0' ? g_steal_pointer (&stripped) : NULL;
}

static SitrepMetricsIncident *
describe (SitrepMetricsInput  *input,
          const InputIncident *in)
{
  SitrepMetricsIncident *incident = g_new0 (SitrepMetricsIncident, 1);
  JsonObject *body = in->body;
  JsonObject *postmortem = g_hash_table_lookup (input->postmortems, in->id);

  incident->id = g_strdup (in->id);
  incident->ref = g_strdup (sitrep_json_get_string (body, "ref"));
  incident->title = g_strdup (sitrep_json_get_string (body, "title"));
  incident->severity = g_strdup (sitrep_json_get_string (body, "severity"));
  incident->status = g_strdup (sitrep_json_get_string (body, "status"));
  incident->major = sitrep_json_get_bool (body, "major");
  incident->services = dup_services (body);
  incident->root_cause = dup_text (postmortem, "root_cause");
  incident->lessons = dup_text (postmortem, "lessons");
  incident->impact_started_at = get_time (body, "impact_started_at");
  incident->detected_at = get_time (body, "detected_at");
  incident->declared_at = get_time (body, "declared_at");
  incident->mitigated_at = get_time (body, "mitigated_at");
  incident->resolved_at = get_time (body, "resolved_at");
  incident->placed_at = in->placed_at;
  incident->after_hours = sitrep_metrics_is_after_hours (in->placed_at);
  incident->ttd = span_minutes (incident->impact_started_at, incident->detected_at,
                                &incident->ttd_invalid);
  incident->ttm = span_minutes (incident->detected_at, incident->mitigated_at,
                                &incident->ttm_invalid);
  incident->ttr = span_minutes (incident->detected_at, incident->resolved_at,
                                &incident->ttr_invalid);
  return incident;
}

static void
count_action_item (SitrepMetrics *metrics,
                   JsonObject    *body,
                   GDateTime     *now)
{
  const char *text = sitrep_json_get_string (body, "status");
  SitrepActionStatus status = SITREP_ACTION_NOT_STARTED;

  metrics->actions_total++;
  if (text != NULL && !sitrep_action_status_from_string (text, &status))
    return;

  switch (status)
    {
    case SITREP_ACTION_COMPLETED:
      metrics->actions_completed++;
      break;
    case SITREP_ACTION_IN_PROGRESS:
      metrics->actions_in_progress++;
      break;
    case SITREP_ACTION_DEFERRED:
      metrics->actions_deferred++;
      break;
    case SITREP_ACTION_NOT_STARTED:
    default:
      metrics->actions_not_started++;
      break;
    }
  if (sitrep_action_item_is_overdue (body, now))
    metrics->actions_overdue++;
}

/**
 * sitrep_metrics_compute:
 * @period: the period
 * @now: the time action items are overdue at
 *
 * The figures of @period, as the comment at the top of this file defines
 * them.
 *
 * Returns: (transfer full): the metrics
 */
SitrepMetrics *
sitrep_metrics_compute (SitrepMetricsInput *input,
                        const SitrepPeriod *period,
                        GDateTime          *now)
{
  SitrepMetrics *metrics = g_new0 (SitrepMetrics, 1);
  g_autoptr(GArray) ttd = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ttm = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ttr = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) services = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (input != NULL && period != NULL && now != NULL, NULL);

  metrics->period = *period;
  metrics->incidents = g_ptr_array_new_with_free_func ((GDestroyNotify) metrics_incident_free);
  metrics->services = g_ptr_array_new_with_free_func ((GDestroyNotify) service_count_free);

  for (guint i = 0; i < input->incidents->len; i++)
    {
      const InputIncident *in = &g_array_index (input->incidents, InputIncident, i);
      SitrepMetricsIncident *incident;

      if (!sitrep_period_contains (period, in->placed_at))
        continue;

      incident = describe (input, in);
      g_ptr_array_add (metrics->incidents, incident);
      g_hash_table_add (ids, incident->id);

      metrics->total++;
      if (in->by_declared)
        metrics->placed_by_declared++;
      if (incident->severity != NULL && incident->severity[0] == 'P'
          && incident->severity[1] >= '1' && incident->severity[1] <= '4'
          && incident->severity[2] == '\0')
        metrics->by_severity[incident->severity[1] - '1']++;
      if (incident->after_hours)
        metrics->after_hours++;

      figure_add (&metrics->mttd, ttd, incident->ttd, incident->ttd_invalid);
      figure_add (&metrics->mttm, ttm, incident->ttm, incident->ttm_invalid);
      figure_add (&metrics->mttr, ttr, incident->ttr, incident->ttr_invalid);

      /* A service named twice in one incident counts once. */
      for (guint s = 0; incident->services[s] != NULL; s++)
        {
          gboolean seen = FALSE;

          for (guint t = 0; t < s && !seen; t++)
            seen = strcmp (incident->services[t], incident->services[s]) == 0;
          if (!seen)
            g_hash_table_insert (services, incident->services[s],
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (
                                   g_hash_table_lookup (services, incident->services[s])) + 1));
        }
    }

  figure_finish (&metrics->mttd, ttd);
  figure_finish (&metrics->mttm, ttm);
  figure_finish (&metrics->mttr, ttr);
  metrics->after_hours_share = metrics->total > 0
                               ? 100.0 * metrics->after_hours / metrics->total : NAN;

  g_hash_table_iter_init (&iter, services);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SitrepServiceCount *count = g_new0 (SitrepServiceCount, 1);

      count->name = g_strdup (key);
      count->count = GPOINTER_TO_UINT (value);
      g_ptr_array_add (metrics->services, count);
    }
  g_ptr_array_sort (metrics->services, compare_services);
  g_ptr_array_sort (metrics->incidents, compare_incidents);

  for (guint i = 0; i < input->action_items->len; i++)
    {
      JsonObject *body = g_ptr_array_index (input->action_items, i);

      if (g_hash_table_contains (ids, sitrep_json_get_string (body, "incident_id")))
        count_action_item (metrics, body, now);
    }

  return metrics;
}

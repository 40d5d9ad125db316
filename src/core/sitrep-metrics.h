/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-metrics.h: the guide's reliability metrics for a period */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SITREP_METRICS_ERROR (sitrep_metrics_error_quark ())

typedef enum {
  SITREP_METRICS_ERROR_INVALID_PERIOD,
} SitrepMetricsError;

typedef enum {
  SITREP_PERIOD_MONTH,
  SITREP_PERIOD_QUARTER,
  SITREP_PERIOD_RANGE,
} SitrepPeriodKind;

/**
 * SitrepPeriod:
 * @kind: a calendar month, a calendar quarter or any range
 * @start: the first instant, microseconds since the epoch, UTC
 * @end: the first instant after it (the period is [@start, @end))
 *
 * A period in UTC. Plain data: copy it by value.
 */
typedef struct
{
  SitrepPeriodKind kind;
  gint64           start;
  gint64           end;
} SitrepPeriod;

/**
 * SitrepSpanFigure:
 * @n: how many incidents the figure is based on: those with both times
 *   and the second not before the first
 * @missing: incidents of the period lacking one of the two times (or
 *   holding one that does not parse)
 * @invalid: incidents whose second time is before the first
 * @mean: the mean span in minutes; NAN when @n is 0
 * @median: the median span in minutes (the mean of the middle two when
 *   @n is even); NAN when @n is 0
 */
typedef struct
{
  guint  n;
  guint  missing;
  guint  invalid;
  double mean;
  double median;
} SitrepSpanFigure;

typedef struct
{
  char  *name;
  guint  count;
} SitrepServiceCount;

/**
 * SitrepMetricsIncident:
 *
 * One incident of the period, as the report lists it. Times are
 * microseconds since the epoch, 0 when missing or unreadable; spans are
 * minutes, NAN when missing or invalid (see the @*_invalid flags).
 */
typedef struct
{
  char      *id;
  char      *ref;
  char      *title;
  char      *severity;
  char      *status;
  gboolean   major;
  char     **services;
  char      *root_cause;
  char      *lessons;
  gint64     impact_started_at;
  gint64     detected_at;
  gint64     declared_at;
  gint64     mitigated_at;
  gint64     resolved_at;
  gint64     placed_at;
  gboolean   after_hours;
  double     ttd;
  double     ttm;
  double     ttr;
  gboolean   ttd_invalid;
  gboolean   ttm_invalid;
  gboolean   ttr_invalid;
} SitrepMetricsIncident;

#define SITREP_METRICS_N_SEVERITIES 4

typedef struct
{
  SitrepPeriod      period;
  guint             total;
  guint             by_severity[SITREP_METRICS_N_SEVERITIES];
  guint             placed_by_declared;
  SitrepSpanFigure  mttd;
  SitrepSpanFigure  mttm;
  SitrepSpanFigure  mttr;
  GPtrArray        *services;
  guint             after_hours;
  double            after_hours_share;
  guint             actions_total;
  guint             actions_completed;
  guint             actions_in_progress;
  guint             actions_not_started;
  guint             actions_deferred;
  guint             actions_overdue;
  GPtrArray        *incidents;
} SitrepMetrics;

typedef struct _SitrepMetricsInput SitrepMetricsInput;

GQuark              sitrep_metrics_error_quark       (void);

gboolean            sitrep_period_parse_month        (const char         *text,
                                                      SitrepPeriod       *out,
                                                      GError            **error);
gboolean            sitrep_period_parse_quarter      (const char         *text,
                                                      SitrepPeriod       *out,
                                                      GError            **error);
gboolean            sitrep_period_init_range         (SitrepPeriod       *out,
                                                      GDateTime          *start,
                                                      GDateTime          *end,
                                                      GError            **error);
void                sitrep_period_previous           (const SitrepPeriod *period,
                                                      SitrepPeriod       *out);
char               *sitrep_period_get_label          (const SitrepPeriod *period);
gboolean            sitrep_period_contains           (const SitrepPeriod *period,
                                                      gint64              t);

gboolean            sitrep_metrics_is_after_hours    (gint64              t);
gboolean            sitrep_metrics_change_percent    (double              previous,
                                                      double              current,
                                                      int                *out);

gint64              sitrep_metrics_place             (const char         *detected_at,
                                                      const char         *declared_at,
                                                      gboolean           *by_declared);

SitrepMetricsInput *sitrep_metrics_input_new         (void);
void                sitrep_metrics_input_free        (SitrepMetricsInput *input);
void                sitrep_metrics_input_add_incident (SitrepMetricsInput *input,
                                                      const char         *id,
                                                      JsonObject         *body);
void                sitrep_metrics_input_add_action_item (SitrepMetricsInput *input,
                                                      JsonObject         *body);
void                sitrep_metrics_input_add_postmortem (SitrepMetricsInput *input,
                                                      const char         *incident_id,
                                                      JsonObject         *body);

SitrepMetrics      *sitrep_metrics_compute           (SitrepMetricsInput *input,
                                                      const SitrepPeriod *period,
                                                      GDateTime          *now);
void                sitrep_metrics_free              (SitrepMetrics      *metrics);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepMetricsInput, sitrep_metrics_input_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepMetrics, sitrep_metrics_free)

G_END_DECLS

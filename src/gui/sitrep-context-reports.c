/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include "sitrep-context-private.h"
#include "sitrep-report.h"
#include "sitrep-store-report.h"

/* Reports: the figures of a period and the guide's review of it, read on
 * a thread of their own from a read-only connection, so a year of
 * incidents does not hold up the window. */

typedef struct
{
  char         *db_path;
  SitrepPeriod  period;
  GDateTime    *now;
} ReportTask;

static void
report_task_free (ReportTask *task)
{
  g_free (task->db_path);
  g_date_time_unref (task->now);
  g_free (task);
}

/**
 * sitrep_context_report_free:
 */
void
sitrep_context_report_free (SitrepContextReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->metrics, sitrep_metrics_free);
  g_clear_pointer (&report->previous, sitrep_metrics_free);
  g_free (report->markdown);
  g_free (report->csv);
  g_free (report);
}

static void
compute_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ReportTask *data = task_data;
  g_autoptr(SitrepMetrics) metrics = NULL;
  g_autoptr(SitrepMetrics) previous = NULL;
  SitrepContextReport *report;
  GError *error = NULL;

  if (!sitrep_store_compute_report (data->db_path, &data->period, TRUE, data->now,
                                    &metrics, &previous, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  report = g_new0 (SitrepContextReport, 1);
  report->markdown = sitrep_report_render_markdown (metrics, previous);
  report->csv = sitrep_report_render_csv (metrics);
  report->metrics = g_steal_pointer (&metrics);
  report->previous = g_steal_pointer (&previous);
  g_task_return_pointer (task, report, (GDestroyNotify) sitrep_context_report_free);
}

/**
 * sitrep_context_compute_report_async:
 * @period: the month, quarter or range
 *
 * Computes the figures of @period and of the period before, and renders
 * the review as Markdown and CSV, off the main thread.
 */
void
sitrep_context_compute_report_async (SitrepContext       *self,
                                     const SitrepPeriod  *period,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReportTask *data;

  g_return_if_fail (SITREP_IS_CONTEXT (self));
  g_return_if_fail (period != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sitrep_context_compute_report_async);
  data = g_new0 (ReportTask, 1);
  data->db_path = g_strdup (sitrep_store_get_path (self->store));
  data->period = *period;
  data->now = sitrep_clock_dup_now (self->clock);
  g_task_set_task_data (task, data, (GDestroyNotify) report_task_free);
  g_task_run_in_thread (task, compute_in_thread);
}

/**
 * sitrep_context_compute_report_finish:
 *
 * Returns: (transfer full): the report, or %NULL with @error set when the
 *   database cannot be read
 */
SitrepContextReport *
sitrep_context_compute_report_finish (SitrepContext  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-reports"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-report-chart.h"

/* A chart of a report's period, week by week from its first day: the
 * incidents of each week stacked by severity (in the severity badges'
 * colours), or the week's mean time to resolution. Drawn with cairo in
 * the style's foreground colour; its accessible description gives the
 * numbers. A period without incidents (or without resolved ones) reads
 * as such. */

#define MAX_WEEKS 16

struct _SitrepReportChart
{
  GtkWidget              parent_instance;

  SitrepReportChartKind  kind;
  guint                  n_weeks;
  guint                  counts[MAX_WEEKS][SITREP_METRICS_N_SEVERITIES];
  double                 mttr[MAX_WEEKS];      /* NAN: no resolved incident */
  gboolean               empty;
  char                  *description;
};

G_DEFINE_FINAL_TYPE (SitrepReportChart, sitrep_report_chart, GTK_TYPE_WIDGET)

/* As style.css has the severity badges: red 3, orange 4, yellow 5, blue 3. */
static const GdkRGBA severity_colors[SITREP_METRICS_N_SEVERITIES] = {
  { 0xe0 / 255.0, 0x1b / 255.0, 0x24 / 255.0, 1.0 },
  { 0xe6 / 255.0, 0x61 / 255.0, 0x00 / 255.0, 1.0 },
  { 0xe5 / 255.0, 0xa5 / 255.0, 0x0a / 255.0, 1.0 },
  { 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0, 1.0 },
};

static void
get_foreground (GtkWidget *widget,
                GdkRGBA   *color)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
}

static void
draw_text (cairo_t    *cr,
           GtkWidget  *widget,
           const char *text,
           double      x,
           double      y,
           double      align)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - align * width, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
sitrep_report_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  SitrepReportChart *self = SITREP_REPORT_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double left = 36, bottom = 22, top = 26, plot_w, plot_h, slot, max = 0;
  g_autofree char *max_label = NULL;
  GdkRGBA fg;
  cairo_t *cr;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  get_foreground (widget, &fg);
  gdk_cairo_set_source_rgba (cr, &fg);
  draw_text (cr, widget,
             self->kind == SITREP_REPORT_CHART_INCIDENTS ? _("Incidents per week")
                                                         : _("Mean time to resolution per week"),
             0, 10, 0);
  if (self->empty || self->n_weeks == 0)
    {
      GdkRGBA dim = fg;

      dim.alpha *= 0.55;
      gdk_cairo_set_source_rgba (cr, &dim);
      draw_text (cr, widget,
                 self->kind == SITREP_REPORT_CHART_INCIDENTS ? _("No incidents in this period")
                                                             : _("No resolved incidents in this period"),
                 width / 2, height / 2, 0.5);
      cairo_destroy (cr);
      return;
    }

  for (guint w = 0; w < self->n_weeks; w++)
    {
      double v = 0;

      if (self->kind == SITREP_REPORT_CHART_INCIDENTS)
        for (guint s = 0; s < SITREP_METRICS_N_SEVERITIES; s++)
          v += self->counts[w][s];
      else if (!isnan (self->mttr[w]))
        v = self->mttr[w];
      max = MAX (max, v);
    }
  max = MAX (max, 1);
  max_label = self->kind == SITREP_REPORT_CHART_INCIDENTS ? g_strdup_printf ("%.0f", max)
                                                          : g_strdup_printf (_("%.0f min"), max);
  {
    PangoLayout *layout = gtk_widget_create_pango_layout (widget, max_label);
    int label_w;

    pango_layout_get_pixel_size (layout, &label_w, NULL);
    left = MAX (left, label_w + 8);
    g_object_unref (layout);
  }
  plot_w = MAX (width - left - 8, 1);
  plot_h = MAX (height - top - bottom, 1);
  slot = plot_w / self->n_weeks;

  /* The severities' key, at the top right. */
  if (self->kind == SITREP_REPORT_CHART_INCIDENTS)
    for (guint s = 0; s < SITREP_METRICS_N_SEVERITIES; s++)
      {
        static const char *const names[] = { "P1", "P2", "P3", "P4" };
        double x = width - (SITREP_METRICS_N_SEVERITIES - s) * 40;

        gdk_cairo_set_source_rgba (cr, &severity_colors[s]);
        cairo_rectangle (cr, x, 5, 10, 10);
        cairo_fill (cr);
        gdk_cairo_set_source_rgba (cr, &fg);
        draw_text (cr, widget, names[s], x + 14, 10, 0);
      }

  /* The axes and the scale, faint. */
  {
    GdkRGBA faint = fg;

    faint.alpha *= 0.3;
    gdk_cairo_set_source_rgba (cr, &faint);
    cairo_set_line_width (cr, 1);
    cairo_move_to (cr, left, top + 0.5);
    cairo_line_to (cr, left + plot_w, top + 0.5);
    cairo_move_to (cr, left, top + plot_h + 0.5);
    cairo_line_to (cr, left + plot_w, top + plot_h + 0.5);
    cairo_stroke (cr);
    gdk_cairo_set_source_rgba (cr, &fg);
    draw_text (cr, widget, max_label, left - 4, top, 1);
    draw_text (cr, widget, "0", left - 4, top + plot_h, 1);
  }

  for (guint w = 0; w < self->n_weeks; w++)
    {
      double x = left + w * slot;
      g_autofree char *label = g_strdup_printf (_("W%u"), w + 1);

      gdk_cairo_set_source_rgba (cr, &fg);
      draw_text (cr, widget, label, x + slot / 2, top + plot_h + bottom / 2 + 2, 0.5);
      if (self->kind == SITREP_REPORT_CHART_INCIDENTS)
        {
          double y = top + plot_h;

          for (guint s = 0; s < SITREP_METRICS_N_SEVERITIES; s++)
            {
              double h = self->counts[w][s] / max * plot_h;

              if (h <= 0)
                continue;
              gdk_cairo_set_source_rgba (cr, &severity_colors[s]);
              cairo_rectangle (cr, x + slot * 0.2, y - h, slot * 0.6, h);
              cairo_fill (cr);
              y -= h;
            }
        }
      else if (!isnan (self->mttr[w]))
        {
          double y = top + plot_h - self->mttr[w] / max * plot_h;
          GdkRGBA accent;

          if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget),
                                               "accent_color", &accent))
            accent = fg;
          gdk_cairo_set_source_rgba (cr, &accent);
          cairo_arc (cr, x + slot / 2, y, 3.5, 0, 2 * G_PI);
          cairo_fill (cr);
          cairo_move_to (cr, x + slot / 2, y);
          for (guint n = w + 1; n < self->n_weeks; n++)
            if (!isnan (self->mttr[n]))
              {
                cairo_set_line_width (cr, 2);
                cairo_line_to (cr, left + n * slot + slot / 2,
                               top + plot_h - self->mttr[n] / max * plot_h);
                cairo_stroke (cr);
                break;
              }
          cairo_new_path (cr);
        }
    }
  cairo_destroy (cr);
}

static void
sitrep_report_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 150;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 360 : 170;
}

static void
sitrep_report_chart_finalize (GObject *object)
{
  SitrepReportChart *self = SITREP_REPORT_CHART (object);

  g_free (self->description);

  G_OBJECT_CLASS (sitrep_report_chart_parent_class)->finalize (object);
}

static void
sitrep_report_chart_class_init (SitrepReportChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sitrep_report_chart_finalize;
  widget_class->snapshot = sitrep_report_chart_snapshot;
  widget_class->measure = sitrep_report_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "reportchart");
}

static void
sitrep_report_chart_init (SitrepReportChart *self)
{
  self->empty = TRUE;
}

/**
 * sitrep_report_chart_new:
 *
 * Returns: (transfer floating): an empty chart of @kind
 */
GtkWidget *
sitrep_report_chart_new (SitrepReportChartKind kind)
{
  SitrepReportChart *self = g_object_new (SITREP_TYPE_REPORT_CHART, NULL);

  self->kind = kind;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind == SITREP_REPORT_CHART_INCIDENTS
                                  ? _("Incidents per week by severity")
                                  : _("Mean time to resolution per week"), -1);
  return GTK_WIDGET (self);
}

/**
 * sitrep_report_chart_set_metrics:
 * @metrics: the figures of a period
 *
 * Shows @metrics' incidents, week by week, and describes them.
 */
void
sitrep_report_chart_set_metrics (SitrepReportChart   *self,
                                 const SitrepMetrics *metrics)
{
  static const char *const severities[] = { "P1", "P2", "P3", "P4" };
  double sums[MAX_WEEKS] = { 0 };
  guint n[MAX_WEEKS] = { 0 };
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 week = 7 * G_TIME_SPAN_DAY;

  g_return_if_fail (SITREP_IS_REPORT_CHART (self));

  memset (self->counts, 0, sizeof self->counts);
  self->n_weeks = MIN ((metrics->period.end - metrics->period.start + week - 1) / week, MAX_WEEKS);
  for (guint i = 0; i < metrics->incidents->len; i++)
    {
      const SitrepMetricsIncident *incident = g_ptr_array_index (metrics->incidents, i);
      guint w = (guint) MIN ((incident->placed_at - metrics->period.start) / week,
                             (gint64) self->n_weeks - 1);

      if (incident->placed_at < metrics->period.start || self->n_weeks == 0)
        continue;
      for (guint s = 0; s < SITREP_METRICS_N_SEVERITIES; s++)
        if (g_strcmp0 (incident->severity, severities[s]) == 0)
          self->counts[w][s]++;
      if (!isnan (incident->ttr))
        sums[w] += incident->ttr, n[w]++;
    }

  self->empty = TRUE;
  for (guint w = 0; w < self->n_weeks; w++)
    {
      g_autofree char *label = g_strdup_printf (_("Week %u"), w + 1);

      self->mttr[w] = n[w] > 0 ? sums[w] / n[w] : NAN;
      if (self->kind == SITREP_REPORT_CHART_INCIDENTS)
        {
          guint total = 0;

          for (guint s = 0; s < SITREP_METRICS_N_SEVERITIES; s++)
            total += self->counts[w][s];
          if (total > 0)
            self->empty = FALSE;
          /* Translators: "Week 1: 3 (P1 1, P2 0, P3 2, P4 0)" */
          g_string_append_printf (text, _("%s: %u (P1 %u, P2 %u, P3 %u, P4 %u)"), label, total,
                                  self->counts[w][0], self->counts[w][1], self->counts[w][2],
                                  self->counts[w][3]);
        }
      else if (n[w] > 0)
        {
          self->empty = FALSE;
          g_string_append_printf (text, _("%s: %.0f minutes"), label, self->mttr[w]);
        }
      else
        g_string_append_printf (text, _("%s: no resolved incidents"), label);
      g_string_append (text, w + 1 < self->n_weeks ? "; " : "");
    }
  g_free (self->description);
  self->description = self->empty
    ? g_strdup (self->kind == SITREP_REPORT_CHART_INCIDENTS ? _("No incidents in this period")
                                                            : _("No resolved incidents in this period"))
    : g_string_free (g_steal_pointer (&text), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * sitrep_report_chart_get_description:
 *
 * Returns: (nullable): the chart's accessible description, %NULL until
 *   it has figures
 */
const char *
sitrep_report_chart_get_description (SitrepReportChart *self)
{
  g_return_val_if_fail (SITREP_IS_REPORT_CHART (self), NULL);

  return self->description;
}

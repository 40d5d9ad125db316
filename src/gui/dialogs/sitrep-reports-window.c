/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-reports"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "sitrep-report-chart.h"
#include "sitrep-report-text.h"
#include "sitrep-reports-window.h"

/* The Reports window: the guide's Monthly Incident Review and Incident
 * Metrics table of a month or a quarter (the last complete month at
 * first), with Copy (Markdown) and Save… (Markdown or CSV). The figures
 * are computed by the context off the main thread; while a period is
 * read the previous one stays on screen. */

enum { KIND_MONTH, KIND_QUARTER, KIND_RANGE };

struct _SitrepReportsWindow
{
  AdwWindow            parent_instance;

  AdwToastOverlay     *toast_overlay;
  GtkDropDown         *kind_dropdown;
  AdwWindowTitle      *window_title;
  GtkTextView         *text_view;
  GtkBox              *charts_box;
  GtkRevealer         *range_bar;
  GtkEntry            *from_entry;
  GtkEntry            *to_entry;
  GtkWidget           *range_button;
  SitrepReportChart   *incidents_chart;
  SitrepReportChart   *mttr_chart;

  SitrepContext       *context;
  GCancellable        *cancellable;
  SitrepPeriod         period;
  int                  year;
  int                  index;        /* month 1–12 or quarter 1–4 */
  guint                index_kind;   /* which of the two */
  SitrepContextReport *report;
  GtkFileChooserNative *chooser;
  GdkRGBA              link_color;
  GPtrArray           *link_tags;    /* the notable incidents' */
};

G_DEFINE_FINAL_TYPE (SitrepReportsWindow, sitrep_reports_window, ADW_TYPE_WINDOW)

enum {
  OPEN_INCIDENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MARKDOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (SitrepReportsWindow *self,
       const char          *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* Links in the style's accent colour, light or dark. */
static void
show_markdown (SitrepReportsWindow *self,
               const char          *markdown)
{
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                       "accent_color", &self->link_color))
    gdk_rgba_parse (&self->link_color, "#1c71d8");
  sitrep_report_text_show (gtk_text_view_get_buffer (self->text_view), markdown,
                           self->report->metrics, &self->link_color, self->link_tags);
}

/* A click on a notable incident opens it in the main window. */
static void
on_text_released (SitrepReportsWindow *self,
                  int                  n_press,
                  double               x,
                  double               y,
                  GtkGestureClick     *gesture)
{
  const char *id = NULL;
  GtkTextIter iter;
  int bx, by;
  g_autoptr(GSList) tags = NULL;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y,
                                         &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return;
  tags = gtk_text_iter_get_tags (&iter);
  for (GSList *l = tags; l != NULL && id == NULL; l = l->next)
    id = g_object_get_data (G_OBJECT (l->data), "incident-id");
  if (id != NULL)
    sitrep_reports_window_open_incident (self, id);
}

static void
report_computed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SitrepReportsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  SitrepContextReport *report;

  report = sitrep_context_compute_report_finish (SITREP_CONTEXT (source), result, &error);
  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("Cannot read the incidents: %s"),
                                                   error->message);
          toast (self, text);
        }
      return;
    }
  g_clear_pointer (&self->report, sitrep_context_report_free);
  self->report = report;
  show_markdown (self, report->markdown);
  sitrep_report_chart_set_metrics (self->incidents_chart, report->metrics);
  sitrep_report_chart_set_metrics (self->mttr_chart, report->metrics);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.copy", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.save", TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKDOWN]);
}

static void
compute (SitrepReportsWindow *self)
{
  g_autofree char *label = sitrep_period_get_label (&self->period);

  adw_window_title_set_subtitle (self->window_title, label);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  sitrep_context_compute_report_async (self->context, &self->period, self->cancellable,
                                       report_computed, g_object_ref (self));
}

/* The period of year and index as the kind has it. */
static void
go_to (SitrepReportsWindow *self,
       int                  year,
       int                  index)
{
  gboolean quarter = gtk_drop_down_get_selected (self->kind_dropdown) == KIND_QUARTER;
  int per_year = quarter ? 4 : 12;
  g_autofree char *text = NULL;
  SitrepPeriod period;

  while (index < 1)
    index += per_year, year--;
  while (index > per_year)
    index -= per_year, year++;
  text = quarter ? g_strdup_printf ("%04d-Q%d", year, index)
                 : g_strdup_printf ("%04d-%02d", year, index);
  if (!(quarter ? sitrep_period_parse_quarter (text, &period, NULL)
                : sitrep_period_parse_month (text, &period, NULL)))
    return;
  self->year = year;
  self->index = index;
  self->index_kind = quarter ? KIND_QUARTER : KIND_MONTH;
  self->period = period;
  compute (self);
}

static void
fill_range_entries (SitrepReportsWindow *self)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (self->period.start / G_USEC_PER_SEC);
  g_autoptr(GDateTime) last = g_date_time_new_from_unix_utc (self->period.end / G_USEC_PER_SEC
                                                             - 24 * 60 * 60);
  g_autofree char *from = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (last, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to);
}

static void
on_kind_changed (SitrepReportsWindow *self)
{
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  gtk_revealer_set_reveal_child (self->range_bar, kind == KIND_RANGE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.previous", kind != KIND_RANGE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.next", kind != KIND_RANGE);
  if (kind == KIND_RANGE)
    {
      /* From the period shown; shown once the days are as wanted. */
      fill_range_entries (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->from_entry));
      return;
    }
  /* The quarter holding the month shown, or the quarter's last month. */
  if (kind == self->index_kind)
    go_to (self, self->year, self->index);
  else if (kind == KIND_QUARTER)
    go_to (self, self->year, (self->index - 1) / 3 + 1);
  else
    go_to (self, self->year, self->index * 3);
}

/* "YYYY-MM-DD" as the start of that day in UTC, or %NULL. */
static GDateTime *
parse_day (const char *text)
{
  int year, month, day;
  char end;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3
      || !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_date_time_new_utc (year, month, day, 0, 0, 0);
}

static void
show_range_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SitrepReportsWindow *self = SITREP_REPORTS_WINDOW (widget);
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
  g_autoptr(GDateTime) start = parse_day (from);
  g_autoptr(GDateTime) last = parse_day (to);
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GError) error = NULL;
  SitrepPeriod period;

  if (start == NULL || last == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is not a day: write it as YYYY-MM-DD"),
                                               start == NULL ? from : to);
      toast (self, text);
      return;
    }
  /* The last day is in the range. */
  end = g_date_time_add_days (last, 1);
  if (!sitrep_period_init_range (&period, start, end, &error))
    {
      toast (self, error->message);
      return;
    }
  self->period = period;
  compute (self);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepReportsWindow *self = SITREP_REPORTS_WINDOW (widget);

  go_to (self, self->year, self->index + (g_str_equal (action_name, "reports.next") ? 1 : -1));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepReportsWindow *self = SITREP_REPORTS_WINDOW (widget);

  if (self->report == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->report->markdown);
  toast (self, _("Report copied as Markdown"));
}

/* The error's "Choose Another Folder…": Save… again, the report as it was. */
static void
on_save_error_response (AdwMessageDialog    *dialog,
                        const char          *response,
                        SitrepReportsWindow *self)
{
  if (g_str_equal (response, "again"))
    gtk_widget_activate_action (GTK_WIDGET (self), "reports.save", NULL);
}

/* A file that could not be written: said in a dialog, naming the file and
 * why, offering to choose another; the report stays as it is. */
static void
show_save_error (SitrepReportsWindow *self,
                 GFile               *file,
                 const GError        *error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: the report could not be saved; a path, then why */
  body = g_strdup_printf (_("“%s” could not be written: %s.\n\nThe report is still here: "
                            "save it somewhere else, or copy it."), name, error->message);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Report Not Saved"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "again", _("_Choose Another Folder…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "again",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "again");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_error_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * sitrep_reports_window_save_to:
 * @file: where to write
 * @csv: CSV (one row per incident) rather than the Markdown review
 *
 * Writes the report shown, exactly as Copy gives it (or its CSV), to
 * @file, replacing what is there only once the whole is written. Says
 * so in a toast; an error is shown in a dialog that offers to choose
 * another file, and the report shown stays as it is.
 *
 * Returns: whether @file now holds the report
 */
gboolean
sitrep_reports_window_save_to (SitrepReportsWindow *self,
                               GFile               *file,
                               gboolean             csv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  const char *contents;

  g_return_val_if_fail (SITREP_IS_REPORTS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->report == NULL)
    return FALSE;
  contents = csv ? self->report->csv : self->report->markdown;
  if (!g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, &error))
    {
      g_message ("Cannot save the report to %s: %s", g_file_peek_path (file), error->message);
      show_save_error (self, file, error);
      return FALSE;
    }

  name = g_file_get_basename (file);
  text = g_strdup_printf (csv ? _("Saved “%s” as CSV") : _("Saved “%s” as Markdown"), name);
  toast (self, text);
  return TRUE;
}

static void
on_save_response (SitrepReportsWindow *self,
                  int                  response)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  GtkFileFilter *filter;
  gboolean csv;

  if (response == GTK_RESPONSE_ACCEPT && self->report != NULL
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser))) != NULL)
    {
      name = g_file_get_basename (file);
      filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (self->chooser));
      csv = g_str_has_suffix (name, ".csv")
            || (filter != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (filter), "format"),
                                             "csv") == 0 && !g_str_has_suffix (name, ".md"));
      sitrep_reports_window_save_to (self, file, csv);
    }
  g_clear_object (&self->chooser);
}

static GtkFileFilter *
new_filter (const char *name,
            const char *pattern,
            const char *format)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  g_object_set_data_full (G_OBJECT (filter), "format", g_strdup (format), g_free);
  return filter;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepReportsWindow *self = SITREP_REPORTS_WINDOW (widget);
  g_autoptr(GtkFileFilter) markdown = NULL;
  g_autoptr(GtkFileFilter) csv = NULL;
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;

  if (self->report == NULL || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  markdown = new_filter (_("Markdown"), "*.md", "markdown");
  csv = new_filter (_("CSV, one row per incident"), "*.csv", "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), markdown);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  label = sitrep_period_get_label (&self->period);
  name = g_strdup_printf ("%s %s.md", _("Incident Review"), label);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
sitrep_reports_window_constructed (GObject *object)
{
  SitrepReportsWindow *self = SITREP_REPORTS_WINDOW (object);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) utc = NULL;

  G_OBJECT_CLASS (sitrep_reports_window_parent_class)->constructed (object);

  /* At first: the last complete month, in UTC as periods are. */
  now = sitrep_clock_dup_now (sitrep_context_get_clock (self->context));
  utc = g_date_time_to_utc (now);
  self->year = g_date_time_get_year (utc);
  self->index = g_date_time_get_month (utc);
  go_to (self, self->year, self->index - 1);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected",
                            G_CALLBACK (on_kind_changed), self);
}

static void
sitrep_reports_window_dispose (GObject *object)
{
  SitrepReportsWindow *self = SITREP_REPORTS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (sitrep_reports_window_parent_class)->dispose (object);
}

static void
sitrep_reports_window_finalize (GObject *object)
{
  SitrepReportsWindow *self = SITREP_REPORTS_WINDOW (object);

  g_clear_pointer (&self->report, sitrep_context_report_free);
  g_clear_pointer (&self->link_tags, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sitrep_reports_window_parent_class)->finalize (object);
}

static void
sitrep_reports_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SitrepReportsWindow *self = SITREP_REPORTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_MARKDOWN:
      g_value_set_string (value, sitrep_reports_window_get_markdown (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_reports_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SitrepReportsWindow *self = SITREP_REPORTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_reports_window_class_init (SitrepReportsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sitrep_reports_window_constructed;
  object_class->dispose = sitrep_reports_window_dispose;
  object_class->finalize = sitrep_reports_window_finalize;
  object_class->get_property = sitrep_reports_window_get_property;
  object_class->set_property = sitrep_reports_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SitrepReportsWindow:markdown:
   *
   * The review of the period shown, once computed; %NULL before.
   */
  properties[PROP_MARKDOWN] =
    g_param_spec_string ("markdown", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepReportsWindow::open-incident:
   * @incident_id: the incident clicked in the Notable Incidents
   */
  signals[OPEN_INCIDENT] =
    g_signal_new ("open-incident", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/sitrep-reports-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepReportsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SitrepReportsWindow, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SitrepReportsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SitrepReportsWindow, text_view);
  gtk_widget_class_bind_template_child (widget_class, SitrepReportsWindow, charts_box);
  gtk_widget_class_bind_template_child (widget_class, SitrepReportsWindow, range_bar);
  gtk_widget_class_bind_template_child (widget_class, SitrepReportsWindow, from_entry);
  gtk_widget_class_bind_template_child (widget_class, SitrepReportsWindow, to_entry);
  gtk_widget_class_bind_template_child (widget_class, SitrepReportsWindow, range_button);

  gtk_widget_class_install_action (widget_class, "reports.previous", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "reports.next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "reports.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "reports.show-range", NULL, show_range_action);
  gtk_widget_class_install_action (widget_class, "reports.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "reports.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "reports.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "reports.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "reports.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sitrep_reports_window_init (SitrepReportsWindow *self)
{
  GtkTextBuffer *buffer;
  GtkGesture *gesture;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.copy", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.save", FALSE);

  gtk_window_set_default_widget (GTK_WINDOW (self), self->range_button);

  self->incidents_chart =
    SITREP_REPORT_CHART (sitrep_report_chart_new (SITREP_REPORT_CHART_INCIDENTS));
  self->mttr_chart = SITREP_REPORT_CHART (sitrep_report_chart_new (SITREP_REPORT_CHART_MTTR));
  gtk_box_append (self->charts_box, GTK_WIDGET (self->incidents_chart));
  gtk_box_append (self->charts_box, GTK_WIDGET (self->mttr_chart));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_create_tag (buffer, "title", "scale", 1.6, "weight", PANGO_WEIGHT_BOLD,
                              "pixels-below-lines", 6, NULL);
  gtk_text_buffer_create_tag (buffer, "heading", "scale", 1.25, "weight", PANGO_WEIGHT_BOLD,
                              "pixels-above-lines", 6, NULL);
  gtk_text_buffer_create_tag (buffer, "table", "family", "monospace", NULL);
  gtk_text_buffer_create_tag (buffer, "table-header", "family", "monospace",
                              "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "bold", "weight", PANGO_WEIGHT_BOLD, NULL);
  self->link_tags = g_ptr_array_new ();

  gesture = gtk_gesture_click_new ();
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (on_text_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (gesture));
}

/**
 * sitrep_reports_window_new:
 *
 * Returns: (transfer full): the window, reading the last complete month
 */
SitrepReportsWindow *
sitrep_reports_window_new (GtkWindow     *parent,
                           SitrepContext *context)
{
  return g_object_new (SITREP_TYPE_REPORTS_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       "context", context,
                       NULL);
}

/**
 * sitrep_reports_window_set_period:
 * @period: a month or a quarter
 *
 * Shows @period, once read.
 */
void
sitrep_reports_window_set_period (SitrepReportsWindow *self,
                                  const SitrepPeriod  *period)
{
  g_autoptr(GDateTime) start = NULL;

  g_return_if_fail (SITREP_IS_REPORTS_WINDOW (self));
  g_return_if_fail (period->kind != SITREP_PERIOD_RANGE);

  start = g_date_time_new_from_unix_utc (period->start / G_USEC_PER_SEC);
  g_signal_handlers_block_by_func (self->kind_dropdown, on_kind_changed, self);
  gtk_drop_down_set_selected (self->kind_dropdown,
                              period->kind == SITREP_PERIOD_QUARTER ? KIND_QUARTER : KIND_MONTH);
  g_signal_handlers_unblock_by_func (self->kind_dropdown, on_kind_changed, self);
  go_to (self, g_date_time_get_year (start),
         period->kind == SITREP_PERIOD_QUARTER ? (g_date_time_get_month (start) - 1) / 3 + 1
                                               : g_date_time_get_month (start));
}

const SitrepPeriod *
sitrep_reports_window_get_period (SitrepReportsWindow *self)
{
  g_return_val_if_fail (SITREP_IS_REPORTS_WINDOW (self), NULL);

  return &self->period;
}

/**
 * sitrep_reports_window_get_markdown:
 *
 * Returns: (nullable): the review shown, %NULL until the first is read
 */
const char *
sitrep_reports_window_get_markdown (SitrepReportsWindow *self)
{
  g_return_val_if_fail (SITREP_IS_REPORTS_WINDOW (self), NULL);

  return self->report != NULL ? self->report->markdown : NULL;
}

/**
 * sitrep_reports_window_get_metrics:
 *
 * Returns: (nullable): the figures shown, %NULL until the first are read
 */
const SitrepMetrics *
sitrep_reports_window_get_metrics (SitrepReportsWindow *self)
{
  g_return_val_if_fail (SITREP_IS_REPORTS_WINDOW (self), NULL);

  return self->report != NULL ? self->report->metrics : NULL;
}

/**
 * sitrep_reports_window_open_incident:
 * @incident_id: an incident of the report
 *
 * What a click on a notable incident does: emits ::open-incident.
 */
void
sitrep_reports_window_open_incident (SitrepReportsWindow *self,
                                     const char          *incident_id)
{
  g_return_if_fail (SITREP_IS_REPORTS_WINDOW (self));

  g_signal_emit (self, signals[OPEN_INCIDENT], 0, incident_id);
}

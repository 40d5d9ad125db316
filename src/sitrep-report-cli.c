/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-report-cli.c: `sitrep report monthly YYYY-MM | quarter YYYY-QN`
 *
 * The incident review of a month or a quarter from the local database,
 * as Markdown or CSV, on stdout or in a file; no window and no display.
 * Exit status 2 for a bad argument (a one-line error, then the usage), 1
 * when the database cannot be read or the output cannot be written.
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "sitrep-metrics.h"
#include "sitrep-report.h"
#include "sitrep-report-cli.h"
#include "sitrep-store-report.h"

static int
usage_error (GOptionContext *options,
             const char     *message)
{
  g_autofree char *usage = g_option_context_get_help (options, TRUE, NULL);

  g_printerr ("sitrep: %s\n", message);
  g_printerr ("%s", usage);
  return 2;
}

static char *
database_path (const char *data_dir)
{
  g_autofree char *dir = NULL;

  if (data_dir != NULL && data_dir[0] != '\0')
    dir = g_canonicalize_filename (data_dir, NULL);
  else
    dir = g_build_filename (g_get_user_data_dir (), "sitrep", NULL);
  return g_build_filename (dir, "sitrep.db", NULL);
}

/**
 * sitrep_report_cli_build:
 * @db_path: the local database
 * @period: the month or quarter
 * @csv: CSV rather than Markdown
 * @now: the time action items are overdue at
 *
 * The whole path of a report: opens the database, reads it, computes
 * the figures of @period (and of the period before, for the Markdown)
 * and renders them.
 *
 * Returns: (transfer full): the report, or %NULL with @error set when the
 *   database cannot be read
 */
char *
sitrep_report_cli_build (const char          *db_path,
                         const SitrepPeriod  *period,
                         gboolean             csv,
                         GDateTime           *now,
                         GError             **error)
{
  g_autoptr(SitrepMetrics) metrics = NULL;
  g_autoptr(SitrepMetrics) previous_metrics = NULL;

  /* Only read: the report works while the app has the database open. */
  if (!sitrep_store_compute_report (db_path, period, !csv, now, &metrics, &previous_metrics,
                                    error))
    return NULL;
  if (csv)
    return sitrep_report_render_csv (metrics);

  return sitrep_report_render_markdown (metrics, previous_metrics);
}

/**
 * sitrep_report_cli_main:
 * @argv: the arguments from "report" on
 *
 * Returns: the exit status
 */
int
sitrep_report_cli_main (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) now = NULL;
  SitrepPeriod period;
  gboolean csv = FALSE;
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Read the local database in DIR"), N_("DIR") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("markdown (the default) or csv, one row per incident"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the report to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  options = g_option_context_new (_("monthly YYYY-MM | quarter YYYY-QN"));
  g_option_context_set_summary (options,
                                _("The incident review of a month or a quarter, from the local "
                                  "database"));
  g_option_context_set_description (options,
                                    _("An incident belongs to the period (UTC) in which it was "
                                      "detected, or declared when\n"
                                      "it has no detection time. MTTD runs from impact start to "
                                      "detection, MTTM\n"
                                      "from detection to mitigation, MTTR from detection to "
                                      "resolution, in minutes;\n"
                                      "incidents missing a time are left out and counted. "
                                      "After hours: detected\n"
                                      "outside 09:00–18:00 Monday to Friday, UTC. See the "
                                      "help’s Reports page.\n"));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  g_set_prgname ("sitrep report");

  if (!g_option_context_parse (options, &argc, &argv, &error))
    return usage_error (options, error->message);
  if (argc < 2)
    return usage_error (options, _("say which report: monthly YYYY-MM or quarter YYYY-QN"));
  if (g_str_equal (argv[1], "monthly"))
    {
      if (argc < 3)
        return usage_error (options, _("monthly needs a month, YYYY-MM"));
      if (!sitrep_period_parse_month (argv[2], &period, &error))
        return usage_error (options, error->message);
    }
  else if (g_str_equal (argv[1], "quarter"))
    {
      if (argc < 3)
        return usage_error (options, _("quarter needs a quarter, YYYY-QN"));
      if (!sitrep_period_parse_quarter (argv[2], &period, &error))
        return usage_error (options, error->message);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("unknown report “%s”: monthly or quarter"),
                                                  argv[1]);
      return usage_error (options, message);
    }
  if (argc > 3)
    {
      g_autofree char *message = g_strdup_printf (_("unexpected argument “%s”"), argv[3]);
      return usage_error (options, message);
    }
  if (format != NULL && !g_str_equal (format, "markdown") && !g_str_equal (format, "csv"))
    {
      g_autofree char *message = g_strdup_printf (_("unknown format “%s”: markdown or csv"),
                                                  format);
      return usage_error (options, message);
    }
  csv = g_strcmp0 (format, "csv") == 0;

  /* Never create a database where there is none. */
  path = database_path (data_dir);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr (_("sitrep: no local database at %s\n"), path);
      return 1;
    }

  now = g_date_time_new_now_utc ();
  if ((text = sitrep_report_cli_build (path, &period, csv, now, &error)) == NULL)
    {
      g_printerr (_("sitrep: cannot read %s: %s\n"), path, error->message);
      return 1;
    }

  if (output != NULL)
    {
      if (!g_file_set_contents (output, text, -1, &error))
        {
          g_printerr (_("sitrep: cannot write %s: %s\n"), output, error->message);
          return 1;
        }
    }
  else if (fputs (text, stdout) == EOF || fflush (stdout) != 0)
    {
      g_printerr (_("sitrep: cannot write the report to standard output\n"));
      return 1;
    }

  return 0;
}

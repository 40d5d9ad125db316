/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sitrep-application.h"
#include "sitrep-cli-export.h"
#include "sitrep-report-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(SitrepApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  gboolean demo = FALSE;
  gboolean version = FALSE;
  gboolean wall = FALSE;
  gboolean new_incident = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Keep the local database in DIR"), N_("DIR") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
      N_("Add the guide’s example incident to an empty database"), NULL },
    { "wall", 0, 0, G_OPTION_ARG_NONE, &wall,
      N_("Open the wall view of the active incidents, full screen"), NULL },
    { "new-incident", 0, 0, G_OPTION_ARG_NONE, &new_incident,
      N_("Open the dialog to declare a new incident"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A subcommand needs no window, nor a display. */
  if (argc > 1 && g_str_equal (argv[1], "export"))
    return sitrep_cli_export_main (argc - 1, argv + 1);
  if (argc > 1 && g_str_equal (argv[1], "report"))
    return sitrep_report_cli_main (argc - 1, argv + 1);

  options = g_option_context_new (NULL);
  g_option_context_set_summary (options, _("Sitrep: an incident workspace for the people who run one"));
  g_option_context_set_description (options,
                                    _("Environment:\n"
                                      "  SITREP_SERVER    the team server’s URL, over the preferences\n"
                                      "  SITREP_TOKEN     its token, over the keyring\n"));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc > 1)
    {
      g_autofree char *usage = g_option_context_get_help (options, TRUE, NULL);

      if (error != NULL)
        g_printerr ("sitrep: %s\n", error->message);
      else
        g_printerr ("sitrep: unexpected argument “%s”\n", argv[1]);
      g_printerr ("%s", usage);
      return 2;
    }

  if (version)
    {
      g_print ("sitrep %s\n", PACKAGE_VERSION);
      return 0;
    }

  app = sitrep_application_new (data_dir, demo);
  sitrep_application_set_wall (app, wall);
  sitrep_application_set_new_incident (app, new_incident);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  return status != 0 ? status : sitrep_application_get_exit_status (app);
}

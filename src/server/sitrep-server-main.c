/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-main.c: the sync backend of Sitrep */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "sitrep-server-cli.h"

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return sitrep_server_cli_run (argc, argv);
}

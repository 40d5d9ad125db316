/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-cli.h: the command line of sitrep-server */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses */
#define SITREP_SERVER_EXIT_OK      0
#define SITREP_SERVER_EXIT_FAILURE 1
#define SITREP_SERVER_EXIT_USAGE   2

typedef struct {
  const char *name;        /* without the leading "--" */
  gboolean    has_value;
} SitrepServerCliOption;

int         sitrep_server_cli_run    (int                          argc,
                                      char                       **argv);

/* shared by the subcommands */
int         sitrep_server_cli_usage_error (const char *format,
                                           ...) G_GNUC_PRINTF (1, 2);
int         sitrep_server_cli_fail        (const char *format,
                                           ...) G_GNUC_PRINTF (1, 2);
GHashTable *sitrep_server_cli_parse   (char                       **args,
                                       const SitrepServerCliOption *options,
                                       gsize                        n_options,
                                       char                      ***positional,
                                       int                         *status);

int         sitrep_server_cli_serve   (char **args);
int         sitrep_server_cli_token   (char **args);
int         sitrep_server_cli_compact (char **args);
int         sitrep_server_cli_migrate (char **args);

G_END_DECLS

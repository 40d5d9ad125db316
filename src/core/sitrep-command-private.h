/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-command.h"

G_BEGIN_DECLS

/* Shared by sitrep-command.c (reading a command) and
 * sitrep-command-complete.c (completing and describing one). */

#define SITREP_COMMAND_PREFIX "/incident"

/* One word of a command line. */
typedef struct
{
  char     *text;    /* unquoted */
  gsize     start;   /* bytes, the opening quote included */
  gsize     end;
  gboolean  quoted;
} SitrepCommandToken;

#define SITREP_COMMAND_TOKEN(tokens, i) (&g_array_index ((tokens), SitrepCommandToken, (i)))

GArray     *_sitrep_command_tokenize  (const char         *input,
                                       gboolean            lenient,
                                       glong              *error_position,
                                       GError            **error);
gboolean    _sitrep_command_find_verb (const char         *word,
                                       SitrepCommandVerb  *verb);
const char *_sitrep_command_verb_name (guint               index);

G_END_DECLS

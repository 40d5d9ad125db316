/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-json.h: small json-glib helpers, and the bounded parser for
 * untrusted input */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SITREP_JSON_MAX_DEPTH 32
#define SITREP_JSON_MAX_SIZE  (256 * 1024)

#define SITREP_JSON_ERROR (sitrep_json_error_quark ())

typedef enum {
  SITREP_JSON_ERROR_TOO_LARGE,   /* over SITREP_JSON_MAX_SIZE bytes */
  SITREP_JSON_ERROR_TOO_DEEP,    /* nested deeper than SITREP_JSON_MAX_DEPTH */
  SITREP_JSON_ERROR_INVALID,     /* not UTF-8, not JSON, or not an object */
} SitrepJsonError;

GQuark      sitrep_json_error_quark (void);

const char *sitrep_json_get_string  (JsonObject  *o,
                                     const char  *member);
gboolean    sitrep_json_get_bool    (JsonObject  *o,
                                     const char  *member);
char       *sitrep_json_to_string   (JsonObject  *o);
JsonObject *sitrep_json_from_string (const char  *text,
                                     GError     **error);
JsonObject *sitrep_json_from_data_bounded (const char  *data,
                                           gsize        len,
                                           gsize        max_size,
                                           guint        max_depth,
                                           GError     **error);
JsonObject *sitrep_json_copy        (JsonObject  *o);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-protocol-scan.h: the one gate untrusted text passes before any
 * parser sees it: JSON bodies, and the plain strings of a request */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SITREP_PROTOCOL_MAX_DEPTH 32
#define SITREP_PROTOCOL_MAX_TEXT  (256 * 1024)

#define SITREP_PROTOCOL_SCAN_ERROR (sitrep_protocol_scan_error_quark ())

typedef enum {
  SITREP_PROTOCOL_SCAN_ERROR_TOO_LARGE,  /* over the size given */
  SITREP_PROTOCOL_SCAN_ERROR_TOO_DEEP,   /* nested deeper than the depth given */
  SITREP_PROTOCOL_SCAN_ERROR_INVALID,    /* not UTF-8, a NUL, a lone surrogate, not JSON,
                                          * or not an object */
} SitrepProtocolScanError;

GQuark      sitrep_protocol_scan_error_quark     (void);

gboolean    sitrep_protocol_scan_json            (const char   *data,
                                                  gsize         len,
                                                  gsize         max_size,
                                                  guint         max_depth,
                                                  GError      **error);
gboolean    sitrep_protocol_scan_text            (const char   *data,
                                                  gsize         len,
                                                  gsize         max_size,
                                                  GError      **error);

JsonObject *sitrep_protocol_parse_object         (const char   *text,
                                                  GError      **error);
JsonObject *sitrep_protocol_parse_object_bounded (const char   *data,
                                                  gsize         len,
                                                  gsize         max_size,
                                                  guint         max_depth,
                                                  GError      **error);
JsonObject *sitrep_protocol_parse_stored         (const char   *text,
                                                  GError      **error);

GHashTable *sitrep_protocol_parse_query          (const char   *query,
                                                  GError      **error);

G_END_DECLS

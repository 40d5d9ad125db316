/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-json.h: small json-glib helpers; untrusted text is parsed by
 * sitrep-protocol-scan.h */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *sitrep_json_get_string  (JsonObject  *o,
                                     const char  *member);
gboolean    sitrep_json_get_bool    (JsonObject  *o,
                                     const char  *member);
char       *sitrep_json_to_string   (JsonObject  *o);
void        sitrep_json_append_string (GString   *out,
                                       const char *text);
JsonObject *sitrep_json_copy        (JsonObject  *o);

G_END_DECLS

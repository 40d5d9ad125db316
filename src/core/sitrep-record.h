/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-record.h: validation of PROTOCOL.md record bodies */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SITREP_RECORD_ERROR (sitrep_record_error_quark ())

typedef enum {
  SITREP_RECORD_ERROR_INVALID,
} SitrepRecordError;

/* bytes, per text field */
#define SITREP_TEXT_MAX 65536

/* bytes or characters of a service name, and bytes of a checklist key */
#define SITREP_NAME_MAX 200

GQuark   sitrep_record_error_quark    (void);

gboolean sitrep_collection_is_valid   (const char  *coll);
gboolean sitrep_id_is_uuid            (const char  *id);
char    *sitrep_id_new                (void);

gboolean sitrep_record_validate       (const char  *coll,
                                       const char  *id,
                                       JsonObject  *body,
                                       GError     **error);
gboolean sitrep_record_validate_patch (const char  *coll,
                                       JsonObject  *fields,
                                       GError     **error);

G_END_DECLS

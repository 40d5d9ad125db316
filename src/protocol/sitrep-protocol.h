/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-protocol.h: the JSON shapes of PROTOCOL.md, shared by the server,
 * the store and the client sync engine: limits, error codes, the patch
 * merge, and writing JSON text. Pushes are in sitrep-protocol-push.h, the
 * change feed and snapshots in sitrep-protocol-feed.h. */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sitrep-mutation.h"
#include "sitrep-protocol-record.h"

G_BEGIN_DECLS

#define SITREP_PROTOCOL_MAX_MUTATIONS 100
#define SITREP_PROTOCOL_MAX_BODY      (256 * 1024)
#define SITREP_PROTOCOL_MAX_CLIENT_ID 200

/* The `error` codes of PROTOCOL.md */
#define SITREP_PROTOCOL_BAD_REQUEST            "bad_request"
#define SITREP_PROTOCOL_UNAUTHORIZED           "unauthorized"
#define SITREP_PROTOCOL_FORBIDDEN              "forbidden"
#define SITREP_PROTOCOL_NOT_FOUND              "not_found"
#define SITREP_PROTOCOL_MID_GAP                "mid_gap"
#define SITREP_PROTOCOL_GONE                   "gone"
#define SITREP_PROTOCOL_TOO_LARGE              "too_large"
#define SITREP_PROTOCOL_UNSUPPORTED_MEDIA_TYPE "unsupported_media_type"
#define SITREP_PROTOCOL_RATE_LIMITED           "rate_limited"
#define SITREP_PROTOCOL_UNAVAILABLE            "unavailable"

#define SITREP_PROTOCOL_ERROR (sitrep_protocol_error_quark ())

typedef enum {
  SITREP_PROTOCOL_ERROR_BAD_REQUEST,  /* a request that is not what PROTOCOL.md says */
  SITREP_PROTOCOL_ERROR_TOO_LARGE,
  SITREP_PROTOCOL_ERROR_INVALID,      /* an answer that is not what PROTOCOL.md says */
} SitrepProtocolError;

GQuark  sitrep_protocol_error_quark   (void);

void    sitrep_protocol_merge_patch   (JsonObject        *body,
                                       JsonObject        *fields);

void    sitrep_protocol_append_string (GString           *out,
                                       const char        *text);
void    sitrep_protocol_append_record (GString           *out,
                                       const char        *coll,
                                       const char        *id,
                                       gint64             version,
                                       gboolean           deleted,
                                       const char        *body_json);
char   *sitrep_protocol_error_json    (const char        *code,
                                       const char        *message);

G_END_DECLS

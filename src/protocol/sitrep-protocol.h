/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-protocol.h: the JSON shapes of PROTOCOL.md, shared by the server and
 * the client sync engine */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

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
  SITREP_PROTOCOL_ERROR_BAD_REQUEST,
  SITREP_PROTOCOL_ERROR_TOO_LARGE,
} SitrepProtocolError;

typedef enum {
  SITREP_PROTOCOL_OP_PUT,
  SITREP_PROTOCOL_OP_PATCH,
  SITREP_PROTOCOL_OP_DELETE,
} SitrepProtocolOp;

typedef struct {
  gint64            mid;
  SitrepProtocolOp  op;
  char             *coll;
  char             *id;
  gboolean          has_base_version;
  gint64            base_version;
  JsonObject       *body;     /* `body` of a put, `fields` of a patch */
  char             *problem;  /* set when the mutation is to be rejected as bad_request */
} SitrepProtocolMutation;

typedef struct {
  char      *client_id;
  GPtrArray *mutations;       /* of SitrepProtocolMutation, mids consecutive */
} SitrepProtocolPush;

GQuark              sitrep_protocol_error_quark (void);

const char         *sitrep_protocol_op_to_string   (SitrepProtocolOp   op);
gboolean            sitrep_protocol_op_from_string (const char        *text,
                                                    SitrepProtocolOp  *out);

SitrepProtocolPush *sitrep_protocol_push_parse     (JsonObject        *request,
                                                    GError           **error);
void                sitrep_protocol_push_free      (SitrepProtocolPush *push);

void                sitrep_protocol_append_string  (GString           *out,
                                                    const char        *text);
void                sitrep_protocol_append_record  (GString           *out,
                                                    const char        *coll,
                                                    const char        *id,
                                                    gint64             version,
                                                    gboolean           deleted,
                                                    const char        *body_json);
char               *sitrep_protocol_error_json     (const char        *code,
                                                    const char        *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepProtocolPush, sitrep_protocol_push_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-protocol-push.h: `POST /v1/push`, its request and its answer,
 * built and read */

#pragma once

#include "sitrep-protocol.h"

G_BEGIN_DECLS

typedef enum
{
  SITREP_PUSH_APPLIED,
  SITREP_PUSH_CONFLICT,
  SITREP_PUSH_REJECTED,
} SitrepPushStatus;

/**
 * SitrepPushResult:
 * @mid: the mutation it answers
 * @status: applied, conflict or rejected
 * @version: the record's new version when applied
 * @current: (nullable): the server's record on a conflict (%NULL when it
 *   has none)
 * @error: the error code of a rejection
 * @message: the server's words for a rejection
 *
 * One entry of a push answer's `results`, as a client reads it.
 */
typedef struct
{
  gint64            mid;
  SitrepPushStatus  status;
  gint64            version;
  SitrepRecord     *current;
  char             *error;
  char             *message;
} SitrepPushResult;

/**
 * SitrepProtocolPush:
 * @client_id: the pushing client
 * @mutations: (element-type SitrepMutation): in mid order, mids consecutive
 *
 * A push request as the server reads it.
 */
typedef struct
{
  char      *client_id;
  GPtrArray *mutations;
} SitrepProtocolPush;

void                sitrep_push_result_clear           (SitrepPushResult           *result);

char               *sitrep_protocol_push_build         (const char                 *client_id,
                                                        GPtrArray                  *mutations);
SitrepProtocolPush *sitrep_protocol_push_parse         (JsonObject                 *request,
                                                        GError                    **error);
void                sitrep_protocol_push_free          (SitrepProtocolPush         *push);

char               *sitrep_protocol_result_applied     (gint64                      mid,
                                                        gint64                      version);
char               *sitrep_protocol_result_conflict    (gint64                      mid,
                                                        const SitrepProtocolRecord *current);
char               *sitrep_protocol_result_rejected    (gint64                      mid,
                                                        const char                 *code,
                                                        const char                 *message);
char               *sitrep_protocol_push_answer_build  (gint64                      last_mid,
                                                        const char * const         *results,
                                                        guint                       n_results);
char               *sitrep_protocol_mid_gap_json       (gint64                      expected,
                                                        const char                 *message);
GArray             *sitrep_protocol_push_answer_parse  (JsonObject                 *answer,
                                                        GPtrArray                  *mutations,
                                                        GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepProtocolPush, sitrep_protocol_push_free)

G_END_DECLS

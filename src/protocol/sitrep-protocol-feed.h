/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-protocol-feed.h: `GET /v1/changes` and `GET /v1/snapshot`, built
 * and read */

#pragma once

#include "sitrep-protocol.h"

G_BEGIN_DECLS

/**
 * SitrepChange:
 * @seq: its place in the server's change feed
 * @record: the record as the change left it (body %NULL or empty when deleted)
 * @actor: (nullable): who made it
 * @client_id: (nullable): the client that pushed it
 * @mid: the mutation number under @client_id, 0 when none
 *
 * One change of the feed, as a client reads it.
 */
typedef struct
{
  gint64        seq;
  SitrepRecord *record;
  char         *actor;
  char         *client_id;
  gint64        mid;
} SitrepChange;

/**
 * SitrepProtocolChange:
 * @seq: its place in the feed
 * @coll: the record's collection
 * @id: the record's id
 * @version: the record's version after it
 * @op: "put", "patch" or "delete"
 * @deleted: whether it left the record deleted
 * @body: (nullable): the record's body after it, as JSON text
 * @client_id: (nullable): the client that pushed it; %NULL for a change the
 *   server made itself
 * @mid: the mutation number under @client_id
 * @actor: who made it
 * @ts: when, RFC 3339 UTC
 *
 * One change as the server keeps and sends it, its body never parsed.
 */
typedef struct
{
  gint64    seq;
  char     *coll;
  char     *id;
  gint64    version;
  char     *op;
  gboolean  deleted;
  char     *body;
  char     *client_id;
  gint64    mid;
  char     *actor;
  char     *ts;
} SitrepProtocolChange;

void       sitrep_change_free               (SitrepChange                *change);
void       sitrep_protocol_change_free      (SitrepProtocolChange        *change);

char      *sitrep_protocol_changes_build    (GPtrArray                   *changes,
                                             gint64                       since,
                                             gboolean                     more);
GPtrArray *sitrep_protocol_changes_parse    (JsonObject                  *answer,
                                             gint64                       since,
                                             gint64                      *last_seq,
                                             gboolean                    *more,
                                             GError                     **error);

void       sitrep_protocol_snapshot_add     (GString                     *records,
                                             const SitrepProtocolRecord  *record);
char      *sitrep_protocol_snapshot_build   (gint64                       seq,
                                             GString                     *records);
GPtrArray *sitrep_protocol_snapshot_parse   (JsonObject                  *answer,
                                             gint64                      *seq,
                                             GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepChange, sitrep_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepProtocolChange, sitrep_protocol_change_free)

G_END_DECLS

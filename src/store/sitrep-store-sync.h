/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-protocol-feed.h"
#include "sitrep-protocol-push.h"
#include "sitrep-store.h"

G_BEGIN_DECLS

/* What the sync engine reads from and writes to the local database. */

/**
 * SitrepConflict:
 * @id: the conflict's number
 * @kind: "conflict" (someone else changed it first) or "rejected"
 * @coll: the record's collection
 * @rec_id: the record's id
 * @op: the operation of the edit
 * @mine: (nullable): the edit's body or fields
 * @theirs: (nullable): the server's record body when the edit was refused
 * @theirs_version: its version
 * @message: (nullable): why it was refused
 * @changed_by: (nullable): who made their version, as the feed said
 * @changed_at: (nullable): when this store heard of it, RFC 3339 UTC
 */
typedef struct
{
  gint64      id;
  char       *kind;
  char       *coll;
  char       *rec_id;
  char       *op;
  JsonObject *mine;
  JsonObject *theirs;
  gint64      theirs_version;
  char       *message;
  char       *changed_by;
  char       *changed_at;
} SitrepConflict;

void          sitrep_conflict_free            (SitrepConflict    *conflict);

GPtrArray    *sitrep_store_outbox_peek        (SitrepStore       *self,
                                               guint              limit,
                                               GError           **error);
gboolean      sitrep_store_outbox_reject_unsent (SitrepStore     *self,
                                               gint64             mid,
                                               const char        *message,
                                               GError           **error);
gboolean      sitrep_store_outbox_refuse_all  (SitrepStore       *self,
                                               const char        *message,
                                               guint             *n_refused,
                                               GError           **error);
void          sitrep_store_set_refuse_edits   (SitrepStore       *self,
                                               const char        *reason);
const char   *sitrep_store_get_refuse_edits   (SitrepStore       *self);
gboolean      sitrep_store_reset_client       (SitrepStore       *self,
                                               GError           **error);
gboolean      sitrep_store_outbox_renumber    (SitrepStore       *self,
                                               gint64             first_mid,
                                               GError           **error);
gboolean      sitrep_store_outbox_ack         (SitrepStore       *self,
                                               SitrepPushResult  *results,
                                               guint              n_results,
                                               GError           **error);
gint64        sitrep_store_get_last_seq       (SitrepStore       *self);
gboolean      sitrep_store_apply_changes      (SitrepStore       *self,
                                               SitrepChange     **changes,
                                               guint              n_changes,
                                               gint64             last_seq,
                                               GError           **error);
gboolean      sitrep_store_load_snapshot      (SitrepStore       *self,
                                               SitrepRecord     **records,
                                               guint              n_records,
                                               gint64             seq,
                                               GError           **error);
GPtrArray    *sitrep_store_list_conflicts     (SitrepStore       *self,
                                               GError           **error);
gboolean      sitrep_store_resolve_conflict   (SitrepStore       *self,
                                               gint64             conflict_id,
                                               GError           **error);
char         *sitrep_store_dup_sync_state     (SitrepStore       *self,
                                               const char        *key);
gboolean      sitrep_store_set_sync_state     (SitrepStore       *self,
                                               const char        *key,
                                               const char        *value,
                                               GError           **error);

G_END_DECLS

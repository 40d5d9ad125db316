/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-store.h"

G_BEGIN_DECLS

/* What the sync engine reads from and writes to the local database. */

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
 * SitrepChange:
 * @seq: its place in the server's change feed
 * @record: the record as the change left it (body %NULL or empty when deleted)
 * @actor: (nullable): who made it
 * @client_id: (nullable): the client that pushed it
 * @mid: the mutation number under @client_id, 0 when none
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
} SitrepConflict;

void          sitrep_push_result_clear        (SitrepPushResult  *result);
void          sitrep_change_free              (SitrepChange      *change);
void          sitrep_conflict_free            (SitrepConflict    *conflict);

GPtrArray    *sitrep_store_outbox_peek        (SitrepStore       *self,
                                               guint              limit,
                                               GError           **error);
gboolean      sitrep_store_outbox_reject_unsent (SitrepStore     *self,
                                               gint64             mid,
                                               const char        *message,
                                               GError           **error);
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

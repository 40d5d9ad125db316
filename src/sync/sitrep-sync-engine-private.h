/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "sitrep-store-sync.h"
#include "sitrep-sync-engine.h"

G_BEGIN_DECLS

/* Shared by sitrep-sync-engine.c (the object), sitrep-sync-engine-loops.c
 * (pushing and pulling) and sitrep-sync-engine-io.c (requests, and reading
 * the answers). */

struct _SitrepSyncEngine
{
  GObject          parent_instance;

  SitrepStore     *store;
  SoupSession     *session;
  char            *base_url;
  char            *token;
  gboolean         running;
  guint            generation;        /* bumped whenever the loops are halted */

  SitrepSyncState  state;
  char            *last_error;
  char            *push_error;
  char            *pull_error;
  gint64           last_seq;

  /* Set while the server refuses the token (401, stops everything) or
   * this token's edits (403 on a push, stops pushing); cleared by
   * sitrep_sync_engine_set_server(). */
  gboolean         unauthorized;
  gboolean         push_forbidden;
  /* Whether a push (an empty one if nothing is pending) has shown the
   * token may edit; and whether a 403 was already retried as a new
   * client (the other 403: a client_id another token took first). */
  gboolean         role_checked;
  gboolean         forbidden_retried;

  GCancellable    *push_cancellable;  /* while a push is in flight */
  guint            push_retry_id;
  guint            push_failures;
  gboolean         push_unreachable;

  GCancellable    *pull_cancellable;  /* while a pull is in flight */
  guint            pull_retry_id;
  guint            pull_failures;
  gboolean         pull_unreachable;
  gboolean         need_snapshot;
  guint            changes_limit;     /* the `limit` asked for, halved on a page too large */
  gsize            max_changes_answer;
  guint            skipped_records;
};

void              _sitrep_sync_engine_set_state       (SitrepSyncEngine  *self,
                                                       SitrepSyncState    state);
void              _sitrep_sync_engine_set_last_error  (SitrepSyncEngine  *self,
                                                       const char        *text);
void              _sitrep_sync_engine_update_last_seq (SitrepSyncEngine  *self);
void              _sitrep_sync_engine_halt            (SitrepSyncEngine  *self);
void              _sitrep_sync_engine_kick            (SitrepSyncEngine  *self);
void              _sitrep_sync_engine_push            (SitrepSyncEngine  *self);
void              _sitrep_sync_engine_add_skipped     (SitrepSyncEngine  *self,
                                                       guint              n_skipped);
void              _sitrep_sync_engine_set_read_only   (SitrepSyncEngine  *self,
                                                       gboolean           read_only);
void              _sitrep_sync_engine_edits_refused   (SitrepSyncEngine  *self,
                                                       guint              n_refused);

/* For tests: the most of a page of changes read (SITREP_SYNC_MAX_ANSWER
 * otherwise), so a test needs no 64 MiB backlog to exceed it. */
void              _sitrep_sync_engine_set_max_changes_answer (SitrepSyncEngine *self,
                                                              gsize             max_size);

/* How much of an answer is read before it is refused as too large. A
 * snapshot holds the whole database; a page of changes or a push answer at
 * most 1000 records of at most a few hundred KiB each. */
#define SITREP_SYNC_MAX_SMALL_ANSWER    (64 * 1024)
#define SITREP_SYNC_MAX_ANSWER          (64 * 1024 * 1024)
#define SITREP_SYNC_MAX_SNAPSHOT_ANSWER (512 * 1024 * 1024)

/* The `limit` of a page of changes, when the pages are not too large. */
#define SITREP_SYNC_CHANGES_LIMIT 500

/* A body may be nested 32 deep (PROTOCOL.md); the answers wrap it in at
 * most four more levels ({"results": [{"current": {"body": …). */
#define SITREP_SYNC_MAX_DEPTH (32 + 4)

typedef struct
{
  guint       status;
  JsonObject *json;         /* (nullable): the body, when it is a JSON object */
  gint64      retry_after;  /* seconds asked for by Retry-After, -1 when none */
  gsize       size;         /* of the body, in bytes */
} SitrepSyncAnswer;

void              _sitrep_sync_answer_free      (SitrepSyncAnswer  *answer);
char             *_sitrep_sync_answer_describe  (SitrepSyncAnswer  *answer);
const char       *_sitrep_sync_answer_code      (SitrepSyncAnswer  *answer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepSyncAnswer, _sitrep_sync_answer_free)

char             *_sitrep_sync_normalize_url    (const char        *base_url,
                                                 GError           **error);
void              _sitrep_sync_request_async    (SoupSession       *session,
                                                 const char        *base_url,
                                                 const char        *token,
                                                 const char        *method,
                                                 const char        *path,
                                                 const char        *body_json,
                                                 gsize              max_size,
                                                 GCancellable      *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer           user_data);
SitrepSyncAnswer *_sitrep_sync_request_finish   (GAsyncResult      *result,
                                                 GError           **error);

char             *_sitrep_sync_build_push       (const char        *client_id,
                                                 GPtrArray         *mutations);
GArray           *_sitrep_sync_parse_push       (JsonObject        *answer,
                                                 GPtrArray         *mutations,
                                                 GError           **error);
GPtrArray        *_sitrep_sync_parse_changes    (JsonObject        *answer,
                                                 gint64             since,
                                                 gint64            *last_seq,
                                                 gboolean          *more,
                                                 guint             *n_skipped,
                                                 GError           **error);
GPtrArray        *_sitrep_sync_parse_snapshot   (JsonObject        *answer,
                                                 gint64            *seq,
                                                 guint             *n_skipped,
                                                 GError           **error);
gboolean          _sitrep_sync_check_health     (JsonObject        *answer,
                                                 GError           **error);

G_END_DECLS

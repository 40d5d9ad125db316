/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sitrep-mutation.h"
#include "sitrep-store-change.h"
#include "sitrep-protocol-record.h"

G_BEGIN_DECLS

#define SITREP_STORE_ERROR (sitrep_store_error_quark ())

typedef enum
{
  SITREP_STORE_ERROR_FAILED,
  SITREP_STORE_ERROR_INVALID,
  SITREP_STORE_ERROR_NOT_FOUND,
  SITREP_STORE_ERROR_TOO_NEW,
  SITREP_STORE_ERROR_CORRUPT,      /* damaged pages, or not a database at all */
  SITREP_STORE_ERROR_UNREADABLE,   /* the file cannot be opened or read */
  SITREP_STORE_ERROR_READ_ONLY,    /* the file or its folder cannot be written */
  SITREP_STORE_ERROR_FULL,         /* the disk is full */
  SITREP_STORE_ERROR_IN_USE,       /* another process has the database open */
  SITREP_STORE_ERROR_NOT_PERMITTED, /* the server lets this token view, not edit */
} SitrepStoreError;

/**
 * SitrepHistoryEntry:
 * @field: the body field that changed
 * @before: (nullable): its value before, as text
 * @after: (nullable): its value after, as text
 * @actor: who changed it
 * @ts: when, RFC 3339 UTC
 */
typedef struct
{
  char *field;
  char *before;
  char *after;
  char *actor;
  char *ts;
} SitrepHistoryEntry;

void sitrep_history_entry_free (SitrepHistoryEntry *entry);

#define SITREP_RAW_RECORD_MAX_FIELDS 4

/**
 * SitrepRawRecord:
 * @id: the record id
 * @body: the body as JSON text, not parsed
 * @version: the server version the body is based on, 0 when never synced
 * @fields: the values of the fields asked for, as text (%NULL when absent)
 *
 * A record read without parsing its body, for lists that parse a body only
 * when a row shows it.
 */
typedef struct
{
  char *id;
  char *body;
  gint64 version;
  char *fields[SITREP_RAW_RECORD_MAX_FIELDS];
} SitrepRawRecord;

void sitrep_raw_record_free (SitrepRawRecord *record);

#define SITREP_TYPE_STORE (sitrep_store_get_type ())

G_DECLARE_FINAL_TYPE (SitrepStore, sitrep_store, SITREP, STORE, GObject)

GQuark        sitrep_store_error_quark      (void);

SitrepStore  *sitrep_store_open_for_reading (const char     *path,
                                            GError        **error);
SitrepStore  *sitrep_store_open             (const char      *path,
                                             GError         **error);
SitrepStore  *sitrep_store_open_unchecked   (const char      *path,
                                             GError         **error);
void          sitrep_store_check_async      (SitrepStore         *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      sitrep_store_check_finish     (SitrepStore         *self,
                                             GAsyncResult        *result,
                                             GError             **error);
char         *sitrep_store_move_aside       (const char      *path,
                                             GError         **error);
const char   *sitrep_store_get_path         (SitrepStore     *self);
const char   *sitrep_store_get_client_id    (SitrepStore     *self);
guint         sitrep_store_get_pending      (SitrepStore     *self);
const char   *sitrep_store_get_actor        (SitrepStore     *self);
void          sitrep_store_set_actor        (SitrepStore     *self,
                                             const char      *actor);

gboolean      sitrep_store_apply            (SitrepStore     *self,
                                             SitrepMutation **mutations,
                                             guint            n_mutations,
                                             GError         **error);
gboolean      sitrep_store_put              (SitrepStore     *self,
                                             const char      *coll,
                                             const char      *id,
                                             JsonObject      *body,
                                             GError         **error);
gboolean      sitrep_store_patch            (SitrepStore     *self,
                                             const char      *coll,
                                             const char      *id,
                                             JsonObject      *fields,
                                             GError         **error);
gboolean      sitrep_store_delete           (SitrepStore     *self,
                                             const char      *coll,
                                             const char      *id,
                                             GError         **error);

/* An edit made while an earlier checked edit of the same record waits for
 * the server: it is checked against the version that one produces. */
#define SITREP_BASE_VERSION_CHAINED (-2)

gint64        sitrep_store_base_version     (SitrepStore     *self,
                                             const char      *coll,
                                             const char      *id);
gint64        sitrep_store_create_base_version (SitrepStore  *self,
                                             const char      *coll,
                                             const char      *id);
SitrepRecord *sitrep_store_get              (SitrepStore     *self,
                                             const char      *coll,
                                             const char      *id);
GPtrArray    *sitrep_store_list             (SitrepStore     *self,
                                             const char      *coll,
                                             const char      *incident_id,
                                             GError         **error);
GPtrArray    *sitrep_store_list_raw         (SitrepStore        *self,
                                             const char         *coll,
                                             const char         *incident_id,
                                             const char * const *fields,
                                             GError            **error);
GPtrArray    *sitrep_store_list_incidents_first (SitrepStore      *self,
                                                 guint             limit,
                                                 GError          **error);
void          sitrep_store_list_raw_async   (SitrepStore         *self,
                                             const char          *coll,
                                             const char * const  *fields,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray    *sitrep_store_list_raw_finish  (SitrepStore         *self,
                                             GAsyncResult        *result,
                                             GError             **error);
GHashTable   *sitrep_store_search_incidents (SitrepStore     *self,
                                             const char      *query,
                                             GError         **error);
GPtrArray    *sitrep_store_list_history     (SitrepStore     *self,
                                             const char      *coll,
                                             const char      *id,
                                             GError         **error);
char         *sitrep_store_check_integrity  (SitrepStore     *self);

/* What is still owed: sitrep-store-unfinished.c */
GPtrArray    *sitrep_store_list_unfinished  (SitrepStore        *self,
                                             const char         *coll,
                                             const char         *since_field,
                                             const char         *since,
                                             const char * const *required,
                                             const char         *flag_field,
                                             const char * const *required_if_flag,
                                             GError            **error);

G_END_DECLS

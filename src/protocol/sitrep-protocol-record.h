/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-protocol-record.h: a record as PROTOCOL.md shapes it */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * SitrepRecord:
 * @coll: the collection (PROTOCOL.md)
 * @id: the record's id within @coll
 * @version: the server `seq` that last wrote it, 0 while only local
 * @deleted: whether it is a tombstone
 * @body: the record's JSON body
 *
 * One record, its body parsed, as the protocol shapes it.
 */
typedef struct
{
  char       *coll;
  char       *id;
  gint64      version;
  gboolean    deleted;
  JsonObject *body;
} SitrepRecord;

#define SITREP_TYPE_RECORD (sitrep_record_get_type ())

GType         sitrep_record_get_type (void) G_GNUC_CONST;
SitrepRecord *sitrep_record_new      (const char *coll,
                                      const char *id,
                                      gint64      version,
                                      gboolean    deleted,
                                      JsonObject *body);
SitrepRecord *sitrep_record_copy     (const SitrepRecord *record);
void          sitrep_record_free     (SitrepRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepRecord, sitrep_record_free)

/**
 * SitrepProtocolRecord:
 * @coll: the collection
 * @id: the record's id
 * @version: the seq that last wrote it
 * @deleted: whether it is a tombstone
 * @body: (nullable): the body as JSON text, as a server stores it; %NULL
 *   once deleted
 *
 * A record as the server keeps and sends it, its body never parsed.
 */
typedef struct
{
  char     *coll;
  char     *id;
  gint64    version;
  gboolean  deleted;
  char     *body;
} SitrepProtocolRecord;

void          sitrep_protocol_record_free (SitrepProtocolRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepProtocolRecord, sitrep_protocol_record_free)

G_END_DECLS

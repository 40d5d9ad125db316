/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-protocol-record.c: a record as PROTOCOL.md shapes it */
#include "sitrep-protocol-record.h"

G_DEFINE_BOXED_TYPE (SitrepRecord, sitrep_record, sitrep_record_copy, sitrep_record_free)

/**
 * sitrep_record_new:
 *
 * Returns: (transfer full): a record holding a reference on @body.
 */
SitrepRecord *
sitrep_record_new (const char *coll,
                   const char *id,
                   gint64      version,
                   gboolean    deleted,
                   JsonObject *body)
{
  SitrepRecord *record = g_new0 (SitrepRecord, 1);

  record->coll = g_strdup (coll);
  record->id = g_strdup (id);
  record->version = version;
  record->deleted = deleted;
  record->body = body ? json_object_ref (body) : json_object_new ();

  return record;
}

SitrepRecord *
sitrep_record_copy (const SitrepRecord *record)
{
  return sitrep_record_new (record->coll, record->id, record->version,
                            record->deleted, record->body);
}

void
sitrep_record_free (SitrepRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->coll);
  g_free (record->id);
  g_clear_pointer (&record->body, json_object_unref);
  g_free (record);
}

void
sitrep_protocol_record_free (SitrepProtocolRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->coll);
  g_free (record->id);
  g_free (record->body);
  g_free (record);
}

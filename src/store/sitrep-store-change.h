/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * SitrepStoreChange:
 * @coll: the record's collection
 * @id: the record's id
 * @incident_id: (nullable): the incident the record belongs to; for
 *   `incidents` records, the record's own id
 * @body: (nullable): the visible body after the commit (server state with
 *   the pending outbox on top), sealed; %NULL when the record is deleted
 * @deleted: whether the record is now deleted
 * @version: the server version, 0 while the record is only local
 *
 * One record whose visible state a commit changed, as
 * SitrepStore::changed announces it.
 */
typedef struct
{
  char       *coll;
  char       *id;
  char       *incident_id;
  JsonObject *body;
  gboolean    deleted;
  gint64      version;
} SitrepStoreChange;

#define SITREP_TYPE_STORE_CHANGE (sitrep_store_change_get_type ())

GType              sitrep_store_change_get_type (void) G_GNUC_CONST;
SitrepStoreChange *sitrep_store_change_new      (const char              *coll,
                                                 const char              *id,
                                                 const char              *incident_id,
                                                 JsonObject              *body,
                                                 gboolean                 deleted,
                                                 gint64                   version);
SitrepStoreChange *sitrep_store_change_copy     (const SitrepStoreChange *change);
void               sitrep_store_change_free     (SitrepStoreChange       *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepStoreChange, sitrep_store_change_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sitrep-json.h"
#include "sitrep-store-change.h"

G_DEFINE_BOXED_TYPE (SitrepStoreChange, sitrep_store_change,
                     sitrep_store_change_copy, sitrep_store_change_free)

/**
 * sitrep_store_change_new:
 * @incident_id: (nullable): the record's incident
 * @body: (nullable): the visible body; ignored when @deleted
 *
 * Returns: (transfer full): a change holding a sealed copy of @body
 */
SitrepStoreChange *
sitrep_store_change_new (const char *coll,
                         const char *id,
                         const char *incident_id,
                         JsonObject *body,
                         gboolean    deleted,
                         gint64      version)
{
  SitrepStoreChange *change = g_new0 (SitrepStoreChange, 1);

  g_return_val_if_fail (coll != NULL && id != NULL, NULL);

  change->coll = g_strdup (coll);
  change->id = g_strdup (id);
  change->incident_id = g_strdup (incident_id);
  change->deleted = deleted;
  change->version = version;
  if (!deleted && body != NULL)
    {
      change->body = sitrep_json_copy (body);
      json_object_seal (change->body);
    }

  return change;
}

SitrepStoreChange *
sitrep_store_change_copy (const SitrepStoreChange *change)
{
  SitrepStoreChange *copy;

  g_return_val_if_fail (change != NULL, NULL);

  copy = g_new0 (SitrepStoreChange, 1);
  copy->coll = g_strdup (change->coll);
  copy->id = g_strdup (change->id);
  copy->incident_id = g_strdup (change->incident_id);
  copy->body = change->body ? json_object_ref (change->body) : NULL;
  copy->deleted = change->deleted;
  copy->version = change->version;

  return copy;
}

void
sitrep_store_change_free (SitrepStoreChange *change)
{
  if (change == NULL)
    return;

  g_free (change->coll);
  g_free (change->id);
  g_free (change->incident_id);
  g_clear_pointer (&change->body, json_object_unref);
  g_free (change);
}

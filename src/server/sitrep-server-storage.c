/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-storage.c: the storage interface's shared pieces */

#include "config.h"

#include "sitrep-server-storage.h"

G_DEFINE_QUARK (sitrep-server-storage-error-quark, sitrep_server_storage_error)

/**
 * sitrep_server_storage_free:
 *
 * Closes the database of @self and frees it.
 */
void
sitrep_server_storage_free (SitrepServerStorage *self)
{
  if (self != NULL)
    self->vtable->free (self);
}

void
sitrep_server_record_free (SitrepServerRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->coll);
  g_free (record->id);
  g_free (record->body);
  g_free (record);
}

void
sitrep_server_change_free (SitrepServerChange *change)
{
  if (change == NULL)
    return;

  g_free (change->coll);
  g_free (change->id);
  g_free (change->op);
  g_free (change->body);
  g_free (change->client_id);
  g_free (change->actor);
  g_free (change->ts);
  g_free (change);
}

void
sitrep_server_token_free (SitrepServerToken *token)
{
  if (token == NULL)
    return;

  g_free (token->name);
  g_free (token->role);
  g_free (token->created_at);
  g_free (token->revoked_at);
  g_free (token);
}

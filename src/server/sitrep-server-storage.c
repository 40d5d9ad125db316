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
  sitrep_protocol_record_free (record);
}

void
sitrep_server_change_free (SitrepServerChange *change)
{
  sitrep_protocol_change_free (change);
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

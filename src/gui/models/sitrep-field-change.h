/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SitrepFieldChange:
 * @field: the body field that changed
 * @before: (nullable): its value before, as text
 * @after: (nullable): its value after, as text
 * @actor: (nullable): who changed it
 * @ts: when, RFC 3339 UTC
 *
 * One step of a record's edit history, as a view shows it.
 */
typedef struct
{
  char *field;
  char *before;
  char *after;
  char *actor;
  char *ts;
} SitrepFieldChange;

void sitrep_field_change_free (SitrepFieldChange *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepFieldChange, sitrep_field_change_free)

G_END_DECLS

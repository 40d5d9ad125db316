/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * SitrepRefusedEdit:
 * @id: the refusal's number
 * @kind: "conflict" (someone else changed it first) or "rejected"
 * @coll: the record's collection
 * @rec_id: the record's id
 * @op: the operation of the edit
 * @mine: (nullable): the edit's body or fields
 * @theirs: (nullable): the server's body when the edit was refused
 * @theirs_version: its version
 * @message: (nullable): why it was refused
 * @changed_by: (nullable): who made the change that stands, when known
 * @changed_at: (nullable): when, RFC 3339 UTC
 *
 * An edit the server refused, as the conflict dialog asks about it.
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
  char       *changed_by;
  char       *changed_at;
} SitrepRefusedEdit;

SitrepRefusedEdit *sitrep_refused_edit_copy          (const SitrepRefusedEdit *edit);
void               sitrep_refused_edit_free          (SitrepRefusedEdit       *edit);
JsonObject        *sitrep_refused_edit_dup_mine_body (const SitrepRefusedEdit *edit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepRefusedEdit, sitrep_refused_edit_free)

G_END_DECLS

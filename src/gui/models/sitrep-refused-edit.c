/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sitrep-json.h"
#include "sitrep-protocol.h"
#include "sitrep-refused-edit.h"

/**
 * sitrep_refused_edit_copy:
 *
 * Returns: (transfer full): a deep copy of @edit
 */
SitrepRefusedEdit *
sitrep_refused_edit_copy (const SitrepRefusedEdit *edit)
{
  SitrepRefusedEdit *copy = g_new0 (SitrepRefusedEdit, 1);

  copy->id = edit->id;
  copy->kind = g_strdup (edit->kind);
  copy->coll = g_strdup (edit->coll);
  copy->rec_id = g_strdup (edit->rec_id);
  copy->op = g_strdup (edit->op);
  copy->mine = edit->mine ? sitrep_json_copy (edit->mine) : NULL;
  copy->theirs = edit->theirs ? sitrep_json_copy (edit->theirs) : NULL;
  copy->theirs_version = edit->theirs_version;
  copy->message = g_strdup (edit->message);
  copy->changed_by = g_strdup (edit->changed_by);
  copy->changed_at = g_strdup (edit->changed_at);

  return copy;
}

void
sitrep_refused_edit_free (SitrepRefusedEdit *edit)
{
  if (edit == NULL)
    return;

  g_free (edit->kind);
  g_free (edit->coll);
  g_free (edit->rec_id);
  g_free (edit->op);
  g_clear_pointer (&edit->mine, json_object_unref);
  g_clear_pointer (&edit->theirs, json_object_unref);
  g_free (edit->message);
  g_free (edit->changed_by);
  g_free (edit->changed_at);
  g_free (edit);
}

/**
 * sitrep_refused_edit_dup_mine_body:
 *
 * The whole record as the refused edit meant it: a put's body, or a
 * patch's fields laid over their version as every side merges a patch
 * (sitrep_protocol_merge_patch()).
 *
 * Returns: (transfer full) (nullable): the body; %NULL for a delete
 */
JsonObject *
sitrep_refused_edit_dup_mine_body (const SitrepRefusedEdit *edit)
{
  JsonObject *body;

  g_return_val_if_fail (edit != NULL, NULL);

  if (g_strcmp0 (edit->op, "delete") == 0 || edit->mine == NULL)
    return NULL;
  if (g_strcmp0 (edit->op, "put") == 0 || edit->theirs == NULL)
    return sitrep_json_copy (edit->mine);

  body = sitrep_json_copy (edit->theirs);
  sitrep_protocol_merge_patch (body, edit->mine);
  return body;
}

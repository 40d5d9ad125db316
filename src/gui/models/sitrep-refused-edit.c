/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sitrep-json.h"
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
  g_free (edit);
}

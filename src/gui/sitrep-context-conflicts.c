/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include "sitrep-context-private.h"

/* The edits the server refused: listed from the store, shown to the user
 * as refused edits and settled by keeping a body or taking theirs. */

/**
 * sitrep_context_list_conflicts:
 *
 * Returns: (transfer full) (element-type SitrepConflict): the edits the
 *   server refused that are still to be settled, oldest first
 */
GPtrArray *
sitrep_context_list_conflicts (SitrepContext *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *conflicts;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  conflicts = sitrep_store_list_conflicts (self->store, &error);
  if (conflicts == NULL)
    {
      g_warning ("Could not read the refused edits: %s", error->message);
      conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_conflict_free);
    }

  return conflicts;
}

/**
 * sitrep_context_resolve_conflict:
 * @body: (nullable): the body to keep (mine, or an edit of both); %NULL
 *   to take theirs as it is
 *
 * Settles a refused edit. Keeping a body writes it as a new edit made
 * against the server's current version, so it is checked again rather
 * than overwriting blindly.
 */
static gboolean
settle (SitrepContext  *self,
        gint64          id,
        const char     *coll,
        const char     *rec_id,
        JsonObject     *theirs,
        gint64          theirs_version,
        JsonObject     *body,
        GError        **error)
{
  if (body != NULL)
    {
      g_autoptr(SitrepMutation) mutation = sitrep_mutation_new_put (coll, rec_id, body);

      /* Checked against their version, or chained behind an edit of the
       * same record made while the question waited. */
      if (sitrep_store_base_version (self->store, coll, rec_id) == SITREP_BASE_VERSION_CHAINED)
        mutation->base_version = SITREP_BASE_VERSION_CHAINED;
      else if (theirs != NULL)
        mutation->base_version = theirs_version;
      if (!sitrep_store_apply (self->store, &mutation, 1, error))
        return FALSE;
    }

  return sitrep_store_resolve_conflict (self->store, id, error);
}

gboolean
sitrep_context_resolve_conflict (SitrepContext   *self,
                                 SitrepConflict  *conflict,
                                 JsonObject      *body,
                                 GError         **error)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  return settle (self, conflict->id, conflict->coll, conflict->rec_id, conflict->theirs,
                 conflict->theirs_version, body, error);
}

/**
 * sitrep_context_settle_refused_edit:
 * @body: (nullable): the body to keep (mine, or an edit of both); %NULL
 *   to take theirs as it is
 *
 * Settles an edit the server refused. Keeping a body writes it as a new
 * edit made against the server's current version, so it is checked again
 * rather than overwriting blindly.
 */
gboolean
sitrep_context_settle_refused_edit (SitrepContext            *self,
                                    const SitrepRefusedEdit  *edit,
                                    JsonObject               *body,
                                    GError                  **error)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  return settle (self, edit->id, edit->coll, edit->rec_id, edit->theirs, edit->theirs_version,
                 body, error);
}

/**
 * sitrep_refused_edit_new_from_conflict:
 *
 * Returns: (transfer full): @conflict as the conflict dialog shows it
 */
SitrepRefusedEdit *
sitrep_refused_edit_new_from_conflict (const SitrepConflict *conflict)
{
  SitrepRefusedEdit view = {
    conflict->id, conflict->kind, conflict->coll, conflict->rec_id, conflict->op,
    conflict->mine, conflict->theirs, conflict->theirs_version, conflict->message,
  };

  return sitrep_refused_edit_copy (&view);
}

/**
 * sitrep_context_dup_refused_edits:
 *
 * Returns: (transfer full) (element-type SitrepRefusedEdit): the edits the
 *   server refused that are still to be settled, oldest first
 */
GPtrArray *
sitrep_context_dup_refused_edits (SitrepContext *self)
{
  g_autoptr(GPtrArray) conflicts = sitrep_context_list_conflicts (self);
  GPtrArray *edits = g_ptr_array_new_full (conflicts->len,
                                           (GDestroyNotify) sitrep_refused_edit_free);

  for (guint i = 0; i < conflicts->len; i++)
    g_ptr_array_add (edits, sitrep_refused_edit_new_from_conflict (conflicts->pdata[i]));

  return edits;
}

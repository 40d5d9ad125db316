/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sitrep-mutation.h"

static SitrepMutation *
mutation_new (SitrepMutationOp  op,
              const char       *coll,
              const char       *id,
              JsonObject       *data)
{
  SitrepMutation *mutation = g_new0 (SitrepMutation, 1);

  mutation->op = op;
  mutation->coll = g_strdup (coll);
  mutation->id = g_strdup (id);
  mutation->base_version = -1;
  mutation->data = data ? json_object_ref (data) : NULL;

  return mutation;
}

/**
 * sitrep_mutation_new_put:
 *
 * Returns: (transfer full): a mutation replacing the record's body with @body.
 */
SitrepMutation *
sitrep_mutation_new_put (const char *coll,
                         const char *id,
                         JsonObject *body)
{
  g_return_val_if_fail (body != NULL, NULL);

  return mutation_new (SITREP_MUTATION_PUT, coll, id, body);
}

/**
 * sitrep_mutation_new_patch:
 *
 * Returns: (transfer full): a mutation setting only the members of @fields.
 */
SitrepMutation *
sitrep_mutation_new_patch (const char *coll,
                           const char *id,
                           JsonObject *fields)
{
  g_return_val_if_fail (fields != NULL, NULL);

  return mutation_new (SITREP_MUTATION_PATCH, coll, id, fields);
}

/**
 * sitrep_mutation_new_delete:
 *
 * Returns: (transfer full): a mutation marking the record deleted.
 */
SitrepMutation *
sitrep_mutation_new_delete (const char *coll,
                            const char *id)
{
  return mutation_new (SITREP_MUTATION_DELETE, coll, id, NULL);
}

void
sitrep_mutation_free (SitrepMutation *mutation)
{
  if (mutation == NULL)
    return;

  g_free (mutation->coll);
  g_free (mutation->id);
  g_clear_pointer (&mutation->data, json_object_unref);
  g_free (mutation->problem);
  g_free (mutation);
}

const char *
sitrep_mutation_op_to_string (SitrepMutationOp op)
{
  switch (op)
    {
    case SITREP_MUTATION_PUT:
      return "put";
    case SITREP_MUTATION_PATCH:
      return "patch";
    case SITREP_MUTATION_DELETE:
      return "delete";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
sitrep_mutation_op_from_string (const char       *text,
                                SitrepMutationOp *op)
{
  static const SitrepMutationOp ops[] = { SITREP_MUTATION_PUT, SITREP_MUTATION_PATCH,
                                          SITREP_MUTATION_DELETE };

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    if (g_strcmp0 (text, sitrep_mutation_op_to_string (ops[i])) == 0)
      {
        *op = ops[i];
        return TRUE;
      }

  return FALSE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sitrep-mutation.h"
#include "sitrep-time.h"

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

static gboolean
member_equal (JsonObject *a,
              JsonObject *b,
              const char *member)
{
  JsonNode *x = json_object_get_member (a, member);
  JsonNode *y = json_object_get_member (b, member);
  const char *sx, *sy;

  if (x == NULL || y == NULL)
    return x == y;
  if (!JSON_NODE_HOLDS_VALUE (x) || !JSON_NODE_HOLDS_VALUE (y) ||
      json_node_get_value_type (x) != G_TYPE_STRING || json_node_get_value_type (y) != G_TYPE_STRING)
    return json_node_equal (x, y);

  sx = json_node_get_string (x);
  sy = json_node_get_string (y);
  if (g_str_has_suffix (member, "_at"))
    {
      /* One instant written two ways ("…:00Z", "…:00.000Z") is one time. */
      g_autoptr(GDateTime) tx = sitrep_time_parse (sx);
      g_autoptr(GDateTime) ty = sitrep_time_parse (sy);

      if (tx != NULL && ty != NULL)
        return g_date_time_equal (tx, ty);
    }

  return g_strcmp0 (sx, sy) == 0;
}

/**
 * sitrep_edit_changed_underneath:
 * @current: the record's body now
 * @opened: the record's members as an editor showed them when it opened
 * @fields: the members the editor changed
 *
 * Whether someone else changed a member this edit changes while the editor
 * was open. Such an edit must be checked against the version the editor
 * started from, so that it becomes a conflict rather than replacing the
 * other change unseen; an edit of other members merges with it.
 *
 * Returns: %TRUE when a member of @fields differs between @opened and
 *   @current
 */
gboolean
sitrep_edit_changed_underneath (JsonObject *current,
                                JsonObject *opened,
                                JsonObject *fields)
{
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (current != NULL && opened != NULL && fields != NULL, FALSE);

  members = json_object_get_members (fields);
  for (GList *l = members; l != NULL; l = l->next)
    if (json_object_has_member (opened, l->data) && !member_equal (current, opened, l->data))
      return TRUE;

  return FALSE;
}

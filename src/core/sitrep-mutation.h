/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  SITREP_MUTATION_PUT,
  SITREP_MUTATION_PATCH,
  SITREP_MUTATION_DELETE,
} SitrepMutationOp;

/**
 * SitrepMutation:
 * @mid: its number in the outbox, once it has one (0 before)
 * @op: put, patch or delete
 * @coll: the collection
 * @id: the record id
 * @base_version: compare-and-set version, or -1 for last-writer-wins
 *   (on the wire: no `base_version`)
 * @data: the body of a put, the fields of a patch, %NULL for a delete
 * @problem: (nullable): why the server must reject it as `bad_request`,
 *   when a push carried it malformed (a bad body or base_version); such a
 *   mutation is answered alone while the rest of its push is applied
 *
 * One edit: as it is written to the outbox and pushed by a client, and as
 * the server reads it from a push.
 */
typedef struct
{
  gint64            mid;
  SitrepMutationOp  op;
  char             *coll;
  char             *id;
  gint64            base_version;
  JsonObject       *data;
  char             *problem;
} SitrepMutation;

SitrepMutation *sitrep_mutation_new_put    (const char *coll,
                                            const char *id,
                                            JsonObject *body);
SitrepMutation *sitrep_mutation_new_patch  (const char *coll,
                                            const char *id,
                                            JsonObject *fields);
SitrepMutation *sitrep_mutation_new_delete (const char *coll,
                                            const char *id);
void            sitrep_mutation_free       (SitrepMutation *mutation);
const char     *sitrep_mutation_op_to_string (SitrepMutationOp op);
gboolean        sitrep_mutation_op_from_string (const char       *text,
                                                SitrepMutationOp *op);
gboolean        sitrep_edit_changed_underneath (JsonObject       *current,
                                                JsonObject       *opened,
                                                JsonObject       *fields);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepMutation, sitrep_mutation_free)

G_END_DECLS

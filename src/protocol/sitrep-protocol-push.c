/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-protocol-push.c: `POST /v1/push`, its request and its answer
 *
 * A push is checked as a whole before anything of it is applied: what makes
 * the request unreadable (no client_id, a mutation without mid, an unknown
 * op or collection, mids out of order) fails the parse, while what concerns
 * one mutation only (a bad body or base_version) is noted in its `problem`
 * so that the server rejects that mutation and applies the others.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-json.h"
#include "sitrep-protocol-private.h"
#include "sitrep-protocol-push.h"
#include "sitrep-record.h"

void
sitrep_push_result_clear (SitrepPushResult *result)
{
  g_clear_pointer (&result->current, sitrep_record_free);
  g_clear_pointer (&result->error, g_free);
  g_clear_pointer (&result->message, g_free);
}

/* Requests */

/**
 * sitrep_protocol_push_build:
 * @mutations: (element-type SitrepMutation): in mid order, each with its mid
 *
 * A mutation's base_version is sent only when it is a version (0 or more):
 * -1 and a chained edit's placeholder go unchecked.
 *
 * Returns: (transfer full): the body of `POST /v1/push`
 */
char *
sitrep_protocol_push_build (const char *client_id,
                            GPtrArray  *mutations)
{
  GString *out = g_string_new ("{\"client_id\":");

  sitrep_protocol_append_string (out, client_id);
  g_string_append (out, ",\"mutations\":[");
  for (guint i = 0; i < mutations->len; i++)
    {
      SitrepMutation *m = g_ptr_array_index (mutations, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "{\"mid\":%" G_GINT64_FORMAT ",\"op\":", m->mid);
      sitrep_protocol_append_string (out, sitrep_mutation_op_to_string (m->op));
      g_string_append (out, ",\"coll\":");
      sitrep_protocol_append_string (out, m->coll);
      g_string_append (out, ",\"id\":");
      sitrep_protocol_append_string (out, m->id);
      if (m->base_version >= 0)
        g_string_append_printf (out, ",\"base_version\":%" G_GINT64_FORMAT, m->base_version);
      if (m->data != NULL && m->op != SITREP_MUTATION_DELETE)
        {
          g_autofree char *data = sitrep_json_to_string (m->data);

          g_string_append (out, m->op == SITREP_MUTATION_PATCH ? ",\"fields\":" : ",\"body\":");
          g_string_append (out, data);
        }
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");

  return g_string_free (out, FALSE);
}

/**
 * sitrep_protocol_push_free:
 *
 * Frees @push and its mutations.
 */
void
sitrep_protocol_push_free (SitrepProtocolPush *push)
{
  if (push == NULL)
    return;

  g_free (push->client_id);
  g_clear_pointer (&push->mutations, g_ptr_array_unref);
  g_free (push);
}

static gboolean
bad (GError    **error,
     guint       index,
     const char *problem)
{
  g_set_error (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_BAD_REQUEST,
               "mutations[%u]: %s", index, problem);
  return FALSE;
}

static gboolean
parse_mutation (JsonNode        *node,
                guint            index,
                SitrepMutation  *m,
                GError         **error)
{
  JsonObject *o;
  JsonNode *member;
  const char *text;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad (error, index, _("must be an object"));
  o = json_node_get_object (node);

  if (!_sitrep_protocol_get_int (o, "mid", &m->mid) || m->mid < 1)
    return bad (error, index, _("mid: must be a positive integer"));

  if (!sitrep_mutation_op_from_string (_sitrep_protocol_get_nonempty_string (o, "op"), &m->op))
    return bad (error, index, _("op: must be put, patch or delete"));

  text = _sitrep_protocol_get_nonempty_string (o, "coll");
  if (text == NULL || !sitrep_collection_is_valid (text))
    return bad (error, index, _("coll: unknown collection"));
  m->coll = g_strdup (text);

  text = _sitrep_protocol_get_nonempty_string (o, "id");
  if (text == NULL)
    return bad (error, index, _("id: must be a non-empty string"));
  m->id = g_strdup (text);

  member = json_object_get_member (o, "base_version");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!_sitrep_protocol_get_int (o, "base_version", &m->base_version) || m->base_version < 0)
        {
          m->base_version = -1;
          m->problem = g_strdup (_("base_version: must be a non-negative integer"));
        }
    }

  if (m->op != SITREP_MUTATION_DELETE)
    {
      const char *name = m->op == SITREP_MUTATION_PUT ? "body" : "fields";

      member = json_object_get_member (o, name);
      if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
        m->data = sitrep_json_copy (json_node_get_object (member));
      else if (m->problem == NULL)
        m->problem = g_strdup_printf (_("%s: must be an object"), name);
    }

  return TRUE;
}

/**
 * sitrep_protocol_push_parse:
 * @request: the body of a `POST /v1/push`
 *
 * Checks the structure of a push: `client_id`, at most
 * %SITREP_PROTOCOL_MAX_MUTATIONS mutations, each with `mid`, a known `op`
 * and `coll` and an `id`, and mids that follow each other (n, n+1, …). A
 * mutation without `base_version` gets -1.
 *
 * Returns: (transfer full) (nullable): the push, or %NULL with @error set
 *   (%SITREP_PROTOCOL_ERROR_BAD_REQUEST or %SITREP_PROTOCOL_ERROR_TOO_LARGE)
 */
SitrepProtocolPush *
sitrep_protocol_push_parse (JsonObject  *request,
                            GError     **error)
{
  g_autoptr(SitrepProtocolPush) push = NULL;
  const char *client_id;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (request != NULL, NULL);

  client_id = _sitrep_protocol_get_nonempty_string (request, "client_id");
  if (client_id == NULL || strlen (client_id) > SITREP_PROTOCOL_MAX_CLIENT_ID)
    {
      g_set_error_literal (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_BAD_REQUEST,
                           _("client_id: must be a non-empty string of at most 200 bytes"));
      return NULL;
    }

  array = _sitrep_protocol_get_array (request, "mutations");
  if (array == NULL)
    {
      g_set_error_literal (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_BAD_REQUEST,
                           _("mutations: must be an array"));
      return NULL;
    }

  n = json_array_get_length (array);
  if (n > SITREP_PROTOCOL_MAX_MUTATIONS)
    {
      g_set_error (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_TOO_LARGE,
                   _("A push holds at most %d mutations"), SITREP_PROTOCOL_MAX_MUTATIONS);
      return NULL;
    }

  push = g_new0 (SitrepProtocolPush, 1);
  push->client_id = g_strdup (client_id);
  push->mutations = g_ptr_array_new_full (n, (GDestroyNotify) sitrep_mutation_free);

  for (guint i = 0; i < n; i++)
    {
      SitrepMutation *m = g_new0 (SitrepMutation, 1);

      m->base_version = -1;
      g_ptr_array_add (push->mutations, m);
      if (!parse_mutation (json_array_get_element (array, i), i, m, error))
        return NULL;

      if (i > 0)
        {
          SitrepMutation *first = g_ptr_array_index (push->mutations, 0);

          /* Both are positive: the difference cannot overflow, a sum might. */
          if (m->mid - first->mid != (gint64) i)
            {
              bad (error, i, _("mids of a push must follow each other (n, n+1, …)"));
              return NULL;
            }
        }
    }

  return g_steal_pointer (&push);
}

/* Answers */

/**
 * sitrep_protocol_result_applied:
 *
 * Returns: (transfer full): the result of an applied mutation; its
 *   `seq` is the record's new version
 */
char *
sitrep_protocol_result_applied (gint64 mid,
                                gint64 version)
{
  return g_strdup_printf ("{\"mid\":%" G_GINT64_FORMAT ",\"status\":\"applied\",\"seq\":%"
                          G_GINT64_FORMAT ",\"version\":%" G_GINT64_FORMAT "}",
                          mid, version, version);
}

/**
 * sitrep_protocol_result_conflict:
 * @current: (nullable): the record as the server holds it, or %NULL when
 *   it has none
 *
 * Returns: (transfer full): the result of a mutation whose base_version
 *   did not match
 */
char *
sitrep_protocol_result_conflict (gint64                      mid,
                                 const SitrepProtocolRecord *current)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "{\"mid\":%" G_GINT64_FORMAT ",\"status\":\"conflict\",\"current\":",
                          mid);
  if (current != NULL)
    sitrep_protocol_append_record (out, current->coll, current->id, current->version,
                                   current->deleted, current->body);
  else
    g_string_append (out, "null");
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/**
 * sitrep_protocol_result_rejected:
 * @code: one of the `error` codes
 *
 * Returns: (transfer full): the result of a refused mutation
 */
char *
sitrep_protocol_result_rejected (gint64      mid,
                                 const char *code,
                                 const char *message)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "{\"mid\":%" G_GINT64_FORMAT ",\"status\":\"rejected\",\"error\":",
                          mid);
  sitrep_protocol_append_string (out, code);
  g_string_append (out, ",\"message\":");
  sitrep_protocol_append_string (out, message);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/**
 * sitrep_protocol_push_answer_build:
 * @results: (array length=n_results): each mutation's result, as the
 *   sitrep_protocol_result_*() functions wrote it
 *
 * Returns: (transfer full): the `200` answer of a push
 */
char *
sitrep_protocol_push_answer_build (gint64              last_mid,
                                   const char * const *results,
                                   guint               n_results)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "{\"last_mid\":%" G_GINT64_FORMAT ",\"results\":[", last_mid);
  for (guint i = 0; i < n_results; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, results[i]);
    }
  g_string_append (out, "]}");

  return g_string_free (out, FALSE);
}

/**
 * sitrep_protocol_mid_gap_json:
 * @expected: the next mid the server expects of this client
 *
 * Returns: (transfer full): the `409 mid_gap` answer
 */
char *
sitrep_protocol_mid_gap_json (gint64      expected,
                              const char *message)
{
  GString *out = g_string_new ("{\"error\":");

  sitrep_protocol_append_string (out, SITREP_PROTOCOL_MID_GAP);
  g_string_append (out, ",\"message\":");
  sitrep_protocol_append_string (out, message != NULL ? message : SITREP_PROTOCOL_MID_GAP);
  g_string_append_printf (out, ",\"expected\":%" G_GINT64_FORMAT "}", expected);

  return g_string_free (out, FALSE);
}

static gboolean
sent (GPtrArray *mutations,
      gint64     mid)
{
  for (guint i = 0; i < mutations->len; i++)
    if (((SitrepMutation *) g_ptr_array_index (mutations, i))->mid == mid)
      return TRUE;
  return FALSE;
}

static gboolean
parse_push_result (JsonObject        *o,
                   GPtrArray         *mutations,
                   SitrepPushResult  *result,
                   GError           **error)
{
  const char *status = _sitrep_protocol_get_nonempty_string (o, "status");
  gboolean ok = TRUE;

  if (!_sitrep_protocol_get_int (o, "mid", &result->mid) || !sent (mutations, result->mid))
    return _sitrep_protocol_invalid (error, _("a result for a mutation that was not sent"));

  if (g_strcmp0 (status, "applied") == 0)
    {
      result->status = SITREP_PUSH_APPLIED;
      if ((!_sitrep_protocol_get_int (o, "version", &result->version) &&
           !_sitrep_protocol_get_int (o, "seq", &result->version)) ||
          result->version <= 0)
        return _sitrep_protocol_invalid (error, _("an applied result without a version"));
      return TRUE;
    }

  if (g_strcmp0 (status, "conflict") == 0)
    {
      JsonNode *current = json_object_get_member (o, "current");

      result->status = SITREP_PUSH_CONFLICT;
      if (current == NULL || JSON_NODE_HOLDS_NULL (current))
        return TRUE;
      if (!JSON_NODE_HOLDS_OBJECT (current))
        return _sitrep_protocol_invalid (error,
                                         _("a conflict’s current record is not an object"));
      result->current = _sitrep_protocol_parse_record (json_node_get_object (current), error);
      return result->current != NULL;
    }

  if (g_strcmp0 (status, "rejected") == 0)
    {
      result->status = SITREP_PUSH_REJECTED;
      result->error = g_strdup (_sitrep_protocol_get_nullable_string (o, "error", &ok));
      result->message = g_strdup (_sitrep_protocol_get_nullable_string (o, "message", &ok));
      return ok || _sitrep_protocol_invalid (error, _("a rejection’s error is not a string"));
    }

  return _sitrep_protocol_invalid (error, _("a result with an unknown status"));
}

static void
push_result_clear (gpointer data)
{
  sitrep_push_result_clear (data);
}

/**
 * sitrep_protocol_push_answer_parse:
 * @answer: a push's `200` answer
 * @mutations: (element-type SitrepMutation): what was pushed; a result for
 *   any other mid makes the answer invalid
 *
 * Returns: (transfer full) (element-type SitrepPushResult): the results,
 *   or %NULL with @error set (%SITREP_PROTOCOL_ERROR_INVALID)
 */
GArray *
sitrep_protocol_push_answer_parse (JsonObject  *answer,
                                   GPtrArray   *mutations,
                                   GError     **error)
{
  JsonArray *array = _sitrep_protocol_get_array (answer, "results");
  g_autoptr(GArray) results = NULL;
  guint n;

  if (array == NULL)
    return _sitrep_protocol_invalid_null (error, _("no results"));

  n = json_array_get_length (array);
  results = g_array_sized_new (FALSE, TRUE, sizeof (SitrepPushResult), n);
  g_array_set_clear_func (results, push_result_clear);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      SitrepPushResult result = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return _sitrep_protocol_invalid_null (error, _("a result is not an object"));
      if (!parse_push_result (json_node_get_object (node), mutations, &result, error))
        {
          sitrep_push_result_clear (&result);
          return NULL;
        }
      g_array_append_val (results, result);
    }

  return g_steal_pointer (&results);
}

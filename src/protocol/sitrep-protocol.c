/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-protocol.c: the JSON shapes of PROTOCOL.md, shared by the server and
 * the client sync engine
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

#include "sitrep-protocol.h"
#include "sitrep-json.h"
#include "sitrep-record.h"

G_DEFINE_QUARK (sitrep-protocol-error-quark, sitrep_protocol_error)

static const char * const op_names[] = { "put", "patch", "delete" };

/**
 * sitrep_protocol_op_to_string:
 *
 * Returns: "put", "patch" or "delete"
 */
const char *
sitrep_protocol_op_to_string (SitrepProtocolOp op)
{
  g_return_val_if_fail (op <= SITREP_PROTOCOL_OP_DELETE, NULL);

  return op_names[op];
}

/**
 * sitrep_protocol_op_from_string:
 *
 * Returns: %TRUE if @text is an op of the protocol, stored in @out
 */
gboolean
sitrep_protocol_op_from_string (const char       *text,
                                SitrepProtocolOp *out)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (op_names); i++)
    {
      if (g_str_equal (text, op_names[i]))
        {
          *out = (SitrepProtocolOp) i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
mutation_free (gpointer data)
{
  SitrepProtocolMutation *m = data;

  g_free (m->coll);
  g_free (m->id);
  g_clear_pointer (&m->body, json_object_unref);
  g_free (m->problem);
  g_free (m);
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
get_int (JsonNode *node,
         gint64   *out)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *out = json_node_get_int (node);
  return TRUE;
}

static const char *
get_nonempty_string (JsonObject *o,
                     const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING
      || *json_node_get_string (node) == '\0')
    return NULL;

  return json_node_get_string (node);
}

static gboolean
parse_mutation (JsonNode                *node,
                guint                    index,
                SitrepProtocolMutation  *m,
                GError                 **error)
{
  JsonObject *o;
  JsonNode *member;
  const char *text;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad (error, index, _("must be an object"));
  o = json_node_get_object (node);

  if (!get_int (json_object_get_member (o, "mid"), &m->mid) || m->mid < 1)
    return bad (error, index, _("mid: must be a positive integer"));

  if (!sitrep_protocol_op_from_string (get_nonempty_string (o, "op"), &m->op))
    return bad (error, index, _("op: must be put, patch or delete"));

  text = get_nonempty_string (o, "coll");
  if (text == NULL || !sitrep_collection_is_valid (text))
    return bad (error, index, _("coll: unknown collection"));
  m->coll = g_strdup (text);

  text = get_nonempty_string (o, "id");
  if (text == NULL)
    return bad (error, index, _("id: must be a non-empty string"));
  m->id = g_strdup (text);

  member = json_object_get_member (o, "base_version");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!get_int (member, &m->base_version) || m->base_version < 0)
        m->problem = g_strdup (_("base_version: must be a non-negative integer"));
      else
        m->has_base_version = TRUE;
    }

  if (m->op != SITREP_PROTOCOL_OP_DELETE)
    {
      const char *name = m->op == SITREP_PROTOCOL_OP_PUT ? "body" : "fields";

      member = json_object_get_member (o, name);
      if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
        m->body = sitrep_json_copy (json_node_get_object (member));
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
 * and `coll` and an `id`, and mids that follow each other (n, n+1, …).
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
  JsonNode *node;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (request != NULL, NULL);

  client_id = get_nonempty_string (request, "client_id");
  if (client_id == NULL || strlen (client_id) > SITREP_PROTOCOL_MAX_CLIENT_ID)
    {
      g_set_error_literal (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_BAD_REQUEST,
                           _("client_id: must be a non-empty string of at most 200 bytes"));
      return NULL;
    }

  node = json_object_get_member (request, "mutations");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_BAD_REQUEST,
                           _("mutations: must be an array"));
      return NULL;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > SITREP_PROTOCOL_MAX_MUTATIONS)
    {
      g_set_error (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_TOO_LARGE,
                   _("A push holds at most %d mutations"), SITREP_PROTOCOL_MAX_MUTATIONS);
      return NULL;
    }

  push = g_new0 (SitrepProtocolPush, 1);
  push->client_id = g_strdup (client_id);
  push->mutations = g_ptr_array_new_full (n, mutation_free);

  for (guint i = 0; i < n; i++)
    {
      SitrepProtocolMutation *m = g_new0 (SitrepProtocolMutation, 1);

      g_ptr_array_add (push->mutations, m);
      if (!parse_mutation (json_array_get_element (array, i), i, m, error))
        return NULL;

      if (i > 0)
        {
          SitrepProtocolMutation *first = g_ptr_array_index (push->mutations, 0);

          if (m->mid != first->mid + (gint64) i)
            {
              bad (error, i, _("mids of a push must follow each other (n, n+1, …)"));
              return NULL;
            }
        }
    }

  return g_steal_pointer (&push);
}

/**
 * sitrep_protocol_append_string:
 *
 * Appends @text to @out as a JSON string (quoted and escaped), or `null`
 * when @text is %NULL. @text must be UTF-8.
 */
void
sitrep_protocol_append_string (GString    *out,
                               const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

/**
 * sitrep_protocol_append_record:
 * @body_json: (nullable): the body as JSON text, or %NULL for `null`
 *
 * Appends `{"coll", "id", "version", "deleted", "body"}` to @out.
 */
void
sitrep_protocol_append_record (GString    *out,
                               const char *coll,
                               const char *id,
                               gint64      version,
                               gboolean    deleted,
                               const char *body_json)
{
  g_string_append (out, "{\"coll\":");
  sitrep_protocol_append_string (out, coll);
  g_string_append (out, ",\"id\":");
  sitrep_protocol_append_string (out, id);
  g_string_append_printf (out, ",\"version\":%" G_GINT64_FORMAT ",\"deleted\":%s,\"body\":%s}",
                          version, deleted ? "true" : "false",
                          body_json != NULL ? body_json : "null");
}

/**
 * sitrep_protocol_error_json:
 *
 * Returns: (transfer full): `{"error": code, "message": message}`
 */
char *
sitrep_protocol_error_json (const char *code,
                            const char *message)
{
  GString *out = g_string_new ("{\"error\":");

  sitrep_protocol_append_string (out, code);
  g_string_append (out, ",\"message\":");
  sitrep_protocol_append_string (out, message != NULL ? message : code);
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

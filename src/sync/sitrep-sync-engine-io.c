/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-sync-engine-io.c: the requests of the sync engine, and reading
 * the server's answers
 *
 * An answer is read into memory up to a limit, checked for its size and
 * nesting before json-glib parses it, and then src/protocol checks every
 * member the engine uses for its type. An answer that is not what
 * PROTOCOL.md says fails as a whole, so the store is written all of it or
 * nothing; within a good page, one record this client cannot accept is
 * left out (and counted) instead of holding up every record after it.
 */

#define G_LOG_DOMAIN "sitrep-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-json.h"
#include "sitrep-record.h"
#include "sitrep-protocol-feed.h"
#include "sitrep-protocol-push.h"
#include "sitrep-protocol-scan.h"
#include "sitrep-sync-engine-private.h"

#define READ_CHUNK (64 * 1024)

void
_sitrep_sync_answer_free (SitrepSyncAnswer *answer)
{
  if (answer == NULL)
    return;

  g_clear_pointer (&answer->json, json_object_unref);
  g_free (answer);
}

/**
 * _sitrep_sync_answer_code:
 *
 * Returns: (nullable): the `error` code of an error answer
 */
const char *
_sitrep_sync_answer_code (SitrepSyncAnswer *answer)
{
  return sitrep_json_get_string (answer->json, "error");
}

/**
 * _sitrep_sync_answer_describe:
 *
 * Returns: (transfer full): the server's words for an error answer, for
 *   people
 */
char *
_sitrep_sync_answer_describe (SitrepSyncAnswer *answer)
{
  const char *message = sitrep_json_get_string (answer->json, "message");

  if (message != NULL)
    return g_strdup_printf (_("%s (HTTP %u)"), message, answer->status);

  return g_strdup_printf (_("The server answered HTTP %u %s"), answer->status,
                          soup_status_get_phrase (answer->status));
}

/**
 * _sitrep_sync_normalize_url:
 *
 * Returns: (transfer full) (nullable): @base_url without its trailing
 *   slashes, or %NULL when it is not an http or https URL
 */
char *
_sitrep_sync_normalize_url (const char  *base_url,
                            GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;
  gsize len;

  uri = g_uri_parse (base_url, SOUP_HTTP_URI_FLAGS, &local_error);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || scheme == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, SITREP_SYNC_ERROR, SITREP_SYNC_ERROR_INVALID_URL,
                   _("“%s” is not an http or https address"), base_url);
      return NULL;
    }

  len = strlen (base_url);
  while (len > 0 && base_url[len - 1] == '/')
    len--;
  return g_strndup (base_url, len);
}

/* Requests */

typedef struct
{
  SoupSession  *session;
  SoupMessage  *msg;
  GInputStream *stream;
  GByteArray   *data;
  gsize         max_size;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_object (&request->session);
  g_clear_object (&request->msg);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->data, g_byte_array_unref);
  g_free (request);
}

/* Like sitrep_protocol_parse_object(), whose 256 KiB limit is that of a
 * request: an answer (a snapshot, a page of changes) may be larger. */
static JsonObject *
parse_answer (GByteArray  *data,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *answer;

  /* The size was bounded while reading; the depth and the rest here. */
  answer = sitrep_protocol_parse_object_bounded ((const char *) data->data, data->len, G_MAXSIZE,
                                                 SITREP_SYNC_MAX_DEPTH, &local_error);
  if (answer == NULL)
    g_set_error (error, SITREP_SYNC_ERROR, SITREP_SYNC_ERROR_INVALID_ANSWER,
                 _("The server’s answer is not usable JSON: %s"), local_error->message);

  return answer;
}

static gint64
parse_retry_after (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                    "Retry-After");
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT, &seconds, NULL))
    return (gint64) seconds;

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (0, g_date_time_difference (when, now) / G_USEC_PER_SEC);
}

static void
request_done (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(SitrepSyncAnswer) answer = g_new0 (SitrepSyncAnswer, 1);

  answer->status = soup_message_get_status (request->msg);
  answer->retry_after = parse_retry_after (request->msg);
  answer->size = request->data->len;

  if (request->data->len > 0)
    {
      g_autoptr(GError) error = NULL;

      answer->json = parse_answer (request->data, &error);
      /* An error answer in another shape (a proxy's HTML page) is still an
       * answer; an unreadable success is not. */
      if (answer->json == NULL && SOUP_STATUS_IS_SUCCESSFUL (answer->status))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else if (SOUP_STATUS_IS_SUCCESSFUL (answer->status))
    {
      g_task_return_new_error (task, SITREP_SYNC_ERROR, SITREP_SYNC_ERROR_INVALID_ANSWER,
                               _("The server’s answer is empty"));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&answer),
                         (GDestroyNotify) _sitrep_sync_answer_free);
}

static void read_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
read_next (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT, cancellable,
                                   read_cb, task);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const guint8 *data;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_bytes_get_data (bytes, &size);
  if (size == 0)
    {
      request_done (task);
      return;
    }

  if (request->data->len + size > request->max_size)
    {
      /* Only a success is what was asked for, too much of it; a huge error
       * page (a proxy's) says nothing of the feed. */
      g_task_return_new_error (task, SITREP_SYNC_ERROR,
                               SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (request->msg))
                               ? SITREP_SYNC_ERROR_TOO_LARGE : SITREP_SYNC_ERROR_INVALID_ANSWER,
                               _("The server’s answer is larger than %lu bytes"),
                               (gulong) request->max_size);
      return;
    }
  g_byte_array_append (request->data, data, (guint) size);

  read_next (g_steal_pointer (&task));
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  request->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (request->stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  read_next (g_steal_pointer (&task));
}

/**
 * _sitrep_sync_request_async:
 * @base_url: the server, as _sitrep_sync_normalize_url() returned it
 * @token: (nullable): the bearer token
 * @path: the path and query, from "/v1/…"
 * @body_json: (nullable): a JSON body to send
 * @max_size: the most of the answer's body to read
 *
 * Sends one request and reads its whole answer. It fails only when no
 * answer came (or a successful one that is not a JSON object); an error
 * status is an answer.
 */
void
_sitrep_sync_request_async (SoupSession         *session,
                            const char          *base_url,
                            const char          *token,
                            const char          *method,
                            const char          *path,
                            const char          *body_json,
                            gsize                max_size,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  Request *request;

  g_task_set_source_tag (task, _sitrep_sync_request_async);

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL)
    {
      g_task_return_new_error (task, SITREP_SYNC_ERROR, SITREP_SYNC_ERROR_INVALID_URL,
                               _("“%s” is not a valid address: %s"), url, error->message);
      return;
    }

  request = g_new0 (Request, 1);
  request->session = g_object_ref (session);
  request->msg = soup_message_new_from_uri (method, uri);
  request->data = g_byte_array_new ();
  request->max_size = max_size;
  g_task_set_task_data (task, request, request_free);

  headers = soup_message_get_request_headers (request->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
    }
  if (body_json != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body_json, strlen (body_json));

      soup_message_set_request_body_from_bytes (request->msg, "application/json", bytes);
    }

  soup_session_send_async (session, request->msg, G_PRIORITY_DEFAULT, cancellable, send_cb,
                           g_steal_pointer (&task));
}

/**
 * _sitrep_sync_request_finish:
 *
 * Returns: (transfer full): the answer, or %NULL when there was none
 */
SitrepSyncAnswer *
_sitrep_sync_request_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Building and reading the protocol's JSON (sitrep-protocol-push.h and
 * sitrep-protocol-feed.h); what the protocol library finds wrong with an
 * answer becomes this engine's INVALID_ANSWER. */

static gboolean
invalid (GError     **error,
         const char  *what)
{
  g_set_error (error, SITREP_SYNC_ERROR, SITREP_SYNC_ERROR_INVALID_ANSWER,
               _("The server’s answer is not as expected: %s"), what);
  return FALSE;
}

static gpointer
invalid_null (GError     **error,
              const char  *what)
{
  invalid (error, what);
  return NULL;
}

static gpointer
invalid_answer (GError **error,
                GError  *protocol_error)
{
  invalid (error, protocol_error->message);
  g_error_free (protocol_error);
  return NULL;
}

/**
 * _sitrep_sync_build_push:
 * @mutations: (element-type SitrepMutation): in mid order
 *
 * Returns: (transfer full): the body of `POST /v1/push`
 */
char *
_sitrep_sync_build_push (const char *client_id,
                         GPtrArray  *mutations)
{
  return sitrep_protocol_push_build (client_id, mutations);
}

/**
 * _sitrep_sync_parse_push:
 * @mutations: (element-type SitrepMutation): what was pushed
 *
 * Returns: (transfer full) (element-type SitrepPushResult): the results of
 *   a push's `200` answer
 */
GArray *
_sitrep_sync_parse_push (JsonObject  *answer,
                         GPtrArray   *mutations,
                         GError     **error)
{
  GError *protocol_error = NULL;
  GArray *results = sitrep_protocol_push_answer_parse (answer, mutations, &protocol_error);

  return results != NULL ? results : invalid_answer (error, protocol_error);
}

/* One record of a page is read on its own, through the protocol's reader
 * of a whole page, so a record this client cannot accept is left out
 * rather than failing the records around it. */

static JsonObject *
page_of_one (const char *array_member,
             JsonNode   *element,
             const char *seq_member,
             gint64      seq)
{
  JsonObject *page = json_object_new ();
  JsonArray *array = json_array_new ();

  if (element != NULL)
    json_array_add_element (array, json_node_copy (element));
  json_object_set_array_member (page, array_member, array);
  json_object_set_int_member (page, seq_member, seq);
  if (g_str_equal (array_member, "changes"))
    json_object_set_boolean_member (page, "more", FALSE);
  return page;
}

static const char *
member_text (JsonObject *o,
             const char *member)
{
  const char *text = sitrep_json_get_string (o, member);

  return text != NULL ? text : "?";
}

/* A record that reads well but breaks its collection's rules is left out
 * too: the store and the windows count on them. A newer server's
 * collection is the store's to ignore. */
static gboolean
record_acceptable (SitrepRecord  *record,
                   GError       **error)
{
  if (record->deleted || !sitrep_collection_is_valid (record->coll))
    return TRUE;
  return sitrep_record_validate (record->coll, record->id, record->body, error);
}

static void
note_skipped (const char *what,
              JsonObject *o,
              gint64      seq,
              const char *why)
{
  g_message ("Left out %s %" G_GINT64_FORMAT " (%s/%s) from the server, which this client "
             "cannot accept: %s", what, seq, member_text (o, "coll"), member_text (o, "id"), why);
}

/**
 * _sitrep_sync_parse_changes:
 * @since: the `since` asked for
 * @n_skipped: (out): how many changes were left out
 *
 * A change whose record cannot be read or fails its collection's rules is
 * left out, with a message; a page that is not one (no `last_seq`, a
 * change without a `seq`, changes out of order) fails as a whole.
 *
 * Returns: (transfer full) (element-type SitrepChange): the changes of a
 *   `GET /v1/changes` answer, which must follow @since in increasing order
 */
GPtrArray *
_sitrep_sync_parse_changes (JsonObject  *answer,
                            gint64       since,
                            gint64      *last_seq,
                            gboolean    *more,
                            guint       *n_skipped,
                            GError     **error)
{
  g_autoptr(GPtrArray) changes =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_change_free);
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(JsonObject) shell = json_object_new ();
  GError *protocol_error = NULL;
  JsonNode *node = json_object_get_member (answer, "changes");
  JsonArray *array;
  gint64 previous = since;

  *n_skipped = 0;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return invalid_null (error, _("no changes"));
  array = json_node_get_array (node);

  /* The page's own members first, without its changes. */
  json_object_set_array_member (shell, "changes", json_array_new ());
  if (json_object_has_member (answer, "last_seq"))
    json_object_set_member (shell, "last_seq",
                            json_node_copy (json_object_get_member (answer, "last_seq")));
  if (json_object_has_member (answer, "more"))
    json_object_set_member (shell, "more",
                            json_node_copy (json_object_get_member (answer, "more")));
  none = sitrep_protocol_changes_parse (shell, 0, last_seq, more, &protocol_error);
  if (none == NULL)
    return invalid_answer (error, protocol_error);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(JsonObject) page = NULL;
      g_autoptr(GPtrArray) one = NULL;
      g_autoptr(GError) rule_error = NULL;
      JsonNode *seq_node;
      JsonObject *o;
      gint64 seq, one_last_seq;
      gboolean one_more;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return invalid_null (error, _("a change is not an object"));
      o = json_node_get_object (element);
      seq_node = json_object_get_member (o, "seq");
      if (seq_node == NULL || !JSON_NODE_HOLDS_VALUE (seq_node)
          || json_node_get_value_type (seq_node) != G_TYPE_INT64)
        return invalid_null (error, _("a change without a seq"));
      seq = json_node_get_int (seq_node);
      if (seq <= previous)
        return invalid_null (error, _("changes out of order"));
      previous = seq;

      page = page_of_one ("changes", element, "last_seq", seq);
      one = sitrep_protocol_changes_parse (page, seq - 1, &one_last_seq, &one_more,
                                           &protocol_error);
      if (one == NULL)
        {
          note_skipped ("change", o, seq, protocol_error->message);
          g_clear_error (&protocol_error);
          (*n_skipped)++;
          continue;
        }
      if (!record_acceptable (((SitrepChange *) one->pdata[0])->record, &rule_error))
        {
          note_skipped ("change", o, seq, rule_error->message);
          (*n_skipped)++;
          continue;
        }
      g_ptr_array_add (changes, g_ptr_array_steal_index (one, 0));
    }

  if (*last_seq < previous)
    return invalid_null (error, _("last_seq is behind the changes"));

  return g_steal_pointer (&changes);
}

/**
 * _sitrep_sync_parse_snapshot:
 * @n_skipped: (out): how many records were left out
 *
 * A record that cannot be read or fails its collection's rules is left
 * out, with a message.
 *
 * Returns: (transfer full) (element-type SitrepRecord): the records of a
 *   `GET /v1/snapshot` answer
 */
GPtrArray *
_sitrep_sync_parse_snapshot (JsonObject  *answer,
                             gint64      *seq,
                             guint       *n_skipped,
                             GError     **error)
{
  g_autoptr(GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_record_free);
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(JsonObject) shell = json_object_new ();
  GError *protocol_error = NULL;
  JsonNode *node = json_object_get_member (answer, "records");
  JsonArray *array;

  *n_skipped = 0;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return invalid_null (error, _("no records"));
  array = json_node_get_array (node);

  json_object_set_array_member (shell, "records", json_array_new ());
  if (json_object_has_member (answer, "seq"))
    json_object_set_member (shell, "seq", json_node_copy (json_object_get_member (answer, "seq")));
  none = sitrep_protocol_snapshot_parse (shell, seq, &protocol_error);
  if (none == NULL)
    return invalid_answer (error, protocol_error);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      g_autoptr(JsonObject) page = page_of_one ("records", element, "seq", *seq);
      g_autoptr(GPtrArray) one = NULL;
      g_autoptr(GError) rule_error = NULL;
      gint64 one_seq;

      one = sitrep_protocol_snapshot_parse (page, &one_seq, &protocol_error);
      if (one == NULL || !record_acceptable (one->pdata[0], &rule_error))
        {
          g_autoptr(JsonObject) empty = json_object_new ();

          note_skipped ("record", o != NULL ? o : empty, *seq,
                        protocol_error != NULL ? protocol_error->message : rule_error->message);
          g_clear_error (&protocol_error);
          (*n_skipped)++;
          continue;
        }
      g_ptr_array_add (records, g_ptr_array_steal_index (one, 0));
    }

  return g_steal_pointer (&records);
}

/**
 * _sitrep_sync_check_health:
 *
 * Checks the answer of `GET /v1/health`.
 */
gboolean
_sitrep_sync_check_health (JsonObject  *answer,
                           GError     **error)
{
  JsonNode *seq = json_object_get_member (answer, "seq");

  if (g_strcmp0 (sitrep_json_get_string (answer, "status"), "ok") != 0)
    return invalid (error, _("the server’s status is not “ok”"));
  if (seq == NULL || !JSON_NODE_HOLDS_VALUE (seq) || json_node_get_value_type (seq) != G_TYPE_INT64)
    return invalid (error, _("no seq"));
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-sync-engine-io.c: the requests of the sync engine, and reading
 * the server's answers
 *
 * An answer is read into memory up to a limit, checked for its size and
 * nesting before json-glib parses it, and then src/protocol checks every
 * member the engine uses for its type. Whatever is not what PROTOCOL.md
 * says fails the whole answer, so the store is written all of it or
 * nothing.
 */

#define G_LOG_DOMAIN "sitrep-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-json.h"
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
      g_task_return_new_error (task, SITREP_SYNC_ERROR, SITREP_SYNC_ERROR_INVALID_ANSWER,
                               _("The server’s answer is larger than %" G_GSIZE_FORMAT
                                 " bytes"), request->max_size);
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

/**
 * _sitrep_sync_parse_changes:
 * @since: the `since` asked for
 *
 * Returns: (transfer full) (element-type SitrepChange): the changes of a
 *   `GET /v1/changes` answer, which must follow @since in increasing order
 */
GPtrArray *
_sitrep_sync_parse_changes (JsonObject  *answer,
                            gint64       since,
                            gint64      *last_seq,
                            gboolean    *more,
                            GError     **error)
{
  GError *protocol_error = NULL;
  GPtrArray *changes = sitrep_protocol_changes_parse (answer, since, last_seq, more,
                                                      &protocol_error);

  return changes != NULL ? changes : invalid_answer (error, protocol_error);
}

/**
 * _sitrep_sync_parse_snapshot:
 *
 * Returns: (transfer full) (element-type SitrepRecord): the records of a
 *   `GET /v1/snapshot` answer
 */
GPtrArray *
_sitrep_sync_parse_snapshot (JsonObject  *answer,
                             gint64      *seq,
                             GError     **error)
{
  GError *protocol_error = NULL;
  GPtrArray *records = sitrep_protocol_snapshot_parse (answer, seq, &protocol_error);

  return records != NULL ? records : invalid_answer (error, protocol_error);
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

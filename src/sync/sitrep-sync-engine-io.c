/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-sync-engine-io.c: the requests of the sync engine, and reading
 * the server's answers
 *
 * An answer is read into memory up to a limit, checked for its size and
 * nesting before json-glib parses it, and then every member the engine uses
 * is checked for its type. Whatever is not what PROTOCOL.md says fails the
 * whole answer, so the store is written all of it or nothing.
 */

#define G_LOG_DOMAIN "sitrep-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-json.h"
#include "sitrep-protocol.h"
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

/* Like sitrep_json_from_string(), whose 256 KiB limit is that of a
 * request: an answer (a snapshot, a page of changes) may be larger. */
static JsonObject *
parse_answer (GByteArray  *data,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *answer;

  /* The size was bounded while reading; the depth and the rest here. */
  answer = sitrep_json_from_data_bounded ((const char *) data->data, data->len, G_MAXSIZE,
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

/* Building and reading the protocol's JSON */

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

static gboolean
get_int (JsonObject *o,
         const char *member,
         gint64     *out)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_bool (JsonObject *o,
          const char *member,
          gboolean   *out)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* A string member, or NULL; *ok turns FALSE when it is there and neither a
 * string nor null. */
static const char *
get_nullable_string (JsonObject *o,
                     const char *member,
                     gboolean   *ok)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    *ok = FALSE;
  return sitrep_json_get_string (o, member);
}

static JsonArray *
get_array (JsonObject *o,
           const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* {"coll", "id", "version", "deleted", "body"}; a live record has an object
 * body, a deleted one may have null. */
static SitrepRecord *
parse_record (JsonObject  *o,
              GError     **error)
{
  const char *coll = sitrep_json_get_string (o, "coll");
  const char *id = sitrep_json_get_string (o, "id");
  JsonNode *body_node = json_object_get_member (o, "body");
  JsonObject *body = NULL;
  gboolean deleted = FALSE;
  gint64 version;

  if (coll == NULL || *coll == '\0' || id == NULL || *id == '\0')
    return invalid_null (error, _("a record without coll or id"));
  if (!get_int (o, "version", &version) || version < 0)
    return invalid_null (error, _("a record without a version"));
  if (json_object_has_member (o, "deleted") && !get_bool (o, "deleted", &deleted))
    return invalid_null (error, _("a record’s deleted is not a boolean"));

  if (body_node != NULL && JSON_NODE_HOLDS_OBJECT (body_node))
    body = json_node_get_object (body_node);
  else if (!deleted || (body_node != NULL && !JSON_NODE_HOLDS_NULL (body_node)))
    return invalid_null (error, _("a record’s body is not an object"));

  return sitrep_record_new (coll, id, version, deleted, body);
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

static void
push_result_clear (gpointer data)
{
  sitrep_push_result_clear (data);
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
  const char *status = sitrep_json_get_string (o, "status");
  gboolean ok = TRUE;

  if (!get_int (o, "mid", &result->mid) || !sent (mutations, result->mid))
    return invalid (error, _("a result for a mutation that was not sent"));

  if (g_strcmp0 (status, "applied") == 0)
    {
      result->status = SITREP_PUSH_APPLIED;
      if (!get_int (o, "version", &result->version) && !get_int (o, "seq", &result->version))
        return invalid (error, _("an applied result without a version"));
      return result->version > 0 || invalid (error, _("an applied result without a version"));
    }

  if (g_strcmp0 (status, "conflict") == 0)
    {
      JsonNode *current = json_object_get_member (o, "current");

      result->status = SITREP_PUSH_CONFLICT;
      if (current == NULL || JSON_NODE_HOLDS_NULL (current))
        return TRUE;
      if (!JSON_NODE_HOLDS_OBJECT (current))
        return invalid (error, _("a conflict’s current record is not an object"));
      result->current = parse_record (json_node_get_object (current), error);
      return result->current != NULL;
    }

  if (g_strcmp0 (status, "rejected") == 0)
    {
      result->status = SITREP_PUSH_REJECTED;
      result->error = g_strdup (get_nullable_string (o, "error", &ok));
      result->message = g_strdup (get_nullable_string (o, "message", &ok));
      return ok || invalid (error, _("a rejection’s error is not a string"));
    }

  return invalid (error, _("a result with an unknown status"));
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
  JsonArray *array = get_array (answer, "results");
  g_autoptr(GArray) results = NULL;
  guint n;

  if (array == NULL)
    return invalid_null (error, _("no results"));

  n = json_array_get_length (array);
  results = g_array_sized_new (FALSE, TRUE, sizeof (SitrepPushResult), n);
  g_array_set_clear_func (results, push_result_clear);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      SitrepPushResult result = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid_null (error, _("a result is not an object"));
      if (!parse_push_result (json_node_get_object (node), mutations, &result, error))
        {
          sitrep_push_result_clear (&result);
          return NULL;
        }
      g_array_append_val (results, result);
    }

  return g_steal_pointer (&results);
}

static SitrepChange *
parse_change (JsonObject  *o,
              GError     **error)
{
  g_autoptr(SitrepRecord) record = parse_record (o, error);
  SitrepChange *change;
  gboolean ok = TRUE;
  const char *actor;
  const char *client_id;
  gint64 seq;
  gint64 mid = 0;

  if (record == NULL)
    return NULL;
  if (!get_int (o, "seq", &seq) || seq <= 0)
    return invalid_null (error, _("a change without a seq"));
  actor = get_nullable_string (o, "actor", &ok);
  client_id = get_nullable_string (o, "client_id", &ok);
  if (json_object_has_member (o, "mid") && !JSON_NODE_HOLDS_NULL (json_object_get_member (o, "mid"))
      && !get_int (o, "mid", &mid))
    ok = FALSE;
  if (!ok)
    return invalid_null (error, _("a change’s actor, client_id or mid has the wrong type"));

  change = g_new0 (SitrepChange, 1);
  change->seq = seq;
  change->record = g_steal_pointer (&record);
  change->actor = g_strdup (actor);
  change->client_id = g_strdup (client_id);
  change->mid = mid;
  return change;
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
  JsonArray *array = get_array (answer, "changes");
  g_autoptr(GPtrArray) changes =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_change_free);
  gint64 previous = since;

  if (array == NULL)
    return invalid_null (error, _("no changes"));
  if (!get_int (answer, "last_seq", last_seq))
    return invalid_null (error, _("no last_seq"));
  if (!get_bool (answer, "more", more))
    return invalid_null (error, _("no more"));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      SitrepChange *change;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid_null (error, _("a change is not an object"));
      change = parse_change (json_node_get_object (node), error);
      if (change == NULL)
        return NULL;
      g_ptr_array_add (changes, change);
      if (change->seq <= previous)
        return invalid_null (error, _("changes out of order"));
      previous = change->seq;
    }

  if (*last_seq < previous)
    return invalid_null (error, _("last_seq is behind the changes"));

  return g_steal_pointer (&changes);
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
  JsonArray *array = get_array (answer, "records");
  g_autoptr(GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_record_free);

  if (array == NULL)
    return invalid_null (error, _("no records"));
  if (!get_int (answer, "seq", seq) || *seq < 0)
    return invalid_null (error, _("no seq"));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      SitrepRecord *record;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid_null (error, _("a record is not an object"));
      record = parse_record (json_node_get_object (node), error);
      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
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
  gint64 seq;

  if (g_strcmp0 (sitrep_json_get_string (answer, "status"), "ok") != 0)
    return invalid (error, _("the server’s status is not “ok”"));
  if (!get_int (answer, "seq", &seq))
    return invalid (error, _("no seq"));
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-bodies.c: how much of a request body the server reads
 *
 * A POST may have a body of SITREP_PROTOCOL_MAX_BODY, any other request one
 * of SITREP_SERVER_MAX_OTHER_BODY, which is never kept. libsoup 3.2 reads
 * the whole declared body before it writes any answer, even one decided
 * from the headers; so a request refused before its body (by the early
 * handler, or for a Content-Length over its limit) or whose body grows
 * past its limit is taken from libsoup and answered here, and its
 * connection closed.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-protocol.h"
#include "sitrep-server-private.h"

static void
append_header (const char *name,
               const char *value,
               gpointer    data)
{
  GString *out = data;

  if (g_ascii_strcasecmp (name, "Content-Length") == 0
      || g_ascii_strcasecmp (name, "Connection") == 0
      || g_ascii_strcasecmp (name, "Transfer-Encoding") == 0)
    return;
  g_string_append_printf (out, "%s: %s\r\n", name, value);
}

/* The answer already set on @msg, as bytes to write on a connection that
 * closes after it. */
static GBytes *
serialize_answer (SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  GString *out = g_string_new (NULL);
  guint status = soup_server_message_get_status (msg);
  const char *reason = soup_server_message_get_reason_phrase (msg);
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

  g_string_append_printf (out, "HTTP/1.%d %u %s\r\n",
                          soup_server_message_get_http_version (msg) == SOUP_HTTP_1_0 ? 0 : 1,
                          status,
                          reason != NULL ? reason : soup_status_get_phrase (status));
  soup_message_headers_foreach (soup_server_message_get_response_headers (msg),
                                append_header, out);
  g_string_append_printf (out, "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Connection: close\r\n\r\n", size);
  g_string_append_len (out, data, (gssize) size);
  return g_string_free_to_bytes (out);
}

/* Answers @msg with what is set on it, leaving its body unread. */
static void
answer_unread (SitrepServer      *self,
               SoupServerMessage *msg)
{
  SitrepServerConnection *conn = _sitrep_server_connection_get (msg);
  g_autoptr(GBytes) answer = NULL;
  GIOStream *stream;

  if (conn == NULL)
    return;

  answer = serialize_answer (msg);
  _sitrep_server_request_end (self, msg, FALSE);

  g_object_ref (msg);
  stream = soup_server_message_steal_connection (msg);
  g_object_unref (msg);
  if (stream != NULL)
    _sitrep_server_connection_refuse (conn, stream, answer);
}

static void
respond_too_large (SoupServerMessage *msg,
                   gsize              limit)
{
  g_autofree char *message = NULL;

  if (limit == 0)
    message = g_strdup (_("This request takes no body"));
  else
    message = g_strdup_printf (_("The body is larger than %lu bytes"), (gulong) limit);
  _sitrep_server_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                SITREP_PROTOCOL_TOO_LARGE, message);
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  SitrepServer *self = user_data;
  SitrepServerRequest *req = _sitrep_server_request_get (msg);

  if (req == NULL || req->done)
    return;

  req->body_read += g_bytes_get_size (chunk);
  if (req->body_read <= req->body_limit)
    return;

  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  if (soup_server_message_get_status (msg) == 0)
    respond_too_large (msg, req->body_limit);
  answer_unread (self, msg);
}

/* After the early handler, which may have answered already. */
static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  SitrepServer *self = user_data;
  SitrepServerRequest *req = _sitrep_server_request_get (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  goffset length = encoding == SOUP_ENCODING_CONTENT_LENGTH
                     ? soup_message_headers_get_content_length (headers) : 0;
  gboolean post = g_strcmp0 (soup_server_message_get_method (msg), "POST") == 0;
  gboolean has_body = encoding == SOUP_ENCODING_CHUNKED || length > 0;

  if (req == NULL || req->done)
    return;

  req->body_limit = post ? SITREP_PROTOCOL_MAX_BODY : SITREP_SERVER_MAX_OTHER_BODY;
  if (soup_server_message_get_status (msg) == 0 && (guint64) length > req->body_limit)
    respond_too_large (msg, req->body_limit);

  if (!has_body)
    return;

  if (soup_server_message_get_status (msg) != 0)
    {
      answer_unread (self, msg);
      return;
    }

  _sitrep_server_connection_ack_now (_sitrep_server_connection_get (msg));
  /* Only a POST's body is ever looked at. */
  if (!post)
    soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), self);
}

/**
 * _sitrep_server_bound_body:
 *
 * Applies the body limits to @msg, from the moment its headers are read.
 */
void
_sitrep_server_bound_body (SitrepServer      *self,
                           SoupServerMessage *msg)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), self);
}

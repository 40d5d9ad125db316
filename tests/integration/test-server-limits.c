/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-limits.c: sitrep-server cannot be starved, stopped or made to
 * hold memory by its clients
 *
 * Out of file descriptors it pauses and resumes; a flood of slow
 * connections from one address is closed as it comes while others are
 * served; bodies it will not read are refused from the headers; a client
 * that stops reading its answer is dropped; connections are kept alive.
 * Traffic is to 127.0.0.1 only; the flooding side binds 127.0.0.2 as its
 * own address, so that the per-address limit tells it apart.
 */

#define _GNU_SOURCE   /* POLLRDHUP */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "protocol-common.h"

#define WAIT_US (10 * G_USEC_PER_SEC)

/* Raw connections */

static GSocket *
raw_connect_from (SitrepTestServer *server,
                  const char       *from,
                  int               rcvbuf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_from_string ("127.0.0.1");
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, server->port);

  g_assert_no_error (error);
  if (rcvbuf > 0)
    g_assert_true (g_socket_set_option (socket, SOL_SOCKET, SO_RCVBUF, rcvbuf, NULL));
  if (from != NULL)
    {
      g_autoptr(GInetAddress) source = g_inet_address_new_from_string (from);
      g_autoptr(GSocketAddress) local = g_inet_socket_address_new (source, 0);

      g_socket_bind (socket, local, FALSE, &error);
      g_assert_no_error (error);
    }
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (socket, 10);
  return g_steal_pointer (&socket);
}

static void
raw_send (GSocket    *socket,
          const char *data,
          gsize       len)
{
  g_autoptr(GError) error = NULL;

  while (len > 0)
    {
      gssize n = g_socket_send (socket, data, len, NULL, &error);

      g_assert_no_error (error);
      data += n;
      len -= (gsize) n;
    }
}

/* Reads until the server closes (or 10 s pass): returns what it said. */
static char *
raw_read_all (GSocket *socket,
              gint64  *took_us)
{
  GString *out = g_string_new (NULL);
  gint64 start = g_get_monotonic_time ();
  char buf[4096];

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (socket, buf, sizeof buf, NULL, &error);

      if (n <= 0)
        break;
      g_string_append_len (out, buf, n);
    }
  if (took_us != NULL)
    *took_us = g_get_monotonic_time () - start;
  return g_string_free (out, FALSE);
}

/* Whether the server closed or reset @socket within @timeout_us, without
 * reading what it sent. */
static gboolean
wait_closed (GSocket *socket,
             gint64   timeout_us)
{
  gint64 deadline = g_get_monotonic_time () + timeout_us;
  struct pollfd pfd = { g_socket_get_fd (socket), POLLRDHUP, 0 };

  while (g_get_monotonic_time () < deadline)
    {
      int left = (int) ((deadline - g_get_monotonic_time ()) / 1000) + 1;

      if (poll (&pfd, 1, left) > 0 && (pfd.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0)
        return TRUE;
    }
  return FALSE;
}

static guint
server_fd_count (SitrepTestServer *server)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/fd",
                                           g_subprocess_get_identifier (server->proc));
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Waits (at most 10 s) until the server has at least @at_least or, if
 * @at_least is 0, at most @at_most descriptors open. */
static guint
wait_fd_count (SitrepTestServer *server,
               guint             at_least,
               guint             at_most)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;
  g_autoptr(GMainContext) context = g_main_context_new ();
  guint n;

  for (;;)
    {
      g_autoptr(GSource) tick = g_timeout_source_new (20);

      n = server_fd_count (server);
      if ((at_least > 0 && n >= at_least) || (at_least == 0 && n <= at_most)
          || g_get_monotonic_time () > deadline)
        return n;
      /* Waits a tick on a context of its own: nothing else runs. */
      g_source_set_dummy_callback (tick);
      g_source_attach (tick, context);
      g_main_context_iteration (context, TRUE);
    }
}

static SoupSession *
short_session (void)
{
  SoupSession *session = sitrep_test_session_new ();

  soup_session_set_timeout (session, 10);
  return session;
}

static void
restart_with_fd_limit (SitrepTestServer *server,
                       guint             fd_limit)
{
  sitrep_test_server_stop (server);
  server->fd_limit = fd_limit;
  sitrep_test_server_start (server);
}

static char *
one_push (gint64      mid,
          const char *id,
          const char *text)
{
  g_autofree char *body = timeline_body ("6f9c7c2e-59b6-4a7e-9d3c-3d2f4f1f8a10", text);
  /* push_json() takes the mutation */
  return push_json ("client-limits", mut_put (mid, "timeline", id, body), NULL);
}

/* Out of file descriptors */

static void
test_emfile_resumes (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(GPtrArray) idle = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SitrepReply) reply = NULL;
  g_autofree char *push = NULL;
  guint n;

  restart_with_fd_limit (server, 48);

  /* More than it can hold: the rest waits in the listen queue. */
  for (guint i = 0; i < 80; i++)
    g_ptr_array_add (idle, raw_connect_from (server, NULL, 0));
  n = wait_fd_count (server, 47, 0);
  sitrep_test_note ("server has %u descriptors open", n);
  g_assert_cmpuint (n, >=, 47);

  g_ptr_array_set_size (idle, 0);

  session = short_session ();
  reply = sitrep_test_request (server, session, "GET", "/v1/health", NULL, NULL, NULL, 0);
  sitrep_assert_status (reply, 200);
  g_clear_pointer (&reply, sitrep_reply_free);
  push = one_push (1, "0b1f1d9e-2c1a-4a59-8e8e-1d6a0f9b7c01", "after");
  reply = sitrep_test_push (server, server->responder, push);
  sitrep_assert_status (reply, 200);
}

/* Connection limits */

static void
test_slow_flood (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(GPtrArray) flood = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SitrepReply) reply = NULL;
  const char *slow = "POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  g_autofree char *push = NULL;
  gint64 deadline;
  guint closed = 0;

  /* Fewer descriptors than the flood, more than one address may hold */
  restart_with_fd_limit (server, 400);

  for (guint i = 0; i < 600; i++)
    {
      GSocket *socket = raw_connect_from (server, "127.0.0.2", 0);

      raw_send (socket, slow, strlen (slow));
      g_ptr_array_add (flood, socket);
    }

  session = short_session ();
  push = one_push (1, "0b1f1d9e-2c1a-4a59-8e8e-1d6a0f9b7c02", "legit");
  reply = sitrep_test_request (server, session, "POST", "/v1/push", server->responder,
                               "application/json", push, -1);
  sitrep_assert_status (reply, 200);
  g_assert_cmpint (reply->elapsed_us, <, 5 * G_USEC_PER_SEC);

  /* What is past the default per-address limit (256) is closed at once. */
  deadline = g_get_monotonic_time () + WAIT_US;
  for (guint i = 0; i < flood->len && g_get_monotonic_time () < deadline; i++)
    if (wait_closed (flood->pdata[i], i < 256 ? 0 : deadline - g_get_monotonic_time ()))
      closed++;
  sitrep_test_note ("%u of %u slow connections closed", closed, flood->len);
  g_assert_cmpuint (closed, >=, flood->len - 256);
}

static void
test_limit_options (void)
{
  g_autoptr(SitrepTestServer) server =
    sitrep_test_server_new_with_args ("--max-connections", "4",
                                      "--max-connections-per-address", "2", NULL);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSocket) third = NULL;
  g_autoptr(GSocket) fifth = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SitrepReply) reply = NULL;
  const char *slow = "GET /v1/health HTTP/1.1\r\n";
  guint baseline = server_fd_count (server);

  /* Two from 127.0.0.2 are held, a third is closed */
  for (guint i = 0; i < 2; i++)
    {
      g_ptr_array_add (held, raw_connect_from (server, "127.0.0.2", 0));
      raw_send (held->pdata[i], slow, strlen (slow));
    }
  third = raw_connect_from (server, "127.0.0.2", 0);
  g_assert_true (wait_closed (third, 5 * G_USEC_PER_SEC));
  for (guint i = 0; i < held->len; i++)
    g_assert_false (wait_closed (held->pdata[i], 0));

  /* Two more from 127.0.0.3 make four in all; a fifth is closed */
  for (guint i = 0; i < 2; i++)
    {
      g_ptr_array_add (held, raw_connect_from (server, "127.0.0.3", 0));
      raw_send (held->pdata[held->len - 1], slow, strlen (slow));
    }
  fifth = raw_connect_from (server, NULL, 0);
  g_assert_true (wait_closed (fifth, 5 * G_USEC_PER_SEC));

  /* Once they go, the others are served */
  g_ptr_array_set_size (held, 0);
  g_assert_cmpuint (wait_fd_count (server, 0, baseline), <=, baseline);
  session = short_session ();
  reply = sitrep_test_request (server, session, "GET", "/v1/health", NULL, NULL, NULL, 0);
  sitrep_assert_status (reply, 200);
}

/* Bodies */

typedef struct {
  const char *what;
  const char *head;         /* %s: a token */
  const char *token_role;   /* NULL: none */
  guint       status;
  gboolean    chunks;       /* then send 64 KiB of chunks, never the last */
} Refusal;

static void
test_refused_unread (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  static const Refusal refusals[] = {
    { "GET with a 1 GiB body",
      "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1073741824\r\n\r\n",
      NULL, 413, FALSE },
    { "GET with a 2 KiB body",
      "GET /v1/changes?since=0 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
      "Content-Length: 2048\r\n\r\n", "viewer", 413, FALSE },
    { "DELETE with a body to no endpoint",
      "DELETE /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1073741824\r\n\r\n",
      NULL, 404, FALSE },
    { "push without a token",
      "POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: 100000\r\n\r\n", NULL, 401, FALSE },
    { "push with a revoked token",
      "POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
      "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n", "revoked", 401,
      FALSE },
    { "push of 10 MiB",
      "POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
      "Content-Type: application/json\r\nContent-Length: 10485760\r\n\r\n", "responder", 413,
      FALSE },
    { "GET with an endless chunked body",
      "GET /v1/snapshot HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
      "Transfer-Encoding: chunked\r\n\r\n", "viewer", 413, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      const Refusal *r = &refusals[i];
      g_autoptr(GSocket) socket = raw_connect_from (server, NULL, 0);
      const char *token = NULL;
      g_autofree char *head = NULL;
      g_autofree char *answer = NULL;
      g_autofree char *status_line = NULL;
      gint64 took;

      if (g_strcmp0 (r->token_role, "viewer") == 0)
        token = server->viewer;
      else if (g_strcmp0 (r->token_role, "responder") == 0)
        token = server->responder;
      else if (g_strcmp0 (r->token_role, "revoked") == 0)
        token = server->revoked;
      if (token != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (r->head, "%s", 2);

          head = g_strconcat (parts[0], token, parts[1], NULL);
        }
      else
        {
          head = g_strdup (r->head);
        }

      raw_send (socket, head, strlen (head));
      if (r->chunks)
        {
          g_autofree char *chunk = g_strnfill (4096, 'x');

          for (guint c = 0; c < 16; c++)
            {
              raw_send (socket, "1000\r\n", 6);
              raw_send (socket, chunk, 4096);
              raw_send (socket, "\r\n", 2);
            }
        }

      answer = raw_read_all (socket, &took);
      status_line = g_strdup_printf ("HTTP/1.1 %u ", r->status);
      sitrep_test_note ("%s: %.3f s: %.80s", r->what, took / (double) G_USEC_PER_SEC, answer);
      g_assert_true (g_str_has_prefix (answer, status_line));
      g_assert_nonnull (strstr (answer, "\r\n\r\n{\"error\":"));
      g_assert_cmpint (took, <, 5 * G_USEC_PER_SEC);
    }

  /* And the server still serves */
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 0);
}

/* A body within its limit is still read, and the connection kept. */
static void
test_small_body_read (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(GSocket) socket = raw_connect_from (server, NULL, 0);
  const char *first = "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Length: 10\r\n\r\n0123456789";
  const char *second = "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Connection: close\r\n\r\n";
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autofree char *rest = NULL;

  raw_send (socket, first, strlen (first));
  /* The whole first answer: its JSON body ends the only object */
  while (!g_str_has_suffix (answer->str, "}"))
    {
      char buf[1024];
      gssize n = g_socket_receive (socket, buf, sizeof buf, NULL, NULL);

      g_assert_cmpint (n, >, 0);
      g_string_append_len (answer, buf, n);
    }
  g_assert_true (g_str_has_prefix (answer->str, "HTTP/1.1 200 "));

  raw_send (socket, second, strlen (second));
  rest = raw_read_all (socket, NULL);
  g_assert_true (g_str_has_prefix (rest, "HTTP/1.1 200 "));
}

/* Answers that are not read */

static void
test_write_timeout (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new_with_args ("--write-timeout", "1",
                                                                         NULL);
  g_autofree char *text = g_strnfill (60000, 'w');
  g_autoptr(GSocket) reader = NULL;
  g_autofree char *head = NULL;
  gint64 start;

  /* A snapshot of 4.8 MB, more than the kernel buffers for a slow reader */
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GPtrArray) mutations = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *push = NULL;
      g_autoptr(SitrepReply) reply = NULL;

      for (guint j = 0; j < 4; j++)
        {
          g_autofree char *id = g_strdup_printf ("0b1f1d9e-2c1a-4a59-8e8e-%012u", i * 4 + j);
          g_autofree char *body = timeline_body ("6f9c7c2e-59b6-4a7e-9d3c-3d2f4f1f8a10", text);

          g_ptr_array_add (mutations, mut_put (i * 4 + j + 1, "timeline", id, body));
        }
      push = push_jsonv ("client-limits", mutations);
      reply = sitrep_test_push (server, server->responder, push);
      sitrep_assert_status (reply, 200);
    }
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 80);

  reader = raw_connect_from (server, NULL, 4096);
  head = g_strdup_printf ("GET /v1/snapshot HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Authorization: Bearer %s\r\n\r\n", server->admin);
  raw_send (reader, head, strlen (head));
  start = g_get_monotonic_time ();

  /* Never read: the server gives up on it */
  g_assert_true (wait_closed (reader, WAIT_US));
  sitrep_test_note ("dropped after %.3f s", (g_get_monotonic_time () - start) / 1e6);

  g_assert_cmpint (sitrep_test_health_seq (server), ==, 80);
}

/* Keep-alive */

static void
test_keep_alive (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SoupSession) session = short_session ();
  g_autoptr(GPtrArray) idle = g_ptr_array_new_with_free_func (g_object_unref);
  guint64 first_connection = 0;
  guint baseline, n;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *url = g_strconcat (server->base_url, "/v1/health", NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;

      body = soup_session_send_and_read (session, msg, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      g_assert_false (soup_message_headers_header_contains (
        soup_message_get_response_headers (msg), "Connection", "close"));
      if (i == 0)
        first_connection = soup_message_get_connection_id (msg);
      g_assert_cmpuint (soup_message_get_connection_id (msg), ==, first_connection);
    }

  /* Idle keep-alive connections the clients close are closed here too */
  baseline = server_fd_count (server);
  for (guint i = 0; i < 50; i++)
    {
      const char *request = "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
      GSocket *socket = raw_connect_from (server, NULL, 0);
      char buf[1024];

      raw_send (socket, request, strlen (request));
      g_assert_cmpint (g_socket_receive (socket, buf, sizeof buf, NULL, NULL), >, 0);
      g_ptr_array_add (idle, socket);
    }
  g_assert_cmpuint (server_fd_count (server), >=, baseline + 50);
  g_ptr_array_set_size (idle, 0);
  n = wait_fd_count (server, 0, baseline);
  g_assert_cmpuint (n, <=, baseline);
}

/* Memory per connection */

static double
server_rss_mb (SitrepTestServer *server)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status",
                                           g_subprocess_get_identifier (server->proc));
  g_autofree char *text = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  line = strstr (text, "\nVmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtod (line + strlen ("\nVmRSS:"), NULL) / 1024.0;
}

static void
connect_and_close (SitrepTestServer *server,
                   guint             n)
{
  const char *request = "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Connection: close\r\n\r\n";

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GSocket) socket = raw_connect_from (server, NULL, 0);
      g_autofree char *answer = NULL;

      raw_send (socket, request, strlen (request));
      answer = raw_read_all (socket, NULL);
      g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200 "));
    }
}

/* Not registered under AddressSanitizer */
G_GNUC_UNUSED static void
test_connection_memory (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  double before, after;

  connect_and_close (server, 500);
  before = server_rss_mb (server);
  connect_and_close (server, 6000);
  after = server_rss_mb (server);
  sitrep_test_note ("server memory %.1f MB, %.1f MB after 6000 more connections",
                    before, after);
  /* Some 340 bytes a connection would make 2 MB */
  g_assert_cmpfloat (after - before, <, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  sitrep_test_add ("/integration/limits/emfile-resumes", test_emfile_resumes);
  sitrep_test_add ("/integration/limits/slow-flood", test_slow_flood);
  sitrep_test_add ("/integration/limits/options", test_limit_options);
  sitrep_test_add ("/integration/limits/refused-unread", test_refused_unread);
  sitrep_test_add ("/integration/limits/small-body-read", test_small_body_read);
  sitrep_test_add ("/integration/limits/write-timeout", test_write_timeout);
  sitrep_test_add ("/integration/limits/keep-alive", test_keep_alive);
#if !defined(__SANITIZE_ADDRESS__)
  /* AddressSanitizer holds freed memory back: resident memory only grows */
  sitrep_test_add ("/integration/limits/connection-memory", test_connection_memory);
#endif

  return g_test_run ();
}

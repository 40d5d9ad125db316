/* SPDX-License-Identifier: GPL-3.0-or-later */
/* server-fixture.c: start, drive and stop a real sitrep-server
 *
 * The server is a child process on a temporary database. It is started with
 * `serve --listen 127.0.0.1:0` and reports its port in one line on stdout;
 * tokens are made with the `token create` command before it starts, as an
 * operator would. Everything else goes over HTTP with libsoup.
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>

#include "pg-fixture.h"
#include "server-fixture.h"

#define START_TIMEOUT_MS 15000
#define STOP_TIMEOUT_MS 10000

typedef struct
{
  GTestFunc func;
} IsolatedTest;

static void
run_isolated (gconstpointer data)
{
  const IsolatedTest *test = data;

  if (g_test_subprocess ())
    {
      test->func ();
      return;
    }
  /* The cluster is started once, here, for the subprocesses to share. */
  if (sitrep_test_backend_is_postgres ())
    {
      if (sitrep_test_pg_skip_if_missing ())
        return;
      sitrep_test_pg_shared ();
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (!g_test_trap_has_passed ())
    {
      g_printerr ("# %s failed\n", g_test_get_path ());
      g_test_fail ();
    }
}

/**
 * sitrep_test_add:
 *
 * Adds a test that runs in a subprocess of its own, so one failed
 * assertion fails that test and the others still run and report.
 */
void
sitrep_test_add (const char *path,
                 GTestFunc   func)
{
  IsolatedTest *test = g_new (IsolatedTest, 1);

  test->func = func;
  g_test_add_data_func_full (path, test, run_isolated, g_free);
}

const char *
sitrep_test_server_bin (void)
{
  const char *bin = g_getenv ("SITREP_SERVER_BIN");

  if (bin == NULL || *bin == '\0')
    g_error ("SITREP_SERVER_BIN is not set: run the tests through meson test");
  return bin;
}

/* A server left behind by a failed assertion would keep its port and its
 * database open; the kernel ends it with us. */
static void
die_with_parent (gpointer data)
{
  guint fd_limit = GPOINTER_TO_UINT (data);

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (fd_limit > 0)
    {
      struct rlimit limit = { fd_limit, fd_limit };

      setrlimit (RLIMIT_NOFILE, &limit);
    }
}

static GPtrArray *
collect_args (const char *first,
              va_list     ap)
{
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);
  const char *arg;

  g_ptr_array_add (args, g_strdup (sitrep_test_server_bin ()));
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (arg));
  g_ptr_array_add (args, NULL);
  return args;
}

/**
 * sitrep_test_run_cli:
 *
 * Runs the server binary with the given arguments to completion and returns
 * its exit status; its stdout and stderr are returned in @out and @err.
 */
int
sitrep_test_run_cli (char       **out,
                     char       **err,
                     const char  *first_arg,
                     ...)
{
  g_autoptr(GPtrArray) args = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_buf = NULL;
  g_autofree char *stderr_buf = NULL;
  va_list ap;

  va_start (ap, first_arg);
  args = collect_args (first_arg, ap);
  va_end (ap);

  proc = g_subprocess_newv ((const char * const *) args->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &stdout_buf, &stderr_buf, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));

  if (out != NULL)
    *out = g_steal_pointer (&stdout_buf);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_buf);
  return g_subprocess_get_exit_status (proc);
}

typedef struct
{
  gboolean done;
  gboolean exited;
} WaitExit;

static void
wait_exit_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  WaitExit *wait = user_data;

  wait->exited = g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  wait->done = TRUE;
}

static gboolean
wait_exit_timeout (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/**
 * sitrep_test_wait_exit:
 *
 * Waits at most @timeout_ms for @proc to end.
 *
 * Returns: whether it ended in time
 */
gboolean
sitrep_test_wait_exit (GSubprocess *proc,
                       guint        timeout_ms)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSource) timeout = g_timeout_source_new (timeout_ms);
  WaitExit wait = { FALSE, FALSE };

  /* On a context of its own, so that it works on any thread and runs
   * nothing of the caller's. */
  g_main_context_push_thread_default (context);
  g_source_set_callback (timeout, wait_exit_timeout, cancellable, NULL);
  g_source_attach (timeout, context);
  g_subprocess_wait_async (proc, cancellable, wait_exit_done, &wait);
  while (!wait.done)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  g_main_context_pop_thread_default (context);

  return wait.exited;
}

char *
sitrep_test_server_token (SitrepTestServer *server,
                          const char       *name,
                          const char       *role)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = sitrep_test_run_cli (&out, &err, "token", "create", "--db", server->db_path,
                                "--name", name, "--role", role, NULL);
  if (status != 0)
    sitrep_test_note ("token create %s: exit %d, stderr: %s", name, status, err);
  g_assert_cmpint (status, ==, 0);
  g_strstrip (out);
  g_assert_cmpstr (out, !=, "");
  return g_steal_pointer (&out);
}

/* Copies what the server writes to stdout after its first line to our
 * stderr, so a chatty server never blocks on a full pipe. */
static gpointer
drain_stdout (gpointer data)
{
  GInputStream *stream = data;
  char buf[4096];
  gssize n;

  while ((n = g_input_stream_read (stream, buf, sizeof buf, NULL, NULL)) > 0)
    fprintf (stderr, "# server stdout: %.*s", (int) n, buf);
  g_object_unref (stream);
  return NULL;
}

static char *
read_first_line (int    fd,
                 guint  timeout_ms)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
      char c;
      ssize_t n;

      if (left <= 0)
        return NULL;
      if (poll (&pfd, 1, (int) left) <= 0)
        continue;
      n = read (fd, &c, 1);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return NULL;
      if (c == '\n')
        return g_string_free (g_steal_pointer (&line), FALSE);
      g_string_append_c (line, c);
    }
}

/**
 * sitrep_test_server_start:
 *
 * Starts `serve` on the server's database and waits for its one line
 * `listening on http://127.0.0.1:PORT/`.
 */
void
sitrep_test_server_start (SitrepTestServer *server)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *line = NULL;
  g_autofree char *port = NULL;
  GInputStream *out;

  g_assert_null (server->proc);

  g_ptr_array_add (args, server->bin);
  g_ptr_array_add (args, (char *) "serve");
  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, server->db_path);
  g_ptr_array_add (args, (char *) "--listen");
  g_ptr_array_add (args, (char *) "127.0.0.1:0");
  for (guint i = 0; server->extra_args[i] != NULL; i++)
    g_ptr_array_add (args, server->extra_args[i]);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent,
                                         GUINT_TO_POINTER (server->fd_limit), NULL);
  server->proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata,
                                               &error);
  g_assert_no_error (error);

  out = g_subprocess_get_stdout_pipe (server->proc);
  line = read_first_line (g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (out)),
                          START_TIMEOUT_MS);
  if (line == NULL)
    g_error ("sitrep-server serve printed no line within %d ms", START_TIMEOUT_MS);

  regex = g_regex_new ("^listening on http://127\\.0\\.0\\.1:([0-9]+)/$", 0, 0, NULL);
  if (!g_regex_match (regex, line, 0, &match))
    g_error ("sitrep-server serve printed \"%s\", not \"listening on http://127.0.0.1:PORT/\"",
             line);
  port = g_match_info_fetch (match, 1);
  server->port = (guint16) g_ascii_strtoull (port, NULL, 10);
  g_assert_cmpuint (server->port, >, 0);

  g_free (server->base_url);
  server->base_url = g_strdup_printf ("http://127.0.0.1:%u", server->port);
  server->drain = g_thread_new ("drain-stdout", drain_stdout, g_object_ref (out));

  /* A fresh session: connections to the previous process are dead. */
  g_clear_object (&server->session);
  server->session = sitrep_test_session_new ();
}

static void
forget_process (SitrepTestServer *server)
{
  if (server->drain != NULL)
    g_thread_join (g_steal_pointer (&server->drain));
  g_clear_object (&server->proc);
  g_clear_object (&server->session);
}

/**
 * sitrep_test_server_stop:
 *
 * Sends SIGTERM and asserts the clean exit with status 0 that the command
 * line contract promises.
 */
void
sitrep_test_server_stop (SitrepTestServer *server)
{
  g_assert_nonnull (server->proc);
  g_subprocess_send_signal (server->proc, SIGTERM);
  if (!sitrep_test_wait_exit (server->proc, STOP_TIMEOUT_MS))
    {
      g_subprocess_force_exit (server->proc);
      sitrep_test_wait_exit (server->proc, STOP_TIMEOUT_MS);
      forget_process (server);
      g_error ("sitrep-server did not exit within %d ms of SIGTERM", STOP_TIMEOUT_MS);
    }
  if (!g_subprocess_get_if_exited (server->proc))
    sitrep_test_note ("sitrep-server died of signal %d after SIGTERM",
                      g_subprocess_get_term_sig (server->proc));
  g_assert_true (g_subprocess_get_if_exited (server->proc));
  g_assert_cmpint (g_subprocess_get_exit_status (server->proc), ==, 0);
  forget_process (server);
}

void
sitrep_test_server_kill (SitrepTestServer *server)
{
  g_assert_nonnull (server->proc);
  g_subprocess_send_signal (server->proc, SIGKILL);
  g_assert_true (sitrep_test_wait_exit (server->proc, STOP_TIMEOUT_MS));
  forget_process (server);
}

void
sitrep_test_server_restart (SitrepTestServer *server)
{
  if (server->proc != NULL)
    sitrep_test_server_stop (server);
  sitrep_test_server_start (server);
}

static SitrepTestServer *
server_new (GStrv extra_args)
{
  SitrepTestServer *server = g_new0 (SitrepTestServer, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  server->extra_args = extra_args;
  server->bin = g_strdup (sitrep_test_server_bin ());
  server->dir = g_dir_make_tmp ("sitrep-server-XXXXXX", &error);
  g_assert_no_error (error);
  if (sitrep_test_backend_is_postgres ())
    server->db_path = sitrep_test_pg_new_database (sitrep_test_pg_shared ());
  else
    server->db_path = g_build_filename (server->dir, "sitrep.db", NULL);

  server->admin = sitrep_test_server_token (server, "admin", "admin");
  server->responder = sitrep_test_server_token (server, "responder", "responder");
  server->responder2 = sitrep_test_server_token (server, "responder2", "responder");
  server->viewer = sitrep_test_server_token (server, "viewer", "viewer");
  server->revoked = sitrep_test_server_token (server, "revoked", "responder");

  status = sitrep_test_run_cli (&out, &err, "token", "revoke", "--db", server->db_path,
                                "--name", "revoked", NULL);
  if (status != 0)
    sitrep_test_note ("token revoke: exit %d, stderr: %s", status, err);
  g_assert_cmpint (status, ==, 0);

  sitrep_test_server_start (server);
  return server;
}

/**
 * sitrep_test_server_new:
 *
 * Makes a temporary database with the tokens "admin", "responder",
 * "responder2", "viewer" and a revoked "revoked", then starts the server.
 */
SitrepTestServer *
sitrep_test_server_new (void)
{
  return server_new (g_new0 (char *, 1));
}

/**
 * sitrep_test_server_new_with_args:
 *
 * Like sitrep_test_server_new(), with extra `serve` arguments.
 */
SitrepTestServer *
sitrep_test_server_new_with_args (const char *first_extra_arg,
                                  ...)
{
  g_autoptr(GStrvBuilder) extra = g_strv_builder_new ();
  const char *arg;
  va_list ap;

  va_start (ap, first_extra_arg);
  for (arg = first_extra_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_strv_builder_add (extra, arg);
  va_end (ap);
  return server_new (g_strv_builder_end (extra));
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/**
 * sitrep_test_server_new_sharing:
 *
 * Starts another server process on the database of @first, with its
 * tokens and `serve` arguments; freeing it leaves the database to @first.
 */
SitrepTestServer *
sitrep_test_server_new_sharing (SitrepTestServer *first)
{
  return sitrep_test_server_new_sharing_with_args (first, (const char * const *) first->extra_args);
}

/**
 * sitrep_test_server_new_sharing_with_args:
 * @extra_args: the `serve` arguments of this one, instead of @first's
 */
SitrepTestServer *
sitrep_test_server_new_sharing_with_args (SitrepTestServer   *first,
                                          const char * const *extra_args)
{
  SitrepTestServer *server = g_new0 (SitrepTestServer, 1);
  const char *none[] = { NULL };

  server->extra_args = g_strdupv ((char **) (extra_args != NULL ? extra_args : none));
  server->bin = g_strdup (first->bin);
  server->db_path = g_strdup (first->db_path);
  server->admin = g_strdup (first->admin);
  server->responder = g_strdup (first->responder);
  server->responder2 = g_strdup (first->responder2);
  server->viewer = g_strdup (first->viewer);
  server->revoked = g_strdup (first->revoked);
  sitrep_test_server_start (server);
  return server;
}

void
sitrep_test_server_free (SitrepTestServer *server)
{
  if (server == NULL)
    return;
  if (server->proc != NULL)
    sitrep_test_server_stop (server);
  if (server->dir != NULL)
    remove_dir (server->dir);
  g_free (server->dir);
  g_free (server->db_path);
  g_free (server->bin);
  g_strfreev (server->extra_args);
  g_free (server->base_url);
  g_free (server->admin);
  g_free (server->responder);
  g_free (server->responder2);
  g_free (server->viewer);
  g_free (server->revoked);
  g_free (server);
}

/* HTTP */

/**
 * sitrep_test_session_new:
 *
 * A session for one thread. The auth manager is removed so a 401 reaches
 * the test as the client's code would see it.
 */
SoupSession *
sitrep_test_session_new (void)
{
  SoupSession *session = soup_session_new_with_options ("timeout", 90,
                                                        "idle-timeout", 60,
                                                        NULL);

  soup_session_remove_feature_by_type (session, SOUP_TYPE_AUTH_MANAGER);
  /* Straight to 127.0.0.1; the system proxy settings are not ours to read
   * (and with isolated dirs, not there). */
  soup_session_set_proxy_resolver (session, NULL);
  return session;
}

static SitrepReply *
send_message (SitrepTestServer *server,
              SoupSession      *session,
              SoupMessage      *msg,
              char             *what)
{
  SitrepReply *reply = g_new0 (SitrepReply, 1);
  gint64 start = g_get_monotonic_time ();

  reply->what = what;
  reply->body = soup_session_send_and_read (session != NULL ? session : server->session,
                                            msg, NULL, &reply->error);
  reply->elapsed_us = g_get_monotonic_time () - start;
  if (reply->body == NULL)
    return reply;

  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (g_bytes_get_size (reply->body) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize size;
      const char *data = g_bytes_get_data (reply->body, &size);

      if (json_parser_load_from_data (parser, data, (gssize) size, NULL))
        reply->json = json_node_copy (json_parser_get_root (parser));
    }
  return reply;
}

static SoupMessage *
new_message (SitrepTestServer *server,
             const char       *method,
             const char       *path,
             const char       *token)
{
  g_autofree char *url = g_strconcat (server->base_url, path, NULL);
  SoupMessage *msg = soup_message_new (method, url);

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg),
                                    "Authorization", auth);
    }
  return msg;
}

/**
 * sitrep_test_request:
 *
 * Sends one request and waits for the whole answer. @token and @body may
 * be %NULL; @length -1 means a NUL-terminated @body.
 */
SitrepReply *
sitrep_test_request (SitrepTestServer *server,
                     SoupSession      *session,
                     const char       *method,
                     const char       *path,
                     const char       *token,
                     const char       *content_type,
                     const char       *body,
                     gssize            length)
{
  g_autoptr(SoupMessage) msg = new_message (server, method, path, token);
  char *what;

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = NULL;

      if (length < 0)
        length = (gssize) strlen (body);
      bytes = g_bytes_new (body, (gsize) length);
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
      what = g_strdup_printf ("%s %s [%s] %.*s%s", method, path,
                              content_type != NULL ? content_type : "no type",
                              (int) MIN (length, 300), body, length > 300 ? "…" : "");
    }
  else
    {
      what = g_strdup_printf ("%s %s", method, path);
    }
  return send_message (server, session, msg, what);
}

/**
 * sitrep_test_request_auth:
 *
 * Like sitrep_test_request() with the whole `Authorization` header value
 * given (%NULL for none), to try other schemes and malformed values.
 */
SitrepReply *
sitrep_test_request_auth (SitrepTestServer *server,
                          const char       *method,
                          const char       *path,
                          const char       *authorization,
                          const char       *content_type,
                          const char       *body)
{
  g_autoptr(SoupMessage) msg = new_message (server, method, path, NULL);

  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg),
                                  "Authorization", authorization);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  return send_message (server, NULL, msg,
                       g_strdup_printf ("%s %s (Authorization: %s)", method, path,
                                        authorization != NULL ? authorization : "none"));
}

/**
 * sitrep_test_request_stream:
 *
 * Sends @stream as a body of unknown length, so libsoup uses chunked
 * transfer encoding.
 */
SitrepReply *
sitrep_test_request_stream (SitrepTestServer *server,
                            SoupSession      *session,
                            const char       *method,
                            const char       *path,
                            const char       *token,
                            const char       *content_type,
                            GInputStream     *stream)
{
  g_autoptr(SoupMessage) msg = new_message (server, method, path, token);

  soup_message_set_request_body (msg, content_type, stream, -1);
  return send_message (server, session, msg,
                       g_strdup_printf ("%s %s [%s, chunked]", method, path, content_type));
}

SitrepReply *
sitrep_test_get (SitrepTestServer *server,
                 const char       *token,
                 const char       *path)
{
  return sitrep_test_request (server, NULL, "GET", path, token, NULL, NULL, 0);
}

SitrepReply *
sitrep_test_push (SitrepTestServer *server,
                  const char       *token,
                  const char       *json)
{
  return sitrep_test_request (server, NULL, "POST", "/v1/push", token,
                              "application/json", json, -1);
}

void
sitrep_reply_free (SitrepReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->what);
  g_clear_error (&reply->error);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->json, json_node_unref);
  g_free (reply);
}

static void
report (SitrepReply *reply,
        const char  *file,
        int          line)
{
  if (reply->error != NULL)
    {
      sitrep_test_note ("%s:%d: %s -> transport error: %s", file, line, reply->what,
                        reply->error->message);
    }
  else
    {
      gsize size;
      const char *data = g_bytes_get_data (reply->body, &size);

      sitrep_test_note ("%s:%d: %s -> %u %.*s%s", file, line, reply->what, reply->status,
                        (int) MIN (size, 600), data, size > 600 ? "…" : "");
    }
}

void
_sitrep_assert_status (SitrepReply *reply,
                       guint        status,
                       const char  *file,
                       int          line)
{
  if (reply->status != status)
    report (reply, file, line);
  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, status);
  if (status == 200)
    {
      if (reply->json == NULL || !JSON_NODE_HOLDS_OBJECT (reply->json))
        report (reply, file, line);
      g_assert_nonnull (reply->json);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->json));
    }
}

void
_sitrep_assert_error (SitrepReply *reply,
                      guint        status,
                      const char  *code,
                      const char  *file,
                      int          line)
{
  JsonObject *obj;
  const char *error;
  const char *message;

  _sitrep_assert_status (reply, status, file, line);
  if (reply->json == NULL || !JSON_NODE_HOLDS_OBJECT (reply->json))
    {
      report (reply, file, line);
      sitrep_test_note ("errors always have a JSON body {\"error\", \"message\"}");
    }
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->json));
  obj = json_node_get_object (reply->json);
  error = json_object_get_string_member_with_default (obj, "error", NULL);
  message = json_object_get_string_member_with_default (obj, "message", NULL);
  if (g_strcmp0 (error, code) != 0 || message == NULL)
    report (reply, file, line);
  g_assert_cmpstr (error, ==, code);
  g_assert_nonnull (message);
}

JsonObject *
sitrep_reply_object (SitrepReply *reply)
{
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->json));
  return json_node_get_object (reply->json);
}

gint64
sitrep_test_health_seq (SitrepTestServer *server)
{
  g_autoptr(SitrepReply) reply = sitrep_test_get (server, NULL, "/v1/health");
  JsonObject *obj;

  sitrep_assert_status (reply, 200);
  obj = sitrep_reply_object (reply);
  g_assert_true (json_object_has_member (obj, "seq"));
  return json_object_get_int_member (obj, "seq");
}

/**
 * sitrep_test_snapshot:
 *
 * Reads `/v1/snapshot` with the admin token; the caller unrefs the object.
 */
JsonObject *
sitrep_test_snapshot (SitrepTestServer *server)
{
  g_autoptr(SitrepReply) reply = sitrep_test_get (server, server->admin, "/v1/snapshot");
  JsonObject *obj;

  sitrep_assert_status (reply, 200);
  obj = sitrep_reply_object (reply);
  g_assert_true (json_object_has_member (obj, "seq"));
  g_assert_nonnull (json_object_get_array_member (obj, "records"));
  return json_object_ref (obj);
}

/**
 * sitrep_test_all_changes:
 *
 * Pages through `/v1/changes` from @since to the end, 1000 at a time.
 */
JsonArray *
sitrep_test_all_changes (SitrepTestServer *server,
                         gint64            since)
{
  JsonArray *all = json_array_new ();
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/v1/changes?since=%" G_GINT64_FORMAT
                                               "&limit=1000", since);
      g_autoptr(SitrepReply) reply = sitrep_test_get (server, server->admin, path);
      JsonObject *obj;
      JsonArray *changes;

      sitrep_assert_status (reply, 200);
      obj = sitrep_reply_object (reply);
      changes = json_object_get_array_member (obj, "changes");
      g_assert_nonnull (changes);
      for (guint i = 0; i < json_array_get_length (changes); i++)
        json_array_add_element (all, json_node_copy (json_array_get_element (changes, i)));
      more = json_object_get_boolean_member (obj, "more");
      if (json_array_get_length (changes) == 0)
        {
          g_assert_false (more);
          break;
        }
      {
        guint last = json_array_get_length (changes) - 1;

        since = json_object_get_int_member (json_array_get_object_element (changes, last), "seq");
      }
    }
  return all;
}

JsonObject *
sitrep_test_find_record (JsonObject *snapshot,
                         const char *coll,
                         const char *id)
{
  JsonArray *records = json_object_get_array_member (snapshot, "records");

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (record, "coll", NULL),
                     coll) == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (record, "id", NULL),
                     id) == 0)
        return record;
    }
  return NULL;
}

char *
sitrep_test_uuid (void)
{
  return g_uuid_string_random ();
}

char *
sitrep_test_node_to_string (JsonNode *node)
{
  return node != NULL ? json_to_string (node, FALSE) : g_strdup ("(null)");
}

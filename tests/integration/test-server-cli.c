/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-cli.c: the sitrep-server command line, as an operator uses it
 *
 * --version and --help, bad arguments (exit 2, a one-line error and the
 * usage), token create / list / revoke, a clean exit on SIGTERM even with
 * a long-poll pending, and --request-timeout against stalling clients.
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "held-request.h"
#include "protocol-common.h"

static char *
make_db_dir (char **db_path)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sitrep-cli-XXXXXX", &error);

  g_assert_no_error (error);
  *db_path = g_build_filename (dir, "sitrep.db", NULL);
  return dir;
}

static void
remove_db_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_version (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = sitrep_test_run_cli (&out, &err, "--version", NULL);
  g_autoptr(SitrepTestServer) server = NULL;
  g_autoptr(SitrepReply) health = NULL;
  const char *version;

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, !=, "");
  g_assert_nonnull (strstr (out, PACKAGE_VERSION));

  /* /v1/health reports the same version. */
  server = sitrep_test_server_new ();
  health = sitrep_test_get (server, NULL, "/v1/health");
  sitrep_assert_status (health, 200);
  version = json_object_get_string_member_with_default (sitrep_reply_object (health), "version",
                                                        NULL);
  g_assert_nonnull (version);
  g_assert_nonnull (strstr (out, version));
}

static void
test_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = sitrep_test_run_cli (&out, &err, "--help", NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "serve"));
  g_assert_nonnull (strstr (out, "token"));
  g_assert_nonnull (strstr (out, "compact"));
}

static void
assert_bad_argument (int         status,
                     const char *out,
                     const char *err,
                     const char *what)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);

  if (status != 2 || !g_str_has_prefix (err, "sitrep-server: "))
    sitrep_test_note ("%s: exit %d, stdout \"%s\", stderr \"%s\"", what, status, out, err);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out, ==, "");
  /* One line saying what is wrong, then the usage. */
  g_assert_true (g_str_has_prefix (lines[0], "sitrep-server: "));
  g_assert_cmpuint (strlen (lines[0]), >, strlen ("sitrep-server: "));
  g_assert_cmpuint (g_strv_length (lines), >=, 3);
  {
    g_autofree char *rest = g_ascii_strdown (err + strlen (lines[0]), -1);

    g_assert_true (strstr (rest, "usage") != NULL || strstr (rest, "sitrep-server") != NULL);
  }
}

static void
test_bad_argument (void)
{
  g_autofree char *db = NULL;
  g_autofree char *dir = make_db_dir (&db);
  const char *cases[][12] = {
    { "--bogus", NULL },
    { "frobnicate", NULL },
    { "serve", "--db", NULL },
    { "serve", "--db", db, "--listen", "127.0.0.1:0", "--bogus-flag", NULL },
    { "serve", "--db", db, "--listen", "127.0.0.1:0", "--rate-limit", "lots", NULL },
    { "serve", "--db", db, "--listen", "127.0.0.1:0", "--request-timeout", "soon", NULL },
    { "token", "create", "--db", db, "--name", "x", "--role", "emperor", NULL },
    { "token", "create", "--db", db, "--name", "x", NULL },
    { "token", "frobnicate", "--db", db, NULL },
    { "compact", "--db", db, "--keep", "many", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *what = g_strjoinv (" ", (char **) cases[i]);
      g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GError) error = NULL;

      g_ptr_array_add (args, g_strdup (sitrep_test_server_bin ()));
      for (guint a = 0; cases[i][a] != NULL; a++)
        g_ptr_array_add (args, g_strdup (cases[i][a]));
      g_ptr_array_add (args, NULL);
      proc = g_subprocess_newv ((const char * const *) args->pdata,
                                G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (proc));
      assert_bad_argument (g_subprocess_get_exit_status (proc), out, err, what);
    }

  /* The refused role made no token. */
  {
    g_autofree char *out = NULL;
    int status = sitrep_test_run_cli (&out, NULL, "token", "list", "--db", db, NULL);

    if (status == 0)
      g_assert_null (strstr (out, "emperor"));
  }
  remove_db_dir (dir);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize size = 0;

  gsize len = strlen (needle);

  if (!g_file_get_contents (path, &data, &size, NULL))
    return FALSE;
  for (gsize i = 0; i + len <= size; i++)
    if (memcmp (data + i, needle, len) == 0)
      return TRUE;
  return FALSE;
}

static void
test_token_create (void)
{
  g_autofree char *db = NULL;
  g_autofree char *dir = make_db_dir (&db);
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err = NULL;
  g_autofree char *token = NULL;
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  int status;

  status = sitrep_test_run_cli (&out, &err, "token", "create", "--db", db, "--name", "alice",
                                "--role", "responder", NULL);
  g_assert_cmpint (status, ==, 0);

  /* The token alone, on one line. */
  g_assert_true (g_str_has_suffix (out, "\n"));
  token = g_strndup (out, strlen (out) - 1);
  g_assert_null (strchr (token, '\n'));
  g_assert_null (strchr (token, ' '));
  g_assert_null (strchr (token, '\t'));
  g_assert_cmpuint (strlen (token), >=, 22);

  status = sitrep_test_run_cli (&out2, NULL, "token", "create", "--db", db, "--name", "bob",
                                "--role", "viewer", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out2, !=, out);

  /* Stored only as a hash. */
  g_assert_false (file_contains (db, token));
  g_assert_false (file_contains (wal, token));
  remove_db_dir (dir);
}

static void
test_token_duplicate (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(SitrepReply) reply = NULL;
  int status;

  /* "responder" exists already. */
  status = sitrep_test_run_cli (&out, &err, "token", "create", "--db", server->db_path,
                                "--name", "responder", "--role", "admin", NULL);
  g_assert_cmpint (status, !=, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, !=, "");

  /* The first token still works, with its own role. */
  reply = sitrep_test_get (server, server->responder, "/v1/snapshot");
  sitrep_assert_status (reply, 200);
}

static void
test_token_list (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status;
  struct { const char *name; const char *role; const char *token; } tokens[] = {
    { "admin", "admin", server->admin },
    { "responder", "responder", server->responder },
    { "responder2", "responder", server->responder2 },
    { "viewer", "viewer", server->viewer },
  };

  status = sitrep_test_run_cli (&out, &err, "token", "list", "--db", server->db_path, NULL);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      gboolean found = FALSE;

      for (guint l = 0; lines[l] != NULL && !found; l++)
        {
          g_auto(GStrv) words = g_strsplit_set (lines[l], " \t", -1);

          found = g_strv_contains ((const char * const *) words, tokens[i].name) &&
                  g_strv_contains ((const char * const *) words, tokens[i].role);
        }
      if (!found)
        sitrep_test_note ("token list lacks \"%s\" with role %s:\n%s", tokens[i].name,
                          tokens[i].role, out);
      g_assert_true (found);
      /* Shown once at creation, never again. */
      g_assert_null (strstr (out, tokens[i].token));
    }
}

static void
test_token_revoke (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(SitrepReply) revoked = NULL;
  g_autoptr(SitrepReply) other = NULL;
  int status;

  sitrep_test_server_stop (server);
  status = sitrep_test_run_cli (&out, &err, "token", "revoke", "--db", server->db_path,
                                "--name", "responder2", NULL);
  g_assert_cmpint (status, ==, 0);
  sitrep_test_server_start (server);

  revoked = sitrep_test_get (server, server->responder2, "/v1/snapshot");
  sitrep_assert_error (revoked, 401, "unauthorized");
  other = sitrep_test_get (server, server->responder, "/v1/snapshot");
  sitrep_assert_status (other, 200);

  /* No such name. */
  {
    g_autofree char *out2 = NULL;
    g_autofree char *err2 = NULL;

    status = sitrep_test_run_cli (&out2, &err2, "token", "revoke", "--db", server->db_path,
                                  "--name", "nobody", NULL);
    g_assert_cmpint (status, !=, 0);
    g_assert_cmpstr (err2, !=, "");
  }
}

/* An operator revokes a leaked token without restarting the server. */
static void
test_token_live (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *token = sitrep_test_server_token (server, "dave", "responder");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(SitrepReply) works = sitrep_test_get (server, token, "/v1/snapshot");
  gint64 deadline;
  int status;

  /* Created while running: usable at once. */
  sitrep_assert_status (works, 200);

  status = sitrep_test_run_cli (&out, &err, "token", "revoke", "--db", server->db_path,
                                "--name", "dave", NULL);
  g_assert_cmpint (status, ==, 0);

  /* Refused within a moment. */
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  for (;;)
    {
      g_autoptr(SitrepReply) reply = sitrep_test_get (server, token, "/v1/snapshot");

      if (reply->status == 401 || g_get_monotonic_time () > deadline)
        {
          sitrep_assert_error (reply, 401, "unauthorized");
          break;
        }
      g_usleep (100 * 1000);
    }
}

static void
test_sigterm_long_poll (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(SitrepReply) reply = NULL;
  SitrepHeldRequest *held;
  gint64 start;

  held = sitrep_held_request_start (server, "/v1/changes?since=0&wait=30", server->viewer);
  g_assert_false (sitrep_held_request_answered (held));
  start = g_get_monotonic_time ();
  /* Asserts exit status 0. */
  sitrep_test_server_stop (server);
  sitrep_test_note ("exited %.3f s after SIGTERM",
                    (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  reply = sitrep_held_request_finish (held, NULL);

  /* An answer, not a reset: empty changes, or 503 to come back later. */
  if (reply->status == 503)
    {
      sitrep_assert_error (reply, 503, "unavailable");
      g_assert_nonnull (soup_message_headers_get_one (reply->headers, "Retry-After"));
    }
  else
    {
      sitrep_assert_status (reply, 200);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                          sitrep_reply_object (reply), "changes")), ==, 0);
    }
  g_assert_cmpint (reply->elapsed_us, <, 15 * G_USEC_PER_SEC);
}

/* Sends @head and stalls; returns the microseconds until the server ends
 * the connection (reading anything it says first), or -1 after 10 s. */
static gint64
stall (SitrepTestServer *server,
       const char       *head)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  GInputStream *in;
  gint64 start;
  char buf[1024];

  g_socket_client_set_enable_proxy (client, FALSE);
  conn = g_socket_client_connect_to_host (client, "127.0.0.1", server->port, NULL, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (g_socket_connection_get_socket (conn), 10);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), head,
                             strlen (head), NULL, NULL, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  for (;;)
    {
      g_autoptr(GError) read_error = NULL;
      gssize n = g_input_stream_read (in, buf, sizeof buf, NULL, &read_error);

      if (n == 0)
        break;
      if (n < 0)
        {
          if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
            return -1;
          break;   /* reset: dropped too */
        }
    }
  return g_get_monotonic_time () - start;
}

/* A push whose body is still on its way when SIGTERM comes has done
 * nothing yet: the server drops it and exits at once, instead of waiting
 * its whole grace period for a client that may never send the rest. */
static void
test_sigterm_mid_body (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(SitrepReply) health = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head =
    g_strdup_printf ("POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                     "Content-Length: 100\r\n\r\n{\"client_id\": ", server->responder);
  gint64 start;

  g_socket_client_set_enable_proxy (client, FALSE);
  conn = g_socket_client_connect_to_host (client, "127.0.0.1", server->port, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), head,
                             strlen (head), NULL, NULL, &error);
  g_assert_no_error (error);
  /* Answered after the server has read the stalled request's headers. */
  health = sitrep_test_get (server, NULL, "/v1/health");
  sitrep_assert_status (health, 200);

  start = g_get_monotonic_time ();
  sitrep_test_server_stop (server);
  sitrep_test_note ("exited %.3f s after SIGTERM",
                    (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
test_request_timeout (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new_with_args ("--request-timeout",
                                                                         "1", NULL);
  /* With a token: without one, the request is refused from its headers. */
  g_autofree char *body_head =
    g_strdup_printf ("POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                     "Content-Length: 100\r\n\r\n{\"client_id\": ", server->responder);
  const char *heads[] = {
    /* Headers never finished. */
    "POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n",
    /* A body announced and never sent. */
    body_head,
  };
  g_autoptr(SitrepReply) poll = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    {
      gint64 took = stall (server, heads[i]);

      sitrep_test_note ("stalled request %u dropped after %.3f s", i,
                        took / (double) G_USEC_PER_SEC);
      g_assert_cmpint (took, >=, 0);
      g_assert_cmpint (took, >=, 800 * 1000);
      g_assert_cmpint (took, <, 4 * G_USEC_PER_SEC);
    }

  /* A long-poll is a complete request waiting on the server, not a stall. */
  poll = sitrep_test_get (server, server->viewer, "/v1/changes?since=0&wait=3");
  sitrep_assert_status (poll, 200);
  g_assert_cmpint (poll->elapsed_us, >=, 2500 * 1000);
}

/* Stalling clients must not keep others waiting. */
static void
test_stall_does_not_block (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new_with_args ("--request-timeout",
                                                                         "5", NULL);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GPtrArray) conns = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SitrepReply) health = NULL;
  g_autoptr(SitrepReply) snapshot = NULL;

  g_socket_client_set_enable_proxy (client, FALSE);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GError) error = NULL;
      GSocketConnection *conn = g_socket_client_connect_to_host (client, "127.0.0.1",
                                                                 server->port, NULL, &error);
      const char *partial = "GET /v1/health HTTP/1.1\r\nHost: 127.";

      g_assert_no_error (error);
      g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), partial,
                                 strlen (partial), NULL, NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (conns, conn);
    }
  health = sitrep_test_get (server, NULL, "/v1/health");
  sitrep_assert_status (health, 200);
  g_assert_cmpint (health->elapsed_us, <, G_USEC_PER_SEC);
  snapshot = sitrep_test_get (server, server->viewer, "/v1/snapshot");
  sitrep_assert_status (snapshot, 200);
  g_assert_cmpint (snapshot->elapsed_us, <, G_USEC_PER_SEC);
}

static void
test_compact (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *t = sitrep_test_uuid ();
  g_autofree char *json = push_json (cid,
                                     mut_put (1, "incidents", inc, incident_body ("Compact", "P4")),
                                     mut_put (2, "timeline", t, timeline_body (inc, "one")),
                                     mut_patch (3, "timeline", t, g_strdup ("{\"text\": \"two\"}")),
                                     NULL);
  g_autoptr(JsonArray) results = push_results (server, server->responder, json, 3);
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  assert_applied (result_at (results, 2), 3);
  before = sitrep_test_snapshot (server);
  sitrep_test_server_stop (server);
  status = sitrep_test_run_cli (&out, &err, "compact", "--db", server->db_path, "--keep", "1",
                                NULL);
  if (status != 0)
    sitrep_test_note ("compact: %s", err);
  g_assert_cmpint (status, ==, 0);
  sitrep_test_server_start (server);

  /* Compaction forgets history, never records. */
  after = sitrep_test_snapshot (server);
  {
    g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), before);
    g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), after);

    g_assert_true (json_equal_strings (a, b));
  }
  {
    g_autoptr(SitrepReply) old = sitrep_test_get (server, server->viewer, "/v1/changes?since=1");
    g_autoptr(SitrepReply) recent = sitrep_test_get (server, server->viewer,
                                                     "/v1/changes?since=2");

    sitrep_assert_error (old, 410, "gone");
    sitrep_assert_status (recent, 200);
  }
  /* Retries of compacted mids still get their stored answers. */
  {
    g_autoptr(JsonArray) again = push_results (server, server->responder, json, 3);
    g_autoptr(JsonNode) a = json_node_init_array (json_node_alloc (), results);
    g_autoptr(JsonNode) b = json_node_init_array (json_node_alloc (), again);

    g_assert_true (json_equal_strings (a, b));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  sitrep_test_add ("/integration/cli/version", test_version);
  sitrep_test_add ("/integration/cli/help", test_help);
  sitrep_test_add ("/integration/cli/bad-argument", test_bad_argument);
  sitrep_test_add ("/integration/cli/token/create", test_token_create);
  sitrep_test_add ("/integration/cli/token/duplicate", test_token_duplicate);
  sitrep_test_add ("/integration/cli/token/list", test_token_list);
  sitrep_test_add ("/integration/cli/token/revoke", test_token_revoke);
  sitrep_test_add ("/integration/cli/token/live", test_token_live);
  sitrep_test_add ("/integration/cli/compact", test_compact);
  sitrep_test_add ("/integration/cli/serve/sigterm-long-poll", test_sigterm_long_poll);
  sitrep_test_add ("/integration/cli/serve/request-timeout", test_request_timeout);
  sitrep_test_add ("/integration/cli/serve/sigterm-mid-body", test_sigterm_mid_body);
  sitrep_test_add ("/integration/cli/serve/stall-does-not-block", test_stall_does_not_block);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* server-fixture.h: a real sitrep-server on 127.0.0.1, driven over HTTP
 *
 * Black-box helpers for the integration tests: they know the command line
 * and PROTOCOL.md, nothing of the server's code. The binary comes from
 * $SITREP_SERVER_BIN. With SITREP_TEST_BACKEND=postgres, each server's
 * database is a new one on a private PostgreSQL (pg-fixture.h) and
 * `db_path` its connection string.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  char        *dir;
  char        *db_path;
  char        *bin;
  GStrv        extra_args;
  guint        fd_limit;    /* RLIMIT_NOFILE of the process, if not 0 */
  GSubprocess *proc;
  GThread     *drain;
  guint16      port;
  char        *base_url;
  SoupSession *session;   /* for the main thread only */

  /* Token names are the role names, plus "responder2" and "revoked". */
  char        *admin;
  char        *responder;
  char        *responder2;
  char        *viewer;
  char        *revoked;
} SitrepTestServer;

typedef struct
{
  char               *what;      /* "POST /v1/push {…}", for failure messages */
  guint               status;    /* 0 on a transport error */
  GError             *error;
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *json;      /* NULL unless the body parsed as JSON */
  gint64              elapsed_us;
} SitrepReply;

void              sitrep_test_add             (const char *path,
                                               GTestFunc   func);
const char       *sitrep_test_server_bin      (void);
int               sitrep_test_run_cli         (char       **out,
                                               char       **err,
                                               const char  *first_arg,
                                               ...) G_GNUC_NULL_TERMINATED;

SitrepTestServer *sitrep_test_server_new      (void);
SitrepTestServer *sitrep_test_server_new_with_args (const char *first_extra_arg,
                                                    ...) G_GNUC_NULL_TERMINATED;
SitrepTestServer *sitrep_test_server_new_sharing (SitrepTestServer *first);
SitrepTestServer *sitrep_test_server_new_sharing_with_args (SitrepTestServer   *first,
                                                          const char * const *extra_args);
void              sitrep_test_server_start    (SitrepTestServer *server);
void              sitrep_test_server_stop     (SitrepTestServer *server);
void              sitrep_test_server_kill     (SitrepTestServer *server);
void              sitrep_test_server_restart  (SitrepTestServer *server);
void              sitrep_test_server_free     (SitrepTestServer *server);
char             *sitrep_test_server_token    (SitrepTestServer *server,
                                               const char       *name,
                                               const char       *role);
gboolean          sitrep_test_wait_exit       (GSubprocess      *proc,
                                               guint             timeout_ms);

SoupSession      *sitrep_test_session_new     (void);
SitrepReply      *sitrep_test_request         (SitrepTestServer *server,
                                               SoupSession      *session,
                                               const char       *method,
                                               const char       *path,
                                               const char       *token,
                                               const char       *content_type,
                                               const char       *body,
                                               gssize            length);
SitrepReply      *sitrep_test_request_auth    (SitrepTestServer *server,
                                               const char       *method,
                                               const char       *path,
                                               const char       *authorization,
                                               const char       *content_type,
                                               const char       *body);
SitrepReply      *sitrep_test_request_stream  (SitrepTestServer *server,
                                               SoupSession      *session,
                                               const char       *method,
                                               const char       *path,
                                               const char       *token,
                                               const char       *content_type,
                                               GInputStream     *stream);
SitrepReply      *sitrep_test_get             (SitrepTestServer *server,
                                               const char       *token,
                                               const char       *path);
SitrepReply      *sitrep_test_push            (SitrepTestServer *server,
                                               const char       *token,
                                               const char       *json);
void              sitrep_reply_free           (SitrepReply      *reply);

JsonObject       *sitrep_reply_object         (SitrepReply      *reply);
gint64            sitrep_test_health_seq      (SitrepTestServer *server);
JsonObject       *sitrep_test_snapshot        (SitrepTestServer *server);
JsonArray        *sitrep_test_all_changes     (SitrepTestServer *server,
                                               gint64            since);
JsonObject       *sitrep_test_find_record     (JsonObject       *snapshot,
                                               const char       *coll,
                                               const char       *id);
char             *sitrep_test_uuid            (void);
char             *sitrep_test_node_to_string  (JsonNode         *node);

void              _sitrep_assert_status       (SitrepReply *reply,
                                               guint        status,
                                               const char  *file,
                                               int          line);
void              _sitrep_assert_error        (SitrepReply *reply,
                                               guint        status,
                                               const char  *code,
                                               const char  *file,
                                               int          line);

/* Context for a failure, on stderr so `meson test --print-errorlogs`
 * shows it next to the assertion. */
#define sitrep_test_note(...) \
  G_STMT_START { \
    g_autofree char *note_ = g_strdup_printf (__VA_ARGS__); \
    g_printerr ("# %s\n", note_); \
  } G_STMT_END

/* Checks the status (and for errors the JSON error body), showing the
 * request and the whole answer when it is not what the spec says. */
#define sitrep_assert_status(reply, status) \
  _sitrep_assert_status ((reply), (status), __FILE__, __LINE__)
#define sitrep_assert_error(reply, status, code) \
  _sitrep_assert_error ((reply), (status), (code), __FILE__, __LINE__)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepReply, sitrep_reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepTestServer, sitrep_test_server_free)

G_END_DECLS

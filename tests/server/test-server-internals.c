/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-internals.c: the server's parts below HTTP: push parsing,
 * tokens, the rate limiter, the SQLite storage's seq and compaction, and
 * the ref a large incident keeps */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sitrep-json.h"
#include "sitrep-protocol-scan.h"
#include "sitrep-protocol-push.h"
#include "sitrep-server-apply.h"
#include "sitrep-server-auth.h"
#include "sitrep-server-sqlite.h"

#define INC "11111111-2222-4333-8444-555555555555"

static SitrepProtocolPush *
parse (const char  *text,
       GError     **error)
{
  g_autoptr(JsonObject) request = sitrep_protocol_parse_object (text, NULL);

  g_assert_nonnull (request);
  return sitrep_protocol_push_parse (request, error);
}

static void
test_push_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepProtocolPush) push = NULL;
  g_autoptr(GString) many = g_string_new ("{\"client_id\":\"c\",\"mutations\":[");
  SitrepMutation *m;

  push = parse ("{\"client_id\":\"c\",\"mutations\":["
                "{\"mid\":4,\"op\":\"put\",\"coll\":\"timeline\",\"id\":\"x\",\"body\":{}},"
                "{\"mid\":5,\"op\":\"patch\",\"coll\":\"incidents\",\"id\":\"y\"},"
                "{\"mid\":6,\"op\":\"delete\",\"coll\":\"roles\",\"id\":\"z\",\"base_version\":7}]}",
                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (push->client_id, ==, "c");
  g_assert_cmpuint (push->mutations->len, ==, 3);
  m = g_ptr_array_index (push->mutations, 1);
  /* A patch without fields is this mutation's problem, not the push's. */
  g_assert_nonnull (m->problem);
  m = g_ptr_array_index (push->mutations, 2);
  g_assert_cmpint (m->base_version, >=, 0);
  g_assert_cmpint (m->base_version, ==, 7);
  g_clear_pointer (&push, sitrep_protocol_push_free);

  push = parse ("{\"mutations\":[]}", &error);
  g_assert_error (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_BAD_REQUEST);
  g_assert_null (push);
  g_clear_error (&error);

  push = parse ("{\"client_id\":\"c\",\"mutations\":["
                "{\"mid\":1,\"op\":\"delete\",\"coll\":\"timeline\",\"id\":\"x\"},"
                "{\"mid\":3,\"op\":\"delete\",\"coll\":\"timeline\",\"id\":\"x\"}]}", &error);
  g_assert_error (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_BAD_REQUEST);
  g_clear_error (&error);

  push = parse ("{\"client_id\":\"c\",\"mutations\":["
                "{\"mid\":1,\"op\":\"upsert\",\"coll\":\"timeline\",\"id\":\"x\"}]}", &error);
  g_assert_error (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_BAD_REQUEST);
  g_clear_error (&error);

  for (int i = 1; i <= 101; i++)
    g_string_append_printf (many, "%s{\"mid\":%d,\"op\":\"delete\",\"coll\":\"timeline\","
                            "\"id\":\"x\"}", i > 1 ? "," : "", i);
  g_string_append (many, "]}");
  push = parse (many->str, &error);
  g_assert_error (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_TOO_LARGE);
}

static void
test_tokens (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = sitrep_server_token_generate (&error);
  g_autofree char *b = sitrep_server_token_generate (&error);
  g_autofree char *hash = NULL;
  g_autofree char *bearer = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (a), ==, 32);
  g_assert_cmpstr (a, !=, b);
  for (const char *p = a; *p != '\0'; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');

  hash = sitrep_server_token_hash (a);
  g_assert_cmpuint (strlen (hash), ==, 64);

  bearer = sitrep_server_bearer_token ("bearer   abc ");
  g_assert_cmpstr (bearer, ==, "abc");
  g_assert_null (sitrep_server_bearer_token ("Basic abc"));
  g_assert_null (sitrep_server_bearer_token ("Bearer "));

  g_assert_true (sitrep_server_token_name_is_valid ("alice"));
  g_assert_false (sitrep_server_token_name_is_valid ("al ice"));
  g_assert_false (sitrep_server_token_name_is_valid (""));
  g_assert_cmpint (sitrep_server_role_from_string ("admin"), ==, SITREP_SERVER_ROLE_ADMIN);
  g_assert_cmpint (sitrep_server_role_from_string ("root"), ==, SITREP_SERVER_ROLE_NONE);
}

static void
test_rate_limit (void)
{
  g_autoptr(SitrepServerRateLimiter) limiter = sitrep_server_rate_limiter_new (5);
  g_autoptr(SitrepServerRateLimiter) unlimited = sitrep_server_rate_limiter_new (0);
  guint retry_after = 0;
  guint allowed = 0;

  /* A burst of twice the rate, then refusals with a time to come back. */
  for (int i = 0; i < 20; i++)
    allowed += sitrep_server_rate_limiter_take (limiter, "alice", &retry_after);
  g_assert_cmpuint (allowed, ==, 10);
  g_assert_cmpuint (retry_after, >=, 1);
  /* Buckets are per key. */
  g_assert_true (sitrep_server_rate_limiter_take (limiter, "bob", &retry_after));

  for (int i = 0; i < 1000; i++)
    g_assert_true (sitrep_server_rate_limiter_take (unlimited, "alice", &retry_after));
}

static gint64
append (SitrepServerStorage *storage,
        const char          *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  SitrepServerAuthor author = { "client", 1, "alice", "2026-11-27T10:00:00Z" };
  gint64 seq = 0;

  json_object_set_string_member (body, "incident_id", INC);
  json_object_set_string_member (body, "text", id);
  g_assert_true (sitrep_server_write_change (storage, &author, "put", "timeline", id, body,
                                             &seq, &error));
  g_assert_no_error (error);
  return seq;
}

static void
test_sqlite_seq (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sitrep-server-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(SitrepServerStorage) storage = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gint64 last_seq = -1, floor = -1, number = 0;
  gboolean more;

  g_assert_no_error (error);
  storage = sitrep_server_sqlite_open (path, &error);
  g_assert_no_error (error);

  g_assert_true (storage->vtable->begin_write (storage, &error));
  g_assert_cmpint (append (storage, "a"), ==, 1);
  g_assert_cmpint (append (storage, "b"), ==, 2);
  g_assert_true (storage->vtable->commit (storage, &error));

  /* A rolled-back transaction uses up no seq. */
  g_assert_true (storage->vtable->begin_write (storage, &error));
  g_assert_cmpint (append (storage, "c"), ==, 3);
  storage->vtable->rollback (storage);

  g_assert_true (storage->vtable->begin_write (storage, &error));
  g_assert_cmpint (append (storage, "d"), ==, 3);
  g_assert_true (storage->vtable->next_ref_number (storage, 2026, &number, &error));
  g_assert_cmpint (number, ==, 1);
  g_assert_true (storage->vtable->next_ref_number (storage, 2026, &number, &error));
  g_assert_cmpint (number, ==, 2);
  g_assert_true (storage->vtable->next_ref_number (storage, 2027, &number, &error));
  g_assert_cmpint (number, ==, 1);
  g_assert_true (storage->vtable->commit (storage, &error));
  g_assert_no_error (error);

  g_assert_true (storage->vtable->read_changes (storage, 1, 1, &changes, &more, &floor, &error));
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_true (more);
  g_assert_cmpint (((SitrepServerChange *) changes->pdata[0])->seq, ==, 2);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* Compacting everything away must not let seq start over. */
  g_assert_true (storage->vtable->compact (storage, 0, &floor, &error));
  g_assert_cmpint (floor, ==, 3);
  g_clear_pointer (&storage, sitrep_server_storage_free);

  storage = sitrep_server_sqlite_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (storage->vtable->get_state (storage, &last_seq, &floor, &error));
  g_assert_cmpint (last_seq, ==, 3);
  g_assert_cmpint (floor, ==, 3);
  g_assert_true (storage->vtable->begin_write (storage, &error));
  g_assert_cmpint (append (storage, "e"), ==, 4);
  g_assert_true (storage->vtable->commit (storage, &error));

  g_clear_pointer (&storage, sitrep_server_storage_free);
  g_unlink (path);
  g_rmdir (dir);
}

/* A record stored larger than one request (by an older server) keeps its
 * ref when it is put again: its body is read back whole. */
static void
test_keep_ref_of_large_record (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sitrep-server-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  g_autofree char *filler = g_strnfill (300 * 1024, 'x');
  g_autoptr(SitrepServerStorage) storage = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  SitrepServerRecord current = { 0 };

  g_assert_no_error (error);
  storage = sitrep_server_sqlite_open (path, &error);
  g_assert_no_error (error);

  current.coll = (char *) "incidents";
  current.id = (char *) INC;
  current.version = 4;
  current.body = g_strdup_printf ("{\"ref\":\"INC-2026-007\",\"title\":\"Big\","
                                  "\"severity\":\"P2\",\"notes\":\"%s\"}", filler);

  json_object_set_string_member (body, "title", "Big");
  json_object_set_string_member (body, "declared_at", "2026-11-27T14:32:00Z");
  g_assert_true (storage->vtable->begin_write (storage, &error));
  g_assert_true (sitrep_server_keep_ref (storage, &current, body, &error));
  g_assert_no_error (error);
  storage->vtable->rollback (storage);
  g_assert_cmpstr (sitrep_json_get_string (body, "ref"), ==, "INC-2026-007");

  /* and a body that large is not written again */
  json_object_set_string_member (body, "notes", filler);
  g_assert_false (sitrep_server_body_fits (body, &error));
  g_assert_error (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_TOO_LARGE);

  g_free (current.body);
  g_clear_pointer (&storage, sitrep_server_storage_free);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/server/protocol/push-parse", test_push_parse);
  g_test_add_func ("/server/auth/tokens", test_tokens);
  g_test_add_func ("/server/auth/rate-limit", test_rate_limit);
  g_test_add_func ("/server/sqlite/seq", test_sqlite_seq);
  g_test_add_func ("/server/apply/keep-ref-of-large-record", test_keep_ref_of_large_record);

  return g_test_run ();
}

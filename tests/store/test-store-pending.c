/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-pending.c: SitrepStore:pending, the number of edits waiting
 * for the server, stays what the outbox holds through every write (local
 * edits, the server's answers of each kind, refusing them all, a restart,
 * a write by another connection), and no write counts the outbox again:
 * it is counted once at open and then followed. */

#include "config.h"

#include <string.h>

#include "sitrep-json.h"
#include "sitrep-store-private.h"
#include "sitrep-store-sync.h"
#include "store-test-util.h"

typedef struct
{
  char        *dir;
  char        *path;
  SitrepStore *store;
  char        *incident;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "sitrep.db", NULL);
  f->store = sitrep_store_open (f->path, &error);
  g_assert_no_error (error);
  f->incident = g_uuid_string_random ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->store != NULL)
    g_assert_finalize_object (f->store);
  test_rm_rf (f->dir);
  g_free (f->incident);
  g_free (f->path);
  g_free (f->dir);
}

/* What the file holds, counted by another connection. */
static guint
outbox_rows (Fixture *f)
{
  return (guint) test_sql_int (f->path, "SELECT count(*) FROM outbox");
}

#define ASSERT_PENDING_EXACT(f) \
  g_assert_cmpuint (sitrep_store_get_pending ((f)->store), ==, outbox_rows (f))

static void
put_entry (Fixture    *f,
           const char *id,
           const char *text)
{
  g_autoptr(JsonObject) body = test_timeline_body (f->incident, text);
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_store_put (f->store, "timeline", id, body, &error));
  g_assert_no_error (error);
}

static void
patch_checked (Fixture    *f,
               const char *id,
               const char *text)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(SitrepMutation) mutation = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (fields, "text", text);
  mutation = sitrep_mutation_new_patch ("timeline", id, fields);
  mutation->base_version = sitrep_store_base_version (f->store, "timeline", id);
  g_assert_true (sitrep_store_apply (f->store, &mutation, 1, &error));
  g_assert_no_error (error);
}

static void
feed_entry (Fixture    *f,
            const char *id,
            gint64      version,
            const char *text)
{
  g_autoptr(JsonObject) body = test_timeline_body (f->incident, text);
  g_autoptr(GError) error = NULL;
  SitrepRecord *records[1];

  records[0] = sitrep_record_new ("timeline", id, version, FALSE, body);
  g_assert_true (sitrep_store_load_snapshot (f->store, records, 1, version, &error));
  g_assert_no_error (error);
  sitrep_record_free (records[0]);
}

static gint64
head_mid (Fixture *f)
{
  g_autoptr(GPtrArray) head = NULL;
  g_autoptr(GError) error = NULL;

  head = sitrep_store_outbox_peek (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (head->len, ==, 1);
  return ((SitrepMutation *) head->pdata[0])->mid;
}

static void
ack (Fixture          *f,
     SitrepPushResult *result)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_store_outbox_ack (f->store, result, 1, &error));
  g_assert_no_error (error);
}

static void
test_pending_follows_writes (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *kept = g_uuid_string_random ();
  g_autofree char *theirs_id = g_uuid_string_random ();
  g_autoptr(JsonObject) theirs = test_timeline_body (f->incident, "Their wording");
  g_autoptr(GError) error = NULL;
  SitrepPushResult result = { 0 };
  guint scans = f->store->outbox_scans;
  guint n_refused = 0;

  ASSERT_PENDING_EXACT (f);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 0);

  /* Local edits: 20 captures, and two edits of an entry the server has,
   * the second chained to the first. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *text = g_strdup_printf ("Entry %u", i);

      put_entry (f, id, text);
    }
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 20);
  ASSERT_PENDING_EXACT (f);

  feed_entry (f, theirs_id, 4, "First wording");
  patch_checked (f, theirs_id, "mine");
  patch_checked (f, theirs_id, "mine, fixed");
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 22);
  ASSERT_PENDING_EXACT (f);

  /* Applied: one fewer. */
  result.mid = head_mid (f);
  result.status = SITREP_PUSH_APPLIED;
  result.version = 1;
  ack (f, &result);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 21);
  ASSERT_PENDING_EXACT (f);

  /* The same answer again (a retry's duplicate) takes nothing. */
  ack (f, &result);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 21);
  ASSERT_PENDING_EXACT (f);

  /* Rejected: one fewer. */
  result.mid = head_mid (f);
  result.status = SITREP_PUSH_REJECTED;
  result.message = (char *) "No";
  ack (f, &result);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 20);
  ASSERT_PENDING_EXACT (f);

  /* An edit the server will never be sent. */
  g_assert_true (sitrep_store_outbox_reject_unsent (f->store, head_mid (f), "Too large",
                                                    &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 19);
  ASSERT_PENDING_EXACT (f);

  /* A conflict on the checked edit takes its chained edit with it. */
  {
    g_autoptr(GPtrArray) all = sitrep_store_outbox_peek (f->store, 100, &error);

    g_assert_no_error (error);
    memset (&result, 0, sizeof result);
    for (guint i = 0; i < all->len; i++)
      {
        SitrepMutation *mutation = all->pdata[i];

        if (g_str_equal (mutation->id, theirs_id) && mutation->base_version == 4)
          result.mid = mutation->mid;
      }
    g_assert_cmpint (result.mid, >, 0);
  }
  result.status = SITREP_PUSH_CONFLICT;
  result.current = sitrep_record_new ("timeline", theirs_id, 7, FALSE, theirs);
  ack (f, &result);
  g_clear_pointer (&result.current, sitrep_record_free);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 17);
  ASSERT_PENDING_EXACT (f);

  /* A failed edit leaves the count as it was. */
  sitrep_store_set_refuse_edits (f->store, "Viewers may not edit");
  {
    g_autoptr(JsonObject) body = test_timeline_body (f->incident, "refused");

    g_assert_false (sitrep_store_put (f->store, "timeline", kept, body, &error));
    g_clear_error (&error);
  }
  sitrep_store_set_refuse_edits (f->store, NULL);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 17);
  ASSERT_PENDING_EXACT (f);

  /* Refusing them all empties it. */
  g_assert_true (sitrep_store_outbox_refuse_all (f->store, "Viewers may not edit", &n_refused,
                                                 &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_refused, ==, 17);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 0);
  ASSERT_PENDING_EXACT (f);

  put_entry (f, kept, "After the refusal");
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 1);
  ASSERT_PENDING_EXACT (f);

  /* None of these writes counted the outbox again. */
  g_assert_cmpuint (f->store->outbox_scans, ==, scans);
}

static void
test_pending_reopen (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_uuid_string_random ();

      put_entry (f, id, "Before the restart");
    }
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 5);

  g_assert_finalize_object (f->store);
  f->store = sitrep_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 5);
  ASSERT_PENDING_EXACT (f);

  {
    g_autofree char *id = g_uuid_string_random ();

    put_entry (f, id, "After the restart");
  }
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 6);
  ASSERT_PENDING_EXACT (f);
}

static void
on_notify_pending (SitrepStore *store,
                   GParamSpec  *pspec,
                   guint       *n_notified)
{
  (*n_notified)++;
}

/* Another connection to the same file (a second process on the folder)
 * queues an edit: the next write of this store counts it too. */
static void
test_pending_other_connection (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *sql = NULL;
  guint n_notified = 0;

  put_entry (f, id, "Mine");
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 1);

  sql = g_strdup_printf ("INSERT INTO outbox (mid, op, coll, id, base_version, data, created_at) "
                         "VALUES (1000, 'delete', 'timeline', '%s', NULL, NULL, "
                         "'2026-01-01T00:00:00Z')", f->incident);
  test_sql_exec (f->path, sql);

  g_signal_connect (f->store, "notify::pending", G_CALLBACK (on_notify_pending), &n_notified);
  {
    g_autofree char *other = g_uuid_string_random ();

    put_entry (f, other, "Mine again");
  }
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 3);
  g_assert_cmpuint (n_notified, ==, 1);
  ASSERT_PENDING_EXACT (f);
}

/* A transaction that fails after writing to the outbox leaves the count
 * as it was; the next one counts from there. */
static void
test_pending_rollback (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *first = g_uuid_string_random ();
  g_autofree char *missing = g_uuid_string_random ();
  g_autoptr(JsonObject) body = test_timeline_body (f->incident, "Kept");
  g_autoptr(GError) error = NULL;
  SitrepMutation *mutations[2];
  gboolean ok;

  put_entry (f, first, "Before");
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 1);

  {
    g_autofree char *id = g_uuid_string_random ();

    mutations[0] = sitrep_mutation_new_put ("timeline", id, body);
    mutations[1] = sitrep_mutation_new_delete ("timeline", missing);
    ok = sitrep_store_apply (f->store, mutations, 2, &error);
    sitrep_mutation_free (mutations[0]);
    sitrep_mutation_free (mutations[1]);
  }
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
  g_assert_false (ok);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 1);
  ASSERT_PENDING_EXACT (f);

  {
    g_autofree char *id = g_uuid_string_random ();

    put_entry (f, id, "After");
  }
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 2);
  ASSERT_PENDING_EXACT (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/pending/follows-writes", Fixture, NULL, fixture_set_up,
              test_pending_follows_writes, fixture_tear_down);
  g_test_add ("/store/pending/rollback", Fixture, NULL, fixture_set_up,
              test_pending_rollback, fixture_tear_down);
  g_test_add ("/store/pending/reopen", Fixture, NULL, fixture_set_up,
              test_pending_reopen, fixture_tear_down);
  g_test_add ("/store/pending/other-connection", Fixture, NULL, fixture_set_up,
              test_pending_other_connection, fixture_tear_down);

  return g_test_run ();
}

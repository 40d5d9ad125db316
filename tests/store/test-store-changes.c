/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-changes.c: SitrepStore::changed, one announcement per commit
 *
 * Every transaction that changes what the user sees — local edits, pages
 * of the change feed, snapshots, the server's answers — is announced once,
 * after the commit, with each changed record's visible body.
 */

#include "config.h"

#include "sitrep-json.h"
#include "sitrep-store-sync.h"
#include "store-test-util.h"

typedef struct
{
  char        *dir;
  char        *path;
  SitrepStore *store;
  char        *incident;
  GPtrArray   *emissions;        /* GPtrArray of SitrepStoreChange copies, per ::changed */
  guint        n_record_changed;
  gboolean     committed_when_changed;
} Fixture;

static void
on_changed (SitrepStore *store,
            GPtrArray   *changes,
            Fixture     *f)
{
  GPtrArray *copies = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_store_change_free);

  for (guint i = 0; i < changes->len; i++)
    {
      SitrepStoreChange *change = changes->pdata[i];
      g_autofree char *sql =
        g_strdup_printf ("SELECT count(*) FROM records WHERE coll = '%s' AND id = '%s'",
                         change->coll, change->id);

      /* Another connection sees what is announced: it is committed. */
      if (test_sql_int (f->path, sql) != 1)
        f->committed_when_changed = FALSE;
      g_ptr_array_add (copies, sitrep_store_change_copy (change));
    }
  g_ptr_array_add (f->emissions, copies);
}

static void
on_record_changed (SitrepStore *store,
                   const char  *coll,
                   const char  *id,
                   Fixture     *f)
{
  f->n_record_changed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "sitrep.db", NULL);
  f->incident = g_uuid_string_random ();
  f->emissions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  f->committed_when_changed = TRUE;
  f->store = sitrep_store_open (f->path, &error);
  g_assert_no_error (error);
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), f);
  g_signal_connect (f->store, "record-changed", G_CALLBACK (on_record_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_true (f->committed_when_changed);
  g_assert_finalize_object (f->store);
  g_ptr_array_unref (f->emissions);
  test_rm_rf (f->dir);
  g_free (f->incident);
  g_free (f->path);
  g_free (f->dir);
}

static void
forget (Fixture *f)
{
  g_ptr_array_set_size (f->emissions, 0);
  f->n_record_changed = 0;
}

/* The only emission since forget(), which must have @n_changes entries. */
static GPtrArray *
only_emission (Fixture *f,
               guint    n_changes)
{
  GPtrArray *changes;

  g_assert_cmpuint (f->emissions->len, ==, 1);
  changes = f->emissions->pdata[0];
  g_assert_cmpuint (changes->len, ==, n_changes);
  return changes;
}

static SitrepStoreChange *
change_at (GPtrArray *changes,
           guint      i)
{
  return changes->pdata[i];
}

static void
put_incident (Fixture    *f,
              const char *title)
{
  g_autoptr(JsonObject) body = test_incident_body (title, "P2", "investigating",
                                                   "2026-03-01T10:00:00Z");
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_store_put (f->store, "incidents", f->incident, body, &error));
  g_assert_no_error (error);
}

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

static SitrepChange *
feed_change_new (gint64      seq,
                 const char *coll,
                 const char *id,
                 JsonObject *body)
{
  SitrepChange *change = g_new0 (SitrepChange, 1);

  change->seq = seq;
  change->record = sitrep_record_new (coll, id, seq, body == NULL, body);
  change->actor = g_strdup ("someone-else");
  return change;
}

static void
feed (Fixture       *f,
      SitrepChange **changes,
      guint          n_changes,
      gint64         last_seq)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_store_apply_changes (f->store, changes, n_changes, last_seq, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n_changes; i++)
    sitrep_change_free (changes[i]);
}

static void
test_apply_once (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *a = g_uuid_string_random ();
  g_autofree char *b = g_uuid_string_random ();
  g_autoptr(JsonObject) incident = test_incident_body ("Checkout down", "P1", "investigating",
                                                       "2026-03-01T10:00:00Z");
  g_autoptr(JsonObject) entry_a = test_timeline_body (f->incident, "Paged on-call");
  g_autoptr(JsonObject) entry_b = test_timeline_body (f->incident, "Rolled back");
  g_autoptr(GError) error = NULL;
  SitrepMutation *mutations[3];
  SitrepStoreChange *change;
  GPtrArray *changes;

  mutations[0] = sitrep_mutation_new_put ("incidents", f->incident, incident);
  mutations[1] = sitrep_mutation_new_put ("timeline", a, entry_a);
  mutations[2] = sitrep_mutation_new_put ("timeline", b, entry_b);
  sitrep_store_apply (f->store, mutations, 3, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    sitrep_mutation_free (mutations[i]);

  /* One announcement for the three records, in the order written. */
  changes = only_emission (f, 3);
  change = change_at (changes, 0);
  g_assert_cmpstr (change->coll, ==, "incidents");
  g_assert_cmpstr (change->id, ==, f->incident);
  g_assert_cmpstr (change->incident_id, ==, f->incident);
  g_assert_false (change->deleted);
  g_assert_cmpint (change->version, ==, 0);
  g_assert_cmpstr (test_body_string (change->body, "title"), ==, "Checkout down");
  change = change_at (changes, 1);
  g_assert_cmpstr (change->coll, ==, "timeline");
  g_assert_cmpstr (change->id, ==, a);
  g_assert_cmpstr (change->incident_id, ==, f->incident);
  g_assert_cmpstr (test_body_string (change->body, "text"), ==, "Paged on-call");
  change = change_at (changes, 2);
  g_assert_cmpstr (change->id, ==, b);
  g_assert_cmpstr (test_body_string (change->body, "text"), ==, "Rolled back");

  /* The bodies announced are the store's own: changing the caller's
   * object afterwards does not change them. */
  json_object_set_string_member (entry_a, "text", "Changed by the caller");
  g_assert_cmpstr (test_body_string (change_at (changes, 1)->body, "text"), ==,
                   "Paged on-call");

  /* The old per-record signal still comes, once per mutation. */
  g_assert_cmpuint (f->n_record_changed, ==, 3);
}

static void
test_patch_and_delete (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  SitrepStoreChange *change;

  put_incident (f, "Checkout down");
  put_entry (f, id, "Paged on-call");
  forget (f);

  /* A patch announces the whole visible body, merged. */
  json_object_set_boolean_member (fields, "pinned", TRUE);
  g_assert_true (sitrep_store_patch (f->store, "timeline", id, fields, &error));
  g_assert_no_error (error);
  change = change_at (only_emission (f, 1), 0);
  g_assert_cmpstr (test_body_string (change->body, "text"), ==, "Paged on-call");
  g_assert_true (json_object_get_boolean_member (change->body, "pinned"));
  g_assert_false (change->deleted);
  forget (f);

  /* A deletion: no body, yet still the incident it belonged to. */
  g_assert_true (sitrep_store_delete (f->store, "timeline", id, &error));
  g_assert_no_error (error);
  change = change_at (only_emission (f, 1), 0);
  g_assert_cmpstr (change->coll, ==, "timeline");
  g_assert_cmpstr (change->id, ==, id);
  g_assert_true (change->deleted);
  g_assert_null (change->body);
  g_assert_cmpstr (change->incident_id, ==, f->incident);
}

static void
test_nothing_visible (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) other = test_timeline_body (f->incident, "x");
  g_autoptr(GError) error = NULL;

  put_entry (f, id, "Paged on-call");
  forget (f);

  /* Setting a field to the value it has changes nothing the user sees. */
  json_object_set_string_member (fields, "text", "Paged on-call");
  g_assert_true (sitrep_store_patch (f->store, "timeline", id, fields, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->emissions->len, ==, 0);

  /* A failed transaction announces nothing, not even what it wrote
   * before failing. */
  {
    SitrepMutation *mutations[2];
    g_autofree char *fresh = g_uuid_string_random ();

    mutations[0] = sitrep_mutation_new_put ("timeline", fresh, other);
    mutations[1] = sitrep_mutation_new_delete ("timeline", "no-such-entry");
    g_assert_false (sitrep_store_apply (f->store, mutations, 2, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    sitrep_mutation_free (mutations[0]);
    sitrep_mutation_free (mutations[1]);
  }
  g_assert_cmpuint (f->emissions->len, ==, 0);

  /* An empty page of the feed, or a deletion of a record never seen. */
  feed (f, NULL, 0, 3);
  {
    SitrepChange *gone = feed_change_new (4, "timeline", "never-seen", NULL);

    feed (f, &gone, 1, 4);
  }
  g_assert_cmpuint (f->emissions->len, ==, 0);
}

static void
test_feed_page (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *a = g_uuid_string_random ();
  g_autofree char *b = g_uuid_string_random ();
  g_autofree char *c = g_uuid_string_random ();
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) body_a = test_timeline_body (f->incident, "Server A");
  g_autoptr(JsonObject) body_b = test_timeline_body (f->incident, "Server B");
  g_autoptr(JsonObject) body_c = test_timeline_body (f->incident, "Server C");
  g_autoptr(GError) error = NULL;
  SitrepChange *page[3];
  SitrepChange *again[2];
  SitrepChange *gone;
  GPtrArray *changes;

  page[0] = feed_change_new (1, "timeline", a, body_a);
  page[1] = feed_change_new (2, "timeline", b, body_b);
  page[2] = feed_change_new (3, "timeline", c, body_c);
  feed (f, page, 3, 3);
  changes = only_emission (f, 3);
  g_assert_cmpstr (change_at (changes, 0)->id, ==, a);
  g_assert_cmpint (change_at (changes, 0)->version, ==, 1);
  g_assert_cmpstr (change_at (changes, 1)->id, ==, b);
  g_assert_cmpstr (change_at (changes, 2)->id, ==, c);
  g_assert_cmpstr (test_body_string (change_at (changes, 2)->body, "text"), ==, "Server C");
  g_assert_cmpstr (change_at (changes, 2)->incident_id, ==, f->incident);
  g_assert_cmpuint (f->n_record_changed, ==, 3);

  /* My pending edit of A stays on top of their newer A. */
  json_object_set_string_member (fields, "text", "Mine");
  g_assert_true (sitrep_store_patch (f->store, "timeline", a, fields, &error));
  g_assert_no_error (error);
  forget (f);

  json_object_set_boolean_member (body_a, "pinned", TRUE);
  again[0] = feed_change_new (4, "timeline", a, body_a);
  /* B comes again as it was: nothing to announce for it. */
  again[1] = feed_change_new (2, "timeline", b, body_b);
  feed (f, again, 2, 4);
  changes = only_emission (f, 1);
  g_assert_cmpstr (change_at (changes, 0)->id, ==, a);
  g_assert_cmpint (change_at (changes, 0)->version, ==, 4);
  g_assert_cmpstr (test_body_string (change_at (changes, 0)->body, "text"), ==, "Mine");
  g_assert_true (json_object_get_boolean_member (change_at (changes, 0)->body, "pinned"));
  forget (f);

  /* Deleted on the server. */
  gone = feed_change_new (5, "timeline", c, NULL);
  feed (f, &gone, 1, 5);
  changes = only_emission (f, 1);
  g_assert_cmpstr (change_at (changes, 0)->id, ==, c);
  g_assert_true (change_at (changes, 0)->deleted);
  g_assert_null (change_at (changes, 0)->body);
  g_assert_cmpstr (change_at (changes, 0)->incident_id, ==, f->incident);
}

static void
test_snapshot (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *kept = g_uuid_string_random ();
  g_autofree char *gone = g_uuid_string_random ();
  g_autofree char *added = g_uuid_string_random ();
  g_autoptr(JsonObject) kept_body = test_timeline_body (f->incident, "Kept");
  g_autoptr(JsonObject) gone_body = test_timeline_body (f->incident, "Gone");
  g_autoptr(JsonObject) added_body = test_timeline_body (f->incident, "Added");
  g_autoptr(GError) error = NULL;
  SitrepChange *page[2];
  SitrepRecord *records[2];
  GPtrArray *changes;

  page[0] = feed_change_new (1, "timeline", kept, kept_body);
  page[1] = feed_change_new (2, "timeline", gone, gone_body);
  feed (f, page, 2, 2);
  forget (f);

  /* Kept is unchanged, gone is no longer there, added is new: one
   * announcement with the two that changed. */
  records[0] = sitrep_record_new ("timeline", kept, 1, FALSE, kept_body);
  records[1] = sitrep_record_new ("timeline", added, 7, FALSE, added_body);
  g_assert_true (sitrep_store_load_snapshot (f->store, records, 2, 9, &error));
  g_assert_no_error (error);
  sitrep_record_free (records[0]);
  sitrep_record_free (records[1]);

  changes = only_emission (f, 2);
  for (guint i = 0; i < changes->len; i++)
    {
      SitrepStoreChange *change = change_at (changes, i);

      g_assert_cmpstr (change->id, !=, kept);
      if (g_str_equal (change->id, gone))
        {
          g_assert_true (change->deleted);
          g_assert_null (change->body);
        }
      else
        {
          g_assert_cmpstr (change->id, ==, added);
          g_assert_cmpint (change->version, ==, 7);
          g_assert_cmpstr (test_body_string (change->body, "text"), ==, "Added");
        }
    }
}

static void
test_outbox_answers (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *a = g_uuid_string_random ();
  g_autofree char *b = g_uuid_string_random ();
  g_autoptr(JsonObject) theirs = test_timeline_body (f->incident, "Their wording");
  g_autoptr(GError) error = NULL;
  SitrepPushResult results[2] = {
    { .mid = 1, .status = SITREP_PUSH_APPLIED, .version = 5 },
    { .mid = 2, .status = SITREP_PUSH_CONFLICT },
  };
  SitrepPushResult retry = { .mid = 1, .status = SITREP_PUSH_APPLIED, .version = 5 };
  GPtrArray *changes;

  put_entry (f, a, "Applied");
  put_entry (f, b, "Refused");
  forget (f);

  /* One answer applied (the version moves), one refused (their text
   * shows): one announcement. */
  results[1].current = sitrep_record_new ("timeline", b, 8, FALSE, theirs);
  g_assert_true (sitrep_store_outbox_ack (f->store, results, 2, &error));
  g_assert_no_error (error);
  sitrep_push_result_clear (&results[0]);
  sitrep_push_result_clear (&results[1]);

  changes = only_emission (f, 2);
  g_assert_cmpstr (change_at (changes, 0)->id, ==, a);
  g_assert_cmpint (change_at (changes, 0)->version, ==, 5);
  g_assert_cmpstr (test_body_string (change_at (changes, 0)->body, "text"), ==, "Applied");
  g_assert_cmpstr (change_at (changes, 1)->id, ==, b);
  g_assert_cmpint (change_at (changes, 1)->version, ==, 8);
  g_assert_cmpstr (test_body_string (change_at (changes, 1)->body, "text"), ==,
                   "Their wording");
  forget (f);

  /* A retry's duplicate answer changes nothing. */
  g_assert_true (sitrep_store_outbox_ack (f->store, &retry, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->emissions->len, ==, 0);
}

static void
test_reject_unsent (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;
  SitrepStoreChange *change;

  put_entry (f, id, "Far too large");
  forget (f);

  /* Never on the server, so refusing it leaves nothing to see. */
  g_assert_true (sitrep_store_outbox_reject_unsent (f->store, 1, "too large", &error));
  g_assert_no_error (error);
  change = change_at (only_emission (f, 1), 0);
  g_assert_cmpstr (change->id, ==, id);
  g_assert_true (change->deleted);
  g_assert_null (change->body);
}

/* A handler that writes again gets its own announcement, and the list it
 * was handed stays whole. */
static void
on_changed_write (SitrepStore *store,
                  GPtrArray   *changes,
                  Fixture     *f)
{
  SitrepStoreChange *first = changes->pdata[0];

  if (g_str_equal (first->coll, "incidents"))
    {
      g_autofree char *id = g_uuid_string_random ();

      put_entry (f, id, "Written from a handler");
      g_assert_cmpuint (changes->len, ==, 1);
      g_assert_cmpstr (((SitrepStoreChange *) changes->pdata[0])->coll, ==, "incidents");
    }
}

static void
test_reentrant (Fixture       *f,
                gconstpointer  data)
{
  GPtrArray *changes;

  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_write), f);
  put_incident (f, "Checkout down");

  g_assert_cmpuint (f->emissions->len, ==, 2);
  changes = f->emissions->pdata[0];
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (change_at (changes, 0)->coll, ==, "incidents");
  changes = f->emissions->pdata[1];
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (change_at (changes, 0)->coll, ==, "timeline");
}

static void
test_boxed (void)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(SitrepStoreChange) change = NULL;
  g_autoptr(SitrepStoreChange) copy = NULL;

  g_assert_true (G_TYPE_IS_BOXED (SITREP_TYPE_STORE_CHANGE));
  json_object_set_string_member (body, "text", "before");
  change = sitrep_store_change_new ("timeline", "e1", "i1", body, FALSE, 3);
  json_object_set_string_member (body, "text", "after");
  copy = g_boxed_copy (SITREP_TYPE_STORE_CHANGE, change);
  g_assert_cmpstr (copy->coll, ==, "timeline");
  g_assert_cmpstr (copy->id, ==, "e1");
  g_assert_cmpstr (copy->incident_id, ==, "i1");
  g_assert_cmpint (copy->version, ==, 3);
  g_assert_cmpstr (test_body_string (copy->body, "text"), ==, "before");
  g_assert_true (json_object_is_immutable (copy->body));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/store/changed/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/store/changed/boxed", test_boxed);
  ADD ("apply-once", test_apply_once);
  ADD ("patch-and-delete", test_patch_and_delete);
  ADD ("nothing-visible", test_nothing_visible);
  ADD ("feed-page", test_feed_page);
  ADD ("snapshot", test_snapshot);
  ADD ("outbox-answers", test_outbox_answers);
  ADD ("reject-unsent", test_reject_unsent);
  ADD ("reentrant", test_reentrant);

#undef ADD

  return g_test_run ();
}

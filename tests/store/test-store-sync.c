/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-sync.c: the store's side of sync, without a server
 *
 * The answers the sync engine hands the store (push results, pages of the
 * change feed, snapshots) are made up here, so each rule of "what the user
 * sees is the server state with the pending outbox applied on top" is
 * checked on its own.
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
  GPtrArray   *changed;            /* "coll/id" per ::record-changed */
  guint        n_conflicts_changed;
} Fixture;

static void
on_record_changed (SitrepStore *store,
                   const char  *coll,
                   const char  *id,
                   Fixture     *f)
{
  g_ptr_array_add (f->changed, g_strdup_printf ("%s/%s", coll, id));
}

static void
on_conflicts_changed (SitrepStore *store,
                      Fixture     *f)
{
  f->n_conflicts_changed++;
}

static void
fixture_open (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->store = sitrep_store_open (f->path, &error);
  g_assert_no_error (error);
  g_signal_connect (f->store, "record-changed", G_CALLBACK (on_record_changed), f);
  g_signal_connect (f->store, "conflicts-changed", G_CALLBACK (on_conflicts_changed), f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "sitrep.db", NULL);
  f->changed = g_ptr_array_new_with_free_func (g_free);
  f->incident = g_uuid_string_random ();
  fixture_open (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  g_ptr_array_unref (f->changed);
  test_rm_rf (f->dir);
  g_free (f->incident);
  g_free (f->path);
  g_free (f->dir);
}

static gboolean
saw (Fixture    *f,
     const char *coll,
     const char *id)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", coll, id);

  for (guint i = 0; i < f->changed->len; i++)
    if (g_str_equal (f->changed->pdata[i], key))
      return TRUE;
  return FALSE;
}

/* A change of the feed, as the engine would parse it. */
static SitrepChange *
change_new (gint64      seq,
            const char *coll,
            const char *id,
            JsonObject *body)
{
  SitrepChange *change = g_new0 (SitrepChange, 1);

  change->seq = seq;
  change->record = sitrep_record_new (coll, id, seq, body == NULL, body);
  change->actor = g_strdup ("someone-else");
  change->client_id = g_strdup ("3f1c2b9e-0000-4000-8000-000000000001");
  change->mid = seq;
  return change;
}

static void
feed (Fixture      *f,
      SitrepChange *change,
      gint64        last_seq)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_store_apply_changes (f->store, &change, 1, last_seq, &error));
  g_assert_no_error (error);
  sitrep_change_free (change);
}

/* The server's version of a timeline entry, through the feed. */
static void
feed_entry (Fixture    *f,
            gint64      seq,
            const char *id,
            const char *text)
{
  g_autoptr(JsonObject) body = test_timeline_body (f->incident, text);

  feed (f, change_new (seq, "timeline", id, body), seq);
}

static void
ack (Fixture          *f,
     SitrepPushResult *result)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_store_outbox_ack (f->store, result, 1, &error));
  g_assert_no_error (error);
  sitrep_push_result_clear (result);
}

static char *
text_of (Fixture    *f,
         const char *id)
{
  g_autoptr(SitrepRecord) record = sitrep_store_get (f->store, "timeline", id);

  if (record == NULL || record->deleted)
    return NULL;
  return g_strdup (test_body_string (record->body, "text"));
}

static gint64
version_of (Fixture    *f,
            const char *id)
{
  g_autoptr(SitrepRecord) record = sitrep_store_get (f->store, "timeline", id);

  g_assert_nonnull (record);
  return record->version;
}

static void
put_entry (Fixture    *f,
           const char *id,
           const char *text,
           gint64      base_version)
{
  g_autoptr(JsonObject) body = test_timeline_body (f->incident, text);
  g_autoptr(SitrepMutation) mutation = sitrep_mutation_new_put ("timeline", id, body);
  g_autoptr(GError) error = NULL;

  mutation->base_version = base_version;
  g_assert_true (sitrep_store_apply (f->store, &mutation, 1, &error));
  g_assert_no_error (error);
}

static void
test_outbox_peek (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *a = g_uuid_string_random ();
  g_autofree char *b = g_uuid_string_random ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  SitrepMutation *m;

  put_entry (f, a, "one", -1);
  put_entry (f, b, "two", 0);
  json_object_set_boolean_member (fields, "pinned", TRUE);
  g_assert_true (sitrep_store_patch (f->store, "timeline", a, fields, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 3);

  first = sitrep_store_outbox_peek (f->store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 2);
  all = sitrep_store_outbox_peek (f->store, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);

  m = all->pdata[0];
  g_assert_cmpint (m->mid, ==, 1);
  g_assert_cmpint (m->op, ==, SITREP_MUTATION_PUT);
  g_assert_cmpstr (m->coll, ==, "timeline");
  g_assert_cmpstr (m->id, ==, a);
  g_assert_cmpint (m->base_version, ==, -1);
  g_assert_cmpstr (test_body_string (m->data, "text"), ==, "one");
  m = all->pdata[1];
  g_assert_cmpint (m->mid, ==, 2);
  g_assert_cmpint (m->base_version, ==, 0);
  m = all->pdata[2];
  g_assert_cmpint (m->mid, ==, 3);
  g_assert_cmpint (m->op, ==, SITREP_MUTATION_PATCH);
  g_assert_true (json_object_get_boolean_member (m->data, "pinned"));
  g_assert_false (json_object_has_member (m->data, "text"));

  /* Peeking takes nothing out. */
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 3);
}

static void
test_ack_applied (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  SitrepPushResult result = { .mid = 1, .status = SITREP_PUSH_APPLIED, .version = 5 };
  SitrepPushResult again = { .mid = 1, .status = SITREP_PUSH_APPLIED, .version = 5 };

  put_entry (f, id, "Paged on-call", -1);
  g_assert_cmpint (version_of (f, id), ==, 0);

  ack (f, &result);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 0);
  left = sitrep_store_outbox_peek (f->store, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (left->len, ==, 0);
  text = text_of (f, id);
  g_assert_cmpstr (text, ==, "Paged on-call");
  g_assert_cmpint (version_of (f, id), ==, 5);
  g_assert_cmpuint (f->n_conflicts_changed, ==, 0);

  /* A retry's answer for a mid already answered changes nothing. */
  ack (f, &again);
  g_assert_cmpint (version_of (f, id), ==, 5);
  g_assert_cmpuint (f->n_conflicts_changed, ==, 0);
}

static void
test_ack_conflict (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) theirs = test_timeline_body (f->incident, "Their wording");
  g_autoptr(GError) error = NULL;
  SitrepPushResult result = { .mid = 1, .status = SITREP_PUSH_CONFLICT };
  SitrepConflict *conflict;

  feed_entry (f, 3, id, "First wording");
  put_entry (f, id, "My wording", 3);
  text = text_of (f, id);
  g_assert_cmpstr (text, ==, "My wording");
  g_clear_pointer (&text, g_free);

  result.current = sitrep_record_new ("timeline", id, 7, FALSE, theirs);
  g_ptr_array_set_size (f->changed, 0);
  ack (f, &result);

  /* The server's text shows again; mine is kept beside it. */
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 0);
  text = text_of (f, id);
  g_assert_cmpstr (text, ==, "Their wording");
  g_assert_cmpint (version_of (f, id), ==, 7);
  g_assert_true (saw (f, "timeline", id));
  g_assert_cmpuint (f->n_conflicts_changed, ==, 1);

  conflicts = sitrep_store_list_conflicts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = conflicts->pdata[0];
  g_assert_cmpstr (conflict->kind, ==, "conflict");
  g_assert_cmpstr (conflict->coll, ==, "timeline");
  g_assert_cmpstr (conflict->rec_id, ==, id);
  g_assert_cmpstr (conflict->op, ==, "put");
  g_assert_nonnull (conflict->mine);
  g_assert_cmpstr (test_body_string (conflict->mine, "text"), ==, "My wording");
  g_assert_nonnull (conflict->theirs);
  g_assert_cmpstr (test_body_string (conflict->theirs, "text"), ==, "Their wording");
  g_assert_cmpint (conflict->theirs_version, ==, 7);

  /* Decided: off the list. */
  g_assert_true (sitrep_store_resolve_conflict (f->store, conflict->id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = sitrep_store_list_conflicts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

static void
test_ack_rejected (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *kept = g_uuid_string_random ();
  g_autofree char *fresh = g_uuid_string_random ();
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  SitrepPushResult rejected = {
    .mid = 2, .status = SITREP_PUSH_REJECTED,
    .error = g_strdup ("bad_request"), .message = g_strdup ("text: too long"),
  };
  SitrepPushResult new_one = {
    .mid = 1, .status = SITREP_PUSH_REJECTED,
    .error = g_strdup ("bad_request"), .message = g_strdup ("kind: unknown"),
  };
  SitrepConflict *conflict;

  put_entry (f, fresh, "Never accepted", -1);
  feed_entry (f, 4, kept, "Server text");
  json_object_set_string_member (fields, "text", "Refused edit");
  g_assert_true (sitrep_store_patch (f->store, "timeline", kept, fields, &error));
  g_assert_no_error (error);

  ack (f, &rejected);
  text = text_of (f, kept);
  g_assert_cmpstr (text, ==, "Server text");
  g_clear_pointer (&text, g_free);

  /* A record the server never had goes away with its only edit. */
  ack (f, &new_one);
  text = text_of (f, fresh);
  g_assert_null (text);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 0);
  g_assert_cmpuint (f->n_conflicts_changed, ==, 2);

  conflicts = sitrep_store_list_conflicts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 2);
  conflict = conflicts->pdata[0];
  g_assert_cmpstr (conflict->kind, ==, "rejected");
  g_assert_cmpstr (conflict->rec_id, ==, kept);
  g_assert_cmpstr (conflict->op, ==, "patch");
  g_assert_cmpstr (test_body_string (conflict->mine, "text"), ==, "Refused edit");
  g_assert_cmpstr (conflict->message, ==, "text: too long");
  conflict = conflicts->pdata[1];
  g_assert_cmpstr (conflict->rec_id, ==, fresh);
  g_assert_cmpstr (test_body_string (conflict->mine, "text"), ==, "Never accepted");
}

static void
test_pending_on_top (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) server = test_timeline_body (f->incident, "Server, again");
  g_autoptr(JsonObject) mine_applied = NULL;
  g_autoptr(SitrepRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  SitrepPushResult result = { .mid = 1, .status = SITREP_PUSH_APPLIED, .version = 5 };

  feed_entry (f, 3, id, "Server text");
  json_object_set_string_member (fields, "text", "My text");
  g_assert_true (sitrep_store_patch (f->store, "timeline", id, fields, &error));
  g_assert_no_error (error);

  /* Someone else changes another field and the text: my pending text
   * stays on top of their record. */
  json_object_set_boolean_member (server, "pinned", TRUE);
  g_ptr_array_set_size (f->changed, 0);
  feed (f, change_new (4, "timeline", id, server), 4);
  record = sitrep_store_get (f->store, "timeline", id);
  g_assert_cmpstr (test_body_string (record->body, "text"), ==, "My text");
  g_assert_true (json_object_get_boolean_member (record->body, "pinned"));
  g_assert_cmpint (record->version, ==, 4);
  g_assert_cmpint (sitrep_store_get_last_seq (f->store), ==, 4);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 1);

  /* The server applies it; the answer and the feed agree. */
  ack (f, &result);
  text = text_of (f, id);
  g_assert_cmpstr (text, ==, "My text");
  g_clear_pointer (&text, g_free);
  mine_applied = sitrep_json_copy (server);
  json_object_set_string_member (mine_applied, "text", "My text");
  feed (f, change_new (5, "timeline", id, mine_applied), 5);
  g_clear_pointer (&record, sitrep_record_free);
  record = sitrep_store_get (f->store, "timeline", id);
  g_assert_cmpstr (test_body_string (record->body, "text"), ==, "My text");
  g_assert_true (json_object_get_boolean_member (record->body, "pinned"));
  g_assert_cmpint (record->version, ==, 5);

  /* An older change arriving late does not step back. */
  feed_entry (f, 4, id, "Stale");
  text = text_of (f, id);
  g_assert_cmpstr (text, ==, "My text");
  g_assert_cmpint (sitrep_store_get_last_seq (f->store), ==, 5);
}

static void
test_feed_delete (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *text = NULL;

  feed_entry (f, 1, id, "Soon gone");
  g_ptr_array_set_size (f->changed, 0);
  feed (f, change_new (2, "timeline", id, NULL), 2);
  text = text_of (f, id);
  g_assert_null (text);
  g_assert_true (saw (f, "timeline", id));
}

static void
test_snapshot (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *kept = g_uuid_string_random ();
  g_autofree char *gone = g_uuid_string_random ();
  g_autofree char *mine = g_uuid_string_random ();
  g_autofree char *added = g_uuid_string_random ();
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) kept_body = test_timeline_body (f->incident, "Kept, newer");
  g_autoptr(JsonObject) added_body = test_timeline_body (f->incident, "Added elsewhere");
  g_autoptr(GError) error = NULL;
  SitrepRecord *records[2];

  feed_entry (f, 1, kept, "Kept");
  feed_entry (f, 2, gone, "Gone from the server");
  put_entry (f, mine, "Mine, not sent yet", -1);

  records[0] = sitrep_record_new ("timeline", kept, 9, FALSE, kept_body);
  records[1] = sitrep_record_new ("timeline", added, 8, FALSE, added_body);
  g_ptr_array_set_size (f->changed, 0);
  g_assert_true (sitrep_store_load_snapshot (f->store, records, 2, 12, &error));
  g_assert_no_error (error);
  sitrep_record_free (records[0]);
  sitrep_record_free (records[1]);

  text = text_of (f, kept);
  g_assert_cmpstr (text, ==, "Kept, newer");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (version_of (f, kept), ==, 9);
  text = text_of (f, added);
  g_assert_cmpstr (text, ==, "Added elsewhere");
  g_clear_pointer (&text, g_free);
  text = text_of (f, gone);
  g_assert_null (text);
  g_assert_true (saw (f, "timeline", gone));
  /* A pending edit survives the snapshot. */
  text = text_of (f, mine);
  g_assert_cmpstr (text, ==, "Mine, not sent yet");
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 1);
  g_assert_cmpint (sitrep_store_get_last_seq (f->store), ==, 12);
}

static void
test_last_seq_and_state (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sitrep_store_get_last_seq (f->store), ==, 0);
  g_assert_null (sitrep_store_dup_sync_state (f->store, "server"));

  /* An empty page still moves the position; an older one does not. */
  g_assert_true (sitrep_store_apply_changes (f->store, NULL, 0, 10, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sitrep_store_get_last_seq (f->store), ==, 10);
  feed_entry (f, 6, id, "Late");
  g_assert_cmpint (sitrep_store_get_last_seq (f->store), ==, 10);

  g_assert_true (sitrep_store_set_sync_state (f->store, "server", "http://127.0.0.1:1", &error));
  g_assert_no_error (error);

  g_assert_finalize_object (f->store);
  fixture_open (f);
  g_assert_cmpint (sitrep_store_get_last_seq (f->store), ==, 10);
  value = sitrep_store_dup_sync_state (f->store, "server");
  g_assert_cmpstr (value, ==, "http://127.0.0.1:1");
}

/* Two edits of one entry made before the first was answered: the second is
 * chained to the first, waits for its answer, and on a conflict joins it,
 * so "take theirs" really leaves theirs. */
static void
patch_text (Fixture    *f,
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
test_chain_conflict (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) theirs = test_timeline_body (f->incident, "Alice's important text");
  g_autoptr(GError) error = NULL;
  SitrepPushResult result = { .status = SITREP_PUSH_CONFLICT };
  SitrepConflict *conflict;

  feed_entry (f, 2, id, "First wording");
  patch_text (f, id, "bob 1");
  patch_text (f, id, "bob 1, typo fixed");

  /* The first is checked against what Bob saw; the second is chained. */
  pending = sitrep_store_outbox_peek (f->store, 10, &error);
  g_assert_cmpuint (pending->len, ==, 2);
  g_assert_cmpint (((SitrepMutation *) pending->pdata[0])->base_version, ==, 2);
  g_assert_cmpint (((SitrepMutation *) pending->pdata[1])->base_version, ==,
                   SITREP_BASE_VERSION_CHAINED);

  /* Alice changed it first. */
  result.mid = ((SitrepMutation *) pending->pdata[0])->mid;
  result.current = sitrep_record_new ("timeline", id, 5, FALSE, theirs);
  ack (f, &result);

  /* Nothing of Bob's is left to be sent blindly over Alice's text… */
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 0);
  text = text_of (f, id);
  g_assert_cmpstr (text, ==, "Alice's important text");

  /* …and what Bob typed last is in the one conflict to decide on. */
  conflicts = sitrep_store_list_conflicts (f->store, &error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = conflicts->pdata[0];
  g_assert_cmpstr (test_body_string (conflict->mine, "text"), ==, "bob 1, typo fixed");
  g_assert_cmpstr (test_body_string (conflict->theirs, "text"), ==, "Alice's important text");
}

static void
test_chain_applied (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  SitrepPushResult result = { .status = SITREP_PUSH_APPLIED, .version = 6 };

  feed_entry (f, 2, id, "First wording");
  patch_text (f, id, "bob 1");
  patch_text (f, id, "bob 1, typo fixed");
  pending = sitrep_store_outbox_peek (f->store, 10, &error);
  result.mid = ((SitrepMutation *) pending->pdata[0])->mid;
  ack (f, &result);
  g_clear_pointer (&pending, g_ptr_array_unref);

  /* Released: now checked against the version the first one made. */
  pending = sitrep_store_outbox_peek (f->store, 10, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpint (((SitrepMutation *) pending->pdata[0])->base_version, ==, 6);

  /* A third edit after that chains to the second. */
  patch_text (f, id, "bob 2");
  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = sitrep_store_outbox_peek (f->store, 10, &error);
  g_assert_cmpint (((SitrepMutation *) pending->pdata[1])->base_version, ==,
                   SITREP_BASE_VERSION_CHAINED);
}

static void
test_create_only_lost (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(JsonObject) theirs = test_timeline_body (f->incident, "Created elsewhere first");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *text = NULL;
  SitrepPushResult result = { .mid = 1, .status = SITREP_PUSH_CONFLICT };

  /* Create-only (base 0) and someone else created it first: theirs stands,
   * and nobody is asked about it. */
  put_entry (f, id, "Created here", 0);
  result.current = sitrep_record_new ("timeline", id, 4, FALSE, theirs);
  ack (f, &result);

  text = text_of (f, id);
  g_assert_cmpstr (text, ==, "Created elsewhere first");
  conflicts = sitrep_store_list_conflicts (f->store, NULL);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpuint (f->n_conflicts_changed, ==, 0);
}

/* A postmortem is writing, not a default every client makes alike: one
 * someone else started first stands, and a create-only put that says
 * something else is a conflict to decide on; one that says the same (or
 * nothing) is not. */
static void
test_create_only_postmortem (Fixture       *f,
                             gconstpointer  data)
{
  static const struct {
    const char *mine, *theirs;
    guint       n_conflicts;
  } cases[] = {
    { "{\"root_cause\":\"A release removed pooling (bob)\"}",
      "{\"root_cause\":\"The pool was too small (alice)\"}", 1 },
    { "{\"went_well\":[\"Paging\"]}", "{\"root_cause\":\"Anything\"}", 1 },
    { "{\"root_cause\":\"Same words\",\"edited_by\":\"bob\"}",
      "{\"root_cause\":\"Same words\",\"edited_by\":\"alice\"}", 0 },
    { "{\"lessons\":\"\",\"went_poorly\":[]}", "{\"root_cause\":\"Theirs\"}", 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonObject) mine = NULL;
      g_autoptr(JsonObject) theirs = NULL;
      g_autoptr(SitrepMutation) put = NULL;
      g_autoptr(GPtrArray) pending = NULL;
      g_autoptr(GPtrArray) conflicts = NULL;
      g_autoptr(GError) error = NULL;
      SitrepPushResult result = { .status = SITREP_PUSH_CONFLICT };
      guint before;

      conflicts = sitrep_store_list_conflicts (f->store, &error);
      before = conflicts->len;
      g_clear_pointer (&conflicts, g_ptr_array_unref);

      json_parser_load_from_data (parser, cases[i].mine, -1, &error);
      g_assert_no_error (error);
      mine = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
      json_parser_load_from_data (parser, cases[i].theirs, -1, &error);
      g_assert_no_error (error);
      theirs = json_object_ref (json_node_get_object (json_parser_get_root (parser)));

      put = sitrep_mutation_new_put ("postmortems", id, mine);
      put->base_version = 0;
      g_assert_true (sitrep_store_apply (f->store, &put, 1, &error));
      g_assert_no_error (error);
      pending = sitrep_store_outbox_peek (f->store, 10, &error);
      result.mid = ((SitrepMutation *) pending->pdata[0])->mid;
      result.current = sitrep_record_new ("postmortems", id, 7 + (gint64) i, FALSE, theirs);
      ack (f, &result);

      conflicts = sitrep_store_list_conflicts (f->store, &error);
      g_test_message ("%s over %s", cases[i].mine, cases[i].theirs);
      g_assert_cmpuint (conflicts->len - before, ==, cases[i].n_conflicts);
      g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 0);
    }
}

static void
test_renumber (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a = g_uuid_string_random ();
  g_autofree char *b = g_uuid_string_random ();
  g_autofree char *c = g_uuid_string_random ();
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  SitrepPushResult result = { .mid = 1, .status = SITREP_PUSH_APPLIED, .version = 9 };

  put_entry (f, a, "one", -1);
  ack (f, &result);                     /* mid 1 answered: the outbox starts at 2 */
  put_entry (f, b, "two", -1);
  put_entry (f, c, "three", -1);

  /* Another server has none of them: number them from 1, order kept. */
  g_assert_true (sitrep_store_outbox_renumber (f->store, 1, &error));
  g_assert_no_error (error);
  pending = sitrep_store_outbox_peek (f->store, 10, &error);
  g_assert_cmpuint (pending->len, ==, 2);
  g_assert_cmpint (((SitrepMutation *) pending->pdata[0])->mid, ==, 1);
  g_assert_cmpstr (((SitrepMutation *) pending->pdata[0])->id, ==, b);
  g_assert_cmpint (((SitrepMutation *) pending->pdata[1])->mid, ==, 2);
  g_clear_pointer (&pending, g_ptr_array_unref);

  /* …and the next edit continues after them; numbering up works too. */
  put_entry (f, a, "four", -1);
  g_assert_true (sitrep_store_outbox_renumber (f->store, 10, &error));
  pending = sitrep_store_outbox_peek (f->store, 10, &error);
  g_assert_cmpuint (pending->len, ==, 3);
  g_assert_cmpint (((SitrepMutation *) pending->pdata[0])->mid, ==, 10);
  g_assert_cmpint (((SitrepMutation *) pending->pdata[2])->mid, ==, 12);
  g_assert_cmpstr (((SitrepMutation *) pending->pdata[2])->id, ==, a);
}

/* Alone and offline: a text edit, a pin, a second text edit. The pin moves
 * the version on; the second text edit is checked against the version
 * after the pin, so it never conflicts with the user's own pin. */
static void
test_chain_after_unchecked (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(JsonObject) pin = json_object_new ();
  g_autoptr(SitrepMutation) pin_mutation = NULL;
  g_autoptr(GError) error = NULL;
  SitrepPushResult results[2] = { { .status = SITREP_PUSH_APPLIED, .version = 3 },
                                  { .status = SITREP_PUSH_APPLIED, .version = 4 } };

  feed_entry (f, 2, id, "First wording");
  patch_text (f, id, "bob 1");
  json_object_set_boolean_member (pin, "pinned", TRUE);
  pin_mutation = sitrep_mutation_new_patch ("timeline", id, pin);
  g_assert_true (sitrep_store_apply (f->store, &pin_mutation, 1, &error));
  patch_text (f, id, "bob 2");

  pending = sitrep_store_outbox_peek (f->store, 10, &error);
  g_assert_cmpuint (pending->len, ==, 3);
  results[0].mid = ((SitrepMutation *) pending->pdata[0])->mid;
  results[1].mid = ((SitrepMutation *) pending->pdata[1])->mid;
  g_assert_true (sitrep_store_outbox_ack (f->store, results, 2, &error));
  g_assert_no_error (error);
  g_clear_pointer (&pending, g_ptr_array_unref);

  pending = sitrep_store_outbox_peek (f->store, 10, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpint (((SitrepMutation *) pending->pdata[0])->base_version, ==, 4);
}

/* Rows taken out before they were sent leave no gap in the mids. */
static void
test_no_gaps (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *other = g_uuid_string_random ();
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(JsonObject) theirs = test_timeline_body (f->incident, "Theirs");
  g_autoptr(GError) error = NULL;
  SitrepPushResult result = { .status = SITREP_PUSH_CONFLICT };

  feed_entry (f, 2, id, "First wording");
  patch_text (f, id, "mine 1");          /* mid 1, checked */
  patch_text (f, id, "mine 2");          /* mid 2, chained */
  put_entry (f, other, "Another entry", -1);   /* mid 3 */

  result.mid = 1;
  result.current = sitrep_record_new ("timeline", id, 5, FALSE, theirs);
  ack (f, &result);

  /* The chained mid 2 joined the conflict; the other entry is now mid 2. */
  pending = sitrep_store_outbox_peek (f->store, 10, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpint (((SitrepMutation *) pending->pdata[0])->mid, ==, 2);
  g_assert_cmpstr (((SitrepMutation *) pending->pdata[0])->id, ==, other);
  g_clear_pointer (&pending, g_ptr_array_unref);

  /* An edit never sent and rejected locally leaves no gap either. */
  put_entry (f, id, "Too big, say", -1);       /* mid 3 */
  put_entry (f, other, "After it", -1);        /* mid 4 */
  g_assert_true (sitrep_store_outbox_reject_unsent (f->store, 3, "too large", &error));
  g_assert_no_error (error);
  pending = sitrep_store_outbox_peek (f->store, 10, &error);
  g_assert_cmpuint (pending->len, ==, 2);
  g_assert_cmpint (((SitrepMutation *) pending->pdata[1])->mid, ==, 3);
  g_assert_cmpstr (((SitrepMutation *) pending->pdata[1])->id, ==, other);
  put_entry (f, other, "Next", -1);
  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = sitrep_store_outbox_peek (f->store, 10, &error);
  g_assert_cmpint (((SitrepMutation *) pending->pdata[2])->mid, ==, 4);
}

static void
test_reset_client (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = g_strdup (sitrep_store_get_client_id (f->store));
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  SitrepPushResult result = { .mid = 1, .status = SITREP_PUSH_APPLIED, .version = 3 };

  put_entry (f, id, "one", -1);
  ack (f, &result);
  put_entry (f, id, "two", -1);

  g_assert_true (sitrep_store_reset_client (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_store_get_client_id (f->store), !=, before);
  g_assert_true (g_uuid_string_is_valid (sitrep_store_get_client_id (f->store)));
  pending = sitrep_store_outbox_peek (f->store, 10, &error);
  g_assert_cmpint (((SitrepMutation *) pending->pdata[0])->mid, ==, 1);

  /* It stays a new client after reopening. */
  g_assert_finalize_object (f->store);
  fixture_open (f);
  g_assert_cmpstr (sitrep_store_get_client_id (f->store), !=, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/store/sync/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("outbox-peek", test_outbox_peek);
  ADD ("ack/applied", test_ack_applied);
  ADD ("ack/conflict", test_ack_conflict);
  ADD ("ack/rejected", test_ack_rejected);
  ADD ("changes/pending-on-top", test_pending_on_top);
  ADD ("changes/delete", test_feed_delete);
  ADD ("snapshot", test_snapshot);
  ADD ("last-seq-and-state", test_last_seq_and_state);
  ADD ("chain/conflict", test_chain_conflict);
  ADD ("chain/applied", test_chain_applied);
  ADD ("ack/create-only-lost", test_create_only_lost);
  ADD ("ack/create-only-postmortem", test_create_only_postmortem);
  ADD ("outbox-renumber", test_renumber);
  ADD ("chain/after-unchecked", test_chain_after_unchecked);
  ADD ("outbox/no-gaps", test_no_gaps);
  ADD ("reset-client", test_reset_client);

#undef ADD

  return g_test_run ();
}

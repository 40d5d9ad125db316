/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store.c: the local database, its outbox and its search, on a real
 * SQLite file */

#include "config.h"

#include "sitrep-record.h"
#include "sitrep-store.h"
#include "store-test-util.h"

typedef struct
{
  char        *dir;
  char        *path;
  SitrepStore *store;
  GPtrArray   *changed;     /* "coll/id" per ::record-changed */
  guint        n_notify;    /* notify::pending */
  gboolean     committed_when_changed;
} Fixture;

static void
on_record_changed (SitrepStore *store,
                   const char  *coll,
                   const char  *id,
                   Fixture     *f)
{
  g_autofree char *sql = NULL;

  g_ptr_array_add (f->changed, g_strdup_printf ("%s/%s", coll, id));

  /* Another connection sees the record only once the transaction is
   * committed; the signal must come after that. */
  sql = g_strdup_printf ("SELECT count(*) FROM records WHERE coll = '%s' AND id = '%s'",
                         coll, id);
  if (test_sql_int (f->path, sql) != 1)
    f->committed_when_changed = FALSE;
}

static void
on_notify_pending (SitrepStore *store,
                   GParamSpec  *pspec,
                   Fixture     *f)
{
  f->n_notify++;
}

static void
fixture_watch (Fixture *f)
{
  g_signal_connect (f->store, "record-changed", G_CALLBACK (on_record_changed), f);
  g_signal_connect (f->store, "notify::pending", G_CALLBACK (on_notify_pending), f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "sitrep.db", NULL);
  f->store = sitrep_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
  f->changed = g_ptr_array_new_with_free_func (g_free);
  f->committed_when_changed = TRUE;
  fixture_watch (f);
}

static void
fixture_reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  f->store = sitrep_store_open (f->path, &error);
  g_assert_no_error (error);
  fixture_watch (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  g_ptr_array_unref (f->changed);
  test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
outbox_count (Fixture *f)
{
  return test_sql_int (f->path, "SELECT count(*) FROM outbox");
}

static char *
put_incident (Fixture    *f,
              const char *title,
              const char *severity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = test_incident_body (title, severity, "investigating",
                                                   "2024-05-01T10:00:00Z");
  char *id = g_uuid_string_random ();

  g_assert_true (sitrep_store_put (f->store, "incidents", id, body, &error));
  g_assert_no_error (error);

  return id;
}

static char *
put_timeline (Fixture    *f,
              const char *incident_id,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = test_timeline_body (incident_id, text);
  char *id = g_uuid_string_random ();

  g_assert_true (sitrep_store_put (f->store, "timeline", id, body, &error));
  g_assert_no_error (error);

  return id;
}

static void
test_open_creates (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "nested", "deeper", "sitrep.db", NULL);
  g_autofree char *client_id = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *stored_id = NULL;
  g_autoptr(GError) error = NULL;
  SitrepStore *store;
  gint64 version;

  store = sitrep_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (sitrep_store_get_path (store), ==, path);
  g_assert_cmpuint (sitrep_store_get_pending (store), ==, 0);

  client_id = g_strdup (sitrep_store_get_client_id (store));
  g_assert_true (g_uuid_string_is_valid (client_id));
  g_assert_true (sitrep_id_is_uuid (client_id));

  /* WAL is a property of the file, so a second connection reads it too. */
  journal = test_sql_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  /* 1 is the first schema; later versions only add steps. */
  version = test_sql_int (path, "PRAGMA user_version");
  g_assert_cmpint (version, >=, 1);
  stored_id = test_sql_text (path, "SELECT value FROM meta WHERE key = 'client_id'");
  g_assert_cmpstr (stored_id, ==, client_id);

  g_assert_finalize_object (store);

  store = sitrep_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_store_get_client_id (store), ==, client_id);
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, version);
  g_assert_finalize_object (store);

  test_rm_rf (dir);
}

static void
test_open_too_new (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "sitrep.db", NULL);
  g_autoptr(GError) error = NULL;
  SitrepStore *store;

  store = sitrep_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  test_sql_exec (path, "PRAGMA user_version = 99");

  store = sitrep_store_open (path, &error);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_TOO_NEW);
  g_assert_null (store);
  /* Refusing must not downgrade the file. */
  g_assert_cmpint (test_sql_int (path, "PRAGMA user_version"), ==, 99);

  test_rm_rf (dir);
}

static void
test_open_two_connections (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "sitrep.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) a = NULL;
  g_autoptr(SitrepStore) b = NULL;
  g_autoptr(SitrepRecord) seen = NULL;
  g_autoptr(JsonObject) body = test_incident_body ("Written by A", "P2", "investigating", NULL);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = g_uuid_string_random ();

  a = sitrep_store_open (path, &error);
  g_assert_no_error (error);
  b = sitrep_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_store_get_client_id (a), ==, sitrep_store_get_client_id (b));

  g_assert_null (sitrep_store_get (b, "incidents", id));
  g_assert_true (sitrep_store_put (a, "incidents", id, body, &error));
  g_assert_no_error (error);

  seen = sitrep_store_get (b, "incidents", id);
  g_assert_nonnull (seen);
  g_assert_cmpstr (test_body_string (seen->body, "title"), ==, "Written by A");
  g_clear_pointer (&seen, sitrep_record_free);

  /* B changes what A wrote; A reads B's version. */
  json_object_set_string_member (fields, "title", "Changed by B");
  g_assert_true (sitrep_store_patch (b, "incidents", id, fields, &error));
  g_assert_no_error (error);

  seen = sitrep_store_get (a, "incidents", id);
  g_assert_cmpstr (test_body_string (seen->body, "title"), ==, "Changed by B");
  g_assert_cmpstr (test_body_string (seen->body, "severity"), ==, "P2");

  /* Both writes are in the outbox, numbered without a clash. */
  g_assert_cmpint (test_sql_int (path, "SELECT count(*) FROM outbox"), ==, 2);
  g_assert_cmpint (test_sql_int (path, "SELECT max(mid) FROM outbox"), ==, 2);

  test_rm_rf (dir);
}

static void
test_record_put_get (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) body = test_incident_body ("Checkout slow", "P3", "investigating",
                                                   "2024-05-01T10:00:00Z");
  g_autoptr(JsonObject) future = json_object_new ();
  g_autoptr(SitrepRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();

  /* A newer client's field must survive a round trip through this one. */
  json_object_set_int_member (future, "level", 3);
  json_object_set_object_member (body, "x_future", json_object_ref (future));

  g_assert_null (sitrep_store_get (f->store, "incidents", id));
  g_assert_true (sitrep_store_put (f->store, "incidents", id, body, &error));
  g_assert_no_error (error);

  record = sitrep_store_get (f->store, "incidents", id);
  g_assert_nonnull (record);
  g_assert_cmpstr (record->coll, ==, "incidents");
  g_assert_cmpstr (record->id, ==, id);
  g_assert_false (record->deleted);
  g_assert_cmpint (record->version, ==, 0);
  g_assert_cmpstr (test_body_string (record->body, "title"), ==, "Checkout slow");
  g_assert_cmpstr (test_body_string (record->body, "severity"), ==, "P3");
  g_assert_true (json_object_has_member (record->body, "x_future"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (record->body,
                                                                              "x_future"),
                                               "level"), ==, 3);

  /* It survives closing the database too. */
  fixture_reopen (f);
  g_clear_pointer (&record, sitrep_record_free);
  record = sitrep_store_get (f->store, "incidents", id);
  g_assert_nonnull (record);
  g_assert_cmpstr (test_body_string (record->body, "title"), ==, "Checkout slow");
  g_assert_true (json_object_has_member (record->body, "x_future"));
}

static void
test_record_patch (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) body = test_incident_body ("Before", "P2", "investigating", NULL);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(SitrepRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();

  json_object_set_string_member (body, "x_keep", "kept");
  json_object_set_string_member (body, "summary", "old summary");
  g_assert_true (sitrep_store_put (f->store, "incidents", id, body, &error));
  g_assert_no_error (error);

  json_object_set_string_member (fields, "title", "After");
  json_object_set_null_member (fields, "summary");
  g_assert_true (sitrep_store_patch (f->store, "incidents", id, fields, &error));
  g_assert_no_error (error);

  record = sitrep_store_get (f->store, "incidents", id);
  g_assert_cmpstr (test_body_string (record->body, "title"), ==, "After");
  g_assert_true (json_object_get_null_member (record->body, "summary"));
  g_assert_cmpstr (test_body_string (record->body, "severity"), ==, "P2");
  g_assert_cmpstr (test_body_string (record->body, "status"), ==, "investigating");
  g_assert_cmpstr (test_body_string (record->body, "x_keep"), ==, "kept");
}

static void
test_record_delete (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *keep = put_incident (f, "Kept", "P2");
  g_autofree char *gone = put_incident (f, "Deleted", "P1");
  g_autoptr(SitrepRecord) record = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();

  g_assert_true (sitrep_store_delete (f->store, "incidents", gone, &error));
  g_assert_no_error (error);

  record = sitrep_store_get (f->store, "incidents", gone);
  g_assert_nonnull (record);
  g_assert_true (record->deleted);

  list = sitrep_store_list (f->store, "incidents", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((SitrepRecord *) list->pdata[0])->id, ==, keep);

  /* A tombstone cannot be edited back to life by a patch. */
  json_object_set_string_member (fields, "title", "Zombie");
  g_assert_false (sitrep_store_patch (f->store, "incidents", gone, fields, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (outbox_count (f), ==, 3);
}

static void
test_record_missing (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *other = put_incident (f, "Present", "P2");

  g_ptr_array_set_size (f->changed, 0);
  f->n_notify = 0;

  json_object_set_string_member (fields, "title", "Nobody");
  g_assert_false (sitrep_store_patch (f->store, "incidents", id, fields, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (sitrep_store_delete (f->store, "incidents", id, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (sitrep_store_get (f->store, "incidents", id));
  g_assert_cmpint (outbox_count (f), ==, 1);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 1);
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM records"), ==, 1);
  g_assert_cmpuint (f->changed->len, ==, 0);
  g_assert_cmpuint (f->n_notify, ==, 0);
}

static void
test_record_invalid (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *existing = put_incident (f, "Valid", "P2");
  g_autoptr(SitrepRecord) record = NULL;
  struct {
    const char *coll;
    const char *id;       /* NULL: a fresh UUID */
    const char *title;
    const char *severity;
  } rows[] = {
    { "incidents", NULL, NULL, "P1" },              /* no title */
    { "incidents", NULL, "", "P1" },                /* empty title */
    { "incidents", NULL, "Bad severity", "P9" },
    { "incidents", "not-a-uuid", "Bad id", "P1" },
    { "nonsense", NULL, "Unknown collection", "P1" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(JsonObject) body = test_incident_body (rows[i].title, rows[i].severity,
                                                       "investigating", NULL);
      g_autofree char *id = rows[i].id ? g_strdup (rows[i].id) : g_uuid_string_random ();
      g_autoptr(GError) error = NULL;

      g_test_message ("row %" G_GSIZE_FORMAT, i);
      g_assert_false (sitrep_store_put (f->store, rows[i].coll, id, body, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == SITREP_STORE_ERROR ||
                     error->domain == SITREP_RECORD_ERROR);
      g_assert_null (sitrep_store_get (f->store, rows[i].coll, id));
    }

  /* A patch that would make the record invalid is refused as well. */
  {
    g_autoptr(JsonObject) fields = json_object_new ();
    g_autoptr(GError) error = NULL;

    json_object_set_string_member (fields, "severity", "P9");
    g_assert_false (sitrep_store_patch (f->store, "incidents", existing, fields, &error));
    g_assert_true (error->domain == SITREP_STORE_ERROR ||
                   error->domain == SITREP_RECORD_ERROR);
    g_clear_error (&error);

    json_object_set_string_member (fields, "severity", "P1");
    json_object_set_null_member (fields, "title");
    g_assert_false (sitrep_store_patch (f->store, "incidents", existing, fields, &error));
    g_assert_nonnull (error);
  }

  {
    g_autoptr(JsonObject) body = json_object_new ();
    g_autofree char *id = g_uuid_string_random ();
    g_autoptr(GError) error = NULL;

    /* a timeline entry without the incident it belongs to */
    json_object_set_string_member (body, "text", "orphan");
    g_assert_false (sitrep_store_put (f->store, "timeline", id, body, &error));
    g_assert_nonnull (error);
  }

  record = sitrep_store_get (f->store, "incidents", existing);
  g_assert_cmpstr (test_body_string (record->body, "severity"), ==, "P2");
  g_assert_cmpstr (test_body_string (record->body, "title"), ==, "Valid");
  g_assert_cmpint (outbox_count (f), ==, 1);
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM records"), ==, 1);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 1);
  g_assert_cmpuint (f->changed->len, ==, 1);
}

static void
test_apply_atomic (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *incident_id = g_uuid_string_random ();
  g_autofree char *entry_id = g_uuid_string_random ();
  g_autofree char *bad_id = g_uuid_string_random ();
  g_autofree char *existing = put_incident (f, "Untouched", "P3");
  g_autoptr(JsonObject) incident = test_incident_body ("Half made", "P1", "investigating", NULL);
  g_autoptr(JsonObject) entry = test_timeline_body (incident_id, "first words");
  g_autoptr(JsonObject) bad = test_incident_body ("Bad", "P9", "investigating", NULL);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(SitrepRecord) record = NULL;
  g_autoptr(GHashTable) hits = NULL;
  g_autoptr(GError) error = NULL;
  SitrepMutation *batch[4];

  g_ptr_array_set_size (f->changed, 0);
  f->n_notify = 0;

  /* The third mutation is invalid: the first two must leave no trace. */
  json_object_set_string_member (fields, "title", "Touched");
  batch[0] = sitrep_mutation_new_put ("incidents", incident_id, incident);
  batch[1] = sitrep_mutation_new_put ("timeline", entry_id, entry);
  batch[2] = sitrep_mutation_new_patch ("incidents", existing, fields);
  batch[3] = sitrep_mutation_new_put ("incidents", bad_id, bad);
  g_assert_false (sitrep_store_apply (f->store, batch, 4, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_null (sitrep_store_get (f->store, "incidents", incident_id));
  g_assert_null (sitrep_store_get (f->store, "timeline", entry_id));
  g_assert_null (sitrep_store_get (f->store, "incidents", bad_id));
  record = sitrep_store_get (f->store, "incidents", existing);
  g_assert_cmpstr (test_body_string (record->body, "title"), ==, "Untouched");
  hits = sitrep_store_search_incidents (f->store, "first", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (hits), ==, 0);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 1);
  g_assert_cmpint (outbox_count (f), ==, 1);
  g_assert_cmpint (test_sql_int (f->path, "SELECT count(*) FROM records"), ==, 1);
  g_assert_cmpuint (f->changed->len, ==, 0);
  g_assert_cmpuint (f->n_notify, ==, 0);

  /* A patch of a missing record at the end undoes the batch the same way. */
  sitrep_mutation_free (batch[3]);
  batch[3] = sitrep_mutation_new_delete ("timeline", bad_id);
  g_assert_false (sitrep_store_apply (f->store, batch, 4, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sitrep_store_get (f->store, "incidents", incident_id));
  g_assert_cmpint (outbox_count (f), ==, 1);

  /* The store is still usable, and the failed batches used up no mids. */
  g_assert_true (sitrep_store_apply (f->store, batch, 3, &error));
  g_assert_no_error (error);
  {
    g_autofree char *mids = test_sql_text (f->path, "SELECT group_concat(mid) FROM "
                                           "(SELECT mid FROM outbox ORDER BY mid)");

    g_assert_cmpstr (mids, ==, "1,2,3,4");
  }
  g_assert_cmpint (outbox_count (f), ==, 4);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 4);

  for (guint i = 0; i < G_N_ELEMENTS (batch); i++)
    sitrep_mutation_free (batch[i]);
}

static void
test_outbox_mids (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *a = put_incident (f, "Outbox A", "P1");
  g_autofree char *b = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *patch_data = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 1);
  g_assert_cmpuint (f->n_notify, ==, 1);

  b = put_incident (f, "Outbox B", "P2");
  entry = put_timeline (f, a, "entry text");
  json_object_set_string_member (fields, "status", "identified");
  g_assert_true (sitrep_store_patch (f->store, "incidents", a, fields, &error));
  g_assert_true (sitrep_store_delete (f->store, "timeline", entry, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 5);
  g_assert_cmpuint (f->n_notify, ==, 5);

  rows = test_sql_text (f->path,
                        "SELECT group_concat(mid || ':' || op || ':' || coll || ':' || id, ' ') "
                        "FROM (SELECT * FROM outbox ORDER BY mid)");
  expected = g_strdup_printf ("1:put:incidents:%s 2:put:incidents:%s 3:put:timeline:%s "
                              "4:patch:incidents:%s 5:delete:timeline:%s",
                              a, b, entry, a, entry);
  g_assert_cmpstr (rows, ==, expected);

  /* A patch carries only the fields it sets; a delete carries nothing. */
  patch_data = test_sql_text (f->path, "SELECT data FROM outbox WHERE mid = 4");
  g_assert_cmpstr (patch_data, ==, "{\"status\":\"identified\"}");
  g_assert_null (test_sql_text (f->path, "SELECT data FROM outbox WHERE mid = 5"));
  g_assert_cmpint (test_sql_int (f->path,
                                 "SELECT json_extract(data, '$.title') = 'Outbox B' "
                                 "FROM outbox WHERE mid = 2"), ==, 1);

  /* Numbering continues after closing and reopening. */
  fixture_reopen (f);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 5);
  g_free (put_incident (f, "After reopen", "P4"));
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 6);
  g_assert_cmpint (test_sql_int (f->path, "SELECT max(mid) FROM outbox"), ==, 6);
  g_assert_cmpint (outbox_count (f), ==, 6);
}

static void
test_record_changed (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *incident_id = g_uuid_string_random ();
  g_autofree char *entry_id = g_uuid_string_random ();
  g_autoptr(JsonObject) incident = test_incident_body ("Signals", "P2", "investigating", NULL);
  g_autoptr(JsonObject) entry = test_timeline_body (incident_id, "hello");
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  SitrepMutation *batch[3];

  json_object_set_string_member (fields, "text", "hello again");
  batch[0] = sitrep_mutation_new_put ("incidents", incident_id, incident);
  batch[1] = sitrep_mutation_new_put ("timeline", entry_id, entry);
  batch[2] = sitrep_mutation_new_patch ("timeline", entry_id, fields);
  g_assert_true (sitrep_store_apply (f->store, batch, 3, &error));
  g_assert_no_error (error);

  first = g_strdup_printf ("incidents/%s", incident_id);
  second = g_strdup_printf ("timeline/%s", entry_id);
  g_assert_cmpuint (f->changed->len, ==, 3);
  g_assert_cmpstr (f->changed->pdata[0], ==, first);
  g_assert_cmpstr (f->changed->pdata[1], ==, second);
  g_assert_cmpstr (f->changed->pdata[2], ==, second);
  g_assert_true (f->committed_when_changed);
  g_assert_cmpuint (f->n_notify, ==, 1);

  g_assert_true (sitrep_store_delete (f->store, "timeline", entry_id, &error));
  g_assert_cmpuint (f->changed->len, ==, 4);
  g_assert_cmpstr (f->changed->pdata[3], ==, second);
  g_assert_true (f->committed_when_changed);

  for (guint i = 0; i < G_N_ELEMENTS (batch); i++)
    sitrep_mutation_free (batch[i]);
}

static void
test_list_filters (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = put_incident (f, "List A", "P1");
  g_autofree char *b = put_incident (f, "List B", "P2");
  g_autofree char *a1 = put_timeline (f, a, "a one");
  g_autofree char *a2 = put_timeline (f, a, "a two");
  g_autofree char *b1 = put_timeline (f, b, "b one");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  list = sitrep_store_list (f->store, "timeline", a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    {
      SitrepRecord *record = list->pdata[i];

      g_assert_cmpstr (record->coll, ==, "timeline");
      g_assert_false (record->deleted);
      g_assert_cmpstr (test_body_string (record->body, "incident_id"), ==, a);
      g_hash_table_add (ids, record->id);
    }
  g_assert_true (g_hash_table_contains (ids, a1));
  g_assert_true (g_hash_table_contains (ids, a2));
  g_clear_pointer (&list, g_ptr_array_unref);

  list = sitrep_store_list (f->store, "timeline", b, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((SitrepRecord *) list->pdata[0])->id, ==, b1);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = sitrep_store_list (f->store, "timeline", NULL, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* An incident's own record counts as one of its records. */
  list = sitrep_store_list (f->store, "incidents", a, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((SitrepRecord *) list->pdata[0])->id, ==, a);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = sitrep_store_list (f->store, "incidents", NULL, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = sitrep_store_list (f->store, "checklist", a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (sitrep_store_delete (f->store, "timeline", a2, &error));
  list = sitrep_store_list (f->store, "timeline", a, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((SitrepRecord *) list->pdata[0])->id, ==, a1);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* The incident ids @query finds, sorted and joined with spaces. */
static char *
search (Fixture    *f,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) hits = sitrep_store_search_incidents (f->store, query, &error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  g_hash_table_iter_init (&iter, hits);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);

  return g_strjoinv (" ", (char **) ids->pdata);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *pay = put_incident (f, "Payments failing at checkout", "P1");
  g_autofree char *dns = put_incident (f, "Résolution DNS lente", "P3");
  g_autofree char *entry = put_timeline (f, dns, "Rolled back the resolver config");
  g_autofree char *other = put_timeline (f, pay, "Paged the database team");
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *both = NULL;
  const char *nasty[] = {
    "\"", "*", "AND (", "\"payments", "pay*", "NEAR(", "-", "title:x", "^", "OR",
    "NOT", "a AND", "((", ")", "+", "\"\"", "'", "payments \"AND\" (", "{id}", ":",
  };

  both = g_strcmp0 (pay, dns) < 0 ? g_strjoin (" ", pay, dns, NULL)
                                   : g_strjoin (" ", dns, pay, NULL);

#define ASSERT_SEARCH(query, expected) \
  G_STMT_START { \
    g_autofree char *found_ = search (f, query); \
    g_assert_cmpstr (found_, ==, expected); \
  } G_STMT_END

  ASSERT_SEARCH ("payments", pay);
  ASSERT_SEARCH ("Payments", pay);
  ASSERT_SEARCH ("pay", pay);
  ASSERT_SEARCH ("checkout payments", pay);
  ASSERT_SEARCH ("  checkout\tPAYMENTS ", pay);
  ASSERT_SEARCH ("payments dns", "");
  ASSERT_SEARCH ("resolution", dns);   /* diacritics do not matter */
  ASSERT_SEARCH ("résolution", dns);
  ASSERT_SEARCH ("resolver", dns);     /* timeline text finds its incident */
  ASSERT_SEARCH ("config rolled", dns);
  ASSERT_SEARCH ("database", pay);
  ASSERT_SEARCH ("the", both);
  ASSERT_SEARCH ("nothing-like-this", "");
  ASSERT_SEARCH ("", "");
  ASSERT_SEARCH ("   ", "");

  for (gsize i = 0; i < G_N_ELEMENTS (nasty); i++)
    {
      g_autoptr(GHashTable) hits = NULL;

      g_test_message ("query [%s]", nasty[i]);
      hits = sitrep_store_search_incidents (f->store, nasty[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (hits);
    }
  ASSERT_SEARCH ("\"payments", pay);
  ASSERT_SEARCH ("pay*", pay);

  /* Deleted timeline text and replaced titles no longer match. */
  g_assert_true (sitrep_store_delete (f->store, "timeline", entry, &error));
  ASSERT_SEARCH ("resolver", "");
  ASSERT_SEARCH ("resolution", dns);

  json_object_set_string_member (fields, "title", "Billing failing");
  g_assert_true (sitrep_store_patch (f->store, "incidents", pay, fields, &error));
  g_assert_no_error (error);
  ASSERT_SEARCH ("payments", "");
  ASSERT_SEARCH ("billing", pay);

  /* Deleting the incident takes its own text out of the index. */
  g_assert_true (sitrep_store_delete (f->store, "incidents", dns, &error));
  ASSERT_SEARCH ("resolution", "");

  /* and the index survives a reopen */
  fixture_reopen (f);
  ASSERT_SEARCH ("billing", pay);

#undef ASSERT_SEARCH
}

/* A number json-glib would write as "1e+20.0" is stored as JSON that reads
 * back, so the record and its other fields survive the next patch. */
static void
test_record_large_number (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = test_incident_body ("Big numbers", "P2", "investigating",
                                                   "2024-05-01T10:00:00Z");
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(SitrepRecord) record = NULL;

  json_object_set_double_member (body, "x_requests_per_day", 1e20);
  g_assert_true (sitrep_store_put (f->store, "incidents", id, body, &error));
  g_assert_no_error (error);

  json_object_set_string_member (fields, "title", "Bigger numbers");
  g_assert_true (sitrep_store_patch (f->store, "incidents", id, fields, &error));
  g_assert_no_error (error);

  fixture_reopen (f);
  record = sitrep_store_get (f->store, "incidents", id);
  g_assert_nonnull (record);
  g_assert_cmpstr (json_object_get_string_member (record->body, "title"), ==, "Bigger numbers");
  g_assert_cmpstr (json_object_get_string_member (record->body, "severity"), ==, "P2");
  g_assert_cmpfloat (json_object_get_double_member (record->body, "x_requests_per_day"),
                     ==, 1e20);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/store/open/creates", test_open_creates);
  g_test_add_func ("/store/open/too-new", test_open_too_new);
  g_test_add_func ("/store/open/two-connections", test_open_two_connections);
  ADD ("record/put-get", test_record_put_get);
  ADD ("record/patch-merges", test_record_patch);
  ADD ("record/delete-tombstone", test_record_delete);
  ADD ("record/missing", test_record_missing);
  ADD ("record/invalid", test_record_invalid);
  ADD ("record/large-number", test_record_large_number);
  ADD ("apply/atomic", test_apply_atomic);
  ADD ("outbox/mids", test_outbox_mids);
  ADD ("signal/record-changed", test_record_changed);
  ADD ("list/filters", test_list_filters);
  ADD ("search/fts", test_search);

#undef ADD

  return g_test_run ();
}

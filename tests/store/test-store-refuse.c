/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-refuse.c: edits of a token the server lets view but not edit
 *
 * The pending edits are settled as refused (text kept, records back to
 * the server's version, their numbers free again), and while the store
 * refuses edits none enters the outbox.
 */

#include "config.h"

#include "sitrep-json.h"
#include "sitrep-store-sync.h"
#include "store-test-util.h"

typedef struct
{
  char        *dir;
  SitrepStore *store;
  char        *incident;
  guint        n_conflicts_changed;
} Fixture;

static void
on_conflicts_changed (SitrepStore *store,
                      Fixture     *f)
{
  f->n_conflicts_changed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = test_make_tmp_dir ();
  path = g_build_filename (f->dir, "sitrep.db", NULL);
  f->store = sitrep_store_open (path, &error);
  g_assert_no_error (error);
  f->incident = g_uuid_string_random ();
  g_signal_connect (f->store, "conflicts-changed", G_CALLBACK (on_conflicts_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  test_rm_rf (f->dir);
  g_free (f->incident);
  g_free (f->dir);
}

static char *
text_of (Fixture    *f,
         const char *id)
{
  g_autoptr(SitrepRecord) record = sitrep_store_get (f->store, "timeline", id);

  if (record == NULL || record->deleted)
    return NULL;
  return g_strdup (sitrep_json_get_string (record->body, "text"));
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

static gboolean
refused_with (GPtrArray  *conflicts,
              const char *rec_id,
              const char *text)
{
  for (guint i = 0; i < conflicts->len; i++)
    {
      SitrepConflict *conflict = conflicts->pdata[i];

      if (g_str_equal (conflict->rec_id, rec_id) && g_str_equal (conflict->kind, "rejected") &&
          g_strcmp0 (test_body_string (conflict->mine, "text"), text) == 0 &&
          g_strcmp0 (conflict->message, "Viewers may not edit") == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_refuse_all (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *kept = g_uuid_string_random ();
  g_autofree char *mine = g_uuid_string_random ();
  g_autofree char *kept_text = NULL;
  g_autofree char *mine_text = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(JsonObject) server_body = test_timeline_body (f->incident, "The server's words");
  g_autoptr(GError) error = NULL;
  SitrepRecord *records[1];
  gint64 first_mid;
  guint n_refused = 0;

  /* One entry the server has; an edit of it made twice (the second
   * chained to the first), and an entry of this computer's own. */
  records[0] = sitrep_record_new ("timeline", kept, 3, FALSE, server_body);
  g_assert_true (sitrep_store_load_snapshot (f->store, records, 1, 3, &error));
  g_assert_no_error (error);
  sitrep_record_free (records[0]);
  patch_checked (f, kept, "first edit");
  patch_checked (f, kept, "first edit, fixed");
  put_entry (f, mine, "Rolled back the deploy");
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 3);
  pending = sitrep_store_outbox_peek (f->store, 10, &error);
  first_mid = ((SitrepMutation *) pending->pdata[0])->mid;

  g_assert_true (sitrep_store_outbox_refuse_all (f->store, "Viewers may not edit", &n_refused,
                                                 &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_refused, ==, 3);
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 0);
  g_assert_cmpuint (f->n_conflicts_changed, ==, 1);

  /* The server's version shows again; what was typed is kept to copy. */
  kept_text = text_of (f, kept);
  g_assert_cmpstr (kept_text, ==, "The server's words");
  mine_text = text_of (f, mine);
  g_assert_null (mine_text);
  conflicts = sitrep_store_list_conflicts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 2);
  g_assert_true (refused_with (conflicts, kept, "first edit, fixed"));
  g_assert_true (refused_with (conflicts, mine, "Rolled back the deploy"));

  /* None was sent: the next edit takes the first number again. */
  put_entry (f, mine, "Again, with another token");
  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = sitrep_store_outbox_peek (f->store, 10, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpint (((SitrepMutation *) pending->pdata[0])->mid, ==, first_mid);

  /* Settled too; then nothing is pending: nothing to settle, nothing
   * announced. */
  g_assert_true (sitrep_store_outbox_refuse_all (f->store, "Viewers may not edit", NULL, &error));
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 0);
  g_assert_true (sitrep_store_outbox_refuse_all (f->store, "Viewers may not edit", &n_refused,
                                                 &error));
  g_assert_cmpuint (n_refused, ==, 0);
  g_assert_cmpuint (f->n_conflicts_changed, ==, 2);
}

static void
test_refuse_edits (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) body = test_timeline_body (f->incident, "Not kept");
  g_autoptr(GError) error = NULL;

  sitrep_store_set_refuse_edits (f->store, "Read-only: this token can view but not edit");
  g_assert_cmpstr (sitrep_store_get_refuse_edits (f->store), ==,
                   "Read-only: this token can view but not edit");
  g_assert_false (sitrep_store_put (f->store, "timeline", id, body, &error));
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_PERMITTED);
  g_assert_cmpstr (error->message, ==, "Read-only: this token can view but not edit");
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 0);
  text = text_of (f, id);
  g_assert_null (text);

  sitrep_store_set_refuse_edits (f->store, NULL);
  g_assert_null (sitrep_store_get_refuse_edits (f->store));
  put_entry (f, id, "Kept");
  g_assert_cmpuint (sitrep_store_get_pending (f->store), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/store/outbox/refuse-all", Fixture, NULL, fixture_set_up, test_refuse_all,
              fixture_tear_down);
  g_test_add ("/store/outbox/refuse-edits", Fixture, NULL, fixture_set_up, test_refuse_edits,
              fixture_tear_down);

  return g_test_run ();
}

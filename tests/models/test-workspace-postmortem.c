/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-workspace-postmortem.c: an incident's postmortem in its workspace,
 * on a real SQLite store (no display): what it follows, and what its edits
 * are checked against on the server */

#include "config.h"

#include "sitrep-context-store.h"
#include "sitrep-json.h"
#include "store-test-util.h"

typedef struct
{
  char            *dir;
  SitrepContext   *context;
  char            *incident_id;
  SitrepWorkspace *workspace;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmp_dir ();
  f->context = sitrep_context_new (f->dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "bob");
  f->incident_id = sitrep_context_declare_incident (f->context, "Checkout down", "checkout", "",
                                                    SITREP_SEVERITY_P1, &error);
  g_assert_no_error (error);
  f->workspace = sitrep_context_open_workspace (f->context, f->incident_id);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->workspace);
  g_clear_object (&f->context);
  test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->incident_id);
}

static JsonObject *
object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Someone else's version of the postmortem, through the feed. */
static void
feed (Fixture    *f,
      gint64      seq,
      const char *body)
{
  g_autoptr(JsonObject) o = body != NULL ? object (body) : NULL;
  SitrepChange *change = g_new0 (SitrepChange, 1);
  g_autoptr(GError) error = NULL;

  change->seq = seq;
  change->record = sitrep_record_new ("postmortems", f->incident_id, seq, o == NULL, o);
  change->actor = g_strdup ("alice");
  change->client_id = g_strdup ("3f1c2b9e-0000-4000-8000-000000000009");
  change->mid = seq;
  g_assert_true (sitrep_store_apply_changes (sitrep_context_get_store (f->context), &change, 1,
                                             seq, &error));
  g_assert_no_error (error);
  sitrep_change_free (change);
}

static void
edit (Fixture    *f,
      const char *fields,
      const char *opened,
      gint64      opened_version)
{
  g_autoptr(JsonObject) fields_o = object (fields);
  g_autoptr(JsonObject) opened_o = opened != NULL ? object (opened) : NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_workspace_edit_postmortem (f->workspace, fields_o, opened_o,
                                                   opened_version, &error));
  g_assert_no_error (error);
}

/* The last mutation waiting in the outbox. */
static SitrepMutation *
last_pending (Fixture   *f,
              GPtrArray **pending)
{
  g_autoptr(GError) error = NULL;

  *pending = sitrep_store_outbox_peek (sitrep_context_get_store (f->context), 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint ((*pending)->len, >, 0);
  return (*pending)->pdata[(*pending)->len - 1];
}

/* Empty until written; written, it shows at once, signed; deleted, empty
 * again. */
static void
test_follows (Fixture       *f,
              gconstpointer  data)
{
  SitrepPostmortemRecord *postmortem = sitrep_workspace_get_postmortem (f->workspace);
  g_autoptr(GPtrArray) pending = NULL;
  g_autofree char *text = NULL;
  SitrepMutation *put;

  g_assert_false (sitrep_postmortem_record_get_exists (postmortem));
  text = sitrep_postmortem_record_dup_section (postmortem, "went_well");
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  edit (f, "{\"went_well\":[\"Paging\",\"Roles\"]}", "{\"went_well\":[]}", 0);
  g_assert_true (sitrep_postmortem_record_get_exists (postmortem));
  text = sitrep_postmortem_record_dup_section (postmortem, "went_well");
  g_assert_cmpstr (text, ==, "Paging\nRoles");

  /* The first edit creates it, create-only: two people starting it while
   * apart are asked, not overwritten. */
  put = last_pending (f, &pending);
  g_assert_cmpint (put->op, ==, SITREP_MUTATION_PUT);
  g_assert_cmpint (put->base_version, ==, 0);
  g_assert_cmpstr (sitrep_json_get_string (put->data, "edited_by"), ==, "bob");

  /* The timeline switch is a plain patch. */
  edit (f, "{\"timeline_pinned_only\":true}", NULL, 0);
  g_assert_true (sitrep_postmortem_record_get_pinned_only (postmortem));
}

static void
test_deleted (Fixture       *f,
              gconstpointer  data)
{
  SitrepPostmortemRecord *postmortem = sitrep_workspace_get_postmortem (f->workspace);
  g_autofree char *text = NULL;

  feed (f, 5, "{\"lessons\":\"Written elsewhere\"}");
  g_assert_true (sitrep_postmortem_record_get_exists (postmortem));
  text = sitrep_postmortem_record_dup_section (postmortem, "lessons");
  g_assert_cmpstr (text, ==, "Written elsewhere");
  g_clear_pointer (&text, g_free);

  feed (f, 6, NULL);
  g_assert_false (sitrep_postmortem_record_get_exists (postmortem));
  text = sitrep_postmortem_record_dup_section (postmortem, "lessons");
  g_assert_cmpstr (text, ==, "");
}

/* An edit of a section someone else changed since the editor last matched
 * the record is checked against that version, so the server refuses it as
 * a conflict; an edit of another section is checked against the current
 * one, so it merges. */
static void
test_checked_against (Fixture       *f,
                      gconstpointer  data)
{
  SitrepPostmortemRecord *postmortem = sitrep_workspace_get_postmortem (f->workspace);
  g_autoptr(GPtrArray) pending = NULL;
  SitrepMutation *patch;

  feed (f, 5, "{\"root_cause\":\"First wording\"}");
  g_assert_cmpint (sitrep_record_object_get_version (SITREP_RECORD_OBJECT (postmortem)), ==, 5);

  /* Alice rewrote it while Bob's editor held "First wording". */
  feed (f, 9, "{\"root_cause\":\"Alice's wording\"}");
  edit (f, "{\"root_cause\":\"Bob's wording\"}", "{\"root_cause\":\"First wording\"}", 5);
  patch = last_pending (f, &pending);
  g_assert_cmpint (patch->op, ==, SITREP_MUTATION_PATCH);
  g_assert_cmpint (patch->base_version, ==, 5);
  g_clear_pointer (&pending, g_ptr_array_unref);
}

static void
test_other_section_merges (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) pending = NULL;
  SitrepMutation *patch;

  feed (f, 5, "{\"root_cause\":\"First wording\"}");
  feed (f, 9, "{\"root_cause\":\"Alice's wording\"}");
  edit (f, "{\"lessons\":\"Bob's lesson\"}", "{\"lessons\":\"\"}", 5);
  patch = last_pending (f, &pending);
  g_assert_cmpint (patch->base_version, ==, 9);
}

/* The five empty whys the page starts with are nothing written either. */
static void
test_empty_whys_merge (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) pending = NULL;
  SitrepMutation *patch;

  feed (f, 5, "{\"root_cause\":\"First wording\"}");
  feed (f, 11, "{\"root_cause\":\"Alice's wording\"}");
  edit (f, "{\"five_whys\":[{\"question\":\"Why?\",\"answer\":\"Pool exhausted\"}]}",
        "{\"five_whys\":[{\"question\":\"Why?\",\"answer\":\"\"},"
        "{\"question\":\"Why?\",\"answer\":\"\"}]}", 5);
  patch = last_pending (f, &pending);
  g_assert_cmpint (patch->base_version, ==, 11);
}

/* Bob's editor opened before anybody wrote the postmortem; Alice's arrived
 * since: his edit of the same section is checked as a creation. */
static void
test_opened_before_it_existed (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) pending = NULL;
  SitrepMutation *patch;

  feed (f, 7, "{\"lessons\":\"Alice's lesson\"}");
  edit (f, "{\"lessons\":\"Bob's lesson\"}", "{\"lessons\":\"\"}", 0);
  patch = last_pending (f, &pending);
  g_assert_cmpint (patch->op, ==, SITREP_MUTATION_PATCH);
  g_assert_cmpint (patch->base_version, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) \
  g_test_add ("/workspace/postmortem/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("follows", test_follows);
  ADD ("deleted", test_deleted);
  ADD ("checked-against-opened", test_checked_against);
  ADD ("other-section-merges", test_other_section_merges);
  ADD ("empty-whys-merge", test_empty_whys_merge);
  ADD ("opened-before-it-existed", test_opened_before_it_existed);
#undef ADD

  return g_test_run ();
}

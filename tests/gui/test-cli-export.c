/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-export.c: `sitrep export postmortem` on a data folder the test
 * writes with the store, with no display */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "sitrep-incident-rules.h"
#include "sitrep-json.h"
#include "sitrep-store.h"
#include "sitrep-templates.h"
#include "sitrep-time.h"
#include "../store/store-test-util.h"

typedef struct
{
  char *dir;
  char *incident_id;
  char *expected;
} Fixture;

static char *
counted_id (gpointer data)
{
  guint *n = data;

  return g_strdup_printf ("00000000-0000-4000-8000-%012u", ++*n);
}

static char *
read_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* The guide's example incident as `--demo` writes it, resolved at 16:00,
 * with the guide's postmortem and action items (the core test's data). */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = sitrep_time_parse ("2026-11-27T15:15:00Z");
  guint ids = 0;
  SitrepRuleEnv env = { now, "alice", counted_id, &ids };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mutations = sitrep_incident_rules_demo (&env, &error);
  g_autofree char *path = NULL;
  g_autofree char *fixture_text = read_data ("demo-postmortem.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(JsonObject) resolved = json_object_new ();
  JsonObject *fixture;
  JsonArray *items;

  g_assert_no_error (error);
  f->dir = test_make_tmp_dir ();
  path = g_build_filename (f->dir, "sitrep.db", NULL);
  store = sitrep_store_open (path, &error);
  g_assert_no_error (error);

  g_assert_true (sitrep_store_apply (store, (SitrepMutation **) mutations->pdata, mutations->len,
                                     &error));
  g_assert_no_error (error);
  f->incident_id = g_strdup (((SitrepMutation *) mutations->pdata[0])->id);
  json_object_set_string_member (resolved, "resolved_at", "2026-11-27T16:00:00Z");
  g_assert_true (sitrep_store_patch (store, "incidents", f->incident_id, resolved, &error));

  json_parser_load_from_data (parser, fixture_text, -1, &error);
  g_assert_no_error (error);
  fixture = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (sitrep_store_put (store, "postmortems", f->incident_id,
                                   json_object_get_object_member (fixture, "postmortem"), &error));
  g_assert_no_error (error);
  items = json_object_get_array_member (fixture, "action_items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autofree char *id = g_uuid_string_random ();

      json_object_set_string_member (item, "incident_id", f->incident_id);
      g_assert_true (sitrep_store_put (store, "action_items", id, item, &error));
      g_assert_no_error (error);
    }

  f->expected = read_data ("demo-postmortem.md");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->incident_id);
  g_free (f->expected);
}

static void
run (const char * const  *args,
     char               **out,
     char               **err,
     int                 *status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  int wait_status = 0;

  /* No display and no session bus: the export needs neither. */
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_unsetenv (envp, "DBUS_SESSION_BUS_ADDRESS");

  g_ptr_array_add (argv, (gpointer) g_getenv ("SITREP_BIN"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  *status = WEXITSTATUS (wait_status);
}

static void
assert_one_line_error (const char *err,
                       const char *mentions)
{
  g_assert_true (g_str_has_prefix (err, "sitrep: "));
  /* one line, ending where the text does */
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  g_assert_nonnull (strstr (err, mentions));
}

/* By the provisional reference the app shows, by id, in any case: the
 * same Markdown as the core's expected file, on stdout. */
static void
test_prints (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *ref = sitrep_template_provisional_ref (f->incident_id);
  g_autofree char *lower = g_ascii_strdown (ref, -1);
  const char *names[] = { ref, lower, f->incident_id };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *args[] = { "export", "postmortem", names[i], "--data-dir", f->dir, NULL };
      g_autofree char *out = NULL, *err = NULL;
      int status;

      run (args, &out, &err, &status);
      g_assert_cmpstr (err, ==, "");
      g_assert_cmpint (status, ==, 0);
      g_assert_cmpstr (out, ==, f->expected);
    }
}

/* While the app has the database open (and its lock), the export reads
 * it beside it, and changes nothing. */
static void
test_while_open (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "sitrep.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) app = sitrep_store_open (path, &error);
  const char *args[] = { "export", "postmortem", f->incident_id, "--data-dir", f->dir, NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status;
  guint pending;

  g_assert_no_error (error);
  pending = sitrep_store_get_pending (app);
  /* This process holds the lock; the export is another process. */
  run (args, &out, &err, &status);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, f->expected);
  g_assert_cmpuint (sitrep_store_get_pending (app), ==, pending);
}

static void
test_output_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "postmortem.md", NULL);
  g_autofree char *ref = sitrep_template_provisional_ref (f->incident_id);
  const char *args[] = { "export", "postmortem", ref, "--data-dir", f->dir, "-o", file, NULL };
  g_autofree char *out = NULL, *err = NULL, *written = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  run (args, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");
  g_file_get_contents (file, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, f->expected);
}

static void
test_unknown_incident (Fixture       *f,
                       gconstpointer  data)
{
  const char *args[] = { "export", "postmortem", "INC-2026-999", "--data-dir", f->dir, NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status;

  run (args, &out, &err, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  assert_one_line_error (err, "INC-2026-999");
}

static void
test_no_database (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *empty = test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (empty, "sitrep.db", NULL);
  const char *args[] = { "export", "postmortem", f->incident_id, "--data-dir", empty, NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status;

  run (args, &out, &err, &status);
  g_assert_cmpint (status, ==, 1);
  assert_one_line_error (err, empty);
  /* and none was made */
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  test_rm_rf (empty);
}

static void
test_unwritable_output (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "pm.md", NULL);
  g_autofree char *readonly = g_build_filename (f->dir, "readonly", NULL);
  g_autofree char *in_readonly = g_build_filename (readonly, "pm.md", NULL);
  const char *targets[] = { missing, f->dir, in_readonly };

  g_assert_cmpint (g_mkdir (readonly, 0500), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      const char *args[] = { "export", "postmortem", f->incident_id, "--data-dir", f->dir,
                             "-o", targets[i], NULL };
      g_autofree char *out = NULL, *err = NULL;
      int status;

      /* root writes anywhere */
      if (i == 2 && g_access (readonly, W_OK) == 0)
        continue;
      run (args, &out, &err, &status);
      g_assert_cmpint (status, ==, 1);
      g_assert_cmpstr (out, ==, "");
      assert_one_line_error (err, targets[i]);
    }
  g_chmod (readonly, 0700);
}

static void
test_bad_arguments (Fixture       *f,
                    gconstpointer  data)
{
  const char *cases[][6] = {
    { "export", NULL },
    { "export", "report", "x", NULL },
    { "export", "postmortem", NULL },
    { "export", "postmortem", "a", "b", NULL },
    { "export", "postmortem", "a", "--frobnicate", NULL },
    { "export", "postmortem", "a", "-o", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      g_auto(GStrv) lines = NULL;
      int status;

      run (cases[i], &out, &err, &status);
      g_assert_cmpint (status, ==, 2);
      g_assert_cmpstr (out, ==, "");
      lines = g_strsplit (err, "\n", -1);
      g_assert_true (g_str_has_prefix (lines[0], "sitrep: "));
      /* the usage follows */
      g_assert_nonnull (strstr (err, "postmortem REF-OR-ID"));
      g_assert_nonnull (strstr (err, "--data-dir"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/cli/export/prints", test_prints);
  ADD ("/cli/export/while-app-runs", test_while_open);
  ADD ("/cli/export/output-file", test_output_file);
  ADD ("/cli/export/unknown-incident", test_unknown_incident);
  ADD ("/cli/export/no-database", test_no_database);
  ADD ("/cli/export/unwritable-output", test_unwritable_output);
  ADD ("/cli/export/bad-arguments", test_bad_arguments);
#undef ADD

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-database.c: the app started on a damaged local database
 *
 * Instead of its window the app shows what is wrong and where the file
 * is; "Move Aside and Start Fresh" keeps the old file (and its -wal)
 * under a new name and opens an empty database; "Quit" leaves the files
 * as they are and ends with exit status 1. A database another process
 * has open offers Quit alone. A database damaged in the middle, its header
 * sound, opens to the window first: the page check after the first frame
 * finds the damage, and the same dialog takes the window's place.
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "../store/store-test-util.h"
#include "gui-test-util.h"
#include "sitrep-application.h"
#include "sitrep-context-store.h"
#include "sitrep-database-dialog.h"
#include "sitrep-wall-window.h"
#include "sitrep-window.h"

#define GARBAGE_LEN 8192

typedef struct
{
  char              *dir;
  char              *path;
  char              *garbage;
  SitrepApplication *app;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = NULL;

  f->dir = g_dir_make_tmp ("sitrep-gui-database-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sitrep.db", NULL);
  f->garbage = g_strnfill (GARBAGE_LEN, 'x');
  g_file_set_contents (f->path, f->garbage, -1, &error);
  g_assert_no_error (error);
  wal = g_strconcat (f->path, "-wal", NULL);
  g_file_set_contents (wal, "wal", -1, &error);
  g_assert_no_error (error);

  f->app = sitrep_application_new (f->dir, FALSE);
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (f->app));

  while (windows != NULL)
    {
      gui_test_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (f->app));
    }
  g_clear_object (&f->app);
  g_free (f->garbage);
  g_free (f->path);
  g_free (f->dir);
}

static gpointer
find_window (Fixture *f,
             GType    type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->app)); l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;
  return NULL;
}

static AdwMessageDialog *
activate_to_dialog (Fixture *f)
{
  AdwMessageDialog *dialog;

  g_assert_null (sitrep_application_get_context (f->app));
  g_application_activate (G_APPLICATION (f->app));
  WAIT_UNTIL (find_window (f, SITREP_TYPE_DATABASE_DIALOG) != NULL);
  dialog = find_window (f, SITREP_TYPE_DATABASE_DIALOG);
  g_assert_null (find_window (f, SITREP_TYPE_WINDOW));

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Database Is Damaged");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), f->path));
  g_assert_true (adw_message_dialog_has_response (dialog, "move-aside"));
  g_assert_true (adw_message_dialog_has_response (dialog, "quit"));
  return dialog;
}

static char *
read_file (const char *path)
{
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, NULL);
  return text;
}

static void
test_move_aside (Fixture       *f,
                 gconstpointer  data)
{
  AdwMessageDialog *dialog = activate_to_dialog (f);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *moved_wal = NULL;
  g_autofree char *text = NULL;
  g_autofree char *wal_text = NULL;
  const char *name;

  adw_message_dialog_response (dialog, "move-aside");
  WAIT_UNTIL (find_window (f, SITREP_TYPE_WINDOW) != NULL);
  WAIT_UNTIL (find_window (f, SITREP_TYPE_DATABASE_DIALOG) == NULL);
  g_assert_nonnull (sitrep_application_get_context (f->app));
  g_assert_cmpint (sitrep_application_get_exit_status (f->app), ==, 0);

  /* The old file and its -wal are kept under one new name. */
  dir = g_dir_open (f->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "sitrep.db.broken-") && !g_str_has_suffix (name, "-wal")
        && !g_str_has_suffix (name, "-shm"))
      {
        g_assert_null (moved);
        moved = g_build_filename (f->dir, name, NULL);
      }
  g_assert_nonnull (moved);
  text = read_file (moved);
  g_assert_cmpstr (text, ==, f->garbage);
  moved_wal = g_strconcat (moved, "-wal", NULL);
  wal_text = read_file (moved_wal);
  g_assert_cmpstr (wal_text, ==, "wal");

  /* A fresh database is where the old one was. */
  g_free (text);
  text = read_file (f->path);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "SQLite format 3"));
}

static void
test_quit (Fixture       *f,
           gconstpointer  data)
{
  AdwMessageDialog *dialog = activate_to_dialog (f);
  g_autofree char *text = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  adw_message_dialog_response (dialog, "quit");
  WAIT_UNTIL (find_window (f, SITREP_TYPE_DATABASE_DIALOG) == NULL);
  g_assert_null (find_window (f, SITREP_TYPE_WINDOW));
  g_assert_null (sitrep_application_get_context (f->app));
  g_assert_cmpint (sitrep_application_get_exit_status (f->app), ==, 1);

  /* Nothing was moved or written. */
  text = read_file (f->path);
  g_assert_cmpstr (text, ==, f->garbage);
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, "sitrep.db.broken-"));
}

static void
test_move_aside_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sitrep-gui-database-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "sitrep.db", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_file_set_contents (path, "one", -1, &error);
  g_assert_no_error (error);
  first = sitrep_store_move_aside (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (first, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Twice within a second: the first one is not overwritten. */
  g_file_set_contents (path, "two", -1, &error);
  g_assert_no_error (error);
  second = sitrep_store_move_aside (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, second);
  g_assert_true (g_file_test (first, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (second, G_FILE_TEST_EXISTS));
}

/* The database open in another process (this test's parent): the app says
 * so, names that process, and offers only Quit; nothing is moved aside. */
static void
test_in_use (void)
{
  g_autoptr(SitrepApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *holder = NULL;
  AdwMessageDialog *dialog = NULL;
  const char *dir;

  if (!g_test_subprocess ())
    {
      g_autofree char *held = g_dir_make_tmp ("sitrep-gui-database-XXXXXX", &error);
      g_autofree char *held_path = g_build_filename (held, "sitrep.db", NULL);
      SitrepStore *store;

      g_assert_no_error (error);
      store = sitrep_store_open (held_path, &error);
      g_assert_no_error (error);
      g_setenv ("SITREP_TEST_HELD_DIR", held, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      g_assert_finalize_object (store);
      return;
    }

  dir = g_getenv ("SITREP_TEST_HELD_DIR");
  path = g_build_filename (dir, "sitrep.db", NULL);
  app = sitrep_application_new (dir, FALSE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  WAIT_UNTIL ((dialog = (gpointer) gtk_application_get_active_window (GTK_APPLICATION (app)))
              != NULL);
  g_assert_true (SITREP_IS_DATABASE_DIALOG (dialog));

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Database Is Already Open");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  holder = g_strdup_printf ("(process %d)", (int) getppid ());
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), holder));
  g_assert_false (adw_message_dialog_has_response (dialog, "move-aside"));
  g_assert_true (adw_message_dialog_has_response (dialog, "quit"));

  adw_message_dialog_response (dialog, "quit");
  WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL);
  g_assert_null (sitrep_application_get_context (app));
  g_assert_cmpint (sitrep_application_get_exit_status (app), ==, 1);
}

/* The header and first pages sound, pages in the middle damaged: the app
 * does not wait on the page check to show its window. The check, once the
 * window is on screen, finds the damage; the window goes and the dialog
 * shown at start for a damaged database takes its place, the file as it
 * was (nothing written to it after). Move Aside works from there. With
 * --wall, the wall view goes the same way. */
static void
test_damaged_after_window (gconstpointer data)
{
  gboolean wall = GPOINTER_TO_INT (data);
  GType first_type = wall ? SITREP_TYPE_WALL_WINDOW : SITREP_TYPE_WINDOW;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *after = NULL;
  g_autofree char *moved = NULL;
  g_autoptr(GDir) listing = NULL;
  Fixture f = { 0 };
  AdwMessageDialog *dialog;
  gpointer store = NULL;
  gsize damaged_len, after_len;
  const char *name;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  dir = test_make_tmp_dir ();
  path = test_make_filled_store (dir);
  test_overwrite_middle (path);
  g_assert_true (g_file_get_contents (path, &damaged, &damaged_len, NULL));

  f.app = sitrep_application_new (dir, FALSE);
  sitrep_application_set_wall (f.app, wall);
  g_application_register (G_APPLICATION (f.app), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sitrep_application_get_context (f.app));
  g_application_activate (G_APPLICATION (f.app));
  g_assert_nonnull (find_window (&f, first_type));
  g_assert_null (find_window (&f, SITREP_TYPE_DATABASE_DIALOG));
  store = sitrep_context_get_store (sitrep_application_get_context (f.app));
  g_object_add_weak_pointer (store, &store);

  WAIT_UNTIL (find_window (&f, SITREP_TYPE_DATABASE_DIALOG) != NULL);
  dialog = find_window (&f, SITREP_TYPE_DATABASE_DIALOG);
  WAIT_UNTIL (find_window (&f, first_type) == NULL);
  g_assert_null (find_window (&f, SITREP_TYPE_WINDOW));
  g_assert_null (find_window (&f, SITREP_TYPE_WALL_WINDOW));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Database Is Damaged");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  g_assert_true (adw_message_dialog_has_response (dialog, "move-aside"));
  g_assert_true (adw_message_dialog_has_response (dialog, "quit"));
  g_assert_null (sitrep_application_get_context (f.app));
  g_assert_cmpint (sitrep_application_get_exit_status (f.app), ==, 1);
  if (!wall)
    gui_test_save_screenshot (GTK_WIDGET (dialog), "database-damaged-after-window.png");

  /* The store is closed, and nothing was written to the damaged file. */
  WAIT_UNTIL (store == NULL);
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpuint (after_len, ==, damaged_len);
  g_assert_true (memcmp (after, damaged, damaged_len) == 0);
  g_clear_pointer (&after, g_free);

  adw_message_dialog_response (dialog, "move-aside");
  WAIT_UNTIL (find_window (&f, SITREP_TYPE_WINDOW) != NULL);
  WAIT_UNTIL (find_window (&f, SITREP_TYPE_DATABASE_DIALOG) == NULL);
  g_assert_nonnull (sitrep_application_get_context (f.app));
  g_assert_cmpint (sitrep_application_get_exit_status (f.app), ==, 0);

  /* The damaged file is kept, as it was, under a new name... */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "sitrep.db.broken-") && !g_str_has_suffix (name, "-wal")
        && !g_str_has_suffix (name, "-shm"))
      {
        g_assert_null (moved);
        moved = g_build_filename (dir, name, NULL);
      }
  g_assert_nonnull (moved);
  g_assert_true (g_file_get_contents (moved, &after, &after_len, NULL));
  g_assert_cmpuint (after_len, ==, damaged_len);
  g_assert_true (memcmp (after, damaged, damaged_len) == 0);
  g_clear_pointer (&after, g_free);

  /* ...and a fresh, sound database is where it was, checked in turn. */
  after = read_file (path);
  g_assert_nonnull (after);
  g_assert_true (g_str_has_prefix (after, "SQLite format 3"));
  g_assert_null (find_window (&f, SITREP_TYPE_DATABASE_DIALOG));

  f.dir = g_steal_pointer (&dir);
  fixture_tear_down (&f, NULL);
}

typedef void (*FixtureTest) (Fixture *f, gconstpointer data);

/* Each in a process of its own: an application is exported on the bus
 * under its id until the process ends. */
static void
run_isolated (gconstpointer data)
{
  FixtureTest test = (FixtureTest) data;
  Fixture f = { 0 };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  fixture_set_up (&f, NULL);
  test (&f, NULL);
  fixture_tear_down (&f, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add_data_func ("/gui/database/move-aside", (gconstpointer) test_move_aside,
                        run_isolated);
  g_test_add_data_func ("/gui/database/quit", (gconstpointer) test_quit, run_isolated);
  g_test_add_func ("/gui/database/move-aside-names", test_move_aside_names);
  g_test_add_func ("/gui/database/in-use", test_in_use);
  g_test_add_data_func ("/gui/database/damaged-after-window", GINT_TO_POINTER (FALSE),
                        test_damaged_after_window);
  g_test_add_data_func ("/gui/database/damaged-after-wall", GINT_TO_POINTER (TRUE),
                        test_damaged_after_window);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences: the server and token in use, the user's handle. */
#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"
#include "sitrep-preferences-window.h"

/* Nothing listens there: the engine just retries, which is all this needs. */
#define SERVER "http://127.0.0.1:9/"

static void
test_connect_keeps_token (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitrep-prefs-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
  SitrepPreferencesWindow *prefs;

  g_assert_no_error (error);
  sitrep_context_set_server (context, SERVER, "s3cret-token");

  prefs = sitrep_preferences_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (prefs));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (prefs)));

  /* The secret is not shown again… */
  g_assert_cmpstr (gtk_editable_get_text (_sitrep_preferences_window_get_url (prefs)), ==, SERVER);
  g_assert_cmpstr (gtk_editable_get_text (_sitrep_preferences_window_get_token (prefs)), ==, "");

  /* …and Connect with the field left empty keeps the token in use. */
  g_signal_emit_by_name (_sitrep_preferences_window_get_connect (prefs), "clicked");
  g_assert_cmpstr (sitrep_context_get_server_url (context), ==, SERVER);
  g_assert_cmpstr (sitrep_context_get_server_token (context), ==, "s3cret-token");

  /* A new token typed in replaces it. */
  gtk_editable_set_text (_sitrep_preferences_window_get_token (prefs), "n3w-token");
  g_signal_emit_by_name (_sitrep_preferences_window_get_connect (prefs), "clicked");
  g_assert_cmpstr (sitrep_context_get_server_token (context), ==, "n3w-token");

  /* An empty address works alone. */
  gtk_editable_set_text (_sitrep_preferences_window_get_url (prefs), "");
  g_signal_emit_by_name (_sitrep_preferences_window_get_connect (prefs), "clicked");
  g_assert_null (sitrep_context_get_server_url (context));

  gui_test_destroy (GTK_WINDOW (prefs));
}

static void
test_handle (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitrep-prefs-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
  SitrepPreferencesWindow *prefs;

  g_assert_no_error (error);
  prefs = sitrep_preferences_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (prefs));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (prefs)));

  /* "@dana" signs edits as dana; two words are refused. */
  gtk_editable_set_text (_sitrep_preferences_window_get_handle (prefs), "@dana");
  g_signal_emit_by_name (_sitrep_preferences_window_get_handle (prefs), "apply");
  g_assert_cmpstr (sitrep_context_get_user (context), ==, "dana");

  gtk_editable_set_text (_sitrep_preferences_window_get_handle (prefs), "dana smith");
  g_signal_emit_by_name (_sitrep_preferences_window_get_handle (prefs), "apply");
  g_assert_cmpstr (sitrep_context_get_user (context), ==, "dana");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_sitrep_preferences_window_get_handle (prefs)),
                                           "error"));

  gui_test_destroy (GTK_WINDOW (prefs));
}

/* Typed times are read in the local zone unless UTC is chosen; the row
 * writes the choice where every time field reads it. */
static void
test_time_zone (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitrep-prefs-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *name = NULL;
  SitrepPreferencesWindow *prefs;
  AdwComboRow *row;

  g_assert_no_error (error);
  g_settings_reset (settings, "time-input-zone");
  g_assert_false (sitrep_context_get_input_in_utc (context));

  prefs = sitrep_preferences_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (prefs));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (prefs)));
  row = _sitrep_preferences_window_get_zone_row (prefs);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  adw_combo_row_set_selected (row, 1);
  g_assert_cmpint (g_settings_get_enum (settings, "time-input-zone"), ==, SITREP_TIME_INPUT_UTC);
  g_assert_true (sitrep_context_get_input_in_utc (context));
  zone = sitrep_context_dup_input_zone (context);
  g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, "UTC");
  name = sitrep_context_dup_input_zone_name (context, NULL);
  g_assert_cmpstr (name, ==, "UTC");

  adw_combo_row_set_selected (row, 0);
  g_assert_cmpint (g_settings_get_enum (settings, "time-input-zone"), ==, SITREP_TIME_INPUT_LOCAL);
  g_assert_false (sitrep_context_get_input_in_utc (context));

  gui_test_destroy (GTK_WINDOW (prefs));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/prefs/connect-keeps-token", test_connect_keeps_token);
  g_test_add_func ("/gui/prefs/handle", test_handle);
  g_test_add_func ("/gui/prefs/time-zone", test_time_zone);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"

#include "sitrep-checklist-row.h"

/* One checklist item on the Checklist page: it shows its task and follows
 * the task's changes; the user's tick is announced, not written. */

static JsonObject *
task_body (const char *text,
           gboolean    done,
           const char *done_by,
           gint64      position)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "incident_id", "00000000-0000-4000-8000-000000000001");
  json_object_set_string_member (body, "phase", "initial");
  json_object_set_string_member (body, "key", "acknowledge");
  json_object_set_string_member (body, "text", text);
  json_object_set_int_member (body, "position", position);
  json_object_set_boolean_member (body, "done", done);
  if (done_by != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

      json_object_set_string_member (body, "done_by", done_by);
      json_object_set_string_member (body, "done_at", at);
    }
  return body;
}

static void
on_done_toggled (SitrepChecklistRow *row,
                 gboolean            done,
                 int                *toggled)
{
  *toggled = done ? 1 : 0;
}

static void
on_notify (gboolean *notified)
{
  *notified = TRUE;
}

static void
test_follows_task (void)
{
  g_autoptr(JsonObject) body = task_body ("Acknowledge the <alert>", FALSE, NULL, 1);
  g_autoptr(SitrepRecordObject) task = sitrep_record_object_new ("checklist", "item-1", body, 1);
  g_autoptr(SitrepChecklistRow) row =
    g_object_ref_sink (SITREP_CHECKLIST_ROW (sitrep_checklist_row_new (SITREP_CHECKLIST_TASK (task))));
  GtkCheckButton *check = sitrep_checklist_row_get_check (row);
  g_autoptr(JsonObject) ticked = NULL;
  g_autoptr(JsonObject) moved = NULL;
  int toggled = -1;
  gboolean notified = FALSE;

  g_assert_true (sitrep_checklist_row_get_task (row) == SITREP_CHECKLIST_TASK (task));
  /* The text is the title as it is, not markup. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Acknowledge the <alert>");
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
  g_assert_false (gtk_check_button_get_active (check));
  g_assert_false (sitrep_checklist_row_get_done (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "");
  g_assert_cmpint (sitrep_checklist_row_get_position (row), ==, 1);

  g_signal_connect (row, "done-toggled", G_CALLBACK (on_done_toggled), &toggled);
  g_signal_connect_swapped (row, "notify::done", G_CALLBACK (on_notify), &notified);

  /* Someone else ticks it: the row says who, and does not announce it as
   * the user's tick. */
  ticked = task_body ("Acknowledge the alert", TRUE, "alice", 1);
  sitrep_record_object_update (task, ticked, 2);
  g_assert_true (gtk_check_button_get_active (check));
  g_assert_true (sitrep_checklist_row_get_done (row));
  g_assert_true (notified);
  g_assert_cmpint (toggled, ==, -1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Acknowledge the alert");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                   "Done by alice at "));
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), " UTC"));

  /* Moved and unticked. */
  moved = task_body ("Acknowledge the alert", FALSE, NULL, 4);
  sitrep_record_object_update (task, moved, 3);
  g_assert_false (gtk_check_button_get_active (check));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "");
  g_assert_cmpint (sitrep_checklist_row_get_position (row), ==, 4);

  /* The user ticks it: announced; the task is unchanged until written, and
   * showing it again takes the tick back. */
  gtk_check_button_set_active (check, TRUE);
  g_assert_cmpint (toggled, ==, 1);
  g_assert_false (sitrep_checklist_row_get_done (row));
  sitrep_checklist_row_show_task (row);
  g_assert_false (gtk_check_button_get_active (check));
  g_assert_cmpint (toggled, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/checklist-row/follows-task", test_follows_task);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"
#include "sitrep-gui-util.h"

#include "sitrep-role-row.h"

/* One role on the Roles page: it shows who holds it as its assignment
 * says, follows the assignment's changes, and announces what the user
 * picks rather than writing it. */

#define INCIDENT "00000000-0000-4000-8000-000000000001"

static JsonObject *
role_body (const char *person)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "incident_id", INCIDENT);
  json_object_set_string_member (body, "role", "scribe");
  if (person != NULL)
    json_object_set_string_member (body, "person", person);
  else
    json_object_set_null_member (body, "person");
  json_object_set_string_member (body, "assigned_at", "2026-11-27T14:32:00Z");
  return body;
}

typedef struct
{
  guint  n;
  char  *person;
} Assigned;

static void
on_assign (SitrepRoleRow *row,
           const char    *person,
           Assigned      *assigned)
{
  assigned->n++;
  g_free (assigned->person);
  assigned->person = g_strdup (person);
}

static const char *
row_text (SitrepRoleRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
test_follows_assignment (void)
{
  g_autoptr(JsonObject) body = role_body ("alice");
  g_autoptr(SitrepRecordObject) record = sitrep_record_object_new ("roles", INCIDENT ":scribe",
                                                                   body, 1);
  g_autoptr(SitrepRoleRow) row =
    g_object_ref_sink (SITREP_ROLE_ROW (sitrep_role_row_new (SITREP_ROLE_SCRIBE)));
  g_autoptr(JsonObject) handed = role_body ("bob");
  g_autoptr(JsonObject) left = role_body (NULL);
  GtkWidget *clear = GTK_WIDGET (sitrep_role_row_get_clear (row));
  Assigned assigned = { 0, NULL };

  /* Nobody yet: the role's name, no holder, nothing to clear. */
  g_assert_cmpint (sitrep_role_row_get_role (row), ==, SITREP_ROLE_SCRIBE);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Scribe");
  g_assert_cmpstr (sitrep_widget_get_tooltip (GTK_WIDGET (row)), ==,
                   "Documents the incident timeline and decisions");
  g_assert_cmpstr (row_text (row), ==, "");
  g_assert_false (gtk_widget_get_sensitive (clear));

  sitrep_role_row_set_assignment (row, SITREP_ROLE_ASSIGNMENT (record));
  g_assert_true (sitrep_role_row_get_assignment (row) == SITREP_ROLE_ASSIGNMENT (record));
  g_assert_cmpstr (row_text (row), ==, "alice");
  g_assert_cmpstr (sitrep_role_row_get_shown (row), ==, "alice");
  g_assert_true (gtk_widget_get_sensitive (clear));

  /* Handed over elsewhere, then left empty: the row follows. */
  sitrep_record_object_update (record, handed, 2);
  g_assert_cmpstr (row_text (row), ==, "bob");
  sitrep_record_object_update (record, left, 3);
  g_assert_cmpstr (row_text (row), ==, "");
  g_assert_null (sitrep_role_row_get_shown (row));
  g_assert_false (gtk_widget_get_sensitive (clear));

  /* What the user does is announced, not applied. */
  g_signal_connect (row, "assign", G_CALLBACK (on_assign), &assigned);
  gtk_editable_set_text (GTK_EDITABLE (row), "@carol");
  g_signal_emit_by_name (row, "apply");
  g_assert_cmpuint (assigned.n, ==, 1);
  g_assert_cmpstr (assigned.person, ==, "@carol");
  g_signal_emit_by_name (clear, "clicked");
  g_assert_cmpuint (assigned.n, ==, 2);
  g_assert_null (assigned.person);
  g_assert_cmpstr (sitrep_role_assignment_get_person (SITREP_ROLE_ASSIGNMENT (record)), ==, "");

  g_free (assigned.person);
}

static void
test_missing (void)
{
  g_autoptr(SitrepRoleRow) row =
    g_object_ref_sink (SITREP_ROLE_ROW (sitrep_role_row_new (SITREP_ROLE_OPERATIONS)));
  GtkWidget *warning = sitrep_role_row_get_warning (row);

  g_assert_false (gtk_widget_get_visible (warning));

  sitrep_role_row_set_missing (row, "Needed for P1 incidents");
  g_assert_true (gtk_widget_get_visible (warning));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "warning"));
  g_assert_cmpstr (sitrep_widget_get_tooltip (warning), ==, "Needed for P1 incidents");

  sitrep_role_row_set_missing (row, NULL);
  g_assert_false (gtk_widget_get_visible (warning));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "warning"));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/role-row/follows-assignment", test_follows_assignment);
  g_test_add_func ("/gui/role-row/missing", test_missing);

  return g_test_run ();
}

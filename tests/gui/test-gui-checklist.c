/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"

#include "sitrep-checklist.h"
#include "sitrep-checklist-page-private.h"
#include "sitrep-json.h"

typedef struct
{
  char                *data_dir;
  SitrepContext       *context;
  char                *incident_id;
  GtkWindow           *window;
  SitrepChecklistPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->data_dir = g_dir_make_tmp ("sitrep-gui-checklist-XXXXXX", NULL);
  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  f->incident_id = sitrep_context_declare_incident (f->context, "Checkout errors", "checkout",
                                                    "Some orders fail", SITREP_SEVERITY_P2,
                                                    &error);
  g_assert_no_error (error);

  f->page = SITREP_CHECKLIST_PAGE (sitrep_checklist_page_new ());
  sitrep_incident_page_set_context (SITREP_INCIDENT_PAGE (f->page), f->context);
  sitrep_incident_page_set_incident (SITREP_INCIDENT_PAGE (f->page),
                                      sitrep_context_lookup_incident (f->context, f->incident_id));

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 720, 800);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
  gtk_window_set_child (f->window, overlay);
  gtk_window_present (f->window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gui_test_destroy (f->window);
  g_clear_object (&f->context);
  g_free (f->incident_id);
  g_free (f->data_dir);
}

/* The rows of a phase, without the "add an item" row at the end. */
static GPtrArray *
item_rows (Fixture     *f,
           SitrepPhase  phase)
{
  GtkListBox *list = _sitrep_checklist_page_get_list (f->page, phase);
  GPtrArray *rows = g_ptr_array_new ();
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (ADW_IS_ACTION_ROW (row))
      g_ptr_array_add (rows, row);
    else
      g_assert_true (gtk_list_box_get_row_at_index (list, i + 1) == NULL);

  return rows;
}

static guint
n_items (Fixture     *f,
         SitrepPhase  phase)
{
  g_autoptr(GPtrArray) rows = item_rows (f, phase);

  return rows->len;
}

static const char *
last_title (Fixture     *f,
            SitrepPhase  phase)
{
  g_autoptr(GPtrArray) rows = item_rows (f, phase);

  return rows->len ? adw_preferences_row_get_title (rows->pdata[rows->len - 1]) : NULL;
}

static gboolean
group_shown (Fixture     *f,
             SitrepPhase  phase)
{
  return gtk_widget_get_mapped (GTK_WIDGET (_sitrep_checklist_page_get_group (f->page, phase)));
}

static const char *
group_progress (Fixture     *f,
                SitrepPhase  phase)
{
  return adw_preferences_group_get_description (_sitrep_checklist_page_get_group (f->page, phase));
}

static const char *
group_title (Fixture     *f,
             SitrepPhase  phase)
{
  return adw_preferences_group_get_title (_sitrep_checklist_page_get_group (f->page, phase));
}

static const char *
progress (Fixture *f)
{
  return gtk_label_get_label (_sitrep_checklist_page_get_progress_label (f->page));
}

static SitrepRecord *
item (Fixture    *f,
      const char *key)
{
  g_autofree char *id = g_strdup_printf ("%s:%s", f->incident_id, key);

  return sitrep_store_get (sitrep_context_get_store (f->context), "checklist", id);
}

static char *
item_id (Fixture    *f,
         const char *key)
{
  return g_strdup_printf ("%s:%s", f->incident_id, key);
}

static const char *
subtitle (Fixture    *f,
          const char *key)
{
  g_autofree char *id = item_id (f, key);
  AdwActionRow *row = _sitrep_checklist_page_get_item_row (f->page, id);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (row) ?: "";
}

static guint
timeline_len (Fixture *f)
{
  g_autoptr(GPtrArray) entries = sitrep_context_list_timeline (f->context, f->incident_id);

  return entries->len;
}

static void
test_phases (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) initial = NULL;

  /* The guide's four phases with their items, the protocol's hidden. */
  g_assert_true (group_shown (f, SITREP_PHASE_INITIAL));
  g_assert_true (group_shown (f, SITREP_PHASE_ASSESSMENT));
  g_assert_true (group_shown (f, SITREP_PHASE_COORDINATION));
  g_assert_true (group_shown (f, SITREP_PHASE_RESOLUTION));
  g_assert_false (group_shown (f, SITREP_PHASE_MAJOR));
  g_assert_cmpuint (n_items (f, SITREP_PHASE_INITIAL), ==, 6);
  g_assert_cmpuint (n_items (f, SITREP_PHASE_ASSESSMENT), ==, 5);
  g_assert_cmpuint (n_items (f, SITREP_PHASE_COORDINATION), ==, 5);
  g_assert_cmpuint (n_items (f, SITREP_PHASE_RESOLUTION), ==, 5);
  /* Declaring the incident is done: it was declared. */
  g_assert_cmpstr (progress (f), ==, "1 of 21 done");
  g_assert_cmpstr (group_progress (f, SITREP_PHASE_INITIAL), ==, "1 of 6 done");
  g_assert_cmpstr (group_title (f, SITREP_PHASE_INITIAL),
                   ==, "Initial Response (First 5 Minutes)");

  /* In the guide's order, with the text as the row's title. */
  initial = item_rows (f, SITREP_PHASE_INITIAL);
  g_assert_cmpstr (adw_preferences_row_get_title (initial->pdata[0]), ==,
                   "Acknowledge the alert/incident");
  g_assert_cmpstr (last_title (f, SITREP_PHASE_RESOLUTION), ==, "Declare incident closed");
}

static void
test_tick (Fixture       *f,
           gconstpointer  data)
{
  SitrepStore *store = sitrep_context_get_store (f->context);
  g_autofree char *id = item_id (f, "acknowledge");
  GtkCheckButton *check = _sitrep_checklist_page_get_item_check (f->page, id);
  g_autoptr(SitrepRecord) ticked = NULL;
  g_autoptr(SitrepRecord) unticked = NULL;
  g_autofree char *expected = NULL;
  guint pending = sitrep_store_get_pending (store);
  guint entries = timeline_len (f);

  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (check));

  /* Ticking through the check button records who and when, and writes
   * one mutation and nothing else. */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (check)));
  g_assert_true (gtk_check_button_get_active (check));
  ticked = item (f, "acknowledge");
  g_assert_true (sitrep_json_get_bool (ticked->body, "done"));
  g_assert_cmpstr (sitrep_json_get_string (ticked->body, "done_by"), ==,
                   sitrep_context_get_user (f->context));
  g_assert_nonnull (sitrep_json_get_string (ticked->body, "done_at"));
  g_assert_cmpuint (sitrep_store_get_pending (store), ==, pending + 1);
  g_assert_cmpuint (timeline_len (f), ==, entries);

  expected = g_strdup_printf ("Done by %s at ", sitrep_context_get_user (f->context));
  WAIT_UNTIL (g_str_has_prefix (subtitle (f, "acknowledge"), expected));
  g_assert_true (g_str_has_suffix (subtitle (f, "acknowledge"), " UTC"));
  g_assert_cmpstr (progress (f), ==, "2 of 21 done");
  g_assert_cmpstr (group_progress (f, SITREP_PHASE_INITIAL), ==, "2 of 6 done");

  /* Unticking is allowed and forgets who. */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (check)));
  unticked = item (f, "acknowledge");
  g_assert_false (sitrep_json_get_bool (unticked->body, "done"));
  g_assert_null (sitrep_json_get_string (unticked->body, "done_by"));
  g_assert_cmpuint (sitrep_store_get_pending (store), ==, pending + 2);
  g_assert_cmpuint (timeline_len (f), ==, entries);
  WAIT_UNTIL (g_strcmp0 (subtitle (f, "acknowledge"), "") == 0);
  g_assert_cmpstr (progress (f), ==, "1 of 21 done");
}

static void
test_live (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *verify = item_id (f, "verify");
  g_autofree char *page_id = item_id (f, "page");
  GtkCheckButton *focused = _sitrep_checklist_page_get_item_check (f->page, page_id);
  GtkCheckButton *check = _sitrep_checklist_page_get_item_check (f->page, verify);

  /* The user is on one row… */
  gtk_widget_grab_focus (GTK_WIDGET (focused));
  g_assert_true (gtk_window_get_focus (f->window) == GTK_WIDGET (focused));

  /* …while someone else ticks another: it shows, as theirs, and the focus
   * stays where it was. */
  sitrep_context_set_user (f->context, "mallory");
  g_assert_true (sitrep_workspace_set_checklist_done (test_workspace (f->context, f->incident_id), verify, TRUE, &error));
  g_assert_no_error (error);
  WAIT_UNTIL (gtk_check_button_get_active (check));
  WAIT_UNTIL (g_str_has_prefix (subtitle (f, "verify"), "Done by mallory at "));
  g_assert_cmpstr (progress (f), ==, "2 of 21 done");
  g_assert_cmpstr (group_progress (f, SITREP_PHASE_RESOLUTION), ==, "1 of 5 done");
  g_assert_true (gtk_window_get_focus (f->window) == GTK_WIDGET (focused));
  g_assert_true (_sitrep_checklist_page_get_item_check (f->page, verify) == check);

  g_assert_true (sitrep_workspace_set_checklist_done (test_workspace (f->context, f->incident_id), verify, FALSE, &error));
  WAIT_UNTIL (!gtk_check_button_get_active (check));
  g_assert_cmpstr (progress (f), ==, "1 of 21 done");
}

static void
test_add_and_major (Fixture       *f,
                    gconstpointer  data)
{
  SitrepStore *store = sitrep_context_get_store (f->context);
  AdwEntryRow *add = _sitrep_checklist_page_get_add_row (f->page, SITREP_PHASE_COORDINATION);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  gsize n_major;
  guint pending;

  /* An item of the IC's own goes to the end of its phase. */
  gtk_editable_set_text (GTK_EDITABLE (add), "Page the database team");
  g_signal_emit_by_name (add, "entry-activated");
  WAIT_UNTIL (n_items (f, SITREP_PHASE_COORDINATION) == 6);
  g_assert_cmpstr (last_title (f, SITREP_PHASE_COORDINATION), ==, "Page the database team");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add)), ==, "");
  g_assert_cmpstr (progress (f), ==, "1 of 22 done");
  g_assert_cmpstr (group_progress (f, SITREP_PHASE_COORDINATION), ==, "0 of 6 done");
  records = sitrep_context_list_checklist (f->context, f->incident_id);
  g_assert_cmpuint (records->len, ==, 22);
  g_assert_cmpstr (sitrep_json_get_string (((SitrepRecord *) records->pdata[16])->body, "text"),
                   ==, "Page the database team");
  g_assert_cmpstr (sitrep_json_get_string (((SitrepRecord *) records->pdata[16])->body, "phase"),
                   ==, "coordination");

  /* An empty item writes nothing. */
  pending = sitrep_store_get_pending (store);
  gtk_editable_set_text (GTK_EDITABLE (add), "   ");
  g_signal_emit_by_name (add, "entry-activated");
  WAIT_IDLE ();
  g_assert_cmpuint (sitrep_store_get_pending (store), ==, pending);
  g_assert_cmpuint (n_items (f, SITREP_PHASE_COORDINATION), ==, 6);

  /* Major: the protocol's group appears with its items. */
  sitrep_checklist_major_items (&n_major);
  g_assert_true (sitrep_workspace_set_major (test_workspace (f->context, f->incident_id), TRUE, &error));
  g_assert_no_error (error);
  WAIT_UNTIL (group_shown (f, SITREP_PHASE_MAJOR));
  g_assert_cmpuint (n_items (f, SITREP_PHASE_MAJOR), ==, n_major);
  g_assert_cmpstr (group_title (f, SITREP_PHASE_MAJOR),
                   ==, "Major Incident Protocol");
  g_assert_cmpuint (n_items (f, SITREP_PHASE_INITIAL), ==, 6);
  {
    g_autofree char *expected = g_strdup_printf ("1 of %u done", (guint) (22 + n_major));

    g_assert_cmpstr (progress (f), ==, expected);
  }

  /* Stood down, the group goes; its items stay in the store. */
  g_assert_true (sitrep_workspace_set_major (test_workspace (f->context, f->incident_id), FALSE, &error));
  WAIT_UNTIL (!group_shown (f, SITREP_PHASE_MAJOR));
  g_assert_cmpstr (progress (f), ==, "1 of 22 done");
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/checklist/phases", Fixture, NULL,
              fixture_set_up, test_phases, fixture_tear_down);
  g_test_add ("/gui/checklist/tick", Fixture, NULL,
              fixture_set_up, test_tick, fixture_tear_down);
  g_test_add ("/gui/checklist/live", Fixture, NULL,
              fixture_set_up, test_live, fixture_tear_down);
  g_test_add ("/gui/checklist/add-and-major", Fixture, NULL,
              fixture_set_up, test_add_and_major, fixture_tear_down);

  return g_test_run ();
}

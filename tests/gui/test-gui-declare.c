/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"

#include "sitrep-declare-dialog-private.h"
#include "sitrep-json.h"
#include "sitrep-window-private.h"

#define TITLE "Checkout latency spike"

/* Whether a label under @widget currently shows @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

static SitrepWindow *
open_window (const char     *data_dir,
             SitrepContext **context_out)
{
  g_autoptr(GError) error = NULL;
  SitrepContext *context = sitrep_context_new (data_dir, &error);
  SitrepWindow *window;

  g_assert_no_error (error);
  window = sitrep_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  *context_out = context;
  return window;
}

static void
close_window (SitrepWindow  *window,
              SitrepContext *context)
{
  gui_test_destroy (GTK_WINDOW (window));
  g_object_unref (context);
}

static const char *
visible_page (GtkStack *stack)
{
  return gtk_stack_get_visible_child_name (stack);
}

static void
test_declare (void)
{
  g_autofree char *data_dir = g_dir_make_tmp ("sitrep-gui-XXXXXX", NULL);
  g_autoptr(GPtrArray) checklist = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  SitrepContext *context;
  SitrepWindow *window = open_window (data_dir, &context);
  SitrepDeclareDialog *dialog;
  GtkSingleSelection *selection = _sitrep_window_get_selection (window);
  SitrepIncident *incident;
  SitrepOverviewPage *overview;
  AdwComboRow *severity;

  /* An empty workspace says so. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 0);
  g_assert_cmpstr (visible_page (_sitrep_window_get_sidebar_stack (window)), ==, "empty");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.declare", NULL));
  dialog = _sitrep_window_get_declare_dialog (window);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));

  /* Declaring without a title writes nothing and keeps the dialog open. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "declare.confirm", NULL);
  WAIT_IDLE ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_cmpuint (sitrep_store_get_pending (sitrep_context_get_store (context)), ==, 0);

  gtk_editable_set_text (_sitrep_declare_dialog_get_title (dialog), TITLE);
  gtk_editable_set_text (_sitrep_declare_dialog_get_services (dialog), "checkout, payments");
  gtk_editable_set_text (_sitrep_declare_dialog_get_impact (dialog),
                         "Checkout takes 20 s for most customers");

  /* The decision tree: no complete loss, significant degradation → P2. */
  severity = _sitrep_declare_dialog_get_severity (dialog);
  g_assert_cmpuint (adw_combo_row_get_selected (severity), ==, 3);
  gtk_switch_set_active (_sitrep_declare_dialog_get_question (dialog, 1), TRUE);
  g_assert_cmpuint (adw_combo_row_get_selected (severity), ==, 1);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (
    GTK_WIDGET (_sitrep_declare_dialog_get_question (dialog, 2)), ADW_TYPE_ACTION_ROW)));
  gtk_switch_set_active (_sitrep_declare_dialog_get_question (dialog, 0), TRUE);
  g_assert_cmpuint (adw_combo_row_get_selected (severity), ==, 0);
  gtk_switch_set_active (_sitrep_declare_dialog_get_question (dialog, 0), FALSE);
  g_assert_cmpuint (adw_combo_row_get_selected (severity), ==, 1);

  /* The IC overrides the suggestion; later answers no longer move it. */
  adw_combo_row_set_selected (severity, 0);
  gtk_switch_set_active (_sitrep_declare_dialog_get_question (dialog, 1), FALSE);
  g_assert_cmpuint (adw_combo_row_get_selected (severity), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "declare.confirm", NULL));
  WAIT_UNTIL (dialog == NULL);

  /* The sidebar lists it, selected, and the overview shows it. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 1);
  incident = gtk_single_selection_get_selected_item (selection);
  g_assert_nonnull (incident);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, TITLE);
  g_assert_cmpint (sitrep_incident_get_severity (incident), ==, SITREP_SEVERITY_P1);
  g_assert_cmpint (sitrep_incident_get_status (incident), ==, SITREP_STATUS_INVESTIGATING);
  g_assert_nonnull (sitrep_incident_get_milestone (incident, SITREP_MILESTONE_DECLARED));
  overview = _sitrep_window_get_overview (window);
  g_assert_true (sitrep_incident_page_get_incident (SITREP_INCIDENT_PAGE (overview)) == incident);
  g_assert_cmpstr (visible_page (_sitrep_window_get_sidebar_stack (window)), ==, "list");
  WAIT_UNTIL (shows_label (GTK_WIDGET (_sitrep_window_get_incident_list (window)), TITLE));
  WAIT_UNTIL (shows_label (GTK_WIDGET (overview), TITLE));

  /* Declaring wrote the checklist and the first timeline entry too. */
  checklist = sitrep_store_list (sitrep_context_get_store (context), "checklist",
                                 sitrep_incident_get_id (incident), NULL);
  timeline = sitrep_store_list (sitrep_context_get_store (context), "timeline",
                                sitrep_incident_get_id (incident), NULL);
  g_assert_cmpuint (checklist->len, ==, 21);
  g_assert_cmpuint (timeline->len, ==, 1);

  /* Search narrows the sidebar and says when nothing matches. */
  gtk_editable_set_text (_sitrep_window_get_search_entry (window), "latency");
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (selection)) == 1);
  gtk_editable_set_text (_sitrep_window_get_search_entry (window), "database");
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (selection)) == 0);
  g_assert_cmpstr (visible_page (_sitrep_window_get_sidebar_stack (window)), ==, "no-results");
  gtk_editable_set_text (_sitrep_window_get_search_entry (window), "");
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (selection)) == 1);

  close_window (window, context);

  /* A new process on the same data folder finds the incident again. */
  g_setenv ("SITREP_TEST_DATA_DIR", data_dir, TRUE);
  g_test_trap_subprocess ("/gui/declare/reopen", 60 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*found " TITLE "*");
}

static void
test_reopen (void)
{
  const char *data_dir = g_getenv ("SITREP_TEST_DATA_DIR");
  SitrepContext *context;
  SitrepWindow *window;
  GtkSingleSelection *selection;
  SitrepIncident *incident;

  if (!g_test_subprocess ())
    {
      g_test_skip ("run in a new process by /gui/declare/dialog");
      return;
    }

  g_assert_nonnull (data_dir);
  window = open_window (data_dir, &context);
  selection = _sitrep_window_get_selection (window);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 1);
  incident = gtk_single_selection_get_selected_item (selection);
  g_assert_cmpstr (sitrep_incident_get_title (incident), ==, TITLE);
  g_assert_cmpint (sitrep_incident_get_severity (incident), ==, SITREP_SEVERITY_P1);
  WAIT_UNTIL (shows_label (GTK_WIDGET (_sitrep_window_get_incident_list (window)), TITLE));
  g_print ("found %s\n", sitrep_incident_get_title (incident));

  close_window (window, context);
}

static void
test_demo_selected (void)
{
  g_autofree char *data_dir = g_dir_make_tmp ("sitrep-gui-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *demo_id = NULL;
  SitrepContext *context = sitrep_context_new (data_dir, &error);
  SitrepWindow *window;
  SitrepIncident *incident;

  g_assert_no_error (error);
  demo_id = sitrep_context_add_demo (context, &error);
  g_assert_no_error (error);
  g_assert_nonnull (demo_id);

  window = sitrep_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sitrep_window_select_incident (window, demo_id));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  incident = sitrep_incident_page_get_incident (SITREP_INCIDENT_PAGE (_sitrep_window_get_overview (window)));
  g_assert_nonnull (incident);
  g_assert_cmpstr (sitrep_incident_get_id (incident), ==, demo_id);
  g_assert_cmpint (sitrep_incident_get_severity (incident), ==, SITREP_SEVERITY_P1);
  WAIT_UNTIL (shows_label (GTK_WIDGET (_sitrep_window_get_overview (window)),
                           "Payment service outage"));

  /* Moving the status on from the overview keeps the incident selected. */
  g_assert_true (sitrep_workspace_set_status (test_workspace (context, demo_id), SITREP_STATUS_MONITORING, &error));
  g_assert_no_error (error);
  WAIT_UNTIL (shows_label (GTK_WIDGET (_sitrep_window_get_overview (window)), "Monitoring"));
  g_assert_true (gtk_single_selection_get_selected_item (_sitrep_window_get_selection (window)) ==
                 incident);

  close_window (window, g_object_ref (context));
  g_object_unref (context);
}

/* The triage question follows the critical-services setting, not the
 * guide's list: with only "billing" critical, payments is not asked about. */
static void
test_critical_services (void)
{
  g_autofree char *data_dir = g_dir_make_tmp ("sitrep-gui-XXXXXX", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (data_dir, &error);
  const char * const critical[] = { "billing", NULL };
  SitrepDeclareDialog *dialog;
  AdwActionRow *errors_row;
  AdwComboRow *severity;

  g_assert_no_error (error);
  g_assert_true (g_settings_set_strv (settings, "critical-services", critical));

  dialog = sitrep_declare_dialog_new (NULL, context);
  gtk_window_present (GTK_WINDOW (dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  errors_row = _sitrep_declare_dialog_get_errors_row (dialog);
  severity = _sitrep_declare_dialog_get_severity (dialog);

  /* payments is one of the guide's, but not of this setting. */
  gtk_editable_set_text (_sitrep_declare_dialog_get_services (dialog), "payments");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (errors_row)));
  gtk_switch_set_active (_sitrep_declare_dialog_get_question (dialog, 1), TRUE);
  g_assert_cmpuint (adw_combo_row_get_selected (severity), ==, 1);

  /* A critical service named, in any case, asks the triage question… */
  gtk_editable_set_text (_sitrep_declare_dialog_get_services (dialog), "search, Billing");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (errors_row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (errors_row)), ==,
                   "Are more than 20% of requests to Billing failing?");
  g_assert_cmpuint (adw_combo_row_get_selected (severity), ==, 1);

  /* …and more than 20% failing there is a P1. */
  gtk_switch_set_active (_sitrep_declare_dialog_get_errors (dialog), TRUE);
  g_assert_cmpuint (adw_combo_row_get_selected (severity), ==, 0);
  gtk_editable_set_text (_sitrep_declare_dialog_get_services (dialog), "search");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (errors_row)));
  g_assert_cmpuint (adw_combo_row_get_selected (severity), ==, 1);

  gui_test_destroy (GTK_WINDOW (dialog));
  g_settings_reset (settings, "critical-services");
}

/* A service the catalogue marks critical is asked about like the
 * setting's. */
static void
test_catalogue_critical (void)
{
  g_autofree char *data_dir = g_dir_make_tmp ("sitrep-gui-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (data_dir, &error);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(SitrepMutation) put = NULL;
  SitrepDeclareDialog *dialog;
  AdwActionRow *errors_row;

  g_assert_no_error (error);
  json_object_set_string_member (body, "owner_team", "finance");
  json_object_set_boolean_member (body, "critical", TRUE);
  put = sitrep_mutation_new_put ("services", "ledger", body);
  g_assert_true (sitrep_store_apply (sitrep_context_get_store (context), &put, 1, &error));
  g_assert_no_error (error);

  dialog = sitrep_declare_dialog_new (NULL, context);
  gtk_window_present (GTK_WINDOW (dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  errors_row = _sitrep_declare_dialog_get_errors_row (dialog);
  gtk_editable_set_text (_sitrep_declare_dialog_get_services (dialog), "ledger");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (errors_row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (errors_row)), ==,
                   "Are more than 20% of requests to ledger failing?");
  gui_test_destroy (GTK_WINDOW (dialog));
}

/* The mapped label under @widget (outside popovers) that shows @text. */
static GtkLabel *
find_shown_label (GtkWidget  *widget,
                  const char *text)
{
  if (GTK_IS_POPOVER (widget))
    return NULL;
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_shown_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Each severity reads whole in the row, however long the suggestion
 * beside it and however narrow the dialog. */
static void
test_severity_whole (void)
{
  g_autofree char *data_dir = g_dir_make_tmp ("sitrep-gui-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (data_dir, &error);
  SitrepDeclareDialog *dialog;
  AdwComboRow *severity;
  static const char *labels[] = { "P1 — Critical", "P2 — High", "P3 — Medium", "P4 — Low" };
  static const int widths[] = { 560, 360 };

  g_assert_no_error (error);
  dialog = sitrep_declare_dialog_new (NULL, context);
  severity = _sitrep_declare_dialog_get_severity (dialog);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      gtk_window_set_default_size (GTK_WINDOW (dialog), widths[w], 600);
      gtk_window_present (GTK_WINDOW (dialog));
      WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));

      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        {
          GtkLabel *label;

          adw_combo_row_set_selected (severity, i);
          WAIT_UNTIL ((label = find_shown_label (GTK_WIDGET (severity), labels[i])) != NULL &&
                      gtk_widget_get_width (GTK_WIDGET (label)) > 0);
          WAIT_IDLE ();
          g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
        }
    }

  gui_test_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/declare/dialog", test_declare);
  g_test_add_func ("/gui/declare/reopen", test_reopen);
  g_test_add_func ("/gui/declare/critical-services", test_critical_services);
  g_test_add_func ("/gui/declare/catalogue-critical", test_catalogue_critical);
  g_test_add_func ("/gui/declare/severity-whole", test_severity_whole);
  g_test_add_func ("/gui/overview/demo-selected", test_demo_selected);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "gui-test-util.h"

#include "sitrep-comms-page-private.h"
#include "sitrep-json.h"
#include "sitrep-templates.h"
#include "sitrep-templates-window.h"

#define NAME "Board brief"
#define TITLE "{{ref}} update"
#define BODY "Impact: {{impact}}. Next update {{next_update}}."

typedef struct
{
  char                  *data_dir;
  SitrepContext         *context;
  char                  *incident_id;
  GtkWindow             *window;
  SitrepCommsPage       *page;
  SitrepTemplatesWindow *templates;
} Fixture;

static SitrepTemplatesWindow *
find_templates_window (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (SITREP_IS_TEMPLATES_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->data_dir = g_dir_make_tmp ("sitrep-gui-templates-XXXXXX", NULL);
  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "casey");
  f->incident_id = sitrep_context_declare_incident (f->context, "Payments failing", "payments",
                                                    "Card payments fail", SITREP_SEVERITY_P1,
                                                    &error);
  g_assert_no_error (error);

  f->page = SITREP_COMMS_PAGE (sitrep_comms_page_new ());
  sitrep_incident_page_set_context (SITREP_INCIDENT_PAGE (f->page), f->context);
  sitrep_incident_page_set_incident (SITREP_INCIDENT_PAGE (f->page),
                                  sitrep_context_lookup_incident (f->context, f->incident_id));

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 800);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
  gtk_window_set_child (f->window, overlay);
  gtk_window_present (f->window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->page)));

  /* Opened from the composer, on its audience. */
  sitrep_comms_page_compose (f->page, SITREP_AUDIENCE_EXECUTIVES);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "comms.templates", NULL));
  WAIT_UNTIL ((f->templates = find_templates_window ()) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (f->templates)));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (f->templates)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (f->templates)) == f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (find_templates_window () != NULL)
    gui_test_destroy (GTK_WINDOW (f->templates));
  gui_test_destroy (f->window);
  g_clear_object (&f->context);
  g_free (f->incident_id);
  g_free (f->data_dir);
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
set_body (AdwExpanderRow *row,
          const char     *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (_sitrep_template_row_get_body (row)),
                            text, -1);
}

static SitrepRecord *
get_template (Fixture    *f,
              const char *id)
{
  return sitrep_store_get (sitrep_context_get_store (f->context), "templates", id);
}

/* The position of @name in the composer's template combo, or -1. */
static int
composer_position (Fixture    *f,
                   const char *name)
{
  GListModel *model = adw_combo_row_get_model (_sitrep_comms_page_get_template_row (f->page));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name) == 0)
      return (int) i;
  return -1;
}

static gboolean
composer_body_starts (Fixture    *f,
                      const char *prefix)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (_sitrep_comms_page_get_body_view (f->page));
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_str_has_prefix (text, prefix);
}

/* Adds NAME through the window's widgets; returns its id. */
static char *
add_template (Fixture *f)
{
  AdwExpanderRow *row;

  g_assert_null (_sitrep_templates_window_find_row (f->templates, NULL));
  click (_sitrep_templates_window_get_add_button (f->templates));
  row = _sitrep_templates_window_find_row (f->templates, NULL);
  g_assert_nonnull (row);
  g_assert_true (adw_expander_row_get_expanded (row));
  /* The new one is first, for the composer's audience. */
  g_assert_true (gtk_widget_get_prev_sibling (GTK_WIDGET (row)) == NULL);
  g_assert_cmpuint (adw_combo_row_get_selected (_sitrep_template_row_get_audience (row)), ==,
                    SITREP_AUDIENCE_EXECUTIVES);

  gtk_editable_set_text (_sitrep_template_row_get_name (row), NAME);
  gtk_editable_set_text (_sitrep_template_row_get_title (row), TITLE);
  set_body (row, BODY);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_sitrep_template_row_get_unknown (row))));
  click (_sitrep_template_row_get_save_button (row));

  g_assert_nonnull (_sitrep_template_row_get_id (row));
  g_assert_true (_sitrep_templates_window_find_row (f->templates,
                                                    _sitrep_template_row_get_id (row)) == row);
  return g_strdup (_sitrep_template_row_get_id (row));
}

static void
test_add_edit (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = add_template (f);
  g_autoptr(SitrepRecord) record = get_template (f, id);
  g_autoptr(SitrepRecord) edited = NULL;
  AdwExpanderRow *row;
  int position;

  g_assert_nonnull (record);
  g_assert_false (record->deleted);
  g_assert_cmpstr (sitrep_json_get_string (record->body, "name"), ==, NAME);
  g_assert_cmpstr (sitrep_json_get_string (record->body, "audience"), ==, "executives");
  g_assert_cmpstr (sitrep_json_get_string (record->body, "title"), ==, TITLE);
  g_assert_cmpstr (sitrep_json_get_string (record->body, "body"), ==, BODY);
  g_assert_null (sitrep_json_get_string (record->body, "builtin_key"));

  /* The composer lists it live, among the executives' templates (first). */
  WAIT_UNTIL (composer_position (f, NAME) >= 0);
  position = composer_position (f, NAME);
  g_assert_cmpint (position, <, composer_position (f, "Status page: initial notification"));
  g_assert_cmpint (position, <=, 1);

  /* The row stays after the refresh, in the built-ins' order (theirs first). */
  WAIT_IDLE ();
  row = _sitrep_templates_window_find_row (f->templates, id);
  g_assert_nonnull (row);
  g_assert_nonnull (gtk_widget_get_prev_sibling (GTK_WIDGET (row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, NAME);
  g_assert_false (gtk_widget_get_sensitive (_sitrep_template_row_get_save_button (row)));

  /* Edited and saved: the record changes, and the composer fills from it. */
  set_body (row, "Impact now: {{impact}}.");
  click (_sitrep_template_row_get_save_button (row));
  edited = get_template (f, id);
  g_assert_cmpstr (sitrep_json_get_string (edited->body, "body"), ==, "Impact now: {{impact}}.");
  g_assert_cmpstr (sitrep_json_get_string (edited->body, "name"), ==, NAME);

  WAIT_IDLE ();
  adw_combo_row_set_selected (_sitrep_comms_page_get_template_row (f->page),
                              composer_position (f, NAME));
  WAIT_UNTIL (composer_body_starts (f, "Impact now: Card payments fail."));
}

/* An edit keeps the built-in's key and fields the editor does not show. */
static void
test_keeps_fields (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) templates = sitrep_context_list_templates (f->context);
  g_autoptr(SitrepRecord) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *id = NULL;
  SitrepRecord *builtin = NULL;
  AdwExpanderRow *row;

  for (guint i = 0; i < templates->len && builtin == NULL; i++)
    if (g_strcmp0 (sitrep_json_get_string (((SitrepRecord *) templates->pdata[i])->body,
                                           "builtin_key"), "executive-update") == 0)
      builtin = templates->pdata[i];
  g_assert_nonnull (builtin);

  body = sitrep_json_copy (builtin->body);
  json_object_set_string_member (body, "from_a_newer_client", "kept");
  g_assert_true (sitrep_store_put (sitrep_context_get_store (f->context), "templates",
                                   builtin->id, body, &error));
  g_assert_no_error (error);

  row = _sitrep_templates_window_find_row (f->templates, builtin->id);
  g_assert_nonnull (row);
  gtk_editable_set_text (_sitrep_template_row_get_name (row), "Exec update (ours)");
  click (_sitrep_template_row_get_save_button (row));

  edited = get_template (f, builtin->id);
  g_assert_cmpstr (sitrep_json_get_string (edited->body, "name"), ==, "Exec update (ours)");
  g_assert_cmpstr (sitrep_json_get_string (edited->body, "builtin_key"), ==, "executive-update");
  g_assert_cmpstr (sitrep_json_get_string (edited->body, "from_a_newer_client"), ==, "kept");
  g_assert_cmpstr (sitrep_json_get_string (edited->body, "body"), ==,
                   sitrep_json_get_string (builtin->body, "body"));

  /* The API refuses what the editor refuses. */
  id = sitrep_context_save_template (f->context, NULL, "", SITREP_AUDIENCE_INTERNAL, "", "x",
                                     &error);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID);
  g_assert_null (id);
  g_clear_error (&error);
  id = sitrep_context_save_template (f->context, NULL, "Notes", SITREP_AUDIENCE_INTERNAL, "",
                                     "  \n", &error);
  g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID);
  g_assert_null (id);
}

static void
test_unknown (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = add_template (f);
  g_autoptr(SitrepRecord) before = get_template (f, id);
  g_autoptr(SitrepRecord) after = NULL;
  g_autoptr(GPtrArray) unknown = NULL;
  g_autoptr(GString) every = g_string_new (NULL);
  const char * const *names = sitrep_template_placeholder_names ();
  AdwExpanderRow *row = _sitrep_templates_window_find_row (f->templates, id);
  GtkLabel *label = _sitrep_template_row_get_unknown (row);
  guint n_before;

  /* The check: only names no incident fills, each once. */
  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (every, "{{%s}} ", names[i]);
  g_assert_cmpuint (g_strv_length ((char **) names), ==, 12);
  unknown = sitrep_context_unknown_placeholders (every->str);
  g_assert_cmpuint (unknown->len, ==, 0);
  g_clear_pointer (&unknown, g_ptr_array_unref);
  unknown = sitrep_context_unknown_placeholders ("{{ref}} {{nope}} {{ nope }} {{serivce}} {{");
  g_assert_cmpuint (unknown->len, ==, 2);
  g_assert_cmpstr (unknown->pdata[0], ==, "nope");
  g_assert_cmpstr (unknown->pdata[1], ==, "serivce");

  /* Shown as it is typed, and saving is refused with nothing written. */
  set_body (row, "Impact: {{impact}}. Ask {{nope}}.");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "{{nope}}"));
  g_assert_null (strstr (gtk_label_get_text (label), "{{impact}}"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "error"));

  n_before = sitrep_store_get_pending (sitrep_context_get_store (f->context));
  click (_sitrep_template_row_get_save_button (row));
  after = get_template (f, id);
  g_assert_cmpstr (sitrep_json_get_string (after->body, "body"), ==, BODY);
  g_assert_cmpuint (sitrep_store_get_pending (sitrep_context_get_store (f->context)), ==,
                    n_before);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  /* Still the user's to correct. */
  g_assert_true (gtk_widget_get_sensitive (_sitrep_template_row_get_save_button (row)));

  /* In the title too; corrected, the warning goes. */
  set_body (row, BODY);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label)));
  gtk_editable_set_text (_sitrep_template_row_get_title (row), "{{reff}} update");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "{{reff}}"));
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = add_template (f);
  g_autoptr(SitrepRecord) deleted = NULL;
  g_autoptr(SitrepRecord) kept = NULL;
  AdwExpanderRow *row;
  AdwMessageDialog *confirm;

  WAIT_UNTIL (composer_position (f, NAME) >= 0);
  row = _sitrep_templates_window_find_row (f->templates, id);

  /* Asked first; Cancel keeps it. */
  click (_sitrep_template_row_get_delete_button (row));
  confirm = _sitrep_templates_window_get_confirm (f->templates);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "cancel");
  WAIT_IDLE ();
  kept = get_template (f, id);
  g_assert_false (kept->deleted);
  g_assert_nonnull (_sitrep_templates_window_find_row (f->templates, id));

  click (_sitrep_template_row_get_delete_button (row));
  confirm = _sitrep_templates_window_get_confirm (f->templates);
  g_assert_nonnull (confirm);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (confirm), NAME));
  adw_message_dialog_response (confirm, "delete");

  deleted = get_template (f, id);
  g_assert_nonnull (deleted);
  g_assert_true (deleted->deleted);
  WAIT_UNTIL (_sitrep_templates_window_find_row (f->templates, id) == NULL);
  WAIT_UNTIL (composer_position (f, NAME) < 0);
}

/* A new one given up before saving goes without asking. */
static void
test_discard_new (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) before = sitrep_context_list_templates (f->context);
  g_autoptr(GPtrArray) after = NULL;
  AdwExpanderRow *row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->templates), "templates.add", NULL));
  row = _sitrep_templates_window_find_row (f->templates, NULL);
  g_assert_nonnull (row);
  gtk_editable_set_text (_sitrep_template_row_get_name (row), "Half-written");
  click (_sitrep_template_row_get_delete_button (row));
  g_assert_null (_sitrep_templates_window_get_confirm (f->templates));
  g_assert_null (_sitrep_templates_window_find_row (f->templates, NULL));
  after = sitrep_context_list_templates (f->context);
  g_assert_cmpuint (after->len, ==, before->len);
}

static void
test_delete_builtin (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) templates = sitrep_context_list_templates (f->context);
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *id = NULL;
  AdwMessageDialog *confirm;
  g_autoptr(SitrepRecord) tombstone = NULL;
  guint n_live = 0;

  for (guint i = 0; i < templates->len && id == NULL; i++)
    if (g_strcmp0 (sitrep_json_get_string (((SitrepRecord *) templates->pdata[i])->body,
                                           "builtin_key"), "executive-update") == 0)
      id = g_strdup (((SitrepRecord *) templates->pdata[i])->id);
  g_assert_nonnull (id);
  WAIT_UNTIL (composer_position (f, "Executive update") >= 0);

  click (_sitrep_template_row_get_delete_button (_sitrep_templates_window_find_row (f->templates,
                                                                                    id)));
  confirm = _sitrep_templates_window_get_confirm (f->templates);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "delete");
  WAIT_UNTIL (_sitrep_templates_window_find_row (f->templates, id) == NULL);
  WAIT_UNTIL (composer_position (f, "Executive update") < 0);

  /* Listing seeds the built-ins that are missing, not the deleted one. */
  again = sitrep_context_list_templates (f->context);
  for (guint i = 0; i < again->len; i++)
    {
      SitrepRecord *record = again->pdata[i];

      if (g_str_equal (record->id, id))
        g_assert_true (record->deleted);
      else if (!record->deleted)
        n_live++;
    }
  g_assert_cmpuint (n_live, ==, templates->len - 1);
  tombstone = get_template (f, id);
  g_assert_nonnull (tombstone);
  g_assert_true (tombstone->deleted);
  WAIT_UNTIL (_sitrep_templates_window_find_row (f->templates, id) == NULL);
}

/* The built-ins are shown from the first start, but nothing is queued for
 * the server: only admins may write templates, so a responder's app that
 * pushed them would meet a refusal per built-in on its first sync. Deleting
 * one writes it with its tombstone, and it stays deleted. */
static void
test_builtins_not_pushed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sitrep-gui-templates-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepContext) context = sitrep_context_new (dir, &error);
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *deleted_id = NULL;
  gsize n_builtins;

  g_assert_no_error (error);
  sitrep_templates_builtins (&n_builtins);
  templates = sitrep_context_list_templates (context);
  g_assert_cmpuint (templates->len, ==, n_builtins);
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_context_get_templates (context)), ==,
                    n_builtins);
  g_assert_cmpuint (sitrep_store_get_pending (sitrep_context_get_store (context)), ==, 0);

  deleted_id = g_strdup (((SitrepRecord *) templates->pdata[0])->id);
  g_assert_true (sitrep_context_delete_template (context, deleted_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_context_get_templates (context)), ==,
                    n_builtins - 1);
  g_assert_finalize_object (g_steal_pointer (&context));

  context = sitrep_context_new (dir, &error);
  g_assert_no_error (error);
  after = sitrep_context_list_templates (context);
  g_assert_cmpuint (after->len, ==, n_builtins - 1);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (((SitrepRecord *) after->pdata[i])->id, !=, deleted_id);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/templates/builtins-not-pushed", test_builtins_not_pushed);
  g_test_add ("/gui/templates/add-edit", Fixture, NULL, fixture_set_up, test_add_edit,
              fixture_tear_down);
  g_test_add ("/gui/templates/keeps-fields", Fixture, NULL, fixture_set_up, test_keeps_fields,
              fixture_tear_down);
  g_test_add ("/gui/templates/unknown", Fixture, NULL, fixture_set_up, test_unknown,
              fixture_tear_down);
  g_test_add ("/gui/templates/delete", Fixture, NULL, fixture_set_up, test_delete,
              fixture_tear_down);
  g_test_add ("/gui/templates/discard-new", Fixture, NULL, fixture_set_up, test_discard_new,
              fixture_tear_down);
  g_test_add ("/gui/templates/delete-builtin", Fixture, NULL, fixture_set_up,
              test_delete_builtin, fixture_tear_down);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gui-test-util.h"

#include "sitrep-json.h"
#include "sitrep-template-row.h"

/* One template's row in the templates window: it shows a template, tells
 * the user's edits from its own loading, and says what no incident fills. */

typedef struct
{
  char              *data_dir;
  SitrepContext     *context;
  SitrepRecord      *builtin;
  SitrepRecordObject *builtin_object;
  SitrepTemplateRow *row;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = NULL;

  f->data_dir = g_dir_make_tmp ("sitrep-gui-template-row-XXXXXX", NULL);
  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "casey");

  /* The guide's templates are there from the start. */
  templates = sitrep_context_list_templates (f->context);
  g_assert_cmpuint (templates->len, >, 0);
  f->builtin = sitrep_record_copy (templates->pdata[0]);

  f->row = g_object_ref_sink (SITREP_TEMPLATE_ROW (sitrep_template_row_new (f->context,
                                                                           f->builtin->id)));
  f->builtin_object = sitrep_record_object_new ("templates", f->builtin->id, f->builtin->body,
                                                f->builtin->version);
  sitrep_template_row_load (f->row, f->builtin_object);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->row);
  g_clear_pointer (&f->builtin, sitrep_record_free);
  g_clear_object (&f->builtin_object);
  g_clear_object (&f->context);
  g_free (f->data_dir);
}

static void
test_shows_template (Fixture       *f,
                     gconstpointer  data)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (f->row);

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   sitrep_json_get_string (f->builtin->body, "name"));
  g_assert_true (g_str_has_suffix (adw_expander_row_get_subtitle (row), " · from the guide"));
  g_assert_cmpstr (gtk_editable_get_text (_sitrep_template_row_get_name (row)), ==,
                   sitrep_json_get_string (f->builtin->body, "name"));
  g_assert_cmpstr (gtk_editable_get_text (_sitrep_template_row_get_title (row)), ==,
                   sitrep_json_get_string (f->builtin->body, "title"));
  g_assert_cmpstr (sitrep_template_row_get_id (f->row), ==, f->builtin->id);
  g_assert_true (sitrep_template_row_get_builtin (f->row));
  g_assert_true (sitrep_template_row_shows (f->row, f->builtin_object));

  /* Loading is not an edit. */
  g_assert_false (sitrep_template_row_get_dirty (f->row));
  g_assert_false (gtk_widget_get_sensitive (_sitrep_template_row_get_save_button (row)));
}

static void
test_edits (Fixture       *f,
            gconstpointer  data)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (f->row);
  GtkLabel *unknown = _sitrep_template_row_get_unknown (row);

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (unknown)));
  gtk_editable_set_text (_sitrep_template_row_get_title (row), "{{reff}} update");
  g_assert_true (sitrep_template_row_get_dirty (f->row));
  g_assert_true (gtk_widget_get_sensitive (_sitrep_template_row_get_save_button (row)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (unknown)));
  g_assert_nonnull (strstr (gtk_label_get_text (unknown), "{{reff}}"));

  /* A new template starts for the audience it was asked for. */
  {
    g_autoptr(SitrepTemplateRow) fresh =
      g_object_ref_sink (SITREP_TEMPLATE_ROW (sitrep_template_row_new (f->context, NULL)));

    sitrep_template_row_start_new (fresh, SITREP_AUDIENCE_EXECUTIVES);
    g_assert_null (sitrep_template_row_get_id (fresh));
    g_assert_true (sitrep_template_row_get_dirty (fresh));
    g_assert_cmpuint (adw_combo_row_get_selected (
                        _sitrep_template_row_get_audience (ADW_EXPANDER_ROW (fresh))), ==,
                      SITREP_AUDIENCE_EXECUTIVES);
    g_assert_true (g_str_has_suffix (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (fresh)),
                                     " · not saved yet"));
  }
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/template-row/shows-template", Fixture, NULL,
              fixture_set_up, test_shows_template, fixture_tear_down);
  g_test_add ("/gui/template-row/edits", Fixture, NULL,
              fixture_set_up, test_edits, fixture_tear_down);

  return g_test_run ();
}

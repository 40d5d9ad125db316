/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gui-test-util.h"

#include "sitrep-comms-composer.h"
#include "sitrep-json.h"

/* The Updates page's composer on its own: it fills the editors from a
 * template with the incident's values, and says what is left to fill in. */

typedef struct
{
  char                *data_dir;
  SitrepContext       *context;
  char                *incident_id;
  SitrepCommsComposer *composer;
  guint                n_checked;
} Fixture;

static void
on_checked (SitrepCommsComposer *composer,
            Fixture             *f)
{
  f->n_checked++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("sitrep-gui-composer-XXXXXX", NULL);
  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "casey");
  f->incident_id = sitrep_context_declare_incident (f->context, "Payments failing", "payments",
                                                    "Card payments fail", SITREP_SEVERITY_P1,
                                                    &error);
  g_assert_no_error (error);

  f->composer = g_object_ref_sink (SITREP_COMMS_COMPOSER (sitrep_comms_composer_new ()));
  g_signal_connect (f->composer, "checked", G_CALLBACK (on_checked), f);
  sitrep_comms_composer_set_context (f->composer, f->context);
  sitrep_comms_composer_set_incident (f->composer,
                                      sitrep_context_lookup_incident (f->context,
                                                                      f->incident_id));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->composer);
  g_clear_object (&f->context);
  g_free (f->incident_id);
  g_free (f->data_dir);
}

static void
test_fills_from_template (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *body = NULL;
  SitrepRecordObject *template;

  sitrep_comms_composer_set_choices (f->composer, SITREP_AUDIENCE_STATUS_PAGE, -1, 0);
  sitrep_comms_composer_rebuild_templates (f->composer, TRUE);
  template = sitrep_comms_composer_current_template (f->composer);
  g_assert_nonnull (template);
  /* The audience's templates come first, then the others, then Blank. */
  g_assert_cmpuint (sitrep_comms_composer_get_n_templates (f->composer), >, 1);
  g_assert_null (g_list_model_get_item (
                   adw_combo_row_get_model (_sitrep_comms_composer_get_template_row (f->composer)),
                   sitrep_comms_composer_get_n_templates (f->composer)));

  sitrep_comms_composer_fill_from_template (f->composer);
  body = sitrep_comms_composer_dup_body_text (f->composer);
  /* The incident's values are in, no placeholder is left. */
  g_assert_nonnull (strstr (sitrep_comms_composer_get_title_text (f->composer), "Payments"));
  g_assert_null (strstr (body, "{{"));
  g_assert_false (sitrep_comms_composer_is_dirty (f->composer));
  g_assert_cmpstr (gtk_label_get_label (_sitrep_comms_composer_get_preview_body (f->composer)),
                   ==, body);

  /* The user's own words are theirs. */
  sitrep_comms_composer_set_editors (f->composer, "Our title", body);
  g_assert_true (sitrep_comms_composer_is_dirty (f->composer));
}

static void
test_flags (Fixture       *f,
            gconstpointer  data)
{
  AdwActionRow *flag_row = _sitrep_comms_composer_get_flag_row (f->composer);
  guint before = f->n_checked;

  sitrep_comms_composer_set_editors (f->composer, "Update", "Back by [time], see {{nope}}");
  g_assert_cmpuint (f->n_checked, >, before);
  g_assert_cmpuint (sitrep_comms_composer_get_n_flags (f->composer), ==, 2);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (flag_row), "[time]"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (flag_row), "{{nope}}"));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (flag_row),
                                                                  GTK_TYPE_LIST_BOX)));

  sitrep_comms_composer_set_editors (f->composer, "Update", "Back by 15:00");
  g_assert_cmpuint (sitrep_comms_composer_get_n_flags (f->composer), ==, 0);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (flag_row),
                                                                   GTK_TYPE_LIST_BOX)));
}

static const char *
proposed_name (Fixture *f)
{
  SitrepRecordObject *template;

  sitrep_comms_composer_rebuild_templates (f->composer, TRUE);
  template = sitrep_comms_composer_current_template (f->composer);
  g_assert_nonnull (template);
  return sitrep_json_get_string (sitrep_record_object_get_body (template), "name");
}

/* The status page's template fits the incident: the initial notification
 * first, the update after it, the resolution once resolved. */
static void
test_proposes_stage (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sent = NULL;
  SitrepWorkspace *workspace = test_workspace (f->context, f->incident_id);

  sitrep_comms_composer_set_choices (f->composer, SITREP_AUDIENCE_STATUS_PAGE, -1, 0);
  g_assert_cmpstr (proposed_name (f), ==, "Status page: initial notification");

  sent = sitrep_workspace_send_communication (workspace, SITREP_AUDIENCE_STATUS_PAGE, NULL,
                                              SITREP_STATUS_INVALID, "Payments - Service Disruption",
                                              "We are investigating.", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (proposed_name (f), ==, "Status page: update");

  g_assert_true (sitrep_workspace_set_status (workspace, SITREP_STATUS_RESOLVED, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (proposed_name (f), ==, "Status page: resolution");
}

/* Identified before anything was posted: not the "investigating" text. */
static void
test_proposes_update_when_identified (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_workspace_set_status (test_workspace (f->context, f->incident_id),
                                              SITREP_STATUS_IDENTIFIED, &error));
  g_assert_no_error (error);
  sitrep_comms_composer_set_choices (f->composer, SITREP_AUDIENCE_STATUS_PAGE, -1, 0);
  g_assert_cmpstr (proposed_name (f), ==, "Status page: update");
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/composer/fills-from-template", Fixture, NULL,
              fixture_set_up, test_fills_from_template, fixture_tear_down);
  g_test_add ("/gui/composer/proposes-stage", Fixture, NULL,
              fixture_set_up, test_proposes_stage, fixture_tear_down);
  g_test_add ("/gui/composer/proposes-update-when-identified", Fixture, NULL,
              fixture_set_up, test_proposes_update_when_identified, fixture_tear_down);
  g_test_add ("/gui/composer/flags", Fixture, NULL,
              fixture_set_up, test_flags, fixture_tear_down);

  return g_test_run ();
}

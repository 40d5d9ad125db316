/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-triage.c: the overview shows how an alert's incident was triaged */
#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"

#include "sitrep-incident-rules.h"
#include "sitrep-json.h"
#include "sitrep-triage-row.h"
#include "sitrep-window-private.h"

#define REASON "no rule matched: the alert gives no service, error rate or affected users"

typedef struct
{
  char          *data_dir;
  SitrepContext *context;
  SitrepWindow  *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("sitrep-gui-triage-XXXXXX", NULL);
  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gui_test_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->context);
  g_free (f->data_dir);
}

/* An incident as the server's Alertmanager intake opens it for the guide's
 * HighErrorRate rule: P4 by the rules, "critical" by its label. */
static char *
add_alert_incident (Fixture *f)
{
  SitrepRuleEnv env = { NULL, "alertmanager", NULL, NULL };
  g_autoptr(JsonObject) body = sitrep_incident_rules_new_body ("High HTTP error rate", NULL,
                                                               NULL, SITREP_SEVERITY_P4,
                                                               SITREP_STATUS_INVESTIGATING);
  g_autoptr(GPtrArray) mutations = NULL;
  g_autoptr(GError) error = NULL;

  sitrep_incident_rules_set_triage (body, SITREP_SEVERITY_P4, SITREP_TRIAGE_RULE_NONE, REASON,
                                    SITREP_SEVERITY_P1);
  mutations = sitrep_incident_rules_declare (&env, NULL, body, &error);
  g_assert_no_error (error);
  g_assert_true (sitrep_store_apply (sitrep_context_get_store (f->context),
                                     (SitrepMutation **) mutations->pdata, mutations->len,
                                     &error));
  g_assert_no_error (error);

  return g_strdup (((SitrepMutation *) mutations->pdata[0])->id);
}

static SitrepOverviewPage *
open_overview (Fixture    *f,
               const char *incident_id)
{
  f->window = sitrep_window_new (NULL, f->context);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (sitrep_window_select_incident (f->window, incident_id));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)));

  return _sitrep_window_get_overview (f->window);
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The button under @widget showing @label, if it is on screen. */
static GtkWidget *
shown_button (GtkWidget  *widget,
              const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = shown_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

static gboolean
timeline_has (Fixture    *f,
              const char *incident_id,
              const char *text)
{
  g_autoptr(GPtrArray) entries = sitrep_context_list_timeline (f->context, incident_id);

  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (sitrep_json_get_string (((SitrepRecord *) entries->pdata[i])->body, "text"),
                   text) == 0)
      return TRUE;
  return FALSE;
}

static void
test_use_hint (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = add_alert_incident (f);
  SitrepOverviewPage *overview = open_overview (f, id);
  SitrepIncident *incident = sitrep_context_lookup_incident (f->context, id);
  GtkWidget *row = find_type (GTK_WIDGET (overview), SITREP_TYPE_TRIAGE_ROW);
  GtkWidget *button;

  g_assert_nonnull (row);
  g_assert_true (sitrep_triage_row_get_incident (SITREP_TRIAGE_ROW (row)) == incident);

  /* Why triage said P4, and what the alert's label says. */
  WAIT_UNTIL (shows_label (row, REASON));
  WAIT_UNTIL (shows_label (row, "Triage gave P4"));
  WAIT_UNTIL (shows_label (row, "The alert’s severity label says P1"));
  WAIT_UNTIL (shown_button (row, "Use P1") != NULL);
  button = shown_button (row, "Use P1");

  /* One click takes it, through the context: an entry says so. */
  gtk_widget_activate (button);
  WAIT_UNTIL (sitrep_incident_get_severity (incident) == SITREP_SEVERITY_P1);
  g_assert_true (timeline_has (f, id, "Severity: P4 → P1"));

  /* The hint agrees now: its button goes, the explanation stays. */
  WAIT_UNTIL (shown_button (row, "Use P1") == NULL);
  g_assert_true (shows_label (row, REASON));

  /* Someone lowers it again elsewhere: the hint comes back. */
  g_assert_true (sitrep_workspace_set_severity (test_workspace (f->context, id), SITREP_SEVERITY_P3, NULL));
  WAIT_UNTIL (shown_button (row, "Use P1") != NULL);
}

static void
test_hidden_without_alert (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = sitrep_context_declare_incident (f->context, "Checkout errors",
                                                         "checkout", "", SITREP_SEVERITY_P2,
                                                         &error);
  SitrepOverviewPage *overview;
  GtkWidget *row;

  g_assert_no_error (error);
  overview = open_overview (f, id);
  row = find_type (GTK_WIDGET (overview), SITREP_TYPE_TRIAGE_ROW);
  g_assert_nonnull (row);
  WAIT_UNTIL (shows_label (GTK_WIDGET (overview), "Checkout errors"));
  g_assert_false (gtk_widget_get_visible (row));
  g_assert_false (gtk_widget_get_mapped (row));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/overview/triage-hint", Fixture, NULL, fixture_set_up, test_use_hint,
              fixture_tear_down);
  g_test_add ("/gui/overview/triage-hidden", Fixture, NULL, fixture_set_up,
              test_hidden_without_alert, fixture_tear_down);

  return g_test_run ();
}

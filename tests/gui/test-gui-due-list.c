/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gui-test-util.h"

#include "sitrep-context.h"
#include "sitrep-deadlines.h"
#include "sitrep-due-list.h"
#include "sitrep-notifier-private.h"

/* The list of an incident's deadlines shown on the Overview (all of them,
 * with the buttons that answer each) and on the Updates page (only the
 * updates, each with a Compose button). */

typedef struct
{
  char          *data_dir;
  SitrepContext *context;
  char          *incident_id;
  GPtrArray     *deadlines;
  guint          n_acknowledged;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("sitrep-gui-due-list-XXXXXX", NULL);
  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "casey");
  /* A P1 not yet acknowledged: a response is due, and updates to the
   * executives and the status page. */
  f->incident_id = sitrep_context_declare_incident (f->context, "Payments failing", "payments",
                                                    "", SITREP_SEVERITY_P1, &error);
  g_assert_no_error (error);
  f->deadlines = sitrep_workspace_dup_deadlines (test_workspace (f->context, f->incident_id));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->deadlines, g_ptr_array_unref);
  g_clear_object (&f->context);
  g_free (f->incident_id);
  g_free (f->data_dir);
}

static guint
n_visible_rows (GtkListBox *list)
{
  GtkListBoxRow *row;
  guint n = 0;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (gtk_widget_get_visible (GTK_WIDGET (row)))
      n++;
  return n;
}

static AdwActionRow *
find_row (GtkListBox *list,
          const char *title)
{
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (ADW_IS_ACTION_ROW (row) && gtk_widget_get_visible (GTK_WIDGET (row)) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return ADW_ACTION_ROW (row);
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_update (SitrepDeadlineKind kind)
{
  return kind == SITREP_DEADLINE_UPDATE || kind == SITREP_DEADLINE_EXEC_BRIEF ||
         kind == SITREP_DEADLINE_PUBLIC_STATEMENT || kind == SITREP_DEADLINE_EXEC_SUMMARY;
}

static void
on_acknowledge (SitrepDueList *list,
                Fixture       *f)
{
  f->n_acknowledged++;
}

static void
test_all_deadlines (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SitrepDueList) due = g_object_ref_sink (SITREP_DUE_LIST (sitrep_due_list_new (FALSE)));
  GtkListBox *list = _sitrep_due_list_get_list_box (due);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gboolean saw_respond = FALSE;

  g_signal_connect (due, "acknowledge", G_CALLBACK (on_acknowledge), f);

  /* Nothing yet: one row says so. */
  sitrep_due_list_show (due, NULL, NULL, now);
  g_assert_cmpuint (n_visible_rows (list), ==, 1);
  g_assert_nonnull (find_row (list, "Nothing due"));

  /* One row per deadline, and the "nothing" row hides. */
  g_assert_cmpuint (f->deadlines->len, >=, 2);
  sitrep_due_list_show (due, f->incident_id, f->deadlines, now);
  g_assert_cmpuint (_sitrep_due_list_get_n_shown (due), ==, f->deadlines->len);
  g_assert_cmpuint (n_visible_rows (list), ==, f->deadlines->len);
  g_assert_null (find_row (list, "Nothing due"));

  for (guint i = 0; i < f->deadlines->len; i++)
    {
      SitrepDeadline *d = f->deadlines->pdata[i];
      AdwActionRow *row = find_row (list, d->label);

      g_assert_nonnull (row);
      g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), " UTC"));
      if (d->kind == SITREP_DEADLINE_RESPOND)
        {
          GtkWidget *ack = find_button (GTK_WIDGET (row), "_Acknowledge");

          saw_respond = TRUE;
          /* The respond deadline is answered by acknowledging. */
          g_assert_nonnull (ack);
          g_signal_emit_by_name (ack, "clicked");
          g_assert_cmpuint (f->n_acknowledged, ==, 1);
        }
    }
  g_assert_true (saw_respond);

  /* The same deadlines again keep the same rows. */
  {
    GtkListBoxRow *first = gtk_list_box_get_row_at_index (list, 1);

    sitrep_due_list_show (due, f->incident_id, f->deadlines, now);
    g_assert_true (gtk_list_box_get_row_at_index (list, 1) == first);
  }

  /* Fewer deadlines, fewer rows. */
  g_ptr_array_set_size (f->deadlines, 1);
  sitrep_due_list_show (due, f->incident_id, f->deadlines, now);
  g_assert_cmpuint (n_visible_rows (list), ==, 1);
  g_assert_nonnull (find_row (list, ((SitrepDeadline *) f->deadlines->pdata[0])->label));
}

static void
test_updates_only (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(SitrepDueList) due = g_object_ref_sink (SITREP_DUE_LIST (sitrep_due_list_new (TRUE)));
  GtkListBox *list = _sitrep_due_list_get_list_box (due);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint n_updates = 0;

  /* Nothing due: the list says so. */
  sitrep_due_list_show (due, NULL, NULL, now);
  g_assert_null (gtk_list_box_get_row_at_index (list, 0));
  g_assert_nonnull (find_label (GTK_WIDGET (list), "No update is due"));

  sitrep_due_list_show (due, f->incident_id, f->deadlines, now);
  for (guint i = 0; i < f->deadlines->len; i++)
    {
      SitrepDeadline *d = f->deadlines->pdata[i];
      AdwActionRow *row = find_row (list, d->label);

      if (is_update (d->kind))
        {
          n_updates++;
          g_assert_nonnull (row);
          g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Due "));
        }
      else
        g_assert_null (row);
    }
  /* The response deadline is not an update. */
  g_assert_cmpuint (n_updates, <, f->deadlines->len);
  g_assert_cmpuint (n_visible_rows (list), ==, n_updates);
  g_assert_cmpuint (_sitrep_due_list_get_n_shown (due), ==, n_updates);
  g_assert_null (find_label (GTK_WIDGET (list), "No update is due"));

  /* When the updates are all gone, it says so again. */
  sitrep_due_list_show (due, f->incident_id, NULL, now);
  g_assert_null (gtk_list_box_get_row_at_index (list, 0));
  g_assert_nonnull (find_label (GTK_WIDGET (list), "No update is due"));
}

/* One deadline read at three seconds of one minute, by the Overview's
 * list, the Updates page's list and a notification: the same countdown. */
static void
test_same_countdown (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SitrepDueList) overview = g_object_ref_sink (SITREP_DUE_LIST (sitrep_due_list_new (FALSE)));
  g_autoptr(SitrepDueList) updates = g_object_ref_sink (SITREP_DUE_LIST (sitrep_due_list_new (TRUE)));
  g_autoptr(GPtrArray) deadlines = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_deadline_free);
  g_autoptr(GDateTime) minute = g_date_time_new_utc (2026, 11, 27, 14, 28, 0);
  g_autoptr(GDateTime) tick = g_date_time_add_seconds (minute, 1);
  g_autoptr(GDateTime) refresh = g_date_time_add_seconds (minute, 50);
  g_autoptr(GDateTime) notified = g_date_time_add_seconds (minute, 30);
  g_autofree char *summary = NULL;
  SitrepDeadline *d = g_new0 (SitrepDeadline, 1);

  /* Due at 14:32:30: 4 min 29 s after the tick, 3 min 40 s after the refresh. */
  d->kind = SITREP_DEADLINE_UPDATE;
  d->audience = SITREP_AUDIENCE_EXECUTIVES;
  d->due = g_date_time_add_seconds (minute, 4 * 60 + 30);
  d->label = g_strdup ("Executive update due");
  g_ptr_array_add (deadlines, d);

  sitrep_due_list_show (overview, f->incident_id, deadlines, tick);
  sitrep_due_list_show (updates, f->incident_id, deadlines, refresh);
  summary = _sitrep_notifier_describe_due (d, SITREP_ALERT_WARNING, notified);

  g_assert_nonnull (find_label (GTK_WIDGET (_sitrep_due_list_get_list_box (overview)), "in 4 min"));
  g_assert_nonnull (find_label (GTK_WIDGET (_sitrep_due_list_get_list_box (updates)), "in 4 min"));
  g_assert_cmpstr (summary, ==, "Update to Executives due in 4 min");
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/due-list/all-deadlines", Fixture, NULL,
              fixture_set_up, test_all_deadlines, fixture_tear_down);
  g_test_add ("/gui/due-list/same-countdown", Fixture, NULL,
              fixture_set_up, test_same_countdown, fixture_tear_down);
  g_test_add ("/gui/due-list/updates-only", Fixture, NULL,
              fixture_set_up, test_updates_only, fixture_tear_down);

  return g_test_run ();
}

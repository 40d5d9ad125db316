/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gui-test-util.h"
#include "gui-test-time.h"

#include "sitrep-json.h"
#include "sitrep-time.h"
#include "sitrep-timeline-row.h"
#include "sitrep-window-private.h"

typedef struct
{
  char          *data_dir;
  SitrepContext *context;
  char          *incident_id;
  SitrepWindow  *window;
} Fixture;

static SitrepWindow *
open_timeline (Fixture *f)
{
  SitrepWindow *window = sitrep_window_new (NULL, f->context);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sitrep_window_select_incident (window, f->incident_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "timeline"));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (_sitrep_window_get_timeline (window))));

  return window;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("sitrep-timeline-XXXXXX", NULL);
  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "carol");
  f->incident_id = sitrep_context_declare_incident (f->context, "Checkout errors", "checkout",
                                                    "Some payments fail", SITREP_SEVERITY_P2,
                                                    &error);
  g_assert_no_error (error);
  f->window = open_timeline (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gui_test_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->context);
  g_free (f->incident_id);
  g_free (f->data_dir);
}

static SitrepTimelineEntry *
entry_at (SitrepTimelinePage *page,
          guint               position)
{
  g_autoptr(SitrepTimelineEntry) entry =
    g_list_model_get_item (G_LIST_MODEL (_sitrep_timeline_page_get_model (page)), position);

  return entry;   /* the model keeps its own reference */
}

static SitrepTimelineEntry *
find_entry (SitrepTimelinePage *page,
            const char         *text)
{
  GListModel *model = G_LIST_MODEL (_sitrep_timeline_page_get_model (page));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      SitrepTimelineEntry *entry = entry_at (page, i);

      if (g_str_equal (sitrep_timeline_entry_get_text (entry), text))
        return entry;
    }

  return NULL;
}

static guint
n_entries (SitrepTimelinePage *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (_sitrep_timeline_page_get_model (page)));
}

static void
type_and_capture (SitrepTimelinePage *page,
                  const char         *text)
{
  gtk_editable_set_text (_sitrep_timeline_page_get_capture (page), text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "timeline.capture", NULL));
}

static gint64
seconds_ago (SitrepTimelineEntry *entry)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_difference (now, sitrep_timeline_entry_get_occurred_at (entry)) /
         G_TIME_SPAN_SECOND;
}

/* The incident began @hours ago, so a recent time is plausible. */
static void
detected_hours_ago (Fixture *f,
                    int      hours)
{
  SitrepIncident *incident = sitrep_context_lookup_incident (f->context, f->incident_id);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) detected = g_date_time_add_hours (now, -hours);
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_workspace_set_milestone (test_workspace (f->context, f->incident_id),
                                                 SITREP_MILESTONE_DETECTED, detected, &error));
  g_assert_no_error (error);
  WAIT_UNTIL (sitrep_incident_get_milestone (incident, SITREP_MILESTONE_DETECTED) != NULL &&
              g_date_time_compare (sitrep_incident_get_milestone (incident,
                                                                  SITREP_MILESTONE_DETECTED),
                                   now) < 0);
}

static void
test_capture (Fixture       *f,
              gconstpointer  data)
{
  SitrepTimelinePage *page = _sitrep_window_get_timeline (f->window);
  SitrepTimelineEntry *entry;

  /* Declaring wrote the first entry. */
  g_assert_cmpuint (n_entries (page), ==, 1);
  detected_hours_ago (f, 1);

  /* Enter adds at now, as a note by the current user, and clears the line. */
  type_and_capture (page, "Restarted the payment pods");
  WAIT_UNTIL (n_entries (page) == 2);
  entry = find_entry (page, "Restarted the payment pods");
  g_assert_nonnull (entry);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_KIND_NOTE);
  g_assert_cmpstr (sitrep_timeline_entry_get_author (entry), ==, "carol");
  g_assert_cmpint (seconds_ago (entry), <=, 5);
  g_assert_cmpstr (gtk_editable_get_text (_sitrep_timeline_page_get_capture (page)), ==, "");

  /* A leading relative time backdates; a prefix picks the kind. The entry
   * lands in time order, before the one just added. */
  type_and_capture (page, "-10m decision: roll back the deploy");
  WAIT_UNTIL (n_entries (page) == 3);
  entry = find_entry (page, "roll back the deploy");
  g_assert_nonnull (entry);
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_KIND_DECISION);
  g_assert_cmpint (seconds_ago (entry), >=, 595);
  g_assert_cmpint (seconds_ago (entry), <=, 610);
  g_assert_true (entry_at (page, 0) == entry);

  /* Ctrl+N picks the kind of the next entry, that one only. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "timeline.kind", "i",
                                             SITREP_KIND_MITIGATION));
  type_and_capture (page, "Raised the connection pool size");
  WAIT_UNTIL (n_entries (page) == 4);
  entry = find_entry (page, "Raised the connection pool size");
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_KIND_MITIGATION);
  type_and_capture (page, "Pool size holding at 200");
  WAIT_UNTIL (n_entries (page) == 5);
  entry = find_entry (page, "Pool size holding at 200");
  g_assert_cmpint (sitrep_timeline_entry_get_kind (entry), ==, SITREP_KIND_NOTE);

  /* Nothing typed, or only a time: an error, nothing written. */
  type_and_capture (page, "  ");
  type_and_capture (page, "14:32");
  WAIT_IDLE ();
  g_assert_cmpuint (n_entries (page), ==, 5);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_sitrep_timeline_page_get_capture (page)),
                                           "error"));
}

static void
test_edit_in_place (Fixture       *f,
                    gconstpointer  data)
{
  SitrepTimelinePage *page = _sitrep_window_get_timeline (f->window);
  g_autoptr(GPtrArray) history = NULL;
  SitrepTimelineEntry *entry;
  SitrepHistoryEntry *change;
  GtkWidget *row;
  g_autofree char *id = NULL;

  type_and_capture (page, "Pool exhausted");
  WAIT_UNTIL (find_entry (page, "Pool exhausted") != NULL);
  entry = find_entry (page, "Pool exhausted");
  id = g_strdup (sitrep_timeline_entry_get_id (entry));

  _sitrep_timeline_page_select (page, id);
  WAIT_UNTIL ((row = _sitrep_timeline_page_get_row (page, id)) != NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "timeline.edit", NULL));
  g_assert_true (sitrep_timeline_row_is_editing (SITREP_TIMELINE_ROW (row)));

  /* Escape-equivalent: cancelling writes nothing. */
  gtk_editable_set_text (_sitrep_timeline_row_get_text_entry (SITREP_TIMELINE_ROW (row)), "junk");
  g_assert_true (gtk_widget_activate_action (row, "row.cancel", NULL));
  g_assert_false (sitrep_timeline_row_is_editing (SITREP_TIMELINE_ROW (row)));
  g_assert_cmpstr (sitrep_timeline_entry_get_text (entry), ==, "Pool exhausted");

  /* Edit text and time in place, save with Enter (row.save). */
  sitrep_timeline_row_start_edit (SITREP_TIMELINE_ROW (row));
  gtk_editable_set_text (_sitrep_timeline_row_get_text_entry (SITREP_TIMELINE_ROW (row)),
                         "DB connection pool exhausted");
  gtk_editable_set_text (_sitrep_timeline_row_get_time_entry (SITREP_TIMELINE_ROW (row)), "-20m");
  g_assert_true (gtk_widget_activate_action (row, "row.save", NULL));
  WAIT_UNTIL (g_str_equal (sitrep_timeline_entry_get_text (entry), "DB connection pool exhausted"));
  g_assert_cmpint (seconds_ago (entry), >=, 1195);

  /* Both changes are in the entry's history, after its writing: who,
   * before, after. */
  history = sitrep_context_list_history (f->context, "timeline", id);
  g_assert_cmpuint (history->len, ==, 3);
  change = history->pdata[0];
  g_assert_cmpstr (change->field, ==, "created");
  g_assert_cmpstr (change->after, ==, "Pool exhausted");
  change = history->pdata[1];
  g_assert_cmpstr (change->field, ==, "text");
  g_assert_cmpstr (change->before, ==, "Pool exhausted");
  g_assert_cmpstr (change->after, ==, "DB connection pool exhausted");
  g_assert_cmpstr (change->actor, ==, "carol");
  change = history->pdata[2];
  g_assert_cmpstr (change->field, ==, "occurred_at");

  /* The entry moved in time, so its row may be a new one. */
  WAIT_UNTIL ((row = _sitrep_timeline_page_get_row (page, id)) != NULL);

  /* A bad time keeps the row in edit mode and writes nothing. */
  sitrep_timeline_row_start_edit (SITREP_TIMELINE_ROW (row));
  gtk_editable_set_text (_sitrep_timeline_row_get_time_entry (SITREP_TIMELINE_ROW (row)),
                         "half past two");
  gtk_widget_activate_action (row, "row.save", NULL);
  g_assert_true (sitrep_timeline_row_is_editing (SITREP_TIMELINE_ROW (row)));
  g_clear_pointer (&history, g_ptr_array_unref);
  history = sitrep_context_list_history (f->context, "timeline", id);
  g_assert_cmpuint (history->len, ==, 3);
  gtk_widget_activate_action (row, "row.cancel", NULL);
}

static void
test_delete_undo_pin (Fixture       *f,
                      gconstpointer  data)
{
  SitrepTimelinePage *page = _sitrep_window_get_timeline (f->window);
  SitrepTimelineEntry *entry;
  g_autofree char *id = NULL;
  guint before;

  type_and_capture (page, "Failed over to the replica");
  WAIT_UNTIL (find_entry (page, "Failed over to the replica") != NULL);
  entry = find_entry (page, "Failed over to the replica");
  id = g_strdup (sitrep_timeline_entry_get_id (entry));
  before = n_entries (page);

  _sitrep_timeline_page_select (page, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "timeline.delete", NULL));
  WAIT_UNTIL (n_entries (page) == before - 1);
  g_assert_null (find_entry (page, "Failed over to the replica"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "timeline.undo", NULL));
  WAIT_UNTIL (n_entries (page) == before);
  entry = find_entry (page, "Failed over to the replica");
  g_assert_nonnull (entry);
  g_assert_cmpstr (sitrep_timeline_entry_get_id (entry), ==, id);

  /* Pin it; the pinned filter shows just it. */
  _sitrep_timeline_page_select (page, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "timeline.pin", NULL));
  WAIT_UNTIL (sitrep_timeline_entry_get_pinned (entry));
  _sitrep_timeline_page_set_filter (page, -1, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (_sitrep_timeline_page_get_shown (page)), ==, 1);
  _sitrep_timeline_page_set_filter (page, SITREP_KIND_STATUS, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (_sitrep_timeline_page_get_shown (page)), ==, 1);
  _sitrep_timeline_page_set_filter (page, -1, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (_sitrep_timeline_page_get_shown (page)), ==, before);

  /* Unpin again. */
  _sitrep_timeline_page_select (page, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "timeline.pin", NULL));
  WAIT_UNTIL (!sitrep_timeline_entry_get_pinned (entry));
}

static void
test_two_windows (Fixture       *f,
                  gconstpointer  data)
{
  SitrepWindow *second = open_timeline (f);
  SitrepTimelinePage *first_page = _sitrep_window_get_timeline (f->window);
  SitrepTimelinePage *second_page = _sitrep_window_get_timeline (second);
  SitrepTimelineEntry *entry;
  GtkWidget *row;
  g_autofree char *id = NULL;

  /* The scribe types in the second window; the IC's window shows it. */
  gtk_widget_grab_focus (GTK_WIDGET (_sitrep_timeline_page_get_capture (first_page)));
  gtk_editable_set_text (_sitrep_timeline_page_get_capture (first_page), "half-typed");
  type_and_capture (second_page, "Status page updated");
  WAIT_UNTIL (find_entry (first_page, "Status page updated") != NULL);

  /* …without touching what the IC was typing. */
  g_assert_cmpstr (gtk_editable_get_text (_sitrep_timeline_page_get_capture (first_page)), ==,
                   "half-typed");

  /* An edit in the second window changes the first window's row. */
  entry = find_entry (second_page, "Status page updated");
  id = g_strdup (sitrep_timeline_entry_get_id (entry));
  _sitrep_timeline_page_select (second_page, id);
  WAIT_UNTIL ((row = _sitrep_timeline_page_get_row (second_page, id)) != NULL);
  sitrep_timeline_row_start_edit (SITREP_TIMELINE_ROW (row));
  gtk_editable_set_text (_sitrep_timeline_row_get_text_entry (SITREP_TIMELINE_ROW (row)),
                         "Status page updated: investigating");
  gtk_widget_activate_action (row, "row.save", NULL);
  WAIT_UNTIL (find_entry (first_page, "Status page updated: investigating") != NULL);
  WAIT_UNTIL (_sitrep_timeline_page_get_row (first_page, id) != NULL);

  gui_test_destroy (GTK_WINDOW (second));
}

static gboolean
occurred_at_is (SitrepTimelineEntry *entry,
                const char          *when)
{
  g_autoptr(GDateTime) expected = sitrep_time_parse (when);

  return entry != NULL && g_date_time_equal (sitrep_timeline_entry_get_occurred_at (entry),
                                             expected);
}

static void
test_draft_survives (Fixture       *f,
                     gconstpointer  data)
{
  SitrepTimelinePage *page = _sitrep_window_get_timeline (f->window);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GtkWidget *row;

  type_and_capture (page, "Cache warmed");
  WAIT_UNTIL (find_entry (page, "Cache warmed") != NULL);
  id = g_strdup (sitrep_timeline_entry_get_id (find_entry (page, "Cache warmed")));
  WAIT_UNTIL ((row = _sitrep_timeline_page_get_row (page, id)) != NULL);

  /* The scribe is rewording the entry… */
  sitrep_timeline_row_start_edit (SITREP_TIMELINE_ROW (row));
  gtk_editable_set_text (_sitrep_timeline_row_get_text_entry (SITREP_TIMELINE_ROW (row)),
                         "Cache warmed on all 12 nodes");

  /* …when someone else moves it in time: the list rebinds its rows. */
  json_object_set_string_member (fields, "occurred_at", "2026-11-27T00:00:01Z");
  g_assert_true (sitrep_workspace_edit_timeline_entry (test_workspace (f->context, f->incident_id), id, fields, &error));
  g_assert_no_error (error);
  WAIT_UNTIL (occurred_at_is (find_entry (page, "Cache warmed"), "2026-11-27T00:00:01Z"));
  WAIT_IDLE ();

  /* What was typed is still there, still being edited. */
  WAIT_UNTIL ((row = _sitrep_timeline_page_get_row (page, id)) != NULL);
  g_assert_true (sitrep_timeline_row_is_editing (SITREP_TIMELINE_ROW (row)));
  g_assert_cmpstr (gtk_editable_get_text (_sitrep_timeline_row_get_text_entry (SITREP_TIMELINE_ROW (row))),
                   ==, "Cache warmed on all 12 nodes");
}

static guint
count_signals_of (gpointer object,
                  GType    type)
{
  guint n_ids = 0;
  g_autofree guint *ids = g_signal_list_ids (type, &n_ids);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gulong));

  /* Each found is blocked so that the next search finds another. */
  for (guint i = 0; i < n_ids; i++)
    {
      gulong handler;

      while ((handler = g_signal_handler_find (object, G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_UNBLOCKED,
                                               ids[i], 0, NULL, NULL, NULL)) != 0)
        {
          g_signal_handler_block (object, handler);
          g_array_append_val (found, handler);
        }
    }
  for (guint i = 0; i < found->len; i++)
    g_signal_handler_unblock (object, g_array_index (found, gulong, i));
  return found->len;
}

/* How many handlers are connected to @object, over every signal of its
 * type, its ancestors and its interfaces. */
static guint
count_handlers (gpointer object)
{
  guint n_interfaces = 0;
  g_autofree GType *interfaces = g_type_interfaces (G_OBJECT_TYPE (object), &n_interfaces);
  guint n = 0;

  for (GType type = G_OBJECT_TYPE (object); type != 0; type = g_type_parent (type))
    n += count_signals_of (object, type);
  for (guint i = 0; i < n_interfaces; i++)
    n += count_signals_of (object, interfaces[i]);
  return n;
}

typedef struct
{
  GObject *objects[5];
  guint    before[5];
} Listened;

/* What a window listens to that outlives it: the context, its store and
 * incident list, the incident and its shared timeline model. */
static void
listened_init (Listened *l,
               Fixture  *f)
{
  l->objects[0] = G_OBJECT (f->context);
  l->objects[1] = G_OBJECT (sitrep_context_get_store (f->context));
  l->objects[2] = G_OBJECT (sitrep_context_get_incidents (f->context));
  l->objects[3] = G_OBJECT (sitrep_context_lookup_incident (f->context, f->incident_id));
  l->objects[4] = g_object_ref (G_OBJECT (sitrep_workspace_get_timeline (test_workspace (f->context,
                                                                                      f->incident_id))));
  for (guint i = 0; i < G_N_ELEMENTS (l->objects); i++)
    l->before[i] = count_handlers (l->objects[i]);
}

static guint
listened_extra (Listened *l)
{
  guint extra = 0;

  for (guint i = 0; i < G_N_ELEMENTS (l->objects); i++)
    {
      guint now = count_handlers (l->objects[i]);

      extra += now > l->before[i] ? now - l->before[i] : 0;
    }
  return extra;
}

/* Closing a second window leaves nothing of it listening to the context,
 * the store, the incident or the timeline the first one still shows. */
static void
test_second_window_closed (Fixture       *f,
                           gconstpointer  data)
{
  SitrepTimelinePage *page = _sitrep_window_get_timeline (f->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  SitrepWindow *second;
  Listened listened;

  listened_init (&listened, f);

  /* The second window does listen while it is open… */
  second = open_timeline (f);
  g_object_add_weak_pointer (G_OBJECT (second), (gpointer *) &second);
  g_assert_cmpuint (listened_extra (&listened), >, 0);

  /* …and none of it is left once it is gone. */
  gtk_window_destroy (GTK_WINDOW (second));
  WAIT_UNTIL (second == NULL);
  WAIT_UNTIL (listened_extra (&listened) == 0);

  /* The first window still follows the timeline. */
  id = sitrep_workspace_add_timeline_entry (test_workspace (f->context, f->incident_id), NULL, SITREP_KIND_NOTE,
                                          "After the second window closed", &error);
  g_assert_no_error (error);
  WAIT_UNTIL (find_entry (page, "After the second window closed") != NULL);
  g_object_unref (listened.objects[4]);
}

/* Opening an incident's timeline shows its newest entry: the list is
 * scrolled to the end, not left at the declaration. */
static void
test_opens_at_newest (Fixture       *f,
                      gconstpointer  data)
{
  SitrepWorkspace *workspace = test_workspace (f->context, f->incident_id);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  SitrepTimelinePage *page;
  GtkAdjustment *adj;
  SitrepWindow *second;

  for (int i = 0; i < 80; i++)
    {
      g_autoptr(GDateTime) at = g_date_time_add_seconds (now, i - 80);
      g_autofree char *text = g_strdup_printf ("Step %d of the recovery", i);
      g_autofree char *id = sitrep_workspace_add_timeline_entry (workspace, at, SITREP_KIND_NOTE,
                                                                 text, &error);

      g_assert_no_error (error);
    }

  /* As a person opens it: the incident first (its overview), then the
   * timeline page. */
  second = sitrep_window_new (NULL, f->context);
  gtk_window_present (GTK_WINDOW (second));
  g_assert_true (sitrep_window_select_incident (second, f->incident_id));
  page = _sitrep_window_get_timeline (second);
  WAIT_UNTIL (n_entries (page) == 81);
  WAIT_IDLE ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second), "win.page", "s", "timeline"));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)));
  adj = gtk_scrollable_get_vadjustment (
    GTK_SCROLLABLE (_sitrep_timeline_page_get_list_view (page)));
  WAIT_UNTIL (gtk_adjustment_get_upper (adj) > 2 * gtk_adjustment_get_page_size (adj) &&
              gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
              gtk_adjustment_get_upper (adj) - 1);
  gui_test_destroy (GTK_WINDOW (second));
}

/* Typed times ------------------------------------------------------------
 * A scribe in Berlin types the clock time they see. These run with TZ set,
 * in a process of their own (GLib keeps the local zone it first reads). */

static const char *
capture_hint (SitrepTimelinePage *page)
{
  return gtk_entry_get_placeholder_text (GTK_ENTRY (_sitrep_timeline_page_get_capture (page)));
}

static gboolean
same_time (GDateTime *a,
           GDateTime *b)
{
  return g_date_time_compare (a, b) == 0;
}

/* "13:50 …" typed in CET is 12:50 UTC today, filed without a question;
 * the capture line says how it reads. */
static void
test_typed_time_local (Fixture       *f,
                       gconstpointer  data)
{
  SitrepTimelinePage *page;
  g_autoptr(GTimeZone) berlin = NULL;
  g_autoptr(GDateTime) expected = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *line = NULL;
  g_autofree char *zone = NULL;
  g_autofree char *hint = NULL;
  SitrepTimelineEntry *entry;

  if (!in_berlin ())
    return;

  page = _sitrep_window_get_timeline (f->window);
  detected_hours_ago (f, 3);
  berlin = g_time_zone_new_identifier ("Europe/Berlin");
  now = g_date_time_new_now (berlin);
  zone = g_date_time_format (now, "%Z");
  g_assert_true (g_str_equal (zone, "CET") || g_str_equal (zone, "CEST"));

  hint = g_strdup_printf ("13:50 (read as %s)", zone);
  g_assert_nonnull (strstr (capture_hint (page), hint));

  expected = clock_time (berlin, -15, &typed);
  if (expected == NULL)
    {
      g_test_skip ("a quarter of an hour ago was yesterday in Berlin");
      return;
    }
  line = g_strdup_printf ("%s restarted the payment pods", typed);
  type_and_capture (page, line);
  WAIT_UNTIL ((entry = find_entry (page, "restarted the payment pods")) != NULL);
  g_assert_null (_sitrep_timeline_page_get_ask_dialog (page));
  g_assert_true (same_time (sitrep_timeline_entry_get_occurred_at (entry), expected));
  /* today, a quarter of an hour ago: one or two hours off UTC's clock */
  g_assert_cmpint (seconds_ago (entry), >=, 14 * 60);
  g_assert_cmpint (seconds_ago (entry), <=, 16 * 60);
  g_assert_cmpstr (gtk_editable_get_text (_sitrep_timeline_page_get_capture (page)), ==, "");
}

/* With UTC chosen in Preferences, the same scribe's typed time is UTC. */
static void
test_typed_time_utc (Fixture       *f,
                     gconstpointer  data)
{
  SitrepTimelinePage *page;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) expected = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *line = NULL;
  SitrepTimelineEntry *entry;

  if (!in_berlin ())
    return;

  page = _sitrep_window_get_timeline (f->window);
  detected_hours_ago (f, 3);
  set_input_zone (SITREP_TIME_INPUT_UTC);
  WAIT_UNTIL (strstr (capture_hint (page), "13:50 (read as UTC)") != NULL);

  expected = clock_time (utc, -15, &typed);
  if (expected == NULL)
    {
      g_test_skip ("a quarter of an hour ago was yesterday in UTC");
      return;
    }
  line = g_strdup_printf ("%s failed over to the replica", typed);
  type_and_capture (page, line);
  WAIT_UNTIL ((entry = find_entry (page, "failed over to the replica")) != NULL);
  g_assert_true (same_time (sitrep_timeline_entry_get_occurred_at (entry), expected));
  set_input_zone (SITREP_TIME_INPUT_LOCAL);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
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

/* Answers the dialog as a person does: with its button. */
static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  GtkWidget *button =
    find_button (GTK_WIDGET (dialog), adw_message_dialog_get_response_label (dialog, response));

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static const char *
dialog_heading (SitrepTimelinePage *page)
{
  return adw_message_dialog_get_heading (_sitrep_timeline_page_get_ask_dialog (page));
}

/* A time later than now is asked about, never filed on the previous day
 * unasked; Cancel keeps the line, Use Now files the text now, and the
 * other day is there to choose. */
static void
test_typed_time_future (Fixture       *f,
                        gconstpointer  data)
{
  SitrepTimelinePage *page;
  g_autoptr(GTimeZone) berlin = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) yesterday = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *line = NULL;
  g_autofree char *label = NULL;
  AdwMessageDialog *dialog;
  SitrepTimelineEntry *entry;
  guint before;

  if (!in_berlin ())
    return;

  page = _sitrep_window_get_timeline (f->window);
  detected_hours_ago (f, 30);
  berlin = g_time_zone_new_identifier ("Europe/Berlin");
  later = clock_time (berlin, 20, &typed);
  if (later == NULL)
    {
      g_test_skip ("twenty minutes from now is tomorrow in Berlin");
      return;
    }
  before = n_entries (page);
  line = g_strdup_printf ("%s rolled back the deploy", typed);
  /* A narrow window: the dialog stacks its buttons. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 700);
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (f->window)) <= 400);

  type_and_capture (page, line);
  WAIT_UNTIL ((dialog = _sitrep_timeline_page_get_ask_dialog (page)) != NULL);
  g_assert_nonnull (strstr (dialog_heading (page), typed));
  g_assert_nonnull (strstr (dialog_heading (page), "Later Than Now"));
  label = g_strdup_printf ("File at %s _Yesterday", typed);
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "yesterday"), ==, label);
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "now"), ==, "Use _Now");
  /* Enter, pressed again in haste, guesses nothing: it cancels, also when
   * the buttons are stacked. */
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  WAIT_UNTIL (gtk_window_get_focus (GTK_WINDOW (dialog)) != NULL &&
              gtk_window_get_focus (GTK_WINDOW (dialog)) ==
              find_button (GTK_WIDGET (dialog), "_Cancel"));
  /* The buttons re-laid out move the focus (as a window settling its size
   * does): before the scribe touches anything, it goes back to Cancel. */
  gtk_widget_grab_focus (find_button (GTK_WIDGET (dialog), label));
  WAIT_UNTIL (gtk_window_get_focus (GTK_WINDOW (dialog)) ==
              find_button (GTK_WIDGET (dialog), "_Cancel"));

  /* Cancel: nothing filed, the line as typed. */
  answer (dialog, "cancel");
  WAIT_UNTIL (_sitrep_timeline_page_get_ask_dialog (page) == NULL);
  WAIT_IDLE ();
  g_assert_cmpuint (n_entries (page), ==, before);
  g_assert_cmpstr (gtk_editable_get_text (_sitrep_timeline_page_get_capture (page)), ==, line);

  /* Use Now: the text, at the current time. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "timeline.capture", NULL));
  WAIT_UNTIL ((dialog = _sitrep_timeline_page_get_ask_dialog (page)) != NULL);
  answer (dialog, "now");
  WAIT_UNTIL ((entry = find_entry (page, "rolled back the deploy")) != NULL);
  g_assert_cmpint (seconds_ago (entry), <=, 5);
  g_assert_cmpint (seconds_ago (entry), >=, -1);
  g_assert_cmpstr (gtk_editable_get_text (_sitrep_timeline_page_get_capture (page)), ==, "");

  /* The previous day, when that is what was meant. */
  g_free (line);
  line = g_strdup_printf ("%s night shift handed over", typed);
  type_and_capture (page, line);
  WAIT_UNTIL ((dialog = _sitrep_timeline_page_get_ask_dialog (page)) != NULL);
  answer (dialog, "yesterday");
  WAIT_UNTIL ((entry = find_entry (page, "night shift handed over")) != NULL);
  yesterday = g_date_time_add_days (later, -1);
  g_assert_true (same_time (sitrep_timeline_entry_get_occurred_at (entry), yesterday));
}

/* A time before the incident began is asked about too. */
static void
test_typed_time_before_incident (Fixture       *f,
                                 gconstpointer  data)
{
  SitrepTimelinePage *page;
  g_autoptr(GTimeZone) berlin = NULL;
  g_autoptr(GDateTime) earlier = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *line = NULL;
  AdwMessageDialog *dialog;
  SitrepTimelineEntry *entry;
  guint before;

  if (!in_berlin ())
    return;

  /* Declared just now: half an hour ago is before it began. */
  page = _sitrep_window_get_timeline (f->window);
  berlin = g_time_zone_new_identifier ("Europe/Berlin");
  earlier = clock_time (berlin, -30, &typed);
  if (earlier == NULL)
    {
      g_test_skip ("half an hour ago was yesterday in Berlin");
      return;
    }
  before = n_entries (page);
  line = g_strdup_printf ("%s first customer complaint", typed);

  type_and_capture (page, line);
  WAIT_UNTIL ((dialog = _sitrep_timeline_page_get_ask_dialog (page)) != NULL);
  g_assert_nonnull (strstr (dialog_heading (page), "Before the Incident Began"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "first customer complaint"));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  WAIT_UNTIL (gtk_window_get_focus (GTK_WINDOW (dialog)) != NULL &&
              gtk_window_get_focus (GTK_WINDOW (dialog)) ==
              find_button (GTK_WIDGET (dialog), "_Cancel"));
  answer (dialog, "cancel");
  WAIT_UNTIL (_sitrep_timeline_page_get_ask_dialog (page) == NULL);
  WAIT_IDLE ();
  g_assert_cmpuint (n_entries (page), ==, before);
  g_assert_cmpstr (gtk_editable_get_text (_sitrep_timeline_page_get_capture (page)), ==, line);

  /* Filed as typed when that is what the scribe says. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "timeline.capture", NULL));
  WAIT_UNTIL ((dialog = _sitrep_timeline_page_get_ask_dialog (page)) != NULL);
  answer (dialog, "file");
  WAIT_UNTIL ((entry = find_entry (page, "first customer complaint")) != NULL);
  g_assert_true (same_time (sitrep_timeline_entry_get_occurred_at (entry), earlier));
}

static void
on_toast_dismissed (AdwToast *toast,
                    gboolean *dismissed)
{
  *dismissed = TRUE;
}

/* Ctrl+Z undoes the deletion, and the toast offering Undo goes with it. */
static void
test_undo_dismisses_toast (Fixture       *f,
                           gconstpointer  data)
{
  SitrepTimelinePage *page = _sitrep_window_get_timeline (f->window);
  gboolean dismissed = FALSE;
  AdwToast *toast;
  guint before;

  type_and_capture (page, "Paged the database team");
  WAIT_UNTIL (find_entry (page, "Paged the database team") != NULL);
  before = n_entries (page);
  _sitrep_timeline_page_select (
    page, sitrep_timeline_entry_get_id (find_entry (page, "Paged the database team")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "timeline.delete", NULL));
  WAIT_UNTIL (n_entries (page) == before - 1);
  toast = _sitrep_timeline_page_get_undo_toast (page);
  g_assert_nonnull (toast);
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_toast_dismissed), &dismissed);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "timeline.undo", NULL));
  g_assert_true (dismissed);
  WAIT_UNTIL (n_entries (page) == before);
}

/* The entry editor reads and shows its time in the scribe's zone too, and
 * refuses a time still to come rather than filing it on another day. */
static void
test_row_time_local (Fixture       *f,
                     gconstpointer  data)
{
  SitrepTimelinePage *page;
  g_autoptr(GTimeZone) berlin = NULL;
  g_autoptr(GDateTime) expected = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *future = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *id = NULL;
  SitrepTimelineEntry *entry;
  GtkWidget *row;

  if (!in_berlin ())
    return;

  page = _sitrep_window_get_timeline (f->window);
  detected_hours_ago (f, 3);
  berlin = g_time_zone_new_identifier ("Europe/Berlin");
  expected = clock_time (berlin, -20, &typed);
  later = clock_time (berlin, 60, &future);
  if (expected == NULL || later == NULL)
    {
      g_test_skip ("the times would fall on another day in Berlin");
      return;
    }

  type_and_capture (page, "Rolled back the release");
  WAIT_UNTIL ((entry = find_entry (page, "Rolled back the release")) != NULL);
  id = g_strdup (sitrep_timeline_entry_get_id (entry));
  WAIT_UNTIL ((row = _sitrep_timeline_page_get_row (page, id)) != NULL);
  sitrep_timeline_row_start_edit (SITREP_TIMELINE_ROW (row));

  /* The row shows the Berlin clock first, UTC under it. */
  {
    g_autoptr(GDateTime) there = g_date_time_to_timezone (sitrep_timeline_entry_get_occurred_at (entry),
                                                          berlin);
    g_autofree char *first = g_date_time_format (there, "%H:%M:%S %Z");
    const char *label = _sitrep_timeline_row_get_time_text (SITREP_TIMELINE_ROW (row));

    g_assert_true (g_str_has_prefix (label, first));
    g_assert_nonnull (strstr (label, " UTC"));
  }

  /* The editor shows the Berlin clock. */
  {
    g_autoptr(GDateTime) there = g_date_time_to_timezone (sitrep_timeline_entry_get_occurred_at (entry),
                                                          berlin);

    shown = g_date_time_format (there, "%Y-%m-%d %H:%M:%S");
    g_assert_cmpstr (gtk_editable_get_text (_sitrep_timeline_row_get_time_entry (SITREP_TIMELINE_ROW (row))),
                     ==, shown);
  }

  /* A time an hour ahead is refused, and the editor stays open. */
  gtk_editable_set_text (_sitrep_timeline_row_get_time_entry (SITREP_TIMELINE_ROW (row)), future);
  gtk_widget_activate_action (row, "row.save", NULL);
  g_assert_true (sitrep_timeline_row_is_editing (SITREP_TIMELINE_ROW (row)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_sitrep_timeline_row_get_time_entry (SITREP_TIMELINE_ROW (row))),
                                           "error"));

  /* Twenty minutes ago on the Berlin clock is filed as that instant. */
  gtk_editable_set_text (_sitrep_timeline_row_get_time_entry (SITREP_TIMELINE_ROW (row)), typed);
  g_assert_true (gtk_widget_activate_action (row, "row.save", NULL));
  WAIT_UNTIL ((entry = find_entry (page, "Rolled back the release")) != NULL &&
              same_time (sitrep_timeline_entry_get_occurred_at (entry), expected));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/timeline/capture", Fixture, NULL, fixture_set_up, test_capture,
              fixture_tear_down);
  g_test_add ("/gui/timeline/edit-in-place", Fixture, NULL, fixture_set_up, test_edit_in_place,
              fixture_tear_down);
  g_test_add ("/gui/timeline/delete-undo-pin", Fixture, NULL, fixture_set_up,
              test_delete_undo_pin, fixture_tear_down);
  g_test_add ("/gui/timeline/two-windows", Fixture, NULL, fixture_set_up, test_two_windows,
              fixture_tear_down);
  g_test_add ("/gui/timeline/draft-survives", Fixture, NULL, fixture_set_up, test_draft_survives,
              fixture_tear_down);
  g_test_add ("/gui/timeline/second-window-closed", Fixture, NULL, fixture_set_up,
              test_second_window_closed, fixture_tear_down);
  g_test_add ("/gui/timeline/opens-at-newest", Fixture, NULL, fixture_set_up,
              test_opens_at_newest, fixture_tear_down);
  g_test_add ("/gui/timeline/typed-time-local", Fixture, NULL, fixture_set_up,
              test_typed_time_local, fixture_tear_down);
  g_test_add ("/gui/timeline/typed-time-utc", Fixture, NULL, fixture_set_up,
              test_typed_time_utc, fixture_tear_down);
  g_test_add ("/gui/timeline/typed-time-future", Fixture, NULL, fixture_set_up,
              test_typed_time_future, fixture_tear_down);
  g_test_add ("/gui/timeline/typed-time-before-incident", Fixture, NULL, fixture_set_up,
              test_typed_time_before_incident, fixture_tear_down);
  g_test_add ("/gui/timeline/row-time-local", Fixture, NULL, fixture_set_up,
              test_row_time_local, fixture_tear_down);
  g_test_add ("/gui/timeline/undo-dismisses-toast", Fixture, NULL, fixture_set_up,
              test_undo_dismisses_toast, fixture_tear_down);

  return g_test_run ();
}

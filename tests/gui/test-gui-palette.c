/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-palette.c: the incident bot's commands in the real window
 *
 * A window on a real data folder. The command palette (Ctrl+K) is driven
 * through its entry and its list: it completes, describes, runs each
 * command (the records and the incident are checked, not the text only)
 * and keeps a malformed command with the error in place. The timeline's
 * capture line runs a line that starts with "/". A page's outcome, as the
 * server writes it into the record, shows on the Roles page and under the
 * timeline's "Paged" entry.
 */
#include "config.h"

#include <string.h>

#include "gui-test-apps.h"

#include "sitrep-command-palette.h"
#include "sitrep-command-runner.h"
#include "sitrep-enum-strings.h"
#include "sitrep-json.h"
#include "sitrep-page-request.h"
#include "sitrep-page-row.h"
#include "sitrep-roles-page-private.h"
#include "sitrep-time.h"
#include "sitrep-timeline-row.h"

typedef struct
{
  GuiTestApp  app;
  char       *incident_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) service = json_object_new ();
  JsonArray *escalation = json_array_new ();

  /* Screenshots show the pages, not a cross-fade between them. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  gui_test_app_start (&f->app, NULL, "carol", NULL);
  f->incident_id = sitrep_context_declare_incident (f->app.context, "Checkout errors", "payments",
                                                    "Some card payments fail",
                                                    SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);

  /* The catalogue names the teams the palette offers. */
  json_object_set_string_member (service, "owner_team", "payments-team");
  json_object_set_boolean_member (service, "critical", TRUE);
  json_array_add_string_element (escalation, "database-team");
  json_array_add_string_element (escalation, "platform-team");
  json_object_set_array_member (service, "escalation", escalation);
  g_assert_true (sitrep_store_put (sitrep_context_get_store (f->app.context), "services",
                                   "payments", service, &error));
  g_assert_no_error (error);

  gui_test_app_open_page (&f->app, f->incident_id, "overview");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  gui_test_app_stop (&f->app);
  g_free (f->incident_id);
}

static SitrepIncident *
incident (Fixture *f)
{
  return sitrep_context_lookup_incident (f->app.context, f->incident_id);
}

static SitrepCommandPalette *
open_palette (Fixture *f)
{
  SitrepCommandPalette *palette = _sitrep_window_get_palette (f->app.window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->app.window), "win.command-palette",
                                             NULL));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (palette)));
  return palette;
}

static void
type (SitrepCommandPalette *palette,
      const char           *text)
{
  GtkEditable *entry = _sitrep_command_palette_get_entry (palette);

  gtk_editable_set_text (entry, text);
  gtk_editable_set_position (entry, -1);
}

static void
press_enter (SitrepCommandPalette *palette)
{
  g_signal_emit_by_name (_sitrep_command_palette_get_entry (palette), "activate");
}

/* Types @command and presses Enter; it ran when the palette closed. */
static void
run (Fixture    *f,
     const char *command)
{
  SitrepCommandPalette *palette = open_palette (f);

  g_test_message ("running: %s", command);
  type (palette, command);
  press_enter (palette);
  WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (palette)));
  g_assert_cmpstr (gtk_editable_get_text (_sitrep_command_palette_get_entry (palette)), ==, "");
}

/* A key pressed in @widget, as its key controllers hear it. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

static char *
words (GListModel *list)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_string_append_printf (joined, "%s%s", i ? "," : "",
                            gtk_string_list_get_string (GTK_STRING_LIST (list), i));
  return g_string_free (joined, FALSE);
}

/* The newest timeline record of @kind, or NULL. */
static SitrepRecord *
last_entry (Fixture            *f,
            SitrepTimelineKind  kind)
{
  g_autoptr(GPtrArray) entries = sitrep_context_list_timeline (f->app.context, f->incident_id);

  for (guint i = entries->len; i > 0; i--)
    {
      SitrepRecord *entry = entries->pdata[i - 1];

      if (g_strcmp0 (sitrep_json_get_string (entry->body, "kind"),
                     sitrep_timeline_kind_to_string (kind)) == 0)
        return sitrep_record_copy (entry);
    }
  return NULL;
}

static AdwMessageDialog *
find_dialog (const char *heading)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return l->data;
  return NULL;
}

/* Completions follow the word at the cursor; the list completes it. */
static void
test_completes (Fixture       *f,
                gconstpointer  data)
{
  SitrepCommandPalette *palette = open_palette (f);
  GtkEditable *entry = _sitrep_command_palette_get_entry (palette);
  GListModel *completions = _sitrep_command_palette_get_completions (palette);
  g_autofree char *commands = NULL;
  g_autofree char *teams = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *ref = sitrep_incident_dup_display_ref (incident (f));
  g_autofree char *described = g_strdup_printf ("Page database-team for %s", ref);

  /* Opened, it offers the commands. */
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "/incident ");
  commands = words (completions);
  g_assert_cmpstr (commands, ==, "start,page,status,mitigate,resolve,note,role");

  type (palette, "/incident pa");
  g_assert_cmpuint (g_list_model_get_n_items (completions), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (gtk_widget_get_first_child (
                   gtk_widget_get_last_child (gtk_popover_get_child (GTK_POPOVER (palette))))),
                 "list.activate-item", "u", 0));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "/incident page ");

  /* Teams: the catalogue's owners and escalation teams, sorted. */
  teams = words (completions);
  g_assert_cmpstr (teams, ==, "database-team,payments-team,platform-team");
  type (palette, "/incident page data");
  g_assert_cmpuint (g_list_model_get_n_items (completions), ==, 1);
  type (palette, "/incident page database-team");
  g_assert_cmpstr (gtk_label_get_label (_sitrep_command_palette_get_hint (palette)), ==,
                   described);

  /* Tab takes the first completion; the arrow keys choose another, and
   * Enter then takes it rather than running the line. */
  type (palette, "/incident ro");
  g_assert_true (press_key (GTK_WIDGET (entry), GDK_KEY_Tab));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "/incident role ");
  g_assert_true (press_key (GTK_WIDGET (entry), GDK_KEY_Down));
  g_assert_true (press_key (GTK_WIDGET (entry), GDK_KEY_Down));
  press_enter (palette);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "/incident role deputy_commander ");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (palette)));

  type (palette, "/incident role c");
  roles = words (completions);
  g_assert_cmpstr (roles, ==, "commander,communications,customer_liaison");
  type (palette, "/incident role scribe ca");
  g_assert_cmpuint (g_list_model_get_n_items (completions), ==, 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (completions), 0), ==, "carol");

  type (palette, "/incident start Slow search p");
  g_assert_cmpuint (g_list_model_get_n_items (completions), ==, 4);

  gui_test_save_screenshot (GTK_WIDGET (palette), "palette-completions.png");
  type (palette, "/incident page database-team Primary is down");
  gui_test_save_screenshot (GTK_WIDGET (palette), "palette-description.png");
}

/* Each command does what the guide's bot list says. */
static void
test_runs_each_command (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SitrepRecord) note = NULL;
  g_autoptr(SitrepRecord) update = NULL;
  g_autoptr(SitrepRecord) mitigation = NULL;
  g_autoptr(SitrepRecord) paged = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *commander = NULL;
  SitrepWorkspace *workspace = test_workspace (f->app.context, f->incident_id);
  SitrepPageRequest *page;
  AdwMessageDialog *dialog;
  GListModel *incidents;
  gboolean found = FALSE;

  run (f, "/incident note \"Error rate at 27%\"");
  note = last_entry (f, SITREP_KIND_NOTE);
  g_assert_cmpstr (sitrep_json_get_string (note->body, "text"), ==, "Error rate at 27%");
  g_assert_cmpstr (sitrep_json_get_string (note->body, "author"), ==, "carol");

  run (f, "/incident status \"Identified database connection issue, working on fix\"");
  update = last_entry (f, SITREP_KIND_STATUS);
  g_assert_cmpint (sitrep_incident_get_status (incident (f)), ==, SITREP_STATUS_IDENTIFIED);
  {
    /* The update is on the timeline, before the move it asked for. */
    g_autoptr(GPtrArray) entries = sitrep_context_list_timeline (f->app.context, f->incident_id);
    gboolean has_update = FALSE;

    for (guint i = 0; i < entries->len; i++)
      has_update |= g_strcmp0 (sitrep_json_get_string (((SitrepRecord *) entries->pdata[i])->body,
                                                       "text"),
                               "Identified database connection issue, working on fix") == 0;
    g_assert_true (has_update);
  }

  g_assert_null (sitrep_incident_get_milestone (incident (f), SITREP_MILESTONE_MITIGATED));
  run (f, "/incident mitigate \"Rerouted traffic to backup database\"");
  mitigation = last_entry (f, SITREP_KIND_MITIGATION);
  g_assert_cmpstr (sitrep_json_get_string (mitigation->body, "text"), ==,
                   "Rerouted traffic to backup database");
  g_assert_nonnull (sitrep_incident_get_milestone (incident (f), SITREP_MILESTONE_MITIGATED));
  g_assert_cmpint (sitrep_incident_get_status (incident (f)), ==, SITREP_STATUS_MONITORING);

  run (f, "/incident role ic @alice");
  commander = sitrep_workspace_dup_role_person (workspace, SITREP_ROLE_COMMANDER);
  g_assert_cmpstr (commander, ==, "alice");

  run (f, "/incident page database-team Primary is down");
  pages = sitrep_context_dup_pages (f->app.context, f->incident_id);
  g_assert_cmpuint (pages->len, ==, 1);
  page = pages->pdata[0];
  g_assert_cmpstr (sitrep_page_request_get_team (page), ==, "database-team");
  g_assert_cmpstr (sitrep_page_request_get_message (page), ==, "Primary is down");
  g_assert_cmpstr (sitrep_page_request_get_requested_by (page), ==, "carol");
  g_assert_cmpint (sitrep_page_request_get_delivery (page), ==, SITREP_PAGE_DELIVERY_PENDING);
  paged = last_entry (f, SITREP_KIND_ACTION);
  g_assert_cmpstr (sitrep_json_get_string (paged->body, "text"), ==,
                   "Paged database-team: Primary is down");
  g_assert_cmpstr (sitrep_json_get_string (paged->body, "page_id"), ==,
                   sitrep_record_object_get_id (SITREP_RECORD_OBJECT (page)));

  /* Resolving stamps the time, owes the postmortem, and offers the
   * resolution update, which opens the composer. */
  g_assert_false (sitrep_context_incident_owes (f->app.context, incident (f)));
  run (f, "/incident resolve");
  g_assert_cmpint (sitrep_incident_get_status (incident (f)), ==, SITREP_STATUS_RESOLVED);
  g_assert_nonnull (sitrep_incident_get_milestone (incident (f), SITREP_MILESTONE_RESOLVED));
  g_assert_true (sitrep_context_incident_owes (f->app.context, incident (f)));
  WAIT_UNTIL ((dialog = find_dialog ("Incident Resolved")) != NULL);
  adw_message_dialog_response (dialog, "compose");
  WAIT_UNTIL (g_strcmp0 (adw_view_stack_get_visible_child_name (
                           _sitrep_window_get_pages (f->app.window)), "comms") == 0);

  /* Start declares, and the window shows the new incident. */
  run (f, "/incident start \"Search is slow\" p3");
  incidents = sitrep_context_get_incidents (f->app.context);
  for (guint i = 0; i < g_list_model_get_n_items (incidents); i++)
    {
      g_autoptr(SitrepIncident) declared = g_list_model_get_item (incidents, i);

      if (g_str_equal (sitrep_incident_get_title (declared), "Search is slow"))
        {
          found = TRUE;
          g_assert_cmpint (sitrep_incident_get_severity (declared), ==, SITREP_SEVERITY_P3);
          g_assert_cmpint (sitrep_incident_get_status (declared), ==,
                           SITREP_STATUS_INVESTIGATING);
          g_assert_true (sitrep_window_get_context (f->app.window) == f->app.context);
          g_assert_true (sitrep_command_palette_get_incident (
                           _sitrep_window_get_palette (f->app.window)) == declared);
        }
    }
  g_assert_true (found);
}

/* A note and a role are undone from their toast. */
static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  SitrepWorkspace *workspace = test_workspace (f->app.context, f->incident_id);
  g_autoptr(SitrepRecord) note = NULL;
  g_autoptr(SitrepRecord) gone = NULL;
  g_autofree char *commander = NULL;
  AdwToast *toast;

  run (f, "/incident note \"Wrong incident\"");
  note = last_entry (f, SITREP_KIND_NOTE);
  g_assert_cmpstr (sitrep_json_get_string (note->body, "text"), ==, "Wrong incident");
  WAIT_UNTIL ((toast = _sitrep_command_runner_get_undo_toast ()) != NULL);
  g_signal_emit_by_name (toast, "button-clicked");
  gone = sitrep_store_get (sitrep_context_get_store (f->app.context), "timeline", note->id);
  g_assert_true (gone == NULL || gone->deleted);

  run (f, "/incident role ic alice");
  run (f, "/incident role ic bob");
  commander = sitrep_workspace_dup_role_person (workspace, SITREP_ROLE_COMMANDER);
  g_assert_cmpstr (commander, ==, "bob");
  WAIT_UNTIL ((toast = _sitrep_command_runner_get_undo_toast ()) != NULL);
  g_signal_emit_by_name (toast, "button-clicked");
  g_clear_pointer (&commander, g_free);
  commander = sitrep_workspace_dup_role_person (workspace, SITREP_ROLE_COMMANDER);
  g_assert_cmpstr (commander, ==, "alice");
}

/* A malformed command changes nothing: it stays, with the error under it
 * and the cursor where it goes wrong. */
static void
test_error_in_place (Fixture       *f,
                     gconstpointer  data)
{
  SitrepCommandPalette *palette = open_palette (f);
  GtkEditable *entry = _sitrep_command_palette_get_entry (palette);
  GtkLabel *hint = _sitrep_command_palette_get_hint (palette);
  g_autoptr(GPtrArray) before = sitrep_context_list_timeline (f->app.context, f->incident_id);
  g_autoptr(GPtrArray) after = NULL;

  type (palette, "/incident resolve now");
  press_enter (palette);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (palette)));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "/incident resolve now");
  g_assert_cmpint (gtk_editable_get_position (entry), ==, 18);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (hint), "error"));
  g_assert_nonnull (strstr (gtk_label_get_label (hint), "/incident resolve"));
  g_assert_cmpint (sitrep_incident_get_status (incident (f)), ==, SITREP_STATUS_INVESTIGATING);

  type (palette, "/incident start Outage p7");
  press_enter (palette);
  g_assert_cmpint (gtk_editable_get_position (entry), ==, 23);
  g_assert_nonnull (strstr (gtk_label_get_label (hint), "“p7” is not a severity"));
  gui_test_save_screenshot (GTK_WIDGET (palette), "palette-error.png");

  after = sitrep_context_list_timeline (f->app.context, f->incident_id);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpuint (g_list_model_get_n_items (sitrep_context_get_incidents (f->app.context)), ==,
                    1);

  /* Editing takes the error away. */
  type (palette, "/incident start Outage p1");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (hint), "error"));
  g_assert_cmpstr (gtk_label_get_label (hint), ==, "Declare “Outage” as a P1 incident");
}

/* The capture line hands a command to the same runner. */
static void
test_capture_line (Fixture       *f,
                   gconstpointer  data)
{
  SitrepTimelinePage *timeline = _sitrep_window_get_timeline (f->app.window);
  GtkEditable *capture;
  GtkLabel *hint;
  g_autoptr(SitrepRecord) note = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  guint before;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->app.window), "win.page", "s",
                                             "timeline"));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (timeline)));
  capture = _sitrep_timeline_page_get_capture (timeline);
  hint = _sitrep_timeline_page_get_command_hint (timeline);
  entries = sitrep_context_list_timeline (f->app.context, f->incident_id);
  before = entries->len;

  /* Before Enter: what it will do, and the completions. */
  gtk_editable_set_text (capture, "/incident no");
  gtk_editable_set_position (capture, -1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (hint)));
  g_assert_nonnull (strstr (gtk_label_get_label (hint), "note"));
  g_assert_true (press_key (GTK_WIDGET (capture), GDK_KEY_Tab));
  g_assert_cmpstr (gtk_editable_get_text (capture), ==, "/incident note ");
  gtk_editable_set_text (capture, "/incident note \"x\"");
  gtk_editable_set_position (capture, -1);
  g_assert_nonnull (strstr (gtk_label_get_label (hint), "Add a note to the timeline of"));

  g_signal_emit_by_name (capture, "activate");
  note = last_entry (f, SITREP_KIND_NOTE);
  g_assert_nonnull (note);
  g_assert_cmpstr (sitrep_json_get_string (note->body, "text"), ==, "x");
  g_assert_cmpstr (gtk_editable_get_text (capture), ==, "");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (hint)));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = sitrep_context_list_timeline (f->app.context, f->incident_id);
  g_assert_cmpuint (entries->len, ==, before + 1);

  /* A malformed one is kept, with the reason, and files nothing. */
  gtk_editable_set_text (capture, "/incident note");
  g_signal_emit_by_name (capture, "activate");
  g_assert_cmpstr (gtk_editable_get_text (capture), ==, "/incident note");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (hint), "error"));
  g_assert_nonnull (strstr (gtk_label_get_label (hint), "Missing the note"));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = sitrep_context_list_timeline (f->app.context, f->incident_id);
  g_assert_cmpuint (entries->len, ==, before + 1);

  /* Anything else is still an entry, as typed. */
  gtk_editable_set_text (capture, "Rolled back the deploy");
  g_signal_emit_by_name (capture, "activate");
  g_clear_pointer (&note, sitrep_record_free);
  note = last_entry (f, SITREP_KIND_NOTE);
  g_assert_cmpstr (sitrep_json_get_string (note->body, "text"), ==, "Rolled back the deploy");
}

/* What the server writes back into a page, through the feed. */
static void
feed_page (Fixture    *f,
           gint64      seq,
           const char *page_id,
           const char *team,
           const char *delivery,
           const char *error_text,
           gint64      attempts,
           const char *actor,
           const char *client_id)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  SitrepChange *change = g_new0 (SitrepChange, 1);

  json_object_set_string_member (body, "incident_id", f->incident_id);
  json_object_set_string_member (body, "team", team);
  json_object_set_string_member (body, "message", "Primary is down");
  json_object_set_string_member (body, "requested_by", "alice");
  json_object_set_string_member (body, "requested_at", "2026-11-27T14:40:00Z");
  if (delivery != NULL)
    {
      json_object_set_string_member (body, "delivery", delivery);
      json_object_set_string_member (body, "provider", "pagerduty");
      json_object_set_int_member (body, "attempts", attempts);
      if (g_str_equal (delivery, "delivered"))
        json_object_set_string_member (body, "delivered_at", "2026-11-27T14:41:00Z");
      else
        json_object_set_null_member (body, "delivered_at");
      if (error_text != NULL)
        json_object_set_string_member (body, "error", error_text);
      else
        json_object_set_null_member (body, "error");
    }

  change->seq = seq;
  change->record = sitrep_record_new ("pages", page_id, seq, FALSE, body);
  change->actor = g_strdup (actor);
  change->client_id = g_strdup (client_id);
  change->mid = client_id != NULL ? seq : 0;
  g_assert_true (sitrep_store_apply_changes (sitrep_context_get_store (f->app.context), &change, 1,
                                             seq, &error));
  g_assert_no_error (error);
  sitrep_change_free (change);
}

/* Another app's "Paged" timeline entry, through the feed. */
static void
feed_entry (Fixture    *f,
            gint64      seq,
            const char *text,
            const char *page_id,
            const char *client_id)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  SitrepChange *change = g_new0 (SitrepChange, 1);

  json_object_set_string_member (body, "incident_id", f->incident_id);
  json_object_set_string_member (body, "occurred_at", "2026-11-27T14:40:00Z");
  json_object_set_string_member (body, "kind", "action");
  json_object_set_string_member (body, "text", text);
  json_object_set_string_member (body, "author", "alice");
  json_object_set_boolean_member (body, "pinned", FALSE);
  json_object_set_string_member (body, "page_id", page_id);
  change->seq = seq;
  change->record = sitrep_record_new ("timeline", id, seq, FALSE, body);
  change->actor = g_strdup ("alice");
  change->client_id = g_strdup (client_id);
  change->mid = seq;
  g_assert_true (sitrep_store_apply_changes (sitrep_context_get_store (f->app.context), &change, 1,
                                             seq, &error));
  g_assert_no_error (error);
  sitrep_change_free (change);
}

static GtkWidget *
page_row (SitrepRolesPage *roles,
          const char      *page_id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (_sitrep_roles_page_get_pages_list (roles),
                                                         i)) != NULL; i++)
    if (SITREP_IS_PAGE_ROW (row) &&
        g_strcmp0 (sitrep_record_object_get_id (SITREP_RECORD_OBJECT (
                     sitrep_page_row_get_page (SITREP_PAGE_ROW (row)))), page_id) == 0)
      return GTK_WIDGET (row);
  return NULL;
}

static const char *
outcome_of (SitrepRolesPage *roles,
            const char      *page_id)
{
  GtkWidget *row = page_row (roles, page_id);

  return row != NULL ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : NULL;
}

/* The Roles page lists this incident's pages with their outcome as the
 * server reports it; the timeline's "Paged" entry shows it too. */
static void
test_outcomes (Fixture       *f,
               gconstpointer  data)
{
  static const char *bob = "3f1c2b9e-0000-4000-8000-00000000000b";
  static const char *delivered_id = "0d6c8f52-5a1b-4c3e-9f7d-2b8e1a4c6d01";
  static const char *failed_id = "0d6c8f52-5a1b-4c3e-9f7d-2b8e1a4c6d02";
  SitrepRolesPage *roles = _sitrep_window_get_roles (f->app.window);
  SitrepTimelinePage *timeline = _sitrep_window_get_timeline (f->app.window);
  g_autoptr(GDateTime) delivered_at = g_date_time_new_utc (2026, 11, 27, 14, 41, 0);
  g_autoptr(GDateTime) local = g_date_time_to_local (delivered_at);
  g_autofree char *clock = g_date_time_format (local, "%H:%M");
  g_autofree char *delivered = g_strdup_printf ("Delivered at %s via PagerDuty", clock);
  g_autofree char *own_id = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *paged_row = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->app.window), "win.page", "s",
                                             "roles"));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (roles)));

  /* Two pages another app asked for arrive, not delivered yet. */
  feed_page (f, 10, delivered_id, "database-team", NULL, NULL, 0, "alice", bob);
  feed_page (f, 11, failed_id, "platform-team", NULL, NULL, 0, "alice", bob);
  feed_entry (f, 12, "Paged database-team: Primary is down", delivered_id, bob);
  WAIT_UNTIL (g_strcmp0 (outcome_of (roles, delivered_id), "Pending…") == 0 &&
              g_strcmp0 (outcome_of (roles, failed_id), "Pending…") == 0);

  /* The server delivers one and gives up on the other. */
  feed_page (f, 13, delivered_id, "database-team", "delivered", NULL, 1, "sitrep-server", NULL);
  WAIT_UNTIL (g_strcmp0 (outcome_of (roles, delivered_id), delivered) == 0);
  feed_page (f, 14, failed_id, "platform-team", "failed", "Invalid routing key", 3,
             "sitrep-server", NULL);
  WAIT_UNTIL (g_strcmp0 (outcome_of (roles, failed_id),
                         "Failed: Invalid routing key after 3 attempts") == 0);
  gui_test_save_screenshot (GTK_WIDGET (f->app.window), "roles-pages.png");

  /* A page asked for here: "Paged" on the timeline, with the outcome
   * once the server writes it. */
  own_id = sitrep_context_request_page (f->app.context, f->incident_id, "payments-team", NULL,
                                        &error);
  g_assert_no_error (error);
  WAIT_UNTIL (g_strcmp0 (outcome_of (roles, own_id), "Pending…") == 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->app.window), "win.page", "s",
                                             "timeline"));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (timeline)));
  {
    g_autoptr(SitrepRecord) entry = last_entry (f, SITREP_KIND_ACTION);

    g_assert_cmpstr (sitrep_json_get_string (entry->body, "text"), ==, "Paged payments-team");
    WAIT_UNTIL ((paged_row = _sitrep_timeline_page_get_row (timeline, entry->id)) != NULL);
  }
  g_assert_nonnull (strstr (_sitrep_timeline_row_get_text (SITREP_TIMELINE_ROW (paged_row)),
                            "carol · Pending…"));
  /* The other app's "Paged" entry shows what became of its page. */
  paged_row = NULL;
  {
    g_autoptr(GPtrArray) entries = sitrep_context_list_timeline (f->app.context, f->incident_id);

    for (guint i = 0; i < entries->len && paged_row == NULL; i++)
      {
        SitrepRecord *entry = entries->pdata[i];

        if (g_strcmp0 (sitrep_json_get_string (entry->body, "page_id"), delivered_id) == 0)
          WAIT_UNTIL ((paged_row = _sitrep_timeline_page_get_row (timeline, entry->id)) != NULL);
      }
  }
  g_assert_nonnull (paged_row);
  {
    g_autofree char *byline = g_strdup_printf ("alice · %s", delivered);

    g_assert_nonnull (strstr (_sitrep_timeline_row_get_text (SITREP_TIMELINE_ROW (paged_row)),
                              byline));
  }
  gui_test_save_screenshot (GTK_WIDGET (f->app.window), "timeline-paged.png");
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/palette/completes", test_completes);
  ADD ("/gui/palette/runs-each-command", test_runs_each_command);
  ADD ("/gui/palette/undo", test_undo);
  ADD ("/gui/palette/error-in-place", test_error_in_place);
  ADD ("/gui/palette/capture-line", test_capture_line);
  ADD ("/gui/palette/outcomes", test_outcomes);
#undef ADD

  return g_test_run ();
}

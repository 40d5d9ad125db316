/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "gui-test-util.h"
#include "sitrep-gui-util.h"

#include "sitrep-enum-strings.h"
#include "sitrep-json.h"
#include "sitrep-roles-page-private.h"

typedef struct
{
  char            *data_dir;
  SitrepContext   *context;
  char            *incident_id;
  GtkWindow       *window;
  SitrepRolesPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay = adw_toast_overlay_new ();

  f->data_dir = g_dir_make_tmp ("sitrep-gui-roles-XXXXXX", NULL);
  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  f->incident_id = sitrep_context_declare_incident (f->context, "Payments failing", "payments",
                                                    "Card payments fail", SITREP_SEVERITY_P1,
                                                    &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->incident_id);

  f->page = SITREP_ROLES_PAGE (sitrep_roles_page_new ());
  sitrep_incident_page_set_context (SITREP_INCIDENT_PAGE (f->page), f->context);
  sitrep_incident_page_set_incident (SITREP_INCIDENT_PAGE (f->page),
                                  sitrep_context_lookup_incident (f->context, f->incident_id));

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 720, 640);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->page));
  gtk_window_set_child (f->window, overlay);
  gtk_window_present (f->window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  SitrepBriefingDialog *dialog = _sitrep_roles_page_get_briefing_dialog (f->page);

  if (dialog != NULL)
    gui_test_destroy (GTK_WINDOW (dialog));
  gui_test_destroy (f->window);
  g_clear_object (&f->context);
  g_free (f->incident_id);
  g_free (f->data_dir);
}

static const char *
row_text (Fixture    *f,
          SitrepRole  role)
{
  return gtk_editable_get_text (GTK_EDITABLE (_sitrep_roles_page_get_row (f->page, role)));
}

static const char *
warning_tip (Fixture    *f,
             SitrepRole  role)
{
  return sitrep_widget_get_tooltip (_sitrep_roles_page_get_warning (f->page, role));
}

static gboolean
can_clear (Fixture    *f,
           SitrepRole  role)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (_sitrep_roles_page_get_clear (f->page, role)));
}

static gboolean
row_has_error (Fixture    *f,
               SitrepRole  role)
{
  return gtk_widget_has_css_class (GTK_WIDGET (_sitrep_roles_page_get_row (f->page, role)),
                                   "error");
}

static gboolean
row_shown (Fixture    *f,
           SitrepRole  role)
{
  return gtk_widget_get_visible (GTK_WIDGET (_sitrep_roles_page_get_row (f->page, role)));
}

static gboolean
flagged (Fixture    *f,
         SitrepRole  role)
{
  GtkWidget *row = GTK_WIDGET (_sitrep_roles_page_get_row (f->page, role));
  GtkWidget *warning = _sitrep_roles_page_get_warning (f->page, role);
  gboolean icon = gtk_widget_get_visible (warning);

  /* The icon and the row's style say the same thing. */
  g_assert_cmpint (icon, ==, gtk_widget_has_css_class (row, "warning"));
  return icon;
}

static const char *
summary (Fixture *f)
{
  GtkLabel *label = _sitrep_roles_page_get_summary (f->page);

  return gtk_widget_get_mapped (GTK_WIDGET (label)) ? gtk_label_get_label (label) : "";
}

static void
type_and_apply (Fixture    *f,
                SitrepRole  role,
                const char *text)
{
  AdwEntryRow *row = _sitrep_roles_page_get_row (f->page, role);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static char *
holder (Fixture    *f,
        SitrepRole  role)
{
  return sitrep_workspace_dup_role_person (test_workspace (f->context, f->incident_id), role);
}

static guint
count_entries (Fixture    *f,
               const char *text)
{
  g_autoptr(GPtrArray) entries = sitrep_context_list_timeline (f->context, f->incident_id);
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      SitrepRecord *entry = entries->pdata[i];

      if (g_strcmp0 (sitrep_json_get_string (entry->body, "text"), text) == 0)
        {
          g_assert_cmpstr (sitrep_json_get_string (entry->body, "kind"), ==, "role");
          n++;
        }
    }

  return n;
}

static GtkButton *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return GTK_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *labels)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    g_ptr_array_add (labels, (gpointer) gtk_button_get_label (GTK_BUTTON (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, labels);
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
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

static void
clipboard_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static void
test_flags_and_handover (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) checklist = NULL;
  g_autofree char *ic = NULL;
  g_autofree char *scribe = NULL;
  g_autofree char *briefing = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *copied = NULL;
  SitrepBriefingDialog *dialog;
  GtkMenuButton *chooser;
  GtkButton *alice;
  GtkWidget *copy;
  const char *open_item;

  /* A P1 with nobody in any role: all four are flagged, the major roles
   * are not shown. */
  g_assert_true (flagged (f, SITREP_ROLE_COMMANDER));
  g_assert_true (flagged (f, SITREP_ROLE_COMMUNICATIONS));
  g_assert_true (flagged (f, SITREP_ROLE_OPERATIONS));
  g_assert_true (flagged (f, SITREP_ROLE_SCRIBE));
  g_assert_cmpstr (summary (f), ==,
                   "4 roles need someone: Incident Commander, Communications Lead, "
                   "Operations Lead, Scribe");
  g_assert_cmpstr (warning_tip (f, SITREP_ROLE_SCRIBE),
                   ==, "Needed for P1 incidents");
  g_assert_false (row_shown (f, SITREP_ROLE_DEPUTY_COMMANDER));
  g_assert_false (row_shown (f, SITREP_ROLE_PLANNING));
  g_assert_false (row_shown (f, SITREP_ROLE_CUSTOMER_LIAISON));
  g_assert_false (can_clear (f, SITREP_ROLE_COMMANDER));

  /* Assigning the IC through the row: stored, on the timeline, unflagged,
   * and no briefing for a first assignment. */
  type_and_apply (f, SITREP_ROLE_COMMANDER, "alice");
  ic = holder (f, SITREP_ROLE_COMMANDER);
  g_assert_cmpstr (ic, ==, "alice");
  g_assert_cmpuint (count_entries (f, "Incident Commander: alice"), ==, 1);
  g_assert_false (flagged (f, SITREP_ROLE_COMMANDER));
  g_assert_true (flagged (f, SITREP_ROLE_SCRIBE));
  g_assert_cmpstr (summary (f), ==,
                   "3 roles need someone: Communications Lead, Operations Lead, Scribe");
  g_assert_null (_sitrep_roles_page_get_briefing_dialog (f->page));
  g_assert_true (can_clear (f, SITREP_ROLE_COMMANDER));

  /* The chooser offers the handles already used. */
  chooser = _sitrep_roles_page_get_chooser (f->page, SITREP_ROLE_SCRIBE);
  gtk_menu_button_popup (chooser);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (chooser))));
  alice = find_button (GTK_WIDGET (gtk_menu_button_get_popover (chooser)), "alice");
  g_assert_nonnull (alice);
  g_assert_nonnull (find_button (GTK_WIDGET (gtk_menu_button_get_popover (chooser)),
                                 sitrep_context_get_user (f->context)));
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();

    /* …in alphabetical order. */
    type_and_apply (f, SITREP_ROLE_OPERATIONS, "zed");
    gtk_menu_button_popdown (chooser);
    gtk_menu_button_popup (chooser);
    collect_buttons (GTK_WIDGET (gtk_menu_button_get_popover (chooser)), labels);
    g_assert_cmpuint (labels->len, >=, 3);
    for (guint i = 1; i < labels->len; i++)
      g_assert_cmpint (g_utf8_collate (labels->pdata[i - 1], labels->pdata[i]), <, 0);
    alice = find_button (GTK_WIDGET (gtk_menu_button_get_popover (chooser)), "alice");
    type_and_apply (f, SITREP_ROLE_OPERATIONS, "");
  }
  g_signal_emit_by_name (alice, "clicked");
  scribe = holder (f, SITREP_ROLE_SCRIBE);
  g_assert_cmpstr (scribe, ==, "alice");
  g_assert_cmpstr (row_text (f, SITREP_ROLE_SCRIBE), ==, "alice");
  g_assert_false (flagged (f, SITREP_ROLE_SCRIBE));
  WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (chooser))));

  /* A handover, typed as "@bob": written as bob, on the timeline, and the
   * briefing opens for the new IC. */
  type_and_apply (f, SITREP_ROLE_COMMANDER, "@bob ");
  g_clear_pointer (&ic, g_free);
  ic = holder (f, SITREP_ROLE_COMMANDER);
  g_assert_cmpstr (ic, ==, "bob");
  g_assert_cmpstr (row_text (f, SITREP_ROLE_COMMANDER), ==, "bob");
  g_assert_cmpuint (count_entries (f, "Incident Commander: alice → bob"), ==, 1);

  dialog = _sitrep_roles_page_get_briefing_dialog (f->page);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == f->window);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Handover Briefing");

  checklist = sitrep_context_list_checklist (f->context, f->incident_id);
  open_item = sitrep_json_get_string (((SitrepRecord *) checklist->pdata[0])->body, "text");
  shown = buffer_text (GTK_TEXT_VIEW (find_type (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW)));
  g_assert_true (strstr (shown, "Handover briefing") != NULL);
  g_assert_true (strstr (shown, "Incident Commander: bob") != NULL);
  g_assert_true (strstr (shown, "Scribe: alice") != NULL);
  g_assert_true (strstr (shown, open_item) != NULL);
  g_assert_cmpstr (shown, ==, sitrep_briefing_dialog_get_text (dialog));

  /* Copy puts the whole briefing on the clipboard and says so. */
  briefing = g_strdup (sitrep_briefing_dialog_get_text (dialog));
  copy = GTK_WIDGET (find_button (GTK_WIDGET (dialog), "_Copy"));
  g_assert_nonnull (copy);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "briefing.copy", NULL));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (copy)), ==, "Copied");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), NULL,
                                 clipboard_read, &copied);
  WAIT_UNTIL (copied != NULL);
  g_assert_cmpstr (copied, ==, briefing);

  /* Escape (window.close) closes it. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  WAIT_UNTIL (dialog == NULL);

  /* The button opens it any time. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "roles.briefing", NULL));
  dialog = _sitrep_roles_page_get_briefing_dialog (f->page);
  g_assert_nonnull (dialog);
  g_assert_true (strstr (sitrep_briefing_dialog_get_text (dialog),
                         "Incident Commander: bob") != NULL);
  gui_test_destroy (GTK_WINDOW (dialog));
}

static void
test_clear_and_invalid (Fixture       *f,
                        gconstpointer  data)
{
  SitrepStore *store = sitrep_context_get_store (f->context);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *ops = NULL;
  guint pending;

  type_and_apply (f, SITREP_ROLE_OPERATIONS, "dave");
  g_assert_false (flagged (f, SITREP_ROLE_OPERATIONS));

  /* Clearing leaves the role empty, says so on the timeline, flags it. */
  g_signal_emit_by_name (_sitrep_roles_page_get_clear (f->page, SITREP_ROLE_OPERATIONS), "clicked");
  ops = holder (f, SITREP_ROLE_OPERATIONS);
  g_assert_null (ops);
  g_assert_cmpuint (count_entries (f, "Operations Lead: dave → nobody"), ==, 1);
  g_assert_cmpstr (row_text (f, SITREP_ROLE_OPERATIONS), ==, "");
  g_assert_true (flagged (f, SITREP_ROLE_OPERATIONS));

  /* Not a handle: an error on the row, nothing written, the text kept. */
  pending = sitrep_store_get_pending (store);
  before = sitrep_context_list_timeline (f->context, f->incident_id);
  type_and_apply (f, SITREP_ROLE_OPERATIONS, "two words");
  g_assert_cmpuint (sitrep_store_get_pending (store), ==, pending);
  after = sitrep_context_list_timeline (f->context, f->incident_id);
  g_assert_cmpuint (after->len, ==, before->len);
  g_clear_pointer (&ops, g_free);
  ops = holder (f, SITREP_ROLE_OPERATIONS);
  g_assert_null (ops);
  g_assert_true (row_has_error (f, SITREP_ROLE_OPERATIONS));
  g_assert_cmpstr (row_text (f, SITREP_ROLE_OPERATIONS), ==, "two words");

  /* Correcting it clears the error. */
  type_and_apply (f, SITREP_ROLE_OPERATIONS, "dave");
  g_assert_false (row_has_error (f, SITREP_ROLE_OPERATIONS));
}

static void
test_live (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AdwEntryRow *comms = _sitrep_roles_page_get_row (f->page, SITREP_ROLE_COMMUNICATIONS);

  /* Someone else (another window, a sync) assigns a role: it shows. */
  g_assert_true (sitrep_workspace_assign_role (test_workspace (f->context, f->incident_id),
                                             SITREP_ROLE_SCRIBE, "erin", &error));
  g_assert_no_error (error);
  WAIT_UNTIL (g_strcmp0 (row_text (f, SITREP_ROLE_SCRIBE), "erin") == 0);
  WAIT_UNTIL (!flagged (f, SITREP_ROLE_SCRIBE));
  g_assert_true (strstr (summary (f), "Scribe") == NULL);

  /* …but does not overwrite what the user is typing in that row. */
  gtk_widget_grab_focus (GTK_WIDGET (comms));
  WAIT_UNTIL (gtk_widget_get_state_flags (GTK_WIDGET (comms)) & GTK_STATE_FLAG_FOCUS_WITHIN);
  gtk_editable_set_text (GTK_EDITABLE (comms), "fra");
  g_assert_true (sitrep_workspace_assign_role (test_workspace (f->context, f->incident_id),
                                             SITREP_ROLE_COMMUNICATIONS, "gina", &error));
  g_assert_no_error (error);
  WAIT_UNTIL (!flagged (f, SITREP_ROLE_COMMUNICATIONS));
  g_assert_cmpstr (row_text (f, SITREP_ROLE_COMMUNICATIONS), ==, "fra");

  /* Once the user leaves the row untouched, it follows again. */
  gtk_editable_set_text (GTK_EDITABLE (comms), "gina");
  g_assert_true (sitrep_workspace_assign_role (test_workspace (f->context, f->incident_id),
                                             SITREP_ROLE_COMMUNICATIONS, "hank", &error));
  WAIT_UNTIL (g_strcmp0 (row_text (f, SITREP_ROLE_COMMUNICATIONS), "hank") == 0);

  /* A handover made elsewhere does not pop a dialog up here. */
  g_assert_true (sitrep_workspace_assign_role (test_workspace (f->context, f->incident_id),
                                             SITREP_ROLE_COMMANDER, "ivan", &error));
  g_assert_true (sitrep_workspace_assign_role (test_workspace (f->context, f->incident_id),
                                             SITREP_ROLE_COMMANDER, "judy", &error));
  WAIT_UNTIL (g_strcmp0 (row_text (f, SITREP_ROLE_COMMANDER), "judy") == 0);
  g_assert_null (_sitrep_roles_page_get_briefing_dialog (f->page));

  /* Major: the protocol's three roles appear, flagged as needed. */
  g_assert_true (sitrep_workspace_set_major (test_workspace (f->context, f->incident_id), TRUE, &error));
  g_assert_no_error (error);
  WAIT_UNTIL (row_shown (f, SITREP_ROLE_DEPUTY_COMMANDER));
  g_assert_true (row_shown (f, SITREP_ROLE_PLANNING));
  g_assert_true (row_shown (f, SITREP_ROLE_CUSTOMER_LIAISON));
  g_assert_true (flagged (f, SITREP_ROLE_DEPUTY_COMMANDER));
  g_assert_true (flagged (f, SITREP_ROLE_PLANNING));
  g_assert_true (flagged (f, SITREP_ROLE_CUSTOMER_LIAISON));
  g_assert_cmpstr (warning_tip (f, SITREP_ROLE_PLANNING),
                   ==, "Needed for major incidents");
  g_assert_cmpstr (summary (f), ==,
                   "4 roles need someone: Operations Lead, Deputy Incident Commander, "
                   "Planning Lead, Customer Liaison");

  /* Stood down: a major role someone holds stays, the empty ones go. */
  type_and_apply (f, SITREP_ROLE_PLANNING, "kim");
  g_assert_true (sitrep_workspace_set_major (test_workspace (f->context, f->incident_id), FALSE, &error));
  g_assert_no_error (error);
  WAIT_UNTIL (!row_shown (f, SITREP_ROLE_DEPUTY_COMMANDER));
  g_assert_true (row_shown (f, SITREP_ROLE_PLANNING));
  g_assert_false (row_shown (f, SITREP_ROLE_CUSTOMER_LIAISON));
}

static void
test_switch_incident (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other = NULL;

  type_and_apply (f, SITREP_ROLE_COMMANDER, "alice");
  other = sitrep_context_declare_incident (f->context, "Search slow", "search", "Slow results",
                                           SITREP_SEVERITY_P3, &error);
  g_assert_no_error (error);

  /* Another incident shows its own (empty) roles, and a P3 needs none. */
  sitrep_incident_page_set_incident (SITREP_INCIDENT_PAGE (f->page), sitrep_context_lookup_incident (f->context, other));
  g_assert_cmpstr (row_text (f, SITREP_ROLE_COMMANDER), ==, "");
  g_assert_false (flagged (f, SITREP_ROLE_COMMANDER));
  g_assert_cmpstr (summary (f), ==, "");

  /* Changes to the first incident leave this page alone. */
  g_assert_true (sitrep_workspace_assign_role (test_workspace (f->context, f->incident_id),
                                             SITREP_ROLE_SCRIBE, "lee", &error));
  WAIT_IDLE ();
  g_assert_cmpstr (row_text (f, SITREP_ROLE_SCRIBE), ==, "");

  sitrep_incident_page_set_incident (SITREP_INCIDENT_PAGE (f->page), NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "roles.briefing", NULL);
  g_assert_null (_sitrep_roles_page_get_briefing_dialog (f->page));
}

static GtkWidget *
find_widget (GtkWidget *widget,
             gboolean (*match) (GtkWidget *widget))
{
  if (gtk_widget_get_mapped (widget) && match (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_briefing (GtkWidget *widget)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "roles.briefing") == 0;
}

static gboolean
is_description (GtkWidget *widget)
{
  return GTK_IS_LABEL (widget) &&
         g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), "Type a handle");
}

/* A widget's box in the page's coordinates. */
static graphene_rect_t
bounds_in (GtkWidget *widget,
           GtkWidget *page)
{
  graphene_rect_t rect;

  g_assert_true (gtk_widget_compute_bounds (widget, page, &rect));
  return rect;
}

/* At 700 px (and narrower) the "Handover Briefing…" control and the
 * group's description share no pixel, and neither is cut short. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  static const int widths[] = { 700, 560, 400 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      GtkWidget *page = GTK_WIDGET (f->page);
      GtkWidget *briefing;
      GtkWidget *description;
      graphene_rect_t b, d, out;
      int min_width;

      gtk_window_set_default_size (f->window, widths[i], 640);
      WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (f->window)) == widths[i]);
      WAIT_IDLE ();

      briefing = find_widget (page, is_briefing);
      description = find_widget (page, is_description);
      g_assert_nonnull (briefing);
      g_assert_nonnull (description);
      b = bounds_in (briefing, page);
      d = bounds_in (description, page);
      g_assert_false (graphene_rect_intersection (&b, &d, &out) &&
                      out.size.width > 0 && out.size.height > 0);
      /* Given at least the room it asks for, and inside the page. */
      gtk_widget_measure (briefing, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      g_assert_cmpint (gtk_widget_get_width (briefing), >=, min_width);
      g_assert_cmpfloat (b.origin.x + b.size.width, <=, gtk_widget_get_width (page));
      g_assert_cmpfloat (d.origin.x + d.size.width, <=, gtk_widget_get_width (page));
    }
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* With no team paged, the Paged Teams list says so, also after it has
 * been refreshed for another incident. */
static void
test_no_team_paged (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other = NULL;
  GtkWidget *list = GTK_WIDGET (_sitrep_roles_page_get_pages_list (f->page));
  GtkWidget *none;

  WAIT_IDLE ();
  none = find_label (list, "No team paged yet");
  g_assert_nonnull (none);
  WAIT_UNTIL (gtk_widget_get_mapped (none));

  other = sitrep_context_declare_incident (f->context, "Search slow", "search", "Slow search",
                                           SITREP_SEVERITY_P3, &error);
  g_assert_no_error (error);
  sitrep_incident_page_set_incident (SITREP_INCIDENT_PAGE (f->page),
                                     sitrep_context_lookup_incident (f->context, other));
  WAIT_IDLE ();
  none = find_label (list, "No team paged yet");
  g_assert_nonnull (none);
  WAIT_UNTIL (gtk_widget_get_mapped (none));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/roles/narrow", Fixture, NULL,
              fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/gui/roles/flags-and-handover", Fixture, NULL,
              fixture_set_up, test_flags_and_handover, fixture_tear_down);
  g_test_add ("/gui/roles/clear-and-invalid", Fixture, NULL,
              fixture_set_up, test_clear_and_invalid, fixture_tear_down);
  g_test_add ("/gui/roles/live", Fixture, NULL,
              fixture_set_up, test_live, fixture_tear_down);
  g_test_add ("/gui/roles/switch-incident", Fixture, NULL,
              fixture_set_up, test_switch_incident, fixture_tear_down);
  g_test_add ("/gui/roles/no-team-paged", Fixture, NULL,
              fixture_set_up, test_no_team_paged, fixture_tear_down);

  return g_test_run ();
}

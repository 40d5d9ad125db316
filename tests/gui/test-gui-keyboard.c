/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An incident run from the keyboard alone: declare it, give out a role,
 * tick a checklist item, capture a timeline entry, compose an update from
 * a template and send it. The keys are real X key events (xdotool, through
 * the XTEST extension of the test's X server) reaching whichever window
 * and widget has the focus, as a person's would; the test only looks at
 * where the focus is and at what the store holds after each step. */

#include "config.h"

#include <string.h>

#include <gdk/x11/gdkx.h>

#include "gui-test-apps.h"

#include "sitrep-action-items-window.h"
#include "sitrep-application.h"
#include "sitrep-json.h"
#include "sitrep-role-row.h"
#include "sitrep-checklist-row.h"
#include "sitrep-comms-composer.h"

typedef struct
{
  char              *dir;
  SitrepApplication *application;
  SitrepContext     *context;
  SitrepWindow      *window;
} Fixture;

/* The real application, with its accelerators, on a data folder of its
 * own, showing its window. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sitrep-keyboard-XXXXXX", NULL);
  f->application = sitrep_application_new (f->dir, FALSE);
  g_application_register (G_APPLICATION (f->application), NULL, &error);
  g_assert_no_error (error);
  f->context = sitrep_application_get_context (f->application);
  g_assert_nonnull (f->context);
  g_application_activate (G_APPLICATION (f->application));
  WAIT_UNTIL ((f->window = (gpointer) gtk_application_get_active_window (GTK_APPLICATION (f->application)))
              != NULL);
  g_assert_true (SITREP_IS_WINDOW (f->window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (f->application))) != NULL)
    gui_test_destroy (windows->data);
  g_clear_object (&f->application);
  g_free (f->dir);
}

static void
xdotool (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) "xdotool");
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Gives @window the X input focus, as a window manager would when it is
 * shown, and waits until GTK knows. */
static void
focus_window (GtkWidget *window)
{
  g_autofree char *xid = NULL;

  WAIT_UNTIL (gtk_widget_get_mapped (window));
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
  xdotool ("windowfocus", "--sync", xid, NULL);
  WAIT_UNTIL (gtk_window_is_active (GTK_WINDOW (window)));
}

/* Presses @keys ("ctrl+n", "Home Down" …), one after the other, in the
 * window that has the focus. */
static void
press (const char *keys)
{
  g_auto(GStrv) each = g_strsplit (keys, " ", -1);

  for (guint i = 0; each[i] != NULL; i++)
    xdotool ("key", "--delay", "20", each[i], NULL);
}

static void
type (const char *text)
{
  xdotool ("type", "--delay", "20", text, NULL);
}

static GtkWidget *
focus_of (GtkWidget *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

typedef gboolean (*FocusCheck) (GtkWidget *focus, gpointer data);

/* Presses Tab until the focus is where @check says, failing after 80. */
static GtkWidget *
tab_until (GtkWidget  *window,
           FocusCheck  check,
           gpointer    data)
{
  for (guint i = 0; i < 80; i++)
    {
      GtkWidget *before = focus_of (window);

      if (before != NULL && check (before, data))
        return before;
      press ("Tab");
      WAIT_UNTIL (focus_of (window) != before);
    }
  g_error ("Tab never reached the widget the step needs");
  return NULL;
}

static gboolean
inside (GtkWidget *focus,
        gpointer   type)
{
  return gtk_widget_get_ancestor (focus, GPOINTER_TO_SIZE (type)) != NULL;
}

static gboolean
in_free_role_row (GtkWidget *focus,
                  gpointer   data)
{
  GtkWidget *row = gtk_widget_get_ancestor (focus, SITREP_TYPE_ROLE_ROW);

  return row != NULL && GTK_IS_TEXT (focus) &&
         sitrep_role_row_get_role (SITREP_ROLE_ROW (row)) == SITREP_ROLE_SCRIBE;
}

static gboolean
outside_entries (GtkWidget *focus,
                 gpointer   data)
{
  return gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) == NULL;
}

static gboolean
is_check_in_row (GtkWidget *focus,
                 gpointer   data)
{
  return GTK_IS_CHECK_BUTTON (focus) && gtk_widget_get_ancestor (focus, SITREP_TYPE_CHECKLIST_ROW);
}

static gboolean
in_row_titled (GtkWidget *focus,
               gpointer   title)
{
  GtkWidget *row = gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_ROW);

  return row != NULL && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0;
}

static GPtrArray *
records (Fixture    *f,
         const char *coll,
         const char *incident_id)
{
  return sitrep_store_list (sitrep_context_get_store (f->context), coll, incident_id, NULL);
}

static const char *
role_holder (Fixture    *f,
             const char *incident_id,
             const char *role)
{
  g_autoptr(GPtrArray) roles = records (f, "roles", incident_id);

  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      SitrepRecord *r = roles->pdata[i];

      if (g_strcmp0 (sitrep_json_get_string (r->body, "role"), role) == 0)
        return g_intern_string (sitrep_json_get_string (r->body, "person"));
    }
  return NULL;
}

static guint
n_ticked (Fixture    *f,
          const char *incident_id)
{
  g_autoptr(GPtrArray) items = records (f, "checklist", incident_id);
  guint n = 0;

  for (guint i = 0; items != NULL && i < items->len; i++)
    n += sitrep_json_get_string (((SitrepRecord *) items->pdata[i])->body, "done_by") != NULL;
  return n;
}

static gboolean
has_entry (Fixture    *f,
           const char *incident_id,
           const char *text)
{
  g_autoptr(GPtrArray) entries = records (f, "timeline", incident_id);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    if (g_strcmp0 (sitrep_json_get_string (((SitrepRecord *) entries->pdata[i])->body, "text"), text) == 0)
      return TRUE;
  return FALSE;
}

static guint
n_sent (Fixture    *f,
        const char *incident_id)
{
  g_autoptr(GPtrArray) sent = records (f, "communications", incident_id);

  return sent != NULL ? sent->len : 0;
}

static const char *
only_incident (Fixture *f)
{
  g_autoptr(GPtrArray) incidents = records (f, "incidents", NULL);

  if (incidents == NULL || incidents->len != 1)
    return NULL;
  return g_intern_string (((SitrepRecord *) incidents->pdata[0])->id);
}

static void
show_page (Fixture    *f,
           const char *keys,
           const char *page)
{
  AdwViewStack *stack = _sitrep_window_get_pages (f->window);

  press (keys);
  WAIT_UNTIL (g_strcmp0 (adw_view_stack_get_visible_child_name (stack), page) == 0 &&
              gtk_widget_get_mapped (adw_view_stack_get_visible_child (stack)));
  WAIT_IDLE ();
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static void
test_walkthrough (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *declare;
  GtkWidget *severity;
  GtkWidget *focus;
  GtkWindow *items;
  const char *id;
  guint ticked;

  focus_window (window);

  /* Declare: Ctrl+N, the title, the severity chosen from its list, and
   * Ctrl+Enter. */
  press ("ctrl+n");
  WAIT_UNTIL (_sitrep_window_get_declare_dialog (f->window) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (_sitrep_window_get_declare_dialog (f->window))));
  declare = GTK_WIDGET (_sitrep_window_get_declare_dialog (f->window));
  g_object_add_weak_pointer (G_OBJECT (declare), (gpointer *) &declare);
  focus_window (declare);
  WAIT_UNTIL (focus_of (declare) != NULL && in_row_titled (focus_of (declare), (gpointer) "Title"));
  type ("Checkout errors");
  tab_until (declare, in_row_titled, (gpointer) "Services (comma-separated)");
  type ("checkout");
  tab_until (declare, in_row_titled, (gpointer) "Impact on customers");
  type ("Card payments fail");
  severity = gtk_widget_get_ancestor (tab_until (declare, in_row_titled, (gpointer) "Severity"),
                                      ADW_TYPE_COMBO_ROW);
  press ("space");
  WAIT_UNTIL (gtk_widget_get_ancestor (focus_of (declare), GTK_TYPE_POPOVER) != NULL);
  press ("Home Down Return");
  WAIT_UNTIL (gtk_widget_get_ancestor (focus_of (declare), GTK_TYPE_POPOVER) == NULL);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (severity)), ==, 1);
  press ("ctrl+Return");
  WAIT_UNTIL ((id = only_incident (f)) != NULL);
  {
    g_autoptr(SitrepRecord) incident = sitrep_store_get (sitrep_context_get_store (f->context),
                                                         "incidents", id);
    g_assert_cmpstr (sitrep_json_get_string (incident->body, "title"), ==, "Checkout errors");
    g_assert_cmpstr (sitrep_json_get_string (incident->body, "severity"), ==, "P2");
  }
  WAIT_UNTIL (declare == NULL || !gtk_widget_get_visible (declare));
  if (declare != NULL)
    g_object_remove_weak_pointer (G_OBJECT (declare), (gpointer *) &declare);
  focus_window (window);

  /* A role: Alt+2 shows Roles; the Scribe's row takes a handle and Enter. */
  show_page (f, "alt+2", "roles");
  g_assert_null (role_holder (f, id, "scribe"));
  tab_until (window, in_free_role_row, NULL);
  type ("casey");
  press ("Return");
  WAIT_UNTIL (g_strcmp0 (role_holder (f, id, "scribe"), "casey") == 0);

  /* A checklist item: Alt+3, to the first box, Space. */
  show_page (f, "alt+3", "checklist");
  ticked = n_ticked (f, id);
  focus = tab_until (window, is_check_in_row, NULL);
  press ("space");
  WAIT_UNTIL (n_ticked (f, id) == ticked + 1);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (focus)));

  /* A timeline entry: Alt+4, Ctrl+L to the capture line, the text, Enter. */
  show_page (f, "alt+4", "timeline");
  tab_until (window, outside_entries, NULL);
  press ("ctrl+l");
  WAIT_UNTIL (focus_of (window) != NULL && inside (focus_of (window), (gpointer) GTK_TYPE_ENTRY));
  type ("Rolled back the deploy");
  press ("Return");
  WAIT_UNTIL (has_entry (f, id, "Rolled back the deploy"));

  /* Still in the capture line, Ctrl+Shift+A opens the action items: the
   * entry's own use of it ("select none") does not swallow it. */
  press ("ctrl+shift+a");
  WAIT_UNTIL ((items = find_toplevel (SITREP_TYPE_ACTION_ITEMS_WINDOW)) != NULL);
  gui_test_destroy (items);
  focus_window (window);

  /* An update: Alt+5, the template chosen from its list, Ctrl+Enter. */
  show_page (f, "alt+5", "comms");
  g_assert_cmpuint (n_sent (f, id), ==, 0);
  tab_until (window, in_row_titled, (gpointer) "Te_mplate");
  press ("space");
  WAIT_UNTIL (gtk_widget_get_ancestor (focus_of (window), GTK_TYPE_POPOVER) != NULL);
  press ("Down Return");
  WAIT_UNTIL (gtk_widget_get_ancestor (focus_of (window), GTK_TYPE_POPOVER) == NULL);
  press ("ctrl+Return");
  WAIT_UNTIL (n_sent (f, id) == 1);
  {
    g_autoptr(GPtrArray) sent = records (f, "communications", id);
    SitrepRecord *update = sent->pdata[0];

    g_test_message ("sent: %s", sitrep_json_get_string (update->body, "title"));
    g_assert_null (strstr (sitrep_json_get_string (update->body, "title"), "{{"));
    g_assert_cmpstr (sitrep_json_get_string (update->body, "sent_by"), ==,
                     sitrep_context_get_user (f->context));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");

  gui_test_init (&argc, &argv);

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()) || xdotool_path == NULL)
    {
      g_print ("1..0 # SKIP needs an X server and xdotool\n");
      return 0;
    }

  g_test_add ("/gui/keyboard/walkthrough", Fixture, NULL, fixture_set_up, test_walkthrough,
              fixture_tear_down);

  return g_test_run ();
}

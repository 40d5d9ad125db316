/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-window"

#include "config.h"

#include "sitrep-resources.h"

#include <glib/gi18n.h>

#include "sitrep-countdown.h"
#include "sitrep-deadlines.h"
#include "sitrep-enum-strings.h"
#include "sitrep-time.h"
#include "sitrep-gui-util.h"
#include "sitrep-severity.h"
#include "sitrep-window-private.h"

struct _SitrepWindow
{
  AdwApplicationWindow  parent_instance;

  SitrepContext        *context;
  SitrepIncident       *incident;
  GSettings            *settings;
  GtkFilterListModel   *filtered;
  GtkCustomFilter      *filter;
  GtkSingleSelection   *selection;
  GHashTable           *matches;
  GPtrArray            *bound_rows;
  SitrepDeclareDialog  *declare_dialog;
  guint                 retick_id;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *content;
  GtkWidget            *sidebar;
  GtkToggleButton      *search_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *sidebar_stack;
  GtkListView          *incident_list;
  AdwViewSwitcherTitle *content_title;
  AdwViewStack         *pages;
  SitrepTimelinePage   *timeline_page;
  SitrepRolesPage      *roles_page;
  SitrepChecklistPage  *checklist_page;
  SitrepCommsPage      *comms_page;
  GtkLabel             *sync_label;
  GtkStack             *content_stack;
  SitrepOverviewPage   *overview_page;
};

G_DEFINE_FINAL_TYPE (SitrepWindow, sitrep_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_INCIDENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Sidebar rows --------------------------------------------------------- */

typedef struct
{
  GtkWidget      *badge;
  GtkWidget      *title;
  GtkWidget      *meta;
  GtkWidget      *due;
  SitrepIncident  *incident;
  SitrepWorkspace *workspace;   /* while bound: its updates sent, followed */
  SitrepContext   *context;
} IncidentRow;

static void
incident_row_free (IncidentRow *row)
{
  g_clear_object (&row->workspace);
  g_free (row);
}

/* The row's clock: the next update due, or how overdue it is. */
static void
incident_row_update_due (IncidentRow *row)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  SitrepDeadline *next = NULL;

  gtk_widget_remove_css_class (row->due, "error");
  gtk_widget_remove_css_class (row->due, "warning");

  if (row->context == NULL || !sitrep_incident_is_active (row->incident))
    {
      gtk_widget_set_visible (row->due, FALSE);
      return;
    }

  if (row->workspace == NULL)
    row->workspace = sitrep_context_open_workspace (row->context,
                                                    sitrep_incident_get_id (row->incident));
  deadlines = sitrep_workspace_dup_deadlines (row->workspace);
  if (deadlines->len == 0)
    {
      gtk_widget_set_visible (row->due, FALSE);
      return;
    }

  next = deadlines->pdata[0];
  now = sitrep_clock_dup_now (sitrep_context_get_clock (row->context));
  text = sitrep_countdown_format (next->due, now);
  switch (sitrep_countdown_state (next->due, now))
    {
    case SITREP_COUNTDOWN_OVERDUE:
      gtk_widget_add_css_class (row->due, "error");
      break;
    case SITREP_COUNTDOWN_SOON:
      gtk_widget_add_css_class (row->due, "warning");
      break;
    case SITREP_COUNTDOWN_LATER:
    default:
      break;
    }

  {
    g_autofree char *when = sitrep_format_time_utc_local (next->due);

    tooltip = g_strdup_printf ("%s: %s", next->label, when);
  }
  gtk_label_set_label (GTK_LABEL (row->due), text);
  gtk_widget_set_tooltip_text (row->due, tooltip);
  gtk_widget_set_visible (row->due, TRUE);
}

static void
incident_row_update (GtkWidget *widget)
{
  IncidentRow *row = g_object_get_data (G_OBJECT (widget), "row");
  SitrepIncident *incident = row->incident;
  const SitrepSeverityInfo *info;
  GDateTime *declared;
  g_autofree char *age = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *accessible = NULL;
  const char *ref;

  if (incident == NULL)
    return;

  info = sitrep_severity_get_info (sitrep_incident_get_severity (incident));
  ref = sitrep_incident_get_ref (incident);
  declared = sitrep_incident_get_milestone (incident, SITREP_MILESTONE_DECLARED);
  if (declared != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      age = sitrep_format_age (declared, now);
    }

  gtk_label_set_label (GTK_LABEL (row->badge), info ? info->id : "?");
  sitrep_set_severity_class (row->badge, sitrep_incident_get_severity (incident));
  gtk_label_set_label (GTK_LABEL (row->title), sitrep_incident_get_title (incident));

  /* Translators: sidebar line: reference · status · age, e.g. "INC-2026-042 · Identified · 40 min ago" */
  meta = g_strdup_printf (_("%s · %s · %s"),
                          ref ? ref : _("Not yet synced"),
                          sitrep_status_get_label (sitrep_incident_get_status (incident)),
                          age ? age : _("not declared"));
  gtk_label_set_label (GTK_LABEL (row->meta), meta);

  gtk_widget_set_opacity (widget, sitrep_incident_is_active (incident) ? 1.0 : 0.7);
  incident_row_update_due (row);

  accessible = g_strdup_printf ("%s, %s, %s", info ? info->id : "",
                                sitrep_incident_get_title (incident), meta);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           SitrepWindow             *self)
{
  IncidentRow *row = g_new0 (IncidentRow, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *meta_line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  row->badge = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->badge, "severity-badge");
  gtk_widget_set_valign (row->badge, GTK_ALIGN_CENTER);

  row->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row->title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (row->title), 28);
  gtk_widget_add_css_class (row->title, "heading");

  row->meta = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row->meta), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (row->meta), 28);
  gtk_widget_add_css_class (row->meta, "dim-label");
  gtk_widget_add_css_class (row->meta, "caption");

  /* The clock shares the second line, so the title keeps the full width. */
  row->due = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->due, "caption");
  gtk_widget_add_css_class (row->due, "numeric");
  gtk_widget_set_visible (row->due, FALSE);
  row->context = self->context;
  gtk_widget_set_hexpand (row->meta, TRUE);
  gtk_box_append (GTK_BOX (meta_line), row->meta);
  gtk_box_append (GTK_BOX (meta_line), row->due);

  gtk_box_append (GTK_BOX (text), row->title);
  gtk_box_append (GTK_BOX (text), meta_line);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), row->badge);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  g_object_set_data_full (G_OBJECT (box), "row", row, (GDestroyNotify) incident_row_free);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          SitrepWindow             *self)
{
  GtkWidget *widget = gtk_list_item_get_child (item);
  IncidentRow *row = g_object_get_data (G_OBJECT (widget), "row");

  row->incident = gtk_list_item_get_item (item);
  g_signal_connect_object (row->incident, "notify::body", G_CALLBACK (incident_row_update),
                           widget, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->bound_rows, widget);
  incident_row_update (widget);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            SitrepWindow             *self)
{
  GtkWidget *widget = gtk_list_item_get_child (item);
  IncidentRow *row = g_object_get_data (G_OBJECT (widget), "row");

  if (row->incident != NULL)
    g_signal_handlers_disconnect_by_func (row->incident, incident_row_update, widget);
  row->incident = NULL;
  g_clear_object (&row->workspace);
  g_ptr_array_remove_fast (self->bound_rows, widget);
}

static void
on_minute_changed (SitrepWindow *self)
{
  for (guint i = 0; i < self->bound_rows->len; i++)
    incident_row_update (g_ptr_array_index (self->bound_rows, i));
}

static gboolean
retick (gpointer data)
{
  SitrepWindow *self = data;

  self->retick_id = 0;
  on_minute_changed (self);
  return G_SOURCE_REMOVE;
}

static void
on_record_changed (SitrepWindow *self,
                   const char   *coll)
{
  /* Sending an update restarts a clock shown in the sidebar. A page of
   * the change feed brings many at once: the rows update once, after. */
  if (g_str_equal (coll, "communications") && self->retick_id == 0)
    self->retick_id = g_idle_add (retick, self);
}

/* Selection and search ------------------------------------------------- */

static void
update_sidebar_state (SitrepWindow *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  if (!empty)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "list");
  else if (self->matches != NULL)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->sidebar_stack, "empty");
}

static void
update_content_title (SitrepWindow *self)
{
  SitrepIncident *incident;
  AdwViewStackPage *page;
  g_autofree char *page_title = NULL;
  g_autofree char *window_title = NULL;
  const char *ref;

  /* notify::visible-child fires while the template is still being built */
  if (self->pages == NULL)
    return;

  incident = self->incident;
  if (incident == NULL)
    {
      adw_view_switcher_title_set_title (self->content_title, _("Sitrep"));
      adw_view_switcher_title_set_subtitle (self->content_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Sitrep"));
      return;
    }

  ref = sitrep_incident_get_ref (incident);
  adw_view_switcher_title_set_title (self->content_title, sitrep_incident_get_title (incident));
  adw_view_switcher_title_set_subtitle (self->content_title, ref ? ref : _("Not yet synced"));

  /* The window list and the task switcher say which incident and page. */
  page = adw_view_stack_get_page (self->pages, adw_view_stack_get_visible_child (self->pages));
  page_title = g_strdup (page ? adw_view_stack_page_get_title (page) : "");
  g_strstrip (g_strdelimit (page_title, "_", ' '));
  /* Translators: the window title: an incident, a page ("Updates"), the app */
  window_title = g_strdup_printf (_("%s — %s — Sitrep"), sitrep_incident_get_title (incident),
                                  page_title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

static void
set_incident (SitrepWindow   *self,
              SitrepIncident *incident)
{
  if (self->incident == incident)
    return;

  if (self->incident != NULL)
    g_signal_handlers_disconnect_by_func (self->incident, update_content_title, self);
  g_set_object (&self->incident, incident);
  if (incident != NULL)
    g_signal_connect_object (incident, "notify::body", G_CALLBACK (update_content_title), self,
                             G_CONNECT_SWAPPED);

  /* Every page follows through its binding to :incident. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT]);
  update_content_title (self);
}

static void
on_selection_changed (SitrepWindow *self)
{
  SitrepIncident *incident = gtk_single_selection_get_selected_item (self->selection);

  if (incident == NULL)
    {
      /* A search that hides the shown incident does not close it. */
      if (self->incident == NULL)
        gtk_stack_set_visible_child_name (self->content_stack, "empty");
      return;
    }

  set_incident (self, incident);
  gtk_stack_set_visible_child_name (self->content_stack, "incident");
}

static void
on_incident_activated (SitrepWindow *self,
                       guint         position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static gboolean
filter_incident (gpointer item,
                 gpointer data)
{
  SitrepWindow *self = data;

  return self->matches == NULL ||
         g_hash_table_contains (self->matches, sitrep_incident_get_id (item));
}

static void
on_search_changed (SitrepWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->matches, g_hash_table_unref);
  if (query[0] != '\0')
    {
      self->matches = sitrep_context_search (self->context, query, &error);
      if (self->matches == NULL)
        {
          g_warning ("Search failed: %s", error->message);
          self->matches = g_hash_table_new (g_str_hash, g_str_equal);
        }
    }

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_sidebar_state (self);
}

static void
on_stop_search (SitrepWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_toggle_button_set_active (self->search_button, FALSE);
}

/**
 * sitrep_window_select_incident:
 *
 * Shows the incident with @id, clearing a search that hides it.
 *
 * Returns: whether the incident was found
 */
gboolean
sitrep_window_select_incident (SitrepWindow *self,
                               const char   *id)
{
  SitrepIncident *incident;
  guint n;

  g_return_val_if_fail (SITREP_IS_WINDOW (self), FALSE);

  incident = sitrep_context_lookup_incident (self->context, id);
  if (incident == NULL)
    return FALSE;

  if (!filter_incident (incident, self))
    on_stop_search (self);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SitrepIncident) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (item == incident)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->incident_list), "list.scroll-to-item",
                                      "u", i);
          return TRUE;
        }
    }

  return FALSE;
}

static void
on_page_changed (SitrepWindow *self)
{
  update_content_title (self);

  /* Arriving at the timeline, the scribe can type at once. */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->pages), "timeline") == 0)
    sitrep_timeline_page_focus_capture (self->timeline_page);
}

/* Actions ------------------------------------------------------------- */

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepWindow *self = SITREP_WINDOW (widget);

  if (self->incident == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->pages, g_variant_get_string (parameter, NULL));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Alt+1…9: the pages in the stack's order. */
static void
page_nth_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepWindow *self = SITREP_WINDOW (widget);
  g_autoptr(GtkSelectionModel) pages = NULL;
  g_autoptr(AdwViewStackPage) page = NULL;
  guint n = g_variant_get_uint32 (parameter);

  if (self->incident == NULL)
    return;

  pages = adw_view_stack_get_pages (self->pages);
  if (n == 0 || n > g_list_model_get_n_items (G_LIST_MODEL (pages)))
    return;

  page = g_list_model_get_item (G_LIST_MODEL (pages), n - 1);
  adw_view_stack_set_visible_child (self->pages, adw_view_stack_page_get_child (page));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Each page of the stack that shows an incident gets the context and
 * follows the window's :incident: a page added to sitrep-window.ui needs
 * nothing here. */
static void
bind_pages (SitrepWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->pages);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);

      if (!SITREP_IS_INCIDENT_PAGE (child))
        continue;

      sitrep_incident_page_set_context (SITREP_INCIDENT_PAGE (child), self->context);
      g_object_bind_property (self, "incident", child, "incident", G_BINDING_SYNC_CREATE);
    }
}

static void
on_declared (SitrepWindow *self,
             const char   *id)
{
  SitrepIncident *incident;
  g_autofree char *message = NULL;

  sitrep_window_select_incident (self, id);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  incident = sitrep_context_lookup_incident (self->context, id);
  if (incident != NULL)
    {
      /* Translators: a toast, %s is the incident's title */
      message = g_strdup_printf (_("Declared “%s”"), sitrep_incident_get_title (incident));
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
}

static void
declare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SitrepWindow *self = SITREP_WINDOW (widget);

  if (self->declare_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->declare_dialog));
      return;
    }

  self->declare_dialog = sitrep_declare_dialog_new (GTK_WINDOW (self), self->context);
  g_object_add_weak_pointer (G_OBJECT (self->declare_dialog), (gpointer *) &self->declare_dialog);
  g_signal_connect_object (self->declare_dialog, "declared", G_CALLBACK (on_declared), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->declare_dialog));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SitrepWindow *self = SITREP_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_toggle_button_set_active (self->search_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  adw_leaflet_navigate (SITREP_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/**
 * sitrep_window_compose:
 *
 * Shows the composer for an update of @incident_id to @audience.
 *
 * Returns: whether the incident was found
 */
gboolean
sitrep_window_compose (SitrepWindow   *self,
                       const char     *incident_id,
                       SitrepAudience  audience)
{
  g_return_val_if_fail (SITREP_IS_WINDOW (self), FALSE);

  if (!sitrep_window_select_incident (self, incident_id))
    return FALSE;

  adw_view_stack_set_visible_child_name (self->pages, "comms");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  sitrep_comms_page_compose (self->comms_page, audience);
  return TRUE;
}

static void
compose_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  const char *incident_id, *audience_name;
  SitrepAudience audience;

  g_variant_get (parameter, "(&s&s)", &incident_id, &audience_name);
  if (!sitrep_audience_from_string (audience_name, &audience))
    audience = SITREP_AUDIENCE_STAKEHOLDERS;
  sitrep_window_compose (SITREP_WINDOW (widget), incident_id, audience);
}

/* Object -------------------------------------------------------------- */

static void
save_window_state (SitrepWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
sitrep_window_close_request (GtkWindow *window)
{
  save_window_state (SITREP_WINDOW (window));

  return GTK_WINDOW_CLASS (sitrep_window_parent_class)->close_request (window);
}

/* The header says where the user's edits are: only here, on their way,
 * or shared; and how many are still waiting. */
static void
update_sync_label (SitrepWindow *self)
{
  guint pending = sitrep_context_get_pending (self->context);
  const char *error = sitrep_context_get_sync_error (self->context);
  g_autofree char *text = NULL;
  const char *tooltip = NULL;
  const char *css = NULL;

  if (sitrep_context_get_server_url (self->context) == NULL)
    {
      text = g_strdup (_("Local only"));
      tooltip = _("No server is set up: incidents are kept on this computer");
    }
  else
    {
      switch (sitrep_context_get_connection (self->context))
        {
        case SITREP_CONNECTION_ONLINE:
          text = pending ? g_strdup_printf (_("Online · %u pending"), pending) : g_strdup (_("Online"));
          tooltip = sitrep_context_get_server_url (self->context);
          css = "success";
          break;
        case SITREP_CONNECTION_CONNECTING:
          text = g_strdup (_("Connecting…"));
          tooltip = sitrep_context_get_server_url (self->context);
          break;
        case SITREP_CONNECTION_UNAUTHORIZED:
          text = g_strdup (_("Not authorized"));
          tooltip = error ? error : _("The server does not accept this token");
          css = "error";
          break;
        case SITREP_CONNECTION_OFFLINE:
        default:
          text = pending ? g_strdup_printf (_("Offline · %u pending"), pending)
                         : g_strdup (_("Offline"));
          tooltip = error ? error : _("Edits are kept and sent when the server can be reached");
          css = "warning";
          break;
        }
    }

  gtk_label_set_label (self->sync_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_label), tooltip);
  gtk_widget_remove_css_class (GTK_WIDGET (self->sync_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->sync_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->sync_label), "error");
  if (css != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->sync_label), css);
}

static void
sitrep_window_constructed (GObject *object)
{
  SitrepWindow *self = SITREP_WINDOW (object);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  G_OBJECT_CLASS (sitrep_window_parent_class)->constructed (object);

  g_return_if_fail (self->context != NULL);

  self->filter = gtk_custom_filter_new (filter_incident, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (sitrep_context_get_incidents (self->context)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->incident_list, factory);
  gtk_list_view_set_model (self->incident_list, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (update_sidebar_state), self, G_CONNECT_SWAPPED);

  bind_pages (self);
  g_signal_connect_object (self->context, "notify::connection",
                           G_CALLBACK (update_sync_label), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::sync-error",
                           G_CALLBACK (update_sync_label), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::pending", G_CALLBACK (update_sync_label), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::server-url", G_CALLBACK (update_sync_label),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "record-changed",
                           G_CALLBACK (on_record_changed), self, G_CONNECT_SWAPPED);
  update_sync_label (self);
  update_sidebar_state (self);
  on_selection_changed (self);

  g_signal_connect_object (sitrep_context_get_clock (self->context), "minute-changed",
                           G_CALLBACK (on_minute_changed), self, G_CONNECT_SWAPPED);
}

static void
sitrep_window_dispose (GObject *object)
{
  SitrepWindow *self = SITREP_WINDOW (object);

  g_clear_handle_id (&self->retick_id, g_source_remove);
  if (self->declare_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->declare_dialog),
                                  (gpointer *) &self->declare_dialog);
  self->declare_dialog = NULL;
  if (self->incident_list != NULL)
    gtk_list_view_set_model (self->incident_list, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sitrep_window_parent_class)->dispose (object);
}

static void
sitrep_window_finalize (GObject *object)
{
  SitrepWindow *self = SITREP_WINDOW (object);

  g_clear_pointer (&self->matches, g_hash_table_unref);
  g_clear_pointer (&self->bound_rows, g_ptr_array_unref);
  g_clear_object (&self->incident);

  G_OBJECT_CLASS (sitrep_window_parent_class)->finalize (object);
}

static void
sitrep_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SitrepWindow *self = SITREP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_INCIDENT:
      g_value_set_object (value, self->incident);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SitrepWindow *self = SITREP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_window_class_init (SitrepWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sitrep_window_constructed;
  object_class->dispose = sitrep_window_dispose;
  object_class->finalize = sitrep_window_finalize;
  object_class->get_property = sitrep_window_get_property;
  object_class->set_property = sitrep_window_set_property;
  window_class->close_request = sitrep_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SitrepWindow:incident:
   *
   * The incident shown, bound to every page.
   */
  properties[PROP_INCIDENT] =
    g_param_spec_object ("incident", NULL, NULL, SITREP_TYPE_INCIDENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  sitrep_page_types_ensure ();

  /* Referencing the bundle links it in from the static library. */
  g_type_ensure (G_TYPE_RESOURCE);
  (void) sitrep_get_resource ();

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sitrep-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, content);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, incident_list);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, sync_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, roles_page);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, checklist_page);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, comms_page);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, timeline_page);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_incident_activated);

  gtk_widget_class_install_action (widget_class, "win.declare", NULL, declare_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.page", "s", page_action);
  gtk_widget_class_install_action (widget_class, "win.page-nth", "u", page_nth_action);
  gtk_widget_class_install_action (widget_class, "win.compose", "(ss)", compose_action);

  /* Alt+1…5: the first five pages, in the stack's order. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.page-nth", "u", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.page-nth", "u", 2);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.page-nth", "u", 3);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK,
                                       "win.page-nth", "u", 4);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK,
                                       "win.page-nth", "u", 5);
}

static void
sitrep_window_init (SitrepWindow *self)
{
  GSettingsSchema *schema;

  self->bound_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  /* Tests and uninstalled runs may lack the schema; the window works without it. */
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                            APPLICATION_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (APPLICATION_ID);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      g_settings_schema_unref (schema);
    }
}

/**
 * sitrep_window_new:
 *
 * Returns: (transfer none): a new workspace window on @context
 */
SitrepWindow *
sitrep_window_new (AdwApplication *application,
                   SitrepContext  *context)
{
  return g_object_new (SITREP_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

SitrepContext *
sitrep_window_get_context (SitrepWindow *self)
{
  g_return_val_if_fail (SITREP_IS_WINDOW (self), NULL);

  return self->context;
}

GtkSingleSelection *
_sitrep_window_get_selection (SitrepWindow *self)
{
  return self->selection;
}

GtkListView *
_sitrep_window_get_incident_list (SitrepWindow *self)
{
  return self->incident_list;
}

GtkStack *
_sitrep_window_get_sidebar_stack (SitrepWindow *self)
{
  return self->sidebar_stack;
}

GtkLabel *
_sitrep_window_get_sync_label (SitrepWindow *self)
{
  return self->sync_label;
}

GtkEditable *
_sitrep_window_get_search_entry (SitrepWindow *self)
{
  return GTK_EDITABLE (self->search_entry);
}

SitrepOverviewPage *
_sitrep_window_get_overview (SitrepWindow *self)
{
  return self->overview_page;
}

SitrepDeclareDialog *
_sitrep_window_get_declare_dialog (SitrepWindow *self)
{
  return self->declare_dialog;
}

SitrepTimelinePage *
_sitrep_window_get_timeline (SitrepWindow *self)
{
  return self->timeline_page;
}

AdwViewStack *
_sitrep_window_get_pages (SitrepWindow *self)
{
  return self->pages;
}

SitrepRolesPage *
_sitrep_window_get_roles (SitrepWindow *self)
{
  return self->roles_page;
}

SitrepChecklistPage *
_sitrep_window_get_checklist (SitrepWindow *self)
{
  return self->checklist_page;
}

SitrepCommsPage *
_sitrep_window_get_comms (SitrepWindow *self)
{
  return self->comms_page;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-window"

#include "config.h"

#include "sitrep-resources.h"

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-incident-row.h"
#include "sitrep-window-private.h"


G_DEFINE_FINAL_TYPE (SitrepWindow, sitrep_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_INCIDENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Sidebar rows --------------------------------------------------------- */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           SitrepWindow             *self)
{
  gtk_list_item_set_child (item, sitrep_incident_row_new (self->context));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          SitrepWindow             *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  sitrep_incident_row_set_incident (SITREP_INCIDENT_ROW (row), gtk_list_item_get_item (item));
  g_ptr_array_add (self->bound_rows, row);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            SitrepWindow             *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  sitrep_incident_row_set_incident (SITREP_INCIDENT_ROW (row), NULL);
  g_ptr_array_remove_fast (self->bound_rows, row);
}

static void
on_minute_changed (SitrepWindow *self)
{
  for (guint i = 0; i < self->bound_rows->len; i++)
    sitrep_incident_row_update (g_ptr_array_index (self->bound_rows, i));
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


void
_sitrep_window_update_sidebar_state (SitrepWindow *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  if (!empty)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "list");
  else if (self->matches != NULL)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "no-results");
  else if (_sitrep_window_signed_out (self))
    gtk_stack_set_visible_child_name (self->sidebar_stack, "signed-out");
  else
    gtk_stack_set_visible_child_name (self->sidebar_stack, "empty");

  /* With no incident shown, the content pane says why and what to do;
   * a refused token says nothing about whether there are incidents. */
  if (_sitrep_window_signed_out (self))
    {
      adw_status_page_set_title (self->empty_page, _("No Incident Selected"));
      adw_status_page_set_description (self->empty_page,
                                       _("Sign in to the team server to see its incidents."));
    }
  else if (g_list_model_get_n_items (sitrep_context_get_incidents (self->context)) == 0)
    {
      adw_status_page_set_title (self->empty_page, _("All Quiet"));
      adw_status_page_set_description (self->empty_page,
                                       _("No incidents. Declare one as soon as something is wrong."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Incident Selected"));
      adw_status_page_set_description (self->empty_page,
                                       _("Pick one from the list, or declare a new one."));
    }
}

static void
update_content_title (SitrepWindow *self)
{
  SitrepIncident *incident;
  AdwViewStackPage *page;
  g_autofree char *page_title = NULL;
  g_autofree char *window_title = NULL;
  g_autofree char *ref = NULL;

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

  ref = sitrep_incident_dup_display_ref (incident);
  adw_view_switcher_title_set_title (self->content_title, sitrep_incident_get_title (incident));
  adw_view_switcher_title_set_subtitle (self->content_title, ref);

  /* The window list and the task switcher say which incident and page. */
  page = adw_view_stack_get_page (self->pages, adw_view_stack_get_visible_child (self->pages));
  page_title = g_strdup (page ? adw_view_stack_page_get_title (page) : "");
  g_strstrip (g_strdelimit (page_title, "_", ' '));
  /* Translators: the window title: an incident, a page ("Updates"), the app */
  window_title = g_strdup_printf (_("%s — %s — Sitrep"), sitrep_incident_get_title (incident),
                                  page_title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

/* The bottom switcher bar, shown only when the header has no room for
 * the switcher, gets its buttons when it is first revealed. Whether it is
 * can be told only once the header has been laid out with the switcher
 * enabled: after the next frame. */
static void
update_switcher_bar (SitrepWindow *self)
{
  if (self->incident != NULL && adw_view_switcher_bar_get_reveal (self->switcher_bar) &&
      adw_view_switcher_bar_get_stack (self->switcher_bar) == NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, self->pages);
}

static void
on_switcher_laid_out (SitrepWindow  *self,
                      GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, on_switcher_laid_out, self);
  update_switcher_bar (self);
}

static void
update_switcher_bar_after_frame (SitrepWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_handlers_disconnect_by_func (self, update_switcher_bar_after_frame, NULL);
  if (clock == NULL)
    {
      g_signal_connect (self, "realize", G_CALLBACK (update_switcher_bar_after_frame), NULL);
      return;
    }
  g_signal_handlers_disconnect_by_func (clock, on_switcher_laid_out, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_switcher_laid_out), self,
                           G_CONNECT_SWAPPED);
}

/* With no incident there is no page to switch to. */
static void
update_switcher (SitrepWindow *self)
{
  gboolean has_incident = self->incident != NULL;

  /* The switchers' buttons (six pages, each in three switchers) are made
   * when there is first an incident to switch pages of. */
  if (has_incident && adw_view_switcher_title_get_stack (self->content_title) == NULL)
    adw_view_switcher_title_set_stack (self->content_title, self->pages);
  if (has_incident && adw_view_switcher_bar_get_stack (self->switcher_bar) == NULL)
    update_switcher_bar_after_frame (self);
  adw_view_switcher_title_set_view_switcher_enabled (self->content_title, has_incident);
  gtk_widget_set_sensitive (GTK_WIDGET (self->content_title), has_incident);
  _sitrep_window_update_actions (self);
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
  update_switcher (self);
}

/* The pages are built when first shown (:build-on-demand): the start
 * makes only what its first frame shows, and nothing of the incident
 * pages while no incident is selected. */
static void
build_shown_page (SitrepWindow *self)
{
  GtkWidget *page = adw_view_stack_get_visible_child (self->pages);

  if (self->incident != NULL && SITREP_IS_INCIDENT_PAGE (page))
    sitrep_incident_page_ensure_built (SITREP_INCIDENT_PAGE (page));
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
  build_shown_page (self);
  gtk_stack_set_visible_child_name (self->content_stack, "incident");
}

/* Each page of the stack that shows an incident gets the context and
 * follows the window's :incident: a page added to sitrep-window.ui needs
 * nothing here. */
static gboolean
holds_scroller (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (holds_scroller (child))
      return TRUE;
  return FALSE;
}

/* A viewer's token: a page shows everything and offers no edit, and what
 * scrolls still scrolls, so a long timeline can be read to its end. */
static void
bind_read_only (SitrepWindow *self,
                GtkWidget    *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget));

      if (content != NULL)
        g_object_bind_property (self->context, "can-edit", content, "sensitive",
                                G_BINDING_SYNC_CREATE);
      return;
    }
  if (!holds_scroller (widget))
    {
      g_object_bind_property (self->context, "can-edit", widget, "sensitive",
                              G_BINDING_SYNC_CREATE);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    bind_read_only (self, child);
}

static void
on_page_built (SitrepWindow *self,
               GParamSpec   *pspec,
               GtkWidget    *page)
{
  bind_read_only (self, page);
}

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
      if (sitrep_incident_page_get_built (SITREP_INCIDENT_PAGE (child)))
        bind_read_only (self, child);
      else
        g_signal_connect_object (child, "notify::built", G_CALLBACK (on_page_built), self,
                                 G_CONNECT_SWAPPED);
    }
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

  /* Without a search the list has no filter at all: 10,000 incidents
   * arriving after the first screen are not each asked whether they match. */
  if (self->matches == NULL)
    gtk_filter_list_model_set_filter (self->filtered, NULL);
  else if (gtk_filter_list_model_get_filter (self->filtered) == NULL)
    gtk_filter_list_model_set_filter (self->filtered, GTK_FILTER (self->filter));
  else
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  _sitrep_window_update_sidebar_state (self);
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
  build_shown_page (self);
  update_content_title (self);

  /* Arriving at the timeline, the scribe can type at once. */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->pages), "timeline") == 0)
    sitrep_timeline_page_focus_capture (_sitrep_window_get_timeline (self));
}

/* The main menu's popover is made when it first opens (a click or F10),
 * not with the window. */
static void
create_main_menu (GtkMenuButton *button,
                  gpointer       data)
{
  SitrepWindow *self = data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
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




static void
on_folded_changed (SitrepWindow *self)
{
  /* notify::folded may fire while the template is still being built */
  if (self->context != NULL && self->sync_icon != NULL)
    _sitrep_window_update_sync_label (self);
}

static void
sitrep_window_constructed (GObject *object)
{
  SitrepWindow *self = SITREP_WINDOW (object);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  G_OBJECT_CLASS (sitrep_window_parent_class)->constructed (object);

  g_return_if_fail (self->context != NULL);

  self->filter = gtk_custom_filter_new (filter_incident, self, NULL);
  sitrep_overdue_badge_set_context (self->overdue_badge, self->context);
  self->filtered = gtk_filter_list_model_new (g_object_ref (sitrep_context_get_incidents (self->context)),
                                              NULL);
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
                           G_CALLBACK (_sitrep_window_update_sidebar_state), self, G_CONNECT_SWAPPED);

  bind_pages (self);
  g_signal_connect_object (self->context, "notify::connection",
                           G_CALLBACK (_sitrep_window_update_auth_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::can-edit",
                           G_CALLBACK (_sitrep_window_update_auth_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "edits-refused",
                           G_CALLBACK (_sitrep_window_on_edits_refused), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sitrep_context_get_incidents (self->context), "items-changed",
                           G_CALLBACK (_sitrep_window_update_auth_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::sync-error",
                           G_CALLBACK (_sitrep_window_update_sync_label), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::pending",
                           G_CALLBACK (_sitrep_window_update_sync_label), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::server-url",
                           G_CALLBACK (_sitrep_window_update_auth_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "record-changed",
                           G_CALLBACK (on_record_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->auth_banner, "notify::child-revealed",
                           G_CALLBACK (_sitrep_window_on_auth_banner_revealed), self,
                           G_CONNECT_SWAPPED);
  _sitrep_window_update_auth_state (self);
  _sitrep_window_on_auth_banner_revealed (self);
  _sitrep_window_init_settle_button (self);
  _sitrep_window_init_palette (self);
  _sitrep_window_init_action_items (self);
  on_selection_changed (self);
  g_signal_connect_object (self->switcher_bar, "notify::reveal", G_CALLBACK (update_switcher_bar),
                           self, G_CONNECT_SWAPPED);
  update_switcher (self);

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
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, incident_list);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, sync_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, sync_icon);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, sidebar_sync_icon);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, auth_banner);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, auth_icon);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, auth_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, settle_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, overdue_badge);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, roles_page);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, checklist_page);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, comms_page);
  gtk_widget_class_bind_template_child (widget_class, SitrepWindow, timeline_page);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_incident_activated);

  _sitrep_window_class_init_actions (widget_class);
  _sitrep_window_class_init_palette (widget_class);
  _sitrep_window_class_init_wall (widget_class);
}

static void
sitrep_window_init (SitrepWindow *self)
{
  GSettingsSchema *schema;

  self->bound_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->main_menu_button, create_main_menu, self, NULL);

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

AdwStatusPage *
_sitrep_window_get_empty_page (SitrepWindow *self)
{
  return self->empty_page;
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

GtkMenuButton *
_sitrep_window_get_main_menu_button (SitrepWindow *self)
{
  return self->main_menu_button;
}

SitrepOverviewPage *
_sitrep_window_get_overview (SitrepWindow *self)
{
  sitrep_incident_page_ensure_built (SITREP_INCIDENT_PAGE (self->overview_page));
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
  sitrep_incident_page_ensure_built (SITREP_INCIDENT_PAGE (self->timeline_page));
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
  sitrep_incident_page_ensure_built (SITREP_INCIDENT_PAGE (self->roles_page));
  return self->roles_page;
}

SitrepChecklistPage *
_sitrep_window_get_checklist (SitrepWindow *self)
{
  sitrep_incident_page_ensure_built (SITREP_INCIDENT_PAGE (self->checklist_page));
  return self->checklist_page;
}

SitrepCommsPage *
_sitrep_window_get_comms (SitrepWindow *self)
{
  sitrep_incident_page_ensure_built (SITREP_INCIDENT_PAGE (self->comms_page));
  return self->comms_page;
}

/* The sync state as the header on screen shows it: the label in a wide
 * window, an icon in a narrow one. */
GtkWidget *
_sitrep_window_get_sync_indicator (SitrepWindow *self)
{
  if (!adw_leaflet_get_folded (self->leaflet))
    return GTK_WIDGET (self->sync_label);
  if (adw_leaflet_get_visible_child (self->leaflet) == self->sidebar)
    return GTK_WIDGET (self->sidebar_sync_icon);
  return GTK_WIDGET (self->sync_icon);
}

GtkRevealer *
_sitrep_window_get_auth_banner (SitrepWindow *self)
{
  return self->auth_banner;
}

GtkLabel *
_sitrep_window_get_auth_label (SitrepWindow *self)
{
  return self->auth_label;
}

AdwViewSwitcherTitle *
_sitrep_window_get_content_title (SitrepWindow *self)
{
  return self->content_title;
}

AdwLeaflet *
_sitrep_window_get_leaflet (SitrepWindow *self)
{
  return self->leaflet;
}

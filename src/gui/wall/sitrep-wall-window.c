/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-wall"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-countdown.h"
#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-severity.h"
#include "sitrep-timeline-entry.h"
#include "sitrep-wall-window-private.h"

/* The wall view: every active incident in large type for a screen across
 * the room, read-only. It follows the context's incidents and each shown
 * commit (local or from sync), redraws its countdowns on the clock's minute, and
 * never presents itself again on an update. When the server goes away it
 * says since when, and keeps counting down from the local copy. One
 * incident is selected (marked, its pinned entries passing by below): the
 * main window's when the wall is opened from it, another with Up/Down or
 * a click; the first active one when the selected one is no longer. */
struct _SitrepWallWindow
{
  AdwApplicationWindow parent_instance;

  SitrepContext      *context;
  GtkFilterListModel *active;       /* the context's incidents, active ones */
  GPtrArray          *workspaces;   /* the shown incidents' */
  GSettings          *settings;
  GDateTime          *offline_since;
  guint               rotate_id;
  guint               pinned_index;
  char               *selected_id;  /* whose pinned entries pass by */

  GtkBox             *incidents;
  GtkLabel           *empty;
  GtkLabel           *offline;
  GtkLabel           *clock;
  GtkWidget          *pinned_box;
  GtkLabel           *pinned_heading;
  GtkLabel           *pinned;
};

G_DEFINE_FINAL_TYPE (SitrepWallWindow, sitrep_wall_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SELECTED_INCIDENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define ROTATE_SECONDS 8
#define PINNED_SHOWN   5

static void refresh (SitrepWallWindow *self);
static int  active_position (SitrepWallWindow *self,
                             const char       *id);
static gboolean set_selected (SitrepWallWindow *self,
                              const char       *id);

static gboolean
is_active (gpointer item,
           gpointer user_data)
{
  return sitrep_incident_is_active (SITREP_INCIDENT (item));
}

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
  return label;
}

/* One audience's clock: its label and countdown, amber within the
 * notifier's warning span and red once overdue. */
static void
add_countdown (SitrepWallWindow     *self,
               GtkBox               *box,
               const SitrepDeadline *d,
               GDateTime            *now)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  g_autofree char *countdown = sitrep_countdown_format (d->due, now);
  GtkWidget *value;
  GTimeSpan warn = (GTimeSpan) g_settings_get_uint (self->settings, "warn-before-minutes") *
                   G_TIME_SPAN_MINUTE;
  GTimeSpan left = g_date_time_difference (d->due, now);

  add_label (GTK_BOX (row), d->label, "wall-deadline");
  value = add_label (GTK_BOX (row), countdown, "wall-countdown");
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_set_hexpand (value, TRUE);
  gtk_label_set_xalign (GTK_LABEL (value), 1);
  if (sitrep_countdown_state (d->due, now) == SITREP_COUNTDOWN_OVERDUE)
    gtk_widget_add_css_class (value, "wall-overdue");
  else if (left <= warn)
    gtk_widget_add_css_class (value, "wall-soon");
  gtk_box_append (box, row);
}

static void on_card_pressed (GtkGestureClick *gesture,
                             int              n_press,
                             double           x,
                             double           y,
                             SitrepWallWindow *self);

static GtkWidget *
incident_card (SitrepWallWindow *self,
               SitrepIncident   *incident,
               SitrepWorkspace  *workspace,
               GDateTime        *now)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  const SitrepSeverityInfo *info = sitrep_severity_get_info (sitrep_incident_get_severity (incident));
  GDateTime *declared = sitrep_incident_get_milestone (incident, SITREP_MILESTONE_DECLARED);
  g_autofree char *ic = sitrep_workspace_dup_role_person (workspace, SITREP_ROLE_COMMANDER);
  g_autofree char *age = declared != NULL ? sitrep_format_age (declared, now) : NULL;
  g_autofree char *ref = sitrep_incident_dup_display_ref (incident);
  g_autofree char *meta = NULL;
  g_autoptr(GPtrArray) deadlines = sitrep_workspace_dup_deadlines (workspace);
  GtkWidget *badge;

  gtk_widget_add_css_class (card, "wall-incident");
  gtk_widget_add_css_class (card, "card");
  g_object_set_data_full (G_OBJECT (card), "incident-id", g_strdup (sitrep_incident_get_id (incident)),
                          g_free);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    g_signal_connect_object (click, "pressed", G_CALLBACK (on_card_pressed), self, 0);
    gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (click));
  }

  badge = add_label (GTK_BOX (top), info ? info->id : "?", "severity-badge");
  gtk_widget_add_css_class (badge, "wall-badge");
  sitrep_set_severity_class (badge, sitrep_incident_get_severity (incident));
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  add_label (GTK_BOX (top), sitrep_incident_get_title (incident), "wall-title");
  gtk_box_append (GTK_BOX (card), top);

  /* Translators: wall view: reference · status · IC · age, e.g.
   * "INC-2026-042 · Identified · IC: dana · declared 40 min ago" */
  meta = g_strdup_printf (_("%s · %s · IC: %s · declared %s"), ref,
                          sitrep_status_get_label (sitrep_incident_get_status (incident)),
                          ic != NULL && *ic != '\0' ? ic : _("unassigned"),
                          age != NULL ? age : _("not yet"));
  add_label (GTK_BOX (card), meta, "wall-meta");

  for (guint i = 0; i < deadlines->len; i++)
    {
      SitrepDeadline *d = deadlines->pdata[i];

      if (d->kind == SITREP_DEADLINE_UPDATE || d->kind == SITREP_DEADLINE_RESPOND)
        add_countdown (self, GTK_BOX (card), d, now);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sitrep_incident_get_title (incident), -1);
  if (g_strcmp0 (self->selected_id, sitrep_incident_get_id (incident)) == 0)
    {
      GtkWidget *mark = gtk_label_new (_("Selected"));

      gtk_widget_add_css_class (card, "wall-selected");
      gtk_widget_add_css_class (mark, "wall-selected-mark");
      gtk_widget_set_valign (mark, GTK_ALIGN_CENTER);
      gtk_widget_set_halign (mark, GTK_ALIGN_END);
      gtk_widget_set_hexpand (mark, TRUE);
      gtk_box_append (GTK_BOX (top), mark);
      /* Translators: wall view: what a screen reader says of the selected incident */
      gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("Selected: its pinned entries are shown below"), -1);
    }
  return card;
}

/* The selected incident's latest pinned entries, one at a time. */
static void
show_pinned (SitrepWallWindow *self)
{
  SitrepWorkspace *workspace;
  GListModel *timeline;
  g_autoptr(GPtrArray) pinned = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *heading = NULL;
  SitrepTimelineEntry *entry;
  g_autoptr(GDateTime) occurred = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  if (self->workspaces->len == 0)
    {
      gtk_widget_set_visible (self->pinned_box, FALSE);
      return;
    }

  workspace = self->workspaces->pdata[0];
  for (guint i = 0; i < self->workspaces->len; i++)
    if (g_strcmp0 (sitrep_incident_get_id (sitrep_workspace_get_incident (self->workspaces->pdata[i])),
                   self->selected_id) == 0)
      workspace = self->workspaces->pdata[i];
  timeline = sitrep_workspace_get_timeline (workspace);
  for (guint i = g_list_model_get_n_items (timeline); i > 0 && pinned->len < PINNED_SHOWN; i--)
    {
      g_autoptr(SitrepTimelineEntry) e = g_list_model_get_item (timeline, i - 1);

      if (sitrep_timeline_entry_get_pinned (e))
        g_ptr_array_add (pinned, g_steal_pointer (&e));
    }
  if (pinned->len == 0)
    {
      gtk_widget_set_visible (self->pinned_box, FALSE);
      return;
    }

  entry = pinned->pdata[self->pinned_index % pinned->len];
  /* Translators: wall view: heading of the pinned entries, with the incident's title */
  heading = g_strdup_printf (_("Pinned: %s"),
                             sitrep_incident_get_title (sitrep_workspace_get_incident (workspace)));
  occurred = g_date_time_to_local (sitrep_timeline_entry_get_occurred_at (entry));
  when = g_date_time_format (occurred, "%H:%M");
  /* Translators: wall view: a pinned timeline entry, "14:32 · Rolled back the release" */
  text = g_strdup_printf (_("%s · %s"), when, sitrep_timeline_entry_get_text (entry));
  gtk_label_set_label (self->pinned_heading, heading);
  gtk_label_set_label (self->pinned, text);
  gtk_widget_set_visible (self->pinned_box, TRUE);
}

void
_sitrep_wall_window_rotate (SitrepWallWindow *self)
{
  self->pinned_index++;
  show_pinned (self);
}

static gboolean
rotate (gpointer data)
{
  _sitrep_wall_window_rotate (data);
  return G_SOURCE_CONTINUE;
}

static void
update_offline (SitrepWallWindow *self,
                GDateTime        *now)
{
  const char *url = sitrep_context_get_server_url (self->context);
  gboolean offline = url != NULL && *url != '\0' &&
                     sitrep_context_get_connection (self->context) != SITREP_CONNECTION_ONLINE;

  if (!offline)
    {
      g_clear_pointer (&self->offline_since, g_date_time_unref);
      gtk_widget_set_visible (GTK_WIDGET (self->offline), FALSE);
      return;
    }

  if (self->offline_since == NULL)
    {
      g_autofree char *hhmm = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GDateTime) local = g_date_time_to_local (now);

      self->offline_since = g_date_time_ref (now);
      hhmm = g_date_time_format (local, "%H:%M");
      /* Translators: wall view, when the team server cannot be reached; %s is HH:MM */
      text = g_strdup_printf (_("Offline since %s"), hhmm);
      gtk_label_set_label (self->offline, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->offline), TRUE);
}

void
_sitrep_wall_window_refresh_at (SitrepWallWindow *self,
                                GDateTime        *now)
{
  GtkWidget *child;
  guint n;
  g_autoptr(GDateTime) local = g_date_time_to_local (now);
  g_autofree char *hhmm = g_date_time_format (local, "%H:%M");

  g_return_if_fail (SITREP_IS_WALL_WINDOW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->incidents))) != NULL)
    gtk_box_remove (self->incidents, child);
  g_ptr_array_set_size (self->workspaces, 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->active));
  if (active_position (self, self->selected_id) < 0)
    {
      g_autoptr(SitrepIncident) first = n > 0 ? g_list_model_get_item (G_LIST_MODEL (self->active),
                                                                        0) : NULL;

      set_selected (self, first != NULL ? sitrep_incident_get_id (first) : NULL);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (G_LIST_MODEL (self->active), i);
      SitrepWorkspace *workspace = sitrep_context_open_workspace (self->context,
                                                                  sitrep_incident_get_id (incident));

      g_ptr_array_add (self->workspaces, workspace);
      gtk_box_append (self->incidents, incident_card (self, incident, workspace, now));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty), n == 0);
  gtk_label_set_label (self->clock, hhmm);
  update_offline (self, now);
  show_pinned (self);
}

static void
refresh (SitrepWallWindow *self)
{
  g_autoptr(GDateTime) now = sitrep_clock_dup_now (sitrep_context_get_clock (self->context));

  _sitrep_wall_window_refresh_at (self, now);
}

/* Selection ---------------------------------------------------------- */

/* Where the incident @id is among the active ones, or -1. */
static int
active_position (SitrepWallWindow *self,
                 const char       *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->active));

  for (guint i = 0; id != NULL && i < n; i++)
    {
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (G_LIST_MODEL (self->active), i);

      if (g_str_equal (sitrep_incident_get_id (incident), id))
        return (int) i;
    }
  return -1;
}

/* Records the selection, its pinned entries from the newest again. */
static gboolean
set_selected (SitrepWallWindow *self,
              const char       *id)
{
  if (g_strcmp0 (self->selected_id, id) == 0)
    return FALSE;

  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  self->pinned_index = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_INCIDENT]);
  return TRUE;
}

/**
 * sitrep_wall_window_select_incident:
 * @id: an incident's id
 *
 * Selects the incident @id, if it is active: it is marked, and its pinned
 * entries pass by.
 *
 * Returns: whether @id is an active incident, now selected
 */
gboolean
sitrep_wall_window_select_incident (SitrepWallWindow *self,
                                    const char       *id)
{
  g_return_val_if_fail (SITREP_IS_WALL_WINDOW (self), FALSE);

  if (active_position (self, id) < 0)
    return FALSE;
  if (set_selected (self, id))
    refresh (self);
  return TRUE;
}

/**
 * sitrep_wall_window_get_selected_incident:
 *
 * Returns: (nullable): the selected incident's id
 */
const char *
sitrep_wall_window_get_selected_incident (SitrepWallWindow *self)
{
  g_return_val_if_fail (SITREP_IS_WALL_WINDOW (self), NULL);

  return self->selected_id;
}

/* Up and Down: the previous or next active incident, stopping at the ends. */
static void
select_step (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepWallWindow *self = SITREP_WALL_WINDOW (widget);
  int n = (int) g_list_model_get_n_items (G_LIST_MODEL (self->active));
  int at = active_position (self, self->selected_id);
  g_autoptr(SitrepIncident) incident = NULL;

  at += g_str_equal (action_name, "wall.next") ? 1 : -1;
  if (n == 0 || at < 0 || at >= n)
    return;
  incident = g_list_model_get_item (G_LIST_MODEL (self->active), (guint) at);
  sitrep_wall_window_select_incident (self, sitrep_incident_get_id (incident));
}

static void
on_card_pressed (GtkGestureClick  *gesture,
                 int               n_press,
                 double            x,
                 double            y,
                 SitrepWallWindow *self)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  sitrep_wall_window_select_incident (self, g_object_get_data (G_OBJECT (card), "incident-id"));
}

/* An incident's change may make it active or not: the filter reads again. */
static void
on_incidents_changed (SitrepWallWindow *self)
{
  GtkFilter *filter = gtk_filter_list_model_get_filter (self->active);

  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
  refresh (self);
}

static void
sitrep_wall_window_constructed (GObject *object)
{
  SitrepWallWindow *self = SITREP_WALL_WINDOW (object);
  GListModel *incidents;

  G_OBJECT_CLASS (sitrep_wall_window_parent_class)->constructed (object);

  g_return_if_fail (self->context != NULL);
  incidents = sitrep_context_get_incidents (self->context);
  self->active = gtk_filter_list_model_new (g_object_ref (incidents),
                                            GTK_FILTER (gtk_custom_filter_new (is_active, NULL, NULL)));
  g_signal_connect_object (incidents, "items-changed", G_CALLBACK (on_incidents_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "changed", G_CALLBACK (on_incidents_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sitrep_context_get_clock (self->context), "minute-changed",
                           G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::connection", G_CALLBACK (refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::warn-before-minutes", G_CALLBACK (refresh),
                           self, G_CONNECT_SWAPPED);
  self->rotate_id = g_timeout_add_seconds (ROTATE_SECONDS, rotate, self);
  refresh (self);
}

static void
sitrep_wall_window_dispose (GObject *object)
{
  SitrepWallWindow *self = SITREP_WALL_WINDOW (object);

  g_clear_handle_id (&self->rotate_id, g_source_remove);
  g_clear_pointer (&self->workspaces, g_ptr_array_unref);
  g_clear_object (&self->active);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->offline_since, g_date_time_unref);
  g_clear_object (&self->context);
  g_clear_pointer (&self->selected_id, g_free);

  G_OBJECT_CLASS (sitrep_wall_window_parent_class)->dispose (object);
}

static void
sitrep_wall_window_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SitrepWallWindow *self = SITREP_WALL_WINDOW (object);

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
sitrep_wall_window_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SitrepWallWindow *self = SITREP_WALL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_SELECTED_INCIDENT:
      g_value_set_string (value, self->selected_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_wall_window_class_init (SitrepWallWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sitrep_wall_window_constructed;
  object_class->dispose = sitrep_wall_window_dispose;
  object_class->set_property = sitrep_wall_window_set_property;
  object_class->get_property = sitrep_wall_window_get_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SitrepWallWindow:selected-incident:
   *
   * The id of the incident whose pinned entries pass by.
   */
  properties[PROP_SELECTED_INCIDENT] =
    g_param_spec_string ("selected-incident", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "wall.previous", NULL, select_step);
  gtk_widget_class_install_action (widget_class, "wall.next", NULL, select_step);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sitrep/Sitrep/sitrep-wall-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepWallWindow, incidents);
  gtk_widget_class_bind_template_child (widget_class, SitrepWallWindow, empty);
  gtk_widget_class_bind_template_child (widget_class, SitrepWallWindow, offline);
  gtk_widget_class_bind_template_child (widget_class, SitrepWallWindow, clock);
  gtk_widget_class_bind_template_child (widget_class, SitrepWallWindow, pinned_box);
  gtk_widget_class_bind_template_child (widget_class, SitrepWallWindow, pinned_heading);
  gtk_widget_class_bind_template_child (widget_class, SitrepWallWindow, pinned);
}

/* Up and Down select: caught before the window's own arrow keys, which
 * would move the focus on a wall that has nothing to focus. */
static void
add_select_shortcuts (SitrepWallWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Up, 0),
                                                          gtk_named_action_new ("wall.previous")));
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, 0),
                                                          gtk_named_action_new ("wall.next")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
sitrep_wall_window_init (SitrepWallWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_select_shortcuts (self);
  self->workspaces = g_ptr_array_new_with_free_func (g_object_unref);
  self->settings = g_settings_new (APPLICATION_ID);
}

/**
 * sitrep_wall_window_new:
 *
 * Returns: (transfer floating): the wall view of @context's active
 *   incidents, full screen
 */
GtkWidget *
sitrep_wall_window_new (AdwApplication *application,
                        SitrepContext  *context)
{
  GtkWidget *window;

  g_return_val_if_fail (SITREP_IS_CONTEXT (context), NULL);

  window = g_object_new (SITREP_TYPE_WALL_WINDOW, "application", application,
                         "context", context, NULL);
  gtk_window_fullscreen (GTK_WINDOW (window));
  return window;
}

/**
 * sitrep_wall_window_open:
 *
 * @incident_id: (nullable): the incident to select, if it is active
 *
 * Shows @application's wall view, made the first time.
 *
 * Returns: (transfer none): the wall view
 */
GtkWindow *
sitrep_wall_window_open (AdwApplication *application,
                         SitrepContext  *context,
                         const char     *incident_id)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (application));
  GtkWindow *wall = NULL;

  for (GList *l = windows; l != NULL && wall == NULL; l = l->next)
    if (SITREP_IS_WALL_WINDOW (l->data))
      wall = l->data;
  if (wall == NULL)
    wall = GTK_WINDOW (sitrep_wall_window_new (application, context));
  if (incident_id != NULL)
    sitrep_wall_window_select_incident (SITREP_WALL_WINDOW (wall), incident_id);
  gtk_window_present (wall);
  return wall;
}

GtkWidget *
_sitrep_wall_window_get_incidents (SitrepWallWindow *self)
{
  return GTK_WIDGET (self->incidents);
}

GtkLabel *
_sitrep_wall_window_get_offline (SitrepWallWindow *self)
{
  return self->offline;
}

GtkLabel *
_sitrep_wall_window_get_pinned (SitrepWallWindow *self)
{
  return self->pinned;
}

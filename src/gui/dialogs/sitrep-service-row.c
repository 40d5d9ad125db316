/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-services"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-gui-util.h"
#include "sitrep-resources.h"
#include "sitrep-service-row.h"
#include "sitrep-services.h"

/* One service of the catalogue, edited in place: its owner team, whether
 * it is critical, its runbook and dashboard, and the teams to escalate to
 * in order (moved with the arrows or Alt+Up / Alt+Down). Edits are the
 * user's until saved: the Services page reloads a row only while it holds
 * no unsaved edit. A bad address is said under the editors and nothing is
 * written, so nothing typed is lost. */

struct _SitrepServiceRow
{
  AdwExpanderRow  parent_instance;

  SitrepContext  *context;
  char           *name;      /* NULL until first saved */
  JsonObject     *shown;     /* the body last loaded or saved */
  GPtrArray      *teams;     /* char *, the escalation being edited */
  gboolean        loading;   /* the editors are being filled from code */
  gboolean        dirty;

  AdwEntryRow    *name_row;
  AdwEntryRow    *owner_row;
  GtkSwitch      *critical_switch;
  AdwEntryRow    *runbook_row;
  AdwEntryRow    *dashboard_row;
  GtkListBox     *teams_list;
  GtkEntry       *team_entry;
  GtkLabel       *error_label;
  GtkWidget      *save_button;
  GtkWidget      *delete_button;
};

G_DEFINE_FINAL_TYPE (SitrepServiceRow, sitrep_service_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DELETE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_error (SitrepServiceRow *self,
           const char       *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_header (SitrepServiceRow *self)
{
  const char *owner = gtk_editable_get_text (GTK_EDITABLE (self->owner_row));
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *title = self->name ? self->name : _("New service");

  if (self->name == NULL)
    g_string_append (subtitle, _("Not saved yet"));
  else if (owner[0] != '\0')
    /* Translators: the team owning a service, e.g. "Owned by payments-team" */
    g_string_append_printf (subtitle, _("Owned by %s"), owner);
  else
    g_string_append (subtitle, _("No owner team"));
  if (gtk_switch_get_active (self->critical_switch))
    /* Translators: appended to a service's subtitle */
    g_string_append (subtitle, _(" · critical"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle->str, -1);
}

static void
mark_dirty (SitrepServiceRow *self)
{
  if (self->loading)
    return;
  self->dirty = TRUE;
  gtk_widget_set_sensitive (self->save_button, TRUE);
}

static void
on_edited (SitrepServiceRow *self)
{
  mark_dirty (self);
}

static GtkWidget *
team_button (const char *icon,
             const char *action,
             guint       position,
             const char *tooltip,
             const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", position);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return button;
}

/* Few teams: rebuilt on every change, the focus kept on the team moved. */
static void
rebuild_teams (SitrepServiceRow *self,
               int               focus)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focused = root ? gtk_root_get_focus (root) : NULL;
  GtkListBoxRow *child;

  /* The focus follows the team moved only when it was on the teams. */
  if (focused == NULL || !gtk_widget_is_ancestor (focused, GTK_WIDGET (self->teams_list)))
    focus = -1;

  while ((child = gtk_list_box_get_row_at_index (self->teams_list, 0)) != NULL)
    gtk_list_box_remove (self->teams_list, GTK_WIDGET (child));

  for (guint i = 0; i < self->teams->len; i++)
    {
      const char *team = self->teams->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *up, *down;
      g_autofree char *step = g_strdup_printf ("%u", i + 1);
      g_autofree char *up_label = g_strdup_printf (_("Move %s up"), team);
      g_autofree char *down_label = g_strdup_printf (_("Move %s down"), team);
      g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), team);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), team);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_label_new (step));
      up = team_button ("go-up-symbolic", "service.team-up", i, _("Escalate earlier (Alt+Up)"),
                        up_label);
      down = team_button ("go-down-symbolic", "service.team-down", i,
                          _("Escalate later (Alt+Down)"), down_label);
      gtk_widget_set_sensitive (up, i > 0);
      gtk_widget_set_sensitive (down, i + 1 < self->teams->len);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 team_button ("list-remove-symbolic", "service.team-remove", i,
                                              _("Remove from the escalation path"),
                                              remove_label));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, TRUE);
      gtk_list_box_append (self->teams_list, row);
      if ((int) i == focus)
        gtk_widget_grab_focus (row);
    }
}

/**
 * sitrep_service_row_add_team:
 *
 * Adds @team at the end of the escalation path, once.
 */
void
sitrep_service_row_add_team (SitrepServiceRow *self,
                             const char       *team)
{
  g_autofree char *stripped = g_strstrip (g_strdup (team ? team : ""));

  g_return_if_fail (SITREP_IS_SERVICE_ROW (self));

  if (stripped[0] == '\0')
    return;
  for (guint i = 0; i < self->teams->len; i++)
    if (g_utf8_collate (self->teams->pdata[i], stripped) == 0)
      {
        gtk_widget_error_bell (GTK_WIDGET (self));
        return;
      }
  g_ptr_array_add (self->teams, g_steal_pointer (&stripped));
  rebuild_teams (self, -1);
  mark_dirty (self);
}

/**
 * sitrep_service_row_move_team:
 * @delta: -1 to escalate to the team earlier, 1 later
 *
 * Returns: whether the team moved
 */
gboolean
sitrep_service_row_move_team (SitrepServiceRow *self,
                              guint             position,
                              int               delta)
{
  guint to;

  g_return_val_if_fail (SITREP_IS_SERVICE_ROW (self), FALSE);

  if (position >= self->teams->len || (delta < 0 && position == 0) ||
      (delta > 0 && position + 1 >= self->teams->len))
    return FALSE;

  to = delta < 0 ? position - 1 : position + 1;
  {
    gpointer team = self->teams->pdata[position];

    self->teams->pdata[position] = self->teams->pdata[to];
    self->teams->pdata[to] = team;
  }
  rebuild_teams (self, (int) to);
  mark_dirty (self);
  return TRUE;
}

gboolean
sitrep_service_row_remove_team (SitrepServiceRow *self,
                                guint             position)
{
  g_return_val_if_fail (SITREP_IS_SERVICE_ROW (self), FALSE);

  if (position >= self->teams->len)
    return FALSE;
  g_ptr_array_remove_index (self->teams, position);
  rebuild_teams (self, -1);
  mark_dirty (self);
  return TRUE;
}

/**
 * sitrep_service_row_dup_teams:
 *
 * Returns: (transfer full): the escalation path as edited, in order
 */
GStrv
sitrep_service_row_dup_teams (SitrepServiceRow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SITREP_IS_SERVICE_ROW (self), NULL);

  for (guint i = 0; i < self->teams->len; i++)
    g_strv_builder_add (builder, self->teams->pdata[i]);
  return g_strv_builder_end (builder);
}

static void
on_add_team (SitrepServiceRow *self)
{
  sitrep_service_row_add_team (self, gtk_editable_get_text (GTK_EDITABLE (self->team_entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->team_entry), "");
}

static void
team_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepServiceRow *self = SITREP_SERVICE_ROW (widget);
  guint position = g_variant_get_uint32 (parameter);

  if (g_str_equal (action_name, "service.team-up"))
    sitrep_service_row_move_team (self, position, -1);
  else if (g_str_equal (action_name, "service.team-down"))
    sitrep_service_row_move_team (self, position, 1);
  else
    sitrep_service_row_remove_team (self, position);
}

/* Alt+Up / Alt+Down: the team whose row (or button) has the focus. */
static void
move_focused_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SitrepServiceRow *self = SITREP_SERVICE_ROW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  while (row != NULL && gtk_widget_get_parent (row) != GTK_WIDGET (self->teams_list))
    row = gtk_widget_get_ancestor (gtk_widget_get_parent (row), GTK_TYPE_LIST_BOX_ROW);

  if (row == NULL ||
      !sitrep_service_row_move_team (self, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)),
                                     g_str_equal (action_name, "service.focused-up") ? -1 : 1))
    gtk_widget_error_bell (widget);
}

static void
on_save_clicked (SitrepServiceRow *self)
{
  sitrep_service_row_save (self);
}

static void
on_delete_clicked (SitrepServiceRow *self)
{
  g_signal_emit (self, signals[DELETE], 0);
}

static void
set_teams_from (SitrepServiceRow *self,
                SitrepService    *service)
{
  g_auto(GStrv) teams = service ? sitrep_service_dup_escalation (service) : NULL;

  g_ptr_array_set_size (self->teams, 0);
  for (guint i = 0; teams != NULL && teams[i] != NULL; i++)
    g_ptr_array_add (self->teams, g_strdup (teams[i]));
  rebuild_teams (self, -1);
}

/**
 * sitrep_service_row_load:
 *
 * Shows @service in the editors, dropping what they held.
 */
void
sitrep_service_row_load (SitrepServiceRow *self,
                         SitrepService    *service)
{
  g_return_if_fail (SITREP_IS_SERVICE_ROW (self));
  g_return_if_fail (SITREP_IS_SERVICE (service));

  g_clear_pointer (&self->shown, json_object_unref);
  self->shown = json_object_ref (sitrep_record_object_get_body (SITREP_RECORD_OBJECT (service)));

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), sitrep_service_get_name (service));
  gtk_editable_set_text (GTK_EDITABLE (self->owner_row), sitrep_service_get_owner_team (service));
  gtk_switch_set_active (self->critical_switch, sitrep_service_get_critical (service));
  gtk_editable_set_text (GTK_EDITABLE (self->runbook_row),
                         sitrep_service_get_runbook_url (service));
  gtk_editable_set_text (GTK_EDITABLE (self->dashboard_row),
                         sitrep_service_get_dashboard_url (service));
  set_teams_from (self, service);
  self->loading = FALSE;

  self->dirty = FALSE;
  gtk_widget_set_sensitive (self->save_button, FALSE);
  set_error (self, NULL);
  update_header (self);
}

/**
 * sitrep_service_row_save:
 *
 * Saves what the editors hold, for the whole team; a bad field is said
 * under the editors, with nothing written and nothing of the edit lost.
 *
 * Returns: whether it was saved
 */
gboolean
sitrep_service_row_save (SitrepServiceRow *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) teams = NULL;
  g_autofree char *name = NULL;
  SitrepService *saved;

  g_return_val_if_fail (SITREP_IS_SERVICE_ROW (self), FALSE);

  if (!self->dirty && self->name != NULL)
    return TRUE;

  /* A team typed but not added yet is meant to be in the path. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->team_entry))[0] != '\0')
    on_add_team (self);

  name = g_strstrip (g_strdup (self->name ? self->name
                                          : gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  teams = sitrep_service_row_dup_teams (self);
  if (!sitrep_context_save_service (self->context, name,
                                    gtk_editable_get_text (GTK_EDITABLE (self->owner_row)),
                                    gtk_switch_get_active (self->critical_switch),
                                    gtk_editable_get_text (GTK_EDITABLE (self->runbook_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->dashboard_row)),
                                    (const char * const *) teams, self->name == NULL, &error))
    {
      set_error (self, error->message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  if (self->name == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

      /* The name is chosen once: the focus leaves it before it is locked. */
      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->name_row)))
        gtk_widget_grab_focus (GTK_WIDGET (self->owner_row));
      self->name = g_steal_pointer (&name);
      gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }
  /* What was saved is what the row shows: a refresh need not reload it. */
  saved = sitrep_context_lookup_service (self->context, self->name);
  if (saved != NULL)
    sitrep_service_row_load (self, saved);
  self->dirty = FALSE;
  gtk_widget_set_sensitive (self->save_button, FALSE);
  set_error (self, NULL);
  update_header (self);
  /* On a server, the server decides: only an admin's change stands. */
  sitrep_widget_show_toast (GTK_WIDGET (self),
                            adw_toast_new (sitrep_context_get_server_url (self->context) != NULL
                                           ? _("Service saved here and sent to the team server")
                                           : _("Service saved")));
  return TRUE;
}

void
sitrep_service_row_focus_name (SitrepServiceRow *self)
{
  g_return_if_fail (SITREP_IS_SERVICE_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

/**
 * sitrep_service_row_shows:
 *
 * Returns: whether the row shows @service's body as it is
 */
gboolean
sitrep_service_row_shows (SitrepServiceRow *self,
                          SitrepService    *service)
{
  g_return_val_if_fail (SITREP_IS_SERVICE_ROW (self), FALSE);

  return self->shown != NULL &&
         json_object_equal (self->shown,
                            sitrep_record_object_get_body (SITREP_RECORD_OBJECT (service)));
}

const char *
sitrep_service_row_get_name (SitrepServiceRow *self)
{
  g_return_val_if_fail (SITREP_IS_SERVICE_ROW (self), NULL);

  return self->name;
}

gboolean
sitrep_service_row_get_dirty (SitrepServiceRow *self)
{
  g_return_val_if_fail (SITREP_IS_SERVICE_ROW (self), FALSE);

  return self->dirty;
}

static void
sitrep_service_row_constructed (GObject *object)
{
  SitrepServiceRow *self = SITREP_SERVICE_ROW (object);

  G_OBJECT_CLASS (sitrep_service_row_parent_class)->constructed (object);

  /* The name is the record's id: chosen once. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), self->name == NULL);
  if (self->name == NULL)
    {
      self->dirty = TRUE;
      gtk_widget_set_sensitive (self->save_button, TRUE);
    }
  update_header (self);
}

static void
sitrep_service_row_dispose (GObject *object)
{
  SitrepServiceRow *self = SITREP_SERVICE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_SERVICE_ROW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sitrep_service_row_parent_class)->dispose (object);
}

static void
sitrep_service_row_finalize (GObject *object)
{
  SitrepServiceRow *self = SITREP_SERVICE_ROW (object);

  g_free (self->name);
  g_clear_pointer (&self->shown, json_object_unref);
  g_ptr_array_unref (self->teams);

  G_OBJECT_CLASS (sitrep_service_row_parent_class)->finalize (object);
}

static void
sitrep_service_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SitrepServiceRow *self = SITREP_SERVICE_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_service_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SitrepServiceRow *self = SITREP_SERVICE_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_service_row_class_init (SitrepServiceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sitrep_service_row_constructed;
  object_class->dispose = sitrep_service_row_dispose;
  object_class->finalize = sitrep_service_row_finalize;
  object_class->get_property = sitrep_service_row_get_property;
  object_class->set_property = sitrep_service_row_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The service's name, %NULL until it is first saved. */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepServiceRow::delete:
   *
   * The user asked to delete the service.
   */
  signals[DELETE] = g_signal_new ("delete", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  (void) sitrep_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-service-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepServiceRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepServiceRow, owner_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepServiceRow, critical_switch);
  gtk_widget_class_bind_template_child (widget_class, SitrepServiceRow, runbook_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepServiceRow, dashboard_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepServiceRow, teams_list);
  gtk_widget_class_bind_template_child (widget_class, SitrepServiceRow, team_entry);
  gtk_widget_class_bind_template_child (widget_class, SitrepServiceRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepServiceRow, save_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepServiceRow, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_edited);
  gtk_widget_class_bind_template_callback (widget_class, on_add_team);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);

  gtk_widget_class_install_action (widget_class, "service.team-up", "u", team_action);
  gtk_widget_class_install_action (widget_class, "service.team-down", "u", team_action);
  gtk_widget_class_install_action (widget_class, "service.team-remove", "u", team_action);
  gtk_widget_class_install_action (widget_class, "service.focused-up", NULL, move_focused_action);
  gtk_widget_class_install_action (widget_class, "service.focused-down", NULL,
                                   move_focused_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "service.focused-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "service.focused-down", NULL);
}

static void
sitrep_service_row_init (SitrepServiceRow *self)
{
  self->teams = g_ptr_array_new_with_free_func (g_free);
  /* Filling the editors below is not the user's edit. */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;
}

/**
 * sitrep_service_row_new:
 * @name: (nullable): the service's name, or %NULL for a new one
 *
 * Returns: (transfer floating): a row with empty editors
 */
GtkWidget *
sitrep_service_row_new (SitrepContext *context,
                        const char    *name)
{
  return g_object_new (SITREP_TYPE_SERVICE_ROW, "context", context, "name", name, NULL);
}

/* For tests */

GtkEditable *
_sitrep_service_row_get_name_entry (SitrepServiceRow *self)
{
  return GTK_EDITABLE (self->name_row);
}

GtkEditable *
_sitrep_service_row_get_owner_entry (SitrepServiceRow *self)
{
  return GTK_EDITABLE (self->owner_row);
}

GtkSwitch *
_sitrep_service_row_get_critical (SitrepServiceRow *self)
{
  return self->critical_switch;
}

GtkEditable *
_sitrep_service_row_get_runbook_entry (SitrepServiceRow *self)
{
  return GTK_EDITABLE (self->runbook_row);
}

GtkEditable *
_sitrep_service_row_get_dashboard_entry (SitrepServiceRow *self)
{
  return GTK_EDITABLE (self->dashboard_row);
}

GtkEditable *
_sitrep_service_row_get_team_entry (SitrepServiceRow *self)
{
  return GTK_EDITABLE (self->team_entry);
}

GtkListBox *
_sitrep_service_row_get_teams_list (SitrepServiceRow *self)
{
  return self->teams_list;
}

GtkLabel *
_sitrep_service_row_get_error_label (SitrepServiceRow *self)
{
  return self->error_label;
}

GtkWidget *
_sitrep_service_row_get_save_button (SitrepServiceRow *self)
{
  return self->save_button;
}

GtkWidget *
_sitrep_service_row_get_delete_button (SitrepServiceRow *self)
{
  return self->delete_button;
}

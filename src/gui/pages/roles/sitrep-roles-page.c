/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-roles"

#include "config.h"

#include "sitrep-gui-util.h"

#include "sitrep-resources.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "sitrep-enum-strings.h"
#include "sitrep-roles-page-private.h"
#include "sitrep-severity.h"

/* The ICS roles of an incident: who holds each, assign, hand over, clear.
 * The context writes the `role` timeline entry for every change; the page
 * opens the handover briefing when the IC changes hands here. */

#define N_ROLES (SITREP_ROLE_CUSTOMER_LIAISON + 1)

/* The guide's order: the four roles of every incident, then the three the
 * Major Incident Protocol adds. */
static const SitrepRole display_order[] = {
  SITREP_ROLE_COMMANDER, SITREP_ROLE_COMMUNICATIONS, SITREP_ROLE_OPERATIONS, SITREP_ROLE_SCRIBE,
  SITREP_ROLE_DEPUTY_COMMANDER, SITREP_ROLE_PLANNING, SITREP_ROLE_CUSTOMER_LIAISON,
};

static const char *
role_description (SitrepRole role)
{
  switch (role)
    {
    case SITREP_ROLE_COMMANDER:
      return _("Coordinates the overall response");
    case SITREP_ROLE_DEPUTY_COMMANDER:
      return _("Supports the Incident Commander and can take over if needed");
    case SITREP_ROLE_COMMUNICATIONS:
      return _("Handles internal and external communications");
    case SITREP_ROLE_OPERATIONS:
      return _("Implements technical fixes");
    case SITREP_ROLE_PLANNING:
      return _("Manages resources and plans next steps");
    case SITREP_ROLE_SCRIBE:
      return _("Documents the incident timeline and decisions");
    case SITREP_ROLE_CUSTOMER_LIAISON:
      return _("Focuses on customer impact and communication");
    default:
      return "";
    }
}

static gboolean
is_major_role (SitrepRole role)
{
  return role == SITREP_ROLE_DEPUTY_COMMANDER || role == SITREP_ROLE_PLANNING ||
         role == SITREP_ROLE_CUSTOMER_LIAISON;
}

typedef struct
{
  AdwEntryRow   *row;
  GtkWidget     *warning;
  GtkMenuButton *chooser;
  GtkBox        *handles;
  GtkWidget     *clear;
  char          *shown;     /* the holder the row last showed */
} RoleRow;

struct _SitrepRolesPage
{
  SitrepIncidentPage parent_instance;

  RoleRow               roles[N_ROLES];
  SitrepBriefingDialog *briefing;

  GtkWidget            *scroller;
  GtkWidget            *summary_box;
  GtkLabel             *summary_label;
  AdwPreferencesGroup  *command_group;
};

G_DEFINE_FINAL_TYPE (SitrepRolesPage, sitrep_roles_page, SITREP_TYPE_INCIDENT_PAGE)

static SitrepContext *
page_context (SitrepRolesPage *self)
{
  return sitrep_incident_page_get_context (SITREP_INCIDENT_PAGE (self));
}

static SitrepIncident *
page_incident (SitrepRolesPage *self)
{
  return sitrep_incident_page_get_incident (SITREP_INCIDENT_PAGE (self));
}

static SitrepWorkspace *
page_workspace (SitrepRolesPage *self)
{
  return sitrep_incident_page_get_workspace (SITREP_INCIDENT_PAGE (self));
}

static const char *
incident_id (SitrepRolesPage *self)
{
  return page_incident (self) ? sitrep_incident_get_id (page_incident (self)) : NULL;
}

/* Whether the user has typed something into @role's row not applied yet:
 * then someone else's change must not overwrite it. */
static gboolean
is_being_edited (SitrepRolesPage *self,
                 SitrepRole       role)
{
  RoleRow *r = &self->roles[role];

  if ((gtk_widget_get_state_flags (GTK_WIDGET (r->row)) & GTK_STATE_FLAG_FOCUS_WITHIN) == 0)
    return FALSE;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (r->row)), r->shown ? r->shown : "") != 0;
}

static void
show_holder (SitrepRolesPage *self,
             SitrepRole       role,
             const char      *person,
             gboolean         force)
{
  RoleRow *r = &self->roles[role];
  const char *text = person ? person : "";

  if (force || !is_being_edited (self, role))
    {
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (r->row)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (r->row), text);
      gtk_widget_remove_css_class (GTK_WIDGET (r->row), "error");
    }

  g_free (r->shown);
  r->shown = g_strdup (text);
  gtk_widget_set_sensitive (r->clear, person != NULL);
}

static void
update_missing (SitrepRolesPage *self)
{
  g_autoptr(GArray) missing = sitrep_workspace_missing_roles (page_workspace (self));
  SitrepSeverity severity = sitrep_incident_get_severity (page_incident (self));
  const SitrepSeverityInfo *info = sitrep_severity_get_info (severity);
  g_autoptr(GString) names = g_string_new (NULL);
  gboolean flagged[N_ROLES] = { FALSE, };

  for (guint i = 0; i < missing->len; i++)
    flagged[g_array_index (missing, SitrepRole, i)] = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (display_order); i++)
    {
      SitrepRole role = display_order[i];
      RoleRow *r = &self->roles[role];
      g_autofree char *hint = NULL;
      g_autofree char *description = NULL;

      if (flagged[role])
        {
          if (is_major_role (role))
            hint = g_strdup (_("Needed for major incidents"));
          else
            /* Translators: %s is a severity such as "P1" */
            hint = g_strdup_printf (_("Needed for %s incidents"), info ? info->id : "P1");

          if (names->len > 0)
            g_string_append (names, _(", "));
          g_string_append (names, sitrep_role_get_label (role));
          gtk_widget_add_css_class (GTK_WIDGET (r->row), "warning");
          gtk_widget_set_tooltip_text (r->warning, hint);
          /* Translators: a role's description, then why it is flagged */
          description = g_strdup_printf (_("%s. %s"), role_description (role), hint);
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (r->row), "warning");
          description = g_strdup (role_description (role));
        }

      gtk_widget_set_visible (r->warning, flagged[role]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (r->row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
    }

  if (missing->len > 0)
    {
      g_autofree char *summary =
        /* Translators: "2 roles need someone: Operations Lead, Scribe" */
        g_strdup_printf (ngettext ("%u role needs someone: %s",
                                   "%u roles need someone: %s", missing->len),
                         missing->len, names->str);

      gtk_label_set_label (self->summary_label, summary);
    }
  else
    gtk_label_set_label (self->summary_label, "");
  gtk_widget_set_visible (self->summary_box, missing->len > 0);
}

static void
refresh_full (SitrepRolesPage *self,
              gboolean         force)
{
  if (page_incident (self) == NULL || page_context (self) == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (display_order); i++)
    {
      SitrepRole role = display_order[i];
      g_autofree char *person = sitrep_workspace_dup_role_person (page_workspace (self), role);

      gtk_widget_set_visible (GTK_WIDGET (self->roles[role].row),
                              sitrep_workspace_role_is_shown (page_workspace (self), role));
      show_holder (self, role, person, force);
    }

  update_missing (self);
}

static void
open_briefing (SitrepRolesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (page_incident (self) == NULL || page_context (self) == NULL)
    return;

  /* A briefing is a snapshot: an open one is replaced by a fresh one. */
  if (self->briefing != NULL)
    gtk_window_destroy (GTK_WINDOW (self->briefing));

  self->briefing = sitrep_briefing_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               page_context (self), incident_id (self));
  g_object_add_weak_pointer (G_OBJECT (self->briefing), (gpointer *) &self->briefing);
  gtk_window_present (GTK_WINDOW (self->briefing));
}

static void
assign (SitrepRolesPage *self,
        SitrepRole       role,
        const char      *person)
{
  RoleRow *r = &self->roles[role];
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (page_incident (self) == NULL || page_context (self) == NULL)
    return;

  before = sitrep_workspace_dup_role_person (page_workspace (self), role);
  if (!sitrep_workspace_assign_role (page_workspace (self), role, person, &error))
    {
      /* Keep what was typed, so that it can be corrected. */
      gtk_widget_add_css_class (GTK_WIDGET (r->row), "error");
      gtk_widget_error_bell (GTK_WIDGET (r->row));
      sitrep_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  after = sitrep_workspace_dup_role_person (page_workspace (self), role);
  /* The row shows the handle as stored ("@bob " is "bob"). */
  show_holder (self, role, after, TRUE);
  refresh_full (self, FALSE);

  if (role == SITREP_ROLE_COMMANDER && before != NULL && after != NULL &&
      g_strcmp0 (before, after) != 0)
    open_briefing (self);
}

static SitrepRole
role_of (gpointer widget)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "role"));
}

static void
on_apply (AdwEntryRow     *row,
          SitrepRolesPage *self)
{
  assign (self, role_of (row), gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
on_row_changed (AdwEntryRow     *row,
                SitrepRolesPage *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
on_clear_clicked (GtkButton       *button,
                  SitrepRolesPage *self)
{
  assign (self, role_of (button), NULL);
}

static void
on_handle_clicked (GtkButton       *button,
                   SitrepRolesPage *self)
{
  SitrepRole role = role_of (button);
  g_autofree char *handle = g_strdup (g_object_get_data (G_OBJECT (button), "handle"));

  gtk_menu_button_popdown (self->roles[role].chooser);
  assign (self, role, handle);
}

static int
compare_handles (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static void
on_chooser_shown (GtkPopover      *popover,
                  SitrepRolesPage *self)
{
  SitrepRole role = role_of (popover);
  RoleRow *r = &self->roles[role];
  g_auto(GStrv) handles = NULL;
  GtkWidget *child;
  GtkWidget *first = NULL;

  if (page_context (self) == NULL)
    return;

  /* The handles change as roles are given out: list them afresh. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (r->handles))) != NULL)
    gtk_box_remove (r->handles, child);

  handles = sitrep_context_list_handles (page_context (self));
  /* Alphabetical, so that a name is found where the eye expects it. */
  qsort (handles, g_strv_length (handles), sizeof (char *), compare_handles);
  for (guint i = 0; handles[i] != NULL; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (handles[i]);
      g_autofree char *tooltip = NULL;

      /* Translators: "Make alice Incident Commander" */
      tooltip = g_strdup_printf (_("Make %s %s"), handles[i], sitrep_role_get_label (role));
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_widget_add_css_class (button, "flat");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      if (g_strcmp0 (handles[i], r->shown) == 0)
        gtk_widget_set_sensitive (button, FALSE);
      g_object_set_data (G_OBJECT (button), "role", GINT_TO_POINTER (role));
      g_object_set_data_full (G_OBJECT (button), "handle", g_strdup (handles[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_handle_clicked), self);
      gtk_box_append (r->handles, button);
      if (first == NULL && gtk_widget_get_sensitive (button))
        first = button;
    }

  if (first != NULL)
    gtk_widget_grab_focus (first);
}

static GtkWidget *
icon_button (GtkWidget  *button,
             const char *tooltip)
{
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

static void
build_rows (SitrepRolesPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (display_order); i++)
    {
      SitrepRole role = display_order[i];
      const char *label = sitrep_role_get_label (role);
      RoleRow *r = &self->roles[role];
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *popover = gtk_popover_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *heading = gtk_label_new (_("Choose someone"));
      GtkWidget *handles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      /* Translators: %s is a role, e.g. "Choose someone as Scribe" */
      g_autofree char *choose_tip = g_strdup_printf (_("Choose someone as %s"), label);
      g_autofree char *clear_tip = g_strdup_printf (_("Leave %s unassigned"), label);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, role_description (role));
      g_object_set_data (G_OBJECT (row), "role", GINT_TO_POINTER (role));
      g_signal_connect (row, "apply", G_CALLBACK (on_apply), self);
      g_signal_connect (row, "changed", G_CALLBACK (on_row_changed), self);

      r->warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (r->warning, "warning");
      gtk_widget_set_visible (r->warning, FALSE);
      adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), r->warning);

      gtk_widget_add_css_class (heading, "heading");
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_set_margin_start (heading, 6);
      gtk_widget_set_margin_bottom (heading, 4);
      gtk_box_append (GTK_BOX (box), heading);
      gtk_box_append (GTK_BOX (box), handles);
      gtk_popover_set_child (GTK_POPOVER (popover), box);
      g_object_set_data (G_OBJECT (popover), "role", GINT_TO_POINTER (role));
      g_signal_connect (popover, "show", G_CALLBACK (on_chooser_shown), self);

      r->chooser = GTK_MENU_BUTTON (icon_button (gtk_menu_button_new (), choose_tip));
      gtk_menu_button_set_icon_name (r->chooser, "system-users-symbolic");
      gtk_menu_button_set_popover (r->chooser, popover);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), GTK_WIDGET (r->chooser));

      r->clear = icon_button (gtk_button_new_from_icon_name ("edit-clear-symbolic"), clear_tip);
      g_object_set_data (G_OBJECT (r->clear), "role", GINT_TO_POINTER (role));
      g_signal_connect (r->clear, "clicked", G_CALLBACK (on_clear_clicked), self);
      gtk_widget_set_sensitive (r->clear, FALSE);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), r->clear);

      r->row = ADW_ENTRY_ROW (row);
      r->handles = GTK_BOX (handles);
      gtk_widget_set_visible (row, !is_major_role (role));
      adw_preferences_group_add (self->command_group, row);
    }
}

static void
briefing_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_briefing (SITREP_ROLES_PAGE (widget));
}

static void
sitrep_roles_page_refresh (SitrepIncidentPage *page)
{
  refresh_full (SITREP_ROLES_PAGE (page), FALSE);
}

static void
sitrep_roles_page_incident_changed (SitrepIncidentPage *page)
{
  SitrepRolesPage *self = SITREP_ROLES_PAGE (page);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roles.briefing", page_incident (self) != NULL);
  /* A different incident: the rows show its holders, not the last one's. */
  refresh_full (self, TRUE);
}

static gboolean
sitrep_roles_page_wants_change (SitrepIncidentPage *page,
                                const char         *coll)
{
  return g_str_equal (coll, "roles") || g_str_equal (coll, "incidents");
}

static void
sitrep_roles_page_dispose (GObject *object)
{
  SitrepRolesPage *self = SITREP_ROLES_PAGE (object);

  if (self->briefing != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->briefing), (gpointer *) &self->briefing);
      self->briefing = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_ROLES_PAGE);

  G_OBJECT_CLASS (sitrep_roles_page_parent_class)->dispose (object);
}

static void
sitrep_roles_page_finalize (GObject *object)
{
  SitrepRolesPage *self = SITREP_ROLES_PAGE (object);

  for (guint i = 0; i < N_ROLES; i++)
    g_free (self->roles[i].shown);

  G_OBJECT_CLASS (sitrep_roles_page_parent_class)->finalize (object);
}

static void
sitrep_roles_page_class_init (SitrepRolesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SitrepIncidentPageClass *page_class = SITREP_INCIDENT_PAGE_CLASS (klass);

  object_class->dispose = sitrep_roles_page_dispose;
  object_class->finalize = sitrep_roles_page_finalize;
  page_class->incident_changed = sitrep_roles_page_incident_changed;
  page_class->refresh = sitrep_roles_page_refresh;
  page_class->wants_change = sitrep_roles_page_wants_change;

  /* Referencing the bundle links it in from the static library. */
  g_type_ensure (G_TYPE_RESOURCE);
  (void) sitrep_get_resource ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-roles-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepRolesPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, SitrepRolesPage, summary_box);
  gtk_widget_class_bind_template_child (widget_class, SitrepRolesPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepRolesPage, command_group);

  gtk_widget_class_install_action (widget_class, "roles.briefing", NULL, briefing_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "roles.briefing", NULL);
}

static void
sitrep_roles_page_init (SitrepRolesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_rows (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roles.briefing", FALSE);
}

/**
 * sitrep_roles_page_new:
 *
 * Returns: (transfer floating): a new roles page; give it a context and an
 *   incident
 */
GtkWidget *
sitrep_roles_page_new (void)
{
  return g_object_new (SITREP_TYPE_ROLES_PAGE, NULL);
}

AdwEntryRow *
_sitrep_roles_page_get_row (SitrepRolesPage *self,
                            SitrepRole       role)
{
  return self->roles[role].row;
}

GtkMenuButton *
_sitrep_roles_page_get_chooser (SitrepRolesPage *self,
                                SitrepRole       role)
{
  return self->roles[role].chooser;
}

GtkButton *
_sitrep_roles_page_get_clear (SitrepRolesPage *self,
                              SitrepRole       role)
{
  return GTK_BUTTON (self->roles[role].clear);
}

GtkWidget *
_sitrep_roles_page_get_warning (SitrepRolesPage *self,
                                SitrepRole       role)
{
  return self->roles[role].warning;
}

GtkLabel *
_sitrep_roles_page_get_summary (SitrepRolesPage *self)
{
  return self->summary_label;
}

SitrepBriefingDialog *
_sitrep_roles_page_get_briefing_dialog (SitrepRolesPage *self)
{
  return self->briefing;
}

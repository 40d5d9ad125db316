/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-roles"

#include "config.h"

#include "sitrep-gui-util.h"

#include "sitrep-resources.h"

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-page-dialog.h"
#include "sitrep-page-row.h"
#include "sitrep-record-list.h"
#include "sitrep-role-row.h"
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

static gboolean
is_major_role (SitrepRole role)
{
  return role == SITREP_ROLE_DEPUTY_COMMANDER || role == SITREP_ROLE_PLANNING ||
         role == SITREP_ROLE_CUSTOMER_LIAISON;
}

struct _SitrepRolesPage
{
  SitrepIncidentPage parent_instance;

  SitrepRoleRow        *rows[N_ROLES];
  SitrepBriefingDialog *briefing;
  SitrepPageDialog     *page_dialog;   /* weak */
  SitrepContext        *watched_context; /* weak: whose pages the list follows */

  GtkWidget            *scroller;
  GtkWidget            *summary_box;
  GtkLabel             *summary_label;
  AdwPreferencesGroup  *command_group;
  GtkListBox           *pages_list;
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
      g_autofree char *hint = NULL;

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
        }

      sitrep_role_row_set_missing (self->rows[role], hint);
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

/* Returns: (transfer none) (nullable): @role's record in the workspace */
static SitrepRoleAssignment *
lookup_assignment (SitrepRolesPage *self,
                   SitrepRole       role)
{
  GListModel *roles = sitrep_workspace_get_roles (page_workspace (self));
  g_autofree char *id = g_strdup_printf ("%s:%s", incident_id (self), sitrep_role_to_string (role));
  SitrepRecordObject *record = sitrep_record_list_lookup (SITREP_RECORD_LIST (roles), id);

  return record != NULL ? SITREP_ROLE_ASSIGNMENT (record) : NULL;
}

/* Paged teams ---------------------------------------------------------- */

static void
refresh_pages (SitrepRolesPage *self)
{
  g_autoptr(GPtrArray) pages = NULL;
  GtkListBoxRow *row;

  /* The rows only: the placeholder is a child of the list too. */
  while ((row = gtk_list_box_get_row_at_index (self->pages_list, 0)) != NULL)
    gtk_list_box_remove (self->pages_list, GTK_WIDGET (row));
  if (page_incident (self) == NULL || page_context (self) == NULL)
    return;

  pages = sitrep_context_dup_pages (page_context (self), incident_id (self));
  for (guint i = 0; i < pages->len; i++)
    gtk_list_box_append (self->pages_list, sitrep_page_row_new (pages->pdata[i]));
}

static void
on_record_changed (SitrepRolesPage *self,
                   const char      *coll)
{
  /* Pages are the context's, not the workspace's: their outcome comes
   * from the server through the feed. */
  if (g_str_equal (coll, "pages"))
    sitrep_incident_page_queue_refresh (SITREP_INCIDENT_PAGE (self));
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepRolesPage *self = SITREP_ROLES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (page_incident (self) == NULL || page_context (self) == NULL)
    return;
  if (self->page_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->page_dialog));
      return;
    }
  self->page_dialog = sitrep_page_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              page_context (self), incident_id (self));
  g_object_add_weak_pointer (G_OBJECT (self->page_dialog), (gpointer *) &self->page_dialog);
  gtk_window_present (GTK_WINDOW (self->page_dialog));
}

static void
refresh_full (SitrepRolesPage *self,
              gboolean         force)
{
  refresh_pages (self);
  if (page_incident (self) == NULL || page_context (self) == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (display_order); i++)
    {
      SitrepRole role = display_order[i];
      SitrepRoleRow *row = self->rows[role];

      gtk_widget_set_visible (GTK_WIDGET (row),
                              sitrep_workspace_role_is_shown (page_workspace (self), role));
      sitrep_role_row_set_context (row, page_context (self));
      sitrep_role_row_set_assignment (row, lookup_assignment (self, role));
      sitrep_role_row_show_holder (row, force);
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
  SitrepRoleRow *row = self->rows[role];
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (page_incident (self) == NULL || page_context (self) == NULL)
    return;

  before = sitrep_workspace_dup_role_person (page_workspace (self), role);
  if (!sitrep_workspace_assign_role (page_workspace (self), role, person, &error))
    {
      /* Keep what was typed, so that it can be corrected. */
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_error_bell (GTK_WIDGET (row));
      sitrep_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  after = sitrep_workspace_dup_role_person (page_workspace (self), role);
  /* The row shows the handle as stored ("@bob " is "bob"). */
  sitrep_role_row_set_assignment (row, lookup_assignment (self, role));
  sitrep_role_row_show_holder (row, TRUE);
  refresh_full (self, FALSE);

  if (role == SITREP_ROLE_COMMANDER && before != NULL && after != NULL &&
      g_strcmp0 (before, after) != 0)
    open_briefing (self);
}

static void
on_assign (SitrepRoleRow   *row,
           const char      *person,
           SitrepRolesPage *self)
{
  assign (self, sitrep_role_row_get_role (row), person);
}

static void
build_rows (SitrepRolesPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (display_order); i++)
    {
      SitrepRole role = display_order[i];
      GtkWidget *row = sitrep_role_row_new (role);

      g_signal_connect (row, "assign", G_CALLBACK (on_assign), self);
      gtk_widget_set_visible (row, !is_major_role (role));
      adw_preferences_group_add (self->command_group, row);
      self->rows[role] = SITREP_ROLE_ROW (row);
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roles.page", page_incident (self) != NULL);
  if (page_context (self) != NULL && page_context (self) != self->watched_context)
    {
      if (self->watched_context != NULL)
        g_signal_handlers_disconnect_by_func (self->watched_context, on_record_changed, self);
      g_set_weak_pointer (&self->watched_context, page_context (self));
      g_signal_connect_object (page_context (self), "record-changed",
                               G_CALLBACK (on_record_changed), self, G_CONNECT_SWAPPED);
    }
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
  g_clear_weak_pointer (&self->page_dialog);
  g_clear_weak_pointer (&self->watched_context);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_ROLES_PAGE);

  G_OBJECT_CLASS (sitrep_roles_page_parent_class)->dispose (object);
}

/* The page's widgets, made when it is first shown (see
 * SitrepIncidentPageClass.build). */
static void
sitrep_roles_page_build (SitrepIncidentPage *page)
{
  SitrepRolesPage *self = SITREP_ROLES_PAGE (page);

  gtk_widget_init_template (GTK_WIDGET (self));
  build_rows (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roles.briefing", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roles.page", FALSE);
  {
    GtkWidget *none = gtk_label_new (_("No team paged yet"));

    gtk_widget_add_css_class (none, "dim-label");
    gtk_widget_set_margin_top (none, 12);
    gtk_widget_set_margin_bottom (none, 12);
    gtk_list_box_set_placeholder (self->pages_list, none);
  }
}

static void
sitrep_roles_page_class_init (SitrepRolesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SitrepIncidentPageClass *page_class = SITREP_INCIDENT_PAGE_CLASS (klass);

  object_class->dispose = sitrep_roles_page_dispose;
  page_class->build = sitrep_roles_page_build;
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
  gtk_widget_class_bind_template_child (widget_class, SitrepRolesPage, pages_list);

  gtk_widget_class_install_action (widget_class, "roles.briefing", NULL, briefing_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "roles.briefing", NULL);
  gtk_widget_class_install_action (widget_class, "roles.page", NULL, page_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "roles.page", NULL);
}

static void
sitrep_roles_page_init (SitrepRolesPage *self)
{
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
  return ADW_ENTRY_ROW (self->rows[role]);
}

GtkMenuButton *
_sitrep_roles_page_get_chooser (SitrepRolesPage *self,
                                SitrepRole       role)
{
  return sitrep_role_row_get_chooser (self->rows[role]);
}

GtkButton *
_sitrep_roles_page_get_clear (SitrepRolesPage *self,
                              SitrepRole       role)
{
  return sitrep_role_row_get_clear (self->rows[role]);
}

GtkWidget *
_sitrep_roles_page_get_warning (SitrepRolesPage *self,
                                SitrepRole       role)
{
  return sitrep_role_row_get_warning (self->rows[role]);
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

SitrepPageDialog *
_sitrep_roles_page_get_page_dialog (SitrepRolesPage *self)
{
  return self->page_dialog;
}

GtkListBox *
_sitrep_roles_page_get_pages_list (SitrepRolesPage *self)
{
  return self->pages_list;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-overview"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-gui-util.h"
#include "sitrep-incident-rules.h"
#include "sitrep-json.h"
#include "sitrep-resources.h"
#include "sitrep-services-group.h"
#include "sitrep-services.h"

/* The Overview's affected services: for each one the catalogue knows, its
 * runbook and dashboard (opened in the browser) and whom to escalate to,
 * in order; a service the catalogue does not know shows just its name.
 * It follows the catalogue itself: the incident's workspace does not hear
 * of catalogue changes. */
struct _SitrepServicesGroup
{
  AdwPreferencesGroup  parent_instance;

  SitrepContext       *context;
  SitrepIncident      *incident;
  char                *shown_key;   /* what the rows show, to skip needless rebuilds */
  GPtrArray           *rows;        /* AdwActionRow, in the incident's order */
};

G_DEFINE_FINAL_TYPE (SitrepServicesGroup, sitrep_services_group, ADW_TYPE_PREFERENCES_GROUP)

static GtkWidget *
link_button (const char *label,
             const char *uri,
             const char *tooltip,
             const char *accessible)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "services.open");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", uri);
  sitrep_widget_set_tooltip (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return button;
}

static GtkWidget *
service_row (SitrepServicesGroup *self,
             const char          *name)
{
  SitrepService *service = sitrep_context_lookup_service (self->context, name);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  g_object_set_data_full (G_OBJECT (row), "service", g_strdup (name), g_free);

  if (service != NULL)
    {
      g_auto(GStrv) teams = sitrep_service_dup_escalation (service);
      g_autofree char *path = sitrep_services_format_escalation ((const char * const *) teams);
      const char *owner = sitrep_service_get_owner_team (service);
      const char *runbook = sitrep_service_get_runbook_url (service);
      const char *dashboard = sitrep_service_get_dashboard_url (service);
      g_autofree char *subtitle = NULL;

      if (path != NULL)
        /* Translators: a service's escalation path, e.g. "Escalate to database-team → platform-team" */
        subtitle = g_strdup_printf (_("Escalate to %s"), path);
      else if (owner[0] != '\0')
        /* Translators: the team owning a service, e.g. "Owned by payments-team" */
        subtitle = g_strdup_printf (_("Owned by %s"), owner);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (sitrep_service_get_critical (service))
        {
          GtkWidget *badge = gtk_label_new (_("Critical"));

          gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (badge, "caption");
          gtk_widget_add_css_class (badge, "error");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
        }

      if (runbook[0] != '\0')
        {
          /* Translators: the accessible label of a button, e.g. "Open the runbook of payments" */
          g_autofree char *label = g_strdup_printf (_("Open the runbook of %s"), name);
          GtkWidget *button = link_button (_("_Runbook"), runbook, runbook, label);

          g_object_set_data (G_OBJECT (row), "runbook", button);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      if (dashboard[0] != '\0')
        {
          /* Translators: the accessible label of a button, e.g. "Open the dashboard of payments" */
          g_autofree char *label = g_strdup_printf (_("Open the dashboard of %s"), name);
          GtkWidget *button = link_button (_("_Dashboard"), dashboard, dashboard, label);

          g_object_set_data (G_OBJECT (row), "dashboard", button);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
    }

  return row;
}

static void
rebuild (SitrepServicesGroup *self)
{
  g_autofree char *joined = self->incident ? sitrep_incident_dup_services (self->incident) : NULL;
  g_auto(GStrv) names = sitrep_incident_rules_split_services (joined);
  g_autoptr(GString) key = g_string_new (NULL);

  /* The key: the services and the catalogue's record of each. */
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      SitrepService *service = self->context ? sitrep_context_lookup_service (self->context,
                                                                               names[i]) : NULL;
      g_autofree char *body = service ? sitrep_json_to_string (sitrep_record_object_get_body (SITREP_RECORD_OBJECT (service)))
                                      : NULL;

      g_string_append_printf (key, "%s=%s;", names[i], body ? body : "");
    }
  if (g_strcmp0 (key->str, self->shown_key) == 0)
    return;
  g_free (self->shown_key);
  self->shown_key = g_strdup (key->str);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; self->context != NULL && names != NULL && names[i] != NULL; i++)
    {
      GtkWidget *row = service_row (self, names[i]);

      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), self->rows->len > 0);
}

static void
on_catalogue_changed (SitrepServicesGroup *self)
{
  rebuild (self);
}

/**
 * sitrep_services_group_show:
 * @incident: (nullable): the incident whose services to show
 *
 * Shows @incident's services; the group follows the catalogue from then on.
 */
void
sitrep_services_group_show (SitrepServicesGroup *self,
                            SitrepContext       *context,
                            SitrepIncident      *incident)
{
  g_return_if_fail (SITREP_IS_SERVICES_GROUP (self));

  if (context != self->context)
    {
      if (self->context != NULL)
        g_signal_handlers_disconnect_by_data (sitrep_context_get_services (self->context), self);
      g_set_object (&self->context, context);
      if (context != NULL)
        g_signal_connect_object (sitrep_context_get_services (context), "changed",
                                 G_CALLBACK (on_catalogue_changed), self, G_CONNECT_SWAPPED);
    }
  g_set_object (&self->incident, incident);
  rebuild (self);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

static void
sitrep_services_group_dispose (GObject *object)
{
  SitrepServicesGroup *self = SITREP_SERVICES_GROUP (object);

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (sitrep_context_get_services (self->context), self);
  g_clear_object (&self->context);
  g_clear_object (&self->incident);

  G_OBJECT_CLASS (sitrep_services_group_parent_class)->dispose (object);
}

static void
sitrep_services_group_finalize (GObject *object)
{
  SitrepServicesGroup *self = SITREP_SERVICES_GROUP (object);

  g_free (self->shown_key);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (sitrep_services_group_parent_class)->finalize (object);
}

static void
sitrep_services_group_class_init (SitrepServicesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_services_group_dispose;
  object_class->finalize = sitrep_services_group_finalize;

  (void) sitrep_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-services-group.ui");
  gtk_widget_class_install_action (widget_class, "services.open", "s", open_action);
}

static void
sitrep_services_group_init (SitrepServicesGroup *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* For tests */

AdwActionRow *
_sitrep_services_group_get_row (SitrepServicesGroup *self,
                                const char          *service)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (g_object_get_data (self->rows->pdata[i], "service"), service) == 0)
      return self->rows->pdata[i];
  return NULL;
}

GtkWidget *
_sitrep_services_group_get_runbook (SitrepServicesGroup *self,
                                    const char          *service)
{
  AdwActionRow *row = _sitrep_services_group_get_row (self, service);

  return row ? g_object_get_data (G_OBJECT (row), "runbook") : NULL;
}

GtkWidget *
_sitrep_services_group_get_dashboard (SitrepServicesGroup *self,
                                      const char          *service)
{
  AdwActionRow *row = _sitrep_services_group_get_row (self, service);

  return row ? g_object_get_data (G_OBJECT (row), "dashboard") : NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-overview"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-json.h"
#include "sitrep-resources.h"
#include "sitrep-triage-row.h"

/* How an incident opened by an alert was classified: the triage rule that
 * fired, with its values, and the alert's own severity label when it says
 * otherwise than the incident, with a button to take it. Hidden for
 * incidents that did not come from an alert. */
struct _SitrepTriageRow
{
  GtkWidget       parent_instance;

  SitrepContext  *context;
  SitrepIncident *incident;

  GtkWidget      *group;
  GtkWidget      *reason_row;
  GtkWidget      *hint_row;
  GtkWidget      *use_button;
  SitrepSeverity  hint;
};

G_DEFINE_FINAL_TYPE (SitrepTriageRow, sitrep_triage_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_INCIDENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
refresh (SitrepTriageRow *self)
{
  JsonObject *body = self->incident != NULL ? sitrep_incident_get_body (self->incident) : NULL;
  JsonNode *node = body != NULL ? json_object_get_member (body, "triage") : NULL;
  JsonObject *triage = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                       ? json_node_get_object (node) : NULL;
  const char *reason = sitrep_json_get_string (triage, "reason");
  SitrepSeverity triaged = sitrep_severity_from_string (sitrep_json_get_string (triage,
                                                                                "severity"));
  SitrepSeverity current = self->incident != NULL ? sitrep_incident_get_severity (self->incident)
                                                  : SITREP_SEVERITY_NONE;
  gboolean show_reason = reason != NULL && reason[0] != '\0';
  gboolean show_hint;

  self->hint = sitrep_severity_from_string (sitrep_json_get_string (body, "severity_hint"));
  show_hint = self->hint != SITREP_SEVERITY_NONE && self->hint != current;

  if (show_reason)
    {
      g_autofree char *title = NULL;

      if (triaged != SITREP_SEVERITY_NONE)
        /* Translators: %s is a severity, e.g. "Triage gave P1" */
        title = g_strdup_printf (_("Triage gave %s"), sitrep_severity_to_string (triaged));
      else
        title = g_strdup (_("Triage"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->reason_row), reason);
    }

  if (show_hint)
    {
      const char *id = sitrep_severity_to_string (self->hint);
      /* Translators: %s is a severity, e.g. "The alert’s severity label says P1" */
      g_autofree char *title = g_strdup_printf (_("The alert’s severity label says %s"), id);
      /* Translators: the button that takes the alert's severity, e.g. "Use P1" */
      g_autofree char *label = g_strdup_printf (_("Use %s"), id);
      /* Translators: %s is a severity, e.g. "Set the incident's severity to P1" */
      g_autofree char *tooltip = g_strdup_printf (_("Set the incident’s severity to %s"), id);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->hint_row), title);
      if (current != SITREP_SEVERITY_NONE)
        {
          /* Translators: %s is a severity, e.g. "The incident is P4" */
          g_autofree char *subtitle = g_strdup_printf (_("The incident is %s"),
                                                       sitrep_severity_to_string (current));

          adw_action_row_set_subtitle (ADW_ACTION_ROW (self->hint_row), subtitle);
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (self->hint_row), "");
      gtk_button_set_label (GTK_BUTTON (self->use_button), label);
      sitrep_widget_set_tooltip (self->use_button, tooltip);
    }

  gtk_widget_set_visible (self->reason_row, show_reason);
  gtk_widget_set_visible (self->hint_row, show_hint);
  gtk_widget_set_visible (GTK_WIDGET (self), show_reason || show_hint);
}

static void
on_use_clicked (SitrepTriageRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepWorkspace) workspace = NULL;

  if (self->context == NULL || self->incident == NULL || self->hint == SITREP_SEVERITY_NONE)
    return;

  workspace = sitrep_context_open_workspace (self->context, sitrep_incident_get_id (self->incident));
  if (!sitrep_workspace_set_severity (workspace, self->hint, &error))
    sitrep_widget_show_error (GTK_WIDGET (self), error);
}

static void
sitrep_triage_row_dispose (GObject *object)
{
  SitrepTriageRow *self = SITREP_TRIAGE_ROW (object);

  if (self->incident != NULL)
    g_signal_handlers_disconnect_by_data (self->incident, self);
  g_clear_object (&self->incident);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_TRIAGE_ROW);

  G_OBJECT_CLASS (sitrep_triage_row_parent_class)->dispose (object);
}

static void
sitrep_triage_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SitrepTriageRow *self = SITREP_TRIAGE_ROW (object);

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
sitrep_triage_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SitrepTriageRow *self = SITREP_TRIAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      sitrep_triage_row_set_context (self, g_value_get_object (value));
      break;

    case PROP_INCIDENT:
      sitrep_triage_row_set_incident (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_triage_row_class_init (SitrepTriageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_triage_row_dispose;
  object_class->get_property = sitrep_triage_row_get_property;
  object_class->set_property = sitrep_triage_row_set_property;

  /**
   * SitrepTriageRow:context:
   *
   * What the button changes the severity through.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * SitrepTriageRow:incident:
   *
   * The incident whose triage is shown, or %NULL.
   */
  properties[PROP_INCIDENT] =
    g_param_spec_object ("incident", NULL, NULL, SITREP_TYPE_INCIDENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /* Referencing the bundle links it in from the static library. */
  g_type_ensure (G_TYPE_RESOURCE);
  (void) sitrep_get_resource ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-triage-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepTriageRow, group);
  gtk_widget_class_bind_template_child (widget_class, SitrepTriageRow, reason_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepTriageRow, hint_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepTriageRow, use_button);
  gtk_widget_class_bind_template_callback (widget_class, on_use_clicked);
}

static void
sitrep_triage_row_init (SitrepTriageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  refresh (self);
}

GtkWidget *
sitrep_triage_row_new (void)
{
  return g_object_new (SITREP_TYPE_TRIAGE_ROW, NULL);
}

/**
 * sitrep_triage_row_set_context:
 * @context: (nullable): the context
 */
void
sitrep_triage_row_set_context (SitrepTriageRow *self,
                               SitrepContext   *context)
{
  g_return_if_fail (SITREP_IS_TRIAGE_ROW (self));

  if (g_set_object (&self->context, context))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

SitrepContext *
sitrep_triage_row_get_context (SitrepTriageRow *self)
{
  g_return_val_if_fail (SITREP_IS_TRIAGE_ROW (self), NULL);

  return self->context;
}

/**
 * sitrep_triage_row_set_incident:
 * @incident: (nullable): the incident to show
 */
void
sitrep_triage_row_set_incident (SitrepTriageRow *self,
                                SitrepIncident  *incident)
{
  g_return_if_fail (SITREP_IS_TRIAGE_ROW (self));

  if (self->incident == incident)
    return;

  if (self->incident != NULL)
    g_signal_handlers_disconnect_by_data (self->incident, self);
  g_set_object (&self->incident, incident);
  if (incident != NULL)
    g_signal_connect_swapped (incident, "notify::body", G_CALLBACK (refresh), self);

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT]);
}

SitrepIncident *
sitrep_triage_row_get_incident (SitrepTriageRow *self)
{
  g_return_val_if_fail (SITREP_IS_TRIAGE_ROW (self), NULL);

  return self->incident;
}

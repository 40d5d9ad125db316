/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-resources.h"

#include "sitrep-countdown.h"
#include "sitrep-deadlines.h"
#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-incident-row.h"
#include "sitrep-obligations.h"
#include "sitrep-severity.h"
#include "sitrep-time.h"

/* One incident in the sidebar: its severity, title, reference, status and
 * age, and the clock of its next update. The row follows its incident's
 * changes; the clock moves when its owner calls sitrep_incident_row_update(). */
struct _SitrepIncidentRow
{
  GtkBox          parent_instance;

  SitrepContext   *context;
  SitrepIncident  *incident;
  SitrepWorkspace *workspace;   /* the incident's, while shown: its updates sent */

  GtkLabel       *badge;
  GtkLabel       *title;
  GtkLabel       *meta;
  GtkLabel       *due;
};

G_DEFINE_FINAL_TYPE (SitrepIncidentRow, sitrep_incident_row, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_INCIDENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Whether the row has a clock: an active incident's updates, or what a
 * resolved or closed one still owes (read from its body, parsed anyway
 * for the title). */
static gboolean
has_clock (SitrepIncidentRow *self)
{
  return sitrep_incident_is_active (self->incident) ||
         sitrep_obligations_any_open (sitrep_incident_get_body (self->incident), 0);
}

/* The row's clock: the next update due, or how overdue it is; once
 * resolved, the next obligation. */
static void
update_due (SitrepIncidentRow *self)
{
  GtkWidget *due = GTK_WIDGET (self->due);
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *when = NULL;
  SitrepDeadline *next = NULL;

  gtk_widget_remove_css_class (due, "error");
  gtk_widget_remove_css_class (due, "warning");

  if (self->context == NULL || !has_clock (self))
    {
      gtk_widget_set_visible (due, FALSE);
      return;
    }

  if (self->workspace == NULL)
    self->workspace = sitrep_context_open_workspace (self->context,
                                                     sitrep_incident_get_id (self->incident));
  deadlines = sitrep_workspace_dup_deadlines (self->workspace);
  if (deadlines->len == 0)
    {
      gtk_widget_set_visible (due, FALSE);
      return;
    }

  next = deadlines->pdata[0];
  now = sitrep_clock_dup_now (sitrep_context_get_clock (self->context));
  text = sitrep_countdown_format (next->due, now);
  switch (sitrep_countdown_state (next->due, now))
    {
    case SITREP_COUNTDOWN_OVERDUE:
      gtk_widget_add_css_class (due, "error");
      break;
    case SITREP_COUNTDOWN_SOON:
      gtk_widget_add_css_class (due, "warning");
      break;
    case SITREP_COUNTDOWN_LATER:
    default:
      break;
    }

  when = sitrep_format_time_utc_local (next->due);
  tooltip = g_strdup_printf ("%s: %s", next->label, when);
  gtk_label_set_label (self->due, text);
  sitrep_widget_set_tooltip (due, tooltip);
  gtk_widget_set_visible (due, TRUE);
}

/**
 * sitrep_incident_row_update:
 *
 * Shows the incident as it is now: its fields, its age and its clock.
 */
void
sitrep_incident_row_update (SitrepIncidentRow *self)
{
  SitrepIncident *incident;
  const SitrepSeverityInfo *info;
  GDateTime *declared;
  g_autofree char *age = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *ref = NULL;

  g_return_if_fail (SITREP_IS_INCIDENT_ROW (self));

  incident = self->incident;
  if (incident == NULL)
    return;

  info = sitrep_severity_get_info (sitrep_incident_get_severity (incident));
  ref = sitrep_incident_dup_display_ref (incident);
  declared = sitrep_incident_get_milestone (incident, SITREP_MILESTONE_DECLARED);
  if (declared != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      age = sitrep_format_age (declared, now);
    }

  gtk_label_set_label (self->badge, info ? info->id : "?");
  sitrep_set_severity_class (GTK_WIDGET (self->badge), sitrep_incident_get_severity (incident));
  gtk_label_set_label (self->title, sitrep_incident_get_title (incident));

  /* Translators: sidebar line: reference · status · age, e.g. "INC-2026-042 · Identified · 40 min ago" */
  meta = g_strdup_printf (_("%s · %s · %s"),
                          ref,
                          sitrep_status_get_label (sitrep_incident_get_status (incident)),
                          age ? age : _("not declared"));
  gtk_label_set_label (self->meta, meta);

  gtk_widget_set_opacity (GTK_WIDGET (self), sitrep_incident_is_active (incident) ? 1.0 : 0.7);
  update_due (self);

  accessible = g_strdup_printf ("%s, %s, %s", info ? info->id : "",
                                sitrep_incident_get_title (incident), meta);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  sitrep_widget_name_list_item (GTK_WIDGET (self), accessible);
}

/**
 * sitrep_incident_row_set_incident:
 *
 * Shows @incident, following its changes, or nothing when %NULL.
 */
void
sitrep_incident_row_set_incident (SitrepIncidentRow *self,
                                  SitrepIncident    *incident)
{
  g_return_if_fail (SITREP_IS_INCIDENT_ROW (self));
  g_return_if_fail (incident == NULL || SITREP_IS_INCIDENT (incident));

  if (self->incident == incident)
    return;

  if (self->incident != NULL)
    g_signal_handlers_disconnect_by_func (self->incident, sitrep_incident_row_update, self);
  g_set_object (&self->incident, incident);
  g_clear_object (&self->workspace);
  if (incident != NULL)
    {
      g_signal_connect_object (incident, "notify::body", G_CALLBACK (sitrep_incident_row_update),
                               self, G_CONNECT_SWAPPED);
      sitrep_incident_row_update (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT]);
}

SitrepIncident *
sitrep_incident_row_get_incident (SitrepIncidentRow *self)
{
  g_return_val_if_fail (SITREP_IS_INCIDENT_ROW (self), NULL);

  return self->incident;
}

static void
sitrep_incident_row_dispose (GObject *object)
{
  SitrepIncidentRow *self = SITREP_INCIDENT_ROW (object);

  sitrep_incident_row_set_incident (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_INCIDENT_ROW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sitrep_incident_row_parent_class)->dispose (object);
}

static void
sitrep_incident_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SitrepIncidentRow *self = SITREP_INCIDENT_ROW (object);

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
sitrep_incident_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SitrepIncidentRow *self = SITREP_INCIDENT_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_INCIDENT:
      sitrep_incident_row_set_incident (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_incident_row_class_init (SitrepIncidentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_incident_row_dispose;
  object_class->get_property = sitrep_incident_row_get_property;
  object_class->set_property = sitrep_incident_row_set_property;

  /* The context gives the clock its deadlines; without one there is no clock. */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCIDENT] =
    g_param_spec_object ("incident", NULL, NULL, SITREP_TYPE_INCIDENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the bundle links it in from the static library. */
  (void) sitrep_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-incident-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentRow, badge);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentRow, title);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentRow, meta);
  gtk_widget_class_bind_template_child (widget_class, SitrepIncidentRow, due);
}

static void
sitrep_incident_row_init (SitrepIncidentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sitrep_incident_row_new:
 * @context: (nullable): where the clock's deadlines come from
 *
 * Returns: (transfer floating): a sidebar row showing no incident yet
 */
GtkWidget *
sitrep_incident_row_new (SitrepContext *context)
{
  return g_object_new (SITREP_TYPE_INCIDENT_ROW, "context", context, NULL);
}

GtkLabel *
_sitrep_incident_row_get_badge (SitrepIncidentRow *self)
{
  return self->badge;
}

GtkLabel *
_sitrep_incident_row_get_title (SitrepIncidentRow *self)
{
  return self->title;
}

GtkLabel *
_sitrep_incident_row_get_meta (SitrepIncidentRow *self)
{
  return self->meta;
}

GtkLabel *
_sitrep_incident_row_get_due (SitrepIncidentRow *self)
{
  return self->due;
}

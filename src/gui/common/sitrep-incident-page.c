/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-incident-page"

#include "config.h"

#include "sitrep-incident-page-private.h"

/* What every page of an incident shares: the context, the incident shown
 * and its workspace, and one coalesced refresh. The page follows the
 * workspace's ::changed and the clock's ::minute-changed through signal
 * groups, so pointing it at another incident moves every handler at once.
 *
 * "Is this change mine?" is answered once, by the workspace: it hears only
 * of commits that touched its incident.
 *
 * A page not on screen (another page of the stack is shown, or the window
 * is hidden) does no work for a change: it marks itself dirty and
 * refreshes once, when it is mapped again, before it is drawn.
 *
 * A page the window makes with :build-on-demand has no widgets until it is
 * first shown: the start-up builds only what the first frame shows. Until
 * then it keeps its incident and workspace, and none of its class's
 * functions run. */
typedef struct
{
  SitrepContext   *context;
  SitrepIncident  *incident;
  SitrepWorkspace *workspace;
  GSignalGroup    *workspace_signals;
  GSignalGroup    *clock_signals;
  guint            refresh_id;
  guint            n_refreshes;
  gboolean         dirty;
  gboolean         build_on_demand;
  gboolean         built;
} SitrepIncidentPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (SitrepIncidentPage, sitrep_incident_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_INCIDENT,
  PROP_WORKSPACE,
  PROP_BUILD_ON_DEMAND,
  PROP_BUILT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
run_refresh (SitrepIncidentPage *self)
{
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);

  priv->dirty = FALSE;
  if (priv->built && priv->workspace != NULL
      && SITREP_INCIDENT_PAGE_GET_CLASS (self)->refresh != NULL)
    {
      priv->n_refreshes++;
      SITREP_INCIDENT_PAGE_GET_CLASS (self)->refresh (self);
    }
}

static gboolean
refresh_idle (gpointer data)
{
  SitrepIncidentPage *self = data;
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);

  priv->refresh_id = 0;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    priv->dirty = TRUE;   /* done when shown: see sitrep_incident_page_map() */
  else
    run_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
sitrep_incident_page_map (GtkWidget *widget)
{
  SitrepIncidentPage *self = SITREP_INCIDENT_PAGE (widget);
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);

  GTK_WIDGET_CLASS (sitrep_incident_page_parent_class)->map (widget);

  /* Brought up to date before the first frame that shows it. */
  if (priv->dirty)
    {
      g_clear_handle_id (&priv->refresh_id, g_source_remove);
      run_refresh (self);
    }
}

/* Whether changes came while the page was not on screen, which it shows
 * once it is mapped again. */
gboolean
_sitrep_incident_page_get_dirty (SitrepIncidentPage *self)
{
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);

  g_return_val_if_fail (SITREP_IS_INCIDENT_PAGE (self), FALSE);

  return priv->dirty;
}

/* How many times the page's refresh ran. */
guint
_sitrep_incident_page_get_n_refreshes (SitrepIncidentPage *self)
{
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);

  g_return_val_if_fail (SITREP_IS_INCIDENT_PAGE (self), 0);

  return priv->n_refreshes;
}

/**
 * sitrep_incident_page_queue_refresh:
 *
 * Asks for one call of the page's refresh, after the current burst of
 * changes (a sync writes many records in one go).
 */
void
sitrep_incident_page_queue_refresh (SitrepIncidentPage *self)
{
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);

  g_return_if_fail (SITREP_IS_INCIDENT_PAGE (self));

  if (priv->refresh_id == 0)
    {
      priv->refresh_id = g_idle_add (refresh_idle, self);
      g_source_set_name_by_id (priv->refresh_id, "[sitrep] page refresh");
    }
}

static void
on_workspace_changed (SitrepIncidentPage *self,
                      const char         *coll)
{
  SitrepIncidentPageClass *klass = SITREP_INCIDENT_PAGE_GET_CLASS (self);

  if (klass->wants_change == NULL || klass->wants_change (self, coll))
    sitrep_incident_page_queue_refresh (self);
}

static void
on_workspace_incident (SitrepIncidentPage *self)
{
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);

  /* The incident was deleted: nothing of it is shown any more. */
  if (priv->workspace != NULL && sitrep_workspace_get_incident (priv->workspace) == NULL)
    sitrep_incident_page_set_incident (self, NULL);
}

static void
on_minute_changed (SitrepIncidentPage *self)
{
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);

  if (!priv->built || priv->workspace == NULL
      || SITREP_INCIDENT_PAGE_GET_CLASS (self)->minute_changed == NULL)
    return;

  /* Not on screen: the refresh when shown redoes the countdowns too. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    priv->dirty = TRUE;
  else
    SITREP_INCIDENT_PAGE_GET_CLASS (self)->minute_changed (self);
}

static void
sitrep_incident_page_constructed (GObject *object)
{
  SitrepIncidentPage *self = SITREP_INCIDENT_PAGE (object);
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);

  G_OBJECT_CLASS (sitrep_incident_page_parent_class)->constructed (object);

  if (!priv->build_on_demand)
    sitrep_incident_page_ensure_built (self);
}

static void
sitrep_incident_page_dispose (GObject *object)
{
  SitrepIncidentPage *self = SITREP_INCIDENT_PAGE (object);
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);

  g_clear_handle_id (&priv->refresh_id, g_source_remove);
  if (priv->workspace_signals != NULL)
    g_signal_group_set_target (priv->workspace_signals, NULL);
  if (priv->clock_signals != NULL)
    g_signal_group_set_target (priv->clock_signals, NULL);
  g_clear_object (&priv->workspace_signals);
  g_clear_object (&priv->clock_signals);
  g_clear_object (&priv->workspace);
  g_clear_object (&priv->incident);
  g_clear_object (&priv->context);

  G_OBJECT_CLASS (sitrep_incident_page_parent_class)->dispose (object);
}

static void
sitrep_incident_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SitrepIncidentPage *self = SITREP_INCIDENT_PAGE (object);
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, priv->context);
      break;

    case PROP_INCIDENT:
      g_value_set_object (value, priv->incident);
      break;

    case PROP_WORKSPACE:
      g_value_set_object (value, priv->workspace);
      break;

    case PROP_BUILD_ON_DEMAND:
      g_value_set_boolean (value, priv->build_on_demand);
      break;

    case PROP_BUILT:
      g_value_set_boolean (value, priv->built);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_incident_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SitrepIncidentPage *self = SITREP_INCIDENT_PAGE (object);
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      sitrep_incident_page_set_context (self, g_value_get_object (value));
      break;

    case PROP_BUILD_ON_DEMAND:
      priv->build_on_demand = g_value_get_boolean (value);
      break;

    case PROP_INCIDENT:
      sitrep_incident_page_set_incident (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_incident_page_class_init (SitrepIncidentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sitrep_incident_page_constructed;
  object_class->dispose = sitrep_incident_page_dispose;
  object_class->get_property = sitrep_incident_page_get_property;
  object_class->set_property = sitrep_incident_page_set_property;

  widget_class->map = sitrep_incident_page_map;

  /**
   * SitrepIncidentPage:context:
   *
   * What the page reads and writes through; set once, before :incident.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SitrepIncidentPage:incident:
   *
   * The incident shown, %NULL for none; the window binds its own.
   */
  properties[PROP_INCIDENT] =
    g_param_spec_object ("incident", NULL, NULL, SITREP_TYPE_INCIDENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SitrepIncidentPage:workspace:
   *
   * The shown incident's workspace: its lists and deadlines.
   */
  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, SITREP_TYPE_WORKSPACE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * SitrepIncidentPage:build-on-demand:
   *
   * Whether the page's widgets wait until someone asks for them with
   * sitrep_incident_page_ensure_built() (the window does when the page is
   * first shown) instead of being made with the page.
   */
  properties[PROP_BUILD_ON_DEMAND] =
    g_param_spec_boolean ("build-on-demand", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SitrepIncidentPage:built:
   *
   * Whether the page's widgets have been made.
   */
  properties[PROP_BUILT] =
    g_param_spec_boolean ("built", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sitrep_incident_page_init (SitrepIncidentPage *self)
{
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);

  priv->workspace_signals = g_signal_group_new (SITREP_TYPE_WORKSPACE);
  g_signal_group_connect_object (priv->workspace_signals, "changed",
                                 G_CALLBACK (on_workspace_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (priv->workspace_signals, "notify::incident",
                                 G_CALLBACK (on_workspace_incident), self, G_CONNECT_SWAPPED);

  priv->clock_signals = g_signal_group_new (SITREP_TYPE_CLOCK);
  g_signal_group_connect_object (priv->clock_signals, "minute-changed",
                                 G_CALLBACK (on_minute_changed), self, G_CONNECT_SWAPPED);
}

/**
 * sitrep_incident_page_get_context:
 *
 * Returns: (transfer none) (nullable): the context
 */
SitrepContext *
sitrep_incident_page_get_context (SitrepIncidentPage *self)
{
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);

  g_return_val_if_fail (SITREP_IS_INCIDENT_PAGE (self), NULL);

  return priv->context;
}

/**
 * sitrep_incident_page_set_context:
 *
 * Sets the context, once.
 */
void
sitrep_incident_page_set_context (SitrepIncidentPage *self,
                                  SitrepContext      *context)
{
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);

  g_return_if_fail (SITREP_IS_INCIDENT_PAGE (self));
  g_return_if_fail (context == NULL || SITREP_IS_CONTEXT (context));

  if (priv->context == context)
    return;
  g_return_if_fail (priv->context == NULL);

  priv->context = g_object_ref (context);
  g_signal_group_set_target (priv->clock_signals, sitrep_context_get_clock (context));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * sitrep_incident_page_get_incident:
 *
 * Returns: (transfer none) (nullable): the incident shown
 */
SitrepIncident *
sitrep_incident_page_get_incident (SitrepIncidentPage *self)
{
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);

  g_return_val_if_fail (SITREP_IS_INCIDENT_PAGE (self), NULL);

  return priv->incident;
}

/**
 * sitrep_incident_page_get_workspace:
 *
 * Returns: (transfer none) (nullable): the shown incident's workspace
 */
SitrepWorkspace *
sitrep_incident_page_get_workspace (SitrepIncidentPage *self)
{
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);

  g_return_val_if_fail (SITREP_IS_INCIDENT_PAGE (self), NULL);

  return priv->workspace;
}

/**
 * sitrep_incident_page_set_incident:
 * @incident: (nullable): the incident to show
 *
 * Shows @incident: opens its workspace from the context and calls the
 * page's incident_changed at once.
 */
void
sitrep_incident_page_set_incident (SitrepIncidentPage *self,
                                   SitrepIncident     *incident)
{
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);
  g_autoptr(SitrepWorkspace) workspace = NULL;

  g_return_if_fail (SITREP_IS_INCIDENT_PAGE (self));
  g_return_if_fail (incident == NULL || SITREP_IS_INCIDENT (incident));

  if (priv->incident == incident)
    return;

  g_return_if_fail (incident == NULL || priv->context != NULL);

  if (incident != NULL)
    workspace = sitrep_context_open_workspace (priv->context, sitrep_incident_get_id (incident));

  g_clear_handle_id (&priv->refresh_id, g_source_remove);
  priv->dirty = FALSE;   /* incident_changed shows all of the new one */
  g_set_object (&priv->incident, incident);
  g_set_object (&priv->workspace, workspace);
  g_signal_group_set_target (priv->workspace_signals, workspace);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
  if (priv->built && SITREP_INCIDENT_PAGE_GET_CLASS (self)->incident_changed != NULL)
    SITREP_INCIDENT_PAGE_GET_CLASS (self)->incident_changed (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * sitrep_incident_page_get_built:
 *
 * Returns: whether the page's widgets have been made
 */
gboolean
sitrep_incident_page_get_built (SitrepIncidentPage *self)
{
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);

  g_return_val_if_fail (SITREP_IS_INCIDENT_PAGE (self), FALSE);

  return priv->built;
}

/**
 * sitrep_incident_page_ensure_built:
 *
 * Makes the page's widgets if they are not yet (see
 * SitrepIncidentPageClass.build), and shows the incident it was given
 * meanwhile. Nothing happens the second time.
 */
void
sitrep_incident_page_ensure_built (SitrepIncidentPage *self)
{
  SitrepIncidentPagePrivate *priv = sitrep_incident_page_get_instance_private (self);
  SitrepIncidentPageClass *klass;

  g_return_if_fail (SITREP_IS_INCIDENT_PAGE (self));

  if (priv->built)
    return;

  klass = SITREP_INCIDENT_PAGE_GET_CLASS (self);
  priv->built = TRUE;
  if (klass->build != NULL)
    klass->build (self);

  g_clear_handle_id (&priv->refresh_id, g_source_remove);
  priv->dirty = FALSE;   /* incident_changed shows all of it */
  if (priv->incident != NULL && klass->incident_changed != NULL)
    klass->incident_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILT]);
}

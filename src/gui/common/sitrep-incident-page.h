/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sitrep-context.h"

G_BEGIN_DECLS

#define SITREP_TYPE_INCIDENT_PAGE (sitrep_incident_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (SitrepIncidentPage, sitrep_incident_page, SITREP, INCIDENT_PAGE, GtkWidget)

/**
 * SitrepIncidentPageClass:
 * @incident_changed: another incident (or none) is shown; the page drops
 *   what it showed of the previous one and shows this one at once
 * @refresh: something of the shown incident changed; called once per
 *   burst of changes, from an idle, while the page is mapped; a page not
 *   on screen is marked dirty instead and refreshed when it is mapped
 * @wants_change: whether a change to a record of @coll concerns this page
 *   (all do unless overridden); the ones that do queue a refresh
 * @minute_changed: the context's clock turned a minute; countdowns redo
 *   their text here. Called while the page is mapped; a page not on
 *   screen is marked dirty instead, so @refresh must redo them too
 * @build: (optional) makes the page's widgets (its template and what
 *   goes with it); run once, by sitrep_incident_page_ensure_built(), and
 *   before any of the other functions. A page built by the window on
 *   demand (:build-on-demand) costs nothing at start until it is shown
 *
 * The base of the pages of an incident (overview, roles, checklist,
 * timeline, updates). The window sets :context once and binds its own
 * :incident to every page; the page opens the incident's workspace and
 * follows it. Subclasses implement @incident_changed and @refresh.
 */
struct _SitrepIncidentPageClass
{
  GtkWidgetClass parent_class;

  void     (*incident_changed) (SitrepIncidentPage *self);
  void     (*refresh)          (SitrepIncidentPage *self);
  gboolean (*wants_change)     (SitrepIncidentPage *self,
                                const char         *coll);
  void     (*minute_changed)   (SitrepIncidentPage *self);
  void     (*build)            (SitrepIncidentPage *self);

  /*< private >*/
  gpointer padding[7];
};

SitrepContext   *sitrep_incident_page_get_context   (SitrepIncidentPage *self);
void             sitrep_incident_page_set_context   (SitrepIncidentPage *self,
                                                     SitrepContext      *context);
SitrepIncident  *sitrep_incident_page_get_incident  (SitrepIncidentPage *self);
void             sitrep_incident_page_set_incident  (SitrepIncidentPage *self,
                                                     SitrepIncident     *incident);
SitrepWorkspace *sitrep_incident_page_get_workspace (SitrepIncidentPage *self);
void             sitrep_incident_page_queue_refresh (SitrepIncidentPage *self);
gboolean         sitrep_incident_page_get_built     (SitrepIncidentPage *self);
void             sitrep_incident_page_ensure_built  (SitrepIncidentPage *self);

G_END_DECLS

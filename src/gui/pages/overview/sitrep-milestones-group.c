/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-overview"

#include "config.h"

#include "sitrep-milestones-group.h"
#include "sitrep-resources.h"

#define N_MILESTONES (SITREP_MILESTONE_RESOLVED + 1)

/* The Overview's milestones: a row per milestone showing the incident's
 * time for it. Changes the user asks for come out as ::set-milestone. */
struct _SitrepMilestonesGroup
{
  AdwPreferencesGroup  parent_instance;

  SitrepMilestoneRow  *rows[N_MILESTONES];
};

G_DEFINE_FINAL_TYPE (SitrepMilestonesGroup, sitrep_milestones_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SET_MILESTONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_row_set (SitrepMilestoneRow    *row,
            GDateTime             *when,
            SitrepMilestonesGroup *self)
{
  g_signal_emit (self, signals[SET_MILESTONE], 0, sitrep_milestone_row_get_milestone (row), when);
}

/**
 * sitrep_milestones_group_set_incident:
 * @incident: (nullable): whose milestones to show
 *
 * Shows @incident's milestones as they are now.
 */
void
sitrep_milestones_group_set_incident (SitrepMilestonesGroup *self,
                                      SitrepIncident        *incident)
{
  g_return_if_fail (SITREP_IS_MILESTONES_GROUP (self));

  for (guint i = 0; i < N_MILESTONES; i++)
    sitrep_milestone_row_set_time (self->rows[i],
                                   incident ? sitrep_incident_get_milestone (incident, i) : NULL);
}

static void
sitrep_milestones_group_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SITREP_TYPE_MILESTONES_GROUP);

  G_OBJECT_CLASS (sitrep_milestones_group_parent_class)->dispose (object);
}

static void
sitrep_milestones_group_class_init (SitrepMilestonesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_milestones_group_dispose;

  /**
   * SitrepMilestonesGroup::set-milestone:
   * @milestone: a #SitrepMilestone
   * @when: (nullable): the time the user gave, or %NULL to clear it
   */
  signals[SET_MILESTONE] = g_signal_new ("set-milestone", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_DATE_TIME);

  (void) sitrep_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-milestones-group.ui");
}

static void
sitrep_milestones_group_init (SitrepMilestonesGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_MILESTONES; i++)
    {
      GtkWidget *row = sitrep_milestone_row_new (i);

      g_signal_connect_object (row, "set", G_CALLBACK (on_row_set), self, 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      self->rows[i] = SITREP_MILESTONE_ROW (row);
    }
}

/**
 * sitrep_milestones_group_new:
 *
 * Returns: (transfer floating): the group, showing no incident
 */
GtkWidget *
sitrep_milestones_group_new (void)
{
  return g_object_new (SITREP_TYPE_MILESTONES_GROUP, NULL);
}

SitrepMilestoneRow *
_sitrep_milestones_group_get_row (SitrepMilestonesGroup *self,
                                  SitrepMilestone        milestone)
{
  g_return_val_if_fail (milestone < N_MILESTONES, NULL);

  return self->rows[milestone];
}

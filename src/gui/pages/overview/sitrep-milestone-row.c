/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-overview"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-context.h"
#include "sitrep-gui-util.h"
#include "sitrep-incident-page.h"
#include "sitrep-milestone-row.h"
#include "sitrep-resources.h"

/* One milestone: its time in UTC and local, and the buttons that change
 * it. The row writes nothing: it asks through ::set, and its owner shows
 * the result with sitrep_milestone_row_set_time(). */
struct _SitrepMilestoneRow
{
  AdwActionRow     parent_instance;

  SitrepMilestone  milestone;
  GDateTime       *when;

  GtkWidget       *now_button;
  GtkWidget       *edit_button;
  GtkWidget       *clear_button;
  GtkEntry        *entry;
};

G_DEFINE_FINAL_TYPE (SitrepMilestoneRow, sitrep_milestone_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_MILESTONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_tip (GtkWidget  *widget,
         const char *tip)
{
  sitrep_widget_set_tooltip (widget, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, tip,
                                  -1);
}

static void
on_now_clicked (SitrepMilestoneRow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_signal_emit (self, signals[SET], 0, now);
}

static void
on_clear_clicked (SitrepMilestoneRow *self)
{
  g_signal_emit (self, signals[SET], 0, NULL);
}

/* The context of the page the row is on, for the zone typed times are read
 * in; a row on its own reads them as the preference says all the same. */
static SitrepContext *
row_context (SitrepMilestoneRow *self)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), SITREP_TYPE_INCIDENT_PAGE);

  return page ? sitrep_incident_page_get_context (SITREP_INCIDENT_PAGE (page)) : NULL;
}

static void
refuse (SitrepMilestoneRow *self,
        const char         *message)
{
  gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  sitrep_widget_set_tooltip (GTK_WIDGET (self->entry), message);
  gtk_widget_error_bell (GTK_WIDGET (self->entry));
}

/* Says how a typed time is read: in the zone chosen in Preferences. */
static void
update_entry_hint (SitrepMilestoneRow *self)
{
  g_autofree char *zone = sitrep_context_dup_input_zone_name (row_context (self), NULL);
  g_autofree char *tip = NULL;

  /* Translators: %s is a time zone such as CET or UTC */
  tip = g_strdup_printf (_("In %s: HH:MM, YYYY-MM-DD HH:MM, or -5m; Enter sets it"), zone);
  sitrep_widget_set_tooltip (GTK_WIDGET (self->entry), tip);
  gtk_entry_set_placeholder_text (self->entry, tip);
}

static void
on_entry_activated (SitrepMilestoneRow *self)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GError) error = NULL;
  SitrepCaptureCheck check;

  when = sitrep_context_parse_time_input (row_context (self),
                                          gtk_editable_get_text (GTK_EDITABLE (self->entry)),
                                          NULL, &check, &error);
  if (when == NULL)
    {
      refuse (self, error->message);
      return;
    }

  /* A milestone is reached when it happens: a time still to come is a
   * slip of the finger or the wrong zone, not yesterday. */
  if (check == SITREP_CAPTURE_CHECK_FUTURE)
    {
      g_autofree char *typed = sitrep_context_format_input_time (row_context (self), when, FALSE);
      g_autofree char *zone = sitrep_context_dup_input_zone_name (row_context (self), when);
      /* Translators: a time such as 13:50, then its zone such as CET */
      g_autofree char *message = g_strdup_printf (_("%s %s is later than now: type when it "
                                                    "happened"), typed, zone);

      refuse (self, message);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  update_entry_hint (self);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->edit_button));
  g_signal_emit (self, signals[SET], 0, when);
}

/* The editor shows the time the way it is read back: in the chosen zone. */
static void
on_popover_shown (SitrepMilestoneRow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = sitrep_context_format_input_time (row_context (self),
                                                            self->when ? self->when : now, TRUE);

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  update_entry_hint (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
set_milestone (SitrepMilestoneRow *self,
               SitrepMilestone     milestone)
{
  const char *label = sitrep_milestone_get_label (milestone);
  g_autofree char *now_tip = g_strdup_printf (_("Set “%s” to now"), label);
  g_autofree char *edit_tip = g_strdup_printf (_("Set the time of “%s”"), label);
  g_autofree char *clear_tip = g_strdup_printf (_("Clear “%s”"), label);

  self->milestone = milestone;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), label);
  set_tip (self->now_button, now_tip);
  set_tip (self->edit_button, edit_tip);
  set_tip (self->clear_button, clear_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  edit_tip, -1);
}

/**
 * sitrep_milestone_row_set_time:
 * @when: (nullable): when the milestone was reached, or %NULL for not yet
 */
void
sitrep_milestone_row_set_time (SitrepMilestoneRow *self,
                               GDateTime          *when)
{
  g_return_if_fail (SITREP_IS_MILESTONE_ROW (self));

  if (when != self->when)
    {
      g_clear_pointer (&self->when, g_date_time_unref);
      self->when = when ? g_date_time_ref (when) : NULL;
    }

  if (when != NULL)
    {
      g_autofree char *text = sitrep_format_time_utc_local (when);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), text);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("Not yet"));

  gtk_widget_set_sensitive (self->clear_button, when != NULL);
}

SitrepMilestone
sitrep_milestone_row_get_milestone (SitrepMilestoneRow *self)
{
  g_return_val_if_fail (SITREP_IS_MILESTONE_ROW (self), 0);

  return self->milestone;
}

static void
sitrep_milestone_row_finalize (GObject *object)
{
  SitrepMilestoneRow *self = SITREP_MILESTONE_ROW (object);

  g_clear_pointer (&self->when, g_date_time_unref);

  G_OBJECT_CLASS (sitrep_milestone_row_parent_class)->finalize (object);
}

static void
sitrep_milestone_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SITREP_TYPE_MILESTONE_ROW);

  G_OBJECT_CLASS (sitrep_milestone_row_parent_class)->dispose (object);
}

static void
sitrep_milestone_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SitrepMilestoneRow *self = SITREP_MILESTONE_ROW (object);

  switch (prop_id)
    {
    case PROP_MILESTONE:
      g_value_set_int (value, self->milestone);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_milestone_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SitrepMilestoneRow *self = SITREP_MILESTONE_ROW (object);

  switch (prop_id)
    {
    case PROP_MILESTONE:
      set_milestone (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_milestone_row_class_init (SitrepMilestoneRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_milestone_row_dispose;
  object_class->finalize = sitrep_milestone_row_finalize;
  object_class->get_property = sitrep_milestone_row_get_property;
  object_class->set_property = sitrep_milestone_row_set_property;

  properties[PROP_MILESTONE] =
    g_param_spec_int ("milestone", NULL, NULL,
                      SITREP_MILESTONE_IMPACT_STARTED, SITREP_MILESTONE_CLOSED,
                      SITREP_MILESTONE_DETECTED,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepMilestoneRow::set:
   * @when: (nullable): the time the user gave, or %NULL to clear it
   */
  signals[SET] = g_signal_new ("set", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                               NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DATE_TIME);

  (void) sitrep_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-milestone-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepMilestoneRow, now_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepMilestoneRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepMilestoneRow, clear_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepMilestoneRow, entry);
  gtk_widget_class_bind_template_callback (widget_class, on_now_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_shown);
}

static void
sitrep_milestone_row_init (SitrepMilestoneRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sitrep_milestone_row_set_time (self, NULL);
}

/**
 * sitrep_milestone_row_new:
 *
 * Returns: (transfer floating): a row for @milestone, not yet reached
 */
GtkWidget *
sitrep_milestone_row_new (SitrepMilestone milestone)
{
  return g_object_new (SITREP_TYPE_MILESTONE_ROW, "milestone", milestone, NULL);
}

GtkWidget *
_sitrep_milestone_row_get_now_button (SitrepMilestoneRow *self)
{
  return self->now_button;
}

GtkWidget *
_sitrep_milestone_row_get_clear_button (SitrepMilestoneRow *self)
{
  return self->clear_button;
}

GtkWidget *
_sitrep_milestone_row_get_edit_button (SitrepMilestoneRow *self)
{
  return self->edit_button;
}

GtkEntry *
_sitrep_milestone_row_get_entry (SitrepMilestoneRow *self)
{
  return self->entry;
}

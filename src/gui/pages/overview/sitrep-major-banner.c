/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-overview"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-gui-util.h"
#include "sitrep-major-banner.h"
#include "sitrep-triage.h"

/* The Overview's prompt to switch the Major Incident Protocol on: shown
 * while an incident that is not major meets the guide's activation
 * criteria (sitrep_incident_rules_major_criteria()), saying which. The
 * banner writes nothing: "Activate" comes out as ::activate-major.
 * Dismissed, it stays away for that incident until a criterion it did not
 * show is met too. */
struct _SitrepMajorBanner
{
  GtkWidget            parent_instance;

  GtkRevealer         *revealer;
  GtkLabel            *label;
  GtkButton           *activate_button;
  GtkButton           *dismiss_button;

  GSettings           *settings;      /* NULL without the schema: the guide's defaults */
  char                *incident_id;
  SitrepMajorCriteria  shown;
  GHashTable          *dismissed;     /* incident id → the criteria dismissed */
};

G_DEFINE_FINAL_TYPE (SitrepMajorBanner, sitrep_major_banner, GTK_TYPE_WIDGET)

enum {
  ACTIVATE_MAJOR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
describe (SitrepMajorCriteria  met,
          const char          *critical)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (met & SITREP_MAJOR_CRITERIA_P1_OVER_HOUR)
    g_ptr_array_add (parts, g_strdup (_("a P1 incident lasting more than 1 hour")));
  if (met & SITREP_MAJOR_CRITERIA_CRITICAL_SERVICES)
    /* Translators: %s lists the services, e.g. "payments, checkout" */
    g_ptr_array_add (parts, g_strdup_printf (_("it affects multiple critical services (%s)"),
                                             critical));
  if (met & SITREP_MAJOR_CRITERIA_TEAMS)
    g_ptr_array_add (parts, g_strdup (_("more than 3 teams are coordinating")));
  g_ptr_array_add (parts, NULL);

  /* Translators: the criteria are joined with "; " */
  return g_strjoinv (_("; "), (char **) parts->pdata);
}

static void
on_activate_clicked (SitrepMajorBanner *self)
{
  g_signal_emit (self, signals[ACTIVATE_MAJOR], 0);
}

static void
on_dismiss_clicked (SitrepMajorBanner *self)
{
  if (self->incident_id != NULL)
    {
      SitrepMajorCriteria before = GPOINTER_TO_UINT (g_hash_table_lookup (self->dismissed,
                                                                          self->incident_id));

      g_hash_table_insert (self->dismissed, g_strdup (self->incident_id),
                           GUINT_TO_POINTER (before | self->shown));
    }
  self->shown = SITREP_MAJOR_CRITERIA_NONE;
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

/**
 * sitrep_major_banner_update:
 * @incident: (nullable): the incident shown
 * @now: the clock's time
 *
 * Shows or hides the banner for @incident as it is at @now: call it when
 * the incident changes and as the clock's minutes pass, since a P1 meets
 * a criterion by lasting.
 */
void
sitrep_major_banner_update (SitrepMajorBanner *self,
                            SitrepContext     *context,
                            SitrepIncident    *incident,
                            GDateTime         *now)
{
  g_autofree char *named = NULL;
  g_autofree char *criteria = NULL;
  g_autofree char *text = NULL;
  SitrepMajorCriteria met = SITREP_MAJOR_CRITERIA_NONE, dismissed;

  g_return_if_fail (SITREP_IS_MAJOR_BANNER (self));
  g_return_if_fail (now != NULL);

  g_free (self->incident_id);
  self->incident_id = incident ? g_strdup (sitrep_incident_get_id (incident)) : NULL;

  if (incident != NULL && !sitrep_incident_get_major (incident))
    {
      met = sitrep_context_major_criteria (context, incident, now, &named);
      dismissed = GPOINTER_TO_UINT (g_hash_table_lookup (self->dismissed, self->incident_id));
      if ((met & ~dismissed) == 0)
        met = SITREP_MAJOR_CRITERIA_NONE;
    }

  self->shown = met;
  if (met != SITREP_MAJOR_CRITERIA_NONE)
    {
      criteria = describe (met, named);
      /* Translators: %s says which criteria, e.g. "a P1 incident lasting more than 1 hour" */
      text = g_strdup_printf (_("This incident meets the major incident criteria: %s"), criteria);
      gtk_label_set_label (self->label, text);
    }
  gtk_revealer_set_reveal_child (self->revealer, met != SITREP_MAJOR_CRITERIA_NONE);
}

/**
 * sitrep_major_banner_get_shown:
 *
 * Returns: the criteria the banner shows, %SITREP_MAJOR_CRITERIA_NONE when
 *   hidden
 */
SitrepMajorCriteria
sitrep_major_banner_get_shown (SitrepMajorBanner *self)
{
  g_return_val_if_fail (SITREP_IS_MAJOR_BANNER (self), SITREP_MAJOR_CRITERIA_NONE);

  return self->shown;
}

/* As a bin, except that the height asked without a width is never less
 * than the one asked for any width: a wrapping label's one line can come
 * out a pixel taller than its wrapped minimum. */
static void
sitrep_major_banner_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  SitrepMajorBanner *self = SITREP_MAJOR_BANNER (widget);

  gtk_widget_measure (GTK_WIDGET (self->revealer), orientation, for_size, minimum, natural,
                      NULL, NULL);
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size < 0)
    {
      int wide_min, wide_nat;

      gtk_widget_measure (GTK_WIDGET (self->revealer), orientation, G_MAXINT / 2, &wide_min,
                          &wide_nat, NULL, NULL);
      *minimum = MAX (*minimum, wide_min);
      *natural = MAX (*natural, wide_nat);
    }
  *minimum_baseline = *natural_baseline = -1;
}

static void
sitrep_major_banner_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  gtk_widget_allocate (GTK_WIDGET (SITREP_MAJOR_BANNER (widget)->revealer), width, height, -1,
                       NULL);
}

static GtkSizeRequestMode
sitrep_major_banner_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sitrep_major_banner_dispose (GObject *object)
{
  SitrepMajorBanner *self = SITREP_MAJOR_BANNER (object);

  g_clear_pointer ((GtkWidget **) &self->revealer, gtk_widget_unparent);

  G_OBJECT_CLASS (sitrep_major_banner_parent_class)->dispose (object);
}

static void
sitrep_major_banner_finalize (GObject *object)
{
  SitrepMajorBanner *self = SITREP_MAJOR_BANNER (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->dismissed, g_hash_table_unref);
  g_free (self->incident_id);

  G_OBJECT_CLASS (sitrep_major_banner_parent_class)->finalize (object);
}

static void
sitrep_major_banner_class_init (SitrepMajorBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_major_banner_dispose;
  object_class->finalize = sitrep_major_banner_finalize;

  /**
   * SitrepMajorBanner::activate-major:
   *
   * The user asked to switch the Major Incident Protocol on.
   */
  signals[ACTIVATE_MAJOR] = g_signal_new ("activate-major", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  widget_class->measure = sitrep_major_banner_measure;
  widget_class->size_allocate = sitrep_major_banner_size_allocate;
  widget_class->get_request_mode = sitrep_major_banner_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "majorbanner");
}

static void
sitrep_major_banner_init (SitrepMajorBanner *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GSettingsSchema *schema = source ? g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE)
                                   : NULL;
  GtkWidget *box, *icon;

  if (schema != NULL)
    {
      self->settings = g_settings_new (APPLICATION_ID);
      g_settings_schema_unref (schema);
    }
  self->dismissed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "major-banner");
  gtk_revealer_set_child (self->revealer, box);

  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), icon);

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "heading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));

  self->activate_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Activate")));
  gtk_widget_set_valign (GTK_WIDGET (self->activate_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->activate_button), "suggested-action");
  sitrep_widget_set_tooltip (GTK_WIDGET (self->activate_button),
                               _("Switch the Major Incident Protocol on"));
  g_signal_connect_object (self->activate_button, "clicked", G_CALLBACK (on_activate_clicked),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->activate_button));

  self->dismiss_button = GTK_BUTTON (gtk_button_new_from_icon_name ("window-close-symbolic"));
  gtk_widget_set_valign (GTK_WIDGET (self->dismiss_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->dismiss_button), "flat");
  gtk_widget_add_css_class (GTK_WIDGET (self->dismiss_button), "circular");
  sitrep_widget_set_tooltip (GTK_WIDGET (self->dismiss_button),
                               _("Dismiss for this incident"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dismiss_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss for this incident"),
                                  -1);
  g_signal_connect_object (self->dismiss_button, "clicked", G_CALLBACK (on_dismiss_clicked),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->dismiss_button));
}

/**
 * sitrep_major_banner_new:
 *
 * Returns: (transfer floating): the banner, hidden
 */
GtkWidget *
sitrep_major_banner_new (void)
{
  return g_object_new (SITREP_TYPE_MAJOR_BANNER, NULL);
}

GtkButton *
_sitrep_major_banner_get_activate_button (SitrepMajorBanner *self)
{
  return self->activate_button;
}

GtkButton *
_sitrep_major_banner_get_dismiss_button (SitrepMajorBanner *self)
{
  return self->dismiss_button;
}

GtkLabel *
_sitrep_major_banner_get_label (SitrepMajorBanner *self)
{
  return self->label;
}

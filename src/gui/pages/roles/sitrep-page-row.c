/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-roles"

#include "config.h"

#include "sitrep-gui-util.h"
#include "sitrep-page-row.h"
#include "sitrep-resources.h"

/* One team paged for the incident, on the Roles page: the team, what
 * became of the page, and the message it was sent with. */

struct _SitrepPageRow
{
  AdwActionRow       parent_instance;

  SitrepPageRequest *page;

  GtkImage          *icon;
  GtkLabel          *message;
};

G_DEFINE_FINAL_TYPE (SitrepPageRow, sitrep_page_row, ADW_TYPE_ACTION_ROW)

static void
show_page (SitrepPageRow *self)
{
  static const char *const classes[] = { "dim-label", "success", "error" };
  g_autofree char *outcome = sitrep_page_request_dup_outcome (self->page);
  const char *message = sitrep_page_request_get_message (self->page);
  SitrepPageDelivery delivery = sitrep_page_request_get_delivery (self->page);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 sitrep_page_request_get_team (self->page));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), outcome);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), classes[i]);
  switch (delivery)
    {
    case SITREP_PAGE_DELIVERY_DELIVERED:
      gtk_image_set_from_icon_name (self->icon, "emblem-ok-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->icon), "success");
      break;
    case SITREP_PAGE_DELIVERY_FAILED:
      gtk_image_set_from_icon_name (self->icon, "dialog-error-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->icon), "error");
      break;
    case SITREP_PAGE_DELIVERY_PENDING:
    default:
      gtk_image_set_from_icon_name (self->icon, "content-loading-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->icon), "dim-label");
      break;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  outcome, -1);

  gtk_label_set_label (self->message, message);
  sitrep_widget_set_tooltip (GTK_WIDGET (self->message), *message != '\0' ? message : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->message), *message != '\0');
}

static void
sitrep_page_row_dispose (GObject *object)
{
  SitrepPageRow *self = SITREP_PAGE_ROW (object);

  g_clear_object (&self->page);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_PAGE_ROW);

  G_OBJECT_CLASS (sitrep_page_row_parent_class)->dispose (object);
}

static void
sitrep_page_row_class_init (SitrepPageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_page_row_dispose;

  (void) sitrep_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-page-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepPageRow, icon);
  gtk_widget_class_bind_template_child (widget_class, SitrepPageRow, message);
}

static void
sitrep_page_row_init (SitrepPageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sitrep_page_row_new:
 *
 * Returns: (transfer floating): a row showing @page as it is now
 */
GtkWidget *
sitrep_page_row_new (SitrepPageRequest *page)
{
  SitrepPageRow *self = g_object_new (SITREP_TYPE_PAGE_ROW, NULL);

  self->page = g_object_ref (page);
  show_page (self);
  return GTK_WIDGET (self);
}

/**
 * sitrep_page_row_get_page:
 *
 * Returns: (transfer none): the page the row shows
 */
SitrepPageRequest *
sitrep_page_row_get_page (SitrepPageRow *self)
{
  g_return_val_if_fail (SITREP_IS_PAGE_ROW (self), NULL);

  return self->page;
}

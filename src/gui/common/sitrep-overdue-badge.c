/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-action-items"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-gui-util.h"
#include "sitrep-overdue-badge.h"

/* How many of my action items are overdue, in a header: a red count that
 * opens the Action Items view (its action is set by whoever places it),
 * hidden while there are none. It counts again when an item, the day or
 * the current user changes. */
struct _SitrepOverdueBadge
{
  GtkButton      parent_instance;

  SitrepContext *context;
  GSignalGroup  *context_signals;
  GSignalGroup  *list_signals;
  GSignalGroup  *clock_signals;
  GtkLabel      *label;
  guint          count;
  guint          start_id;
};

G_DEFINE_FINAL_TYPE (SitrepOverdueBadge, sitrep_overdue_badge, GTK_TYPE_BUTTON)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
recount (SitrepOverdueBadge *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tip = NULL;
  guint count = 0;

  if (self->context != NULL)
    {
      now = sitrep_clock_dup_now (sitrep_context_get_clock (self->context));
      count = sitrep_context_count_my_overdue (self->context, now);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), count > 0);
  if (count == self->count)
    return;

  self->count = count;
  text = g_strdup_printf ("%u", count);
  gtk_label_set_text (self->label, text);
  /* Translators: the header's count of the user's overdue action items */
  tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of my action items is overdue",
                                      "%u of my action items are overdue", count), count);
  sitrep_widget_set_tooltip (GTK_WIDGET (self), tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

static void
sitrep_overdue_badge_dispose (GObject *object)
{
  SitrepOverdueBadge *self = SITREP_OVERDUE_BADGE (object);

  g_clear_handle_id (&self->start_id, g_source_remove);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->list_signals);
  g_clear_object (&self->clock_signals);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sitrep_overdue_badge_parent_class)->dispose (object);
}

static void
sitrep_overdue_badge_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SitrepOverdueBadge *self = SITREP_OVERDUE_BADGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_overdue_badge_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTEXT:
      sitrep_overdue_badge_set_context (SITREP_OVERDUE_BADGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_overdue_badge_class_init (SitrepOverdueBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_overdue_badge_dispose;
  object_class->get_property = sitrep_overdue_badge_get_property;
  object_class->set_property = sitrep_overdue_badge_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SitrepOverdueBadge:count:
   *
   * How many of the current user's action items are overdue.
   */
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_overdue_badge_init (SitrepOverdueBadge *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name ("task-due-symbolic");

  self->label = GTK_LABEL (gtk_label_new ("0"));
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  gtk_button_set_child (GTK_BUTTON (self), box);
  gtk_widget_add_css_class (GTK_WIDGET (self), "flat");
  gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self), "overdue-badge");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);

  self->context_signals = g_signal_group_new (SITREP_TYPE_CONTEXT);
  g_signal_group_connect_object (self->context_signals, "notify::user", G_CALLBACK (recount), self,
                                 G_CONNECT_SWAPPED);
  self->list_signals = g_signal_group_new (SITREP_TYPE_RECORD_LIST);
  g_signal_group_connect_object (self->list_signals, "changed", G_CALLBACK (recount), self,
                                 G_CONNECT_SWAPPED);
  self->clock_signals = g_signal_group_new (SITREP_TYPE_CLOCK);
  g_signal_group_connect_object (self->clock_signals, "minute-changed", G_CALLBACK (recount), self,
                                 G_CONNECT_SWAPPED);
}

GtkWidget *
sitrep_overdue_badge_new (void)
{
  return g_object_new (SITREP_TYPE_OVERDUE_BADGE, NULL);
}

/**
 * sitrep_overdue_badge_get_context:
 *
 * Returns: (transfer none) (nullable): whose items are counted
 */
SitrepContext *
sitrep_overdue_badge_get_context (SitrepOverdueBadge *self)
{
  g_return_val_if_fail (SITREP_IS_OVERDUE_BADGE (self), NULL);

  return self->context;
}

/* Reading every incident's items waits until the window has drawn. */
static gboolean
start_counting (gpointer data)
{
  SitrepOverdueBadge *self = data;

  self->start_id = 0;
  g_signal_group_set_target (self->context_signals, self->context);
  g_signal_group_set_target (self->list_signals, sitrep_context_get_action_items (self->context));
  g_signal_group_set_target (self->clock_signals, sitrep_context_get_clock (self->context));
  recount (self);
  return G_SOURCE_REMOVE;
}

/**
 * sitrep_overdue_badge_set_context:
 * @context: (nullable): whose items to count
 *
 * The count follows from the next idle moment of low priority on, after
 * the window's first frame.
 */
void
sitrep_overdue_badge_set_context (SitrepOverdueBadge *self,
                                  SitrepContext      *context)
{
  g_return_if_fail (SITREP_IS_OVERDUE_BADGE (self));

  if (!g_set_object (&self->context, context))
    return;

  g_clear_handle_id (&self->start_id, g_source_remove);
  g_signal_group_set_target (self->context_signals, NULL);
  g_signal_group_set_target (self->list_signals, NULL);
  g_signal_group_set_target (self->clock_signals, NULL);
  if (context != NULL)
    self->start_id = g_idle_add_full (G_PRIORITY_LOW, start_counting, self, NULL);
  else
    recount (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * sitrep_overdue_badge_get_count:
 *
 * Returns: how many of my action items are overdue
 */
guint
sitrep_overdue_badge_get_count (SitrepOverdueBadge *self)
{
  g_return_val_if_fail (SITREP_IS_OVERDUE_BADGE (self), 0);

  return self->count;
}

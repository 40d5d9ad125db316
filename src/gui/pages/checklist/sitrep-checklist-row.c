/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-checklist"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-checklist-row.h"
#include "sitrep-resources.h"
#include "sitrep-time.h"

/* One checklist item, following its SitrepChecklistTask: the text, the
 * tick, who did it when. A change from elsewhere is shown in place, so the
 * keyboard focus stays on the row; the user's tick is announced with
 * ::done-toggled for the page to write. */
struct _SitrepChecklistRow
{
  AdwActionRow         parent_instance;

  SitrepChecklistTask *task;
  gint64               position;
  gboolean             done;
  gboolean             updating;

  GtkCheckButton      *check;
};

G_DEFINE_FINAL_TYPE (SitrepChecklistRow, sitrep_checklist_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_TASK,
  PROP_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DONE_TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_done (SitrepChecklistTask *task)
{
  const char *by = sitrep_checklist_task_get_done_by (task);
  g_autoptr(GDateTime) at = sitrep_time_parse (sitrep_checklist_task_get_done_at (task));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = NULL;

  if (by != NULL && by[0] == '\0')
    by = NULL;

  if (at != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (at);

      /* The day only when it is not today's. */
      if (g_date_time_get_year (utc) == g_date_time_get_year (now) &&
          g_date_time_get_day_of_year (utc) == g_date_time_get_day_of_year (now))
        when = g_date_time_format (utc, "%H:%M UTC");
      else
        /* Translators: a date and a time in UTC, "2026-12-03 14:32 UTC" (g_date_time_format()
         * notation): put the parts in your language’s order */
        when = g_date_time_format (utc, _("%Y-%m-%d %H:%M UTC"));
    }

  if (by != NULL && when != NULL)
    /* Translators: "Done by alice at 14:35 UTC" */
    return g_strdup_printf (_("Done by %s at %s"), by, when);
  if (by != NULL)
    return g_strdup_printf (_("Done by %s"), by);
  if (when != NULL)
    return g_strdup_printf (_("Done at %s"), when);
  return g_strdup (_("Done"));
}

/* Shows the task as it is now, touching only what differs. */
static void
update (SitrepChecklistRow *self)
{
  const char *text = self->task != NULL ? sitrep_checklist_task_get_text (self->task) : NULL;
  gboolean done = self->task != NULL && sitrep_checklist_task_get_done (self->task);
  gint64 position = self->task != NULL ? sitrep_checklist_task_get_position (self->task) : 0;
  g_autofree char *subtitle = done ? format_done (self->task) : NULL;

  if (text == NULL)
    text = "";
  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)), text) != 0)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
    }

  if (gtk_check_button_get_active (self->check) != done)
    {
      self->updating = TRUE;
      gtk_check_button_set_active (self->check, done);
      self->updating = FALSE;
    }

  if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (self)),
                 subtitle ? subtitle : "") != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle ? subtitle : "");

  if (self->position != position)
    {
      self->position = position;
      gtk_list_box_row_changed (GTK_LIST_BOX_ROW (self));
    }

  if (self->done != done)
    {
      self->done = done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
    }
}

static void
on_check_toggled (SitrepChecklistRow *self)
{
  if (self->updating || self->task == NULL)
    return;

  g_signal_emit (self, signals[DONE_TOGGLED], 0, gtk_check_button_get_active (self->check));
}

static void
sitrep_checklist_row_dispose (GObject *object)
{
  SitrepChecklistRow *self = SITREP_CHECKLIST_ROW (object);

  if (self->task != NULL)
    g_signal_handlers_disconnect_by_data (self->task, self);
  g_clear_object (&self->task);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_CHECKLIST_ROW);

  G_OBJECT_CLASS (sitrep_checklist_row_parent_class)->dispose (object);
}

static void
sitrep_checklist_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SitrepChecklistRow *self = SITREP_CHECKLIST_ROW (object);

  switch (prop_id)
    {
    case PROP_TASK:
      g_value_set_object (value, self->task);
      break;

    case PROP_DONE:
      g_value_set_boolean (value, self->done);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_checklist_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SitrepChecklistRow *self = SITREP_CHECKLIST_ROW (object);

  switch (prop_id)
    {
    case PROP_TASK:
      sitrep_checklist_row_set_task (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_checklist_row_class_init (SitrepChecklistRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_checklist_row_dispose;
  object_class->get_property = sitrep_checklist_row_get_property;
  object_class->set_property = sitrep_checklist_row_set_property;

  /**
   * SitrepChecklistRow:task:
   *
   * The item shown, or %NULL.
   */
  properties[PROP_TASK] =
    g_param_spec_object ("task", NULL, NULL, SITREP_TYPE_CHECKLIST_TASK,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * SitrepChecklistRow:done:
   *
   * Whether the row shows its task done, as the task says.
   */
  properties[PROP_DONE] =
    g_param_spec_boolean ("done", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepChecklistRow::done-toggled:
   * @done: whether the user ticked the item
   *
   * The user ticked or unticked the item; a change that came with the
   * task is not announced.
   */
  signals[DONE_TOGGLED] =
    g_signal_new ("done-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  /* Referencing the bundle links it in from the static library. */
  g_type_ensure (G_TYPE_RESOURCE);
  (void) sitrep_get_resource ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-checklist-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepChecklistRow, check);
  gtk_widget_class_bind_template_callback (widget_class, on_check_toggled);
}

static void
sitrep_checklist_row_init (SitrepChecklistRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sitrep_checklist_row_new:
 * @task: (nullable): the item to show
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
sitrep_checklist_row_new (SitrepChecklistTask *task)
{
  return g_object_new (SITREP_TYPE_CHECKLIST_ROW, "task", task, NULL);
}

SitrepChecklistTask *
sitrep_checklist_row_get_task (SitrepChecklistRow *self)
{
  g_return_val_if_fail (SITREP_IS_CHECKLIST_ROW (self), NULL);

  return self->task;
}

/**
 * sitrep_checklist_row_set_task:
 * @task: (nullable): the item to show
 */
void
sitrep_checklist_row_set_task (SitrepChecklistRow  *self,
                               SitrepChecklistTask *task)
{
  g_return_if_fail (SITREP_IS_CHECKLIST_ROW (self));
  g_return_if_fail (task == NULL || SITREP_IS_CHECKLIST_TASK (task));

  if (self->task == task)
    return;

  if (self->task != NULL)
    g_signal_handlers_disconnect_by_data (self->task, self);
  g_set_object (&self->task, task);
  if (task != NULL)
    g_signal_connect_swapped (task, "notify", G_CALLBACK (update), self);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TASK]);
}

gboolean
sitrep_checklist_row_get_done (SitrepChecklistRow *self)
{
  g_return_val_if_fail (SITREP_IS_CHECKLIST_ROW (self), FALSE);

  return self->done;
}

/* Where the item sorts in its phase, as last shown. */
gint64
sitrep_checklist_row_get_position (SitrepChecklistRow *self)
{
  g_return_val_if_fail (SITREP_IS_CHECKLIST_ROW (self), 0);

  return self->position;
}

/**
 * sitrep_checklist_row_get_check:
 *
 * Returns: (transfer none): the tick
 */
GtkCheckButton *
sitrep_checklist_row_get_check (SitrepChecklistRow *self)
{
  g_return_val_if_fail (SITREP_IS_CHECKLIST_ROW (self), NULL);

  return self->check;
}

/**
 * sitrep_checklist_row_show_task:
 *
 * Shows the task as it is again, undoing a tick that could not be written.
 */
void
sitrep_checklist_row_show_task (SitrepChecklistRow *self)
{
  g_return_if_fail (SITREP_IS_CHECKLIST_ROW (self));

  update (self);
}

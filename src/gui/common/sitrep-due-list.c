/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-due-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sitrep-countdown.h"
#include "sitrep-deadlines.h"
#include "sitrep-due-list.h"
#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-notifier.h"
#include "sitrep-obligations.h"
#include "sitrep-resources.h"
#include "sitrep-time.h"

/* An incident's deadlines, soonest first, each a row with a live
 * countdown. The Overview lists them all, with the buttons that answer
 * each (compose, snooze, acknowledge; after the resolution, mark the
 * obligation done); the Updates page lists only the
 * updates, each with a Compose button for the page's own composer.
 * Rows are updated in place while the deadlines stay the same, so a tick
 * does not take the focus off a button. */

/* How close a due time is drawn as coming up (the default warning). */

typedef struct
{
  GtkWidget          *row;
  GtkLabel           *countdown;
  SitrepDeadlineKind  kind;
  SitrepAudience      audience;
} DueRow;

struct _SitrepDueList
{
  GtkWidget   parent_instance;

  gboolean    updates_only;
  GArray     *rows;              /* of DueRow, as shown */

  GtkListBox *list;
  GtkWidget  *nothing_due_row;
  GtkWidget  *no_update_label;     /* owned: in the list only while it is empty */
};

G_DEFINE_FINAL_TYPE (SitrepDueList, sitrep_due_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_UPDATES_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACKNOWLEDGE,
  MARK_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
deadline_has_audience (SitrepDeadlineKind kind)
{
  /* Satisfied by a communication to the audience, postponed by a snooze. */
  return kind == SITREP_DEADLINE_UPDATE || kind == SITREP_DEADLINE_EXEC_BRIEF ||
         kind == SITREP_DEADLINE_PUBLIC_STATEMENT;
}

static gboolean
deadline_is_update (SitrepDeadlineKind kind)
{
  return deadline_has_audience (kind) || kind == SITREP_DEADLINE_EXEC_SUMMARY;
}

static void
acknowledge_clicked (SitrepDueList *self)
{
  g_signal_emit (self, signals[ACKNOWLEDGE], 0);
}

/* due.mark-done (i): a row's "Mark Done", for the obligation of that kind. */
static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  int kind = g_variant_get_int32 (parameter);

  if (sitrep_deadline_is_obligation (kind))
    g_signal_emit (widget, signals[MARK_DONE], 0, kind);
}

static GtkWidget *
row_button (const char *label,
            const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  sitrep_widget_set_tooltip (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  return button;
}

/* A deadline with the buttons that answer it, for the Overview. */
static void
add_answer_buttons (SitrepDueList        *self,
                    DueRow               *due,
                    const char           *incident_id,
                    const SitrepDeadline *d)
{
  const char *audience = sitrep_audience_get_label (d->audience);

  if (deadline_has_audience (d->kind))
    {
      g_autofree char *target = sitrep_deadline_target_new (incident_id, d->audience);
      /* Translators: %s is an audience, e.g. "Executives" */
      g_autofree char *compose_tip = g_strdup_printf (_("Compose the update to %s"), audience);
      g_autofree char *snooze_tip = g_strdup_printf (_("Snooze the update to %s"), audience);
      GtkWidget *snooze = row_button (_("_Snooze…"), snooze_tip);
      GtkWidget *compose = row_button (_("_Compose"), compose_tip);

      gtk_widget_add_css_class (snooze, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (snooze), "app.snooze-update");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (snooze), "s", target);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (compose), "win.compose");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (compose), "(ss)", incident_id,
                                        sitrep_audience_to_string (d->audience));
      adw_action_row_add_suffix (ADW_ACTION_ROW (due->row), snooze);
      adw_action_row_add_suffix (ADW_ACTION_ROW (due->row), compose);
    }
  else if (sitrep_deadline_is_obligation (d->kind))
    {
      /* Translators: %s is what is owed after resolution, e.g. "Hot wash" */
      g_autofree char *done_tip = g_strdup_printf (_("Mark “%s” done"),
                                                   sitrep_obligation_get_label (d->kind));
      GtkWidget *done = row_button (_("_Mark Done"), done_tip);

      /* The executive summary is also an update to the executives. */
      if (d->kind == SITREP_DEADLINE_EXEC_SUMMARY)
        {
          GtkWidget *compose = row_button (_("_Compose"), _("Compose the executive summary"));

          gtk_widget_add_css_class (compose, "flat");
          gtk_actionable_set_action_name (GTK_ACTIONABLE (compose), "win.compose");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (compose), "(ss)", incident_id,
                                            sitrep_audience_to_string (d->audience));
          adw_action_row_add_suffix (ADW_ACTION_ROW (due->row), compose);
        }
      gtk_actionable_set_action_name (GTK_ACTIONABLE (done), "due.mark-done");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (done), "i", (gint32) d->kind);
      adw_action_row_add_suffix (ADW_ACTION_ROW (due->row), done);
    }
  else if (d->kind == SITREP_DEADLINE_RESPOND)
    {
      GtkWidget *ack = row_button (_("_Acknowledge"),
                                   _("Record the incident as acknowledged now"));

      g_signal_connect_object (ack, "clicked", G_CALLBACK (acknowledge_clicked), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (due->row), ack);
    }
}

/* An update with a button that opens it in the Updates page's composer. */
static void
add_compose_button (DueRow               *due,
                    const SitrepDeadline *d)
{
  GtkWidget *button = gtk_button_new_with_label (_("Compose"));
  /* Translators: %s is a deadline, e.g. "Compose: Executive update due" */
  g_autofree char *tip = g_strdup_printf (_("Compose: %s"), d->label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  sitrep_widget_set_tooltip (button, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "comms.compose");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_int32 (d->audience));
  adw_action_row_add_suffix (ADW_ACTION_ROW (due->row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (due->row), button);
}

static DueRow
add_row (SitrepDueList        *self,
         const char           *incident_id,
         const SitrepDeadline *d)
{
  DueRow due = { .kind = d->kind, .audience = d->audience };
  GtkWidget *countdown = gtk_label_new (NULL);

  due.row = adw_action_row_new ();
  due.countdown = GTK_LABEL (countdown);
  gtk_widget_add_css_class (countdown, "numeric");
  if (self->updates_only)
    {
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (due.row), FALSE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (due.row), countdown);
      add_compose_button (&due, d);
    }
  else
    {
      gtk_widget_add_css_class (countdown, "due-countdown");
      adw_action_row_add_suffix (ADW_ACTION_ROW (due.row), countdown);
      add_answer_buttons (self, &due, incident_id, d);
    }

  gtk_list_box_append (self->list, due.row);
  return due;
}

static void
set_class (GtkWidget  *widget,
           const char *css_class,
           gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

/* The Overview's countdown: rounded up, amber when close, red when due. */
static void
update_answer_row (DueRow               *due,
                   const SitrepDeadline *d,
                   GDateTime            *now)
{
  SitrepCountdownState state = sitrep_countdown_state (d->due, now);
  g_autofree char *countdown = sitrep_countdown_format (d->due, now);
  g_autofree char *when = sitrep_format_time_utc_local (d->due);

  /* The label names the audience: "Executive update due". */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (due->row), d->label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (due->row), when);
  gtk_label_set_label (due->countdown, countdown);
  set_class (GTK_WIDGET (due->countdown), "error", state == SITREP_COUNTDOWN_OVERDUE);
  set_class (GTK_WIDGET (due->countdown), "warning", state == SITREP_COUNTDOWN_SOON);
}

/* The Updates page's countdown: dim until it is due, then red. */
static void
update_compose_row (DueRow               *due,
                    const SitrepDeadline *d,
                    GDateTime            *now)
{
  gboolean overdue = sitrep_countdown_state (d->due, now) == SITREP_COUNTDOWN_OVERDUE;
  g_autofree char *when = sitrep_format_time_utc_local (d->due);
  g_autofree char *text = sitrep_countdown_format (d->due, now);
  g_autofree char *subtitle = NULL;

  /* Translators: when an update is due, e.g. "Due 2026-11-27 14:32:10 UTC · 15:32 CET" */
  subtitle = g_strdup_printf (_("Due %s"), when);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (due->row), d->label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (due->row), subtitle);
  gtk_label_set_label (due->countdown, text);
  set_class (GTK_WIDGET (due->countdown), "error", overdue);
  set_class (GTK_WIDGET (due->countdown), "dim-label", !overdue);
}

static void
clear_rows (SitrepDueList *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, g_array_index (self->rows, DueRow, i).row);
  g_array_set_size (self->rows, 0);
}

static gboolean
rows_match (SitrepDueList *self,
            GPtrArray     *deadlines)
{
  if (deadlines->len != self->rows->len)
    return FALSE;

  for (guint i = 0; i < deadlines->len; i++)
    {
      SitrepDeadline *d = deadlines->pdata[i];
      DueRow *due = &g_array_index (self->rows, DueRow, i);

      if (d->kind != due->kind || d->audience != due->audience)
        return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_due_list_show:
 * @incident_id: (nullable): whose deadlines these are
 * @deadlines: (nullable) (element-type SitrepDeadline): soonest first, or
 *   %NULL for none
 * @now: the time the countdowns count from
 *
 * Shows @deadlines, or only the updates among them if #SitrepDueList:updates-only.
 */
void
sitrep_due_list_show (SitrepDueList *self,
                      const char    *incident_id,
                      GPtrArray     *deadlines,
                      GDateTime     *now)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();

  g_return_if_fail (SITREP_IS_DUE_LIST (self));
  g_return_if_fail (now != NULL);

  for (guint i = 0; deadlines != NULL && i < deadlines->len; i++)
    {
      SitrepDeadline *d = deadlines->pdata[i];

      if (!self->updates_only || deadline_is_update (d->kind))
        g_ptr_array_add (shown, d);
    }

  if (!rows_match (self, shown))
    {
      clear_rows (self);
      for (guint i = 0; i < shown->len; i++)
        {
          DueRow due = add_row (self, incident_id, shown->pdata[i]);

          g_array_append_val (self->rows, due);
        }
    }

  for (guint i = 0; i < shown->len; i++)
    {
      DueRow *due = &g_array_index (self->rows, DueRow, i);

      if (self->updates_only)
        update_compose_row (due, shown->pdata[i], now);
      else
        update_answer_row (due, shown->pdata[i], now);
    }

  if (self->nothing_due_row != NULL)
    gtk_widget_set_visible (self->nothing_due_row, shown->len == 0);

  /* A placeholder after the rows would draw a separator under the last
   * one: it is in the list only while there is nothing else. */
  if (self->updates_only &&
      (shown->len == 0) != (gtk_widget_get_parent (self->no_update_label) != NULL))
    gtk_list_box_set_placeholder (self->list, shown->len == 0 ? self->no_update_label : NULL);
}

gboolean
sitrep_due_list_get_updates_only (SitrepDueList *self)
{
  g_return_val_if_fail (SITREP_IS_DUE_LIST (self), FALSE);

  return self->updates_only;
}

static void
set_updates_only (SitrepDueList *self,
                  gboolean       updates_only)
{
  self->updates_only = updates_only;
  /* Only one of the two ways of saying "nothing" is in the list. */
  if (updates_only)
    {
      gtk_list_box_remove (self->list, self->nothing_due_row);
      self->nothing_due_row = NULL;
    }
  else
    gtk_list_box_set_placeholder (self->list, NULL);
}

static void
sitrep_due_list_dispose (GObject *object)
{
  SitrepDueList *self = SITREP_DUE_LIST (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_DUE_LIST);
  g_clear_object (&self->no_update_label);

  G_OBJECT_CLASS (sitrep_due_list_parent_class)->dispose (object);
}

static void
sitrep_due_list_finalize (GObject *object)
{
  SitrepDueList *self = SITREP_DUE_LIST (object);

  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (sitrep_due_list_parent_class)->finalize (object);
}

static void
sitrep_due_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SitrepDueList *self = SITREP_DUE_LIST (object);

  switch (prop_id)
    {
    case PROP_UPDATES_ONLY:
      g_value_set_boolean (value, self->updates_only);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_due_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SitrepDueList *self = SITREP_DUE_LIST (object);

  switch (prop_id)
    {
    case PROP_UPDATES_ONLY:
      set_updates_only (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_due_list_class_init (SitrepDueListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_due_list_dispose;
  object_class->finalize = sitrep_due_list_finalize;
  object_class->get_property = sitrep_due_list_get_property;
  object_class->set_property = sitrep_due_list_set_property;

  /* Only the updates, each opening the Updates page's composer; otherwise
   * every deadline, with the buttons that answer it. */
  properties[PROP_UPDATES_ONLY] =
    g_param_spec_boolean ("updates-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepDueList::acknowledge:
   *
   * The user asked to record the incident as acknowledged now.
   */
  signals[ACKNOWLEDGE] = g_signal_new ("acknowledge", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * SitrepDueList::mark-done:
   * @kind: the #SitrepDeadlineKind of the obligation
   *
   * The user asked to record an obligation after resolution (the hot
   * wash, the postmortem, …) as done now.
   */
  signals[MARK_DONE] = g_signal_new ("mark-done", G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                     G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "due.mark-done", "i", mark_done_action);

  (void) sitrep_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-due-list.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, SitrepDueList, list);
  gtk_widget_class_bind_template_child (widget_class, SitrepDueList, nothing_due_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepDueList, no_update_label);
}

static void
sitrep_due_list_init (SitrepDueList *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (DueRow));
  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_ref (self->no_update_label);
}

/**
 * sitrep_due_list_new:
 * @updates_only: list only the updates, for the Updates page
 *
 * Returns: (transfer floating): an empty list
 */
GtkWidget *
sitrep_due_list_new (gboolean updates_only)
{
  return g_object_new (SITREP_TYPE_DUE_LIST, "updates-only", updates_only, NULL);
}

GtkListBox *
_sitrep_due_list_get_list_box (SitrepDueList *self)
{
  return self->list;
}

guint
_sitrep_due_list_get_n_shown (SitrepDueList *self)
{
  return self->rows->len;
}

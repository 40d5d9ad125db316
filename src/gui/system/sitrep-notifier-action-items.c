/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-action-item.h"
#include "sitrep-action-items.h"
#include "sitrep-notifier-private.h"
#include "sitrep-window.h"

/* My overdue action items, once a day: at the end of each check, when
 * some of the current user's items are overdue and no reminder was raised
 * yet on this (local) day, one entry is made pending; present() raises it
 * under the same rules as the deadlines' (coalescing, rate limit). The day
 * it was raised is kept in GSettings, so a restart on the same day stays
 * quiet. Its button opens the Action Items view. */

#define SETTINGS_KEY   "action-items-reminded-on"
#define SHOW_ACTION    "show-action-items"
#define BODY_ITEMS     3

static char *
day_of (GDateTime *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (now);

  return g_date_time_format (local, "%Y-%m-%d");
}

static char *
reminded_on (SitrepNotifier *self)
{
  return self->action_items_settings != NULL
         ? g_settings_get_string (self->action_items_settings, SETTINGS_KEY)
         : g_strdup (g_object_get_data (G_OBJECT (self), SETTINGS_KEY));
}

static void
set_reminded_on (SitrepNotifier *self,
                 const char     *day)
{
  if (self->action_items_settings != NULL)
    g_settings_set_string (self->action_items_settings, SETTINGS_KEY, day);
  else
    /* No schema installed: remembered while running. */
    g_object_set_data_full (G_OBJECT (self), SETTINGS_KEY, g_strdup (day), g_free);
}

/* The current user's overdue items at @now, the longest overdue first. */
static GPtrArray *
my_overdue (SitrepNotifier *self,
            GDateTime      *now)
{
  GListModel *items = sitrep_context_get_action_items (self->context);
  const char *user = sitrep_context_get_user (self->context);
  GPtrArray *overdue = g_ptr_array_new_with_free_func (g_object_unref);

  /* The list is soonest due first. */
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(SitrepActionItem) item = g_list_model_get_item (items, i);

      if (sitrep_action_item_is_owned_by (item, user) &&
          sitrep_action_item_is_overdue (sitrep_record_object_get_body (SITREP_RECORD_OBJECT (item)),
                                         now))
        g_ptr_array_add (overdue, g_steal_pointer (&item));
    }

  return overdue;
}

static void
describe (Entry     *e,
          GPtrArray *overdue)
{
  GString *body = g_string_new (NULL);
  guint n = overdue->len;

  g_free (e->summary);
  /* Translators: a notification's summary, once a day */
  e->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of my action items is overdue",
                                             "%u of my action items are overdue", n), n);

  for (guint i = 0; i < n && i < BODY_ITEMS; i++)
    {
      SitrepActionItem *item = overdue->pdata[i];
      const char *ref = sitrep_action_item_get_incident_ref (item);

      if (i > 0)
        g_string_append_c (body, '\n');
      /* Translators: one overdue action item: the incident, what to do, the due date */
      g_string_append_printf (body, _("%s: %s (due %s)"), ref ? ref : _("Unknown incident"),
                              sitrep_action_item_get_description (item),
                              sitrep_action_item_get_due_date (item));
    }
  if (n > BODY_ITEMS)
    {
      g_string_append_c (body, '\n');
      /* Translators: after the first few overdue action items */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                 n - BODY_ITEMS), n - BODY_ITEMS);
    }

  g_free (e->body);
  e->body = g_string_free (body, FALSE);
}

/**
 * _sitrep_notifier_check_action_items:
 * @now: the time of the check
 *
 * Keeps the reminder's entry while some of my items are overdue (gone,
 * it comes off the screen), and makes it pending once a day.
 */
void
_sitrep_notifier_check_action_items (SitrepNotifier *self,
                                     GDateTime      *now)
{
  g_autoptr(GPtrArray) overdue = NULL;
  g_autofree char *today = NULL;
  g_autofree char *last = NULL;
  Entry *e;

  if (self->context == NULL || now == NULL)
    return;

  overdue = my_overdue (self, now);
  if (overdue->len == 0)
    return;   /* not seen: pass_finish() takes it away */

  e = g_hash_table_lookup (self->entries, ACTION_ITEMS_KEY);
  if (e == NULL)
    {
      e = g_new0 (Entry, 1);
      e->notifier = self;
      e->key = g_strdup (ACTION_ITEMS_KEY);
      /* Its own group when present() counts incidents. */
      e->incident_id = g_strdup (ACTION_ITEMS_KEY);
      e->kind = SITREP_DEADLINE_ACTION_FOLLOWUP;
      e->severity = SITREP_SEVERITY_P4;
      g_hash_table_insert (self->entries, g_strdup (ACTION_ITEMS_KEY), e);
    }
  e->seen = TRUE;

  today = day_of (now);
  last = reminded_on (self);
  if (g_strcmp0 (today, last) == 0)
    return;

  describe (e, overdue);
  e->level = SITREP_ALERT_WARNING;
  g_clear_pointer (&e->due, g_date_time_unref);
  e->due = g_date_time_ref (now);
  g_clear_pointer (&e->last_notified, g_date_time_unref);
  e->last_notified = g_date_time_ref (now);
  e->alerting = TRUE;
  e->pending = TRUE;
  set_reminded_on (self, today);
}

/**
 * _sitrep_notifier_action_items_add_actions:
 *
 * Returns: whether @e is the action items' reminder, whose buttons it
 *   added to @popup
 */
gboolean
_sitrep_notifier_action_items_add_actions (Entry *e,
                                           Popup *popup)
{
  if (g_strcmp0 (e->key, ACTION_ITEMS_KEY) != 0)
    return FALSE;

  _sitrep_notifier_popup_add_action (popup, "default", _("Open Action Items"), SHOW_ACTION,
                                     g_variant_new_string ("mine"));
  return TRUE;
}

/* app.show-action-items ("mine"): my open items in the Action Items view. */
static void
on_show_activated (GSimpleAction  *action,
                   GVariant       *parameter,
                   SitrepNotifier *self)
{
  GtkWindow *window;

  if (!GTK_IS_APPLICATION (self->application))
    return;

  window = gtk_application_get_active_window (GTK_APPLICATION (self->application));
  if (!SITREP_IS_WINDOW (window))
    {
      g_application_activate (self->application);
      window = gtk_application_get_active_window (GTK_APPLICATION (self->application));
    }
  if (SITREP_IS_WINDOW (window))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.my-overdue-action-items", NULL);
}

/**
 * _sitrep_notifier_action_items_start:
 *
 * Reads where the day of the last reminder is kept, and adds
 * `app.show-action-items` for the reminder's button.
 */
void
_sitrep_notifier_action_items_start (SitrepNotifier *self)
{
  GSettingsSchema *schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                                             APPLICATION_ID, TRUE);

  if (schema != NULL)
    {
      self->action_items_settings = g_settings_new (APPLICATION_ID);
      g_settings_schema_unref (schema);
    }

  if (G_IS_ACTION_MAP (self->application) &&
      g_action_map_lookup_action (G_ACTION_MAP (self->application), SHOW_ACTION) == NULL)
    {
      g_autoptr(GSimpleAction) show = g_simple_action_new (SHOW_ACTION, G_VARIANT_TYPE_STRING);

      g_signal_connect_object (show, "activate", G_CALLBACK (on_show_activated), self, 0);
      g_action_map_add_action (G_ACTION_MAP (self->application), G_ACTION (show));
    }
}

void
_sitrep_notifier_action_items_stop (SitrepNotifier *self)
{
  g_clear_object (&self->action_items_settings);
  if (G_IS_ACTION_MAP (self->application))
    g_action_map_remove_action (G_ACTION_MAP (self->application), SHOW_ACTION);
}

/**
 * _sitrep_notifier_action_items_raised_at:
 *
 * Returns: (transfer none) (nullable): when the reminder was last made
 *   pending by this notifier, %NULL if never
 */
GDateTime *
_sitrep_notifier_action_items_raised_at (SitrepNotifier *self)
{
  Entry *e = g_hash_table_lookup (self->entries, ACTION_ITEMS_KEY);

  return e != NULL ? e->last_notified : NULL;
}

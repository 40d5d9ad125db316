/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-notifier"

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>
#include <string.h>

#include "sitrep-countdown.h"
#include "sitrep-enum-strings.h"
#include "sitrep-notifier-private.h"
#include "sitrep-severity.h"
#include "sitrep-status.h"
#include "sitrep-time.h"

/* The update clocks run here, on the local clock, whether or not a server
 * is reachable: every few seconds (and whenever an incident or a
 * communication changes) each active incident's deadlines are compared
 * with now, and sitrep_deadline_alert() says whether to warn or nag. One
 * notification per deadline is kept and replaced in place, so a repeated
 * reminder does not stack up on screen. */


typedef struct
{
  SitrepNotifier     *notifier;         /* unowned: the notifier owns the entry */
  char               *incident_id;
  SitrepDeadlineKind  kind;
  SitrepAudience      audience;
  GDateTime          *last_notified;
  NotifyNotification *notification;
  gboolean            on_screen;
  gboolean            seen;
  SitrepAlertLevel    level;
  char               *summary;
  char               *body;
} Entry;

/* What a notification's button needs once the notifier may be gone. */
typedef struct
{
  GWeakRef  application;
  char     *action;
  GVariant *target;
} ActionData;

struct _SitrepNotifier
{
  GObject         parent_instance;

  GApplication   *application;
  SitrepContext  *context;
  GHashTable     *entries;          /* key → Entry */
  GHashTable     *workspaces;       /* incident id → SitrepWorkspace, the active ones */
  guint           idle_id;
  guint           warn_before_minutes;
  guint           repeat_minutes;
  gboolean        has_active;
  gboolean        caps_known;
  gboolean        body_markup;
  gboolean        show_failed;
};

G_DEFINE_FINAL_TYPE (SitrepNotifier, sitrep_notifier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_APPLICATION,
  PROP_CONTEXT,
  PROP_WARN_BEFORE_MINUTES,
  PROP_OVERDUE_REPEAT_MINUTES,
  PROP_HAS_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The application's action the "Acknowledge" button activates. */
#define ACKNOWLEDGE_ACTION "acknowledge-incident"

/* Helpers ------------------------------------------------------------- */

static char *
entry_key (const char         *incident_id,
           SitrepDeadlineKind  kind,
           SitrepAudience      audience)
{
  return g_strdup_printf ("%s/%d/%d", incident_id, kind, audience);
}

static gboolean
kind_has_audience (SitrepDeadlineKind kind)
{
  /* The deadlines a communication to the audience satisfies, and a
   * snooze of that audience's clock postpones. */
  return kind == SITREP_DEADLINE_UPDATE || kind == SITREP_DEADLINE_EXEC_BRIEF ||
         kind == SITREP_DEADLINE_PUBLIC_STATEMENT;
}

/* Entries ------------------------------------------------------------- */

static void
entry_close (Entry *e)
{
  g_autoptr(GError) error = NULL;

  if (e->notification == NULL || !e->on_screen)
    return;

  e->on_screen = FALSE;
  if (!notify_notification_close (e->notification, &error))
    g_debug ("Could not close a notification: %s", error->message);
}

static void
entry_free (Entry *e)
{
  entry_close (e);
  if (e->notification != NULL)
    g_signal_handlers_disconnect_by_data (e->notification, e);
  g_clear_object (&e->notification);
  g_clear_pointer (&e->last_notified, g_date_time_unref);
  g_free (e->incident_id);
  g_free (e->summary);
  g_free (e->body);
  g_free (e);
}

static void
action_data_free (gpointer data)
{
  ActionData *action = data;

  g_weak_ref_clear (&action->application);
  g_free (action->action);
  g_variant_unref (action->target);
  g_free (action);
}

static ActionData *
action_data_new (SitrepNotifier *self,
                 const char     *action,
                 GVariant       *target)
{
  ActionData *data = g_new0 (ActionData, 1);

  g_weak_ref_init (&data->application, self->application);
  data->action = g_strdup (action);
  data->target = g_variant_ref_sink (target);

  return data;
}

/* A button of the notification: the application's action does the work,
 * so a button, the Overview and D-Bus activation all behave the same. */
static void
on_action (NotifyNotification *notification,
           char               *name,
           gpointer            user_data)
{
  ActionData *data = user_data;
  g_autoptr(GApplication) application = g_weak_ref_get (&data->application);

  if (application != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (application), data->action, data->target);
}

static void
on_closed (NotifyNotification *notification,
           Entry              *e)
{
  e->on_screen = FALSE;
}

static void
entry_add_actions (SitrepNotifier *self,
                   Entry          *e)
{
  NotifyNotification *n = e->notification;

  notify_notification_add_action (n, "default", _("Open"), on_action,
                                  action_data_new (self, "show-incident",
                                                   g_variant_new_string (e->incident_id)),
                                  action_data_free);

  if (kind_has_audience (e->kind))
    {
      g_autofree char *target = sitrep_deadline_target_new (e->incident_id, e->audience);

      notify_notification_add_action (n, "compose", _("Compose update"), on_action,
                                      action_data_new (self, "compose-update",
                                                       g_variant_new_string (target)),
                                      action_data_free);
      notify_notification_add_action (n, "snooze", _("Snooze…"), on_action,
                                      action_data_new (self, "snooze-update",
                                                       g_variant_new_string (target)),
                                      action_data_free);
    }

  /* A response is answered by acknowledging the incident. */
  if (e->kind == SITREP_DEADLINE_RESPOND)
    notify_notification_add_action (n, "acknowledge", _("Acknowledge"), on_action,
                                    action_data_new (self, ACKNOWLEDGE_ACTION,
                                                     g_variant_new_string (e->incident_id)),
                                    action_data_free);
}

static void
learn_caps (SitrepNotifier *self)
{
  GList *caps;

  if (self->caps_known)
    return;

  /* Asked again later if no daemon answered yet. */
  caps = notify_get_server_caps ();
  if (caps == NULL)
    return;

  self->caps_known = TRUE;
  self->body_markup = g_list_find_custom (caps, "body-markup", (GCompareFunc) g_strcmp0) != NULL;
  g_list_free_full (caps, g_free);
}

static void
entry_show (SitrepNotifier       *self,
            Entry                *e,
            SitrepIncident       *incident,
            const SitrepDeadline *d,
            SitrepAlertLevel      level,
            GDateTime            *now)
{
  g_autofree char *name = _sitrep_notifier_incident_name (incident);
  g_autofree char *due = _sitrep_notifier_describe_due (d, level, now);
  g_autofree char *body = _sitrep_notifier_describe_body (incident, d, level);
  g_autoptr(GError) error = NULL;
  const char *shown_body;
  g_autofree char *escaped = NULL;

  g_free (e->summary);
  /* Translators: a notification's summary: the incident, then what is due */
  e->summary = g_strdup_printf (_("%s: %s"), name, due);
  g_free (e->body);
  e->body = g_steal_pointer (&body);
  e->level = level;
  g_clear_pointer (&e->last_notified, g_date_time_unref);
  e->last_notified = g_date_time_ref (now);

  learn_caps (self);
  /* Markup-capable daemons would take an "&" in a title for an entity. */
  if (self->body_markup)
    shown_body = escaped = g_markup_escape_text (e->body, -1);
  else
    shown_body = e->body;

  if (e->notification == NULL)
    {
      e->notification = notify_notification_new (e->summary, shown_body, APPLICATION_ID);
      notify_notification_set_hint_string (e->notification, "desktop-entry", APPLICATION_ID);
      entry_add_actions (self, e);
      g_signal_connect (e->notification, "closed", G_CALLBACK (on_closed), e);
    }
  else
    notify_notification_update (e->notification, e->summary, shown_body, APPLICATION_ID);

  notify_notification_set_urgency (e->notification, level == SITREP_ALERT_OVERDUE
                                                    ? NOTIFY_URGENCY_CRITICAL
                                                    : NOTIFY_URGENCY_NORMAL);
  notify_notification_set_timeout (e->notification, level == SITREP_ALERT_OVERDUE
                                                    ? NOTIFY_EXPIRES_NEVER
                                                    : NOTIFY_EXPIRES_DEFAULT);

  if (notify_notification_show (e->notification, &error))
    {
      e->on_screen = TRUE;
      self->show_failed = FALSE;
    }
  else if (!self->show_failed)
    {
      /* Once, not every tick: no notification service is a setup, not a bug. */
      g_message ("Could not show a notification: %s", error->message);
      self->show_failed = TRUE;
    }
}

/* The check ----------------------------------------------------------- */

static void
set_has_active (SitrepNotifier *self,
                gboolean        has_active)
{
  if (self->has_active == has_active)
    return;

  self->has_active = has_active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ACTIVE]);
}

static void
check_incident (SitrepNotifier *self,
                SitrepIncident *incident,
                GDateTime      *now)
{
  const char *id = sitrep_incident_get_id (incident);
  SitrepWorkspace *workspace = g_hash_table_lookup (self->workspaces, id);
  g_autoptr(GPtrArray) deadlines = NULL;
  GTimeSpan warn_before = (GTimeSpan) self->warn_before_minutes * G_TIME_SPAN_MINUTE;
  GTimeSpan repeat = (GTimeSpan) self->repeat_minutes * G_TIME_SPAN_MINUTE;

  /* Kept open while the incident is active, so its updates are followed
   * rather than read again at each check. */
  if (workspace == NULL)
    {
      workspace = sitrep_context_open_workspace (self->context, id);
      g_hash_table_insert (self->workspaces, g_strdup (id), workspace);
    }
  deadlines = sitrep_workspace_dup_deadlines (workspace);

  for (guint i = 0; i < deadlines->len; i++)
    {
      SitrepDeadline *d = deadlines->pdata[i];
      g_autofree char *key = entry_key (id, d->kind, d->audience);
      Entry *e = g_hash_table_lookup (self->entries, key);
      SitrepAlertLevel level;

      if (e == NULL)
        {
          e = g_new0 (Entry, 1);
          e->notifier = self;
          e->incident_id = g_strdup (id);
          e->kind = d->kind;
          e->audience = d->audience;
          g_hash_table_insert (self->entries, g_steal_pointer (&key), e);
        }
      e->seen = TRUE;

      level = sitrep_deadline_alert (d, now, e->last_notified, warn_before, repeat);
      if (level != SITREP_ALERT_NONE)
        entry_show (self, e, incident, d, level, now);
      else if (e->on_screen && g_date_time_difference (d->due, now) > MAX (warn_before, 0))
        /* Sent or snoozed: the reminder on screen is stale. */
        entry_close (e);
    }
}

/**
 * _sitrep_notifier_check_at:
 * @now: the clock to compare the deadlines with
 *
 * One pass over the active incidents, as the timer does it.
 */
void
_sitrep_notifier_check_at (SitrepNotifier *self,
                           GDateTime      *now)
{
  GListModel *incidents = sitrep_context_get_incidents (self->context);
  guint n = g_list_model_get_n_items (incidents);
  gboolean has_active = FALSE;
  GHashTableIter iter;
  Entry *e;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e))
    e->seen = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (incidents, i);

      if (!sitrep_incident_is_active (incident))
        {
          g_hash_table_remove (self->workspaces, sitrep_incident_get_id (incident));
          continue;
        }
      has_active = TRUE;
      check_incident (self, incident, now);
    }

  /* Deleted incidents. */
  {
    GHashTableIter ws_iter;
    gpointer workspace;

    g_hash_table_iter_init (&ws_iter, self->workspaces);
    while (g_hash_table_iter_next (&ws_iter, NULL, &workspace))
      if (sitrep_workspace_get_incident (workspace) == NULL)
        g_hash_table_iter_remove (&ws_iter);
  }

  /* Deadlines that went away: acknowledged, resolved, deleted. */
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e))
    if (!e->seen)
      g_hash_table_iter_remove (&iter);

  set_has_active (self, has_active);
}

/**
 * sitrep_notifier_check:
 *
 * Compares every active incident's deadlines with the clock now, raising
 * the warnings and reminders due.
 */
void
sitrep_notifier_check (SitrepNotifier *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_if_fail (SITREP_IS_NOTIFIER (self));

  _sitrep_notifier_check_at (self, now);
}

static gboolean
check_idle (gpointer data)
{
  SitrepNotifier *self = data;

  self->idle_id = 0;
  sitrep_notifier_check (self);
  return G_SOURCE_REMOVE;
}

static void
queue_check (SitrepNotifier *self)
{
  /* A sync writes many records at once: one check after the batch. */
  if (self->idle_id == 0)
    self->idle_id = g_idle_add (check_idle, self);
}

static void
on_record_changed (SitrepNotifier *self,
                   const char     *coll)
{
  if (g_str_equal (coll, "incidents") || g_str_equal (coll, "communications"))
    queue_check (self);
}

/**
 * sitrep_notifier_record_snooze:
 *
 * Counts a snooze as a notification given now, so that a snooze shorter
 * than the warning window does not warn at once about the postponed time,
 * and takes the reminder off the screen.
 */
void
sitrep_notifier_record_snooze (SitrepNotifier *self,
                               const char     *incident_id,
                               SitrepAudience  audience)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GHashTableIter iter;
  Entry *e;

  g_return_if_fail (SITREP_IS_NOTIFIER (self));

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e))
    {
      if (!kind_has_audience (e->kind) || e->audience != audience ||
          g_strcmp0 (e->incident_id, incident_id) != 0)
        continue;
      g_clear_pointer (&e->last_notified, g_date_time_unref);
      e->last_notified = g_date_time_ref (now);
      entry_close (e);
    }
}

void
_sitrep_notice_free (SitrepNotice *notice)
{
  if (notice == NULL)
    return;
  g_free (notice->summary);
  g_free (notice->body);
  g_free (notice);
}

/**
 * _sitrep_notifier_dup_notice:
 *
 * Returns: (transfer full) (nullable): what the deadline's notification
 *   last said, %NULL if it never raised one
 */
SitrepNotice *
_sitrep_notifier_dup_notice (SitrepNotifier     *self,
                             const char         *incident_id,
                             SitrepDeadlineKind  kind,
                             SitrepAudience      audience)
{
  g_autofree char *key = entry_key (incident_id, kind, audience);
  Entry *e = g_hash_table_lookup (self->entries, key);
  SitrepNotice *notice;

  if (e == NULL || e->summary == NULL)
    return NULL;

  notice = g_new0 (SitrepNotice, 1);
  notice->level = e->level;
  notice->summary = g_strdup (e->summary);
  notice->body = g_strdup (e->body);
  return notice;
}

/* app.acknowledge-incident: records the incident as acknowledged now, as
 * the Overview's "Acknowledge" does; an incident already acknowledged
 * keeps its time. If that fails, the incident is shown so it can be done
 * from there. */
static void
on_acknowledge_activated (GSimpleAction  *action,
                          GVariant       *parameter,
                          SitrepNotifier *self)
{
  const char *id = g_variant_get_string (parameter, NULL);
  SitrepIncident *incident = sitrep_context_lookup_incident (self->context, id);
  g_autoptr(SitrepWorkspace) workspace = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  if (incident == NULL ||
      sitrep_incident_get_milestone (incident, SITREP_MILESTONE_ACKNOWLEDGED) != NULL)
    return;

  workspace = sitrep_context_open_workspace (self->context, id);
  now = g_date_time_new_now_utc ();
  if (!sitrep_workspace_set_milestone (workspace, SITREP_MILESTONE_ACKNOWLEDGED, now, &error))
    {
      g_message ("Could not acknowledge incident %s: %s", id, error->message);
      if (self->application != NULL)
        g_action_group_activate_action (G_ACTION_GROUP (self->application), "show-incident",
                                        parameter);
      return;
    }
  queue_check (self);
}

static void
add_application_actions (SitrepNotifier *self)
{
  g_autoptr(GSimpleAction) acknowledge = NULL;

  if (!G_IS_ACTION_MAP (self->application) ||
      g_action_map_lookup_action (G_ACTION_MAP (self->application), ACKNOWLEDGE_ACTION) != NULL)
    return;

  acknowledge = g_simple_action_new (ACKNOWLEDGE_ACTION, G_VARIANT_TYPE_STRING);
  g_signal_connect_object (acknowledge, "activate", G_CALLBACK (on_acknowledge_activated), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self->application), G_ACTION (acknowledge));
}

/* Object -------------------------------------------------------------- */

static void
sitrep_notifier_constructed (GObject *object)
{
  SitrepNotifier *self = SITREP_NOTIFIER (object);

  G_OBJECT_CLASS (sitrep_notifier_parent_class)->constructed (object);

  if (!notify_is_initted ())
    notify_init ("Sitrep");

  g_signal_connect_object (self->context, "record-changed",
                           G_CALLBACK (on_record_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sitrep_context_get_incidents (self->context), "items-changed",
                           G_CALLBACK (queue_check), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sitrep_context_get_clock (self->context), "minute-changed",
                           G_CALLBACK (sitrep_notifier_check), self, G_CONNECT_SWAPPED);
  add_application_actions (self);
  queue_check (self);
}

static void
sitrep_notifier_dispose (GObject *object)
{
  SitrepNotifier *self = SITREP_NOTIFIER (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->entries != NULL)
    g_hash_table_remove_all (self->entries);
  if (self->workspaces != NULL)
    g_hash_table_remove_all (self->workspaces);
  g_clear_object (&self->context);
  if (G_IS_ACTION_MAP (self->application))
    g_action_map_remove_action (G_ACTION_MAP (self->application), ACKNOWLEDGE_ACTION);
  if (self->application != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
  self->application = NULL;

  G_OBJECT_CLASS (sitrep_notifier_parent_class)->dispose (object);
}

static void
sitrep_notifier_finalize (GObject *object)
{
  SitrepNotifier *self = SITREP_NOTIFIER (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->workspaces, g_hash_table_unref);

  G_OBJECT_CLASS (sitrep_notifier_parent_class)->finalize (object);
}

static void
sitrep_notifier_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SitrepNotifier *self = SITREP_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_WARN_BEFORE_MINUTES:
      g_value_set_uint (value, self->warn_before_minutes);
      break;
    case PROP_OVERDUE_REPEAT_MINUTES:
      g_value_set_uint (value, self->repeat_minutes);
      break;
    case PROP_HAS_ACTIVE:
      g_value_set_boolean (value, self->has_active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_minutes (SitrepNotifier *self,
             guint          *field,
             guint           minutes,
             GParamSpec     *pspec)
{
  if (*field == minutes)
    return;

  *field = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  /* A wider warning window may already be open. */
  if (self->context != NULL)
    queue_check (self);
}

static void
sitrep_notifier_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SitrepNotifier *self = SITREP_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      self->application = g_value_get_object (value);
      if (self->application != NULL)
        g_object_add_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
      break;
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_WARN_BEFORE_MINUTES:
      set_minutes (self, &self->warn_before_minutes, g_value_get_uint (value), pspec);
      break;
    case PROP_OVERDUE_REPEAT_MINUTES:
      set_minutes (self, &self->repeat_minutes, g_value_get_uint (value), pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_notifier_class_init (SitrepNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sitrep_notifier_constructed;
  object_class->dispose = sitrep_notifier_dispose;
  object_class->finalize = sitrep_notifier_finalize;
  object_class->get_property = sitrep_notifier_get_property;
  object_class->set_property = sitrep_notifier_set_property;

  /* Not owned: the application owns the notifier. */
  properties[PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL, G_TYPE_APPLICATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WARN_BEFORE_MINUTES] =
    g_param_spec_uint ("warn-before-minutes", NULL, NULL, 0, 1440, 5,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OVERDUE_REPEAT_MINUTES] =
    g_param_spec_uint ("overdue-repeat-minutes", NULL, NULL, 1, 1440, 5,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HAS_ACTIVE] =
    g_param_spec_boolean ("has-active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_notifier_init (SitrepNotifier *self)
{
  self->workspaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) entry_free);
  self->warn_before_minutes = 5;
  self->repeat_minutes = 5;
}

/**
 * sitrep_notifier_new:
 * @application: (nullable): whose actions the notifications' buttons activate
 *   (`app.compose-update`, `app.snooze-update`, `app.show-incident`), and
 *   to which it adds `app.acknowledge-incident` (an incident id)
 *
 * Returns: (transfer full): a notifier watching @context's incidents
 */
SitrepNotifier *
sitrep_notifier_new (GApplication  *application,
                     SitrepContext *context)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (context), NULL);

  return g_object_new (SITREP_TYPE_NOTIFIER,
                       "application", application,
                       "context", context,
                       NULL);
}

/**
 * sitrep_notifier_get_has_active:
 *
 * Returns: whether any incident was active at the last check, i.e. whether
 *   there are clocks to keep running
 */
gboolean
sitrep_notifier_get_has_active (SitrepNotifier *self)
{
  g_return_val_if_fail (SITREP_IS_NOTIFIER (self), FALSE);

  return self->has_active;
}

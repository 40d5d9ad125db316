/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-notifier"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <string.h>

#include "sitrep-countdown.h"
#include "sitrep-enum-strings.h"
#include "sitrep-notifier-private.h"
#include "sitrep-severity.h"
#include "sitrep-status.h"
#include "sitrep-time.h"

/* The update clocks run here, on the local clock, whether or not a server
 * is reachable: every minute (and whenever an incident or a
 * communication changes) each active incident's deadlines, and those of
 * each resolved or closed incident that still owes an obligation after
 * its resolution (sitrep_context_incident_owes()), are compared with
 * now, and sitrep_deadline_alert() says whether to warn or nag. Those
 * passes run CHECK_SLICE incidents at a time, between frames.
 *
 * What reaches the screen is decided afterwards, in present(), by these
 * rules:
 *
 * - Nothing here waits on D-Bus. The notifications are sent with
 *   org.freedesktop.Notifications calls of our own, asynchronous
 *   (g_dbus_connection_call()), and their buttons come back as the
 *   ActionInvoked signal. With no notification service on the bus the
 *   calls fail later, once, without holding up the main loop.
 * - The first check waits for the application's first window to paint
 *   its first frame (or START_FALLBACK_S, if no window comes).
 * - One notification per deadline, replaced in place so a repeated
 *   reminder does not stack up, as long as the reminders due span at most
 *   FEW_INCIDENTS incidents and fit the rate limit. Otherwise all the
 *   reminders on alert are told in one summary ("12 updates overdue in 5
 *   incidents", the worst few in its body), replacing the per-deadline
 *   ones; it is told again, in place, when a reminder falls due again or
 *   its counts change.
 * - Rate limit: at most MAX_PER_MINUTE Notify calls in any 60 seconds
 *   (a sliding window over the times of the last calls). What falls due
 *   while that budget is spent waits, and is raised — coalesced by the
 *   rule above — as soon as the oldest call leaves the window. The window
 *   is two seconds longer than a minute, so that however late a busy bus
 *   delivers the calls, the notification service never sees more than the
 *   limit in a minute. Taking a notification off the screen is not
 *   counted. */

#define FEW_INCIDENTS     3
#define MAX_PER_MINUTE    6
#define RATE_WINDOW_US    (62 * G_USEC_PER_SEC)
#define SUMMARY_WORST     3
#define START_FALLBACK_S  5
#define CHECK_SLICE       50

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
/* …and "Mark Done", on an obligation after resolution: (incident id, kind). */
#define MARK_DONE_ACTION "mark-obligation-done"

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

/* Answered (sent, snoozed) or gone: off the screen. */
static void
entry_close (Entry *e)
{
  e->alerting = FALSE;
  e->pending = FALSE;
  _sitrep_notifier_popup_close (e->notifier, e->key);
}

static void
entry_free (Entry *e)
{
  entry_close (e);
  g_clear_pointer (&e->last_notified, g_date_time_unref);
  g_clear_pointer (&e->due, g_date_time_unref);
  g_free (e->key);
  g_free (e->incident_id);
  g_free (e->summary);
  g_free (e->body);
  g_free (e);
}

static void
entry_add_actions (Entry *e,
                   Popup *popup)
{
  if (_sitrep_notifier_action_items_add_actions (e, popup))
    return;

  _sitrep_notifier_popup_add_action (popup, "default", _("Open"), "show-incident",
                                     g_variant_new_string (e->incident_id));

  if (kind_has_audience (e->kind))
    {
      g_autofree char *target = sitrep_deadline_target_new (e->incident_id, e->audience);

      _sitrep_notifier_popup_add_action (popup, "compose", _("Compose update"), "compose-update",
                                         g_variant_new_string (target));
      _sitrep_notifier_popup_add_action (popup, "snooze", _("Snooze…"), "snooze-update",
                                         g_variant_new_string (target));
    }

  /* A response is answered by acknowledging the incident. */
  if (e->kind == SITREP_DEADLINE_RESPOND)
    _sitrep_notifier_popup_add_action (popup, "acknowledge", _("Acknowledge"), ACKNOWLEDGE_ACTION,
                                       g_variant_new_string (e->incident_id));

  /* An obligation after resolution, by marking it done. */
  if (sitrep_deadline_is_obligation (e->kind))
    _sitrep_notifier_popup_add_action (popup, "mark-done", _("Mark Done"),
                                       MARK_DONE_ACTION,
                                       g_variant_new ("(si)", e->incident_id, (gint32) e->kind));
}

/* What the deadline's reminder says now; raised by the next present(). */
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

  g_free (e->summary);
  /* Translators: a notification's summary: the incident, then what is due */
  e->summary = g_strdup_printf (_("%s: %s"), name, due);
  g_free (e->body);
  e->body = g_steal_pointer (&body);
  e->level = level;
  e->severity = sitrep_incident_get_severity (incident);
  g_clear_pointer (&e->due, g_date_time_unref);
  e->due = g_date_time_ref (d->due);
  g_clear_pointer (&e->last_notified, g_date_time_unref);
  e->last_notified = g_date_time_ref (now);
  e->alerting = TRUE;
  e->pending = TRUE;
}

/* Presenting ---------------------------------------------------------- */

/* Overdue before due soon, then the most severe, then the oldest. */
static int
compare_worst (gconstpointer a,
               gconstpointer b)
{
  const Entry *x = *(Entry * const *) a;
  const Entry *y = *(Entry * const *) b;

  if (x->level != y->level)
    return x->level > y->level ? -1 : 1;
  if (x->severity != y->severity)
    return x->severity < y->severity ? -1 : 1;
  if (x->due != NULL && y->due != NULL)
    return g_date_time_compare (x->due, y->due);
  return 0;
}

/* How many more Notify calls the rate limit allows now. */
static guint
rate_budget (SitrepNotifier *self,
             gint64          now_us)
{
  while (!g_queue_is_empty (&self->sent_at) &&
         now_us - *(gint64 *) g_queue_peek_head (&self->sent_at) >= RATE_WINDOW_US)
    g_free (g_queue_pop_head (&self->sent_at));

  return self->sent_at.length >= MAX_PER_MINUTE ? 0 : MAX_PER_MINUTE - self->sent_at.length;
}

static void
rate_count (SitrepNotifier *self,
            gint64          now_us)
{
  g_queue_push_tail (&self->sent_at, g_memdup2 (&now_us, sizeof now_us));
}

static gboolean
rate_expired (gpointer data)
{
  SitrepNotifier *self = data;

  self->rate_id = 0;
  _sitrep_notifier_present (self);
  return G_SOURCE_REMOVE;
}

static void
rate_wait (SitrepNotifier *self,
           gint64          now_us)
{
  gint64 oldest = *(gint64 *) g_queue_peek_head (&self->sent_at);
  gint64 wait_ms = (oldest + RATE_WINDOW_US - now_us) / 1000 + 1;

  if (self->rate_id == 0)
    self->rate_id = g_timeout_add ((guint) CLAMP (wait_ms, 1, 60000), rate_expired, self);
}

static void
send_summary (SitrepNotifier *self,
              GPtrArray      *alerting,
              guint           n_incidents)
{
  Popup *popup = _sitrep_notifier_popup_get (self, SUMMARY_KEY);
  GString *body = g_string_new (NULL);
  guint n_overdue = 0;
  g_autofree char *what = NULL;

  for (guint i = 0; i < alerting->len; i++)
    n_overdue += ((Entry *) alerting->pdata[i])->level == SITREP_ALERT_OVERDUE;

  if (n_overdue > 0)
    /* Translators: the start of "12 updates overdue in 5 incidents" */
    what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u update overdue",
                                         "%u updates overdue", n_overdue), n_overdue);
  else
    /* Translators: the start of "3 updates due soon in 2 incidents" */
    what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u update due soon",
                                         "%u updates due soon", alerting->len), alerting->len);

  g_free (popup->summary);
  /* Translators: what is due ("12 updates overdue"), then in how many incidents */
  popup->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in %u incident",
                                                 "%s in %u incidents", n_incidents),
                                    what, n_incidents);

  for (guint i = 0; i < alerting->len && i < SUMMARY_WORST; i++)
    {
      Entry *e = alerting->pdata[i];

      if (i > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, e->summary);
    }
  if (alerting->len > SUMMARY_WORST)
    {
      guint more = alerting->len - SUMMARY_WORST;

      g_string_append_c (body, '\n');
      /* Translators: after the worst few reminders of a summary */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more",
                                                 "and %u more", more), more);
    }
  g_free (popup->body);
  popup->body = g_string_free (body, FALSE);
  popup->critical = n_overdue > 0;

  /* Opens the worst of them. */
  {
    Entry *worst = alerting->pdata[0];

    _sitrep_notifier_popup_add_action (popup, "default", _("Open"), "show-incident",
                                       g_variant_new_string (worst->incident_id));
  }

  self->summary_alerting = alerting->len;
  self->summary_incidents = n_incidents;
  _sitrep_notifier_popup_send (self, popup);
}

static void
send_entry (SitrepNotifier *self,
            Entry          *e)
{
  Popup *popup = _sitrep_notifier_popup_get (self, e->key);

  g_free (popup->summary);
  popup->summary = g_strdup (e->summary);
  g_free (popup->body);
  popup->body = g_strdup (e->body);
  popup->critical = e->level == SITREP_ALERT_OVERDUE;
  entry_add_actions (e, popup);
  _sitrep_notifier_popup_send (self, popup);
}

/* Puts on screen what the checks found, by the rules at the top. */
void
_sitrep_notifier_present (SitrepNotifier *self)
{
  g_autoptr(GPtrArray) alerting = g_ptr_array_new ();
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  g_autoptr(GHashTable) incidents = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean summary_up = g_hash_table_contains (self->popups, SUMMARY_KEY);
  gboolean summary_stale;
  GPtrArray *to_send;
  gint64 now_us;
  guint budget;
  GHashTableIter iter;
  Entry *e;

  if (!self->ready || self->bus == NULL)
    return;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e))
    {
      if (!e->alerting)
        continue;
      g_ptr_array_add (alerting, e);
      g_hash_table_add (incidents, e->incident_id);
      if (e->pending)
        g_ptr_array_add (pending, e);
    }

  if (alerting->len == 0)
    {
      _sitrep_notifier_popup_close (self, SUMMARY_KEY);
      return;
    }

  /* A summary on screen that counts what was answered since is told again. */
  summary_stale = summary_up && (self->summary_alerting != alerting->len ||
                                 self->summary_incidents != g_hash_table_size (incidents));
  if (pending->len == 0 && !summary_stale)
    return;

  now_us = g_get_monotonic_time ();
  budget = rate_budget (self, now_us);
  if (budget == 0)
    {
      rate_wait (self, now_us);
      return;
    }

  g_ptr_array_sort (alerting, compare_worst);
  g_ptr_array_sort (pending, compare_worst);

  /* Back from a summary, every reminder it told of gets its own again. */
  to_send = summary_up ? alerting : pending;
  if (g_hash_table_size (incidents) <= FEW_INCIDENTS && to_send->len <= budget)
    {
      _sitrep_notifier_popup_close (self, SUMMARY_KEY);
      for (guint i = 0; i < to_send->len; i++)
        {
          e = to_send->pdata[i];
          send_entry (self, e);
          e->pending = FALSE;
          rate_count (self, now_us);
        }
      return;
    }

  /* One summary instead of the per-deadline popups. */
  for (guint i = 0; i < alerting->len; i++)
    {
      e = alerting->pdata[i];
      e->pending = FALSE;
      _sitrep_notifier_popup_close (self, e->key);
    }
  send_summary (self, alerting, g_hash_table_size (incidents));
  rate_count (self, now_us);
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
          e->key = g_strdup (key);
          e->incident_id = g_strdup (id);
          e->kind = d->kind;
          e->audience = d->audience;
          g_hash_table_insert (self->entries, g_steal_pointer (&key), e);
        }
      e->seen = TRUE;

      level = sitrep_deadline_alert (d, now, e->last_notified, warn_before, repeat);
      if (level != SITREP_ALERT_NONE)
        entry_show (self, e, incident, d, level, now);
      else if (e->alerting && g_date_time_difference (d->due, now) > MAX (warn_before, 0))
        /* Sent or snoozed: the reminder on screen is stale. */
        entry_close (e);
    }
}

/* A pass over the incidents, CHECK_SLICE at a time when the timer or a
 * change asks for it, so that thousands of active incidents do not hold
 * up a frame. */
static void
pass_begin (SitrepNotifier *self,
            GDateTime      *now)
{
  GHashTableIter iter;
  Entry *e;

  g_clear_pointer (&self->pass_now, g_date_time_unref);
  self->pass_now = g_date_time_ref (now);
  self->pass_index = 0;
  self->pass_has_active = FALSE;
  self->pass_restart = FALSE;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e))
    e->seen = FALSE;
}

static void
pass_finish (SitrepNotifier *self)
{
  GHashTableIter iter;
  gpointer workspace;
  Entry *e;

  /* Deleted incidents. */
  g_hash_table_iter_init (&iter, self->workspaces);
  while (g_hash_table_iter_next (&iter, NULL, &workspace))
    if (sitrep_workspace_get_incident (workspace) == NULL)
      g_hash_table_iter_remove (&iter);

  _sitrep_notifier_check_action_items (self, self->pass_now);

  /* Deadlines that went away: acknowledged, resolved, deleted. */
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e))
    if (!e->seen)
      g_hash_table_iter_remove (&iter);

  g_clear_pointer (&self->pass_now, g_date_time_unref);
  set_has_active (self, self->pass_has_active);
  _sitrep_notifier_present (self);
}

/* Checks up to @max more incidents; returns whether the pass is done. */
static gboolean
pass_step (SitrepNotifier *self,
           guint           max)
{
  GListModel *incidents = sitrep_context_get_incidents (self->context);
  guint n = g_list_model_get_n_items (incidents);

  for (guint done = 0; self->pass_index < n && done < max; self->pass_index++)
    {
      g_autoptr(SitrepIncident) incident = g_list_model_get_item (incidents, self->pass_index);

      /* Resolved and closed incidents count while they owe an obligation
       * (the set comes from one store query, not from their bodies). */
      if (!sitrep_incident_is_active (incident))
        {
          if (!sitrep_context_incident_owes (self->context, incident))
            {
              g_hash_table_remove (self->workspaces, sitrep_incident_get_id (incident));
              continue;
            }
        }
      else
        self->pass_has_active = TRUE;
      check_incident (self, incident, self->pass_now);
      done++;
    }

  if (self->pass_index < n)
    return FALSE;
  pass_finish (self);
  return TRUE;
}

/**
 * _sitrep_notifier_check_at:
 * @now: the clock to compare the deadlines with
 *
 * One pass over the active incidents, as the timer does it, all at once.
 */
void
_sitrep_notifier_check_at (SitrepNotifier *self,
                           GDateTime      *now)
{
  g_clear_handle_id (&self->idle_id, g_source_remove);
  pass_begin (self, now);
  pass_step (self, G_MAXUINT);
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

  /* Before the first frame, the first check is yet to come. */
  if (!self->started)
    return;
  _sitrep_notifier_check_at (self, now);
}

static gboolean
check_idle (gpointer data)
{
  SitrepNotifier *self = data;

  if (self->pass_now == NULL || self->pass_restart)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      pass_begin (self, now);
    }
  if (!pass_step (self, CHECK_SLICE))
    return G_SOURCE_CONTINUE;

  self->idle_id = 0;
  return G_SOURCE_REMOVE;
}

static void
queue_check (SitrepNotifier *self)
{
  if (!self->started)
    return;
  /* A sync writes many records at once: one check after the batch; one
   * under way starts over, to see the change everywhere. */
  if (self->idle_id != 0)
    self->pass_restart = TRUE;
  else
    self->idle_id = g_idle_add (check_idle, self);
}

static void
on_record_changed (SitrepNotifier *self,
                   const char     *coll)
{
  if (g_str_equal (coll, "incidents") || g_str_equal (coll, "communications") ||
      g_str_equal (coll, "action_items"))
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
  _sitrep_notifier_present (self);
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

/* app.mark-obligation-done: as the Overview's "Mark Done"; if that fails
 * (done meanwhile, reopened), the incident is shown. */
static void
on_mark_done_activated (GSimpleAction  *action,
                        GVariant       *parameter,
                        SitrepNotifier *self)
{
  g_autoptr(GError) error = NULL;
  const char *id;
  gint32 kind;

  g_variant_get (parameter, "(&si)", &id, &kind);
  if (sitrep_context_lookup_incident (self->context, id) == NULL ||
      !sitrep_deadline_is_obligation (kind))
    return;

  if (!sitrep_context_mark_obligation_done (self->context, id, kind, &error))
    {
      g_message ("Could not mark an obligation of incident %s done: %s", id, error->message);
      if (self->application != NULL)
        g_action_group_activate_action (G_ACTION_GROUP (self->application), "show-incident",
                                        g_variant_new_string (id));
      return;
    }
  queue_check (self);
}

static void
add_application_actions (SitrepNotifier *self)
{
  g_autoptr(GSimpleAction) acknowledge = NULL;
  g_autoptr(GSimpleAction) mark_done = NULL;

  if (!G_IS_ACTION_MAP (self->application) ||
      g_action_map_lookup_action (G_ACTION_MAP (self->application), ACKNOWLEDGE_ACTION) != NULL)
    return;

  acknowledge = g_simple_action_new (ACKNOWLEDGE_ACTION, G_VARIANT_TYPE_STRING);
  g_signal_connect_object (acknowledge, "activate", G_CALLBACK (on_acknowledge_activated), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self->application), G_ACTION (acknowledge));

  mark_done = g_simple_action_new (MARK_DONE_ACTION, G_VARIANT_TYPE ("(si)"));
  g_signal_connect_object (mark_done, "activate", G_CALLBACK (on_mark_done_activated), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self->application), G_ACTION (mark_done));
}

/* Starting ------------------------------------------------------------ */

static void
stop_waiting (SitrepNotifier *self)
{
  if (self->window_added_id != 0 && self->application != NULL)
    g_signal_handler_disconnect (self->application, self->window_added_id);
  self->window_added_id = 0;
  if (self->first_window != NULL)
    {
      g_clear_signal_handler (&self->map_id, self->first_window);
      g_object_remove_weak_pointer (G_OBJECT (self->first_window),
                                    (gpointer *) &self->first_window);
      self->first_window = NULL;
    }
  if (self->frame_clock != NULL)
    {
      g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
      g_object_remove_weak_pointer (G_OBJECT (self->frame_clock),
                                    (gpointer *) &self->frame_clock);
      self->frame_clock = NULL;
    }
  g_clear_handle_id (&self->start_id, g_source_remove);
}

static gboolean start_now (gpointer data);

static void
on_incidents_loaded (SitrepNotifier *self)
{
  g_clear_signal_handler (&self->loaded_id, self->context);
  start_now (self);
}

static gboolean
start_now (gpointer data)
{
  SitrepNotifier *self = data;

  self->start_id = 0;
  stop_waiting (self);
  if (self->started)
    return G_SOURCE_REMOVE;

  /* A first pass over the first screen of incidents would announce
   * "3 updates overdue in 25 incidents", then the true count: it waits
   * for the rest, which it asks for in case nobody has. */
  if (!sitrep_context_get_incidents_complete (self->context))
    {
      if (self->loaded_id == 0)
        self->loaded_id = g_signal_connect_object (self->context, "incidents-loaded",
                                                   G_CALLBACK (on_incidents_loaded), self,
                                                   G_CONNECT_SWAPPED);
      sitrep_context_load_rest_of_incidents (self->context);
      return G_SOURCE_REMOVE;
    }

  self->started = TRUE;
  queue_check (self);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint (GdkFrameClock  *clock,
                SitrepNotifier *self)
{
  /* After the frame is out, not inside its paint. */
  g_clear_signal_handler (&self->after_paint_id, clock);
  g_clear_handle_id (&self->start_id, g_source_remove);
  self->start_id = g_idle_add_full (G_PRIORITY_LOW, start_now, self, NULL);
}

static void
on_first_map (GtkWidget      *window,
              SitrepNotifier *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_clear_signal_handler (&self->map_id, window);
  if (clock == NULL)
    {
      on_after_paint (NULL, self);
      return;
    }
  self->frame_clock = clock;
  g_object_add_weak_pointer (G_OBJECT (clock), (gpointer *) &self->frame_clock);
  self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), self);
  /* A window already on screen may have nothing more to paint. */
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static void
watch_window (SitrepNotifier *self,
              GtkWindow      *window)
{
  if (self->first_window != NULL)
    return;
  if (self->window_added_id != 0)
    g_signal_handler_disconnect (self->application, self->window_added_id);
  self->window_added_id = 0;

  self->first_window = GTK_WIDGET (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->first_window);
  if (gtk_widget_get_mapped (GTK_WIDGET (window)))
    on_first_map (GTK_WIDGET (window), self);
  else
    self->map_id = g_signal_connect (window, "map", G_CALLBACK (on_first_map), self);
}

static void
on_window_added (GtkApplication *application,
                 GtkWindow      *window,
                 SitrepNotifier *self)
{
  watch_window (self, window);
}

/* The first check, with its work on every active incident, waits for the
 * first window's first frame: a start-up shows the window first. */
static void
start_after_first_frame (SitrepNotifier *self)
{
  GList *windows;

  if (!GTK_IS_APPLICATION (self->application))
    {
      self->started = TRUE;
      queue_check (self);
      return;
    }

  /* No window may ever come (run in the background): not for long. */
  self->start_id = g_timeout_add_seconds (START_FALLBACK_S, start_now, self);
  windows = gtk_application_get_windows (GTK_APPLICATION (self->application));
  if (windows != NULL)
    watch_window (self, windows->data);
  else
    self->window_added_id = g_signal_connect (self->application, "window-added",
                                              G_CALLBACK (on_window_added), self);
}

/* Object -------------------------------------------------------------- */

static void
sitrep_notifier_constructed (GObject *object)
{
  SitrepNotifier *self = SITREP_NOTIFIER (object);

  G_OBJECT_CLASS (sitrep_notifier_parent_class)->constructed (object);

  self->cancellable = g_cancellable_new ();
  g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, _sitrep_notifier_on_bus,
             _sitrep_notifier_weak_ref_new (self));

  g_signal_connect_object (self->context, "record-changed",
                           G_CALLBACK (on_record_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sitrep_context_get_incidents (self->context), "items-changed",
                           G_CALLBACK (queue_check), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sitrep_context_get_clock (self->context), "minute-changed",
                           G_CALLBACK (queue_check), self, G_CONNECT_SWAPPED);
  add_application_actions (self);
  _sitrep_notifier_action_items_start (self);
  start_after_first_frame (self);
}

static void
sitrep_notifier_dispose (GObject *object)
{
  SitrepNotifier *self = SITREP_NOTIFIER (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_pointer (&self->pass_now, g_date_time_unref);
  g_clear_handle_id (&self->rate_id, g_source_remove);
  stop_waiting (self);
  if (self->context != NULL)
    g_clear_signal_handler (&self->loaded_id, self->context);
  /* Reminders whose buttons nobody would answer come off the screen. */
  if (self->entries != NULL)
    g_hash_table_remove_all (self->entries);
  if (self->popups != NULL)
    {
      GHashTableIter iter;
      Popup *popup;

      g_hash_table_iter_init (&iter, self->popups);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &popup))
        _sitrep_notifier_close_id (self->bus, popup->id);
      g_hash_table_remove_all (self->popups);
    }
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->bus != NULL)
    {
      g_dbus_connection_signal_unsubscribe (self->bus, self->action_signal_id);
      g_dbus_connection_signal_unsubscribe (self->bus, self->closed_signal_id);
      g_clear_object (&self->bus);
    }
  self->ready = FALSE;
  g_queue_clear_full (&self->sent_at, g_free);
  if (self->workspaces != NULL)
    g_hash_table_remove_all (self->workspaces);
  g_clear_object (&self->context);
  _sitrep_notifier_action_items_stop (self);
  if (G_IS_ACTION_MAP (self->application))
    {
      g_action_map_remove_action (G_ACTION_MAP (self->application), ACKNOWLEDGE_ACTION);
      g_action_map_remove_action (G_ACTION_MAP (self->application), MARK_DONE_ACTION);
    }
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
  g_clear_pointer (&self->popups, g_hash_table_unref);

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
  /* Keyed by their own key. */
  self->popups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, _sitrep_notifier_popup_free);
  g_queue_init (&self->sent_at);
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-deadlines.c: the update clocks and protocol timers of an incident
 *
 * A pure function of the incident: no clock is read here, so the caller
 * recomputes after any change (severity, major, a communication sent, a
 * snooze) and compares the answer with its own clock. */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-deadlines.h"
#include "sitrep-severity.h"

#define MINUTES(n) ((GTimeSpan) (n) * G_TIME_SPAN_MINUTE)
#define HOURS(n)   ((GTimeSpan) (n) * G_TIME_SPAN_HOUR)
#define DAYS(n)    ((GTimeSpan) (n) * G_TIME_SPAN_DAY)

/* The guide's major incident protocol. */
#define MAJOR_EXEC_BRIEF        MINUTES (30)    /* of declaration */
#define MAJOR_EXEC_EVERY        HOURS (1)
#define MAJOR_PUBLIC_STATEMENT  HOURS (1)       /* of declaration */
#define MAJOR_EXTERNAL_EVERY    HOURS (2)
#define MAJOR_EXEC_SUMMARY      HOURS (1)       /* of resolution */
#define MAJOR_HOT_WASH          HOURS (24)
#define MAJOR_EXEC_REVIEW       DAYS (7)
#define MAJOR_ACTION_FOLLOWUP   DAYS (30)
#define MAJOR_POSTMORTEM        HOURS (72)      /* of resolution */

/**
 * sitrep_deadline_input_clear:
 *
 * Drops the times @in holds and sets them to %NULL; the rest is kept.
 */
void
sitrep_deadline_input_clear (SitrepDeadlineInput *in)
{
  g_clear_pointer (&in->declared_at, g_date_time_unref);
  g_clear_pointer (&in->acknowledged_at, g_date_time_unref);
  g_clear_pointer (&in->resolved_at, g_date_time_unref);
  for (guint a = 0; a < G_N_ELEMENTS (in->last_sent); a++)
    {
      g_clear_pointer (&in->last_sent[a], g_date_time_unref);
      g_clear_pointer (&in->snoozed_until[a], g_date_time_unref);
    }
}

/**
 * sitrep_deadline_free:
 */
void
sitrep_deadline_free (SitrepDeadline *d)
{
  if (d == NULL)
    return;
  g_clear_pointer (&d->due, g_date_time_unref);
  g_free (d->label);
  g_free (d);
}

static const char *
update_label (SitrepAudience audience)
{
  switch (audience)
    {
    case SITREP_AUDIENCE_STATUS_PAGE:
      return _("Status page update due");
    case SITREP_AUDIENCE_STAKEHOLDERS:
      return _("Stakeholder update due");
    case SITREP_AUDIENCE_EXECUTIVES:
      return _("Executive update due");
    case SITREP_AUDIENCE_CUSTOMERS:
      return _("Customer update due");
    case SITREP_AUDIENCE_INTERNAL:
    default:
      return _("Internal update due");
    }
}

static const char *
deadline_label (SitrepDeadlineKind kind,
                SitrepAudience     audience)
{
  switch (kind)
    {
    case SITREP_DEADLINE_RESPOND:
      return _("Response due");
    case SITREP_DEADLINE_EXEC_BRIEF:
      return _("Executive brief due");
    case SITREP_DEADLINE_PUBLIC_STATEMENT:
      return _("Public statement due");
    case SITREP_DEADLINE_EXEC_SUMMARY:
      return _("Executive summary due");
    case SITREP_DEADLINE_HOT_WASH:
      return _("Hot wash due");
    case SITREP_DEADLINE_POSTMORTEM:
      return _("Postmortem due");
    case SITREP_DEADLINE_EXEC_REVIEW:
      return _("Executive review due");
    case SITREP_DEADLINE_ACTION_FOLLOWUP:
      return _("Action item follow-up due");
    case SITREP_DEADLINE_UPDATE:
    default:
      return update_label (audience);
    }
}

/* Takes @due. */
static void
add_deadline (GPtrArray          *out,
              SitrepDeadlineKind  kind,
              SitrepAudience      audience,
              GDateTime          *due)
{
  SitrepDeadline *d = g_new0 (SitrepDeadline, 1);

  d->kind = kind;
  d->audience = audience;
  d->due = due;
  d->label = g_strdup (deadline_label (kind, audience));
  g_ptr_array_add (out, d);
}

/* The later of two nullable times, not referenced. */
static GDateTime *
later_of (GDateTime *a,
          GDateTime *b)
{
  if (a == NULL)
    return b;
  if (b == NULL)
    return a;
  return g_date_time_compare (a, b) >= 0 ? a : b;
}

static gboolean
sent_since (GDateTime *sent,
            GDateTime *since)
{
  return sent != NULL && g_date_time_compare (sent, since) >= 0;
}

/* The stricter of two cadences, 0 meaning none. */
static GTimeSpan
stricter (GTimeSpan a,
          GTimeSpan b)
{
  if (a <= 0)
    return b;
  if (b <= 0)
    return a;
  return MIN (a, b);
}

/* The audiences of DESIGN.md's "Rules" table: P1 updates executives and
 * the status page, the others the stakeholders. */
static gboolean
severity_updates (const SitrepSeverityInfo *info,
                  SitrepAudience            audience)
{
  return audience == info->cadence_audience
         || (info->severity == SITREP_SEVERITY_P1 && audience == SITREP_AUDIENCE_STATUS_PAGE);
}

static void
compute_active (const SitrepDeadlineInput *in,
                GPtrArray                 *out)
{
  const SitrepSeverityInfo *info = sitrep_severity_get_info (in->severity);
  GDateTime *declared = in->declared_at;

  if (info != NULL && declared != NULL && in->acknowledged_at == NULL)
    {
      gint64 respond_s = in->respond_s[in->severity] > 0 ? in->respond_s[in->severity]
                                                         : info->respond_within_s;

      add_deadline (out, SITREP_DEADLINE_RESPOND, SITREP_AUDIENCE_INTERNAL,
                    g_date_time_add (declared, respond_s * G_TIME_SPAN_SECOND));
    }

  for (int a = SITREP_AUDIENCE_STATUS_PAGE; a <= SITREP_AUDIENCE_INTERNAL; a++)
    {
      GDateTime *base = later_of (in->last_sent[a], declared);
      GDateTime *due = NULL;
      SitrepDeadlineKind kind = SITREP_DEADLINE_UPDATE;
      GTimeSpan every = 0;
      GTimeSpan first = 0;

      if (base == NULL)
        continue;

      if (info != NULL && severity_updates (info, a))
        every = (in->cadence_s[in->severity] > 0 ? in->cadence_s[in->severity]
                                                 : info->update_cadence_s) * G_TIME_SPAN_SECOND;

      /* The major protocol adds its own cadence and, until the audience
       * has heard from us since the declaration, a first-communication
       * timer that stands in for that audience's update clock: one send
       * satisfies both, so one deadline is shown, the earlier. */
      if (in->major && a == SITREP_AUDIENCE_EXECUTIVES)
        {
          every = stricter (every, MAJOR_EXEC_EVERY);
          if (declared != NULL && !sent_since (in->last_sent[a], declared))
            {
              kind = SITREP_DEADLINE_EXEC_BRIEF;
              first = MAJOR_EXEC_BRIEF;
            }
        }
      else if (in->major && a == SITREP_AUDIENCE_STATUS_PAGE)
        {
          every = stricter (every, MAJOR_EXTERNAL_EVERY);
          if (declared != NULL && !sent_since (in->last_sent[a], declared))
            {
              kind = SITREP_DEADLINE_PUBLIC_STATEMENT;
              first = MAJOR_PUBLIC_STATEMENT;
            }
        }

      if (every <= 0)
        continue;

      due = g_date_time_add (base, every);
      if (first > 0)
        {
          GDateTime *first_due = g_date_time_add (declared, first);

          if (g_date_time_compare (first_due, due) < 0)
            {
              g_date_time_unref (due);
              due = first_due;
            }
          else
            g_date_time_unref (first_due);
        }

      /* A snooze only ever postpones. */
      if (in->snoozed_until[a] != NULL && g_date_time_compare (in->snoozed_until[a], due) > 0)
        {
          g_date_time_unref (due);
          due = g_date_time_ref (in->snoozed_until[a]);
        }

      add_deadline (out, kind, a, due);
    }
}

/* The postmortem of any incident is due after the configured time; a
 * major incident's no later than the guide's 72 hours. */
static GTimeSpan
postmortem_after (const SitrepDeadlineInput *in)
{
  GTimeSpan configured = (in->postmortem_s > 0 ? in->postmortem_s : SITREP_POSTMORTEM_DEFAULT_S) *
                         G_TIME_SPAN_SECOND;

  return in->major ? MIN (configured, MAJOR_POSTMORTEM) : configured;
}

/* What is owed after the resolution, until it is marked done: it does not
 * end with Closed. */
static void
compute_obligations (const SitrepDeadlineInput *in,
                     GPtrArray                 *out)
{
  GDateTime *resolved = in->resolved_at;

  if (resolved == NULL)
    return;

  if (!in->done[SITREP_DEADLINE_POSTMORTEM])
    add_deadline (out, SITREP_DEADLINE_POSTMORTEM, SITREP_AUDIENCE_INTERNAL,
                  g_date_time_add (resolved, postmortem_after (in)));

  if (!in->major)
    return;

  /* An executive communication sent at or after the resolution is the
   * summary, as marking it done is. */
  if (!in->done[SITREP_DEADLINE_EXEC_SUMMARY] &&
      !sent_since (in->last_sent[SITREP_AUDIENCE_EXECUTIVES], resolved))
    add_deadline (out, SITREP_DEADLINE_EXEC_SUMMARY, SITREP_AUDIENCE_EXECUTIVES,
                  g_date_time_add (resolved, MAJOR_EXEC_SUMMARY));
  if (!in->done[SITREP_DEADLINE_HOT_WASH])
    add_deadline (out, SITREP_DEADLINE_HOT_WASH, SITREP_AUDIENCE_INTERNAL,
                  g_date_time_add (resolved, MAJOR_HOT_WASH));
  if (!in->done[SITREP_DEADLINE_EXEC_REVIEW])
    add_deadline (out, SITREP_DEADLINE_EXEC_REVIEW, SITREP_AUDIENCE_EXECUTIVES,
                  g_date_time_add (resolved, MAJOR_EXEC_REVIEW));
  if (!in->done[SITREP_DEADLINE_ACTION_FOLLOWUP])
    add_deadline (out, SITREP_DEADLINE_ACTION_FOLLOWUP, SITREP_AUDIENCE_INTERNAL,
                  g_date_time_add (resolved, MAJOR_ACTION_FOLLOWUP));
}

/**
 * sitrep_deadline_is_obligation:
 *
 * Returns: whether @kind is owed after the resolution (the postmortem, and
 *   for a major incident the executive summary, hot wash, executive review
 *   and action item follow-up), answered by marking it done
 */
gboolean
sitrep_deadline_is_obligation (SitrepDeadlineKind kind)
{
  switch (kind)
    {
    case SITREP_DEADLINE_EXEC_SUMMARY:
    case SITREP_DEADLINE_HOT_WASH:
    case SITREP_DEADLINE_POSTMORTEM:
    case SITREP_DEADLINE_EXEC_REVIEW:
    case SITREP_DEADLINE_ACTION_FOLLOWUP:
      return TRUE;
    case SITREP_DEADLINE_RESPOND:
    case SITREP_DEADLINE_UPDATE:
    case SITREP_DEADLINE_EXEC_BRIEF:
    case SITREP_DEADLINE_PUBLIC_STATEMENT:
    default:
      return FALSE;
    }
}

static int
compare_deadlines (gconstpointer a,
                   gconstpointer b)
{
  const SitrepDeadline *da = *(SitrepDeadline * const *) a;
  const SitrepDeadline *db = *(SitrepDeadline * const *) b;
  int c = g_date_time_compare (da->due, db->due);

  if (c != 0)
    return c;
  if (da->kind != db->kind)
    return da->kind < db->kind ? -1 : 1;
  return (int) da->audience - (int) db->audience;
}

/**
 * sitrep_deadlines_compute:
 *
 * The deadlines of an incident (DESIGN.md "Rules" and the guide's major
 * incident protocol). While active: the response target until
 * acknowledged, and one update clock per audience, restarted by the last
 * communication sent to it (else running from the declaration) and
 * postponed, never advanced, by a snooze. Resolved or closed, the
 * obligations counted from `resolved_at` that are not marked done: the
 * postmortem (@in's postmortem_s, 5 days by default; a major incident's
 * within 72 hours), and for a major incident the executive summary (1 h,
 * also answered by an executive communication sent since), the hot wash
 * (24 h), the executive review (1 week) and the action item follow-up
 * (30 days). Reopened (no `resolved_at`): none. An unclassified incident
 * has no response target or cadence.
 *
 * Returns: (transfer full) (element-type SitrepDeadline): sorted by due time
 */
GPtrArray *
sitrep_deadlines_compute (const SitrepDeadlineInput *in)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_deadline_free);

  switch (in->status)
    {
    case SITREP_STATUS_INVESTIGATING:
    case SITREP_STATUS_IDENTIFIED:
    case SITREP_STATUS_MONITORING:
      compute_active (in, out);
      break;

    case SITREP_STATUS_RESOLVED:
    case SITREP_STATUS_CLOSED:
      compute_obligations (in, out);
      break;

    case SITREP_STATUS_INVALID:
    default:
      break;
    }

  g_ptr_array_sort (out, compare_deadlines);
  return out;
}

static gboolean
is_update_clock (SitrepDeadlineKind kind)
{
  return kind == SITREP_DEADLINE_UPDATE || kind == SITREP_DEADLINE_EXEC_BRIEF ||
         kind == SITREP_DEADLINE_PUBLIC_STATEMENT;
}

/* The update clock of @audience once it has heard from us at @now. */
static GDateTime *
due_after_sending (const SitrepDeadlineInput *in,
                   SitrepAudience             audience,
                   GDateTime                 *now)
{
  SitrepDeadlineInput sent = *in;
  g_autoptr(GPtrArray) deadlines = NULL;

  sent.last_sent[audience] = now;
  deadlines = sitrep_deadlines_compute (&sent);
  for (guint i = 0; i < deadlines->len; i++)
    {
      SitrepDeadline *d = deadlines->pdata[i];

      if (is_update_clock (d->kind) && d->audience == audience)
        return g_date_time_ref (d->due);
    }
  return NULL;
}

/**
 * sitrep_deadlines_next_update:
 * @now: the caller's clock
 *
 * When the next update is due, as an update written at @now promises it
 * ("Next update: …"): the soonest update clock still ahead of @now,
 * snoozes included. A clock due now or overdue is the one this update
 * answers, so it counts from @now, as sending restarts it.
 *
 * Returns: (transfer full) (nullable): never before @now; %NULL when no
 *   update clock runs
 */
GDateTime *
sitrep_deadlines_next_update (const SitrepDeadlineInput *in,
                              GDateTime                 *now)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  GDateTime *next = NULL;

  g_return_val_if_fail (in != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  deadlines = sitrep_deadlines_compute (in);
  for (guint i = 0; i < deadlines->len; i++)
    {
      SitrepDeadline *d = deadlines->pdata[i];
      GDateTime *due;

      if (!is_update_clock (d->kind))
        continue;
      if (g_date_time_compare (d->due, now) > 0)
        due = g_date_time_ref (d->due);
      else if ((due = due_after_sending (in, d->audience, now)) == NULL)
        continue;

      if (next == NULL || g_date_time_compare (due, next) < 0)
        {
          g_clear_pointer (&next, g_date_time_unref);
          next = due;
        }
      else
        g_date_time_unref (due);
    }
  return next;
}

/**
 * sitrep_deadline_alert:
 * @now: the caller's clock
 * @last_notified: (nullable): when this deadline last raised a notification
 * @warn_before: the warning window; 0 for no warning
 * @repeat: how often an overdue notification repeats; 0 for once
 *
 * A warning once the window before the due time opens (unless one was
 * already given in it), an overdue notification at the due time, and the
 * same again every @repeat until the deadline moves (a communication sent,
 * a snooze) and the caller recomputes it. A caller that snoozes should
 * record the snooze as a notification, or a snooze no longer than
 * @warn_before warns at once about the postponed due time.
 *
 * Returns: what to notify now
 */
SitrepAlertLevel
sitrep_deadline_alert (const SitrepDeadline *d,
                       GDateTime            *now,
                       GDateTime            *last_notified,
                       GTimeSpan             warn_before,
                       GTimeSpan             repeat)
{
  GTimeSpan until_due = g_date_time_difference (d->due, now);

  if (until_due <= 0)
    {
      if (last_notified == NULL || g_date_time_compare (last_notified, d->due) < 0)
        return SITREP_ALERT_OVERDUE;
      if (repeat > 0 && g_date_time_difference (now, last_notified) >= repeat)
        return SITREP_ALERT_OVERDUE;
      return SITREP_ALERT_NONE;
    }

  if (warn_before > 0 && until_due <= warn_before)
    {
      /* last_notified before the window opened, i.e. due − last > warn_before */
      if (last_notified == NULL || g_date_time_difference (d->due, last_notified) > warn_before)
        return SITREP_ALERT_WARNING;
    }

  return SITREP_ALERT_NONE;
}

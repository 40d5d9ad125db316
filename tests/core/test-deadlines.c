/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-deadlines.c: update clocks and protocol timers, against a fake clock */

#include "config.h"

#include "sitrep-deadlines.h"
#include "sitrep-enum-strings.h"
#include "sitrep-obligations.h"
#include "sitrep-time.h"

/* Times are minutes after 2026-11-27 14:00 UTC; AT(m) sets one, 0 leaves
 * it unset. */
#define AT(m) ((m) + 1000000)

#define SP  SITREP_AUDIENCE_STATUS_PAGE
#define STK SITREP_AUDIENCE_STAKEHOLDERS
#define EX  SITREP_AUDIENCE_EXECUTIVES
#define CU  SITREP_AUDIENCE_CUSTOMERS

typedef struct {
  const char     *name;
  SitrepSeverity  severity;
  SitrepStatus    status;
  gboolean        major;
  int             declared;
  int             acknowledged;
  int             resolved;
  int             sent[SITREP_AUDIENCE_INTERNAL + 1];
  int             snoozed[SITREP_AUDIENCE_INTERNAL + 1];
  int             cadence_min[SITREP_SEVERITY_P4 + 1];
  int             respond_min[SITREP_SEVERITY_P4 + 1];
  const char     *expected;   /* "kind/audience@minutes", by due time */
  guint           done;       /* obligations marked done: DONE (kind) bits */
  int             postmortem_min;   /* the setting; 0 for the default */
} DeadlineCase;

#define DONE(kind) (1u << (kind))
#define D_SUMMARY  DONE (SITREP_DEADLINE_EXEC_SUMMARY)
#define D_HOT_WASH DONE (SITREP_DEADLINE_HOT_WASH)
#define D_PM       DONE (SITREP_DEADLINE_POSTMORTEM)
#define D_REVIEW   DONE (SITREP_DEADLINE_EXEC_REVIEW)
#define D_FOLLOWUP DONE (SITREP_DEADLINE_ACTION_FOLLOWUP)

#define P1 SITREP_SEVERITY_P1
#define P2 SITREP_SEVERITY_P2
#define P3 SITREP_SEVERITY_P3
#define P4 SITREP_SEVERITY_P4
#define INV SITREP_STATUS_INVESTIGATING
#define IDE SITREP_STATUS_IDENTIFIED
#define MON SITREP_STATUS_MONITORING
#define RES SITREP_STATUS_RESOLVED
#define CLO SITREP_STATUS_CLOSED

static const DeadlineCase cases[] = {
  /* each severity's response target and cadence, with its audiences */
  { "p1", P1, INV, FALSE, AT (0), 0, 0, .expected =
    "respond/internal@5 update/status_page@30 update/executives@30" },
  { "p2", P2, INV, FALSE, AT (0), 0, 0, .expected =
    "respond/internal@15 update/stakeholders@60" },
  { "p3", P3, INV, FALSE, AT (0), 0, 0, .expected =
    "respond/internal@60 update/stakeholders@1440" },
  { "p4", P4, INV, FALSE, AT (0), 0, 0, .expected =
    "respond/internal@1440 update/stakeholders@10080" },
  { "unclassified", SITREP_SEVERITY_NONE, INV, FALSE, AT (0), 0, 0, .expected = "" },

  /* the response target only while unacknowledged */
  { "p1-acknowledged", P1, INV, FALSE, AT (0), AT (3), 0, .expected =
    "update/status_page@30 update/executives@30" },
  { "p2-identified-acknowledged", P2, IDE, FALSE, AT (0), AT (20), 0, .expected =
    "update/stakeholders@60" },
  { "p3-monitoring-late-ack", P3, MON, FALSE, AT (0), AT (90), 0, .expected =
    "update/stakeholders@1440" },

  /* overrides of the defaults, by severity */
  { "cadence-override", P2, INV, FALSE, AT (0), AT (1), 0,
    .cadence_min = { [P2] = 20, [P3] = 600 }, .expected = "update/stakeholders@20" },
  { "cadence-override-other-severity", P2, INV, FALSE, AT (0), AT (1), 0,
    .cadence_min = { [P1] = 10, [P3] = 600 }, .expected = "update/stakeholders@60" },
  { "respond-override", P1, INV, FALSE, AT (0), 0, 0,
    .respond_min = { [P1] = 10 }, .cadence_min = { [P1] = 45 }, .expected =
    "respond/internal@10 update/status_page@45 update/executives@45" },

  /* sending restarts that audience's clock, and only that one */
  { "restart-on-sending", P2, INV, FALSE, AT (0), AT (1), 0,
    .sent = { [STK] = AT (50) }, .expected = "update/stakeholders@110" },
  { "restart-one-audience", P1, INV, FALSE, AT (0), AT (1), 0,
    .sent = { [EX] = AT (25) }, .expected = "update/status_page@30 update/executives@55" },
  { "sent-before-declaration", P2, INV, FALSE, AT (10), AT (11), 0,
    .sent = { [STK] = AT (0) }, .expected = "update/stakeholders@70" },
  { "no-clock-for-other-audiences", P2, INV, FALSE, AT (0), AT (1), 0,
    .sent = { [CU] = AT (20), [EX] = AT (20) }, .expected = "update/stakeholders@60" },
  { "not-declared-runs-from-sending", P2, INV, FALSE, 0, 0, 0,
    .sent = { [STK] = AT (10) }, .expected = "update/stakeholders@70" },

  /* a snooze postpones, never advances */
  { "snooze-later", P2, INV, FALSE, AT (0), AT (1), 0,
    .snoozed = { [STK] = AT (75) }, .expected = "update/stakeholders@75" },
  { "snooze-earlier-ignored", P2, INV, FALSE, AT (0), AT (1), 0,
    .snoozed = { [STK] = AT (45) }, .expected = "update/stakeholders@60" },
  { "snooze-other-audience", P2, INV, FALSE, AT (0), AT (1), 0,
    .snoozed = { [EX] = AT (90) }, .expected = "update/stakeholders@60" },
  { "snooze-then-send", P2, INV, FALSE, AT (0), AT (1), 0,
    .sent = { [STK] = AT (50) }, .snoozed = { [STK] = AT (75) },
    .expected = "update/stakeholders@110" },
  { "snooze-not-response", P2, INV, FALSE, AT (0), 0, 0,
    .snoozed = { [SITREP_AUDIENCE_INTERNAL] = AT (30) }, .expected =
    "respond/internal@15 update/stakeholders@60" },

  /* the major incident protocol */
  { "major-p2", P2, INV, TRUE, AT (0), AT (1), 0, .expected =
    "exec-brief/executives@30 update/stakeholders@60 public-statement/status_page@60" },
  { "major-p2-after-first", P2, IDE, TRUE, AT (0), AT (1), 0,
    .sent = { [EX] = AT (20), [SP] = AT (40) }, .expected =
    "update/stakeholders@60 update/executives@80 update/status_page@160" },
  { "major-p2-brief-late", P2, INV, TRUE, AT (0), AT (1), 0,
    .sent = { [EX] = AT (45) }, .expected =
    "update/stakeholders@60 public-statement/status_page@60 update/executives@105" },
  { "major-p1", P1, INV, TRUE, AT (0), AT (1), 0, .expected =
    "exec-brief/executives@30 public-statement/status_page@30" },
  { "major-p1-after-first", P1, INV, TRUE, AT (0), AT (1), 0,
    .sent = { [EX] = AT (20), [SP] = AT (20) }, .expected =
    "update/status_page@50 update/executives@50" },
  { "major-stricter-than-slow-cadence", P1, INV, TRUE, AT (0), AT (1), 0,
    .cadence_min = { [P1] = 240 }, .sent = { [EX] = AT (20), [SP] = AT (20) },
    .expected = "update/executives@80 update/status_page@140" },
  { "major-p3-unacknowledged", P3, INV, TRUE, AT (0), 0, 0, .expected =
    "exec-brief/executives@30 respond/internal@60 public-statement/status_page@60 "
    "update/stakeholders@1440" },
  { "major-brief-snoozed", P2, INV, TRUE, AT (0), AT (1), 0,
    .snoozed = { [EX] = AT (45) }, .expected =
    "exec-brief/executives@45 update/stakeholders@60 public-statement/status_page@60" },
  { "major-sent-before-declaration", P2, INV, TRUE, AT (10), AT (11), 0,
    .sent = { [EX] = AT (5) }, .expected =
    "exec-brief/executives@40 update/stakeholders@70 public-statement/status_page@70" },

  /* resolution: the obligations, from resolved_at (here 120) */
  { "resolved", P2, RES, FALSE, AT (0), 0, AT (120),           /* 5 days by default */
    .sent = { [STK] = AT (100) }, .expected = "postmortem/internal@7320" },
  { "resolved-setting", P3, RES, FALSE, AT (0), AT (1), AT (120),
    .postmortem_min = 48 * 60, .expected = "postmortem/internal@3000" },
  { "resolved-major", P1, RES, TRUE, AT (0), AT (1), AT (120), .expected =
    "exec-summary/executives@180 hot-wash/internal@1560 postmortem/internal@4440 "
    "exec-review/executives@10200 action-followup/internal@43320" },
  { "resolved-major-setting-longer", P2, RES, TRUE, AT (0), AT (1), AT (120),
    .postmortem_min = 7 * 24 * 60, .expected =       /* the guide's 72 h still hold */
    "exec-summary/executives@180 hot-wash/internal@1560 postmortem/internal@4440 "
    "exec-review/executives@10200 action-followup/internal@43320" },
  { "resolved-major-setting-shorter", P2, RES, TRUE, AT (0), AT (1), AT (120),
    .postmortem_min = 24 * 60, .expected =
    "exec-summary/executives@180 hot-wash/internal@1560 postmortem/internal@1560 "
    "exec-review/executives@10200 action-followup/internal@43320" },
  { "resolved-major-summary-sent", P1, RES, TRUE, AT (0), AT (1), AT (120),
    .sent = { [EX] = AT (150) }, .expected =
    "hot-wash/internal@1560 postmortem/internal@4440 "
    "exec-review/executives@10200 action-followup/internal@43320" },
  { "resolved-major-exec-sent-before", P1, RES, TRUE, AT (0), AT (1), AT (120),
    .sent = { [EX] = AT (110) }, .expected =
    "exec-summary/executives@180 hot-wash/internal@1560 postmortem/internal@4440 "
    "exec-review/executives@10200 action-followup/internal@43320" },
  { "resolved-no-time", P2, RES, FALSE, AT (0), AT (1), 0, .expected = "" },

  /* done ones are gone, each on its own */
  { "done-hot-wash", P1, RES, TRUE, AT (0), AT (1), AT (120), .done = D_HOT_WASH, .expected =
    "exec-summary/executives@180 postmortem/internal@4440 "
    "exec-review/executives@10200 action-followup/internal@43320" },
  { "done-summary-review", P1, RES, TRUE, AT (0), AT (1), AT (120),
    .done = D_SUMMARY | D_REVIEW, .expected =
    "hot-wash/internal@1560 postmortem/internal@4440 action-followup/internal@43320" },
  { "done-all-major", P1, CLO, TRUE, AT (0), AT (1), AT (120),
    .done = D_SUMMARY | D_HOT_WASH | D_PM | D_REVIEW | D_FOLLOWUP, .expected = "" },
  { "done-postmortem", P3, RES, FALSE, AT (0), AT (1), AT (120), .done = D_PM, .expected = "" },
  { "done-major-marks-on-minor", P3, CLO, FALSE, AT (0), AT (1), AT (120),
    .done = D_HOT_WASH | D_REVIEW, .expected = "postmortem/internal@7320" },

  /* Closed keeps what is open */
  { "closed", P2, CLO, FALSE, AT (0), AT (1), AT (120), .expected =
    "postmortem/internal@7320" },
  { "closed-major", P1, CLO, TRUE, AT (0), AT (1), AT (120), .expected =
    "exec-summary/executives@180 hot-wash/internal@1560 postmortem/internal@4440 "
    "exec-review/executives@10200 action-followup/internal@43320" },
  { "closed-major-some-done", P1, CLO, TRUE, AT (0), AT (1), AT (120),
    .done = D_SUMMARY | D_HOT_WASH, .expected =
    "postmortem/internal@4440 exec-review/executives@10200 action-followup/internal@43320" },

  /* reopened: resolved_at cleared, nothing owed, updates again */
  { "reopened-major", P1, IDE, TRUE, AT (0), AT (1), 0, .sent = { [EX] = AT (20), [SP] = AT (20) },
    .done = D_HOT_WASH, .expected = "update/status_page@50 update/executives@50" },
  { "active-with-stale-resolved-at", P2, MON, TRUE, AT (0), AT (1), AT (120),
    .sent = { [EX] = AT (20), [SP] = AT (40) }, .expected =
    "update/stakeholders@60 update/executives@80 update/status_page@160" },
  { "invalid-status", P1, SITREP_STATUS_INVALID, FALSE, AT (0), 0, 0, .expected = "" },
};

static const char * const kind_names[] = {
  "respond", "update", "exec-brief", "public-statement", "exec-summary", "hot-wash",
  "postmortem", "exec-review", "action-followup",
};

static GDateTime *
base_time (void)
{
  return g_date_time_new_utc (2026, 11, 27, 14, 0, 0);
}

static GDateTime *
at (int encoded)
{
  g_autoptr(GDateTime) base = base_time ();

  if (encoded == 0)
    return NULL;
  return g_date_time_add_minutes (base, encoded - AT (0));
}

static void
fill_input (const DeadlineCase  *c,
            SitrepDeadlineInput *in)
{
  in->severity = c->severity;
  in->status = c->status;
  in->major = c->major;
  in->declared_at = at (c->declared);
  in->acknowledged_at = at (c->acknowledged);
  in->resolved_at = at (c->resolved);
  for (guint a = 0; a < G_N_ELEMENTS (c->sent); a++)
    {
      in->last_sent[a] = at (c->sent[a]);
      in->snoozed_until[a] = at (c->snoozed[a]);
    }
  for (guint s = 0; s < G_N_ELEMENTS (c->cadence_min); s++)
    {
      in->cadence_s[s] = c->cadence_min[s] * 60;
      in->respond_s[s] = c->respond_min[s] * 60;
    }
  for (guint k = 0; k < G_N_ELEMENTS (in->done); k++)
    in->done[k] = (c->done & DONE (k)) != 0;
  in->postmortem_s = (gint64) c->postmortem_min * 60;
}

static char *
describe (GPtrArray *deadlines)
{
  g_autoptr(GDateTime) base = base_time ();
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < deadlines->len; i++)
    {
      SitrepDeadline *d = g_ptr_array_index (deadlines, i);
      GTimeSpan span = g_date_time_difference (d->due, base);

      g_assert_cmpint (span % G_TIME_SPAN_MINUTE, ==, 0);
      g_string_append_printf (s, "%s%s/%s@%" G_GINT64_FORMAT, i ? " " : "",
                              kind_names[d->kind], sitrep_audience_to_string (d->audience),
                              span / G_TIME_SPAN_MINUTE);
    }
  return g_string_free (s, FALSE);
}

static void
test_compute_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SitrepDeadlineInput) in = { 0 };
      g_autoptr(GPtrArray) deadlines = NULL;
      g_autofree char *got = NULL;

      fill_input (&cases[i], &in);
      deadlines = sitrep_deadlines_compute (&in);
      got = describe (deadlines);
      g_test_message ("case %s: %s", cases[i].name, got);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

/* A severity change or the major switch is a recompute of the same input. */
static void
test_recompute (void)
{
  g_auto(SitrepDeadlineInput) in = { 0 };
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) major = NULL;
  g_autofree char *got_before = NULL;
  g_autofree char *got_after = NULL;
  g_autofree char *got_major = NULL;

  in.severity = SITREP_SEVERITY_P3;
  in.status = SITREP_STATUS_IDENTIFIED;
  in.declared_at = at (AT (0));
  in.acknowledged_at = at (AT (2));
  in.last_sent[SITREP_AUDIENCE_STAKEHOLDERS] = at (AT (30));

  before = sitrep_deadlines_compute (&in);
  in.severity = SITREP_SEVERITY_P2;
  after = sitrep_deadlines_compute (&in);
  in.major = TRUE;
  major = sitrep_deadlines_compute (&in);

  got_before = describe (before);
  got_after = describe (after);
  got_major = describe (major);
  g_assert_cmpstr (got_before, ==, "update/stakeholders@1470");
  g_assert_cmpstr (got_after, ==, "update/stakeholders@90");
  g_assert_cmpstr (got_major, ==,
                   "exec-brief/executives@30 public-statement/status_page@60 "
                   "update/stakeholders@90");
}

/* "Next update: …" in a template is never a time already past: an
 * overdue clock is the one being answered and restarts from now, and a
 * snooze postpones it like the clocks shown. */
static void
test_next_update (void)
{
  static const struct {
    const char *name;
    int         now;
    int         snoozed_exec;
    int         expected;   /* minutes, 0 for none */
  } rows[] = {
    { "ahead", 10, 0, 30 },           /* both P1 clocks at 30 */
    { "overdue-restarts", 45, 0, 75 },
    { "due-now-restarts", 30, 0, 60 },
    { "snoozed", 10, 50, 30 },        /* the status page is still at 30 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_auto(SitrepDeadlineInput) in = { 0 };
      g_autoptr(GDateTime) now = at (AT (rows[i].now));
      g_autoptr(GDateTime) base = base_time ();
      g_autoptr(GDateTime) next = NULL;

      g_test_message ("row %s", rows[i].name);
      in.severity = SITREP_SEVERITY_P1;
      in.status = SITREP_STATUS_IDENTIFIED;
      in.declared_at = at (AT (0));
      in.acknowledged_at = at (AT (2));
      if (rows[i].snoozed_exec)
        in.snoozed_until[SITREP_AUDIENCE_EXECUTIVES] = at (AT (rows[i].snoozed_exec));
      next = sitrep_deadlines_next_update (&in, now);
      g_assert_nonnull (next);
      g_assert_cmpint (g_date_time_difference (next, base) / G_TIME_SPAN_MINUTE, ==,
                       rows[i].expected);
    }

  /* A snoozed overdue clock: the snooze, not the overdue time. */
  {
    g_auto(SitrepDeadlineInput) in = { 0 };
    g_autoptr(GDateTime) now = at (AT (45));
    g_autoptr(GDateTime) base = base_time ();
    g_autoptr(GDateTime) next = NULL;

    in.severity = SITREP_SEVERITY_P2;
    in.status = SITREP_STATUS_IDENTIFIED;
    in.declared_at = at (AT (0));
    in.acknowledged_at = at (AT (2));
    in.last_sent[SITREP_AUDIENCE_STAKEHOLDERS] = at (AT (-30));
    in.snoozed_until[SITREP_AUDIENCE_STAKEHOLDERS] = at (AT (70));
    next = sitrep_deadlines_next_update (&in, now);
    g_assert_cmpint (g_date_time_difference (next, base) / G_TIME_SPAN_MINUTE, ==, 70);
  }
}

static void
test_labels (void)
{
  static const struct {
    const char *name;       /* a case of the table */
    guint       index;
    const char *label;
  } rows[] = {
    { "p1", 0, "Response due" },
    { "p1", 1, "Status page update due" },
    { "p1", 2, "Executive update due" },
    { "p2", 1, "Stakeholder update due" },
    { "major-p2", 0, "Executive brief due" },
    { "major-p2", 2, "Public statement due" },
    { "resolved-major", 0, "Executive summary due" },
    { "resolved-major", 1, "Hot wash due" },
    { "resolved-major", 2, "Postmortem due" },
    { "resolved-major", 3, "Executive review due" },
    { "resolved-major", 4, "Action item follow-up due" },
  };

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(SitrepDeadlineInput) in = { 0 };
        g_autoptr(GPtrArray) deadlines = NULL;
        SitrepDeadline *d;

        if (g_strcmp0 (cases[i].name, rows[r].name) != 0)
          continue;

        fill_input (&cases[i], &in);
        deadlines = sitrep_deadlines_compute (&in);
        g_assert_cmpuint (rows[r].index, <, deadlines->len);
        d = g_ptr_array_index (deadlines, rows[r].index);
        g_assert_cmpstr (d->label, ==, rows[r].label);
      }
}

typedef struct {
  int               now_s;       /* seconds after the due time */
  int               last_s;      /* seconds after the due time; NO_LAST for never */
  int               warn_min;
  int               repeat_min;
  SitrepAlertLevel  expected;
} AlertCase;

#define NO_LAST G_MININT
#define W SITREP_ALERT_WARNING
#define O SITREP_ALERT_OVERDUE
#define N SITREP_ALERT_NONE

static const AlertCase alert_cases[] = {
  /* the warning window */
  { -6 * 60, NO_LAST, 5, 5, N },
  { -5 * 60 - 1, NO_LAST, 5, 5, N },
  { -5 * 60, NO_LAST, 5, 5, W },
  { -1, NO_LAST, 5, 5, W },
  { -3 * 60, -4 * 60, 5, 5, N },          /* already warned in the window */
  { -3 * 60, -5 * 60, 5, 5, N },          /* warned as the window opened */
  { -3 * 60, -5 * 60 - 1, 5, 5, W },      /* notified before the window */
  { -3 * 60, -60 * 60, 5, 5, W },
  { -10 * 60, NO_LAST, 15, 5, W },        /* a longer window, a setting */
  { -1, NO_LAST, 0, 5, N },               /* no warning */
  /* the due instant */
  { 0, NO_LAST, 5, 5, O },
  { 0, -2 * 60, 5, 5, O },                /* warned before, now overdue */
  { 0, 0, 5, 5, N },
  /* repeats */
  { 60, 0, 5, 5, N },
  { 5 * 60 - 1, 0, 5, 5, N },
  { 5 * 60, 0, 5, 5, O },
  { 9 * 60, 5 * 60, 5, 5, N },
  { 12 * 60, 5 * 60, 5, 5, O },
  { 5 * 60, 0, 5, 10, N },                /* a longer repeat, a setting */
  { 10 * 60, 0, 5, 10, O },
  { 60 * 60, 0, 5, 0, N },                /* no repeat */
  { 60 * 60, NO_LAST, 5, 0, O },
};

static void
test_alert_table (void)
{
  g_autoptr(GDateTime) due = at (AT (30));
  SitrepDeadline d = { SITREP_DEADLINE_UPDATE, SITREP_AUDIENCE_STAKEHOLDERS, due, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (alert_cases); i++)
    {
      const AlertCase *c = &alert_cases[i];
      g_autoptr(GDateTime) now = g_date_time_add_seconds (due, c->now_s);
      g_autoptr(GDateTime) last = NULL;
      SitrepAlertLevel level;

      if (c->last_s != NO_LAST)
        last = g_date_time_add_seconds (due, c->last_s);

      level = sitrep_deadline_alert (&d, now, last, c->warn_min * G_TIME_SPAN_MINUTE,
                                     c->repeat_min * G_TIME_SPAN_MINUTE);
      g_test_message ("alert case %u", i);
      g_assert_cmpint (level, ==, c->expected);
    }
}

/* What a user sees with the defaults: a fake clock ticks every 30 s; the
 * caller notifies, snoozes for 5 min (recording the snooze as its last
 * notification), then sends, which restarts the clock. */
static void
test_notification_run (void)
{
  g_auto(SitrepDeadlineInput) in = { 0 };
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GString) log = g_string_new (NULL);

  in.severity = SITREP_SEVERITY_P2;
  in.status = SITREP_STATUS_INVESTIGATING;
  in.declared_at = at (AT (0));
  in.acknowledged_at = at (AT (2));

  /* 14:00 … 16:30 in 30 s steps */
  for (int tick = 0; tick <= 300; tick++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_seconds (in.declared_at, tick * 30);
      g_autoptr(GPtrArray) deadlines = NULL;
      SitrepDeadline *d;
      SitrepAlertLevel level;
      int minute = tick / 2;

      if (tick % 2 == 0 && minute == 72)    /* snooze the overdue update */
        {
          in.snoozed_until[SITREP_AUDIENCE_STAKEHOLDERS] = g_date_time_add_minutes (now, 5);
          g_clear_pointer (&last, g_date_time_unref);
          last = g_date_time_ref (now);
          g_string_append_printf (log, "snooze@%d ", minute);
        }
      if (tick % 2 == 0 && minute == 80)    /* someone sends it */
        {
          in.last_sent[SITREP_AUDIENCE_STAKEHOLDERS] = g_date_time_ref (now);
          g_string_append_printf (log, "sent@%d ", minute);
        }

      deadlines = sitrep_deadlines_compute (&in);
      g_assert_cmpuint (deadlines->len, ==, 1);
      d = g_ptr_array_index (deadlines, 0);
      level = sitrep_deadline_alert (d, now, last, 5 * G_TIME_SPAN_MINUTE,
                                     5 * G_TIME_SPAN_MINUTE);
      if (level == SITREP_ALERT_NONE)
        continue;

      g_string_append_printf (log, "%s@%d%s ", level == SITREP_ALERT_WARNING ? "warn" : "overdue",
                              minute, tick % 2 ? ".5" : "");
      g_clear_pointer (&last, g_date_time_unref);
      last = g_date_time_ref (now);
    }

  g_assert_cmpstr (log->str, ==,
                   "warn@55 overdue@60 overdue@65 overdue@70 snooze@72 overdue@77 "
                   "sent@80 warn@135 overdue@140 overdue@145 overdue@150 ");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/deadlines/compute", test_compute_table);
  g_test_add_func ("/core/deadlines/recompute", test_recompute);
  g_test_add_func ("/core/deadlines/labels", test_labels);
  g_test_add_func ("/core/deadlines/next-update", test_next_update);
  g_test_add_func ("/core/deadlines/alert", test_alert_table);
  g_test_add_func ("/core/deadlines/notification-run", test_notification_run);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sitrep-milestones.h"

/* Minutes after 14:00 for impact started, detected, declared, acknowledged, mitigated,
 * resolved; -1 for not reached. */
static const struct {
  int minutes[SITREP_N_ORDERED_MILESTONES];
  const char *expected;    /* problems as "milestone<must_follow" joined by "," */
} cases[] = {
  { { -1, -1, -1, -1, -1, -1 }, "" },
  { { -1, 0, 3, 5, 40, 45 }, "" },
  { { -1, 0, 0, 0, 0, 0 }, "" },                       /* equal times are in order */
  { { -1, 0, -1, 5, -1, 45 }, "" },                    /* gaps are fine */
  { { -1, 5, 3, 6, 40, 45 }, "2<1" },                  /* declared before detected */
  { { -1, 0, 5, 3, 40, 45 }, "3<2" },                  /* acknowledged before declared */
  { { -1, 0, 3, 5, 40, 30 }, "5<4" },                  /* resolved before mitigated */
  { { -1, 50, 3, 5, 40, 45 }, "2<1,3<1,4<1,5<1" },     /* detected after everything */
  { { -1, 0, 10, 5, 8, 45 }, "3<2,4<2" },              /* both against the latest */
  { { -1, 0, -1, -1, 40, 30 }, "5<4" },
  { { -1, 60, -1, -1, -1, 30 }, "5<1" },
  { { 0, 0, 3, 5, 40, 45 }, "" },                      /* impact as detected */
  { { 2, 0, 3, 5, 40, 45 }, "1<0" },                   /* detected before impact */
  { { 4, -1, 3, 5, 40, 45 }, "2<0" },                  /* impact after declared */
};

static void
test_order_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDateTime *times[SITREP_N_ORDERED_MILESTONES] = { NULL };
      g_autoptr(GArray) problems = NULL;
      g_autoptr(GString) got = g_string_new (NULL);

      g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 11, 27, 14, 0, 0);

      for (guint m = 0; m < SITREP_N_ORDERED_MILESTONES; m++)
        if (cases[i].minutes[m] >= 0)
          times[m] = g_date_time_add_minutes (base, cases[i].minutes[m]);

      problems = sitrep_milestones_check_order (times);
      for (guint p = 0; p < problems->len; p++)
        {
          SitrepMilestoneProblem *problem = &g_array_index (problems, SitrepMilestoneProblem, p);

          g_string_append_printf (got, "%s%d<%d", p ? "," : "", problem->milestone,
                                  problem->must_follow);
        }
      g_test_message ("case %u", i);
      g_assert_cmpstr (got->str, ==, cases[i].expected);

      for (guint m = 0; m < SITREP_N_ORDERED_MILESTONES; m++)
        g_clear_pointer (&times[m], g_date_time_unref);
    }
}

static void
test_describe (void)
{
  SitrepMilestoneProblem problem = { SITREP_MILESTONE_ACKNOWLEDGED, SITREP_MILESTONE_DECLARED };
  g_autofree char *text = sitrep_milestone_problem_describe (&problem);

  g_assert_cmpstr (text, ==, "Acknowledged is before Declared");
}

/* Minutes after 14:00 as above; the change asked for; the problem
 * expected as "milestone<must_follow", "" when allowed. */
static const struct {
  int minutes[SITREP_N_ORDERED_MILESTONES];
  SitrepMilestone milestone;
  int when;
  const char *expected;
} set_cases[] = {
  { { -1, 0, 3, -1, -1, -1 }, SITREP_MILESTONE_ACKNOWLEDGED, 5, "" },
  { { -1, 0, 3, -1, -1, -1 }, SITREP_MILESTONE_ACKNOWLEDGED, 3, "" },      /* equal is in order */
  { { -1, 0, 3, -1, -1, -1 }, SITREP_MILESTONE_DETECTED, 10, "2<1" },      /* "Now" on Detected */
  { { -1, 0, 3, -1, -1, -1 }, SITREP_MILESTONE_DETECTED, -1, "" },         /* clearing */
  { { -1, 0, 3, 5, -1, -1 }, SITREP_MILESTONE_ACKNOWLEDGED, 1, "3<2" },
  { { -1, 0, 3, 5, -1, 45 }, SITREP_MILESTONE_MITIGATED, 50, "5<4" },
  { { -1, 0, -1, -1, -1, 45 }, SITREP_MILESTONE_DECLARED, 50, "5<2" },     /* across gaps */
  { { -1, 0, 10, 5, -1, -1 }, SITREP_MILESTONE_MITIGATED, 7, "4<2" },      /* latest earlier */
  { { -1, 0, 10, 5, -1, -1 }, SITREP_MILESTONE_RESOLVED, 40, "" },         /* old problem is not this one's */
  /* Impact started: not after detection, nor after any later milestone. */
  { { -1, 10, 13, -1, -1, -1 }, SITREP_MILESTONE_IMPACT_STARTED, 5, "" },
  { { -1, 10, 13, -1, -1, -1 }, SITREP_MILESTONE_IMPACT_STARTED, 10, "" },   /* equal is in order */
  { { -1, 10, 13, -1, -1, -1 }, SITREP_MILESTONE_IMPACT_STARTED, 12, "1<0" }, /* after detected */
  { { -1, -1, 13, -1, -1, -1 }, SITREP_MILESTONE_IMPACT_STARTED, 14, "2<0" }, /* none detected */
  { { -1, -1, -1, -1, -1, -1 }, SITREP_MILESTONE_IMPACT_STARTED, 90, "" },
  { { 4, 10, 13, -1, -1, -1 }, SITREP_MILESTONE_DETECTED, 2, "1<0" },        /* before impact */
  { { 4, 10, 13, -1, -1, -1 }, SITREP_MILESTONE_IMPACT_STARTED, -1, "" },    /* clearing */
};

static void
test_check_set (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (set_cases); i++)
    {
      GDateTime *times[SITREP_N_ORDERED_MILESTONES] = { NULL };
      g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 11, 27, 14, 0, 0);
      g_autoptr(GDateTime) when = NULL;
      SitrepMilestoneProblem problem = { 0, 0 };
      g_autofree char *got = NULL;

      for (guint m = 0; m < SITREP_N_ORDERED_MILESTONES; m++)
        if (set_cases[i].minutes[m] >= 0)
          times[m] = g_date_time_add_minutes (base, set_cases[i].minutes[m]);
      if (set_cases[i].when >= 0)
        when = g_date_time_add_minutes (base, set_cases[i].when);

      if (sitrep_milestones_check_set (times, set_cases[i].milestone, when, &problem))
        got = g_strdup ("");
      else
        got = g_strdup_printf ("%d<%d", problem.milestone, problem.must_follow);
      g_test_message ("case %u", i);
      g_assert_cmpstr (got, ==, set_cases[i].expected);

      for (guint m = 0; m < SITREP_N_ORDERED_MILESTONES; m++)
        g_clear_pointer (&times[m], g_date_time_unref);
    }
}

static void
test_fills_mitigated (void)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 11, 27, 14, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_add_minutes (base, 40);
  GDateTime *times[SITREP_N_ORDERED_MILESTONES] = { NULL, base, base, NULL, NULL, NULL };

  g_assert_true (sitrep_milestones_fills_mitigated (times, SITREP_MILESTONE_RESOLVED, later));
  g_assert_false (sitrep_milestones_fills_mitigated (times, SITREP_MILESTONE_RESOLVED, NULL));
  g_assert_false (sitrep_milestones_fills_mitigated (times, SITREP_MILESTONE_ACKNOWLEDGED, later));
  times[SITREP_MILESTONE_MITIGATED] = base;
  g_assert_false (sitrep_milestones_fills_mitigated (times, SITREP_MILESTONE_RESOLVED, later));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/milestones/order", test_order_table);
  g_test_add_func ("/core/milestones/describe", test_describe);
  g_test_add_func ("/core/milestones/check-set", test_check_set);
  g_test_add_func ("/core/milestones/fills-mitigated", test_fills_mitigated);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sitrep-milestones.h"

/* Minutes after 14:00 for detected, declared, acknowledged, mitigated,
 * resolved; -1 for not reached. */
static const struct {
  int minutes[SITREP_N_ORDERED_MILESTONES];
  const char *expected;    /* problems as "milestone<must_follow" joined by "," */
} cases[] = {
  { { -1, -1, -1, -1, -1 }, "" },
  { { 0, 3, 5, 40, 45 }, "" },
  { { 0, 0, 0, 0, 0 }, "" },                       /* equal times are in order */
  { { 0, -1, 5, -1, 45 }, "" },                    /* gaps are fine */
  { { 5, 3, 6, 40, 45 }, "1<0" },                  /* declared before detected */
  { { 0, 5, 3, 40, 45 }, "2<1" },                  /* acknowledged before declared */
  { { 0, 3, 5, 40, 30 }, "4<3" },                  /* resolved before mitigated */
  { { 50, 3, 5, 40, 45 }, "1<0,2<0,3<0,4<0" },     /* detected after everything */
  { { 0, 10, 5, 8, 45 }, "2<1,3<1" },              /* both against the latest */
  { { 0, -1, -1, 40, 30 }, "4<3" },
  { { 60, -1, -1, -1, 30 }, "4<0" },
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/milestones/order", test_order_table);
  g_test_add_func ("/core/milestones/describe", test_describe);

  return g_test_run ();
}

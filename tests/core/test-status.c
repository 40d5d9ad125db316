/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-status.c: the incident lifecycle */

#include "config.h"

#include "sitrep-enum-strings.h"
#include "sitrep-status.h"

#define I SITREP_STATUS_INVESTIGATING
#define D SITREP_STATUS_IDENTIFIED
#define M SITREP_STATUS_MONITORING
#define R SITREP_STATUS_RESOLVED
#define C SITREP_STATUS_CLOSED

static void
test_transitions (void)
{
  /* allowed[from][to], in lifecycle order I D M R C */
  static const gboolean allowed[5][5] = {
    /* to:     I      D      M      R      C */
    /* I */ { FALSE, TRUE,  TRUE,  TRUE,  TRUE  },
    /* D */ { TRUE,  FALSE, TRUE,  TRUE,  TRUE  },
    /* M */ { TRUE,  TRUE,  FALSE, TRUE,  TRUE  },
    /* R */ { TRUE,  FALSE, FALSE, FALSE, TRUE  },
    /* C */ { FALSE, FALSE, FALSE, FALSE, FALSE },
  };
  static const SitrepStatus order[] = { I, D, M, R, C };

  for (gsize f = 0; f < G_N_ELEMENTS (order); f++)
    for (gsize t = 0; t < G_N_ELEMENTS (order); t++)
      {
        g_test_message ("%s → %s", sitrep_status_to_string (order[f]),
                        sitrep_status_to_string (order[t]));
        g_assert_cmpint (sitrep_status_can_transition (order[f], order[t]), ==,
                         allowed[f][t]);
      }

  for (gsize s = 0; s < G_N_ELEMENTS (order); s++)
    {
      g_assert_false (sitrep_status_can_transition (SITREP_STATUS_INVALID, order[s]));
      g_assert_false (sitrep_status_can_transition (order[s], SITREP_STATUS_INVALID));
      g_assert_false (sitrep_status_can_transition (order[s], (SitrepStatus) 7));
    }
}

static void
test_active (void)
{
  static const struct {
    SitrepStatus status;
    gboolean active;
  } rows[] = {
    { I, TRUE }, { D, TRUE }, { M, TRUE }, { R, FALSE }, { C, FALSE },
    { SITREP_STATUS_INVALID, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_cmpint (sitrep_status_is_active (rows[i].status), ==, rows[i].active);
}

static void
test_strings (void)
{
  static const struct {
    SitrepStatus status;
    const char *wire;
    const char *label;
  } rows[] = {
    { I, "investigating", "Investigating" },
    { D, "identified", "Identified" },
    { M, "monitoring", "Monitoring" },
    { R, "resolved", "Resolved" },
    { C, "closed", "Closed" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_assert_cmpstr (sitrep_status_to_string (rows[i].status), ==, rows[i].wire);
      g_assert_cmpint (sitrep_status_from_string (rows[i].wire), ==, rows[i].status);
      g_assert_cmpstr (sitrep_status_get_label (rows[i].status), ==, rows[i].label);
    }

  g_assert_cmpint (sitrep_status_from_string ("Investigating"), ==, SITREP_STATUS_INVALID);
  g_assert_cmpint (sitrep_status_from_string (""), ==, SITREP_STATUS_INVALID);
  g_assert_cmpint (sitrep_status_from_string (NULL), ==, SITREP_STATUS_INVALID);
  g_assert_null (sitrep_status_to_string (SITREP_STATUS_INVALID));
  g_assert_null (sitrep_status_get_label (SITREP_STATUS_INVALID));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/status/transitions", test_transitions);
  g_test_add_func ("/core/status/active", test_active);
  g_test_add_func ("/core/status/strings", test_strings);

  return g_test_run ();
}

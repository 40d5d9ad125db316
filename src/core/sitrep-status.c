/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-status.c: the incident lifecycle */

#include "config.h"

#include "sitrep-status.h"

static gboolean
is_valid (SitrepStatus s)
{
  return (int) s >= SITREP_STATUS_INVESTIGATING && (int) s <= SITREP_STATUS_CLOSED;
}

/**
 * sitrep_status_can_transition:
 *
 * investigating → identified → monitoring → resolved → closed. Any forward
 * move is allowed (an incident can be resolved before its cause is known);
 * while active an incident may step back (a fix that did not hold); a
 * resolved incident may be reopened, to investigating only, because after a
 * relapse nothing is known any more; closed is final.
 *
 * Returns: %TRUE if moving from @from to @to is allowed; %FALSE when they
 *   are equal.
 */
gboolean
sitrep_status_can_transition (SitrepStatus from,
                              SitrepStatus to)
{
  if (!is_valid (from) || !is_valid (to) || from == to)
    return FALSE;

  if (from == SITREP_STATUS_CLOSED)
    return FALSE;

  if (to > from)
    return TRUE;

  if (from == SITREP_STATUS_RESOLVED)
    return to == SITREP_STATUS_INVESTIGATING;

  /* from is identified or monitoring; everything before it is active */
  return TRUE;
}

/**
 * sitrep_status_is_active:
 *
 * Returns: %TRUE while the incident still needs responders (investigating,
 *   identified, monitoring).
 */
gboolean
sitrep_status_is_active (SitrepStatus s)
{
  return s == SITREP_STATUS_INVESTIGATING
         || s == SITREP_STATUS_IDENTIFIED
         || s == SITREP_STATUS_MONITORING;
}

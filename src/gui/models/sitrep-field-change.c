/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sitrep-field-change.h"

void
sitrep_field_change_free (SitrepFieldChange *change)
{
  if (change == NULL)
    return;

  g_free (change->field);
  g_free (change->before);
  g_free (change->after);
  g_free (change->actor);
  g_free (change->ts);
  g_free (change);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-time.h"

/**
 * sitrep_format_time_utc_local:
 *
 * Formats a time the way every page shows it: UTC first (what the incident
 * record and the postmortem use), then the reader's local time.
 *
 * Returns: (transfer full): e.g. "2026-11-27 14:32:10 UTC · 15:32 CET"
 */
char *
sitrep_format_time_utc_local (GDateTime *when)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  g_autofree char *utc_text = g_date_time_format (utc, "%Y-%m-%d %H:%M:%S");
  g_autofree char *local_text = NULL;

  if (g_date_time_get_day_of_year (utc) == g_date_time_get_day_of_year (local))
    local_text = g_date_time_format (local, "%H:%M %Z");
  else
    local_text = g_date_time_format (local, "%a %H:%M %Z");

  /* Translators: a time in UTC, then the same time in the local zone */
  return g_strdup_printf (_("%s UTC · %s"), utc_text, local_text);
}

/**
 * sitrep_format_age:
 *
 * Returns: (transfer full): how long ago @since was, e.g. "40 min ago"
 */
char *
sitrep_format_age (GDateTime *since,
                   GDateTime *now)
{
  g_autofree char *span = sitrep_time_format_duration (g_date_time_difference (now, since));

  /* Translators: %s is a duration such as "2 h 5 min" */
  return g_strdup_printf (_("%s ago"), span);
}

static void
set_class_from (GtkWidget   *widget,
                const char  *prefix,
                const char  *name,
                const char **all)
{
  for (guint i = 0; all[i] != NULL; i++)
    {
      g_autofree char *cls = g_strdup_printf ("%s%s", prefix, all[i]);

      gtk_widget_remove_css_class (widget, cls);
    }

  if (name != NULL)
    {
      g_autofree char *cls = g_strdup_printf ("%s%s", prefix, name);

      gtk_widget_add_css_class (widget, cls);
    }
}

/**
 * sitrep_set_severity_class:
 *
 * Gives @widget the style class of @severity (`severity-p1` …).
 */
void
sitrep_set_severity_class (GtkWidget      *widget,
                           SitrepSeverity  severity)
{
  static const char *all[] = { "p1", "p2", "p3", "p4", NULL };

  set_class_from (widget, "severity-",
                  severity >= SITREP_SEVERITY_P1 && severity <= SITREP_SEVERITY_P4
                  ? all[severity - 1] : NULL,
                  all);
}

/**
 * sitrep_set_status_class:
 *
 * Gives @widget the style class of @status (`status-investigating` …).
 */
void
sitrep_set_status_class (GtkWidget    *widget,
                         SitrepStatus  status)
{
  static const char *all[] = { "investigating", "identified", "monitoring", "resolved",
                               "closed", NULL };

  set_class_from (widget, "status-", sitrep_status_to_string (status), all);
}

/**
 * sitrep_widget_show_toast:
 * @toast: (transfer full): the toast
 *
 * Shows @toast in the window @widget is in.
 */
void
sitrep_widget_show_toast (GtkWidget *widget,
                          AdwToast  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/**
 * sitrep_widget_show_error:
 *
 * Tells the user, in a toast of the window @widget is in, why what they
 * asked for did not happen.
 */
void
sitrep_widget_show_error (GtkWidget    *widget,
                          const GError *error)
{
  g_message ("%s", error->message);
  sitrep_widget_show_toast (widget, adw_toast_new (error->message));
}

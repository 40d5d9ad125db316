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
  /* Translators: a date and time, "2026-12-03 14:32:05" (g_date_time_format()
   * notation): put the parts in your language’s order */
  g_autofree char *utc_text = g_date_time_format (utc, _("%Y-%m-%d %H:%M:%S"));
  g_autofree char *local_text = NULL;

  if (g_date_time_get_day_of_year (utc) == g_date_time_get_day_of_year (local))
    local_text = g_date_time_format (local, "%H:%M %Z");
  else
    /* Translators: a weekday and a local time, "Tue 14:32 CET" (g_date_time_format()
     * notation): put the parts in your language’s order */
    local_text = g_date_time_format (local, _("%a %H:%M %Z"));

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

/* Tooltips that cost nothing until they are asked for.
 *
 * gtk_widget_set_tooltip_text() asks the X server where the pointer is, a
 * round trip, every time it is called on a visible widget, shown or not:
 * rows that set theirs on every refresh paid for it dozens of times per
 * start and per minute. These keep the text on the widget and hand it to
 * GTK in ::query-tooltip, when the pointer or the keyboard asks; assistive
 * technologies get it as the widget's description, as with tooltip text. */

static GQuark
tooltip_quark (void)
{
  return g_quark_from_static_string ("sitrep-tooltip");
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    data)
{
  const char *text = g_object_get_qdata (G_OBJECT (widget), tooltip_quark ());

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * sitrep_widget_set_tooltip:
 * @widget: a widget
 * @text: (nullable): the tooltip, or %NULL (or "") for none
 *
 * Sets @widget's tooltip to @text without asking the display anything
 * while @widget is not on screen. Read it with sitrep_widget_get_tooltip().
 */
void
sitrep_widget_set_tooltip (GtkWidget  *widget,
                           const char *text)
{
  const char *old = g_object_get_qdata (G_OBJECT (widget), tooltip_quark ());

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (old, text) == 0)
    return;

  if (g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_query_tooltip, NULL) == 0)
    g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  g_object_set_qdata_full (G_OBJECT (widget), tooltip_quark (), g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  /* A tooltip on screen shows the new text at once. */
  if (gtk_widget_get_mapped (widget))
    gtk_widget_trigger_tooltip_query (widget);
}

/**
 * sitrep_widget_get_tooltip:
 * @widget: a widget
 *
 * Returns: (nullable): @widget's tooltip, set with sitrep_widget_set_tooltip()
 *   or as tooltip text
 */
const char *
sitrep_widget_get_tooltip (GtkWidget *widget)
{
  const char *text;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  text = g_object_get_qdata (G_OBJECT (widget), tooltip_quark ());
  return text != NULL ? text : gtk_widget_get_tooltip_text (widget);
}

/**
 * sitrep_widget_name_list_item:
 * @widget: a list view row's child
 * @label: its accessible name
 *
 * Gives the list view row @widget is shown in the name @label. The row
 * takes the focus and is what a screen reader announces; GTK 4.8 does
 * not name it from its child (GtkListItem:accessible-label is 4.12), so
 * without this every row was a bare "list item".
 */
void
sitrep_widget_name_list_item (GtkWidget  *widget,
                              const char *label)
{
  GtkWidget *item;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  item = gtk_widget_get_parent (widget);
  if (item == NULL || !GTK_IS_LIST_VIEW (gtk_widget_get_parent (item)))
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-comms"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-json.h"
#include "sitrep-resources.h"
#include "sitrep-sent-row.h"
#include "sitrep-time.h"

/* One update in the Updates page's list of what was sent: its title, the
 * audience, when and by whom, and its text when expanded. */
struct _SitrepSentRow
{
  AdwExpanderRow  parent_instance;

  char           *id;

  GtkLabel       *text_label;
};

G_DEFINE_FINAL_TYPE (SitrepSentRow, sitrep_sent_row, ADW_TYPE_EXPANDER_ROW)

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static char *
format_sent (JsonObject *body)
{
  SitrepAudience audience;
  const char *audience_label = NULL;
  const char *by = sitrep_json_get_string (body, "sent_by");
  g_autoptr(GDateTime) at = sitrep_time_parse (sitrep_json_get_string (body, "sent_at"));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GString) text = g_string_new (NULL);

  if (sitrep_audience_from_string (sitrep_json_get_string (body, "audience"), &audience))
    audience_label = sitrep_audience_get_label (audience);
  g_string_append (text, audience_label ? audience_label : _("Unknown audience"));

  if (at != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (at);
      g_autofree char *when = NULL;

      /* The day only when it is not today's. */
      if (g_date_time_get_year (utc) == g_date_time_get_year (now) &&
          g_date_time_get_day_of_year (utc) == g_date_time_get_day_of_year (now))
        when = g_date_time_format (utc, "%H:%M UTC");
      else
        when = g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
      g_string_append_printf (text, " · %s", when);
    }

  if (!is_blank (by))
    {
      /* Translators: who sent an update, e.g. "by alice" */
      g_autofree char *who = g_strdup_printf (_("by %s"), by);

      g_string_append_printf (text, " · %s", who);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_record (SitrepSentRow *self,
             SitrepRecordObject *record)
{
  JsonObject *body = sitrep_record_object_get_body (record);
  const char *title = sitrep_json_get_string (body, "title");
  g_autofree char *subtitle = format_sent (body);
  g_autofree char *title_markup = NULL;
  g_autofree char *subtitle_markup = g_markup_escape_text (subtitle, -1);

  if (is_blank (title))
    title = _("Untitled update");
  title_markup = g_markup_escape_text (title, -1);

  self->id = g_strdup (sitrep_record_object_get_id (record));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title_markup);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle_markup);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  gtk_label_set_label (self->text_label, sitrep_json_get_string (body, "body") ?: "");
}

const char *
sitrep_sent_row_get_id (SitrepSentRow *self)
{
  g_return_val_if_fail (SITREP_IS_SENT_ROW (self), NULL);

  return self->id;
}

static void
sitrep_sent_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SITREP_TYPE_SENT_ROW);

  G_OBJECT_CLASS (sitrep_sent_row_parent_class)->dispose (object);
}

static void
sitrep_sent_row_finalize (GObject *object)
{
  g_free (SITREP_SENT_ROW (object)->id);

  G_OBJECT_CLASS (sitrep_sent_row_parent_class)->finalize (object);
}

static void
sitrep_sent_row_class_init (SitrepSentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_sent_row_dispose;
  object_class->finalize = sitrep_sent_row_finalize;

  (void) sitrep_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-sent-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepSentRow, text_label);
}

static void
sitrep_sent_row_init (SitrepSentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sitrep_sent_row_new:
 * @record: a sent communication
 *
 * Returns: (transfer floating): a collapsed row showing @record
 */
GtkWidget *
sitrep_sent_row_new (SitrepRecordObject *record)
{
  SitrepSentRow *self = g_object_new (SITREP_TYPE_SENT_ROW, NULL);

  show_record (self, record);
  return GTK_WIDGET (self);
}

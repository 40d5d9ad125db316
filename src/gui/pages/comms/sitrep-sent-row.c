/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-comms"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-json.h"
#include "sitrep-publishing.h"
#include "sitrep-resources.h"
#include "sitrep-sent-row.h"
#include "sitrep-time.h"

/* One update in the Updates page's list of what was sent: its title, the
 * audience, when and by whom, and its text when expanded. A status page
 * update asked to be published also says where it stands: awaiting
 * approval (with Approve for the Communications Lead), publishing,
 * published (when, and the Statuspage incident), or failed and why, as
 * the server wrote it. */
struct _SitrepSentRow
{
  AdwExpanderRow     parent_instance;

  char              *id;
  SitrepPublication  publication;

  GtkLabel          *text_label;
  GtkLabel          *publish_label;
  GtkLabel          *detail_label;
  GtkWidget         *approve_button;
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
        /* Translators: a date and a time in UTC, "2026-12-03 14:32 UTC" (g_date_time_format()
         * notation): put the parts in your language’s order */
        when = g_date_time_format (utc, _("%Y-%m-%d %H:%M UTC"));
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

static char *
format_clock (const char *time)
{
  g_autoptr(GDateTime) at = sitrep_time_parse (time);
  g_autoptr(GDateTime) utc = at ? g_date_time_to_utc (at) : NULL;

  return utc ? g_date_time_format (utc, "%H:%M UTC") : NULL;
}

/* Where the update stands with the status page, as the server wrote it. */
static void
show_publication (SitrepSentRow *self,
                  JsonObject    *body)
{
  static const char *classes[] = { "success", "warning", "error", "dim-label", NULL };
  const char *css_class = NULL;
  g_autofree char *text = NULL;

  self->publication = sitrep_publication_of (body);
  switch (self->publication)
    {
    case SITREP_PUBLICATION_AWAITING:
      text = g_strdup (_("Awaiting approval"));
      css_class = "warning";
      break;

    case SITREP_PUBLICATION_PENDING:
      if (g_strcmp0 (sitrep_json_get_string (body, "approval"), "approved") == 0)
        /* Translators: %s is who approved, e.g. "Approved by bob · Publishing…" */
        text = g_strdup_printf (_("Approved by %s · Publishing…"),
                                sitrep_json_get_string (body, "approved_by") ?: _("someone"));
      else
        text = g_strdup (_("Publishing…"));
      css_class = "dim-label";
      break;

    case SITREP_PUBLICATION_PUBLISHED:
      {
        g_autofree char *when = format_clock (sitrep_json_get_string (body, "delivered_at"));
        const char *external = sitrep_json_get_string (body, "external_id");

        if (when != NULL && external != NULL)
          /* Translators: e.g. "Published 14:32 UTC · Statuspage incident p31zjtct2jer" */
          text = g_strdup_printf (_("Published %s · Statuspage incident %s"), when, external);
        else if (when != NULL)
          text = g_strdup_printf (_("Published %s"), when);
        else
          text = g_strdup (_("Published"));
        css_class = "success";
      }
      break;

    case SITREP_PUBLICATION_FAILED:
      /* Translators: %s is the status page's or the server's reason */
      text = g_strdup_printf (_("Failed: %s"),
                              sitrep_json_get_string (body, "error") ?: _("no reason given"));
      css_class = "error";
      break;

    case SITREP_PUBLICATION_NONE:
    default:
      break;
    }

  for (guint i = 0; classes[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->publish_label), classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->publish_label), css_class);
  gtk_label_set_label (self->publish_label, text ? text : "");
  sitrep_widget_set_tooltip (GTK_WIDGET (self->publish_label), text);
  gtk_widget_set_visible (GTK_WIDGET (self->publish_label), text != NULL);
  /* Whole when expanded: an error can be long. */
  gtk_label_set_label (self->detail_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), text != NULL);
  gtk_widget_set_visible (self->approve_button, FALSE);
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
  show_publication (self, body);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->approve_button), "s", self->id);
}

/**
 * sitrep_sent_row_set_may_approve:
 *
 * Shows Approve while the update awaits approval and @may_approve (the
 * user is the incident's Communications Lead).
 */
void
sitrep_sent_row_set_may_approve (SitrepSentRow *self,
                                 gboolean       may_approve)
{
  g_return_if_fail (SITREP_IS_SENT_ROW (self));

  gtk_widget_set_visible (self->approve_button,
                          may_approve && self->publication == SITREP_PUBLICATION_AWAITING);
}

/**
 * sitrep_sent_row_get_publication_text:
 *
 * Returns: (nullable): where the update stands with the status page, as
 *   shown, or %NULL when it was not published
 */
const char *
sitrep_sent_row_get_publication_text (SitrepSentRow *self)
{
  g_return_val_if_fail (SITREP_IS_SENT_ROW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->publish_label))
         ? gtk_label_get_label (self->publish_label) : NULL;
}

GtkWidget *
sitrep_sent_row_get_approve_button (SitrepSentRow *self)
{
  g_return_val_if_fail (SITREP_IS_SENT_ROW (self), NULL);

  return self->approve_button;
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
  gtk_widget_class_bind_template_child (widget_class, SitrepSentRow, publish_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepSentRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepSentRow, approve_button);
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

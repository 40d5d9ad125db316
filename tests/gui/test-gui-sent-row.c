/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gui-test-util.h"

#include "sitrep-sent-row.h"

/* One sent update in the Updates page's list: what it says of the record. */

static SitrepRecordObject *
sent_record (const char *title,
             const char *by)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format_iso8601 (now);

  json_object_set_string_member (body, "audience", "executives");
  json_object_set_string_member (body, "title", title);
  json_object_set_string_member (body, "body", "Payments are back.");
  json_object_set_string_member (body, "sent_at", at);
  if (by != NULL)
    json_object_set_string_member (body, "sent_by", by);
  return sitrep_record_object_new ("communications", "comm-1", body, 3);
}

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_shows_record (void)
{
  g_autoptr(SitrepRecordObject) record = sent_record ("Payments <restored>", "alice");
  g_autoptr(SitrepSentRow) row = g_object_ref_sink (SITREP_SENT_ROW (sitrep_sent_row_new (record)));
  const char *subtitle = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));

  g_assert_cmpstr (sitrep_sent_row_get_id (row), ==, "comm-1");
  /* The title is text, not markup. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Payments &lt;restored&gt;");
  g_assert_true (g_str_has_prefix (subtitle, "Executives · "));
  g_assert_nonnull (strstr (subtitle, " UTC"));
  g_assert_true (g_str_has_suffix (subtitle, " · by alice"));
  g_assert_nonnull (find_label (GTK_WIDGET (row), "Payments are back."));
}

static void
test_untitled (void)
{
  g_autoptr(SitrepRecordObject) record = sent_record ("  ", NULL);
  g_autoptr(SitrepSentRow) row = g_object_ref_sink (SITREP_SENT_ROW (sitrep_sent_row_new (record)));

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Untitled update");
  g_assert_null (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "by "));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/sent-row/shows-record", test_shows_record);
  g_test_add_func ("/gui/sent-row/untitled", test_untitled);

  return g_test_run ();
}

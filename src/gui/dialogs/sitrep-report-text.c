/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-reports"

#include "config.h"

#include "sitrep-report-text.h"

/* The Reports window's text: the review's Markdown in a text buffer, with
 * simple formatting and the notable incidents as links. */

typedef struct
{
  const SitrepMetrics *metrics;
  const GdkRGBA       *link_color;
  GPtrArray           *link_tags;
} Text;

/* The incident of @ref among those of the report, or %NULL. */
static const char *
incident_of_ref (const SitrepMetrics *metrics,
                 const char          *ref)
{
  GPtrArray *incidents = metrics->incidents;

  for (guint i = 0; i < incidents->len; i++)
    {
      const SitrepMetricsIncident *incident = g_ptr_array_index (incidents, i);

      if (g_strcmp0 (incident->ref, ref) == 0 || g_strcmp0 (incident->id, ref) == 0)
        return incident->id;
    }
  return NULL;
}

/* A line's text, its **bold** spans bold; a bold incident reference (the
 * Notable Incidents) is a link to the incident. */
static void
insert_inline (Text          *self,
               GtkTextBuffer *buffer,
               const char    *line,
               const char    *tag)
{
  g_auto(GStrv) parts = g_strsplit (line, "**", -1);
  GtkTextIter end;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean bold = i % 2 == 1 && parts[i + 1] != NULL;
      const char *id = bold ? incident_of_ref (self->metrics, parts[i]) : NULL;

      gtk_text_buffer_get_end_iter (buffer, &end);
      if (id != NULL)
        {
          GtkTextTag *link = gtk_text_buffer_create_tag (buffer, NULL, "weight", PANGO_WEIGHT_BOLD,
                                                         "underline", PANGO_UNDERLINE_SINGLE,
                                                         "foreground-rgba", self->link_color,
                                                         NULL);

          g_object_set_data_full (G_OBJECT (link), "incident-id", g_strdup (id), g_free);
          g_ptr_array_add (self->link_tags, link);
          gtk_text_buffer_insert_with_tags (buffer, &end, parts[i], -1, link, NULL);
        }
      else if (bold || tag != NULL)
        gtk_text_buffer_insert_with_tags_by_name (buffer, &end, parts[i], -1,
                                                  bold ? "bold" : tag,
                                                  bold && tag != NULL ? tag : NULL, NULL);
      else
        gtk_text_buffer_insert (buffer, &end, parts[i], -1);
    }
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\n", 1);
}

/* A Markdown table's rows with their cells padded to the widest of each
 * column, in a fixed-width font. */
static void
insert_table (Text           *self,
              GtkTextBuffer  *buffer,
              char          **rows,
              guint           n_rows)
{
  g_autoptr(GArray) widths = g_array_new (FALSE, TRUE, sizeof (glong));

  for (guint r = 0; r < n_rows; r++)
    {
      g_auto(GStrv) cells = g_strsplit (rows[r], "|", -1);

      for (guint c = 0; cells[c] != NULL; c++)
        {
          glong width = g_utf8_strlen (g_strstrip (cells[c]), -1);

          if (c >= widths->len)
            g_array_set_size (widths, c + 1);
          if (cells[c][0] != '-' && width > g_array_index (widths, glong, c))
            g_array_index (widths, glong, c) = width;
        }
    }
  for (guint r = 0; r < n_rows; r++)
    {
      g_auto(GStrv) cells = g_strsplit (rows[r], "|", -1);
      g_autoptr(GString) row = g_string_new (NULL);
      guint n = g_strv_length (cells);

      /* The cells between the first and the last bar. */
      for (guint c = 1; c + 1 < n; c++)
        {
          const char *cell = g_strstrip (cells[c]);
          glong width = g_array_index (widths, glong, c);
          gboolean rule = cell[0] == '-';

          g_string_append (row, c == 1 ? "" : rule ? "─┼─" : " │ ");
          if (rule)
            for (glong k = 0; k < width; k++)
              g_string_append (row, "─");
          else
            {
              g_string_append (row, cell);
              for (glong k = g_utf8_strlen (cell, -1); k < width; k++)
                g_string_append_c (row, ' ');
            }
        }
      insert_inline (self, buffer, row->str, r == 0 ? "table-header" : "table");
    }
}

/**
 * sitrep_report_text_show:
 * @buffer: a buffer with the tags "title", "heading", "bold", "table" and
 *   "table-header"
 * @markdown: a report from sitrep_report_render_markdown()
 * @metrics: its figures, for the notable incidents' links
 * @link_color: the links' colour
 * @link_tags: the links' tags: those of the last call are removed, the
 *   new ones added, each with the incident's id as "incident-id"
 *
 * Shows @markdown with its headings larger and bold, its tables aligned
 * in a fixed-width font and the rest as it is: the Markdown stays
 * readable and is what Copy gives.
 */
void
sitrep_report_text_show (GtkTextBuffer       *buffer,
                         const char          *markdown,
                         const SitrepMetrics *metrics,
                         const GdkRGBA       *link_color,
                         GPtrArray           *link_tags)
{
  Text text = { metrics, link_color, link_tags };
  Text *self = &text;
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);
  guint n_lines = g_strv_length (lines);

  gtk_text_buffer_set_text (buffer, "", 0);
  for (guint i = 0; i < link_tags->len; i++)
    gtk_text_tag_table_remove (gtk_text_buffer_get_tag_table (buffer),
                               g_ptr_array_index (link_tags, i));
  g_ptr_array_set_size (link_tags, 0);
  for (guint i = 0; i < n_lines; i++)
    {
      const char *line = lines[i];

      if (i + 1 == n_lines && line[0] == '\0')
        break;
      if (line[0] == '|')
        {
          guint first = i;

          while (i + 1 < n_lines && lines[i + 1][0] == '|')
            i++;
          insert_table (self, buffer, lines + first, i - first + 1);
        }
      else if (g_str_has_prefix (line, "# "))
        insert_inline (self, buffer, line + 2, "title");
      else if (g_str_has_prefix (line, "## "))
        insert_inline (self, buffer, line + 3, "heading");
      else
        insert_inline (self, buffer, line, NULL);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-postmortem-markdown.c: the postmortem in the guide's template
 *
 * The export is the guide's Postmortem Template heading for heading, its
 * summary lines and its two tables with the guide's column names and
 * labels, so a postmortem written in the app reads like every other one
 * the team has. The page's Copy Markdown and Save…, and `sitrep export
 * postmortem`, all print this.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-action-items.h"
#include "sitrep-json.h"
#include "sitrep-postmortem.h"
#include "sitrep-time.h"

static GDateTime *
parse_member (JsonObject *o,
              const char *member)
{
  return sitrep_time_parse (sitrep_json_get_string (o, member));
}

/**
 * sitrep_markdown_escape_cell:
 *
 * Makes @text safe in one cell of a Markdown table: a `|` would end the
 * cell and a new line the row, so they become `\|` and `<br>`.
 *
 * Returns: (transfer full): the cell's text
 */
char *
sitrep_markdown_escape_cell (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  for (const char *p = trimmed; *p != '\0'; p++)
    {
      if (*p == '|')
        g_string_append (out, "\\|");
      else if (*p == '\r' && p[1] == '\n')
        continue;
      else if (*p == '\n' || *p == '\r')
        g_string_append (out, "<br>");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Sorted by time, as the timeline page shows them; entries without a time
 * last, in the order given. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  JsonObject *ea = *(JsonObject **) a;
  JsonObject *eb = *(JsonObject **) b;
  g_autoptr(GDateTime) ta = parse_member (ea, "occurred_at");
  g_autoptr(GDateTime) tb = parse_member (eb, "occurred_at");

  if (ta == NULL || tb == NULL)
    return (ta == NULL) - (tb == NULL);
  return g_date_time_compare (ta, tb);
}

/* By due date, items without one last, then by description. */
static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  JsonObject *ia = *(JsonObject **) a;
  JsonObject *ib = *(JsonObject **) b;
  g_autoptr(GDate) da = sitrep_action_item_dup_due_date (ia);
  g_autoptr(GDate) db = sitrep_action_item_dup_due_date (ib);

  if (da == NULL || db == NULL)
    {
      if (da != db)
        return da == NULL ? 1 : -1;
    }
  else if (g_date_compare (da, db) != 0)
    return g_date_compare (da, db);

  return g_strcmp0 (sitrep_json_get_string (ia, "description"),
                    sitrep_json_get_string (ib, "description"));
}

static void
append_summary_line (GString    *out,
                     const char *label,
                     const char *value)
{
  g_string_append_printf (out, "- **%s**: %s\n", label, value != NULL ? value : _("Unknown"));
}

/* A free text section: as typed, or a line saying nothing is written. */
static void
append_text (GString    *out,
             const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (trimmed[0] == '\0')
    g_string_append_printf (out, "_%s_\n", _("Not written yet."));
  else
    g_string_append_printf (out, "%s\n", trimmed);
}

/* A list section: one item a line; an item of several lines keeps them
 * inside its item. */
static void
append_list (GString    *out,
             JsonObject *postmortem,
             const char *field)
{
  JsonNode *node = postmortem ? json_object_get_member (postmortem, field) : NULL;
  guint n = 0;

  for (guint i = 0; node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
                    i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (node), i);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        continue;
      text = g_strstrip (g_strdup (json_node_get_string (item)));
      if (text[0] == '\0')
        continue;

      lines = g_strsplit (text, "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        g_string_append_printf (out, "%s%s\n", l == 0 ? "- " : "  ", g_strchomp (lines[l]));
      n++;
    }

  if (n == 0)
    g_string_append_printf (out, "_%s_\n", _("Not written yet."));
}

static gboolean
has_text (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  return trimmed[0] != '\0';
}

/* The guide's Five Whys, under the root cause it leads to: the problem,
 * each why with its answer, and the root cause statement. Left out while
 * nothing of it is written. */
static void
append_five_whys (GString    *out,
                  JsonObject *postmortem)
{
  const char *problem = sitrep_json_get_string (postmortem, "five_whys_problem");
  const char *root = sitrep_json_get_string (postmortem, "five_whys_root_cause");
  JsonNode *node = json_object_get_member (postmortem, "five_whys");
  JsonArray *rows = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                 : NULL;
  g_autoptr(GString) chain = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonNode *row = json_array_get_element (rows, i);
      const char *question, *answer;
      g_autofree char *q = NULL, *a = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (row))
        continue;
      question = sitrep_json_get_string (json_node_get_object (row), "question");
      answer = sitrep_json_get_string (json_node_get_object (row), "answer");
      if (!has_text (question) && !has_text (answer))
        continue;

      q = has_text (question) ? g_strstrip (g_strdup (question)) : g_strdup (_("Why?"));
      a = g_strstrip (g_strdup (answer != NULL ? answer : ""));
      g_string_append_printf (chain, "%u. **%s** %s\n", ++n, q, a);
    }

  if (!has_text (problem) && !has_text (root) && chain->len == 0)
    return;

  g_string_append_printf (out, "\n### %s\n", _("Five Whys"));
  if (has_text (problem))
    {
      g_autofree char *p = g_strstrip (g_strdup (problem));
      g_string_append_printf (out, "**%s**: %s\n", _("Problem"), p);
    }
  if (chain->len > 0)
    g_string_append_printf (out, "\n%s", chain->str);
  if (has_text (root))
    {
      g_autofree char *r = g_strstrip (g_strdup (root));
      g_string_append_printf (out, "\n**%s**: %s\n", _("Root cause"), r);
    }
}

static void
append_timeline (GString    *out,
                 GPtrArray  *timeline,
                 GDateTime  *start,
                 gboolean    pinned_only)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autofree char *day = start ? g_date_time_format (start, "%Y-%m-%d") : NULL;

  for (guint i = 0; timeline != NULL && i < timeline->len; i++)
    if (!pinned_only || sitrep_json_get_bool (timeline->pdata[i], "pinned"))
      g_ptr_array_add (sorted, timeline->pdata[i]);
  g_ptr_array_sort (sorted, compare_entries);

  g_string_append_printf (out, "| %s | %s |\n|------------|-------|\n",
                          _("Time (UTC)"), _("Event"));
  for (guint i = 0; i < sorted->len; i++)
    {
      JsonObject *entry = sorted->pdata[i];
      g_autoptr(GDateTime) at = parse_member (entry, "occurred_at");
      g_autofree char *entry_day = NULL;
      g_autofree char *when = NULL;
      g_autofree char *text = sitrep_markdown_escape_cell (sitrep_json_get_string (entry, "text"));

      if (at != NULL)
        {
          entry_day = g_date_time_format (at, "%Y-%m-%d");
          if (day == NULL)
            day = g_strdup (entry_day);
          /* Another day than the incident's says which. */
          when = g_date_time_format (at, g_str_equal (day, entry_day) ? "%H:%M" : "%Y-%m-%d %H:%M");
        }
      g_string_append_printf (out, "| %s | %s |\n", when != NULL ? when : "", text);
    }
}

static void
append_action_items (GString   *out,
                     GPtrArray *items)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; items != NULL && i < items->len; i++)
    g_ptr_array_add (sorted, items->pdata[i]);
  g_ptr_array_sort (sorted, compare_items);

  g_string_append_printf (out, "| %s | %s | %s | %s | %s |\n"
                          "|--------|------|-------|----------|--------|\n",
                          _("Action"), _("Type"), _("Owner"), _("Due Date"), _("Status"));
  for (guint i = 0; i < sorted->len; i++)
    {
      JsonObject *item = sorted->pdata[i];
      const char *owner = sitrep_json_get_string (item, "owner");
      SitrepActionType type;
      SitrepActionStatus status = SITREP_ACTION_NOT_STARTED;
      g_autoptr(GDate) due = sitrep_action_item_dup_due_date (item);
      g_autofree char *description =
        sitrep_markdown_escape_cell (sitrep_json_get_string (item, "description"));
      g_autofree char *owner_text = NULL;
      g_autofree char *owner_cell = NULL;
      char due_text[16] = "";

      /* A handle reads as the guide writes it, "@alice"; an address as is. */
      if (owner != NULL && owner[0] != '\0')
        owner_text = strchr (owner, '@') != NULL ? g_strdup (owner)
                                                 : g_strconcat ("@", owner, NULL);
      owner_cell = sitrep_markdown_escape_cell (owner_text);
      if (due != NULL)
        g_date_strftime (due_text, sizeof due_text, "%Y-%m-%d", due);
      sitrep_action_status_from_string (sitrep_json_get_string (item, "status"), &status);

      g_string_append_printf (out, "| %s | %s | %s | %s | %s |\n", description,
                              sitrep_action_type_from_string (sitrep_json_get_string (item, "type"),
                                                              &type)
                              ? sitrep_action_type_get_label (type) : "",
                              owner_cell, due_text, sitrep_action_status_get_label (status));
    }
}

/**
 * sitrep_postmortem_to_markdown:
 * @incident: the incident's body
 * @timeline: (element-type JsonObject) (nullable): its live timeline
 *   entries' bodies, in any order
 * @postmortem: (nullable): its postmortem's body, %NULL when none is written
 * @action_items: (element-type JsonObject) (nullable): its live action
 *   items' bodies
 *
 * The postmortem in the guide's template: its headings in its order, the
 * Incident Summary lines, the `Time (UTC) | Event` table (the pinned
 * entries only when the postmortem says so), the Five Whys under Root
 * Cause Analysis, and the `Action | Type | Owner | Due Date | Status`
 * table with the guide's labels. An empty section says so rather than
 * disappearing, so a reader sees what is still to be written.
 *
 * Returns: (transfer full): the Markdown text
 */
char *
sitrep_postmortem_to_markdown (JsonObject *incident,
                               GPtrArray  *timeline,
                               JsonObject *postmortem,
                               GPtrArray  *action_items)
{
  g_autoptr(SitrepPostmortemSummary) summary = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *title;

  g_return_val_if_fail (incident != NULL, NULL);

  summary = sitrep_postmortem_summary_new (incident);
  start = sitrep_postmortem_dup_start (incident);

  title = sitrep_json_get_string (postmortem, "summary");
  if (!has_text (title))
    title = sitrep_json_get_string (incident, "title");
  {
    g_autofree char *one_line = g_strstrip (g_strdup (title != NULL ? title : ""));

    g_strdelimit (one_line, "\r\n", ' ');
    g_string_append_printf (out, "# %s: %s\n\n", _("Incident Postmortem"), one_line);
  }

  g_string_append_printf (out, "## %s\n", _("Incident Summary"));
  append_summary_line (out, _("Date"), summary->date);
  append_summary_line (out, _("Duration"), summary->duration);
  append_summary_line (out, _("Severity"), summary->severity);
  append_summary_line (out, _("Service(s) Affected"), summary->services);
  append_summary_line (out, _("Customer Impact"), summary->customer_impact);

  g_string_append_printf (out, "\n## %s\n", _("Timeline"));
  append_timeline (out, timeline, start, sitrep_json_get_bool (postmortem, "timeline_pinned_only"));

  g_string_append_printf (out, "\n## %s\n", _("Root Cause Analysis"));
  append_text (out, sitrep_json_get_string (postmortem, "root_cause"));
  if (postmortem != NULL)
    append_five_whys (out, postmortem);

  g_string_append_printf (out, "\n## %s\n", _("Contributing Factors"));
  append_list (out, postmortem, "contributing_factors");

  g_string_append_printf (out, "\n## %s\n", _("What Went Well"));
  append_list (out, postmortem, "went_well");

  g_string_append_printf (out, "\n## %s\n", _("What Went Poorly"));
  append_list (out, postmortem, "went_poorly");

  g_string_append_printf (out, "\n## %s\n", _("Action Items"));
  append_action_items (out, action_items);

  g_string_append_printf (out, "\n## %s\n", _("Lessons Learned"));
  append_text (out, sitrep_json_get_string (postmortem, "lessons"));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-postmortem.c: the guide's postmortem, from the records it is made of
 *
 * A postmortem is a `postmortems` record whose id is its incident's
 * (PROTOCOL.md): summary (the brief description its title uses),
 * root_cause, contributing_factors, went_well, went_poorly (arrays of
 * lines), lessons and five_whys ({question, answer} rows). Three fields
 * the protocol keeps as it keeps every field it does not know complete
 * it: five_whys_problem and five_whys_root_cause, the first and last lines
 * of the guide's Five Whys, and timeline_pinned_only, whether the timeline
 * table shows the pinned entries only.
 *
 * The Incident Summary is not typed: it is read from the incident record.
 * The export is in sitrep-postmortem-markdown.c.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-json.h"
#include "sitrep-postmortem.h"
#include "sitrep-time.h"

static const char * const list_fields[] = {
  "contributing_factors", "went_well", "went_poorly",
};

/* The sections a person writes, with the headings the page and the
 * export give them. */
static const struct {
  const char *field;
  const char *label;
} sections[] = {
  { "summary", N_("Brief Description") },
  { "root_cause", N_("Root Cause Analysis") },
  { "five_whys_problem", N_("Five Whys: Problem") },
  { "five_whys", N_("Five Whys") },
  { "five_whys_root_cause", N_("Five Whys: Root Cause") },
  { "contributing_factors", N_("Contributing Factors") },
  { "went_well", N_("What Went Well") },
  { "went_poorly", N_("What Went Poorly") },
  { "lessons", N_("Lessons Learned") },
};

/**
 * sitrep_postmortem_section_get_label:
 * @field: a section's member ("root_cause")
 *
 * Returns: (nullable): its translated heading ("Root Cause Analysis"), or
 *   %NULL for a member that is not a section
 */
const char *
sitrep_postmortem_section_get_label (const char *field)
{
  for (gsize i = 0; field != NULL && i < G_N_ELEMENTS (sections); i++)
    if (g_str_equal (sections[i].field, field))
      return _(sections[i].label);
  return NULL;
}

/**
 * sitrep_postmortem_edited_section:
 * @fields: (nullable): the members an edit of a postmortem set
 *
 * Returns: (nullable): the first section among them, %NULL when none
 */
const char *
sitrep_postmortem_edited_section (JsonObject *fields)
{
  for (gsize i = 0; fields != NULL && i < G_N_ELEMENTS (sections); i++)
    if (json_object_has_member (fields, sections[i].field))
      return sections[i].field;
  return NULL;
}

/* Nothing written: no value, "", [], or Five Whys rows with no answer
 * (the empty rows the page starts with). */
static gboolean
is_empty_value (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (element)
              ? !is_empty_value (json_object_get_member (json_node_get_object (element), "answer"))
              : !is_empty_value (element))
            return FALSE;
        }
      return TRUE;
    }
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
         json_node_get_string (node)[0] == '\0';
}

/**
 * sitrep_postmortem_section_is_empty:
 * @body: (nullable): a postmortem body, or an edit's fields
 * @field: a member
 *
 * Returns: %TRUE when @field is missing, null, "" or [] in @body: a
 *   section nobody has written
 */
gboolean
sitrep_postmortem_section_is_empty (JsonObject *body,
                                    const char *field)
{
  return is_empty_value (body != NULL ? json_object_get_member (body, field) : NULL);
}

/**
 * sitrep_postmortem_same_sections:
 * @mine: a postmortem body (or the fields of an edit of one)
 * @theirs: another
 *
 * Whether @theirs already says what @mine says in every section @mine
 * writes (an empty section and a missing one say the same). Two people
 * who both started the postmortem while apart lose nothing when this
 * holds; otherwise the second is asked.
 *
 * Returns: %TRUE when no section of @mine differs from @theirs
 */
gboolean
sitrep_postmortem_same_sections (JsonObject *mine,
                                 JsonObject *theirs)
{
  for (gsize i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      JsonNode *a = mine != NULL ? json_object_get_member (mine, sections[i].field) : NULL;
      JsonNode *b = theirs != NULL ? json_object_get_member (theirs, sections[i].field) : NULL;

      if (is_empty_value (a))
        continue;
      if (b == NULL || !json_node_equal (a, b))
        return FALSE;
    }
  return TRUE;
}

static GDateTime *
parse_member (JsonObject *o,
              const char *member)
{
  return sitrep_time_parse (sitrep_json_get_string (o, member));
}

/**
 * sitrep_postmortem_dup_start:
 * @incident: an incident's body
 *
 * When the incident began for the postmortem: when customer impact began
 * if that is known (`impact_started_at`), else when it was detected, else
 * when it was declared.
 *
 * Returns: (transfer full) (nullable): the time, %NULL when none is set
 */
GDateTime *
sitrep_postmortem_dup_start (JsonObject *incident)
{
  static const char * const members[] = { "impact_started_at", "detected_at", "declared_at" };

  for (gsize i = 0; i < G_N_ELEMENTS (members); i++)
    {
      GDateTime *dt = parse_member (incident, members[i]);

      if (dt != NULL)
        return dt;
    }
  return NULL;
}

/**
 * sitrep_postmortem_dup_end:
 * @incident: an incident's body
 *
 * When it ended: when it was resolved (service restored), else when it
 * was closed. Closing is paperwork that may come days later, so it only
 * stands in for a resolution that was never recorded.
 *
 * Returns: (transfer full) (nullable): the time, %NULL while it goes on
 */
GDateTime *
sitrep_postmortem_dup_end (JsonObject *incident)
{
  GDateTime *dt = parse_member (incident, "resolved_at");

  return dt != NULL ? dt : parse_member (incident, "closed_at");
}

static GDateTime *
to_minute (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (dt);

  return g_date_time_new_utc (g_date_time_get_year (utc), g_date_time_get_month (utc),
                              g_date_time_get_day_of_month (utc), g_date_time_get_hour (utc),
                              g_date_time_get_minute (utc), 0);
}

static int
days_between (GDateTime *a,
              GDateTime *b)
{
  g_autoptr(GDate) da = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (a),
                                        (GDateMonth) g_date_time_get_month (a),
                                        (GDateYear) g_date_time_get_year (a));
  g_autoptr(GDate) db = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (b),
                                        (GDateMonth) g_date_time_get_month (b),
                                        (GDateYear) g_date_time_get_year (b));

  return g_date_days_between (da, db);
}

/**
 * sitrep_postmortem_format_duration:
 * @start: when it began
 * @end: (nullable): when it ended, %NULL while it goes on
 *
 * The guide's duration line, in UTC: "14:32 to 16:00 (1 hours 28
 * minutes)". Both ends are read to the minute, as they are printed, so
 * the length always agrees with the two clock readings. The hours are
 * counted in full past a day ("50 hours 30 minutes"), and an end on a
 * later calendar day says how many days later, since its clock reading
 * alone would be earlier than the start: "23:10 to 01:25 +1 day (2 hours
 * 15 minutes)", "09:00 to 11:30 +2 days (50 hours 30 minutes)".
 *
 * Returns: (transfer full): the line
 */
char *
sitrep_postmortem_format_duration (GDateTime *start,
                                   GDateTime *end)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *days = NULL;
  g_autofree char *hours_text = NULL;
  g_autofree char *mins_text = NULL;
  GTimeSpan span;
  gint64 minutes;
  int n_days, hours, mins;

  g_return_val_if_fail (start != NULL, NULL);

  from = to_minute (start);
  from_text = g_date_time_format (from, "%H:%M");
  if (end == NULL)
    /* Translators: the duration of an incident not resolved yet, e.g. "14:32 to now (ongoing)" */
    return g_strdup_printf (_("%s to now (ongoing)"), from_text);

  to = to_minute (end);
  to_text = g_date_time_format (to, "%H:%M");
  span = g_date_time_difference (to, from);
  if (span < 0)
    /* Translators: a duration whose end was recorded before its start */
    return g_strdup_printf (_("%s to %s (ends before it starts)"), from_text, to_text);

  n_days = days_between (from, to);
  if (n_days > 0)
    /* Translators: how many calendar days after the start the end falls */
    days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, " +%d day", " +%d days", n_days),
                            n_days);

  minutes = span / G_TIME_SPAN_MINUTE;
  hours = (int) (minutes / 60);
  mins = (int) (minutes % 60);
  /* Translators: the hours of the guide's duration line, "(1 hours 28
   * minutes)": the guide writes "hours" whatever the number, so both
   * English forms are the same; use your language's forms */
  hours_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hours", "%d hours", hours), hours);
  /* Translators: the minutes of the guide's duration line, "(1 hours 28 minutes)" */
  mins_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minutes", "%d minutes", mins), mins);
  /* Translators: the guide's duration line, e.g. "14:32 to 16:00 (1 hours 28 minutes)":
   * a start, an end, the days after the start the end falls (" +1 day" or
   * nothing), the hours and the minutes */
  return g_strdup_printf (_("%s to %s%s (%s %s)"), from_text, to_text,
                          days != NULL ? days : "", hours_text, mins_text);
}

static char *
nonempty_dup (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

/**
 * sitrep_postmortem_summary_new:
 * @incident: an incident's body
 *
 * Returns: (transfer full): the Incident Summary of @incident
 */
SitrepPostmortemSummary *
sitrep_postmortem_summary_new (JsonObject *incident)
{
  SitrepPostmortemSummary *summary = g_new0 (SitrepPostmortemSummary, 1);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  JsonNode *services;

  g_return_val_if_fail (incident != NULL, summary);

  start = sitrep_postmortem_dup_start (incident);
  end = sitrep_postmortem_dup_end (incident);
  if (start != NULL)
    {
      summary->date = g_date_time_format (start, "%Y-%m-%d");
      summary->duration = sitrep_postmortem_format_duration (start, end);
    }

  summary->severity = nonempty_dup (sitrep_json_get_string (incident, "severity"));
  summary->customer_impact = nonempty_dup (sitrep_json_get_string (incident, "customer_impact"));

  services = json_object_get_member (incident, "services");
  if (services != NULL && JSON_NODE_HOLDS_ARRAY (services))
    {
      JsonArray *array = json_node_get_array (services);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
              || json_node_get_string (node)[0] == '\0')
            continue;
          if (text->len > 0)
            g_string_append (text, ", ");
          g_string_append (text, json_node_get_string (node));
        }
      if (text->len > 0)
        summary->services = g_string_free (g_steal_pointer (&text), FALSE);
    }

  return summary;
}

void
sitrep_postmortem_summary_free (SitrepPostmortemSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->date);
  g_free (summary->duration);
  g_free (summary->severity);
  g_free (summary->services);
  g_free (summary->customer_impact);
  g_free (summary);
}

/**
 * sitrep_postmortem_field_is_list:
 *
 * Returns: %TRUE for the sections that are lists of lines
 *   (contributing_factors, went_well, went_poorly)
 */
gboolean
sitrep_postmortem_field_is_list (const char *field)
{
  for (gsize i = 0; field != NULL && i < G_N_ELEMENTS (list_fields); i++)
    if (g_str_equal (field, list_fields[i]))
      return TRUE;
  return FALSE;
}

/* The chain as the guide writes it, a why a line: "Why? Database
 * connections were being rejected." */
static char *
dup_whys_text (JsonObject *postmortem)
{
  JsonNode *node = json_object_get_member (postmortem, "five_whys");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
                    i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *row = json_array_get_element (json_node_get_array (node), i);
      const char *question, *answer;

      if (!JSON_NODE_HOLDS_OBJECT (row))
        continue;
      question = sitrep_json_get_string (json_node_get_object (row), "question");
      answer = sitrep_json_get_string (json_node_get_object (row), "answer");
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s %s",
                              question != NULL && question[0] != '\0' ? question : _("Why?"),
                              answer != NULL ? answer : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * sitrep_postmortem_dup_section_text:
 * @postmortem: (nullable): a postmortem's body
 * @field: a text section ("root_cause") or a list ("went_well")
 *
 * A section as a person edits it: the text, or a list one item a line
 * (the Five Whys a why a line).
 *
 * Returns: (transfer full): the text, "" when the section is empty
 */
char *
sitrep_postmortem_dup_section_text (JsonObject *postmortem,
                                    const char *field)
{
  JsonNode *node;
  g_autoptr(GString) text = NULL;

  if (postmortem == NULL || field == NULL)
    return g_strdup ("");

  if (g_str_equal (field, "five_whys"))
    return dup_whys_text (postmortem);

  if (!sitrep_postmortem_field_is_list (field))
    {
      const char *value = sitrep_json_get_string (postmortem, field);

      return g_strdup (value != NULL ? value : "");
    }

  node = json_object_get_member (postmortem, field);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup ("");

  text = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (node), i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        continue;
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, json_node_get_string (item));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * sitrep_postmortem_section_from_text:
 * @field: the section
 * @text: what the person typed
 *
 * The value to store for a section: the text as typed, or for a list one
 * item per line, blank lines left out and each line trimmed.
 *
 * Returns: (transfer full): the member's value
 */
JsonNode *
sitrep_postmortem_section_from_text (const char *field,
                                     const char *text)
{
  JsonNode *node;
  g_auto(GStrv) lines = NULL;
  JsonArray *array;

  if (!sitrep_postmortem_field_is_list (field))
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, text != NULL ? text : "");
      return node;
    }

  array = json_array_new ();
  lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] != '\0')
        json_array_add_string_element (array, line);
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

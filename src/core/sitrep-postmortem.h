/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-postmortem.h: the guide's postmortem, from the records it is made of
 * (sitrep-postmortem.c), and its Markdown (sitrep-postmortem-markdown.c) */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * SitrepPostmortemSummary:
 * @date: the incident's date, "YYYY-MM-DD" (UTC), or %NULL when unknown
 * @duration: "14:32 to 16:00 (1 hours 28 minutes)", or %NULL when unknown
 * @severity: "P1" … or %NULL
 * @services: the services affected, comma-separated, or %NULL
 * @customer_impact: the incident's description of it, or %NULL
 *
 * The guide's Incident Summary, computed from the incident record.
 */
typedef struct
{
  char *date;
  char *duration;
  char *severity;
  char *services;
  char *customer_impact;
} SitrepPostmortemSummary;

SitrepPostmortemSummary *sitrep_postmortem_summary_new  (JsonObject              *incident);
void                     sitrep_postmortem_summary_free (SitrepPostmortemSummary *summary);
char       *sitrep_postmortem_format_duration  (GDateTime   *start,
                                                GDateTime   *end);
GDateTime  *sitrep_postmortem_dup_start        (JsonObject  *incident);
GDateTime  *sitrep_postmortem_dup_end          (JsonObject  *incident);

const char *sitrep_postmortem_section_get_label (const char *field);
const char *sitrep_postmortem_edited_section   (JsonObject  *fields);
gboolean    sitrep_postmortem_field_is_list    (const char  *field);
gboolean    sitrep_postmortem_section_is_empty (JsonObject  *body,
                                                const char  *field);
gboolean    sitrep_postmortem_same_sections    (JsonObject  *mine,
                                                JsonObject  *theirs);
char       *sitrep_postmortem_dup_section_text (JsonObject  *postmortem,
                                                const char  *field);
JsonNode   *sitrep_postmortem_section_from_text (const char *field,
                                                 const char *text);

char       *sitrep_markdown_escape_cell        (const char  *text);
char       *sitrep_postmortem_to_markdown      (JsonObject  *incident,
                                                GPtrArray   *timeline,
                                                JsonObject  *postmortem,
                                                GPtrArray   *action_items);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepPostmortemSummary, sitrep_postmortem_summary_free)

G_END_DECLS

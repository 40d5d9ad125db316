/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-templates.c: built-in communication templates and placeholder
 * rendering */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-templates.h"

/* The texts are the guide's, word for word, and are not translated: they
 * are seeded once into shared `templates` records and edited there. The
 * guide's bracketed blanks become placeholders where the incident knows
 * the answer; the others stay as "[…]" blanks that rendering flags, so
 * they can't be sent as they are:
 *   "[Service Name]", "[service name]"                → {{service}}
 *   "[Optional: Add specific details about impact]"  → {{impact?}}, optional
 *   "[Brief explanation of what happened]"           stays a blank
 *   "[alternative payment instructions if applicable]" stays a blank
 * The runbook's customer support message names "our payment system";
 * that service name is the only word replaced ({{service}}). */
static const SitrepTemplateBuiltin builtins[] = {
  {
    "status-page-initial",
    N_("Status page: initial notification"),
    SITREP_AUDIENCE_STATUS_PAGE,
    "Investigating",
    "{{service}} - Service Disruption",
    "We are investigating reports of issues with {{service}}. "
    "We will provide updates as we learn more.",
  },
  {
    "status-page-update",
    N_("Status page: update"),
    SITREP_AUDIENCE_STATUS_PAGE,
    "Identified / Working on Fix",
    "{{service}} - Service Disruption Update",
    "We have identified the cause of the disruption with {{service}} and are working on a "
    "fix. {{impact?}}. We will continue to provide updates as we make progress.",
  },
  {
    "status-page-resolution",
    N_("Status page: resolution"),
    SITREP_AUDIENCE_STATUS_PAGE,
    "Resolved",
    "{{service}} - Service Restored",
    "The issues affecting {{service}} have been resolved. "
    "[Brief explanation of what happened]. "
    "We apologize for any inconvenience this may have caused. "
    "If you continue to experience issues, please contact support.",
  },
  {
    "customer-support",
    N_("Customer support message"),
    SITREP_AUDIENCE_CUSTOMERS,
    NULL,
    "{{service}} - Customer Support Message",
    "We’re currently experiencing technical difficulties with {{service}}. "
    "Our engineering team has been notified and is working on a fix. "
    "In the meantime, please [alternative payment instructions if applicable].",
  },
  {
    "stakeholder-update",
    N_("Stakeholder update"),
    SITREP_AUDIENCE_STAKEHOLDERS,
    NULL,
    "{{ref}} {{title}} - Stakeholder Update",
    "Status: {{status}}, {{severity}}\n"
    "Services affected: {{services}}\n"
    "Customer impact: {{impact}}\n"
    "Started: {{started}} ({{duration}} ago)\n"
    "Incident Commander: {{commander}}\n"
    "\n"
    "Since the last update: [what has been done and what we have learned]\n"
    "Next steps: [what happens next]\n"
    "\n"
    "Next update: {{next_update}}",
  },
  {
    "executive-update",
    N_("Executive update"),
    SITREP_AUDIENCE_EXECUTIVES,
    NULL,
    "{{ref}} {{title}} - Executive Update",
    "{{ref}} {{title}} — {{severity}}, {{status}}. Impact: {{impact}}. "
    "Started {{started}} ({{duration}} ago). Incident Commander: {{commander}}. "
    "Next update: {{next_update}}.",
  },
  {
    "can-report",
    N_("CAN report"),
    SITREP_AUDIENCE_INTERNAL,
    NULL,
    "{{ref}} {{title}} - CAN Report",
    "Conditions: {{severity}}, {{status}} since {{started}} ({{duration}}). "
    "Services: {{services}}. Impact: {{impact}}.\n"
    "Actions: [what is being done, and by whom]\n"
    "Needs: [people, access or decisions needed]",
  },
};

static const char * const placeholder_names[] = {
  "ref", "title", "service", "services", "severity", "status", "impact",
  "commander", "started", "duration", "next_update", "last_update",
  NULL,
};

/**
 * sitrep_templates_builtins:
 * @n: (out): the number of built-ins
 *
 * The names are translated once, on first use, so call this after
 * setlocale() and bindtextdomain().
 *
 * Returns: (transfer none) (array length=n): the built-in templates
 */
const SitrepTemplateBuiltin *
sitrep_templates_builtins (gsize *n)
{
  static SitrepTemplateBuiltin translated[G_N_ELEMENTS (builtins)];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (builtins); i++)
        {
          translated[i] = builtins[i];
          translated[i].name = _(builtins[i].name);
        }
      g_once_init_leave (&initialized, 1);
    }

  if (n != NULL)
    *n = G_N_ELEMENTS (builtins);
  return translated;
}

/* The guide's three status-page stages, as the templates' "status" says them. */
#define STAGE_INITIAL    "Investigating"
#define STAGE_UPDATE     "Identified / Working on Fix"
#define STAGE_RESOLUTION "Resolved"

/**
 * sitrep_template_stage_status:
 * @status: the incident's status
 * @sent_before: whether an update already went to the audience
 *
 * Which of the guide's templates fits the incident now: the resolution
 * once it is resolved (or closed); the initial notification only while
 * nothing has been sent to the audience and the cause is still being
 * investigated; the update otherwise.
 *
 * Returns: (transfer none): the guide's status of that template:
 *   "Investigating", "Identified / Working on Fix" or "Resolved"
 */
const char *
sitrep_template_stage_status (SitrepStatus status,
                              gboolean     sent_before)
{
  if (status == SITREP_STATUS_RESOLVED || status == SITREP_STATUS_CLOSED)
    return STAGE_RESOLUTION;
  if (!sent_before && status == SITREP_STATUS_INVESTIGATING)
    return STAGE_INITIAL;
  return STAGE_UPDATE;
}

/**
 * sitrep_template_choose:
 * @statuses: (array length=n) (nullable): the "status" of each of an
 *   audience's templates, %NULL for one that fits any status
 * @n: how many
 * @status: the incident's status
 * @sent_before: whether an update already went to the audience
 *
 * Picks the template to propose: the first whose status is the stage's
 * (sitrep_template_stage_status()), else the first that fits any status,
 * else the first that is for no other stage either, else the first.
 *
 * Returns: an index into @statuses, or -1 when @n is 0
 */
int
sitrep_template_choose (const char * const *statuses,
                        guint               n,
                        SitrepStatus        status,
                        gboolean            sent_before)
{
  const char *want = sitrep_template_stage_status (status, sent_before);
  int any = -1;
  int other = -1;

  for (guint i = 0; i < n; i++)
    {
      const char *s = statuses[i];

      if (s == NULL || s[0] == '\0')
        {
          if (any < 0)
            any = (int) i;
        }
      else if (g_ascii_strcasecmp (s, want) == 0)
        return (int) i;
      else if (other < 0 && g_ascii_strcasecmp (s, STAGE_INITIAL) != 0 &&
               g_ascii_strcasecmp (s, STAGE_UPDATE) != 0 &&
               g_ascii_strcasecmp (s, STAGE_RESOLUTION) != 0)
        other = (int) i;
    }

  if (any >= 0)
    return any;
  if (other >= 0)
    return other;
  return n > 0 ? 0 : -1;
}

/**
 * sitrep_template_builtin_to_body:
 *
 * Returns: (transfer full): a PROTOCOL.md `templates` body (name,
 *   audience, status, title, body) with "builtin_key" added, so a seeded
 *   record can be told from a user's own
 */
JsonObject *
sitrep_template_builtin_to_body (const SitrepTemplateBuiltin *t)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "name", t->name);
  json_object_set_string_member (o, "audience", sitrep_audience_to_string (t->audience));
  if (t->status != NULL)
    json_object_set_string_member (o, "status", t->status);
  else
    json_object_set_null_member (o, "status");
  json_object_set_string_member (o, "title", t->title);
  json_object_set_string_member (o, "body", t->body);
  json_object_set_string_member (o, "builtin_key", t->key);
  return o;
}

/**
 * sitrep_template_placeholder_names:
 *
 * Returns: (transfer none) (array zero-terminated=1): the placeholders an
 *   incident fills
 */
const char * const *
sitrep_template_placeholder_names (void)
{
  return placeholder_names;
}

/**
 * sitrep_rendered_clear:
 *
 * Frees what @r holds and zeroes it; safe on a zeroed or cleared one.
 */
void
sitrep_rendered_clear (SitrepRendered *r)
{
  g_clear_pointer (&r->text, g_free);
  g_clear_pointer (&r->unknown, g_ptr_array_unref);
  g_clear_pointer (&r->empty, g_ptr_array_unref);
  g_clear_pointer (&r->blanks, g_ptr_array_unref);
}

static gboolean
is_known_name (const char *name)
{
  return g_strv_contains (placeholder_names, name);
}

static void
add_once (GPtrArray  *names,
          const char *name,
          gsize       len)
{
  for (guint i = 0; i < names->len; i++)
    {
      const char *have = g_ptr_array_index (names, i);

      if (strlen (have) == len && strncmp (have, name, len) == 0)
        return;
    }
  g_ptr_array_add (names, g_strndup (name, len));
}

static gboolean
is_blank_text (const char *s,
               gsize       len)
{
  g_autofree char *inner = g_strstrip (g_strndup (s, len));

  /* "[ ]" and "[x]" are Markdown task boxes, not blanks. */
  return inner[0] != '\0' && g_ascii_strcasecmp (inner, "x") != 0;
}

/* "[…]" on one line, not escaped, and not a Markdown link "[…](…)" or
 * reference "[…][…]". Only the template's own text is searched: a value
 * like a title "[EU] Checkout slow" is the incident's, not a blank. */
static void
find_blanks (const char *text,
             GPtrArray  *blanks)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      const char *q;

      if (*p != '[' || (p > text && p[-1] == '\\'))
        continue;

      for (q = p + 1; *q != '\0' && *q != ']' && *q != '[' && *q != '\n'; q++)
        ;
      if (*q != ']')
        continue;   /* a later '[' starts the candidate; '\n' or the end ends it */

      if (q[1] == '[')
        {
          /* the reference of "[text][ref]" is no blank either */
          const char *r = strchr (q + 1, ']');

          if (r != NULL && memchr (q + 1, '\n', r - q) == NULL)
            q = r;
        }
      else if (q[1] != '(' && is_blank_text (p + 1, q - p - 1))
        {
          g_autofree char *inner = g_strstrip (g_strndup (p + 1, q - p - 1));

          add_once (blanks, inner, strlen (inner));
        }
      p = q;
    }
}

/**
 * sitrep_template_provisional_ref:
 * @incident_id: the incident's id (a UUID)
 *
 * The server numbers incidents ("INC-2026-042") when it first receives
 * them; until then {{ref}} is "INC-local-" and the last eight characters
 * of the id, which is unique enough to find the incident again and plainly
 * not a server reference. The last, not the first: ids are time-ordered
 * (UUIDv7), so incidents declared within a minute of each other share
 * their first characters, and their random end tells them apart.
 *
 * Returns: (transfer full): the reference to use until the server's
 */
char *
sitrep_template_provisional_ref (const char *incident_id)
{
  gsize len;

  g_return_val_if_fail (incident_id != NULL, NULL);

  len = strlen (incident_id);
  return g_strdup_printf ("INC-local-%s", incident_id + (len > 8 ? len - 8 : 0));
}

static gboolean
ends_sentence (const GString *text)
{
  return text->len > 0 && strchr (".!?", text->str[text->len - 1]) != NULL;
}

static gboolean
starts_sentence (const GString *text)
{
  if (text->len == 0 || text->str[text->len - 1] == '\n')
    return TRUE;
  return text->len >= 2 && text->str[text->len - 1] == ' ' &&
         strchr (".!?", text->str[text->len - 2]) != NULL;
}

static gboolean
is_blank_value (const char *value)
{
  if (value == NULL)
    return TRUE;
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/**
 * sitrep_template_render:
 * @text: a template with {{name}} placeholders (spaces inside the braces
 *   allowed)
 * @values: (nullable) (element-type utf8 utf8): placeholder name → value
 * @out: (out caller-allocates): the result; overwritten, so clear it first
 *   if it holds an earlier one
 *
 * Fills every placeholder that has a value; a value that ends a sentence
 * takes the place of a "." right after the placeholder, so nothing renders
 * "..". A placeholder with no value is "empty" when it is one of
 * sitrep_template_placeholder_names() or its value is blank, and "unknown"
 * otherwise (a typo like {{serivce}}); both are left in the text as
 * {{name}} so they can't go out silently. An optional one, {{name?}}, with
 * no value in @values is left out instead, with the space before it and a
 * ".", ",", ";" or ":" right after it; unknown, or with no @values at all
 * (text being checked for what is left to fill), it is flagged like any
 * other. "{{"
 * with no "}}" on the same line is ordinary text. Remaining "[…]" blanks
 * of @text are listed in @out->blanks.
 */
void
sitrep_template_render (const char     *text,
                        GHashTable     *values,
                        SitrepRendered *out)
{
  GString *result = g_string_new (NULL);
  const char *p = text;

  out->unknown = g_ptr_array_new_with_free_func (g_free);
  out->empty = g_ptr_array_new_with_free_func (g_free);
  out->blanks = g_ptr_array_new_with_free_func (g_free);

  while (*p != '\0')
    {
      const char *open = strstr (p, "{{");
      const char *end;
      const char *name;
      const char *name_end;
      g_autofree char *key = NULL;
      gpointer value = NULL;
      gboolean has_value = FALSE;
      gboolean optional;

      if (open == NULL)
        {
          g_string_append (result, p);
          break;
        }

      /* A placeholder's inside holds no brace and no line break. */
      for (end = open + 2; *end != '\0' && *end != '{' && *end != '}' && *end != '\n'; end++)
        ;
      if (end[0] != '}' || end[1] != '}')
        {
          g_string_append_len (result, p, open + 1 - p);
          p = open + 1;
          continue;
        }

      g_string_append_len (result, p, open - p);

      for (name = open + 2; *name == ' ' || *name == '\t'; name++)
        ;
      for (name_end = end; name_end > name && (name_end[-1] == ' ' || name_end[-1] == '\t');
           name_end--)
        ;
      optional = name_end > name && name_end[-1] == '?';
      key = g_strndup (name, name_end - name - (optional ? 1 : 0));

      if (values != NULL)
        has_value = g_hash_table_lookup_extended (values, key, NULL, &value);

      p = end + 2;
      if (has_value && !is_blank_value (value))
        {
          g_autofree char *filled = g_strstrip (g_strdup (value));

          /* A value that starts a sentence or a line starts with a
           * capital: "{{service}} - Service Disruption" for "checkout". */
          if (starts_sentence (result))
            {
              gunichar first = g_utf8_get_char (filled);

              if (g_unichar_islower (first))
                {
                  g_string_append_unichar (result, g_unichar_totitle (first));
                  g_string_append (result, g_utf8_next_char (filled));
                }
              else
                g_string_append (result, filled);
            }
          else
            g_string_append (result, filled);
          /* "{{impact}}." with an impact that ends its own sentence */
          if (*p == '.' && ends_sentence (result))
            p++;
        }
      else if (optional && values != NULL && (has_value || is_known_name (key)))
        {
          /* Left out with the space before it and the mark that ends it:
           * "fix. {{impact?}}. We" → "fix. We". */
          while (result->len > 0 && (result->str[result->len - 1] == ' ' ||
                                     result->str[result->len - 1] == '\t'))
            g_string_truncate (result, result->len - 1);
          if (*p != '\0' && strchr (".,;:", *p) != NULL)
            p++;
          if (result->len == 0 || result->str[result->len - 1] == '\n')
            while (*p == ' ' || *p == '\t')
              p++;
        }
      else
        {
          if (has_value || is_known_name (key))
            add_once (out->empty, key, strlen (key));
          else
            add_once (out->unknown, key, strlen (key));
          g_string_append_printf (result, optional ? "{{%s?}}" : "{{%s}}", key);
        }
    }

  find_blanks (text, out->blanks);
  out->text = g_string_free (result, FALSE);
}

/**
 * sitrep_rendered_is_sendable:
 *
 * Returns: %TRUE when @r has no unknown or empty placeholder and no blank
 */
gboolean
sitrep_rendered_is_sendable (const SitrepRendered *r)
{
  return r->text != NULL
         && (r->unknown == NULL || r->unknown->len == 0)
         && (r->empty == NULL || r->empty->len == 0)
         && (r->blanks == NULL || r->blanks->len == 0);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sitrep-command-private.h"
#include "sitrep-enum-strings.h"

/* What the palette shows while a command is typed: what the word at the
 * cursor can become, and what the command will do. */

typedef SitrepCommandToken Token;
#define TOKEN SITREP_COMMAND_TOKEN
#define PREFIX SITREP_COMMAND_PREFIX

void
sitrep_command_completion_free (SitrepCommandCompletion *completion)
{
  g_free (completion->word);
  g_free (completion->line);
  g_free (completion);
}

static gboolean
has_prefix_folded (const char *candidate,
                   const char *prefix)
{
  g_autofree char *c = g_utf8_casefold (candidate, -1);
  g_autofree char *p = g_utf8_casefold (prefix, -1);

  return g_str_has_prefix (c, p);
}

static char *
quote_if_needed (const char *word)
{
  GString *quoted;

  if (strpbrk (word, " \t\"\\") == NULL && *word != '\0')
    return g_strdup (word);

  quoted = g_string_new ("\"");
  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (quoted, FALSE);
}

static void
add_candidate (GPtrArray  *out,
               const char *input,
               gsize       word_start,
               gsize       word_end,
               const char *prefix,
               const char *candidate)
{
  SitrepCommandCompletion *completion;
  g_autofree char *inserted = NULL;
  const char *rest = input + word_end;
  GString *line;
  gsize cursor;

  if (candidate == NULL || !has_prefix_folded (candidate, prefix))
    return;
  for (guint i = 0; i < out->len; i++)
    if (g_str_equal (((SitrepCommandCompletion *) out->pdata[i])->word, candidate))
      return;

  inserted = quote_if_needed (candidate);
  line = g_string_new_len (input, word_start);
  g_string_append (line, inserted);
  cursor = line->len + 1;
  if (*rest != ' ')
    g_string_append_c (line, ' ');
  g_string_append (line, rest);

  completion = g_new0 (SitrepCommandCompletion, 1);
  completion->word = g_strdup (candidate);
  completion->cursor = g_utf8_pointer_to_offset (line->str, line->str + cursor);
  completion->line = g_string_free (line, FALSE);
  g_ptr_array_add (out, completion);
}

static SitrepCommandArg
argument_at (GArray   *tokens,
             guint     index,
             Token    *word)
{
  SitrepCommandVerb verb;
  guint arg;

  if (index == 0)
    return SITREP_COMMAND_ARG_PREFIX;
  if (g_ascii_strcasecmp (TOKEN (tokens, 0)->text, PREFIX) != 0)
    return SITREP_COMMAND_ARG_NONE;
  if (index == 1)
    return SITREP_COMMAND_ARG_VERB;
  if (!_sitrep_command_find_verb (TOKEN (tokens, 1)->text, &verb))
    return SITREP_COMMAND_ARG_NONE;

  arg = index - 2;
  switch (verb)
    {
    case SITREP_COMMAND_START:
      if (arg == 0)
        return SITREP_COMMAND_ARG_TITLE;
      if (TOKEN (tokens, 2)->quoted)
        return arg == 1 ? SITREP_COMMAND_ARG_SEVERITY : SITREP_COMMAND_ARG_NONE;
      /* After the first word of the title, a word that may become P1–P4 */
      if (word->text[0] == '\0' ||
          ((word->text[0] == 'p' || word->text[0] == 'P') &&
           (word->text[1] == '\0' || (word->text[1] >= '1' && word->text[1] <= '4'))))
        return SITREP_COMMAND_ARG_SEVERITY;
      return SITREP_COMMAND_ARG_TITLE;
    case SITREP_COMMAND_PAGE:
      return arg == 0 ? SITREP_COMMAND_ARG_TEAM : SITREP_COMMAND_ARG_TEXT;
    case SITREP_COMMAND_ROLE:
      return arg == 0 ? SITREP_COMMAND_ARG_ROLE
             : arg == 1 ? SITREP_COMMAND_ARG_PERSON : SITREP_COMMAND_ARG_NONE;
    case SITREP_COMMAND_STATUS:
    case SITREP_COMMAND_MITIGATE:
    case SITREP_COMMAND_NOTE:
      return SITREP_COMMAND_ARG_TEXT;
    case SITREP_COMMAND_RESOLVE:
    default:
      return SITREP_COMMAND_ARG_NONE;
    }
}

/**
 * sitrep_command_complete:
 * @cursor: where the cursor is in @input, in characters
 * @teams: (nullable): the teams that can be paged
 * @people: (nullable): the handles that can take a role
 * @arg: (out) (optional): what the word at the cursor is
 *
 * Returns: (transfer full) (element-type SitrepCommandCompletion): what
 *   the word at the cursor can become, in the order of @teams / @people
 *   (commands in the bot's order, roles in the guide's order)
 */
GPtrArray *
sitrep_command_complete (const char         *input,
                         glong               cursor,
                         const char * const *teams,
                         const char * const *people,
                         SitrepCommandArg   *arg)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_command_completion_free);
  g_autoptr(GArray) tokens = NULL;
  g_autofree char *prefix = NULL;
  SitrepCommandArg kind;
  Token here = { NULL, 0, 0, FALSE };
  gsize at, word_start, word_end;
  guint index = 0;

  if (arg != NULL)
    *arg = SITREP_COMMAND_ARG_NONE;
  if (input == NULL || !sitrep_command_is_command (input))
    return out;

  at = g_utf8_offset_to_pointer (input, CLAMP (cursor, 0, g_utf8_strlen (input, -1))) - input;
  tokens = _sitrep_command_tokenize (input, TRUE, NULL, NULL);
  /* The word the cursor is in or just after, or a new one. */
  word_start = word_end = at;
  for (index = 0; index < tokens->len; index++)
    {
      Token *token = TOKEN (tokens, index);

      if (at < token->start)
        break;
      if (at <= token->end)
        {
          word_start = token->start;
          word_end = token->end;
          here = *token;
          break;
        }
    }
  if (here.text == NULL)
    here.text = (char *) "";
  /* Only what is before the cursor is the prefix. */
  if (here.quoted)
    return out;
  prefix = g_strndup (input + word_start, at - word_start);
  here.text = prefix;

  kind = argument_at (tokens, index, &here);
  if (arg != NULL)
    *arg = kind;

  switch (kind)
    {
    case SITREP_COMMAND_ARG_PREFIX:
      add_candidate (out, input, word_start, word_end, prefix, PREFIX);
      break;
    case SITREP_COMMAND_ARG_VERB:
      for (guint i = 0; _sitrep_command_verb_name (i) != NULL; i++)
        add_candidate (out, input, word_start, word_end, prefix, _sitrep_command_verb_name (i));
      break;
    case SITREP_COMMAND_ARG_SEVERITY:
      for (SitrepSeverity s = SITREP_SEVERITY_P1; s <= SITREP_SEVERITY_P4; s++)
        add_candidate (out, input, word_start, word_end, prefix, sitrep_severity_to_string (s));
      break;
    case SITREP_COMMAND_ARG_TEAM:
      for (guint i = 0; teams != NULL && teams[i] != NULL; i++)
        add_candidate (out, input, word_start, word_end, prefix, teams[i]);
      break;
    case SITREP_COMMAND_ARG_ROLE:
      for (SitrepRole r = SITREP_ROLE_COMMANDER; r <= SITREP_ROLE_CUSTOMER_LIAISON; r++)
        add_candidate (out, input, word_start, word_end, prefix, sitrep_role_to_string (r));
      break;
    case SITREP_COMMAND_ARG_PERSON:
      for (guint i = 0; people != NULL && people[i] != NULL; i++)
        add_candidate (out, input, word_start, word_end, prefix, people[i]);
      break;
    case SITREP_COMMAND_ARG_NONE:
    case SITREP_COMMAND_ARG_TITLE:
    case SITREP_COMMAND_ARG_TEXT:
    default:
      break;
    }

  return out;
}

/* Description ---------------------------------------------------------- */

/**
 * sitrep_command_describe:
 * @incident_ref: (nullable): the incident the command is for, as people
 *   name it ("INC-2026-014"); not needed by start
 *
 * Returns: (transfer full): one line saying what running @command will do
 */
char *
sitrep_command_describe (const SitrepCommand *command,
                         const char          *incident_ref)
{
  const char *ref = incident_ref != NULL ? incident_ref : _("the incident");

  switch (command->verb)
    {
    case SITREP_COMMAND_START:
      /* Translators: what a command will do; the title, then a severity */
      return g_strdup_printf (_("Declare “%s” as a %s incident"), command->title,
                              sitrep_severity_to_string (command->severity));
    case SITREP_COMMAND_PAGE:
      if (command->text != NULL)
        /* Translators: what a command will do; a team, an incident, the message */
        return g_strdup_printf (_("Page %s for %s: “%s”"), command->team, ref, command->text);
      /* Translators: what a command will do; a team, then an incident */
      return g_strdup_printf (_("Page %s for %s"), command->team, ref);
    case SITREP_COMMAND_STATUS:
      {
        SitrepStatus status = sitrep_command_status_named (command->text);

        if (status != SITREP_STATUS_INVALID)
          /* Translators: what a command will do; an incident, then a status */
          return g_strdup_printf (_("Post a status update on %s and move it to %s"), ref,
                                  sitrep_status_get_label (status));
        /* Translators: what a command will do; %s is an incident */
        return g_strdup_printf (_("Post a status update on %s"), ref);
      }
    case SITREP_COMMAND_MITIGATE:
      /* Translators: what a command will do; %s is an incident */
      return g_strdup_printf (_("Record the mitigation on %s, stamp Mitigated and move it to "
                                "Monitoring"), ref);
    case SITREP_COMMAND_RESOLVE:
      /* Translators: what a command will do; %s is an incident */
      return g_strdup_printf (_("Resolve %s: stamp Resolved and schedule the postmortem"), ref);
    case SITREP_COMMAND_NOTE:
      /* Translators: what a command will do; %s is an incident */
      return g_strdup_printf (_("Add a note to the timeline of %s"), ref);
    case SITREP_COMMAND_ROLE:
      /* Translators: what a command will do; a person, a role, an incident */
      return g_strdup_printf (_("Assign %s as %s of %s"), command->person,
                              sitrep_role_get_label (command->role), ref);
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

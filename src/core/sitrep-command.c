/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sitrep-command.h"
#include "sitrep-enum-strings.h"

/* The incident bot's grammar: "/incident" and a verb, then the verb's
 * arguments separated by spaces. "..." quotes an argument with spaces in it
 * (\" and \\ inside are a quote and a backslash). A free text argument
 * (a status, a note, a page's message) is either one quoted string or the
 * rest of the line as typed. Errors carry the position of the word at
 * fault, in characters, so the palette can put the cursor there. */

G_DEFINE_QUARK (sitrep-command-error-quark, sitrep_command_error)

#define PREFIX "/incident"

static const struct {
  const char        *name;
  SitrepCommandVerb  verb;
} verbs[] = {
  { "start", SITREP_COMMAND_START },
  { "page", SITREP_COMMAND_PAGE },
  { "status", SITREP_COMMAND_STATUS },
  { "mitigate", SITREP_COMMAND_MITIGATE },
  { "resolve", SITREP_COMMAND_RESOLVE },
  { "note", SITREP_COMMAND_NOTE },
  { "role", SITREP_COMMAND_ROLE },
};

/* Shorter names for roles people say out loud. */
static const struct {
  const char *alias;
  SitrepRole  role;
} role_aliases[] = {
  { "ic", SITREP_ROLE_COMMANDER },
  { "comms", SITREP_ROLE_COMMUNICATIONS },
  { "ops", SITREP_ROLE_OPERATIONS },
};

typedef struct
{
  char     *text;    /* unquoted */
  gsize     start;   /* bytes, the opening quote included */
  gsize     end;
  gboolean  quoted;
} Token;

static void
token_clear (gpointer data)
{
  g_free (((Token *) data)->text);
}

static GArray *
tokens_new (void)
{
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (Token));

  g_array_set_clear_func (tokens, token_clear);
  return tokens;
}

#define TOKEN(tokens, i) (&g_array_index ((tokens), Token, (i)))

static glong
char_offset (const char *input,
             gsize       byte)
{
  return g_utf8_pointer_to_offset (input, input + byte);
}

static void
set_error (GError             **error,
           glong               *error_position,
           const char          *input,
           gsize                byte,
           SitrepCommandError   code,
           const char          *message)
{
  if (error_position != NULL)
    *error_position = char_offset (input, byte);
  g_set_error_literal (error, SITREP_COMMAND_ERROR, code, message);
}

/* Splits @input into words. With @lenient (completion), an unfinished
 * quote or escape ends the word instead of being an error. */
static GArray *
tokenize (const char  *input,
          gboolean     lenient,
          glong       *error_position,
          GError     **error)
{
  g_autoptr(GArray) tokens = tokens_new ();
  gsize i = 0, len = strlen (input);

  while (i < len)
    {
      Token token = { NULL, 0, 0, FALSE };
      GString *text;

      while (i < len && g_ascii_isspace (input[i]))
        i++;
      if (i >= len)
        break;

      token.start = i;
      text = g_string_new (NULL);
      if (input[i] == '"')
        {
          gboolean closed = FALSE;

          token.quoted = TRUE;
          for (i++; i < len; i++)
            {
              if (input[i] == '"')
                {
                  closed = TRUE;
                  i++;
                  break;
                }
              if (input[i] == '\\')
                {
                  if (i + 1 < len && (input[i + 1] == '"' || input[i + 1] == '\\'))
                    {
                      g_string_append_c (text, input[++i]);
                      continue;
                    }
                  if (!lenient)
                    {
                      g_string_free (text, TRUE);
                      set_error (error, error_position, input, i,
                                 SITREP_COMMAND_ERROR_BAD_QUOTE,
                                 /* Translators: about a command typed in the palette */
                                 _("Only \\\" and \\\\ can follow a backslash inside quotes"));
                      return NULL;
                    }
                }
              g_string_append_c (text, input[i]);
            }
          if (!closed && !lenient)
            {
              g_string_free (text, TRUE);
              set_error (error, error_position, input, token.start,
                         SITREP_COMMAND_ERROR_BAD_QUOTE,
                         _("This quote is never closed: add a \" at the end"));
              return NULL;
            }
          if (closed && i < len && !g_ascii_isspace (input[i]) && !lenient)
            {
              g_string_free (text, TRUE);
              set_error (error, error_position, input, i, SITREP_COMMAND_ERROR_BAD_QUOTE,
                         _("Put a space after the closing quote"));
              return NULL;
            }
        }
      else
        for (; i < len && !g_ascii_isspace (input[i]); i++)
          g_string_append_c (text, input[i]);

      token.end = i;
      token.text = g_string_free (text, FALSE);
      g_array_append_val (tokens, token);
    }

  return g_steal_pointer (&tokens);
}

/**
 * sitrep_command_is_command:
 *
 * Returns: whether @input is meant as a command: it starts with "/"
 */
gboolean
sitrep_command_is_command (const char *input)
{
  while (input != NULL && g_ascii_isspace (*input))
    input++;
  return input != NULL && *input == '/';
}

/**
 * sitrep_command_get_usage:
 *
 * Returns: how @verb is typed, e.g. "/incident page <team> [message]"
 */
const char *
sitrep_command_get_usage (SitrepCommandVerb verb)
{
  switch (verb)
    {
    case SITREP_COMMAND_START:
      /* Translators: how a command is typed; translate the words in <>, not the rest */
      return _("/incident start <title> <P1–P4>");
    case SITREP_COMMAND_PAGE:
      return _("/incident page <team> [message]");
    case SITREP_COMMAND_STATUS:
      return _("/incident status \"<text>\"");
    case SITREP_COMMAND_MITIGATE:
      return _("/incident mitigate \"<text>\"");
    case SITREP_COMMAND_RESOLVE:
      return "/incident resolve";
    case SITREP_COMMAND_NOTE:
      return _("/incident note \"<text>\"");
    case SITREP_COMMAND_ROLE:
      return _("/incident role <role> <person>");
    default:
      g_return_val_if_reached ("");
    }
}

static gboolean
find_verb (const char        *word,
           SitrepCommandVerb *verb)
{
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (g_ascii_strcasecmp (word, verbs[i].name) == 0)
      {
        *verb = verbs[i].verb;
        return TRUE;
      }
  return FALSE;
}

static gboolean
parse_severity (const char     *word,
                SitrepSeverity *severity)
{
  if ((word[0] == 'p' || word[0] == 'P') && word[1] >= '1' && word[1] <= '4' && word[2] == '\0')
    {
      *severity = SITREP_SEVERITY_P1 + (word[1] - '1');
      return TRUE;
    }
  return FALSE;
}

static gboolean
parse_role (const char *word,
            SitrepRole *role)
{
  g_autofree char *nick = g_ascii_strdown (word, -1);

  g_strdelimit (nick, "-", '_');
  if (sitrep_role_from_string (nick, role))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (role_aliases); i++)
    if (g_str_equal (nick, role_aliases[i].alias))
      {
        *role = role_aliases[i].role;
        return TRUE;
      }
  return FALSE;
}

static char *
role_names (void)
{
  GString *names = g_string_new (NULL);

  for (SitrepRole r = SITREP_ROLE_COMMANDER; r <= SITREP_ROLE_CUSTOMER_LIAISON; r++)
    g_string_append_printf (names, "%s%s", names->len ? ", " : "", sitrep_role_to_string (r));
  return g_string_free (names, FALSE);
}

/* A free text argument from @first on: one quoted string, or the rest of
 * the line as typed. %NULL with @error set for anything after a quoted one. */
static char *
rest_of_line (const char  *input,
              GArray      *tokens,
              guint        first,
              glong       *error_position,
              GError     **error)
{
  Token *start = TOKEN (tokens, first);
  Token *last = TOKEN (tokens, tokens->len - 1);

  if (start->quoted)
    {
      if (tokens->len > first + 1)
        {
          set_error (error, error_position, input, TOKEN (tokens, first + 1)->start,
                     SITREP_COMMAND_ERROR_EXTRA_ARGUMENT,
                     _("Nothing can follow the quoted text: put it all inside the quotes"));
          return NULL;
        }
      return g_strdup (start->text);
    }

  return g_strndup (input + start->start, last->end - start->start);
}

static void
missing (GError     **error,
         glong       *error_position,
         const char  *input,
         const char  *what,
         SitrepCommandVerb verb)
{
  /* Translators: the first %s is what is missing (e.g. "a team"), the
   * second how the command is typed */
  g_autofree char *message = g_strdup_printf (_("Missing %s: %s"), what,
                                              sitrep_command_get_usage (verb));

  set_error (error, error_position, input, strlen (input), SITREP_COMMAND_ERROR_MISSING_ARGUMENT,
             message);
}

static void
extra (GError     **error,
       glong       *error_position,
       const char  *input,
       Token       *token,
       SitrepCommandVerb verb)
{
  /* Translators: %s is how the command is typed */
  g_autofree char *message = g_strdup_printf (_("Too many words here: %s"),
                                              sitrep_command_get_usage (verb));

  set_error (error, error_position, input, token->start, SITREP_COMMAND_ERROR_EXTRA_ARGUMENT,
             message);
}

static gboolean
parse_start (const char     *input,
             GArray         *tokens,
             SitrepCommand  *command,
             glong          *error_position,
             GError        **error)
{
  guint n = tokens->len - 2;
  Token *last;
  GString *title;

  if (n == 0 || (n == 1 && TOKEN (tokens, 2)->text[0] == '\0'))
    {
      missing (error, error_position, input, _("a title"), SITREP_COMMAND_START);
      return FALSE;
    }
  if (TOKEN (tokens, 2)->quoted && n > 2)
    {
      extra (error, error_position, input, TOKEN (tokens, 4), SITREP_COMMAND_START);
      return FALSE;
    }

  last = TOKEN (tokens, tokens->len - 1);
  if (n == 1)
    {
      SitrepSeverity ignored;

      missing (error, error_position, input,
               parse_severity (last->text, &ignored) ? _("a title") : _("a severity"),
               SITREP_COMMAND_START);
      return FALSE;
    }
  if (!parse_severity (last->text, &command->severity))
    {
      /* Translators: %s is what was typed where a severity goes */
      g_autofree char *message = g_strdup_printf (_("“%s” is not a severity: end with P1, P2, "
                                                    "P3 or P4"), last->text);

      set_error (error, error_position, input, last->start, SITREP_COMMAND_ERROR_BAD_SEVERITY,
                 message);
      return FALSE;
    }

  title = g_string_new (NULL);
  for (guint i = 2; i < tokens->len - 1; i++)
    g_string_append_printf (title, "%s%s", title->len ? " " : "", TOKEN (tokens, i)->text);
  command->title = g_string_free (title, FALSE);
  if (*g_strstrip (command->title) == '\0')
    {
      missing (error, error_position, input, _("a title"), SITREP_COMMAND_START);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_text (const char     *input,
            GArray         *tokens,
            guint           first,
            const char     *what,
            char          **text,
            SitrepCommandVerb verb,
            glong          *error_position,
            GError        **error)
{
  if (tokens->len <= first)
    {
      missing (error, error_position, input, what, verb);
      return FALSE;
    }
  *text = rest_of_line (input, tokens, first, error_position, error);
  if (*text == NULL)
    return FALSE;
  if (*g_strstrip (*text) == '\0')
    {
      missing (error, error_position, input, what, verb);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_arguments (const char     *input,
                 GArray         *tokens,
                 SitrepCommand  *command,
                 glong          *error_position,
                 GError        **error)
{
  guint n = tokens->len - 2;

  switch (command->verb)
    {
    case SITREP_COMMAND_START:
      return parse_start (input, tokens, command, error_position, error);

    case SITREP_COMMAND_PAGE:
      if (n == 0 || TOKEN (tokens, 2)->text[0] == '\0')
        {
          missing (error, error_position, input, _("a team"), command->verb);
          return FALSE;
        }
      command->team = g_strdup (TOKEN (tokens, 2)->text);
      if (n > 1)
        return parse_text (input, tokens, 3, _("a message"), &command->text, command->verb,
                           error_position, error);
      return TRUE;

    case SITREP_COMMAND_STATUS:
      return parse_text (input, tokens, 2, _("the status text"), &command->text,
                         command->verb, error_position, error);

    case SITREP_COMMAND_MITIGATE:
      return parse_text (input, tokens, 2, _("what was done to mitigate"), &command->text,
                         command->verb, error_position, error);

    case SITREP_COMMAND_NOTE:
      return parse_text (input, tokens, 2, _("the note"), &command->text, command->verb,
                         error_position, error);

    case SITREP_COMMAND_RESOLVE:
      if (n > 0)
        {
          extra (error, error_position, input, TOKEN (tokens, 2), command->verb);
          return FALSE;
        }
      return TRUE;

    case SITREP_COMMAND_ROLE:
      if (n == 0)
        {
          missing (error, error_position, input, _("a role"), command->verb);
          return FALSE;
        }
      if (!parse_role (TOKEN (tokens, 2)->text, &command->role))
        {
          g_autofree char *names = role_names ();
          /* Translators: %s is what was typed, then the list of roles */
          g_autofree char *message = g_strdup_printf (_("“%s” is not a role: use %s"),
                                                      TOKEN (tokens, 2)->text, names);

          set_error (error, error_position, input, TOKEN (tokens, 2)->start,
                     SITREP_COMMAND_ERROR_BAD_ROLE, message);
          return FALSE;
        }
      if (n == 1 || TOKEN (tokens, 3)->text[0] == '\0')
        {
          missing (error, error_position, input, _("a person"), command->verb);
          return FALSE;
        }
      if (n > 2)
        {
          extra (error, error_position, input, TOKEN (tokens, 4), command->verb);
          return FALSE;
        }
      command->person = g_strdup (TOKEN (tokens, 3)->text);
      return TRUE;

    default:
      g_return_val_if_reached (FALSE);
    }
}

static char *
verb_names (void)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    g_string_append_printf (names, "%s%s", names->len ? ", " : "", verbs[i].name);
  return g_string_free (names, FALSE);
}

/**
 * sitrep_command_parse:
 * @command: (out caller-allocates): filled on success; clear it with
 *   sitrep_command_clear()
 * @error_position: (out) (optional): on failure, where the fault is, in
 *   characters from the start of @input
 *
 * Reads one "/incident …" command.
 *
 * Returns: %TRUE if @input is a whole, well-formed command
 */
gboolean
sitrep_command_parse (const char     *input,
                      SitrepCommand  *command,
                      glong          *error_position,
                      GError        **error)
{
  g_autoptr(GArray) tokens = NULL;
  Token *first;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (command != NULL, FALSE);

  memset (command, 0, sizeof *command);
  if (!sitrep_command_is_command (input))
    {
      set_error (error, error_position, input, 0, SITREP_COMMAND_ERROR_NOT_A_COMMAND,
                 _("A command starts with /incident"));
      return FALSE;
    }

  tokens = tokenize (input, FALSE, error_position, error);
  if (tokens == NULL)
    return FALSE;

  first = TOKEN (tokens, 0);
  if (g_ascii_strcasecmp (first->text, PREFIX) != 0)
    {
      /* Translators: %s is what was typed, e.g. "/incdent" */
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”: commands start "
                                                    "with /incident"), first->text);

      set_error (error, error_position, input, first->start, SITREP_COMMAND_ERROR_UNKNOWN,
                 message);
      return FALSE;
    }
  if (tokens->len < 2)
    {
      g_autofree char *names = verb_names ();
      /* Translators: %s is the list of commands */
      g_autofree char *message = g_strdup_printf (_("Type a command after /incident: %s"), names);

      set_error (error, error_position, input, strlen (input),
                 SITREP_COMMAND_ERROR_MISSING_ARGUMENT, message);
      return FALSE;
    }
  if (!find_verb (TOKEN (tokens, 1)->text, &command->verb))
    {
      g_autofree char *names = verb_names ();
      /* Translators: %s is what was typed, then the list of commands */
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”: use %s"),
                                                  TOKEN (tokens, 1)->text, names);

      set_error (error, error_position, input, TOKEN (tokens, 1)->start,
                 SITREP_COMMAND_ERROR_UNKNOWN, message);
      return FALSE;
    }

  if (!parse_arguments (input, tokens, command, error_position, error))
    {
      sitrep_command_clear (command);
      return FALSE;
    }
  return TRUE;
}

/**
 * sitrep_command_clear:
 *
 * Frees what a parsed command holds.
 */
void
sitrep_command_clear (SitrepCommand *command)
{
  g_clear_pointer (&command->title, g_free);
  g_clear_pointer (&command->team, g_free);
  g_clear_pointer (&command->text, g_free);
  g_clear_pointer (&command->person, g_free);
}

/**
 * sitrep_command_status_named:
 *
 * A status update that opens with a status ("Identified database
 * connection issue…", as the guide's example) moves the incident there.
 *
 * Returns: the active status @text starts with, or %SITREP_STATUS_INVALID
 */
SitrepStatus
sitrep_command_status_named (const char *text)
{
  g_autofree char *word = NULL;
  const char *end;

  while (text != NULL && g_ascii_isspace (*text))
    text++;
  if (text == NULL)
    return SITREP_STATUS_INVALID;
  for (end = text; g_ascii_isalpha (*end); end++)
    ;
  word = g_ascii_strdown (text, end - text);
  for (SitrepStatus s = SITREP_STATUS_INVESTIGATING; s <= SITREP_STATUS_MONITORING; s++)
    if (g_str_equal (word, sitrep_status_to_string (s)))
      return s;
  return SITREP_STATUS_INVALID;
}

/* Completion ----------------------------------------------------------- */

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
  if (!find_verb (TOKEN (tokens, 1)->text, &verb))
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
  tokens = tokenize (input, TRUE, NULL, NULL);
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
      for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
        add_candidate (out, input, word_start, word_end, prefix, verbs[i].name);
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

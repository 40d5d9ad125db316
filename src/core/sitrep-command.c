/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sitrep-command-private.h"
#include "sitrep-enum-strings.h"

/* The incident bot's grammar: "/incident" and a verb, then the verb's
 * arguments separated by spaces. "..." quotes an argument with spaces in it
 * (\" and \\ inside are a quote and a backslash). A free text argument
 * (a status, a note, a page's message) is either one quoted string or the
 * rest of the line as typed. Errors carry the position of the word at
 * fault, in characters, so the palette can put the cursor there. */

G_DEFINE_QUARK (sitrep-command-error-quark, sitrep_command_error)

#define PREFIX SITREP_COMMAND_PREFIX

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

typedef SitrepCommandToken Token;

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

#define TOKEN SITREP_COMMAND_TOKEN

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
GArray *
_sitrep_command_tokenize (const char  *input,
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

gboolean
_sitrep_command_find_verb (const char        *word,
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

/* Returns: (nullable): the name of the @index-th command, in the bot's order */
const char *
_sitrep_command_verb_name (guint index)
{
  return index < G_N_ELEMENTS (verbs) ? verbs[index].name : NULL;
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

  tokens = _sitrep_command_tokenize (input, FALSE, error_position, error);
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
  if (!_sitrep_command_find_verb (TOKEN (tokens, 1)->text, &command->verb))
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

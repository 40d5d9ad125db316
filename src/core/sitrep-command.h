/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

/* The incident bot's commands, typed in the command palette or on the
 * timeline's capture line: "/incident page database-team". */

#define SITREP_COMMAND_ERROR (sitrep_command_error_quark ())

typedef enum
{
  SITREP_COMMAND_ERROR_NOT_A_COMMAND,
  SITREP_COMMAND_ERROR_UNKNOWN,
  SITREP_COMMAND_ERROR_MISSING_ARGUMENT,
  SITREP_COMMAND_ERROR_EXTRA_ARGUMENT,
  SITREP_COMMAND_ERROR_BAD_SEVERITY,
  SITREP_COMMAND_ERROR_BAD_ROLE,
  SITREP_COMMAND_ERROR_BAD_QUOTE,
} SitrepCommandError;

typedef enum
{
  SITREP_COMMAND_START,
  SITREP_COMMAND_PAGE,
  SITREP_COMMAND_STATUS,
  SITREP_COMMAND_MITIGATE,
  SITREP_COMMAND_RESOLVE,
  SITREP_COMMAND_NOTE,
  SITREP_COMMAND_ROLE,
} SitrepCommandVerb;

/**
 * SitrepCommandArg:
 *
 * What the word at the cursor is, for completion.
 */
typedef enum
{
  SITREP_COMMAND_ARG_NONE,
  SITREP_COMMAND_ARG_PREFIX,     /* "/incident" */
  SITREP_COMMAND_ARG_VERB,
  SITREP_COMMAND_ARG_TITLE,
  SITREP_COMMAND_ARG_SEVERITY,
  SITREP_COMMAND_ARG_TEAM,
  SITREP_COMMAND_ARG_ROLE,
  SITREP_COMMAND_ARG_PERSON,
  SITREP_COMMAND_ARG_TEXT,
} SitrepCommandArg;

/**
 * SitrepCommand:
 * @verb: what to do
 * @title: start: the incident's title
 * @severity: start: its severity
 * @team: page: the team
 * @text: page: the message (or %NULL); status, mitigate, note: the text
 * @role: role: the role
 * @person: role: the handle
 */
typedef struct
{
  SitrepCommandVerb  verb;
  char              *title;
  SitrepSeverity     severity;
  char              *team;
  char              *text;
  SitrepRole         role;
  char              *person;
} SitrepCommand;

/**
 * SitrepCommandCompletion:
 * @word: the candidate, as the list shows it
 * @line: the whole line with the candidate in place
 * @cursor: where the cursor goes in @line, in characters
 */
typedef struct
{
  char  *word;
  char  *line;
  glong  cursor;
} SitrepCommandCompletion;

GQuark      sitrep_command_error_quark     (void);
gboolean    sitrep_command_is_command      (const char          *input);
gboolean    sitrep_command_parse           (const char          *input,
                                            SitrepCommand       *command,
                                            glong               *error_position,
                                            GError             **error);
void        sitrep_command_clear           (SitrepCommand       *command);
SitrepStatus sitrep_command_status_named   (const char          *text);
GPtrArray  *sitrep_command_complete        (const char          *input,
                                            glong                cursor,
                                            const char * const  *teams,
                                            const char * const  *people,
                                            SitrepCommandArg    *arg);
char       *sitrep_command_describe        (const SitrepCommand *command,
                                            const char          *incident_ref);
const char *sitrep_command_get_usage       (SitrepCommandVerb    verb);
void        sitrep_command_completion_free (SitrepCommandCompletion *completion);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepCommandCompletion, sitrep_command_completion_free)

G_END_DECLS

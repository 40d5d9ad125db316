/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sitrep-command.h"
#include "sitrep-enum-strings.h"

#define NO_ROLE ((SitrepRole) -1)

static void
test_parse_table (void)
{
  static const struct {
    const char        *input;
    SitrepCommandVerb  verb;
    const char        *title;
    SitrepSeverity     severity;
    const char        *team;
    const char        *text;
    SitrepRole         role;
    const char        *person;
  } cases[] = {
    /* the guide's examples */
    { "/incident start payment-failure p1", SITREP_COMMAND_START, "payment-failure",
      SITREP_SEVERITY_P1, NULL, NULL, NO_ROLE, NULL },
    { "/incident page database-team", SITREP_COMMAND_PAGE, NULL, 0, "database-team", NULL,
      NO_ROLE, NULL },
    { "/incident status \"Identified database connection issue, working on fix\"",
      SITREP_COMMAND_STATUS, NULL, 0, NULL,
      "Identified database connection issue, working on fix", NO_ROLE, NULL },
    { "/incident mitigate \"Rerouted traffic to backup database\"", SITREP_COMMAND_MITIGATE,
      NULL, 0, NULL, "Rerouted traffic to backup database", NO_ROLE, NULL },
    { "/incident resolve", SITREP_COMMAND_RESOLVE, NULL, 0, NULL, NULL, NO_ROLE, NULL },
    /* titles of several words, quoted or not; severity in either case */
    { "/incident start Checkout is slow P2", SITREP_COMMAND_START, "Checkout is slow",
      SITREP_SEVERITY_P2, NULL, NULL, NO_ROLE, NULL },
    { "/incident start \"Checkout is slow\" p3", SITREP_COMMAND_START, "Checkout is slow",
      SITREP_SEVERITY_P3, NULL, NULL, NO_ROLE, NULL },
    { "  /Incident START x P4  ", SITREP_COMMAND_START, "x", SITREP_SEVERITY_P4, NULL, NULL,
      NO_ROLE, NULL },
    /* a page's message, quoted or as the rest of the line */
    { "/incident page database-team \"Primary is down\"", SITREP_COMMAND_PAGE, NULL, 0,
      "database-team", "Primary is down", NO_ROLE, NULL },
    { "/incident page platform  Disk   full on db-3", SITREP_COMMAND_PAGE, NULL, 0, "platform",
      "Disk   full on db-3", NO_ROLE, NULL },
    { "/incident page \"db team\"", SITREP_COMMAND_PAGE, NULL, 0, "db team", NULL, NO_ROLE,
      NULL },
    /* escapes inside quotes */
    { "/incident note \"said \\\"go\\\" at 14:02\"", SITREP_COMMAND_NOTE, NULL, 0, NULL,
      "said \"go\" at 14:02", NO_ROLE, NULL },
    { "/incident note \"C:\\\\temp is full\"", SITREP_COMMAND_NOTE, NULL, 0, NULL,
      "C:\\temp is full", NO_ROLE, NULL },
    /* unquoted text is kept as typed, quotes and all */
    { "/incident note the \"fix\" held", SITREP_COMMAND_NOTE, NULL, 0, NULL,
      "the \"fix\" held", NO_ROLE, NULL },
    { "/incident status Monitoring the error rate", SITREP_COMMAND_STATUS, NULL, 0, NULL,
      "Monitoring the error rate", NO_ROLE, NULL },
    { "/incident note \"Grüße: 5xx ↓\"", SITREP_COMMAND_NOTE, NULL, 0, NULL, "Grüße: 5xx ↓",
      NO_ROLE, NULL },
    /* roles by their protocol name, with hyphens, or their short names */
    { "/incident role commander alice", SITREP_COMMAND_ROLE, NULL, 0, NULL, NULL,
      SITREP_ROLE_COMMANDER, "alice" },
    { "/incident role deputy-commander bob", SITREP_COMMAND_ROLE, NULL, 0, NULL, NULL,
      SITREP_ROLE_DEPUTY_COMMANDER, "bob" },
    { "/incident role customer_liaison @carol", SITREP_COMMAND_ROLE, NULL, 0, NULL, NULL,
      SITREP_ROLE_CUSTOMER_LIAISON, "@carol" },
    { "/incident role IC dave", SITREP_COMMAND_ROLE, NULL, 0, NULL, NULL,
      SITREP_ROLE_COMMANDER, "dave" },
    { "/incident role comms erin", SITREP_COMMAND_ROLE, NULL, 0, NULL, NULL,
      SITREP_ROLE_COMMUNICATIONS, "erin" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SitrepCommand command;
      g_autoptr(GError) error = NULL;
      glong position = -1;

      g_test_message ("input: %s", cases[i].input);
      g_assert_true (sitrep_command_is_command (cases[i].input));
      g_assert_true (sitrep_command_parse (cases[i].input, &command, &position, &error));
      g_assert_no_error (error);
      g_assert_cmpint (command.verb, ==, cases[i].verb);
      g_assert_cmpstr (command.title, ==, cases[i].title);
      if (cases[i].verb == SITREP_COMMAND_START)
        g_assert_cmpint (command.severity, ==, cases[i].severity);
      g_assert_cmpstr (command.team, ==, cases[i].team);
      g_assert_cmpstr (command.text, ==, cases[i].text);
      if (cases[i].role != NO_ROLE)
        g_assert_cmpint (command.role, ==, cases[i].role);
      g_assert_cmpstr (command.person, ==, cases[i].person);
      sitrep_command_clear (&command);
    }
}

static void
test_errors_table (void)
{
  static const struct {
    const char         *input;
    SitrepCommandError  code;
    glong               position;    /* in characters */
    const char         *message;     /* a part of it */
  } cases[] = {
    { "page database-team", SITREP_COMMAND_ERROR_NOT_A_COMMAND, 0, "/incident" },
    { "/incdent page db", SITREP_COMMAND_ERROR_UNKNOWN, 0, "“/incdent”" },
    { "/incident", SITREP_COMMAND_ERROR_MISSING_ARGUMENT, 9, "start, page, status" },
    { "/incident  ", SITREP_COMMAND_ERROR_MISSING_ARGUMENT, 11, "after /incident" },
    { "/incident escalate db", SITREP_COMMAND_ERROR_UNKNOWN, 10, "“escalate”" },
    /* missing arguments point at the end, where they go */
    { "/incident start", SITREP_COMMAND_ERROR_MISSING_ARGUMENT, 15, "title" },
    { "/incident start p1", SITREP_COMMAND_ERROR_MISSING_ARGUMENT, 18, "title" },
    { "/incident start outage", SITREP_COMMAND_ERROR_MISSING_ARGUMENT, 22, "severity" },
    { "/incident start \"\" p1", SITREP_COMMAND_ERROR_MISSING_ARGUMENT, 21, "title" },
    { "/incident page", SITREP_COMMAND_ERROR_MISSING_ARGUMENT, 14,
      "/incident page <team> [message]" },
    { "/incident page \"\"", SITREP_COMMAND_ERROR_MISSING_ARGUMENT, 17, "team" },
    { "/incident status", SITREP_COMMAND_ERROR_MISSING_ARGUMENT, 16, "status text" },
    { "/incident status \"  \"", SITREP_COMMAND_ERROR_MISSING_ARGUMENT, 21, "status text" },
    { "/incident mitigate", SITREP_COMMAND_ERROR_MISSING_ARGUMENT, 18, "mitigate" },
    { "/incident note", SITREP_COMMAND_ERROR_MISSING_ARGUMENT, 14, "note" },
    { "/incident role", SITREP_COMMAND_ERROR_MISSING_ARGUMENT, 14, "role" },
    { "/incident role scribe", SITREP_COMMAND_ERROR_MISSING_ARGUMENT, 21, "person" },
    /* extra arguments point at the first one too many */
    { "/incident resolve now", SITREP_COMMAND_ERROR_EXTRA_ARGUMENT, 18, "/incident resolve" },
    { "/incident role scribe alice bob", SITREP_COMMAND_ERROR_EXTRA_ARGUMENT, 28, "Too many" },
    { "/incident status \"Fixed\" really", SITREP_COMMAND_ERROR_EXTRA_ARGUMENT, 25, "quotes" },
    { "/incident start \"Checkout\" p1 now", SITREP_COMMAND_ERROR_EXTRA_ARGUMENT, 30,
      "Too many" },
    /* bad values point at the value */
    { "/incident start outage p5", SITREP_COMMAND_ERROR_BAD_SEVERITY, 23, "“p5”" },
    { "/incident start outage high", SITREP_COMMAND_ERROR_BAD_SEVERITY, 23, "P1, P2, P3 or P4" },
    { "/incident role boss alice", SITREP_COMMAND_ERROR_BAD_ROLE, 15, "deputy_commander" },
    /* quoting: positions in characters, not bytes */
    { "/incident note \"unfinished", SITREP_COMMAND_ERROR_BAD_QUOTE, 15, "never closed" },
    { "/incident note \"é\\n\"", SITREP_COMMAND_ERROR_BAD_QUOTE, 17, "backslash" },
    { "/incident note \"a\"b", SITREP_COMMAND_ERROR_BAD_QUOTE, 18, "space" },
    { "/incident start «Grüße» p9", SITREP_COMMAND_ERROR_BAD_SEVERITY, 24, "“p9”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SitrepCommand command;
      g_autoptr(GError) error = NULL;
      glong position = -1;

      g_test_message ("input: %s", cases[i].input);
      g_assert_false (sitrep_command_parse (cases[i].input, &command, &position, &error));
      g_assert_error (error, SITREP_COMMAND_ERROR, (gint) cases[i].code);
      g_assert_cmpint (position, ==, cases[i].position);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      /* nothing is left behind to free */
      g_assert_null (command.title);
      g_assert_null (command.team);
      g_assert_null (command.text);
      g_assert_null (command.person);
    }
}

static char *
join_words (GPtrArray *completions)
{
  GString *words = g_string_new (NULL);

  for (guint i = 0; i < completions->len; i++)
    g_string_append_printf (words, "%s%s", i ? "," : "",
                            ((SitrepCommandCompletion *) completions->pdata[i])->word);
  return g_string_free (words, FALSE);
}

static void
test_complete_table (void)
{
  static const char * const teams[] = { "database-team", "db ops", "platform-team", NULL };
  static const char * const people[] = { "alice", "bob", "alfred", NULL };
  static const struct {
    const char       *input;
    glong             cursor;      /* -1: at the end */
    SitrepCommandArg  arg;
    const char       *words;
    const char       *first_line;  /* the line with the first candidate in place */
    glong             first_cursor;
  } cases[] = {
    { "/", -1, SITREP_COMMAND_ARG_PREFIX, "/incident", "/incident ", 10 },
    { "/INC", -1, SITREP_COMMAND_ARG_PREFIX, "/incident", "/incident ", 10 },
    { "/incident ", -1, SITREP_COMMAND_ARG_VERB, "start,page,status,mitigate,resolve,note,role",
      "/incident start ", 16 },
    { "/incident re", -1, SITREP_COMMAND_ARG_VERB, "resolve", "/incident resolve ", 18 },
    { "/incident s", -1, SITREP_COMMAND_ARG_VERB, "start,status", "/incident start ", 16 },
    { "/incident x", -1, SITREP_COMMAND_ARG_VERB, "", NULL, 0 },
    /* in the middle of a line: the word is replaced, the rest kept */
    { "/incident pa database-team", 12, SITREP_COMMAND_ARG_VERB, "page",
      "/incident page database-team", 15 },
    /* teams, with a name that needs quotes */
    { "/incident page ", -1, SITREP_COMMAND_ARG_TEAM, "database-team,db ops,platform-team",
      "/incident page database-team ", 29 },
    { "/incident page d", -1, SITREP_COMMAND_ARG_TEAM, "database-team,db ops",
      "/incident page database-team ", 29 },
    { "/incident page db", -1, SITREP_COMMAND_ARG_TEAM, "db ops", "/incident page \"db ops\" ",
      24 },
    { "/incident page db x", -1, SITREP_COMMAND_ARG_TEXT, "", NULL, 0 },
    /* roles then people */
    { "/incident role ", -1, SITREP_COMMAND_ARG_ROLE,
      "commander,deputy_commander,communications,operations,planning,scribe,customer_liaison",
      "/incident role commander ", 25 },
    { "/incident role c", -1, SITREP_COMMAND_ARG_ROLE, "commander,communications,customer_liaison",
      "/incident role commander ", 25 },
    { "/incident role scribe al", -1, SITREP_COMMAND_ARG_PERSON, "alice,alfred",
      "/incident role scribe alice ", 28 },
    { "/incident role scribe alice ", -1, SITREP_COMMAND_ARG_NONE, "", NULL, 0 },
    /* severity after the title */
    { "/incident start checkout ", -1, SITREP_COMMAND_ARG_SEVERITY, "P1,P2,P3,P4",
      "/incident start checkout P1 ", 28 },
    { "/incident start checkout p2", -1, SITREP_COMMAND_ARG_SEVERITY, "P2",
      "/incident start checkout P2 ", 28 },
    { "/incident start checkout sl", -1, SITREP_COMMAND_ARG_TITLE, "", NULL, 0 },
    { "/incident start ", -1, SITREP_COMMAND_ARG_TITLE, "", NULL, 0 },
    /* free text and what takes nothing */
    { "/incident status ", -1, SITREP_COMMAND_ARG_TEXT, "", NULL, 0 },
    { "/incident note \"unfinished", -1, SITREP_COMMAND_ARG_NONE, "", NULL, 0 },
    { "/incident resolve ", -1, SITREP_COMMAND_ARG_NONE, "", NULL, 0 },
    { "hello", -1, SITREP_COMMAND_ARG_NONE, "", NULL, 0 },
    /* cursors count characters */
    { "/incident note «é» ", 10, SITREP_COMMAND_ARG_VERB,
      "start,page,status,mitigate,resolve,note,role", "/incident start «é» ", 16 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) completions = NULL;
      g_autofree char *words = NULL;
      SitrepCommandArg arg;
      glong cursor = cases[i].cursor < 0 ? g_utf8_strlen (cases[i].input, -1) : cases[i].cursor;

      g_test_message ("input: %s|", cases[i].input);
      completions = sitrep_command_complete (cases[i].input, cursor, teams, people, &arg);
      words = join_words (completions);
      g_assert_cmpint (arg, ==, cases[i].arg);
      g_assert_cmpstr (words, ==, cases[i].words);
      if (cases[i].first_line != NULL)
        {
          SitrepCommandCompletion *first = completions->pdata[0];

          g_assert_cmpstr (first->line, ==, cases[i].first_line);
          g_assert_cmpint (first->cursor, ==, cases[i].first_cursor);
        }
    }
}

static void
test_describe_table (void)
{
  static const struct {
    const char *input;
    const char *description;
  } cases[] = {
    { "/incident start payment-failure p1", "Declare “payment-failure” as a P1 incident" },
    { "/incident page database-team", "Page database-team for INC-2026-014" },
    { "/incident page database-team Primary down",
      "Page database-team for INC-2026-014: “Primary down”" },
    { "/incident status \"Identified database connection issue, working on fix\"",
      "Post a status update on INC-2026-014 and move it to Identified" },
    { "/incident status \"Still looking\"", "Post a status update on INC-2026-014" },
    { "/incident mitigate \"Rerouted traffic\"",
      "Record the mitigation on INC-2026-014, stamp Mitigated and move it to Monitoring" },
    { "/incident resolve", "Resolve INC-2026-014: stamp Resolved and schedule the postmortem" },
    { "/incident note x", "Add a note to the timeline of INC-2026-014" },
    { "/incident role ic alice", "Assign alice as Incident Commander of INC-2026-014" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SitrepCommand command;
      g_autofree char *description = NULL;

      g_assert_true (sitrep_command_parse (cases[i].input, &command, NULL, NULL));
      description = sitrep_command_describe (&command, "INC-2026-014");
      g_assert_cmpstr (description, ==, cases[i].description);
      sitrep_command_clear (&command);
    }
}

static void
test_status_named (void)
{
  static const struct {
    const char   *text;
    SitrepStatus  status;
  } cases[] = {
    { "Identified database connection issue", SITREP_STATUS_IDENTIFIED },
    { "  monitoring: error rate back to normal", SITREP_STATUS_MONITORING },
    { "Investigating reports of slow checkout", SITREP_STATUS_INVESTIGATING },
    /* resolving is /incident resolve, and a word must be whole */
    { "Resolved", SITREP_STATUS_INVALID },
    { "Identifiedx", SITREP_STATUS_INVALID },
    { "We identified it", SITREP_STATUS_INVALID },
    { "", SITREP_STATUS_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (sitrep_command_status_named (cases[i].text), ==, cases[i].status);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/command/parse", test_parse_table);
  g_test_add_func ("/core/command/errors", test_errors_table);
  g_test_add_func ("/core/command/complete", test_complete_table);
  g_test_add_func ("/core/command/describe", test_describe_table);
  g_test_add_func ("/core/command/status-named", test_status_named);

  return g_test_run ();
}

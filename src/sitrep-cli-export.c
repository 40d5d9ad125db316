/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-cli-export.c: `sitrep export postmortem REF-OR-ID`, with no window
 *
 * Reads the local database the app uses and prints the postmortem as the
 * page's Copy Markdown does (DESIGN.md, "Command line"): no display, no
 * session bus, nothing written to the database. Exit 1 with one line on
 * stderr for what is not found or cannot be written; 2 with the usage for
 * a bad argument.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sitrep-cli-export.h"
#include "sitrep-json.h"
#include "sitrep-postmortem.h"
#include "sitrep-store.h"
#include "sitrep-templates.h"

static int
usage_error (GOptionContext *options,
             const char     *message)
{
  g_autofree char *usage = g_option_context_get_help (options, TRUE, NULL);

  g_printerr ("sitrep: %s\n", message);
  g_printerr ("%s", usage);
  return 2;
}

/* Whether @ref names @record: its id, its server reference or the
 * provisional one the app shows until there is one, in any case. */
static gboolean
names_incident (SitrepRecord *record,
                const char   *ref)
{
  const char *server_ref = sitrep_json_get_string (record->body, "ref");
  g_autofree char *provisional = sitrep_template_provisional_ref (record->id);

  return g_ascii_strcasecmp (record->id, ref) == 0 ||
         (server_ref != NULL && g_ascii_strcasecmp (server_ref, ref) == 0) ||
         g_ascii_strcasecmp (provisional, ref) == 0;
}

static GPtrArray *
bodies_of (GPtrArray *records)
{
  GPtrArray *bodies = g_ptr_array_new ();

  for (guint i = 0; records != NULL && i < records->len; i++)
    g_ptr_array_add (bodies, ((SitrepRecord *) records->pdata[i])->body);
  return bodies;
}

static int
export_postmortem (const char *data_dir,
                   const char *ref,
                   const char *output)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepStore) store = NULL;
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) timeline_bodies = NULL;
  g_autoptr(GPtrArray) item_bodies = NULL;
  g_autoptr(SitrepRecord) postmortem = NULL;
  g_autofree char *markdown = NULL;
  SitrepRecord *incident = NULL;

  if (data_dir != NULL && data_dir[0] != '\0')
    dir = g_canonicalize_filename (data_dir, NULL);
  else
    dir = g_build_filename (g_get_user_data_dir (), "sitrep", NULL);
  path = g_build_filename (dir, "sitrep.db", NULL);

  /* Opening would make an empty database where there was none. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr (_("sitrep: no local database in %s\n"), dir);
      return 1;
    }

  /* Only read: the export works while the app has the database open. */
  store = sitrep_store_open_for_reading (path, &error);
  if (store == NULL)
    {
      g_printerr ("sitrep: %s\n", error->message);
      return 1;
    }

  incidents = sitrep_store_list (store, "incidents", NULL, &error);
  if (incidents == NULL)
    {
      g_printerr ("sitrep: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < incidents->len && incident == NULL; i++)
    if (names_incident (incidents->pdata[i], ref))
      incident = incidents->pdata[i];
  if (incident == NULL)
    {
      g_printerr (_("sitrep: no incident “%s” in %s\n"), ref, dir);
      return 1;
    }

  timeline = sitrep_store_list (store, "timeline", incident->id, &error);
  if (timeline != NULL)
    items = sitrep_store_list (store, "action_items", incident->id, &error);
  if (timeline == NULL || items == NULL)
    {
      g_printerr ("sitrep: %s\n", error->message);
      return 1;
    }
  postmortem = sitrep_store_get (store, "postmortems", incident->id);

  timeline_bodies = bodies_of (timeline);
  item_bodies = bodies_of (items);
  markdown = sitrep_postmortem_to_markdown (incident->body, timeline_bodies,
                                            postmortem != NULL && !postmortem->deleted
                                            ? postmortem->body : NULL,
                                            item_bodies);

  if (output == NULL || g_str_equal (output, "-"))
    {
      g_print ("%s", markdown);
      return 0;
    }

  if (!g_file_set_contents (output, markdown, -1, &error))
    {
      g_printerr (_("sitrep: cannot write %s: %s\n"), output, error->message);
      return 1;
    }
  return 0;
}

/**
 * sitrep_cli_export_main:
 * @argc: the count of @argv
 * @argv: the command line from `export` on ("export", "postmortem", …)
 *
 * Runs `sitrep export postmortem REF-OR-ID [--data-dir DIR] [-o FILE]`.
 *
 * Returns: the exit status
 */
int
sitrep_cli_export_main (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Read the local database in DIR"), N_("DIR") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the Markdown to FILE instead of the standard output"), N_("FILE") },
    { NULL }
  };

  g_set_prgname ("sitrep export");
  options = g_option_context_new (_("postmortem REF-OR-ID"));
  g_option_context_set_summary (options,
                                _("Print an incident’s postmortem as Markdown, in the guide’s "
                                  "template, from the local database."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (options, &argc, &argv, &error))
    return usage_error (options, error->message);
  if (argc < 2 || !g_str_equal (argv[1], "postmortem"))
    return usage_error (options, argc < 2 ? _("export what? (postmortem)")
                                          : _("only a postmortem can be exported"));
  if (argc < 3 || argv[2][0] == '\0')
    return usage_error (options, _("which incident? give its reference or id"));
  if (argc > 3)
    {
      g_autofree char *message = g_strdup_printf (_("unexpected argument “%s”"), argv[3]);

      return usage_error (options, message);
    }

  return export_postmortem (data_dir, argv[2], output);
}

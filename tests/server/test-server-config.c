/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-config.c: `serve --config FILE` as the server reads it: the
 * defaults, comments after values, keys read from their files */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sitrep-server-config.h"

typedef struct {
  char *dir;
  char *key;
  char *conf;
} Files;

static void
files_init (Files *files)
{
  g_autoptr(GError) error = NULL;

  files->dir = g_dir_make_tmp ("sitrep-server-config-XXXXXX", &error);
  g_assert_no_error (error);
  files->key = g_build_filename (files->dir, "team.key", NULL);
  files->conf = g_build_filename (files->dir, "sitrep-server.conf", NULL);
  /* Surrounding whitespace and the final newline are not the key's. */
  g_file_set_contents (files->key, "  R0UT1NGKEY \n", -1, &error);
  g_assert_no_error (error);
}

static void
files_clear (Files *files)
{
  g_unlink (files->key);
  g_unlink (files->conf);
  g_rmdir (files->dir);
  g_free (files->dir);
  g_free (files->key);
  g_free (files->conf);
}

static SitrepServerConfig *
load (Files       *files,
      const char  *text,
      GError     **error)
{
  g_autoptr(GString) contents = g_string_new (text);
  g_autoptr(GError) write_error = NULL;

  g_string_replace (contents, "@KEY@", files->key, 0);
  g_file_set_contents (files->conf, contents->str, -1, &write_error);
  g_assert_no_error (write_error);
  return sitrep_server_config_load (files->conf, error);
}

static void
test_defaults (void)
{
  Files files;
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepServerConfig) config = NULL;

  files_init (&files);
  config = load (&files, "", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (config->events_url, ==, "https://events.pagerduty.com/v2/enqueue");
  g_assert_false (config->has_statuspage);
  g_assert_cmpuint (config->retry_delay_ms, ==, 1000);
  g_assert_null (sitrep_server_config_get_team (config, "database-team"));
  g_clear_pointer (&config, sitrep_server_config_free);

  config = load (&files, "[statuspage]\npage-id=kctbh9vrtdwd\napi-key-file=@KEY@\n", &error);
  g_assert_no_error (error);
  g_assert_true (config->has_statuspage);
  g_assert_cmpstr (config->statuspage_api_url, ==, "https://api.statuspage.io/v1");
  g_assert_cmpstr (config->statuspage_page_id, ==, "kctbh9vrtdwd");
  g_assert_cmpstr (config->statuspage_api_key, ==, "R0UT1NGKEY");
  files_clear (&files);
}

/* The issue's sample, comments after values and all */
static void
test_sample (void)
{
  Files files;
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepServerConfig) config = NULL;
  const SitrepServerTeam *team;

  files_init (&files);
  config = load (&files,
                 "[pagerduty]\n"
                 "events-url=https://events.pagerduty.com/v2/enqueue   ; optional, the default\n"
                 "[team:database-team]\n"
                 "pagerduty-routing-key-file=@KEY@\n"
                 "[team:platform-team]\n"
                 "webhook-url=https://chat.example.com/hooks/platform;x=1  ; POSTs the record\n"
                 "[statuspage]\n"
                 "api-url=https://api.statuspage.io/v1/                 ; optional\n"
                 "page-id=kctbh9vrtdwd\n"
                 "api-key-file=@KEY@              ; sent as \"Authorization: OAuth <key>\"\n"
                 "[delivery]\n"
                 "retry-delay-ms=250\n",
                 &error);
  g_assert_no_error (error);
  g_assert_cmpstr (config->events_url, ==, "https://events.pagerduty.com/v2/enqueue");
  team = sitrep_server_config_get_team (config, "database-team");
  g_assert_nonnull (team);
  g_assert_cmpstr (team->routing_key, ==, "R0UT1NGKEY");
  g_assert_null (team->webhook_url);
  team = sitrep_server_config_get_team (config, "platform-team");
  g_assert_nonnull (team);
  g_assert_null (team->routing_key);
  /* A ';' inside a value is the value's */
  g_assert_cmpstr (team->webhook_url, ==, "https://chat.example.com/hooks/platform;x=1");
  g_assert_cmpstr (config->statuspage_api_url, ==, "https://api.statuspage.io/v1");
  g_assert_cmpuint (config->retry_delay_ms, ==, 250);
  files_clear (&files);
}

static void
test_errors_name_file_group_key (void)
{
  Files files;
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepServerConfig) config = NULL;
  g_autofree char *expected = NULL;

  files_init (&files);
  config = load (&files, "[team:database-team]\nwebhook-url=\n", &error);
  g_assert_null (config);
  g_assert_error (error, SITREP_SERVER_CONFIG_ERROR, SITREP_SERVER_CONFIG_ERROR_INVALID);
  expected = g_strdup_printf ("%s: [team:database-team] webhook-url: “” is not an http or "
                              "https URL", files.conf);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  config = load (&files, "[team:]\nwebhook-url=https://x.example/\n", &error);
  g_assert_null (config);
  g_assert_nonnull (strstr (error->message, "[team:]: a team group is [team:NAME]"));
  files_clear (&files);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/server/config/defaults", test_defaults);
  g_test_add_func ("/server/config/sample", test_sample);
  g_test_add_func ("/server/config/errors-name-file-group-key", test_errors_name_file_group_key);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-config.c: `serve --config FILE`, the integrations' settings
 *
 * A GKeyFile:
 *
 *   [pagerduty]            events-url (optional)
 *   [team:NAME]            pagerduty-routing-key-file or webhook-url
 *   [statuspage]           api-url (optional), page-id, api-key-file
 *   [delivery]             retry-delay-ms (optional): the first retry's delay
 *
 * Everything is checked at load: an unknown group or key, a missing or
 * doubled key, a URL that is not http(s), a secret file that cannot be read
 * or is empty each fail with "FILE: [group] key: problem". A value may end
 * in a comment after whitespace and ';', as the sample in the README does.
 * Errors name files, never what is in them.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-server-config.h"

G_DEFINE_QUARK (sitrep-server-config-error-quark, sitrep_server_config_error)

#define TEAM_PREFIX "team:"

static void
team_free (gpointer data)
{
  SitrepServerTeam *team = data;

  g_free (team->name);
  if (team->routing_key != NULL)
    memset (team->routing_key, 0, strlen (team->routing_key));
  g_free (team->routing_key);
  g_free (team->webhook_url);
  g_free (team);
}

void
sitrep_server_config_free (SitrepServerConfig *config)
{
  if (config == NULL)
    return;

  g_free (config->path);
  g_free (config->events_url);
  g_clear_pointer (&config->teams, g_hash_table_unref);
  g_free (config->statuspage_api_url);
  g_free (config->statuspage_page_id);
  if (config->statuspage_api_key != NULL)
    memset (config->statuspage_api_key, 0, strlen (config->statuspage_api_key));
  g_free (config->statuspage_api_key);
  g_free (config);
}

/**
 * sitrep_server_config_get_team:
 *
 * Returns: (transfer none) (nullable): the [team:NAME] group of @name
 */
const SitrepServerTeam *
sitrep_server_config_get_team (const SitrepServerConfig *config,
                               const char               *name)
{
  if (config == NULL || name == NULL)
    return NULL;
  return g_hash_table_lookup (config->teams, name);
}

static gboolean
invalid (GError     **error,
         const char  *path,
         const char  *group,
         const char  *key,
         const char  *format,
         ...) G_GNUC_PRINTF (5, 6);

static gboolean
invalid (GError     **error,
         const char  *path,
         const char  *group,
         const char  *key,
         const char  *format,
         ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  if (key != NULL)
    g_set_error (error, SITREP_SERVER_CONFIG_ERROR, SITREP_SERVER_CONFIG_ERROR_INVALID,
                 "%s: [%s] %s: %s", path, group, key, problem);
  else
    g_set_error (error, SITREP_SERVER_CONFIG_ERROR, SITREP_SERVER_CONFIG_ERROR_INVALID,
                 "%s: [%s]: %s", path, group, problem);
  return FALSE;
}

/* The value of @key, without a trailing "  ; comment"; NULL when absent. */
static char *
get_value (GKeyFile   *file,
           const char *group,
           const char *key)
{
  char *value = g_key_file_get_string (file, group, key, NULL);
  char *p;

  if (value == NULL)
    return NULL;

  for (p = value; *p != '\0'; p++)
    {
      if (*p == ';' && p > value && (p[-1] == ' ' || p[-1] == '\t'))
        {
          *p = '\0';
          break;
        }
    }

  return g_strstrip (value);
}

static gboolean
check_keys (GKeyFile            *file,
            const char          *path,
            const char          *group,
            const char * const  *known,
            GError             **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (file, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      if (!g_strv_contains (known, keys[i]))
        {
          g_autofree char *joined = g_strjoinv (", ", (GStrv) known);

          return invalid (error, path, group, keys[i], _("unknown key; this group takes %s"),
                          joined);
        }
    }

  return TRUE;
}

static gboolean
get_url (GKeyFile    *file,
         const char  *path,
         const char  *group,
         const char  *key,
         const char  *fallback,
         char       **out,
         GError     **error)
{
  g_autofree char *value = get_value (file, group, key);
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (value == NULL)
    {
      if (fallback == NULL)
        return invalid (error, path, group, key, _("required"));
      *out = g_strdup (fallback);
      return TRUE;
    }

  uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    return invalid (error, path, group, key, _("“%s” is not an http or https URL"), value);

  while (g_str_has_suffix (value, "/"))
    value[strlen (value) - 1] = '\0';
  *out = g_steal_pointer (&value);
  return TRUE;
}

/* A secret, read whole from the file @key names and stripped of
 * surrounding whitespace. */
static gboolean
get_secret (GKeyFile    *file,
            const char  *path,
            const char  *group,
            const char  *key,
            char       **out,
            GError     **error)
{
  g_autofree char *secret_path = get_value (file, group, key);
  g_autoptr(GError) read_error = NULL;
  char *contents = NULL;

  if (secret_path == NULL || *secret_path == '\0')
    return invalid (error, path, group, key, _("required"));

  if (!g_file_get_contents (secret_path, &contents, NULL, &read_error))
    return invalid (error, path, group, key, _("cannot read %s: %s"), secret_path,
                    read_error->message);

  g_strstrip (contents);
  if (*contents == '\0' || strchr (contents, '\n') != NULL)
    {
      memset (contents, 0, strlen (contents));
      g_free (contents);
      return invalid (error, path, group, key, _("%s must hold the key alone on one line"),
                      secret_path);
    }

  *out = contents;
  return TRUE;
}

static gboolean
load_team (SitrepServerConfig  *config,
           GKeyFile            *file,
           const char          *group,
           GError             **error)
{
  static const char * const keys[] = { "pagerduty-routing-key-file", "webhook-url", NULL };
  const char *path = config->path;
  g_autofree char *name = g_strdup (group + strlen (TEAM_PREFIX));
  SitrepServerTeam *team;
  gboolean has_key, has_webhook;

  g_strstrip (name);
  if (*name == '\0')
    return invalid (error, path, group, NULL, _("a team group is [team:NAME], with the team's "
                                                "name as the app writes it"));
  if (!check_keys (file, path, group, keys, error))
    return FALSE;

  has_key = g_key_file_has_key (file, group, keys[0], NULL);
  has_webhook = g_key_file_has_key (file, group, keys[1], NULL);
  if (has_key == has_webhook)
    return invalid (error, path, group, NULL,
                    _("needs exactly one of pagerduty-routing-key-file and webhook-url"));

  team = g_new0 (SitrepServerTeam, 1);
  team->name = g_strdup (name);
  g_hash_table_insert (config->teams, team->name, team);

  if (has_key)
    return get_secret (file, path, group, keys[0], &team->routing_key, error);
  return get_url (file, path, group, keys[1], NULL, &team->webhook_url, error);
}

static gboolean
load_statuspage (SitrepServerConfig  *config,
                 GKeyFile            *file,
                 const char          *group,
                 GError             **error)
{
  static const char * const keys[] = { "api-url", "page-id", "api-key-file", NULL };
  const char *path = config->path;

  if (!check_keys (file, path, group, keys, error)
      || !get_url (file, path, group, "api-url", SITREP_SERVER_STATUSPAGE_API_URL,
                   &config->statuspage_api_url, error))
    return FALSE;

  config->statuspage_page_id = get_value (file, group, "page-id");
  if (config->statuspage_page_id == NULL || *config->statuspage_page_id == '\0')
    return invalid (error, path, group, "page-id", _("required"));
  for (const char *p = config->statuspage_page_id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return invalid (error, path, group, "page-id",
                      _("“%s” is not a Statuspage page id (letters and digits)"),
                      config->statuspage_page_id);

  if (!get_secret (file, path, group, "api-key-file", &config->statuspage_api_key, error))
    return FALSE;

  config->has_statuspage = TRUE;
  return TRUE;
}

static gboolean
load_delivery (SitrepServerConfig  *config,
               GKeyFile            *file,
               const char          *group,
               GError             **error)
{
  static const char * const keys[] = { "retry-delay-ms", NULL };
  g_autofree char *value = NULL;
  guint64 ms;

  if (!check_keys (file, config->path, group, keys, error))
    return FALSE;

  value = get_value (file, group, "retry-delay-ms");
  if (value == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (value, 10, 1, 3600 * 1000, &ms, NULL))
    return invalid (error, config->path, group, "retry-delay-ms",
                    _("“%s” is not a whole number of milliseconds from 1 to 3600000"), value);

  config->retry_delay_ms = (guint) ms;
  return TRUE;
}

/**
 * sitrep_server_config_load:
 * @path: the configuration file
 *
 * Reads and checks @path and the secret files it names.
 *
 * Returns: (transfer full) (nullable): the configuration, or %NULL with
 *   @error saying which file, group and key is wrong and why
 */
SitrepServerConfig *
sitrep_server_config_load (const char  *path,
                           GError     **error)
{
  static const char * const pagerduty_keys[] = { "events-url", NULL };
  g_autoptr(SitrepServerConfig) config = g_new0 (SitrepServerConfig, 1);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) load_error = NULL;
  g_auto(GStrv) groups = NULL;

  config->path = g_strdup (path);
  config->teams = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, team_free);
  config->retry_delay_ms = SITREP_SERVER_RETRY_DELAY_MS;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &load_error))
    {
      g_set_error (error, SITREP_SERVER_CONFIG_ERROR, SITREP_SERVER_CONFIG_ERROR_INVALID,
                   "%s: %s", path, load_error->message);
      return NULL;
    }

  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];
      gboolean ok;

      if (g_str_equal (group, "pagerduty"))
        ok = check_keys (file, path, group, pagerduty_keys, error)
             && get_url (file, path, group, "events-url", SITREP_SERVER_PAGERDUTY_EVENTS_URL,
                         &config->events_url, error);
      else if (g_str_has_prefix (group, TEAM_PREFIX))
        ok = load_team (config, file, group, error);
      else if (g_str_equal (group, "statuspage"))
        ok = load_statuspage (config, file, group, error);
      else if (g_str_equal (group, "delivery"))
        ok = load_delivery (config, file, group, error);
      else
        ok = invalid (error, path, group, NULL,
                      _("unknown group; the groups are [pagerduty], [team:NAME], "
                        "[statuspage] and [delivery]"));

      if (!ok)
        return NULL;
    }

  if (config->events_url == NULL)
    config->events_url = g_strdup (SITREP_SERVER_PAGERDUTY_EVENTS_URL);

  return g_steal_pointer (&config);
}

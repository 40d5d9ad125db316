/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <string.h>

#include "sitrep-services.h"

/* A service's name is its record's id: one line, not blank. */
gboolean
sitrep_services_check_name (const char  *name,
                            GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));

  if (stripped[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The service has no name"));
      return FALSE;
    }
  if (strpbrk (stripped, "\n\r\t,") != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A service’s name is one word or phrase, without commas or line breaks"));
      return FALSE;
    }
  return TRUE;
}

/**
 * sitrep_services_check_url:
 * @url: (nullable): a runbook or dashboard address; empty means none
 * @what: what it is, for the message ("The dashboard")
 *
 * Returns: whether @url is empty or an absolute http or https address
 *   with a host
 */
gboolean
sitrep_services_check_url (const char  *url,
                           const char  *what,
                           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || url[0] == '\0')
    return TRUE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
      strpbrk (url, " \t\n") != NULL)
    {
      /* Translators: the first %s is "The runbook" or "The dashboard", the second what was typed */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s must be a web address starting with http:// or https://, not “%s”"),
                   what, url);
      return FALSE;
    }
  return TRUE;
}

/**
 * sitrep_services_normalise_teams:
 *
 * Returns: (transfer full): @teams in order, trimmed, without blanks and
 *   without a team named twice (the first place wins)
 */
GStrv
sitrep_services_normalise_teams (const char * const *teams)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; teams != NULL && teams[i] != NULL; i++)
    {
      g_autofree char *team = g_strstrip (g_strdup (teams[i]));
      g_autofree char *key = NULL;

      if (team[0] == '\0')
        continue;
      key = g_utf8_casefold (team, -1);
      if (g_hash_table_contains (seen, key))
        continue;
      g_hash_table_add (seen, g_steal_pointer (&key));
      g_strv_builder_add (builder, team);
    }

  return g_strv_builder_end (builder);
}

/**
 * sitrep_services_format_escalation:
 *
 * Returns: (transfer full) (nullable): the path as it is read out,
 *   "database-team → platform-team", or %NULL for none
 */
char *
sitrep_services_format_escalation (const char * const *teams)
{
  if (teams == NULL || teams[0] == NULL)
    return NULL;

  return g_strjoinv (" → ", (char **) teams);
}

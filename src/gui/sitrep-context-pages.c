/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-context-private.h"
#include "sitrep-json.h"
#include "sitrep-page-request.h"
#include "sitrep-time.h"

/* Paging a team (PROTOCOL.md § Integrations): the app only records the
 * request, as a `pages` record; the server, which holds the providers'
 * keys, delivers it and writes the outcome back into the same record, so a
 * page typed offline goes out when the network comes back. */

/* At most this long, as the other short fields of the protocol. */
#define TEAM_MAX 128

/**
 * sitrep_context_request_page:
 * @team: the team to page, as the catalogue names it
 * @message: (nullable): what the responders are told
 *
 * Writes the request to page @team for the incident and a timeline entry
 * "Paged <team>" in one transaction. The entry names the page in its
 * `page_id` field, so the timeline can show what became of it.
 *
 * Returns: (transfer full): the new page's id, or %NULL with @error set
 */
char *
sitrep_context_request_page (SitrepContext  *self,
                             const char     *incident_id,
                             const char     *team,
                             const char     *message,
                             GError        **error)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(SitrepMutation) page = NULL;
  g_autoptr(SitrepMutation) entry = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *now = sitrep_time_now ();
  g_autofree char *name = NULL;
  g_autofree char *said = NULL;
  g_autofree char *text = NULL;
  SitrepMutation *mutations[2];

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);

  if (_sitrep_context_require_incident (self, incident_id, error) == NULL)
    return NULL;

  name = g_strstrip (g_strdup (team != NULL ? team : ""));
  if (name[0] == '\0')
    {
      g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                           _("Choose the team to page"));
      return NULL;
    }
  if (g_utf8_strlen (name, -1) > TEAM_MAX)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   /* Translators: %d is a number of characters */
                   g_dngettext (GETTEXT_PACKAGE, "A team’s name is at most %d character",
                                "A team’s name is at most %d characters", TEAM_MAX),
                   TEAM_MAX);
      return NULL;
    }
  said = g_strstrip (g_strdup (message != NULL ? message : ""));

  json_object_set_string_member (body, "incident_id", incident_id);
  json_object_set_string_member (body, "team", name);
  if (said[0] != '\0')
    json_object_set_string_member (body, "message", said);
  else
    json_object_set_null_member (body, "message");
  json_object_set_string_member (body, "requested_by", sitrep_context_get_user (self));
  json_object_set_string_member (body, "requested_at", now);
  page = sitrep_mutation_new_put ("pages", id, body);

  /* Translators: a timeline entry; %s is a team */
  text = g_strdup_printf (_("Paged %s"), name);
  if (said[0] != '\0')
    {
      g_autofree char *with = g_strdup_printf ("%s: %s", text, said);

      g_free (text);
      text = g_steal_pointer (&with);
    }
  entry = _sitrep_context_timeline_put (incident_id, now, SITREP_KIND_ACTION, text,
                                        sitrep_context_get_user (self));
  json_object_set_string_member (entry->data, "page_id", id);

  mutations[0] = page;
  mutations[1] = entry;
  if (!sitrep_store_apply (sitrep_context_get_store (self), mutations, 2, error))
    return NULL;

  return g_steal_pointer (&id);
}

static void
add_team (GHashTable *seen,
          GPtrArray  *names,
          const char *team)
{
  g_autofree char *key = NULL;

  if (team == NULL || *team == '\0')
    return;
  key = g_utf8_casefold (team, -1);
  if (g_hash_table_contains (seen, key))
    return;
  g_hash_table_add (seen, g_steal_pointer (&key));
  g_ptr_array_add (names, g_strdup (team));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/**
 * sitrep_context_dup_team_names:
 *
 * Returns: (transfer full): the teams that can be paged: the owners and
 *   escalation teams of the service catalogue, and the teams already paged
 *   for any incident; sorted, each once
 */
GStrv
sitrep_context_dup_team_names (SitrepContext *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GPtrArray) pages = NULL;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  services = sitrep_store_list (sitrep_context_get_store (self), "services", NULL, NULL);
  for (guint i = 0; services != NULL && i < services->len; i++)
    {
      SitrepRecord *service = services->pdata[i];
      JsonNode *escalation = json_object_get_member (service->body, "escalation");

      add_team (seen, names, sitrep_json_get_string (service->body, "owner_team"));
      if (escalation == NULL || !JSON_NODE_HOLDS_ARRAY (escalation))
        continue;
      for (guint j = 0; j < json_array_get_length (json_node_get_array (escalation)); j++)
        {
          JsonNode *team = json_array_get_element (json_node_get_array (escalation), j);

          if (JSON_NODE_HOLDS_VALUE (team) && json_node_get_value_type (team) == G_TYPE_STRING)
            add_team (seen, names, json_node_get_string (team));
        }
    }

  pages = sitrep_store_list (sitrep_context_get_store (self), "pages", NULL, NULL);
  for (guint i = 0; pages != NULL && i < pages->len; i++)
    add_team (seen, names, sitrep_json_get_string (((SitrepRecord *) pages->pdata[i])->body,
                                                   "team"));

  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static int
compare_requested (gconstpointer a,
                   gconstpointer b)
{
  SitrepPageRequest *pa = *(SitrepPageRequest **) a;
  SitrepPageRequest *pb = *(SitrepPageRequest **) b;

  return g_strcmp0 (sitrep_page_request_get_requested_at (pa),
                    sitrep_page_request_get_requested_at (pb));
}

/**
 * sitrep_context_dup_pages:
 *
 * Returns: (transfer full) (element-type SitrepPageRequest): the teams
 *   paged for the incident, oldest first, with their outcome
 */
GPtrArray *
sitrep_context_dup_pages (SitrepContext *self,
                          const char    *incident_id)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) pages = NULL;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), out);

  pages = sitrep_store_list (sitrep_context_get_store (self), "pages", incident_id, NULL);
  for (guint i = 0; pages != NULL && i < pages->len; i++)
    {
      SitrepRecord *record = pages->pdata[i];

      g_ptr_array_add (out, sitrep_page_request_new (record->id, record->body, record->version));
    }
  g_ptr_array_sort (out, compare_requested);
  return out;
}

/**
 * sitrep_context_lookup_page:
 *
 * Returns: (transfer full) (nullable): the page @page_id, with its outcome
 */
SitrepPageRequest *
sitrep_context_lookup_page (SitrepContext *self,
                            const char    *page_id)
{
  g_autoptr(SitrepRecord) record = NULL;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  if (page_id == NULL)
    return NULL;
  record = sitrep_store_get (sitrep_context_get_store (self), "pages", page_id);
  if (record == NULL || record->deleted)
    return NULL;
  return sitrep_page_request_new (record->id, record->body, record->version);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-context-private.h"
#include "sitrep-json.h"
#include "sitrep-services.h"

/* The team's service catalogue (the `services` collection, one record per
 * service, named by its id): its model, kept up to date like the
 * templates, and the edits of Preferences › Services. The protocol lets
 * only admins write it on a server; an edit another token makes is kept
 * here until the server refuses it, then shown under the refused edits. */

static int
compare_services (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  SitrepRecordObject *sa = (SitrepRecordObject *) a;
  SitrepRecordObject *sb = (SitrepRecordObject *) b;
  int order = g_utf8_collate (sitrep_record_object_get_id (sa), sitrep_record_object_get_id (sb));

  return order != 0 ? order : g_strcmp0 (sitrep_record_object_get_id (sa),
                                         sitrep_record_object_get_id (sb));
}

/**
 * sitrep_context_get_services:
 *
 * The team's service catalogue, by name, loaded the first time it is
 * asked for and kept up to date with every commit and the server's feed.
 *
 * Returns: (transfer none): a #GListModel of #SitrepService
 */
GListModel *
sitrep_context_get_services (SitrepContext *self)
{
  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  if (self->services == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = sitrep_store_list (self->store, "services", NULL, &error);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      if (records == NULL)
        g_warning ("Could not read the service catalogue: %s", error->message);
      for (guint i = 0; records != NULL && i < records->len; i++)
        {
          SitrepRecord *record = records->pdata[i];

          if (!record->deleted)
            g_ptr_array_add (items, sitrep_record_object_new ("services", record->id,
                                                              record->body, record->version));
        }
      self->services = sitrep_record_list_new ("services", compare_services, NULL, NULL);
      sitrep_record_list_reset (self->services, items);
    }

  return G_LIST_MODEL (self->services);
}

/* A committed change of a service (%NULL @body: deleted). */
void
_sitrep_context_apply_service (SitrepContext *self,
                               const char    *id,
                               JsonObject    *body,
                               gint64         version)
{
  if (self->services != NULL)
    sitrep_record_list_apply (self->services, id, body, version);
}

/**
 * sitrep_context_lookup_service:
 * @name: a service's name, as an incident lists it
 *
 * Returns: (transfer none) (nullable): the catalogue's service of that
 *   name, compared without regard to case
 */
SitrepService *
sitrep_context_lookup_service (SitrepContext *self,
                               const char    *name)
{
  GListModel *services;
  SitrepRecordObject *exact;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  if (name == NULL)
    return NULL;

  services = sitrep_context_get_services (self);
  exact = sitrep_record_list_lookup (self->services, name);
  if (exact != NULL)
    return SITREP_SERVICE (exact);

  for (guint i = 0; i < g_list_model_get_n_items (services); i++)
    {
      g_autoptr(SitrepService) service = g_list_model_get_item (services, i);

      if (g_ascii_strcasecmp (sitrep_service_get_name (service), name) == 0)
        return service;   /* the list keeps it */
    }
  return NULL;
}

static gboolean
invalid (GError     **error,
         GError      *why)
{
  g_set_error_literal (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID, why->message);
  g_error_free (why);
  return FALSE;
}

/**
 * sitrep_context_save_service:
 * @name: the service's name, its record's id
 * @owner_team: (nullable): the team that owns it
 * @runbook_url: (nullable): its runbook, an http(s) address or empty
 * @dashboard_url: (nullable): its dashboard, an http(s) address or empty
 * @escalation: (nullable): the teams to escalate to, in order
 * @is_new: whether this adds a service (refused if the name is taken)
 *
 * Writes a service of the catalogue. An existing one keeps the fields of
 * newer clients. Nothing is written when a field is invalid.
 */
gboolean
sitrep_context_save_service (SitrepContext       *self,
                             const char          *name,
                             const char          *owner_team,
                             gboolean             critical,
                             const char          *runbook_url,
                             const char          *dashboard_url,
                             const char * const  *escalation,
                             gboolean             is_new,
                             GError             **error)
{
  g_autofree char *id = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *owner = g_strstrip (g_strdup (owner_team ? owner_team : ""));
  g_autofree char *runbook = g_strstrip (g_strdup (runbook_url ? runbook_url : ""));
  g_autofree char *dashboard = g_strstrip (g_strdup (dashboard_url ? dashboard_url : ""));
  g_auto(GStrv) teams = sitrep_services_normalise_teams (escalation);
  g_autoptr(SitrepRecord) existing = NULL;
  g_autoptr(JsonObject) body = NULL;
  GError *why = NULL;
  JsonArray *array;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  if (!sitrep_services_check_name (id, &why) ||
      !sitrep_services_check_url (runbook, _("The runbook"), &why) ||
      !sitrep_services_check_url (dashboard, _("The dashboard"), &why))
    return invalid (error, why);

  existing = sitrep_store_get (self->store, "services", id);
  if (existing != NULL && existing->deleted)
    g_clear_pointer (&existing, sitrep_record_free);
  if (is_new && (existing != NULL || sitrep_context_lookup_service (self, id) != NULL))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   _("The catalogue already has a service named “%s”"), id);
      return FALSE;
    }
  if (!is_new && existing == NULL)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                   _("The service “%s” was deleted"), id);
      return FALSE;
    }

  body = existing != NULL ? sitrep_json_copy (existing->body) : json_object_new ();
  if (owner[0] != '\0')
    json_object_set_string_member (body, "owner_team", owner);
  else
    json_object_set_null_member (body, "owner_team");
  json_object_set_boolean_member (body, "critical", critical);
  json_object_set_string_member (body, "runbook_url", runbook);
  json_object_set_string_member (body, "dashboard_url", dashboard);
  array = json_array_new ();
  for (guint i = 0; teams[i] != NULL; i++)
    json_array_add_string_element (array, teams[i]);
  json_object_set_array_member (body, "escalation", array);

  return sitrep_store_put (self->store, "services", id, body, error);
}

/**
 * sitrep_context_delete_service:
 *
 * Deletes a service from the catalogue; incidents that name it keep the
 * name.
 */
gboolean
sitrep_context_delete_service (SitrepContext  *self,
                               const char     *name,
                               GError        **error)
{
  g_autoptr(SitrepRecord) existing = NULL;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  existing = sitrep_store_get (self->store, "services", name);
  if (existing == NULL || existing->deleted)
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                   _("The service “%s” was deleted"), name);
      return FALSE;
    }

  return sitrep_store_delete (self->store, "services", name, error);
}

/**
 * sitrep_context_dup_refused_services:
 *
 * Returns: (transfer full) (element-type SitrepRefusedEdit): the edits of
 *   the catalogue the server refused and nobody has settled yet
 */
GPtrArray *
sitrep_context_dup_refused_services (SitrepContext *self)
{
  g_autoptr(GPtrArray) all = sitrep_context_dup_refused_edits (self);
  GPtrArray *services = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_refused_edit_free);

  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      SitrepRefusedEdit *edit = all->pdata[i];

      if (g_strcmp0 (edit->coll, "services") == 0)
        g_ptr_array_add (services, sitrep_refused_edit_copy (edit));
    }

  return services;
}

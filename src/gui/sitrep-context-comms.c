/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-context-private.h"
#include "sitrep-deadlines.h"
#include "sitrep-enum-strings.h"
#include "sitrep-json.h"
#include "sitrep-severity.h"
#include "sitrep-status.h"
#include "sitrep-templates.h"
#include "sitrep-time.h"

/* Communications: templates (the guide's built-ins are seeded as records,
 * so a team can edit them), what was sent to whom, and the update clocks
 * computed from it. */

/* Every client knows the built-ins under the same ids, so a team that edits
 * one (an admin, on a server) edits the one everybody has. */
static char *
builtin_template_id (const char *key)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);

  return g_strdup_printf ("%.8s-%.4s-5%.3s-a%.3s-%.12s", digest, digest + 8, digest + 13,
                          digest + 17, digest + 20);
}

/* The guide's built-ins are not written to the store until someone edits
 * or deletes one: the protocol lets only admins write templates, so seeding
 * them would make every responder's first sync a refused edit. Until then
 * they are shown from core, as records the server has never numbered. */
static SitrepRecord *
builtin_record (const SitrepTemplateBuiltin *builtin)
{
  g_autofree char *key = g_strconcat ("sitrep-template:", builtin->key, NULL);
  g_autofree char *id = builtin_template_id (key);
  g_autoptr(JsonObject) body = sitrep_template_builtin_to_body (builtin);

  return sitrep_record_new ("templates", id, 0, FALSE, body);
}

/* The built-ins no record stands for yet (edited or deleted ones have one). */
static void
add_unwritten_builtins (SitrepContext *self,
                        GPtrArray     *templates)
{
  const SitrepTemplateBuiltin *builtins;
  gsize n;

  builtins = sitrep_templates_builtins (&n);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(SitrepRecord) builtin = builtin_record (&builtins[i]);
      g_autoptr(SitrepRecord) existing = sitrep_store_get (sitrep_context_get_store (self),
                                                           "templates", builtin->id);

      if (existing == NULL)
        g_ptr_array_add (templates, g_steal_pointer (&builtin));
    }
}

/* A template by id: its record, or the built-in of that id not yet written. */
static SitrepRecord *
lookup_template (SitrepContext *self,
                 const char    *template_id)
{
  SitrepRecord *record = sitrep_store_get (sitrep_context_get_store (self), "templates",
                                           template_id);
  const SitrepTemplateBuiltin *builtins;
  gsize n;

  if (record != NULL)
    return record;

  builtins = sitrep_templates_builtins (&n);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(SitrepRecord) builtin = builtin_record (&builtins[i]);

      if (g_str_equal (builtin->id, template_id))
        return g_steal_pointer (&builtin);
    }
  return NULL;
}

static int
builtin_rank (SitrepRecord *record)
{
  const char *key = sitrep_json_get_string (record->body, "builtin_key");
  const SitrepTemplateBuiltin *builtins;
  gsize n;

  builtins = sitrep_templates_builtins (&n);
  for (gsize i = 0; key != NULL && i < n; i++)
    if (g_str_equal (builtins[i].key, key))
      return (int) i;

  return (int) n;
}

static int
compare_templates (gconstpointer a,
                   gconstpointer b)
{
  SitrepRecord *ra = *(SitrepRecord **) a;
  SitrepRecord *rb = *(SitrepRecord **) b;

  if (builtin_rank (ra) != builtin_rank (rb))
    return builtin_rank (ra) - builtin_rank (rb);

  return g_utf8_collate (sitrep_json_get_string (ra->body, "name") ?: "",
                         sitrep_json_get_string (rb->body, "name") ?: "");
}

/**
 * sitrep_context_list_templates:
 *
 * Returns: (transfer full) (element-type SitrepRecord): the templates, the
 *   guide's built-ins first (added on first use)
 */
GPtrArray *
sitrep_context_list_templates (SitrepContext *self)
{
  GPtrArray *templates;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  templates = sitrep_store_list (sitrep_context_get_store (self), "templates", NULL, NULL);
  if (templates == NULL)
    templates = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_record_free);
  add_unwritten_builtins (self, templates);

  g_ptr_array_sort (templates, compare_templates);
  return templates;
}

static int
compare_sent_desc (gconstpointer a,
                   gconstpointer b)
{
  SitrepRecord *ra = *(SitrepRecord **) a;
  SitrepRecord *rb = *(SitrepRecord **) b;
  g_autoptr(GDateTime) ta = sitrep_time_parse (sitrep_json_get_string (ra->body, "sent_at"));
  g_autoptr(GDateTime) tb = sitrep_time_parse (sitrep_json_get_string (rb->body, "sent_at"));

  if (ta == NULL || tb == NULL)
    return (ta == NULL) - (tb == NULL);
  return g_date_time_compare (tb, ta);
}

/**
 * sitrep_context_list_communications:
 *
 * Returns: (transfer full) (element-type SitrepRecord): what was sent
 *   about the incident, newest first
 */
GPtrArray *
sitrep_context_list_communications (SitrepContext *self,
                                    const char    *incident_id)
{
  GPtrArray *sent = sitrep_store_list (sitrep_context_get_store (self), "communications",
                                       incident_id, NULL);

  if (sent == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_record_free);

  g_ptr_array_sort (sent, compare_sent_desc);
  return sent;
}

static void
fill_input (SitrepContext       *self,
            SitrepIncident      *incident,
            SitrepDeadlineInput *in)
{
  g_autoptr(GPtrArray) sent = sitrep_context_list_communications (self,
                                                                  sitrep_incident_get_id (incident));
  JsonObject *body = sitrep_incident_get_body (incident);
  JsonNode *snoozes = json_object_get_member (body, "snoozes");

  memset (in, 0, sizeof *in);
  in->severity = sitrep_incident_get_severity (incident);
  in->status = sitrep_incident_get_status (incident);
  in->major = sitrep_incident_get_major (incident);
  if (sitrep_incident_get_milestone (incident, SITREP_MILESTONE_DECLARED))
    in->declared_at = g_date_time_ref (sitrep_incident_get_milestone (incident,
                                                                      SITREP_MILESTONE_DECLARED));
  if (sitrep_incident_get_milestone (incident, SITREP_MILESTONE_ACKNOWLEDGED))
    in->acknowledged_at = g_date_time_ref (sitrep_incident_get_milestone (incident,
                                                                          SITREP_MILESTONE_ACKNOWLEDGED));
  if (sitrep_incident_get_milestone (incident, SITREP_MILESTONE_RESOLVED))
    in->resolved_at = g_date_time_ref (sitrep_incident_get_milestone (incident,
                                                                      SITREP_MILESTONE_RESOLVED));

  /* Newest first: the first one seen per audience is its last sent. */
  for (guint i = 0; i < sent->len; i++)
    {
      SitrepRecord *record = sent->pdata[i];
      SitrepAudience audience;
      GDateTime *at;

      if (!sitrep_audience_from_string (sitrep_json_get_string (record->body, "audience"),
                                        &audience) ||
          in->last_sent[audience] != NULL ||
          (at = sitrep_time_parse (sitrep_json_get_string (record->body, "sent_at"))) == NULL)
        continue;
      in->last_sent[audience] = at;
    }

  if (snoozes != NULL && JSON_NODE_HOLDS_OBJECT (snoozes))
    for (SitrepAudience a = SITREP_AUDIENCE_STATUS_PAGE; a <= SITREP_AUDIENCE_INTERNAL; a++)
      in->snoozed_until[a] = sitrep_time_parse (sitrep_json_get_string (json_node_get_object (snoozes),
                                                                        sitrep_audience_to_string (a)));

  _sitrep_context_get_clock_overrides (self, in->cadence_s, in->respond_s);
  _sitrep_context_fill_obligations (self, incident, in);
}

/**
 * sitrep_context_compute_deadlines:
 *
 * Returns: (transfer full) (element-type SitrepDeadline): the incident's
 *   update clocks and other deadlines, soonest first
 */
GPtrArray *
sitrep_context_compute_deadlines (SitrepContext *self,
                                  const char    *incident_id)
{
  SitrepIncident *incident = sitrep_context_lookup_incident (self, incident_id);
  g_auto(SitrepDeadlineInput) in = { 0 };

  if (incident == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_deadline_free);

  fill_input (self, incident, &in);
  return sitrep_deadlines_compute (&in);
}

static char *
format_utc (GDateTime *when)
{
  return when ? g_date_time_format (when, "%Y-%m-%d %H:%M UTC") : NULL;
}

static void
set_value (GHashTable *values,
           const char *name,
           char       *value)
{
  if (value != NULL && value[0] != '\0')
    g_hash_table_insert (values, g_strdup (name), value);
  else
    g_free (value);
}

/**
 * sitrep_context_template_values:
 *
 * Returns: (transfer full): the values of the incident's placeholders
 *   (`ref`, `title`, `service`, `services`, `severity`, …); a name with
 *   no value is left out, so rendering flags it. `ref` is always there:
 *   the server's reference, or sitrep_template_provisional_ref() until
 *   the server has assigned one
 */
GHashTable *
sitrep_context_template_values (SitrepContext *self,
                                const char    *incident_id)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  SitrepIncident *incident = sitrep_context_lookup_incident (self, incident_id);
  g_autoptr(GDateTime) next_update = NULL;
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const SitrepSeverityInfo *info;
  GDateTime *started;
  JsonNode *services;
  const char *ref;

  if (incident == NULL)
    return values;

  info = sitrep_severity_get_info (sitrep_incident_get_severity (incident));
  /* The server numbers an incident when it first sees it; offline, a
   * provisional reference stands in so an update can still go out. */
  ref = sitrep_incident_get_ref (incident);
  set_value (values, "ref", ref != NULL && ref[0] != '\0' ? g_strdup (ref)
                                                          : sitrep_template_provisional_ref (incident_id));
  set_value (values, "title", g_strdup (sitrep_incident_get_title (incident)));
  set_value (values, "services", sitrep_incident_dup_services (incident));
  services = json_object_get_member (sitrep_incident_get_body (incident), "services");
  if (services != NULL && JSON_NODE_HOLDS_ARRAY (services) &&
      json_array_get_length (json_node_get_array (services)) > 0)
    set_value (values, "service",
               g_strdup (json_array_get_string_element (json_node_get_array (services), 0)));
  /* The values are in the templates' language, as the text around them is,
   * not the interface's: an English update never says "Kritisch". */
  set_value (values, "severity",
             info ? g_strdup_printf ("%s (%s)", info->id,
                                     sitrep_severity_get_template_name (info->severity))
                  : NULL);
  set_value (values, "status",
             g_strdup (sitrep_status_get_template_label (sitrep_incident_get_status (incident))));
  set_value (values, "impact", g_strdup (sitrep_incident_get_customer_impact (incident)));
  set_value (values, "commander",
             sitrep_context_dup_role_person (self, incident_id, SITREP_ROLE_COMMANDER));

  started = sitrep_incident_get_milestone (incident, SITREP_MILESTONE_DETECTED);
  if (started == NULL)
    started = sitrep_incident_get_milestone (incident, SITREP_MILESTONE_DECLARED);
  set_value (values, "started", format_utc (started));
  if (started != NULL)
    {
      GDateTime *end = sitrep_incident_get_milestone (incident, SITREP_MILESTONE_RESOLVED);

      set_value (values, "duration",
                 sitrep_time_format_duration_for_template (g_date_time_difference (end ? end : now, started)));
    }

  {
    /* From the engine the clocks show: never a time already past, and
     * postponed by a snooze like the clock. */
    g_auto(SitrepDeadlineInput) in = { 0 };

    fill_input (self, incident, &in);
    next_update = sitrep_deadlines_next_update (&in, now);
    set_value (values, "next_update", format_utc (next_update));
  }

  sent = sitrep_context_list_communications (self, incident_id);
  if (sent->len > 0)
    {
      g_autoptr(GDateTime) last =
        sitrep_time_parse (sitrep_json_get_string (((SitrepRecord *) sent->pdata[0])->body,
                                                   "sent_at"));

      set_value (values, "last_update", format_utc (last));
    }

  return values;
}

/**
 * sitrep_context_send_communication:
 * @template_id: (nullable): the template it was written from
 * @new_status: the status to move the incident to as it is sent, or
 *   %SITREP_STATUS_INVALID to leave it
 *
 * Records an update as sent: the communication, a `communication`
 * timeline entry, and the status change, in one transaction. The
 * audience's update clock restarts from now.
 *
 * Returns: (transfer full): the communication's id, or %NULL with @error set
 */
char *
sitrep_context_send_communication (SitrepContext   *self,
                                   const char      *incident_id,
                                   SitrepAudience   audience,
                                   const char      *template_id,
                                   SitrepStatus     new_status,
                                   const char      *title,
                                   const char      *body,
                                   GError         **error)
{
  return _sitrep_context_send_communication_with (self, incident_id, audience, template_id,
                                                  new_status, title, body, NULL, error);
}

/* The same, with @extra (nullable) set on the communication too: the
 * publishing fields (sitrep-context-publishing.c). */
char *
_sitrep_context_send_communication_with (SitrepContext   *self,
                                         const char      *incident_id,
                                         SitrepAudience   audience,
                                         const char      *template_id,
                                         SitrepStatus     new_status,
                                         const char      *title,
                                         const char      *body,
                                         JsonObject      *extra,
                                         GError         **error)
{
  g_autoptr(GPtrArray) mutations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);
  g_autoptr(JsonObject) record = json_object_new ();
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *now = sitrep_time_now ();
  g_autofree char *entry = NULL;
  SitrepIncident *incident;
  SitrepStatus status;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);

  if ((incident = _sitrep_context_require_incident (self, incident_id, error)) == NULL)
    return NULL;
  if (body == NULL || body[0] == '\0')
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   _("The update has no text"));
      return NULL;
    }

  status = sitrep_incident_get_status (incident);
  if (new_status != SITREP_STATUS_INVALID && new_status != status &&
      !sitrep_status_can_transition (status, new_status))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   _("An incident cannot go from %s to %s"), sitrep_status_get_label (status),
                   sitrep_status_get_label (new_status));
      return NULL;
    }

  json_object_set_string_member (record, "incident_id", incident_id);
  json_object_set_string_member (record, "audience", sitrep_audience_to_string (audience));
  if (template_id != NULL)
    json_object_set_string_member (record, "template", template_id);
  else
    json_object_set_null_member (record, "template");
  json_object_set_string_member (record, "status", "sent");
  json_object_set_string_member (record, "title", title ? title : "");
  json_object_set_string_member (record, "body", body);
  json_object_set_string_member (record, "sent_at", now);
  json_object_set_string_member (record, "sent_by", sitrep_context_get_user (self));
  if (extra != NULL)
    {
      GList *members = json_object_get_members (extra);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (record, l->data, json_object_dup_member (extra, l->data));
      g_list_free (members);
    }
  g_ptr_array_add (mutations, sitrep_mutation_new_put ("communications", id, record));

  /* Translators: a timeline entry, e.g. "Update sent to Executives: Payment service outage" */
  entry = g_strdup_printf (_("Update sent to %s: %s"), sitrep_audience_get_label (audience),
                           title && title[0] ? title : sitrep_incident_get_title (incident));
  g_ptr_array_add (mutations,
                   _sitrep_context_timeline_put (incident_id, now, SITREP_KIND_COMMUNICATION, entry,
                                                 sitrep_context_get_user (self)));

  if (new_status != SITREP_STATUS_INVALID && new_status != status)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *text = NULL;

      json_object_set_string_member (fields, "status", sitrep_status_to_string (new_status));
      if ((new_status == SITREP_STATUS_RESOLVED || new_status == SITREP_STATUS_CLOSED) &&
          sitrep_incident_get_milestone (incident, SITREP_MILESTONE_RESOLVED) == NULL)
        json_object_set_string_member (fields, "resolved_at", now);
      if (new_status == SITREP_STATUS_MONITORING &&
          sitrep_incident_get_milestone (incident, SITREP_MILESTONE_MITIGATED) == NULL)
        json_object_set_string_member (fields, "mitigated_at", now);
      g_ptr_array_add (mutations, sitrep_mutation_new_patch ("incidents", incident_id, fields));

      text = g_strdup_printf (_("Status: %s → %s"), sitrep_status_get_label (status),
                              sitrep_status_get_label (new_status));
      g_ptr_array_add (mutations,
                       _sitrep_context_timeline_put (incident_id, now, SITREP_KIND_STATUS, text,
                                                     sitrep_context_get_user (self)));
    }

  if (!sitrep_store_apply (sitrep_context_get_store (self), (SitrepMutation **) mutations->pdata,
                           mutations->len, error))
    return NULL;

  return g_steal_pointer (&id);
}

/**
 * sitrep_context_snooze:
 * @reason: (nullable): why, for the timeline
 *
 * Puts off an audience's update clock by @minutes from now, for everyone
 * following the incident, and says so in the timeline.
 */
gboolean
sitrep_context_snooze (SitrepContext   *self,
                       const char      *incident_id,
                       SitrepAudience   audience,
                       guint            minutes,
                       const char      *reason,
                       GError         **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) until = g_date_time_add_minutes (now, (int) minutes);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) snoozes = NULL;
  g_autofree char *until_text = sitrep_time_format (until);
  g_autofree char *text = NULL;
  SitrepIncident *incident;
  JsonNode *existing;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);

  if ((incident = _sitrep_context_require_incident (self, incident_id, error)) == NULL)
    return FALSE;

  existing = json_object_get_member (sitrep_incident_get_body (incident), "snoozes");
  snoozes = existing && JSON_NODE_HOLDS_OBJECT (existing)
            ? sitrep_json_copy (json_node_get_object (existing)) : json_object_new ();
  json_object_set_string_member (snoozes, sitrep_audience_to_string (audience), until_text);
  json_object_set_object_member (fields, "snoozes", g_steal_pointer (&snoozes));

  if (reason != NULL && reason[0] != '\0')
    /* Translators: a timeline note, e.g. "Executives update snoozed 15 min: waiting on the DB team" */
    text = g_strdup_printf (_("%s update snoozed %u min: %s"), sitrep_audience_get_label (audience),
                            minutes, reason);
  else
    text = g_strdup_printf (_("%s update snoozed %u min"), sitrep_audience_get_label (audience),
                            minutes);

  return _sitrep_context_patch_with_entry (self, incident_id, fields, SITREP_KIND_NOTE, text,
                                           error);
}

/* Template editing */

/**
 * sitrep_context_unknown_placeholders:
 * @text: (nullable): a template's title or body
 *
 * Rendering with every known name filled leaves exactly the names no
 * incident can fill (typos like {{serivce}}) as unknown.
 *
 * Returns: (transfer full) (element-type utf8): the unknown placeholder
 *   names of @text, each once, in order of first appearance
 */
GPtrArray *
sitrep_context_unknown_placeholders (const char *text)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(SitrepRendered) rendered = { 0 };
  const char * const *names = sitrep_template_placeholder_names ();

  for (guint i = 0; names[i] != NULL; i++)
    g_hash_table_insert (values, (gpointer) names[i], (gpointer) "x");

  sitrep_template_render (text ? text : "", values, &rendered);
  return g_steal_pointer (&rendered.unknown);
}

static gboolean
check_placeholders (const char  *title,
                    const char  *body,
                    GError     **error)
{
  g_autoptr(GPtrArray) unknown = sitrep_context_unknown_placeholders (title);
  g_autoptr(GPtrArray) in_body = sitrep_context_unknown_placeholders (body);
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < in_body->len; i++)
    if (!g_ptr_array_find_with_equal_func (unknown, in_body->pdata[i], g_str_equal, NULL))
      g_ptr_array_add (unknown, g_strdup (in_body->pdata[i]));

  if (unknown->len == 0)
    return TRUE;

  for (guint i = 0; i < unknown->len; i++)
    g_string_append_printf (list, "%s{{%s}}", i > 0 ? ", " : "",
                            (const char *) unknown->pdata[i]);
  /* Translators: %s is a list of placeholders, e.g. "{{serivce}}, {{nope}}" */
  g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
               _("Unknown placeholders: %s"), list->str);
  return FALSE;
}

static gboolean
text_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static SitrepRecord *
require_template (SitrepContext  *self,
                  const char     *template_id,
                  GError        **error)
{
  SitrepRecord *record = lookup_template (self, template_id);

  if (record == NULL || record->deleted)
    {
      g_clear_pointer (&record, sitrep_record_free);
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND,
                   _("The template was deleted"));
    }
  return record;
}

/**
 * sitrep_context_save_template:
 * @template_id: (nullable): the template to change, or %NULL for a new one
 * @title: (nullable): the update's title, with placeholders
 * @body: the update's text, with placeholders
 *
 * Writes a template. An existing one keeps its other fields (`status`,
 * `builtin_key`, and those of newer clients). The name and the text are
 * required, and every placeholder must be one an incident can fill.
 *
 * Returns: (transfer full): the template's id, or %NULL with @error set
 */
char *
sitrep_context_save_template (SitrepContext   *self,
                              const char      *template_id,
                              const char      *name,
                              SitrepAudience   audience,
                              const char      *title,
                              const char      *body,
                              GError         **error)
{
  g_autoptr(SitrepRecord) existing = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *id = NULL;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (audience <= SITREP_AUDIENCE_INTERNAL, NULL);

  if (stripped[0] == '\0')
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   _("The template has no name"));
      return NULL;
    }
  if (text_is_blank (body))
    {
      g_set_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID,
                   _("The template has no text"));
      return NULL;
    }
  if (!check_placeholders (title, body, error))
    return NULL;

  if (template_id != NULL)
    {
      if ((existing = require_template (self, template_id, error)) == NULL)
        return NULL;
      record = sitrep_json_copy (existing->body);
      id = g_strdup (template_id);
    }
  else
    {
      record = json_object_new ();
      json_object_set_null_member (record, "status");
      id = g_uuid_string_random ();
    }

  json_object_set_string_member (record, "name", stripped);
  json_object_set_string_member (record, "audience", sitrep_audience_to_string (audience));
  json_object_set_string_member (record, "title", title ? title : "");
  json_object_set_string_member (record, "body", body);

  if (!sitrep_store_put (sitrep_context_get_store (self), "templates", id, record, error))
    return NULL;

  return g_steal_pointer (&id);
}

/**
 * sitrep_context_delete_template:
 *
 * Deletes a template, a built-in too: a built-in is shown from core only
 * while it has no record, deleted or not, so it does not come back.
 */
gboolean
sitrep_context_delete_template (SitrepContext  *self,
                                const char     *template_id,
                                GError        **error)
{
  g_autoptr(SitrepRecord) existing = NULL;
  g_autoptr(SitrepRecord) stored = NULL;

  g_return_val_if_fail (SITREP_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (template_id != NULL, FALSE);

  if ((existing = require_template (self, template_id, error)) == NULL)
    return FALSE;

  /* A built-in never written gets its record and its tombstone together,
   * so it stays deleted */
  stored = sitrep_store_get (sitrep_context_get_store (self), "templates", template_id);
  if (stored == NULL)
    {
      g_autoptr(SitrepMutation) put = sitrep_mutation_new_put ("templates", template_id,
                                                              existing->body);
      g_autoptr(SitrepMutation) del = sitrep_mutation_new_delete ("templates", template_id);
      SitrepMutation *both[] = { put, del };

      return sitrep_store_apply (sitrep_context_get_store (self), both, 2, error);
    }

  return sitrep_store_delete (sitrep_context_get_store (self), "templates", template_id, error);
}

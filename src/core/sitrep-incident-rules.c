/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-incident-rules.c: what declaring and changing an incident writes
 *
 * Declaring writes the incident, the guide's IC checklist (and the Major
 * Incident Protocol's items when major) and the first timeline entry; a
 * status change stamps the milestones it implies; the major switch adds
 * the protocol's items the incident lacks. The app applies these through
 * its store, the server's Alertmanager intake writes them itself.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-checklist.h"
#include "sitrep-enum-strings.h"
#include "sitrep-incident-rules.h"
#include "sitrep-json.h"
#include "sitrep-record.h"
#include "sitrep-severity.h"
#include "sitrep-status.h"
#include "sitrep-time.h"

G_DEFINE_QUARK (sitrep-incident-rules-error-quark, sitrep_incident_rules_error)

static GPtrArray *
mutations_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);
}

static char *
env_now (const SitrepRuleEnv *env)
{
  if (env->now != NULL)
    return sitrep_time_format (env->now);
  return sitrep_time_now ();
}

static char *
env_new_id (const SitrepRuleEnv *env)
{
  if (env->new_id != NULL)
    return env->new_id (env->new_id_data);
  /* Time-ordered: entries of one time list in the order they were made. */
  return sitrep_id_new ();
}

/* Text from outside (an alert's labels) may be long: an entry keeps within
 * the protocol's limit, cut at a character boundary. */
static char *
clip_text (const char *text,
           gsize       max)
{
  g_autofree char *head = NULL;
  const char *end;

  if (strlen (text) <= max)
    return g_strdup (text);

  end = g_utf8_find_prev_char (text, text + max - strlen ("…") + 1);
  if (end == NULL)
    end = text;
  head = g_strndup (text, end - text);
  return g_strconcat (head, "…", NULL);
}

/**
 * sitrep_incident_rules_new_entry:
 * @env: where the entry's id comes from
 * @occurred_at: when it happened, as sitrep_time_format() writes it
 * @author: (nullable): who wrote it
 *
 * Returns: (transfer full): the put of a new, unpinned timeline entry
 */
SitrepMutation *
sitrep_incident_rules_new_entry (const SitrepRuleEnv *env,
                                 const char          *incident_id,
                                 const char          *occurred_at,
                                 SitrepTimelineKind   kind,
                                 const char          *text,
                                 const char          *author)
{
  g_autofree char *entry_id = NULL;
  g_autoptr(JsonObject) body = json_object_new ();

  g_return_val_if_fail (env != NULL, NULL);

  entry_id = env_new_id (env);
  json_object_set_string_member (body, "incident_id", incident_id);
  json_object_set_string_member (body, "occurred_at", occurred_at);
  json_object_set_string_member (body, "kind", sitrep_timeline_kind_to_string (kind));
  json_object_set_string_member (body, "text", text);
  json_object_set_string_member (body, "author", author);
  json_object_set_boolean_member (body, "pinned", FALSE);

  return sitrep_mutation_new_put ("timeline", entry_id, body);
}

/**
 * sitrep_incident_rules_split_services:
 * @text: (nullable): service names separated by commas or new lines
 *
 * Returns: (transfer full): the names, trimmed, empty ones left out
 */
GStrv
sitrep_incident_rules_split_services (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text != NULL ? text : "", ",\n", -1);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *name = g_strstrip (parts[i]);

      if (name[0] != '\0')
        g_strv_builder_add (names, name);
    }

  return g_strv_builder_end (names);
}

/**
 * sitrep_incident_rules_new_body:
 * @title: the title; leading and trailing blanks are dropped
 * @services: (nullable) (array zero-terminated=1): the services affected
 * @customer_impact: (nullable): what customers see
 *
 * Returns: (transfer full): the body of a new incident, not major, with
 *   every milestone unset (declaring stamps them)
 */
JsonObject *
sitrep_incident_rules_new_body (const char         *title,
                                const char * const *services,
                                const char         *customer_impact,
                                SitrepSeverity      severity,
                                SitrepStatus        status)
{
  JsonObject *body = json_object_new ();
  g_autofree char *stripped = g_strstrip (g_strdup (title != NULL ? title : ""));
  JsonArray *array = json_array_new ();

  for (guint i = 0; services != NULL && services[i] != NULL; i++)
    json_array_add_string_element (array, services[i]);

  json_object_set_string_member (body, "title", stripped);
  json_object_set_string_member (body, "summary", "");
  if (sitrep_severity_get_info (severity) != NULL)
    json_object_set_string_member (body, "severity", sitrep_severity_to_string (severity));
  else
    json_object_set_null_member (body, "severity");
  json_object_set_string_member (body, "status", sitrep_status_to_string (status));
  json_object_set_array_member (body, "services", array);
  json_object_set_string_member (body, "customer_impact",
                                 customer_impact != NULL ? customer_impact : "");
  json_object_set_boolean_member (body, "major", FALSE);
  for (guint i = 0; i <= SITREP_MILESTONE_CLOSED; i++)
    json_object_set_null_member (body, sitrep_milestone_to_field (i));

  return body;
}

/* The guide's example channel, "#incident-20250408-1", named for the
 * day this incident was declared instead. */
static void
date_channel (JsonObject *item,
              const char *declared_at)
{
  static const char example[] = "#incident-20250408-1";
  const char *text = sitrep_json_get_string (item, "text");
  const char *at = text ? strstr (text, example) : NULL;
  g_autoptr(GDateTime) when = sitrep_time_parse (declared_at);
  g_autofree char *day = NULL;
  g_autofree char *dated = NULL;

  if (at == NULL || when == NULL)
    return;
  day = g_date_time_format (when, "%Y%m%d");
  dated = g_strdup_printf ("%.*s#incident-%s-1%s", (int) (at - text), text, day,
                           at + strlen (example));
  json_object_set_string_member (item, "text", dated);
}

/* Ticks an item the declaration itself has done. */
static void
tick (JsonObject *item,
      const char *by,
      const char *at)
{
  json_object_set_boolean_member (item, "done", TRUE);
  if (by != NULL)
    json_object_set_string_member (item, "done_by", by);
  json_object_set_string_member (item, "done_at", at);
}

/* The checklist as the declaration leaves it: "Declare the incident" is
 * done by whoever declared it, "Acknowledge" when the body says it was
 * acknowledged, and the channel's example carries the incident's date. */
static void
add_checklist (GPtrArray                 *mutations,
               const SitrepRuleEnv       *env,
               const char                *incident_id,
               JsonObject                *incident,
               const SitrepChecklistItem *items,
               gsize                      n_items,
               guint                     *position)
{
  const char *declared_at = sitrep_json_get_string (incident, "declared_at");
  const char *acknowledged_at = sitrep_json_get_string (incident, "acknowledged_at");

  for (gsize i = 0; i < n_items; i++)
    {
      g_autoptr(JsonObject) item = sitrep_checklist_item_to_body (&items[i], incident_id,
                                                                  (*position)++);
      g_autofree char *item_id = g_strdup_printf ("%s:%s", incident_id, items[i].key);

      if (g_str_equal (items[i].key, "declare") && declared_at != NULL)
        tick (item, env->actor, declared_at);
      else if (g_str_equal (items[i].key, "acknowledge") && acknowledged_at != NULL)
        tick (item, env->actor, acknowledged_at);
      else if (g_str_equal (items[i].key, "channel") && declared_at != NULL)
        date_channel (item, declared_at);

      g_ptr_array_add (mutations, sitrep_mutation_new_put ("checklist", item_id, item));
    }
}

/**
 * sitrep_incident_rules_declare:
 * @env: when (the declaration time) and who (the author of the first entry)
 * @incident_id: (nullable): the new incident's id; %NULL to take one from @env
 * @body: the incident's body, as sitrep_incident_rules_new_body() makes it
 *   and the caller completes; its `declared_at` and `detected_at` are set
 *   to the declaration time unless already set
 *
 * Declares an incident: the incident itself (the first mutation), its IC
 * checklist (and the major-incident items when @body says major) and the
 * first timeline entry, "Incident declared: P1 (Critical)". All of them
 * create records, so they are create-only (`base_version` 0).
 *
 * Returns: (transfer full) (element-type SitrepMutation): the mutations, or
 *   %NULL with @error set when the title is empty or the severity unknown
 */
GPtrArray *
sitrep_incident_rules_declare (const SitrepRuleEnv  *env,
                               const char           *incident_id,
                               JsonObject           *body,
                               GError              **error)
{
  g_autoptr(GPtrArray) mutations = NULL;
  g_autofree char *id = NULL;
  g_autofree char *declared_at = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  const SitrepChecklistItem *items;
  const SitrepSeverityInfo *info;
  SitrepSeverity severity;
  gsize n_items;
  guint position = 0;

  g_return_val_if_fail (env != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  title = g_strdup (sitrep_json_get_string (body, "title"));
  if (title == NULL || g_strstrip (title)[0] == '\0')
    {
      g_set_error_literal (error, SITREP_INCIDENT_RULES_ERROR,
                           SITREP_INCIDENT_RULES_ERROR_INVALID, _("An incident needs a title"));
      return NULL;
    }

  severity = sitrep_severity_from_string (sitrep_json_get_string (body, "severity"));
  info = sitrep_severity_get_info (severity);
  if (info == NULL)
    {
      g_set_error_literal (error, SITREP_INCIDENT_RULES_ERROR,
                           SITREP_INCIDENT_RULES_ERROR_INVALID, _("Choose a severity"));
      return NULL;
    }

  mutations = mutations_new ();
  id = incident_id != NULL ? g_strdup (incident_id) : env_new_id (env);
  declared_at = env_now (env);

  if (sitrep_json_get_string (body, "declared_at") == NULL)
    json_object_set_string_member (body, "declared_at", declared_at);
  if (sitrep_json_get_string (body, "detected_at") == NULL)
    json_object_set_string_member (body, "detected_at", declared_at);

  g_ptr_array_add (mutations, sitrep_mutation_new_put ("incidents", id, body));

  items = sitrep_checklist_default_items (&n_items);
  add_checklist (mutations, env, id, body, items, n_items, &position);
  if (sitrep_json_get_bool (body, "major"))
    {
      items = sitrep_checklist_major_items (&n_items);
      add_checklist (mutations, env, id, body, items, n_items, &position);
    }

  /* Translators: the first timeline entry, e.g. "Incident declared: P1 (Critical)" */
  text = g_strdup_printf (_("Incident declared: %s (%s)"), info->id, info->name);
  g_ptr_array_add (mutations, sitrep_incident_rules_new_entry (env, id, declared_at,
                                                               SITREP_KIND_STATUS, text,
                                                               env->actor));

  /* Everything here is new: create-only, never over someone's record. */
  for (guint i = 0; i < mutations->len; i++)
    ((SitrepMutation *) mutations->pdata[i])->base_version = 0;

  return g_steal_pointer (&mutations);
}

static GPtrArray *
patch_with_entry (const SitrepRuleEnv *env,
                  const char          *incident_id,
                  JsonObject          *fields,
                  const char          *now,
                  SitrepTimelineKind   kind,
                  const char          *text)
{
  GPtrArray *mutations = mutations_new ();

  g_ptr_array_add (mutations, sitrep_mutation_new_patch ("incidents", incident_id, fields));
  g_ptr_array_add (mutations, sitrep_incident_rules_new_entry (env, incident_id, now, kind, text,
                                                               env->actor));

  return mutations;
}

/**
 * sitrep_incident_rules_set_status:
 * @from: the incident's status now
 * @has_resolved_at: whether its resolved milestone is set
 * @to: the status to move it to
 *
 * Moves the incident along its lifecycle: resolving stamps `resolved_at`
 * (unless set), closing stamps `closed_at` (and `resolved_at` unless set),
 * reopening clears `resolved_at`; a status timeline entry says
 * "Status: Investigating → Identified".
 *
 * Returns: (transfer full) (element-type SitrepMutation): the patch and the
 *   entry, or %NULL with @error set when the lifecycle forbids the move
 */
GPtrArray *
sitrep_incident_rules_set_status (const SitrepRuleEnv  *env,
                                  const char           *incident_id,
                                  SitrepStatus          from,
                                  gboolean              has_resolved_at,
                                  SitrepStatus          to,
                                  GError              **error)
{
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *now = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (env != NULL, NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sitrep_status_can_transition (from, to))
    {
      g_set_error (error, SITREP_INCIDENT_RULES_ERROR, SITREP_INCIDENT_RULES_ERROR_INVALID,
                   _("An incident cannot go from %s to %s"),
                   sitrep_status_get_label (from), sitrep_status_get_label (to));
      return NULL;
    }

  fields = json_object_new ();
  now = env_now (env);
  json_object_set_string_member (fields, "status", sitrep_status_to_string (to));
  if ((to == SITREP_STATUS_RESOLVED || to == SITREP_STATUS_CLOSED) && !has_resolved_at)
    json_object_set_string_member (fields, "resolved_at", now);
  if (to == SITREP_STATUS_CLOSED)
    json_object_set_string_member (fields, "closed_at", now);
  if (sitrep_status_is_active (to) && !sitrep_status_is_active (from))
    json_object_set_null_member (fields, "resolved_at");

  /* Translators: a timeline entry, e.g. "Status: Investigating → Identified" */
  text = g_strdup_printf (_("Status: %s → %s"), sitrep_status_get_label (from),
                          sitrep_status_get_label (to));

  return patch_with_entry (env, incident_id, fields, now, SITREP_KIND_STATUS, text);
}

/**
 * sitrep_incident_rules_set_severity:
 * @from: the incident's severity now (%SITREP_SEVERITY_NONE if unset)
 * @to: the new severity
 *
 * Reclassifies the incident, with a status timeline entry "Severity: P2 → P1".
 *
 * Returns: (transfer full) (element-type SitrepMutation): the patch and the
 *   entry, none when @to is @from; %NULL with @error set when @to is not a
 *   severity
 */
GPtrArray *
sitrep_incident_rules_set_severity (const SitrepRuleEnv  *env,
                                    const char           *incident_id,
                                    SitrepSeverity        from,
                                    SitrepSeverity        to,
                                    GError              **error)
{
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *now = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (env != NULL, NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (from == to)
    return mutations_new ();
  if (sitrep_severity_get_info (to) == NULL)
    {
      g_set_error_literal (error, SITREP_INCIDENT_RULES_ERROR,
                           SITREP_INCIDENT_RULES_ERROR_INVALID, _("Choose a severity"));
      return NULL;
    }

  fields = json_object_new ();
  now = env_now (env);
  json_object_set_string_member (fields, "severity", sitrep_severity_to_string (to));
  /* Translators: a timeline entry, e.g. "Severity: P2 → P1" */
  text = g_strdup_printf (_("Severity: %s → %s"),
                          from != SITREP_SEVERITY_NONE ? sitrep_severity_to_string (from) : "—",
                          sitrep_severity_to_string (to));

  return patch_with_entry (env, incident_id, fields, now, SITREP_KIND_STATUS, text);
}

/* What the app knows that completes a checklist item: who holds which
 * role. "Assign initial roles" names three; the major protocol's names one
 * each. */
static const struct {
  const char *key;
  guint       roles;    /* 1 << SitrepRole, all of them held */
} role_items[] = {
  { "assign-roles", (1u << SITREP_ROLE_COMMUNICATIONS) | (1u << SITREP_ROLE_OPERATIONS) |
                    (1u << SITREP_ROLE_SCRIBE) },
  { "major-deputy", 1u << SITREP_ROLE_DEPUTY_COMMANDER },
  { "major-planning", 1u << SITREP_ROLE_PLANNING },
  { "major-liaison", 1u << SITREP_ROLE_CUSTOMER_LIAISON },
};

/**
 * sitrep_incident_rules_set_major:
 * @was_major: whether the incident is major now
 * @major: whether it is to be
 * @checklist_ids: (nullable) (array zero-terminated=1): the ids of the
 *   incident's checklist records
 * @next_position: the position after the last of them
 * @roles_held: the roles someone holds, each as `1 << role`
 *
 * Switches the Major Incident Protocol on or off, with a decision entry.
 * Switching it on adds the protocol's checklist items the incident does
 * not have yet, create-only, so two people switching it on at once do not
 * reset each other's ticks; an item a role already held completes (the
 * Deputy IC assigned before) is added ticked. Switching it off keeps them,
 * ticked or not.
 *
 * Returns: (transfer full) (element-type SitrepMutation): the mutations,
 *   none when nothing changes
 */
GPtrArray *
sitrep_incident_rules_set_major (const SitrepRuleEnv *env,
                                 const char          *incident_id,
                                 gboolean             was_major,
                                 gboolean             major,
                                 const char * const  *checklist_ids,
                                 guint                next_position,
                                 guint                roles_held)
{
  g_autoptr(GPtrArray) mutations = mutations_new ();
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *now = NULL;
  const SitrepChecklistItem *items;
  gsize n_items;

  g_return_val_if_fail (env != NULL, NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);

  if (!was_major == !major)
    return g_steal_pointer (&mutations);

  fields = json_object_new ();
  now = env_now (env);
  json_object_set_boolean_member (fields, "major", major);
  g_ptr_array_add (mutations, sitrep_mutation_new_patch ("incidents", incident_id, fields));
  g_ptr_array_add (mutations,
                   sitrep_incident_rules_new_entry (env, incident_id, now, SITREP_KIND_DECISION,
                                                    major ? _("Major Incident Protocol activated")
                                                          : _("Major Incident Protocol stood down"),
                                                    env->actor));

  if (!major)
    return g_steal_pointer (&mutations);

  items = sitrep_checklist_major_items (&n_items);
  for (gsize i = 0; i < n_items; i++)
    {
      g_autofree char *item_id = g_strdup_printf ("%s:%s", incident_id, items[i].key);
      g_autoptr(JsonObject) body = NULL;
      SitrepMutation *create;

      if (checklist_ids != NULL && g_strv_contains (checklist_ids, item_id))
        continue;

      body = sitrep_checklist_item_to_body (&items[i], incident_id, next_position++);
      for (gsize r = 0; r < G_N_ELEMENTS (role_items); r++)
        if (g_str_equal (role_items[r].key, items[i].key) &&
            (roles_held & role_items[r].roles) == role_items[r].roles)
          tick (body, env->actor, now);
      create = sitrep_mutation_new_put ("checklist", item_id, body);
      create->base_version = 0;
      g_ptr_array_add (mutations, create);
    }

  return g_steal_pointer (&mutations);
}

/* Ticks the incident's item @key when it has it and it is not ticked. */
static void
add_tick (GPtrArray          *mutations,
          const char         *incident_id,
          const char         *key,
          const char * const *checklist_ids,
          const char * const *done_ids,
          const char         *by,
          const char         *at)
{
  g_autofree char *item_id = g_strdup_printf ("%s:%s", incident_id, key);
  g_autoptr(JsonObject) fields = NULL;

  if (checklist_ids == NULL || !g_strv_contains (checklist_ids, item_id) ||
      (done_ids != NULL && g_strv_contains (done_ids, item_id)))
    return;

  fields = json_object_new ();
  tick (fields, by, at);
  g_ptr_array_add (mutations, sitrep_mutation_new_patch ("checklist", item_id, fields));
}

/**
 * sitrep_incident_rules_checklist_ticks:
 * @env: who makes the change (the ticks are theirs) and when
 * @checklist_ids: (array zero-terminated=1) (nullable): the ids of the
 *   incident's checklist items
 * @done_ids: (array zero-terminated=1) (nullable): those already ticked
 * @assigned: the role the change gives to someone, or -1 for none
 * @roles_held: the roles someone holds once the change is made, each as
 *   `1 << role` (with @assigned)
 * @acknowledged_at: (nullable): the acknowledgement time the change
 *   records, as sitrep_time_format() writes it
 *
 * The checklist items a change completes, so the checklist says what the
 * app already knows: acknowledging ticks "Acknowledge the alert/incident"
 * (at the acknowledgement time); assigning a role ticks "Assign initial
 * roles" once the Comms Lead, the Ops Lead and the Scribe are all
 * assigned, and the major protocol's "Assign a Deputy Incident Commander",
 * "… Planning Lead" and "… Customer Liaison". Only the items the change
 * concerns, and only those not ticked yet: an item someone unticked is
 * not ticked again by an unrelated change.
 *
 * Returns: (transfer full) (element-type SitrepMutation): the patches to
 *   apply with the change, in its transaction; none when nothing is
 *   completed
 */
GPtrArray *
sitrep_incident_rules_checklist_ticks (const SitrepRuleEnv *env,
                                       const char          *incident_id,
                                       const char * const  *checklist_ids,
                                       const char * const  *done_ids,
                                       int                  assigned,
                                       guint                roles_held,
                                       const char          *acknowledged_at)
{
  g_autoptr(GPtrArray) mutations = mutations_new ();
  g_autofree char *now = NULL;

  g_return_val_if_fail (env != NULL, NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);

  if (acknowledged_at != NULL)
    add_tick (mutations, incident_id, "acknowledge", checklist_ids, done_ids, env->actor,
              acknowledged_at);

  if (assigned < 0 || assigned > SITREP_ROLE_CUSTOMER_LIAISON)
    return g_steal_pointer (&mutations);

  now = env_now (env);
  roles_held |= 1u << assigned;
  for (gsize i = 0; i < G_N_ELEMENTS (role_items); i++)
    if ((role_items[i].roles & (1u << assigned)) != 0 &&
        (roles_held & role_items[i].roles) == role_items[i].roles)
      add_tick (mutations, incident_id, role_items[i].key, checklist_ids, done_ids, env->actor,
                now);

  return g_steal_pointer (&mutations);
}

/**
 * sitrep_incident_rules_demo:
 * @env: its @now is the present of the example; its actor is not used (the
 *   example's people are)
 *
 * The guide's example incident: a P1 payment service outage, forty minutes
 * old, declared by alice three minutes after the alert, with its timeline.
 *
 * Returns: (transfer full) (element-type SitrepMutation): the mutations of
 *   sitrep_incident_rules_declare() and the example's entries, or %NULL
 *   with @error set
 */
GPtrArray *
sitrep_incident_rules_demo (const SitrepRuleEnv  *env,
                            GError              **error)
{
  static const struct {
    int minutes;               /* from the alert */
    SitrepTimelineKind kind;
    const char *author;
    const char *text;
  } entries[] = {
    { 0, SITREP_KIND_ALERT, "alertmanager", N_("Alert triggered: High error rate on payment service") },
    { 3, SITREP_KIND_ACTION, "alice", N_("On-call engineer acknowledged alert") },
    { 10, SITREP_KIND_DECISION, "bob", N_("Identified database connection pool exhaustion") },
    { 18, SITREP_KIND_ACTION, "alice", N_("Paged the database team") },
    { 31, SITREP_KIND_NOTE, "charlie", N_("Error rate steady at 27%; card payments failing at checkout") },
  };
  static const char * const services[] = { "payments", "checkout", NULL };
  g_autoptr(GDateTime) now = env->now != NULL ? g_date_time_ref (env->now)
                                              : g_date_time_new_now_utc ();
  g_autoptr(GDateTime) alert = g_date_time_add_minutes (now, -43);
  g_autoptr(GDateTime) acknowledged = g_date_time_add_minutes (alert, 4);
  g_autoptr(GDateTime) declared = g_date_time_add_minutes (alert, 3);
  g_autofree char *alert_text = sitrep_time_format (alert);
  g_autofree char *acknowledged_text = sitrep_time_format (acknowledged);
  SitrepRuleEnv declare_env = { declared, "alice", env->new_id, env->new_id_data };
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) mutations = NULL;
  const char *id;

  body = sitrep_incident_rules_new_body (_("Payment service outage"), services,
                                         _("Customers cannot complete card payments; about a "
                                           "quarter of checkout attempts fail with an error."),
                                         SITREP_SEVERITY_P1, SITREP_STATUS_IDENTIFIED);
  json_object_set_string_member (body, "summary",
                                 _("High error rate on the payment service after the "
                                   "database connection pool was exhausted."));
  json_object_set_string_member (body, "detected_at", alert_text);
  json_object_set_string_member (body, "acknowledged_at", acknowledged_text);

  mutations = sitrep_incident_rules_declare (&declare_env, NULL, body, error);
  if (mutations == NULL)
    return NULL;
  id = ((SitrepMutation *) mutations->pdata[0])->id;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autoptr(GDateTime) at = g_date_time_add_minutes (alert, entries[i].minutes);
      g_autofree char *at_text = sitrep_time_format (at);
      SitrepMutation *entry = sitrep_incident_rules_new_entry (env, id, at_text, entries[i].kind,
                                                               _(entries[i].text),
                                                               entries[i].author);

      entry->base_version = 0;
      g_ptr_array_add (mutations, entry);
    }

  return g_steal_pointer (&mutations);
}

/**
 * sitrep_incident_rules_set_triage:
 * @body: an incident's body
 * @severity: the severity triage gave
 * @rule: the rule that gave it
 * @reason: why, as sitrep_triage_explain() says it
 * @hint: the severity the alert's own `severity` label suggests, or
 *   %SITREP_SEVERITY_NONE
 *
 * Records on the incident how the alert was classified: `triage`
 * {`severity`, `rule`, `reason`} and `severity_hint`, fields the protocol
 * keeps as it keeps every field it does not know.
 */
void
sitrep_incident_rules_set_triage (JsonObject       *body,
                                  SitrepSeverity    severity,
                                  SitrepTriageRule  rule,
                                  const char       *reason,
                                  SitrepSeverity    hint)
{
  JsonObject *triage = json_object_new ();
  g_autofree char *clipped = clip_text (reason != NULL ? reason : "", SITREP_TEXT_MAX);

  g_return_if_fail (body != NULL);

  json_object_set_string_member (triage, "severity", sitrep_severity_to_string (severity));
  json_object_set_string_member (triage, "rule", sitrep_triage_rule_to_string (rule));
  json_object_set_string_member (triage, "reason", clipped);
  json_object_set_object_member (body, "triage", triage);
  if (hint != SITREP_SEVERITY_NONE)
    json_object_set_string_member (body, "severity_hint", sitrep_severity_to_string (hint));
}

/**
 * sitrep_incident_rules_triage_entries:
 * @severity: the severity triage gave
 * @reason: why
 * @hint: the alert's severity hint, or %SITREP_SEVERITY_NONE
 * @hint_label: (nullable): the label it was read from ("critical")
 *
 * The timeline entries of an incident opened by an alert: which triage rule
 * fired with which values ("Triage: P1 — critical service payments and
 * error rate 25% > 20%"), and the alert's own severity when it says
 * otherwise.
 *
 * Returns: (transfer full) (element-type SitrepMutation): one or two
 *   create-only entries
 */
GPtrArray *
sitrep_incident_rules_triage_entries (const SitrepRuleEnv *env,
                                      const char          *incident_id,
                                      SitrepSeverity       severity,
                                      const char          *reason,
                                      SitrepSeverity       hint,
                                      const char          *hint_label)
{
  GPtrArray *mutations = mutations_new ();
  g_autofree char *now = env_now (env);
  g_autofree char *text = NULL;
  g_autofree char *clipped = NULL;

  g_return_val_if_fail (env != NULL, NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);

  /* Translators: a timeline entry, e.g. "Triage: P1 — critical service
   * payments and error rate 25% > 20%" */
  text = g_strdup_printf (_("Triage: %s — %s"), sitrep_severity_to_string (severity),
                          reason != NULL ? reason : "");
  clipped = clip_text (text, SITREP_TEXT_MAX);
  g_ptr_array_add (mutations, sitrep_incident_rules_new_entry (env, incident_id, now,
                                                               SITREP_KIND_STATUS, clipped,
                                                               env->actor));

  if (hint != SITREP_SEVERITY_NONE && hint != severity)
    {
      g_autofree char *label = clip_text (hint_label != NULL ? hint_label
                                                             : sitrep_severity_to_string (hint),
                                          SITREP_NAME_MAX);
      g_autofree char *hint_text =
        /* Translators: a timeline entry, e.g. "The alert's severity label
         * “critical” suggests P1; triage gave P4" */
        g_strdup_printf (_("The alert’s severity label “%s” suggests %s; triage gave %s"),
                         label, sitrep_severity_to_string (hint),
                         sitrep_severity_to_string (severity));

      g_ptr_array_add (mutations, sitrep_incident_rules_new_entry (env, incident_id, now,
                                                                   SITREP_KIND_NOTE, hint_text,
                                                                   env->actor));
    }

  for (guint i = 0; i < mutations->len; i++)
    ((SitrepMutation *) mutations->pdata[i])->base_version = 0;

  return mutations;
}

/**
 * sitrep_incident_rules_escalate:
 * @body: an open incident's body, changed in place
 * @triage: the triage of alerts that joined it
 * @raised: (out) (optional): whether its severity went up
 *
 * New alerts on an open incident may make it worse: its severity is raised
 * (with the triage that raised it), a stronger severity hint kept, their
 * services added; nothing is ever lowered or removed.
 *
 * Returns: whether @body changed
 */
gboolean
sitrep_incident_rules_escalate (JsonObject               *body,
                                const SitrepTriageResult *triage,
                                gboolean                 *raised)
{
  SitrepSeverity current, hint;
  JsonNode *node;
  JsonArray *services;
  gboolean changed = FALSE;

  g_return_val_if_fail (body != NULL, FALSE);
  g_return_val_if_fail (triage != NULL, FALSE);

  if (raised != NULL)
    *raised = FALSE;

  current = sitrep_severity_from_string (sitrep_json_get_string (body, "severity"));
  if (triage->severity != SITREP_SEVERITY_NONE
      && (current == SITREP_SEVERITY_NONE || triage->severity < current))
    {
      json_object_set_string_member (body, "severity",
                                     sitrep_severity_to_string (triage->severity));
      sitrep_incident_rules_set_triage (body, triage->severity, triage->rule, triage->reason,
                                        SITREP_SEVERITY_NONE);
      if (raised != NULL)
        *raised = TRUE;
      changed = TRUE;
    }

  hint = sitrep_severity_from_string (sitrep_json_get_string (body, "severity_hint"));
  if (triage->hint != SITREP_SEVERITY_NONE && (hint == SITREP_SEVERITY_NONE || triage->hint < hint))
    {
      json_object_set_string_member (body, "severity_hint",
                                     sitrep_severity_to_string (triage->hint));
      changed = TRUE;
    }

  node = json_object_get_member (body, "services");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      json_object_set_array_member (body, "services", json_array_new ());
      node = json_object_get_member (body, "services");
    }
  services = json_node_get_array (node);
  for (guint i = 0; triage->services != NULL && i < triage->services->len; i++)
    {
      const char *name = g_ptr_array_index (triage->services, i);
      gboolean found = FALSE;

      for (guint j = 0; j < json_array_get_length (services) && !found; j++)
        found = g_strcmp0 (json_array_get_string_element (services, j), name) == 0;
      if (!found)
        {
          json_array_add_string_element (services, name);
          changed = TRUE;
        }
    }

  return changed;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-alertmanager.c: POST /v1/integrations/alertmanager
 *
 * A firing group opens an incident, or adds to the open incident of its
 * groupKey; each alert becomes a timeline entry. Ids are derived from the
 * payload (a name-based UUID over fingerprint, startsAt and status), and an
 * entry that exists already is left alone, so a redelivery of the same
 * payload writes nothing. The incident opened by a group is named after
 * the groupKey and the first startsAt, so a redelivery after it was
 * resolved finds it again instead of opening another.
 * Its impact began at the earliest startsAt of its alerts; it was detected
 * when the group was first delivered (the server's clock), so a
 * redelivery, which finds the incident, changes neither.
 *
 * The incident is declared by the same rule the app declares with (its IC
 * checklist, "Incident declared"), and says how triage classified it: which
 * rule fired with which values, and the alert's own severity label when it
 * says otherwise, both on the incident and as timeline entries.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-incident-rules.h"
#include "sitrep-json.h"
#include "sitrep-protocol-scan.h"
#include "sitrep-protocol.h"
#include "sitrep-record.h"
#include "sitrep-time.h"
#include "sitrep-triage.h"
#include "sitrep-server-alertmanager-payload.h"
#include "sitrep-server-apply.h"
#include "sitrep-server-private.h"

#define AUTHOR "alertmanager"

/* Text fields are bounded by the protocol; alert text beyond that is cut. */
#define TEXT_CUT (SITREP_TEXT_MAX - 16)

typedef struct {
  JsonObject *payload;  /* a private copy: it crosses to the writer thread */
  char       *actor;
} AlertJob;

static void
alert_job_free (gpointer data)
{
  AlertJob *job = data;

  json_object_unref (job->payload);
  g_free (job->actor);
  g_free (job);
}

static JsonObject *
get_object (JsonObject *o,
            const char *member)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static char *
cut_text (const char *text)
{
  g_autofree char *head = NULL;
  const char *end;

  if (strlen (text) <= TEXT_CUT)
    return g_strdup (text);

  /* Cut at a character boundary, never inside one. */
  end = g_utf8_find_prev_char (text, text + TEXT_CUT + 1);
  head = g_strndup (text, end - text);
  return g_strconcat (head, "…", NULL);
}

/* A UUID named by @name (the SHA-1 of it, shaped as a version 5 UUID). */
static char *
uuid_for (const char *name)
{
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize len = sizeof digest;

  g_checksum_update (sha1, (const guchar *) "sitrep-alertmanager:", -1);
  g_checksum_update (sha1, (const guchar *) name, -1);
  g_checksum_get_digest (sha1, digest, &len);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

/* Alertmanager writes nanoseconds and may write offsets: normalise, or
 * %NULL for a missing or zero ("0001-01-01T00:00:00Z") time. */
static char *
normalise_time (const char *text)
{
  g_autoptr(GDateTime) dt = sitrep_time_parse (text);

  if (dt == NULL || g_date_time_get_year (dt) < 1970)
    return NULL;
  return sitrep_time_format (dt);
}

typedef struct {
  SitrepTriageResult  triage;     /* of the firing alerts */
  GDateTime          *first;      /* earliest startsAt */
  char               *first_raw;
} Facts;

/* The service catalogue may mark more services critical. */
static gboolean
catalogue_critical (const char *service,
                    gpointer    data)
{
  SitrepServerStorage *storage = data;
  g_autoptr(SitrepServerRecord) record = NULL;
  g_autoptr(JsonObject) body = NULL;

  return storage->vtable->get_record (storage, "services", service, &record, NULL)
         && record != NULL && !record->deleted && record->body != NULL
         && (body = sitrep_protocol_parse_stored (record->body, NULL)) != NULL
         && sitrep_json_get_bool (body, "critical");
}

static char *
alert_text (JsonObject *alert,
            gboolean    resolved)
{
  JsonObject *labels = get_object (alert, "labels");
  JsonObject *annotations = get_object (alert, "annotations");
  const char *summary = sitrep_json_get_string (annotations, "summary");
  const char *description = sitrep_json_get_string (annotations, "description");
  g_autoptr(GString) text = g_string_new (resolved ? "Resolved: " : "");
  g_autoptr(GList) names = labels != NULL ? json_object_get_members (labels) : NULL;

  if (summary == NULL)
    summary = sitrep_json_get_string (labels, "alertname");
  g_string_append (text, summary != NULL ? summary : _("Alert"));
  if (description != NULL && !resolved)
    g_string_append_printf (text, " — %s", description);

  if (names != NULL)
    {
      names = g_list_sort (names, (GCompareFunc) strcmp);
      g_string_append (text, " (");
      for (GList *l = names; l != NULL; l = l->next)
        {
          const char *value = sitrep_json_get_string (labels, l->data);

          g_string_append_printf (text, "%s%s=%s", l == names ? "" : ", ",
                                  (const char *) l->data, value != NULL ? value : "");
        }
      g_string_append_c (text, ')');
    }

  return cut_text (text->str);
}

/* Writes the timeline entry of one alert unless it exists. */
static gboolean
add_entry (SitrepServerStorage       *storage,
           const SitrepServerAuthor  *author,
           const char                *incident_id,
           JsonObject                *alert,
           gboolean                  *added,
           GError                   **error)
{
  const char *status = sitrep_json_get_string (alert, "status");
  const char *fingerprint = sitrep_json_get_string (alert, "fingerprint");
  const char *starts = sitrep_json_get_string (alert, "startsAt");
  gboolean resolved = g_strcmp0 (status, "resolved") == 0;
  g_autofree char *labels_json = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *occurred = NULL;
  g_autoptr(SitrepServerRecord) existing = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  gint64 seq;

  /* Without a fingerprint, the labels name the alert. */
  if (fingerprint == NULL && get_object (alert, "labels") != NULL)
    fingerprint = labels_json = sitrep_json_to_string (get_object (alert, "labels"));
  name = g_strdup_printf ("entry\n%s\n%s\n%s", fingerprint != NULL ? fingerprint : "",
                          starts != NULL ? starts : "", resolved ? "resolved" : "firing");
  id = uuid_for (name);

  if (!storage->vtable->get_record (storage, "timeline", id, &existing, error))
    return FALSE;
  if (existing != NULL)
    return TRUE;

  occurred = normalise_time (sitrep_json_get_string (alert, resolved ? "endsAt" : "startsAt"));
  if (occurred == NULL)
    occurred = g_strdup (author->ts);
  text = alert_text (alert, resolved);

  json_object_set_string_member (body, "incident_id", incident_id);
  json_object_set_string_member (body, "occurred_at", occurred);
  json_object_set_string_member (body, "kind", "alert");
  json_object_set_string_member (body, "text", text);
  json_object_set_string_member (body, "author", AUTHOR);
  json_object_set_boolean_member (body, "pinned", FALSE);
  if (fingerprint != NULL && labels_json == NULL)
    {
      g_autofree char *cut = cut_text (fingerprint);

      json_object_set_string_member (body, "fingerprint", cut);
    }

  if (!sitrep_server_write_change (storage, author, "put", "timeline", id, body, &seq, error))
    return FALSE;

  *added = TRUE;
  return TRUE;
}

static gboolean
is_open (const SitrepServerRecord *incident)
{
  g_autoptr(JsonObject) body = NULL;
  const char *status;

  if (incident == NULL || incident->deleted || incident->body == NULL)
    return FALSE;

  body = sitrep_protocol_parse_stored (incident->body, NULL);
  status = sitrep_json_get_string (body, "status");
  return g_strcmp0 (status, "resolved") != 0 && g_strcmp0 (status, "closed") != 0;
}

static void
gather_facts (SitrepServerStorage *storage,
              JsonObject          *payload,
              JsonArray           *alerts,
              Facts               *facts)
{
  sitrep_triage_result_init (&facts->triage);
  sitrep_triage_result_add (&facts->triage, get_object (payload, "commonLabels"),
                            get_object (payload, "commonAnnotations"), catalogue_critical,
                            storage);

  for (guint i = 0; i < json_array_get_length (alerts); i++)
    {
      JsonNode *node = json_array_get_element (alerts, i);
      JsonObject *alert;
      const char *starts;
      g_autoptr(GDateTime) dt = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      alert = json_node_get_object (node);
      if (g_strcmp0 (sitrep_json_get_string (alert, "status"), "resolved") == 0)
        continue;

      sitrep_triage_result_add (&facts->triage, get_object (alert, "labels"),
                                get_object (alert, "annotations"), catalogue_critical, storage);

      starts = sitrep_json_get_string (alert, "startsAt");
      dt = sitrep_time_parse (starts);
      if (dt != NULL && (facts->first == NULL || g_date_time_compare (dt, facts->first) < 0))
        {
          g_clear_pointer (&facts->first, g_date_time_unref);
          facts->first = g_steal_pointer (&dt);
          g_free (facts->first_raw);
          facts->first_raw = g_strdup (starts);
        }
    }
}

static void
facts_clear (Facts *facts)
{
  if (facts->triage.services != NULL)
    sitrep_triage_result_clear (&facts->triage);
  g_clear_pointer (&facts->first, g_date_time_unref);
  g_clear_pointer (&facts->first_raw, g_free);
}

static char *
incident_title (JsonObject *payload,
                JsonArray  *alerts)
{
  const char *title = sitrep_json_get_string (get_object (payload, "commonAnnotations"),
                                              "summary");

  if (title == NULL)
    title = sitrep_json_get_string (get_object (payload, "commonLabels"), "alertname");

  for (guint i = 0; title == NULL && i < json_array_get_length (alerts); i++)
    {
      JsonNode *node = json_array_get_element (alerts, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      title = sitrep_json_get_string (get_object (json_node_get_object (node), "annotations"),
                                      "summary");
      if (title == NULL)
        title = sitrep_json_get_string (get_object (json_node_get_object (node), "labels"),
                                        "alertname");
    }

  return cut_text (title != NULL && *title != '\0' ? title : _("Alert from Alertmanager"));
}

/* The body of the incident a firing group opens, before it is declared. */
static JsonObject *
new_incident (JsonObject         *payload,
              JsonArray          *alerts,
              const Facts        *facts,
              const char         *group_key,
              const char         *now)
{
  JsonObject *body;
  g_autoptr(GPtrArray) services = g_ptr_array_new ();
  g_autofree char *title = incident_title (payload, alerts);
  g_autoptr(GDateTime) delivered = sitrep_time_parse (now);
  g_autofree char *impact = NULL;
  const char *description = sitrep_json_get_string (get_object (payload, "commonAnnotations"),
                                                    "description");

  for (guint i = 0; i < facts->triage.services->len; i++)
    g_ptr_array_add (services, g_ptr_array_index (facts->triage.services, i));
  g_ptr_array_add (services, NULL);

  body = sitrep_incident_rules_new_body (title, (const char * const *) services->pdata, NULL,
                                         facts->triage.severity, SITREP_STATUS_INVESTIGATING);
  if (description != NULL)
    {
      g_autofree char *summary = cut_text (description);

      json_object_set_string_member (body, "summary", summary);
    }
  /* Customer impact began when the first alert started firing; we knew
   * of it when Alertmanager told us, so time to detect is the alert's
   * own wait (group_wait, evaluation, delivery). A startsAt still to
   * come on this clock began, as far as we know, when it arrived. */
  if (facts->first != NULL)
    impact = sitrep_time_format (delivered != NULL && g_date_time_compare (facts->first,
                                                                           delivered) > 0
                                 ? delivered : facts->first);
  if (impact != NULL)
    json_object_set_string_member (body, "impact_started_at", impact);
  json_object_set_string_member (body, "detected_at", now);
  json_object_set_string_member (body, "declared_at", now);
  /* Not protocol fields, kept as unknown fields are: where it came from. */
  json_object_set_string_member (body, "source", AUTHOR);
  {
    g_autofree char *key = cut_text (group_key);

    json_object_set_string_member (body, "alert_group_key", key);
  }
  sitrep_incident_rules_set_triage (body, facts->triage.severity, facts->triage.rule,
                                    facts->triage.reason, facts->triage.hint);

  return body;
}

/* Ids of the records the rules write for an incident, named by what they
 * are for, so the same payload always writes the same ids. */
typedef struct {
  const char *name;
  guint       n;
} DerivedIds;

static char *
derived_id (gpointer data)
{
  DerivedIds *ids = data;
  g_autofree char *name = g_strdup_printf ("%s\n%u", ids->name, ids->n++);

  return uuid_for (name);
}

/* An alert of the group that started firing before the impact recorded
 * moves it back to its startsAt (never after detection). An incident
 * whose impact time was cleared is left so. */
static gboolean
impact_earlier (JsonObject  *body,
                const Facts *facts)
{
  g_autoptr(GDateTime) impact = sitrep_time_parse (sitrep_json_get_string (body,
                                                                           "impact_started_at"));
  g_autofree char *text = NULL;

  if (impact == NULL || facts->first == NULL || g_date_time_compare (facts->first, impact) >= 0)
    return FALSE;
  text = sitrep_time_format (facts->first);
  json_object_set_string_member (body, "impact_started_at", text);
  return TRUE;
}

/* New alerts on an open incident may make it worse (see
 * sitrep_incident_rules_escalate()), or show its impact began earlier:
 * its new body, or %NULL. */
static JsonObject *
escalated (const SitrepServerRecord *incident,
           const Facts              *facts,
           gboolean                 *raised)
{
  g_autoptr(JsonObject) body = sitrep_protocol_parse_stored (incident->body, NULL);
  gboolean worse, earlier;

  *raised = FALSE;
  if (body == NULL)
    return NULL;
  worse = sitrep_incident_rules_escalate (body, &facts->triage, raised);
  earlier = impact_earlier (body, facts);
  if (!worse && !earlier)
    return NULL;

  return g_steal_pointer (&body);
}

static char *
answer_json (const char *incident_id,
             const char *ref)
{
  GString *out = g_string_new ("{\"incident_id\":");

  sitrep_protocol_append_string (out, incident_id);
  g_string_append (out, ",\"ref\":");
  sitrep_protocol_append_string (out, ref);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static guint
fail_storage (SitrepServerStorage  *storage,
              const GError         *error,
              char                **response)
{
  guint status;

  storage->vtable->rollback (storage);
  /* A record the alerts would grow past the limit: refused, not cut. */
  if (g_error_matches (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_TOO_LARGE))
    {
      *response = sitrep_protocol_error_json (SITREP_PROTOCOL_TOO_LARGE, error->message);
      return SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE;
    }
  *response = _sitrep_server_storage_error_json (error, &status);
  return status;
}

/* Finds the incident of the group: its open incident, else (a redelivery)
 * the one this very payload opened. Sets @incident to NULL if none. */
static gboolean
find_incident (SitrepServerStorage  *storage,
               const char           *group_key,
               const Facts          *facts,
               char                **id,
               SitrepServerRecord  **incident,
               gboolean             *open,
               GError              **error)
{
  g_autofree char *group_incident = NULL;
  g_autofree char *name = NULL;

  *incident = NULL;
  *open = FALSE;

  if (!storage->vtable->get_alert_group (storage, group_key, &group_incident, error))
    return FALSE;
  if (group_incident != NULL)
    {
      if (!storage->vtable->get_record (storage, "incidents", group_incident, incident, error))
        return FALSE;
      *open = is_open (*incident);
      if (*open)
        {
          *id = g_steal_pointer (&group_incident);
          return TRUE;
        }
      g_clear_pointer (incident, sitrep_server_record_free);
    }

  name = g_strdup_printf ("incident\n%s\n%s", group_key,
                          facts->first_raw != NULL ? facts->first_raw : "");
  *id = uuid_for (name);
  if (!storage->vtable->get_record (storage, "incidents", *id, incident, error))
    return FALSE;
  if (*incident != NULL && (*incident)->deleted)
    g_clear_pointer (incident, sitrep_server_record_free);

  return TRUE;
}

/* Checks every record the rules made against the protocol, then writes
 * them; @invalid says why one did not pass. */
static gboolean
write_mutations (SitrepServerStorage       *storage,
                 const SitrepServerAuthor  *author,
                 GPtrArray                 *mutations,
                 GError                   **invalid,
                 GError                   **error)
{
  gint64 seq;

  for (guint i = 0; i < mutations->len; i++)
    {
      SitrepMutation *m = mutations->pdata[i];

      g_assert (m->op == SITREP_MUTATION_PUT);
      if (!sitrep_record_validate (m->coll, m->id, m->data, invalid))
        return FALSE;
    }

  for (guint i = 0; i < mutations->len; i++)
    {
      SitrepMutation *m = mutations->pdata[i];

      if (!sitrep_server_write_change (storage, author, "put", m->coll, m->id, m->data, &seq,
                                       error))
        return FALSE;
    }

  return TRUE;
}

/* Declares the incident the group opens, as the app declares one, and
 * says how triage classified it. */
static gboolean
declare_incident (SitrepServerStorage       *storage,
                  const SitrepServerAuthor  *author,
                  const char                *incident_id,
                  JsonObject                *body,
                  const Facts               *facts,
                  GError                   **invalid,
                  GError                   **error)
{
  g_autoptr(GDateTime) now = sitrep_time_parse (author->ts);
  /* The triage entries read after "Incident declared", not in id order. */
  g_autoptr(GDateTime) after = g_date_time_add (now, G_TIME_SPAN_MILLISECOND);
  g_autofree char *name = g_strdup_printf ("declared\n%s", incident_id);
  DerivedIds ids = { name, 0 };
  SitrepRuleEnv env = { now, AUTHOR, derived_id, &ids };
  SitrepRuleEnv triage_env = { after, AUTHOR, derived_id, &ids };
  g_autoptr(GPtrArray) mutations = NULL;
  g_autoptr(GPtrArray) triage = NULL;

  mutations = sitrep_incident_rules_declare (&env, incident_id, body, invalid);
  if (mutations == NULL)
    return FALSE;
  triage = sitrep_incident_rules_triage_entries (&triage_env, incident_id, facts->triage.severity,
                                                 facts->triage.reason, facts->triage.hint,
                                                 facts->triage.hint_label);
  for (guint i = 0; i < triage->len; i++)
    g_ptr_array_add (mutations, g_steal_pointer (&triage->pdata[i]));
  g_ptr_array_set_size (triage, 0);

  /* The body is the first mutation's: its ref is drawn before it is written. */
  if (!sitrep_record_validate ("incidents", incident_id, body, invalid))
    return FALSE;
  if (!sitrep_server_keep_ref (storage, NULL, body, error))
    return FALSE;

  return write_mutations (storage, author, mutations, invalid, error);
}

/* The incident got worse: its new body, and the triage entry saying why. */
static gboolean
write_escalation (SitrepServerStorage       *storage,
                  const SitrepServerAuthor  *author,
                  const char                *incident_id,
                  JsonObject                *body,
                  gboolean                   raised,
                  const Facts               *facts,
                  GError                   **invalid,
                  GError                   **error)
{
  g_autoptr(GDateTime) now = sitrep_time_parse (author->ts);
  g_autofree char *name = g_strdup_printf ("escalated\n%s\n%s", incident_id,
                                           sitrep_severity_to_string (facts->triage.severity));
  DerivedIds ids = { name, 0 };
  SitrepRuleEnv env = { now, AUTHOR, derived_id, &ids };
  g_autoptr(GPtrArray) mutations = NULL;

  if (raised)
    {
      /* The hint has its say on the incident; the entry is about triage. */
      mutations = sitrep_incident_rules_triage_entries (&env, incident_id,
                                                        facts->triage.severity,
                                                        facts->triage.reason,
                                                        SITREP_SEVERITY_NONE, NULL);
    }
  else
    mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) sitrep_mutation_free);
  g_ptr_array_insert (mutations, 0, sitrep_mutation_new_put ("incidents", incident_id, body));

  return write_mutations (storage, author, mutations, invalid, error);
}

static guint
bad_request (SitrepServerStorage  *storage,
             Facts                *facts,
             const GError         *invalid,
             char                **response)
{
  storage->vtable->rollback (storage);
  facts_clear (facts);
  *response = sitrep_protocol_error_json (SITREP_PROTOCOL_BAD_REQUEST, invalid->message);
  return 400;
}

static guint
alert_write (SitrepServerStorage  *storage,
             gpointer              data,
             char                **response,
             gboolean             *changed)
{
  AlertJob *job = data;
  JsonObject *payload = job->payload;
  JsonArray *alerts = json_object_get_array_member (payload, "alerts");
  const char *group_key = sitrep_json_get_string (payload, "groupKey");
  gboolean firing = g_strcmp0 (sitrep_json_get_string (payload, "status"), "resolved") != 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) invalid = NULL;
  g_autoptr(SitrepServerRecord) incident = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *now = sitrep_time_now ();
  g_autofree char *incident_id = NULL;
  g_autofree char *ref = NULL;
  SitrepServerAuthor author = { NULL, 0, job->actor, now };
  Facts facts = { { SITREP_SEVERITY_NONE, }, NULL, NULL };
  gboolean open, added = FALSE;

  if (!storage->vtable->begin_write (storage, &error))
    return fail_storage (storage, error, response);

  gather_facts (storage, payload, alerts, &facts);
  if (!find_incident (storage, group_key, &facts, &incident_id, &incident, &open, &error))
    goto storage_failed;

  if (incident == NULL && !firing)
    {
      /* Resolved before we ever saw it fire: nothing to add to. */
      storage->vtable->rollback (storage);
      facts_clear (&facts);
      *response = answer_json (NULL, NULL);
      return 200;
    }

  if (incident == NULL)
    {
      body = new_incident (payload, alerts, &facts, group_key, now);
      if (!declare_incident (storage, &author, incident_id, body, &facts, &invalid, &error))
        {
          if (invalid != NULL)
            return bad_request (storage, &facts, invalid, response);
          goto storage_failed;
        }
      if (!storage->vtable->set_alert_group (storage, group_key, incident_id, &error))
        goto storage_failed;
      *changed = TRUE;
    }
  else
    body = sitrep_protocol_parse_stored (incident->body, NULL);

  ref = g_strdup (sitrep_json_get_string (body, "ref"));

  for (guint i = 0; i < json_array_get_length (alerts); i++)
    {
      JsonNode *node = json_array_get_element (alerts, i);

      if (JSON_NODE_HOLDS_OBJECT (node)
          && !add_entry (storage, &author, incident_id, json_node_get_object (node), &added,
                         &error))
        goto storage_failed;
    }

  if (added && incident != NULL && open && firing)
    {
      gboolean raised;
      g_autoptr(JsonObject) worse = escalated (incident, &facts, &raised);

      if (worse != NULL
          && !write_escalation (storage, &author, incident_id, worse, raised, &facts, &invalid,
                                &error))
        {
          if (invalid != NULL)
            return bad_request (storage, &facts, invalid, response);
          goto storage_failed;
        }
    }
  *changed = *changed || added;

  if (!storage->vtable->commit (storage, &error))
    {
      *changed = FALSE;
      goto storage_failed;
    }

  facts_clear (&facts);
  *response = answer_json (incident_id, ref);
  return 200;

storage_failed:
  facts_clear (&facts);
  return fail_storage (storage, error, response);
}

/**
 * _sitrep_server_handle_alertmanager:
 *
 * Checks the payload's shape and hands it to the writer thread.
 */
void
_sitrep_server_handle_alertmanager (SitrepServer      *self,
                                    SoupServerMessage *msg,
                                    JsonObject        *payload)
{
  const char *problem = _sitrep_server_alertmanager_check_payload (payload);
  AlertJob *job;

  if (problem != NULL)
    {
      _sitrep_server_respond_error (msg, SOUP_STATUS_BAD_REQUEST, SITREP_PROTOCOL_BAD_REQUEST,
                                    problem);
      return;
    }

  job = g_new0 (AlertJob, 1);
  job->payload = sitrep_json_copy (payload);
  job->actor = g_strdup (_sitrep_server_get_token (msg)->name);
  _sitrep_server_run_write (self, msg, alert_write, job, alert_job_free);
}

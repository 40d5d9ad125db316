/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-delivery.c: pages and status page updates, delivered
 *
 * PROTOCOL.md § Integrations. The server follows its own change feed: at
 * start it reads the snapshot, then every change committed since. A `pages`
 * record whose `delivery` is absent or `pending`, and a communication that
 * asks to be published (`publish: true`, `approval` none or approved) and
 * is not delivered yet, start a delivery; so does every such record after
 * a restart. The outcome is written back into the record as a change of
 * the server's own (client_id null, actor `sitrep-server`), which the apps
 * read from the feed like any other.
 *
 * Network errors, 5xx and 429 are retried after 1, 2, 4, … times the
 * configured delay, with jitter, at most SITREP_DELIVERY_MAX_ATTEMPTS
 * attempts in all (counted across restarts through `attempts`); any other
 * answer outside 2xx is final. A page delivered but not recorded when the
 * server died is sent again with the same dedup_key, which PagerDuty folds
 * into the alert it already raised. A communication's Statuspage incident
 * id is recorded in the same commit as its delivery, and the
 * communications of one incident go out one after the other, so that only
 * the first creates the Statuspage incident and the later ones update it.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-json.h"
#include "sitrep-protocol-scan.h"
#include "sitrep-time.h"
#include "sitrep-server-apply.h"
#include "sitrep-server-delivery.h"
#include "sitrep-server-delivery-private.h"
#include "sitrep-server-private.h"

#define ACTOR "sitrep-server"
#define REQUEST_TIMEOUT_SECONDS 30
#define MAX_RETRY_DELAY_MS (10 * 60 * 1000)
#define FEED_BATCH 500

typedef struct {
  SitrepServerDelivery *delivery;   /* not owned: it owns the job */
  char                 *key;        /* "coll/id" */
  char                 *coll;
  char                 *id;
  char                 *incident_id;
  gint64                version;
  JsonObject           *body;
  guint                 attempts;
  const char           *provider;
  char                 *external_id; /* Statuspage: the incident's id */
  guint                 timer_id;
  guint                 retry_after_ms; /* the provider's Retry-After, 0 when none */
  gboolean              running;     /* a request or a write is under way */
} Job;

typedef struct {
  char       *coll;
  char       *id;
  JsonObject *fields;
} OutcomeWrite;

struct _SitrepServerDelivery {
  GObject                   parent_instance;

  SitrepServer             *server;
  SitrepServerStorage      *storage;    /* not owned */
  const SitrepServerConfig *config;     /* not owned */
  SoupSession              *session;
  GCancellable             *cancellable;
  gulong                    committed_id;
  gboolean                  stopped;
  gboolean                  loading;    /* reading the snapshot: start nothing yet */
  gint64                    cursor;     /* the last seq read */

  GHashTable               *incidents;     /* id → JsonObject body */
  GHashTable               *external_ids;  /* incident id → Statuspage incident id */
  GHashTable               *jobs;          /* key → Job */
  GHashTable               *statuspage;    /* incident id → GQueue of Job, head running */
};

G_DEFINE_FINAL_TYPE (SitrepServerDelivery, sitrep_server_delivery, G_TYPE_OBJECT)

static void job_attempt (Job *job);

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_handle_id (&job->timer_id, g_source_remove);
  g_free (job->key);
  g_free (job->coll);
  g_free (job->id);
  g_free (job->incident_id);
  g_clear_pointer (&job->body, json_object_unref);
  g_free (job->external_id);
  g_free (job);
}

static void
outcome_write_free (gpointer data)
{
  OutcomeWrite *write = data;

  g_free (write->coll);
  g_free (write->id);
  json_object_unref (write->fields);
  g_free (write);
}

/* Writing outcomes, on the writer thread */

static guint
outcome_write (SitrepServerStorage  *storage,
               gpointer              data,
               char                **response,
               gboolean             *changed)
{
  OutcomeWrite *write = data;
  g_autoptr(SitrepServerRecord) current = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ts = sitrep_time_now ();
  SitrepServerAuthor author = { NULL, 0, ACTOR, ts };
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;
  gint64 seq;

  if (!storage->vtable->begin_write (storage, &error))
    goto failed;
  if (!storage->vtable->get_record (storage, write->coll, write->id, &current, &error))
    goto failed_rollback;

  /* Deleted meanwhile: nothing left to tell. */
  if (current == NULL || current->deleted || current->body == NULL)
    {
      storage->vtable->rollback (storage);
      return SOUP_STATUS_NOT_FOUND;
    }

  body = sitrep_protocol_parse_stored (current->body, NULL);
  if (body == NULL)
    {
      storage->vtable->rollback (storage);
      return SOUP_STATUS_NOT_FOUND;
    }

  json_object_iter_init (&iter, write->fields);
  while (json_object_iter_next (&iter, &member, &node))
    json_object_set_member (body, member, json_node_copy (node));

  if (!sitrep_server_write_change (storage, &author, "patch", write->coll, write->id, body,
                                   &seq, &error)
      || !storage->vtable->commit (storage, &error))
    goto failed_rollback;

  *changed = TRUE;
  return SOUP_STATUS_OK;

failed_rollback:
  storage->vtable->rollback (storage);
failed:
  g_printerr ("sitrep-server: cannot record a delivery of %s %s: %s\n", write->coll, write->id,
              error->message);
  return SOUP_STATUS_SERVICE_UNAVAILABLE;
}

/* The queue of one incident's communications */

static void
statuspage_next (SitrepServerDelivery *self,
                 const char           *incident_id)
{
  GQueue *queue = g_hash_table_lookup (self->statuspage, incident_id);

  if (queue == NULL)
    return;
  if (g_queue_is_empty (queue))
    {
      g_hash_table_remove (self->statuspage, incident_id);
      return;
    }
  job_attempt (g_queue_peek_head (queue));
}

/* Done with @job for good: it leaves the table and is freed. */
static void
job_finish (Job *job)
{
  SitrepServerDelivery *self = job->delivery;
  g_autofree char *incident_id = g_strdup (job->incident_id);
  gboolean statuspage = g_str_equal (job->coll, "communications");

  if (statuspage)
    {
      GQueue *queue = g_hash_table_lookup (self->statuspage, incident_id);

      if (queue != NULL)
        g_queue_remove (queue, job);
      if (job->external_id != NULL && incident_id != NULL)
        g_hash_table_replace (self->external_ids, g_strdup (incident_id),
                              g_strdup (job->external_id));
    }

  g_hash_table_remove (self->jobs, job->key);

  if (statuspage && !self->stopped)
    statuspage_next (self, incident_id);
}

/* The provider's Retry-After (seconds; a date is not worth the clock
 * skew), at most MAX_RETRY_DELAY_MS; 0 when it gave none. */
static guint
retry_after_ms (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                    "Retry-After");
  guint64 seconds;

  if (value == NULL
      || !g_ascii_string_to_unsigned (value, 10, 0, MAX_RETRY_DELAY_MS / 1000, &seconds, NULL))
    return 0;
  return (guint) seconds * 1000;
}

static guint
retry_delay_ms (SitrepServerDelivery *self,
                Job                  *job)
{
  gdouble delay = self->config->retry_delay_ms;

  for (guint i = 1; i < job->attempts && delay < MAX_RETRY_DELAY_MS; i++)
    delay *= 2;
  delay = MIN (delay, MAX_RETRY_DELAY_MS);
  /* Jitter: deliveries that failed together do not retry together. */
  delay *= g_random_double_range (0.8, 1.2);
  /* Never sooner than the provider asked. */
  delay = MAX (delay, job->retry_after_ms);
  return (guint) MAX (delay, 1);
}

static gboolean
retry_cb (gpointer user_data)
{
  Job *job = user_data;

  job->timer_id = 0;
  job_attempt (job);
  return G_SOURCE_REMOVE;
}

typedef struct {
  Job       *job;
  char      *delivery;
} OutcomeDone;

static void
outcome_done_cb (guint    status,
                 gpointer user_data)
{
  OutcomeDone *done = user_data;
  Job *job = done->job;
  SitrepServerDelivery *self = job->delivery;
  g_autofree char *delivery = done->delivery;

  g_free (done);
  job->running = FALSE;

  if (self->stopped)
    {
      g_object_unref (self);
      return;
    }

  /* A pause between retries; or the database failed to take the outcome,
   * and delivering again is how it is recorded after all: a page goes out
   * under the same dedup_key, a status page update as an update of the
   * incident it created. */
  if ((status == SOUP_STATUS_OK && g_str_equal (delivery, "pending"))
      || status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    job->timer_id = g_timeout_add (retry_delay_ms (self, job), retry_cb, job);
  else
    job_finish (job);

  g_object_unref (self);
}

/* Writes @delivery ("pending" between retries, "delivered" or "failed")
 * and what goes with it into the record. */
static void
record_outcome (Job        *job,
                const char *delivery,
                const char *error)
{
  SitrepServerDelivery *self = job->delivery;
  OutcomeWrite *write = g_new0 (OutcomeWrite, 1);
  OutcomeDone *done = g_new0 (OutcomeDone, 1);
  g_autofree char *now = sitrep_time_now ();

  write->coll = g_strdup (job->coll);
  write->id = g_strdup (job->id);
  write->fields = json_object_new ();
  json_object_set_string_member (write->fields, "delivery", delivery);
  if (job->provider != NULL)
    json_object_set_string_member (write->fields, "provider", job->provider);
  json_object_set_int_member (write->fields, "attempts", job->attempts);
  if (g_str_equal (delivery, "delivered"))
    json_object_set_string_member (write->fields, "delivered_at", now);
  if (error != NULL)
    json_object_set_string_member (write->fields, "error", error);
  else
    json_object_set_null_member (write->fields, "error");
  if (job->external_id != NULL)
    json_object_set_string_member (write->fields, "external_id", job->external_id);

  if (!g_str_equal (delivery, "delivered"))
    g_printerr ("sitrep-server: %s %s, attempt %u: %s%s\n", job->coll, job->id, job->attempts,
                error != NULL ? error : delivery,
                g_str_equal (delivery, "pending") ? _(" (will retry)") : "");

  done->job = job;
  done->delivery = g_strdup (delivery);
  job->running = TRUE;
  _sitrep_server_run_own_write (self->server, outcome_write, write, outcome_write_free,
                                outcome_done_cb, done);
  g_object_ref (self);
}

static void
attempt_sent_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Job *job = user_data;
  SitrepServerDelivery *self = job->delivery;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *message = NULL;
  SitrepDeliveryOutcome outcome;

  answer = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  job->running = FALSE;
  if (self->stopped)
    {
      g_object_unref (self);
      return;
    }
  job->retry_after_ms = error == NULL ? retry_after_ms (msg) : 0;

  if (g_strcmp0 (job->provider, "pagerduty") == 0)
    outcome = _sitrep_delivery_classify (msg, answer, error, "PagerDuty", "PagerDuty",
                                         &message);
  else if (g_strcmp0 (job->provider, "statuspage") == 0)
    outcome = _sitrep_delivery_classify (msg, answer, error, "Statuspage", "Statuspage",
                                         &message);
  else
    outcome = _sitrep_delivery_classify (msg, answer, error, _("The webhook"),
                                         _("the webhook"), &message);

  /* A creation is delivered once its incident's id is known. */
  if (outcome == SITREP_DELIVERY_DELIVERED && g_str_equal (job->coll, "communications")
      && job->external_id == NULL)
    {
      job->external_id = _sitrep_delivery_statuspage_id (answer);
      if (job->external_id == NULL)
        {
          outcome = SITREP_DELIVERY_FAILED;
          message = g_strdup_printf (_("Statuspage answered %u without the incident's id"),
                                     soup_message_get_status (msg));
        }
    }

  if (outcome == SITREP_DELIVERY_DELIVERED)
    record_outcome (job, "delivered", NULL);
  else if (outcome == SITREP_DELIVERY_RETRY && job->attempts < SITREP_DELIVERY_MAX_ATTEMPTS)
    record_outcome (job, "pending", message);
  else
    record_outcome (job, "failed", message);

  g_object_unref (self);
}

static void
job_attempt (Job *job)
{
  SitrepServerDelivery *self = job->delivery;
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *problem = NULL;
  SitrepDeliveryRequest request = {
    .coll = job->coll,
    .id = job->id,
    .version = job->version,
    .body = job->body,
    .incident = g_hash_table_lookup (self->incidents, job->incident_id),
    .external_id = NULL,
  };

  if (self->stopped || self->loading || job->running || job->timer_id != 0)
    return;

  if (job->attempts >= SITREP_DELIVERY_MAX_ATTEMPTS)
    {
      record_outcome (job, "failed", sitrep_json_get_string (job->body, "error"));
      return;
    }

  if (g_str_equal (job->coll, "pages"))
    msg = _sitrep_delivery_page_message (self->config, &request, &job->provider, &problem);
  else
    {
      if (job->external_id == NULL)
        job->external_id = g_strdup (g_hash_table_lookup (self->external_ids,
                                                          job->incident_id));
      request.external_id = job->external_id;
      job->provider = "statuspage";
      msg = _sitrep_delivery_statuspage_message (self->config, &request, &problem);
    }

  if (msg == NULL)
    {
      /* Nowhere to send it: final, and no attempt was made. */
      record_outcome (job, "failed", problem);
      return;
    }

  job->attempts++;
  job->running = TRUE;
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, self->cancellable,
                                    attempt_sent_cb, job);
  g_object_ref (self);
}

/* Following the feed */

static gboolean
wants_delivery (const char *coll,
                JsonObject *body)
{
  const char *delivery = sitrep_json_get_string (body, "delivery");
  const char *approval;

  if (delivery != NULL && !g_str_equal (delivery, "pending"))
    return FALSE;
  if (g_str_equal (coll, "pages"))
    return TRUE;

  approval = sitrep_json_get_string (body, "approval");
  return sitrep_json_get_bool (body, "publish")
         && (approval == NULL || g_str_equal (approval, "none")
             || g_str_equal (approval, "approved"));
}

static void
track (SitrepServerDelivery *self,
       const char           *coll,
       const char           *id,
       gint64                version,
       gboolean              deleted,
       const char           *body_text)
{
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *key = NULL;
  const char *incident_id;
  const char *external_id;
  Job *job;

  if (!g_str_equal (coll, "incidents") && !g_str_equal (coll, "pages")
      && !g_str_equal (coll, "communications"))
    return;

  body = deleted || body_text == NULL ? NULL : sitrep_protocol_parse_stored (body_text, NULL);
  if (g_str_equal (coll, "incidents"))
    {
      if (body == NULL)
        g_hash_table_remove (self->incidents, id);
      else
        g_hash_table_replace (self->incidents, g_strdup (id), g_steal_pointer (&body));
      return;
    }

  if (body == NULL)
    return;

  incident_id = sitrep_json_get_string (body, "incident_id");
  external_id = sitrep_json_get_string (body, "external_id");
  if (g_str_equal (coll, "communications") && incident_id != NULL && external_id != NULL
      && *external_id != '\0')
    g_hash_table_replace (self->external_ids, g_strdup (incident_id), g_strdup (external_id));

  key = g_strdup_printf ("%s/%s", coll, id);
  if (incident_id == NULL || g_hash_table_contains (self->jobs, key)
      || !wants_delivery (coll, body))
    return;

  job = g_new0 (Job, 1);
  job->delivery = self;
  job->key = g_steal_pointer (&key);
  job->coll = g_strdup (coll);
  job->id = g_strdup (id);
  job->incident_id = g_strdup (incident_id);
  job->version = version;
  job->attempts = (guint) MIN (MAX (json_object_get_int_member_with_default (body, "attempts",
                                                                             0), 0),
                               SITREP_DELIVERY_MAX_ATTEMPTS);
  job->body = g_steal_pointer (&body);
  g_hash_table_insert (self->jobs, job->key, job);

  if (g_str_equal (coll, "communications"))
    {
      GQueue *queue = g_hash_table_lookup (self->statuspage, incident_id);

      if (queue != NULL)
        {
          g_queue_push_tail (queue, job);
          return;
        }
      queue = g_queue_new ();
      g_queue_push_tail (queue, job);
      g_hash_table_insert (self->statuspage, g_strdup (incident_id), queue);
    }

  job_attempt (job);
}

static void
snapshot_record_cb (const SitrepServerRecord *record,
                    gpointer                  user_data)
{
  track (user_data, record->coll, record->id, record->version, record->deleted, record->body);
}

/* Once the whole snapshot is known: a communication read before its
 * incident, or before the one that holds the Statuspage id, must not go
 * out without them. */
static void
start_waiting (SitrepServerDelivery *self)
{
  g_autoptr(GPtrArray) waiting = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->jobs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Job *job = value;
      GQueue *queue = g_hash_table_lookup (self->statuspage, job->incident_id);

      if (g_str_equal (job->coll, "pages")
          || (queue != NULL && g_queue_peek_head (queue) == job))
        g_ptr_array_add (waiting, job);
    }

  /* Not while iterating: an attempt may finish a job at once. */
  for (guint i = 0; i < waiting->len; i++)
    job_attempt (waiting->pdata[i]);
}

static gboolean
read_snapshot (SitrepServerDelivery  *self,
               GError               **error)
{
  gboolean ok;
  gint64 seq;

  self->loading = TRUE;
  ok = self->storage->vtable->snapshot (self->storage, &seq, snapshot_record_cb, self, error);
  self->loading = FALSE;
  if (!ok)
    return FALSE;

  self->cursor = seq;
  start_waiting (self);
  return TRUE;
}

static void
catch_up (SitrepServerDelivery *self)
{
  gboolean more = TRUE;

  while (more && !self->stopped)
    {
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GError) error = NULL;
      gint64 floor = 0;

      if (!self->storage->vtable->read_changes (self->storage, self->cursor, FEED_BATCH,
                                                &changes, &more, &floor, &error))
        {
          /* The next commit tries again. */
          g_printerr ("sitrep-server: deliveries cannot read the changes: %s\n",
                      error->message);
          return;
        }

      if (floor > self->cursor)
        {
          /* Compacted past us: what is live now is all there is to know. */
          if (!read_snapshot (self, &error))
            {
              g_printerr ("sitrep-server: deliveries cannot read the snapshot: %s\n",
                          error->message);
              return;
            }
          more = TRUE;
          continue;
        }

      for (guint i = 0; i < changes->len; i++)
        {
          SitrepServerChange *change = g_ptr_array_index (changes, i);

          track (self, change->coll, change->id, change->version, change->deleted,
                 change->body);
          self->cursor = change->seq;
        }
    }
}

static void
committed_cb (SitrepServer         *server,
              SitrepServerDelivery *self)
{
  catch_up (self);
}

static void
sitrep_server_delivery_dispose (GObject *object)
{
  SitrepServerDelivery *self = (SitrepServerDelivery *) object;

  sitrep_server_delivery_stop (self);
  g_clear_object (&self->session);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (sitrep_server_delivery_parent_class)->dispose (object);
}

static void
sitrep_server_delivery_finalize (GObject *object)
{
  SitrepServerDelivery *self = (SitrepServerDelivery *) object;

  g_clear_pointer (&self->statuspage, g_hash_table_unref);
  g_clear_pointer (&self->jobs, g_hash_table_unref);
  g_clear_pointer (&self->external_ids, g_hash_table_unref);
  g_clear_pointer (&self->incidents, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sitrep_server_delivery_parent_class)->finalize (object);
}

static void
sitrep_server_delivery_class_init (SitrepServerDeliveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_server_delivery_dispose;
  object_class->finalize = sitrep_server_delivery_finalize;
}

static void
sitrep_server_delivery_init (SitrepServerDelivery *self)
{
  g_autofree char *agent = g_strdup_printf ("sitrep-server/%s", PACKAGE_VERSION);

  self->cancellable = g_cancellable_new ();
  self->session = soup_session_new_with_options ("timeout", REQUEST_TIMEOUT_SECONDS,
                                                 "user-agent", agent, NULL);
  self->incidents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) json_object_unref);
  self->external_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->jobs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, job_free);
  self->statuspage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_queue_free);
}

/**
 * sitrep_server_delivery_new:
 * @storage: the server's database; must outlive the delivery
 * @config: the integrations; must outlive the delivery
 *
 * Returns: (transfer full): deliveries for @server, not started
 */
SitrepServerDelivery *
sitrep_server_delivery_new (SitrepServer             *server,
                            SitrepServerStorage      *storage,
                            const SitrepServerConfig *config)
{
  SitrepServerDelivery *self;

  g_return_val_if_fail (SITREP_IS_SERVER (server), NULL);
  g_return_val_if_fail (storage != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (SITREP_TYPE_SERVER_DELIVERY, NULL);
  self->server = g_object_ref (server);
  self->storage = storage;
  self->config = config;
  return self;
}

/**
 * sitrep_server_delivery_start:
 *
 * Starts delivering what the database holds undelivered, then whatever
 * each commit brings.
 */
gboolean
sitrep_server_delivery_start (SitrepServerDelivery  *self,
                              GError               **error)
{
  g_return_val_if_fail (SITREP_IS_SERVER_DELIVERY (self), FALSE);
  g_return_val_if_fail (self->committed_id == 0, FALSE);

  if (!read_snapshot (self, error))
    return FALSE;

  self->committed_id = g_signal_connect_object (self->server, "committed",
                                                G_CALLBACK (committed_cb), self, 0);
  catch_up (self);
  return TRUE;
}

/**
 * sitrep_server_delivery_stop:
 *
 * Cancels the requests under way and the retries waiting; what they were
 * for is delivered after the next start.
 */
void
sitrep_server_delivery_stop (SitrepServerDelivery *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (SITREP_IS_SERVER_DELIVERY (self));

  if (self->stopped)
    return;

  self->stopped = TRUE;
  g_clear_signal_handler (&self->committed_id, self->server);
  g_cancellable_cancel (self->cancellable);

  g_hash_table_iter_init (&iter, self->jobs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_clear_handle_id (&((Job *) value)->timer_id, g_source_remove);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pg-storm.c: clients pushing through three server processes at once
 * (see pg-storm.h) */

#include "config.h"

#include <string.h>

#include "pg-storm.h"
#include "protocol-common.h"

Storm *
storm_new (void)
{
  Storm *storm = g_new0 (Storm, 1);

  /* Flat out: no rate limit in the way (the default is for people). */
  storm->servers[0] = sitrep_test_server_new_with_args ("--rate-limit", "0", NULL);
  for (guint s = 1; s < N_SERVERS; s++)
    storm->servers[s] = sitrep_test_server_new_sharing (storm->servers[0]);
  g_mutex_init (&storm->lock);
  g_cond_init (&storm->cond);
  return storm;
}

void
storm_free (Storm *storm)
{
  for (guint c = 0; c < N_CLIENTS; c++)
    {
      Client *client = &storm->clients[c];

      g_free (client->cid);
      g_free (client->incident);
      g_clear_pointer (&client->ids, g_ptr_array_unref);
      g_clear_pointer (&client->seqs, g_array_unref);
      g_free (client->unexpected);
    }
  /* The first holds the database: the others go before it. */
  for (guint s = N_SERVERS; s-- > 0;)
    sitrep_test_server_free (storm->servers[s]);
  g_mutex_clear (&storm->lock);
  g_cond_clear (&storm->cond);
  g_free (storm);
}

static char *
make_batch (Client *client)
{
  g_autoptr(GPtrArray) m = g_ptr_array_new_with_free_func (g_free);
  gint64 first = client->next_mid;

  for (gint64 mid = first; mid < first + BATCH; mid++)
    {
      g_autofree char *text = g_strdup_printf ("%s/%" G_GINT64_FORMAT, client->cid, mid);
      g_autofree char *body = NULL;
      char *id = sitrep_test_uuid ();

      g_assert_cmpuint (client->ids->len, ==, mid - 1);
      g_ptr_array_add (client->ids, id);
      g_array_append_vals (client->seqs, &(gint64) { 0 }, 1);

      if (mid == first)
        {
          body = incident_body (text, "P2");
          g_ptr_array_add (m, mut_put (mid, "incidents", id, body));
          if (client->incident == NULL)
            client->incident = g_strdup (id);
        }
      else
        {
          body = timeline_body (client->incident, text);
          g_ptr_array_add (m, mut_put (mid, "timeline", id, body));
        }
    }
  return push_jsonv (client->cid, m);
}

/* Notes the seqs of a 200; FALSE with @why if it is not BATCH applied. */
static gboolean
record_results (Client      *client,
                SitrepReply *reply,
                char       **why)
{
  JsonObject *obj = reply->json != NULL && JSON_NODE_HOLDS_OBJECT (reply->json)
                    ? json_node_get_object (reply->json) : NULL;
  JsonArray *results = obj != NULL ? json_object_get_array_member (obj, "results") : NULL;

  if (results == NULL || json_array_get_length (results) != BATCH)
    {
      *why = g_strdup_printf ("%s: not %d results", reply->what, BATCH);
      return FALSE;
    }
  for (guint i = 0; i < BATCH; i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      gint64 seq = json_object_get_int_member_with_default (result, "seq", 0);

      if (g_strcmp0 (json_object_get_string_member_with_default (result, "status", NULL),
                     "applied") != 0 || seq <= 0
          || json_object_get_int_member_with_default (result, "mid", 0) != client->next_mid + i)
        {
          g_autofree char *text = sitrep_test_node_to_string (reply->json);

          *why = g_strdup_printf ("mid %" G_GINT64_FORMAT ": %s", client->next_mid + i, text);
          return FALSE;
        }
      g_array_index (client->seqs, gint64, client->next_mid + i - 1) = seq;
    }
  return TRUE;
}

static guint
next_alive (Storm *storm,
            guint  from)
{
  for (guint k = 1; k <= N_SERVERS; k++)
    {
      guint s = (from + k) % N_SERVERS;

      if (!storm->dead[s])
        return s;
    }
  g_assert_not_reached ();
}

/* A client's backoff after a 503 or a dead process: a wait the stop of
 * the storm ends early, as the app's backoff would be. */
static void
backoff (Storm *storm)
{
  gint64 until = g_get_monotonic_time () + 20 * G_TIME_SPAN_MILLISECOND;

  g_mutex_lock (&storm->lock);
  while (!storm->stop && g_get_monotonic_time () < until)
    g_cond_wait_until (&storm->cond, &storm->lock, until);
  g_mutex_unlock (&storm->lock);
}

static gpointer
client_thread (gpointer data)
{
  Client *client = data;
  Storm *storm = client->storm;
  g_autoptr(SoupSession) session = sitrep_test_session_new ();
  g_autofree char *json = NULL;

  for (;;)
    {
      g_autoptr(SitrepReply) reply = NULL;
      gboolean stop;
      char *why = NULL;

      g_mutex_lock (&storm->lock);
      stop = storm->stop;
      g_mutex_unlock (&storm->lock);
      /* A push sent is pushed until acknowledged, so that at the end the
       * database holds exactly what was acknowledged. */
      if (json == NULL && stop)
        break;
      if (json == NULL)
        json = make_batch (client);

      g_mutex_lock (&storm->lock);
      if (storm->dead[client->server])
        client->server = next_alive (storm, client->server);
      g_mutex_unlock (&storm->lock);

      reply = sitrep_test_request (storm->servers[client->server], session, "POST", "/v1/push",
                                   client->token, "application/json", json, -1);
      if (reply->status == 200 && record_results (client, reply, &why))
        {
          client->next_mid += BATCH;
          g_clear_pointer (&json, g_free);
          g_mutex_lock (&storm->lock);
          storm->acked++;
          g_cond_broadcast (&storm->cond);
          g_mutex_unlock (&storm->lock);
          continue;
        }

      g_mutex_lock (&storm->lock);
      if (reply->status == 503)
        {
          client->n_503++;
          if (reply->headers == NULL
              || soup_message_headers_get_one (reply->headers, "Retry-After") == NULL)
            client->n_503_without_retry_after++;
          storm->unavailable++;
          g_cond_broadcast (&storm->cond);
        }
      else if (reply->status == 0 || why != NULL)
        {
          /* No answer, or a 200 cut short: only while a process dies. */
          client->n_transport_errors++;
          if (!storm->expect_errors && client->unexpected == NULL)
            client->unexpected = why != NULL ? g_strdup (why)
                                             : g_strdup_printf ("%s -> %s", reply->what,
                                                                reply->error->message);
        }
      else if (client->unexpected == NULL)
        client->unexpected = g_strdup_printf ("%s -> %u", reply->what, reply->status);
      g_mutex_unlock (&storm->lock);
      g_free (why);
      backoff (storm);
    }
  return NULL;
}

void
storm_start (Storm *storm)
{
  const char *tokens[] = {
    storm->servers[0]->responder, storm->servers[0]->responder2,
    storm->servers[0]->admin, storm->servers[0]->responder,
  };

  for (guint c = 0; c < N_CLIENTS; c++)
    {
      Client *client = &storm->clients[c];

      client->storm = storm;
      client->index = c;
      client->server = c % N_SERVERS;
      client->token = tokens[c];
      client->cid = sitrep_test_uuid ();
      client->next_mid = 1;
      client->ids = g_ptr_array_new_with_free_func (g_free);
      client->seqs = g_array_new (FALSE, TRUE, sizeof (gint64));
      storm->threads[c] = g_thread_new ("client", client_thread, client);
    }
}

/* Waits until @field of the storm (acked, unavailable) reaches @n. */
void
storm_wait (Storm       *storm,
            const guint *field,
            guint        n,
            const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;

  g_mutex_lock (&storm->lock);
  while (*field < n)
    if (!g_cond_wait_until (&storm->cond, &storm->lock, deadline))
      g_error ("the clients did not reach %u %s within a minute (%u)", n, what, *field);
  g_mutex_unlock (&storm->lock);
}

void
storm_stop (Storm *storm)
{
  g_mutex_lock (&storm->lock);
  storm->stop = TRUE;
  g_cond_broadcast (&storm->cond);
  g_mutex_unlock (&storm->lock);

  for (guint c = 0; c < N_CLIENTS; c++)
    {
      Client *client = &storm->clients[c];

      g_thread_join (storm->threads[c]);
      if (client->unexpected != NULL)
        sitrep_test_note ("client %u: %s", c, client->unexpected);
      g_assert_null (client->unexpected);
    }
}

static GHashTable *
records_of (JsonObject *snapshot)
{
  GHashTable *records = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *all = json_object_get_array_member (snapshot, "records");

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *record = json_array_get_object_element (all, i);

      g_hash_table_insert (records, (gpointer) json_object_get_string_member (record, "id"),
                           record);
    }
  return records;
}

/* The same gap-free feed from every live process, exactly what was
 * acknowledged, and every ref once. */
void
storm_verify (Storm *storm)
{
  g_autoptr(JsonArray) changes = NULL;
  g_autoptr(JsonObject) snapshot = NULL;
  g_autoptr(GHashTable) records = NULL;
  g_autoptr(GHashTable) refs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *feed = NULL;
  g_autoptr(JsonNode) feed_node = NULL;
  guint n, acked_mutations = 0, incidents = 0;
  guint first = next_alive (storm, N_SERVERS - 1);

  changes = sitrep_test_all_changes (storm->servers[first], 0);
  n = json_array_get_length (changes);
  feed_node = json_node_init_array (json_node_alloc (), changes);
  feed = json_to_string (feed_node, FALSE);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (json_object_get_int_member (change, "seq") != i + 1)
        sitrep_test_note ("change %u has seq %" G_GINT64_FORMAT, i,
                          json_object_get_int_member (change, "seq"));
      g_assert_cmpint (json_object_get_int_member (change, "seq"), ==, i + 1);
    }

  for (guint s = 0; s < N_SERVERS; s++)
    {
      g_autoptr(JsonArray) other = NULL;
      g_autoptr(JsonNode) other_node = NULL;
      g_autofree char *other_feed = NULL;

      if (storm->dead[s])
        continue;
      other = sitrep_test_all_changes (storm->servers[s], 0);
      other_node = json_node_init_array (json_node_alloc (), other);
      other_feed = json_to_string (other_node, FALSE);
      if (g_strcmp0 (feed, other_feed) != 0)
        sitrep_test_note ("process %u serves another feed (%u changes, not %u)", s,
                          json_array_get_length (other), n);
      g_assert_cmpstr (feed, ==, other_feed);
      g_assert_cmpint (sitrep_test_health_seq (storm->servers[s]), ==, n);
    }

  snapshot = sitrep_test_snapshot (storm->servers[first]);
  records = records_of (snapshot);
  g_assert_cmpint (json_object_get_int_member (snapshot, "seq"), ==, n);

  for (guint c = 0; c < N_CLIENTS; c++)
    {
      Client *client = &storm->clients[c];

      for (guint i = 0; i < client->seqs->len; i++)
        {
          gint64 seq = g_array_index (client->seqs, gint64, i);
          const char *id = g_ptr_array_index (client->ids, i);
          JsonObject *change, *record;

          /* Every push was retried until acknowledged. */
          g_assert_cmpint (seq, >, 0);
          g_assert_cmpint (seq, <=, n);
          acked_mutations++;
          change = json_array_get_object_element (changes, seq - 1);
          g_assert_cmpstr (json_object_get_string_member (change, "id"), ==, id);
          g_assert_cmpstr (json_object_get_string_member (change, "client_id"), ==, client->cid);
          g_assert_cmpint (json_object_get_int_member (change, "mid"), ==, i + 1);
          record = g_hash_table_lookup (records, id);
          if (record == NULL)
            sitrep_test_note ("acknowledged mid %u of client %u (seq %" G_GINT64_FORMAT
                              ") is missing", i + 1, c, seq);
          g_assert_nonnull (record);
          g_assert_cmpint (json_object_get_int_member (record, "version"), ==, seq);

          if (g_strcmp0 (json_object_get_string_member (record, "coll"), "incidents") == 0)
            {
              JsonObject *body = json_object_get_object_member (record, "body");
              const char *ref = json_object_get_string_member_with_default (body, "ref", NULL);

              g_assert_nonnull (ref);
              if (g_hash_table_contains (refs, ref))
                sitrep_test_note ("ref %s given twice", ref);
              g_assert_false (g_hash_table_contains (refs, ref));
              g_hash_table_add (refs, (gpointer) ref);
              incidents++;
            }
        }
    }

  /* Nothing else: no mutation applied twice by a retry to another process. */
  g_assert_cmpuint (n, ==, acked_mutations);
  /* Refs numbered from 001 without a hole: INC-2026-001 … */
  for (guint i = 1; i <= incidents; i++)
    {
      g_autofree char *ref = g_strdup_printf ("INC-2026-%03u", i);

      g_assert_true (g_hash_table_contains (refs, ref));
    }
  sitrep_test_note ("%u changes, %u incidents, identical from every live process", n, incidents);
}

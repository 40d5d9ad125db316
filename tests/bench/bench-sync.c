/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-sync.c: how fast a scribe's entry reaches the clients that follow
 * the real sitrep-server, how many mutations a second it takes in pushes of
 * 100, and what it holds in memory while 50 clients watch
 *
 * One writer appends timeline entries at 20 a second while 1, 10 and 50
 * watcher threads follow `GET /v1/changes?wait=30`, each thread with its
 * own SoupSession. The latency of a change for one watcher is the time from
 * the writer having the push's answer to the watcher having the answer of
 * its long-poll that holds the change. Everything goes to a server on
 * 127.0.0.1, started by the integration tests' fixture (tests/integration/
 * server-fixture.c): tokens made with the command line, then `serve` on
 * port 0, here with `--rate-limit 0`. The writer uses its "responder"
 * token, the watchers its "viewer" token. The binary comes from
 * $SITREP_SERVER_BIN.
 *
 * With $SITREP_BENCH_POSTGRES set, the same again with three server
 * processes on one private PostgreSQL (tests/integration/pg-fixture.c):
 * the writer on the first, 50 watchers spread over all three, and the
 * push throughput of the first; figures end in _pg3 and _pg.
 *
 * Prints one `<figure> <value> <unit>` line per figure on stdout; notes go
 * to stderr.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pg-fixture.h"
#include "server-fixture.h"

#define SETTLE_MS 500              /* for the watchers' first polls to arrive */
#define FINISH_TIMEOUT_MS 10000    /* for the watchers to hear the last entry */
#define RATE_PER_SECOND 20
#define N_ENTRIES 200              /* per watcher count: 10 s at 20 a second */
#define WAIT_SECONDS 30
#define PUSH_SIZE 100
#define N_THROUGHPUT_PUSHES 20

static const guint watcher_counts[] = { 1, 10, 50 };

#define MAX_SERVERS 3

typedef struct
{
  SitrepTestServer *server;        /* the writer's */
  SitrepTestServer *watched[MAX_SERVERS]; /* the watchers', in turn */
  guint             n_watched;
  const char       *suffix;        /* of the figures' names */
  char             *pid;           /* the server's, for /proc/PID/status */
  SoupSession      *session;       /* the writer's, main thread only */
  char             *client_id;
  char             *incident_id;
  gint64            next_mid;
} Bench;

/* What the watchers of one round share. */
typedef struct
{
  const char   *base_urls[MAX_SERVERS];
  guint         n_urls;
  const char   *token;
  const char   *last_id;       /* the entry that ends the round */
  gint64        since;
  GCancellable *cancellable;
  gint          started;       /* atomic */
  gint          finished;      /* atomic */
} Round;

typedef struct
{
  Round   *round;
  guint    index;
  GThread *thread;
  GArray  *seqs;               /* gint64, one per change heard */
  GArray  *times;              /* gint64, monotonic µs it was heard */
  guint    errors;
} Watcher;

/* Server */

/* The server's resident memory in MB, from /proc/PID/status; -1 if unknown. */
static double
server_rss_mb (Bench *bench)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", bench->pid);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;
  line = strstr (text, "\nVmRSS:");
  if (line == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("\nVmRSS:"), NULL) / 1024.0;
}

/* HTTP */

static SoupSession *
session_new (void)
{
  SoupSession *session = soup_session_new_with_options ("timeout", WAIT_SECONDS + 30,
                                                        "idle-timeout", 60,
                                                        "max-conns", 64,
                                                        "max-conns-per-host", 64,
                                                        NULL);

  soup_session_remove_feature_by_type (session, SOUP_TYPE_AUTH_MANAGER);
  /* Straight to 127.0.0.1, whatever the system proxy settings say. */
  soup_session_set_proxy_resolver (session, NULL);
  return session;
}

/* Sends a request and parses the answer; returns the JSON object of a 200
 * answer, or %NULL with a note in @error_text. @done_at is the monotonic
 * time the whole answer was read. */
static JsonObject *
request (SoupSession   *session,
         const char    *method,
         const char    *url,
         const char    *token,
         const char    *json_body,
         GCancellable  *cancellable,
         gint64        *done_at,
         char         **error_text)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  JsonNode *root;
  const char *data;
  gsize size;
  guint status;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if (json_body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json_body, strlen (json_body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  answer = soup_session_send_and_read (session, msg, cancellable, &error);
  *done_at = g_get_monotonic_time ();
  if (answer == NULL)
    {
      *error_text = g_strdup_printf ("%s %s: %s", method, url, error->message);
      return NULL;
    }
  status = soup_message_get_status (msg);
  data = g_bytes_get_data (answer, &size);
  if (status != 200)
    {
      *error_text = g_strdup_printf ("%s %s: %u %.*s", method, url, status,
                                     (int) MIN (size, 300), data);
      return NULL;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, &error))
    {
      *error_text = g_strdup_printf ("%s %s: bad JSON: %s", method, url, error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      *error_text = g_strdup_printf ("%s %s: answer is not an object", method, url);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* Pushes; returns the time the answer arrived and each mutation's seq in
 * @seqs (if not %NULL). Any answer but all-applied ends the benchmark. */
static gint64
push (Bench      *bench,
      const char *json_body,
      guint       n_mutations,
      gint64     *seqs)
{
  g_autofree char *url = g_strconcat (bench->server->base_url, "/v1/push", NULL);
  g_autofree char *error_text = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonArray *results;
  gint64 done_at;

  answer = request (bench->session, "POST", url, bench->server->responder, json_body, NULL,
                    &done_at, &error_text);
  if (answer == NULL)
    g_error ("push failed: %s", error_text);
  results = json_object_get_array_member (answer, "results");
  if (results == NULL || json_array_get_length (results) != n_mutations)
    g_error ("push answered without %u results", n_mutations);
  for (guint i = 0; i < n_mutations; i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);

      if (result == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (result, "status", NULL),
                     "applied") != 0)
        g_error ("mutation %u of a push was not applied", i);
      if (seqs != NULL)
        seqs[i] = json_object_get_int_member_with_default (result, "seq", -1);
    }
  return done_at;
}

static void
add_timeline_put (Bench      *bench,
                  JsonArray  *mutations,
                  const char *id,
                  const char *text)
{
  JsonObject *mutation = json_object_new ();
  JsonObject *body = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *occurred_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
  g_autofree char *own_id = id == NULL ? g_uuid_string_random () : NULL;

  /* Microseconds to milliseconds: PROTOCOL.md allows milliseconds. */
  occurred_at[23] = 'Z';
  occurred_at[24] = '\0';

  json_object_set_string_member (body, "incident_id", bench->incident_id);
  json_object_set_string_member (body, "occurred_at", occurred_at);
  json_object_set_string_member (body, "kind", "note");
  json_object_set_string_member (body, "text", text);
  json_object_set_string_member (body, "author", "scribe");
  json_object_set_boolean_member (body, "pinned", FALSE);

  json_object_set_int_member (mutation, "mid", bench->next_mid++);
  json_object_set_string_member (mutation, "op", "put");
  json_object_set_string_member (mutation, "coll", "timeline");
  json_object_set_string_member (mutation, "id", id != NULL ? id : own_id);
  json_object_set_object_member (mutation, "body", body);
  json_array_add_object_element (mutations, mutation);
}

static char *
push_body (Bench     *bench,
           JsonArray *mutations)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (obj, "client_id", bench->client_id);
  json_object_set_array_member (obj, "mutations", json_array_ref (mutations));
  json_node_set_object (node, obj);
  return json_to_string (node, FALSE);
}

/* Pushes one timeline entry; returns its seq, and when the answer came in
 * @answered_at. */
static gint64
push_entry (Bench      *bench,
            const char *id,
            const char *text,
            gint64     *answered_at)
{
  g_autoptr(JsonArray) mutations = json_array_new ();
  g_autofree char *json = NULL;
  gint64 seq;

  add_timeline_put (bench, mutations, id, text);
  json = push_body (bench, mutations);
  *answered_at = push (bench, json, 1, &seq);
  return seq;
}

static void
declare_incident (Bench *bench)
{
  g_autoptr(JsonArray) mutations = json_array_new ();
  g_autofree char *json = NULL;
  JsonObject *mutation = json_object_new ();
  JsonObject *body = json_object_new ();

  bench->incident_id = g_uuid_string_random ();
  json_object_set_string_member (body, "title", "Checkout latency over 2 s");
  json_object_set_string_member (body, "severity", "P2");
  json_object_set_string_member (body, "status", "investigating");
  json_object_set_int_member (mutation, "mid", bench->next_mid++);
  json_object_set_string_member (mutation, "op", "put");
  json_object_set_string_member (mutation, "coll", "incidents");
  json_object_set_string_member (mutation, "id", bench->incident_id);
  json_object_set_object_member (mutation, "body", body);
  json_array_add_object_element (mutations, mutation);
  json = push_body (bench, mutations);
  push (bench, json, 1, NULL);
}

/* Watchers */

static gpointer
watch (gpointer data)
{
  Watcher *watcher = data;
  Round *round = watcher->round;
  g_autoptr(SoupSession) session = session_new ();
  gint64 since = round->since;
  gboolean heard_last = FALSE;
  gboolean first = TRUE;

  while (!heard_last && !g_cancellable_is_cancelled (round->cancellable))
    {
      g_autofree char *url = NULL;
      g_autofree char *error_text = NULL;
      g_autoptr(JsonObject) answer = NULL;
      JsonArray *changes;
      gint64 heard_at;

      url = g_strdup_printf ("%s/v1/changes?since=%" G_GINT64_FORMAT "&limit=1000&wait=%d",
                             round->base_urls[watcher->index % round->n_urls], since,
                             WAIT_SECONDS);
      if (first)
        {
          g_atomic_int_inc (&round->started);
          first = FALSE;
        }
      answer = request (session, "GET", url, round->token, NULL, round->cancellable,
                        &heard_at, &error_text);
      if (answer == NULL)
        {
          if (g_cancellable_is_cancelled (round->cancellable))
            break;
          if (watcher->errors++ < 5)
            g_printerr ("# watcher: %s\n", error_text);
          g_usleep (10000);
          continue;
        }

      changes = json_object_get_array_member (answer, "changes");
      for (guint i = 0; changes != NULL && i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);
          gint64 seq = json_object_get_int_member_with_default (change, "seq", -1);

          if (seq > since)
            since = seq;
          g_array_append_val (watcher->seqs, seq);
          g_array_append_val (watcher->times, heard_at);
          if (g_strcmp0 (json_object_get_string_member_with_default (change, "id", NULL),
                         round->last_id) == 0)
            heard_last = TRUE;
        }
      since = MAX (since, json_object_get_int_member_with_default (answer, "last_seq", since));
    }
  g_atomic_int_inc (&round->finished);
  return NULL;
}

/* A counter of the TcpExt line of /proc/net/netstat (the whole
 * machine's), to tell in the notes whether connections were dropped at the
 * listen queue; -1 if unknown. */
static gint64
tcp_ext_counter (const char *name)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/net/netstat", &text, NULL, NULL))
    return -1;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      g_auto(GStrv) names = NULL;
      g_auto(GStrv) values = NULL;

      if (!g_str_has_prefix (lines[i], "TcpExt:") || !g_str_has_prefix (lines[i + 1], "TcpExt:"))
        continue;
      names = g_strsplit (lines[i], " ", -1);
      values = g_strsplit (lines[i + 1], " ", -1);
      for (guint j = 0; names[j] != NULL && values[j] != NULL; j++)
        {
          if (g_strcmp0 (names[j], name) == 0)
            return g_ascii_strtoll (values[j], NULL, 10);
        }
    }
  return -1;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* Nearest rank, in ms, of @percent of the sorted samples. */
static double
percentile_ms (GArray *sorted_us,
               guint   percent)
{
  guint rank;

  if (sorted_us->len == 0)
    return -1;
  rank = MAX (1, (percent * sorted_us->len + 99) / 100);
  return g_array_index (sorted_us, gint64, rank - 1) / 1000.0;
}

/* One round: @n_watchers follow the feed while the writer adds N_ENTRIES
 * entries at RATE_PER_SECOND, then one more that ends the round. Prints the
 * round's latency figures; returns the largest resident size of the server
 * seen while the watchers were connected. */
static double
run_round (Bench *bench,
           guint  n_watchers)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GHashTable) answered = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                          g_free, g_free);
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) from_send = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *last_id = g_uuid_string_random ();
  g_autofree Watcher *watchers = g_new0 (Watcher, n_watchers);
  Round round = { 0 };
  double rss_max;
  gint64 start;
  gint64 deadline;
  gint64 last_at;
  guint missing = 0;
  guint errors = 0;
  guint late = 0;
  guint early = 0;
  gint64 overflows;
  gint64 syn_retrans;

  for (guint i = 0; i < bench->n_watched; i++)
    round.base_urls[i] = bench->watched[i]->base_url;
  round.n_urls = bench->n_watched;
  round.token = bench->server->viewer;
  round.last_id = last_id;
  round.since = sitrep_test_health_seq (bench->server);
  round.cancellable = cancellable;

  for (guint i = 0; i < n_watchers; i++)
    {
      watchers[i].round = &round;
      watchers[i].index = i;
      watchers[i].seqs = g_array_sized_new (FALSE, FALSE, sizeof (gint64), N_ENTRIES + 1);
      watchers[i].times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), N_ENTRIES + 1);
      watchers[i].thread = g_thread_new ("watcher", watch, &watchers[i]);
    }
  while ((guint) g_atomic_int_get (&round.started) < n_watchers)
    g_usleep (1000);
  g_usleep (SETTLE_MS * 1000);
  rss_max = server_rss_mb (bench);
  overflows = tcp_ext_counter ("ListenOverflows");
  syn_retrans = tcp_ext_counter ("TCPSynRetrans");

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      gint64 due = start + (gint64) i * G_USEC_PER_SEC / RATE_PER_SECOND;
      gint64 now = g_get_monotonic_time ();
      g_autofree char *text = NULL;
      gint64 *seq = g_new (gint64, 1);
      gint64 *at = g_new (gint64, 2);   /* answered, sent */

      text = g_strdup_printf ("Entry %u of round %u: error rate on checkout at %u%%, "
                              "restarted pod payments-%u", i, n_watchers, i % 40, i % 12);
      if (due > now)
        g_usleep ((gulong) (due - now));
      else if (now - due > G_USEC_PER_SEC / RATE_PER_SECOND)
        late++;
      at[1] = g_get_monotonic_time ();
      *seq = push_entry (bench, NULL, text, at);
      g_hash_table_insert (answered, seq, at);
      if (i % RATE_PER_SECOND == RATE_PER_SECOND / 2)
        rss_max = MAX (rss_max, server_rss_mb (bench));
    }
  push_entry (bench, last_id, "End of the round", &last_at);

  deadline = g_get_monotonic_time () + FINISH_TIMEOUT_MS * 1000;
  while ((guint) g_atomic_int_get (&round.finished) < n_watchers &&
         g_get_monotonic_time () < deadline)
    g_usleep (1000);
  overflows = tcp_ext_counter ("ListenOverflows") - overflows;
  syn_retrans = tcp_ext_counter ("TCPSynRetrans") - syn_retrans;
  if ((guint) g_atomic_int_get (&round.finished) < n_watchers)
    g_printerr ("# %u watchers: %u did not hear the last entry within %d ms\n", n_watchers,
                n_watchers - (guint) g_atomic_int_get (&round.finished), FINISH_TIMEOUT_MS);
  g_cancellable_cancel (cancellable);

  for (guint i = 0; i < n_watchers; i++)
    {
      Watcher *watcher = &watchers[i];
      guint heard = 0;

      g_thread_join (watcher->thread);
      for (guint j = 0; j < watcher->seqs->len; j++)
        {
          gint64 seq = g_array_index (watcher->seqs, gint64, j);
          gint64 *at = g_hash_table_lookup (answered, &seq);
          gint64 latency;
          gint64 since_sent;

          if (at == NULL)
            continue;
          since_sent = g_array_index (watcher->times, gint64, j) - at[1];
          g_array_append_val (from_send, since_sent);
          /* The watcher may have its answer a moment before the writer. */
          latency = g_array_index (watcher->times, gint64, j) - at[0];
          if (latency < 0)
            {
              latency = 0;
              early++;
            }
          g_array_append_val (latencies, latency);
          heard++;
        }
      missing += N_ENTRIES - MIN (heard, N_ENTRIES);
      errors += watcher->errors;
      g_array_unref (watcher->seqs);
      g_array_unref (watcher->times);
    }

  g_printerr ("# %u watchers: %u samples, %u missing, %u watcher errors, %u pushes late, "
              "%.1f s of writing\n", n_watchers, latencies->len, missing, errors, late,
              (last_at - start) / (double) G_USEC_PER_SEC);
  g_printerr ("# %u watchers: %u samples heard before the push's answer (counted as 0 ms); "
              "on this machine meanwhile %" G_GINT64_FORMAT " listen queue overflows, %"
              G_GINT64_FORMAT " SYN retransmissions\n", n_watchers, early, overflows,
              syn_retrans);
  g_array_sort (latencies, compare_gint64);
  g_array_sort (from_send, compare_gint64);
  g_printerr ("# %u watchers: from the push's request instead of its answer: p50 %.1f ms, "
              "p99 %.1f ms\n", n_watchers, percentile_ms (from_send, 50),
              percentile_ms (from_send, 99));
  if (latencies->len > 0)
    g_printerr ("# %u watchers: min %.1f ms, p90 %.1f ms, max %.1f ms\n", n_watchers,
                g_array_index (latencies, gint64, 0) / 1000.0,
                percentile_ms (latencies, 90),
                g_array_index (latencies, gint64, latencies->len - 1) / 1000.0);
  printf ("sync_latency_p50_%uw%s %.1f ms\n", n_watchers, bench->suffix,
          percentile_ms (latencies, 50));
  printf ("sync_latency_p99_%uw%s %.1f ms\n", n_watchers, bench->suffix,
          percentile_ms (latencies, 99));
  fflush (stdout);
  return rss_max;
}

/* Mutations a second in N_THROUGHPUT_PUSHES pushes of PUSH_SIZE timeline
 * entries, one after the other, after one push to warm up. The bodies are
 * made beforehand. */
static double
run_throughput (Bench *bench)
{
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  gint64 start;
  gint64 elapsed;

  for (guint i = 0; i < N_THROUGHPUT_PUSHES + 1; i++)
    {
      g_autoptr(JsonArray) mutations = json_array_new ();

      for (guint j = 0; j < PUSH_SIZE; j++)
        {
          g_autofree char *text = g_strdup_printf ("Bulk entry %u.%u: imported from the "
                                                   "alert history of checkout", i, j);

          add_timeline_put (bench, mutations, NULL, text);
        }
      g_ptr_array_add (bodies, push_body (bench, mutations));
    }

  push (bench, g_ptr_array_index (bodies, 0), PUSH_SIZE, NULL);
  start = g_get_monotonic_time ();
  for (guint i = 1; i < bodies->len; i++)
    push (bench, g_ptr_array_index (bodies, i), PUSH_SIZE, NULL);
  elapsed = g_get_monotonic_time () - start;
  g_printerr ("# %u pushes of %u: %.3f s\n", N_THROUGHPUT_PUSHES, PUSH_SIZE,
              elapsed / (double) G_USEC_PER_SEC);
  return N_THROUGHPUT_PUSHES * PUSH_SIZE / (elapsed / (double) G_USEC_PER_SEC);
}

static void
note_load (const char *when)
{
  g_autofree char *text = NULL;

  if (g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    g_printerr ("# load average %s: %s", when, text);
}

/* Three processes on one PostgreSQL: 50 watchers spread over them, the
 * writer on the first; then the first's push throughput. */
static void
run_postgres (void)
{
  Bench bench = { 0 };
  g_autofree char *why = NULL;
  double throughput;

  if (!sitrep_test_pg_available (&why))
    {
      g_printerr ("# no PostgreSQL figures: %s\n", why);
      return;
    }

  g_setenv ("SITREP_TEST_BACKEND", "postgres", TRUE);
  bench.server = sitrep_test_server_new_with_args ("--rate-limit", "0", NULL);
  bench.watched[0] = bench.server;
  for (guint i = 1; i < MAX_SERVERS; i++)
    bench.watched[i] = sitrep_test_server_new_sharing (bench.server);
  bench.n_watched = MAX_SERVERS;
  bench.suffix = "_pg3";
  bench.pid = g_strdup (g_subprocess_get_identifier (bench.server->proc));
  bench.session = session_new ();
  bench.client_id = g_uuid_string_random ();
  bench.next_mid = 1;
  declare_incident (&bench);

  run_round (&bench, 50);
  throughput = run_throughput (&bench);
  printf ("push_throughput_pg %.0f mutations/s\n", throughput);
  fflush (stdout);

  g_clear_object (&bench.session);
  for (guint i = MAX_SERVERS; i-- > 0;)
    sitrep_test_server_free (bench.watched[i]);
  g_free (bench.pid);
  g_free (bench.client_id);
  g_free (bench.incident_id);
}

int
main (int   argc,
      char *argv[])
{
  Bench bench = { 0 };
  double rss_50w = -1;
  double throughput;
  gint64 began = g_get_monotonic_time ();

  note_load ("at the start");
  bench.server = sitrep_test_server_new_with_args ("--rate-limit", "0", NULL);
  bench.watched[0] = bench.server;
  bench.n_watched = 1;
  bench.suffix = "";
  bench.pid = g_strdup (g_subprocess_get_identifier (bench.server->proc));
  bench.session = session_new ();
  bench.client_id = g_uuid_string_random ();
  bench.next_mid = 1;
  declare_incident (&bench);

  for (guint i = 0; i < G_N_ELEMENTS (watcher_counts); i++)
    {
      double rss = run_round (&bench, watcher_counts[i]);

      if (watcher_counts[i] == 50)
        rss_50w = rss;
    }

  throughput = run_throughput (&bench);
  printf ("push_throughput %.0f mutations/s\n", throughput);
  printf ("server_rss_50w %.1f MB\n", rss_50w);
  fflush (stdout);

  g_clear_object (&bench.session);
  /* Stops the server, asserting the clean exit with status 0. */
  sitrep_test_server_free (bench.server);
  g_free (bench.pid);
  g_free (bench.client_id);
  g_free (bench.incident_id);

  if (g_getenv ("SITREP_BENCH_POSTGRES") != NULL)
    run_postgres ();

  note_load ("at the end");
  g_printerr ("# took %.1f s\n", (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC);
  return 0;
}

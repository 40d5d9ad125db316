/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-soak.c: whether the real sitrep-server's memory stays flat under a
 * long storm of pushes
 *
 * 8 client threads ($SITREP_SOAK_CLIENTS), each with its own SoupSession (so its own kept-alive
 * connections), push 10 timeline entries at a time, one push after the
 * other, for $SITREP_SOAK_SECONDS (default 120) seconds. The server's
 * resident memory is read from /proc once a warm-up (a tenth of the run, at
 * most 10 s) is over and again at the end; the goal is an end within 1.5
 * times the start. The server is started by the integration tests'
 * fixture on 127.0.0.1 port 0 with `--rate-limit 0`; the binary comes from
 * $SITREP_SERVER_BIN.
 *
 * Prints `soak_rss_start_mb`, `soak_rss_end_mb`, `soak_rss_max_mb`,
 * `soak_pushes_per_s` and `soak_p99_ms` as `<figure> <value> <unit>` lines
 * on stdout; notes go to stderr.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "server-fixture.h"

#define N_CLIENTS 8
#define PUSH_SIZE 10
#define SECONDS_DEFAULT 120
#define WARMUP_MAX_SECONDS 10

typedef struct
{
  const char *base_url;
  const char *token;
  const char *incident_id;
  gint64      warm_at;      /* monotonic µs: latencies count from here */
  gint64      end_at;
  gint        failed;       /* atomic */
} Storm;

typedef struct
{
  Storm   *storm;
  GThread *thread;
  GArray  *latencies;       /* gint64 µs, one per push after the warm-up */
  guint    pushes;          /* after the warm-up */
} Client;

static double
rss_mb (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", pid);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;
  line = strstr (text, "\nVmRSS:");
  if (line == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("\nVmRSS:"), NULL) / 1024.0;
}

/* A push of @n new timeline entries of @incident_id */
static char *
push_body (const char *client_id,
           gint64     *next_mid,
           const char *incident_id,
           guint       n)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "{\"client_id\":\"%s\",\"mutations\":[", client_id);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_uuid_string_random ();

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "{\"mid\":%" G_GINT64_FORMAT ",\"op\":\"put\","
                              "\"coll\":\"timeline\",\"id\":\"%s\",\"body\":"
                              "{\"incident_id\":\"%s\",\"occurred_at\":"
                              "\"2026-11-27T14:32:00.000Z\",\"kind\":\"note\","
                              "\"text\":\"Storm entry %" G_GINT64_FORMAT ": checkout "
                              "latency back under 2 s on node %u\",\"author\":\"scribe\","
                              "\"pinned\":false}}",
                              *next_mid, id, incident_id, *next_mid, i);
      (*next_mid)++;
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

/* Returns whether the push was answered 200. */
static gboolean
push (SoupSession *session,
      Storm       *storm,
      const char  *json)
{
  g_autofree char *url = g_strconcat (storm->base_url, "/v1/push", NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", storm->token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  if (answer == NULL || soup_message_get_status (msg) != 200)
    {
      g_printerr ("# push failed: %s %u\n", error != NULL ? error->message : "",
                  soup_message_get_status (msg));
      return FALSE;
    }
  return TRUE;
}

static gpointer
client_run (gpointer data)
{
  Client *client = data;
  Storm *storm = client->storm;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *client_id = g_uuid_string_random ();
  gint64 next_mid = 1;

  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("timeout", 60, "idle-timeout", 60, NULL);
  soup_session_remove_feature_by_type (session, SOUP_TYPE_AUTH_MANAGER);
  soup_session_set_proxy_resolver (session, NULL);

  while (g_get_monotonic_time () < storm->end_at && !g_atomic_int_get (&storm->failed))
    {
      g_autofree char *json = push_body (client_id, &next_mid, storm->incident_id, PUSH_SIZE);
      gint64 start = g_get_monotonic_time ();

      if (!push (session, storm, json))
        {
          g_atomic_int_set (&storm->failed, 1);
          break;
        }
      if (start >= storm->warm_at)
        {
          gint64 took = g_get_monotonic_time () - start;

          g_array_append_val (client->latencies, took);
          client->pushes++;
        }
    }

  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SitrepTestServer) server = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *incident_id = g_uuid_string_random ();
  g_autofree char *declare = NULL;
  const char *env = g_getenv ("SITREP_SOAK_SECONDS");
  guint seconds = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : SECONDS_DEFAULT;
  guint warmup;
  const char *env_clients = g_getenv ("SITREP_SOAK_CLIENTS");
  guint n_clients = env_clients != NULL ? (guint) g_ascii_strtoull (env_clients, NULL, 10)
                                        : N_CLIENTS;
  Client clients[64];
  Storm storm = { 0 };
  gint64 start, next_sample;
  double rss_start, rss_end, rss_max;
  guint pushes = 0;
  const char *pid;

  if (seconds < 2)
    seconds = 2;
  n_clients = CLAMP (n_clients, 1, G_N_ELEMENTS (clients));
  warmup = MIN (WARMUP_MAX_SECONDS, MAX (1, seconds / 10));

  server = sitrep_test_server_new_with_args ("--rate-limit", "0", NULL);
  pid = g_subprocess_get_identifier (server->proc);
  storm.base_url = server->base_url;
  storm.token = server->responder;
  storm.incident_id = incident_id;

  /* The incident the entries belong to */
  {
    gint64 mid = 1;
    g_autoptr(GString) json = g_string_new (NULL);

    g_string_append_printf (json, "{\"client_id\":\"soak-setup\",\"mutations\":[{\"mid\":%"
                            G_GINT64_FORMAT ",\"op\":\"put\",\"coll\":\"incidents\","
                            "\"id\":\"%s\",\"body\":{\"title\":\"Checkout latency over 2 s\","
                            "\"severity\":\"P2\",\"status\":\"investigating\"}}]}",
                            mid, incident_id);
    declare = g_strdup (json->str);
    session = soup_session_new ();
    soup_session_set_proxy_resolver (session, NULL);
    if (!push (session, &storm, declare))
      g_error ("cannot declare the incident");
  }

  start = g_get_monotonic_time ();
  storm.warm_at = start + (gint64) warmup * G_USEC_PER_SEC;
  storm.end_at = start + (gint64) seconds * G_USEC_PER_SEC;
  g_printerr ("# %u clients, pushes of %u, %u s (warm-up %u s)\n", n_clients, PUSH_SIZE,
              seconds, warmup);

  for (guint i = 0; i < n_clients; i++)
    {
      clients[i].storm = &storm;
      clients[i].latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
      clients[i].pushes = 0;
      clients[i].thread = g_thread_new ("soak-client", client_run, &clients[i]);
    }

  /* The main thread only watches the server's memory. */
  g_usleep ((gulong) warmup * G_USEC_PER_SEC);
  rss_start = rss_mb (pid);
  rss_max = rss_start;
  g_printerr ("# rss after the warm-up: %.1f MB\n", rss_start);
  next_sample = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < storm.end_at && !g_atomic_int_get (&storm.failed))
    {
      g_usleep (G_USEC_PER_SEC / 4);
      rss_max = MAX (rss_max, rss_mb (pid));
      if (g_get_monotonic_time () >= next_sample)
        {
          g_printerr ("# rss at %.0f s: %.1f MB\n",
                      (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC,
                      rss_mb (pid));
          next_sample += 10 * G_USEC_PER_SEC;
        }
    }

  for (guint i = 0; i < n_clients; i++)
    {
      g_thread_join (clients[i].thread);
      g_array_append_vals (all, clients[i].latencies->data, clients[i].latencies->len);
      pushes += clients[i].pushes;
      g_array_unref (clients[i].latencies);
    }
  rss_end = rss_mb (pid);
  rss_max = MAX (rss_max, rss_end);

  if (g_atomic_int_get (&storm.failed))
    g_error ("a push failed");
  g_array_sort (all, compare_gint64);

  printf ("soak_rss_start_mb %.1f MB\n", rss_start);
  printf ("soak_rss_end_mb %.1f MB\n", rss_end);
  printf ("soak_rss_max_mb %.1f MB\n", rss_max);
  printf ("soak_pushes_per_s %.0f pushes/s\n", pushes / (double) (seconds - warmup));
  printf ("soak_p99_ms %.1f ms\n",
          all->len > 0 ? g_array_index (all, gint64, (all->len - 1) * 99 / 100) / 1000.0 : -1);
  fflush (stdout);
  g_printerr ("# %u pushes of %u mutations after the warm-up; end/start %.2f\n", pushes,
              PUSH_SIZE, rss_end / rss_start);
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* held-request.c: a request the server holds, known to have reached it
 *
 * The request goes out on a thread of its own with its own session. Once
 * libsoup has written all of it, two round trips on another connection
 * follow: the server reads its sockets on one main loop, so by the time it
 * has answered those it has read the held request too. No sleep stands in
 * for "long enough". */

#include "config.h"

#include "held-request.h"

struct _SitrepHeldRequest
{
  SitrepTestServer *server;
  char             *path;
  const char       *token;
  GThread          *thread;
  GMutex            lock;
  GCond             cond;
  gboolean          sent;
  SitrepReply      *reply;
  gint64            answered_at;
};

static void
wrote_body (SoupMessage       *msg,
            SitrepHeldRequest *held)
{
  g_mutex_lock (&held->lock);
  held->sent = TRUE;
  g_cond_broadcast (&held->cond);
  g_mutex_unlock (&held->lock);
}

static void
request_queued (SoupSession       *session,
                SoupMessage       *msg,
                SitrepHeldRequest *held)
{
  g_signal_connect (msg, "wrote-body", G_CALLBACK (wrote_body), held);
}

static gpointer
held_thread (gpointer data)
{
  SitrepHeldRequest *held = data;
  g_autoptr(SoupSession) session = sitrep_test_session_new ();
  SitrepReply *reply;

  g_signal_connect (session, "request-queued", G_CALLBACK (request_queued), held);
  reply = sitrep_test_request (held->server, session, "GET", held->path, held->token,
                               NULL, NULL, 0);

  g_mutex_lock (&held->lock);
  held->reply = reply;
  held->answered_at = g_get_monotonic_time ();
  /* Sent or not, nothing more will come: wake a waiter either way. */
  held->sent = TRUE;
  g_cond_broadcast (&held->cond);
  g_mutex_unlock (&held->lock);
  return NULL;
}

/**
 * sitrep_held_request_start:
 *
 * Sends GET @path with @token and returns once the server has read it.
 */
SitrepHeldRequest *
sitrep_held_request_start (SitrepTestServer *server,
                           const char       *path,
                           const char       *token)
{
  SitrepHeldRequest *held = g_new0 (SitrepHeldRequest, 1);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  held->server = server;
  held->path = g_strdup (path);
  held->token = token;
  g_mutex_init (&held->lock);
  g_cond_init (&held->cond);
  held->thread = g_thread_new ("held-request", held_thread, held);

  g_mutex_lock (&held->lock);
  while (!held->sent)
    if (!g_cond_wait_until (&held->cond, &held->lock, deadline))
      g_error ("GET %s was not sent within 10 s", path);
  g_mutex_unlock (&held->lock);

  sitrep_test_health_seq (server);
  sitrep_test_health_seq (server);
  return held;
}

/**
 * sitrep_held_request_answered:
 *
 * Returns: whether the server has answered (or the request failed)
 */
gboolean
sitrep_held_request_answered (SitrepHeldRequest *held)
{
  gboolean answered;

  g_mutex_lock (&held->lock);
  answered = held->reply != NULL;
  g_mutex_unlock (&held->lock);
  return answered;
}

/**
 * sitrep_held_request_finish:
 * @answered_at: (out) (optional): when the answer came, monotonic time
 *
 * Waits for the answer and frees @held.
 *
 * Returns: (transfer full): the answer
 */
SitrepReply *
sitrep_held_request_finish (SitrepHeldRequest *held,
                            gint64            *answered_at)
{
  SitrepReply *reply;

  g_thread_join (held->thread);
  reply = held->reply;
  if (answered_at != NULL)
    *answered_at = held->answered_at;
  g_mutex_clear (&held->lock);
  g_cond_clear (&held->cond);
  g_free (held->path);
  g_free (held);
  return reply;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lossy-proxy.c: a loopback TCP relay that loses requests and answers
 *
 * Plain blocking sockets, one thread per connection and one that accepts;
 * every wait is a poll() of at most 100 ms so that freeing the proxy ends
 * them all promptly.
 */

#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lossy-proxy.h"

#define TICK_MS 100

typedef enum
{
  FATE_RELAY,
  FATE_DROP_REQUEST,
  FATE_DROP_ANSWER,
} Fate;

struct _SitrepLossyProxy
{
  int       listen_fd;
  char     *url;
  GThread  *accept_thread;

  GMutex    lock;
  GCond     cond;
  GRand    *rand;
  guint16   upstream_port;
  double    drop_rate;
  gboolean  stopping;
  guint     active;
  guint     connections;
  guint     dropped_requests;
  guint     dropped_answers;
};

typedef struct
{
  SitrepLossyProxy *proxy;
  int               client_fd;
  int               server_fd;
  Fate              fate;
} Connection;

static gboolean
stopping (SitrepLossyProxy *proxy)
{
  gboolean value;

  g_mutex_lock (&proxy->lock);
  value = proxy->stopping;
  g_mutex_unlock (&proxy->lock);
  return value;
}

static gboolean
write_all (int         fd,
           const char *data,
           gssize      len)
{
  while (len > 0)
    {
      gssize n = send (fd, data, (size_t) len, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }
  return TRUE;
}

static int
connect_upstream (guint16 port)
{
  struct sockaddr_in addr = { 0 };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  if (fd < 0)
    return -1;
  addr.sin_family = AF_INET;
  addr.sin_port = htons (port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (connect (fd, (struct sockaddr *) &addr, sizeof addr) != 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

/* Reads what the client sent, then hangs up on it unanswered. */
static void
drop_request (Connection *c)
{
  char buf[4096];

  for (guint waited = 0; waited < 2000 && !stopping (c->proxy); waited += TICK_MS)
    {
      struct pollfd pfd = { c->client_fd, POLLIN, 0 };

      if (poll (&pfd, 1, TICK_MS) > 0)
        {
          if (read (c->client_fd, buf, sizeof buf) < 0 && errno == EINTR)
            continue;
          break;
        }
    }
}

/* Copies both ways until the server hangs up (it answers
 * `Connection: close`); the answer is thrown away for FATE_DROP_ANSWER. */
static gboolean
relay (Connection *c)
{
  char buf[16384];
  gboolean answered = FALSE;

  while (!stopping (c->proxy))
    {
      struct pollfd pfd[2] = {
        { c->client_fd, POLLIN, 0 },
        { c->server_fd, POLLIN, 0 },
      };
      gssize n;

      if (poll (pfd, 2, TICK_MS) < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }

      if (pfd[0].revents != 0)
        {
          n = read (c->client_fd, buf, sizeof buf);
          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0 || !write_all (c->server_fd, buf, n))
            break;
        }
      if (pfd[1].revents != 0)
        {
          n = read (c->server_fd, buf, sizeof buf);
          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            break;
          answered = TRUE;
          if (c->fate == FATE_RELAY && !write_all (c->client_fd, buf, n))
            break;
        }
    }

  return answered;
}

static gpointer
connection_thread (gpointer data)
{
  Connection *c = data;
  SitrepLossyProxy *proxy = c->proxy;
  gboolean dropped = FALSE;
  guint16 port;

  g_mutex_lock (&proxy->lock);
  port = proxy->upstream_port;
  g_mutex_unlock (&proxy->lock);

  if (c->fate == FATE_DROP_REQUEST)
    {
      drop_request (c);
      dropped = TRUE;
    }
  else if ((c->server_fd = connect_upstream (port)) >= 0)
    {
      dropped = relay (c) && c->fate == FATE_DROP_ANSWER;
      close (c->server_fd);
    }
  /* else: the server is down; the client sees its connection closed. */

  close (c->client_fd);

  g_mutex_lock (&proxy->lock);
  if (dropped && c->fate == FATE_DROP_REQUEST)
    proxy->dropped_requests++;
  else if (dropped)
    proxy->dropped_answers++;
  proxy->active--;
  g_cond_broadcast (&proxy->cond);
  g_mutex_unlock (&proxy->lock);

  g_free (c);
  return NULL;
}

static gpointer
accept_thread (gpointer data)
{
  SitrepLossyProxy *proxy = data;

  while (!stopping (proxy))
    {
      struct pollfd pfd = { proxy->listen_fd, POLLIN, 0 };
      Connection *c;
      double r;
      int fd;

      if (poll (&pfd, 1, TICK_MS) <= 0)
        continue;
      fd = accept (proxy->listen_fd, NULL, NULL);
      if (fd < 0)
        continue;

      c = g_new0 (Connection, 1);
      c->proxy = proxy;
      c->client_fd = fd;
      c->server_fd = -1;

      g_mutex_lock (&proxy->lock);
      r = g_rand_double (proxy->rand);
      c->fate = r < proxy->drop_rate / 2 ? FATE_DROP_REQUEST
                : r < proxy->drop_rate ? FATE_DROP_ANSWER
                : FATE_RELAY;
      proxy->connections++;
      proxy->active++;
      g_mutex_unlock (&proxy->lock);

      g_thread_unref (g_thread_new ("lossy-proxy-conn", connection_thread, c));
    }

  return NULL;
}

/**
 * sitrep_lossy_proxy_new:
 * @upstream_port: the server's port on 127.0.0.1
 * @seed: for the random fates, so a failure can be replayed
 *
 * Starts relaying, losing nothing until sitrep_lossy_proxy_set_drop_rate().
 */
SitrepLossyProxy *
sitrep_lossy_proxy_new (guint16 upstream_port,
                        guint32 seed)
{
  SitrepLossyProxy *proxy = g_new0 (SitrepLossyProxy, 1);
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;

  g_mutex_init (&proxy->lock);
  g_cond_init (&proxy->cond);
  proxy->rand = g_rand_new_with_seed (seed);
  proxy->upstream_port = upstream_port;

  proxy->listen_fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (proxy->listen_fd, >=, 0);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (proxy->listen_fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (listen (proxy->listen_fd, 128), ==, 0);
  g_assert_cmpint (getsockname (proxy->listen_fd, (struct sockaddr *) &addr, &len), ==, 0);

  proxy->url = g_strdup_printf ("http://127.0.0.1:%u/", ntohs (addr.sin_port));
  proxy->accept_thread = g_thread_new ("lossy-proxy", accept_thread, proxy);
  return proxy;
}

void
sitrep_lossy_proxy_free (SitrepLossyProxy *proxy)
{
  if (proxy == NULL)
    return;

  g_mutex_lock (&proxy->lock);
  proxy->stopping = TRUE;
  g_mutex_unlock (&proxy->lock);
  g_thread_join (proxy->accept_thread);

  g_mutex_lock (&proxy->lock);
  while (proxy->active > 0)
    g_cond_wait (&proxy->cond, &proxy->lock);
  g_mutex_unlock (&proxy->lock);

  close (proxy->listen_fd);
  g_rand_free (proxy->rand);
  g_mutex_clear (&proxy->lock);
  g_cond_clear (&proxy->cond);
  g_free (proxy->url);
  g_free (proxy);
}

/**
 * sitrep_lossy_proxy_get_url:
 *
 * Returns: `http://127.0.0.1:PORT/` of the proxy
 */
const char *
sitrep_lossy_proxy_get_url (SitrepLossyProxy *proxy)
{
  return proxy->url;
}

/**
 * sitrep_lossy_proxy_set_upstream:
 *
 * Relays new connections to another port (a restarted server).
 */
void
sitrep_lossy_proxy_set_upstream (SitrepLossyProxy *proxy,
                                 guint16           upstream_port)
{
  g_mutex_lock (&proxy->lock);
  proxy->upstream_port = upstream_port;
  g_mutex_unlock (&proxy->lock);
}

/**
 * sitrep_lossy_proxy_set_drop_rate:
 * @rate: the share of new connections to lose, half of them before the
 *   request reaches the server and half after it answered
 */
void
sitrep_lossy_proxy_set_drop_rate (SitrepLossyProxy *proxy,
                                  double            rate)
{
  g_mutex_lock (&proxy->lock);
  proxy->drop_rate = rate;
  g_mutex_unlock (&proxy->lock);
}

void
sitrep_lossy_proxy_get_counts (SitrepLossyProxy *proxy,
                               guint            *connections,
                               guint            *dropped_requests,
                               guint            *dropped_answers)
{
  g_mutex_lock (&proxy->lock);
  if (connections != NULL)
    *connections = proxy->connections;
  if (dropped_requests != NULL)
    *dropped_requests = proxy->dropped_requests;
  if (dropped_answers != NULL)
    *dropped_answers = proxy->dropped_answers;
  g_mutex_unlock (&proxy->lock);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pg-storm.h: clients pushing through three server processes at once
 *
 * Three sitrep-server processes on one database of the private PostgreSQL
 * (pg-fixture.h). Four clients, each on a thread and a session of its own,
 * push batches through different processes: a new incident (whose ref the
 * server numbers) and timeline entries each time. A client that gets no
 * answer, or a 503, sends the same push again after a short backoff, to
 * another process if its own is gone, as the app does, until it is
 * acknowledged. The main thread waits on what the clients report, under
 * the storm's lock.
 */

#pragma once

#include "server-fixture.h"

G_BEGIN_DECLS

#define N_SERVERS 3
#define N_CLIENTS 4
#define BATCH 8
#define WAIT_US (60 * G_USEC_PER_SEC)

typedef struct _Storm Storm;

typedef struct
{
  Storm       *storm;
  guint        index;
  guint        server;        /* the process it pushes through */
  const char  *token;
  char        *cid;
  char        *incident;      /* of its timeline entries */
  gint64       next_mid;
  GPtrArray   *ids;           /* record id of mid i + 1 */
  GArray      *seqs;          /* acknowledged seq of mid i + 1 */
  guint        n_503;
  guint        n_503_without_retry_after;
  guint        n_transport_errors;
  char        *unexpected;
} Client;

struct _Storm
{
  SitrepTestServer *servers[N_SERVERS];
  gboolean          dead[N_SERVERS];
  Client            clients[N_CLIENTS];
  GThread          *threads[N_CLIENTS];
  GMutex            lock;
  GCond             cond;
  guint             acked;       /* pushes acknowledged, all clients */
  guint             unavailable; /* 503 answers, all clients */
  gboolean          stop;
  gboolean          expect_errors; /* a process or the database is going away */
};

Storm *storm_new    (void);
void   storm_free   (Storm       *storm);
void   storm_start  (Storm       *storm);
void   storm_wait   (Storm       *storm,
                     const guint *field,
                     guint        n,
                     const char  *what);
void   storm_stop   (Storm       *storm);
void   storm_verify (Storm       *storm);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cas-race.c: two editors, one base_version, one winner
 *
 * Two clients (two tokens, two threads, two sessions) write the same
 * timeline entry with the same base_version at the same moment, 20 times.
 * Each time exactly one gets `applied` and the other `conflict` with the
 * winner's record as `current`, so the loser can show both texts: the
 * scribe never loses an edit silently.
 *
 * And under concurrent writers, readers of the feed never see a seq before
 * every lower one, and a snapshot is one consistent moment.
 */

#include "config.h"

#include <string.h>

#include "protocol-common.h"

#define N_ROUNDS 20

typedef struct
{
  GMutex mutex;
  GCond  cond;
  guint  waiting;
  guint  generation;
  guint  n;
} Barrier;

static void
barrier_wait (Barrier *barrier)
{
  guint generation;

  g_mutex_lock (&barrier->mutex);
  generation = barrier->generation;
  if (++barrier->waiting == barrier->n)
    {
      barrier->waiting = 0;
      barrier->generation++;
      g_cond_broadcast (&barrier->cond);
    }
  else
    {
      while (generation == barrier->generation)
        g_cond_wait (&barrier->cond, &barrier->mutex);
    }
  g_mutex_unlock (&barrier->mutex);
}

typedef struct
{
  SitrepTestServer *server;
  Barrier          *barrier;
  const char       *token;
  const char       *name;
  const char       *incident;
  const char       *entry;
  char             *cid;
  gint64           *base_version;   /* set by the main thread before each round */
  SitrepReply      *replies[N_ROUNDS];
} Editor;

static char *
edit_text (const char *name,
           guint       round)
{
  return g_strdup_printf ("round %u: %s's wording", round, name);
}

static gpointer
editor_thread (gpointer data)
{
  Editor *editor = data;
  g_autoptr(SoupSession) session = sitrep_test_session_new ();
  g_autoptr(SitrepReply) warm = NULL;

  /* An open connection, so both pushes leave at once. */
  warm = sitrep_test_request (editor->server, session, "GET", "/v1/health", NULL, NULL, NULL, 0);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autofree char *text = edit_text (editor->name, round);
      g_autofree char *mutation = NULL;
      g_autofree char *json = NULL;
      gint64 base;

      barrier_wait (editor->barrier);
      base = *editor->base_version;
      /* Whole-record puts and single-field patches take turns. */
      if (round % 2 == 0)
        {
          mutation = mut_put_base (round + 1, "timeline", editor->entry, base,
                                   timeline_body (editor->incident, text));
        }
      else
        {
          g_autofree char *fields = g_strdup_printf ("{\"text\": \"%s\"}", text);

          mutation = mut_patch_base (round + 1, "timeline", editor->entry, base,
                                     g_steal_pointer (&fields));
        }
      json = push_json (editor->cid, g_steal_pointer (&mutation), NULL);
      editor->replies[round] = sitrep_test_request (editor->server, session, "POST", "/v1/push",
                                                    editor->token, "application/json", json, -1);
      barrier_wait (editor->barrier);
    }
  return NULL;
}

static void
test_same_base_version (void)
{
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new ();
  g_autofree char *setup_cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *entry = sitrep_test_uuid ();
  g_autofree char *setup = push_json (setup_cid,
                                      mut_put (1, "incidents", inc, incident_body ("Race", "P2")),
                                      mut_put (2, "timeline", entry,
                                               timeline_body (inc, "first wording")),
                                      NULL);
  g_autoptr(JsonArray) created = push_results (server, server->admin, setup, 2);
  Barrier barrier = { .n = 3 };
  gint64 base_version;
  Editor editors[2] = {
    { server, &barrier, server->responder, "alice", inc, entry, sitrep_test_uuid (),
      &base_version, { NULL } },
    { server, &barrier, server->responder2, "bob", inc, entry, sitrep_test_uuid (),
      &base_version, { NULL } },
  };
  GThread *threads[2];
  guint wins[2] = { 0, 0 };
  g_autoptr(JsonObject) snapshot = NULL;
  g_autofree char *last_text = NULL;

  base_version = assert_applied (result_at (created, 1), 2);
  g_mutex_init (&barrier.mutex);
  g_cond_init (&barrier.cond);
  for (guint e = 0; e < 2; e++)
    threads[e] = g_thread_new ("editor", editor_thread, &editors[e]);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      JsonObject *results[2];
      int winner = -1;
      gint64 won_version = 0;
      JsonObject *current;
      g_autofree char *won_text = NULL;

      barrier_wait (&barrier);   /* go */
      barrier_wait (&barrier);   /* both answered */

      for (guint e = 0; e < 2; e++)
        {
          SitrepReply *reply = editors[e].replies[round];
          JsonArray *array;

          sitrep_assert_status (reply, 200);
          array = json_object_get_array_member (sitrep_reply_object (reply), "results");
          g_assert_nonnull (array);
          results[e] = result_at (array, 0);
          if (g_strcmp0 (json_object_get_string_member_with_default (results[e], "status", NULL),
                         "applied") == 0)
            {
              if (winner >= 0)
                sitrep_test_note ("round %u: both applied on base_version %" G_GINT64_FORMAT,
                                  round, base_version);
              g_assert_cmpint (winner, ==, -1);
              winner = (int) e;
            }
        }
      if (winner < 0)
        sitrep_test_note ("round %u: nobody applied on base_version %" G_GINT64_FORMAT,
                          round, base_version);
      g_assert_cmpint (winner, >=, 0);
      wins[winner]++;

      won_version = assert_applied (results[winner], round + 1);
      g_assert_cmpint (won_version, >, base_version);
      current = assert_conflict (results[1 - winner], round + 1);
      g_assert_cmpint (json_object_get_int_member (current, "version"), ==, won_version);
      g_assert_false (json_object_get_boolean_member (current, "deleted"));
      won_text = edit_text (editors[winner].name, round);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (current,
                                                                                     "body"),
                                                      "text"), ==, won_text);
      base_version = won_version;
      g_free (last_text);
      last_text = g_steal_pointer (&won_text);
    }
  for (guint e = 0; e < 2; e++)
    g_thread_join (threads[e]);
  sitrep_test_note ("alice won %u rounds, bob %u", wins[0], wins[1]);

  /* The record holds the last winner's text; one change per win. */
  snapshot = sitrep_test_snapshot (server);
  {
    JsonObject *record = sitrep_test_find_record (snapshot, "timeline", entry);

    g_assert_nonnull (record);
    g_assert_cmpint (json_object_get_int_member (record, "version"), ==, base_version);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (record,
                                                                                   "body"),
                                                    "text"), ==, last_text);
  }
  g_assert_cmpint (sitrep_test_health_seq (server), ==, 2 + N_ROUNDS);

  for (guint e = 0; e < 2; e++)
    {
      for (guint round = 0; round < N_ROUNDS; round++)
        sitrep_reply_free (editors[e].replies[round]);
      g_free (editors[e].cid);
    }
  g_mutex_clear (&barrier.mutex);
  g_cond_clear (&barrier.cond);
}

#define N_WRITERS 3
#define STORM_US (1500 * 1000)

typedef struct
{
  SitrepTestServer *server;
  const char       *token;
  const char       *incident;
  gint             *running;
  char             *error;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(SoupSession) session = sitrep_test_session_new ();
  g_autofree char *cid = sitrep_test_uuid ();
  gint64 mid = 1;

  while (g_atomic_int_get (writer->running) && writer->error == NULL)
    {
      g_autoptr(GPtrArray) m = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *json = NULL;
      g_autoptr(SitrepReply) reply = NULL;

      for (guint i = 0; i < 10; i++, mid++)
        {
          g_autofree char *id = sitrep_test_uuid ();

          g_ptr_array_add (m, mut_put (mid, "timeline", id,
                                       timeline_body (writer->incident, "storm")));
        }
      json = push_jsonv (cid, m);
      reply = sitrep_test_request (writer->server, session, "POST", "/v1/push", writer->token,
                                   "application/json", json, -1);
      if (reply->status != 200)
        writer->error = g_strdup_printf ("%s -> %u", reply->what, reply->status);
    }
  return NULL;
}

typedef struct
{
  gint64 seq;
  guint  n_timeline;
  gint64 max_version;
} SnapshotView;

typedef struct
{
  SitrepTestServer *server;
  gint             *running;
  gint64            since;
  guint             n_reads;
  GArray           *snapshots;
  char             *error;
} Reader;

static gpointer
reader_thread (gpointer data)
{
  Reader *reader = data;
  g_autoptr(SoupSession) session = sitrep_test_session_new ();

  while (g_atomic_int_get (reader->running) && reader->error == NULL)
    {
      g_autofree char *path = g_strdup_printf ("/v1/changes?since=%" G_GINT64_FORMAT
                                               "&limit=1000&wait=1", reader->since);
      g_autoptr(SitrepReply) reply = sitrep_test_request (reader->server, session, "GET", path,
                                                          reader->server->viewer, NULL, NULL, 0);
      g_autoptr(SitrepReply) snap = NULL;
      JsonArray *changes;
      JsonArray *records;
      SnapshotView view = { 0, 0, 0 };

      if (reply->status != 200 || reply->json == NULL)
        {
          reader->error = g_strdup_printf ("%s -> %u", reply->what, reply->status);
          break;
        }
      changes = json_object_get_array_member (json_node_get_object (reply->json), "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          gint64 seq = json_object_get_int_member (json_array_get_object_element (changes, i),
                                                   "seq");

          if (seq != reader->since + 1)
            {
              reader->error = g_strdup_printf ("read seq %" G_GINT64_FORMAT " after %"
                                               G_GINT64_FORMAT, seq, reader->since);
              break;
            }
          reader->since = seq;
        }
      reader->n_reads++;

      snap = sitrep_test_request (reader->server, session, "GET", "/v1/snapshot",
                                  reader->server->viewer, NULL, NULL, 0);
      if (snap->status != 200 || snap->json == NULL)
        {
          reader->error = g_strdup_printf ("%s -> %u", snap->what, snap->status);
          break;
        }
      view.seq = json_object_get_int_member (json_node_get_object (snap->json), "seq");
      records = json_object_get_array_member (json_node_get_object (snap->json), "records");
      for (guint i = 0; i < json_array_get_length (records); i++)
        {
          JsonObject *record = json_array_get_object_element (records, i);

          view.max_version = MAX (view.max_version,
                                  json_object_get_int_member (record, "version"));
          if (g_strcmp0 (json_object_get_string_member (record, "coll"), "timeline") == 0)
            view.n_timeline++;
        }
      g_array_append_val (reader->snapshots, view);
    }
  return NULL;
}

static void
test_feed_in_order (void)
{
  /* Flat out: no rate limit in the way (the default is for people). */
  g_autoptr(SitrepTestServer) server = sitrep_test_server_new_with_args ("--rate-limit",
                                                                         "1000000", NULL);
  g_autofree char *cid = sitrep_test_uuid ();
  g_autofree char *inc = sitrep_test_uuid ();
  g_autofree char *setup = push_json (cid, mut_put (1, "incidents", inc,
                                                    incident_body ("Feed", "P2")), NULL);
  g_autoptr(JsonArray) created = push_results (server, server->admin, setup, 1);
  g_autoptr(JsonArray) changes = NULL;
  gint running = 1;
  Writer writers[N_WRITERS];
  const char *tokens[N_WRITERS] = { server->responder, server->responder2, server->admin };
  GThread *threads[N_WRITERS + 2];
  Reader readers[2];

  assert_applied (result_at (created, 0), 1);
  for (guint r = 0; r < 2; r++)
    {
      readers[r] = (Reader) { server, &running, 0, 0, g_array_new (FALSE, FALSE,
                                                                 sizeof (SnapshotView)), NULL };
      threads[N_WRITERS + r] = g_thread_new ("reader", reader_thread, &readers[r]);
    }
  for (guint w = 0; w < N_WRITERS; w++)
    {
      writers[w] = (Writer) { server, tokens[w], inc, &running, NULL };
      threads[w] = g_thread_new ("writer", writer_thread, &writers[w]);
    }
  g_usleep (STORM_US);
  g_atomic_int_set (&running, 0);
  for (guint t = 0; t < N_WRITERS + 2; t++)
    g_thread_join (threads[t]);
  for (guint w = 0; w < N_WRITERS; w++)
    {
      if (writers[w].error != NULL)
        sitrep_test_note ("writer %u: %s", w, writers[w].error);
      g_assert_null (writers[w].error);
    }

  /* Each change writes a new record: a snapshot at seq S holds S - 1
   * timeline entries, no more, no less. */
  changes = sitrep_test_all_changes (server, 0);
  for (guint r = 0; r < 2; r++)
    {
      if (readers[r].error != NULL)
        sitrep_test_note ("reader %u: %s", r, readers[r].error);
      g_assert_null (readers[r].error);
      sitrep_test_note ("reader %u: %u reads, %u snapshots, last seq %" G_GINT64_FORMAT, r,
                        readers[r].n_reads, readers[r].snapshots->len, readers[r].since);
      g_assert_cmpuint (readers[r].n_reads, >, 1);
      for (guint i = 0; i < readers[r].snapshots->len; i++)
        {
          SnapshotView *view = &g_array_index (readers[r].snapshots, SnapshotView, i);

          if (view->n_timeline != view->seq - 1 || view->max_version > view->seq)
            sitrep_test_note ("snapshot seq %" G_GINT64_FORMAT " with %u entries, newest "
                              "version %" G_GINT64_FORMAT, view->seq, view->n_timeline,
                              view->max_version);
          g_assert_cmpint (view->max_version, <=, view->seq);
          g_assert_cmpint (view->n_timeline, ==, view->seq - 1);
        }
      g_array_unref (readers[r].snapshots);
    }
  g_assert_cmpint (json_array_get_length (changes), ==, sitrep_test_health_seq (server));
  for (guint i = 0; i < json_array_get_length (changes); i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (changes, i),
                                                 "seq"), ==, i + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  sitrep_test_add ("/integration/cas/same-base-version", test_same_base_version);
  sitrep_test_add ("/integration/cas/feed-in-order", test_feed_in_order);

  return g_test_run ();
}

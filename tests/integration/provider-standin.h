/* SPDX-License-Identifier: GPL-3.0-or-later */
/* provider-standin.h: PagerDuty, Statuspage and a webhook receiver, as the
 * server under test sees them
 *
 * A SoupServer on 127.0.0.1 port 0, on a thread and main context of its
 * own, so it answers while the test's thread waits. It checks every
 * request as the provider documents it (method, path, headers, JSON
 * fields) and answers as the provider would: a request the provider would
 * refuse gets the provider's 400, which a test expecting a delivery then
 * sees as a failure. Tests can script the next answers (a status, or
 * holding the request unanswered) and wait for requests to arrive.
 *
 *   PagerDuty Events v2   POST /v2/enqueue                       → 202
 *   Statuspage            POST /v1/pages/PAGE/incidents          → 201 {id}
 *                         PATCH /v1/pages/PAGE/incidents/ID      → 200
 *   webhook               POST /hooks/NAME                       → 200
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define STANDIN_ROUTING_KEY "R0UT1NGKEY0F32CHARACTERS00000001"
#define STANDIN_PAGE_ID     "kctbh9vrtdwd"
#define STANDIN_API_KEY     "89a229ce1a8dbcf9ff30430fbe35eb4c0426574bca932061892cefd2138aa4b1"

typedef enum {
  STANDIN_PAGERDUTY,
  STANDIN_STATUSPAGE,
  STANDIN_WEBHOOK,
} StandinProvider;

/* One request as it arrived, and how it was answered. */
typedef struct {
  StandinProvider provider;
  char           *method;
  char           *path;
  char           *content_type;
  char           *authorization;   /* NULL when absent */
  JsonNode       *json;            /* NULL when the body was not JSON */
  guint           status;          /* 0 while held */
  gint64          arrived_us;      /* monotonic */
  char           *problem;         /* why it was refused as malformed, or NULL */
} StandinRequest;

typedef struct _Standin Standin;

Standin        *standin_new            (void);
void            standin_free           (Standin         *self);
const char     *standin_url            (Standin         *self);
void            standin_answer_next    (Standin         *self,
                                        StandinProvider  provider,
                                        guint            status,
                                        const char      *body);
void            standin_answer_next_retry_after (Standin         *self,
                                                 StandinProvider  provider,
                                                 guint            status,
                                                 guint            seconds);
void            standin_hold_next      (Standin         *self,
                                        StandinProvider  provider);
gboolean        standin_wait_requests  (Standin         *self,
                                        guint            n,
                                        guint            timeout_ms);
guint           standin_count          (Standin         *self,
                                        StandinProvider  provider);
StandinRequest *standin_request        (Standin         *self,
                                        StandinProvider  provider,
                                        guint            index);
guint           standin_pagerduty_alerts (Standin       *self);
guint           standin_statuspage_incidents (Standin   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Standin, standin_free)

G_END_DECLS

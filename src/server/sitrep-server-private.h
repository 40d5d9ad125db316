/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-private.h: shared by the endpoint files of the server */

#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "sitrep-server.h"
#include "sitrep-server-auth.h"

G_BEGIN_DECLS

/* libsoup 3.2 has no name for it */
#define SITREP_STATUS_TOO_MANY_REQUESTS 429

/* The largest body a request other than a POST may have; a POST may have
 * SITREP_PROTOCOL_MAX_BODY. */
#define SITREP_SERVER_MAX_OTHER_BODY 1024

typedef struct _SitrepServerConnections SitrepServerConnections;
typedef struct _SitrepServerConnection  SitrepServerConnection;

/* What the server knows of one request, attached to its message. */
typedef struct {
  SitrepServer      *server;
  SoupServerMessage *msg;         /* owns us */
  gint64             started;
  guint              timeout_id;
  guint              write_timeout_id;
  guint64            written;     /* bytes of the answer's body written */
  guint64            written_seen; /* as of the last write timeout check */
  gsize              body_limit;
  gsize              body_read;
  guint              route_index;  /* into the routes of sitrep-server-routes.c */
  SitrepServerToken *token;
  gsize              body_bytes;
  gboolean           too_large;
  gboolean           counted;     /* reached the early handler */
  gboolean           read;        /* its body was read whole */
  gboolean           done;        /* finished or aborted */
} SitrepServerRequest;

/* Runs on the writer thread, inside no transaction: it opens its own. Returns
 * the HTTP status and sets @response to the JSON body; sets @changed when it
 * committed new changes. */
typedef guint (*SitrepServerWriteFunc) (SitrepServerStorage  *storage,
                                        gpointer              data,
                                        char                **response,
                                        gboolean             *changed);

/* Called on the main thread once an own write's function returned. */
typedef void (*SitrepServerWriteDone) (guint    status,
                                       gpointer user_data);

SitrepServerStorage     *_sitrep_server_get_storage   (SitrepServer      *self);
SitrepServerRateLimiter *_sitrep_server_get_limiter   (SitrepServer      *self);
GPtrArray               *_sitrep_server_get_waiters   (SitrepServer      *self);
SitrepServerRequest     *_sitrep_server_request_get   (SoupServerMessage *msg);
void                     _sitrep_server_request_begin (SitrepServer        *self,
                                                       SitrepServerRequest *req);
void                     _sitrep_server_request_end   (SitrepServer        *self,
                                                       SoupServerMessage   *msg,
                                                       gboolean             aborted);
const SitrepServerToken *_sitrep_server_get_token     (SoupServerMessage *msg);
gboolean                 _sitrep_server_is_stopping   (SitrepServer      *self);

void  _sitrep_server_respond_json          (SoupServerMessage *msg,
                                            guint              status,
                                            char              *json);
void  _sitrep_server_respond_error         (SoupServerMessage *msg,
                                            guint              status,
                                            const char        *code,
                                            const char        *message);
void  _sitrep_server_respond_storage_error (SoupServerMessage *msg,
                                            const GError      *error);
char *_sitrep_server_storage_error_json    (const GError      *error,
                                            guint             *status);
void  _sitrep_server_run_write             (SitrepServer          *self,
                                            SoupServerMessage     *msg,
                                            SitrepServerWriteFunc  func,
                                            gpointer               data,
                                            GDestroyNotify         destroy);
void  _sitrep_server_run_own_write         (SitrepServer          *self,
                                            SitrepServerWriteFunc  func,
                                            gpointer               data,
                                            GDestroyNotify         destroy,
                                            SitrepServerWriteDone  done,
                                            gpointer               done_data);

/* sitrep-server-bodies.c */
void  _sitrep_server_bound_body            (SitrepServer      *self,
                                            SoupServerMessage *msg);

/* sitrep-server-connections.c */
SitrepServerConnections *_sitrep_server_connections_new    (SoupServer                *soup,
                                                            const SitrepServerOptions *options);
gboolean                 _sitrep_server_connections_listen (SitrepServerConnections   *self,
                                                            GSocket                   *socket,
                                                            GTlsCertificate           *certificate,
                                                            GError                   **error);
void                     _sitrep_server_connections_stop   (SitrepServerConnections   *self);
void                     _sitrep_server_connections_free   (SitrepServerConnections   *self);
SitrepServerConnection  *_sitrep_server_connection_get     (SoupServerMessage         *msg);
void                     _sitrep_server_connection_drop    (SitrepServerConnection    *conn,
                                                            gboolean                   abortive);
void                     _sitrep_server_connection_answered (SoupServerMessage        *msg);
void                     _sitrep_server_connection_ack_now (SitrepServerConnection    *conn);
void                     _sitrep_server_connection_refuse  (SitrepServerConnection    *conn,
                                                            GIOStream                 *stream,
                                                            GBytes                    *answer);

/* sitrep-server-routes.c */
void  _sitrep_server_watch_refusals        (SoupServerMessage *msg);
void  _sitrep_server_early_handler         (SoupServer        *soup,
                                            SoupServerMessage *msg,
                                            const char        *path,
                                            GHashTable        *query,
                                            gpointer           user_data);
void  _sitrep_server_handler               (SoupServer        *soup,
                                            SoupServerMessage *msg,
                                            const char        *path,
                                            GHashTable        *query,
                                            gpointer           user_data);

/* sitrep-server-feed.c */
void  _sitrep_server_handle_changes        (SitrepServer      *self,
                                            SoupServerMessage *msg,
                                            GHashTable        *query);
void  _sitrep_server_handle_snapshot       (SitrepServer      *self,
                                            SoupServerMessage *msg);
void  _sitrep_server_wake_waiters          (SitrepServer      *self,
                                            gboolean           stopping);
void  _sitrep_server_forget_waiter         (SitrepServer      *self,
                                            SoupServerMessage *msg);

/* sitrep-server-push.c */
void  _sitrep_server_handle_push           (SitrepServer      *self,
                                            SoupServerMessage *msg,
                                            JsonObject        *request);

/* sitrep-server-alertmanager.c */
void  _sitrep_server_handle_alertmanager   (SitrepServer      *self,
                                            SoupServerMessage *msg,
                                            JsonObject        *payload);

G_END_DECLS

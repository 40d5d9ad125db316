/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server.h: the HTTP side of sitrep-server */

#pragma once

#include <gio/gio.h>

#include "sitrep-server-storage.h"

G_BEGIN_DECLS

typedef struct {
  guint    rate_limit;        /* requests per second per token; 0: no limit */
  guint    request_timeout;   /* seconds to send a whole request; 0: no limit */
  guint    write_timeout;     /* seconds an answer may make no progress; 0: no limit */
  guint    max_connections;   /* open at once; 0: no limit */
  guint    max_connections_per_address; /* open at once from one address; 0: no limit */
  gboolean verbose;           /* log each request on stderr */
} SitrepServerOptions;

#define SITREP_TYPE_SERVER (sitrep_server_get_type ())

G_DECLARE_FINAL_TYPE (SitrepServer, sitrep_server, SITREP, SERVER, GObject)

SitrepServer *sitrep_server_new             (SitrepServerStorage        *storage,
                                             const SitrepServerOptions  *options);
gboolean      sitrep_server_listen          (SitrepServer               *self,
                                             GSocketAddress             *address,
                                             GTlsCertificate            *certificate,
                                             guint                      *port,
                                             GError                    **error);
void          sitrep_server_shutdown_async  (SitrepServer               *self,
                                             GAsyncReadyCallback         callback,
                                             gpointer                    user_data);
gboolean      sitrep_server_shutdown_finish (SitrepServer               *self,
                                             GAsyncResult               *result,
                                             GError                    **error);

G_END_DECLS

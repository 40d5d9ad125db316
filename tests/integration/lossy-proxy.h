/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lossy-proxy.h: a loopback TCP relay that loses requests and answers
 *
 * Sits between a client and sitrep-server on 127.0.0.1. The server answers
 * `Connection: close`, so one connection carries one request: for each new
 * connection the proxy decides at random whether to relay it, to close it
 * before the request reaches the server, or to let the server answer and
 * close it before the answer reaches the client. Runs on threads of its
 * own, so it keeps relaying while the test's main thread is busy.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SitrepLossyProxy SitrepLossyProxy;

SitrepLossyProxy *sitrep_lossy_proxy_new           (guint16           upstream_port,
                                                    guint32           seed);
void              sitrep_lossy_proxy_free          (SitrepLossyProxy *proxy);
const char       *sitrep_lossy_proxy_get_url       (SitrepLossyProxy *proxy);
void              sitrep_lossy_proxy_set_upstream  (SitrepLossyProxy *proxy,
                                                    guint16           upstream_port);
void              sitrep_lossy_proxy_set_drop_rate (SitrepLossyProxy *proxy,
                                                    double            rate);
void              sitrep_lossy_proxy_get_counts    (SitrepLossyProxy *proxy,
                                                    guint            *connections,
                                                    guint            *dropped_requests,
                                                    guint            *dropped_answers);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepLossyProxy, sitrep_lossy_proxy_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* held-request.h: a request the server holds (a long poll), started on a
 * thread of its own and known to have reached the server */

#pragma once

#include "server-fixture.h"

G_BEGIN_DECLS

typedef struct _SitrepHeldRequest SitrepHeldRequest;

SitrepHeldRequest *sitrep_held_request_start    (SitrepTestServer  *server,
                                                 const char        *path,
                                                 const char        *token);
gboolean           sitrep_held_request_answered (SitrepHeldRequest *held);
SitrepReply       *sitrep_held_request_finish   (SitrepHeldRequest *held,
                                                 gint64            *answered_at);

G_END_DECLS

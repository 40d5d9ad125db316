/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-alertmanager.c: POST /v1/integrations/alertmanager */

#include "config.h"

#include "sitrep-protocol.h"
#include "sitrep-server-private.h"

void
_sitrep_server_handle_alertmanager (SitrepServer      *self,
                                    SoupServerMessage *msg,
                                    JsonObject        *payload)
{
  _sitrep_server_respond_error (msg, 404, SITREP_PROTOCOL_NOT_FOUND, "not yet");
}

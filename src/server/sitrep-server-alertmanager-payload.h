/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-alertmanager-payload.h: the shape of a webhook payload */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *_sitrep_server_alertmanager_check_payload (JsonObject *payload);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-delivery.h: pages and status page updates, delivered */

#pragma once

#include <glib-object.h>

#include "sitrep-server.h"
#include "sitrep-server-config.h"

G_BEGIN_DECLS

#define SITREP_TYPE_SERVER_DELIVERY (sitrep_server_delivery_get_type ())

G_DECLARE_FINAL_TYPE (SitrepServerDelivery, sitrep_server_delivery,
                      SITREP, SERVER_DELIVERY, GObject)

SitrepServerDelivery *sitrep_server_delivery_new   (SitrepServer              *server,
                                                    SitrepServerStorage       *storage,
                                                    const SitrepServerConfig  *config);
gboolean              sitrep_server_delivery_start (SitrepServerDelivery      *self,
                                                    GError                   **error);
void                  sitrep_server_delivery_stop  (SitrepServerDelivery      *self);

G_END_DECLS

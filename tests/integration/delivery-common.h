/* SPDX-License-Identifier: GPL-3.0-or-later */
/* delivery-common.h: a real sitrep-server configured to deliver to the
 * provider stand-ins, and waiting for what it writes back */

#pragma once

#include "protocol-common.h"
#include "provider-standin.h"

G_BEGIN_DECLS

#define DELIVERY_WAIT_MS 30000

typedef struct {
  Standin          *standin;
  char             *dir;         /* the configuration and its key files */
  char             *config;
  SitrepTestServer *server;
  char             *client_id;
  gint64            mid;
  gint64            seen;        /* the last seq delivery_wait() read */
} DeliveryFixture;

char            *delivery_write_config  (const char      *dir,
                                         const char      *url);
DeliveryFixture *delivery_fixture_new   (void);
void             delivery_fixture_free  (DeliveryFixture *fixture);
gint64           delivery_push          (DeliveryFixture *fixture,
                                         const char      *op,
                                         const char      *coll,
                                         const char      *id,
                                         const char      *json);
char            *delivery_incident      (DeliveryFixture *fixture,
                                         const char      *title,
                                         const char      *severity);
char            *delivery_page          (DeliveryFixture *fixture,
                                         const char      *incident_id,
                                         const char      *team,
                                         const char      *message);
JsonObject      *delivery_wait          (DeliveryFixture *fixture,
                                         const char      *coll,
                                         const char      *id,
                                         const char      *delivery);
JsonObject      *delivery_current       (DeliveryFixture *fixture,
                                         const char      *coll,
                                         const char      *id);

void             add_delivery_statuspage_tests (void);
void             add_delivery_sync_tests       (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeliveryFixture, delivery_fixture_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-delivery-private.h: what the providers' files share */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sitrep-server-config.h"

G_BEGIN_DECLS

/* At most this many attempts per record (PROTOCOL.md § Integrations). */
#define SITREP_DELIVERY_MAX_ATTEMPTS 10

/* What one delivery knows when it builds its request. */
typedef struct {
  const char *coll;          /* "pages" or "communications" */
  const char *id;
  gint64      version;
  JsonObject *body;          /* the record's body */
  JsonObject *incident;      /* (nullable) the incident's body */
  const char *external_id;   /* (nullable) the incident's Statuspage id, once created */
} SitrepDeliveryRequest;

typedef enum {
  SITREP_DELIVERY_DELIVERED,
  SITREP_DELIVERY_RETRY,     /* network error, 5xx, 429 */
  SITREP_DELIVERY_FAILED,    /* final: the provider refused it */
} SitrepDeliveryOutcome;

/* sitrep-server-delivery-pagerduty.c: a page, to PagerDuty or a webhook */
SoupMessage *_sitrep_delivery_page_message       (const SitrepServerConfig     *config,
                                                  const SitrepDeliveryRequest  *request,
                                                  const char                  **provider,
                                                  char                        **problem);

/* sitrep-server-delivery-statuspage.c: a communication, to Statuspage */
SoupMessage *_sitrep_delivery_statuspage_message (const SitrepServerConfig     *config,
                                                  const SitrepDeliveryRequest  *request,
                                                  char                        **problem);
char        *_sitrep_delivery_statuspage_id      (GBytes                       *answer);

/* sitrep-server-delivery-http.c */
SitrepDeliveryOutcome _sitrep_delivery_classify  (SoupMessage                  *msg,
                                                  GBytes                       *answer,
                                                  const GError                 *error,
                                                  const char                   *subject,
                                                  const char                   *object,
                                                  char                        **message);
SoupMessage *_sitrep_delivery_json_message       (const char                   *method,
                                                  const char                   *url,
                                                  JsonNode                     *json);

G_END_DECLS

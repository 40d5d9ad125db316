/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-record-object.h"

G_BEGIN_DECLS

#define SITREP_TYPE_PAGE_REQUEST (sitrep_page_request_get_type ())

G_DECLARE_FINAL_TYPE (SitrepPageRequest, sitrep_page_request, SITREP, PAGE_REQUEST, SitrepRecordObject)

/**
 * SitrepPageDelivery:
 * @SITREP_PAGE_DELIVERY_PENDING: the server has not delivered it yet
 * @SITREP_PAGE_DELIVERY_DELIVERED: the provider took it
 * @SITREP_PAGE_DELIVERY_FAILED: the provider refused it, or every retry failed
 */
typedef enum
{
  SITREP_PAGE_DELIVERY_PENDING,
  SITREP_PAGE_DELIVERY_DELIVERED,
  SITREP_PAGE_DELIVERY_FAILED,
} SitrepPageDelivery;

SitrepPageRequest  *sitrep_page_request_new           (const char        *id,
                                                       JsonObject        *body,
                                                       gint64             version);
const char         *sitrep_page_request_get_team      (SitrepPageRequest *self);
const char         *sitrep_page_request_get_message   (SitrepPageRequest *self);
const char         *sitrep_page_request_get_requested_by (SitrepPageRequest *self);
const char         *sitrep_page_request_get_requested_at (SitrepPageRequest *self);
SitrepPageDelivery  sitrep_page_request_get_delivery  (SitrepPageRequest *self);
char               *sitrep_page_request_dup_outcome   (SitrepPageRequest *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * SitrepPublication:
 * @SITREP_PUBLICATION_NONE: not asked to be published
 * @SITREP_PUBLICATION_AWAITING: waits for the Communications Lead's approval
 * @SITREP_PUBLICATION_PENDING: the server is to publish it (or is at it)
 * @SITREP_PUBLICATION_PUBLISHED: the status page shows it
 * @SITREP_PUBLICATION_FAILED: the status page refused it, or retries ran out
 *
 * Where a communication stands with the status page (PROTOCOL.md
 * § Integrations): `publish` and `approval` are the authors', `delivery`
 * and the rest the server's.
 */
typedef enum
{
  SITREP_PUBLICATION_NONE,
  SITREP_PUBLICATION_AWAITING,
  SITREP_PUBLICATION_PENDING,
  SITREP_PUBLICATION_PUBLISHED,
  SITREP_PUBLICATION_FAILED,
} SitrepPublication;

SitrepPublication sitrep_publication_of          (JsonObject  *communication);
JsonObject       *sitrep_publication_request     (gboolean     needs_approval);
JsonObject       *sitrep_publication_approval    (const char  *approved_by,
                                                  const char  *approved_at);
gboolean          sitrep_publication_may_approve (JsonObject  *communication,
                                                  const char  *communications_lead,
                                                  const char  *user,
                                                  GError     **error);

G_END_DECLS

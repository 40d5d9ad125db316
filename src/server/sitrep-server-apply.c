/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-apply.c: writing one change, as pushes and integrations do */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-json.h"
#include "sitrep-protocol.h"
#include "sitrep-protocol-scan.h"
#include "sitrep-time.h"
#include "sitrep-server-apply.h"

/**
 * sitrep_server_keep_ref:
 * @current: (nullable): the incident as stored
 * @body: the incident's new body
 *
 * `ref` belongs to the server: @body gets the stored one, or a new
 * `INC-YYYY-NNN`, numbered per year from 001 in the year the incident was
 * declared (or now, when it has no `declared_at`).
 */
gboolean
sitrep_server_keep_ref (SitrepServerStorage       *storage,
                        const SitrepServerRecord  *current,
                        JsonObject                *body,
                        GError                   **error)
{
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GDateTime) declared = NULL;
  g_autofree char *ref = NULL;
  gint64 number;
  int year;

  if (current != NULL && current->body != NULL)
    {
      stored = sitrep_protocol_parse_stored (current->body, NULL);
      if (sitrep_json_get_string (stored, "ref") != NULL)
        {
          json_object_set_string_member (body, "ref", sitrep_json_get_string (stored, "ref"));
          return TRUE;
        }
    }

  declared = sitrep_time_parse (sitrep_json_get_string (body, "declared_at"));
  if (declared == NULL)
    declared = g_date_time_new_now_utc ();
  year = g_date_time_get_year (declared);

  if (!storage->vtable->next_ref_number (storage, year, &number, error))
    return FALSE;

  ref = g_strdup_printf ("INC-%04d-%03" G_GINT64_FORMAT, year, number);
  json_object_set_string_member (body, "ref", ref);
  return TRUE;
}

/**
 * sitrep_server_keep_delivery:
 * @current: (nullable): the record as stored
 * @coll: its collection
 * @body: the record's new body, from a client
 *
 * What the server writes about a delivery of a page or a communication
 * (PROTOCOL.md § Integrations) is the server's: @body gets the stored
 * values of those fields, or none, whatever the client sent. A client that
 * puts the record whole therefore keeps them, and one cannot mark a page
 * delivered or make the server forget that it was.
 */
void
sitrep_server_keep_delivery (const SitrepServerRecord *current,
                             const char               *coll,
                             JsonObject               *body)
{
  static const char * const server_fields[] = {
    "delivery", "provider", "external_id", "attempts", "delivered_at", "error",
  };
  g_autoptr(JsonObject) stored = NULL;

  if (body == NULL || (!g_str_equal (coll, "pages") && !g_str_equal (coll, "communications")))
    return;

  if (current != NULL && !current->deleted && current->body != NULL)
    stored = sitrep_protocol_parse_stored (current->body, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (server_fields); i++)
    {
      JsonNode *node = stored != NULL ? json_object_get_member (stored, server_fields[i]) : NULL;

      if (node != NULL)
        json_object_set_member (body, server_fields[i], json_node_copy (node));
      else
        json_object_remove_member (body, server_fields[i]);
    }
}

/**
 * sitrep_server_body_fits:
 * @body: (nullable): a record's whole new body
 * @error: set to %SITREP_PROTOCOL_ERROR_TOO_LARGE when it does not fit
 *
 * A record is at most as large as one request may carry
 * (%SITREP_PROTOCOL_MAX_BODY), so that every record can be put back whole
 * and no patch ever has to drop what it cannot read.
 *
 * Returns: whether @body fits
 */
gboolean
sitrep_server_body_fits (JsonObject  *body,
                         GError     **error)
{
  g_autofree char *json = NULL;

  if (body == NULL)
    return TRUE;

  json = sitrep_json_to_string (body);
  if (strlen (json) <= SITREP_PROTOCOL_MAX_BODY)
    return TRUE;

  g_set_error (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_TOO_LARGE,
               _("The record would be larger than %d bytes"), SITREP_PROTOCOL_MAX_BODY);
  return FALSE;
}

/**
 * sitrep_server_write_change:
 * @body: (nullable): the record's whole new body; %NULL for a delete
 * @seq: (out): the seq of the change, which is also the record's version
 *
 * Appends a change and writes the record, inside the open write
 * transaction. A body that does not fit (sitrep_server_body_fits()) fails
 * with %SITREP_PROTOCOL_ERROR_TOO_LARGE and writes nothing.
 */
gboolean
sitrep_server_write_change (SitrepServerStorage       *storage,
                            const SitrepServerAuthor  *author,
                            const char                *op,
                            const char                *coll,
                            const char                *id,
                            JsonObject                *body,
                            gint64                    *seq,
                            GError                   **error)
{
  g_autofree char *body_json = body != NULL ? sitrep_json_to_string (body) : NULL;
  SitrepServerChange change = {
    .coll = (char *) coll,
    .id = (char *) id,
    .op = (char *) op,
    .deleted = body == NULL,
    .body = body_json,
    .client_id = (char *) author->client_id,
    .mid = author->mid,
    .actor = (char *) author->actor,
    .ts = (char *) author->ts,
  };

  if (body_json != NULL && strlen (body_json) > SITREP_PROTOCOL_MAX_BODY)
    return sitrep_server_body_fits (body, error);

  if (!storage->vtable->append_change (storage, &change, error))
    return FALSE;

  *seq = change.seq;
  return TRUE;
}

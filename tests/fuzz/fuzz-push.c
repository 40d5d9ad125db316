/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-push.c: the server's reading of a `POST /v1/push` body
 *
 * The body goes through the scan and the push decoder, each mutation's
 * data through the record checks and the patch merge, as the server does;
 * a push that was read is written back as a client would send it, and
 * that must read again to as many mutations. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep-json.h"
#include "sitrep-protocol-push.h"
#include "sitrep-protocol-scan.h"
#include "sitrep-record.h"
#include "fuzz-entry.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(SitrepProtocolPush) push = NULL;
  g_autoptr(JsonObject) reread = NULL;
  g_autoptr(SitrepProtocolPush) again = NULL;
  g_autofree char *rebuilt = NULL;

  request = sitrep_protocol_parse_object_bounded ((const char *) data, size,
                                                  SITREP_PROTOCOL_MAX_TEXT,
                                                  SITREP_PROTOCOL_MAX_DEPTH, NULL);
  if (request == NULL)
    return 0;

  push = sitrep_protocol_push_parse (request, NULL);
  if (push == NULL)
    return 0;

  for (guint i = 0; i < push->mutations->len; i++)
    {
      SitrepMutation *m = g_ptr_array_index (push->mutations, i);
      g_autoptr(GError) invalid = NULL;

      if (m->problem != NULL || m->data == NULL)
        continue;

      if (m->op == SITREP_MUTATION_PUT)
        sitrep_record_validate (m->coll, m->id, m->data, &invalid);
      else if (m->op == SITREP_MUTATION_PATCH)
        {
          g_autoptr(JsonObject) merged = json_object_new ();

          sitrep_record_validate_patch (m->coll, m->data, &invalid);
          sitrep_protocol_merge_patch (merged, m->data);
          if (json_object_get_size (merged) != json_object_get_size (m->data))
            abort ();
        }
    }

  rebuilt = sitrep_protocol_push_build (push->client_id, push->mutations);
  reread = sitrep_protocol_parse_object_bounded (rebuilt, strlen (rebuilt), G_MAXSIZE,
                                                 SITREP_PROTOCOL_MAX_DEPTH, NULL);
  if (reread == NULL)
    abort ();
  again = sitrep_protocol_push_parse (reread, NULL);
  if (again == NULL || again->mutations->len != push->mutations->len
      || strcmp (again->client_id, push->client_id) != 0)
    abort ();

  return 0;
}

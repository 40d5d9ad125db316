/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-changes.c: a client's reading of a `GET /v1/changes` page (and of a
 * snapshot), from the bytes the server sent */

#include "config.h"

#include <stdlib.h>

#include "sitrep-protocol-feed.h"
#include "sitrep-protocol-scan.h"
#include "sitrep-record.h"
#include "fuzz-entry.h"

/* As deep as the sync engine reads an answer: a record's 32 and the page
 * around it. */
#define ANSWER_DEPTH (SITREP_PROTOCOL_MAX_DEPTH + 4)

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) records = NULL;
  gint64 last_seq = 0, seq = 0;
  gboolean more = FALSE;

  answer = sitrep_protocol_parse_object_bounded ((const char *) data, size, G_MAXSIZE,
                                                 ANSWER_DEPTH, NULL);
  if (answer == NULL)
    return 0;

  changes = sitrep_protocol_changes_parse (answer, 0, &last_seq, &more, NULL);
  if (changes != NULL)
    {
      gint64 previous = 0;

      for (guint i = 0; i < changes->len; i++)
        {
          SitrepChange *change = g_ptr_array_index (changes, i);

          if (change->seq <= previous || change->record == NULL)
            abort ();
          previous = change->seq;
        }
      if (last_seq < previous)
        abort ();
    }

  records = sitrep_protocol_snapshot_parse (answer, &seq, NULL);
  if (records != NULL && seq < 0)
    abort ();

  return 0;
}

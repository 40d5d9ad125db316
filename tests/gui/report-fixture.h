/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-fixture.h: the metrics fixture's incidents, action items and
 * postmortems written through the store, for the reports' tests (the
 * command line and the Reports window) */

#pragma once

#include "sitrep-store.h"
#include "sitrep-time.h"

#include "../core/metrics-fixture.h"

G_BEGIN_DECLS

/* Times as the protocol has them: UTC, with a Z. */
static inline void
report_fixture_normalise_times (JsonObject *body)
{
  g_autoptr(GList) members = json_object_get_members (body);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (body, name);
      g_autoptr(GDateTime) dt = NULL;

      if (g_str_has_suffix (name, "_at") && JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_STRING
          && (dt = sitrep_time_parse (json_node_get_string (node))) != NULL)
        {
          g_autofree char *text = sitrep_time_format (dt);

          json_object_set_string_member (body, name, text);
        }
    }
}

static inline void
report_fixture_put (SitrepStore         *store,
         const char          *coll,
         const FixtureRecord *records,
         guint                n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) body = fixture_parse (records[i].json);
      g_autoptr(GError) error = NULL;

      report_fixture_normalise_times (body);
      g_assert_true (sitrep_store_put (store, coll, records[i].id, body, &error));
      g_assert_no_error (error);
    }
}

static inline void
report_fixture_put_all (SitrepStore *store)
{
  report_fixture_put (store, "incidents", fixture_incidents, G_N_ELEMENTS (fixture_incidents));
  report_fixture_put (store, "action_items", fixture_action_items,
                      G_N_ELEMENTS (fixture_action_items));
  report_fixture_put (store, "postmortems", fixture_postmortems,
                      G_N_ELEMENTS (fixture_postmortems));
}

G_END_DECLS
